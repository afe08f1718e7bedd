"""Shares and bands written in prose: "within 2-3 minutes" and "78-84%" (a band, both ends kept),
"nine out of ten repairs" and "two-thirds of outpatient visits" (a share, as a percentage)."""

from __future__ import annotations

import re
from dataclasses import replace

from cxsmart.language.cues import NUMBER_WORDS, QUANTITY_CUES, Found, cue_before
from cxsmart.model.quantities import BAND, PERCENT, Quantity, QuantityError, parse_quantity


def bands(text: str, taken: list[tuple[int, int]]) -> list[Found]:
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
            out.append(Found(replace(q, text=m.group(0)), m.start(), m.end(), cue_before(QUANTITY_CUES, text, m.start())))
    return out


# (a dash with a space on both sides separates: "Tier 1 – 3 working days" is tier 1's three days)
_BAND_IN_PROSE = re.compile(r"(?i)(?<![\w.\-/])\d{1,4}(?:\.\d{1,2})?(?:[-–]\s?|\s[-–])\d{1,4}(?:\.\d{1,2})?\s?(?:%|per\s?cent\b|"
                            r"(?:(?:working|business|calendar)\s)?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|"
                            r"weeks?|months?)\b)(?![\w-])")


def out_of(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """'Nineteen out of 20 sailings', 'nine out of ten repairs': a share, as a percentage."""
    out = []
    for m in _OUT_OF.finditer(text):
        part, whole = (int(g) if g.isdigit() else NUMBER_WORDS.get(g.lower()) for g in m.group("n", "d"))
        if part is None or not whole or part > whole or any(s <= m.start() < e for s, e in taken):
            continue
        q = Quantity(round(100.0 * part / whole, 2), PERCENT, text=m.group(0))
        out.append(Found(q, m.start(), m.end(), cue_before(QUANTITY_CUES, text, m.start())))
    return out


def fraction_of(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """'Two-thirds of outpatient visits', 'half of all contacts': a share, as a percentage (not 'by
    half', a change, nor 'the first half of 2027', a period)."""
    out = []
    for m in _FRACTION_OF.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        share = FRACTIONS[re.sub(r"[\s-]+", " ", m.group("f").lower())]
        q = Quantity(share, PERCENT, text=m.group("f"))
        out.append(Found(q, m.start("f"), m.end("f"), cue_before(QUANTITY_CUES, text, m.start("f"))))
    return out


# a fraction as a percentage: "two-thirds of visits" (a share), "cut by a quarter" (a change, levels.py)
FRACTIONS = {"half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 33.3, "one third": 33.3,
             "two thirds": 66.7, "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
             "a fifth": 20.0, "one fifth": 20.0, "a tenth": 10.0, "one tenth": 10.0}
FRACTION_WORD = re.compile(r"(?i)\b(?:half|thirds?|quarters?|fifth|tenth)\s+of\b")
_FRACTION_OF = re.compile(r"(?i)(?<!\bby )(?<!\bfirst )(?<!\bsecond )(?<!\bthe )(?<!\blast )(?<!\bnext )(?<!\bthis )"
                          r"\b(?P<f>(?:a |one )?half|(?:a|one)[\s-]third|two[\s-]thirds|(?:a|one)[\s-]quarter|"
                          r"three[\s-]quarters|(?:a|one)[\s-](?:fifth|tenth))\s+of\s+"
                          r"(?!(?:the\s+|this\s+|next\s+|each\s+)?(?:year|month|quarter|week|day|period|term|decade|"
                          r"century|season|financial|fiscal|calendar|fy|q[1-4]|h[12]|\d)\b)")


# "4.2 out of 5", "a score of 8 out of 10": a level on a scale, not a share
SCALE = re.compile(r"(?i)\d\.\d+\s+out\s+of|\b(?:scores?|ratings?|rated?|rating|scale|csat|nps|ces|stars?|points?)\b")
_OUT_OF = re.compile(r"(?i)(?<![\d.,])\b(?P<n>\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|nineteen|"
                     r"ninety-nine|forty-nine)\s+(?:out\s+of|of\s+every)\s+(?P<d>\d{1,4}|two|three|four|five|six|"
                     r"seven|eight|nine|ten|twenty|fifty|hundred)\b(?!\s*%)")
