"""Numbers set apart before levels.py chooses a target: a value in brackets that says when it was
measured ('(72% in October 2026)'), a clause that reports a past result ('In 2023, 74% were
determined'), a number in an exception ('unless we move it with two working days' notice') or a
condition ('If your claim takes over 30 days, ...'), and a value said to be today's ('the current
12-week wait'). Each is today's value (the baseline, when none is given) or no value at all."""

from __future__ import annotations

import re

from cxsmart.language.cues import BASELINE_CUES, Found, absolute
from cxsmart.language.numbers import is_year
from cxsmart.language.textfacts import TextFacts
from cxsmart.model.quantities import DURATION


# a value said to be today's or the one before: "the current 12-week wait", "the previous waiting period of 12 days"
_NOW_BEFORE = re.compile(r"(?i)\b(?:current|existing|present|today's)\s{1,3}$")
_PREVIOUS_OF = re.compile(r"(?i)\b(?:previous|existing|current|former|old)\s{1,3}(?:[a-z()-]{1,20}\s{1,3}){0,6}of\s{1,3}$")


_MEASURED_ASIDE = re.compile(r"(?i)\b(?:results?|outturn|actuals?|baseline|was|were|today|now|currently|audit|"
                             r"as\s+of)\b|\b(?:in|at)\s+(?:the\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                             r"[a-z]*|q[1-4]|h[12]|(?:19|20)\d\d)\b|"
                             # a period that opens the bracket, then its value: "(FY26: 23%)", "(2025/26 - 82%)"
                             r"\(\s*(?:q[1-4]\s+)?(?:fy\s?\d{2,4}(?:[/-]\d{2,4})?|(?:19|20)\d\d(?:[/-]\d{2,4})?)\s*"
                             r"(?:outturn\s*|actuals?\s*)?(?:[:=–—]|-\s)")


def apart_from_asides(facts: TextFacts, quantities: list[Found], text: str) -> list[Found]:
    """A number in brackets that says when it was measured ('(37 open at the October 2026 audit)',
    '(72% in October 2026)') is today's value, never the target: it is the baseline when the
    title gives none, and is kept out of the search for a target."""
    if "(" not in text:
        return quantities
    kept, aside = [], []
    for q in quantities:
        opened, closed = text.rfind("(", 0, q.start), text.find(")", q.end)
        if opened >= 0 and closed >= 0 and ")" not in text[opened:q.start] and \
                _MEASURED_ASIDE.search(text, opened, closed):
            aside.append(q)
            continue
        kept.append(q)
    first = next((q for q in aside if not q.value.change and not is_year(q)), None)   # not the 2025 of "(2025: 48%)"
    if first is not None and facts.baseline is None and not any(q.cue in BASELINE_CUES for q in kept):
        facts.baseline = absolute(first)       # not over "from 76.2 to 79.0 (ranked 14th of 26 in 2026)"
    return kept


def apart_from_reports(facts: TextFacts, quantities: list[Found], text: str) -> list[Found]:
    """A clause that reports a past period's result ('... within 30 days. In 2023, 74% of
    applications were determined within 30 days.'): its value is today's, never the target; it is
    the baseline when none is given."""
    m = reported(text)
    if m is None:
        return quantities
    inside = [q for q in quantities if m.start() <= q.start < m.end()]
    if not inside or len(inside) == len(quantities):
        return quantities                           # the report is all there is: nothing else to aim at
    first = next((q for q in inside if not q.value.change and q.value.unit != DURATION), None)
    if first is not None and facts.baseline is None:
        facts.baseline = absolute(first)
    return [q for q in quantities if q not in inside]


# a sentence or clause that opens with a past period and reports what it was: "In 2023, 74% of
# applications were determined", "For Q3 2024/25, 81% were answered"
def reported(text: str) -> re.Match | None:
    """The clause that reports a past period's result, if the text has one (read by levels.py for
    its value and by deadlines.py for its date)."""
    if ", " not in text:
        return None
    low = text.lower()
    if " was " not in low and " were " not in low and " been " not in low and " stood " not in low:
        return None                                 # most goals: no report, no search
    return REPORTED.search(text)


REPORTED = re.compile(r"(?i)(?:^|[.;]\s{1,3})(?:in|during|for|over)\s{1,3}(?:the\s{1,3})?(?:(?:19|20)\d\d(?:[/-]\d{2,4})?|"
                      r"q[1-4][\w /-]{0,12}|fy\s?\d{2,4}(?:[/-]\d{2,4})?|last\s{1,3}year|[a-z]{3,9}\s{1,3}(?:19|20)\d\d),"
                      r"[^.;]{0,120}?\b(?:was|were|had\s{1,3}been|stood\s{1,3}at)\b[^.;]{0,80}")


def apart_from_exceptions(quantities: list[Found], text: str) -> list[Found]:
    """A number in the exception after 'unless' or 'except' says when the goal does not apply ('keep
    to the slot, unless we move it with two working days' notice'), never what it must reach."""
    m = _EXCEPTION.search(text)
    if m is None:
        return quantities
    end = _EXCEPTION_END.search(text, m.end())     # "except late payment will be sent ...": the main clause goes on
    stop = end.start() if end is not None else len(text)
    return [q for q in quantities if not m.start() <= q.start < stop]


_EXCEPTION = re.compile(r"(?i)\b(?:unless|except)\b")
_EXCEPTION_END = re.compile(r"(?i)[;)]|\.(?!\d)|,\s{0,3}(?=(?:we|you|i|they|our|your|it)\s)|\b(?:will|shall|must|should|would)\b")


def said_before(facts: TextFacts, quantities: list[Found], text: str) -> list[Found]:
    """A value said to be today's or the one before ('the current 12-week wait', 'instead of the
    previous target of four working days') is the start, never the target."""
    for q in quantities:
        if _NOW_BEFORE.search(text, max(0, q.start - 24), q.start) or \
                _PREVIOUS_OF.search(text, max(0, q.start - 110), q.start):
            facts.baseline = facts.baseline or absolute(q)
            return [o for o in quantities if o is not q]
    return quantities


def apart_from_conditions(quantities: list[Found], text: str) -> list[Found]:
    """A number in an opening condition ('If we cannot reply within 3 weeks, we will write to you')
    says when the promise after it applies, never what it must reach: the promise has its own
    number or none. Only a condition closed by a comma or 'then' is read so."""
    m = _CONDITION.match(text, len(text) - len(text.lstrip()))
    if m is None:
        return quantities
    return [q for q in quantities if q.start > m.end()]


# "If ... ,", "Should ... ,", "In the event that ... then": the clause up to its comma
_CONDITION = re.compile(r"(?i)(?:if|should|whenever|wherever|in\s+(?:the\s+)?(?:[a-z]{1,20}\s+)?(?:case|event))\b[^,;:.()]{3,160}?"
                        r"(?:,|\s{1,3}then\b)")

