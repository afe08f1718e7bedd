"""What the reading stage attaches to a finding: the goal a problem with a goal's keys belongs to."""

from __future__ import annotations

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
    import pytest

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
