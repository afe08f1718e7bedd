"""Reading a date-like value: "2026-06-30", "30 June 2026", "30/06/27", "end of June 2026", "2026-Q2",
"Q2 2026", "H1 2026", "FY2026", "FY26", "Q3 FY26/27", "2026", relative phrases ("within six months"),
and the period labels teams give a measurement ("rolling 12 months to Aug 2026", "2025/26 outturn").
What a value is once read (Timeframe, Relative) and the calendar arithmetic are in model/periods.py.

Three outcomes, kept apart because they are different findings:
- not a date at all -> DateSyntaxError (a schema finding, F002; for a deadline that names an event or
  a season, "after go-live", "before the summer peak", T002 instead: see `model/unplaced.py`);
- a date shape that names no real day ("31 February 2026", "Q5 2026") -> Timeframe.invalid (T007);
- a relative phrase -> Timeframe.relative, resolved only against an anchor (T006 without one).

Also read:
- numeric dates: "30/06/2027", "30.06.2027", "30-06-2027", "06/30/2027", "2027/06/30", and with a
  two-digit year, "30/09/27". A first number above 12 is a day, a second one above 12 a day; when both
  could be the month ("03/04/2027") the `date_order` ("day-first" | "month-first", configured or
  inferred from the workspace's other dates) decides, and without one it is an AmbiguousDateError
  naming both readings;
- fiscal years written with two years: "2026/27", "2026-27", "FY 2026-27", "financial year 2026–27",
  "the end of 2026/27": the fiscal year that ends in 2027; their quarters in either order: "Q3 FY26/27",
  "FY26/27 Q3", "end of Q4 2026/27", "2026/27 Q3";
- a period label ("rolling 12 months to Aug 2026", "12 months to March 2026", "year to date Sept
  2026", "2025/26 outturn"): the period, which ends where the label says (an `as_of` reads its end);
- yearless deadlines: "Q3", "H2", "EOQ", "end of quarter", "end of year", "year end", "EOY",
  "EOFY", "end of FY", "end of model year" (the team's year), "September", "end of September",
  "mid-October", "30 June": the next such period ending on or after a reference date (`today`,
  default the real date), flagged `yearless` (rule T009).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from cxsmart.model.numberwords import WITH_ARTICLES, alternation
from cxsmart.model.periods import (  # noqa: F401 - re-exported: the names every reader of dates imports from here
    Relative,
    Timeframe,
    add_months,
    day,
    describe,
    fiscal_year,
    full_year,
    half_of,
    month,
    months_between,
    period_around,
    quarter,
    quarter_of,
    real_today,
    span_months,
)

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
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


_YEAR_END = re.compile(r"^(?:the )?(?:calendar )?year ?-?end (?:of )?((?:19|20)\d{2})$")
LEAD = re.compile(r"^(?:by|before|on or before|no later than|not later than) ")


def _parse(raw: object, fiscal_start: int, date_order: str | None = None, today: dt.date | None = None) -> Timeframe:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return Timeframe(raw.isoformat(), raw, raw)
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise DateSyntaxError(f"expected a date such as {EXAMPLES}")
    text = str(raw).strip()
    low = LEAD.sub("", re.sub(r"\s+", " ", text.lower().translate(DASHES))).strip()
    low = _YEAR_END.sub(r"end of \1", low)              # "year-end 2027": the end of 2027
    ctx = _Ctx(fiscal_start, date_order, today or real_today())
    found = _read(text, low, ctx)
    if found is None:
        found = _label(text, low, ctx)
    if found is None:
        raise DateSyntaxError(f"'{text}' is not a date: write one such as {EXAMPLES}")
    return found


def _read(text: str, low: str, ctx: _Ctx) -> Timeframe | None:
    for pattern, build in _PATTERNS:
        m = pattern.fullmatch(low)
        if m:
            found = build(text, m, ctx)
            if found is not None:             # None: the shape matched but the words are another form's
                return found
    return None


DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"})


# --- builders from a match -------------------------------------------------------------------

def _rel_count(word: str) -> int:
    return int(word) if word.isdigit() else WITH_ARTICLES[word]


def _relative(text: str, m: re.Match, _c: _Ctx) -> Timeframe:
    n = _rel_count(m.group("n")) if m.group("n") else 1      # "in the first month": one month
    unit = m.group("unit")
    if unit in _UNIT_MONTHS:
        rel = Relative(months=n * _UNIT_MONTHS[unit])
    else:
        rel = Relative(days=n * _UNIT_DAYS[unit])
    return Timeframe(text, kind="relative", relative=rel)


def _relative_period(text: str, m: re.Match, _c: _Ctx) -> Timeframe:
    which = m.group("which")
    offset = 1 if which in ("next", "the next", "the following", "the coming") else 0
    word = m.group("period")
    period = {"financial year": "fiscal_year", "fiscal year": "fiscal_year", "year": "year",
              "quarter": "quarter", "half": "half", "month": "month"}[word]
    return Timeframe(text, kind="relative", relative=Relative(period=period, offset=offset))


def _numeric(text: str, m: re.Match, c: _Ctx) -> Timeframe:
    """'30/06/2027', '06/30/2027', '30/09/27', '03/04/2027': a number above 12 cannot be the month."""
    a, b, year = int(m["a"]), int(m["b"]), full_year(m["y"])
    day_first = 1 <= b <= 12 and 1 <= a <= 31              # a/b = day/month
    month_first = 1 <= a <= 12 and 1 <= b <= 31            # a/b = month/day
    if day_first and month_first and a != b:
        if c.date_order == DAY_FIRST:
            return day(text, year, b, a)
        if c.date_order == MONTH_FIRST:
            return day(text, year, a, b)
        one, other = dt.date(year, b, a), dt.date(year, a, b)
        raise AmbiguousDateError(f"{text} could be {describe(one)} or {describe(other)}: write {one.isoformat()}, "
                                 f"or say how your team writes dates: date-order = \"day-first\" (or \"month-first\") in cxsmart.toml",
                                 (one, other))
    if month_first and not day_first:
        return day(text, year, a, b)
    return day(text, year, b, a)                            # day-first, or no reading at all ("31/13/2027")


def numeric_order(a: int, b: int) -> str | None:
    """The order a numeric date's first two numbers can only be read in ('31/12' day-first,
    '12/31' month-first), or None when both readings (or neither) are possible."""
    if a > 12 and 1 <= b <= 12 and a <= 31:
        return DAY_FIRST
    if b > 12 and 1 <= a <= 12 and b <= 31:
        return MONTH_FIRST
    return None


def _two_years(text: str, m: re.Match, c: _Ctx) -> Timeframe:
    """'2026/27', 'financial year 2026-27', 'the end of 2026/27': the fiscal year ending in 2027.
    A bare '2026-06' stays the ISO month it has always been."""
    first, second = int(m["y"]), m["y2"]
    ends = full_year(second) if len(second) == 2 else int(second)
    named = bool(m["fy"])
    if m["sep"] == "-" and len(second) == 2 and not named and (ends != first + 1 or int(second) <= 12):
        return month(text, first, int(second))
    if ends != first + 1:
        return Timeframe(text, kind="fiscal_year", invalid=f"a fiscal year runs over two years in a row, such as "
                                                           f"{first}/{(first + 1) % 100:02d}, not {first}/{second}")
    return fiscal_year(text, ends, c.fiscal_start)


_FY_WORDS = r"(?:financial|fiscal) year"
_OWN_YEAR = r"(?:fy|(?:financial|fiscal|model|academic|school|programme|program|business) year)"
_FY_TWO = re.compile(rf"(?:fy ?'?|{_FY_WORDS} )?(?P<y>\d{{4}}|\d{{2}}) ?[/-] ?(?P<y2>\d{{4}}|\d{{2}})")
_FY_ONE = re.compile(rf"(?:fy ?'?|{_FY_WORDS} )(?P<y>\d{{4}}|\d{{2}})")


def _fiscal_quarter(text: str, m: re.Match, c: _Ctx) -> Timeframe | None:
    """A quarter of a fiscal year, in either order: 'Q3 FY26/27', 'FY26/27 Q3', 'end of Q4 2026/27',
    '2026/27 Q3', 'Q3 FY2027'. A calendar year ('Q3 2026') is not this form's (None)."""
    q = int(m["q"] or m["q2"])
    fy = (m["fy"] or m["fy2"]).strip()
    two = _FY_TWO.fullmatch(fy)
    if two:
        first, second = full_year(two["y"]), two["y2"]
        ends = full_year(second)
        if ends != first + 1:
            return Timeframe(text, kind="quarter", invalid=f"a fiscal year runs over two years in a row, such as "
                                                           f"{first}/{(first + 1) % 100:02d}, not {two['y']}/{second}")
        return fiscal_year(text, ends, c.fiscal_start, q)
    one = _FY_ONE.fullmatch(fy)
    return fiscal_year(text, full_year(one["y"]), c.fiscal_start, q) if one else None


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


