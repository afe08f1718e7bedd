"""Units as people write them: '%', 'pp', 'working hours', 'GBP', '€', 'stars (out of 5)',
'per 10,000 customers', 'complaints', or a unit of the team's own ('Ml/d').

`read_unit` never fails: every text is read into a family, keeping the text for messages.
A text nobody can place is a *custom* unit, compared by its text and never replaced by
another unit. Values convert within a family (minutes and hours, '£' and 'GBP', 'per 1,000'
and 'per 10,000'), never across families or currencies.

Families: percent, points, currency, duration, score, rate, count, ratio, custom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PERCENT, POINTS, CURRENCY, DURATION = "percent", "points", "currency", "duration"
SCORE, RATE, COUNT, RATIO, CUSTOM = "score", "rate", "count", "ratio", "custom"
UNREAD = "unread"                   # a metric whose `unit:` could not be read: no rule judges its values
FAMILIES = (PERCENT, POINTS, CURRENCY, DURATION, SCORE, RATE, COUNT, RATIO, CUSTOM)

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₦": "NGN", "₩": "KRW",
                    "₺": "TRY", "₽": "RUB", "₱": "PHP", "₪": "ILS", "₫": "VND", "₴": "UAH", "₲": "PYG",
                    "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "US$": "USD", "HK$": "HKD",
                    "S$": "SGD", "SG$": "SGD", "R$": "BRL"}
# ISO 4217 codes in use (the common ones, and every one a CX team is likely to write)
CURRENCY_CODES = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF
CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD
HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD
MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN
PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD
TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL""".split())
CURRENCY_WORDS = {"pound": "GBP", "pounds": "GBP", "sterling": "GBP", "pounds sterling": "GBP", "gbp": "GBP",
                  "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "us dollars": "USD",
                  "yen": "JPY", "rupee": "INR", "rupees": "INR", "rand": "ZAR", "naira": "NGN",
                  "shilling": "KES", "shillings": "KES", "francs": "CHF", "swiss francs": "CHF"}
MAGNITUDES = {"k": 1e3, "thousand": 1e3, "thousands": 1e3, "000": 1e3, "000s": 1e3, "'000": 1e3, "'000s": 1e3,
              "m": 1e6, "mn": 1e6, "mm": 1e6, "mil": 1e6, "million": 1e6, "millions": 1e6,
              "bn": 1e9, "b": 1e9, "billion": 1e9, "billions": 1e9}
SECONDS = {
    "ms": 0.001, "msec": 0.001, "millisecond": 0.001, "milliseconds": 0.001,
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "wk": 604800, "wks": 604800, "week": 604800, "weeks": 604800,
    "mo": 2629800, "mos": 2629800, "month": 2629800, "months": 2629800,   # a twelfth of 365.25 days
}
_PERCENT_WORDS = {"%", "percent", "per cent", "per-cent", "pc", "pct", "percentage", "percentages", "% of total"}
_POINT_WORDS = {"pp", "p.p.", "ppt", "ppts", "pt", "pts", "point", "points", "percentage point", "percentage points",
                "% points", "%pts", "% pts"}
_COUNT_WORDS = {"count", "number", "no.", "no", "#", "total", "volume", "people", "units", "items", "each"}
_SCORE_WORDS = {"score", "index", "rating", "stars", "star", "nps", "csat", "ces", "scale", "points scale"}
_RATIO_WORDS = {"ratio", "x", "times", "multiple", "factor", "fraction", "proportion"}

_NUM = r"\d[\d,]*(?:\.\d+)?"
_OUT_OF = re.compile(rf"(?:out\s+of|/)\s*(?P<top>{_NUM})")
_SPAN = re.compile(rf"(?<![\d.])(?P<low>{_NUM})\s*(?:-|–|—|to)\s*(?P<high>{_NUM})(?![\d.])")
_N_POINT = re.compile(rf"(?P<top>{_NUM})[\s-]point(?:\s+scale)?")
_A_PERIOD = re.compile(r"^(?P<what>.+?)\s+(?:a|an|each|every)\s+(?:year|month|week|day|quarter|fortnight)$")
_PER = re.compile(rf"^(?P<what>.*?)\s*\bper\s+(?P<num>{_NUM}|a|one)?\s*(?P<mag>k|m|thousand|million)?\b\s*(?P<of>.*)$")
_WORD = re.compile(r"^[a-z][a-z'\-]*(?:\s+[a-z][a-z'\-]*){0,3}$")


@dataclass(frozen=True, slots=True)
class Unit:
    family: str                         # one of FAMILIES
    text: str                           # as written, for messages
    factor: float | None = None         # base units per one of this unit: seconds (duration), amount (currency's
                                        # 'k'/'m'); None where the text names only the family ('duration')
    currency: str | None = None         # ISO 4217 code
    working: bool = False               # working/business days or hours
    scale: tuple[float, float] | None = None    # a score's scale: (1, 5) for 'stars', (0, 10) for '/10'
    per: float | None = None            # a rate's denominator: 10,000 for 'per 10,000 customers'
    noun: str | None = None             # what is counted ('complaints'), or a rate's 'of' ('customers')

    @property
    def key(self) -> str:
        """What two units of the custom family must share to be compared: their text, normalised, without
        a remark in brackets at its end ('rank (1 = best)' is 'rank')."""
        return _norm(_REMARK.sub("", self.text) or self.text)

    def __str__(self) -> str:
        return self.text


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u00a0", " ").split())


