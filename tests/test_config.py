"""Configuration: discovery, strict keys with did-you-mean, values, selection semantics."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cxsmart.settings.config import Config, ConfigError, load_config
from cxsmart.diagnostics import Severity
from cxsmart.settings.registry import default_registry
from cxsmart.settings.selection import SelectionError, select_rules
from tests.conftest import codes, lint


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_found_upward_from_the_current_directory(tmp_path):
    write(tmp_path / "cxsmart.toml", 'ignore = ["P"]\nfiscal-year-start = "April"\ntoday = 2026-01-15\n')
    loaded = load_config(None, tmp_path / "goals" / "team")
    assert loaded.path == tmp_path / "cxsmart.toml"
    assert loaded.config.ignore == ["P"] and loaded.config.fiscal_year_start == 4
    assert loaded.config.today == dt.date(2026, 1, 15)


def test_pyproject_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.cxsmart]\nselect = ["M", "T"]\n'
                                       '[tool.cxsmart.severity]\nT003 = "error"\n')
    loaded = load_config(None, tmp_path)
    assert loaded.config.select == ["M", "T"] and loaded.config.severity == {"T003": "error"}


def test_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(None, tmp_path).path is None


@pytest.mark.parametrize("text,words", [
    ('selct = ["M"]\n', ["cxsmart.toml:1", "unknown key `selct`", "did you mean 'select'?"]),
    ('ignore = ["A003"]\nfiscal-year-start = "apirl"\n', ["cxsmart.toml:2", "did you mean 'april'?"]),
    ('fail-on = "warn"\n', ["fail-on", "one of error, warning, info"]),
    ('today = "soon"\n', ["today"]),
    ("select = [\n", ["not valid TOML"]),
    ("max-file-size = 0\n", ["max-file-size"]),
])
def test_bad_config_is_a_clear_error(tmp_path, text, words):
    write(tmp_path / "cxsmart.toml", text)
    with pytest.raises(ConfigError) as e:
        load_config(None, tmp_path)
    for w in words:
        assert w in str(e.value)


@pytest.mark.parametrize("text,message", [
    ('fail-on = 3\n', "cxsmart.toml:1: `fail-on` must be one of error, warning, info; got 3"),
    ('# a comment\nfail-on = "warn"\n',
     "cxsmart.toml:2: `fail-on` must be one of error, warning, info; got \"warn\" (did you mean 'warning'?)"),
    ('select = 3\n', 'cxsmart.toml:1: `select` must be a list of codes or prefixes, like ["M", "T001"]; got 3'),
    ('ignore = ["A003", 4]\n', 'cxsmart.toml:1: `ignore` must be a list of codes or prefixes, like ["A003"]; '
                               'got ["A003", 4]'),
    ('include = [true]\n', 'cxsmart.toml:1: `include` must be a list of globs, like ["goals/**/*.yaml"]; got [true]'),
    ('today = "soon"\n', 'cxsmart.toml:1: `today` must be a date, like 2026-01-15; got "soon"'),
    ('max-file-size = 0\n', "cxsmart.toml:1: `max-file-size` must be a whole number from 1 to 1024; got 0"),
    ('max-file-size = "big"\n', 'cxsmart.toml:1: `max-file-size` must be a whole number from 1 to 1024; got "big"'),
    ('respect-gitignore = "maybe"\n', 'cxsmart.toml:1: `respect-gitignore` must be true or false; got "maybe"'),
    ('fiscal-year-start = 13\n', 'cxsmart.toml:1: `fiscal-year-start` must be a month name like "april", '
                                 'or a number from 1 to 12; got 13'),
    ('baseline = 3\n', 'cxsmart.toml:1: `baseline` must be the path of a baseline file, like '
                       '"cxsmart-baseline.json"; got 3'),
    ('ignore = []\n\n[severity]\nT003 = "errr"\n',
     "cxsmart.toml:4: `severity.T003` must be one of error, warning, info; got \"errr\" (did you mean 'error'?)"),
    ('[per-file-ignores]\n"goals/*.yaml" = 3\n',
     'cxsmart.toml:2: `per-file-ignores."goals/*.yaml"` must be a list of codes or prefixes, like ["A003"]; got 3'),
    ('[rules]\ntoo-many-goals = 5\n', "cxsmart.toml:2: `rules.too-many-goals` must be a table of options, "
                                      "like max = 5; got 5"),
    ('select = ["M"]\nfail-on = warning\n', "cxsmart.toml:2:11: not valid TOML: Invalid value"),
    # every problem, in the order of the file
    ('fail-on = 3\nseverity = {T003 = 1}\nselct = []\n',
     "cxsmart.toml:1: `fail-on` must be one of error, warning, info; got 3\n"
     "cxsmart.toml:2: `severity.T003` must be one of error, warning, info; got 1\n"
     "cxsmart.toml:3: unknown key `selct` (did you mean 'select'?)"),
])
def test_type_errors_in_plain_words(tmp_path, text, message):
    write(tmp_path / "cxsmart.toml", text)
    with pytest.raises(ConfigError) as e:
        load_config(None, tmp_path)
    assert str(e.value) == message


def test_pyproject_lines_count_from_the_tool_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.other]\nfail-on = 3\n\n'
                                       '[tool.cxsmart]\nfail-on = 3\n\n[tool.cxsmart.severity]\nT003 = "loud"\n')
    with pytest.raises(ConfigError) as e:
        load_config(None, tmp_path)
    assert str(e.value).splitlines() == [
        "pyproject.toml:8: `fail-on` must be one of error, warning, info; got 3",
        'pyproject.toml:11: `severity.T003` must be one of error, warning, info; got "loud"']


@pytest.mark.parametrize("text,expected", [
    ('ignore = "P004"\n', {"ignore": ["P004"]}),
    ('ignore = "P004, A003"\nselect = "M"\nextend-select = "F007"\n',
     {"ignore": ["P004", "A003"], "select": ["M"], "extend_select": ["F007"]}),
    ('include = "goals/*.yaml"\nexclude = "goals/archive/"\nrule-packs = "cx-rules/"\n',
     {"include": ["goals/*.yaml"], "exclude": ["goals/archive/"], "rule_packs": ["cx-rules/"]}),
    ('[per-file-ignores]\n"goals/individual/*.yaml" = "A003"\n"x.yaml" = ["P"]\n',
     {"per_file_ignores": {"goals/individual/*.yaml": ["A003"], "x.yaml": ["P"]}}),
])
def test_a_single_value_where_a_list_is_expected(tmp_path, text, expected):
    write(tmp_path / "cxsmart.toml", text)
    config = load_config(None, tmp_path).config
    assert {k: getattr(config, k) for k in expected} == expected


def test_every_list_of_text_setting_takes_a_single_value():
    from cxsmart.settings.config import _TEXT_LISTS

    lists = {"include", "exclude", "select", "extend_select", "ignore", "rule_packs"}
    assert lists <= _TEXT_LISTS
    for name in _TEXT_LISTS:
        assert getattr(Config.model_validate({name.replace("_", "-"): "X"}), name) == ["X"]


def test_bad_config_on_the_command_line_is_exit_2_without_a_traceback(tmp_path):
    import subprocess
    import sys

    write(tmp_path / "cxsmart.toml", 'ignore = "P004"\nfail-on = 3\n')
    write(tmp_path / "g.yaml", "- title: x\n")
    run = subprocess.run([sys.executable, "-m", "cxsmart", "lint", "--no-cache", "g.yaml"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr == "cxsmart: cxsmart.toml:2: `fail-on` must be one of error, warning, info; got 3\n"


def test_explicit_config_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml", tmp_path)


REG = default_registry()


def chosen(select=None, extend=(), ignore=(), **kw):
    return select_rules(REG, select, list(extend), list(ignore), {}, {}, **kw).codes


def test_default_selection_is_every_rule_but_the_opt_in_ones():
    assert chosen() == set(REG.rules) - {"F007", "M011"}


def test_most_specific_selector_wins():
    assert chosen(["M"], ignore=["M002"]) == {c for c in REG.rules if c.startswith("M")} - {"M002", "M011"}
    assert chosen(["M002"], ignore=["M"]) == {"M002"}
    assert chosen(["M00"], ignore=["M00"]) == set()          # a tie goes to ignore
    assert "F007" in chosen(extend=["F007"]) and "F007" not in chosen(["F"])
    assert "F007" in chosen(report_unused_ignores=True)


@pytest.mark.parametrize("kw,words", [
    ({"select": ["M02"]}, "'M02' is not a rule code or prefix"),
    ({"ignore": ["T0001"]}, "did you mean"),
    ({"extend": ["X"]}, "'X' is not a rule code"),
])
def test_unknown_selectors(kw, words):
    with pytest.raises(SelectionError, match=words):
        chosen(**kw)


def test_severity_override_and_unknown_codes():
    sel = select_rules(REG, None, [], [], {"T003": "error", "no-review": "warning"}, {})
    assert sel.severities == {"T003": Severity.ERROR, "P004": Severity.WARNING}
    with pytest.raises(SelectionError, match="did you mean 'T003'"):
        select_rules(REG, None, [], [], {"T03": "error"}, {})


def test_rule_options_are_validated():
    with pytest.raises(SelectionError, match="unknown option 'maxx'.*did you mean 'max'"):
        select_rules(REG, None, [], [], {}, {"too-many-goals": {"maxx": 3}})
    with pytest.raises(SelectionError, match="has no options"):
        select_rules(REG, None, [], [], {}, {"M002": {"x": 1}})
    with pytest.raises(SelectionError, match="'nonsense' is not a rule"):
        select_rules(REG, None, [], [], {}, {"nonsense": {}})


def test_severity_override_changes_the_finding():
    text = "- {id: g, title: Raise NPS, owner: cc}\n"
    d = lint(text, select=["P004"], config=Config(severity={"P004": "error"}))[0]
    assert d.severity is Severity.ERROR


def test_fiscal_year_start_applies_to_goal_dates():
    text = "- {title: Raise NPS, start: 2025-05-01, deadline: FY2026}\n"
    assert "T004" not in codes(text, select=["T004"], config=Config(fiscal_year_start=4))
    assert "T003" in codes(text, select=["T003"], config=Config(fiscal_year_start=4))   # ended 31 March 2026


def test_per_file_ignores_and_rule_packs(tmp_path, run_cli):
    write(tmp_path / "cxsmart.toml", 'rule-packs = ["packs/"]\n\n[per-file-ignores]\n"goals/individual/*.yaml" = ["P004"]\n')
    write(tmp_path / "packs" / "metrics.yaml", "metrics:\n  - {id: nps, unit: points, range: [-100, 100], "
                                               "better: higher, max_change_per_quarter: 1}\n")
    goal = "- {id: %s, title: Raise NPS, metric: nps, baseline: 10, target: 20, start: 2026-01-01, deadline: 2026-12-31}\n"
    write(tmp_path / "goals" / "individual" / "a.yaml", goal % "a")
    write(tmp_path / "goals" / "team.yaml", goal % "t")
    code, out, _ = run_cli("lint", "--format", "json", "--select", "P004,A001", "--today", "2026-01-01")
    import json

    found = {(d["path"], d["code"]) for d in json.loads(out)["diagnostics"]}
    assert ("goals/team.yaml", "P004") in found and ("goals/individual/a.yaml", "P004") not in found
    assert ("goals/team.yaml", "A001") in found      # the pack made NPS move at most 1 point a quarter


def test_bad_rule_pack_names_file_and_line(tmp_path, run_cli):
    write(tmp_path / "cxsmart.toml", 'rule-packs = ["packs/"]\n')
    write(tmp_path / "packs" / "m.yaml", "metrics:\n  - id: nps\n    unti: points\n")
    write(tmp_path / "g.yaml", "- title: x\n")
    code, out, err = run_cli("lint")
    assert code == 2 and "m.yaml:3:5" in err and "did you mean 'unit'?" in err
    write(tmp_path / "packs" / "m.yaml", "metric:\n  - id: nps\n")
    code, out, err = run_cli("lint")
    assert code == 2 and "m.yaml:1:1" in err and "did you mean 'metrics'?" in err
