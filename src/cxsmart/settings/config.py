"""Configuration: `cxsmart.toml`, or `[tool.cxsmart]` in `pyproject.toml`, found from the
current directory upward; `--config PATH` names one. Unknown keys and bad values are errors
(exit 2) with the file, the line and a did-you-mean, never silently ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from cxsmart.model.timeframes import MONTHS
from cxsmart.common.suggest import did_you_mean

CONFIG_NAMES = ("cxsmart.toml", "pyproject.toml")


class ConfigError(Exception):
    """The configuration cannot be used; the message says where and why."""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=lambda n: n.replace("_", "-"))

    include: list[str] | None = Field(None, description="globs of goal files linted when no path is given")
    exclude: list[str] = Field([], description="globs of files and folders never linted")
    respect_gitignore: bool = Field(True, description="skip what .gitignore files ignore")
    select: list[str] | None = Field(None, description="codes or prefixes to check (default: all rules on by default)")
    extend_select: list[str] = Field([], description="codes or prefixes to check in addition")
    ignore: list[str] = Field([], description="codes or prefixes not to check")
    severity: dict[str, Literal["error", "warning", "info"]] = Field({}, description="per-code severity")
    per_file_ignores: dict[str, list[str]] = Field({}, description="glob -> codes ignored in matching files")
    rules: dict[str, dict[str, Any]] = Field({}, description="per-rule options, by rule name or code")
    fiscal_year_start: int = Field(1, description="first month of the fiscal year (name or number)")
    date_order: Literal["day-first", "month-first"] | None = Field(
        None, description="how to read a numeric date both of whose numbers could be the month, like 03/04/2027")
    today: dt.date | None = Field(None, description="pins 'now' for date checks")
    strict_keys: bool = Field(False, description="every key the goal format does not know is a warning (F009)")
    rule_packs: list[str] = Field([], description="extra YAML rule packs (folders or files)")
    fail_on: Literal["error", "warning", "info"] = Field("warning", description="lowest severity that fails the run")
    report_unused_ignores: bool = Field(False, description="report suppressions that suppress nothing (F007)")
    max_file_size: int = Field(10, ge=1, le=1024, description="largest goal file read, in MiB")
    baseline: str | None = Field(None, description="a file of accepted findings (see --write-baseline)")
    fixable: list[str] = Field(["ALL"], description="codes or prefixes whose fixes --fix applies")
    unfixable: list[str] = Field([], description="codes or prefixes whose fixes --fix never applies")
    unsafe_fixes: bool = Field(False, description="offer unsafe fixes as quick fixes in an editor (cxsmart server)")

    @field_validator("fiscal_year_start", mode="before")
    @classmethod
    def _month(cls, value: Any) -> int:
        if isinstance(value, str):
            month = MONTHS.get(value.strip().lower())
            if month is None:
                raise ValueError(f"must be a month name like \"april\", or a number from 1 to 12; got {_toml(value)}"
                                 f"{did_you_mean(value, [m for m in MONTHS if len(m) > 4])}")
            return month
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
            return value
        raise ValueError(f"must be a month name like \"april\", or a number from 1 to 12; got {_toml(value)}")

    @field_validator("include", "exclude")
    @classmethod
    def _globs(cls, value: list[str] | None) -> list[str] | None:
        for pattern in value or []:
            _check_glob(pattern)
        return value

    @field_validator("per_file_ignores")
    @classmethod
    def _glob_keys(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for pattern in value:
            _check_glob(pattern)
        return value

    @field_validator("rule_packs", "baseline")
    @classmethod
    def _path_fits(cls, value):
        for path in [value] if isinstance(value, str) else value or []:
            if "\x00" in path or len(path) > 1024 or any(len(part.encode("utf-8", "replace")) > 255
                                                         for part in re.split(r"[/\\\\]", path)):
                raise ValueError(f"{_toml(path[:60] + ('...' if len(path) > 60 else ''))} is not a usable path "
                                 "(too long, or holds a NUL character)")
        return value

    @model_validator(mode="before")
    @classmethod
    def _one_is_a_list(cls, data: Any) -> Any:
        """A single value where a list of text is expected is a list of one: `ignore = "P004"`.
        Code lists also split at commas, as on the command line: `ignore = "P004, A003"`."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for key, value in data.items():
            name = key.replace("-", "_") if isinstance(key, str) else key
            if isinstance(value, str) and name in _TEXT_LISTS:
                data[key] = _split(value) if name in _CODE_LISTS else [value]
            elif name == "per_file_ignores" and isinstance(value, dict):
                data[key] = {glob: _split(codes) if isinstance(codes, str) else codes for glob, codes in value.items()}
        return data


