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
)

from cxsmart.model.quantities import Quantity, QuantityError, parse_quantity
from cxsmart.model.timeframes import DateSyntaxError, Timeframe, parse_date_like

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
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True,
                              arbitrary_types_allowed=True)


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"'{value}' is not a usable id: use letters, digits, '-', '_' or '.', without spaces")
    return value


class Measured(_Model):
    """The mapping form of a baseline or target: {value: 12, unit: percent, as_of: 2025-12-31}."""

    value: float
    unit: Literal["percent", "points", "score", "count", "currency", "duration", "ratio"] | None = None
    as_of: DateLike | None = None
    source: str | None = None


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
    unit: Literal["percent", "points", "score", "count", "currency", "duration", "ratio"] = "count"
    range: tuple[float | None, float | None] | None = None
    better: Literal["higher", "lower"] | None = None
    # where the better direction depends on the scale (CES: lower effort on 1-5, higher agreement on
    # the 7-point CES 2.0 scale): scale top -> direction; the goal's words or numbers pick the scale
    better_on_scale: dict[int, Literal["higher", "lower"]] = {}
    kind: Literal["external", "internal", "business"] | None = None
    max_change_per_quarter: float | str | None = None   # in the metric's unit, or "25%" of the baseline
    min_change: float | str | None = None
    conflicts_with: list[Text] = []

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
    paired_with: str | None = Field(None, description="Id of the goal holding the customer-perceived measure for this internal KPI.")
    priority: Literal["high", "medium", "low"] | None = None
    review: Literal["weekly", "biweekly", "fortnightly", "monthly", "quarterly", "half-yearly", "annually"] | None = Field(
        None, description="How often progress is reviewed.")
    actions: list[Action] = Field([], description="The action plan: each with an owner and a due date.")

    @field_validator("id")
    @classmethod
    def _goal_id(cls, value: str | None) -> str | None:
        return None if value is None else _check_id(value)



SECTIONS: dict[str, type[_Model]] = {
    "objectives": Objective,
    "owners": Owner,
    "metrics": MetricDef,
    "goals": Goal,
}
TOP_LEVEL_KEYS = ("version", *SECTIONS)
ITEM_NAMES = {"objectives": "objective", "owners": "owner", "metrics": "metric", "goals": "goal"}
