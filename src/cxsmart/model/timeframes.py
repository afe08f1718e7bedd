"""Date-like values: "2026-06-30", "30 June 2026", "end of June 2026", "2026-Q2", "Q2 2026",
"H1 2026", "FY2026", "FY26", "Q3 FY2026", "2026", and relative phrases ("within six months").

A period resolves to its first day (for a start) and its last day (for a deadline). Fiscal
years are named by the calendar year in which they *end* (with an April start, FY2026 runs
from 1 April 2025 to 31 March 2026), as UK, Indian and US federal usage does.

Three outcomes, kept apart because they are different findings:
- not a date at all -> DateSyntaxError (a schema finding, F002);
- a date shape that names no real day ("31 February 2026", "Q5 2026") -> Timeframe.invalid (T007);
- a relative phrase -> Timeframe.relative, resolved only against an anchor (T006 without one).

Also read:
- numeric dates: "30/06/2027", "30.06.2027", "30-06-2027", "06/30/2027", "2027/06/30". A first number
  above 12 is a day, a second one above 12 a day; when both could be the month ("03/04/2027") the
  configured `date_order` ("day-first" | "month-first") decides, and without one it is an
  AmbiguousDateError naming both readings;
- fiscal years written with two years: "2026/27", "2026-27", "FY 2026-27", "financial year 2026–27",
  "the end of 2026/27": the fiscal year that ends in 2027;
- yearless deadlines: "Q3", "H2", "EOQ", "end of quarter", "end of year", "year end", "EOY",
  "September", "end of September", "mid-October", "30 June": the next such period ending on or
  after a reference date (`today`, default the real date), flagged `yearless` (rule T009).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "eighteen": 18, "twenty-four": 24, "thirty": 30, "sixty": 60, "ninety": 90}
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12}
_UNIT_DAYS = {"day": 1, "week": 7}

EXAMPLES = "2026-06-30, 30 June 2026, end of June 2026, 2026-Q2, Q2 2026, H1 2026, FY2026 or 2026"


DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)


class DateSyntaxError(ValueError):
    """The text is not a date-like value."""


AMBIGUOUS = "ambiguous"       # the kind of a numeric date in a sentence that reads two ways, until date-order says


class AmbiguousDateError(DateSyntaxError):
    """A numeric date both of whose numbers could be the month ("03/04/2027"), and no date order set."""

    def __init__(self, message: str, readings: tuple[dt.date, dt.date]):
        super().__init__(message)
        self.readings = readings            # (day-first reading, month-first reading)


@dataclass(frozen=True, slots=True)
class Relative:
    """A phrase whose meaning depends on when it is read: 'within six months', 'next financial year'."""

    months: int = 0          # length, for "within N months/quarters/years"
    days: int = 0            # length, for "within N days/weeks"
    period: str | None = None  # "year" | "fiscal_year" | "quarter" | "half" for this/next X
    offset: int = 0          # 0 = this period, 1 = next period


@dataclass(frozen=True, slots=True)
class Timeframe:
    text: str
    first: dt.date | None = None
    last: dt.date | None = None
    kind: str = "day"        # day | month | quarter | half | year | fiscal_year | relative
    invalid: str | None = None   # why this names no real day (T007)
    relative: Relative | None = None
    yearless: bool = False   # written without a year ("Q3", "end of year", "September"): first/last are the
                             # next such period ending on or after the reference date it was parsed with

    @property
    def ok(self) -> bool:
        return self.invalid is None and self.relative is None and self.last is not None

    def anchored(self, anchor: dt.date, fiscal_start: int = 1) -> "Timeframe":
        """Resolve a relative phrase against an anchor date (a goal's start)."""
        rel = self.relative
        if rel is None:
            return self
        if rel.period:
            first, last = _period_around(anchor, rel.period, rel.offset, fiscal_start)
        else:
            first = anchor
            last = _add_months(anchor, rel.months) + dt.timedelta(days=rel.days)
        return Timeframe(self.text, first, last, kind="relative")

    def resolved(self, reference: dt.date, fiscal_start: int = 1) -> "Timeframe":
        """A yearless period ("Q3", "September") as the next one ending on or after `reference`
        (a goal's start, or the configured today); anything else unchanged."""
        if not self.yearless:
            return self
        return parse_date_like(self.text, fiscal_start, today=reference)


def real_today() -> dt.date:
    """The calendar's date: the one place cxsmart reads the clock (`--today` and `today` in the
    configuration pin 'now' instead)."""
    return dt.date.today()


def describe(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def parse_date_like(raw: object, fiscal_start: int = 1, *, date_order: str | None = None,
                    today: dt.date | None = None) -> Timeframe:
    """A date or period, or raise DateSyntaxError (AmbiguousDateError for "03/04/2027" without a
    `date_order`). `date_order` ("day-first" | "month-first") reads ambiguous numeric dates; `today`
    is the reference date yearless periods ("Q3", "end of year") resolve against (default: the real date)."""
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {', '.join(DATE_ORDERS)}, not {date_order!r}")
    if today is None:
        today = real_today()
    if isinstance(raw, (str, int)) and not isinstance(raw, bool):
        return _parse_cached(raw, fiscal_start, date_order, today)
    return _parse(raw, fiscal_start, date_order, today)


@lru_cache(maxsize=8192)
def _parse_cached(raw: str | int, fiscal_start: int, date_order: str | None, today: dt.date) -> Timeframe:
    return _parse(raw, fiscal_start, date_order, today)   # deadlines repeat across a goal file: parse each once


class _Ctx(NamedTuple):
    fiscal_start: int
    date_order: str | None
    today: dt.date


def _parse(raw: object, fiscal_start: int, date_order: str | None = None, today: dt.date | None = None) -> Timeframe:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return Timeframe(raw.isoformat(), raw, raw)
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise DateSyntaxError(f"expected a date such as {EXAMPLES}")
    text = str(raw).strip()
    low = re.sub(r"\s+", " ", text.lower().translate(_DASHES)).removeprefix("by ").strip()
    ctx = _Ctx(fiscal_start, date_order, today or real_today())
    for pattern, build in _PATTERNS:
        m = pattern.fullmatch(low)
        if m:
            return build(text, m, ctx)
    raise DateSyntaxError(f"'{text}' is not a date: write one such as {EXAMPLES}")


_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"})


# --- builders -----------------------------------------------------------------------------

def _day(text: str, year: int, month: int, day: int) -> Timeframe:
    if not 1 <= month <= 12:
        return Timeframe(text, kind="day", invalid=f"there is no month {month}")
    last_day = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last_day:
        return Timeframe(text, kind="day",
                         invalid=f"{calendar.month_name[month]} {year} has {last_day} days, not {day}")
    d = dt.date(year, month, day)
    return Timeframe(text, d, d, kind="day")


def _month(text: str, year: int, month: int) -> Timeframe:
    if not 1 <= month <= 12:
        return Timeframe(text, kind="month", invalid=f"there is no month {month}")
    return Timeframe(text, dt.date(year, month, 1),
                     dt.date(year, month, calendar.monthrange(year, month)[1]), kind="month")


def _span_months(text: str, kind: str, year: int, first_month: int, months: int) -> Timeframe:
    first = dt.date(year, 1, 1)
    first = _add_months(first, first_month - 1)
    last = _add_months(first, months) - dt.timedelta(days=1)
    return Timeframe(text, first, last, kind=kind)


def _quarter(text: str, year: int, q: int) -> Timeframe:
    if not 1 <= q <= 4:
        return Timeframe(text, kind="quarter", invalid=f"a year has quarters Q1 to Q4, not Q{q}")
    return _span_months(text, "quarter", year, 3 * (q - 1) + 1, 3)


def _half(text: str, year: int, h: int) -> Timeframe:
    if not 1 <= h <= 2:
        return Timeframe(text, kind="half", invalid=f"a year has halves H1 and H2, not H{h}")
    return _span_months(text, "half", year, 6 * (h - 1) + 1, 6)


def fiscal_year(text: str, year: int, fiscal_start: int, quarter: int | None = None) -> Timeframe:
    """FY`year` ends in calendar `year` (or is the calendar year, with a January start)."""
    start_year = year if fiscal_start == 1 else year - 1
    if quarter is not None:
        if not 1 <= quarter <= 4:
            return Timeframe(text, kind="quarter", invalid=f"a fiscal year has quarters Q1 to Q4, not Q{quarter}")
        return _span_months(text, "quarter", start_year, fiscal_start + 3 * (quarter - 1), 3)
    return _span_months(text, "fiscal_year", start_year, fiscal_start, 12)


def _year(y: str) -> int:
    n = int(y)
    return 2000 + n if len(y) == 2 else n


def _rel_count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _relative(text: str, m: re.Match, _c: _Ctx) -> Timeframe:
    n = _rel_count(m.group("n"))
    unit = m.group("unit")
    if unit in _UNIT_MONTHS:
        rel = Relative(months=n * _UNIT_MONTHS[unit])
    else:
        rel = Relative(days=n * _UNIT_DAYS[unit])
    return Timeframe(text, kind="relative", relative=rel)


def _relative_period(text: str, m: re.Match, _c: _Ctx) -> Timeframe:
    which = m.group("which")
    offset = 1 if which in ("next", "the next") else 0
    word = m.group("period")
    period = {"financial year": "fiscal_year", "fiscal year": "fiscal_year", "year": "year",
              "quarter": "quarter", "half": "half", "month": "month"}[word]
    return Timeframe(text, kind="relative", relative=Relative(period=period, offset=offset))


def _numeric(text: str, m: re.Match, c: _Ctx) -> Timeframe:
    """'30/06/2027', '06/30/2027', '03/04/2027': a number above 12 cannot be the month."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    day_first = 1 <= b <= 12 and 1 <= a <= 31              # a/b = day/month
    month_first = 1 <= a <= 12 and 1 <= b <= 31            # a/b = month/day
    if day_first and month_first and a != b:
        if c.date_order == DAY_FIRST:
            return _day(text, year, b, a)
        if c.date_order == MONTH_FIRST:
            return _day(text, year, a, b)
        one, other = dt.date(year, b, a), dt.date(year, a, b)
        raise AmbiguousDateError(f"{text} could be {describe(one)} or {describe(other)}: write {one.isoformat()}, "
                                 f"or say how your team writes dates: date-order = \"day-first\" (or \"month-first\") in cxsmart.toml",
                                 (one, other))
    if month_first and not day_first:
        return _day(text, year, a, b)
    return _day(text, year, b, a)                           # day-first, or no reading at all ("31/13/2027")


def _two_years(text: str, m: re.Match, c: _Ctx) -> Timeframe:
    """'2026/27', 'financial year 2026-27', 'the end of 2026/27': the fiscal year ending in 2027.
    A bare '2026-06' stays the ISO month it has always been."""
    first, second = int(m["y"]), m["y2"]
    ends = _year(second) if len(second) == 2 else int(second)
    named = bool(m["fy"])
    if m["sep"] == "-" and len(second) == 2 and not named and (ends != first + 1 or int(second) <= 12):
        return _month(text, first, int(second))
    if ends != first + 1:
        return Timeframe(text, kind="fiscal_year", invalid=f"a fiscal year runs over two years in a row, such as "
                                                           f"{first}/{(first + 1) % 100:02d}, not {first}/{second}")
    return fiscal_year(text, ends, c.fiscal_start)


def _fiscal_quarter(text: str, m: re.Match, c: _Ctx) -> Timeframe:
    """'Q3 2026/27', 'end of Q4 FY 2026-27', '2026/27 Q3': a quarter of the fiscal year ending in 2027."""
    first, second = int(m["y"] or m["y3"]), m["y2"] or m["y4"]
    ends = _year(second) if len(second) == 2 else int(second)
    if ends != first + 1:
        return Timeframe(text, kind="quarter", invalid=f"a fiscal year runs over two years in a row, such as "
                                                       f"{first}/{(first + 1) % 100:02d}, not {first}/{second}")
    return fiscal_year(text, ends, c.fiscal_start, int(m["q"] or m["q2"]))


def _next(text: str, c: _Ctx, build) -> Timeframe:
    """A yearless period: build(year) for the first year whose period ends on or after c.today."""
    first_invalid = None
    for year in range(c.today.year - 1, c.today.year + 9):     # nine years: a 29 February comes round
        tf = build(year)
        if tf.invalid:
            first_invalid = first_invalid or tf
        elif tf.last >= c.today:
            return replace(tf, yearless=True)
    return replace(first_invalid, yearless=True)


def _yearless_day(text: str, c: _Ctx, month: int, day: int) -> Timeframe:
    most = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    if not 1 <= day <= most:
        return Timeframe(text, kind="day", invalid=f"{calendar.month_name[month]} has {most} days, not {day}",
                         yearless=True)
    return _next(text, c, lambda y: _day(text, y, month, day))


def _current(text: str, c: _Ctx, period: str) -> Timeframe:
    """'EOQ', 'end of year', 'EOFY': the period the reference date is in."""
    first, last = _period_around(c.today, period, 0, c.fiscal_start)
    return Timeframe(text, first, last, kind=period, yearless=True)


_N = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNITS = r"(?P<unit>day|week|month|quarter|year)s?"
_OF = r"(?:the )?(?:end of |close of |last day of )?"
_FY_WORDS = r"(?:financial|fiscal) year"

_PATTERNS: list[tuple[re.Pattern, object]] = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
     lambda t, m, c: _day(t, int(m["y"]), int(m["m"]), int(m["d"]))),
    (re.compile(r"(?P<y>\d{4})(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"),
     lambda t, m, c: _day(t, int(m["y"]), int(m["m"]), int(m["d"]))),
    (re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})"), _numeric),
    (re.compile(rf"{_OF}(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{_MONTH})\.?,? (?P<y>\d{{4}})"),
     lambda t, m, c: _day(t, int(m["y"]), MONTHS[m["mon"]], int(m["d"]))),
    (re.compile(rf"(?P<mon>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})"),
     lambda t, m, c: _day(t, int(m["y"]), MONTHS[m["mon"]], int(m["d"]))),
    (re.compile(rf"mid ?-? ?(?P<mon>{_MONTH})\.?,? (?P<y>\d{{4}})"),
     lambda t, m, c: _day(t, int(m["y"]), MONTHS[m["mon"]], 15)),
    (re.compile(rf"(?:the )?(?:end of )?q(?P<q>\d) (?:of )?(?:fy ?|{_FY_WORDS} )?(?P<y>\d{{4}}) ?[/-] ?(?P<y2>\d{{4}}|\d{{2}})"
                r"|(?P<y3>\d{4}) ?[/-] ?(?P<y4>\d{4}|\d{2}) q(?P<q2>\d)"), _fiscal_quarter),
    (re.compile(rf"(?:the )?(?:end of )?(?:the )?(?P<fy>{_FY_WORDS} )?(?P<y>\d{{4}}) ?(?P<sep>[/-]) ?"
                r"(?P<y2>\d{4}|\d{2})"), _two_years),
    (re.compile(rf"(?:the )?(?:end of )?(?:the )?{_FY_WORDS} (?P<y>\d{{4}})"),
     lambda t, m, c: fiscal_year(t, int(m["y"]), c.fiscal_start)),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})"),
     lambda t, m, c: _month(t, int(m["y"]), int(m["m"]))),
    (re.compile(rf"{_OF}(?P<mon>{_MONTH})\.?,? (?P<y>\d{{4}})"),
     lambda t, m, c: _month(t, int(m["y"]), MONTHS[m["mon"]])),
    (re.compile(r"(?P<y>\d{4}) ?-? ?q(?P<q>\d)|(?:the )?(?:end of )?q(?P<q2>\d)[ -/]?(?P<y2>\d{4})"),
     lambda t, m, c: _quarter(t, int(m["y"] or m["y2"]), int(m["q"] or m["q2"]))),
    (re.compile(r"(?P<y>\d{4}) ?-? ?h(?P<h>\d)|(?:the )?(?:end of )?h(?P<h2>\d)[ -/]?(?P<y2>\d{4})"),
     lambda t, m, c: _half(t, int(m["y"] or m["y2"]), int(m["h"] or m["h2"]))),
    (re.compile(r"(?:the )?(?:end of )?fy ?'?(?P<y>\d{4}|\d{2})(?: ?[/-] ?(?P<y_end>\d{2}|\d{4}))?"),
     lambda t, m, c: fiscal_year(t, _year(m["y_end"]) if m["y_end"] else _year(m["y"]), c.fiscal_start)),
    (re.compile(r"q(?P<q>\d) ?-? ?fy ?'?(?P<y>\d{4}|\d{2})|fy ?'?(?P<y2>\d{4}|\d{2}) ?-? ?q(?P<q2>\d)"),
     lambda t, m, c: fiscal_year(t, _year(m["y"] or m["y2"]), c.fiscal_start, int(m["q"] or m["q2"]))),
    (re.compile(r"(?:the )?(?:end of )?(?P<y>\d{4})"),
     lambda t, m, c: _span_months(t, "year", int(m["y"]), 1, 12)),
    (re.compile(rf"(?:within|in|over|during) (?:the )?(?:next |coming )?{_N} {_UNITS}"), _relative),
    (re.compile(r"(?P<which>this|next|the next|the) ?(?:(?:end|close) of (?:the )?)?"
                r"(?P<period>financial year|fiscal year|year|quarter|half|month)(?:[- ]end)?"),
     _relative_period),
    (re.compile(r"(?:the )?end of (?P<which>this|next|the) (?P<period>financial year|fiscal year|year|quarter|half|month)"),
     _relative_period),
    # Yearless: the next such period ending on or after the reference date (T009 reports them).
    (re.compile(r"(?:the )?(?:end of )?q(?P<q>\d)"),          # a team whose year starts in April means its Q3
     lambda t, m, c: _next(t, c, lambda y: _quarter(t, y, int(m["q"])) if c.fiscal_start == 1 else
                           fiscal_year(t, y, c.fiscal_start, int(m["q"])))),
    (re.compile(r"(?:the )?(?:end of )?h(?P<h>\d)"),
     lambda t, m, c: _next(t, c, lambda y: _half(t, y, int(m["h"])))),
    (re.compile(r"eoq|(?:the )?end of (?:the )?quarter|quarter ?-?end"),
     lambda t, m, c: _current(t, c, "quarter")),
    (re.compile(r"eoy|(?:the )?end of (?:the )?calendar year|(?:the )?end of year|(?:calendar )?year ?-?end"),
     lambda t, m, c: _current(t, c, "year")),
    (re.compile(rf"eofy|(?:the )?end of {_FY_WORDS}|{_FY_WORDS} ?-?end"),
     lambda t, m, c: _current(t, c, "fiscal_year")),
    (re.compile(rf"mid ?-? ?(?P<mon>{_MONTH})\.?"),
     lambda t, m, c: _yearless_day(t, c, MONTHS[m["mon"]], 15)),
    (re.compile(rf"(?:the )?(?:end of )?(?P<mon>{_MONTH})\.?"),
     lambda t, m, c: _next(t, c, lambda y: _month(t, y, MONTHS[m["mon"]]))),
    (re.compile(rf"(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{_MONTH})\.?"
                rf"|(?P<mon2>{_MONTH})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"),
     lambda t, m, c: _yearless_day(t, c, MONTHS[m["mon"] or m["mon2"]], int(m["d"] or m["d2"]))),
]


# --- calendar arithmetic --------------------------------------------------------------------

def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _period_around(anchor: dt.date, period: str, offset: int, fiscal_start: int) -> tuple[dt.date, dt.date]:
    if period == "month":
        length, origin = 1, 1
    elif period == "quarter":
        length, origin = 3, 1
    elif period == "half":
        length, origin = 6, 1
    elif period == "fiscal_year":
        length, origin = 12, fiscal_start
    else:
        length, origin = 12, 1
    months_since = (anchor.year * 12 + anchor.month - 1) - (origin - 1)
    start_index = (months_since // length) * length + (origin - 1) + offset * length
    first = dt.date(start_index // 12, start_index % 12 + 1, 1)
    last = _add_months(first, length) - dt.timedelta(days=1)
    return first, last


def quarter(day: dt.date, offset: int = 0) -> tuple[dt.date, dt.date]:
    """First and last day of the quarter `day` is in (offset 1: the next one)."""
    return _period_around(day, "quarter", offset, 1)


def months_between(first: dt.date, last: dt.date) -> float:
    return (last - first).days / (365.25 / 12)
