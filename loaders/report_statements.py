"""Leadership statements and interventions, read sentence by sentence.

A leadership statement says that a holder of one of five posts (the director of
children's services, also under another title where the report makes it the DCS; the
chief executive, also "managing director"; the LSCB chair; the lead member; the director
of adult services) is in post or took it up, left, that the post is vacant, or that a new
holder is due, and gives a date or a capacity. Each record names the rule that found it.
Capacity is never assumed: "interim", "acting", "permanent"/"substantive", "joint" (or
"also the ...") only where the sentence says so, else "unknown".

An intervention is services delivered by a named trust or company, a commissioner
appointed by the Secretary of State or the DfE, a statutory direction, an improvement
notice, or an adviser appointed by the DfE; never the words' false friends (positions of
trust, NHS trusts, Children's Trust boards, personal advisers, commissioning staff, the
Police and Crime Commissioner, young commissioners, case direction, school improvement
advisers).
"""

from __future__ import annotations

import datetime as dt
import re

from .report_dates import MONTH_WORD, MONTHS, months_before
from .report_records import Intervention, Report, Statement
from .report_text import ReportText

# -- posts -----------------------------------------------------------------------------------

_APOS = r"[’']"
_CS = r"children" + _APOS + r"?s?" + _APOS + r"?"
DCS_WORDS = (
    r"(?:(?:executive|corporate|strategic|statutory)\s+)?director\s+(?:of|for)\s+" + _CS + r"\s+(?:social\s+care\s+and\s+)?services"
    r"(?!\s+(?:trust|board))"
    r"|\bD\.?C\.?S\b|\bIDCS\b"
    r"|director\s+of\s+children\s+and\s+(?:young\s+people|families)" + _APOS + r"?s?\s*(?:services)?"
    r"|director\s+of\s+children" + _APOS + r"s\s+and\s+(?:adult|young)[\w’' ]{0,30}?services"
    r"|director\s+of\s+(?:schools\s+and\s+)?children.s\s+services"
    r"|director\s+of\s+children,\s+(?:schools|education)[\w,’' ]{0,40}?(?:families|services)"
)
OTHER_DCS_TITLES = (
    r"(?:executive\s+|corporate\s+|strategic\s+|deputy\s+)?director\s+(?:of\s+|for\s+)?(?:people|wellbeing|people.s\s+services|"
    r"children\s+and\s+young\s+people|children,\s+young\s+people\s+and\s+families|families|care,\s+wellbeing\s+and\s+learning|"
    r"social\s+care,\s+health\s+and\s+wellbeing)"
)
POSTS = {
    "lscb_chair": re.compile(
        r"\b(?:(?:independent|interim|acting|new|current|previous|permanent)\s+)*chair(?:person|man)?\s+(?:of\s+(?:the\s+)?"
        r"(?:[A-Z][\w’']*\s+){0,3}(?:LSCB|[A-Z]{0,4}SCB|local\s+safeguarding\s+children" + _APOS + r"?s?\s+board|safeguarding\s+children"
        + _APOS
        + r"?s?\s+board|safeguarding\s+board)|for\s+[A-Z][\w ]{0,30}(?:LSCB|SCB|Safeguarding\s+Children\s+Board))"
        r"|\b(?:LSCB|[A-Z]{0,4}SCB|safeguarding\s+(?:children" + _APOS + r"?s?\s+)?board)(?:’s|'s)?\s+(?:independent\s+)?chair\b"
        r"|\bindependent\s+chair\b(?!\s+of\s+the\s+(?!LSCB|[A-Z]*SCB|local\s+safeguarding|safeguarding\s+children))",
        re.I,
    ),
    "dass": re.compile(
        r"\bdirector\s+of\s+adult" + _APOS + r"?s?" + _APOS + r"?\s+(?:social\s+)?(?:services|social\s+care)\b|\bDASS\b", re.I
    ),
    "chief_executive": re.compile(
        r"(?<!deputy\s)(?<!assistant\s)\b(?:chief\s+executive(?:\s+officer)?|managing\s+director|head\s+of\s+paid\s+service)\b"
        r"(?!\s+of\s+(?:the\s+)?(?:NHS|hospital|clinical|CCG|foundation|health|police|trust|company|Together|Achieving|\w+\s+Children"
        + _APOS
        + r"s\s+Trust))",
        re.I,
    ),
    "lead_member": re.compile(
        r"\blead\s+member\b|\bportfolio\s+holder\b|\bcabinet\s+member\s+for\s+(?:children|education|young)", re.I
    ),
    "dcs": re.compile(DCS_WORDS, re.I),
}
_OTHER_DCS = re.compile(OTHER_DCS_TITLES, re.I)
_NOT_DCS_PREFIX = re.compile(r"(?:assistant|deputy|service|operational)\s+$", re.I)

