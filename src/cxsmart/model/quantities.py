"""Quantities as goal files write them: "72%", "+5 pp", "45 s", "$1,450", "x2", "-30%".

A quantity is a number with an optional unit. A leading sign makes it a *change* relative to
the baseline; "x2" / "2x" is a *factor*. Durations are normalised to seconds so that "6 min"
and "360 s" compare equal; `text` keeps what the user wrote, for messages.

Also read, as CX teams write them:
- compound durations: "9 min 30 s", "9m30s", "1h 30m", "1 hr 30 mins", "4:30" (m:ss), "1:30:00" (h:mm:ss);
- working days: "3 business days", "one working day" (a day each, flagged `working_days`);
- percent words: "80pc", "80 per cent", "80 percent", "80 pct";
- thresholds: "<= 5%", "≥ 75%", "75%+", "at least 75%", "under 2 min", "75% or more", "4 hours or less":
  the Quantity plus a `bound` (AT_LEAST, AT_MOST, BELOW, ABOVE); no bound is a plain value;
- bands: "70-78", "(70–78)", "70-78%", "between 70 and 78": `bound` BAND, `value` the low end, `high` the high end.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from cxsmart.model.bounds import (  # noqa: F401  (the bounds are named from here too)
    ABOVE,
    AT_LEAST,
    AT_MOST,
    BAND,
    BELOW,
    BOUNDS,
    PREFIX,
    SUFFIX,
    split_bound,
)
from cxsmart.model.numberwords import WITH_ARTICLES, alternation
from cxsmart.model.ranks import rank
from cxsmart.model.units import COUNT, CURRENCY_SYMBOLS, RATIO, SECONDS, read_unit

# Unit names in quantities. Metric units (see catalogue) are a superset: score, count, ratio.
PERCENT = "percent"
POINTS = "points"
DURATION = "duration"
CURRENCY = "currency"
SCORE = "score"                    # a value on a scale: "4.1 out of 5", "4.1/5", "8/10", "4.2 stars"
RATE = "rate"                      # a value per a denominator: "3.1 per 1,000 customers"
CUSTOM = "custom"                  # a unit of the team's own ("182 Ml/d"): compared by its text


_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₦": "NGN"}
_CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "INR", "KES", "NGN", "ZAR", "AUD", "CAD", "CHF",
                   "SEK", "NOK", "DKK", "AED", "SAR", "EGP", "BRL", "MXN", "SGD", "NZD", "CNY"}

# a unit of time's seconds, as units.py has them; a bare 'm' is a million here ('$2.4m'), and a month,
# which varies, is no duration a quantity is written in
_SECONDS = {k: v for k, v in SECONDS.items() if k not in ("m", "wks", "mo", "mos", "month", "months")}
_UNIT_WORDS = {
    "%": PERCENT, "percent": PERCENT, "per cent": PERCENT, "per-cent": PERCENT, "pc": PERCENT, "pct": PERCENT,
    "pp": POINTS, "p.p.": POINTS, "ppt": POINTS, "ppts": POINTS, "pt": POINTS, "pts": POINTS,
    "point": POINTS, "points": POINTS, "percentage point": POINTS, "percentage points": POINTS,
    **{k: DURATION for k in _SECONDS},
}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNIT_WORDS), key=len, reverse=True))
_CODES_ALT = "|".join(sorted(_CURRENCY_CODES))
_SYMBOLS = "".join(_CURRENCY_SYMBOLS)
# dollars named by their country, as a unit names them too: 'C$58' is Canadian, 'US$58' American;
# a bare '$' is read as USD
_DOLLAR_PREFIXES = {sym[:-1].lower(): code for sym, code in CURRENCY_SYMBOLS.items()
                    if len(sym) > 1 and sym[-1] == "$"}
_PREFIX_ALT = "|".join(sorted(_DOLLAR_PREFIXES, key=len, reverse=True))

_QUANTITY = re.compile(
    rf"""^\s*(?P<sign>[+\-−])?\s*
    (?:(?P<dpre>{_PREFIX_ALT})?(?P<sym>[{_SYMBOLS}])\s?|(?P<pcode>{_CODES_ALT})\s*)?
    (?P<num>{_NUMBER})\s*(?:(?P<k>k|bn|mln|mio|mn|m|b|thousand|million|billion)(?![a-z]))?\s*
    (?:(?P<unit>{_UNIT_ALT})|(?P<scode>{_CODES_ALT}))?\.?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_FACTOR = re.compile(rf"^\s*(?:[x×]\s*(?P<a>{_NUMBER})|(?P<b>{_NUMBER})\s*[x×])\s*$", re.IGNORECASE)