def _yearless_day(text: str, c: _Ctx, month_: int, day_: int) -> Timeframe:
    most = 29 if month_ == 2 else calendar.monthrange(2001, month_)[1]
    if not 1 <= day_ <= most:
        return Timeframe(text, kind="day", invalid=f"{calendar.month_name[month_]} has {most} days, not {day_}",
                         yearless=True)
    return _next(text, c, lambda y: day(text, y, month_, day_))


def _months(text: str, m: re.Match, c: _Ctx) -> Timeframe:
    """'Jan-Mar 2028', 'July to September 2026': whole months, a quarter when they are one
    ('Nov-Jan 2027' starts in the year before)."""
    first, last, year = MONTHS[m["mon"]], MONTHS[m["mon2"]], int(m["y"])
    count = (last - first) % 12 + 1
    start = year if last >= first else year - 1
    return span_months(text, "quarter" if count == 3 and first % 3 == 1 else "months", start, first, count)


def _current(text: str, c: _Ctx, period: str) -> Timeframe:
    """'EOQ', 'end of year', 'EOFY': the period the reference date is in."""
    first, last = period_around(c.today, period, 0, c.fiscal_start)
    return Timeframe(text, first, last, kind=period, yearless=True)


_N = r"(?P<n>\d{1,3}|" + alternation(WITH_ARTICLES) + ")"
_UNITS = r"(?P<unit>day|week|month|quarter|year)s?"
_OF = r"(?:the )?(?:end of |close of |last day of )?"

