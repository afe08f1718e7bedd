"""The goal-file format (shared/spec/goal-file.md) as pydantic models.

Forgiving input, strict findings: anything a SMART goal lacks is optional here and reported
by a rule; only what cannot be read (wrong type, unknown key, malformed quantity or date)
fails validation. Each list item is validated on its own, so one bad goal does not hide the
others. Dates need the fiscal-year start, passed as validation context.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from cxsmart.model.quantities import Quantity, QuantityError, parse_quantity
from cxsmart.model.unitvalues import unit_conflict, with_unit
from cxsmart.model.timeframes import DateSyntaxError, Timeframe, parse_date_like
from cxsmart.model.units import FAMILIES, Unit, read_unit, read_direction

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-/]*\Z")          # \Z: "$" allows a final line break
_METRIC_ID = re.compile(r"^[a-z][a-z0-9_]*\Z")


def _date(value: Any, info: ValidationInfo) -> Timeframe:
    if isinstance(value, Timeframe):
        return value
    context = info.context or {}
    try:
        return parse_date_like(value, context.get("fiscal_start", 1), date_order=context.get("date_order"))
    except DateSyntaxError as e:
        raise ValueError(str(e)) from None


def _quantity(value: Any) -> Quantity:
    if isinstance(value, Quantity):
        return value
    try:
        return parse_quantity(value)
    except QuantityError as e:
        raise ValueError(str(e)) from None


DateLike = Annotated[Timeframe, BeforeValidator(_date), WithJsonSchema({
    "type": ["string", "integer"],
    "description": "A date or period: 2026-06-30, 30 June 2026, end of June 2026, 2026-06, Q2 2026, H1 2026, "
                   "FY2026, FY26, 2026; or 'within six months' with a start date.",
    "examples": ["2026-06-30", "Q2 2026", "FY2027"]})]
QuantityValue = Annotated[Quantity, BeforeValidator(_quantity), WithJsonSchema({
    "type": ["number", "string"],
    "description": "A number with an optional unit: 72%, 15.6 %, 3.5 percentage points, 45 s, 6 min, $1,450. "
                   "A leading sign is a change from the baseline (+5 pp, -30%); x2 is a factor.",
    "examples": ["72%", "+5 pp", "6 min", "x2"]})]
Text = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    # Keys the format does not know are the team's own: the reader (read/entries.py) keeps them
    # beside the model, reports near-misses of known keys (F009), and hands the model its own keys.
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, frozen=True,
                              arbitrary_types_allowed=True)


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"'{value}' is not a usable id: use letters, digits, '-', '_' or '.', without spaces")
    return value


class Measured(_Model):
    """The mapping form of a baseline or target: {value: 12, unit: percent, as_of: 2025-12-31}.
    `value` is a quantity as people write it ('$48', '4.1 out of 5', '~3.9'); `unit` is free text
    ('%', 'mins', 'GBP', 'stars (out of 5)'), read into a family with its text kept."""

    value: QuantityValue
    unit: str | None = None
    as_of: DateLike | None = None
    source: str | None = None

    @field_validator("unit", mode="before")
    @classmethod
    def _unit_text(cls, value: Any) -> Any:
        return _unit_as_text(value)

    @model_validator(mode="after")
    def _agree(self) -> "Measured":
        if self.unit is not None:
            problem = unit_conflict(self.value, read_unit(self.unit))
            if problem:
                raise ValueError(problem)
        return self

    @property
    def quantity(self) -> Quantity:
        """The value in its unit: '{value: 12, unit: mins}' is 720 seconds, written '12 mins'."""
        return self.value if self.unit is None else with_unit(self.value, read_unit(self.unit))


def _unit_as_text(value: Any) -> Any:
    """A unit is text as written; a number ('unit: 1000') is text too. Lists and mappings are not."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and not value.strip():
        raise ValueError("'unit' is empty: write the unit, such as %, days, GBP or stars (out of 5), or remove the key")
    return value


class Objective(_Model):
    id: Text
    title: str | None = None
    description: str | None = None
    kpi: str | None = None
    owner: str | None = None

    _id = field_validator("id")(_check_id)


class Owner(_Model):
    id: Text
    name: str | None = None
    kind: Literal["team", "person", "role"] = "team"
    parent: str | None = None
    controls: list[Text] | None = None

    _id = field_validator("id")(_check_id)


