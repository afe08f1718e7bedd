"""Pack rules: a team's own checks, written as data in a rule pack, Vale-style.

    rules:
      - code: CX101
        name: internal-jargon
        extends: existence                  # existence | substitution | required-field
        tokens: [synergy, leverage, best-of-breed]
        message: "'{match}' is internal jargon: say what the customer gets"
        severity: warning
        docs: Customers do not buy synergy.
      - code: CX102
        name: say-customers
        extends: substitution
        swap: {clients: customers, end users: customers}
        message: "write '{replacement}' instead of '{match}'"
      - code: CX103
        name: segment-required
        extends: required-field
        fields: [segment]
        message: "say which customers the goal is about ('{field}')"

A pack rule is a closed set of check types over data; it cannot run code. Its code must not
start with a built-in letter on its own (F, S, M, A, R, T, P), so the letters stay the
catalogue's: use your own prefix, like CX.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.rule import LETTERS, Rule, RuleContext
from cxsmart.common.suggest import did_you_mean

CHECKS = ("existence", "substitution", "required-field")


class PackRuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    extends: Literal["existence", "substitution", "required-field"]
    message: str
    severity: Literal["error", "warning", "info"] = "warning"
    tokens: tuple[str, ...] = ()
    swap: dict[str, str] = {}
    fields: tuple[str, ...] = ()
    hint: str | None = None
    docs: str = ""

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Z]{1,3}\d{3}", value):
            raise ValueError(f"'{value}' is not a rule code: use letters and three digits, like CX101")
        if value.rstrip("0123456789") in LETTERS:
            raise ValueError(f"'{value}' uses the built-in letter '{value[0]}': give pack rules their own prefix, like CX")
        return value

    @field_validator("message")
    @classmethod
    def _template(cls, value: str) -> str:
        check_template(value)
        return value

    @model_validator(mode="after")
    def _fits_check(self) -> "PackRuleSpec":
        from cxsmart.model.goalfile import Goal

        if self.extends == "existence" and not self.tokens:
            raise ValueError("an 'existence' rule needs 'tokens'")
        if self.extends == "substitution" and not self.swap:
            raise ValueError("a 'substitution' rule needs 'swap'")
        if self.extends == "required-field":
            if not self.fields:
                raise ValueError("a 'required-field' rule needs 'fields'")
            for name in self.fields:
                if name not in Goal.model_fields:
                    raise ValueError(f"'{name}' is not a goal field{did_you_mean(name, Goal.model_fields)}")
        return self


TEMPLATE_FIELDS = ("match", "replacement", "field")


def check_template(template: str) -> None:
    """A message template names only {match}, {replacement} and {field}, with no conversion or
    format spec (`{match:>300000000}` would write 300 MB): checked when the pack loads."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as e:
        raise ValueError(f"the message is not a valid template ({e}); write '{{{{' and '}}}}' for braces") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in TEMPLATE_FIELDS:
            shown = name[:40] or "{}"
            raise ValueError(f"the message names '{{{shown}}}': a template may use only "
                             f"{', '.join('{' + f + '}' for f in TEMPLATE_FIELDS)}{did_you_mean(name, TEMPLATE_FIELDS)}")
        if spec or conversion:
            raise ValueError(f"the message's '{{{name}}}' has a format spec or conversion: write '{{{name}}}' alone")


def validate_spec(raw: dict) -> PackRuleSpec:
    """PackRuleSpec or ValueError with a user-facing message and the key it is about."""
    try:
        return PackRuleSpec.model_validate(raw)
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        key = str(err["loc"][0]) if err["loc"] else ""
        if err["type"] == "extra_forbidden":
            raise _SpecError(f"unknown key '{key}' in a pack rule{did_you_mean(key, PackRuleSpec.model_fields)}",
                             key, True) from None
        if err["type"] == "literal_error" and key == "extends":
            raise _SpecError(f"'extends' must be one of {', '.join(CHECKS)}{did_you_mean(str(err['input']), CHECKS)}",
                             key, False) from None
        message = err["msg"].removeprefix("Value error, ")
        raise _SpecError(f"'{key}': {message}" if key else message, key, False) from None


class _SpecError(ValueError):
    def __init__(self, message: str, key: str, on_key: bool):
        super().__init__(message)
        self.key = key
        self.on_key = on_key


class PackRule(Rule):
    """Base of rules built from pack data."""

    spec: PackRuleSpec
    needs_text = True

    def check(self, goal, ctx: RuleContext) -> Iterator[Diagnostic]:
        spec = self.spec
        if spec.extends == "required-field":
            for name in spec.fields:
                if getattr(goal.goal, name) in (None, [], ""):
                    yield ctx.report(self, goal, spec.message.format(field=name, match="", replacement=""),
                                     at=goal.anchor, hint=spec.hint or f"add '{name}:'", subject=name)
            return
        for fact in goal.facts.extra.get(f"pack:{spec.code}", []):
            replacement = spec.swap.get(fact.value, "") if spec.extends == "substitution" else ""
            message = spec.message.format(match=fact.words, replacement=replacement, field="")
            hint = spec.hint or (f"write '{replacement}'" if replacement else None)
            yield ctx.report(self, goal, message, at=fact.span, hint=hint, subject=fact.words.lower())


def make_rule(spec: PackRuleSpec, where: str) -> type[Rule]:
    doc = f"{spec.message}\n\n{spec.docs}\n\nDefined in the rule pack {where}."
    cls = type(f"Pack_{spec.code}", (PackRule,), {
        "__doc__": doc, "code": spec.code, "name": spec.name, "spec": spec,
        "severity": Severity.parse(spec.severity), "__module__": "cxsmart.read.packrules",
    })
    return cls


def phrases(spec: PackRuleSpec) -> dict[str, str]:
    """What the language pipeline must find for this rule: phrase -> the key to report."""
    if spec.extends == "existence":
        return {t: t for t in spec.tokens}
    if spec.extends == "substitution":
        return {t: t for t in spec.swap}
    return {}