# "1h 30m", "9 min 30 s", "9m30s", "1 hr 30 mins", "2 days 4 hours", "1 hour and 30 minutes": two or more
# parts, largest unit first. A bare "m" is minutes here, next to another part; alone ("2.1m") it is millions,
# or minutes on a metric that is a duration (unitvalues.in_metric_unit).
_PART_SEP = r"(?:\s*,?\s*(?:and\s+)?)"
_COMPOUND = re.compile(
    rf"""^(?P<sign>[+\-−])?\s*
    (?:(?P<d>\d+(?:\.\d+)?)\s*(?:d|days?)\b{_PART_SEP})?
    (?:(?P<h>\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)(?![a-z]){_PART_SEP})?
    (?:(?P<m>\d+(?:\.\d+)?)\s*(?:m|mins?|minutes?)(?![a-z]){_PART_SEP})?
    (?:(?P<s>\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\.?)?$""",
    re.IGNORECASE | re.VERBOSE,
)
_CLOCK = re.compile(r"^(?P<sign>[+\-−])?\s*(?:(?P<h>\d+):(?P<m2>[0-5]\d)|(?P<m>\d+)):(?P<s>[0-5]\d)$")

_WORKING = re.compile(
    rf"^(?P<sign>[+\-−])?\s*(?P<num>{_NUMBER}|{alternation(WITH_ARTICLES)})\s+(?:working|business)[\s-](?P<unit>days?|hours?|hrs?)$",
    re.IGNORECASE)
_WORD_DURATION = re.compile(
    rf"^(?P<num>{alternation(WITH_ARTICLES)})\s+(?P<unit>{'|'.join(k for k in _SECONDS if len(k) > 2)})$", re.IGNORECASE)

# "70-78", "(70–78)", "70 to 78%", "between 70 and 78": each end is a quantity; neither starts with a dash
_END = r"[^()\-–—\s][^()\-–—]*?"
_BAND = re.compile(rf"^(?:between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)|\(?\s*(?P<c>{_END})\s*(?:[-–—]|\bto\b)\s*(?P<d>{_END})\s*\)?)$",
                   re.IGNORECASE)


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
    bound: str | None = None         # AT_LEAST | AT_MOST | BELOW | ABOVE | BAND; None: a plain value
    high: float | None = None        # BAND only: the high end (value is the low end), in the same unit
    working_days: bool = False       # a duration in working days ("3 business days"): value is days x 86400 s
    label: str | None = None         # the unit as written where its family needs it: a score's scale ("out of 5"),
                                     # a rate's denominator ("per 1,000"), a count's noun, a custom unit ("Ml/d")

    @property
    def relative_percent(self) -> bool:
        """A '%' change: relative to the baseline (unless the metric is itself a percentage)."""
        return self.change and self.unit == PERCENT

    def admits(self, x: float) -> bool:
        """Whether `x` (in this quantity's unit, durations in seconds) meets this target:
        on the bound's side of `value`, inside a band, or equal to a plain value."""
        if self.bound == AT_LEAST:
            return x >= self.value
        if self.bound == AT_MOST:
            return x <= self.value
        if self.bound == BELOW:
            return x < self.value
        if self.bound == ABOVE:
            return x > self.value
        if self.bound == BAND:
            return self.value <= x <= (self.high if self.high is not None else self.value)
        return x == self.value

    def __str__(self) -> str:
        return self.text or format_number(self.value)


