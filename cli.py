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


# ---- neo4j: store set-up, sync and export (issue 5)

db_app = typer.Typer(help="The store itself: set it up, see what it holds.", no_args_is_help=True)
app.add_typer(db_app, name="db")

_ENDPOINTS = ("embedded", "neo4j")


def _store_where(store: Any) -> str:
    if getattr(store, "name", "") == "neo4j":
        return f"Neo4j at {store.where}"
    return f"embedded graph at {store.path}"


def _open_endpoint(kind: str, path: Optional[Path], write: bool) -> Any:
    """An end of a copy: the embedded graph at `path` (default: --db) or the Neo4j server of NEO4J_*."""
    from .graph import open_store

    if kind == "neo4j":
        return open_store("neo4j")
    return open_store("ladybug", path or settings.db, read_only=not write)


def _open_for_reading() -> Any:
    """The store of --backend/--db, read-only where the engine has that (a missing embedded graph is
    reported, not created)."""
    from .graph import open_store

    return open_store(settings.backend, settings.db, read_only=True)


@db_app.command("init")
def db_init() -> None:
    """Create what the store needs: tables (embedded), or on Neo4j a uniqueness constraint on the id of
    every kind of node and indexes on the properties questions filter by (all from schema/)."""
    with user_errors(), open_graph(write=True, autoload=False) as store:
        created = store.ensure_schema()
        where = _store_where(store)
        if created is None:
            typer.echo(f"{where}: node and relationship tables ready")
        elif created:
            typer.echo(f"{where}: created {len(created)} constraints and indexes: {', '.join(created)}")
        else:
            typer.echo(f"{where}: every constraint and index was already in place")


@db_app.command("info")
def db_info(fmt: str = FormatOpt) -> None:
    """Which store, where, and how many nodes and relationships of each kind it holds."""
    from . import render

    if fmt == "csv":
        fail("db info answers as table or json", 2)
    with user_errors(), _open_for_reading() as store:
        info: dict[str, Any] = {"backend": store.name, "where": _store_where(store), "counts": store.counts()}
        if store.name == "neo4j":
            info["server"] = store.server_info()
            info["missing_schema"] = store.missing_schema()

    def table(i: dict[str, Any]) -> None:
        typer.echo(i["where"])
        if "server" in i:
            s = i["server"]
            typer.echo(f"server: {s['name']} {s['version']} {s['edition']}")
            typer.echo("schema: " + ("complete" if not i["missing_schema"] else "missing " + ", ".join(i["missing_schema"]) + " (run `accountable db init`)"))
        rows = [{"kind": k, "count": v} for k, v in i["counts"].items()]
        render.console().print(render.rows_table(rows, ["kind", "count"]))
    emit(info, fmt, table)


@app.command()
def sync(
    from_: str = typer.Option(..., "--from", help="embedded, neo4j, or an export .json file"),
    to: str = typer.Option(..., "--to", help="embedded or neo4j"),
    from_db: Optional[Path] = typer.Option(None, "--from-db", help="the embedded graph to read (default: --db)"),
    to_db: Optional[Path] = typer.Option(None, "--to-db", help="the embedded graph to write (default: --db)"),
    replace: bool = typer.Option(False, "--replace", help="make the target an exact copy: what it holds is deleted, in the same transaction"),
    merge: bool = typer.Option(False, "--merge", help="add and update by id on top of what the target holds"),
    batch_size: int = typer.Option(5000, "--batch-size", help="rows per statement"),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """Copy a whole graph between stores (embedded <-> neo4j), all or nothing, and check the copy."""
    from .graph import transfer

    if to not in _ENDPOINTS:
        fail(f"--to {to!r}: choose embedded or neo4j", 2)
    from_file = from_ not in _ENDPOINTS
    if from_file and not from_.lower().endswith(".json"):
        fail(f"--from {from_!r}: choose embedded, neo4j, or an export .json file", 2)
    if replace and merge:
        fail("--replace and --merge exclude each other: choose one", 2)
    if batch_size < 1:
        fail("--batch-size must be at least 1", 2)
    if from_ == to == "neo4j":
        fail("--from and --to are the same Neo4j server (NEO4J_URI)", 2)
    if from_ == to == "embedded":
        from .graph import default_db_path

        a, b = (from_db or settings.db or default_db_path()), (to_db or settings.db or default_db_path())
        if Path(a).expanduser().resolve() == Path(b).expanduser().resolve():
            fail("--from and --to are the same embedded graph: give --from-db and --to-db", 2)
    mode = "replace" if replace else "merge" if merge else "empty"
    with user_errors():
        if from_file:
            from .loaders import graph_dump

            dump = graph_dump.read(Path(from_))
            source_where = f"export {from_}"
        else:
            with _open_endpoint(from_, from_db, write=False) as source:
                dump = source.dump()
                source_where = _store_where(source)
        with _open_endpoint(to, to_db, write=True) as target:
            target_where = _store_where(target)
            try:
                report = transfer.copy_dump(dump, target, mode=mode, batch_size=batch_size)
            except transfer.TargetNotEmpty as e:
                fail(f"{target_where}: {e}", 2)
    data = {"from": source_where, "to": target_where, **report.as_dict()}
    if fmt == "json":
        emit(data, "json", lambda d: None)
        return
    typer.echo(f"copied {report.nodes} nodes and {report.relationships} relationships from {source_where} to {target_where}")
    if report.identical:
        typer.echo(f"the two graphs are identical (fingerprint {report.fingerprint[:16]})")
    else:
        typer.echo("merged onto what the target already held: it now has more than the source")


@app.command()
def export(
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="cypher, graphml or json (default: from the file's suffix)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="the file to write; - or none: standard output"),
    batch_size: int = typer.Option(500, "--batch-size", help="rows per UNWIND statement in a Cypher script"),
) -> None:
    """Write the whole graph as a Cypher script (rebuilds it in any Neo4j via cypher-shell), GraphML
    (Gephi, yEd) or JSON (nodes and relationships with their sources)."""
    import os
    import tempfile

    from .graph import export as exporter

    to_stdout = output is None or str(output) == "-"
    if fmt is None:
        fmt = "json" if to_stdout else exporter.format_for(str(output))
        if fmt is None:
            fail(f"cannot tell the format from {output}: give --format cypher, graphml or json", 2)
    if fmt not in exporter.FORMATS:
        fail(f"unknown export format {fmt!r}; choose one of: {', '.join(exporter.FORMATS)}", 2)
    if batch_size < 1:
        fail("--batch-size must be at least 1", 2)
    with user_errors(), _open_for_reading() as store:
        dump = store.dump()
        where = _store_where(store)
    text = exporter.render(dump, fmt, batch_size=batch_size)
    if to_stdout:
        typer.echo(text, nl=False)
    else:
        target = Path(output).expanduser()
        if not target.parent.is_dir():
            fail(f"cannot write {target}: there is no folder {target.parent}", 2)
        # Written beside the target and renamed: a failed export never leaves half a file.
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # as any new file would be, not mkstemp's owner-only mode
            os.replace(tmp, target)
        except OSError as e:
            Path(tmp).unlink(missing_ok=True)
            fail(f"cannot write {target}: {e.strerror or e}", 2)
    n, r = len(dump["nodes"]), len(dump["relationships"])
    note = " (the graph is empty)" if n == 0 else ""
    typer.echo(f"exported {n} nodes and {r} relationships from {where} as {fmt}" + ("" if to_stdout else f" to {output}") + note, err=True)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()

