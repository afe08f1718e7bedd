"""What the reading stage attaches to a finding: the goal a problem with a goal's keys belongs to."""

from __future__ import annotations

import pytest

from tests.conftest import lint


def test_a_problem_in_a_goals_keys_names_the_goal():
    text = "goals:\n  - {id: g, title: Raise NPS, ownr: cc}\n  - {title: Raise CSAT, deadlin: 2027-06-30}\n"
    found = [(d.code, d.goal, tuple(d.span)) for d in lint(text, select=["F009"])]
    assert found == [("F009", "g", (2, 31, 2, 35)), ("F009", None, (3, 25, 3, 32))]


def test_a_file_over_the_size_limit_is_one_f001_naming_the_limit():
    from cxsmart.read.source import decode

    limit = 2 * 1024 * 1024
    text, problem = decode(b"x" * (limit + 1), max_bytes=limit)
    assert text is None and (problem.code, tuple(problem.span)) == ("F001", (1, 1, 1, 2))
    assert problem.message.startswith("the file is too large: larger than the 2 MiB limit")
    assert decode(b"- title: x\n" + b"x" * (limit - 11), max_bytes=limit)[1] is None


def test_a_pack_naming_an_unknown_direction_is_refused(tmp_path):
    from cxsmart.read.packs import PackError, load_packs

    pack = tmp_path / "pack.yaml"
    pack.write_text("direction-verbs:\n  upp: [shift]\n")
    with pytest.raises(PackError, match=r"pack.yaml:2:3: unknown direction 'upp' \(did you mean 'up'\?\)"):
        load_packs([pack])