# -- dates -------------------------------------------------------------------------------------

_DAY = r"\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH_WORD + r"\s+\d{4}"
_MONTH = r"(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)[\s-]+)?" + MONTH_WORD + r"(?:\s+\d{4}|\s+(?:last|this|next)\s+year)?"
_YEAR = r"(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+summer\s+of|the\s+spring\s+of|the\s+autumn\s+of|the\s+winter\s+of|spring|summer|autumn|winter)[\s-]+)?\d{4}"
DATE = r"(?:" + _DAY + r"|" + _MONTH + r"|" + _YEAR + r")"
_NUMBERS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-one": 21,
    "twenty-four": 24, "thirty": 30, "thirty-six": 36,
}
NUMBER = r"(?:\d{1,2}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
DURATION = NUMBER + r"\s+(?:years?|months?|weeks?)"


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def resolve_date(phrase: str, anchor: str | None, future: bool = False) -> tuple[str | None, bool]:
    """A date phrase -> ('YYYY' | 'YYYY-MM' | 'YYYY-MM-DD', resolved?) against the inspection's end."""
    p = re.sub(r"\s+", " ", phrase.strip())
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (" + MONTH_WORD + r") (\d{4})", p)
    if m:
        try:
            return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))).isoformat(), False
        except ValueError:
            return None, False
    m = re.search(r"(" + MONTH_WORD + r")(?: (\d{4}))?(?: (last|this|next) year)?$", p)
    if m:
        month = MONTHS[m.group(1).lower()]
        if m.group(2):
            return f"{m.group(2)}-{month:02d}", False
        if not anchor:
            return None, False
        end = dt.date.fromisoformat(anchor)
        if m.group(3) == "last":
            return f"{end.year - 1}-{month:02d}", True
        if m.group(3) == "next":
            return f"{end.year + 1}-{month:02d}", True
        if m.group(3) == "this":
            return f"{end.year}-{month:02d}", True
        year = end.year
        if future:
            if month < end.month:
                year += 1
        elif month > end.month:
            year -= 1
        return f"{year}-{month:02d}", True
    m = re.search(r"(\d{4})$", p)
    if m:
        return m.group(1), False
    return None, False


def resolve_duration(number: str, unit: str, anchor: str | None) -> str | None:
    if not anchor:
        return None
    n = _number(number)
    unit = unit.lower()
    if unit.startswith("year"):
        return months_before(anchor, 12 * n)
    if unit.startswith("month"):
        return months_before(anchor, n)
    d = dt.date.fromisoformat(anchor) - dt.timedelta(weeks=n)
    return f"{d.year:04d}-{d.month:02d}"


# -- events ------------------------------------------------------------------------------------