KEYS = [f.alias or n for n, f in Config.model_fields.items()]
_TEXT_LISTS = {n for n, f in Config.model_fields.items() if f.annotation in (list[str], list[str] | None)}
_CODE_LISTS = {"select", "extend_select", "ignore", "fixable", "unfixable"}


def _check_glob(pattern: str) -> None:
    """A glob that gitignore syntax cannot read ("!", "\\") is a configuration error naming it."""
    from cxsmart.read.globs import spec

    try:
        spec([pattern])
    except Exception:  # noqa: BLE001 - pathspec's pattern errors have no common public base
        raise ValueError(f"{_toml(pattern)} is not a valid glob pattern") from None


def _split(codes: str) -> list[str]:
    return [c.strip() for c in codes.split(",") if c.strip()]


class LoadedConfig(BaseModel):
    config: Config = Config()
    path: Path | None = None      # the file it came from, or None for defaults
    root: Path                    # relative globs and packs resolve against this folder


def find_config(start: Path) -> Path | None:
    from cxsmart.read.discovery import config_in

    for folder in [start, *start.parents]:
        found = config_in(folder)
        if found is not None:
            return found
    return None


def _config_text(path: Path) -> str:
    """A configuration file's text: a regular file of at most 1 MiB (a FIFO or a 100 MB file in
    a pull request neither hangs the run nor is read whole)."""
    from cxsmart.read.discovery import MAX_CONFIG_BYTES
    from cxsmart.read.safeopen import read_text

    return read_text(path, MAX_CONFIG_BYTES)


def config_of(paths: list[Path], cwd: Path) -> Path | None:
    """The configuration that bounds a run's workspace: the nearest one above the named paths
    (a named folder counts as above itself), or with no path the nearest above `cwd`. Named
    paths under different configurations (or some under one and some under none) are in
    different workspaces: a ConfigError, since one run reads one workspace."""
    if not paths:
        return find_config(cwd)
    found: dict[Path | None, Path] = {}
    folders: dict[Path, Path | None] = {}            # pre-commit names many files of few folders
    for named in paths:
        full = Path(os.path.abspath(cwd / named))
        folder = full if full.is_dir() else full.parent
        if folder not in folders:
            folders[folder] = find_config(folder)
        found.setdefault(folders[folder], named)
    if len(found) == 1:
        return next(iter(found))
    (first, a), (second, b) = list(found.items())[:2]
    raise ConfigError(f"{a} and {b} are in different workspaces ({_bounded_by(first, 'first', cwd)}; "
                      f"{_bounded_by(second, 'second', cwd)}): cxsmart reads one workspace a run, so lint "
                      "each in a run of its own, or name one configuration for both with --config")


def _bounded_by(config: Path | None, which: str, cwd: Path) -> str:
    if config is None:
        return f"the {which} has no cxsmart configuration above it"
    return f"{_shown(config, cwd)} configures the {which}"


