"""All rules: the built-in ones and those installed packages add via the `cxsmart.rules`
entry-point group. Codes are unique; the order is stable (by code)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from cxsmart.rule import LETTERS, Rule

ENTRY_POINT_GROUP = "cxsmart.rules"


class RegistryError(Exception):
    """Two rules share a code, or a rule is malformed."""


@dataclass
class Registry:
    rules: dict[str, type[Rule]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, rule: type[Rule], origin: str = "cxsmart") -> None:
        if not (isinstance(rule, type) and issubclass(rule, Rule) and rule.valid_code()):
            raise RegistryError(f"{origin}: {rule!r} is not a rule with a code like 'X123'")
        if rule.code in self.rules and self.rules[rule.code] is not rule:
            raise RegistryError(f"{origin}: rule code {rule.code} is already used by "
                                f"{self.rules[rule.code].__module__}.{self.rules[rule.code].__name__}")
        self.rules[rule.code] = rule

    def extended(self, rules: list[tuple[type[Rule], str]]) -> "Registry":
        """A copy with more rules (from rule packs); a clashing code is a RegistryError."""
        if not rules:
            return self
        out = Registry(dict(self.rules), list(self.warnings))
        for rule, origin in rules:
            out.add(rule, origin)
        return out

    def sorted(self) -> list[type[Rule]]:
        return [self.rules[c] for c in sorted(self.rules, key=_code_key)]

    def by_name(self) -> dict[str, type[Rule]]:
        return {r.name: r for r in self.rules.values()}

    def find(self, code_or_name: str) -> type[Rule] | None:
        key = code_or_name.strip()
        return self.rules.get(key.upper()) or self.by_name().get(key.lower())


def _code_key(code: str) -> tuple:
    letter = code.rstrip("0123456789")
    order = list(LETTERS)
    return (order.index(letter) if letter in order else len(order), letter, code)


def builtin_rules() -> list[type[Rule]]:
    from cxsmart.rules import ALL

    return list(ALL)


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    reg = Registry()
    for rule in builtin_rules():
        reg.add(rule)
    _load_plugins(reg)
    return reg


def _load_plugins(reg: Registry) -> None:
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            loaded = ep.load()
            for rule in (loaded if isinstance(loaded, (list, tuple)) else [loaded]):
                reg.add(rule, origin=f"plugin '{ep.name}' ({ep.value})")
        except Exception as e:  # noqa: BLE001 - a broken plugin is a warning, not a crash
            reg.warnings.append(f"plugin '{ep.name}' ({ep.value}) could not be loaded: {type(e).__name__}: {e}")
