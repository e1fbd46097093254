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


# ---- policy questions (issue 3)
# Each command checks its parameters before the graph opens, asks one module in queries/,
# and prints the answer as a table (answer_tables.py), JSON or CSV (one row per item).

PostOpt = typer.Option("dcs", "--post", help="dcs, lead_member, chief_executive or dass")
FromOpt = typer.Option(None, "--from", help="start of the period: YYYY, YYYY-MM or YYYY-MM-DD (from its first day)")
ToOpt = typer.Option(None, "--to", help="end of the period: YYYY, YYYY-MM or YYYY-MM-DD (to its last day)")
RegionOpt = typer.Option(None, "--region", help="only councils in this region (e.g. \"South West\")")


def _ask(fmt: str, check: Callable[[], Any], compute: Callable[[Any], Any], table: Callable[[Any, Any], None],
         rows: Callable[[Any], list[dict[str, Any]]], columns: tuple[str, ...]) -> None:
    """Check, open the graph, answer, print: the shape every question command shares."""
    from . import render

    if fmt not in render.FORMATS:
        fail(f"unknown format {fmt!r}; choose one of: {', '.join(render.FORMATS)}", 2)
    with user_errors():
        check()
        with open_graph() as store:
            answer = compute(store)
    if fmt == "json":
        typer.echo(render.to_json(answer))
    elif fmt == "csv":
        typer.echo(render.to_csv(rows(answer), list(columns)), nl=False)
    else:
        table(answer, render.console())


@app.command()
def history(
    council: str = typer.Argument(..., help="council id, name, alias, DfE LA code or GSS code"),
    post: str = PostOpt,
    from_: Optional[str] = FromOpt,
    to: Optional[str] = ToOpt,
    fmt: str = FormatOpt,
) -> None:
    """Every holder of a council's statutory post over time, and how many people held it in the period."""
    from . import answer_tables
    from .queries import history as q

    _ask(fmt, lambda: q.check(council, post, from_, to), lambda s: q.history(s, council, post, from_, to),
         answer_tables.print_history, q.rows, q.CSV_COLUMNS)


@app.command()
def churn(
    post: str = PostOpt,
    from_: Optional[str] = FromOpt,
    to: Optional[str] = ToOpt,
    region: Optional[str] = RegionOpt,
    limit: int = typer.Option(0, "--limit", help="only the top N ranks (0: every council)"),
    fmt: str = FormatOpt,
) -> None:
    """Councils ranked by the number of people who held a statutory post in a period."""
    from . import answer_tables
    from .queries import churn as q

    _ask(fmt, lambda: q.check(post, from_, to, region, limit), lambda s: q.churn(s, post, from_, to, region, limit),
         answer_tables.print_churn, q.rows, q.CSV_COLUMNS)


@app.command()
def gaps(
    on: Optional[str] = OnOpt,
    region: Optional[str] = RegionOpt,
    post: Optional[list[str]] = typer.Option(None, "--post", help="only this post (repeatable): dcs, lead_member, chief_executive, dass"),
    gap: Optional[list[str]] = typer.Option(None, "--gap", help="only this kind of gap (repeatable): vacant, declared, interim, acting, unknown"),
    fmt: str = FormatOpt,
) -> None:
    """Statutory posts with no substantive holder on a date: vacant, declared, interim, acting or unknown."""
    from . import answer_tables
    from .queries import gaps as q

    _ask(fmt, lambda: q.check(on, region, post, gap), lambda s: q.gaps(s, on, region, post, gap),
         answer_tables.print_gaps, q.rows, q.CSV_COLUMNS)


@app.command("joint-roles")
def joint_roles(
    on: Optional[str] = typer.Option(None, "--on", help="only people holding both posts on this date, YYYY-MM-DD (default: at any date)"),
    from_: Optional[str] = FromOpt,
    to: Optional[str] = ToOpt,
    fmt: str = FormatOpt,
) -> None:
    """People holding two statutory posts at once (a joint DCS and DASS, a chief executive who declared himself DCS)."""
    from . import answer_tables
    from .queries import joint_roles as q

    _ask(fmt, lambda: q.check(on, from_, to), lambda s: q.joint_roles(s, on, from_, to),
         answer_tables.print_joint_roles, q.rows, q.CSV_COLUMNS)


@app.command()
def outsourced(
    council: Optional[str] = typer.Argument(None, help="one council (default: all)"),
    on: Optional[str] = OnOpt,
    region: Optional[str] = RegionOpt,
    fmt: str = FormatOpt,
) -> None:
    """Services councils commission from a trust or other provider, who runs it, and where the lines still end."""
    from . import answer_tables
    from .queries import outsourced as q

    _ask(fmt, lambda: q.check(on, region), lambda s: q.outsourced(s, on, council, region),
         answer_tables.print_outsourced, q.rows, q.CSV_COLUMNS)


@app.command()
def interventions(
    council: Optional[str] = typer.Argument(None, help="one council (default: all)"),
    from_: Optional[str] = FromOpt,
    to: Optional[str] = ToOpt,
    region: Optional[str] = RegionOpt,
    fmt: str = FormatOpt,
) -> None:
    """Ministerial directions, advisers, commissioners and reviews, with dates and sources."""
    from . import answer_tables
    from .queries import interventions as q

    _ask(fmt, lambda: q.check(from_, to, region), lambda s: q.interventions(s, council, from_, to, region),
         answer_tables.print_interventions, q.rows, q.CSV_COLUMNS)


@app.command()
def path(
    a: str = typer.Argument(..., metavar="A", help="a person, post, council or body: id or name"),
    b: str = typer.Argument(..., metavar="B", help="another one"),
    on: Optional[str] = typer.Option(None, "--on", help="only relationships in force on this date, YYYY-MM-DD (default: at any date)"),
    from_: Optional[str] = FromOpt,
    to: Optional[str] = ToOpt,
    via: Optional[list[str]] = typer.Option(None, "--via", help="only these kinds of relationship (repeatable), e.g. ACCOUNTABLE_TO"),
    fmt: str = FormatOpt,
) -> None:
    """The shortest chain of relationships between two people or bodies, each step sourced."""
    from . import answer_tables
    from .queries import connection as q

    _ask(fmt, lambda: q.check(on, from_, to, via), lambda s: q.connection(s, a, b, on, from_, to, via),
         answer_tables.print_path, q.rows, q.CSV_COLUMNS)


@app.command()
def sources(
    entity: str = typer.Argument(..., help="a person, post, council or body: id or name"),
    fmt: str = FormatOpt,
) -> None:
    """Every source behind an entity and its relationships (a council's: and its posts'), with the quotes."""
    from . import answer_tables
    from .queries import sources_for as q

    _ask(fmt, lambda: None, lambda s: q.sources_for(s, entity), answer_tables.print_sources_for, q.rows, q.CSV_COLUMNS)


@app.command()
def contested(
    entity: Optional[str] = typer.Argument(None, help="only facts about this entity (a council: and its posts)"),
    fmt: str = FormatOpt,
) -> None:
    """Facts whose sources disagree, side by side with what each source says."""
    from . import answer_tables
    from .queries import contested as q

    _ask(fmt, lambda: None, lambda s: q.contested(s, entity), answer_tables.print_contested, q.rows, q.CSV_COLUMNS)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()

