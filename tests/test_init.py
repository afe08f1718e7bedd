"""`cxsmart init`: starter files that lint clean, and never an overwrite."""

from __future__ import annotations

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
    from cxsmart.common.fsutil import create_new

    (tmp_path / "x").write_text("keep")
    with pytest.raises(FileExistsError):
        create_new(tmp_path / "x", "new")
    assert (tmp_path / "x").read_text() == "keep" and [p.name for p in tmp_path.iterdir()] == ["x"]



@pytest.mark.parametrize("direct_url,source", [
    (None, "cxsmart==0.1.0"),
    ('{"url": "file:///home/me/cxsmart", "dir_info": {"editable": true}}', "cxsmart @ file:///home/me/cxsmart"),
    ('{"url": "https://example.com/cx/cxsmart.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}',
     "cxsmart @ git+https://example.com/cx/cxsmart.git@abc123"),
    ('{"url": "file:///wheels/cxsmart-0.1.0-py3-none-any.whl", "archive_info": {}}',
     "cxsmart @ file:///wheels/cxsmart-0.1.0-py3-none-any.whl"),
    ("not json", "cxsmart==0.1.0"),
])
def test_the_hook_installs_cxsmart_from_where_it_came_from(monkeypatch, direct_url, source):
    """pre-commit installs the hook's cxsmart itself (language: python), so it needs no cxsmart on
    PATH; the requirement is where the running cxsmart was installed from (PEP 610)."""
    from importlib import metadata

    from cxsmart.cli import init

    class Dist:
        version = "0.1.0"

        def read_text(self, name):
            return direct_url if name == "direct_url.json" else None

    monkeypatch.setattr(metadata, "distribution", lambda name: Dist())
    assert init.hook_source() == source
    text = init.pre_commit_config()
    assert f'additional_dependencies: ["{source}"]' in text and "language: python" in text


def test_the_written_hook_is_a_valid_pre_commit_config(tmp_path):
    from pre_commit.clientlib import load_config

    from cxsmart.cli.init import pre_commit_config

    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(pre_commit_config("cxsmart @ file:///x/cxsmart"))
    hook = load_config(str(path))["repos"][0]["hooks"][0]
    assert hook["language"] == "python" and hook["additional_dependencies"] == ["cxsmart @ file:///x/cxsmart"]
    assert hook["entry"] == "cxsmart lint --force-exclude"


def test_in_a_goals_folder_of_a_repository_the_configuration_bounds_the_folder(run_cli, tmp_path):
    """`cxsmart init cx-goals` in a larger repository: the configuration in the goals folder (the
    workspace: a conflicting goal file elsewhere is not read), the hook at the repository's top,
    where pre-commit reads it, limited to the goals folder."""
    from pre_commit.clientlib import load_config

    (tmp_path / ".git").mkdir()
    (tmp_path / "cx-goals").mkdir()
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "goals.yaml").write_text("goals:\n  - {id: cc-fcr, title: A fixture}\n")
    code, out, err = run_cli("init", "cx-goals", "--today", "2026-11-23")
    assert code == 0, err
    assert out.splitlines()[:3] == ["wrote cx-goals/goals.yaml", "wrote cx-goals/cxsmart.toml",
                                    "wrote .pre-commit-config.yaml"]
    hook = load_config(str(tmp_path / ".pre-commit-config.yaml"))["repos"][0]["hooks"][0]
    import re

    assert re.search(hook["files"], "cx-goals/goals.yaml") and not re.search(hook["files"], "fixtures/goals.yaml")
    assert hook["entry"] == "cxsmart lint --force-exclude"
    code, out, err = run_cli("lint", "--fail-on", "info", "--today", "2026-11-23", "--force-exclude",
                             "cx-goals/goals.yaml")
    assert code == 0 and "All clear: 2 goals in 1 file" in out, out + err


def test_init_refuses_when_the_repository_has_a_hook_configuration(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "cx-goals").mkdir()
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    code, out, err = run_cli("init", "cx-goals")
    assert code == 2 and ".pre-commit-config.yaml already exists" in err and "nothing was written" in err
    assert not list((tmp_path / "cx-goals").iterdir())
