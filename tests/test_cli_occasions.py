"""`newsgraph ingest --occasions FILE`: a user's dated occasions date events and an undated
article's publication month; a bad file stops the run with a one-line error before the
database is touched. Real SQLite, real spaCy; the occasion is invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import newsgraph
from newsgraph.cli import cli

pytestmark = pytest.mark.slow

OCCASIONS = """\
provenance: an invented occasion for newsgraph's tests
occasions:
  - name: Graz summit on the Alpine water dispute
    nouns: [summit, conference]
    names: [Graz]
    about: [AUT, CHE]
    start: 2023-05-10
    place: Graz
    country: AUT
"""
ARTICLE = "Austria and Switzerland signed an accord at the Graz summit last month.\n"


@pytest.mark.parametrize("with_file", [True, False])
def test_cli_occasions_date_events_and_publication(tmp_path: Path, with_file: bool) -> None:
    occ = tmp_path / "occasions.yaml"
    occ.write_text(OCCASIONS, encoding="utf-8")
    art = tmp_path / "graz.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "t.db"
    args = ["ingest", str(art), "--db", str(db), "--quiet", "--workers", "1"]
    result = CliRunner().invoke(cli, args + (["--occasions", str(occ)] if with_file else []))
    assert result.exit_code == 0, result.output
    kb = newsgraph.open(db)
    articles = kb.articles()
    events = kb.events(type="AGREE")
    assert len(events) == 1
    if with_file:
        assert articles["published"].iloc[0] == "2023-06"
        assert articles["published_basis"].iloc[0] == "occasion"
        assert events["date"].iloc[0] == "2023-05"  # the sentence's own "last month"
        assert events["location"].iloc[0] == "Graz"
    else:
        assert articles["published"].iloc[0] is None
        assert events["date"].iloc[0] is None


def test_cli_occasions_bad_file_is_one_line_error(tmp_path: Path) -> None:
    occ = tmp_path / "occasions.yaml"
    occ.write_text(OCCASIONS.replace("[AUT, CHE]", "[Austria]"), encoding="utf-8")
    art = tmp_path / "graz.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["ingest", str(art), "--db", str(db), "--quiet",
                                      "--workers", "1", "--occasions", str(occ)])
    assert result.exit_code != 0
    assert "occasions.yaml" in result.output and "about" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not db.exists()
