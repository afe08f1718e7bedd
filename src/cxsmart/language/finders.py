"""Dates and quantities in a sentence, each with the cue word in front of it.

"from 72% to 80% by 30 September 2026" -> quantity 72% (cue 'from'), 80% ('to'), date
30 September 2026 ('by'). Numbers that belong to a metric's definition are marked so:
"repeat calls within 7 days", "complaints resolved within 48 hours", "on the 7-point scale",
"4.5 out of 5".
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from cxsmart.language.dates import date_matches
from cxsmart.model.quantities import BAND, DURATION, PERCENT, Quantity, QuantityError, parse_quantity
from cxsmart.model.timeframes import (
    AMBIGUOUS,
    AmbiguousDateError,
    DateSyntaxError,
    Timeframe,
    parse_date_like,
)

_DATE_CUES = frozenset({"by", "before", "until", "till", "in", "during", "through", "throughout", "for", "from",
                        "starting", "since", "at", "no later than", "on", "ending", "end"})
_NEEDS_CUE = re.compile(r"(?i)^(?:(?:the\s+)?end\s+of\s+)?(?:19|20)\d{2}$|^\d{4}-\d{2}$|^\d{1,2}/\d{1,2}/\d{2}$")
_QUANTITY = re.compile(
    r"""(?ix)(?<![\w.\-/])(?:
      (?=\d)(?:\d+\s?(?:h|hrs?|hours?)\s?\d+\s?(?:m|mins?|minutes?)\b(?:\s?\d+\s?(?:s|secs?|seconds?)\b)?
             | \d+\s?(?:m|mins?|minutes?)\s?\d+\s?(?:s|secs?|seconds?)\b
             | \d{1,2}:\d{2}(?::\d{2})?(?!\s?[ap]\.?m))
    | \d{1,3}(?:st|nd|rd|th)
    | [x×]\d+(?:\.\d+)? | \d+(?:\.\d+)?[x×]
    | [+\-−–]?\s?[$€£]\d(?:[\d,]*\d)?(?:\.\d+)?\s?(?:bn|mn|m|b|million|billion)\b
    | [+\-−–]?\s?[$€£]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:k|thousand|million|billion)\b)?
      (?:\s?(?:%|per\s?cent\b|pct\b|pc\b|pp\b|p\.p\.|percentage\s+points?\b|points?\b|pts?\b|seconds?\b|secs?\b|s\b|minutes?\b
         |mins?\b|(?:working|business)\s(?:hours?|hrs?)\b|hours?\b|hrs?\b|h\b|days?\b|weeks?\b|usd\b|eur\b|gbp\b))?
    )(?![\w-])""")
_QUANTITY_CUES = frozenset({
    "from", "to", "by", "reach", "reaching", "hit", "hitting", "achieve", "achieving", "at least", "at most", "at",
    "below", "under", "above", "over", "less than", "more than", "fewer than", "no more than", "no longer than",
    "not longer than", "no later than", "not later than", "no less than", "of",
    "out of", "within", "than", "between", "and", "is", "are", "stay", "stays",
    # thresholds, key results and baselines in other words ("≤ 4%", "CSAT: target 4.5", "4.1 → 4.5",
    # "up from 3.9", "versus 71% last year", "currently 6 hours", "(today 81%)")
    "→", "->", "target", "target of", "exceed", "exceeding", "beat", "minimum of", "maximum of", "min", "max",
    "no lower than", "no higher than", "≤", "<=", "<", "≥", ">=", ">", "in", "down", "up", "near", "around", "be",
    "versus", "vs", "vs.", "against", "currently", "currently at", "today", "now", "was", "baseline of", "baseline",
    "compared with", "compared to", "up from", "down from", "from a baseline of", "stood at", "stands at",
    "running at", "currently running at", "standing at", "sits at", "instead of", "rather than", "previously",
    "previously at", "last year", "was at"})
_SYMBOL_CUES = {"≤": "≤", "≥": "≥", "<": "<", ">": ">", "→": "→"}
_ARTICLES = frozenset({"a", "an", "the"})
_OWNERS = _ARTICLES | {"our", "its", "their"}
_NOW_WORDS = frozenset({"existing", "current", "present"})
_SHORT = {"hour", "hours", "minute", "minutes", "second", "seconds", "hr", "hrs", "min", "mins", "h", "s"}


class Found(NamedTuple):
    value: object
    start: int
    end: int
    cue: str = ""


def find_dates(text: str) -> list[Found]:
    out = []
    for m in date_matches(text):
        words = m.group(0)
        cue = _cue(_DATE_CUES, text, m.start(), articles=False)
        if _NEEDS_CUE.match(words) and not cue:
            continue                        # a bare '2026' without 'by'/'in' is a name, not a date
        if _NEEDS_CUE.match(words) and YEAR_OF.match(text, m.end() - 4):
            continue                        # "in the 2026 wave": which survey, not when ("October 2026 result" is)
        try:
            tf = parse_date_like(words)
        except AmbiguousDateError:
            tf = Timeframe(words, kind=AMBIGUOUS)     # a deadline all the same: read with date-order, or T007
        except DateSyntaxError:
            continue
        out.append(Found(tf, m.start(), m.end(), cue))
    return out


def definitional(found: Found, text: str, definitional_words: set[str]) -> bool:
    """'within 48 hours' after 'resolved' defines the metric; 'within six months' is a deadline."""
    tf: Timeframe = found.value
    rel = tf.relative
    if rel is None or not text[found.start:found.end].lower().startswith("within"):
        return False
    unit = text[found.start:found.end].lower().rsplit(" ", 1)[-1]
    if unit in _SHORT or (rel.days and rel.days <= 14):
        return True
    if not rel.days or rel.days > 31:       # "within 12 months", "within 90 days": a horizon, unless
        before = re.findall(r"[a-z]+", text[:found.start].lower())     # "resolved within 6 weeks"
        if before[-1:] and before[-1] in definitional_words and before[-1].endswith("ed"):
            return True
        # a service standard in weeks or in one month: "decide 90% of applications within 12 weeks",
        # "respond to complaints within a month", "comments within six weeks of the exams ending"
        weeks = unit.startswith("week") or (rel.months == 1 and not rel.days)
        event = _OF_EVENT.match(text, found.end) is not None        # "within three months of receipt"
        return (weeks and (_SHARE.search(text, 0, found.start) is not None or event
                           or any(w in definitional_words for w in before[-6:]))) or \
            (event and any(w in definitional_words for w in before[-8:]))
    if _OF_EVENT.match(text, found.end) or _SHARE.search(text, 0, found.start):
        return True                         # "within 3 weeks of receipt", "98% of renewals within 3 weeks"
    before = re.findall(r"[a-z]+", text[:found.start].lower())[-6:]
    return any(w in definitional_words for w in before)


# "within 3 weeks of receipt", "within 30 days from the closing date": a window after each case's event
_OF_EVENT = re.compile(r"(?i)(?<!\s)\s+(?:of\s+(?:a\s+|the\s+|their\s+|its\s+)?[a-z]|(?:from|after|following)\s+"
                       r"(?:a\s+|the\s+|their\s+|its\s+|your\s+|each\s+)?(?:[a-z]+\s+)?(?:receipt|receiv|request|"
                       r"application|referral|closing\s+date|date\s+of|booking|report|submission|payment|complaint|"
                       r"claim|order|delivery|purchase|notification|enquir|inquir|incident|call|contact|appointment|"
                       r"visit|admission|discharge|settlement|approval|acceptance))")
_SHARE = re.compile(r"\d\s?%\s+of\b|\b(?:every|all|each)\b", re.I)


NUMBER_WORDS = {"zero": 0, "no": 0, "half a": 0.5, "half an": 0.5, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "nineteen": 19,
                 "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                 "ninety": 90, "hundred": 100}
NUMBER_WORDS.update({f"{tens}-{unit}": NUMBER_WORDS[tens] + NUMBER_WORDS[unit]     # "forty-five", "twenty-four"
                      for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
                      for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")})
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
# "under an hour", "five days", "zero breaches", "below five people", "a 4-hour window", "the same day"
_WORDED = re.compile(
    r"(?i)(?<![\w-])(?:(?P<n>half\s{1,3}an?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-"
    r"(?:one|two|three|four|five|six|seven|eight|nine)|sixty|seventy|eighty|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|ninety|an?)\s+(?:\(\d{1,3}\)\s+)?(?P<wd>(?:working|business|calendar)\s+)?"
    r"(?P<u>second|minute|hour|day|week)s?\b"
    r"|(?P<d>\d{1,3})-(?P<u2>second|minute|hour|day|week)\b"
    r"|(?P<same>(?:the\s+|one\s+|a\s+)?(?:(?:same|next|following)(?:\s+working|\s+business)?|working|business)\s+day)\b"
    r"|(?P<f>twice(?!\s+as\b)|once(?=\s+(?:a|an|per|each|every)\s+(?:day|week|month|quarter|year|term|season)\b)|"
    r"(?P<fn>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+times(?!\s+(?:more|less|as|the)\b))\b"
    r"|(?P<p>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\s+"
    r"(?P<pu>percentage\s+points?|points?|per\s?cent|percent)\b"
    r"|(?P<z>zero)\s+(?=[a-z])"
    r"|(?:(?<=below\s)|(?<=under\s)|(?<=than\s)|(?<=most\s)|(?<=least\s)|(?<=\bto\s)|(?<=within\s))(?P<c>two|three|four|five|"
    r"six|seven|eight|nine|ten|twelve|twenty|fifty)\b"
    r"|(?P<r>two|three|four|five|six|seven|eight|nine|ten)(?=\s+rings?\b))")          # "picks up in five rings"


FREQUENCY = re.compile(r"(?i)twice|once|\w{1,12}\s{1,3}times")     # how often an activity is done: a count, never a level


def _worded(text: str, taken: list[tuple[int, int]], found: list[Found]) -> list[Found]:
    low = text.lower()
    timed = "second" in low or "minute" in low or "hour" in low or "day" in low or "week" in low or "zero" in low \
        or "twice" in low or "once" in low or "times" in low
    counted = ("below " in low or "under " in low or "than " in low or "most " in low or "least " in low
               or " to " in low or "within " in low or "point" in low or "cent" in low or " ring" in low) and ("two" in low or "three" in low or "four" in low or "five" in low or "six" in low
                                      or "seven" in low or "eight" in low or "nine" in low or "ten" in low
                                      or "twelve" in low or "twenty" in low or "fifty" in low)
    if not (timed or counted):
        return []                                   # most sentences: a few quick looks, no regex
    out = []
    for m in _WORDED.finditer(text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken) or \
                any(f.start <= m.start() < f.end or f.start < m.end() <= f.end for f in found):
            continue
        words = m.group(0).strip()
        if m.group("n"):            # "five days", "seven (7) working days"
            n = NUMBER_WORDS[" ".join(m.group("n").lower().split())]
            q = _quantity(f"{n:g} {m.group('wd') or ''}{m.group('u')}s") if m.group("wd") else \
                Quantity(float(n * _SECONDS[m.group("u").lower()]), DURATION)
            if q is None:
                continue
            q = replace(q, text=words)
        elif m.group("d"):
            q = Quantity(float(int(m.group("d")) * _SECONDS[m.group("u2").lower()]), DURATION, text=words)
        elif m.group("p"):                           # "six percentage points", "five per cent"
            q = _quantity(f"{NUMBER_WORDS[m.group('p').lower()]} {m.group('pu').lower()}")
            if q is None:
                continue
            q = replace(q, text=words)
        elif m.group("same"):
            q = Quantity(86400.0, DURATION, text=words, working_days=True)
        elif m.group("f"):                           # "at least twice a year", "four times a year": how often
            n = m.group("fn")
            count = 2 if m.group("f").lower() == "twice" else 1 if n is None else \
                int(n) if n.isdigit() else NUMBER_WORDS[n.lower()]
            q = Quantity(float(count), text=words)
        else:
            q = Quantity(float(NUMBER_WORDS[(m.group("z") or m.group("c") or m.group("r")).lower()]), text=words)
        out.append(Found(q, m.start(), m.start() + len(words), _cue(_QUANTITY_CUES, text, m.start())))
    return out


# a list's or a section's number before a heading-cased word: "2. Improve ...", "3.1 Reduce ...", "4) Raise ..."
_NUMBERING = re.compile(r"\s{0,3}\d{1,2}(?:[.)]|(?:\.\d{1,2}){1,2}\.?)\s{1,3}[A-Z•(\[]")
# the hours a service is open: "24/7", "24x7", "24 hours a day, 365 days a year", "7 days a week"
_COVERAGE = re.compile(r"(?i)\b24 ?(?:/|x|×) ?7(?: ?/ ?365)?\b|\b24 ?(?:hours?|hrs?) (?:a|per) day\b|"
                       r"\b7 days (?:a|per) week\b|\b365 days (?:a|per) year\b")


# ... unless it is how long something stays available: "a line is available for customer use 24/7"
_AVAILABLE = re.compile(r"(?i)\b(?:available|open|staffed|manned|accessible|operational|answered)\b(?: {1,3}[\w-]{1,30}){0,4} *$")


def find_quantities(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    out = []
    if "-" in text or "–" in text:
        bands = _bands(text, taken)
        if bands:
            out = out + bands
            taken = taken + [(f.start, f.end) for f in bands]
    if (" out of " in text or " of every " in text) and not _SCALE.search(text):
        shares = _out_of(text, taken)
        if shares:
            out = shares
            taken = taken + [(f.start, f.end) for f in shares]
    if " of " in text and _FRACTION_WORD.search(text):
        shares = _fraction_of(text, taken)
        if shares:
            out = out + shares
            taken = taken + [(f.start, f.end) for f in shares]
    if "24" in text or "365" in text or "days a week" in text:
        taken = taken + [m.span() for m in _COVERAGE.finditer(text)   # "24/7", "24 hours a day": when, not a value
                         if not _AVAILABLE.search(text, max(0, m.start() - 40), m.start())]
    for m in _QUANTITY.finditer(text):
        at, end = m.span()
        if taken and _overlaps(at, end, taken):
            continue
        raw = m.group()
        lead = raw.lstrip()
        words = lead.rstrip()
        start = at + len(raw) - len(lead)
        if words[0] in "-–" and words[1:2].isspace() and start and text[start - 1].isspace():
            rest = words[1:].lstrip()       # "within 7 days - 97%": a dash between words is a separator
            start, words = start + len(words) - len(rest), rest
        end = start + len(words)
        if _after_per(text, start):
            continue                        # "complaints per 1,000 policies": the rate's denominator, no value
        if start < 4 and _NUMBERING.match(text):
            continue                        # "2. Facilitate access ...", "2.1 Improve ...": the item's number
        year = text.startswith(("19", "20"), start)
        if (year and _YEAR_SPAN.match(text, start)) or (text[end:end + 1] == "." and text[end + 1:end + 2].isdecimal()):
            continue                        # "(2025/26)": a year; "1.46m": not the "1" of it
        near = text[start:end + 5]
        if (":" in near or "m" in near or "M" in near) and (_CLOCK.match(text, start) or (
                _CLOCK_24.match(text, start) and _AT_A_TIME.search(text, 0, start))):
            continue                        # "ready by 3 p.m.", "by 15:00": a time of day, part of the measure
        q = _quantity(words.replace("–", "-", 1)) if words[0] == "–" else _quantity(words)
        if q is None:
            continue                        # a dash before a number is its minus sign ("from –2.0 to –1.2")
        if q.unit is None and text[end:end + 2] == " (":
            spelt = _SPELT_OUT.match(text, end)     # "within 10 (ten) working days": the unit after the words
            timed = _quantity(f"{words} {spelt.group('unit')}") if spelt else None
            if timed is not None:
                q, end = replace(timed, text=text[start:spelt.end()]), spelt.end()
        # "Target: 75%", "KR1: NRR 104% -> 110%": a match after a colon or an arrow starts at the space
        # before the number, and the cue is read up to it ("set up; 96%": a semicolon ends the cue)
        cue = _cue(_QUANTITY_CUES, text, start if at and text[at - 1] in ":<=>→≤≥" else at)
        if q.unit is None and ((year and YEAR_OF.match(text, start)) or _ranked_aside(text, start, words, cue)):
            continue                        # a year or a rank that only dates or places something
        if cue.endswith("later than") and not _OF_EVENT.match(text, end):
            cue = "than"                    # "no later than 30 days after year end": a deadline, not a standard
        out.append(Found(q, start, end, cue))
    worded = _worded(text, taken, out)
    return sorted(out + worded, key=lambda f: f.start) if worded else out


def _bands(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """'within 2-3 minutes', 'in 3–6 weeks', 'a 78-84% occupancy': a band, both ends kept."""
    out = []
    for m in _BAND_IN_PROSE.finditer(text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            continue
        try:
            q = parse_quantity(m.group(0).replace("–", "-"))
        except QuantityError:
            continue
        if q is not None and q.bound == BAND:
            out.append(Found(replace(q, text=m.group(0)), m.start(), m.end(), _cue(_QUANTITY_CUES, text, m.start())))
    return out


# (a dash with a space on both sides separates: "Tier 1 – 3 working days" is tier 1's three days)
_BAND_IN_PROSE = re.compile(r"(?i)(?<![\w.\-/])\d{1,4}(?:\.\d{1,2})?(?:[-–]\s?|\s[-–])\d{1,4}(?:\.\d{1,2})?\s?(?:%|per\s?cent\b|"
                            r"(?:(?:working|business|calendar)\s)?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|"
                            r"weeks?|months?)\b)(?![\w-])")


def _out_of(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """'Nineteen out of 20 sailings', 'nine out of ten repairs': a share, as a percentage."""
    out = []
    for m in _OUT_OF.finditer(text):
        part, whole = (int(g) if g.isdigit() else NUMBER_WORDS.get(g.lower()) for g in m.group("n", "d"))
        if part is None or not whole or part > whole or any(s <= m.start() < e for s, e in taken):
            continue
        q = Quantity(round(100.0 * part / whole, 2), PERCENT, text=m.group(0))
        out.append(Found(q, m.start(), m.end(), _cue(_QUANTITY_CUES, text, m.start())))
    return out


def _fraction_of(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """'Two-thirds of outpatient visits', 'half of all contacts': a share, as a percentage (not 'by
    half', a change, nor 'the first half of 2027', a period)."""
    out = []
    for m in _FRACTION_OF.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        share = _FRACTION_SHARES[re.sub(r"[\s-]+", " ", m.group("f").lower())]
        q = Quantity(share, PERCENT, text=m.group("f"))
        out.append(Found(q, m.start("f"), m.end("f"), _cue(_QUANTITY_CUES, text, m.start("f"))))
    return out


_FRACTION_SHARES = {"half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 33.3, "one third": 33.3,
                    "two thirds": 66.7, "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
                    "a fifth": 20.0, "one fifth": 20.0, "a tenth": 10.0, "one tenth": 10.0}
_FRACTION_WORD = re.compile(r"(?i)\b(?:half|thirds?|quarters?|fifth|tenth)\s+of\b")
_FRACTION_OF = re.compile(r"(?i)(?<!\bby )(?<!\bfirst )(?<!\bsecond )(?<!\bthe )(?<!\blast )(?<!\bnext )(?<!\bthis )"
                          r"\b(?P<f>(?:a |one )?half|(?:a|one)[\s-]third|two[\s-]thirds|(?:a|one)[\s-]quarter|"
                          r"three[\s-]quarters|(?:a|one)[\s-](?:fifth|tenth))\s+of\s+"
                          r"(?!(?:the\s+|this\s+|next\s+|each\s+)?(?:year|month|quarter|week|day|period|term|decade|"
                          r"century|season|financial|fiscal|calendar|fy|q[1-4]|h[12]|\d)\b)")


# "4.2 out of 5", "a score of 8 out of 10": a level on a scale, not a share
_SCALE = re.compile(r"(?i)\d\.\d+\s+out\s+of|\b(?:scores?|ratings?|rated?|rating|scale|csat|nps|ces|stars?|points?)\b")
_OUT_OF = re.compile(r"(?i)(?<![\d.,])\b(?P<n>\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|nineteen|"
                     r"ninety-nine|forty-nine)\s+(?:out\s+of|of\s+every)\s+(?P<d>\d{1,4}|two|three|four|five|six|"
                     r"seven|eight|nine|ten|twenty|fifty|hundred)\b(?!\s*%)")


_SPELT_OUT = re.compile(r"\s\((?:[a-z]+[\s-]?){1,3}\)\s(?P<unit>(?:(?:working|business|calendar)\s)?"
                        r"(?:days?|weeks?|hours?|minutes?|months?)\b)", re.I)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    for s, e in taken:
        if s <= start < e or s < end <= e:
            return True
    return False


def _after_per(text: str, start: int) -> bool:
    """'per 1,000' or 'per1000' right before `start` (a quick look at the letter before the regex)."""
    before = start - 2 if start and text[start - 1].isspace() else start - 1
    return before >= 2 and text[before] in "rR" and _PER.search(text, max(0, start - 6), start) is not None


def _ranked_aside(text: str, start: int, words: str, cue: str) -> bool:
    """A rank in brackets with no cue ('(ranked 14th of 26)'): it places something, it is no value.
    (The other bare numbers that only date something, a year naming a result or a survey ('(2026
    result 81%)', 'in the 2025 wave'), are YEAR_OF.)"""
    return not cue and _RANK.fullmatch(words) is not None and text.rfind("(", 0, start) > text.rfind(")", 0, start)


YEAR_OF = re.compile(r"(?i)(?:19|20)\d{2}\s{1,3}(?:results?|outturns?|actuals?|surveys?|waves?|figures?|levels?|"
                      r"scores?|baselines?|positions?|ratings?|data|benchmarks?)\b")
_PER = re.compile(r"(?i)\bper\s?$")
_CLOCK = re.compile(r"(?i)\d{1,2}(?::[0-5]\d)?\s?(?:[ap]\.\s?m\b\.?|[ap]m\b)|\d{1,2}:[0-5]\d\s?(?:[ap]\.\s?m\b|[ap]m\b)")
_CLOCK_24 = re.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")
_AT_A_TIME = re.compile(r"(?i)\b(?:by|before|after|until|till)\s{1,3}$")   # not "from 6:10 to 5:30" (a duration)
_YEAR_SPAN = re.compile(r"(?:19|20)\d{2}\s?[/\-–]\s?(?:\d{2}|(?:19|20)\d{2})(?!\d)")
_SIMPLE = re.compile(r"(\d{1,6}(?:\.\d+)?)(%?)")
_RANK = re.compile(r"(\d{1,3})(?:st|nd|rd|th)", re.I)


@lru_cache(maxsize=8192)
def _quantity(words: str) -> Quantity | None:
    """parse_quantity, once per distinct wording in a run ('71%', '30 days' recur across goals),
    and without its grammar for the commonest words of all: '899', '71%' (tested to agree)."""
    m = _SIMPLE.fullmatch(words)
    if m is not None:
        return Quantity(float(m.group(1)), PERCENT if m.group(2) else None, text=words)
    m = _RANK.fullmatch(words)
    if m is not None:                               # 'from 12th to 5th out of 17': a league position
        return Quantity(float(m.group(1)), text=words)
    try:
        return parse_quantity(words)
    except QuantityError:
        return None


_PUNCTUATION = str.maketrans("(:,;", "    ")         # "(from 52%)", "CSAT: target 4.5"


# words that say a value is approximate or an average: the cue is the word before them
# ('from avg. 6 hours', 'from an average of 6 hours', 'by about 20%'); the value is the value
_APPROXIMATE = frozenset({"avg", "avg.", "average", "approx", "approx.", "approximately", "around", "about", "roughly",
                          "c.", "circa", "nearly", "almost", "of"})


def _unapproximated(words: list[str]) -> list[str]:
    if words[-1] == "of":
        if len(words) < 2 or words[-2] != "average":
            return words                        # 'of' alone: part of what is measured
        words = words[:-2]
    else:
        words = words[:-1]
    return words[:-1] if words and words[-1] in ("a", "an") else words


@lru_cache(maxsize=8)
def _last_words(cues: frozenset) -> frozenset:
    return frozenset(cue.rsplit(" ", 1)[-1] for cue in cues)


def _cue(cues: frozenset, text: str, at: int, articles: bool = True) -> str:
    """The cue word(s) right before a position: 'from', 'no later than', 'to the' -> 'to'."""
    head = text[max(0, at - 24):at]
    if head and head[-1] in _SYMBOL_CUES:
        return _SYMBOL_CUES[head[-1]]          # "≤4%"
    if not head or not head[-1].isspace():
        return ""
    words = head.lower().translate(_PUNCTUATION).split()
    if at - 24 > 0 and words:
        words = words[1:]                       # the first word may be cut in half
    if words and words[-1] in _APPROXIMATE:
        words = _unapproximated(words)
    if articles and len(words) > 2 and words[-1] in _NOW_WORDS and words[-2] in _OWNERS:
        words = words[:-2]                      # "from the existing 48 per cent", "from our current 14 days"
    if articles and words and words[-1] in _ARTICLES:
        words = words[:-1]
    if not words or words[-1] not in _last_words(cues):
        return ""                               # most numbers: no cue ends with the word before them
    for n in (3, 2, 1):
        if len(words) >= n:
            phrase = " ".join(words[-n:])
            if phrase in cues:
                return phrase
    return ""
