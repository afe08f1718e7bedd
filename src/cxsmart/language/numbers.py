"""Numbers in a goal sentence that the quantity finder alone does not settle: fractions ("by a
quarter"), bands ("(70-78)"), service-standard times ("within one working day"), years and
labels that are not values ("the 2027 season", "team 5"), a number that is where the metric
stands now ("88% today"), and deadlines named by a year in words ("by summer 2027")."""

from __future__ import annotations

import re

from cxsmart.language.cues import Found
from cxsmart.language.finders import YEAR_OF
from cxsmart.model.numberwords import WITH_ARTICLES, alternation, value
from cxsmart.model.quantities import DURATION, Quantity, QuantityError, parse_quantity
from cxsmart.model.timeframes import DateSyntaxError, Relative, Timeframe, parse_date_like


def word_before(text: str, at: int, skip: int = 1) -> str:
    """The `skip`-th word before a position, read from a window of the text before it (so that
    asking it of every number keeps reading a sentence linear in its length)."""
    start = max(0, at - 24 * skip)
    words = re.findall(r"[a-z]+", text[start:at].lower())
    if start and len(words) > skip:
        words = words[1:]                           # the first may be cut in half
    return words[-skip] if len(words) >= skip else ""

FRACTION = re.compile(r"(?i)\b(?:by|down|up)\s+(a\s+(?:half|third|quarter|fifth|tenth)|half|two thirds|three quarters)\b"
                       r"(?!\s+(?:a\s+|of\s+a\s+)?(?:point|percentage|pp|per\s?cent))")
BAND = re.compile(r"\((\d{1,3}(?:\.\d+)?)\s?[-–]\s?(\d{1,3}(?:\.\d+)?)(%)?\)")
_SCALE_AFTER = re.compile(r"(?i)^[\s-]*(?:point|pt|star)\b")


def is_scale(text: str, q: Found) -> bool:
    if "-" not in text and "point" not in text and "pt" not in text and "star" not in text:
        return False
    """'the 7-point scale', 'a 5-star rating': the number names the scale, not a value."""
    return bool(_SCALE_AFTER.match(text[q.end:q.end + 8]))


def way_of(cue: str) -> Found | None:
    return Found(("down" if cue == "down" else "up", cue), 0, 0) if cue in ("down", "up") else None


def standard_time(found: Found) -> Found | None:
    """'within 30 seconds' in a service standard: the time is the target of a response-time
    measure, not a deadline. The duration as a quantity, where it can be read."""
    rel = found.value.relative
    if rel is None:
        return None
    words = re.sub(r"(?i)^(?:within|in|over|during)\s+(?:the\s+)?(?:next\s+|coming\s+)?", "", found.value.text)
    try:
        q = parse_quantity(words)
    except QuantityError:
        seconds = rel.days * 86400 if rel.days else rel.months * 30 * 86400
        q = Quantity(float(seconds), DURATION, text=words)
    return Found(q, found.end - len(words), found.end, "within")


WORKING = re.compile(r"(?i)\b(within|in|instead\s+of|rather\s+than|down\s+from|from|previously|currently|at\s+least|"
                     r"no\s+less\s+than|a\s+minimum\s+of|no\s+more\s+than|not\s+more\s+than|up\s+to|at\s+most|"
                     r"(?:a\s+)?maximum\s+of|no\s+later\s+than|not\s+later\s+than)\s+((?:(\d+|"
                     rf"{alternation(WITH_ARTICLES)})\s+)?(?:working|business|calendar)\s+days?)\b")


def working_days(m: re.Match) -> Quantity:
    """'within one working day', 'in 10 business days': a service level in days."""
    count = m.group(3) or "1"
    days = float(value(count))
    return Quantity(days * 86400, DURATION, text=m.group(2), working_days=True)


def working_cue(m: re.Match) -> str:
    """'within' for a service level; the baseline cue for 'instead of ten working days'."""
    cue = " ".join(m.group(1).lower().split())
    return "within" if cue in ("within", "in") else cue


# "the head of service will have one month to respond", "the seller has 3 business days to reply": the
# time a provider is given to answer is the standard's window, however the sentence is ordered
_ALLOWED = re.compile(
    r"(?i)\b(?:have|has|get|gets|is\s+given|are\s+given)\s+(?:up\s+to\s+)?(?P<q>(?P<n>\d{1,3}|"
    rf"{alternation(WITH_ARTICLES)})\s+(?P<wd>(?:working|business|calendar)\s+)?(?P<u>hour|day|week|month)s?)"
    r"\s+(?:in\s+which\s+)?to\s+(?:respond|reply|answer|resolve|decide|acknowledge|investigate|issue|give\s+(?:you|them|"
    r"customers?|members?)\s+(?:an?\s+)?(?:outcome|answer|decision|response|reply))\b")