@lru_cache(maxsize=4096)
def read_unit(text: str) -> Unit:
    """Any text -> its Unit; never raises. An unplaceable text is a custom unit."""
    raw = " ".join(str(text).replace("\u00a0", " ").split())
    t = raw.lower()
    return _read(t.strip(" .()"), raw) or _read(_REMARK.sub("", t).strip(" ."), raw) \
        or Unit(CUSTOM, raw)


_REMARK = re.compile(r"\s*\(.*?\)\s*$")         # a remark after a unit: 'rank (1 = best)', 'mins (median)'


def _read(t: str, raw: str) -> Unit | None:
    if not t:
        return None
    if t in _PERCENT_WORDS or t.startswith(("% of ", "percent of ", "percentage of ", "per cent of ")):
        return Unit(PERCENT, raw)
    if t in _POINT_WORDS:
        return Unit(POINTS, raw)
    if re.match(r"(?:%|percent|per cent)\s+[a-z]", t) and "point" not in t:
        return Unit(PERCENT, raw)           # '% top-2-box', '% satisfied': a percentage, and what of
    if t in _RATIO_WORDS:
        return Unit(RATIO, raw)
    if t in (DURATION, "time", "elapsed time"):
        return Unit(DURATION, raw)
    if t in (CURRENCY, "money", "cash", "amount"):
        return Unit(CURRENCY, raw)
    return _duration(t, raw) or _money(t, raw) or _score(t, raw) or _rate(t, raw) or _count(t, raw)


def _duration(t: str, raw: str) -> Unit | None:
    words = t.replace("-", " ").split()
    working = bool(words) and words[0] in ("working", "business", "work", "wd", "bd")
    if working:
        words = words[1:]
    if words and words[0] in ("calendar", "elapsed", "clock"):
        words = words[1:]
    if t in ("wd", "bd", "working days", "business days"):
        return Unit(DURATION, raw, 86400, working=True)
    if len(words) == 1 and words[0] in SECONDS and (words[0] != "m" or not working):
        if working and SECONDS[words[0]] not in (3600, 86400):
            return None
        return Unit(DURATION, raw, SECONDS[words[0]], working=working)
    return None


def _money(t: str, raw: str) -> Unit | None:
    body, mag = t, 1.0
    m = re.fullmatch(r"(?P<body>.+?)\s*\(?\s*(?:in\s+)?(?P<mag>k|thousands?|'?000s?|m|mn|mm|mil|millions?|bn|b|billions?)\)?",
                     t)
    if m and m["body"].strip():
        body, mag = m["body"].strip(), MAGNITUDES[m["mag"]]
    code = _currency(body, raw)
    return Unit(CURRENCY, raw, mag, currency=code) if code else None


def _currency(body: str, raw: str) -> str | None:
    if body.upper() in CURRENCY_CODES:
        return body.upper()
    for symbol in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if body == symbol.lower():
            return CURRENCY_SYMBOLS[symbol]
    return CURRENCY_WORDS.get(body)


def _score(t: str, raw: str) -> Unit | None:
    scale = None
    m = _OUT_OF.search(t) or _N_POINT.search(t)
    if m:
        top = _number(m["top"])
        low = 1.0 if (m.re is _N_POINT or "star" in t) and top <= 10 else 0.0
        scale = (low, top)
    else:
        m = _SPAN.search(t)
        if m and _number(m["low"]) < _number(m["high"]):
            scale = (_number(m["low"]), _number(m["high"]))
    rest = t if m is None else (t[:m.start()] + " " + t[m.end():])
    rest = " ".join(re.sub(r"[()\[\],:;]", " ", rest).replace(" on a ", " ").split())
    rest = re.sub(r"^(?:on\s+)?(?:an?\s+)?|\s*\bscale$", "", rest).strip()
    if scale is None:
        if t in _SCORE_WORDS or t.endswith(" score"):
            return Unit(SCORE, raw, scale=(1.0, 5.0) if "star" in t else None)
        return None
    if rest and rest not in _SCORE_WORDS and not rest.endswith(("score", "rating")) and rest not in ("", "points"):
        return None
    return Unit(SCORE, raw, scale=scale)


