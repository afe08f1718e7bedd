"""The value model's helpers on a broad grid of inputs, as a reviewed snapshot.

tests/snapshots/model-values.txt pins, exactly:
- every unit text the tables know (and written variants) as read_unit reads it: family, factor,
  currency, working time, scale, rate denominator; and convert / same_family_problem between
  every pair of a set of units (durations, money with magnitudes, rates, scores, percent ...);
- every quantity written in the corpus (each baseline and target of the repositories, the
  examples and the rule cases) and a list of written forms, as parse_quantity reads it (or
  the message it refuses it with); format_number and format_duration over a range of values;
- every date written in the corpus and a list of forms, as parse_date_like reads it with 'now'
  pinned (default fiscal year, a fiscal year from April, day-first dates);
- the period arithmetic (period_around, add_months, months_between) over a grid of days;
- a value and a unit written beside it (or its metric's unit), every pair of 14 values and 19
  units: with_unit, in_metric_unit and unit_conflict;
- every catalogue metric: its unit, range, direction, max change a quarter and how show,
  show_change, resolve_target, bound and ambiguous_percent treat values of it.

Regenerate (then review the diff, and name what changed in the commit message):

    CXSMART_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshot_model.py
"""

from __future__ import annotations

import datetime as dt
import itertools

from ruamel.yaml import YAML

from cxsmart.model import measure, periods, units
from cxsmart.model.quantities import format_duration, format_number, parse_quantity
from cxsmart.model.timeframes import parse_date_like
from cxsmart.read.packs import load_packs
from tests.snapshot import ROOT, compare, pairs, shown
from tests.test_rule_cases import _cases

TODAY = dt.date(2026, 12, 1)

UNIT_TEXTS = [
    "%", "percent", "per cent", "pp", "points", "percentage points", "% pts", "count", "number", "people", "each",
    "score", "index", "rating", "stars", "5 stars", "out of 5", "out of 10", "/10", "1-5", "0-10", "1 to 7",
    "10-point scale", "5 point", "ratio", "x", "times", "GBP", "USD", "EUR", "JPY", "£", "$", "€", "£k", "£m",
    "$bn", "€ thousand", "pounds", "pounds sterling", "dollars", "euros", "rupees", "swiss francs", "£'000",
    "£'000s", "£000s", "USD m", "USD million", "k GBP", "per 1,000 customers", "per 10,000 policies", "per 1k orders",
    "per 100", "per million", "per a customer", "per customer", "per hour", "calls per hour", "complaints per day",
    "per week", "s", "sec", "seconds", "m", "min", "minutes", "h", "hrs", "hours", "d", "days", "working days",
    "business days", "working hours", "working minutes", "wk", "weeks", "mo", "months", "duration", "currency",
    "Ml/d", "kWh", "visits", "complaints", "NPS", "CSAT", "", "  ", "per", "£ per call", "days to resolve",
]


def _units() -> list[str]:
    texts = list(UNIT_TEXTS)
    for table in (units.SECONDS, units.MAGNITUDES, units.CURRENCY_WORDS):
        texts.extend(table)
    texts.extend(f"£{mag}" for mag in units.MAGNITUDES)
    texts.extend(f"per 5 {mag} customers" for mag in ("k", "m", "thousand", "million"))
    texts.extend(f"working {word}" for word in units.SECONDS)
    return list(dict.fromkeys(texts))


def _unit(text: str):
    try:
        return units.read_unit(text)
    except Exception as e:          # noqa: BLE001 - the refusal is part of the behaviour
        return f"{type(e).__name__}: {e}"


