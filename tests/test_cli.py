"""The command line as users and CI meet it: exit codes, both formats (golden files over the
examples), errors as one line, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
PINNED = ["--today", "2026-11-23"]


@pytest.fixture
def examples(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path / "examples"


def check_golden(name: str, text: str):
    path = GOLDEN / name
    if os.environ.get("CXSMART_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; CXSMART_UPDATE_GOLDEN=1 rewrites it"


def test_good_example_is_clean_even_at_info(run_cli, examples):
    code, out, err = run_cli("lint", "examples/good", "--fail-on", "info", *PINNED)
    assert code == 0, out
    assert "All clear: 11 goals in 5 files" in out and err == ""


def test_bad_example_text_golden(run_cli, examples):
    code, out, _ = run_cli("lint", "examples/bad", "--color", "never", *PINNED)
    assert code == 1
    check_golden("bad.txt", out)


def test_bad_example_json_golden(run_cli, examples):
    code, out, _ = run_cli("lint", "examples/bad", "--format", "json", *PINNED)
    assert code == 1
    doc = json.loads(out)
    keys = {"code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "goal", "hint", "fix"}
    assert doc["diagnostics"] and all(set(d) == keys for d in doc["diagnostics"])
    order = [(d["path"], d["line"], d["column"], d["code"]) for d in doc["diagnostics"]]
    assert order == sorted(order)
    check_golden("bad.json", out)


def test_bad_example_shows_most_rules(run_cli, examples):
    _, out, _ = run_cli("lint", "examples/bad", "--format", "json", *PINNED)
    shown = {d["code"] for d in json.loads(out)["diagnostics"]}
    from cxsmart.rules import ALL

    missing = {r.code for r in ALL} - shown - {"F006", "F007", "F008", "M011"}
    assert not missing, f"examples/bad does not show {sorted(missing)}"


@pytest.mark.parametrize("args,expected", [
    (["--fail-on", "error"], 1),
    (["--select", "P", "--fail-on", "warning"], 0),       # P findings here are info, P003 a warning
    (["--select", "P004"], 0),
    (["--select", "P004", "--fail-on", "info"], 1),
    (["--exit-zero"], 0),
])
def test_fail_on_and_exit_zero(run_cli, examples, args, expected):
    if args[:2] == ["--select", "P"]:
        args = ["--select", "P001,P002,P004"] + args[2:]
    code, _, _ = run_cli("lint", "examples/bad", *PINNED, *args)
    assert code == expected


@pytest.mark.parametrize("args,words", [
    (["lint", "nope.yaml"], "nope.yaml: no such file or directory"),
    (["lint", "--select", "M0002", "g.yaml"], "did you mean"),
    (["lint", "--today", "tomorrow", "g.yaml"], "--today 'tomorrow' is not a date"),
    (["lint", "--config", "missing.toml", "g.yaml"], "configuration file not found"),
    (["rule", "M02"], "no rule 'M02'"),
])
def test_cannot_run_is_exit_2_with_one_line(run_cli, tmp_path, args, words):
    (tmp_path / "g.yaml").write_text("- title: x\n")
    code, out, err = run_cli(*args)
    assert code == 2 and words in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err + out


def test_bad_flag_is_exit_2(run_cli):
    code, _, _ = run_cli("lint", "--frobnicate")
    assert code == 2


def test_exit_zero_never_hides_exit_2(run_cli):
    code, _, err = run_cli("lint", "missing.yaml", "--exit-zero")
    assert code == 2


def test_unexpected_error_is_exit_2_without_traceback(tmp_path, monkeypatch, capsys):
    from cxsmart import api
    from cxsmart.cli import entry

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(api, "lint_paths", boom)
    monkeypatch.setattr(sys, "argv", ["cxsmart", "lint", str(tmp_path)])
    with pytest.raises(SystemExit) as e:
        entry.main()
    err = capsys.readouterr().err
    assert e.value.code == 2 and "internal error: RuntimeError: kaboom" in err and "Traceback" not in err


def test_no_goal_files_found_warns(run_cli, tmp_path):
    code, _, err = run_cli("lint", str(tmp_path))
    assert code == 0 and "no goal files found" in err


def test_no_paths_uses_include_and_skips_hidden_and_gitignored(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("archive/\n")
    (tmp_path / "cxsmart.toml").write_text('include = ["goals/**/*.yaml"]\nexclude = ["goals/drafts/"]\n')
    for rel in ("goals/team.yaml", "goals/drafts/d.yaml", "archive/old.yaml", "other.yaml",
                ".github/workflows/ci.yaml", "goals/.hidden.yaml"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("- {id: %s, title: Raise NPS}\n" % path.stem)
    (tmp_path / "goals" / "archive").mkdir()
    (tmp_path / "goals" / "archive" / "a.yaml").write_text("- {title: Raise NPS}\n")
    (tmp_path / ".gitignore").write_text("archive/\n")
    code, out, _ = run_cli("lint", "--format", "json", "--select", "P004")
    paths = {d["path"] for d in json.loads(out)["diagnostics"]}
    assert paths == {"goals/team.yaml"}


def test_statistics_and_quiet(run_cli, examples):
    _, out, _ = run_cli("lint", "examples/bad", "--statistics", *PINNED)
    assert "R001  no-objective  (error)" in out and "examples/bad/workspace.yaml:" not in out
    _, out, _ = run_cli("lint", "examples/bad", "--quiet", *PINNED)
    assert "Checked" not in out and "F001" in out
    code, out, _ = run_cli("lint", "examples/good", "--quiet", *PINNED)
    assert code == 0 and out == ""


def test_color_always_emits_ansi(run_cli, examples):
    _, out, _ = run_cli("lint", "examples/bad", "--color", "always", "--select", "F001", *PINNED)
    assert "\x1b[" in out


def test_colour_changes_nothing_but_escape_codes(run_cli, examples):
    import re

    _, coloured, _ = run_cli("lint", "examples/bad", "--color", "always", *PINNED)
    _, plain, _ = run_cli("lint", "examples/bad", "--color", "never", *PINNED)
    assert "\x1b[1;31mF001\x1b[0m" in coloured and "\x1b[" not in plain           # errors in bold red
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_rules_and_rule(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0 and "M002  no-baseline" in out and "F007" in out and "off by default" in out
    code, out, _ = run_cli("rules", "--format", "json")
    rows = json.loads(out)
    assert {"code": "T003", "name": "past-deadline", "severity": "warning", "letter": "T"}.items() <= \
        next(r for r in rows if r["code"] == "T003").items()
    code, out, _ = run_cli("rule", "no-baseline")
    assert code == 0 and out.startswith("M002 no-baseline") and "## Why it matters" in out and "Kiruthu" in out


def test_metrics_command(run_cli):
    code, out, _ = run_cli("metrics")
    assert code == 0 and "churn_rate" in out and "first contact resolution" in out


def test_version_and_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "cxsmart", "--version"], capture_output=True, text=True)
    from cxsmart import __version__

    assert proc.returncode == 0 and proc.stdout.strip() == f"cxsmart {__version__}"


def test_console_entry_flushes_everything_before_its_fast_exit(run_cli, tmp_path):
    """The console script exits with os._exit: a large output must still arrive whole, with
    the exit code of the findings."""
    lines = ["goals:"]
    for n in range(1500):                   # > 256 KB: the prose worker runs; thousands of findings
        lines += [f"  - id: g{n}", f"    title: Improve the customer experience of desk {n} as soon as we can",
                  "    description: " + "Some context for the desk, kept short. " * 5]
    (tmp_path / "goals.yaml").write_text("\n".join(lines) + "\n")
    args = ["lint", str(tmp_path), "--format", "json", "--no-cache", "--today", "2026-03-01"]
    proc = subprocess.run([sys.executable, "-m", "cxsmart", *args], capture_output=True, text=True, timeout=120)
    doc = json.loads(proc.stdout)
    assert proc.returncode == 1 and len(doc["diagnostics"]) >= 1500 * 3
    assert {"S001", "T002"} <= {d["code"] for d in doc["diagnostics"]}      # "as soon as we can": vague, not missing
    code, out, _ = run_cli(*args)                                   # the same run in-process
    assert code == 1 and json.loads(out)["diagnostics"] == doc["diagnostics"]


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["rules"], ["rule", "M002"], ["metrics"], ["schema"]])
def test_commands_that_read_no_goal_never_import_spacy(args):
    code = ("import sys; sys.argv = ['cxsmart'] + sys.argv[1:]\nfrom cxsmart.cli.entry import main\n"
            "try:\n    main()\nexcept SystemExit: pass\n"
            "assert 'spacy' not in sys.modules, 'spacy imported'")
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_lint_help_offers_isolated_and_hides_the_old_workspace_flag(run_cli):
    code, out, _ = run_cli("lint", "--help")
    assert code == 0 and "--isolated" in out and "--workspace" not in out
    code, _, err = run_cli("lint", "--workspace", "--isolated", "--frobnicate")
    assert code == 2 and "--frobnicate" in err