def _rate(t: str, raw: str) -> Unit | None:
    m = _PER.match(t)
    if not m:
        m = _A_PERIOD.match(t)              # 'GBP a year', 'minutes a week': money or time in each period
        return (_money(m["what"], raw) or _duration(m["what"], raw)) if m else None
    what = m["what"].strip()
    if what:                                # '£ per account per year', 'minutes per call': money or time,
        measured = _money(what, raw) or _duration(what, raw)    # counted per something
        if measured is not None:
            return measured
    num = m["num"]
    per = 1.0 if num in (None, "a", "one") else _number(num)
    if m["mag"]:
        per *= MAGNITUDES[m["mag"]]
    if not (m["of"] or num):
        return None
    of = m["of"].strip() or None
    if num is None and of in SECONDS:       # 'calls per hour': a count per period
        return Unit(RATE, raw, per=1.0, noun=of)
    return Unit(RATE, raw, per=per, noun=of)


def _count(t: str, raw: str) -> Unit | None:
    if t in _COUNT_WORDS or t.startswith(("number of ", "no. of ", "count of ", "# of ", "total ")):
        return Unit(COUNT, raw, noun=t.split(" of ", 1)[-1] if " of " in t else None)
    if _WORD.match(t):
        last = t.split()[-1]
        if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
            return Unit(COUNT, raw, noun=t)          # a plural noun: 'complaints', 'open cases'
    return None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


# Currencies named dollar: a bare '$' is the dollar of whoever writes it (a Canadian team's '$58'
# is CAD); 'US$', 'C$' and the codes are explicit.
DOLLARS = frozenset("USD CAD AUD NZD HKD SGD TWD XCD JMD BSD BBD BZD FJD LRD NAD SBD SRD TTD GYD BMD KYD BND".split())
_BARE_DOLLAR = re.compile(r"(?<![A-Za-z$])\$")


def same_currency(a: str | None, a_text: str, b: str | None, b_text: str) -> bool:
    """Two currencies (ISO codes, read from `a_text` and `b_text`) that can be the same money."""
    if a == b or not a or not b:
        return True
    return (a == "USD" and b in DOLLARS and _BARE_DOLLAR.search(a_text or "") is not None) or \
        (b == "USD" and a in DOLLARS and _BARE_DOLLAR.search(b_text or "") is not None)


def convert(value: float, source: Unit, target: Unit) -> float | None:
    """`value`, written in `source`, in `target`'s unit; None when they cannot be compared.
    Durations and currencies are held in base units (seconds, whole amounts) by callers that
    have a factor; this converts between two written units of one family."""
    if source.family != target.family:
        return None
    family = source.family
    if family == CURRENCY:
        if not same_currency(source.currency, source.text, target.currency, target.text):
            return None
        return value * (source.factor or 1.0) / (target.factor or 1.0)
    if family == DURATION:
        if source.factor is None or target.factor is None:
            return value
        return value * source.factor / target.factor
    if family == RATE:
        if source.per and target.per:
            return value * target.per / source.per
        return value
    if family == SCORE:
        if source.scale and target.scale and source.scale[1] != target.scale[1]:
            return None             # 'out of 5' and '1-5 stars' are one scale; '/10' is another
        return value
    if family == CUSTOM:
        return value if source.key == target.key else None
    return value


def same_family_problem(value_unit: Unit, metric_unit: Unit) -> str | None:
    """Why a value written in `value_unit` cannot be a value of a metric measured in
    `metric_unit`, or None when it can (same family, and same currency, scale or text)."""
    if value_unit.family != metric_unit.family:
        return f"'{value_unit.text}' is not '{metric_unit.text}'"
    if convert(1.0, value_unit, metric_unit) is not None:
        return None
    if value_unit.family == CURRENCY:
        return f"{value_unit.currency} is not {metric_unit.currency}"
    if value_unit.family == SCORE:
        return f"a score {describe_scale(value_unit)} is not one {describe_scale(metric_unit)}"
    return f"'{value_unit.text}' is not '{metric_unit.text}'"


def describe_scale(unit: Unit) -> str:
    if not unit.scale:
        return "on its own scale"
    low, high = unit.scale
    return f"out of {_show(high)}" if low == 0 else f"on a {_show(low)}-{_show(high)} scale"


def _show(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


_HIGHER = {"higher", "high", "up", "increase", "increasing", "higher is better", "higher better", "up is good",
           "up is better", "positive", "more", "more is better", "maximise", "maximize", "bigger is better", "ascending"}
_LOWER = {"lower", "low", "down", "decrease", "decreasing", "lower is better", "lower better", "down is good",
          "down is better", "negative", "less", "less is better", "fewer is better", "minimise", "minimize",
          "smaller is better", "descending", "reduce"}


def read_direction(text: str) -> str | None:
    """'lower is better', 'down', 'polarity: negative' -> 'lower'; 'higher', 'up' -> 'higher'; else None."""
    t = " ".join(text.lower().replace("_", " ").replace("-", " ").split()).strip(" .")
    if t in _HIGHER:
        return "higher"
    if t in _LOWER:
        return "lower"
    return None


def yaml_text(text: str) -> str:
    """A unit as it can be pasted into a flow mapping: 'days' as it is, '%' or 'per 1,000 customers' quoted."""
    if re.fullmatch(r"[A-Za-z][\w .()/'-]*", text) and not text.endswith(" "):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
