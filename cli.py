"""The `accountable` command: a thin face over the library (loaders, queries, graph)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import typer

from .help_words import WordsGroup

app = typer.Typer(
    help="Who is accountable for English children's services, as of any date, and why we believe it.",
    cls=WordsGroup,  # help shows words (--on DATE, COUNCIL), not types
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
OnOpt = typer.Option(None, "--on", help="the day to answer for: YYYY-MM-DD, or today (the default)")
StaleOpt = typer.Option(None, "--stale-after", help="years without a source confirming it after which an open-ended fact is shown as last known, with a stale flag (default 2, or ACCOUNTABLE_STALE_AFTER)")


@app.callback()
def _global(
    db: Optional[Path] = typer.Option(None, "--db", envvar="ACCOUNTABLE_DB", help="where the embedded graph lives (default: ~/.local/share/accountable/graph.lbdb)"),
    backend: Optional[str] = typer.Option(None, "--backend", envvar="ACCOUNTABLE_BACKEND", help="ladybug (embedded, default) or neo4j"),
) -> None:
    settings.db = db
    settings.backend = backend


# ---------------------------------------------------------------- errors said in words


def fail(message: str, code: int = 1) -> None:
    from .loaders.problems import clip, printable

    typer.echo(f"error: {clip(printable(message))}", err=True)  # what the user typed comes back shortened, and inert
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


def _new_graph() -> bool:
    """Whether a load goes into an embedded graph that does not exist yet: the only one the columnar
    check of the files pays for before the graph is opened (onto a graph holding facts, the record
    path reads every file again anyway)."""
    from .graph import default_db_path

    backend = (settings.backend or os.environ.get("ACCOUNTABLE_BACKEND") or "ladybug").lower()
    path = Path(settings.db).expanduser() if settings.db else default_db_path()
    return backend == "ladybug" and not path.exists()


@contextmanager
def open_graph(write: bool = False, autoload: bool = True) -> Iterator[Any]:
    """The store named by --backend/--db. A reader that finds the file locked opens it read-only;
    an empty store gets the bundled facts first, so a first question answers at once."""
    from .graph import CannotWrite, StoreError, open_store

    try:
        store = open_store(settings.backend, settings.db)
    except StoreError as e:
        # a reader makes do with a read-only view: the file is locked by a writer, or cannot be written at all
        if write or not (isinstance(e, CannotWrite) or "busy" in str(e)):
            raise
        store = open_store(settings.backend, settings.db, read_only=True)
    from .loaders.problems import InvalidInput

    _say_notes(store)
    refused = False
    try:
        if autoload and not getattr(store, "read_only", False) and store.is_empty():
            from .loaders.bundled import load_defaults

            typer.echo("First use: loading the bundled facts into the graph…", err=True)
            load_defaults(store)
        yield store
    except InvalidInput:
        refused = True
        raise
    finally:
        # a refused write to a graph this open created leaves no empty graph behind
        if refused and hasattr(store, "discard_if_created"):
            store.discard_if_created()
        store.close()


def _say_notes(store: Any) -> Any:
    """What opening the store did that its user should know (a failed write rolled back)."""
    for note in getattr(store, "notes", []):
        typer.echo(f"note: {note}", err=True)
    return store


def emit(data: Any, fmt: str, table: Callable[[Any], None], columns: list[str] | None = None) -> None:
    from .presentation import render

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
        # broken files are named before the graph is opened; a large clean set of JSON Lines is read
        # and checked by columns, once, and what was made of it is what the load writes
        taken = bool(paths) and not replace and _new_graph() and facts.checked_by_columns(paths)
        bundle = facts.read_files(paths) if paths and not taken else None
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
    for d in report.datasets:  # the rows the reference data skipped, with why
        for line in d.lines():
            typer.echo(line)


@app.command()
def check(paths: list[Path] = typer.Argument(..., help="fact files or folders")) -> None:
    """Validate fact files without writing anything, exactly as `load` would: references are checked
    against the files given, the statutory frame and the graph (read-only), when there is one."""
    from .graph import OtherModel, StoreError
    from .loaders import facts

    with user_errors():
        facts.read_files(paths)  # a broken file is named before the graph is opened, as by load
        try:
            store = _open_for_reading()
        except OtherModel:
            raise  # a graph of another model cannot vouch for references: rebuild it first
        except StoreError as e:
            typer.echo(f"note: {e}; references are checked against these files and the statute only", err=True)
            store = None
        try:
            bundle = facts.check(paths, store)
        finally:
            if store is not None:
                store.close()
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
    from .presentation import render
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
    from .presentation import render
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
    stale: Optional[float] = StaleOpt,
) -> None:
    """Who is accountable for a council's children's services on a date, each step sourced."""
    from .presentation import render
    from .api import Graph
    from .queries.answers import stale_after

    with user_errors():
        stale_after(stale)  # a bad threshold is said before anything opens
        with open_graph() as store:
            answer = Graph(store, owns_store=False).who(council, on, stale_after=stale)
    if fmt == "csv":
        from .queries.who import CSV_COLUMNS, rows

        emit(rows(answer), fmt, lambda a: None, list(CSV_COLUMNS))
        return
    emit(answer, fmt, lambda a: render.print_who(a, render.console()))


# ---- policy questions
# Each command checks its parameters before the graph opens, asks one module in queries/,
# and prints the answer as a table (answer_tables.py), JSON or CSV (one row per item).

PostOpt = typer.Option("dcs", "--post", help="dcs, lead_member, chief_executive or dass")
FromOpt = typer.Option(None, "--from", help="start of the period: YYYY, YYYY-MM or YYYY-MM-DD, or today (from its first day)")
ToOpt = typer.Option(None, "--to", help="end of the period: YYYY, YYYY-MM or YYYY-MM-DD, or today (to its last day)")
RegionOpt = typer.Option(None, "--region", help="only councils in this region (e.g. \"South West\")")


def _ask(fmt: str, check: Callable[[], Any], compute: Callable[[Any], Any], table: Callable[[Any, Any], None],
         rows: Callable[[Any], list[dict[str, Any]]], columns: tuple[str, ...]) -> None:
    """Check, open the graph, answer, print: the shape every question command shares."""
    from .presentation import render

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
    from .presentation import answer_tables
    from .api import Graph
    from .queries import history as q

    _ask(fmt, lambda: q.check(council, post, from_, to), lambda s: Graph(s, owns_store=False).history(council, post, from_, to),
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
    from .presentation import answer_tables
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
    stale: Optional[float] = StaleOpt,
) -> None:
    """Statutory posts with no substantive holder on a date: vacant, declared, interim, acting or unknown."""
    from .presentation import answer_tables
    from .queries import gaps as q

    _ask(fmt, lambda: q.check(on, region, post, gap, stale), lambda s: q.gaps(s, on, region, post, gap, stale),
         answer_tables.print_gaps, q.rows, q.CSV_COLUMNS)


@app.command("joint-roles")
def joint_roles(
    on: Optional[str] = typer.Option(None, "--on", help="only people holding both posts on this day: YYYY-MM-DD, or today (default: at any date)"),
    from_: Optional[str] = FromOpt,
    to: Optional[str] = ToOpt,
    fmt: str = FormatOpt,
) -> None:
    """People holding two statutory posts at once (a joint DCS and DASS, a chief executive who declared himself DCS)."""
    from .presentation import answer_tables
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
    from .presentation import answer_tables
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
    from .presentation import answer_tables
    from .queries import interventions as q

    _ask(fmt, lambda: q.check(from_, to, region), lambda s: q.interventions(s, council, from_, to, region),
         answer_tables.print_interventions, q.rows, q.CSV_COLUMNS)


@app.command()
def path(
    a: str = typer.Argument(..., metavar="A", help="a person, post, council or body: id or name"),
    b: str = typer.Argument(..., metavar="B", help="another one"),
    on: Optional[str] = typer.Option(None, "--on", help="only relationships in force on this day: YYYY-MM-DD, or today (default: at any date)"),
    from_: Optional[str] = FromOpt,
    to: Optional[str] = ToOpt,
    via: Optional[list[str]] = typer.Option(None, "--via", help="only these kinds of relationship (repeatable), e.g. ACCOUNTABLE_TO"),
    fmt: str = FormatOpt,
) -> None:
    """The shortest chain of relationships between two people or bodies, each step sourced."""
    from .presentation import answer_tables
    from .queries import connection as q

    _ask(fmt, lambda: q.check(on, from_, to, via), lambda s: q.connection(s, a, b, on, from_, to, via),
         answer_tables.print_path, q.rows, q.CSV_COLUMNS)

# ---- reference data: every council, its Ofsted judgements, the datasets as sources

PublishedOpt = typer.Option(None, "--published", help="the file's date, YYYY, YYYY-MM or YYYY-MM-DD (default: the date in its name)")
PublisherOpt = typer.Option(None, "--publisher", help="who published the file (default: Data to Insight)")
LicenceOpt = typer.Option(None, "--licence", help="the file's licence (default: that of the Data to Insight files)")
StrictOpt = typer.Option(False, "--strict", help="refuse the whole file, writing nothing, if any row would be skipped")
ReportFormatOpt = typer.Option("table", "--format", "-f", help="table (lines of text) or json")


def _load_dataset(kind: str, file: Path, published: Optional[str], publisher: Optional[str], licence: Optional[str],
                  strict: bool, fmt: str) -> None:
    from .presentation import render
    from .loaders import datasets
    from .loaders.ofsted import OfstedFile
    from .loaders.register import RegisterFile

    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}; choose table or json", 2)
    choice = datasets.SourceChoice(published=published, publisher=publisher, licence=licence)
    dataset = (RegisterFile if kind == "register" else OfstedFile)(file, choice)
    with user_errors(), open_graph(write=True) as store:
        report = datasets.load([dataset], store, strict=strict)
    if fmt == "json":
        typer.echo(render.to_json(report.as_dict()))
        return
    for d in report.datasets:
        for line in d.lines():
            typer.echo(line)


@app.command("load-register")
def load_register(
    file: Path = typer.Argument(..., help="the LA register, in the layout of la_lookup.csv (.csv or .xlsx)"),
    published: Optional[str] = PublishedOpt, publisher: Optional[str] = PublisherOpt, licence: Optional[str] = LicenceOpt,
    strict: bool = StrictOpt, fmt: str = ReportFormatOpt,
) -> None:
    """Load a register of local authorities: one council per row (merged by DfE LA code with those the
    graph holds), its statutory posts, and its statistical neighbours. Skipped rows are listed with why."""
    _load_dataset("register", file, published, publisher, licence, strict, fmt)


@app.command("load-ofsted")
def load_ofsted(
    file: Path = typer.Argument(..., help="Ofsted ILACS outcomes, in the layout of ofsted_ilacs_outcomes_*.xlsx (.xlsx or .csv)"),
    published: Optional[str] = PublishedOpt, publisher: Optional[str] = PublisherOpt, licence: Optional[str] = LicenceOpt,
    strict: bool = StrictOpt, fmt: str = ReportFormatOpt,
) -> None:
    """Load a snapshot of Ofsted's ILACS judgements: one inspection per row, matched to its council by
    LA code (or name). A later or earlier snapshot adds history; rows not matched are listed with why."""
    _load_dataset("ofsted", file, published, publisher, licence, strict, fmt)


@app.command("load-ministers")
def load_ministers(
    folder: Path = typer.Argument(..., help="the Institute for Government's Ministers Database: the folder of its CSV files (organisation.csv, post.csv, person.csv, appointment.csv, ...)"),
    published: Optional[str] = typer.Option(None, "--published", help="the snapshot's date, YYYY-MM-DD (default: the newest date in its appointments)"),
    fmt: str = ReportFormatOpt,
) -> None:
    """Load the Secretaries of State and children's ministers of DfES, DCSF and DfE from the
    Ministers Database (CC BY 4.0; attribute: Institute for Government, Ministers Database)."""
    from .presentation import render
    from .loaders import facts
    from .loaders import ministers as m

    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}; choose table or json", 2)
    with user_errors():
        when = m.snapshot_date(folder, published)
        recs = m.records(folder, when, m.known_people())
        with open_graph(write=True) as store:
            report = facts.load_records(recs, f"{folder} (Ministers Database)", store)
    summary = {"folder": str(folder), "published": when, "sources": report.sources, "entities": report.entities,
               "relationships": report.relationships, "outcomes": report.outcomes}
    if fmt == "json":
        typer.echo(render.to_json(summary))
        return
    typer.echo(f"{folder}: loaded {report.entities} people and posts and {report.relationships} holdings and lines "
               f"(snapshot of {when}; attribute: {m.ATTRIBUTION})")


@app.command("load-ofsted-reports")
def load_ofsted_reports(
    paths: list[Path] = typer.Argument(..., help="Ofsted report PDFs, or folders of them (each folder named by URN and council, as 80426_barnsley)"),
    lookup: Optional[Path] = typer.Option(None, "--lookup", help="la_lookup.csv with its urn column, to tell a report's council by its folder's URN (default: ../shared/data/la_lookup.csv where it exists)"),
    workers: int = typer.Option(2, "--workers", help="processes reading the PDFs"),
    fmt: str = ReportFormatOpt,
) -> None:
    """Load Ofsted's children's services inspection reports: each report a source; its inspection and
    judgements; the post holders it states (unnamed, by post and start); the interventions it mentions.
    Every fact quotes its sentence and page and says it was extracted, by which rule. All or nothing;
    loading again changes nothing. A file that cannot be used is named with the reason and skipped."""
    from .presentation import render
    from .loaders import facts
    from .loaders import ofsted_reports as reports
    from .loaders.derive import default_shared_data

    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}; choose table or json", 2)
    if workers < 1:
        fail("--workers must be at least 1", 2)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}", 2)
    files = reports.report_files(paths)
    if not files:
        fail(f"no files in {', '.join(map(str, paths))}", 2)

    def progress(done: int, total: int) -> None:
        typer.echo(f"read {done}/{total} reports", err=True)

    read = reports.extract(files, progress if len(files) > 16 else None, workers=workers)
    lookup = lookup or default_shared_data() / reports.LOOKUP
    dataset = reports.ReportsLoad(read, lookup=lookup)
    with user_errors(), open_graph(write=True) as store:
        facts.load([], store, datasets=[dataset])
    if fmt == "json":
        typer.echo(render.to_json(dataset.as_dict()))
        return
    for line in dataset.lines():
        typer.echo(line)


@app.command()
def derive(
    names: Optional[list[str]] = typer.Argument(None, help="which derived files (default: all): " + "councils, ministers, ofsted_latest, ofsted-reports"),
    shared: Optional[Path] = typer.Option(None, "--shared", help="the shared data folder (default: ../shared/data beside the repository)"),
) -> None:
    """Regenerate the project's derived facts (data/derived/*.jsonl) from the public files in the
    shared data folder: councils and their lineage, the latest Ofsted judgements, the ministers, Ofsted's reports."""
    from .loaders import derive as d
    from .loaders.problems import InvalidInput

    folder = shared or d.default_shared_data()
    with user_errors():
        missing = d.missing_inputs(folder, names or None)
        if missing:
            fail(f"{folder} lacks what the derivations read: {', '.join(missing)}. Give --shared DIR, the folder that holds them", 2)
        unknown = sorted(set(names or []) - set(d.all_names()))
        if unknown:
            fail(f"no derivation named {', '.join(unknown)}; choose among: {', '.join(d.all_names())}", 2)
        try:
            written = d.regenerate(folder, names or None)
        except InvalidInput:
            raise
    for name, lines in written.items():
        typer.echo(f"wrote {d.derived_dir() / (name + '.jsonl')}: {lines} records")


