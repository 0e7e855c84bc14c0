"""The ``newsgraph`` command: a thin click adapter over the library.

Every command calls the same library functions the web explorer and the
Python API use; domain errors (NewsgraphError) become one clean line on
stderr and exit status 2.
"""

from __future__ import annotations

import json
import sys
import tempfile
from functools import wraps
from pathlib import Path

import click

from newsgraph.errors import NewsgraphError

DB_OPTION = click.option(
    "--db", default="newsgraph.db", show_default=True, type=click.Path(dir_okay=False),
    help="The newsgraph SQLite database.",
)
FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)


def clean_errors(func):
    """Turn domain errors into one line on stderr and exit status 2."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except NewsgraphError as exc:
            click.echo(f"newsgraph: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("newsgraph: interrupted; re-run the same command to resume", err=True)
            sys.exit(130)

    return wrapper


def _open_kb(db: str):
    from newsgraph.api import KnowledgeBase

    if not Path(db).exists():
        raise NewsgraphError(f"{db}: no such database (create it with `newsgraph ingest ... --db {db}`)")
    return KnowledgeBase(db)


def emit(df, fmt: str, title: str | None = None) -> None:
    """Print a DataFrame as a rich table, JSON records or CSV."""
    if fmt == "json":
        click.echo(df.to_json(orient="records", force_ascii=False, indent=2, date_format="iso"))
    elif fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        def cell(v) -> str:
            text = "" if v is None or v != v else str(v)
            return text if len(text) <= 90 else text[:89] + "…"

        table = Table(title=title, show_lines=False)
        for col in df.columns:
            table.add_column(str(col), overflow="fold")
        for row in df.itertuples(index=False):
            table.add_row(*[cell(v) for v in row])
        console = Console()
        Console(width=console.width if console.is_terminal else 200).print(table)


@click.group()
@click.version_option(package_name="newsgraph")
def cli() -> None:
    """newsgraph: news articles in, a source-traced database of who did what to whom."""


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@DB_OPTION
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own actor dictionary YAML (repeatable).")
@click.option("--patterns", "pattern_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own event pattern YAML (repeatable).")
@click.option("--places", "place_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own place additions YAML (repeatable).")
@click.option("--occasions", "occasion_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Your own dated occasions YAML, shaped like data/occasions.yaml (repeatable).")
@click.option("--model", default=None, help="spaCy model: md (default), sm, or a path.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--quiet", is_flag=True, help="No progress bar.")
@clean_errors
def ingest(articles, db, actor_files, pattern_files, place_files, occasion_files, model, workers,
           quiet) -> None:
    """Read ARTICLES (files, folders, globs, - for stdin) into the database.

    Exit status: 0 every input was used; 1 some inputs were skipped (listed,
    and kept in `newsgraph errors`); 2 nothing could be done.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from newsgraph.pipeline import ingest as run_ingest

    err = Console(stderr=True)
    progress = Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=err, disable=quiet or not err.is_terminal,
    )
    task_holder: dict[str, int] = {}

    def on_problem(problem) -> None:
        click.echo(f"skipped {problem}", err=True)

    def on_notice(message: str) -> None:
        click.echo(f"note: {message}", err=True)

    def on_start(total: int) -> None:
        task_holder["task"] = progress.add_task("analysing", total=total)

    def on_article(_analysis) -> None:
        progress.advance(task_holder["task"])

    with progress:
        summary = run_ingest(
            list(articles), db, actor_files=actor_files, pattern_files=pattern_files,
            place_files=place_files, occasion_files=occasion_files, model=model, workers=workers,
            on_problem=on_problem, on_start=on_start, on_notice=on_notice, on_article=on_article,
        )
    click.echo(
        f"{summary.articles_added} articles added, {summary.articles_already_stored} already stored, "
        f"{len(summary.problems)} skipped; {summary.events_added} events, "
        f"{summary.words} words in {summary.seconds:.1f}s -> {db}",
        err=True,
    )
    sys.exit(summary.exit_status)


@cli.command()
@DB_OPTION
@click.option("--kind", type=click.Choice(["person", "organization", "country"]))
@click.option("--limit", type=click.IntRange(1), default=None)
@FORMAT_OPTION
@clean_errors
def actors(db, kind, limit, fmt) -> None:
    """List actors with their aliases and activity."""
    emit(_open_kb(db).actors(kind=kind, limit=limit), fmt, title="actors")


@cli.command()
@click.argument("name")
@DB_OPTION
@FORMAT_OPTION
@clean_errors
def actor(name, db, fmt) -> None:
    """One actor: canonical name, aliases seen, roles, counterparts, timeline."""
    profile = _open_kb(db).actor(name)
    if fmt == "json":
        click.echo(json.dumps(profile.to_dict(), ensure_ascii=False, indent=2, default=str))
        return
    for title, df in profile.tables():
        emit(df, fmt, title=title)


@cli.command()
@DB_OPTION
@click.option("--actor", default=None, help="Id, name or any alias (spelling-tolerant).")
@click.option("--type", "type_", default=None, help="PLOVER type, e.g. CONSULT.")
@click.option("--status", type=click.Choice(["occurred", "planned", "negated", "hypothetical"]))
@click.option("--reported-by", default=None, help="Only claims made by this actor.")
@click.option("--since", default=None, help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", default=None, help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--limit", type=click.IntRange(1), default=None)
@FORMAT_OPTION
@clean_errors
def events(db, actor, type_, status, reported_by, since, until, limit, fmt) -> None:
    """List events (merged across articles) with filters."""
    df = _open_kb(db).events(
        actor=actor, type=type_, status=status, reported_by=reported_by,
        since=since, until=until, limit=limit,
    )
    if fmt == "table":
        cols = [c for c in ("date", "type", "source", "target", "status", "reported_by",
                            "location", "source_count", "first_sentence") if c in df.columns]
        df = df[cols]
    emit(df, fmt, title="events")