_PATTERNS: list[tuple[re.Pattern, object]] = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
     lambda t, m, c: day(t, int(m["y"]), int(m["m"]), int(m["d"]))),
    (re.compile(r"(?P<y>\d{4})(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"),
     lambda t, m, c: day(t, int(m["y"]), int(m["m"]), int(m["d"]))),
    (re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"), _numeric),
    (re.compile(rf"{_OF}(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{_MONTH})\.?,? (?P<y>\d{{4}})"),
     lambda t, m, c: day(t, int(m["y"]), MONTHS[m["mon"]], int(m["d"]))),
    (re.compile(rf"(?P<mon>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})"),
     lambda t, m, c: day(t, int(m["y"]), MONTHS[m["mon"]], int(m["d"]))),
    (re.compile(rf"mid ?-? ?(?P<mon>{_MONTH})\.?,? (?P<y>\d{{4}})"),
     lambda t, m, c: day(t, int(m["y"]), MONTHS[m["mon"]], 15)),
    (re.compile(rf"{_OF}(?:q(?P<q>\d)[ -]?(?:of )?(?:the )?(?P<fy>.+)|(?P<fy2>.+?)[ -]?q(?P<q2>\d))"), _fiscal_quarter),
    (re.compile(rf"(?:the )?(?:end of )?(?:the )?(?P<fy>{_FY_WORDS} )?(?P<y>\d{{4}}) ?(?P<sep>[/-]) ?"
                r"(?P<y2>\d{4}|\d{2})"), _two_years),
    (re.compile(rf"(?:the )?(?:end of )?(?:the )?{_FY_WORDS} (?P<y>\d{{4}})"),
     lambda t, m, c: fiscal_year(t, int(m["y"]), c.fiscal_start)),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})"),
     lambda t, m, c: month(t, int(m["y"]), int(m["m"]))),
    (re.compile(rf"(?P<mon>{_MONTH})\.? ?(?:-|to) ?(?P<mon2>{_MONTH})\.?(?: ?,)? (?P<y>\d{{4}})"), _months),
    (re.compile(rf"{_OF}(?P<mon>{_MONTH})\.?,? (?P<y>\d{{4}})"),
     lambda t, m, c: month(t, int(m["y"]), MONTHS[m["mon"]])),
    (re.compile(r"(?P<y>\d{4}) ?-? ?q(?P<q>\d)|(?:the )?(?:end of )?q(?P<q2>\d)(?:, ?|[ ./-])?(?P<y2>\d{4})"),
     lambda t, m, c: quarter_of(t, int(m["y"] or m["y2"]), int(m["q"] or m["q2"]))),
    (re.compile(r"(?P<y>\d{4}) ?-? ?h(?P<h>\d)|(?:the )?(?:end of )?h(?P<h2>\d)(?:, ?|[ ./-])?(?P<y2>\d{4})"),
     lambda t, m, c: half_of(t, int(m["y"] or m["y2"]), int(m["h"] or m["h2"]))),
    # "RY31": a regulatory year, which regulators of utilities set as their financial year
    (re.compile(r"(?:the )?(?:end of )?[fr]y ?'?(?P<y>\d{4}|\d{2})(?: ?[/-] ?(?P<y_end>\d{2}|\d{4}))?"),
     lambda t, m, c: fiscal_year(t, full_year(m["y_end"]) if m["y_end"] else full_year(m["y"]), c.fiscal_start)),
    (re.compile(r"(?:the )?(?:end of )?(?P<y>\d{4})"),
     lambda t, m, c: span_months(t, "year", int(m["y"]), 1, 12)),
    (re.compile(rf"(?:within|in|over|during) (?:the )?(?:next |coming )?{_N} {_UNITS}"), _relative),
    # a horizon counted from the goal's own start: "in the first month", "for the next four years"
    (re.compile(rf"(?:within|in|over|during) (?:the )?first (?:{_N} )?{_UNITS}"), _relative),
    (re.compile(rf"for (?:the )?(?:next|coming) {_N} {_UNITS}"), _relative),
    (re.compile(r"(?P<which>this|next|the next|the) ?(?:(?:end|close) of (?:the )?)?"
                r"(?P<period>financial year|fiscal year|year|quarter|half|month)(?:[- ]end)?"),
     _relative_period),
    (re.compile(r"(?:the )?end of (?P<which>this|next|the next|the following|the coming|the current|the) "
                r"(?P<period>financial year|fiscal year|year|quarter|half|month)"),
     _relative_period),
    # Yearless: the next such period ending on or after the reference date (T009 reports them).
    (re.compile(r"(?:the )?(?:end of )?q(?P<q>\d)"),          # a team whose year starts in April means its Q3
     lambda t, m, c: _next(t, c, lambda y: quarter_of(t, y, int(m["q"])) if c.fiscal_start == 1 else
                           fiscal_year(t, y, c.fiscal_start, int(m["q"])))),
    (re.compile(r"(?:the )?(?:end of )?h(?P<h>\d)"),
     lambda t, m, c: _next(t, c, lambda y: half_of(t, y, int(m["h"])))),
    (re.compile(r"eoq|(?:the )?end of (?:the )?quarter|quarter ?-?end"),
     lambda t, m, c: _current(t, c, "quarter")),
    (re.compile(r"eoy|(?:the )?end of (?:the )?calendar year|(?:the )?end of year|(?:calendar )?year ?-?end"),
     lambda t, m, c: _current(t, c, "year")),
    # a year of the team's own kind with no number: "end of FY", "end of model year", "academic year end"
    (re.compile(rf"eofy|(?:the )?end of (?:the )?{_OWN_YEAR}|{_OWN_YEAR} ?-?end"),
     lambda t, m, c: _current(t, c, "fiscal_year")),
    (re.compile(rf"mid ?-? ?(?P<mon>{_MONTH})\.?"),
     lambda t, m, c: _yearless_day(t, c, MONTHS[m["mon"]], 15)),
    (re.compile(rf"(?:the )?(?:end of )?(?P<mon>{_MONTH})\.?"),
     lambda t, m, c: _next(t, c, lambda y: month(t, y, MONTHS[m["mon"]]))),
    (re.compile(rf"(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{_MONTH})\.?"
                rf"|(?P<mon2>{_MONTH})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"),
     lambda t, m, c: _yearless_day(t, c, MONTHS[m["mon"] or m["mon2"]], int(m["d"] or m["d2"]))),
]