def load_config(explicit: Path | None, cwd: Path, paths: list[Path] = ()) -> LoadedConfig:
    """The run's configuration: `explicit` (--config), else the one that bounds the named
    paths' workspace (config_of)."""
    path = explicit
    if path is not None and not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    if path is None:
        path = config_of(list(paths), cwd)
    if path is None:
        return LoadedConfig(root=cwd)
    from cxsmart.read.safeopen import Unreadable

    try:
        text = _config_text(path)
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        at = re.search(r"\(at line (\d+), column (\d+)\)$", str(e))
        where = f"{_shown(path, cwd)}:{at.group(1)}:{at.group(2)}" if at else _shown(path, cwd)
        raise ConfigError(f"{where}: not valid TOML: {str(e)[:at.start()].strip() if at else e}") from None
    except Unreadable as e:
        raise ConfigError(str(e)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read: {e}") from None
    table = data
    if path.name == "pyproject.toml" or set(data) == {"tool"}:
        tool = data.get("tool")
        table = tool.get("cxsmart") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError(f"{_shown(path, cwd)}: has no [tool.cxsmart] table")
    if not isinstance(table, dict):
        raise ConfigError(f"{_shown(path, cwd)}: [tool.cxsmart] must be a table of settings")
    try:
        config = Config.model_validate(table)
    except ValidationError as e:
        raise ConfigError(_explain(_shown(path, cwd), text, e, table, path.name == "pyproject.toml")) from None
    return LoadedConfig(config=config, path=path, root=path.parent.resolve())


def _shown(path: Path, cwd: Path) -> str:
    """The file as the user would name it: relative to the current folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path(cwd).resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def _explain(shown: str, text: str, error: ValidationError, table: dict, pyproject: bool = False) -> str:
    """Every problem of the table, one line each, in plain words: where (file:line), which
    setting, what it must be, and what it is."""
    lines = []          # (line, message)
    for err in error.errors(include_url=False):
        loc = [p for p in err["loc"] if p != "[key]"]
        keys = [p for p in loc if isinstance(p, str)]
        line = _line_of(text, keys, pyproject)
        where = f"{shown}:{line}" if line else shown
        setting = ".".join(k if re.fullmatch(r"[\w-]+", k) else f'"{k}"' for k in keys)
        if err["type"] == "extra_forbidden":
            lines.append((line or 0, f"{where}: unknown key `{setting}`{did_you_mean(keys[-1], KEYS)}"))
            continue
        value = _value_at(table, loc[:len(keys)]) if len(loc) > len(keys) else err.get("input")
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] != "value_error":
            message = f"must be {_wants(keys, err)}; got {_toml(value)}"
            if err["type"] in ("literal_error", "enum") and isinstance(value, str):
                message += did_you_mean(value, _choices(err))
        lines.append((line or 0, f"{where}: `{setting}` {message}"))
    return "\n".join(dict.fromkeys(message for _, message in sorted(lines)))


_WANTS = {
    "include": 'a list of globs, like ["goals/**/*.yaml"]',
    "exclude": 'a list of globs, like ["goals/archive/"]',
    "select": 'a list of codes or prefixes, like ["M", "T001"]',
    "extend-select": 'a list of codes or prefixes, like ["F007"]',
    "ignore": 'a list of codes or prefixes, like ["A003"]',
    "rule-packs": 'a list of folders or files, like ["cx-rules/"]',
    "severity": 'a table of codes and severities, like T003 = "error"',
    "per-file-ignores": 'a table of globs and codes, like "goals/individual/*.yaml" = ["A003"]',
    "rules": "a table of rules and their options, like [rules.too-many-goals] with max = 5",
    "today": "a date, like 2026-01-15",
    "baseline": 'the path of a baseline file, like "cxsmart-baseline.json"',
}
_TYPES = {"bool": "true or false", "int": "a whole number", "float": "a number", "string": "text",
          "list": "a list", "dict": "a table", "date": "a date, like 2026-01-15", "datetime": "a date"}


def _wants(keys: list[str], err: dict) -> str:
    etype, ctx = err["type"], err.get("ctx") or {}
    if etype in ("literal_error", "enum"):
        return f"one of {', '.join(_choices(err))}"
    field = Config.model_fields.get(keys[0].replace("-", "_")) if len(keys) == 1 else None
    bounds = {type(m).__name__: getattr(m, "ge", getattr(m, "le", None)) for m in (field.metadata if field else [])}
    if "Ge" in bounds and "Le" in bounds and field.annotation is int:
        return f"a whole number from {bounds['Ge']} to {bounds['Le']}"
    if etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{etype.replace('_', ' ')} {next(iter(ctx.values()), '')}".strip()
    if len(keys) == 1 and keys[0] in _WANTS:
        return _WANTS[keys[0]]
    if len(keys) == 2 and keys[0] == "per-file-ignores":
        return 'a list of codes or prefixes, like ["A003"]'
    if len(keys) == 2 and keys[0] == "rules":
        return "a table of options, like max = 5"
    return _TYPES.get(etype.split("_")[0], "another kind of value")


def _choices(err: dict) -> list[str]:
    expected = (err.get("ctx") or {}).get("expected", "")
    return [c.strip(" '\"") for c in expected.replace(" or ", ",").split(",") if c.strip(" '\"")]


def _value_at(table: Any, loc: list) -> Any:
    for part in loc:
        try:
            table = table[part]
        except (KeyError, IndexError, TypeError):
            return None
    return table


def _toml(value: Any) -> str:
    """A value written the way it would be in the TOML file."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return "nothing" if value is None else str(value)


def _line_of(text: str, keys: list[str], pyproject: bool = False) -> int | None:
    """The line of a setting in the TOML text, found by scanning it: the line of `key =`, of a
    `[key]` table header or of a dotted `key.sub =`; for a nested setting, the line of the
    inner key within its table where it can be found, else of the outer one."""
    if not keys:
        return None
    start = 0
    if pyproject:
        header = re.search(r"^\s*\[tool\.cxsmart[\].]", text, flags=re.M)
        start = header.start() if header else 0
    found = None
    for depth, key in enumerate(keys):
        k = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
        pattern = (rf"^[ \t]*(?:[\w.\"'-]+\.)?{k}[ \t]*[=.]|^[ \t]*\[(?:tool\.cxsmart\.)?(?:[\w\"'-]+\.)*{k}[ \t]*[\].]"
                   if depth else rf"^[ \t]*{k}[ \t]*[=.]|^[ \t]*\[(?:tool\.cxsmart\.)?{k}[ \t]*[\].]")
        m = re.compile(pattern, flags=re.M).search(text, start)
        if m is None:
            break
        found, start = m, m.start()
    return text.count("\n", 0, found.start()) + 1 if found else None
