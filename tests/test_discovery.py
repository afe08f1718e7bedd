"""Which files a folder argument lints: YAML below it, minus hidden files and folders,
virtualenvs, caches, `exclude` and what .gitignore files ignore; a file named on the command line
is linted anyway (unless --force-exclude)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cxsmart.read.discovery import DiscoveryError, discover, git_toplevel, take_warnings, workspace, workspace_roots

GOAL = "- {title: Raise NPS}\n"


def make(root: Path, *rels: str, text: str = GOAL) -> None:
    for rel in rels:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def found(paths, root, include=None, exclude=(), **kw) -> list[str]:
    return [p.relative_to(root).as_posix() for p in discover(paths, root, include, list(exclude), **kw)]


def test_a_folder_argument_skips_hidden_files_and_folders(tmp_path):
    make(tmp_path, "goals/team.yaml", "goals/other.yml", "goals/.hidden.yaml", "goals/.drafts/d.yaml",
         ".github/workflows/ci.yaml", "goals/notes.txt", "goals/sub/deep.yaml", "goals/yaml")
    assert found([tmp_path / "goals"], tmp_path) == ["goals/other.yml", "goals/sub/deep.yaml", "goals/team.yaml"]
    assert found([tmp_path], tmp_path) == ["goals/other.yml", "goals/sub/deep.yaml", "goals/team.yaml"]


def test_hidden_files_inside_a_folder_argument_are_not_linted(run_cli, tmp_path):
    make(tmp_path, "goals/team.yaml", "goals/.pre-commit-config.yaml", "goals/.old/x.yaml")
    code, out, _ = run_cli("lint", "goals", "--format", "json", "--select", "P004", "--today", "2026-06-01")
    assert {d["path"] for d in json.loads(out)["diagnostics"]} == {"goals/team.yaml"}


def test_a_hidden_file_named_on_the_command_line_is_linted_unless_force_exclude(tmp_path):
    make(tmp_path, "goals/.hidden.yaml", ".dir/g.yaml", "goals/g.yaml")
    named = [tmp_path / "goals/.hidden.yaml", tmp_path / ".dir/g.yaml", tmp_path / "goals/g.yaml"]
    assert found(named, tmp_path) == [".dir/g.yaml", "goals/.hidden.yaml", "goals/g.yaml"]
    assert found(named, tmp_path, force_exclude=True) == ["goals/g.yaml"]
    assert found(named, tmp_path, include=["other/*.yaml"], force_exclude=True) == []
    assert found(named, tmp_path, exclude=["goals/g.yaml"], force_exclude=True) == []
    assert found(named, tmp_path, exclude=["goals/g.yaml"]) == [".dir/g.yaml", "goals/.hidden.yaml", "goals/g.yaml"]


def test_virtualenvs_caches_and_excluded_folders_are_skipped(tmp_path):
    make(tmp_path, "env/pyvenv.cfg", "env/lib/x.yaml", "node_modules/p/x.yaml", "__pycache__/x.yaml",
         "venv/x.yaml", "site-packages/x.yaml", "drafts/x.yaml", "keep/x.yaml", "keep/old.yaml")
    assert found([tmp_path], tmp_path, exclude=["drafts/", "keep/old.yaml"]) == ["keep/x.yaml"]


def test_gitignore_files_apply_below_their_folder_and_up_to_the_repository(tmp_path):
    (tmp_path / ".gitignore").write_text("*.yaml\n")                  # above the repository: not read
    repo = tmp_path / "repo"
    make(repo, "a/x.yaml", "a/skip.yaml", "b/skip.yaml", "build/x.yaml", "c/x.yaml")
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("build/\n!\n")                    # a lone '!' is skipped, as git does
    (repo / "a" / ".gitignore").write_text("skip.yaml\n")
    assert found([repo], repo) == ["a/x.yaml", "b/skip.yaml", "c/x.yaml"]
    assert found([repo / "a"], repo) == ["a/x.yaml"]                   # the repository's own still apply
    assert found([repo], repo, respect_gitignore=False) == \
        ["a/skip.yaml", "a/x.yaml", "b/skip.yaml", "build/x.yaml", "c/x.yaml"]


def test_gitignore_files_above_a_folder_argument_apply_to_it_up_to_the_repository(tmp_path):
    (tmp_path / ".gitignore").write_text("keep.yaml\n")                # above the repository: not read
    repo = tmp_path / "repo"
    make(repo, "goals/keep.yaml", "goals/drafts/x.yaml", "goals/y.tmp.yaml", "goals/old.yaml", "goals/team/old.yaml")
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("drafts/\n*.tmp.yaml\n/goals/old.yaml\n")
    expected = ["goals/keep.yaml", "goals/team/old.yaml"]
    assert found([repo / "goals"], repo) == expected                   # the repository's root rules, from below
    assert found([repo / "goals" / "team"], repo) == ["goals/team/old.yaml"]
    assert found([repo / "goals"], repo, respect_gitignore=False) == \
        ["goals/drafts/x.yaml", "goals/keep.yaml", "goals/old.yaml", "goals/team/old.yaml", "goals/y.tmp.yaml"]


def test_a_huge_gitignore_is_an_error_not_a_slow_read(tmp_path):
    make(tmp_path, "g.yaml")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("x\n" * (1024 * 1024 // 2 + 1))
    with pytest.raises(DiscoveryError, match="larger than 1 MiB"):
        found([tmp_path], tmp_path)


def test_a_huge_gitignore_around_a_named_file_is_a_warning_not_a_stop(tmp_path):
    make(tmp_path, "g.yaml", "other/h.yaml", "odd/x.yaml")
    (tmp_path / "odd" / ".gitignore").write_text("x\n" * (1024 * 1024 // 2 + 1))
    take_warnings()
    files = workspace([tmp_path / "g.yaml"], tmp_path, False, None, [])
    assert files == []                          # the walk around stopped: only the named file is read
    assert any("larger than 1 MiB" in w and "files around the named ones are not read" in w
               for w in take_warnings())
    with pytest.raises(DiscoveryError, match="larger than 1 MiB"):
        found([tmp_path], tmp_path)             # a named folder is read in full, or not at all


def test_missing_and_broken_paths_are_errors(tmp_path):
    with pytest.raises(DiscoveryError, match="no such file or directory"):
        found([tmp_path / "nope.yaml"], tmp_path)
    os.symlink(tmp_path / "gone.yaml", tmp_path / "link.yaml")
    with pytest.raises(DiscoveryError):
        found([tmp_path / "link.yaml"], tmp_path)


def test_no_paths_reads_the_include_globs(tmp_path):
    make(tmp_path, "goals/a.yaml", "goals/b.yml", "other/c.yaml", "goals/.h.yaml")
    assert found([], tmp_path) == ["goals/a.yaml", "goals/b.yml", "other/c.yaml"]
    assert found([], tmp_path, include=["goals/*.yaml"]) == ["goals/a.yaml"]


def test_the_workspace_of_named_files(tmp_path):
    make(tmp_path, "repo/team/a.yaml", "repo/other/b.yaml", "loose/c.yaml", "loose/sub/d.yaml")
    (tmp_path / "repo" / ".git").write_text("gitdir: elsewhere\n")     # a worktree's .git file
    assert git_toplevel((tmp_path / "repo" / "team").resolve()) == (tmp_path / "repo").resolve()
    assert git_toplevel(tmp_path / "loose") is None
    roots = workspace_roots([tmp_path / "loose", tmp_path / "loose/sub/d.yaml", tmp_path / "repo/team/a.yaml"])
    assert roots == [(tmp_path / "loose").resolve(), (tmp_path / "repo").resolve()]
    files = workspace([tmp_path / "repo/team/a.yaml"], tmp_path, False, None, [])
    assert [p.name for p in files] == ["b.yaml", "a.yaml"]
    files = workspace([tmp_path / "repo/team/a.yaml"], tmp_path / "repo", True, ["team/*.yaml"], [])
    assert [p.name for p in files] == ["a.yaml"]


def test_a_pattern_ending_in_a_slash_ignores_folders_only(tmp_path):
    make(tmp_path, "keep.yaml", "drop.yaml/x.yaml", "sub/keep.yaml")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("keep.yaml/\ndrop.yaml/\n")
    assert found([tmp_path], tmp_path) == ["keep.yaml", "sub/keep.yaml"]


def test_a_gitignore_line_python_warns_about_is_read_without_a_warning(tmp_path, recwarn):
    """'a[[b]c' holds a set inside a set: Python's `re` warns (FutureWarning) when pathspec compiles
    it; the user sees no such warning, and the line still ignores what git's rules say it does."""
    make(tmp_path, "a[b]c.yaml", "keep.yaml")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("a[[b]c.yaml\nkeep[[x].yaml\n")
    assert "keep.yaml" in found([tmp_path], tmp_path)
    assert [str(w.message) for w in recwarn if issubclass(w.category, FutureWarning)] == []
