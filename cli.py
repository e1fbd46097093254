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
    replace: bool = typer.Option(False, "--replace", help="a deliberate correction: records in these files replace the graph's versions of the same ids"),
) -> None:
    """Validate fact files, then write them to the graph in one transaction (all or nothing).

    A fact the graph already holds is never silently overwritten: new evidence is added to it,
    a version from other sources that disagrees is kept beside it (the fact is marked disputed),
    and anything else is refused unless --replace says this load corrects it."""
    from .loaders import facts
    from .loaders.bundled import load_defaults

    with user_errors():
        bundle = facts.read_files(paths) if paths else None  # broken files are named before the graph is opened
        with open_graph(write=True, autoload=False) as store:
            report = facts.load(paths, store, batch_size=batch_size, replace=replace, bundle=bundle) if paths else load_defaults(store)
    for notice in report.notices:
        typer.echo(str(notice), err=True)
    outcomes = ", ".join(f"{n} {what}" for what, n in sorted(report.outcomes.items()))
    typer.echo(
        f"loaded {report.sources} sources, {report.entities} entities and "
        f"{report.relationships} relationships from {len(report.files)} file(s)"
        + (f" ({outcomes})" if outcomes else "")
    )


@app.command()
def check(paths: list[Path] = typer.Argument(..., help="fact files or folders")) -> None:
    """Validate fact files without writing anything (references are checked against the files given and the statutory frame)."""
    from .loaders import facts

    with user_errors():
        bundle = facts.check(paths)
        for notice in bundle.notices:  # e.g. two files whose sources disagree about a fact
            typer.echo(str(notice), err=True)
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


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()

