"""`accountable serve`: a local, read-only web app over the Python API (Starlette, Jinja2).

Every page has a permanent address that carries its date, and a JSON twin (the same address
ending in `.json`) with exactly what `--format json` prints for the same question:

    /                                        search (suggestions as you type: /search.json?q=)
    /council/{id}/{date}          (.json)    who is accountable on the date: chain, flags, sources
    /council/{id}/{date}/graph               the interactive graph around the council
    /council/{id}/{date}/report              the one-page report (as `accountable report`)
    /council/{id}/history/{post}  (.json)    every holder of a statutory post
    /council/{id}/inspections     (.json)    inspections and judgements
    /council/{id}/interventions   (.json)    interventions
    /person/{id}                  (.json)    every post and role of a person
    /national/{date}              (.json)    the national picture (?region=)
    /changes/{from}/{to}          (.json)    what changed (?council=, ?region=)
    /entity/{id}                             the graph around any other entity (a trust, a post...)

Nothing is fetched from anywhere else: scripts, styles and the graph library are served from
the package, and a Content-Security-Policy says so to the browser.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

HERE = Path(__file__).parent
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
POSTS = ("dcs", "lead_member", "chief_executive", "dass")
POST_NAMES = {"dcs": "Director of Children's Services", "lead_member": "Lead Member", "chief_executive": "Chief Executive",
              "dass": "Director of Adult Social Services"}


class _Env:
    """Jinja2 over the web app's templates, then the pages' (national, base), with the pages' filters."""

    def __init__(self) -> None:
        import jinja2

        from ..pages.html import environment

        env = environment()
        env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(HERE / "templates")), env.loader])
        env.globals.update(url=url, post_names=POST_NAMES, posts=POSTS)
        self.env = env
        self._lock = threading.Lock()

    def render(self, name: str, **context: Any) -> str:
        from markupsafe import Markup

        from ..pages.html import inline, static
        from ..pages.style import legend

        context.setdefault("page_css", Markup(inline(static("page.css"), "style")))
        context.setdefault("legend", legend())
        context.setdefault("generated", dt.date.today().isoformat())
        context.setdefault("graph", None)
        context.setdefault("web", {})
        return self.env.get_template(name).render(**context)


def url(kind: str, *parts: Any, **query: Any) -> str:
    """The permanent address of a page: url('council', 'somerset', '2014-11-15') -> /council/somerset/2014-11-15."""
    path = "/" + "/".join([kind, *(quote(str(p), safe="/") for p in parts)])
    q = {k: v for k, v in query.items() if v not in (None, "")}
    return path + ("?" + urlencode(q) if q else "")


def _entity_url(kind: str, entity_id: str, abolished: str | None = None) -> str:
    if kind == "Council" and abolished:  # a former council: as it was on its last day
        return url("council", entity_id, (dt.date.fromisoformat(str(abolished)[:10]) - dt.timedelta(days=1)).isoformat())
    if kind == "Council":
        return url("council", entity_id)
    if kind == "Person":
        return url("person", entity_id)
    return url("entity", entity_id)


def _today() -> str:
    return dt.date.today().isoformat()


def _year_before(day: str) -> str:
    d = dt.date.fromisoformat(day)
    try:
        return d.replace(year=d.year - 1).isoformat()
    except ValueError:  # 29 February
        return (d - dt.timedelta(days=365)).isoformat()


