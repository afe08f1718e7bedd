"""Quantities as goal files write them: "72%", "+5 pp", "45 s", "$1,450", "x2", "-30%".

A quantity is a number with an optional unit. A leading sign makes it a *change* relative to
the baseline; "x2" / "2x" is a *factor*. Durations are normalised to seconds so that "6 min"
and "360 s" compare equal; `text` keeps what the user wrote, for messages.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from dataclasses import dataclass

# Unit names in quantities. Metric units (see catalogue) are a superset: score, count, ratio.
PERCENT = "percent"
POINTS = "points"
DURATION = "duration"
CURRENCY = "currency"

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₦": "NGN"}
_CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "INR", "KES", "NGN", "ZAR", "AUD", "CAD", "CHF",
                   "SEK", "NOK", "DKK", "AED", "SAR", "EGP", "BRL", "MXN", "SGD", "NZD", "CNY"}

_SECONDS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "wk": 604800, "week": 604800, "weeks": 604800,
}
_UNIT_WORDS = {
    "%": PERCENT, "percent": PERCENT, "per cent": PERCENT,
    "pp": POINTS, "p.p.": POINTS, "ppt": POINTS, "ppts": POINTS, "pt": POINTS, "pts": POINTS,
    "point": POINTS, "points": POINTS, "percentage point": POINTS, "percentage points": POINTS,
    **{k: DURATION for k in _SECONDS},
}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNIT_WORDS), key=len, reverse=True))
_CODES_ALT = "|".join(sorted(_CURRENCY_CODES))
_SYMBOLS = "".join(_CURRENCY_SYMBOLS)

_QUANTITY = re.compile(
    rf"""^\s*(?P<sign>[+\-−])?\s*
    (?:(?P<sym>[{_SYMBOLS}])|(?P<pcode>{_CODES_ALT})\s*)?
    (?P<num>{_NUMBER})\s*(?P<k>k\b)?\s*
    (?:(?P<unit>{_UNIT_ALT})|(?P<scode>{_CODES_ALT}))?\.?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_FACTOR = re.compile(rf"^\s*(?:[x×]\s*(?P<a>{_NUMBER})|(?P<b>{_NUMBER})\s*[x×])\s*$", re.IGNORECASE)


class QuantityError(ValueError):
    """The text is not a quantity; the message says what would be."""


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str | None = None          # percent | points | duration | currency | None (a bare number)
    change: bool = False             # a signed change relative to the baseline ("+5 pp", "-30%")
    factor: bool = False             # "x2": the baseline multiplied
    currency: str | None = None      # ISO code for currency amounts
    text: str = ""                   # as written

    @property
    def relative_percent(self) -> bool:
        """A '%' change: relative to the baseline (unless the metric is itself a percentage)."""
        return self.change and self.unit == PERCENT

    def __str__(self) -> str:
        return self.text or format_number(self.value)


def format_number(value: float) -> str:
    if math.isfinite(value) and value == int(value):
        return str(int(value))
    return f"{value:.4g}" if abs(value) < 1e4 else f"{value:,.0f}"


EXAMPLES = "72%, +5 pp, 3.5 percentage points, 45 s, 6 min, $1,450, x2 or -30%"


def parse_quantity(raw: object) -> Quantity:
    """Parse a YAML number or string into a Quantity, or raise QuantityError."""
    if isinstance(raw, str):
        return _parse_text(raw)
    return _parse(raw)


@lru_cache(maxsize=8192)
def _parse_text(raw: str) -> Quantity:
    return _parse(raw)        # goal files repeat their values ("72%", "+5 pp"): parse each once


def _parse(raw: object) -> Quantity:
    if isinstance(raw, bool) or raw is None:
        raise QuantityError(f"expected a quantity such as {EXAMPLES}")
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            raise QuantityError("a quantity must be a finite number")
        return Quantity(float(raw), text=str(raw))
    if not isinstance(raw, str):
        raise QuantityError(f"expected a quantity such as {EXAMPLES}")
    text = raw.strip()
    m = _FACTOR.match(text)
    if m:
        return Quantity(_number(m.group("a") or m.group("b")), factor=True, text=text)
    m = _QUANTITY.match(text)
    if not m:
        raise QuantityError(f"'{text}' is not a quantity: write a number with an optional unit, such as {EXAMPLES}")
    value = _number(m.group("num")) * (1000 if m.group("k") else 1)
    sign = m.group("sign")
    if sign and sign in "-−":
        value = -value
    unit = None
    currency = None
    word = (m.group("unit") or "").lower()
    if m.group("sym") or m.group("pcode") or m.group("scode"):
        if word:
            raise QuantityError(f"'{text}' mixes a currency with a '{word}' unit")
        unit = CURRENCY
        currency = _CURRENCY_SYMBOLS.get(m.group("sym") or "") or (m.group("pcode") or m.group("scode")).upper()
    elif word:
        unit = _UNIT_WORDS[word]
        if unit == DURATION:
            value *= _SECONDS[word]
    return Quantity(value, unit=unit, change=bool(sign), currency=currency, text=text)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def format_duration(seconds: float) -> str:
    """Seconds as a reader would say them: 45 s, 6 min, 26 h, 14 days."""
    for unit, size in (("days", 86400), ("h", 3600), ("min", 60)):
        if abs(seconds) >= size and seconds % size == 0:
            return f"{format_number(seconds / size)} {unit}"
    if abs(seconds) >= 120:
        return f"{format_number(round(seconds / 60, 1))} min"
    return f"{format_number(seconds)} s"
