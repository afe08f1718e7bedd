"""`cxsmart init`: starter files that lint clean, and never an overwrite."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize("today", ["2026-11-23", "2026-12-31", "2027-03-01"])
def test_starter_lints_clean(run_cli, tmp_path, today):
    code, out, _ = run_cli("init", "--today", today)
    assert code == 0 and "wrote" in out
    assert {p.name for p in tmp_path.iterdir()} == {"goals.yaml", "cxsmart.toml", ".pre-commit-config.yaml"}
    code, out, err = run_cli("lint", "--fail-on", "info", "--today", today)
    assert code == 0, out + err
    assert "All clear: 2 goals in 1 file" in out            # the pre-commit config is not read as goals


def test_init_never_overwrites(run_cli, tmp_path):
    (tmp_path / "cxsmart.toml").write_text("# mine\n")
    code, out, err = run_cli("init")
    assert code == 2 and "already exists" in err and "nothing was written" in err
    assert (tmp_path / "cxsmart.toml").read_text() == "# mine\n"
    assert not (tmp_path / "goals.yaml").exists()


def test_create_new_refuses_an_existing_file(tmp_path):
    from cxsmart.fsutil import create_new

    (tmp_path / "x").write_text("keep")
    with pytest.raises(FileExistsError):
        create_new(tmp_path / "x", "new")
    assert (tmp_path / "x").read_text() == "keep" and [p.name for p in tmp_path.iterdir()] == ["x"]