def create_app(graph: Any) -> Any:
    """The web app over an open `accountable.Graph` (read only: no page writes to the graph)."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
    from starlette.routing import Route

    from ...queries.answers import LookupError_
    from ...queries.registry import Param, TemplateError

    env = _Env()

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.render(name, **context), status_code=status)

    def twin(data: Any) -> Response:
        return Response(json.dumps(data, indent=2, ensure_ascii=False), media_type="application/json")

    def day(value: str) -> str:
        """A date in an address, checked (a bad one is a 400 that says why)."""
        return str(Param("on", "date").convert(value))

    def split(value: str) -> tuple[str, bool]:
        return (value[:-5], True) if value.endswith(".json") else (value, False)

    async def errors(request: Request, exc: Exception) -> Response:
        if isinstance(exc, LookupError_):
            status, title = 404, "Not found"
        else:
            status, title = 400, "Not understood"
        if request.url.path.endswith(".json"):
            return JSONResponse({"error": str(exc), "candidates": getattr(exc, "candidates", [])}, status_code=status)
        candidates = [{**c, "href": _entity_url(c.get("kind", "Council"), c["id"], c.get("abolished"))} for c in getattr(exc, "candidates", []) if c.get("id")]
        return page("error.html.j2", status, title=title, message=str(exc), candidates=candidates)

    def home(request: Request) -> Response:
        q = request.query_params.get("q", "")
        return page("home.html.j2", title="Who is accountable for children's services", q=q, today=_today())

    def search(request: Request) -> Response:
        q = request.query_params.get("q", "")
        found = graph.search(q, limit=int(request.query_params.get("limit", "10") or 10)) if q.strip() else {"q": "", "results": []}
        for r in found["results"]:
            r["href"] = _entity_url(r["kind"], r["id"], r.get("abolished"))
        if request.url.path.endswith(".json"):
            return twin(found)
        exact = [r for r in found["results"] if r["exact"]]
        if len(exact) == 1 or (len(found["results"]) == 1 and not found["results"][0]["near"]):
            return RedirectResponse((exact or found["results"])[0]["href"], status_code=303)
        return page("search.html.j2", title=f"Search: {q}" if q else "Search", q=q, found=found)

    def council_today(request: Request) -> Response:
        on = request.query_params.get("on") or _today()
        return RedirectResponse(url("council", request.path_params["council"], day(on)), status_code=303)

    def council(request: Request) -> Response:
        from ..pages.report import _chain

        when, as_json = split(request.path_params["on"])
        answer = graph.who(request.path_params["council"], day(when))
        cid = answer["council"]["id"]
        if cid != request.path_params["council"]:  # a name or code in the address: the permanent one is by id
            return RedirectResponse(url("council", cid, answer["on"]) + (".json" if as_json else ""), status_code=301)
        if as_json:
            return twin(answer)
        return page("council.html.j2", title=f"{answer['council']['name']} on {answer['on']}", answer=answer,
                    chain=_chain(answer), on=answer["on"], year_before=_year_before(answer["on"]))

    def council_graph(request: Request) -> Response:
        from ..pages.build import graph as build_graph

        on = day(request.path_params["on"])
        with graph._lock:
            built = build_graph(graph.store, request.path_params["council"], on, 2, False, "auto",
                                command=f"accountable viz {request.path_params['council']} --on {on}")
        return HTMLResponse(built.html)

    def council_report(request: Request) -> Response:
        from ..pages.report import report as build_report

        on = day(request.path_params["on"])
        with graph._lock:
            built = build_report(graph.store, request.path_params["council"], on, command=f"accountable report {request.path_params['council']} --on {on}")
        return HTMLResponse(built.html)

    def entity(request: Request) -> Response:
        from ..pages.build import graph as build_graph

        eid = request.path_params["entity"]
        on = day(request.query_params.get("on") or _today())
        with graph._lock:
            built = build_graph(graph.store, eid, on, 1, False, "auto", command=f"accountable viz {eid} --depth 1 --on {on}")
        return HTMLResponse(built.html)

    def history(request: Request) -> Response:
        post, as_json = split(request.path_params["post"])
        answer = graph.history(request.path_params["council"], post, request.query_params.get("from"), request.query_params.get("to"))
        if as_json:
            return twin(answer)
        return page("history.html.j2", title=f"{answer['post']['name'] or post}: every holder", answer=answer, post=post)

    def inspections(request: Request) -> Response:
        answer = graph.inspections(request.path_params["council"])
        if request.url.path.endswith(".json"):
            return twin(answer)
        return page("inspections.html.j2", title=f"{answer['council']['name']}: inspections", answer=answer)

    def interventions(request: Request) -> Response:
        answer = graph.interventions(request.path_params["council"])
        if request.url.path.endswith(".json"):
            return twin(answer)
        return page("interventions.html.j2", title=f"{(answer['council'] or {}).get('name', '')}: interventions", answer=answer)

    def person(request: Request) -> Response:
        pid, as_json = split(request.path_params["person"])
        answer = graph.person(pid)
        if answer["person"]["id"] != pid:
            return RedirectResponse(url("person", answer["person"]["id"]) + (".json" if as_json else ""), status_code=301)
        if as_json:
            return twin(answer)
        return page("person.html.j2", title=answer["person"]["name"], answer=answer)

    def national_today(request: Request) -> Response:
        on = request.query_params.get("on") or _today()
        return RedirectResponse(url("national", day(on), region=request.query_params.get("region")), status_code=303)

    def national(request: Request) -> Response:
        from ..pages.national import national_context

        when, as_json = split(request.path_params["on"])
        answer = graph.national(day(when), request.query_params.get("region") or None)
        if as_json:
            return twin(answer)
        ctx = national_context(answer, link=lambda cid: url("council", cid, answer["on"]), web={"json": url("national", answer["on"] + ".json", region=answer["region"])})
        regions = sorted({r["region"] for r in graph.national(answer["on"])["regions"]}) if not answer["region"] else None
        return page("national.html.j2", **ctx, regions=regions, on=answer["on"])

    def changes_form(request: Request) -> Response:
        q = request.query_params
        if q.get("from"):
            start = day(q["from"])
            end = day(q.get("to") or _today())
            return RedirectResponse(url("changes", start, end, council=q.get("council"), region=q.get("region")), status_code=303)
        end = _today()
        return RedirectResponse(url("changes", _year_before(end), end, council=q.get("council"), region=q.get("region")), status_code=303)

    def changes(request: Request) -> Response:
        end, as_json = split(request.path_params["to"])
        start = day(request.path_params["from"])
        council = request.query_params.get("council") or None
        region = request.query_params.get("region") or None
        answer = graph.changes(council, start, day(end), region)
        if as_json:
            return twin(answer)
        return page("changes.html.j2", title=f"What changed, {start} to {day(end)}", answer=answer, start=start, end=day(end),
                    council=council, region=region, links={c["council_id"]: url("council", c["council_id"], day(end)) for c in answer["changes"]})

    def static_file(request: Request) -> Response:
        name = request.path_params["name"]
        if name == "vis-network.min.js":
            from ..pages.visjs import vis_assets

            return Response(vis_assets()[0], media_type=STATIC_TYPES[".js"], headers={"Cache-Control": "max-age=3600"})
        if name == "page.css":
            from ..pages.html import static

            return Response(static("page.css"), media_type=STATIC_TYPES[".css"])
        path = HERE / "static" / name
        if "/" in name or name.startswith(".") or not path.is_file() or path.suffix not in STATIC_TYPES:
            return Response("not found", status_code=404, media_type="text/plain")
        return Response(path.read_text(encoding="utf-8"), media_type=STATIC_TYPES[path.suffix], headers={"Cache-Control": "max-age=3600"})

    async def not_found(request: Request, exc: Exception) -> Response:
        if request.url.path.endswith(".json"):
            return JSONResponse({"error": "no such page"}, status_code=404)
        return page("error.html.j2", 404, title="Not found", message=f"There is no page at {request.url.path}.", candidates=[])

    routes = [
        Route("/", home),
        Route("/search", search), Route("/search.json", search),
        Route("/council/{council}", council_today),
        Route("/council/{council}/history/{post}", history),
        Route("/council/{council}/inspections", inspections), Route("/council/{council}/inspections.json", inspections),
        Route("/council/{council}/interventions", interventions), Route("/council/{council}/interventions.json", interventions),
        Route("/council/{council}/{on}/graph", council_graph),
        Route("/council/{council}/{on}/report", council_report),
        Route("/council/{council}/{on}", council),
        Route("/person/{person:path}", person),  # an unnamed holder's id holds its post's (somerset/dcs/unnamed-2014-11)
        Route("/national", national_today),
        Route("/national/{on}", national),
        Route("/changes", changes_form),
        Route("/changes/{from}/{to}", changes),
        Route("/entity/{entity:path}", entity),
        Route("/static/{name}", static_file),
    ]
    app = Starlette(routes=routes, exception_handlers={LookupError_: errors, TemplateError: errors, 404: not_found})
    app.add_middleware(_Headers)
    app.state.graph = graph
    return app


class _Headers:
    """Every response says: nothing from elsewhere (CSP), no sniffing, no referrer to the sources linked."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer")]
            await send(message)

        await self.app(scope, receive, with_headers)


def run(app: Any, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning")