# --- period labels: a measurement's period, read as the period that ends where it says ----------

_LABEL_MONTHS = r"(?P<n>\d{1,2}|three|six|nine|twelve|eighteen|twenty-four) ?-? ?(?:months?|m)"
_LABEL_YTD = r"(?P<ytd>(?:(?:financial|fiscal|calendar) )?year to date|f?ytd|fy to date)"
_LABELS = (
    # "rolling 12 months to Aug 2026", "12 months to March 2026", "year to date Sept 2026", "YTD Sept 2026"
    re.compile(rf"(?:the )?(?:(?:rolling|trailing|last|past) )?(?:{_LABEL_MONTHS}|{_LABEL_YTD}),? "
               r"(?:(?:to|ending|ended|up to|through|until|at|as at) )?(?P<rest>.+)"),
    # "year ending March 2026", "quarter to 30/06/2026"
    re.compile(r"(?:the )?(?:(?:financial|fiscal|calendar) )?(?P<whole>year|quarter|half[- ]year|month|fy) "
               r"(?:to|ending|ended|up to|through) (?P<rest>.+)"),
    # "2025/26 outturn", "Sept 2026 YTD", "Q2 2026 actuals"
    re.compile(r"(?P<rest>.+?),? \(?(?:outturn|actuals?|results?|figures?|data|average|survey|wave|"
               rf"{_LABEL_YTD}|baseline|position|snapshot|reading|final|provisional)\)?"),
    # "Aug 2026 (rolling 12 months)"
    re.compile(r"(?P<rest>.+?) ?\([^()]*\)"),
)
_WHOLE_MONTHS = {"quar": 3, "half": 6, "mont": 1}
_LABEL_COUNTS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "eighteen": 18, "twenty-four": 24}


def _label(text: str, low: str, c: _Ctx) -> Timeframe | None:
    """A period label: the period it names, ending where it says ('rolling 12 months to Aug 2026':
    1 September 2025 to 31 August 2026)."""
    for pattern in _LABELS:
        m = pattern.fullmatch(low)
        if m is None:
            continue
        inner = _read(text, m["rest"].strip(" ,"), c)
        if inner is None or inner.relative is not None:
            continue
        if not inner.ok:
            return replace(inner, text=text)
        first = inner.first
        found = m.groupdict()
        if found.get("n"):
            n = found["n"]
            first = add_months(inner.last + dt.timedelta(days=1), -(int(n) if n.isdigit() else _LABEL_COUNTS[n]))
        elif found.get("whole"):
            first = add_months(inner.last + dt.timedelta(days=1), -_WHOLE_MONTHS.get(found["whole"][:4], 12))
        elif found.get("ytd"):
            first = period_around(inner.last, "fiscal_year", 0, c.fiscal_start)[0]
        return Timeframe(text, first, inner.last, kind="period", yearless=inner.yearless)
    return None
