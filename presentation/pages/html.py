"""Pages as HTML: Jinja2 templates kept as files, everything inlined, checked to fetch nothing.

A page is one file. Its scripts and styles are inlined; the graph's data travels
as JSON in a `<script type="application/json">` element; no element may load
anything from anywhere (`remote_resources` finds any that would, and
`write_page` refuses to write such a page). Links to sources (`<a href>`) are
fine: they are followed only when a reader clicks them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"


class PageError(Exception):
    """A page that cannot be written (no such folder, not writable) or that would fetch from elsewhere."""


# ---------------------------------------------------------------- rendering


def _long_date(value: Any) -> str:
    """2014-11-15 -> 15 November 2014; 2014-10 -> October 2014; 2013 -> 2013."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()[:10]
    s = str(value)
    try:
        if len(s) == 4:
            return s
        if len(s) == 7:
            return dt.date.fromisoformat(s + "-01").strftime("%B %Y")
        d = dt.date.fromisoformat(s[:10])
        return f"{d.day} {d.strftime('%B %Y')}"
    except ValueError:
        return s


def _web_url(value: Any) -> str | None:
    """A link only to the web: a source's url that is not http(s) (javascript:, data:...) is shown as text."""
    s = str(value or "").strip()
    return s if re.match(r"^https?://[^\s\"'<>]+$", s, re.IGNORECASE) else None


def json_for_script(data: Any) -> str:
    """JSON that cannot end the <script> element holding it."""
    text = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def inline(text: str, tag: str) -> str:
    """Script or stylesheet text that cannot close its element early."""
    return re.sub(f"</(?={tag})", "<\\\\/", text, flags=re.IGNORECASE)


# Compiled templates are kept beside them, as Python keeps its bytecode: compiling the four a report
# uses cost a quarter of a second of every page. Each is keyed by its source's checksum (an edited
# template is compiled again); where the folder cannot be written, pages are built without it.
COMPILED = TEMPLATES / "__pycache__"


def _compiled_cache() -> Any:
    import jinja2

    class Cache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    try:
        COMPILED.mkdir(exist_ok=True)
    except OSError:
        return None
    return Cache(str(COMPILED), "%s.jinja")


def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=_compiled_cache(),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["long_date"] = _long_date
    env.filters["human"] = lambda s: str(s).replace("_", " ")
    env.filters["web_url"] = _web_url
    return env


def static(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def graph_assets() -> dict[str, Any]:
    """The inlined pieces every page with a graph carries."""
    from markupsafe import Markup

    from .visjs import vis_assets

    js, css = vis_assets()
    return {
        "vis_js": Markup(inline(js, "script")),
        "vis_css": Markup(inline(css, "style")),
        "graph_js": Markup(inline(static("graph.js"), "script")),
    }


def render(template: str, **context: Any) -> str:
    from markupsafe import Markup

    from .style import legend

    env = environment()
    context.setdefault("page_css", Markup(inline(static("page.css"), "style")))
    context.setdefault("legend", legend())
    context.setdefault("generated", dt.date.today().isoformat())
    if "graph" in context and context["graph"] is not None:
        context.update(graph_assets())
        context["graph_json"] = Markup(json_for_script(context["graph"]))
    return env.get_template(template).render(**context)


def graph_page(data: dict[str, Any], title: str, subtitle: str = "", command: str = "") -> str:
    return render("graph.html.j2", graph=data, title=title, subtitle=subtitle, command=command)


# ---------------------------------------------------------------- the offline check

# Attributes through which an element loads something by itself (links followed on a click are not listed).
_LOADS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "object": ("data",), "source": ("src", "srcset"), "audio": ("src",), "video": ("src", "poster"),
    "track": ("src",), "input": ("src",), "link": ("href",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
_INLINE_OK = ("data:", "blob:", "#")


def _srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset: each a run of non-space (a data: URL may hold commas), then descriptors to a comma."""
    urls, i = [], 0
    while i < len(value):
        while i < len(value) and (value[i].isspace() or value[i] == ","):
            i += 1
        j = i
        while j < len(value) and not value[j].isspace():
            j += 1
        url = value[i:j].rstrip(",")
        if url:
            urls.append(url)
        if value[i:j].endswith(","):
            i = j
            continue
        while j < len(value) and value[j] != ",":
            j += 1
        i = j
    return urls


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in _LOADS.get(tag, ()):
                self.found += _srcset_urls(value) if name == "srcset" else [value.strip()]
            if name == "style":
                self._css(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, text: str) -> None:
        for m in _CSS_URL.finditer(text):
            self.found.append(m.group(1) or m.group(2))


def remote_resources(html: str) -> list[str]:
    """Every reference through which the page would load something that is not inside it."""
    p = _Resources()
    p.feed(html)
    p.close()
    return [ref for ref in p.found if ref and not ref.lower().startswith(_INLINE_OK)]


def write_page(html: str, path: str | Path, protect: Any = ()) -> Path:
    """Write a page whole (never half a file), after checking it fetches nothing. Only a regular
    file is written, never one of the graphs in `protect` (outfile.py says what is refused)."""
    from ...outfile import OutputError, target, write_text

    found = remote_resources(html)
    if found:
        raise PageError(f"the page would load {len(found)} resource(s) from elsewhere, e.g. {found[0]}; nothing was written")
    try:
        t = write_text(target(path, protect), html, protect)
    except OutputError as e:
        raise PageError(str(e)) from None
    return t.path
