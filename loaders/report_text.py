"""The text of an Ofsted report PDF, page by page, cleaned and cut into sentences.

PDFium (through pypdfium2) gives each page's text layer in reading order. What it gives
is not yet prose:

- every page after the first starts with a running header or ends with a footer: SIF and
  the older ILACS print a bare page number, ILACS prints "Inspection of <council> local
  authority children's services" with the inspection dates and the page number;
- footnotes ("These are residential special schools ...") sit at the foot of a page and so
  interleave with the text, and their markers are separate lines of one number;
- a word hyphenated at a line end comes back as the two halves joined by U+FFFE with the
  line break gone: nearly all are real compounds ("multi-agency", "decision-making"), a
  few are one word ("wellbeing"): the rest of the document's vocabulary decides;
- bullets are private-use glyphs (U+F06E, U+F0A7, U+F0B7, U+F02D) or U+25FC.

:func:`read_pages` reads a file (refusing what is not a PDF, with the reason);
:func:`clean_pages` drops the running headers, page numbers and footnotes and mends the
words; :func:`sentences` joins the lines into paragraphs and cuts them into sentences,
each remembering the page it starts on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BULLETS = "\uf06e\uf0a7\uf0b7\uf02d\uf0be\u25fc\u25aa\u25cf\u2022"
BULLET = "\u2022"  # every bullet glyph becomes this, followed by a space
_GENERATED_HYPHEN = "\ufffe"
_SPACES = str.maketrans({"\u202f": " ", "\xa0": " ", "\t": " ", "\u2009": " "})


class Unreadable(Exception):
    """A file that is not a readable PDF; the message says why."""


@dataclass(frozen=True)
class Sentence:
    page: int  # 1-based page the sentence starts on
    text: str


def read_pages(path: str | Path) -> list[str]:
    """The raw text layer of every page, or :class:`Unreadable` with the reason."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None
    if not head:
        raise Unreadable("is empty")
    if b"%PDF-" not in head:
        lowered = head.lower()
        if b"<html" in lowered or b"<!doctype html" in lowered:
            title = re.search(rb"<title>\s*(.*?)\s*</title>", _html_head(path), re.S | re.I)
            said = f" ('{title.group(1).decode('utf-8', 'replace').strip()}')" if title else ""
            raise Unreadable(f"is not a PDF but an HTML page{said}")
        raise Unreadable("is not a PDF (no %PDF- header)")
    import pypdfium2 as pdfium  # imported only when reports are read

    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception as exc:  # PDFium raises its own PdfiumError; any failure means unreadable
        raise Unreadable(f"is not a readable PDF ({exc})") from None
    pages: list[str] = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                pages.append(textpage.get_text_range())
            finally:
                textpage.close()
                page.close()
    except Exception as exc:
        raise Unreadable(f"has a page PDFium cannot read ({exc})") from None
    finally:
        doc.close()
    if not any(p.strip() for p in pages):
        raise Unreadable("has no text layer (a scan?)")
    return pages


def _html_head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(8192)


# -- cleaning ------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"\s*\d{1,3}\s*", re.A)
_FOOTER_TITLE = re.compile(
    r"\s*Inspection of .{0,120}?(?:local authority )?children.s (?:social care )?services\s*", re.I
)
_DIGITS = re.compile(r"\d+", re.A)