def _grade_cell(row: dict[str, Any]) -> str:
    if row["ungraded"]:
        return "ungraded"
    return row["overall"] or ""


def _dcs_cell(row: dict[str, Any]) -> str:
    out = []
    for h in row["dcs"]:
        bits = [h["name"]]
        if h["capacity"] and h["capacity"] != "substantive":
            bits.append(h["capacity"])
        if h.get("last_known"):
            bits.append(f"last known, stale: {h['stale']['message']}")
        elif h.get("last_confirmed") and not h.get("unnamed"):
            bits.append(f"last confirmed {h['last_confirmed']}")
        out.append(bits[0] + (f" ({', '.join(bits[1:])})" if len(bits) > 1 else ""))
    return "; ".join(out)


@app.command()
def councils(
    region: Optional[str] = typer.Option(None, "--region", "-r", help="only this region, e.g. London, 'South West'"),
    judgement: Optional[str] = typer.Option(None, "--judgement", "-j", help="only councils whose most recent inspection is judged this: outstanding, good, 'requires improvement', inadequate, or ungraded"),
    on: Optional[str] = OnOpt,
    fmt: str = FormatOpt,
    stale: Optional[float] = StaleOpt,
) -> None:
    """Councils with their most recent Ofsted judgement in the graph and their DCS where a source names them."""
    from .presentation import render
    from .queries.answers import stale_after
    from .queries.councils import councils as answer_councils

    with user_errors():
        from .queries.councils import judgement_word

        judgement_word(judgement)  # check before opening anything
        stale_after(stale)
        with open_graph() as store:
            answer = answer_councils(store, region, judgement, on, stale)

    def table(a: dict[str, Any]) -> None:
        con = render.console()
        rows = [{"council": r["name"], "LA": r["la_code"], "region": r["region"], "judgement": _grade_cell(r),
                 "published": r["published"], "DCS": _dcs_cell(r)} for r in a["rows"]]
        columns = ["council", "LA", "region", "judgement", "published", "DCS"]
        if a["region"]:
            columns.remove("region")  # one region: said once, below
        con.print(render.rows_table(rows, columns))
        what = f" judged {a['judgement']} at their most recent inspection" if a["judgement"] else ""
        where = f" in {a['rows'][0]['region'] if a['rows'] else a['region']}" if a["region"] else ""
        con.print(f"{a['count']} council{'s' if a['count'] != 1 else ''}{where}{what}.")
        for w in a.get("warnings", []):
            con.print(render.Text(f"Warning: {w}"))
        for r in a["rows"]:
            if r["ungraded"]:
                con.print(f"{r['name']}: {r['note']}.")
        if a["ungraded_not_counted"]:
            names = ", ".join(f"{u['name']} (published {u['published']})" for u in a["ungraded_not_counted"])
            con.print(f"Not counted, because their most recent inspection has no overall grade: {names}.")

    if fmt == "csv":
        rows = [{**r, "dcs": _dcs_cell(r)} for r in answer["rows"]]
        typer.echo(render.to_csv(rows, ["id", "name", "la_code", "gss_code", "council_type", "region", "judgement", "published",
                                        "framework", "inspection_id", "dcs", "note"]), nl=False)
        return
    emit(answer, fmt, table)


