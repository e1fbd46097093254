"""The `accountable` command: a thin face over the library (loaders, queries, graph)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import typer

app = typer.Typer(
    help="Who is accountable for English children's services, as of any date, and why we believe it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Settings:
    db: Optional[Path] = None
    backend: Optional[str] = None


settings = Settings()

FormatOpt = typer.Option("table", "--format", "-f", help="table, json or csv")
OnOpt = typer.Option(None, "--on", help="the date to answer for, YYYY-MM-DD (default: today)")


@app.callback()
def _global(
    db: Optional[Path] = typer.Option(None, "--db", envvar="ACCOUNTABLE_DB", help="where the embedded graph lives (default: ~/.local/share/accountable/graph.lbdb)"),
    backend: Optional[str] = typer.Option(None, "--backend", envvar="ACCOUNTABLE_BACKEND", help="ladybug (embedded, default) or neo4j"),
) -> None:
    settings.db = db
    settings.backend = backend


# ---------------------------------------------------------------- errors said in words


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the library's own exceptions into a message and an exit status: no tracebacks."""
    from .graph import StoreError
    from .loaders.problems import InvalidInput
    from .queries.answers import LookupError_
    from .queries.registry import TemplateError

    try:
        yield
    except InvalidInput as e:
        for p in e.problems:
            typer.echo(str(p), err=True)
        n = len(e.problems)
        typer.echo(f"{n} problem{'s' if n != 1 else ''} found; nothing was written.", err=True)
        raise typer.Exit(2)
    except (TemplateError, LookupError_) as e:
        fail(str(e), 2)
    except StoreError as e:
        fail(str(e), 1)


@contextmanager
def open_graph(write: bool = False, autoload: bool = True) -> Iterator[Any]:
    """The store named by --backend/--db. A reader that finds the file locked opens it read-only;
    an empty store gets the bundled facts first, so a first question answers at once."""
    from .graph import StoreError, open_store

    try:
        store = open_store(settings.backend, settings.db)
    except StoreError as e:
        if write or "busy" not in str(e):
            raise
        store = open_store(settings.backend, settings.db, read_only=True)
    try:
        if autoload and not getattr(store, "read_only", False) and store.is_empty():
            from .loaders.bundled import load_defaults

            typer.echo("First use: loading the bundled facts into the graph…", err=True)
            load_defaults(store)
        yield store
    finally:
        store.close()


def emit(data: Any, fmt: str, table: Callable[[Any], None], columns: list[str] | None = None) -> None:
    from . import render

    if fmt == "json":
        typer.echo(render.to_json(data))
    elif fmt == "csv":
        rows = data if isinstance(data, list) else data.get("rows", [])
        typer.echo(render.to_csv(rows, columns), nl=False)
    elif fmt == "table":
        table(data)
    else:
        fail(f"unknown format {fmt!r}; choose one of: {', '.join(render.FORMATS)}", 2)


# ---------------------------------------------------------------- commands


@app.command()
def load(
    paths: list[Path] = typer.Argument(None, help="fact files (.yaml, .jsonl) or folders; none: the bundled data"),
    batch_size: int = typer.Option(5000, "--batch-size", help="rows per statement"),
) -> None:
    """Validate fact files, then write them to the graph in one transaction (all or nothing)."""
    from .loaders import facts
    from .loaders.bundled import load_defaults

    with user_errors(), open_graph(write=True, autoload=False) as store:
        report = facts.load(paths, store, batch_size=batch_size) if paths else load_defaults(store)
        typer.echo(
            f"loaded {report.sources} sources, {report.entities} entities and "
            f"{report.relationships} relationships from {len(report.files)} file(s)"
        )


@app.command()
def check(paths: list[Path] = typer.Argument(..., help="fact files or folders")) -> None:
    """Validate fact files without writing anything (references are checked against the files given and the statutory frame)."""
    from .loaders import facts

    with user_errors():
        bundle = facts.check(paths)
        typer.echo(f"ok: {len(bundle.sources)} sources, {len(bundle.entities)} entities, {len(bundle.relationships)} relationships")


@app.command()
def schema() -> None:
    """Print the JSON Schema of fact files (accountable schema > facts.schema.json)."""
    from .schema.facts import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


