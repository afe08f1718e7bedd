"""The `cxsmart` command: argument parsing and printing only; the work is in the api package.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the run could not
be done (bad flag, bad configuration, missing path, or a bug: never a traceback).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from cxsmart import __version__
from cxsmart.common.printable import printable
from cxsmart.cli.reporting import ConfigOpt, IgnoreOpt, IsolatedOpt, NoCacheOpt, PathsArg, ReportFormat, SelectOpt, TodayOpt

app = typer.Typer(
    name="cxsmart",
    help="Lint customer-experience goals: find the goals that are not SMART, and say why.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Format(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"
    gitlab = "gitlab"
    junit = "junit"
    markdown = "markdown"


class TableFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def fail(message: str) -> None:
    """One clear line on stderr, exit 2."""
    typer.echo(printable(f"cxsmart: {message}"), err=True)
    raise typer.Exit(EXIT_ERROR)


class _LogLines:
    """stderr for messages that carry repository text (stale-baseline entries): each write is
    one line, neutralised for a terminal and a CI log (no escape sequence, no line of its own)."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text.removesuffix("\n")) + "\n")

    def flush(self) -> None:
        self.stream.flush()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxsmart {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Lint customer-experience goals: find the goals that are not SMART, and say why."""


def _codes(values: list[str] | None) -> list[str]:
    return [c.strip() for v in values or [] for c in v.split(",") if c.strip()]


def _today(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--today '{value}' is not a date: write it as YYYY-MM-DD, e.g. --today 2026-01-15")


@app.command()
def lint(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        metavar="PATHS", show_default=False, help="Goal files or folders (folders: every *.yaml/*.yml below) to report on; their references resolve against the whole workspace. Default: the configured 'include'.")] = None,
    format: Annotated[Optional[Format], typer.Option(
        "--format", help="Output format (default: text; github inside GitHub Actions).")] = None,
    output_file: Annotated[Optional[Path], typer.Option(
        "--output-file", "-o", help="Write the output to this file instead of the terminal.")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", metavar="CODES", help="Codes or prefixes to check (comma-separated); replaces the configured selection.")] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option("--extend-select", metavar="CODES", help="Codes or prefixes to check in addition.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", metavar="CODES", help="Codes or prefixes not to check.")] = None,
    fail_on: Annotated[Optional[Level], typer.Option(help="Lowest severity that fails the run (default: warning).")] = None,
    today: Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help="Pin 'now' for date checks (YYYY-MM-DD).")] = None,
    config: Annotated[Optional[Path], typer.Option(help="Configuration file (default: cxsmart.toml or pyproject.toml, found upward).")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail the run (never hides exit 2).")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print how many findings each rule has, instead of the findings.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only: no summary.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the cache.")] = False,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Where the cache lives (default: .cxsmart_cache next to the configuration).")] = None,
    color: Annotated[Color, typer.Option(help="Colour the text output.")] = Color.auto,
    report_unused_ignores: Annotated[bool, typer.Option("--report-unused-ignores", help="Report suppression comments that suppress nothing (F007).")] = False,
    force_exclude: Annotated[bool, typer.Option("--force-exclude", help="Apply 'exclude', 'include' and hidden-file skipping to files named on the command line too (pre-commit).")] = False,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", help="Record today's findings in this file and exit 0; with 'baseline' set to it, only new findings are reported.")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="A baseline file of accepted findings (default: 'baseline' in the configuration).")] = None,
    report_stale_baseline: Annotated[bool, typer.Option("--report-stale-baseline", help="Report baseline entries whose finding has gone, and fail the run if there are any.")] = False,
    require_plugins: Annotated[bool, typer.Option("--require-plugins", help="Fail (exit 2) when an installed plugin cannot be loaded, instead of warning.")] = False,
    isolated: Annotated[bool, typer.Option("--isolated", help="Read only the named files: references to objectives, owners and goals defined elsewhere are F004. (The configuration still applies.)")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe fixes, then report what remains.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix, --diff or --fix-only: apply the unsafe fixes too.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the fixes as a unified diff and change nothing (exit 1 if there are any).")] = False,
    fix_only: Annotated[bool, typer.Option("--fix-only", help="Apply the fixes and report nothing else.")] = False,
    workspace: Annotated[bool, typer.Option("--workspace", hidden=True, help="The default now: named files are linted in their workspace.")] = False,
) -> None:
    """Lint goal files and print the findings."""
    del workspace                   # --workspace: accepted for old hooks; named files always get their workspace
    from cxsmart.api import Overrides

    over = Overrides(
        select=_codes(select) if select else None, extend_select=_codes(extend_select), ignore=_codes(ignore),
        today=_today(today), fail_on=fail_on.value if fail_on else None,
        report_unused_ignores=report_unused_ignores, force_exclude=force_exclude, isolated=isolated,
    )
    result, loaded = _run_lint(list(paths or []), over, config, no_cache, cache_dir, require_plugins)
    if fix or diff or fix_only:
        again = lambda over: _run_lint(list(paths or []), over, config, no_cache, cache_dir, require_plugins, True)[0]  # noqa: E731
        result = _fix(result, loaded, over, again, unsafe_fixes, diff, fix_only, exit_zero)
        if diff or fix_only:
            return
    if write_baseline is not None:
        _report_call(lambda r: typer.echo(printable(r.write_baseline(write_baseline, result)), err=True))
        return
    if format is None:
        format = Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    stale = _report_call(lambda r: r.apply_baseline(result, baseline, loaded, report_stale_baseline,
                                                      _LogLines(sys.stderr)))
    if format is Format.markdown:               # a report: it needs the workspace's owners and objectives
        from cxsmart.cli import reporting

        text = reporting.markdown(reporting.build(result, loaded, list(paths or []), over, no_cache, cache_dir))
        _report_call(lambda r: r.write_output(text, output_file))
    else:
        _report_call(lambda r: r.emit(result, format.value, output_file, quiet, statistics, color.value))
    if result.files == 0:
        where = ", ".join(str(p) for p in paths) if paths else "the configured 'include' globs"
        typer.echo(printable(f"cxsmart: warning: no goal files found in {where}"), err=True)
    if (result.failed or stale) and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)


def _fix(result, loaded, over, lint_again, unsafe: bool, diff: bool, fix_only: bool, exit_zero: bool):
    """--fix, --diff, --fix-only: apply (or show) the fixes, linting again after each pass with
    `lint_again(overrides)`; the result after the last pass. Exit 1 where the fixing says the run
    fails (--diff with changes to make)."""
    from dataclasses import replace

    from cxsmart.fix import run as fixing

    order = getattr(result.workspace, "date_order", None) or loaded.config.date_order   # as the first pass read it,
    outcome = fixing.run(result, lambda contents: lint_again(replace(over, contents=contents, date_order=order)),
                         unsafe, write=not diff, date_order=order)   # though a fix makes the dates that showed it ISO
    if fixing.report(outcome, diff, fix_only, sys.stdout, sys.stderr) and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)
    return outcome.result


def _run_lint(paths: list[Path], over, config: Path | None, no_cache: bool, cache_dir: Path | None,
              require_plugins: bool, quiet: bool = False):
    """Lint, turning every 'cannot run' into exit 2 with one line. A run is short and its data
    has few reference cycles: the cyclic collector, which would rescan every parsed node again
    and again (a third of a 10,000-goal run), stays off for the rest of the process."""
    import gc

    gc.disable()
    from cxsmart.api import lint_paths
    from cxsmart.cache.store import from_settings
    from cxsmart.settings.config import ConfigError, load_config
    from cxsmart.read.discovery import DiscoveryError
    from cxsmart.read.packs import PackError
    from cxsmart.settings.registry import RegistryError
    from cxsmart.settings.selection import SelectionError

    cwd = Path.cwd()
    try:
        loaded = load_config(config, cwd, paths)
        result = lint_paths(paths, loaded, over, cwd=cwd, cache=from_settings(loaded.root, no_cache, cache_dir))
    except (ConfigError, SelectionError, DiscoveryError, PackError, RegistryError) as e:
        fail(str(e))
    if require_plugins and result.warnings:
        fail(result.warnings[0] + " (--require-plugins)")
    for warning in [] if quiet else [*result.warnings, *result.notes]:
        typer.echo(printable(f"cxsmart: warning: {warning}"), err=True)
    return result, loaded


def _report_call(action):
    from cxsmart.output import report

    try:
        return action(report)
    except report.ReportError as e:
        fail(str(e))


@app.command("server")
def server_command() -> None:
    """Serve findings, fixes and workspace help to an editor over the Language Server Protocol (stdio)."""
    try:
        from cxsmart.server import run
        from cxsmart.server import app as _app  # noqa: F401 - pygls is importable: the extra is installed
    except ImportError as e:
        fail(f"the language server needs its extra: pip install 'cxsmart[server]' ({e})")
    run()


@app.command("rules")
def rules_command(
    format: Annotated[TableFormat, typer.Option("--format", help="Output format.")] = TableFormat.text,
) -> None:
    """List every rule: code, name, default severity, and what it finds."""
    from cxsmart.settings.registry import default_registry

    reg = default_registry()
    rows = [(r.code, r.name, str(r.severity), r.letter(), r.default_enabled, r.summary()) for r in reg.sorted()]
    if format is TableFormat.json:
        import json

        sys.stdout.write(json.dumps([{"code": c, "name": n, "severity": s, "letter": l, "default": d, "summary": x}
                                     for c, n, s, l, d, x in rows], indent=2) + "\n")
        return
    if format is TableFormat.markdown:
        sys.stdout.write(rules_markdown(rows))
        return
    width = max(len(n) for _, n, *_ in rows)
    for code, name, severity, _, enabled, summary in rows:
        flag = "" if enabled else " (off by default)"
        typer.echo(f"{code}  {name:<{width}}  {severity:<7}  {summary}{flag}")


def rules_markdown(rows) -> str:
    lines = ["| code | name | severity | finds |", "| --- | --- | --- | --- |"]
    for code, name, severity, _, enabled, summary in rows:
        note = " (off by default)" if not enabled else ""
        lines.append(f"| {code} | {name} | {severity} | {summary.replace('|', '/')}{note} |")
    return "\n".join(lines) + "\n"


@app.command("rule")
def rule_command(code: Annotated[str, typer.Argument(help="A rule code or name, e.g. M002 or no-baseline.")]) -> None:
    """Explain one rule: what it finds, why it matters, an example and its fix."""
    from cxsmart.settings.registry import default_registry
    from cxsmart.common.suggest import did_you_mean

    reg = default_registry()
    rule = reg.find(code)
    if rule is None:
        fail(f"no rule '{code}'{did_you_mean(code, list(reg.rules) + list(reg.by_name()))}; "
             "'cxsmart rules' lists them")
    typer.echo(rule.page())


@app.command("metrics")
def metrics_command() -> None:
    """List the built-in metric catalogue: ids, units, better direction, kind and aliases."""
    from cxsmart.model.catalogue import Catalogue
    from cxsmart.read.packs import PackError, load_packs

    try:
        catalogue = Catalogue.from_metrics(load_packs([]).metrics)
    except PackError as e:
        fail(str(e))
    for m in sorted(catalogue.metrics.values(), key=lambda m: m.id):
        aliases = ", ".join(a for a in m.aliases if a.lower() != m.id)
        typer.echo(f"{m.id:<22} {m.unit_text or m.unit:<9} {(m.better or '-') + ' is better':<17} {(m.kind or '-'):<9} {aliases}")


@app.command("init")
def init_command(
    folder: Annotated[Path, typer.Argument(help="The goals folder: the starter goals and the configuration go here, which makes it the workspace; the pre-commit configuration goes at the top of its git repository.")] = Path("."),
    today: Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help="Date the starter goals from this day.")] = None,
) -> None:
    """Write a starter goals.yaml, cxsmart.toml and .pre-commit-config.yaml (never overwrites)."""
    from cxsmart.cli.init import InitError, init
    from cxsmart.model.timeframes import real_today

    try:
        written = init(folder, _today(today) or real_today())
    except InitError as e:
        fail(str(e))
    for path in written:
        shown = os.path.relpath(path)
        typer.echo(f"wrote {path if shown.startswith('..') else shown}")
    typer.echo("next: edit goals.yaml, then run 'cxsmart lint'")


@app.command("clean")
def clean_command(
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="The cache to remove.")] = None,
) -> None:
    """Remove cxsmart's cache (.cxsmart_cache)."""
    from cxsmart.cache.store import DIR_NAME, clean
    from cxsmart.settings.config import ConfigError, load_config

    try:
        folder = cache_dir or load_config(None, Path.cwd()).root / DIR_NAME
        removed = clean(folder)
    except (ConfigError, OSError) as e:
        fail(str(e))
    typer.echo(f"removed {folder}" if removed else f"no cache at {folder}")


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the goal file, for editors (see the README)."""
    from cxsmart.model.schema import render

    sys.stdout.write(render())


# -- reports: the lint result shown for people (bodies in reporting.py) -------------------------

def _report_input(paths, select, ignore, today, config, no_cache, isolated=False):
    """The lint result and report of a `lint` run with these options (baseline applied)."""
    from cxsmart.cli import reporting

    over = reporting.overrides(_codes(select) if select else None, _codes(ignore), _today(today), isolated)
    result, loaded = _run_lint(list(paths or []), over, config, no_cache, None, False)
    _report_call(lambda r: r.apply_baseline(result, None, loaded, False, _LogLines(sys.stderr)))
    return result, reporting.build(result, loaded, list(paths or []), over, no_cache)


@app.command("report")
def report_command(
    paths: PathsArg = None,
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="Where to write the report (default: cxsmart-report.html, or stdout for markdown; '-' for stdout).")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", help="html: the scorecard and cascade page; markdown: the CI summary.")] = ReportFormat.html,
    title: Annotated[Optional[str], typer.Option("--title", help="The page's title (default: 'CX goals report').")] = None,
    select: SelectOpt = None, ignore: IgnoreOpt = None, today: TodayOpt = None, config: ConfigOpt = None,
    no_cache: NoCacheOpt = False, isolated: IsolatedOpt = False,
) -> None:
    """Write the goals report: a self-contained HTML page (scorecard, cascade, goal cards), or markdown."""
    from cxsmart.cli import reporting

    result, report = _report_input(paths, select, ignore, today, config, no_cache, isolated)
    if format is ReportFormat.markdown:
        _report_call(lambda r: r.write_output(reporting.markdown(report), output_file))
        return
    target = output_file or Path("cxsmart-report.html")
    _report_call(lambda r: r.write_output(reporting.html(report, result.registry, title), target))
    if str(target) != "-":
        typer.echo(printable(f"cxsmart: wrote the report of {report.total.goals} goals to {target}"), err=True)


@app.command("tree")
def tree_command(
    paths: PathsArg = None, select: SelectOpt = None, ignore: IgnoreOpt = None, today: TodayOpt = None,
    config: ConfigOpt = None, no_cache: NoCacheOpt = False, isolated: IsolatedOpt = False,
    color: Annotated[Color, typer.Option(help="Colour the letters.")] = Color.auto,
) -> None:
    """Print the goal cascade: each objective, its goals and sub-goals, one line a goal with its SMART letters."""
    from cxsmart.cli import reporting

    reporting.tree(_report_input(paths, select, ignore, today, config, no_cache, isolated)[1], color.value)