def format_number(value: float) -> str:
    if math.isfinite(value) and value == int(value):
        return str(int(value))
    return f"{value:.4g}" if abs(value) < 1e4 else f"{value:,.0f}"


EXAMPLES = "72%, +5 pp, 45 s, 6 min, £1,450, x2, -30%, or a unit of your own such as 182 Ml/d"


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
    body = _european(re.sub(r"\s+", " ", text.replace("\u00a0", " ")))
    body = _APPROX.sub("", body, count=1) or body
    bound, rest = split_bound(body)
    if bound:
        if PREFIX.match(rest) or SUFFIX.match(rest):
            raise QuantityError(f"'{text}' gives two bounds: write one, such as 'at least 75%' or 'at most 2 min'")
        q = _plain(rest.strip(), text)
        if q.factor:
            raise QuantityError(f"'{text}' puts a bound on a factor: write the value, such as 'at least 75%'")
        return replace(q, bound=bound, text=text)
    if "ile" in body or "half" in body:         # 'top quartile', '2nd quartile (autumn 2026 wave)'
        remark = _REMARK.match(body)
        position = rank(remark.group(1) if remark else body)
    else:
        position = None
    if position is not None:                    # 'top quartile', '2nd quartile': a band from the top
        return Quantity(position[0], "custom", text=text, label=position[1])
    try:
        return _plain(body, text)
    except QuantityError as plain_error:
        band = _band(body, text)
        if band is not None:
            return band
        money = _MONEY_PER.match(body)          # '$2.4M per quarter', '£4.20 per contact': money, over the
        if money is not None:                   # period or the thing the metric counts it on
            try:
                q = _plain(money.group(1) or money.group(2), text)
            except QuantityError:
                q = None
            if q is not None and q.unit == CURRENCY:
                return q
        remark = _REMARK.match(body)            # '46 (Sep 2026 pulse)': the value, and a remark on it
        if remark is not None:
            try:
                return replace(_parse(remark.group(1)), text=text)
            except QuantityError:
                pass
        raise plain_error from None




def _european(body: str) -> str:
    """A number written the European way, where it reads only so: '€ 1.250,00' (dots between
    thousands, a decimal comma), '€ 3,80' and '72,5%' (one or two digits after a comma, which no
    thousands separator leaves), '1.250.000'. '1,250' stays one thousand two hundred and fifty, and
    '1.250' one and a quarter."""
    if "," not in body and body.count(".") < 2:
        return body
    return _EU_NUMBER.sub(lambda m: m.group(0).replace(".", "").replace(",", "."), body)


_EU_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+,\d+|\d+,\d{1,2}|\d{1,3}(?:\.\d{3}){2,})(?![\d.,])")


def _band(body: str, text: str) -> Quantity | None:
    m = _BAND.match(body)
    if not m:
        return None
    low_text, high_text = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
    try:
        low, high = _plain(low_text.strip(), low_text), _plain(high_text.strip(), high_text)
    except QuantityError:
        return None
    if low.change or high.change or low.factor or high.factor:
        return None
    if low.unit is None and high.unit is not None:          # "70-78%": the unit is written once, at the end
        low = _plain(_with_unit_of(low_text.strip(), high_text.strip()), low_text)
    elif high.unit is None and low.unit is not None:        # "$70-80"
        high = _plain(_with_unit_of(high_text.strip(), low_text.strip()), high_text)
    if (low.unit, low.currency, low.working_days) != (high.unit, high.currency, high.working_days):
        raise QuantityError(f"'{text}' is a band whose ends have different units")
    if low.value > high.value:
        raise QuantityError(f"'{text}' is a band from high to low: write the low end first")
    return replace(low, bound=BAND, high=high.value, text=text)


def _with_unit_of(bare: str, other: str) -> str:
    """'70' written with the unit of '78%' -> '70%'; with that of '$80' -> '$70'."""
    m = re.search(r"\d[\d,.]*", other)
    return other[:m.start()] + bare + other[m.end():] if m else bare