@app.command()
def inspections(
    council: str = typer.Argument(..., help="council id, name, alias, DfE LA code or GSS code"),
    fmt: str = FormatOpt,
) -> None:
    """A council's inspections and judgements over time, newest first, each with its sources."""
    from .presentation import render
    from .queries.councils import inspections as answer_inspections

    with user_errors(), open_graph() as store:
        answer = answer_inspections(store, council)

    def table(a: dict[str, Any]) -> None:
        con = render.console()
        c = a["council"]
        con.print(render.Text(f"{c['name']}: inspections, newest first", style="bold"))
        if not a["inspections"]:
            con.print("No inspection of this council is in the graph.")
        for r in a["inspections"]:
            head = f"{r['published_text'] or 'publication date unknown'}  {r['framework'] or 'inspection'}"
            if r["start"]:
                head += f", inspected {_span(r['start'], r['end'])}"
            con.print(render.Text(head + f"  [{','.join(map(str, r['cited']))}]"))
            grades = [f"{label}: {r[key] or 'no grade'}" for key, label in _GRADE_LABELS if r[key] or key == "overall"]
            con.print("  " + "; ".join(grades))
            if r["report_url"]:
                con.print(f"  report: {r['report_url']}")
        render.print_sources(a["sources"], con)

    if fmt == "csv":
        typer.echo(render.to_csv(answer["inspections"], list(_INSPECTION_COLUMNS)), nl=False)
        return
    emit(answer, fmt, table)