_CAP_WORDS = r"(?:interim|acting|permanent|substantive)"
_EVENTS: list[tuple[str, str, re.Pattern[str]]] = [
    # (rule, event, pattern): named groups date / num+unit / cap
    ("in_post_since", "in_post", re.compile(
        r"(?:has|have|had)\s+(?:also\s+)?been\s+(?:in\s+(?:post|(?:the|this|that|her|his|their)\s+(?:post|role|position))|"
        r"the\s+[\w’' ]{2,60}?|appointed|employed)"
        r"(?:\s+(?:in|on)\s+an?\s+(?P<cap>interim|acting|permanent|substantive)\s+(?:capacity|basis))?"
        r"\s+(?:since|from)\s+(?P<date>" + DATE + r")", re.I)),
    ("in_post_for", "in_post", re.compile(
        r"(?:has|have|had)\s+(?:also\s+)?been\s+in\s+(?:post|(?:the|this|that|her|his|their)\s+(?:post|role|position))"
        r"(?:\s+(?:in|on)\s+an?\s+(?P<cap>interim|acting|permanent|substantive)\s+(?:capacity|basis))?"
        r"\s+for\s+(?:the\s+(?:last|past)\s+)?(?P<num>" + NUMBER + r")\s+(?P<unit>years?|months?|weeks?)", re.I)),
    ("in_post_for", "in_post", re.compile(
        r"\bin\s+post\s+for\s+(?:the\s+(?:last|past)\s+)?(?P<num>" + NUMBER + r")\s+(?P<unit>years?|months?|weeks?)", re.I)),
    ("in_post_since", "in_post", re.compile(
        r"\bin\s+post\s+since\s+(?P<date>" + DATE + r")", re.I)),
    ("ago", "in_post", re.compile(
        r"(?:appointed|came\s+into\s+post|took\s+up\s+(?:the\s+|her\s+|his\s+)?post|started|arrived|joined(?:\s+the\s+\w+)?)\s+"
        r"(?:(?:just\s+|only\s+)?(?:over|under|less\s+than|about|around|some)\s+)?(?P<num>" + NUMBER + r")\s+(?P<unit>years?|months?|weeks?)\s+"
        r"(?:ago|before\s+the\s+inspection|prior\s+to\s+the\s+inspection)", re.I)),
    ("arriving", "arriving", re.compile(
        r"(?:will|is\s+due\s+to|was\s+due\s+to|are\s+due\s+to|is\s+expected\s+to|is\s+to)\s+(?:take\s+up\s+(?:the\s+|her\s+|his\s+)?(?:post|role|position)|"
        r"come\s+into\s+post|start|commence|join(?:\s+the\s+(?:council|authority|local\s+authority))?|be\s+in\s+post|arrive|begin)"
        r"(?:\s+(?:in|on|from|at\s+the\s+(?:end|start|beginning)\s+of)\s+(?P<date>" + DATE + r"))?", re.I)),
    ("arriving", "arriving", re.compile(
        r"\b(?:due\s+in\s+post|due\s+to\s+start|takes\s+up\s+(?:the\s+)?post)\s+(?:in|on|from)\s+(?P<date>" + DATE + r")", re.I)),
    ("took_up_post", "in_post", re.compile(
        r"(?:took|has\s+taken|had\s+taken|taken)\s+up\s+(?:the\s+|her\s+|his\s+|their\s+|this\s+)?(?:post|role|position|appointment|office)"
        r"(?:\s+(?:as|of)\s+[\w’' ]{3,60}?)?\s+(?:in|on|from|at\s+the\s+(?:end|start|beginning)\s+of)\s+(?P<date>" + DATE + r")", re.I)),
    ("took_up_post", "in_post", re.compile(
        r"(?:came|has\s+come|come)\s+into\s+(?:post|the\s+post|the\s+role|office)\s+(?:in|on|from|at\s+the\s+(?:end|start|beginning)\s+of)\s+(?P<date>" + DATE + r")", re.I)),
    ("took_up_post", "in_post", re.compile(
        r"(?:commenced|started|began|arrived|joined)(?:\s+(?:in\s+post|in\s+(?:the|her|his)\s+(?:role|post)|work|the\s+(?:council|authority|local\s+authority)|employment))?"
        r"\s+(?:in|on|from|at\s+the\s+(?:end|start|beginning)\s+of)\s+(?P<date>" + DATE + r")", re.I)),
    ("appointed", "in_post", re.compile(
        r"(?:was|were|been|being|,)?\s*appointed(?:\s+(?:as|to)\s+(?:the\s+)?(?:post|role|[\w’' ]{2,60}?))?(?:\s+(?:on\s+)?(?:a|an)\s+(?P<cap>interim|permanent|substantive)\s+basis)?"
        r"\s+(?:in|on|from|at\s+the\s+(?:end|start|beginning)\s+of)\s+(?P<date>" + DATE + r")", re.I)),
    ("appointed", "in_post", re.compile(
        r"(?:since|following|after|with)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:appointment|arrival)\s+(?:of\s+[\w’' ,()]{3,80}?\s+)?"
        r"(?:in|on)\s+(?P<date>" + DATE + r")", re.I)),
    ("appointed", "in_post", re.compile(
        r"(?:since|following|after)\s+(?:his|her|their)\s+(?:appointment|arrival),?\s+in\s+(?P<date>" + DATE + r")", re.I)),
    ("left", "left", re.compile(
        r"(?:retired|resigned|left(?:\s+(?:the|her|his|their)\s+(?:post|role|authority|council|local\s+authority))?|stepped\s+down|departed|died"
        r"|is\s+retiring|is\s+leaving|will\s+be\s+leaving|will\s+leave|will\s+retire|steps\s+down|is\s+stepping\s+down|will\s+step\s+down)"
        r"(?:\s+(?:from\s+)?(?:the|her|his|their)\s+(?:post|role))?"
        r"\s+(?:in|on|at\s+the\s+end\s+of|from)\s+(?P<date>" + DATE + r")", re.I)),
    ("left", "left", re.compile(
        r"(?:retirement|resignation|departure|leaving)\s+of\s+(?:the\s+)?(?:previous\s+|former\s+|last\s+)?[\w’' ()]{2,60}?\s+"
        r"(?:in|on|at\s+the\s+end\s+of|effective\s+from)\s+(?P<date>" + DATE + r")", re.I)),
    ("left", "left", re.compile(
        r"(?:resignation|retirement|departure)[\w’' ,]{0,60}?effective\s+from\s+(?P<date>" + DATE + r")", re.I)),
    ("vacant", "vacant", re.compile(
        r"(?:has\s+been|is|was|remains|had\s+been)\s+(?:currently\s+)?vacant(?:\s+since\s+(?P<date>" + DATE + r"))?", re.I)),
]
_FUTURE_WORDS = re.compile(r"\b(?:will|is\s+due|was\s+due|due\s+to|takes\s+up|is\s+expected|is\s+to)\b", re.I)


