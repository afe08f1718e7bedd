"""Files cxsmart writes (--output-file, baselines, init) get the permissions an ordinary
`open(path, "w")` would give them, and are still written atomically."""

from __future__ import annotations

import os
import stat

import pytest

from tests.test_cli import PINNED, ROOT


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask():
    old = os.umask(0o022)
    os.umask(old)

    def set_umask(value: int) -> None:
        os.umask(value)

    yield set_umask
    os.umask(old)


@pytest.mark.parametrize("mask,expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664), (0o027, 0o640)])
def test_output_and_baseline_files_follow_the_umask(run_cli, tmp_path, umask, mask, expected):
    umask(mask)
    bad = str(ROOT / "examples" / "bad")
    code, _, err = run_cli("lint", bad, "--format", "json", "--output-file", "report.json", *PINNED)
    assert code == 1 and (tmp_path / "report.json").read_text().startswith("{"), err
    code, _, err = run_cli("lint", bad, "--write-baseline", "cxsmart-baseline.json", *PINNED)
    assert code == 0, err
    (tmp_path / "plain.txt").write_text("x")               # what open(..., "w") does under this umask
    assert mode(tmp_path / "plain.txt") == expected
    assert mode(tmp_path / "report.json") == expected
    assert mode(tmp_path / "cxsmart-baseline.json") == expected
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]     # no temporary file left


def test_an_existing_file_keeps_its_mode(run_cli, tmp_path, umask):
    umask(0o022)
    target = tmp_path / "report.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    code, _, _ = run_cli("lint", str(ROOT / "examples" / "bad"), "--output-file", "report.txt", *PINNED)
    assert code == 1 and target.read_text() != "old" and mode(target) == 0o640


def test_init_files_follow_the_umask(run_cli, tmp_path, umask):
    umask(0o077)
    code, _, err = run_cli("init")
    assert code == 0, err
    assert {p.name: mode(p) for p in tmp_path.iterdir()} == {
        "goals.yaml": 0o600, "cxsmart.toml": 0o600, ".pre-commit-config.yaml": 0o600}


def test_umask_is_read_without_being_changed(umask):
    from cxsmart.common.fsutil import new_file_mode
    from cxsmart.common.fsutil import umask as read_umask

    umask(0o037)
    assert read_umask() == 0o037 and new_file_mode() == 0o640
    assert os.umask(0o037) == 0o037                       # still what the test set