_GRADE_LABELS = (
    ("overall", "overall"), ("impact_of_leaders", "leaders"), ("help_and_protection", "help and protection"),
    ("in_care", "in care"), ("care_leavers", "care leavers"), ("adoption", "adoption"), ("lscb", "LSCB"),
)


def _span(start: Optional[str], end: Optional[str]) -> str:
    if not start:
        return ""
    if not end or end == start:
        return start
    return f"{start} to {end[5:] if end[:4] == start[:4] else end}"


_INSPECTION_COLUMNS = (
    "id", "framework", "inspection_start", "inspection_start_precision", "inspection_end", "inspection_end_precision",
    "published", "published_precision", "overall", "impact_of_leaders", "help_and_protection", "in_care", "care_leavers",
    "adoption", "lscb", "report_url", "sources",
)


@app.command()
def sources(
    entity: Optional[str] = typer.Argument(None, help="a person, post, council or body (id or name): every source behind it; none: every source in the graph"),
    kind: Optional[str] = typer.Option(None, "--kind", "-k", help="with no ENTITY: only sources of this kind: news, statute, guidance, inspection_report, dataset, letter, other"),
    fmt: str = FormatOpt,
) -> None:
    """Sources: those behind an entity and its relationships, with the quotes; or, with no ENTITY,
    every source in the graph with its publisher, date and licence (the attribution of the data)."""
    if entity is not None:
        if kind:
            fail("--kind lists all sources of a kind; give it without ENTITY", 2)
        from .presentation import answer_tables
        from .queries import sources_for as q

        _ask(fmt, lambda: None, lambda s: q.sources_for(s, entity), answer_tables.print_sources_for, q.rows, q.CSV_COLUMNS)
        return
    _all_sources(kind, fmt)