def _cap_near(text: str, start: int, end: int) -> str | None:
    """A capacity word in the post's own noun phrase (just before the post words)."""
    before = text[max(0, start - 40) : start]
    m = re.search(r"\b(interim|acting|permanent|substantive)\b(?:\s+[\w’']+){0,3}\s*$", before, re.I)
    if m and not re.search(r"\b(?:and|or|the\s+\w+\s+and)\b", before[m.end():], re.I):
        return m.group(1).lower()
    return None


def _capacity(word: str | None) -> str:
    if not word:
        return "unknown"
    word = word.lower()
    return "substantive" if word in ("permanent", "substantive") else word


_JOINT = [
    (re.compile(r"\b(?:who\s+is\s+)?also\s+(?:the\s+)?(?:statutory\s+)?(?:director\s+of\s+adult" + _APOS + r"?s?" + _APOS + r"?\s+(?:social\s+)?(?:services|social\s+care)|DASS)\b", re.I), "dass"),
    (re.compile(r"\b(?:who\s+is\s+)?also\s+(?:the\s+)?(?:statutory\s+)?(?:director\s+of\s+children" + _APOS + r"?s?\s+services|DCS)\b(?:\s+(?:in|for)\s+(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?))?", re.I), "dcs"),
    (re.compile(r"\b(?:who\s+is\s+)?also\s+(?:the\s+)?chief\s+executive\b", re.I), "chief_executive"),
    (re.compile(r"\bresponsible\s+for\s+both\s+adult(?:s|s’)?\s+and\s+children" + _APOS + r"s\s+(?:social\s+care|services)", re.I), "dass"),
    (re.compile(r"\bdirector\s+of\s+children" + _APOS + r"?s?\s+and\s+adult" + _APOS + r"?s?\s+(?:social\s+)?(?:services|social\s+care)", re.I), "dass"),
    (re.compile(r"\b(?:also|jointly)\s+(?:the\s+)?(?:chair|independent\s+chair)\s+of\s+(?:the\s+)?(?P<place>[A-Z][\w ]{2,40}?)\s+(?:LSCB|Safeguarding|Board)", re.I), "lscb_chair"),
]