class MetricDef(_Model):
    id: Text
    name: str | None = None
    description: str | None = None
    aliases: list[Text] = []
    # the unit's family (FAMILIES); what the team wrote ('working hours', 'stars (out of 5)', '€') is in
    # unit_text, and `spec` reads it (scale, currency, denominator, seconds per unit)
    unit: Literal[FAMILIES] = "count"  # type: ignore[valid-type]
    unit_text: SkipJsonSchema[str | None] = Field(None, exclude=True)
    range: tuple[float | None, float | None] | None = None
    better: Literal["higher", "lower"] | None = None
    # the ways teams write `better`: 'direction: lower is better', 'lower_is_better: true', 'polarity: negative'
    direction: Literal["higher", "lower"] | None = None
    lower_is_better: bool | None = None
    higher_is_better: bool | None = None
    polarity: Literal["higher", "lower"] | None = None
    # where the better direction depends on the scale (CES: lower effort on 1-5, higher agreement on
    # the 7-point CES 2.0 scale): scale top -> direction; the goal's words or numbers pick the scale
    better_on_scale: dict[int, Literal["higher", "lower"]] = {}
    kind: Literal["external", "internal", "business"] | None = None
    max_change_per_quarter: float | str | None = None   # in the metric's unit, or "25%" of the baseline
    min_change: float | str | None = None
    conflicts_with: list[Text] = []

    @model_validator(mode="before")
    @classmethod
    def _as_written(cls, data: Any) -> Any:
        """'unit: working hours' -> family duration, text kept; numbers written in that unit
        (range, change bounds) in seconds or whole amounts; a score's scale is its range
        unless one is declared."""
        if not isinstance(data, dict) or "unit" not in data:
            return data
        text = data["unit"]
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str) or not text.strip() or "unit_text" in data:
            return data
        spec = read_unit(text)
        data = {**data, "unit": spec.family, "unit_text": text.strip()}
        factor = spec.factor if spec.family in ("duration", "currency") and spec.factor else 1.0
        if factor != 1.0:
            data.update(_scaled(data, factor))
        if spec.scale is not None and data.get("range") is None:
            data["range"] = list(spec.scale)
        return data

    @field_validator("unit", mode="before")
    @classmethod
    def _unit_is_text(cls, value: Any) -> Any:
        if value not in FAMILIES:
            raise ValueError("'unit' is the unit as you write it, such as %, pp, days, working hours, GBP, "
                             "stars (out of 5) or per 1,000 customers")
        return value

    @field_validator("better", "direction", "polarity", mode="before")
    @classmethod
    def _way(cls, value: Any) -> Any:
        way = read_direction(value) if isinstance(value, str) else None
        if isinstance(value, str) and way is None:
            raise ValueError(f"'{value}' is not a direction: write 'higher is better' or 'lower is better'")
        return way if way is not None else value

    @model_validator(mode="after")
    def _better(self) -> "MetricDef":
        """`better` from whichever way the team declared it."""
        if self.better is None:
            way = self.direction or self.polarity or \
                ({True: "lower", False: "higher"}.get(self.lower_is_better) if self.lower_is_better is not None else
                 {True: "higher", False: "lower"}.get(self.higher_is_better))
            if way is not None:
                self.__dict__["better"] = way
                self.__pydantic_fields_set__.add("better")
        return self

    @property
    def spec(self) -> Unit:
        """The unit as the team wrote it, read (the family word alone for the built-in catalogue)."""
        return read_unit(self.unit_text or self.unit)

    @field_validator("id")
    @classmethod
    def _snake(cls, value: str) -> str:
        if not _METRIC_ID.match(value):
            raise ValueError(f"metric id '{value}' must be snake_case, like 'first_contact_resolution'")
        return value

    @field_validator("max_change_per_quarter", "min_change")
    @classmethod
    def _bound(cls, value: float | str | None) -> float | str | None:
        if isinstance(value, str) and not re.fullmatch(r"\d+(\.\d+)?%", value.strip()):
            raise ValueError(f"'{value}' must be a number in the metric's unit, or a percentage of the baseline like '25%'")
        return value


def _by_shape(value: Any) -> str:
    return "mapping" if isinstance(value, dict) else "scalar"


# Tags of the two shapes a value may take; validation-error locations drop them.
SHAPE_TAGS = frozenset({"mapping", "scalar"})
QuantityField = Annotated[Union[Annotated[Measured, Tag("mapping")], Annotated[QuantityValue, Tag("scalar")]],
                          Discriminator(_by_shape)]
MetricRef = Annotated[Union[Annotated[MetricDef, Tag("mapping")], Annotated[str, Tag("scalar")]],
                      Discriminator(_by_shape)]


class Action(_Model):
    title: Text
    description: str | None = None
    owner: str | None = None
    due: DateLike | None = None
    status: Literal["planned", "in-progress", "done", "dropped"] | None = None


