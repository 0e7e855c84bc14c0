"""Integration: ingest the five seed articles into a temporary database, query it
through the CLI and the Python API. Real SQLite, real spaCy, no mocks."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import newsgraph
from newsgraph.cli import cli

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/corpus/seeds")


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--db", str(db), "--quiet", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def test_cli_ingest_stores_every_seed_once(seeded_db: Path) -> None:
    con = sqlite3.connect(seeded_db)
    assert con.execute("select count(*) from articles").fetchone()[0] == 5
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_cli_reingest_changes_nothing(seeded_db: Path) -> None:
    def counts() -> tuple[int, ...]:
        con = sqlite3.connect(seeded_db)
        return tuple(
            con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("articles", "actors", "events", "evidence", "mentions")
        )

    before = counts()
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--db", str(seeded_db), "--quiet", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "5 already stored" in result.output
    assert counts() == before


@pytest.mark.parametrize("spelling", ["Haftar", "Hifter", "khalifa haftar"])
def test_cli_actor_is_found_under_any_spelling(seeded_db: Path, spelling: str) -> None:
    result = CliRunner().invoke(cli, ["actor", spelling, "--db", str(seeded_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.output)
    assert profile["actor"]["name"] == "Khalifa Haftar"
    aliases = {a["alias"] for a in profile["aliases"]}
    assert "Haftar" in aliases
    assert any("Hifter" in a for a in aliases), aliases


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_cli_events_formats(seeded_db: Path, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(seeded_db), "--format", fmt, "--limit", "5"])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = json.loads(result.output)
        assert 1 <= len(rows) <= 5
        assert {"type", "source", "target", "status", "reported_by", "date"} <= set(rows[0])


def test_cli_events_filter_by_type_and_actor(seeded_db: Path) -> None:
    result = CliRunner().invoke(
        cli, ["events", "--db", str(seeded_db), "--actor", "Egypt", "--type", "CONSULT", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows, "Egypt takes part in consultations in the seeds"
    assert all(r["type"] == "CONSULT" for r in rows)


def test_cli_bad_date_is_one_clean_line(seeded_db: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(seeded_db), "--since", "not-a-date"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_cli_missing_database_is_one_clean_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 2
    assert "no such database" in result.output


def test_api_events_returns_dataframe(seeded_db: Path) -> None:
    kb = newsgraph.open(str(seeded_db))
    df = kb.events(actor="Egypt")
    assert isinstance(df, pd.DataFrame) and len(df) > 0
    assert {"type", "source", "target", "status", "date"} <= set(df.columns)


def test_api_relations_of_egypt_have_monthly_counts(seeded_db: Path) -> None:
    df = newsgraph.open(str(seeded_db)).relations("Egypt")
    assert len(df) > 0