@app.command()
def templates(fmt: str = FormatOpt) -> None:
    """List the question templates and their parameters."""
    from . import render
    from .queries.registry import templates as all_templates

    rows = [
        {"name": t.name, "description": t.description, "parameters": ", ".join(p.describe() for p in t.params),
         "ladybug_override": bool(t.ladybug_text)}
        for t in all_templates().values()
    ]
    emit(rows, fmt, lambda r: render.console().print(render.rows_table(r, ["name", "parameters", "description"])))


@app.command()
def query(
    name: str = typer.Argument(..., help="template name (see `accountable templates`)"),
    param: list[str] = typer.Option(None, "--param", "-p", help="key=value, repeatable"),
    fmt: str = FormatOpt,
) -> None:
    """Run any template with parameters."""
    from . import render
    from .queries import registry

    values: dict[str, Any] = {}
    for p in param or []:
        if "=" not in p:
            fail(f"--param {p!r}: write key=value", 2)
        k, v = p.split("=", 1)
        values[k.strip()] = v
    with user_errors():
        tpl = registry.get(name)
        tpl.bind(values)  # check before opening anything
        with open_graph() as store:
            rows = registry.run(store, name, values)
    emit(rows, fmt, lambda r: render.console().print(render.rows_table(r, list(tpl.returns) or None)), list(tpl.returns) or None)


@app.command()
def who(
    council: str = typer.Argument(..., help="council id, name, alias, DfE LA code or GSS code"),
    on: Optional[str] = OnOpt,
    fmt: str = FormatOpt,
) -> None:
    """Who is accountable for a council's children's services on a date, each step sourced."""
    from . import render
    from .queries.who import who as answer_who

    with user_errors(), open_graph() as store:
        answer = answer_who(store, council, on)
    if fmt == "csv":
        fail("who answers as table or json", 2)
    emit(answer, fmt, lambda a: render.print_who(a, render.console()))


# ---- synthetic national history (issue 7)


@app.command()
def synth(
    out: Path = typer.Option(..., "--out", "-o", help="folder to write the fact files to (created if missing)"),
    councils: Optional[int] = typer.Option(None, "--councils", "-n", help="how many councils (default 150; or give --facts)"),
    facts_: Optional[int] = typer.Option(None, "--facts", help="about how many facts to write: the number of councils is chosen to reach it"),
    years: int = typer.Option(30, "--years", "-y", help="years of history, ending with --end-year"),
    seed: int = typer.Option(1, "--seed", "-s", help="the same seed writes the same bytes"),
    end_year: int = typer.Option(2025, "--end-year", help="the last year of history (fixed, so that files do not change with the calendar)"),
) -> None:
    """Write synthetic national history as JSON Lines: fictional councils, post holders with churn
    and interim spells, joint roles, trusts, directions, inspections, several sources per fact.
    Every name is generated and every id starts with synth-. Load with `accountable load DIR`."""
    from .loaders import synth as generator

    if councils is not None and facts_ is not None:
        fail("give --councils or --facts, not both", 2)
    if (councils is not None and councils < 1) or (facts_ is not None and facts_ < 1):
        fail("--councils and --facts must be at least 1", 2)
    if not 1 <= years <= end_year - 1900:
        fail(f"--years must be between 1 and {end_year - 1900}", 2)
    if not 1950 <= end_year <= 2100:
        fail("--end-year must be between 1950 and 2100", 2)
    if out.exists() and not out.is_dir():
        fail(f"{out} exists and is not a folder", 2)
    n = councils if councils is not None else generator.councils_for(facts_, years, seed, end_year) if facts_ else 150
    try:
        report = generator.write(out, n, years, seed, end_year)
    except OSError as e:
        fail(f"cannot write to {out}: {e.strerror}", 1)
    c = report.counts
    typer.echo(
        f"wrote {report.facts:,} facts ({c['sources']:,} sources, {c['entities']:,} entities, "
        f"{c['relationships']:,} relationships) for {n:,} synthetic councils, "
        f"{end_year - years + 1}-{end_year}, seed {seed}, to {out}"
    )
    typer.echo(f"load them with: accountable load {out}")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()

