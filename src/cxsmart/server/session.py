"""The workspace the server serves: its configuration, and a lint through the api.

A lint is `cxsmart lint` run in the workspace folder, with the open buffers read instead of
their files (api.Overrides.contents), so the findings are the CLI's on the same text. It is
how the first lint and every reload read the workspace; edits go through live.Live, which keeps
what this lint read."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

from cxsmart.api import Overrides, lint_paths
from cxsmart.settings.config import CONFIG_NAMES, ConfigError, LoadedConfig, load_config
from cxsmart.diagnostics import Diagnostic
from cxsmart.read.discovery import DiscoveryError
from cxsmart.read.packs import PackError
from cxsmart.settings.registry import RegistryError
from cxsmart.settings.selection import SelectionError
from cxsmart.server.memcache import MemoryCache

CANNOT_RUN = (ConfigError, SelectionError, DiscoveryError, PackError, RegistryError)
GOAL_SUFFIXES = (".yaml", ".yml")


@dataclass
class Outcome:
    """One lint: findings by absolute path, for every file it reported on."""

    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)
    result: object = None
    error: str | None = None            # why the lint could not run (a configuration error)


class Session:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(os.path.realpath(folder))
        self.loaded = LoadedConfig(root=self.folder)
        self.config_error: str | None = None
        self.cache = MemoryCache()          # kept across reloads: its facts are keyed by the rule packs
        self.result = None              # the last LintResult (its workspace for hover...)
        self.reload()

    # -- configuration -------------------------------------------------------------------
    def reload(self) -> str | None:
        """Read the configuration again; on an error keep the last good one and say why."""
        try:
            self.loaded = load_config(None, self.folder)
            self.config_error = None
        except ConfigError as e:
            self.config_error = str(e)
        return self.config_error

    def is_config(self, path: Path) -> bool:
        """A file whose change means reading the configuration again: cxsmart.toml or
        pyproject.toml, .gitignore, or a file of a configured rule pack."""
        if path.name in CONFIG_NAMES or path.name == ".gitignore":
            return True
        root = self.loaded.root
        for pack in self.loaded.config.rule_packs:
            where = Path(os.path.abspath(root / pack))
            if path == where or where in path.parents:
                return True
        return False

    @property
    def unsafe_fixes(self) -> bool:
        return bool(getattr(self.loaded.config, "unsafe_fixes", False))

    # -- paths -------------------------------------------------------------------------
    def display(self, path: Path) -> str:
        """The path as `cxsmart lint` run in the folder shows it."""
        path = Path(os.path.abspath(path))
        rel = os.path.relpath(path, self.folder)
        return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()

    def real(self, shown: str) -> Path:
        path = Path(shown)
        return path if path.is_absolute() else self.folder / path

    # -- linting -----------------------------------------------------------------------
    def lint(self, buffers: dict[Path, str], named: list[Path] | None = None) -> Outcome:
        """`cxsmart lint [named]` in the folder, reading `buffers` ({path: text}) for those files."""
        contents = {self.display(p): text.encode("utf-8", "surrogatepass") for p, text in buffers.items()}
        over = Overrides(contents=contents)
        gc.disable()                    # a lint makes many small objects with no cycles among them
        try:
            result = lint_paths(list(named or []), self.loaded, over, cwd=self.folder, cache=self.cache)
        except CANNOT_RUN as e:
            return Outcome(error=str(e))
        finally:
            gc.enable()
        out = Outcome(result=result)
        for shown in result.paths:
            out.findings[str(self.real(shown))] = []
        for d in result.diagnostics:
            if d.path:
                out.findings.setdefault(str(self.real(d.path)), []).append(d)
        self.result = result            # the newest workspace, for hover, definition and completion
        return out

    def count_goals(self, buffers: dict[Path, str]) -> str:
        """What a whole lint will read, for its progress: '10,000 goals'. The files are parsed
        here, and the parses handed to that lint (the cache holds them until it has run)."""
        import hashlib

        from cxsmart.api.files import read_file
        from cxsmart.cache.parsed import parse_key
        from cxsmart.read.discovery import discover
        from cxsmart.read.source import decode, file_limit
        from cxsmart.read.yamlread import parse_yaml

        cfg = self.loaded.config
        try:
            files = discover([], self.loaded.root, cfg.include, cfg.exclude, cfg.respect_gitignore)
        except CANNOT_RUN:
            return "the workspace"
        texts = {self.display(p): t for p, t in buffers.items()}
        self.cache.holding = True
        goals = 0
        for path in files:
            shown = self.display(path)
            data = texts[shown].encode("utf-8", "surrogatepass") if shown in texts else read_file(path, cfg, [self.loaded.root])
            text = decode(data, file_limit(cfg.max_file_size))[0] if isinstance(data, bytes) else None
            if text is None:
                continue
            parsed = parse_yaml(text)
            self.cache.store_parsed(parse_key(hashlib.sha256(data).hexdigest()), parsed)
            data = {"goals": parsed.data} if isinstance(parsed.data, list) else parsed.data
            found = data.get("goals") if isinstance(data, dict) else None
            goals += len(found) if isinstance(found, (list, dict)) else 0
        return f"{goals:,} goal{'s' if goals != 1 else ''}"

    def fixed_text(self, buffers: dict[Path, str], path: Path, text: str) -> str | None:
        """The file's text after `cxsmart lint --fix FILE` (safe fixes, as many passes as it
        takes), on its buffer; None if the lint cannot run."""
        from cxsmart.fix import run as fixing

        base = {self.display(p): t.encode("utf-8", "surrogatepass") for p, t in buffers.items()}

        def lint(contents: dict[str, bytes]):
            over = Overrides(contents={**base, **contents})
            return lint_paths([path], self.loaded, over, cwd=self.folder, cache=self.cache)

        shown = self.display(path)
        try:
            first = lint({})
            outcome = fixing.run(first, lint, unsafe=False, write=False, date_order=self.loaded.config.date_order,
                                 texts={shown: text})
        except CANNOT_RUN:
            return None
        return outcome.changed[shown][1] if shown in outcome.changed else text
