"""Configuration: `cxsmart.toml`, or `[tool.cxsmart]` in `pyproject.toml`, found from the
current directory upward; `--config PATH` names one. Unknown keys and bad values are errors
(exit 2) with the file, the line and a did-you-mean, never silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cxsmart.suggest import did_you_mean
from cxsmart.timeframes import MONTHS

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
    today: dt.date | None = Field(None, description="pins 'now' for date checks")
    rule_packs: list[str] = Field([], description="extra YAML rule packs (folders or files)")
    fail_on: Literal["error", "warning", "info"] = Field("warning", description="lowest severity that fails the run")
    report_unused_ignores: bool = Field(False, description="report suppressions that suppress nothing (F007)")
    max_file_size: int = Field(10, ge=1, le=1024, description="largest goal file read, in MiB")
    baseline: str | None = Field(None, description="a file of accepted findings (see --write-baseline)")

    @field_validator("fiscal_year_start", mode="before")
    @classmethod
    def _month(cls, value: Any) -> int:
        if isinstance(value, str):
            month = MONTHS.get(value.strip().lower())
            if month is None:
                raise ValueError(f"'{value}' is not a month{did_you_mean(value, [m for m in MONTHS if len(m) > 4])}")
            return month
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
            return value
        raise ValueError("use a month name like \"april\", or a number from 1 to 12")


KEYS = [f.alias or n for n, f in Config.model_fields.items()]


class LoadedConfig(BaseModel):
    config: Config = Config()
    path: Path | None = None      # the file it came from, or None for defaults
    root: Path                    # relative globs and packs resolve against this folder


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "cxsmart.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_tool_table(candidate):
            return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.cxsmart" in text


def load_config(explicit: Path | None, cwd: Path) -> LoadedConfig:
    path = explicit
    if path is not None and not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    if path is None:
        path = find_config(cwd)
    if path is None:
        return LoadedConfig(root=cwd)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read: {e}") from None
    table = data
    if path.name == "pyproject.toml" or set(data) == {"tool"}:
        table = data.get("tool", {}).get("cxsmart")
        if table is None:
            raise ConfigError(f"{path}: has no [tool.cxsmart] table")
    try:
        config = Config.model_validate(table)
    except ValidationError as e:
        raise ConfigError(_explain(path, text, e)) from None
    return LoadedConfig(config=config, path=path, root=path.parent.resolve())


def _explain(path: Path, text: str, error: ValidationError) -> str:
    err = error.errors(include_url=False)[0]
    loc = [str(p) for p in err["loc"]]
    key = loc[0] if loc else ""
    line = _line_of(text, key)
    where = f"{path}:{line}" if line else str(path)
    if err["type"] == "extra_forbidden":
        return f"{where}: unknown key '{key}'{did_you_mean(key, KEYS)}"
    message = err["msg"].removeprefix("Value error, ")
    return f"{where}: '{'.'.join(loc)}': {message}"


def _line_of(text: str, key: str) -> int | None:
    if not key:
        return None
    m = re.search(rf"^\s*\"?{re.escape(key)}\"?\s*=|^\s*\[(tool\.cxsmart\.)?{re.escape(key)}[\].]", text, flags=re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None
