"""The baseline and the configuration are untrusted files too (issue 11, classes 5, 7, 8, 9): a
FIFO, a device, an oversized file or deeply nested JSON is a plain error (exit 2), never a hang
or a traceback; the text output shows the line positions count; a .gitignore line git cannot
read is skipped, as git skips it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

GOAL = "- id: g\n  title: Increase CSAT from 72% to 77% by 2030-06-30\n"


def cli(tmp_path, *args, timeout=60):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    proc = subprocess.run([sys.executable, "-m", "cxsmart", *args], cwd=tmp_path, capture_output=True, text=True,
                          timeout=timeout, env=env)
    assert "Traceback" not in proc.stderr + proc.stdout
    return proc


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "nested", "huge"])
def test_a_baseline_that_is_not_a_small_regular_json_file_is_exit_2(tmp_path, kind):
    (tmp_path / "goals.yaml").write_text(GOAL)
    base = tmp_path / "baseline.json"
    if kind == "fifo":
        os.mkfifo(base)
    elif kind == "dev-zero":
        base.symlink_to("/dev/zero")
    elif kind == "folder":
        base.mkdir()
    elif kind == "nested":
        base.write_text("[" * 100_000 + "]" * 100_000)
    else:
        with open(base, "wb") as f:
            f.truncate(65 * 1024 * 1024)            # sparse: larger than the bound, cheap to make
    proc = cli(tmp_path, "lint", "goals.yaml", "--no-cache", "--baseline", "baseline.json")
    assert proc.returncode == 2 and "baseline.json" in proc.stderr


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1_001, max_value=300_000))
def test_deeply_nested_baseline_json_is_a_plain_error(depth):
    from cxsmart.output.baseline import BaselineError, load
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.json"
        path.write_text("[" * depth + "]" * depth)
        with pytest.raises(BaselineError, match="nested deeper"):
            load(path)


@pytest.mark.parametrize("kind", ["fifo", "huge"])
def test_a_configuration_that_is_not_a_small_regular_file_is_exit_2(tmp_path, kind):
    (tmp_path / "goals.yaml").write_text(GOAL)
    config = tmp_path / "cxsmart.toml"
    if kind == "fifo":
        os.mkfifo(config)
    else:
        config.write_text("# " + "x" * (2 * 1024 * 1024) + "\n")
    proc = cli(tmp_path, "lint", "goals.yaml", "--no-cache", "--config", "cxsmart.toml")
    assert proc.returncode == 2 and "cxsmart.toml" in proc.stderr


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029", "\x0c"])
def test_the_text_output_shows_the_line_the_position_counts(tmp_path, brk):
    text = f"goals:\n  - title: Improve the customer journey {brk} a lot\n    id: a\n    owner: nobody\n"
    (tmp_path / "goals.yaml").write_text(text)
    proc = cli(tmp_path, "lint", "goals.yaml", "--no-cache", "--isolated", "--color", "never")
    shown = [line for line in proc.stdout.splitlines() if line.strip().startswith("4 │")]
    assert shown and "owner: nobody" in shown[0]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(["!", "\\", "*.tmp", "!keep.yaml", "[", "a\\", "#x", "/build/"]), max_size=6))
def test_a_gitignore_line_git_cannot_read_is_skipped(tmp_path_factory, lines):
    root = tmp_path_factory.mktemp("repo")
    (root / ".git").mkdir()
    (root / ".gitignore").write_text("\n".join(lines) + "\n")
    (root / "goals.yaml").write_text(GOAL)
    proc = cli(root, "lint", "--no-cache", "--format", "json")
    assert proc.returncode in (0, 1)
    assert json.loads(proc.stdout)["goals"] == 1