@cli.command()
@click.argument("name")
@DB_OPTION
@FORMAT_OPTION
@clean_errors
def relations(name, db, fmt) -> None:
    """Counterparts of NAME with cooperative/conflictual event counts per month."""
    emit(_open_kb(db).relations(name), fmt, title=f"relations of {name}")


@cli.command()
@DB_OPTION
@FORMAT_OPTION
@clean_errors
def errors(db, fmt) -> None:
    """Inputs that were skipped, and why."""
    emit(_open_kb(db).problems(), fmt, title="skipped inputs")


@cli.command()
@click.argument("corpus_dir", type=click.Path(exists=True))
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", default=None)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@clean_errors
def extract(corpus_dir, out, actor_files, model, workers) -> None:
    """Write one answer-key-shaped JSON per article of CORPUS_DIR into --out."""
    n = _extract(corpus_dir, Path(out), actor_files, model, workers)
    click.echo(f"{n} answer keys written to {out}", err=True)


def _extract(corpus_dir: str, out: Path, actor_files, model, workers) -> int:
    from newsgraph.evaluate.answer_key import write_answer_keys
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline import analyze_articles

    articles = []
    for item in read_inputs([corpus_dir]):
        if hasattr(item, "content_hash"):
            articles.append(item)
        else:
            click.echo(f"skipped {item}", err=True)
    analyses = list(analyze_articles(
        articles, workers=max(1, min(workers, len(articles))), model=model,
        actor_files=list(actor_files),
    ))
    out.mkdir(parents=True, exist_ok=True)
    write_answer_keys(analyses, out)
    return len(analyses)


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("corpus_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON (with per-article details).")
@click.option("--out", default=None, type=click.Path(file_okay=False), help="Keep the predictions here.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", default=None)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@clean_errors
def eval_(gold_dir, corpus_dir, as_json, out, actor_files, model, workers) -> None:
    """Score newsgraph on answer keys (../shared/eval/FORMAT.md)."""
    from newsgraph.evaluate.scorer import score_dirs

    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(out) if out else Path(tmp)
        _extract(corpus_dir, pred, actor_files, model, workers)
        scores = score_dirs(Path(gold_dir), pred)
    if as_json:
        click.echo(json.dumps(scores.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(scores.format_table())


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True)
@click.option("--model", default=None)
@clean_errors
def info(db, as_json, model) -> None:
    """Versions, the spaCy model in use, dictionary sizes (and database counts)."""
    from newsgraph.info import collect_info

    data = collect_info(db=db, model=model)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        for key, value in data.items():
            click.echo(f"{key}: {value}")


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; only loopback is allowed unless you say otherwise.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@clean_errors
def serve(db, host, port) -> None:
    """Open the explorer at http://127.0.0.1:8765 (read-only, offline)."""
    from newsgraph.web import serve as run_server

    _open_kb(db).close()
    click.echo(f"newsgraph explorer on http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    run_server(db, host=host, port=port)


@cli.command()
@DB_OPTION
@click.option("--format", "fmt", required=True,
              type=click.Choice(["csv", "parquet", "jsonl", "plover", "gexf", "graphml"]))
@click.option("--out", default=None, type=click.Path(dir_okay=False),
              help="Output file (default: standard output).")
@click.option("--actor", default=None)
@click.option("--type", "type_", multiple=True, help="PLOVER type (repeatable).")
@click.option("--status", multiple=True,
              type=click.Choice(["occurred", "planned", "negated", "hypothetical"]))
@click.option("--reported-by", default=None)
@click.option("--since", default=None)
@click.option("--until", default=None)
@click.option("--limit", type=click.IntRange(1), default=None)
@clean_errors
def export(db, fmt, out, actor, type_, status, reported_by, since, until, limit) -> None:
    """Write events/actors as CSV, Parquet, JSONL, PLOVER JSON, GEXF or GraphML."""
    from newsgraph.export import export as run_export

    given = {
        "actor": actor, "type": list(type_) or None, "status": list(status) or None,
        "reported_by": reported_by, "since": since, "until": until, "limit": limit,
    }
    filters = {k: v for k, v in given.items() if v is not None}
    result = run_export(_open_kb(db), fmt, out, **filters)
    if isinstance(result, bytes):
        sys.stdout.buffer.write(result)
    else:
        click.echo(f"wrote {result}", err=True)


@cli.command()
@DB_OPTION
@click.option("--actor", default=None)
@click.option("--since", default=None)
@click.option("--until", default=None)
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="brief.html or brief.pdf")
@clean_errors
def brief(db, actor, since, until, out) -> None:
    """A self-contained briefing (HTML or PDF) with citations and charts."""
    from newsgraph.export.brief import write_brief

    path = write_brief(_open_kb(db), Path(out), actor=actor, since=since, until=until)
    click.echo(f"wrote {path}", err=True)


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="newsgraph")


if __name__ == "__main__":
    main()