def _find_posts(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, post, title) of each post mention, earliest first, overlaps dropped."""
    found = []
    for post, pattern in POSTS.items():
        for m in pattern.finditer(text):
            if post == "dcs" and _NOT_DCS_PREFIX.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            found.append((m.start(), m.end(), post, None))
    for m in _OTHER_DCS.finditer(text):
        if _NOT_DCS_PREFIX.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        found.append((m.start(), m.end(), "dcs", m.group(0)))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str, str | None]] = []
    for f in found:
        if out and f[0] < out[-1][1]:
            continue
        out.append(f)
    return out


_STATUTORY = re.compile(r"statutory\s+(?:role\s+of\s+|function\s+of\s+|duties\s+of\s+)?(?:the\s+)?(?:post\s+of\s+)?(?:director\s+of\s+children|DCS)|\bis\s+the\s+(?:statutory\s+)?DCS\b|\(DCS\)|\bas\s+DCS\b|\bthe\s+DCS\s+for\b", re.I)


def _subject(text: str, at: int, posts: list, leadership_block: bool):
    """The post an event at `at` speaks of: the nearest post named before it in its clause."""
    before = [p for p in posts if p[1] <= at]
    if not before:
        return None
    cand = before[-1]
    # "the chair of the LSCB and the DCS have been ..." names two; keep the nearest
    between = text[cand[1] : at]
    if re.search(r"[.;]", between):
        return None
    if cand[3] is not None:  # another title for the DCS: only where the report makes it the DCS
        if not (leadership_block or _STATUTORY.search(text)):
            return None
    return cand


_NEW_HOLDER_NOT_HELD = re.compile(r"\b(?:previous|former|last|outgoing)\s+$", re.I)


def _leadership_block(text: ReportText, report: Report) -> set[int]:
    """Indexes of sentences in the SIF "Local leadership" / "Other information about this area" block."""
    out: set[int] = set()
    sents = text.sentences
    for i, s in enumerate(sents):
        if re.search(r"\b(?:Local leadership|Other information about (?:this area|the local authority))\b", s.text):
            for k in range(i, min(len(sents), i + 12)):
                if k > i and re.match(r"^(?:Inspection judgements|Recent Ofsted|Summary|The experiences|Information about|Children living)", sents[k].text):
                    break
                out.add(k)
    return out


def statements_in(text: ReportText, report: Report) -> list[Statement]:
    anchor = report.inspection_end
    block = _leadership_block(text, report) if report.family in ("sif", "sif_reinspection") else set()
    out: list[Statement] = []
    seen: set[tuple] = set()
    sents = text.sentences
    for i, s in enumerate(sents):
        t = s.text
        if len(t) > 700:
            continue
        posts = _find_posts(t)
        if not posts:
            continue
        prefix = "sif.leadership" if i in block else f"{report.family}.narrative"
        for rule, event, pattern in _EVENTS:
            for m in pattern.finditer(t):
                subj = _subject(t, m.start(), posts, i in block)
                if subj is None:
                    continue
                start, end, post, title = subj
                if _NEW_HOLDER_NOT_HELD.search(t[max(0, start - 12) : start]) and event == "in_post":
                    continue
                gd = m.groupdict()
                date, resolved = None, False
                future = event == "arriving" or bool(_FUTURE_WORDS.search(m.group(0)))
                if gd.get("date"):
                    date, resolved = resolve_date(gd["date"], anchor, future=future)
                elif gd.get("num"):
                    date, resolved = resolve_duration(gd["num"], gd["unit"], anchor), True
                ev = event
                if rule == "took_up_post" and date and anchor and date[:7] > anchor[:7]:
                    ev = "arriving"
                if rule == "in_post_since" and re.match(r"(?:appointed|employed)", m.group(0)[m.group(0).find("been") + 5 :].strip(), re.I):
                    pass
                cap = _capacity(gd.get("cap")) if gd.get("cap") else _capacity(_cap_near(t, start, end))
                if cap == "unknown":
                    # the capacity may follow the post words: "the DCS, in an interim capacity,"
                    mm = re.search(r"\b(?:in|on)\s+an?\s+(interim|acting|permanent|substantive)\s+(?:capacity|basis)\b", t[end : m.end() + 40], re.I)
                    if mm:
                        cap = _capacity(mm.group(1))
                joint_with = None
                for jpat, other in _JOINT:
                    jm = jpat.search(t)
                    if jm and other != post:
                        cap = "joint" if cap == "unknown" else cap
                        place = jm.groupdict().get("place") if jm.groupdict() else None
                        joint_with = place or other
                        break
                    if jm and other == post and jm.groupdict().get("place"):
                        cap = "joint" if cap == "unknown" else cap
                        joint_with = jm.group("place")
                        break
                if date is None and cap == "unknown":
                    continue
                if ev == "in_post" and gd.get("date") is None and not gd.get("num") and rule not in ("in_post_since",):
                    pass
                key = (s.page, t, post, ev, date)
                if key in seen:
                    continue
                seen.add(key)
                out.append(
                    Statement(
                        quote=t,
                        page=s.page,
                        rule=f"{prefix}.{rule}",
                        post=post,
                        event=ev,
                        capacity=cap,
                        date=date,
                        date_resolved=resolved,
                        title=title.strip() if title else None,
                        joint_with=joint_with,
                    )
                )
    return out


# -- interventions -----------------------------------------------------------------------------

_COMPANY = r"(?P<body>(?:[A-Z][\w’'&-]*|for|and|of|the|in)(?:\s+(?:[A-Z][\w’'&-]*|for|and|of|the|in)){0,5})"
_INTERVENTIONS: list[tuple[str, str, re.Pattern[str]]] = [
    ("trust.delivered_by", "trust", re.compile(
        r"(?:delivered|provided|run|managed|operated)\s+(?:on\s+behalf\s+of\s+the\s+council\s+)?by\s+(?:the\s+)?"
        r"(?P<body>[A-Z][\w’'&-]*(?:\s+(?:[A-Z][\w’'&-]*|for|and|of|the)){0,5}\s+(?:Trust|Company|Partnership|First|Together|Children)|Achieving\s+for\s+Children|Together\s+for\s+Children|[A-Z][\w’'-]+\s+Children\s+First|[A-Z][\w’'-]+\s+Children.s\s+Trust)", 0)),
    ("trust.established", "trust", re.compile(
        r"(?P<body>[A-Z][\w’'&-]*(?:\s+(?:[A-Z][\w’'&-]*|for|and|of)){0,4}\s+(?:Children.s\s+(?:Services\s+)?Trust|Children\s+First|Children.s\s+Trust))\s*(?:\([A-Z]+\)\s*)?,?\s+"
        r"(?:was|has\s+been|were)\s+(?:established|created|set\s+up|formed|launched)", 0)),
    ("trust.company", "trust", re.compile(
        r"(?P<body>Achieving\s+for\s+Children|Together\s+for\s+Children|Children.s\s+Services\s+Trust|[A-Z][\w’'-]+\s+Children\s+First|Brighter\s+Futures\s+for\s+Children|[A-Z][\w’'-]+\s+Children.s\s+Trust|Northamptonshire\s+Children.s\s+Trust)"
        r"\s*(?:\([A-Z]+\))?,?\s+(?:is\s+|was\s+)?(?:a|an|the)\s+(?:wholly[\s-]owned|not[\s-]for[\s-]profit|independent|community\s+interest|council[\s-]owned|arm.s[\s-]length)", 0)),
    ("commissioner", "commissioner_appointed", re.compile(
        r"(?:Secretary\s+of\s+State|Department\s+for\s+Education|DfE|Minister)[\w’' ,()]{0,60}?\s+(?:appointed|has\s+appointed|appointment\s+of)\s+(?:a|an|the)?\s*"
        r"(?:children.s\s+(?:services\s+)?|independent\s+|new\s+)?commissioner", re.I)),
    ("commissioner", "commissioner_appointed", re.compile(
        r"(?:a|an|the)\s+(?:children.s\s+(?:services\s+)?|independent\s+|DfE\s+|Department\s+for\s+Education\s+)?commissioner(?:\s+for\s+children.s\s+services)?\s+"
        r"(?:was|has\s+been|had\s+been|were)\s+appointed\s+(?:by\s+(?:the\s+)?(?:Secretary\s+of\s+State|Department\s+for\s+Education|DfE|Minister))", re.I)),
    ("commissioner", "commissioner_appointed", re.compile(
        r"(?:appointment\s+of\s+(?:a|an|the)\s+(?:DfE\s+|children.s\s+(?:services\s+)?|independent\s+)?commissioner\s+(?:by|from)\s+(?:the\s+)?(?:Secretary\s+of\s+State|Department\s+for\s+Education|DfE))"
        r"|(?:Department\s+for\s+Education|DfE|Secretary\s+of\s+State).{0,15}\s+(?:children.s\s+(?:services\s+)?)?commissioner\b", re.I)),
    ("direction", "statutory_direction", re.compile(
        r"statutory\s+direction|direction\s+(?:was\s+|has\s+been\s+)?issued\s+by\s+the\s+(?:Secretary\s+of\s+State|Department\s+for\s+Education|DfE)"
        r"|Secretary\s+of\s+State\s+(?:for\s+Education\s+)?(?:issued\s+a\s+direction|directed)|(?:issued|under)\s+(?:a|the)\s+(?:statutory\s+)?direction\s+(?:under|from|by)\s+(?:section\s+497A|the\s+Secretary)"
        r"|section\s+497A", re.I)),
    ("improvement_notice", "improvement_notice", re.compile(
        r"\bimprovement\s+notices?\b|\bstatutory\s+notice\s+of\s+improvement\b|\bnotice\s+to\s+improve\b", re.I)),
    ("adviser", "advisers_appointed", re.compile(
        r"(?:DfE|Department\s+for\s+Education|Secretary\s+of\s+State)(?:[\w’' ,()-]{0,40}?\s+appointed\s+(?:a|an)?\s*|\s*(?:appointed\s+|funded\s+|nominated\s+)?)(?:independent\s+|improvement\s+|practice\s+improvement\s+|children.s\s+services\s+)?adviser", re.I)),
    ("adviser", "advisers_appointed", re.compile(
        r"(?:improvement\s+)?adviser\s+(?:was\s+|has\s+been\s+|had\s+been\s+)?(?:appointed|provided|commissioned)\s+by\s+(?:the\s+)?(?:DfE|Department\s+for\s+Education|Secretary\s+of\s+State)", re.I)),
]
_FALSE_FRIENDS = re.compile(
    r"position(?:s)?\s+of\s+trust|relationships?\s+of\s+trust|\bNHS\b|foundation\s+trust|health\s+(?:care\s+)?trust|hospital|"
    r"children.s\s+trust\s+(?:board|partnership|arrangements)|personal\s+advisers?|police\s+and\s+crime\s+commissioner|"
    r"young\s+commissioners?|apprentice\s+commissioners?|case\s+direction|management\s+direction|school\s+improvement\s+advisers?|"
    r"trust\s+funds?|public\s+services\s+trust|direction\s+to\s+practice",
    re.I,
)
_NEGATED = re.compile(r"\b(?:no|not|never|without|removed|lifted|revoked|ended|withdrawn)\b", re.I)


def _intervention_date(t: str, m: re.Match[str], anchor: str | None) -> str | None:
    window = t[max(0, m.start() - 80) : m.end() + 60]
    dm = re.search(r"(?:in|since|from|on|during)\s+(" + _DAY + r"|" + MONTH_WORD + r"\s+\d{4}|\d{4})\b", window)
    if dm:
        return resolve_date(dm.group(1), anchor)[0]
    return None


def interventions_in(text: ReportText, report: Report) -> list[Intervention]:
    anchor = report.inspection_end
    out: list[Intervention] = []
    seen: set[tuple] = set()
    for s in text.sentences:
        t = s.text
        if len(t) > 700:
            continue
        for rule, action, pattern in _INTERVENTIONS:
            m = pattern.search(t)
            if not m:
                continue
            span = t[max(0, m.start() - 40) : m.end() + 40]
            if _FALSE_FRIENDS.search(m.group(0)) or (action != "trust" and _FALSE_FRIENDS.search(span) and not re.search(r"Secretary of State|DfE|Department for Education", m.group(0))):
                continue
            body = None
            if action == "trust":
                body = re.sub(r"\s+", " ", m.group("body")).strip()
                if _FALSE_FRIENDS.search(t[max(0, m.start() - 30) : m.end() + 30]) or re.search(r"\b(?:NHS|Foundation|Hospital|Health|Partnership|Healthcare|Police)\b", body):
                    continue
                if body.lower().startswith(("the ", "a ")):
                    body = body.split(" ", 1)[1]
            key = (action, body, t)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Intervention(
                    quote=t, page=s.page, rule=f"{report.family}.intervention.{rule}", action=action, body=body,
                    date=_intervention_date(t, m, anchor),
                )
            )
    return out
