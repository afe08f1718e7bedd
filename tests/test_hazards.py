"""Every hazard in shared/spec/yaml-hazards.md: the finding and position it must give, within a
time bound. Files are written as bytes, so encodings reach the loader as they would on disk."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cxsmart.api import lint_paths
from cxsmart.settings.config import Config, LoadedConfig


@contextlib.contextmanager
def within(seconds: float):
    def expired(*_):
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def lint_file(tmp_path: Path, data: bytes, name: str = "goals.yaml", seconds: float = 60, **cfg):
    """Lint one file written as bytes; `seconds` only catches a hang (a cold language model on a
    busy machine takes several): how fast a hazard is refused is measured in benchmarks."""
    path = tmp_path / name
    path.write_bytes(data)
    loaded = LoadedConfig(config=Config(**cfg), root=tmp_path)
    with within(seconds):
        return lint_paths([path], loaded, cwd=tmp_path).diagnostics


def only(diags, code):
    found = [d for d in diags if d.code == code]
    assert found, f"no {code} in {[(d.code, d.message) for d in diags]}"
    return found


def at(d):
    return (d.span.line, d.span.column)


def test_billion_laughs_is_refused_not_expanded(tmp_path):
    # lint_file's time bound catches an expansion that hangs; how fast it is belongs in benchmarks
    rows = ["a: &a [1,1,1,1,1,1,1,1,1]"] + [
        f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]" for p, c in zip("abcdefgh", "bcdefghi")]
    (d,) = only(lint_file(tmp_path, "\n".join(rows).encode()), "F001")
    assert "expand to more than 100,000" in d.message


def test_deep_flow_nesting_neither_crashes_nor_hangs(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000)
    proc = subprocess.run([sys.executable, "-m", "cxsmart", "lint", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=30, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr            # a finding, not a segfault (-11) or exit 2
    d = json.loads(proc.stdout)["diagnostics"][0]
    assert (d["code"], d["line"]) == ("F001", 1) and "deeper than 100 levels" in d["message"]


def test_deep_block_nesting(tmp_path):
    text = "".join(" " * i + "k:\n" for i in range(3000))
    d = only(lint_file(tmp_path, text.encode()), "F001")[0]
    assert "deeper than 100 levels" in d.message and d.span.line == 100


def test_deep_compact_sequences(tmp_path):
    d = only(lint_file(tmp_path, ("- " * 3000 + "x\n").encode()), "F001")[0]
    assert d.span.line == 1


@pytest.mark.parametrize("text,where", [
    ("x: !!float\n", (1, 4)),
    ("- title: !!int abc\n", (1, 10)),
    ("- title: !!set abc\n", (1, 10)),
    ("- title: !!python/object/apply:os.system [echo pwned]\n", (1, 10)),
    ("- !custom {title: x}\n", (1, 3)),
])
def test_tags_are_refused_and_never_constructed(tmp_path, text, where):
    diags = lint_file(tmp_path, text.encode())
    tags = [d for d in only(diags, "F002") if "tags such as" in d.message]
    assert [at(d) for d in tags] == [where]
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("text,code,where,words", [
    ("? - ?\n", "F002", (1, 3), "a key must be text"),
    ("- title: x\n  # c\n - y\n", "F001", (3, 2), "invalid YAML"),
    ("%YAML 1.3\n---\na: 1\n", "F001", (1, 1), "declares YAML 1.3; goal files are read as YAML 1.2 only"),
    ("a: [b\n", "F001", (1, 6), "invalid YAML"),
])
def test_malformed_text_is_a_finding(tmp_path, text, code, where, words):
    found = [d for d in lint_file(tmp_path, text.encode()) if d.code in ("F001", "F002")]
    assert [(d.code, at(d)) for d in found] == [(code, where)]
    assert words in found[0].message


def test_duplicate_key_reported_at_the_second(tmp_path):
    d = only(lint_file(tmp_path, b"- title: a\n  owner: x\n  owner: y\n"), "F003")[0]
    assert at(d) == (3, 3)


def test_yaml_1_1_directive_is_refused(tmp_path):
    d = only(lint_file(tmp_path, b"%YAML 1.1\n---\n- title: x\n  review: yes\n"), "F001")[0]
    assert at(d) == (1, 1)


def test_latin1_points_at_the_bad_byte(tmp_path):
    d = only(lint_file(tmp_path, "- title: Améliorer la satisfaction\n".encode("latin-1")), "F001")[0]
    assert at(d) == (1, 12) and "not UTF-8" in d.message


def test_binary_and_nul(tmp_path):
    d = only(lint_file(tmp_path, b"- title: x\n  owner: a\x00b\n"), "F001")[0]
    assert at(d) == (2, 11) and "NUL" in d.message
    assert only(lint_file(tmp_path, bytes(range(256)) * 4, name="bin.yaml"), "F001")


def test_utf16_with_bom_is_read(tmp_path):
    diags = lint_file(tmp_path, "- title: Raise NPS\n  owner: cc\n  target: lots\n".encode("utf-16"))
    assert [(d.code, at(d)) for d in diags if d.code in ("F001", "F002")] == [("F002", (3, 11))]


def test_utf8_bom_and_crlf_keep_positions_exact(tmp_path):
    text = "\ufeffgoals:\r\n  - title: Raise NPS\r\n    deadlne: 2026-01-01\r\n"
    d = only(lint_file(tmp_path, text.encode("utf-8")), "F009")[0]
    assert at(d) == (3, 5) and (d.span.end_line, d.span.end_column) == (3, 12)


def test_multiple_documents(tmp_path):
    diags = lint_file(tmp_path, b"- title: a\n  deadline: 2026-13-01\n---\n- title: b\n")
    assert at(only(diags, "F001")[0]) == (3, 1)
    assert only(diags, "T007")                     # the first document is still linted


def test_merge_keys_work_and_point_at_the_alias(tmp_path):
    text = b"x-defaults: &d\n  deadline: 2026-02-30\ngoals:\n  - <<: *d\n    title: Raise NPS\n"
    d = only(lint_file(tmp_path, text), "T007")[0]
    assert (at(d), d.span.end_column) == ((4, 9), 11)


def test_big_file_cap(tmp_path):
    d = only(lint_file(tmp_path, b"# " + b"x" * (2 * 1024 * 1024), max_file_size=1), "F001")[0]
    assert "larger than the 1 MiB limit" in d.message


def test_a_1mb_title_is_read(tmp_path):
    diags = lint_file(tmp_path, b"- title: " + b"a" * (1024 * 1024) + b"\n  owner: cc\n")
    assert not [d for d in diags if d.code.startswith("F00") and d.code != "F004"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    loaded = LoadedConfig(config=Config(), root=tmp_path)
    with within(5):
        diags = lint_paths([fifo], loaded, cwd=tmp_path).diagnostics
    assert "not a regular file" in only(diags, "F001")[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_text_output_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    proc = subprocess.run([sys.executable, "-m", "cxsmart", "lint", "pipe.yaml", "--color", "never"],
                          capture_output=True, text=True, timeout=30, cwd=tmp_path)
    assert proc.returncode == 1 and "pipe.yaml:1:1  F001 error" in proc.stdout


def test_directory_named_like_a_goal_file_and_symlink_loops(tmp_path):
    (tmp_path / "x.yaml").mkdir()
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "goals.yaml").write_text("- {title: Raise NPS, owner: cc}\n")
    loaded = LoadedConfig(config=Config(), root=tmp_path)
    with within(5):
        result = lint_paths([tmp_path], loaded, cwd=tmp_path)
    assert result.files == 1


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"goals: [\n")
    (tmp_path / "b.yaml").write_text("- {id: b, title: Raise NPS}\n")
    loaded = LoadedConfig(config=Config(), root=tmp_path)
    result = lint_paths([tmp_path], loaded, cwd=tmp_path, over=None)
    assert {d.path for d in result.diagnostics} == {"a.yaml", "b.yaml"}
    assert result.goals == 1