def _all_sources(kind: Optional[str], fmt: str) -> None:
    from .presentation import render
    from .queries import registry
    from .queries.answers import fuzzy, text
    from .schema.model import VOCABULARIES

    if kind and kind not in VOCABULARIES["source_kind"]:
        fail(f"--kind {kind!r} is not one of: {', '.join(VOCABULARIES['source_kind'])}", 2)
    with user_errors(), open_graph() as store:
        rows = registry.run(store, "sources", {"kind": kind or ""})
    for r in rows:
        r["published"] = text(fuzzy(r, "published"))

    def table(rs: list[dict[str, Any]]) -> None:
        con = render.console()
        for r in rs:
            con.print(render.Text(f"{r['id']} ({r['source_kind']})", style="bold"))
            con.print(render.Text(f"  {r['title']}"))
            con.print(render.Text(f"  {', '.join(x for x in (r['author'], r['publisher'], r['published']) if x)}"))
            if r["licence"]:
                con.print(render.Text(f"  Licence: {r['licence']}"))
            if r["url"]:
                con.print(render.Text(f"  {r['url']}"))
        con.print(f"{len(rs)} source{'s' if len(rs) != 1 else ''}.")

    emit(rows, fmt, table, ["id", "source_kind", "title", "publisher", "author", "published", "published_precision", "licence", "url"])