def render_units() -> list[str]:
    out = ["# read_unit"]
    out.extend(f"{t!r}: {_unit(t)!r}" for t in _units())
    pairs = ["s", "min", "hours", "working days", "weeks", "months", "£", "£k", "$m", "USD", "EUR", "pounds",
             "per 1,000 customers", "per 10,000 customers", "per 1k orders", "out of 5", "1-5", "/10", "0-10",
             "%", "pp", "count", "Ml/d", "ml/d", "kWh", "ratio"]
    out.append("# convert(90) and same_family_problem, every pair")
    for a, b in itertools.product(pairs, repeat=2):
        ua, ub = units.read_unit(a), units.read_unit(b)
        out.append(f"{a!r} -> {b!r}: {units.convert(90.0, ua, ub)!r} | {units.same_family_problem(ua, ub)!r}")
    out.append("# describe_scale, read_direction, yaml_text")
    out.extend(f"{t!r}: {units.describe_scale(units.read_unit(t))!r}" for t in ("out of 5", "1-5", "/10", "0-10",
                                                                              "1 to 7", "score", "7.5 to 9.5"))
    words = sorted(units._HIGHER | units._LOWER) + ["Lower_is_better", " Up. ", "sideways", "higher-is-better", ""]
    out.extend(f"direction {w!r}: {units.read_direction(w)!r}" for w in words)
    out.extend(f"yaml {t!r}: {units.yaml_text(t)}" for t in ("days", "%", "per 1,000 customers", "Ml/d", "it's",
                                                            'say "x"', "a\\b", "trailing ", "(x)"))
    return out


def _yaml_cases():
    yaml = YAML(typ="safe", pure=True)
    docs = []
    for path in sorted([*(ROOT / "tests" / "repos").rglob("*.yaml"), *(ROOT / "examples").rglob("*.yaml")]):
        if not shown(path):
            continue
        try:
            docs.append(yaml.load(path.read_text(encoding="utf-8")))
        except Exception:           # noqa: BLE001 - the deliberately broken files
            pass
    for param in _cases():
        case = param.values[1]
        texts = case.get("files") or case.get("fail") or case.get("pass")
        for text in ([texts] if isinstance(texts, str) else texts.values()):
            try:
                docs.append(yaml.load(text))
            except Exception:       # noqa: BLE001
                pass
    return docs


def _values(node, keys):
    """The values written under `keys` (a {value: ...} mapping's value) in a loaded YAML document."""
    for k, v in pairs(node):
        if k in keys and isinstance(v, (str, int, float)) and not isinstance(v, bool):
            yield v
        elif k in keys and isinstance(v, dict) and "value" in v:
            yield v["value"]


QUANTITIES = [
    "72%", "72.5 %", "+5 pp", "-5pp", "−3 points", "+12", "-30%", "x2", "x0.5", "2x", "halve", "double", "£1,450",
    "$12.5k", "€3m", "USD 40", "1,450 GBP", "45 s", "6 min", "1.5 h", "2 hours", "3 days", "10 working days",
    "1 min 30 s", "7 min 30 s", "2h 15m", "4.2", "4.2/5", "8 out of 10", "182 Ml/d", "3 per 1,000 customers",
    "< 5%", "<= 5%", "≤ 60 s", ">= 90%", "≥ 4.5", "at least 80%", "at most 3", "under 2 min", "below 10%",
    "above 4", "over 90%", "no more than 5 days", "fewer than 12", "less than 1%", "more than 75%",
    "70-80%", "70% - 80%", "(70-80%)", "between 3 and 5 min", "1st", "top 3", "zero", "nil", "0", "0.0", "100%",
    "101%", "-0", "1e3", "5 percent", "5 per cent", "five percent", "ten", "a half", "twenty minutes", "", " ",
    "%", "abc", "5 furlongs", "5 😀", "12 '000", "£12k", "£1.2bn", "3.5 stars", "+0.5 points", "+-5", "5 %%",
    "9,99", "1.234.567", "1,234.5", 72, 72.5, -3, 0, 1.0e6,
]
DATES = [
    "2027-06-30", "2027-06", "2027", 2027, "2027-Q3", "Q3 2027", "Q3", "H1 2027", "H2", "FY2027", "FY27", "FY2027/28",
    "FY 2027-28", "2027/28", "30 June 2027", "June 30, 2027", "30 Jun 2027", "Sept 30 2027", "end of June 2027",
    "end of 2027", "end of Q3 2027", "end of year", "end of quarter", "end of the financial year", "mid-2027",
    "30/06/2027", "06/30/2027", "03/04/2027", "3.4.2027", "2027-02-30", "2027-13-01", "31/13/2027", "1999-01-01",
    "2100-01-01", "next quarter", "next year", "next financial year", "this year", "this quarter",
    "within six months", "within 6 months", "within 90 days", "in 2 years", "within a year", "ASAP", "TBD",
    "ongoing", "after go-live", "spring 2027", "summer", "Christmas", "30 June", "June", "1 Jan", "29 February",
    "29 Feb 2027", "29 Feb 2028", "2027-W26", "", "  ", "tomorrow", "Q5 2027", "H3 2027", "FY1", "20271",
]


