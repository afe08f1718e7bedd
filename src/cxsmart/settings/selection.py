"""Which rules run, at which severity, with which options.

Selectors are codes or prefixes ("M", "M00", "M002") or ALL. The most specific selector
wins between select and ignore, as in ruff; on a tie, ignore wins. Rules that are off by
default (F007) run only when a selector names them or their exact prefix explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from cxsmart.diagnostics import Severity
from cxsmart.settings.registry import Registry
from cxsmart.rule import Rule
from cxsmart.common.suggest import did_you_mean


class SelectionError(Exception):
    """A selector, severity or option names no rule, or has a bad value."""


def check_selector(selector: str, registry: Registry, where: str) -> str:
    sel = selector.strip().upper()
    if sel == "ALL" or any(code.startswith(sel) for code in registry.rules):
        return sel
    raise SelectionError(f"{where}: '{selector}' is not a rule code or prefix{did_you_mean(selector, registry.rules)}")


def check_code(code: str, registry: Registry, where: str) -> str:
    found = registry.find(code)
    if found is None:
        names = list(registry.rules) + list(registry.by_name())
        raise SelectionError(f"{where}: '{code}' is not a rule{did_you_mean(code, names)}")
    return found.code


@dataclass
class Selection:
    rules: list[Rule] = field(default_factory=list)
    severities: dict[str, Severity] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    unfixable: set[str] = field(default_factory=set)    # codes whose fixes are dropped (fixable/unfixable)


def unfixable_codes(registry: Registry, fixable: list[str], unfixable: list[str]) -> set[str]:
    """The codes `fixable`/`unfixable` take fixes from: the most specific selector wins, and on a
    tie `unfixable` does, as in ruff."""
    yes = [check_selector(s, registry, "fixable") for s in fixable]
    no = [check_selector(s, registry, "unfixable") for s in unfixable]

    def best(selectors: list[str], code: str) -> int:
        return max((0 if s == "ALL" else len(s) for s in selectors if s == "ALL" or code.startswith(s)), default=-1)

    return {code for code in registry.rules if best(no, code) >= best(yes, code)}


def select_rules(registry: Registry, select: list[str] | None, extend_select: list[str], ignore: list[str],
                 severities: dict[str, str], options: dict[str, dict], report_unused_ignores: bool = False) -> Selection:
    chosen = [check_selector(s, registry, "select") for s in (select if select is not None else ["ALL"])]
    chosen += [check_selector(s, registry, "extend-select") for s in extend_select]
    if report_unused_ignores:
        chosen.append("F007")
    ignored = [check_selector(s, registry, "ignore") for s in ignore]
    explicit = set(s for s in chosen if s != "ALL")
    out = Selection()
    for code, severity in severities.items():
        out.severities[check_code(code, registry, "severity")] = Severity.parse(severity)
    opts = {check_code(key, registry, "rules"): value for key, value in options.items()}
    for rule_cls in registry.sorted():
        if not _enabled(rule_cls, chosen, ignored, explicit):
            continue
        out.rules.append(rule_cls(_options(rule_cls, opts.get(rule_cls.code))))
        out.codes.add(rule_cls.code)
    for code in opts:
        if registry.rules[code].Options is None:
            raise SelectionError(f"rules.{registry.rules[code].name}: rule {code} has no options")
    return out


def _enabled(rule: type[Rule], chosen: list[str], ignored: list[str], explicit: set[str]) -> bool:
    code = rule.code
    best_select = max((len(s) if s != "ALL" else 0 for s in chosen if s == "ALL" or code.startswith(s)), default=-1)
    best_ignore = max((len(s) if s != "ALL" else 0 for s in ignored if s == "ALL" or code.startswith(s)), default=-1)
    if best_select < 0 or best_ignore >= best_select:
        return False
    if not rule.default_enabled:
        return code in explicit
    return True


def _options(rule: type[Rule], raw: dict | None):
    if rule.Options is None or raw is None:
        return None
    try:
        return rule.Options.model_validate(raw)
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            msg = f"unknown option '{key}'{did_you_mean(key, rule.Options.model_fields)}"
        else:
            msg = f"'{key}': {err['msg']}"
        raise SelectionError(f"rules.{rule.name}: {msg}") from None
