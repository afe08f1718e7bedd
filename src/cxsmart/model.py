"""The goal-file format (shared/spec/goal-file.md) as pydantic models.

Forgiving input, strict findings: anything a SMART goal lacks is optional here and reported
by a rule; only what cannot be read (wrong type, unknown key, malformed quantity or date)
fails validation. Each list item is validated on its own, so one bad goal does not hide the
others. Dates need the fiscal-year start, passed as validation context.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, ValidationInfo, field_validator

from cxsmart.quantities import Quantity, QuantityError, parse_quantity
from cxsmart.timeframes import DateSyntaxError, Timeframe, parse_date_like

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-/]*$")
_METRIC_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _date(value: Any, info: ValidationInfo) -> Timeframe:
    if isinstance(value, Timeframe):
        return value
    fiscal_start = (info.context or {}).get("fiscal_start", 1)
    try:
        return parse_date_like(value, fiscal_start)
    except DateSyntaxError as e:
        raise ValueError(str(e)) from None


def _quantity(value: Any) -> Quantity:
    if isinstance(value, Quantity):
        return value
    try:
        return parse_quantity(value)
    except QuantityError as e:
        raise ValueError(str(e)) from None


DateLike = Annotated[Timeframe, BeforeValidator(_date)]
QuantityValue = Annotated[Quantity, BeforeValidator(_quantity)]
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
    id: str | None = None
    title: Text
    description: str | None = None
    level: Literal["corporate", "team", "individual"] | None = None
    parent: str | None = None
    objective: str | None = None
    owner: str | None = None
    metric: MetricRef | None = None
    segment: str | None = None
    baseline: QuantityField | None = None
    target: QuantityField | None = None
    start: DateLike | None = None
    deadline: DateLike | None = None
    paired_with: str | None = None
    priority: Literal["high", "medium", "low"] | None = None
    review: Literal["weekly", "biweekly", "fortnightly", "monthly", "quarterly"] | None = None
    actions: list[Action] = []

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