# a number and a unit in words ('182 Ml/d', '3.1 per 1,000 customers', '4.2 stars', '12 complaints'), read by
# read_unit: a unit nobody can place is the team's own, kept by its text
_NUMBER_AND_UNIT = re.compile(rf"(?P<sign>[+\-−])?\s?(?P<num>{_NUMBER})\s?(?P<unit>[^\d\s+\-−].*)")
# a score on its scale: '4.1 out of 5', '4.1/5', '8 / 10', '4.2 out of 5 stars'
_SCORE_VALUE = re.compile(rf"(?P<sign>[+\-−])?\s?(?P<num>{_NUMBER})\s?(?P<scale>(?:/|out\s+of)\s?(?P<top>{_NUMBER}))"
                          r"(?:\s?(?:stars?|points?))?", re.IGNORECASE)
_OWN = re.compile(r"[A-Za-zµ][A-Za-z/.²³µ]{0,11}(?: [A-Za-z/.²³µ]{2,12})?")
_NOT_A_UNIT = {"by", "to", "from", "in", "within", "before", "after", "until", "on", "at", "and", "or", "for", "of",
               "the", "than", "vs"}
# a remark in brackets after a value: '46 (Sep 2026 pulse)', '1.2m (FY26)'
_REMARK = re.compile(r"^(.*?\S)\s*\(([^()]*)\)\.?$")
_MONEY_PER = re.compile(r"(?i)^([^\s/]+)(?:(?:\s?/\s?|\s(?:per|a|an|each|every)\s)[a-z][\w-]{0,24}(?:\s[a-z][\w-]{0,24})?){1,2}$|"
                        r"^(\S+)\s?p\.?a\.?$")
# the label of a bare 'Nm': millions, unless its metric is a duration
MILLIONS_OR_MINUTES = "m"
_MAGNITUDE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "million": 1e6,
              "b": 1e9, "bn": 1e9, "billion": 1e9}
# approximate values are that value: '~3.9', 'c. 40%', 'circa 40%', 'about 4 days', 'approx. 12%'
_APPROX = re.compile(r"^(?:~|≈|c\.|ca\.|circa\b|about\b|around\b|approx\.|approx\b|approximately\b|roughly\b"
                     r"|c(?=\s\$|\s?[\d€£¥₹]))\s*", re.IGNORECASE)      # 'C$56' is Canadian, 'c $56' circa


def _plain(body: str, text: str) -> Quantity:
    """A value with no bound: a factor, a compound or clock duration, working days, or number + unit."""
    m = _FACTOR.match(body)
    if m:
        return Quantity(_number(m.group("a") or m.group("b")), factor=True, text=text)
    m = _CLOCK.match(body)
    if m:
        seconds = int(m["h"] or 0) * 3600 + int(m["m2"] or m["m"]) * 60 + int(m["s"])
        return _signed(seconds, m["sign"], DURATION, text)
    m = _COMPOUND.match(body)
    if m and sum(1 for g in "dhms" if m.group(g)) >= 2:
        seconds = sum(float(m.group(g)) * size for g, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
                      if m.group(g))
        return _signed(seconds, m["sign"], DURATION, text)
    m = _WORKING.match(body)
    if m:
        num = m["num"].lower()
        amount = WITH_ARTICLES[num] if num in WITH_ARTICLES else _number(num)
        size = 3600 if m["unit"].lower().startswith(("h", "hr")) else 86400
        return replace(_signed(amount * size, m["sign"], DURATION, text), working_days=True)
    m = _WORD_DURATION.match(body)
    if m:
        return _signed(WITH_ARTICLES[m["num"].lower()] * _SECONDS[m["unit"].lower()], None, DURATION, text)
    m = _QUANTITY.match(body)
    if not m:
        return _worded(body, text)
    sign = m.group("sign")
    value = _number(m.group("num"))
    unit = None
    currency = None
    word = (m.group("unit") or "").lower()
    mag = (m.group("k") or "").lower()
    if m.group("sym") or m.group("pcode") or m.group("scode"):
        if word:
            raise QuantityError(f"'{text}' mixes a currency with a '{word}' unit")
        unit = CURRENCY
        currency = _DOLLAR_PREFIXES.get((m.group("dpre") or "").lower()) if m.group("sym") == "$" else None
        currency = currency or _CURRENCY_SYMBOLS.get(m.group("sym") or "") or \
            (m.group("pcode") or m.group("scode")).upper()
    elif mag == "b":                        # bytes, billions? written 'bn' it is billions
        raise QuantityError(f"'{text}' is not a quantity: write a number with an optional unit, such as {EXAMPLES}")
    elif mag == "m" and not word:           # '£30m' is millions; '2.1m' alone is millions of a count, or
        return Quantity(value * 1e6 * (-1 if sign and sign in "-−" else 1), change=bool(sign), text=text,
                        label=MILLIONS_OR_MINUTES)      # minutes on a metric that is a duration (in_metric_unit)
    value *= _MAGNITUDE.get(mag, 1)
    if sign and sign in "-−":
        value = -value
    if word and not unit:
        unit = _UNIT_WORDS[word]
        if unit == DURATION:
            value *= _SECONDS[word]
    return Quantity(value, unit=unit, change=bool(sign), currency=currency, text=text)


