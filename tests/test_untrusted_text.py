"""Issue 11, round two: what a pull request writes cannot blind, leak or hang the gate, for the
classes about text (4 output neutralisers, 6 bounded language work, 7 line breaks, 9 configuration
values, 10 pack templates, 11 positions, 12 JUnit XML). Every test is built from generated inputs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxsmart.api import lint_text
from cxsmart.diagnostics import Diagnostic, Severity, Span
from cxsmart.common.printable import github_data, github_param, printable, xml_text

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])
# characters a terminal or a CI log interprets, and ones that look harmless
HOSTILE = st.sampled_from(["\x1b[31m", "\x1b]8;;http://x\x07", "\n::add-mask::secret", "\r::error::x", "%0A",
                           "\x00", "\x07", "\x85", "\u2028", "\u202e", "\ud800", "\ufffe", "::", "%", ",", ":",
                           "\t", "é", "😀", "plain words "])
TEXTS = st.lists(st.one_of(HOSTILE, st.text(max_size=8)), max_size=8).map("".join)
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _cli(args, cwd, **env):
    return subprocess.run([sys.executable, "-m", "cxsmart", *args], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_COLOR": "1", **env}, timeout=120)


def _finding(message: str, path: str = "goals.yaml", goal: str | None = "g1", hint: str | None = None) -> Diagnostic:
    return Diagnostic("M001", "no-metric", Severity.ERROR, message, path, Span(1, 1, 1, 2), goal=goal, hint=hint)


def _result(diagnostics):
    return SimpleNamespace(diagnostics=diagnostics, files=1, goals=1, paths=sorted({d.path for d in diagnostics}),
                           fail_on=Severity.WARNING, registry=None, warnings=[])


# -- class 4: one neutraliser per output kind ---------------------------------------------------

@FAST
@given(TEXTS)
def test_terminal_text_holds_no_control_character_and_is_one_line(text):
    shown = printable(text)
    assert _TERMINAL_UNSAFE.search(shown) is None
    assert "\n" not in shown and "\r" not in shown and "\x1b" not in shown
    if _TERMINAL_UNSAFE.search(text) is None:
        assert shown == text


@FAST
@given(TEXTS, TEXTS, TEXTS)
def test_github_annotations_are_one_line_each_whatever_the_message(message, path, hint):
    from cxsmart.output import github

    out = github.render(_result([_finding(message, path or "g.yaml", hint=hint or None)]))
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=") and lines[1].startswith("cxsmart: ")
    assert _TERMINAL_UNSAFE.search(out.replace("\n", "")) is None
    for part in (github_data(message), github_param(path)):
        assert "\n" not in part and "\r" not in part
    assert "::" not in github_param(path) and "," not in github_param(path)


@pytest.mark.parametrize("hostile", ["::add-mask::{s}", "::error::{s}", "\x1b[2J{s}", "{s}\r::warning::x", "\u202e{s}"])
def test_stale_baseline_strings_reach_stderr_neutralised(tmp_path, hostile):
    entry = {"fingerprint": "0" * 32, "code": hostile.format(s="C"), "path": hostile.format(s="p.yaml"),
             "goal": hostile.format(s="g"), "message": "line one\n" + hostile.format(s="secret")}
    (tmp_path / "base.json").write_text(json.dumps({"tool": "cxsmart", "version": 1, "findings": [entry]}))
    (tmp_path / "g.yaml").write_text("goals:\n  - title: Increase CSAT from 72% to 77% by 2030-06-30\n")
    run = _cli(["lint", "--no-cache", "--baseline", "base.json", "--report-stale-baseline", "--format", "github",
                "g.yaml"], tmp_path)
    assert run.returncode in (1, 2) and "Traceback" not in run.stderr
    for stream in (run.stdout, run.stderr):
        assert "\x1b" not in stream and "\u202e" not in stream
        for line in stream.splitlines():
            assert not line.startswith("::") or line.startswith(("::error file=", "::warning file=",
                                                                  "::notice file="))


@pytest.mark.skipif(sys.platform == "win32", reason="file names with control characters")
@pytest.mark.parametrize("name", ["\x1b[31mred", "a\x07b", "\u202ertl", "x\x1b]0;title\x07", "::error::n"])
@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_a_file_name_with_escapes_is_printed_visibly(tmp_path, name, fmt):
    (tmp_path / f"{name}.yaml").write_text("- title: x\n")
    run = _cli(["lint", "--no-cache", "--format", fmt, "--color", "never" if fmt == "text" else "auto", "."]
               if fmt == "text" else ["lint", "--no-cache", "--format", fmt, "."], tmp_path)
    assert run.returncode == 1, run.stderr
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout and "\u202e" not in run.stdout
    for line in run.stdout.splitlines():
        assert not line.startswith("::") or line.startswith(("::error file=", "::warning file=", "::notice file="))


@FAST
@given(TEXTS)
def test_configuration_values_in_errors_are_printable(value):
    from cxsmart.settings.config import ConfigError, load_config

    root = Path(os.environ.get("TMPDIR", "/tmp"))
    with pytest.raises(ConfigError) as e:
        _load(root, {"fail-on": value}, load_config)
    assert _TERMINAL_UNSAFE.search(printable(str(e.value))) is None


def _load(root: Path, table: dict, load_config):
    import tempfile

    with tempfile.TemporaryDirectory(dir=root) as d:
        path = Path(d) / "cxsmart.toml"
        lines = [f"{key} = {json.dumps(value)}" for key, value in table.items()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return load_config(path, Path(d))


# -- class 12: JUnit is well-formed XML whatever a message holds --------------------------------

@FAST
@given(TEXTS, TEXTS, TEXTS, TEXTS)
def test_junit_parses_whatever_the_finding_holds(message, path, goal, hint):
    from cxsmart.output import junit

    out = junit.render(_result([_finding(message, path or "g.yaml", goal or None, hint or None)]))
    root = ET.fromstring(out.split("\n", 1)[1].encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == xml_text(message)


def test_junit_of_a_goal_file_with_a_forbidden_character_parses(tmp_path):
    (tmp_path / "g.yaml").write_text('- title: "Increase CSAT \\x01\\x1b\\uFFFE\\ud800 by 2030"\n')
    run = _cli(["lint", "--no-cache", "--format", "junit", "g.yaml"], tmp_path)
    assert run.returncode == 1, run.stderr
    ET.fromstring(run.stdout.split("\n", 1)[1].encode("utf-8"))


# -- class 7 and 11: line breaks and positions --------------------------------------------------

LINES = st.lists(st.sampled_from([
    "goals:", "  - title: Increase CSAT from 72% to 77% by 2030-06-30", "    id: a", "    owner: cc",
    "  - title: \"Reduce churn \u2028 by 2 pp\"", "    # cxsmart: ignore[M001]", "", "  - title: x\x85y",
    "  - title: 'caf\u00e9 \u00e9\u00e9 x'", "    metric: csat", "\x0c", "  - title: \"unclosed",
    "  - title: caf\u00e9\x01", "- [", "\u2029", "      h of them can mo",
]), min_size=1, max_size=8)
BREAKS = st.sampled_from(["\n", "\r\n", "\r"])


def _inside(text: str, d: Diagnostic) -> bool:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    s = d.span
    return (1 <= s.line <= s.end_line <= len(lines) and (s.end_line, s.end_column) >= (s.line, s.column)
            and s.column <= len(lines[s.line - 1]) + 1 and s.end_column <= len(lines[s.end_line - 1]) + 1)


@FAST
@given(LINES, BREAKS, st.booleans(), st.booleans())
def test_every_line_break_style_reads_the_same_and_positions_stay_inside(lines, brk, lead, trail):
    text = ("\r" if lead else "") + brk.join(lines) + (brk if trail else "")
    reference = text.replace("\r\n", "\n").replace("\r", "\n")     # a lead '\r' before '\n' is one CRLF
    got = lint_text(text).diagnostics
    want = lint_text(reference).diagnostics
    assert [(d.code, d.span, d.message) for d in got] == [(d.code, d.span, d.message) for d in want]
    assert all(_inside(reference, d) for d in got), [(d.code, d.span) for d in got if not _inside(reference, d)]


@pytest.mark.parametrize("sep", ["\x85", "\u2028", "\u2029", "\x0c"])
@pytest.mark.parametrize("where", [1, 2, 3])
def test_nel_ls_ps_and_form_feed_are_not_line_breaks(sep, where):
    lines = ["goals:", "  - title: Increase CSAT from 72% to 77% by 2030-06-30", "    id: a", "    owner: nobody"]
    lines[where] = lines[where] + " " + sep + " x" if where == 1 else lines[where]
    text = "\n".join(lines[:where]) + "\n" + sep * (where == 2) + "\n".join(lines[where:]) + "\n"
    found = lint_text(text).diagnostics
    assert not any("control character" in d.message for d in found)
    owners = [d for d in found if d.code == "F004" or "nobody" in d.message]
    assert all(d.span.line == 4 for d in owners)


@pytest.mark.parametrize("brk", ["\r", "\r\n", "\n"])
def test_old_mac_files_lint_from_the_command_line(tmp_path, brk):
    (tmp_path / "g.yaml").write_bytes(brk.join(["goals:", "  - title: Increase CSAT from 72% to 77% by 2030-06-30",
                                                "    id: a"]).encode() + brk.encode())
    run = _cli(["lint", "--no-cache", "--format", "json", "g.yaml"], tmp_path)
    assert run.returncode == 1, run.stderr
    assert {d["line"] for d in json.loads(run.stdout)["diagnostics"]} <= {1, 2, 3}


@FAST
@given(st.lists(st.sampled_from(["é", "😀", "中", "a", "ß"]), max_size=30).map("".join), st.sampled_from(
    ["\x01", "\x02", "\x7f", "\x1b"]))
def test_a_reader_error_is_at_the_character_column(prefix, bad):
    text = f"goals:\n  - title: {prefix}{bad}\n"
    found = [d for d in lint_text(text).diagnostics if d.code == "F001"]
    assert found and found[0].span.line == 2
    assert found[0].span.column == len("  - title: ") + len(prefix) + 1


@FAST
@given(st.lists(st.sampled_from(["goals:", "  - title: ok", "    id: a", ""]), max_size=5), BREAKS,
       st.sampled_from(['"unclosed', "'unclosed", "[1, 2", "{a: 1"]), st.booleans())
def test_an_unclosed_quote_at_the_end_points_inside_the_file(head, brk, tail, newline):
    text = brk.join([*head, f"  - title: {tail}"]) + (brk if newline else "")
    found = lint_text(text).diagnostics
    reference = text.replace("\r\n", "\n").replace("\r", "\n")
    assert found and all(_inside(reference, d) for d in found)


# -- class 9: configuration values checked before use -------------------------------------------

BAD_GLOBS = ["!", "\\", "!\\", "\\\\\\"]
NON_TABLES = [1, "x", True, [1], 1.5]


@pytest.mark.parametrize("key", ["include", "exclude", "per-file-ignores"])
@pytest.mark.parametrize("glob", BAD_GLOBS)
def test_an_unreadable_glob_is_a_configuration_error_naming_it(tmp_path, key, glob):
    from cxsmart.settings.config import ConfigError, load_config

    value = {glob: ["M001"]} if key == "per-file-ignores" else [glob]
    (tmp_path / "cxsmart.toml").write_text(f"[{key}]\n" + "".join(f"{json.dumps(k)} = {json.dumps(v)}\n"
                                                                  for k, v in value.items())
                                           if isinstance(value, dict) else f"{key} = {json.dumps(value)}\n")
    with pytest.raises(ConfigError) as e:
        load_config(None, tmp_path)
    assert json.dumps(glob) in str(e.value) and "glob" in str(e.value)


@pytest.mark.parametrize("where", ["tool", "tool.cxsmart", "rules", "severity", "per-file-ignores"])
@pytest.mark.parametrize("value", NON_TABLES)
def test_a_non_table_where_a_table_belongs_is_exit_2_without_a_traceback(tmp_path, where, value):
    toml_value = json.dumps(value).replace("true", "true")
    if where == "tool":
        text = f"tool = {toml_value}\n# [tool.cxsmart]\n"
    elif where == "tool.cxsmart":
        text = f"[tool]\ncxsmart = {toml_value}\n"
    else:
        text = f"[tool.cxsmart]\n{where} = {toml_value}\n"
    (tmp_path / "pyproject.toml").write_text(text)
    (tmp_path / "g.yaml").write_text("- title: x\n")
    run = _cli(["lint", "--no-cache", "--config", "pyproject.toml", "g.yaml"], tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert run.stderr.startswith("cxsmart: ")


@pytest.mark.parametrize("length", [256, 300, 5000])
@pytest.mark.parametrize("key", ["rule-packs", "baseline"])
def test_a_path_too_long_is_a_plain_error(tmp_path, length, key):
    value = ["p" * length] if key == "rule-packs" else "p" * length
    (tmp_path / "cxsmart.toml").write_text(f"{key} = {json.dumps(value)}\n")
    (tmp_path / "g.yaml").write_text("- title: x\n")
    run = _cli(["lint", "--no-cache", "g.yaml"], tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert "not a usable path" in run.stderr and len(run.stderr) < 400


@pytest.mark.parametrize("length", [300, 5000])
def test_a_pack_location_too_long_is_a_pack_error(tmp_path, length):
    from cxsmart.read.packs import PackError, pack_files

    with pytest.raises(PackError):
        pack_files(tmp_path / ("p" * length))


# -- class 10: pack message templates checked when the pack loads -------------------------------

FIELD = st.one_of(st.sampled_from(["match", "replacement", "field", "foo", "0", "", "match.x", "match[0]"]),
                  st.text(alphabet="abcxyz_0", min_size=1, max_size=6))
SPEC = st.sampled_from(["", ":>300000000", ":x", "!r", "!s:>10", ":{field}"])


@FAST
@given(st.lists(st.tuples(st.text(alphabet="ab {}'", max_size=4), FIELD, SPEC), max_size=4))
def test_a_pack_template_loads_only_if_it_formats_boundedly(tmp_path_factory, parts):
    from cxsmart.read.packrules import TEMPLATE_FIELDS
    from cxsmart.read.packs import PackError, load_pack

    template = "".join(f"{lit}{{{name}{spec}}}" for lit, name, spec in parts) or "plain"
    path = tmp_path_factory.mktemp("pack") / "p.yaml"
    path.write_text("rules:\n  - code: CX101\n    name: jargon\n    extends: existence\n    tokens: [synergy]\n"
                    f"    message: {json.dumps(template)}\n")
    try:
        pack = load_pack(path)
    except PackError as e:
        assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", str(e)), str(e)
        return
    assert all(name in TEMPLATE_FIELDS and not spec for _, name, spec in parts)
    spec, _ = pack.rules[0]
    out = spec.message.format(match="m" * 10, replacement="r", field="f")
    assert len(out) <= len(template) + 10 * len(parts)


@pytest.mark.parametrize("template", ["{foo}", "{match:>300000000}", "{match!r}", "{}", "{0}", "{", "}"])
def test_the_examples_of_issue_11_are_pack_errors_with_a_position(tmp_path, template):
    from cxsmart.read.packs import PackError, load_pack

    path = tmp_path / "p.yaml"
    path.write_text("rules:\n  - code: CX101\n    name: jargon\n    extends: existence\n    tokens: [synergy]\n"
                    f"    message: '{template}'\n")
    with pytest.raises(PackError, match=r"p\.yaml:6:\d+: 'message'"):
        load_pack(path)


# -- class 6: bounded work per text in the language analysis ------------------------------------

RUNS = st.lists(st.tuples(st.sampled_from(["(", "[", '"', "'", ")", "-", "a", "1", "%", "é", " ", "\u00df"]),
                          st.integers(1, 3000)), max_size=6).map(lambda rs: "".join(c * n for c, n in rs))


@FAST
@given(RUNS)
def test_the_tokenizer_never_sees_a_run_longer_than_the_bound(text):
    from cxsmart.language.pipeline import MAX_CHUNK, lower

    seen = lower(text)
    assert len(seen) == len(text)
    assert max((len(run) for run in seen.split()), default=0) <= MAX_CHUNK
    kept = [i for i, (a, b) in enumerate(zip(seen, text)) if a != b.lower() and a != " "]
    assert kept == []                     # only characters of long runs become spaces: offsets hold


def test_spacy_is_handed_bounded_texts():
    from cxsmart.language import pipeline as pl
    from cxsmart.read.packs import load_packs

    handed: list[str] = []
    built = pl.build(load_packs())
    real = built.nlp.pipe

    def recording(texts, **kw):
        texts = list(texts)
        handed.extend(texts)
        return real(texts, **kw)

    docs = list(pl.Pipeline(SimpleNamespace(pipe=recording), built.matcher, built.labels).docs(
        [c * 10_000 for c in "([\"'"] + ["Increase CSAT from 72% to 77% by 2030-06-30"]))
    assert len(handed) == 5
    assert all(max(len(r) for r in t.split()) <= pl.MAX_CHUNK for t in handed)
    assert all(len(doc) <= len(t) for doc, t in zip(docs, handed))
    assert handed[-1] == "increase csat from 72% to 77% by 2030-06-30"