def _try(fn, *args, **kw):
    try:
        return repr(fn(*args, **kw))
    except Exception as e:          # noqa: BLE001 - the refusal and its message are the behaviour
        return f"{type(e).__name__}: {e}"


def _table_forms() -> tuple[list, list]:
    """Quantities and dates written with every word of the readers' tables, so that each entry is read."""
    from cxsmart.model import bounds
    from cxsmart.model import quantities as q
    from cxsmart.model import timeframes as t
    from cxsmart.model.numberwords import WITH_ARTICLES   # the table both readers share

    amounts = [f"3 {w}" for w in q._SECONDS] + [f"-2 {w}" for w in q._UNIT_WORDS]
    amounts += [f"{s}12.5" for s in q._CURRENCY_SYMBOLS] + [f"40 {c}" for c in sorted(q._CURRENCY_CODES)]
    amounts += [f"{b} 5%" for b in bounds.PREFIX_BOUNDS] + [f"5% {b}" for b in bounds.SUFFIX_BOUNDS]
    amounts += [f"£3 {m}" for m in q._MAGNITUDE] + [f"{w} hours" for w in WITH_ARTICLES]
    amounts += [f"{w} 4.5" for w in ("~", "≈", "c.", "about", "around", "approx.", "roughly", "circa")]
    dates = [f"{d} {m} 2027" for m in t.MONTHS for d in (1, 31)] + [f"end of {m}" for m in t.MONTHS]
    dates += [f"within {w} {u}" for w in WITH_ARTICLES for u in ("month", "weeks")]
    dates += [f"next {u}" for u in (*t._UNIT_MONTHS, *t._UNIT_DAYS)]
    dates += [f"within 3 {u}s" for u in (*t._UNIT_MONTHS, *t._UNIT_DAYS)] + [f"within 1 {u}" for u in t._UNIT_DAYS]
    dates += [dt.date(2027, 6, 30), dt.datetime(2027, 6, 30, 12, 30), 2027.5, True, None, ["2027"]]
    return amounts, dates


def render_values(docs) -> list[str]:
    amounts, table_dates = _table_forms()
    written = [*QUANTITIES, *amounts, *(v for d in docs for v in _values(d, ("baseline", "target")))]
    out = ["# parse_quantity"]
    out.extend(f"{q!r}: {_try(parse_quantity, q)}" for q in dict.fromkeys(written))
    out.append("# format_number, format_duration")
    numbers = [0, 0.5, 1, 1.25, 9.99, 10, 12.345, 99.95, 100, 999.5, 1000, 1234.5, 12345.678, 1e6, 1.5e6, -3, -0.04,
               59, 60, 61, 90, 119, 120, 121, 3599, 3600, 5400, 7200, 86399, 86400, 90000, 172800, 604800, 2629800]
    out.extend(f"{n!r}: {format_number(n)} | {format_duration(n)}" for n in numbers)
    dates = [*DATES, *table_dates, *(v for d in docs for v in _values(d, ("deadline", "start", "as_of")))]
    out.append("# parse_date_like: default | fiscal April | day-first | month-first")
    shown: set[str] = set()
    for raw in dates:                       # each once (a list is not hashable: told apart by its repr)
        if repr(raw) in shown:
            continue
        shown.add(repr(raw))
        out.append(f"{raw!r}: {_try(parse_date_like, raw, today=TODAY)}")
        out.append(f"    fy4: {_try(parse_date_like, raw, 4, today=TODAY)}")
        out.append(f"    dmy: {_try(parse_date_like, raw, date_order='day-first', today=TODAY)}")
        out.append(f"    mdy: {_try(parse_date_like, raw, date_order='month-first', today=TODAY)}")
    return out


