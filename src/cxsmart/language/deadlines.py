"""Which of a sentence's dates is the deadline: the last one cued as one ('by', 'in', 'until'),
unless it says where a count starts ('within 12 months of 1 April 2027'), or dates a value beside
it ('up from 88% in Q2', '(84% in October)', '(2025/26 outturn: 88%)'), which is when today's value
was measured."""

from __future__ import annotations

import re

from cxsmart.language.cues import Found
from cxsmart.language.finders import definitional
from cxsmart.language.apart import reported
from cxsmart.language.textfacts import TextFacts

DEADLINE_CUES = {"by", "before", "until", "till", "in", "during", "through", "throughout", "for", "at",
                 "no later than", "on", "ending", "end", ""}
START_CUES = {"from", "starting", "since"}


def choose_dates(facts: TextFacts, dates: list[Found], text: str, definitional_words: set[str]) -> None:
    """The deadline among the dates found (the last one cued as a deadline), where a count starts,
    and a date that says when today's value was measured."""
    for found in dates:
        if found.cue in START_CUES or _COUNTED_FROM.search(text, 0, found.start) or \
                _BEGINS.search(text, max(0, found.start - 24), found.start):
            facts.start = facts.start or found  # "within 12 months of 1 April 2027": where the count starts
        elif _reports(text, found) or _BASE_PERIOD.search(text, max(0, found.start - 40), found.start):
            facts.extra.setdefault("measured", [found])     # "In 2023, 74% ... were": when a result was measured;
            #                                                 "a 3% increase on 2025/26": what the change is on
        elif found.cue in DEADLINE_CUES and not definitional(found, text, definitional_words) and \
                not (facts.deadline is not None and (_WHEN_MEASURED.search(text, 0, found.start) or
                                                     _measured_aside(text, found))) and \
                not valued_aside(text, found):
            facts.deadline = found              # the last one wins: deadlines close the sentence
    if facts.deadline is None or len(dates) < 2:
        return                                  # a date measured beside the deadline needs a deadline
    measured = [d for d in dates if d is not facts.deadline and d is not facts.start and d.value.relative is None
                and (_WHEN_MEASURED.search(text, 0, d.start) or _measured_aside(text, d))]
    if measured:
        facts.extra["measured"] = measured[:1]  # "from 91.5% in 2025/26": when the baseline was measured


_COUNTED_FROM = re.compile(r"(?i)\bwithin\s+[\w-]+\s+(?:calendar\s+|working\s+)?(?:days?|weeks?|months?|years?)\s+"
                           r"(?:of|from|after)\s+$")
# "... within 45 days beginning in July 2027", "starting in Q2", "commencing on 1 April": when it starts
_BEGINS = re.compile(r"(?i)\b(?:beginning|starting|commencing)\s{1,3}(?:in|on|from|with)\s{1,3}(?:the\s{1,3})?$")
# "a 3% increase on 2025/26", "growth over 2025/26", "down against last year's 2025/26": the period the
# change is counted on, not the deadline
_BASE_PERIOD = re.compile(r"(?i)\b(?:increase|rise|improvement|growth|uplift|reduction|decrease|fall|drop|change|up|down)"
                          r"\s{1,3}(?:on|over|against|vs\.?|versus|compared\s{1,3}(?:with|to))\s{1,3}(?:the\s{1,3})?$")
# "..., up from 88% in Q2 FY26/27": when today's value was measured, not a second deadline
_WHEN_MEASURED = re.compile(r"(?i)\bfrom\s+[^\s,;]+(?:\s+[a-z%]+)?\s+(?:in|during|as\s+of|at)\s*$")


def _reports(text: str, found: Found) -> bool:
    """The date opens a clause that reports a past result ('In 2023, 74% of applications were
    determined'), and is not the first thing the goal says."""
    if found.start == 0 or found.value.relative is not None:
        return False
    m = reported(text)
    return m is not None and 0 < m.start() <= found.start < m.end()


def valued_aside(text: str, found: Found) -> bool:
    """'(84% in October)': a value and the period it was measured in, in brackets; never the
    deadline, whether or not the title names one."""
    opened = text.rfind("(", 0, found.start)
    return opened >= 0 and ")" not in text[opened:found.start] and \
        _VALUE_BEFORE.search(text, opened + 1, found.start) is not None and text.find(")", found.end) >= 0


def _measured_aside(text: str, found: Found) -> bool:
    """'(October 2026 result 91%)', '(2025/26 outturn: 88%)', '(FY25/26: 48%)': a date in brackets
    that dates a value is when it was measured (or a milestone: either way, not the deadline
    beside it; the rules keep it as the baseline's date only when it is past)."""
    opened, closed = text.rfind("(", 0, found.start), text.find(")", found.end)
    if opened < 0 or closed < 0 or ")" in text[opened:found.start] or found.cue in _DEADLINE_WORDS:
        return False                            # "(90% by March 2028)": a deadline, in brackets
    if _VALUE_AFTER.match(text, found.end) or _VALUE_BEFORE.search(text, opened + 1, found.start):
        return True                             # "(FY25/26: 48%)", "(7% in 2025/26)": a period's value
    return _RESULT_WORDS.search(text[opened:found.start] + " " + text[found.end:closed]) is not None


_VALUE_AFTER = re.compile(r"\s?[:=]\s?[-+−]?[$£€]?\d")
_VALUE_BEFORE = re.compile(r"(?i)\d(?:[\d,.]{0,12}\d)?\s?(?:%|per\s?cent\b|[a-z]{1,12})?\s{1,3}(?:in|during|as\s+of|for)\s{1,3}$")


_RESULT_WORDS = re.compile(r"(?i)\b(?:result|results|outturn|actual|actuals|baseline|was|were|today|now|currently|ytd|"
                           r"achieved|met|reached|recorded|delivered|scored|"
                           r"year[-\s]to[-\s]date|to\s+date|so\s+far|latest|last\s+year|prior\s+year)\b")


_DEADLINE_WORDS = frozenset({"by", "before", "until", "till", "no later than", "ending", "end"})
