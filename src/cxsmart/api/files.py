"""A run's files: which files a run reads, their bytes, their parses and their loads.

The named files are read with their workspace (the files a run over the whole workspace reads,
in its order); the workspace's other files are parsed only if they may define something a named
file refers to. Each file's bytes are read once (up to the run's limit), parsed (or taken from
the parse cache by their digest), and loaded with the date order the workspace's own dates show.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cxsmart.cache.parsed import parse_key
from cxsmart.cache.store import Cache
from cxsmart.diagnostics import Span
from cxsmart.read.dateorder import DateOrder
from cxsmart.read.dateorder import infer as infer_date_order
from cxsmart.read.dateorder import may_hold_dates
from cxsmart.read.discovery import workspace
from cxsmart.read.loader import SourceFile, load_text
from cxsmart.read.source import RUN_MAX_BYTES, Problem, Unreadable, decode, file_limit, read_bytes
from cxsmart.read.yamlread import Parsed, parse_yaml
from cxsmart.settings.config import Config, LoadedConfig

@dataclass
class RawFile:
    path: Path
    display: str
    data: bytes | str                   # the bytes, or why the file cannot be read
    sha: str = ""                       # the bytes' digest

    def __post_init__(self) -> None:
        if isinstance(self.data, bytes):
            self.sha = hashlib.sha256(self.data).hexdigest()


def with_workspace(files: list[Path], paths: list[Path], loaded: LoadedConfig, cfg: Config) -> list[Path]:
    """The named files and their workspace, in the order a run over the whole workspace reads
    them (which decides, for instance, which of two goals with one id is the duplicate)."""
    around = workspace(paths, loaded.root, loaded.path is not None, cfg.include, cfg.exclude, cfg.respect_gitignore)
    merged: dict[str, Path] = {}
    for path in [*around, *files]:                  # a named file keeps the path it was named by
        merged[os.path.abspath(path)] = path        # (not resolved: a run over the workspace reads links as files)
    return [merged[k] for k in sorted(merged)]


_SECTION_WORDS = (b"goals", b"objectives", b"owners", b"metrics")
_LIST_STARTS = (b"-", b"[", b"&", b"!", b"*", b"?", b"...")


def may_define(data: bytes | str) -> bool:
    """Whether a file of the workspace may define anything a named file can refer to: False
    only when it certainly cannot (a mapping with no goals/objectives/owners/metrics key, like
    docker-compose.yml or mkdocs.yml), so it need not be parsed at all. Conservative: an
    escape sequence (which could spell a key), a list at the top (a bare list of goals), an
    anchor or tag there, or UTF-16 text all count as 'may'."""
    if not isinstance(data, bytes):
        return False                                # unreadable: a finding about that file only
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\\" in data:
        return True
    if any(word in data for word in _SECTION_WORDS):
        return True
    if b"\r" in data:
        data = data.replace(b"\r", b"\n")
    pos = 3 if data.startswith(codecs.BOM_UTF8) else 0
    while pos < len(data):                          # the first line with content says what the top is
        end = data.find(b"\n", pos)
        end = len(data) if end < 0 else end
        line = data[pos:end].strip()
        pos = end + 1
        if not line or line.startswith((b"#", b"%")):
            continue
        if line.startswith(b"---"):
            rest = line[3:].strip()
            if not rest or rest.startswith(b"#"):
                continue
            return True
        return line.startswith(_LIST_STARTS)
    return False


def read_one(display: str, data: bytes, cfg: Config) -> tuple[SourceFile, Parsed | None]:
    """One file's bytes, parsed and loaded as a run reads it (`cfg` with the run's date order),
    and its parse (None if it could not be decoded)."""
    read = parse(RawFile(Path(display), display, data), cfg, Cache(None))
    return load(display, read, cfg), (None if isinstance(read, SourceFile) else read[1])


def read_all(files: list[Path], shown_as: list[str], cfg: Config, contents: dict[str, bytes],
             within: list[Path]) -> list[RawFile]:
    """Every file's bytes (`contents`: those given, an editor's unsaved buffers), up to
    RUN_MAX_BYTES in all: a file past that is not read (F001)."""
    raw, total = [], 0
    for path, display in zip(files, shown_as):
        data = contents[display] if display in contents else read_file(path, cfg, within)
        if isinstance(data, bytes):
            total += len(data)
            if total > RUN_MAX_BYTES:
                data = (f"the file is too large for this run: the goal files read before it already hold "
                        f"{RUN_MAX_BYTES // (1024 * 1024)} MiB, the most one run reads (lint fewer files at a time)")
        raw.append(RawFile(path, display, data))
    return raw


def read_file(path: Path, cfg: Config, within: list[Path]) -> bytes | str:
    """The file's bytes, or why it cannot be read (a message). A link may lead anywhere in the
    file's repository or `within`, nowhere else."""
    try:
        return read_bytes(str(path), file_limit(cfg.max_file_size), within)
    except Unreadable as e:
        return str(e).replace(str(path), "the file")


def parse(raw: RawFile, cfg: Config, cache: Cache, parsed=None) -> SourceFile | tuple[str, Parsed]:
    """The file's text and parse: from the cache if there is one, else parsed (and stored); or,
    when it cannot be read, the SourceFile that says why."""
    if isinstance(raw.data, str):
        return SourceFile(raw.display, problems=[Problem("F001", raw.data, Span(1, 1, 1, 2))])
    text, problem = decode(raw.data, file_limit(cfg.max_file_size))
    if problem is not None:
        return SourceFile(raw.display, problems=[problem])
    if parsed is None:
        parsed = parse_yaml(text)
        if cache.enabled:
            cache.store_parsed(parse_key(raw.sha), parsed)
    return text, parsed


def load(display: str, read: SourceFile | tuple[str, Parsed], cfg: Config) -> SourceFile:
    if isinstance(read, SourceFile):
        return read
    text, parsed = read
    return load_text(display, text, cfg.fiscal_year_start, parsed, cfg.date_order, cfg.strict_keys)


def date_order(cfg: Config, reads: list[tuple[str, SourceFile | tuple[str, Parsed]]]) -> tuple[Config, DateOrder]:
    """The configured date-order, else the one the workspace's own numeric dates show, if they show one."""
    guess = infer_date_order(((name, read[1]) for name, read in reads
                              if not isinstance(read, SourceFile) and may_hold_dates(read[0])), cfg.date_order)
    return cfg.model_copy(update={"date_order": guess.order}), guess


def display(path: Path, cwd: Path) -> str:
    if not path.is_absolute():
        return path.as_posix()
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:
        return path.as_posix()
    return path.as_posix() if rel.startswith("..") else rel