@app.command()
def contested(
    entity: Optional[str] = typer.Argument(None, help="only facts about this entity (a council: and its posts)"),
    fmt: str = FormatOpt,
) -> None:
    """Facts whose sources disagree, side by side with what each source says."""
    from .presentation import answer_tables
    from .queries import contested as q

    _ask(fmt, lambda: None, lambda s: q.contested(s, entity), answer_tables.print_contested, q.rows, q.CSV_COLUMNS)

# ---- pages


@contextmanager
def _page_errors() -> Iterator[None]:
    """A page that cannot be written is a bad -o: exit 2, with the reason."""
    from .presentation.pages import PageError

    try:
        yield
    except PageError as e:
        fail(str(e), 2)


def _graphs(*more: Optional[Path]) -> list[Path]:
    """The embedded graphs a command may not write its output over: --db's and any others named."""
    from .graph import default_db_path

    return [Path(p) for p in (settings.db or default_db_path(), *more) if p]


def _check_output(output: Path, *graphs: Optional[Path]) -> Any:
    """The -o target, checked before anything is computed (outfile.py): exit 2 with why, if refused."""
    from .outfile import OutputError, target

    try:
        return target(output, _graphs(*graphs))
    except OutputError as e:
        fail(str(e), 2)


def _write_output(t: Any, text: str, *graphs: Optional[Path]) -> None:
    from .outfile import OutputError, write_text

    try:
        write_text(t, text, _graphs(*graphs))
    except OutputError as e:
        fail(str(e), 2)
    if t.note():
        typer.echo(t.note(), err=True)


@app.command()
def viz(
    entity: Optional[str] = typer.Argument(None, help="an entity id (somerset, somerset/dcs, peter-lewis) or a council's name, alias or code"),
    on: Optional[str] = typer.Option(None, "--on", help="the day the page opens on: YYYY-MM-DD, or today (the default); its date control reaches every date"),
    depth: int = typer.Option(2, "--depth", help="how many steps from the entity (0 to 4)"),
    everything: bool = typer.Option(False, "--all", help="the whole graph rather than one entity's neighbourhood"),
    layout: str = typer.Option("auto", "--layout", help="auto (top down for a council, free otherwise), hierarchical or free"),
    output: Path = typer.Option(..., "--output", "-o", help="the HTML file to write"),
    stale: Optional[float] = StaleOpt,
) -> None:
    """Draw the graph around an entity as one interactive HTML page that works offline."""
    from .presentation.pages import write_page
    from .presentation.pages.build import check_graph_args, graph

    out = _check_output(output)
    command = "accountable viz " + ("--all" if everything else f"{entity} --depth {depth}") + (f" --on {on}" if on else "")
    with user_errors(), _page_errors():
        check_graph_args(entity, on, depth, everything, layout)
        from .queries.answers import stale_after

        stale_after(stale)
        with open_graph() as store:
            built = graph(store, entity, on, depth, everything, layout, command=command, stale_years=stale)
        path = write_page(built.html, output, _graphs())
    if out.note():
        typer.echo(out.note(), err=True)
    typer.echo(f"wrote {path}: {built.summary()}")


@app.command()
def report(
    council: Optional[str] = typer.Argument(None, help="council id, name, alias, DfE LA code or GSS code"),
    on: Optional[str] = OnOpt,
    national: bool = typer.Option(False, "--national", help="the whole country on the date instead of one council: a map and a sortable table"),
    region: Optional[str] = typer.Option(None, "--region", help="with --national: only this region's councils"),
    output: Path = typer.Option(..., "--output", "-o", help="the HTML file to write"),
    stale: Optional[float] = StaleOpt,
) -> None:
    """A one-page report of a council on a date: the chain, its flags, the graph, post holders, inspections, sources.
    With --national: every council on the date, on a map and in a table, coloured by latest judgement."""
    from .presentation.pages import write_page
    from .presentation.pages.build import day
    from .presentation.pages.report import report as build_report

    out = _check_output(output)
    if national == bool(council):
        fail("give a council, or --national for the whole country (not both)", 2)
    if region and not national:
        fail("--region goes with --national", 2)
    with user_errors(), _page_errors():
        day(on)  # a bad date is said before anything opens
        from .queries.answers import stale_after

        stale_after(stale)
        if national:
            from .api import Graph
            from .presentation.pages.national import national_page

            command = "accountable report --national" + (f" --region {region!r}" if region else "") + (f" --on {on}" if on else "")
            with open_graph() as store:
                answer = Graph(store, owns_store=False).national(on, region)
            path = write_page(national_page(answer, command=command), output, _graphs())
            typer.echo(f"wrote {path}: {answer['count']} councils on {answer['on']}, {answer['located']} on the map")
            return
        command = f"accountable report {council}" + (f" --on {on}" if on else "")
        with open_graph() as store:
            built = build_report(store, council, on, command=command, stale_years=stale)
        path = write_page(built.html, output, _graphs())
    if out.note():
        typer.echo(out.note(), err=True)
    typer.echo(f"wrote {path}: {built.title}; graph of {built.nodes} nodes and {built.relationships} relationships")


