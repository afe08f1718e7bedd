"""Which files a run lints.

A directory means every *.yaml and *.yml below it, minus `exclude`, hidden files and folders
(.github, .pre-commit-config.yaml ...), virtualenvs and caches, and what .gitignore files
ignore. A file named on the command line is linted even if it would be excluded, as in
ruff. With no paths, the configured `include` globs are read from the configuration's folder
(default: every YAML file below the current directory).

The workspace of named files (what their references resolve against) is the configuration's
files: config.config_of finds the nearest configuration above the named files, so a goals
folder with its own cxsmart.toml is a workspace of its own inside a larger repository. Without
a configuration file, the YAML files of the git repository they live in (the folder holding
`.git`), or else of their folder (a named folder: that folder). Nothing outside it is read,
and a folder below that holds a configuration of its own is another workspace: never walked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from cxsmart.read.globs import GlobError, IgnoreBudget, from_patterns, readable
from cxsmart.read.globs import spec as glob_spec

YAML_SUFFIXES = (".yaml", ".yml")
ALWAYS_SKIPPED = {"node_modules", "venv", "__pycache__", "site-packages"}


class DiscoveryError(Exception):
    """A path given on the command line does not exist."""


@dataclass
class Discovered:
    files: list[Path] = field(default_factory=list)


def _spec(patterns: list[str]) -> pathspec.PathSpec:
    try:
        return glob_spec(patterns, "include/exclude")
    except GlobError as e:
        raise DiscoveryError(str(e)) from None


MAX_CONFIG_BYTES = 1024 * 1024


def config_in(folder: Path) -> Path | None:
    """The cxsmart configuration file that `folder` holds: cxsmart.toml, else a pyproject.toml
    with a [tool.cxsmart] table; None if neither."""
    candidate = folder / "cxsmart.toml"
    if candidate.is_file():
        return candidate
    candidate = folder / "pyproject.toml"
    if candidate.is_file() and _has_tool_table(candidate):
        return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    from cxsmart.read.safeopen import Unreadable, read_text

    try:
        return "[tool.cxsmart" in read_text(path, MAX_CONFIG_BYTES)
    except (OSError, Unreadable):
        return False


def discover(paths: list[Path], root: Path, include: list[str] | None, exclude: list[str],
             respect_gitignore: bool = True, force_exclude: bool = False,
             nested: list[Path] | None = None) -> list[Path]:
    """Files to lint. With force_exclude, files named on the command line are filtered like
    the ones found in folders (hidden, excluded, or outside 'include'), as pre-commit needs.
    A folder below a walked one that holds a cxsmart configuration is a workspace of its own:
    it is not walked, and is added to `nested`."""
    excluded = _spec(exclude)
    found: dict[Path, None] = {}
    nested = [] if nested is None else nested
    if not paths:
        patterns = include or ["**/*.yaml", "**/*.yml"]
        wanted = _spec(patterns)
        left_out: list[Path] = []
        for path in _walk(root, root, excluded, respect_gitignore, left_out):
            if wanted.match_file(_rel(path, root)):
                found[path] = None
        nested += [f for f in left_out if any(wanted.match_file(f"{_rel(f, root)}/{name}")   # one `include` would read
                                              for name in ("g.yaml", "g.yml", "x/g.yaml", "x/g.yml"))]
        return sorted(found, key=_sort_key)
    for path in paths:
        if not os.path.lexists(path):
            raise DiscoveryError(f"{path}: no such file or directory")
        if path.is_dir():
            for file in _walk(path, root, excluded, respect_gitignore, nested):
                found[file] = None
        elif path.is_file() or path.exists():
            if force_exclude and _refused(path, root, excluded, include):
                continue
            found[path] = None
        else:
            raise DiscoveryError(f"{path}: not a file or directory (a broken link?)")
    return sorted(found, key=_sort_key)


def workspace(named: list[Path], root: Path, configured: bool, include: list[str] | None, exclude: list[str],
              respect_gitignore: bool = True) -> list[Path]:
    """The files named files are linted with. `configured`: a configuration file was found
    (or given), so its folder and `include`/`exclude` define the workspace."""
    tops = [(root, include)] if configured else [(top, None) for top in workspace_roots(named)]
    found: dict[Path, None] = {}
    for top, globs in tops:
        try:
            around = discover([], top, globs, exclude, respect_gitignore)
        except DiscoveryError as error:         # the files around are context: one that cannot be walked
            _warn(f"{error}; the files around the named ones are not read, so what they define is unknown")
            continue                            # (a huge .gitignore in a sibling folder) stops no lint
        found.update(dict.fromkeys(around))
    return sorted(found, key=_sort_key)


def workspace_roots(named: list[Path]) -> list[Path]:
    """Without a configuration: the git repository each named path lives in, else its folder
    (a named folder stands for itself); folders inside another one are left out."""
    roots: dict[Path, None] = {}
    for path in named:
        folder = (path if path.is_dir() else path.parent).resolve()
        roots[git_toplevel(folder) or folder] = None
    return [r for r in roots if not any(other in r.parents for other in roots)]


def git_toplevel(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` that holds `.git` (a folder, or the file of a
    worktree or submodule), without running git."""
    for candidate in [folder, *folder.parents]:
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def _refused(path: Path, root: Path, excluded: pathspec.PathSpec, include: list[str] | None) -> bool:
    rel = _rel(path, root)
    if any(part.startswith(".") for part in Path(rel).parts if part not in (".", "..")):
        return True
    if excluded.match_file(rel):
        return True
    return bool(include) and not _spec(include).match_file(rel)


