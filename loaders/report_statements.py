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

from .report_dates import MONTHS, months_before

MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?=\s+\d{4}))"
)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]

from .report_records import Intervention, Report, Statement
from .report_text import ReportText

# -- posts -----------------------------------------------------------------------------------

_APOS = r"[’']"
_CS = r"children" + _APOS + r"?s?" + _APOS + r"?"
DCS_WORDS = (
    r"(?:(?:executive|corporate|strategic|statutory)\s+)?director\s+(?:of|for)\s+" + _CS + r"\s+(?:social\s+care\s+and\s+)?services?\b"
    r"(?!\s+(?:trust|board))"
    r"|\bD\.?C\.?S\b|\bIDCS\b"
    r"|director\s+of\s+children\s+and\s+young\s+people" + _APOS + r"?s?\s*(?:services)?"
    r"|director\s+of\s+children" + _APOS + r"s\s+and\s+(?:adult|young)[\w’' ]{0,30}?services"
    r"|director\s+of\s+(?:schools\s+and\s+)?children.s\s+services"
    r"|director\s+of\s+children,\s+adults\s+and\s+health"
    r"|director\s+of\s+children,\s+(?:schools|education)[\w,’' ]{0,40}?(?:families|services)"
)
OTHER_DCS_TITLES = (
    r"(?:executive\s+|corporate\s+|strategic\s+|deputy\s+)?director\s+(?:of\s+|for\s+)?(?:people|wellbeing|people.s\s+services|"
    r"children\s+and\s+young\s+people|children,\s+young\s+people\s+and\s+families|families|care,\s+wellbeing\s+and\s+learning|"
    r"social\s+care,\s+health\s+and\s+wellbeing|children,\s+families\s+and\s+adult\s+services|people\s+services|children\s+and\s+adults?(?:\s+services)?)"
)
POSTS = {
    "lscb_chair": re.compile(
        r"\b(?:(?:independent|interim|acting|new|current|previous|permanent)\s+)*chair(?:person|man)?\s+(?:of\s+(?:the\s+)?"
        r"(?:[A-Z][\w’']*\s+){0,3}(?:LSCB|[A-Z]{0,4}SCB|local\s+safeguarding\s+children" + _APOS + r"?s?\s+board|safeguarding\s+children"
        + _APOS
        + r"?s?\s+board|safeguarding\s+board)|for\s+[A-Z][\w ]{0,30}(?:LSCB|SCB|Safeguarding\s+Children\s+Board))"
        r"|\b(?:LSCB|[A-Z]{0,4}SCB|safeguarding\s+(?:children" + _APOS + r"?s?\s+)?board)(?:’s|'s)?\s+(?:independent\s+)?chair\b"
        r"|\bindependent\s+chair\b(?!\s+of\s+the\s+(?!LSCB|[A-Z]*SCB|local\s+safeguarding|safeguarding\s+children|board\b))",
        re.I,
    ),
    "dass": re.compile(
        r"\bdirector\s+of\s+adult" + _APOS + r"?s?" + _APOS + r"?\s+(?:social\s+)?(?:services|social\s+care)\b|\bDASS\b", re.I
    ),
    "chief_executive": re.compile(
        r"(?<!deputy\s)(?<!assistant\s)\b(?:chief\s+executive(?:\s+officer)?|managing\s+director|head\s+of\s+paid\s+service)\b"
        r"(?!\s+of\s+(?:the\s+)?(?:NHS|hospital|clinical|CCG|foundation|health|police))",
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
_MONTH = r"(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)[\s-]+)?" + MONTH_WORD + r"(?:\s+\d{4}|\s+(?:last|this|next)\s+year|(?!\s+\d))"
_FIRST_DAY = r"the\s+first\s+day\s+of\s+(?:this|the)\s+inspection"
_YEAR = r"(?<!\d\s)(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+summer\s+of|the\s+spring\s+of|the\s+autumn\s+of|the\s+winter\s+of|spring|summer|autumn|winter)[\s-]+)?\d{4}"
DATE = r"(?:" + _DAY + r"|" + _MONTH + r"|" + _YEAR + r"|" + _FIRST_DAY + r")"
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


def resolve_date(phrase: str, anchor: str | None, future: bool = False, start: str | None = None) -> tuple[str | None, bool]:
    """A date phrase -> ('YYYY' | 'YYYY-MM' | 'YYYY-MM-DD', resolved?) against the inspection's end."""
    p = re.sub(r"\s+", " ", phrase.strip())
    if re.fullmatch(_FIRST_DAY, p, re.I):
        return (start, True) if start else (None, False)
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (" + MONTH_WORD + r") (\d{4})", p)
    if m:
        try:
            return dt.date(int(m.group(3)), _month(m.group(2)), int(m.group(1))).isoformat(), False
        except ValueError:
            return None, False
    m = re.search(r"(" + MONTH_WORD + r")(?: (\d{4}))?(?: (last|this|next) year)?$", p)
    if m:
        month = _month(m.group(1))
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
        r"\s+for\s+(?:the\s+(?:last|past)\s+)?(?:(?:just\s+)?(?:over|under)\s+|more\s+than\s+|almost\s+|nearly\s+|about\s+|around\s+)?(?P<num>" + NUMBER + r")\s+(?P<unit>years?|months?|weeks?)", re.I)),
    ("in_post_for", "in_post", re.compile(
        r"\bin\s+post\s+for\s+(?:the\s+(?:last|past)\s+)?(?P<num>" + NUMBER + r")\s+(?P<unit>years?|months?|weeks?)", re.I)),
    ("in_post_since", "in_post", re.compile(
        r"\bin\s+post\s+since\s+(?P<date>" + DATE + r")", re.I)),
    ("in_post_since", "in_post", re.compile(
        r"\bnewly\s+in\s+post\s+(?:in|from)\s+(?P<date>" + DATE + r")", re.I)),
    ("covered_from", "in_post", re.compile(
        r"(?:covered|filled|held|undertaken)\s+(?:on\s+)?an?\s+(?P<cap>interim|acting)\s+(?:[\w-]+\s+)?basis\s+(?:from|since)\s+(?P<date>" + DATE + r")", re.I)),
    ("ago", "in_post", re.compile(
        r"(?:appointed|appointment\s+of\s+[\w’' ,]{3,60}?,?|came\s+into\s+post|took\s+up\s+(?:the\s+|her\s+|his\s+)?post|started|arrived|joined(?:\s+the\s+\w+)?)\s+"
        r"(?:(?:just\s+|only\s+)?(?:over|under|less\s+than|about|around|some)\s+)?(?P<num>" + NUMBER + r")\s+(?P<unit>years?|months?|weeks?)\s+"
        r"(?:ago|before\s+the\s+inspection|prior\s+to\s+the\s+inspection)", re.I)),
    ("arriving", "arriving", re.compile(
        r"(?:will|is\s+due\s+to|was\s+due\s+to|are\s+due\s+to|is\s+expected\s+to|is\s+to)\s+(?:take\s+up\s+(?:the\s+|her\s+|his\s+)?(?:post|role|position)|"
        r"come\s+into\s+post|start|commence|join(?:\s+the\s+(?:council|authority|local\s+authority))?|be\s+in\s+post|arrive|begin)"
        r"(?:\s+in\s+post)?(?:\s+(?:in|on|from|at\s+the\s+(?:end|start|beginning)\s+of)\s+(?P<date>" + DATE + r"))?", re.I)),
    ("arriving", "arriving", re.compile(
        r"\b(?:due\s+in\s+post|due\s+to\s+start|takes\s+up\s+(?:the\s+)?post)\s+(?:in|on|from)\s+(?P<date>" + DATE + r")", re.I)),
    ("took_up_post", "in_post", re.compile(
        r"(?:took|has\s+taken|had\s+taken|taken|taking)\s+up\s+(?:the\s+|her\s+|his\s+|their\s+|this\s+|an?\s+(?:interim|acting|permanent|substantive)\s+)?(?:post|role|position|appointment|office)"
        r"(?:\s+(?:as|of)\s+[\w’' ]{3,60}?)?\s+(?:in|on|from|at\s+the\s+(?:end|start|beginning)\s+of)\s+(?P<date>" + DATE + r")", re.I)),
    ("took_up_post", "in_post", re.compile(
        r"(?:came|has\s+come|come)\s+into\s+(?:post|the\s+post|the\s+role|office)(?:\s+(?:following|after)\s+(?:the\s+)?\w+)?\s+(?:in|on|from|at\s+the\s+(?:end|start|beginning)\s+of)\s+(?P<date>" + DATE + r")", re.I)),
    ("took_up_post", "in_post", re.compile(
        r"(?:commenced|started|began|arrived|joined)(?:\s+(?:in\s+post|in\s+(?:the|her|his)\s+(?:role|post)|work|the\s+(?:council|authority|local\s+authority)|employment))?"
        r"\s+(?:in|on|from|at\s+the\s+(?:end|start|beginning)\s+of)\s+(?P<date>" + DATE + r")", re.I)),
    ("appointed", "in_post", re.compile(
        r"(?:was|were|been|being|,)?\s*appointed(?:\s+(?:as|to)\s+(?:the\s+)?(?:(?P<cap2>interim|acting|permanent|substantive)\s+)?(?:post|role|[\w’' ()]{2,70}?))?(?:\s+(?:on\s+)?(?:a|an)\s+(?P<cap>interim|permanent|substantive)\s+basis)?"
        r"\s+(?:in|on|from|at\s+the\s+(?:end|start|beginning)\s+of)\s+(?P<date>" + DATE + r")", re.I)),
    ("appointed", "in_post", re.compile(
        r"\b(?:appointment|appointing|arrival)\s+of\s+[\w’' ,()]{3,80}?\s+(?:in|on)\s+(?P<date>" + DATE + r")", re.I)),
    ("appointed", "in_post", re.compile(
        r"(?:his|her|their)\s+(?P<cap>permanent|substantive|interim|acting)\s+appointment\s+(?:in|on)\s+(?P<date>" + DATE + r")", re.I)),
    ("appointed", "in_post", re.compile(
        r"\bthen\s+as\s+(?:the\s+)?(?P<cap>permanent|substantive|interim|acting)\s+[\w’' ()]{2,60}?\s+(?:in|on|from)\s+(?P<date>" + DATE + r")", re.I)),
    ("appointed", "in_post", re.compile(
        r"(?:since|following|after)\s+(?:his|her|their)\s+(?:appointment|arrival),?\s+in\s+(?P<date>" + DATE + r")", re.I)),
    ("acting_from", "in_post", re.compile(
        r"(?:was|has\s+been|had\s+been)\s+(?P<cap>acting|interim)\s+in\s+(?:the\s+)?(?:post|role)\s+(?:from|since)\s+(?P<date>" + DATE + r")", re.I)),
    ("appointed", "in_post", re.compile(
        r"(?:was|were|has\s+been)\s+(?P<cap>permanently)\s+(?:recruited|appointed)(?:\s+to\s+the\s+(?:post|role))?\s+(?:in|on|from)\s+(?P<date>" + DATE + r")", re.I)),
    ("confirmed_in_post", "in_post", re.compile(
        r"(?:was|has\s+been)\s+confirmed\s+in\s+(?:post|the\s+(?:post|role))\s+(?:in|on|from)\s+(?P<date>" + DATE + r")", re.I)),
    ("took_responsibility", "in_post", re.compile(
        r"took\s+(?:on\s+)?responsibility\s+for\s+children" + _APOS + r"?s?\s+services\s+(?:in|on|from)\s+(?P<date>" + DATE + r")", re.I)),
    ("left", "left", re.compile(
        r"(?:retired|resigned|left|stepped\s+down|departed)\s+(?:(?:about|around|some|just\s+over|over|almost|nearly)\s+)?(?P<num>" + NUMBER + r")\s+(?P<unit>years?|months?|weeks?)\s+ago", re.I)),
    ("left", "left", re.compile(
        r"(?:retired|resigned|leaves(?:\s+(?:the|her|his|their)\s+(?:post|role))?|left(?:\s+(?:the|her|his|their)\s+(?:post|role|authority|council|local\s+authority))?|stepped\s+down|departed|died"
        r"|is\s+retiring|is\s+leaving|leaves|will\s+be\s+leaving|will\s+leave|will\s+retire|steps\s+down|is\s+stepping\s+down|will\s+step\s+down)"
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
_FUTURE_WORDS = re.compile(r"\b(?:will|is\s+due|was\s+due|due\s+to|takes\s+up|is\s+expected|is\s+to|leaves|is\s+leaving|is\s+retiring|steps\s+down|is\s+stepping)\b", re.I)


def _cap_near(text: str, start: int, end: int) -> str | None:
    """A capacity word in the post's own noun phrase (just before the post words)."""
    before = text[max(0, start - 40) : start]
    pm = re.search(r"\b(permanent|interim|acting|substantive)\s+appointments?\s+(?:of|to)\s+(?:a|an|the)?\s*(?:new\s+)?$", before, re.I)
    if pm:
        return pm.group(1).lower()
    m = re.search(r"\b(interim|acting|permanent|substantive)\b(?:\s+[\w’']+){0,3}\s*$", before, re.I)
    if m and not re.search(r"\b(?:and|or|the\s+\w+\s+and)\b", before[m.end():], re.I):
        return m.group(1).lower()
    return None


def _capacity(word: str | None) -> str:
    if not word:
        return "unknown"
    word = word.lower()
    if word == "permanently":
        return "substantive"
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


_OTHER_ROLES = re.compile(
    r"\b(?:head\s+of\s+(?:service|children)|\(HOS\)|assistant\s+director|deputy\s+director|\bAD\b|business\s+manager|"
    r"principal\s+social\s+worker|service\s+manager|vice[\s-]chair|deputy\s+chair)",
    re.I,
)


def _subject(text: str, at: int, posts: list, leadership_block: bool):
    """The post an event at `at` speaks of: the nearest post named before it in its clause."""
    before = [p for p in posts if p[1] <= at]
    if not before:
        return None
    cand = before[-1]
    # "The DCS, who is also the DASS, has been in post since ...": the sentence's subject
    if len(before) > 1 and re.search(r"\balso\s+(?:the\s+)?(?:statutory\s+)?$", text[max(0, cand[0] - 25) : cand[0]], re.I):
        cand = before[-2]
    # "the chair of the LSCB and the DCS have been ..." names two; keep the nearest
    between = text[cand[1] : at]
    if re.search(r"\brespectively\b", text):
        return before[0]
    if re.search(r"[.;]", between) or _OTHER_ROLES.search(between):
        return None
    if cand[3] is not None:  # another title for the DCS: only where the report makes it the DCS
        if not (leadership_block or _STATUTORY.search(text)):
            return None
    return cand


def _sections(text: ReportText) -> tuple[set[int], set[int]]:
    """Indexes of the sentences in the SIF leadership block ("Local leadership", "Other
    information about this area") and in the LSCB review, where a bare "chair" is the LSCB's."""
    block: set[int] = set()
    lscb: set[int] = set()
    sents = text.sentences
    for i, s in enumerate(sents):
        if re.search(r"\b(?:Local leadership|Other information about (?:this area|the local authority))\b", s.text):
            for k in range(i, min(len(sents), i + 12)):
                if k > i and re.match(r"^(?:Inspection judgements|Recent Ofsted|Summary|The experiences|Information about|Children living)", sents[k].text):
                    break
                block.add(k)
    start = None
    for i, s in enumerate(sents):
        if s.page > 2 and not re.search(r"\d\s*$", s.text) and re.match(
            r"^(?:Section 2\b|Review of the effectiveness of the (?:local safeguarding children|LSCB)"
            r"|(?:The )?(?:Local Safeguarding Children.?s? Board|LSCB)(?: \(LSCB\))?$|Inspection findings\s*[–-]\s*the Local Safeguarding"
            r"|The (?:effectiveness of the )?(?:Local Safeguarding Children.?s? Board|LSCB)(?: \(LSCB\))? (?:is|requires?) )", s.text, re.I):
            start = i
            break
    if start is not None:
        for k in range(start, len(sents)):
            if re.match(r"^(?:What the inspection judgements mean|Information about this (?:inspection|review))", sents[k].text, re.I) and k > start + 3:
                break
            lscb.add(k)
    return block, lscb


_OTHER_PANEL = re.compile(r"\b(?:panel|CDOP|sub-?groups?|committee|forum|vice[\s-]chair|improvement\s+board|partnership\s+board)\b", re.I)
_BARE_CHAIR = re.compile(r"\b(?:(?:the|an?|new|interim|acting|independent|current|previous|permanent)\s+)+chair(?:person|man)?\b(?!\s+of\s+the\s+(?!LSCB|[A-Z]*SCB|local\s+safeguarding|safeguarding\s+children|board\b))", re.I)
_LEADING_DATE = re.compile(r"^(?:In|From|Since|On|During|By|At the end of|In early|In late|In mid-?)\s+(?P<date>" + DATE + r"),?\s", re.I)
_ARRIVAL_VERBS = re.compile(r"\b(?:was|were|has\s+been|had\s+been)\s+appointed\b|\btook\s+up\b|\bcame\s+into\s+post\b|\bjoined\b|\bstarted\b|\bcommenced\b|\barrived\b", re.I)
_LEAVING_VERBS = re.compile(r"\b(?:left|retired|resigned|stepped\s+down|departed)\b", re.I)
_POST_AFTER_EVENTS: list[tuple[str, str, re.Pattern[str]]] = [
    ("appointed", "in_post", re.compile(r"\bappointment\s+(?:in|on)\s+(?P<date>" + DATE + r")\s+of\s+(?:a|an|the)\s+", re.I)),
    ("appointed", "in_post", re.compile(r"^(?:When|Since|After|Following)\s+(?:(?:his|her|their)\s+)?(?:appointed|appointment|arrival)\s*,?\s+(?:in|on)\s+(?P<date>" + DATE + r"),?\s", re.I)),
    ("ago", "in_post", re.compile(r"^(?:Since|After|Following)\s+(?:(?:his|her|their)\s+)?(?:appointment|arrival)\s+(?P<num>" + NUMBER + r")\s+(?P<unit>years?|months?|weeks?)\s+ago,?\s", re.I)),
    ("ago", "in_post", re.compile(r"\bappointment\s+(?P<num>" + NUMBER + r")\s+(?P<unit>years?|months?|weeks?)\s+ago\s+of\s+(?:a|an|the)\s+", re.I)),
    ("appointed", "in_post", re.compile(r"\bbecame\s+(?:the\s+)?(?=[^.]{0,80}?\s+(?:in|on|from)\s+(?P<date>" + DATE + r"))", re.I)),
]
_SPAN_EVENTS = re.compile(
    r"(?:served|was\s+in\s+post|held\s+the\s+(?:post|role))\s+(?:from|between)\s+(?P<a>" + DATE + r")\s+(?:to|and|until)\s+(?P<b>" + DATE + r")", re.I
)
_NEW_IN = re.compile(r"^\)?\s*(?:\([A-Z]{2,6}\)\s*)?,?\s*(?:was\s+appointed\s+)?(?:in\s+(?P<date>" + DATE + r")\b|(?P<last>last\s+year|this\s+year|earlier\s+this\s+year)\b)", re.I)
_CAP_MENTION = re.compile(r"\b(interim|acting|permanent|permanently|substantive)\s+(?:[\w’'-]+\s+){0,2}$", re.I)
_NOT_CURRENT = re.compile(r"\b(?:previous|former|last|outgoing|earlier|successive|several|series\s+of|number\s+of|two|three|four|five|many)\s+(?:[\w’']+\s+){0,2}$", re.I)
_JOINT_SENTENCE = [
    # the post's holder is also another council's holder of the same or another post
    (re.compile(r"\b(?:is|was|are)\s+also\s+(?:the\s+)?(?P<what>DCS|director\s+(?:of|for)\s+children" + _APOS + r"?s?\s+services|chief\s+executive)\s+(?:in|for|of|at)\s+(?:the\s+)?(?:London\s+Borough\s+of\s+|neighbouring\s+|Royal\s+Borough\s+of\s+)?(?P<place>[A-Z][\w-]+(?:\s+(?:upon\s+)?[A-Z][\w-]+){0,2})", re.I), "place"),
    (re.compile(r"\bshared\s+(?P<what>director\s+of\s+children" + _APOS + r"?s?\s+services|DCS|chief\s+executive)\s+with\s+(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})", re.I), "place"),
    (re.compile(r"\balso\s+has\s+responsibility\s+for\s+(?:[\w,’' ]{0,40}?\b)?adult", re.I), "dass"),
    (re.compile(r"\b(?:is|was)\s+also\s+responsible\s+for\s+(?:[\w,’' ]{0,60}?\b)?adult(?:s|s’|’s)?(?:\s+social\s+care|\s+services|\s+care)?", re.I), "dass"),
    (re.compile(r"\b(?:is|was)\s+also\s+(?:the\s+)?(?:statutory\s+)?(?:director\s+of\s+adult" + _APOS + r"?s?" + _APOS + r"?\s+(?:social\s+)?(?:services|social\s+care)|DASS)\b", re.I), "dass"),
    (re.compile(r"\bincorporat\w+\s+the\s+functions?\s+of\s+(?:the\s+)?(?:DCS|director\s+of\s+children" + _APOS + r"?s?\s+services)\s+and\s+(?:the\s+)?(?:director\s+of\s+adult|DASS)", re.I), "dass"),
    (re.compile(r"\bintegrat\w+\s+(?:the\s+)?management\s+of\s+children" + _APOS + r"?s?\s+and\s+adult", re.I), "dass"),
    (re.compile(r"\bcombined\s+roles?\s+of\s+(?:the\s+)?(?:director\s+of\s+children" + _APOS + r"?s?\s+services|DCS)[^.]{0,20}?\s+(?:with|and)\s+(?:the\s+)?(?:director\s+of\s+adult|DASS)", re.I), "dass"),
    (re.compile(r"\bresponsible\s+for\s+both\s+adult(?:s|s’|’s)?\s+and\s+children" + _APOS + r"s\s+(?:social\s+care|services)", re.I), "dass"),
]


_ALSO = re.compile(
    r"\b(?:is|was|are)\s+also\s+(?:the\s+)?(?:statutory\s+)?(?P<y>director\s+(?:of|for)\s+children" + _APOS + r"?s?\s+services|DCS|chief\s+executive)\b"
    r"(?P<place>\s+(?:in|for|of|at)\s+(?:the\s+)?(?:London\s+Borough\s+of\s+|neighbouring\s+|Royal\s+Borough\s+of\s+)?[A-Z])?",
    re.I,
)


def _post_kind(words: str) -> str:
    return "chief_executive" if "chief" in words.lower() else "dcs"


def _merge_abbreviations(posts: list, text: str) -> list:
    """'director of children's services (DCS)' is one mention, not two."""
    out: list = []
    for p in posts:
        if out and out[-1][2] == p[2] and re.fullmatch(r"\s*\(?", text[out[-1][1] : p[0]]) and text[p[0] - 1 : p[0]] == "(":
            prev = out[-1]
            out[-1] = (prev[0], p[1] + (1 if text[p[1] : p[1] + 1] == ")" else 0), prev[2], prev[3])
            continue
        out.append(p)
    return out


_CHEAP_POST = re.compile(r"director|DCS|chief|chair|member|holder|DASS|portfolio|head\s+of\s+paid", re.I)


def statements_in(text: ReportText, report: Report) -> list[Statement]:
    anchor = report.inspection_end
    block, lscb = _sections(text) if report.family in ("sif", "sif_reinspection", "lscb_review") else (set(), set())
    if report.family == "lscb_review":
        lscb = set(range(len(text.sentences)))
    out: list[Statement] = []
    sents = text.sentences
    for i, s in enumerate(sents):
        t = s.text
        if len(t) > 700 or not _CHEAP_POST.search(t):
            continue
        posts = _find_posts(t)
        if i in block or i in lscb or re.search(r"\b(?:LSCB|[A-Z]{1,5}SCB|Safeguarding\s+Children.?s?\s+Board)\b", t):
            posts = posts + [(m.start(), m.end(), "lscb_chair", None) for m in _BARE_CHAIR.finditer(t)
                             if not any(p[0] <= m.start() < p[1] or m.start() <= p[0] < m.end() for p in posts)
                             and not _OTHER_PANEL.search(t)]
            posts.sort()
        posts = _merge_abbreviations(posts, t)
        if not posts and i in block and i > 0 and re.match(r"^(?:He|She|They|The\s+(?:current\s+)?post\s?holder)\s+(?:has|have|was|were|had)\b", t):
            # "She has been in post since March 2013." after a bullet naming the DCS
            prev = _merge_abbreviations(_find_posts(sents[i - 1].text), sents[i - 1].text)
            if prev:
                posts = [(0, 0, prev[0][2], prev[0][3])]
        if not posts:
            continue
        prefix = "sif.leadership" if i in block else f"{report.family}.narrative"
        found: list[Statement] = []

        def add(rule, post, event, cap, date, resolved, title, joint_with=None):
            for f in found:
                if (f.post, f.event, f.date) == (post, event, date):
                    if f.capacity == "unknown" and cap != "unknown":
                        f.capacity = cap
                    return
            found.append(Statement(quote=t, page=s.page, rule=f"{prefix}.{rule}", post=post, event=event,
                                   capacity=cap, date=date, date_resolved=resolved,
                                   title=title.strip() if title else None, joint_with=joint_with))

        def capacity_of(start, end, given=None):
            if given:
                return _capacity(given)
            inside = re.search(r"\b(interim|acting|permanent|substantive)\b", t[start:end], re.I)
            cap = _capacity(inside.group(1) if inside else _cap_near(t, start, end))
            if cap == "unknown":
                mm = re.search(r"^[^.;]{0,40}?\b(?:in|on)\s+an?\s+(interim|acting|permanent|substantive|temporary)\s+(?:capacity|basis)\b", t[end:], re.I)
                if mm:
                    cap = "interim" if mm.group(1).lower() == "temporary" else _capacity(mm.group(1))
            return cap

        # time spans: "served from January 2014 to October 2017"
        for m in _SPAN_EVENTS.finditer(t):
            subj = _subject(t, m.start(), posts, i in block)
            if subj:
                a, _ = resolve_date(m.group("a"), anchor)
                b, _ = resolve_date(m.group("b"), anchor)
                cap = capacity_of(subj[0], subj[1])
                add("served", subj[2], "in_post", cap, a, False, subj[3])
                add("served", subj[2], "left", cap, b, False, subj[3])
        for rule, event, pattern in _EVENTS:
            for m in pattern.finditer(t):
                if rule == "in_post_since" and _SPAN_EVENTS.search(t):
                    continue
                gd = m.groupdict()
                ref = m.start("date") if gd.get("date") else (m.start("num") if gd.get("num") else m.start())
                inside = re.match(r"(?:appointment|appointing|arrival)\s+of\b", m.group(0).strip(), re.I)
                subj = _subject(t, ref, posts, i in block)
                if subj is None or (inside and subj[0] < m.start()):
                    continue
                start, end, post, title = subj
                date, resolved = None, False
                future = event == "arriving" or bool(_FUTURE_WORDS.search(m.group(0)))
                if gd.get("date"):
                    date, resolved = resolve_date(gd["date"], anchor, future=future, start=report.inspection_start)
                elif gd.get("num"):
                    base = report.inspection_start if re.search(r"prior\s+to|before", m.group(0), re.I) else anchor
                    date, resolved = resolve_duration(gd["num"], gd["unit"], base), True
                ev = event
                if rule == "took_up_post" and date and anchor and date[:7] > anchor[:7]:
                    ev = "arriving"
                cap = capacity_of(start, end, gd.get("cap") or gd.get("cap2"))
                mm = re.search(r"\b(?:an?|the)\s+(interim|acting|permanent|substantive)\s+(?:position|post|role|basis|capacity|appointment)\b", m.group(0), re.I)
                if mm:
                    cap = _capacity(mm.group(1))
                if date is None and cap == "unknown" and ev != "vacant":
                    continue
                add(rule, post, ev, cap, date, resolved, title)
        # the post named after the event: "the appointment in April 2013 of a new Director of People"
        for rule, event, pattern in _POST_AFTER_EVENTS:
            for m in pattern.finditer(t):
                after = [p for p in posts if p[0] >= m.end() - 1 and p[0] - m.end() < 60]
                if not after:
                    continue
                start, end, post, title = after[0]
                if title is not None and not (i in block or _STATUTORY.search(t)):
                    continue
                if m.groupdict().get("num"):
                    date, resolved = resolve_duration(m.group("num"), m.group("unit"), anchor), True
                else:
                    date, resolved = resolve_date(m.group("date"), anchor)
                if date:
                    add(rule, post, event, capacity_of(start, end), date, resolved, title)
        # "In February 2022, a new chief executive was appointed"
        m = _LEADING_DATE.match(t)
        if m:
            rest = t[m.end():]
            first = next((p for p in posts if p[0] >= m.end()), None)
            if first and first[0] - m.end() < 40 and (_ARRIVAL_VERBS.search(rest) or _LEAVING_VERBS.search(rest)):
                date, resolved = resolve_date(m.group("date"), anchor)
                ev = "left" if _LEAVING_VERBS.search(t[first[1]:first[1] + 60]) else "in_post"
                if date:
                    add("dated_first", first[2], ev, capacity_of(first[0], first[1]), date, resolved, first[3])
        # "a new executive director (DCS) in June 2023"
        for start, end, post, title in posts:
            if re.search(r"\b(?:new|incoming)\s+(?:[\w’']+\s+){0,2}\(?$", t[max(0, start - 30):start], re.I):
                m = _NEW_IN.match(t[end:])
                if m and not (title is not None and not (i in block or _STATUTORY.search(t))):
                    if m.group("last"):
                        year = int(anchor[:4]) - (1 if m.group("last").lower().startswith("last") else 0) if anchor else None
                        date, resolved = (str(year), True) if year else (None, False)
                    else:
                        date, resolved = resolve_date(m.group("date"), anchor)
                    if date:
                        add("new_holder", post, "in_post", capacity_of(start, end), date, resolved, title)
        # joint roles without a date: "He is also the DCS in Halton", "The DCS is also responsible for adult services"
        for jpat, kind in _JOINT_SENTENCE:
            m = jpat.search(t)
            if not m:
                continue
            if kind == "place":
                what = m.group("what").lower()
                post = "chief_executive" if "chief" in what else "dcs"
                place = m.group("place")
                if report.council_printed and place.lower() in report.council_printed.lower():
                    continue
                joint_with = place
            else:
                subj = _subject(t, m.start(), posts, i in block) or (posts[0] if posts and posts[0][0] < m.start() else None)
                if subj is None:
                    inside = [p for p in posts if m.start() <= p[0] < m.end() and p[2] == "dcs"]
                    if not inside:
                        continue
                    subj = inside[0]
                post, joint_with = subj[2], "dass"
                if post == "dass":
                    continue
            prior = [f for f in found if f.post == post and f.event == "in_post"]
            if prior:
                for f in prior:
                    f.capacity, f.joint_with = "joint", joint_with
            else:
                add("joint", post, "in_post", "joint", None, False, None, joint_with)
        # "who is also the statutory Director of Children's Services", "This person is also the DCS"
        for m in _ALSO.finditer(t):
            y = _post_kind(m.group("y"))
            if m.group("place"):
                continue  # handled above with the other council's name
            x = _subject(t, m.start(), posts, True)
            x_post = x[2] if x and x[2] != y else None
            if x_post is None and not re.match(r"^(?:This\s+person|He|She|They)\b", t) and re.search(r"\bdirector\b[^.]{0,60}$", t[: m.start()], re.I):
                continue  # "a new strategic director ..., who is also director of children's services": a title, not a joint role
            for post, other in ((y, x_post), (x_post, y)):
                if post is None or post == "dass":
                    continue
                prior = [f for f in found if f.post == post and f.event == "in_post"]
                if prior:
                    for f in prior:
                        f.capacity, f.joint_with = "joint", other
                else:
                    add("joint", post, "in_post", "joint", None, False, None, other)
        if re.search(r"\b(?:dual|joint|combined)\s+role\b", t, re.I):
            for f in found:
                if f.capacity == "unknown":
                    f.capacity = "joint"
                    f.joint_with = f.joint_with or ("dcs" if f.post == "dass" else None)
        m = re.search(r"(?:(?P<a>[A-Z][\w-]+(?:\s+upon\s+Thames|\s+[A-Z][\w-]+)?)\s+and\s+(?P<b>[A-Z][\w-]+(?:\s+upon\s+Thames|\s+[A-Z][\w-]+)?)\s+(?:LSCBs|Boards|boards|safeguarding\s+boards)\s+)?\bshare\s+(?:one|a|the\s+same)\s+(?:[\w]+\s+)?(?:independent\s+)?chair\b", t, re.I)
        if m:
            other = None
            here = (report.council_printed or "").lower()
            for name in (m.group("a"), m.group("b")):
                if name and name.split()[0].lower() not in here:
                    other = name
            if not any(f.post == "lscb_chair" for f in found):
                add("joint", "lscb_chair", "in_post", "joint", None, False, None, other)
        # a holder named with a capacity and no date: "The current interim DCS has led ..."
        for start, end, post, title in posts:
            if title is not None and not (i in block or _STATUTORY.search(t)):
                continue
            before = t[max(0, start - 50):start]
            m = _CAP_MENTION.search(before)
            own = re.match(r"(?:\w+\s+){0,2}?(interim|acting|permanent|substantive)\b", t[start:end], re.I)
            if own and not m:
                before = before + t[start:start + own.end()] + " "
                m = _CAP_MENTION.search(before)
            if not m or _NOT_CURRENT.search(before[: m.start()] + " ") or re.search(r"\b(?:previous|former|successive|several|series|number|arrangements?)\b", before[m.start():], re.I):
                continue
            cap = _capacity(m.group(1))
            if re.match(r"^\s*(?:\([A-Z]{2,6}\)\s*)?to\s+(?:the|a)\s+(?:permanent|substantive)\s+(?:role|post|position)\b", t[end:], re.I):
                cap = "substantive"  # "the appointment of the interim DCS to the permanent role"
            if any(f.post == post and (f.capacity == cap or f.date is None) for f in found):
                continue
            ev = "in_post"
            if re.search(r"\b(?:no|not\s+(?:yet\s+)?(?:have\s+)?an?|without\s+an?|absence\s+of\s+an?)\s+$", before[: m.start()], re.I):
                ev = "vacant"
            elif re.search(r"\b(?:recruit(?:ing|ment)?|search|seeking|appoint|looking)\s+(?:of|for|to)?\s*(?:an?|the)?\s*(?:new\s+)?$", before[: m.start()], re.I):
                continue
            if ev == "in_post" and re.match(r"^[^.;]{0,25}?\b(?:has\s+been\s+appointed|have\s+been\s+appointed|(?:is\s+)?due\s+to\s+(?:start|join|take\s+up|arrive)|will\s+(?:start|join|take\s+up|arrive))", t[end:], re.I):
                ev = "arriving"
            add("capacity_named", post, ev, cap, None, False, title)
        # "in post since March 2016, following eight months as the interim DCS"
        m = re.search(r"\bfollowing\s+(?P<num>" + NUMBER + r")\s+(?P<unit>months|years)\s+as\s+(?:the\s+|an?\s+)?(?P<cap>interim|acting)\b", t, re.I)
        if m:
            dated = [f for f in found if f.event == "in_post" and f.date and len(f.date) >= 7]
            if dated:
                n = _number(m.group("num")) * (12 if m.group("unit").lower().startswith("year") else 1)
                date = months_before(dated[0].date[:7] + "-01", n)
                found = [f for f in found if not (f.rule.endswith("capacity_named") and f.capacity == m.group("cap").lower())]
                add("earlier_capacity", dated[0].post, "in_post", m.group("cap").lower(), date, True, None)
        if re.search(r"\bsingle\W{0,3}\s*post\b|\bjoint\s+post\b", t, re.I):
            kinds = {p[2] for p in posts} & {"dcs", "chief_executive"}
            if len(kinds) == 2:
                for f in list(found):
                    other = "chief_executive" if f.post == "dcs" else "dcs"
                    f.capacity, f.joint_with = "joint", other
                    add(f.rule.split(".")[-1], other, f.event, "joint", f.date, f.date_resolved, None, f.post)
        # "The chief executive has been in post since November 2012 and the DCS since April 2013."
        for start, end, post, title in posts:
            m = re.match(r"\s*(?:\([A-Z]{2,6}\)\s*)?(?:has\s+been\s+in\s+post\s+)?since\s+(?P<date>" + DATE + r")", t[end:], re.I)
            if m and re.search(r"\band\s+(?:the\s+)?(?:[\w’']+\s+)?$", t[max(0, start - 20):start], re.I) and not (title and not (i in block or _STATUTORY.search(t))):
                date, resolved = resolve_date(m.group("date"), anchor)
                if date:
                    add("in_post_since", post, "in_post", capacity_of(start, end), date, resolved, title)
        arriving = {(f.post, f.date) for f in found if f.event == "arriving"}
        found = [f for f in found if not (f.event == "in_post" and (f.post, f.date) in arriving)]
        # a vacancy dated by the departure that caused it: keep the vacancy, with that date
        for v in [f for f in found if f.event == "vacant" and f.date is None]:
            left = [f for f in found if f.event == "left" and f.post == v.post and f.date]
            if left:
                v.date, v.date_resolved, v.rule = left[0].date, left[0].date_resolved, v.rule.rsplit(".", 1)[0] + ".vacant_since_departure"
        found = [f for f in found if not (f.event == "vacant" and f.date is None and f.capacity == "unknown")]
        out.extend(found)
    return out


# -- interventions -----------------------------------------------------------------------------

_BODY = (
    r"(?:(?i:Achieving\s+for\s+Children)|Together\s+for\s+Children|Brighter\s+Futures\s+for\s+Children"
    r"|(?!(?:The|A|An|This|Our|Local|Its|Their)\s)[A-Z][\w’'-]+\s+Children\s+First"
    r"|(?!(?:The|A|An|This|Our|Local|Its|Their)\s)[A-Z][\w’'-]+\s+Children" + _APOS + r"s\s+(?:Services\s+|Service\s+)?Trust)"
)
_BODY_RX = re.compile(_BODY, re.I)
_BODY_ACRONYM = re.compile(r"[‘'“]?(?P<body>" + _BODY + r")[’'”]?\s*\((?P<acr>[A-Za-z]{2,6})\)", re.I)
_BODY_WORDS = re.compile(r"Trust|First|for\s+Children", re.I)
_NOT_A_PROVIDER = re.compile(r"Children.s\s+Trust\s+(?:Board|partnership|arrangements|Executive|plan|Advisory|Group|priorities)", re.I)
_ONE_SERVICE = re.compile(r"\b(?:fostering|adoption|early\s+help|youth|residential|edge\s+of\s+care)\b[^.]{0,60}?\b(?:provided|delivered|run|managed)\b", re.I)
_DELIVERY = [
    r"(?:deliver\w*|provid\w*|run|operat\w*|manag\w*)\s+(?:on\s+(?:the\s+council.s\s+)?behalf\s+of\s+[\w ]+\s+)?by\s+(?:a\s+predecessor\s+body,\s+|an\s+independent\s+\w+,\s+|the\s+)?BODY",
    r"(?:delegat\w+|transferr\w+|outsourc\w+)(?:\s+[^.]{0,140}?)?\s+to\s+(?:the\s+)?BODY",
    r"BODY[^.]{0,60}?\b(?:deliver(?:s|ed|ing)?\b|provides|took\s+over|ha(?:s|d)\s+(?:had\s+)?operational\s+responsibility|is\s+responsible\s+for\s+(?:the\s+)?(?:delivery|delivering|children|social))",
    r"(?:set\s+up|created|established|formed|launched)\s+(?:an\s+organisation\s+called\s+|a\s+company[^.]{0,50}?,\s*)?(?:the\s+)?BODY",
    r"BODY[^.]{0,50}?\b(?:was|were|has\s+been|had\s+been)\s+(?:created|established|set\s+up|formed|launched)",
    r"(?:alternative\s+delivery\s+model|wholly[\s-]owned\s+(?:council\s+)?company|community\s+interest\s+company|independent\s+trust|company\s+limited\s+by\s+guarantee)[^.]{0,90}?BODY",
    r"BODY[^.]{0,50}?(?:alternative\s+delivery\s+model|wholly[\s-]owned|community\s+interest\s+company|not[\s-]for[\s-]profit|company\s+(?:established|limited))",
]
_NOT_DELIVERY = re.compile(r"(?:governance|leadership|support|oversight|challenge|scrutiny|training|advice|help)\s+provided\s+by", re.I)
_OTHER_ACTIONS: list[tuple[str, str, re.Pattern[str]]] = [
    ("commissioner", "commissioner_appointed", re.compile(
        r"(?:Secretary\s+of\s+State|Department\s+for\s+Education|DfE|Minister)[\w’' ,()]{0,60}?\s+(?:appointed|has\s+appointed|appointment\s+of)\s+(?:a|an|the)?\s*"
        r"(?:children.s\s+(?:services\s+)?|independent\s+|new\s+)?commissioners?", re.I)),
    ("commissioner", "commissioner_appointed", re.compile(
        r"\bcommissioners?(?:\s+for\s+children.s\s+services)?\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+appointed\b", re.I)),
    ("commissioner", "commissioner_appointed", re.compile(
        r"appointment\s+of\s+(?:a|an|the)\s+(?:DfE\s+|children.s\s+(?:services\s+)?|independent\s+)?commissioner"
        r"|(?:Department\s+for\s+Education|DfE|Secretary\s+of\s+State).{0,15}\s+(?:children.s\s+(?:services\s+)?)?commissioner\b"
        r"|\bcommissioner\s+(?:appointed|sent|put\s+in)\s+by\s+(?:the\s+)?(?:Secretary\s+of\s+State|Department\s+for\s+Education|DfE)", re.I)),
    ("direction", "statutory_direction", re.compile(
        r"statutory\s+direction|(?:formal\s+)?direction\s+(?:was\s+|has\s+been\s+)?(?:issued\s+)?(?:by|from|with)\s+the\s+(?:Secretary\s+of\s+State|Department\s+for\s+Education|DfE)"
        r"|Secretary\s+of\s+State\s+(?:for\s+Education\s+)?(?:issued\s+a\s+direction|directed|has\s+directed)|\bunder\s+(?:a\s+)?(?:statutory\s+)?direction\b(?!\s+of\s+(?!the\s+(?:Secretary|DfE|Department)))"
        r"|section\s+497A|direction\s+notice", re.I)),
    ("improvement_notice", "improvement_notice", re.compile(
        r"\bimprovement\s+notices?\b|\bstatutory\s+notice\s+of\s+improvement\b|\bnotice\s+to\s+improve\b|\bintervention\s+notice\b", re.I)),
    ("adviser", "advisers_appointed", re.compile(
        r"(?:DfE|Department\s+for\s+Education|Secretary\s+of\s+State)(?:[\w’' ,()-]{0,40}?\s+appointed\s+(?:a|an)?\s*|\s*(?:appointed\s+|funded\s+|nominated\s+)?)(?:independent\s+|improvement\s+|practice\s+improvement\s+|children.s\s+services\s+)?advis[eo]rs?", re.I)),
    ("adviser", "advisers_appointed", re.compile(
        r"(?:improvement\s+)?advis[eo]rs?\s+(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+|had\s+been\s+)?(?:appointed|provided|commissioned|allocated)\s+by\s+(?:the\s+)?(?:DfE|Department\s+for\s+Education|Secretary\s+of\s+State)", re.I)),
]
_FALSE_FRIENDS = re.compile(
    r"position(?:s)?\s+of\s+trust|relationships?\s+of\s+trust|\bNHS\b|foundation\s+trust|health\s+(?:care\s+)?trust|"
    r"personal\s+advisers?|police\s+and\s+crime\s+commissioner|"
    r"young\s+commissioners?|apprentice\s+commissioners?|case\s+direction|management\s+direction|school\s+improvement\s+advisers?|"
    r"trust\s+funds?|public\s+services\s+trust|direction\s+to\s+practi|commissioners?\s+of\s+services|commissioning",
    re.I,
)
_ENDED = re.compile(r"\b(?:lifted|removed|revoked|withdrawn|rescinded|ended|came\s+to\s+an\s+end)\b", re.I)
_ANY_DATE = re.compile(r"(?i:in|since|from|on|during|by)\s+(" + _DAY + r"|" + MONTH_WORD + r"\s+\d{4}|\d{4})\b")
_LISTED_DATES = re.compile(r"(?:in|on)\s+((?:(?:" + MONTH_WORD + r"\s+)?\d{4}(?:,\s+|\s+and\s+)){1,5}(?:" + MONTH_WORD + r"\s+)?\d{4})")


def _intervention_dates(t: str, m: re.Match[str], anchor: str | None, listed: bool = False) -> list[str | None]:
    window = t[max(0, m.start() - 80) : m.end() + 80]
    if listed:
        lm = _LISTED_DATES.search(window)
        if lm:
            items = re.split(r",\s+|\s+and\s+", lm.group(1))
            dates = [resolve_date(x, anchor)[0] for x in items]
            return [d for d in dates if d] or [None]
    dm = _ANY_DATE.search(window)
    return [resolve_date(dm.group(1), anchor)[0]] if dm else [None]


def _bodies(text: ReportText) -> dict[str, str]:
    """Acronyms the report gives its provider ("Northamptonshire Children's Trust (NCT)")."""
    out: dict[str, str] = {}
    for s in text.sentences:
        if "(" not in s.text or not _BODY_WORDS.search(s.text):
            continue
        for m in _BODY_ACRONYM.finditer(s.text):
            out[m.group("acr")] = re.sub(r"\s+", " ", m.group("body"))
    return out


def _canonical(body: str, known: list[str]) -> str:
    body = re.sub(r"\s+", " ", body).strip().replace("’", "'")
    for k in known:
        if k.lower().replace("’", "'") == body.lower():
            return k.replace("’", "'")
    return body


def interventions_in(text: ReportText, report: Report) -> list[Intervention]:
    anchor = report.inspection_end
    out: list[Intervention] = []
    seen: set[tuple] = set()
    acronyms = _bodies(text)
    names = sorted(set(acronyms.values()), key=len, reverse=True)
    body_alts = _BODY + ("|" + "|".join(re.escape(a) for a in acronyms) if acronyms else "")
    delivery = [re.compile(p.replace("BODY", r"[‘'“]?(?P<body>" + body_alts + r")[’'”]?"), re.I if False else 0) for p in _DELIVERY]

    def add(rule, action, t, page, body, date):
        key = (action, body, date, t)
        if key in seen:
            return
        seen.add(key)
        out.append(Intervention(quote=t, page=page, rule=f"{report.family}.intervention.{rule}", action=action, body=body, date=date))

    cheap = re.compile(r"Trust\b|Children\s+First|(?i:for\s+children|commissioner|direction|directed|497A|notice|advis[eo]r)" + "".join("|" + re.escape(a) for a in acronyms))
    for s in text.sentences:
        t = s.text
        if len(t) > 700 or not cheap.search(t):
            continue
        for pattern in delivery:
            m = pattern.search(t)
            if not m:
                continue
            body = m.group("body")
            if _NOT_A_PROVIDER.search(t[m.start("body") : m.end("body") + 30]) or _NOT_DELIVERY.search(t) or _ONE_SERVICE.search(t):
                continue
            body = acronyms.get(body, body)
            if re.search(r"\b(?:NHS|Foundation|Hospital|Health|Partnership|Police)\b", body):
                continue
            add("trust.delivered_by", "trust", t, s.page, _canonical(body, names), _intervention_dates(t, m, anchor)[0])
            break
        for rule, action, pattern in _OTHER_ACTIONS:
            m = pattern.search(t)
            if not m:
                continue
            near = t[max(0, m.start() - 40) : m.end() + 40]
            if _FALSE_FRIENDS.search(m.group(0)) or (_FALSE_FRIENDS.search(near) and not re.search(r"Secretary\s+of\s+State|DfE|Department\s+for\s+Education", m.group(0))):
                continue
            if action == "improvement_notice" and (_ENDED.search(t) or re.search(r"\b(?:no|not)\b[^.]{0,30}improvement\s+notice", t, re.I)):
                continue
            for date in _intervention_dates(t, m, anchor, listed=action == "improvement_notice"):
                add(rule, action, t, s.page, None, date)
    return out