# ---- what changed, who a person is, the web app: each asks the Python API (api.py)


@app.command()
def changes(
    council: Optional[str] = typer.Argument(None, help="one council (default: all)"),
    from_: Optional[str] = typer.Option(None, "--from", help="start of the period: YYYY, YYYY-MM or YYYY-MM-DD (required)"),
    to: Optional[str] = typer.Option(None, "--to", help="end of the period, to its last day (default: today)"),
    region: Optional[str] = RegionOpt,
    fmt: str = FormatOpt,
) -> None:
    """What changed between two dates: appointments and departures, interim and declared arrangements,
    inspections published, interventions and trusts starting or ending, facts newly contested; each sourced."""
    from .presentation import change_tables
    from .api import Graph
    from .queries import changes as q

    _ask(fmt, lambda: q.check(from_, to, region), lambda s: Graph(s, owns_store=False).changes(council, from_, to, region),
         change_tables.print_changes, q.rows, q.CSV_COLUMNS)


@app.command()
def person(
    name: str = typer.Argument(..., help="a person's name or id; a misspelt name lists the nearest"),
    fmt: str = FormatOpt,
) -> None:
    """Every post a person held (capacities, dates), every other role, every source."""
    from .presentation import change_tables
    from .api import Graph
    from .queries import person as q

    _ask(fmt, lambda: None, lambda s: Graph(s, owns_store=False).person(name), change_tables.print_person, q.rows, q.CSV_COLUMNS)


@app.command()
def serve(
    port: int = typer.Option(8000, "--port", help="the port to listen on"),
    host: str = typer.Option("127.0.0.1", "--host", help="the address to listen on; 127.0.0.1 is this computer only (0.0.0.0: every network it is on)"),
) -> None:
    """A local, read-only web app: search, a council on any date, people, what changed, the national picture.
    Open the address it prints in a browser; every page has a permanent link and a .json twin."""
    from .presentation.web.app import create_app, run

    if not 0 < port < 65536:
        fail(f"--port {port}: give a port between 1 and 65535", 2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: anyone who can reach this computer on port {port} can read the graph "
                   "(it is read-only, with no login). Use 127.0.0.1 to keep it to this computer.", err=True)
    with user_errors():
        from .api import Graph

        with open_graph() as store:
            graph = Graph(store, owns_store=False)
            typer.echo(f"accountable: serving {_store_where(store)} at http://{'localhost' if host == '127.0.0.1' else host}:{port}/ (Ctrl+C stops)", err=True)
            run(create_app(graph), host, port)


# ---- neo4j: store set-up, sync and export

db_app = typer.Typer(help="The store itself: set it up, see what it holds.", no_args_is_help=True, cls=WordsGroup)
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
    return _say_notes(open_store("ladybug", path or settings.db, read_only=not write))