def test_an_installation_without_its_packs_says_so(tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    import cxsmart

    shutil.copytree(Path(cxsmart.__file__).parent, tmp_path / "lib" / "cxsmart",
                    ignore=shutil.ignore_patterns("__pycache__", "packs"))
    proc = subprocess.run([sys.executable, "-c", "from cxsmart.read.packs import builtin_pack_dir as d; print(d())"],
                          env={"PYTHONPATH": str(tmp_path / "lib"), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and "the built-in rule packs are missing from this installation" in proc.stderr


def test_nel_ls_and_ps_inside_values_are_kept_as_written():
    # YAML 1.2 reads them as content, not line breaks: in a title, an owner and a list item alike
    from cxsmart.read.loader import load_text

    file = load_text("g.yaml", "- title: Raise CSAT\u2028from 70% to 75%\n  owner: cc\x85team\n"
                               "  actions: [Call back\u2029today]\n")
    (goal,) = file.sections["goals"]
    assert (goal.model.title, goal.model.owner, goal.model.actions[0].title) == \
        ("Raise CSAT\u2028from 70% to 75%", "cc\x85team", "Call back\u2029today")
    assert file.problems == []


def test_json_written_surrogate_pairs_are_read_as_their_character():
    # json.dumps writes an emoji as "\\ud83c\\udfaf", which YAML's reader refuses on its own; a file a
    # tool exported is read, the character joined, and what follows keeps its column
    import json

    from cxsmart.read.loader import load_text

    title = "\U0001F3AF Raise NPS to 40 by 2027-12-31"
    text = "- title: " + json.dumps(title) + "\n  owner: contact centre\n  notes: plain \\ud83c\\udfaf stays\n"
    assert "\\ud83c\\udfaf" in text
    file = load_text("g.yaml", text)
    (goal,) = file.sections["goals"]
    assert file.problems == [] and goal.model.title == title
    assert goal.entry("owner").value.column == 10          # the next line's columns are untouched
    found = lint(text, select=["M002"])
    line = text.splitlines()[0]
    assert [(d.code, d.span.line, line[d.span.column - 1:d.span.end_column - 1]) for d in found] == [("M002", 1, "40")]


TEAM_PACK = """\
rules:
  - {code: CX101, name: jargon, extends: existence, tokens: [leverage], message: "'{match}' is jargon"}
  - {code: CX102, name: say-customers, extends: substitution, swap: {clients: customers},
     message: "write '{replacement}' instead of '{match}'"}
  - {code: CX103, name: no-portals, extends: substitution, swap: {portals: self-service}, message: "'{match}'",
     hint: say what the customer can do}
  - {code: CX104, name: segment-required, extends: required-field, fields: [segment], message: "no {field}"}
"""


def test_pack_rules_of_each_kind_load_and_fire(tmp_path, monkeypatch):
    from cxsmart.settings.config import Config

    monkeypatch.chdir(tmp_path)
    (tmp_path / "team.yaml").write_text(TEAM_PACK)
    found = lint("- title: Leverage portals for clients\n", config=Config(rule_packs=["team.yaml"]), select=["CX"])
    assert sorted((d.code, tuple(d.span), d.message, d.hint) for d in found) == [
        ("CX101", (1, 10, 1, 18), "'Leverage' is jargon", None),
        ("CX102", (1, 31, 1, 38), "write 'customers' instead of 'clients'", "write 'customers'"),   # the swap
        ("CX103", (1, 19, 1, 26), "'portals'", "say what the customer can do"),                  # its own hint
        ("CX104", (1, 10, 1, 38), "no segment", "add 'segment:'")]


@pytest.mark.parametrize("pack,error", [
    # a value that is not one of the choices is pointed at, not its key
    ("rules:\n  - {code: CX101, name: x, extends: existance, tokens: [a], message: m}\n",
     "pack.yaml:2:37: 'extends' must be one of existence, substitution, required-field (did you mean 'existence'?)"),
    ("rules:\n  - {code: CX101, name: x, extends: required-field, fields: [segmnt], message: m}\n",
     "pack.yaml:2:5: 'segmnt' is not a goal field (did you mean 'segment'?)"),
    ("hedge: [x]\n", "pack.yaml:1:1: unknown rule-pack section 'hedge' (did you mean 'hedges'?)"),
    ("hedges: {ad: [x]}\n", "pack.yaml:1:10: 'hedges' takes 'add' and 'remove' (did you mean 'add'?)"),
    ("hedges: [x, '']\n", "pack.yaml:1:9: 'hedges' must be a list of words or phrases"),
    ("hedges: {add: [x], remove: 5}\n", "pack.yaml:1:28: 'remove' must be a list of words or phrases"),
    ("direction-verbs: [up]\n", "pack.yaml:1:18: 'direction-verbs' must map up/down/better/hold to lists of verbs"),
    ("direction-verbs:\n  sideways: [x]\n", "pack.yaml:2:3: unknown direction 'sideways'"),
    ("metrics: {id: m}\n", "pack.yaml:1:10: 'metrics' must be a list"),
    ("metrics:\n  - {id: m, name: M, colour: red}\n", "pack.yaml:2:22: metric 1: unknown key 'colour'"),
    ("- {id: m, name: M}\n- {id: n, name: N, bettr: up}\n", "pack.yaml:2:20: metric 2: unknown key 'bettr' (did you mean 'better'?)"),
    ("metrics:\n  - {id: m, name: M, better: sideways}\n",
     "pack.yaml:2:30: metric 1: 'sideways' is not a direction: write 'higher is better' or 'lower is better'"),
    ("rules: {code: CX1}\n", "pack.yaml:1:8: 'rules' must be a list of rule mappings"),
    ("rules:\n  - {code: CX101, name: x, extends: existence, message: m}\n", "pack.yaml:2:5: an 'existence' rule needs 'tokens'"),
    ("rules:\n  - {code: CX101, name: x, extends: substitution, message: m}\n", "pack.yaml:2:5: a 'substitution' rule needs 'swap'"),
    ("rules:\n  - {code: X1, name: x, extends: existence, tokens: [a], message: m}\n",
     "pack.yaml:2:12: 'code': 'X1' is not a rule code: use letters and three digits, like CX101"),
    ("rules:\n  - {code: CX101, name: x, extends: existence, tokens: [a], message: m, colour: red}\n",
     "pack.yaml:2:73: unknown key 'colour' in a pack rule"),
    ("rules:\n  - {code: CX101, name: x, extends: existence, tokens: [a], message: m, severity: fatal}\n",
     "pack.yaml:2:83: 'severity': Input should be 'error', 'warning' or 'info'"),
    ("- title: x\n  bad\n", "pack.yaml:2:6: invalid YAML: could not find expected ':' (while scanning a simple key)"),
    ("vague-terms: [a]\n---\nb: 1\n", "pack.yaml:2:1: the file holds more than one YAML document; only the first is read"),
])
def test_a_pack_that_cannot_be_read_says_where_and_why(tmp_path, pack, error):
    from cxsmart.read.packs import PackError, load_packs

    (tmp_path / "pack.yaml").write_text(pack)
    with pytest.raises(PackError) as raised:
        load_packs([tmp_path / "pack.yaml"])
    assert str(raised.value) == f"{tmp_path}/{error}"


@pytest.mark.parametrize("depth,words", [
    (49, "did not find expected ',' or ']'"), (50, "did not find expected ',' or ']'"),   # libyaml reads it
    (51, "expected ',' or ']', but got '<stream end>'"),                                  # the pure reader
])
def test_brackets_nested_past_50_levels_are_read_by_the_pure_reader(depth, words):
    text = "- title: " + "[" * depth + "a" + "]" * (depth - 1) + "\n"
    (d,) = lint(text, select=["F001"])
    assert (tuple(d.span), d.message) == ((1, 2 * depth + 10, 1, 2 * depth + 10),          # the end of the line
                                          f"invalid YAML: {words} (while parsing a flow sequence)")


def test_a_tagged_value_is_refused_and_nothing_else_is_said_about_it():
    # the tag is the finding; the date behind it is not read, so no T007 on '2026-02-30'
    found = lint("- title: Raise NPS from 20 to 30\n  deadline: !!str 2026-02-30\n", select=["F", "T007"])
    assert [(d.code, tuple(d.span)) for d in found] == [("F002", (2, 13, 2, 29))]


@pytest.mark.parametrize("text", ["- title: Raise NPS\ue028from 20 to 30\n",                      # alone
                                  "- title: Raise NPS\ue028from 20 to 30\u2028by 2027-06-30\n"])  # beside an LS
def test_private_use_characters_in_a_value_are_kept_as_written(text):
    # U+E028 is what an LS is read as while the file is parsed; one written in the file stays itself
    from cxsmart.read.loader import load_text

    (goal,) = load_text("g.yaml", text).sections["goals"]
    assert goal.model.title == text[len("- title: "):-1]