def render_unit_values() -> list[str]:
    """A value and a unit written beside it, or a metric's unit: with_unit, in_metric_unit, unit_conflict."""
    from cxsmart.model.unitvalues import in_metric_unit, unit_conflict, with_unit

    values = ["12", "2.4", "79%", "+5 pp", "x2", "45 s", "£48", "$1.2m", "4.1/5", "3 per 1,000", "70-78",
              "182 Ml/d", "-3", "12 mins"]
    unit_texts = ["%", "pp", "mins", "working days", "hours", "$", "£m", "£k", "GBP", "EUR", "stars (out of 5)",
                  "/10", "per 1,000 customers", "per 10,000 customers", "Ml/d", "count", "duration", "currency",
                  "ratio"]
    out = ["# with_unit | in_metric_unit | unit_conflict"]
    for v, u in itertools.product(values, unit_texts):
        q, unit = parse_quantity(v), units.read_unit(u)
        out.append(f"{v!r} {u!r}: {with_unit(q, unit)!r} | {in_metric_unit(q, unit)!r} | {unit_conflict(q, unit)!r}")
    out.append(f"None: {in_metric_unit(None, units.read_unit('mins'))!r}")
    return out


def render_periods() -> list[str]:
    out = ["# period_around (anchor, period, offset, fiscal start)"]
    anchors = [dt.date(2026, m, d) for m, d in ((1, 1), (3, 31), (4, 1), (6, 30), (7, 1), (9, 15), (12, 31))]
    for anchor in anchors:
        for period in ("month", "quarter", "half", "fiscal_year", "year"):
            for offset in (-1, 0, 1):
                got = [periods.period_around(anchor, period, offset, fs) for fs in (1, 4, 7)]
                out.append(f"{anchor} {period} {offset:+d}: " + " ".join(f"{a}..{b}" for a, b in got))
        out.append(f"{anchor} quarter(): {periods.quarter(anchor)} next: {periods.quarter(anchor, 1)}")
        out.append(f"{anchor} add_months: " + " ".join(str(periods.add_months(anchor, n)) for n in (-13, -1, 1, 2, 6,
                                                                                                  12, 14)))
        out.append(f"{anchor} months_between to 2027-06-30: {periods.months_between(anchor, dt.date(2027, 6, 30)):.6f}"
                   f" describe: {periods.describe(anchor)}")
    for y in ("27", "2027", "99", "00", "1999"):
        out.append(f"full_year {y}: {_try(periods.full_year, y)}")
    return out


def render_metrics() -> list[str]:
    out = ["# catalogue metrics"]
    for m in sorted(load_packs([]).metrics, key=lambda m: m.id):
        out.append(f"{m.id}: unit={m.unit} spec={m.spec!r} range={measure.metric_range(m)} better={m.better} "
                   f"per_quarter={m.max_change_per_quarter!r} min_change={m.min_change!r} "
                   f"declare={measure.declare_direction(m)!r}")
        out.append("    show: " + " | ".join(measure.show(v, m) for v in (0, 0.004, 1, 4.25, 9.999, 10, 72.45, 1234.5,
                                                                         3600, 5400)))
        out.append("    change: " + " | ".join(measure.show_change(v, m) for v in (-1, 0.96, 1, 2.5, 10, 90)))
        for q in ("+10%", "+5 pp", "-20%", "+50%", "+3", "x2", "x0.5", "80%", "5"):
            target = parse_quantity(q)
            cells = [f"wrong_way={measure.wrong_way(target, m)}"]
            for base in ("50%", "95%", "4", "0"):
                b = parse_quantity(base)
                cells.append(f"{base}:{measure.resolve_target(b, target)!r}/"
                             f"{measure.ambiguous_percent(target, m, b, 2.0)}")
            out.append(f"    {q}: " + " ".join(cells) + f" alone:{measure.ambiguous_percent(target, m)}")
    out.append("# bound(spec, baseline)")
    for spec in (None, 5, 2.5, "25%", " 10 % ", "0%"):
        out.append(f"{spec!r}: " + " ".join(repr(measure.bound(spec, b)) for b in (0, 80, -40, 1200.5)))
    return out


def test_the_values_the_model_reads_and_shows_are_as_reviewed():
    docs = _yaml_cases()
    lines = [*render_units(), *render_values(docs), *render_unit_values(), *render_periods(), *render_metrics()]
    compare("model-values.txt", "\n".join(lines) + "\n")
