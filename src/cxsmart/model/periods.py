"""What a date-like value is once read: a Timeframe (a day, month, quarter, half, year or fiscal
year, from its first to its last day) or a Relative phrase, and the calendar arithmetic that
builds them. Reading text into one is model/timeframes.py's job.

Fiscal years are named by the calendar year in which they *end* (with an April start, FY2026 runs
from 1 April 2025 to 31 March 2026), as UK, Indian and US federal usage does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from dataclasses import dataclass


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
            first, last = period_around(anchor, rel.period, rel.offset, fiscal_start)
        else:
            first = anchor
            last = add_months(anchor, rel.months) + dt.timedelta(days=rel.days)
        return Timeframe(self.text, first, last, kind="relative")

    def resolved(self, reference: dt.date, fiscal_start: int = 1) -> "Timeframe":
        """A yearless period ("Q3", "September") as the next one ending on or after `reference`
        (a goal's start, or the configured today); anything else unchanged."""
        if not self.yearless:
            return self
        from cxsmart.model.timeframes import parse_date_like

        return parse_date_like(self.text, fiscal_start, today=reference)


def real_today() -> dt.date:
    """The calendar's date: the one place cxsmart reads the clock (`--today` and `today` in the
    configuration pin 'now' instead). The date is read again once a second at most: a lint asks
    for it once per date in prose, and the clock is the costly part of that."""
    now = time.monotonic()
    if now >= _TODAY[0]:
        _TODAY[:] = [now + 1.0, dt.date.today()]
    return _TODAY[1]


_TODAY: list = [float("-inf"), None]          # [read again after (monotonic), the date]


def describe(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


# --- builders: a period from its year and number, or why there is no such period ----------

def day(text: str, year: int, month: int, day_: int) -> Timeframe:
    if not 1 <= month <= 12:
        return Timeframe(text, kind="day", invalid=f"there is no month {month}")
    last_day = calendar.monthrange(year, month)[1]
    if not 1 <= day_ <= last_day:
        return Timeframe(text, kind="day",
                         invalid=f"{calendar.month_name[month]} {year} has {last_day} days, not {day_}")
    d = dt.date(year, month, day_)
    return Timeframe(text, d, d, kind="day")


def month(text: str, year: int, month_: int) -> Timeframe:
    if not 1 <= month_ <= 12:
        return Timeframe(text, kind="month", invalid=f"there is no month {month_}")
    return Timeframe(text, dt.date(year, month_, 1),
                     dt.date(year, month_, calendar.monthrange(year, month_)[1]), kind="month")


def span_months(text: str, kind: str, year: int, first_month: int, months: int) -> Timeframe:
    first = add_months(dt.date(year, 1, 1), first_month - 1)
    last = add_months(first, months) - dt.timedelta(days=1)
    return Timeframe(text, first, last, kind=kind)


def quarter_of(text: str, year: int, q: int) -> Timeframe:
    if not 1 <= q <= 4:
        return Timeframe(text, kind="quarter", invalid=f"a year has quarters Q1 to Q4, not Q{q}")
    return span_months(text, "quarter", year, 3 * (q - 1) + 1, 3)


def half_of(text: str, year: int, h: int) -> Timeframe:
    if not 1 <= h <= 2:
        return Timeframe(text, kind="half", invalid=f"a year has halves H1 and H2, not H{h}")
    return span_months(text, "half", year, 6 * (h - 1) + 1, 6)


def fiscal_year(text: str, year: int, fiscal_start: int, quarter: int | None = None) -> Timeframe:
    """FY`year` ends in calendar `year` (or is the calendar year, with a January start)."""
    start_year = year if fiscal_start == 1 else year - 1
    if quarter is not None:
        if not 1 <= quarter <= 4:
            return Timeframe(text, kind="quarter", invalid=f"a fiscal year has quarters Q1 to Q4, not Q{quarter}")
        return span_months(text, "quarter", start_year, fiscal_start + 3 * (quarter - 1), 3)
    return span_months(text, "fiscal_year", start_year, fiscal_start, 12)


def full_year(y: str) -> int:
    """'27' -> 2027; '2027' -> 2027."""
    n = int(y)
    return 2000 + n if len(y) == 2 else n


# --- calendar arithmetic --------------------------------------------------------------------

def add_months(day_: dt.date, months: int) -> dt.date:
    total = day_.year * 12 + (day_.month - 1) + months
    year, month_ = divmod(total, 12)
    month_ += 1
    return dt.date(year, month_, min(day_.day, calendar.monthrange(year, month_)[1]))


def period_around(anchor: dt.date, period: str, offset: int, fiscal_start: int) -> tuple[dt.date, dt.date]:
    length, origin = {"month": (1, 1), "quarter": (3, 1), "half": (6, 1),
                      "fiscal_year": (12, fiscal_start)}.get(period, (12, 1))
    months_since = (anchor.year * 12 + anchor.month - 1) - (origin - 1)
    start_index = (months_since // length) * length + (origin - 1) + offset * length
    first = dt.date(start_index // 12, start_index % 12 + 1, 1)
    last = add_months(first, length) - dt.timedelta(days=1)
    return first, last


def quarter(day_: dt.date, offset: int = 0) -> tuple[dt.date, dt.date]:
    """First and last day of the quarter `day_` is in (offset 1: the next one)."""
    return period_around(day_, "quarter", offset, 1)


def months_between(first: dt.date, last: dt.date) -> float:
    return (last - first).days / (365.25 / 12)