def _sort_key(path: Path) -> str:
    return path.as_posix()


def _rel(path: Path, root: Path) -> str:
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        return path.as_posix()


def _walk(top: Path, root: Path, excluded: pathspec.PathSpec, respect_gitignore: bool, nested: list[Path]):
    ignores: list[tuple[Path, pathspec.PathSpec]] = []
    budget = IgnoreBudget()
    if respect_gitignore:
        ignores = _ancestor_gitignores(top, budget)
    for dirpath, dirnames, filenames in _folders(top, root):
        here = Path(dirpath)
        if respect_gitignore and (here / ".gitignore").is_file():
            ignores = [i for i in ignores if _inside(here, i[0])] + [(here, _read_gitignore(here / ".gitignore", budget))]
        active = [i for i in ignores if _inside(here, i[0])]
        keep = []
        for d in sorted(dirnames):
            full = here / d
            if d.startswith(".") or d in ALWAYS_SKIPPED or (full / "pyvenv.cfg").exists():
                continue
            rel = _rel(full, root) + "/"
            if excluded.match_file(rel) or _ignored(full, active, is_dir=True):
                continue
            if config_in(full) is not None:
                nested.append(full)
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                continue
            full = here / name
            if excluded.match_file(_rel(full, root)) or _ignored(full, active, is_dir=False):
                continue
            if full.is_file():
                yield full
            elif os.path.islink(full) and not os.path.exists(full):
                _warn(f"{_relative(full, root)}: skipped: a link that leads nowhere, or back to itself")


MAX_DEPTH = 100             # folders below this many levels are not read (git allows any depth)
_warnings: dict[str, None] = {}


def take_warnings() -> list[str]:
    """What the walks since the last call skipped, each once (links that lead nowhere, folders
    too deep), naming paths relative to the root; the list is emptied."""
    found = list(_warnings)
    _warnings.clear()
    return found


def _warn(message: str) -> None:
    _warnings[message] = None


def _relative(path: Path | str, root: Path) -> str:
    rel = os.path.relpath(path, root)
    return _shown(Path(path)) if rel.startswith("..") else Path(rel).as_posix()


def _folders(top: Path, root: Path):
    """os.walk(top) top-down (dirnames pruned in place), without recursion: os.walk recurses
    before Python 3.12, and a folder 1,000 levels deep was a RecursionError. Folders deeper
    than MAX_DEPTH below `top` are skipped with a warning; links to folders are not followed."""
    stack = [(os.fspath(top), 0)]
    while stack:
        here, depth = stack.pop()
        try:
            with os.scandir(here) as entries:
                listed = list(entries)
        except OSError:
            continue                                # as os.walk: a folder that cannot be listed is skipped
        dirnames, filenames = [], []
        for entry in listed:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirnames if is_dir else filenames).append(entry.name)
        yield here, dirnames, filenames
        below = [d for d in dirnames if not os.path.islink(os.path.join(here, d))]
        if below and depth >= MAX_DEPTH:
            _warn(f"{_relative(here, root)}: skipped the folders inside: deeper than {MAX_DEPTH} levels")
            continue
        stack.extend((os.path.join(here, d), depth + 1) for d in reversed(below))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _ignored(path: Path, active: list[tuple[Path, pathspec.PathSpec]], is_dir: bool) -> bool:
    for base, spec in active:
        rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(rel):
            return True
    return False


MAX_GITIGNORE_BYTES = 1024 * 1024


def _read_gitignore(path: Path, budget: IgnoreBudget) -> pathspec.PathSpec:
    """A .gitignore's patterns: one that is not a regular file, or a link out of the
    repository, ignores nothing; one larger than 1 MiB, or past the run's budget of .gitignore
    bytes and patterns, is an error (see read/globs.py)."""
    from cxsmart.read.safeopen import Unreadable, read_regular

    try:
        data = read_regular(path, MAX_GITIGNORE_BYTES)
    except Unreadable:
        data = b""
    if len(data) > MAX_GITIGNORE_BYTES:
        raise DiscoveryError(f"{_shown(path)}: larger than 1 MiB; cxsmart does not read a .gitignore that large")
    text = data.decode("utf-8", errors="replace")
    try:
        budget.take(_shown(path), len(data), text.count("\n") + 1)
        return from_patterns(readable(text.splitlines()), _shown(path))     # a line git cannot read is skipped
    except GlobError as e:
        raise DiscoveryError(str(e)) from None


def _shown(path: Path) -> str:
    """A path for a message: relative to the current folder where it lies below it."""
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def _ancestor_gitignores(top: Path, budget: IgnoreBudget) -> list[tuple[Path, pathspec.PathSpec]]:
    """.gitignore files above `top`, up to the repository root (the folder holding .git)."""
    top = top.resolve()
    chain = []
    for folder in [top, *top.parents]:
        chain.append(folder)
        if (folder / ".git").exists():
            break
    else:
        return []
    return [(f, _read_gitignore(f / ".gitignore", budget)) for f in reversed(chain[1:]) if (f / ".gitignore").is_file()]