_UNIT_SECONDS = {"hour": 3600, "day": 86400, "week": 604800, "month": 30 * 86400}


def time_allowed(text: str) -> list[Found]:
    """'will have one month to respond': the window of a response standard, cue 'within'."""
    out = []
    for m in _ALLOWED.finditer(text):
        n, unit = value(m.group("n")), m.group("u").lower()
        working = bool(m.group("wd")) and not m.group("wd").lower().startswith("calendar")
        q = Quantity(float(n * _UNIT_SECONDS[unit]), DURATION, text=m.group("q"), working_days=working and unit == "day")
        out.append(Found(q, m.start("q"), m.end("q"), "within"))
    return out


# "by summer 2027", "before the 2027 filing season", "during the 2027 season", "by mid-2027",
# "this academic year": a period cxsmart cannot date exactly is still a deadline (T passes).
_NAMED_PERIOD = re.compile(
    r"(?i)\b(?:by|before|during|in|for|until|throughout|over|every|each)\s+(?:the\s+)?(?:(?:start|end|close|middle)\s+of\s+"
    r"(?:the\s+)?)?(?:(?:[a-z][\w'-]*\s+){0,3}((?:19|20)\d{2}(?:\s*[/\-–]\s*(?:(?:19|20)\d{2}|\d{2})(?![\d/-]))?)\b|"
    r"mid-((?:19|20)\d{2})\b)"
    r"|\b(?:this|next)\s+(?:academic|school|financial|fiscal|calendar)\s+year\b|\b(?:this|next)\s+(?:term|semester|season)\b"
    r"|\b(?:by|before|until|in|during|for)\s+(?:this|next)\s+(?:winter|summer|spring|autumn|fall|holiday season)\b"
    r"|\b(?:by|before|until)\s+(?:black friday|cyber monday|christmas|easter|new year|peak season)\b")


def named_period(text: str, aside=None) -> Found | None:
    """The first period named in words that is a deadline; `aside(year_at)` tells a year that dates
    a value in brackets ('(212 in 2025/26)'), which is not."""
    for m in _NAMED_PERIOD.finditer(text):
        year = m.group(1) or m.group(2)
        at = m.start(1) if m.group(1) else m.start(2) if m.group(2) else m.start()
        if year and (YEAR_OF.match(text, at) or (aside is not None and aside(at))):
            continue                                # "in the 2026 wave": which survey, not when
        end_at = m.end()
        if year and len(year) == 4 and (span := _SPAN_TO.match(text, m.end())) and \
                _FROM_OR_BETWEEN.search(text, max(0, at - 12), at):
            year, end_at = span.group(1), span.end()    # "each year from 2026 to 2031": the span, to 2031
        if year and len(year) > 4:
            first, last = re.split(r"\s*[/\-–]\s*", year)
            end = int(last) if len(last) == 4 else int(first[:2] + last)
            if end != int(first) + 1:
                year = str(end)                     # "during the 2025/30 period": a span of years, to 2030
        try:
            tf = parse_date_like(year) if year else Timeframe(      # "next academic year": the year after this
                m.group(0), relative=Relative(period="year", offset=int("next" in m.group(0).lower())))
        except DateSyntaxError:
            return None
        return Found(tf, m.start(), end_at, "by")
    return None


_SPAN_TO = re.compile(r"\s{1,3}(?:to|until|through|and)\s{1,3}((?:19|20)\d{2})\b(?![/\-–]\d)")
_FROM_OR_BETWEEN = re.compile(r"(?i)\b(?:from|between)\s{1,3}$")


# "after go-live", "once the new CRM goes live", "before the summer peak": an event or a season named as
# the deadline, with no date (T002). "by next summer" is relative (above), "by summer 2027" a year.
_UNPLACED = re.compile(
    r"(?i)\b(?:after|once|following|post-|before|by|until|ahead\s+of|in\s+time\s+for)\s+(?:the\s+)?"
    r"(?:[A-Za-z][\w-]*\s+){0,2}?(?:\d{1,3}(?:st|nd|rd|th)\s+)?(?:go-?live|goes\s+live|migration|launch|roll-?out|"
    r"cut-?over|replatforming|anniversary|birthday|centenary|centennial|jubilee|"
    r"(?:summer|winter|spring|autumn)(?:\s+(?:peak|season|rush|holidays?))?)\b"
    r"(?!\s*(?:19|20)\d{2})")


def unplaced_in_prose(text: str) -> Found | None:
    m = _UNPLACED.search(text)
    return Found(m.group(0), m.start(), m.end()) if m else None