def _norm(line: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", " ", line.strip().lower()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (digits folded) repeated at the top or bottom of many pages: running heads."""
    if len(pages) < 4:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages[1:]:
        edge = {_norm(x) for x in lines[:3] + lines[-3:] if x.strip()}
        seen.update(edge)
    need = max(3, int(0.4 * (len(pages) - 1)))
    # only what looks like a running head: a line with a number (dates, page) or a report title
    return {
        k for k, n in seen.items()
        if n >= need and len(k) > 3 and k != "#" and ("#" in k or _FOOTER_TITLE.fullmatch(k) or k.startswith("inspection of"))
    }


def _strip_page(lines: list[str], number: int, running: set[str]) -> list[str]:
    """One page's lines without its running header/footer, page number and footnotes."""
    out = list(lines)
    # running header or footer lines (ILACS: title, then "<dates> <page>"), top or bottom
    for where in ("top", "bottom"):
        for _ in range(4):
            if not out:
                break
            i = 0 if where == "top" else len(out) - 1
            line = out[i]
            if not line.strip():
                out.pop(i)
                continue
            n = _norm(line)
            if number > 1 and (n in running or _FOOTER_TITLE.fullmatch(line)):
                out.pop(i)
                continue
            if _PAGE_NUMBER.fullmatch(line) and int(line) in (number, number - 1, number + 1):
                out.pop(i)
                continue
            break
    # a trailing page number glued to the last line ("... fewer than 295 days.13")
    # is left alone: it cannot be told from a figure; footnotes are dropped below.
    # footnotes: a blank line, then a line of one number, then the note, to the page end
    for j in range(len(out) - 2, max(-1, len(out) - 14), -1):
        if (
            _PAGE_NUMBER.fullmatch(out[j])
            and j > 0
            and not out[j - 1].strip()
            and out[j + 1].strip()
            and not out[j + 1].lstrip().startswith(tuple(BULLETS))
        ):
            out = out[: j - 1]
            break
    # footnote markers printed as lines of their own inside the text
    out = [x for k, x in enumerate(out) if not (_PAGE_NUMBER.fullmatch(x) and 0 < k < len(out) - 1)]
    return out


_BULLET_AT = re.compile(r"^\s*[" + BULLETS + r"]\s*")


def _normalise_line(line: str) -> str:
    line = line.translate(_SPACES)
    m = _BULLET_AT.match(line)
    if m:
        line = BULLET + " " + line[m.end() :]
    elif any(b in line for b in BULLETS):
        line = re.sub(r"\s*[" + BULLETS + r"]\s*", " " + BULLET + " ", line)
    return line.rstrip()


_COMPOUND = re.compile(r"([A-Za-z]+)" + _GENERATED_HYPHEN + r"([A-Za-z]+)")


def vocabulary(text: str) -> Counter[str]:
    """Lower-case words of a text, hyphenated compounds kept whole."""
    return Counter(w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text))


def mend_hyphens(text: str, words: Counter[str] | None = None) -> str:
    """Rejoin the words PDFium split at a line-end hyphen (marked U+FFFE).

    Keep the hyphen ("multi-agency") unless the document spells the word closed
    ("wellbeing") and never hyphenated; a hyphen inside a longer compound
    ("day-to-day") is always kept.
    """
    if _GENERATED_HYPHEN not in text:
        return text
    if words is None:
        words = vocabulary(text.replace(_GENERATED_HYPHEN, " "))

    def one(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        before = m.string[m.start() - 1] if m.start() else ""
        closed, hyphened = (a + b).lower(), (a + "-" + b).lower()
        if before != "-" and words[closed] and not words[hyphened]:
            return a + b
        return a + "-" + b

    text = _COMPOUND.sub(one, text)
    return text.replace(_GENERATED_HYPHEN, "-")


def clean_pages(raw: list[str]) -> list[list[str]]:
    """Each page as cleaned lines: no running heads, page numbers or footnotes, words mended."""
    pages = [p.replace("\r\n", "\n").replace("\r", "\n").split("\n") for p in raw]
    running = _running_lines(pages)
    cleaned = [_strip_page(lines, i + 1, running) for i, lines in enumerate(pages)]
    words = vocabulary(" ".join(" ".join(p) for p in cleaned).replace(_GENERATED_HYPHEN, " "))
    return [[_normalise_line(mend_hyphens(x, words)) for x in lines] for lines in cleaned]


# -- paragraphs and sentences ----------------------------------------------------------------

_PARAGRAPH_NUMBER = re.compile(r"^\d{1,3}\.\s*(?=[A-Z‘“(])", re.A)
_NUMBERED = re.compile(r"^\s*\d{1,3}\.\s*[A-Z‘“(]", re.A)
_SHORT_HEADING = 60
_ABBREVIATIONS = re.compile(r"(?:\b(?:e\.g|i\.e|etc|St|No|Mr|Mrs|Ms|Dr|Cllr|approx|para|paras|cf|vs))\.$", re.I)
_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9])")