def _worded(body: str, text: str) -> Quantity:
    """A number with a scale ('4.1/5') or a unit in words, read by read_unit."""
    m = _SCORE_VALUE.fullmatch(body)
    if m:
        top = _number(m["top"])
        label = f"out of {format_number(top)}"
        return replace(_signed(_number(m["num"]), m["sign"], SCORE, text), label=label)
    m = _NUMBER_AND_UNIT.fullmatch(body)
    if not m or len(m["unit"]) > 40:
        raise QuantityError(f"'{text}' is not a quantity: write a number with an optional unit, such as {EXAMPLES}")
    unit = read_unit(m["unit"])
    value = _number(m["num"])
    family = unit.family
    if family == CURRENCY and unit.currency:
        q = _signed(value * (unit.factor or 1), m["sign"], CURRENCY, text)
        return replace(q, currency=unit.currency)
    if family == DURATION and unit.factor:
        return replace(_signed(value * unit.factor, m["sign"], DURATION, text), working_days=unit.working)
    if family in (PERCENT, POINTS):
        return _signed(value, m["sign"], family, text)
    if family == "score":
        return replace(_signed(value, m["sign"], SCORE, text), label=unit.text)
    if family == "rate":
        return replace(_signed(value, m["sign"], RATE, text), label=unit.text)
    if family in (COUNT, RATIO):
        return replace(_signed(value, m["sign"], None, text), label=unit.text)
    words = set(m["unit"].lower().split())
    if not _OWN.fullmatch(m["unit"]) or words & _NOT_A_UNIT or words & _UNIT_WORDS.keys() or words & _MAGNITUDE.keys():
        raise QuantityError(f"'{text}' is not a quantity: write a number with an optional unit, such as {EXAMPLES}")
    return replace(_signed(value, m["sign"], CUSTOM, text), label=unit.text)


def _signed(value: float, sign: str | None, unit: str | None, text: str) -> Quantity:
    value = float(value)
    return Quantity(-value if sign and sign in "-−" else value, unit=unit, change=bool(sign), text=text)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def format_duration(seconds: float) -> str:
    """Seconds as a reader would say them: 45 s, 6 min, 26 h, 14 days, 16.8 days (not 24,192 min)."""
    for unit, size in (("days", 86400), ("h", 3600), ("min", 60)):
        tenths = seconds * 10 / size
        if abs(seconds) >= size and (seconds % size == 0 or (unit == "days" and tenths == round(tenths))):
            value = seconds / size if seconds % size == 0 else round(tenths) / 10
            return f"{format_number(value)} {'day' if unit == 'days' and abs(seconds) == size else unit}"
    if abs(seconds) >= 120:
        return f"{format_number(round(seconds / 60, 1))} min"
    if 0 < abs(seconds) < 1:
        return f"{format_number(round(seconds * 1000, 3))} ms"     # a page's load time: 160 ms, not 0.16 s
    return f"{format_number(seconds)} s"
