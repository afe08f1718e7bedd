"""`cxsmart lint --fix`, `--diff`, `--fix-only`, `--unsafe-fixes`: each fixed file compared byte for
byte with its golden file (tests/golden/fix/after/, rewritten by CXSMART_UPDATE_GOLDEN=1), a
second --fix changing nothing, and what is never rewritten."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from cxsmart.diagnostics import Edit, Fix, Span
from cxsmart.fix.apply import Unfixable, apply, choose

FIX = Path(__file__).parent / "golden" / "fix"
PINNED = ["--today", "2026-11-23", "--no-cache", "--extend-select", "M011"]
CASES = sorted(p.name for p in (FIX / "before").glob("*.yaml"))


def _fix(run_cli, tmp_path, name: str, *extra: str):
    shutil.copyfile(FIX / "before" / name, tmp_path / name)
    unsafe = ["--unsafe-fixes"] if name.startswith("unsafe") else []
    code, out, err = run_cli("lint", name, "--fix", *unsafe, *PINNED, *extra)
    return code, out, err, unsafe


@pytest.mark.parametrize("name", CASES)
def test_fix_matches_golden_bytes(run_cli, tmp_path, name):
    code, out, err, unsafe = _fix(run_cli, tmp_path, name)
    assert code in (0, 1), err
    after = (tmp_path / name).read_bytes()
    golden = FIX / "after" / name
    if os.environ.get("CXSMART_UPDATE_GOLDEN"):
        golden.write_bytes(after)
    assert after == golden.read_bytes(), f"{name} differs; CXSMART_UPDATE_GOLDEN=1 rewrites it"
    code, out, err = run_cli("lint", name, "--fix", *unsafe, *PINNED)          # converged
    assert (tmp_path / name).read_bytes() == after
    code, out, err = run_cli("lint", name, "--diff", *unsafe, *PINNED)
    assert (code, out) == (0, "") and "nothing to fix" in err


def test_untouched_lines_and_endings_survive(run_cli, tmp_path):
    _fix(run_cli, tmp_path, "crlf.yaml")
    before = (FIX / "before" / "crlf.yaml").read_bytes()
    after = (tmp_path / "crlf.yaml").read_bytes()
    assert b"\n" not in after.replace(b"\r\n", b"")                        # every line still CRLF
    kept = [line for line in before.split(b"\r\n") if b"metric" not in line and b"deadline" not in line]
    assert all(line in after.split(b"\r\n") for line in kept)
    _fix(run_cli, tmp_path, "bom-no-final-newline.yaml")
    after = (tmp_path / "bom-no-final-newline.yaml").read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and not after.endswith(b"\n")


def test_diff_changes_nothing_and_exits_1(run_cli, tmp_path):
    shutil.copyfile(FIX / "before" / "flow.yaml", tmp_path / "flow.yaml")
    code, out, err = run_cli("lint", "flow.yaml", "--diff", *PINNED)
    assert code == 1
    assert out.startswith("--- flow.yaml\n+++ flow.yaml\n@@ ")
    assert "+  actions: [{title: Coach agents, owner: team-leads, due: 2027-02-15}]\n" in out
    assert "would fix 6 findings in 1 file" in err
    assert (tmp_path / "flow.yaml").read_bytes() == (FIX / "before" / "flow.yaml").read_bytes()
    code, _, _ = run_cli("lint", "flow.yaml", "--diff", "--exit-zero", *PINNED)
    assert code == 0


def test_fix_only_reports_nothing_else(run_cli, tmp_path):
    code, out, err, _ = _fix(run_cli, tmp_path, "block.yaml", "--fix-only")
    assert (code, out) == (0, "Fixed 6 findings in 1 file.\n")
    code, out, _ = run_cli("lint", "block.yaml", "--fix-only", *PINNED)
    assert (code, out) == (0, "Nothing to fix.\n")


def test_fix_reports_what_remains(run_cli, tmp_path):
    code, out, err, _ = _fix(run_cli, tmp_path, "block.yaml", "--format", "concise")
    assert out.splitlines()[-1].startswith("Found ") and "(6 fixed, " in out
    assert "[*]" not in out
    code, out, err, _ = _fix(run_cli, tmp_path, "block.yaml", "--format", "json")
    assert json.loads(out)["summary"]["fixed"] == 6


def test_unsafe_fixes_need_the_flag(run_cli, tmp_path):
    shutil.copyfile(FIX / "before" / "unsafe-yearless.yaml", tmp_path / "y.yaml")
    run_cli("lint", "y.yaml", "--fix", *PINNED)
    assert b"by Q3\n" in (tmp_path / "y.yaml").read_bytes()
    code, out, _ = run_cli("lint", "y.yaml", *PINNED)
    assert "1 fixable with '--fix --unsafe-fixes'" in out or "fixable with '--fix --unsafe-fixes'" in out


def test_files_with_f001_or_f002_are_never_rewritten(run_cli, tmp_path):
    code, out, err, _ = _fix(run_cli, tmp_path, "broken.yaml")
    assert (tmp_path / "broken.yaml").read_bytes() == (FIX / "before" / "broken.yaml").read_bytes()
    said = "cxsmart: warning: 1 fix not applied in broken.yaml: the file has a value cxsmart cannot read (F002, line 4)"
    assert said in err.splitlines()
    code, out, err, _ = _fix(run_cli, tmp_path, "broken.yaml", "--select", "M011")   # F002 not selected
    assert (tmp_path / "broken.yaml").read_bytes() == (FIX / "before" / "broken.yaml").read_bytes()
    assert said in err.splitlines()


HELD = {
    "bad.yaml": "goals:\n  - id: held\n    title: Increase CSAT from 70% to 75% by 30 June 2027\n"
                "    metric: Customer satisfaction\n    deadline: 30/06/2027\n    baseline: lots\n",
    "good.yaml": "goals:\n  - id: fine\n    title: Increase CSAT from 70% to 75% by 30 June 2027\n"
                 "    metric: csat\n    deadline: 30/06/2027\n",
}


ONLY_DEFAULT = ["--today", "2026-11-23", "--no-cache"]


def test_fixes_in_a_file_fix_will_not_touch_are_never_counted(run_cli, tmp_path):
    """bad.yaml has a value cxsmart cannot read (F002: a baseline of words): its two fixes are neither
    marked, nor counted as fixable, nor counted as fixed, and the run says which file and why."""
    for name, text in HELD.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, err = run_cli("lint", "--format", "json", *ONLY_DEFAULT, "bad.yaml", "good.yaml")
    doc = json.loads(out)
    assert doc["summary"]["fixable"] == 1 and not [d for d in doc["diagnostics"] if d["path"] == "bad.yaml" and d["fix"]]
    code, out, err = run_cli("lint", *ONLY_DEFAULT, "bad.yaml", "good.yaml")
    assert "[*] 1 fixable with 'cxsmart lint --fix'." in out
    assert out.count("[*]") == 2                                            # the finding's mark and the summary
    assert "--fix will not apply 2 fixes in bad.yaml: the file has a value cxsmart cannot read (F002, line 6)." in out
    code, out, err = run_cli("lint", "--diff", *ONLY_DEFAULT, "bad.yaml", "good.yaml")
    assert "would fix 1 finding in 1 file" in err and "+++ bad.yaml" not in out and "+++ good.yaml" in out
    code, out, err = run_cli("lint", "--fix", *ONLY_DEFAULT, "bad.yaml", "good.yaml")
    assert "Fixed 1 finding." in out and "--fix will not apply" not in out
    assert [line for line in err.splitlines() if "not applied" in line] == [
        "cxsmart: warning: 2 fixes not applied in bad.yaml: the file has a value cxsmart cannot read (F002, line 6)"]
    assert (tmp_path / "bad.yaml").read_text(encoding="utf-8") == HELD["bad.yaml"]


def test_write_keeps_mode_and_links(run_cli, tmp_path):
    real = tmp_path / "real.yaml"
    shutil.copyfile(FIX / "before" / "flow.yaml", real)
    os.chmod(real, 0o640)
    (tmp_path / "link.yaml").symlink_to(real)
    run_cli("lint", "link.yaml", "--fix", *PINNED)
    assert (tmp_path / "link.yaml").is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert real.read_bytes() == (FIX / "after" / "flow.yaml").read_bytes()


def test_fixable_and_unfixable_narrow_the_codes(run_cli, tmp_path):
    (tmp_path / "cxsmart.toml").write_text('unfixable = ["M011"]\n')
    _fix(run_cli, tmp_path, "block.yaml")
    text = (tmp_path / "block.yaml").read_text()
    assert "metric: 'csat'" in text and "baseline: 72%" not in text
    (tmp_path / "cxsmart.toml").write_text('fixable = ["T"]\nunfixable = ["T0"]\nextend-select = []\n')
    _fix(run_cli, tmp_path, "block.yaml")
    assert (tmp_path / "block.yaml").read_bytes() == (FIX / "before" / "block.yaml").read_bytes()
    (tmp_path / "cxsmart.toml").write_text('fixable = ["T010"]\nunfixable = ["T"]\n')
    _fix(run_cli, tmp_path, "block.yaml")
    text = (tmp_path / "block.yaml").read_text()
    assert "start: 2027-01-01" in text and "metric: 'customer satisfaction'" in text
    (tmp_path / "cxsmart.toml").write_text('unfixable = ["X123"]\n')
    code, _, err, _ = _fix(run_cli, tmp_path, "block.yaml")
    assert code == 2 and "unfixable: 'X123' is not a rule code or prefix" in err


def test_cached_result_keeps_fixes(run_cli, tmp_path):
    shutil.copyfile(FIX / "before" / "block.yaml", tmp_path / "block.yaml")
    first = run_cli("lint", "block.yaml", "--format", "json", "--today", "2026-11-23", "--extend-select", "M011")[1]
    again = run_cli("lint", "block.yaml", "--format", "json", "--today", "2026-11-23", "--extend-select", "M011")[1]
    assert first == again and json.loads(first)["summary"]["fixable"] == 6


def test_same_fixes_for_one_file_or_the_workspace(run_cli, tmp_path):
    for name in ("block.yaml", "flow.yaml"):
        shutil.copyfile(FIX / "before" / name, tmp_path / name)
    run_cli("lint", ".", "--fix", *PINNED)
    one = {n: (tmp_path / n).read_bytes() for n in ("block.yaml", "flow.yaml")}
    for name in ("block.yaml", "flow.yaml"):
        shutil.copyfile(FIX / "before" / name, tmp_path / name)
        run_cli("lint", name, "--fix", *PINNED)
    assert one == {n: (tmp_path / n).read_bytes() for n in ("block.yaml", "flow.yaml")}


def test_apply_keeps_line_endings_and_rejects_bad_edits():
    text = "a: 1\r\nb: 2\nc: 3"
    fix = Fix((Edit(Span(2, 4, 2, 5), "20"), Edit(Span(3, 5, 3, 5), "\nd: 4")))
    assert apply(text, [fix]) == "a: 1\r\nb: 20\nc: 3\r\nd: 4"
    assert apply("\ufeffa: 1\n", [Fix((Edit(Span(1, 4, 1, 5), "2"),))]) == "\ufeffa: 2\n"
    with pytest.raises(Unfixable):
        apply(text, [Fix((Edit(Span(9, 1, 9, 1), "x"),))])
    with pytest.raises(Unfixable):
        apply(text, [Fix((Edit(Span(1, 9, 1, 9), "x"),))])


def test_choose_takes_whole_fixes_that_do_not_overlap():
    one = Fix((Edit(Span(1, 1, 1, 5), "x"),), message="a")
    overlapping = Fix((Edit(Span(1, 3, 1, 8), "y"), Edit(Span(4, 1, 4, 1), "z")), message="b")
    same_point = Fix((Edit(Span(1, 1, 1, 1), "w"),), message="c")
    touching = Fix((Edit(Span(1, 5, 1, 5), "v"),), message="d")
    assert choose([overlapping, one, same_point, touching]) == [same_point, overlapping]
    assert choose([one, touching]) == [one, touching]


def test_diff_shows_every_pass_that_fix_would_make(run_cli, tmp_path):
    shutil.copyfile(FIX / "before" / "unsafe-yearless.yaml", tmp_path / "y.yaml")
    code, out, err = run_cli("lint", "y.yaml", "--diff", "--unsafe-fixes", *PINNED)
    assert code == 1 and "would fix 5 findings" in err
    assert "+    title: Lift first contact resolution from 72% to 78% by Q3 2027\n" in out
    assert "+    deadline: Q3 2027\n" in out                 # added in a later pass, from the fixed title
    assert (tmp_path / "y.yaml").read_bytes() == (FIX / "before" / "unsafe-yearless.yaml").read_bytes()


def test_a_fix_that_would_change_the_shape_is_refused():
    from cxsmart.fix.run import _check_shape
    from cxsmart.read.yamlread import parse_yaml

    def check(before: str, after: str) -> None:
        _check_shape(parse_yaml(before).data, parse_yaml(after).data)

    check("goals:\n- title: a\n", "goals:\n- title: a\n  metric: csat\n")
    for after in ("goals:\n- title: a\n- metric: csat\n", "goals:\n- title: a\nmetric: csat\n",
                  "goals:\n- title: a\n  owner: x\n"):
        with pytest.raises(Unfixable):
            check("goals:\n- title: a\n", after)



def test_readme_shows_real_diff_and_fix_output(run_cli, tmp_path):
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    shutil.copytree(root / "examples", tmp_path / "examples")
    shutil.copyfile(root / "cxsmart.toml", tmp_path / "cxsmart.toml")      # as the README runs it: date pinned
    code, out, err = run_cli("lint", "examples/bad/written-forms.yaml", "--diff")
    assert code == 1 and f"```text\n{out}{err}```" in readme
    code, out, err = run_cli("lint", "examples/bad/written-forms.yaml", "--fix")
    assert code == 0 and f"```text\n{out}```" in readme


def test_fixes_create_no_finding(run_cli, tmp_path):
    """Fix, then lint: every finding after --fix was there before (by file, code and goal)."""
    from collections import Counter

    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "examples" / "bad", tmp_path / "bad")
    for name in CASES:
        shutil.copyfile(FIX / "before" / name, tmp_path / "bad" / f"fix-{name}")

    def found() -> Counter:
        _, out, _ = run_cli("lint", "bad", "--format", "json", "--unsafe-fixes", *PINNED)
        return Counter((d["path"], d["code"], d["goal"]) for d in json.loads(out)["diagnostics"])

    before = found()
    code, out, _ = run_cli("lint", "bad", "--fix", "--unsafe-fixes", "--format", "json", *PINNED)
    fixed = json.loads(out)["summary"]["fixed"]
    after = found()
    assert fixed > 20 and not after - before, after - before      # (a fix at an anchor fixes its aliases too)
