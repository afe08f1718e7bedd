"""The bodies of `cxsmart report`, `cxsmart tree` and `lint --format markdown`: each takes the
lint result the CLI computed (same paths, configuration, baseline and findings as `lint`),
reads the workspace for its goals, owners and objectives, and writes a report of it.

`report` exits 0 once the report is written, whatever it shows (the report is for people; the
lint job decides pass or fail), and 2 when it cannot be written (output.report.ReportError).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from cxsmart.api import Overrides
    from cxsmart.settings.config import LoadedConfig
    from cxsmart.report.data import Report
    from cxsmart.cache.results import LintResult


# the options `report` and `tree` share with `lint`
PathsArg = Annotated[Optional[list[Path]], typer.Argument(
    metavar="PATHS", show_default=False, help="Goal files or folders, as for 'lint'. Default: the configured 'include'.")]
SelectOpt = Annotated[Optional[list[str]], typer.Option("--select", metavar="CODES", help="As for 'lint'.")]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", metavar="CODES", help="As for 'lint'.")]
TodayOpt = Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help="Pin 'now' for date checks.")]
ConfigOpt = Annotated[Optional[Path], typer.Option(help="Configuration file, as for 'lint'.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the cache.")]
IsolatedOpt = Annotated[bool, typer.Option("--isolated", help="As for 'lint': read only the named files.")]


class ReportFormat(str, Enum):
    html = "html"
    markdown = "markdown"


def overrides(select: list[str] | None, ignore: list[str], today, isolated: bool = False) -> Overrides:
    """The command line's choices, as for lint."""
    from cxsmart.api import Overrides

    return Overrides(select=select, ignore=ignore, today=today, isolated=isolated)


def build(result: LintResult, loaded: LoadedConfig, paths: list[Path], over: Overrides,
          no_cache: bool = False, cache_dir: Path | None = None) -> Report:
    from cxsmart.api import read_workspace
    from cxsmart.cache.store import from_settings
    from cxsmart.report.data import build as build_report

    ws = result.workspace               # None when the result came from the cache: read it (parses cached)
    if ws is None:
        ws = read_workspace(paths, loaded, over, cwd=Path.cwd(), cache=from_settings(loaded.root, no_cache, cache_dir))
    return build_report(result, ws)


def markdown(report: Report) -> str:
    from cxsmart.report import markdown as md

    return md.render(report)


def html(report: Report, registry, title: str | None = None) -> str:
    from cxsmart.report import html as page

    return page.render(report, registry, title)


def tree(report: Report, color: str) -> None:
    from cxsmart.report import tree as terminal

    terminal.render(report, color)
