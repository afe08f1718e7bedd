"""Date-like values: "2026-06-30", "30 June 2026", "end of June 2026", "2026-Q2", "Q2 2026",
"H1 2026", "FY2026", "FY26", "Q3 FY2026", "2026", and relative phrases ("within six months").

A period resolves to its first day (for a start) and its last day (for a deadline). Fiscal
years are named by the calendar year in which they *end* (with an April start, FY2026 runs
from 1 April 2025 to 31 March 2026), as UK, Indian and US federal usage does.

Three outcomes, kept apart because they are different findings:
- not a date at all -> DateSyntaxError (a schema finding, F002);
- a date shape that names no real day ("31 February 2026", "Q5 2026") -> Timeframe.invalid (T007);
- a relative phrase -> Timeframe.relative, resolved only against an anchor (T006 without one).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

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


class DateSyntaxError(ValueError):
    """The text is not a date-like value."""


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


def describe(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def parse_date_like(raw: object, fiscal_start: int = 1) -> Timeframe:
    if isinstance(raw, (str, int)) and not isinstance(raw, bool):
        return _parse_cached(raw, fiscal_start)
    return _parse(raw, fiscal_start)


@lru_cache(maxsize=8192)
def _parse_cached(raw: str | int, fiscal_start: int) -> Timeframe:
    return _parse(raw, fiscal_start)          # deadlines repeat across a goal file: parse each once


def _parse(raw: object, fiscal_start: int) -> Timeframe:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return Timeframe(raw.isoformat(), raw, raw)
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise DateSyntaxError(f"expected a date such as {EXAMPLES}")
    text = str(raw).strip()
    low = re.sub(r"\s+", " ", text.lower()).removeprefix("by ").strip()
    for pattern, build in _PATTERNS:
        m = pattern.fullmatch(low)
        if m:
            return build(text, m, fiscal_start)
    raise DateSyntaxError(f"'{text}' is not a date: write one such as {EXAMPLES}")


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


def _relative(text: str, m: re.Match, _fs: int) -> Timeframe:
    n = _rel_count(m.group("n"))
    unit = m.group("unit")
    if unit in _UNIT_MONTHS:
        rel = Relative(months=n * _UNIT_MONTHS[unit])
    else:
        rel = Relative(days=n * _UNIT_DAYS[unit])
    return Timeframe(text, kind="relative", relative=rel)


def _relative_period(text: str, m: re.Match, _fs: int) -> Timeframe:
    which = m.group("which")
    offset = 1 if which in ("next", "the next") else 0
    word = m.group("period")
    period = {"financial year": "fiscal_year", "fiscal year": "fiscal_year", "year": "year",
              "quarter": "quarter", "half": "half", "month": "month"}[word]
    return Timeframe(text, kind="relative", relative=Relative(period=period, offset=offset))


_N = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNITS = r"(?P<unit>day|week|month|quarter|year)s?"
_OF = r"(?:the )?(?:end of |close of |last day of )?"

_PATTERNS: list[tuple[re.Pattern, object]] = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
     lambda t, m, fs: _day(t, int(m["y"]), int(m["m"]), int(m["d"]))),
    (re.compile(rf"{_OF}(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{_MONTH})\.?,? (?P<y>\d{{4}})"),
     lambda t, m, fs: _day(t, int(m["y"]), MONTHS[m["mon"]], int(m["d"]))),
    (re.compile(rf"(?P<mon>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})"),
     lambda t, m, fs: _day(t, int(m["y"]), MONTHS[m["mon"]], int(m["d"]))),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})"),
     lambda t, m, fs: _month(t, int(m["y"]), int(m["m"]))),
    (re.compile(rf"{_OF}(?P<mon>{_MONTH})\.?,? (?P<y>\d{{4}})"),
     lambda t, m, fs: _month(t, int(m["y"]), MONTHS[m["mon"]])),
    (re.compile(r"(?P<y>\d{4}) ?-? ?q(?P<q>\d)|(?:the )?(?:end of )?q(?P<q2>\d)[ -/]?(?P<y2>\d{4})"),
     lambda t, m, fs: _quarter(t, int(m["y"] or m["y2"]), int(m["q"] or m["q2"]))),
    (re.compile(r"(?P<y>\d{4}) ?-? ?h(?P<h>\d)|(?:the )?(?:end of )?h(?P<h2>\d)[ -/]?(?P<y2>\d{4})"),
     lambda t, m, fs: _half(t, int(m["y"] or m["y2"]), int(m["h"] or m["h2"]))),
    (re.compile(r"(?:the )?(?:end of )?fy ?'?(?P<y>\d{4}|\d{2})(?:[/-](?P<y_end>\d{2}|\d{4}))?"),
     lambda t, m, fs: fiscal_year(t, _year(m["y_end"]) if m["y_end"] else _year(m["y"]), fs)),
    (re.compile(r"q(?P<q>\d) ?-? ?fy ?'?(?P<y>\d{4}|\d{2})|fy ?'?(?P<y2>\d{4}|\d{2}) ?-? ?q(?P<q2>\d)"),
     lambda t, m, fs: fiscal_year(t, _year(m["y"] or m["y2"]), fs, int(m["q"] or m["q2"]))),
    (re.compile(r"(?:the )?(?:end of )?(?P<y>\d{4})"),
     lambda t, m, fs: _span_months(t, "year", int(m["y"]), 1, 12)),
    (re.compile(rf"(?:within|in|over|during) (?:the )?(?:next |coming )?{_N} {_UNITS}"), _relative),
    (re.compile(rf"(?P<which>this|next|the next|the) ?(?:(?:end|close) of (?:the )?)?"
                r"(?P<period>financial year|fiscal year|year|quarter|half|month)(?:[- ]end)?"),
     _relative_period),
    (re.compile(r"(?:the )?end of (?P<which>this|next|the) (?P<period>financial year|fiscal year|year|quarter|half|month)"),
     _relative_period),
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
