"""Each rule is its own documentation: a summary, why it matters, an example that fires the
rule and the same goal fixed, which must not fire it; and a case file in tests/rules/."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxsmart.settings.registry import default_registry
from cxsmart.rules import ALL
from tests.conftest import lint

RULES = default_registry().sorted()
NO_EXAMPLE = {"F008"}          # internal errors cannot be written on purpose


def test_codes_are_unique_and_well_formed():
    codes = [r.code for r in ALL]
    assert len(codes) == len(set(codes))
    assert all(r.valid_code() for r in ALL)
    assert len({r.name for r in ALL}) == len(ALL)


def test_every_catalogue_rule_of_the_core_is_built():
    expected = {"F001", "F002", "F003", "F004", "F005", "M001", "M002", "M003", "M004", "M005", "M007",
                "A001", "A002", "A003", "A004", "R001", "R002", "R003", "R004", "R005", "R006",
                "T001", "T003", "T004", "T005", "T007", "T008", "P001", "P002", "P003", "P004"}
    assert expected <= {r.code for r in ALL}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_docs_and_cases(rule):
    sections = rule.sections()
    assert rule.summary(), f"{rule.code} has no summary line"
    if rule.code in NO_EXAMPLE:
        return
    for title in ("Why it matters", "Example", "Use instead"):
        assert sections.get(title), f"{rule.code} docstring lacks '## {title}'"
    assert (Path(__file__).parent / "rules" / f"{rule.code}.yaml").is_file(), f"no tests/rules/{rule.code}.yaml"


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in NO_EXAMPLE], ids=lambda r: r.code)
def test_example_fires_and_fix_does_not(rule):
    bad, good = rule.example("Example"), rule.example("Use instead")
    assert bad and good
    assert rule.code in [d.code for d in lint(bad, select=[rule.code])], f"{rule.code}: its Example does not fire it"
    assert rule.code not in [d.code for d in lint(good, select=[rule.code])], f"{rule.code}: its fix still fires it"