def _starts_block(line: str) -> bool:
    return line.startswith(BULLET) or bool(_NUMBERED.match(line))


def _ends_block(line: str, nxt: str) -> bool:
    s = line.rstrip()
    if not s:
        return True
    if s.endswith((":",)) and nxt[:1].isupper():
        return True
    if s[-1] in ".!?" or s.endswith((".”", ".’", '."', ".)")):
        return False  # a sentence end: the splitter decides; the paragraph may go on
    # a short line with no closing punctuation before a capital: a heading or a table cell
    return len(s) < _SHORT_HEADING and nxt[:1].isupper()


def paragraphs(pages: list[list[str]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Paragraph texts with their (offset, page) marks: where each page's lines begin."""
    out: list[tuple[str, list[tuple[int, int]]]] = []
    buf = ""
    marks: list[tuple[int, int]] = []

    def flush() -> None:
        nonlocal buf, marks
        if buf.strip():
            out.append((buf, marks))
        buf, marks = "", []

    flat = [(n + 1, x) for n, lines in enumerate(pages) for x in lines]
    for k, (page, line) in enumerate(flat):
        if not line.strip():
            continue
        if _starts_block(line):
            flush()
        if not marks or marks[-1][1] != page:
            lead = len(buf) + (1 if buf and not buf.endswith("-") else 0)
            marks.append((lead, page))
        if buf:
            buf = buf + line.strip() if buf.endswith("-") and buf[-2:-1].isalnum() else buf + " " + line.strip()
        else:
            buf = line.strip()
        nxt = next((x for _, x in flat[k + 1 :] if x.strip()), "")
        if _ends_block(line, nxt.strip()):
            flush()
    flush()
    return out


def _page_at(marks: list[tuple[int, int]], offset: int) -> int:
    page = marks[0][1]
    for start, p in marks:
        if start <= offset:
            page = p
        else:
            break
    return page


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of one paragraph; a bullet inside it starts a sentence."""
    pieces: list[tuple[int, str]] = []
    for part in re.finditer(r"[^" + BULLET + r"]+", text):
        base, chunk = part.start(), part.group(0)
        start = 0
        for m in _SPLIT.finditer(chunk):
            if _ABBREVIATIONS.search(chunk[start : m.start()]):
                continue
            pieces.append((base + start, chunk[start : m.end()]))
            start = m.end()
        pieces.append((base + start, chunk[start:]))
    out = []
    for offset, s in pieces:
        lead = len(s) - len(s.lstrip())
        s = re.sub(r"\s+", " ", s).strip()
        numbered = _PARAGRAPH_NUMBER.match(s)
        if numbered:  # a numbered paragraph's number is no part of its first sentence
            lead += numbered.end()
            s = s[numbered.end() :]
        if s:
            out.append((offset + lead, s))
    return out


def sentences(pages: list[list[str]]) -> list[Sentence]:
    """Every sentence of the cleaned pages, with the page it starts on."""
    out: list[Sentence] = []
    for text, marks in paragraphs(pages):
        for offset, s in split_sentences(text):
            out.append(Sentence(_page_at(marks, offset), s))
    return out


@dataclass
class ReportText:
    pages: list[list[str]]  # cleaned lines of each page
    sentences: list[Sentence]


def read_report(path: str | Path) -> ReportText:
    """Read, clean and cut one report (or :class:`Unreadable`)."""
    pages = clean_pages(read_pages(path))
    return ReportText(pages, sentences(pages))
