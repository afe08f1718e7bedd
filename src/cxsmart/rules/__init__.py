"""The built-in rules, one module per SMART letter (plus F for files and P for the plan)."""

from cxsmart.rules.achieved import AlreadyAchieved, TrivialChange
from cxsmart.rules.attainable import ImplausibleChange
from cxsmart.rules.workload import TooManyGoals
from cxsmart.rules.dates import DateOrderAssumed, InvalidDate
from cxsmart.rules.direction import DirectionContradiction
from cxsmart.rules.file import (
                                CascadeCycle,
                                DuplicateId,
                                InternalError,
                                MisspeltKey,
                                Schema,
                                SuppressionSyntax,
                                UnknownReference,
                                UnusedSuppression,
                                YamlSyntax,
)
from cxsmart.rules.incentives import ConflictingIncentive
from cxsmart.rules.fixable import DateForm, MetricAlias, SentenceOnly
from cxsmart.rules.measurable import AmbiguousPercent, NoBaseline, NoMetric, NoTarget, OutOfRange
from cxsmart.rules.units import UnitMismatch
from cxsmart.rules.own_metric import UncataloguedMetric
from cxsmart.rules.plan import ActionAfterDeadline, ActionNoDue, ActionNoOwner, NoReview
from cxsmart.rules.prose_mismatch import ProseMismatch
from cxsmart.rules.relevant import (
                                InternalWithoutExternal,
                                NoObjective,
                                NoOwner,
                                OwnerCannotAffect,
                                SoftMetricUnlinked,
)
from cxsmart.rules.activity import ActivityNotOutcome
from cxsmart.rules.specific import AbstractObject, CompoundGoal, HedgedWording, VagueWording
from cxsmart.rules.timebound import (
                                DeadlineBeforeStart,
                                NoDeadline,
                                OutlivesParent,
                                PastDeadline,
                                RelativeDeadline,
                                StaleBaseline,
                                VagueDeadline,
                                YearlessDeadline,
)

ALL = (
    YamlSyntax, Schema, DuplicateId, UnknownReference, CascadeCycle, SuppressionSyntax, UnusedSuppression,
    InternalError, MisspeltKey,
    VagueWording, ActivityNotOutcome, CompoundGoal, HedgedWording, AbstractObject,
    NoMetric, NoBaseline, NoTarget, DirectionContradiction, OutOfRange, AmbiguousPercent, UnitMismatch, ProseMismatch,
    UncataloguedMetric, MetricAlias, SentenceOnly,
    ImplausibleChange, AlreadyAchieved, TooManyGoals, TrivialChange,
    NoObjective, NoOwner, OwnerCannotAffect, ConflictingIncentive, InternalWithoutExternal, SoftMetricUnlinked,
    NoDeadline, VagueDeadline, PastDeadline, DeadlineBeforeStart, OutlivesParent, RelativeDeadline, InvalidDate, StaleBaseline,
    YearlessDeadline, DateForm, DateOrderAssumed,
    ActionNoOwner, ActionNoDue, ActionAfterDeadline, NoReview,
)
