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

from cxsmart.language.cues import BOUNDS_AFTER, NUMBER_WORDS, QUANTITY_CUES, Found, cue_before
from cxsmart.language.dates import date_matches
from cxsmart.language.shares import FRACTION_WORD, SCALE, bands, fraction_of, out_of
from cxsmart.model.numberwords import WORDS, alternation
from cxsmart.model.quantities import DURATION, PERCENT, Quantity, QuantityError, parse_quantity
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
      (?=\d)(?:\d+\s?(?:h|hrs?|hours?),?\s?(?:and\s)?\d+\s?(?:m|mins?|minutes?)\b(?:,?\s?(?:and\s)?\d+\s?(?:s|secs?|seconds?)\b)?
             | \d+\s?(?:m|mins?|minutes?),?\s?(?:and\s)?\d+\s?(?:s|secs?|seconds?)\b
             | \d{1,2}:\d{2}(?::\d{2})?(?!\s?[ap]\.?m))
    | \d{1,3}(?:st|nd|rd|th)
    | [x×]\d+(?:\.\d+)? | \d+(?:\.\d+)?[x×]
    | [+\-−–]?\s?[$€£]\s?(?:\d{1,3}(?:\.\d{3})+,\d+|\d(?:[\d,]*\d)?(?:\.\d+)?)\s?(?:bn|mn|mln|m|b|million|billion)\b
    | [+\-−–]?\s?(?:[$€£]\s?)?(?:\d{1,3}(?:\.\d{3})+,\d+|\d(?:[\d,]*\d)?(?:\.\d+)?)(?:\s?(?:k|thousand|million|billion)\b)?
      (?:\s?(?:%|per\s?cent\b|pct\b|pc\b|pp\b|p\.p\.|percentage\s+points?\b|points?\b|pts?\b|milliseconds?\b|ms\b|seconds?\b|secs?\b|s\b|minutes?\b
         |mins?\b|(?:working|business)\s(?:hours?|hrs?|days?)\b|hours?\b|hrs?\b|h\b|days?\b|weeks?\b|usd\b|eur\b|gbp\b))?
    )(?![\w-])""")
_SHORT = {"hour", "hours", "minute", "minutes", "second", "seconds", "hr", "hrs", "min", "mins", "h", "s"}


# a bound right after 'from', before the number (and any word saying it is approximate)
_FROM_BOUND = re.compile(r"(?i)\bfrom\s{1,3}(?:more\s{1,3}than|over|above|less\s{1,3}than|under|below|fewer\s{1,3}than)"
                         r"\s{1,3}(?:(?:about|around|approximately|approx\.?|roughly|nearly|almost|circa|c\.)\s{1,3})?$")
_OVER = re.compile(r"(?i)(?:over|under)\s")


def find_dates(text: str) -> list[Found]:
    out = []
    for m in date_matches(text):
        words = m.group(0)
        cue = cue_before(_DATE_CUES, text, m.start(), articles=False)
        if _NEEDS_CUE.match(words) and not cue:
            continue                        # a bare '2026' without 'by'/'in' is a name, not a date
        if _NEEDS_CUE.match(words) and YEAR_OF.match(text, m.end() - 4):
            continue                        # "in the 2026 wave": which survey, not when ("October 2026 result" is)
        if _FISCAL.match(words) and _A_RESULT.match(text, m.end()):
            continue                        # "(FY2026 result 83.1%)": the year a value was measured in
        if cue == "from" and _OVER.match(words):
            continue                        # "from over 10 weeks to under 3": a value, not when
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
    if rel is not None and " first " in text[found.start:found.end].lower():
        # "tickets per new account in the first 30 days": each case's first days, not the goal's horizon
        return _PER_CASE.search(text, 0, found.start) is not None or OF_EVENT.match(text, found.end) is not None
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
        if rel.days and rel.days <= 60 and unit.startswith("day") and \
                any(w in definitional_words and not w.endswith("ed") for w in before[-4:]):
            return True                     # "resolve member complaints within 40 days": a service level
        weeks = unit.startswith("week") or (rel.months == 1 and not rel.days)
        after = OF_EVENT.match(text, found.end)                    # "within three months of receipt"
        event = after is not None
        if event and not after.group(0).lstrip().lower().startswith("of"):
            return True                     # "within 2 months from date of inspection": each case's own clock
        if event and _SHARE.search(text, 0, found.start) is not None:
            return True                     # "≥85% of coaches ... within 45 days of onboarding": each case's window
        return (weeks and (_SHARE.search(text, 0, found.start) is not None or event
                           or any(w in definitional_words for w in before[-6:]))) or \
            (event and any(w in definitional_words for w in before[-8:]))
    if OF_EVENT.match(text, found.end) or _SHARE.search(text, 0, found.start):
        return True                         # "within 3 weeks of receipt", "98% of renewals within 3 weeks"
    before = re.findall(r"[a-z]+", text[:found.start].lower())[-6:]
    return any(w in definitional_words for w in before)


_PER_CASE = re.compile(r"(?i)\b(?:per|each|every|new)\s")
# "within 3 weeks of receipt", "within 30 days from the closing date": a window after each case's event
OF_EVENT = re.compile(r"(?i)(?<!\s)\s+(?:of\s+(?:a\s+|the\s+|their\s+|its\s+)?[a-z]|(?:from|after|following)\s+"
                       r"(?:a\s+|the\s+|their\s+|its\s+|your\s+|each\s+)?(?:[a-z]+\s+)?(?:receipt|receiv|request|"
                       r"application|referral|closing\s+date|date\s+of|booking|report|submission|payment|complaint|"
                       r"claim|order|delivery|purchase|notification|enquir|inquir|incident|call|contact|appointment|"
                       r"visit|admission|discharge|settlement|approval|acceptance))")
_SHARE = re.compile(r"\d\s?%\s+of\b|\b(?:every|all|each)\b", re.I)


_IN_WORDS = alternation()
_COUNTED = alternation({w: n for w, n in WORDS.items() if n})   # "zero-day exploit" is a name, not a window
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800, "sec": 1, "min": 60, "hr": 3600}
# "under an hour", "five days", "zero breaches", "below five people", "a 4-hour window", "the same day"
_WORDED = re.compile(
    rf"(?i)(?<![\w-])(?:(?P<n>half\s{{1,3}}an?|{_IN_WORDS}|an?)\s+(?:\(\d{{1,3}}\)\s+)?(?P<wd>(?:working|business|calendar)\s+)?"
    r"(?P<u>second|minute|hour|day|week)s?\b"
    rf"|(?P<d>\d{{1,3}}|{_COUNTED})-(?P<wd2>(?:working|business)-)?(?P<u2>second|minute|hour|day|week|min|hr|sec)s?\b"
    r"|(?P<nth>second|third|fourth|fifth)\s{1,3}(?:full\s{1,3}|(?P<wd3>working|business)\s{1,3})?day"
    r"(?=\s{1,3}(?:after|following|from)\b)"
    r"|(?P<theday>the\s{1,3}day)(?=\s{1,3}(?:we|you|your|our|it|they)\s{1,3}(?!(?:day|are|is|was|were|will|would|have|has|had|be|can|may|might|should|must)\b)[a-z]{2,}\b)"
    r"|(?P<same>(?:the\s+|one\s+|a\s+)?(?:(?:same|next|following)(?:\s+working|\s+business)?|working|business)\s+day|"
    r"(?<=before\s)the\s+end\s+of\s+the\s+(?:working\s+|business\s+)?day)\b"   # "before the end of the day": the same day
    r"|(?<=within\s)(?P<thehour>the\s{1,3}hour)\b"                                    # "a reply within the hour"
    r"|(?P<f>twice(?!\s+as\b)|once(?=\s+(?:a|an|per|each|every)\s+(?:day|week|month|quarter|year|term|season)\b|"
    r"\s+(?:in|over|during|within)\s+(?:any|the|each|every|a)\s+(?:[\w-]{1,12}\s+)?(?:period|year|month|quarter|cycle)\b|"
    r"\s+every\s+\d{1,2}\s+(?:days|weeks|months|years)\b)|"
    r"(?P<fn>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+times(?!\s+(?:more|less|as|the)\b))\b"
    rf"|(?P<p>{_IN_WORDS})\s+"
    r"(?P<pu>percentage\s+points?|points?|per\s?cent|percent)\b"
    r"|(?P<z>zero)\s+(?=[a-z])"
    r"|(?:(?<=below\s)|(?<=under\s)|(?<=than\s)|(?<=most\s)|(?<=least\s)|(?<=\bto\s)|(?<=within\s))(?P<c>two|three|four|five|"
    r"six|seven|eight|nine|ten|twelve|twenty|fifty)\b"
    r"|(?<=\bis\s)(?P<zz>zero)\b(?!\s+[a-z])"
    r"|(?P<r>two|three|four|five|six|seven|eight|nine|ten)(?=\s+rings?\b))")          # "picks up in five rings"


# a word after "a second" that makes it the ordinal: any but those a time goes on with ("a second or two")
_ORDINAL_AFTER = re.compile(r"(?i)\s{1,3}(?!(?:or|and|of|to|per|after|before|late|early|longer)\b)[a-z]")
FREQUENCY = re.compile(r"(?i)twice|once|\w{1,12}\s{1,3}times")     # how often an activity is done: a count, never a level


def _worded(text: str, taken: list[tuple[int, int]], found: list[Found]) -> list[Found]:
    low = text.lower()
    timed = "second" in low or "minute" in low or "hour" in low or "day" in low or "week" in low or "zero" in low \
        or "twice" in low or "once" in low or "times" in low or "-min" in low or "-hr" in low or "-sec" in low
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
        if m.group("n") and m.group("u").lower() == "second" and m.group("n").lower() in ("a", "an") and \
                _ORDINAL_AFTER.match(text, m.end()):
            continue                # "a second opinion", "a second review": the ordinal, no time
        if m.group("n"):            # "five days", "seven (7) working days"
            n = NUMBER_WORDS[" ".join(m.group("n").lower().split())]
            q = _quantity(f"{n:g} {m.group('wd') or ''}{m.group('u')}s") if m.group("wd") else \
                Quantity(float(n * _SECONDS[m.group("u").lower()]), DURATION)
            if q is None:
                continue
            q = replace(q, text=words)
        elif m.group("d"):          # "a 24-hour window", "a three-hour slot", "2-working-days"
            d = m.group("d").lower()
            n = int(d) if d.isdigit() else NUMBER_WORDS[d]
            q = _quantity(f"{n} working days") if m.group("wd2") and m.group("u2").lower() == "day" else \
                Quantity(float(n * _SECONDS[m.group("u2").lower()]), DURATION)
            if q is None:
                continue
            q = replace(q, text=words)
        elif m.group("nth") or m.group("theday"):   # "by the second full day after you report it", "the day we receive it"
            n = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}.get((m.group("nth") or "").lower(), 1)
            q = Quantity(n * 86400.0, DURATION, text=words, working_days=bool(m.group("wd3")))
            out.append(Found(q, m.start(), m.start() + len(words), "within"))
            continue
        elif m.group("p"):                           # "six percentage points", "five per cent"
            q = _quantity(f"{NUMBER_WORDS[m.group('p').lower()]} {m.group('pu').lower()}")
            if q is None:
                continue
            q = replace(q, text=words)
        elif m.group("same"):
            q = Quantity(86400.0, DURATION, text=words, working_days=True)
        elif m.group("thehour"):
            q = Quantity(3600.0, DURATION, text=words)
        elif m.group("f"):                           # "at least twice a year", "four times a year": how often
            n = m.group("fn")
            count = 2 if m.group("f").lower() == "twice" else 1 if n is None else \
                int(n) if n.isdigit() else NUMBER_WORDS[n.lower()]
            q = Quantity(float(count), text=words)
        else:
            q = Quantity(float(NUMBER_WORDS[(m.group("z") or m.group("zz") or m.group("c") or m.group("r")).lower()]), text=words)
        out.append(Found(q, m.start(), m.start() + len(words), cue_before(QUANTITY_CUES, text, m.start())))
    return out


# a list's or a section's number before a heading-cased word: "2. Improve ...", "3.1 Reduce ...", "4) Raise ..."
_NUMBERING = re.compile(r"\s{0,3}\d{1,2}(?:[.)]|(?:\.\d{1,2}){1,2}\.?)\s{1,3}[A-Z•(\[]")
# the hours a service is open: "24/7", "24x7", "24 hours a day, 365 days a year", "7 days a week"
_COVERAGE = re.compile(r"(?i)\b24 ?(?:/|x|×) ?7(?: ?/ ?365)?\b|\b24 ?(?:hours?|hrs?) (?:a|per) day\b|"
                       r"\b7 days (?:a|per) week\b|\b365 days (?:a|per) year\b|"
                       # "a 24 hour phone service", "a 24-hour recorded timetable line": open round the clock
                       r"\b24[ -]?(?:hours?|hrs?)(?= (?:[a-z]+ ){0,2}?(?:tele)?(?:phone|help ?line|hotline|line|desk|"
                       r"support|cover|coverage|access|monitoring|reception|security|staffing|recorded|emergency|"
                       r"call|contact|chat|switchboard)s?\b)")


# ... unless it is how long something stays available: "a line is available for customer use 24/7"
_AVAILABLE = re.compile(r"(?i)\b(?:available|open|staffed|manned|accessible|operational|answered)\b(?: {1,3}[\w-]{1,30}){0,4} *$")


def find_quantities(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    out = []
    if "-" in text or "–" in text:
        found = bands(text, taken)
        if found:
            out = out + found
            taken = taken + [(f.start, f.end) for f in found]
    if (" out of " in text or " of every " in text) and not SCALE.search(text):
        shares = out_of(text, taken)
        if shares:
            out = shares
            taken = taken + [(f.start, f.end) for f in shares]
    if " of " in text and FRACTION_WORD.search(text):
        shares = fraction_of(text, taken)
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
        cue = cue_before(QUANTITY_CUES, text, start if at and text[at - 1] in ":<=>→≤≥" else at)
        if q.unit is None and ((year and YEAR_OF.match(text, start)) or _ranked_aside(text, start, words, cue) or
                               (words[-2:].lower() in ("st", "nd", "rd", "th") and (_OCCASION.match(text, end) or
                                                                                    _NTH_DAY.match(text, end) or
                                                                                    _ON_THE.search(text, 0, start)))):
            continue                        # a year or a rank that only dates or places something
        if q.unit is None and _DISTANCE.match(text, end):
            continue                        # "within 3 metres", "within 5 miles of a branch": where, not how much
        if q.unit is None and _AGED.search(text, max(0, start - 24), start):
            continue                        # "clients aged 65+", "people aged 75 and over": who is counted
        if cue.endswith("later than") and not OF_EVENT.match(text, end) and not _CASE_CLOCK.match(text, end) and \
                not (q.unit == DURATION and (q.value < 86400 or q.working_days)):
            cue = "than"                    # "no later than 30 days after year end": a deadline, not a standard
            #                                 (no horizon is in hours or working days: "not later than 6
            #                                 working hours afterwards" is each case's clock)
        out.append(Found(q, start, end, cue))
    worded = _worded(text, taken, out)
    out = sorted(out + worded, key=lambda f: f.start) if worded else out
    return [_from_bound(text, f) if f.cue in BOUNDS_AFTER else f for f in out]


_CASE_CLOCK = re.compile(r"(?i)\s{1,3}(?:afterwards|thereafter|later)\b")


def _from_bound(text: str, found: Found) -> Found:
    """'from more than ten weeks to less than three': today's value, beyond ten weeks. The cue is
    'from', and the bound its words give is kept on the value."""
    q: Quantity = found.value
    if q.bound is not None or not _FROM_BOUND.search(text, max(0, found.start - 36), found.start):
        return found
    return found._replace(value=replace(q, bound=BOUNDS_AFTER[found.cue]), cue="from")


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


# an ordinal that names an occasion or a statistic, not a rank to reach: "by our 25th anniversary",
# "the 90th percentile wait"
# "no later than the 35th business day after reporting": which day, a window's end, never a value to reach
# ("on the 12th of the month", "by the 5th of each month": a day of the month, whatever follows)
_NTH_DAY = re.compile(r"(?i)\s{1,3}(?:of\s{1,3}(?:the|each|every)\s{1,3})?(?:(?:business|working|calendar|clear)\s{1,3})?"
                      r"(?:day|week|month)\b")
_AGED = re.compile(r"(?i)\b(?:aged|ages)\s{1,3}(?:(?:over|under|between|from)\s{1,3})?$")
_DISTANCE = re.compile(r"(?i)\s{0,2}(?:metres?|meters?|km|kms|kilomet(?:re|er)s?|miles?|yards?|feet|ft)\b")
_ON_THE = re.compile(r"(?i)\bon\s{1,3}the\s{1,3}$")     # ("by the 4th ring" is a standard's count)
_OCCASION = re.compile(r"(?i)\s{1,3}(?:anniversary|birthday|centenary|centennial|jubilee|percentile|edition)\b")
_FISCAL = re.compile(r"(?i)(?:FY|financial\s+year|fiscal\s+year)\s?'?\d{2,4}(?:\s?[/\-–]\s?\d{2,4})?$")
_A_RESULT = re.compile(r"(?i)\s{1,3}(?:results?|outturns?|actuals?|surveys?|waves?|figures?|baselines?|data)\b")
YEAR_OF = re.compile(r"(?i)(?:19|20)\d{2}\s{1,3}(?:results?|outturns?|actuals?|surveys?|waves?|figures?|levels?|"
                      r"scores?|baselines?|positions?|ratings?|data|benchmarks?|(?:targets?|goals?|plans?|forecasts?)\s?:)")
_PER = re.compile(r"(?i)\bper\s?$")
_CLOCK = re.compile(r"(?i)\d{1,2}(?:[:.][0-5]\d)?\s?(?:[ap]\.\s?m\b\.?|[ap]m\b)|\d{1,2}:[0-5]\d\s?(?:[ap]\.\s?m\b|[ap]m\b)")
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