class Goal(_Model):
    id: str | None = Field(None, description="Unique id in the workspace; findings and references use it.")
    title: Text = Field(description="The goal as one sentence: 'Increase CSAT from 72% to 80% by 30 September 2026'.")
    description: str | None = Field(None, description="Free text; read by the language checks like the title.")
    level: Literal["corporate", "team", "individual"] | None = Field(None, description="Where the goal sits in the cascade.")
    parent: str | None = Field(None, description="Id of the goal this one rolls up to.")
    objective: str | None = Field(None, description="Id of the business objective it serves (else inherited from the parent).")
    owner: str | None = Field(None, description="Id of the owner: the team, person or role that moves the metric.")
    metric: MetricRef | None = Field(None, description="A metric id, name or alias (see 'cxsmart metrics'), or an inline metric.")
    segment: str | None = Field(None, description="Who or what the goal is about: a segment, channel or journey.")
    baseline: QuantityField | None = Field(None, description="Where the metric starts: '12%', or {value, unit, as_of}.")
    target: QuantityField | None = Field(None, description="Where it must get to: absolute ('15.6%') or a change ('+3.6 pp', 'x2').")
    start: DateLike | None = Field(None, description="When the goal starts.")
    deadline: DateLike | None = Field(None, description="When the target must be met.")
    paired_with: str | list[Text] | None = Field(
        None, description="Id of the goal (or a list of goals) holding the customer-perceived measure for this internal KPI.")
    priority: Literal["high", "medium", "low"] | None = None
    review: str | None = Field(None, description="How often progress is reviewed: weekly, fortnightly, monthly, "
                               "quarterly, half-yearly ...; a remark may follow ('monthly (ops review)').")
    actions: list[Action] = Field([], description="The action plan: each with an owner and a due date.")

    @field_validator("id")
    @classmethod
    def _goal_id(cls, value: str | None) -> str | None:
        return None if value is None else _check_id(value)

    @property
    def paired_ids(self) -> list[str]:
        """The goals named in `paired_with`, one or a list."""
        value = self.paired_with
        return [] if value is None else [value] if isinstance(value, str) else list(value)

    @property
    def cadence(self) -> str | None:
        """The first cadence `review` names ('monthly (ops review)' -> 'monthly'), or None."""
        return cadence(self.review) if self.review else None


_CADENCE = re.compile(r"""(?ix)(?<![\w-])(?:
    (?P<fortnightly>bi-?weekly|fortnightly|every\s+(?:two|2|other)\s+weeks?)
  | (?P<bimonthly>bi-?monthly|every\s+(?:two|2|other)\s+months?)
  | (?P<halfyearly>six-?monthly|half-?yearly|semi-?annual(?:ly)?|bi-?annual(?:ly)?|twice\s+(?:a|per|each)\s+year
      |every\s+(?:six|6)\s+months)
  | (?P<daily>daily|every\s+day|each\s+day)
  | (?P<weekly>weekly|every\s+week|each\s+week|per\s+week)
  | (?P<monthly>monthly|every\s+month|each\s+month|per\s+month)
  | (?P<quarterly>quarterly|every\s+quarter|each\s+quarter|per\s+quarter|every\s+(?:three|3)\s+months)
  | (?P<annually>annual(?:ly)?|yearly|every\s+year|each\s+year|once\s+a\s+year)
  | (?P<wave>(?:per|each|every|after\s+each)\s+(?:survey\s+)?wave)
  | (?P<continuous>continuous(?:ly)?|real[-\s]?time|live)
)(?![\w-])""")
_CADENCE_NAMES = {"fortnightly": "fortnightly", "bimonthly": "bi-monthly", "halfyearly": "half-yearly",
                  "daily": "daily", "weekly": "weekly", "monthly": "monthly", "quarterly": "quarterly",
                  "annually": "annually", "wave": "per survey wave", "continuous": "continuously"}


# The cadences `review` is written with, in the order an editor offers them.
CADENCES = ("weekly", "biweekly", "fortnightly", "monthly", "bi-monthly", "quarterly", "half-yearly", "annually",
            "per survey wave")


def cadence(text: str) -> str | None:
    """'monthly (ops review)' -> 'monthly'; 'weekly ops call; monthly to the board' -> 'weekly';
    'every two weeks' -> 'fortnightly'; 'as needed' -> None."""
    m = _CADENCE.search(str(text))
    return _CADENCE_NAMES[m.lastgroup] if m else None



def _scaled(data: dict, factor: float) -> dict:
    """Range and change bounds written in the metric's unit ('range: [0, 60]' in minutes), in seconds
    or whole amounts; a bound written as a share of the baseline ('25%') is left as it is."""
    out: dict[str, Any] = {}
    rng = data.get("range")
    if isinstance(rng, (list, tuple)) and len(rng) == 2:
        out["range"] = [v * factor if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in rng]
    for key in ("max_change_per_quarter", "min_change"):
        v = data.get(key)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out[key] = v * factor
    return out


SECTIONS: dict[str, type[_Model]] = {
    "objectives": Objective,
    "owners": Owner,
    "metrics": MetricDef,
    "goals": Goal,
}
TOP_LEVEL_KEYS = ("version", *SECTIONS)
ITEM_NAMES = {"objectives": "objective", "owners": "owner", "metrics": "metric", "goals": "goal"}