# "team 5", "region 12", "P1 tickets": a number that names something is not a value
_LABELS = frozenset({"team", "teams", "region", "regions", "queue", "queues", "desk", "segment", "store", "branch",
                     "site", "zone", "area", "ward", "line", "tier", "level", "phase", "wave", "group", "band", "step",
                     "priority", "route", "platform", "gate", "terminal", "room", "floor", "unit", "district", "depot",
                     "number", "no", "version", "release", "sprint", "pod", "squad", "cohort", "market", "channel",
                     "commitment", "standard", "section", "principle", "objective", "pledge", "promise", "indicator",
                     "kpi", "okr", "chapter", "clause", "item", "part", "priority", "theme", "pillar", "outcome",
                     "goal", "aim", "action", "initiative", "strategy", "kr"})


def is_label(text: str, q: Found) -> bool:
    value: Quantity = q.value
    if value.unit is not None or q.cue:
        return False
    before = word_before(text, q.start)
    if before in _LABELS:
        return True
    if before in _LAWS and 1800 <= value.value <= 2100 and value.value.is_integer() and text[q.start - 1:q.start] == " " \
            and text[q.start - len(before) - 1:q.start - 1].istitle():
        return True                                                         # "the Privacy Act 1988": a law's name
    ahead = text[max(0, q.start - 16):q.start]
    if _NAMED_STANDARD.search(ahead) or (_STANDARD_NAME.search(ahead) and _STANDARD_AFTER.match(text[q.end:q.end + 16])):
        return True                                                         # "ISO 10002 certification", "COPC 6.2 CX"
    if q.start < 24 and _HEADING_MARK.match(text, q.end) is not None:     # "Commitment 1 - ...", "CS05:"
        return True
    return not text[:q.start].strip() and _ROW_MARK.match(text, q.end) is not None   # "7.1 | Handle all ..."


# a standard's name and version: capitals, a number, then capitals or a year ("WCAG 2.2 AA", "ISO 9001:2015"),
# read in a few characters either side of the number (a search anchored at the end of all the text before
# it would be quadratic on a run of spaces)
_STANDARD_NAME = re.compile(r"\b(?:WCAG|ISO|BS|EN|IEC|PCI|COPC|CCA|GDPR|ITIL|SOC)\s{1,3}$|\b[A-Z]{3,}\s{1,3}$")
# bodies whose standards are always named by a number: 'ISO 10002 certification', 'BS 8477'
_NAMED_STANDARD = re.compile(r"\b(?:ISO|BS|EN|IEC|PAS|WCAG)\s{1,3}$")
# a law, a code or rules named with its year: "the Privacy Act 1988", "the Consumer Duty Rules 2023"
_LAWS = frozenset({"act", "acts", "regulations", "regulation", "directive", "code", "rules", "order", "bill", "law",
                   "ordinance", "statute"})
_STANDARD_AFTER = re.compile(r"(?:\s{1,3}[A-Z]{1,3}\b(?!\s{0,3}%)|:(?:19|20)\d\d\b)")


_HEADING_MARK = re.compile(r"(?<!\s)\s*(?:[:)]|[-–—](?=\s))")
_ROW_MARK = re.compile(r"[ \t]{0,3}\|")                # the first cell of a table row, alone: the item's number


# Words after a number that make it where the metric stands now, not where it must get to.
NOWISH = re.compile(r"(?i)\b(?:today|now|currently|at present|at the (?:start|beginning)|last (?:year|quarter))\b")
STARTS_HERE = re.compile(r"(?i)(?:(?<!\s)\s*|(?<=\s)(?=\S))(?:today|now|currently|at present|at the (?:start|beginning)\b|last (?:year|quarter))")


def in_a_name(text: str, q: Found) -> bool:
    """A bare whole number inside a noun phrase, after a determiner and before its noun: "every 311
    email", "the 311 operating model", "our 3 million members", "the 20 busiest stations". It says
    which things, or how many there are; it is no target."""
    value: Quantity = q.value
    return value.unit is None and not q.cue and not value.change and value.value.is_integer() and \
        word_before(text, q.start) in _DETERMINERS and _NOUN_AFTER.match(text, q.end) is not None


_DETERMINERS = frozenset({"every", "each", "the", "our", "its", "their", "this", "that", "your", "these", "those"})
_NOUN_AFTER = re.compile(r"(?:\s(?:million|thousand|billion))?\s[a-z]")


def is_year(q: Found) -> bool:
    """'AY 2027/28', 'the 2027 filing season': a year is not a value."""
    value: Quantity = q.value
    return value.unit is None and not value.change and value.value.is_integer() and 1990 <= value.value <= 2100
