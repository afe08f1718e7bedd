"""Where the dates are in a sentence: one pattern for every form parse_date_like reads, as it
appears in prose, and the speed trick that tries it only where a date can start."""

from __future__ import annotations

import re

from cxsmart.model.numberwords import WITH_ARTICLES, alternation
from cxsmart.model.timeframes import MONTHS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

# --- dates in prose -------------------------------------------------------------------------
# The sentence finder's pattern (language/finders.py uses DATE_IN_PROSE and date_matches): every form
# parse_date_like reads, as it appears in a sentence. Forms without a year ("Q3", "September",
# "year end") and a bare "2026/27" count only after a cue word ("by Q3", "in May", "by 2026/27"),
# so that "agents may", "Q3 survey" and "a 2026/27 ratio" are not deadlines; "end of ..." is its
# own cue. The cue is a fixed-width lookbehind, so the match (and its span) starts at the date.
# A yearless form ends at its last word: the '.' after "by Sept." ends the sentence.

_PROSE_CUES = ("by", "before", "until", "till", "in", "during", "through", "throughout", "for", "from", "at", "on",
               "than", "ending", "starting", "since")
_CUED = r"(?<=[a-z]\s)(?:" + "|".join(rf"(?<=\b{w}\s)" for w in _PROSE_CUES) + ")"   # the first test fails fast
_NUMBER_WORD = r"\d{1,3}|" + alternation(WITH_ARTICLES)
_DASH = "/\u2013\u2014-"
DATE_IN_PROSE = re.compile(
    rf"""(?ix)(?<![\w-])(?:
      \d{{4}}-\d{{1,2}}-\d{{1,2}}
    | \d{{4}}(?P<sep1>[/.])\d{{1,2}}(?P=sep1)\d{{1,2}}
    | \d{{1,2}}(?P<sep2>[/.-])\d{{1,2}}(?P=sep2)\d{{4}}
    | \d{{1,2}}/\d{{1,2}}/\d{{2}}(?!/)
    | (?:(?:the\s+)?end\s+of\s+)?(?:q\d\s?-?\s?(?:of\s+)?fy\s?'?\d{{2,4}}\s?[{_DASH}]\s?\d{{2,4}}
        | fy\s?'?\d{{2,4}}\s?[{_DASH}]\s?\d{{2,4}}\s?-?\s?q\d | (?:19|20)\d{{2}}\s?[{_DASH}]\s?\d{{2,4}}\s+q\d)
    | (?:(?:the\s+)?end\s+of\s+|the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\.?,?\s+\d{{4}}
    | (?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
    | mid[\s-]?(?:{_MONTH})\.?,?\s+\d{{4}}
    | (?:{_MONTH})\.?(?:\s?[\u2013\u2014-]\s?|\s+to\s+)(?:{_MONTH})\.?(?:\s?,)?\s+\d{{4}}
    | (?:(?:the\s+)?end\s+of\s+)?(?:{_MONTH})\.?,?\s+\d{{4}}
    | (?:(?:the\s+)?end\s+of\s+)?q\d\s+(?:of\s+)?(?:fy\s?|(?:financial|fiscal)\s+year\s+)?(?:19|20)\d{{2}}\s?[{_DASH}]\s?(?:\d{{4}}|\d{{2}})
    | (?:(?:the\s+)?end\s+of\s+)?(?:q\d\s?-?\s?(?:of\s+)?fy\s?'?\d{{2,4}} | fy\s?'?\d{{2,4}}\s?-?\s?q\d)
    | \d{{4}}\s?-?\s?[qh]\d | (?:(?:the\s+)?end\s+of\s+)?[qh]\d(?:,\s?|[\s/-])?\d{{4}}
    | (?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?(?:financial|fiscal)\s+year\s+(?:19|20)\d{{2}}(?:\s?[{_DASH}]\s?(?:\d{{4}}|\d{{2}}))?
    | (?:(?:the\s+)?end\s+of\s+)?[fr]y\s?'?\d{{2,4}}(?:\s?[{_DASH}]\s?\d{{2,4}})?
    | (?:(?:the\s+)?end\s+of\s+|(?=(?:19|20)\d{{2}}\s?[{_DASH}]){_CUED})(?:19|20)\d{{2}}\s?[{_DASH}]\s?(?:\d{{4}}|\d{{2}})
    | (?:(?:within|in|over|during)\s+(?:the\s+)?(?:next\s+|coming\s+)?)(?:{_NUMBER_WORD})\s+(?:day|week|month|quarter|year)s?
    | (?:within|in|over|during)\s+(?:the\s+)?first\s+(?:(?:{_NUMBER_WORD})\s+)?(?:day|week|month|quarter|year)s?
    | for\s+(?:the\s+)?(?:next|coming)\s+(?:{_NUMBER_WORD})\s+(?:day|week|month|quarter|year)s?
    | (?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?(?:this|next)\s+(?:financial\s+year|fiscal\s+year|year|quarter|half|month)(?:[\s-]end)?
    | (?:the\s+)?end\s+of\s+the\s+(?:(?:following|coming|current)\s+)?(?:financial\s+year|fiscal\s+year|year|quarter|half|month)
    | (?:the\s+)?(?:calendar\s+)?year[\s-]?end\s+(?:of\s+)?(?:19|20)\d{{2}}
    | (?:(?:the\s+)?end\s+of\s+)?(?:19|20)\d{{2}}
    | \d{{4}}-\d{{2}}
    | (?:the\s+)?end\s+of\s+(?:(?:financial|fiscal|calendar)\s+year|year|quarter|[qh]\d|{_MONTH})
    | {_CUED}(?:(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})
        |(?:{_MONTH})(?:\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\w-]))?|mid[\s-]?(?:{_MONTH})|[qh]\d|eoq|eoy|eofy
        |(?:calendar\s+)?year[\s-]?end|quarter[\s-]?end|(?:financial|fiscal)\s+year[\s-]?end)
    )(?![\w-])""")

# Where a date can start: a word that begins one of DATE_IN_PROSE's forms. Trying the pattern only
# there finds the same dates as DATE_IN_PROSE.finditer (tested) in half the time: its many forms
# are not tried at every character of the sentence.
DATE_START_IN_PROSE = re.compile(
    rf"(?i)(?<![\w-])(?:\d|[qh]\d|[fr]y|the\b|end\b|this\b|next\b|within\b|in\b|over\b|during\b|for\b(?=\s+(?:the\s+)?(?:next|coming)\b)|mid|eo|year|quarter|"
    rf"financial\b|fiscal\b|calendar\b|(?:{'|'.join(sorted({m[:3] for m in MONTHS}))}))")


def date_matches(text: str) -> list[re.Match]:
    """DATE_IN_PROSE.finditer(text), tried only where a date can start."""
    out, end = [], 0
    for start in DATE_START_IN_PROSE.finditer(text):
        if start.start() >= end:
            m = DATE_IN_PROSE.match(text, start.start())
            if m:
                out.append(m)
                end = m.end()
    return out