def _open_for_reading() -> Any:
    """The store of --backend/--db, read-only where the engine has that (a missing embedded graph is
    reported, not created)."""
    from .graph import open_store

    return _say_notes(open_store(settings.backend, settings.db, read_only=True))


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
    from .presentation import render

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
    merge: bool = typer.Option(False, "--merge", help="add what the target lacks, by id; records it holds in another version are refused (they may be later corrections) unless --force"),
    force: bool = typer.Option(False, "--force", help="with --merge: overwrite the target's other versions of the source's records"),
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
    if force and not merge:
        fail("--force goes with --merge", 2)
    if batch_size < 1:
        fail("--batch-size must be at least 1", 2)
    if from_ == to == "neo4j":
        fail("--from and --to are the same Neo4j server (NEO4J_URI)", 2)
    if from_ == to == "embedded":
        from .graph import default_db_path

        a, b = (from_db or settings.db or default_db_path()), (to_db or settings.db or default_db_path())
        if Path(a).expanduser().resolve() == Path(b).expanduser().resolve():
            fail("--from and --to are the same embedded graph: give --from-db and --to-db", 2)
    if to == "embedded":  # the target graph is written: a regular file (or a new one), never a device or a FIFO
        from .graph import default_db_path
        from .outfile import OutputError, target as output_target

        try:
            output_target(Path(to_db or settings.db or default_db_path()), what="--to-db")
        except OutputError as e:
            fail(str(e), 2)
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
            from .loaders import graph_dump

            graph_dump.check_records(dump, source_where)  # what load would refuse is not copied from a store either
        with _open_endpoint(to, to_db, write=True) as target:
            target_where = _store_where(target)
            try:
                report = transfer.copy_dump(dump, target, mode=mode, batch_size=batch_size, force=force)
            except (transfer.TargetNotEmpty, transfer.TargetConflict) as e:
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
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT", help="cypher, graphml, json or csv (default: from the file's suffix; csv for a folder)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="the file to write (a folder for csv); - or none: standard output"),
    batch_size: int = typer.Option(500, "--batch-size", metavar="ROWS", help="rows per UNWIND statement in a Cypher script"),
) -> None:
    """Write the whole graph as a Cypher script (rebuilds it in any Neo4j via cypher-shell), GraphML
    (Gephi, yEd), JSON (nodes and relationships with their sources), or a folder of CSV files in the
    layout neo4j-admin database import reads (docs/neo4j.md)."""
    import os

    from .graph import export as exporter

    to_stdout = output is None or str(output) == "-"
    if fmt is None:
        if not to_stdout and (str(output).endswith(("/", os.sep)) or Path(output).expanduser().is_dir()):
            fmt = "csv"
        else:
            fmt = "json" if to_stdout else exporter.format_for(str(output))
        if fmt is None:
            fail(f"cannot tell the format from {output}: give --format cypher, graphml, json or csv", 2)
    if fmt not in (*exporter.FORMATS, "csv"):
        fail(f"unknown export format {fmt!r}; choose one of: {', '.join((*exporter.FORMATS, 'csv'))}", 2)
    if batch_size < 1:
        fail("--batch-size must be at least 1", 2)
    if fmt == "csv":
        _check_csv_folder(output, to_stdout)
        out = None
    else:
        out = None if to_stdout else _check_output(Path(output))  # type: ignore[arg-type]
    with user_errors(), _open_for_reading() as store:
        dump = store.dump()
        where = _store_where(store)
    n, r = len(dump["nodes"]), len(dump["relationships"])
    note = " (the graph is empty)" if n == 0 else ""
    if fmt == "csv":
        from .graph import neo4j_csv

        target = Path(output).expanduser()
        try:
            neo4j_csv.write_folder(neo4j_csv.files(dump), target)
        except neo4j_csv.CsvExportError as e:
            fail(str(e), 2)
        except OSError as e:
            fail(f"cannot write {target}: {e.strerror or e}", 2)
        typer.echo(f"exported {n} nodes and {r} relationships from {where} as CSV for neo4j-admin database import "
                   f"to {output} (the command is in {target / neo4j_csv.README})" + note, err=True)
        return
    text = exporter.render(dump, fmt, batch_size=batch_size)
    if out is None:
        typer.echo(text, nl=False)
    else:
        _write_output(out, text)  # written beside the target and renamed: never half a file
    typer.echo(f"exported {n} nodes and {r} relationships from {where} as {fmt}" + ("" if to_stdout else f" to {output}") + note, err=True)


def _check_csv_folder(output: Optional[Path], to_stdout: bool) -> None:
    """The CSV export is a folder of files (one per kind of node and of relationship): say so
    before anything opens when -o names a single file or nothing."""
    if to_stdout:
        fail("--format csv writes a folder of files, one per kind of node and relationship (the layout "
             "neo4j-admin database import reads): give -o FOLDER", 2)
    target = Path(output).expanduser()  # type: ignore[arg-type]
    if target.suffix.lower() == ".csv" and not target.is_dir():
        fail(f"-o {output}: the CSV export is a folder of files, one per kind of node and relationship, as "
             f"neo4j-admin database import reads them; give a folder, e.g. -o {target.with_suffix('')}. "
             "For one question as a spreadsheet, give that question --format csv "
             "(e.g. accountable outsourced --format csv > outsourced.csv)", 2)
    if not target.parent.is_dir():
        fail(f"cannot write {target}: there is no folder {target.parent}", 2)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        fail(f"-o {output}: {'a file' if not target.is_dir() else 'a folder that is not empty'} is there already; "
             "give a new or empty folder for the CSV files", 2)

# ---- synthetic national history


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
    from .outfile import belongs_to_graph

    if belongs_to_graph(out, _graphs()):
        fail(f"-o {out} is part of the graph at {belongs_to_graph(out, _graphs())}; give another folder", 2)
    refused = generator.folder_problem(out)
    if refused:
        fail(f"-o {refused}", 2)
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

