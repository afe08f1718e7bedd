"""`cxsmart schema`: the goal file's JSON Schema accepts every good example and rejects typos."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cxsmart.read.yamlread import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
GOOD = sorted((ROOT / "examples" / "good").rglob("*.yaml"))


@pytest.fixture(scope="module")
def validator():
    from typer.testing import CliRunner

    from cxsmart.cli.commands import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def data(text: str):
    parsed = parse_yaml(text)
    assert not parsed.problems
    return parsed.data


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_every_good_example_validates(validator, path):
    validator.validate(data(path.read_text()))


@pytest.mark.parametrize("text,words", [
    ("goal:\n  - title: Raise NPS\n", "goal"),
    ("- owner: cc\n", "title"),
    ("- title: Raise NPS\n  level: teams\n", "teams"),
])
def test_typos_are_rejected(validator, text, words):
    errors = list(validator.iter_errors(data(text)))
    assert errors and any(words in str(e) for e in errors)


def test_the_teams_own_keys_are_accepted(validator):
    """The format is open: editors must not underline `notes:` or `sponsor:` (cxsmart's F009 says
    which unknown keys are near-misses of known ones, which a schema cannot)."""
    validator.validate(data("goals:\n  - title: Raise NPS\n    notes: agreed at the offsite\n    sponsor: COO\n"))


def test_bare_lists_and_extension_keys_are_accepted(validator):
    validator.validate(data("- title: Raise NPS from 20 to 30 by Q4 2026\n  target: 30\n"))
    validator.validate(data("x-defaults: {owner: cc}\ngoals: []\n"))


def test_a_goal_built_in_code_keeps_the_quantities_it_is_given():
    from cxsmart.model.goalfile import Goal
    from cxsmart.model.quantities import parse_quantity

    target, baseline = parse_quantity("+5 pp"), parse_quantity("72%")
    goal = Goal(title="Raise CSAT", target=target, baseline={"value": baseline, "as_of": "2026-12-31"})
    assert goal.target is target and goal.baseline.value is baseline
    assert goal.baseline.as_of.first.isoformat() == "2026-12-31"
    assert Goal(title="Raise CSAT", target="+5 pp").target == target        # written, or given: the same value
