"""The Rule base class and the context a rule reports through.

A rule is a small class: a code, a name, a default severity, a docstring that is its
documentation, and a `check` generator. Rules never read files, configuration or the
environment: the context hands them the workspace, the pinned date and their options.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel

from cxsmart.diagnostics import Diagnostic, Fix, Severity, Span

if TYPE_CHECKING:
    from cxsmart.engine.goalview import GoalView
    from cxsmart.engine.workspace import Workspace

LETTERS = {
    "F": "file", "S": "Specific", "M": "Measurable", "A": "Attainable",
    "R": "Relevant", "T": "Time-bound", "P": "Plan",
}
_CODE = re.compile(r"^[A-Z]{1,3}\d{3}$")


class Rule:
    """Base class: subclasses set code, name and severity, and override check or check_workspace."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    # True if the rule reads goal.facts, or a value that may come from the prose (metric, baseline,
    # target, deadline of a goal written as a sentence). The engine runs the language pipeline only
    # if a selected rule needs it, and runs rules that do not need it first, before the prose is read.
    needs_text: ClassVar[bool] = False
    default_enabled: ClassVar[bool] = True     # off-by-default rules run only when selected explicitly
    Options: ClassVar[type[BaseModel] | None] = None

    def __init__(self, options: BaseModel | None = None):
        self.options = options if options is not None else (self.Options() if self.Options else None)

    def check(self, goal: "GoalView", ctx: "RuleContext") -> Iterator[Diagnostic]:
        return iter(())

    def check_workspace(self, ws: "Workspace", ctx: "RuleContext") -> Iterator[Diagnostic]:
        return iter(())

    @classmethod
    def letter(cls) -> str:
        return cls.code.rstrip("0123456789")

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""

    @classmethod
    def sections(cls) -> dict[str, str]:
        """The docstring's '## ' sections: Why it matters, Example, Use instead, Options."""
        doc = _dedent(cls.__doc__ or "")
        parts = re.split(r"^## +(.+)$", doc, flags=re.M)
        out = {"": parts[0].strip()}
        for title, body in zip(parts[1::2], parts[2::2]):
            out[title.strip()] = body.strip()
        return out

    @classmethod
    def page(cls) -> str:
        """The rule's page, as `cxsmart rule CODE` prints it and the HTML report shows it."""
        sections = cls.sections()
        criterion = LETTERS.get(cls.letter(), "plugin or pack rule")
        text = (f"{cls.code} {cls.name}  ({criterion}; default severity: {cls.severity}"
                f"{'' if cls.default_enabled else '; off by default'})\n\n## What it finds\n{sections.get('', '')}")
        return text + "".join(f"\n\n## {title}\n{body}" for title, body in sections.items() if title)

    @classmethod
    def example(cls, section: str) -> str | None:
        body = cls.sections().get(section)
        if not body:
            return None
        m = re.search(r"```ya?ml\n(.*?)```", body, flags=re.S)
        return m.group(1) if m else None

    @classmethod
    def valid_code(cls) -> bool:
        return bool(_CODE.match(getattr(cls, "code", "")))


def _dedent(doc: str) -> str:
    lines = doc.expandtabs().splitlines()
    if not lines:
        return ""
    rest = [l for l in lines[1:] if l.strip()]
    indent = min((len(l) - len(l.lstrip()) for l in rest), default=0)
    return "\n".join([lines[0].strip()] + [l[indent:] for l in lines[1:]])


@dataclass
class RuleContext:
    """What a rule may know: the workspace, today, the fiscal year, severities."""

    workspace: "Workspace"
    today: dt.date
    fiscal_start: int = 1
    severities: dict[str, Severity] = field(default_factory=dict)

    def report(self, rule: Rule, goal: "GoalView | None", message: str, at: Span | None = None,
               hint: str | None = None, path: str | None = None, subject: str | None = None,
               severity: Severity | None = None, fix: Fix | None = None) -> Diagnostic:
        """A finding of `rule`; `severity` raises or lowers this one finding, unless the user
        configured the rule's severity; `fix`: the edits that `--fix` may apply for it."""
        span = at or (goal.anchor if goal else Span(1, 1, 1, 2))
        return Diagnostic(
            code=rule.code, name=rule.name,
            severity=self.severities.get(rule.code, severity or rule.severity),
            message=message, path=path or (goal.path if goal else ""), span=span,
            goal=goal.id if goal else None, hint=hint, subject=subject, fix=fix,
        )
