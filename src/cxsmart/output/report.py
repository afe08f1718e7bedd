"""Writing a lint result out: the chosen format to the terminal or a file, and baselines."""

from __future__ import annotations

import sys
from pathlib import Path


class ReportError(Exception):
    """The result cannot be written, or the baseline read (exit 2)."""


def write_baseline(path: Path, result) -> str:
    """Write the baseline; return the line to tell the user."""
    from cxsmart.common.fsutil import write_atomic
    from cxsmart.output import baseline

    try:
        write_atomic(path, baseline.render(result.diagnostics))
    except OSError as e:
        raise ReportError(f"cannot write {path}: {e.strerror or e}") from None
    n = len(result.diagnostics)
    return (f"cxsmart: wrote {n} finding{'s' if n != 1 else ''} to {path}; set baseline = \"{path}\" "
            "in cxsmart.toml to report only new ones")


def apply_baseline(result, explicit: Path | None, loaded, report_stale: bool, err) -> int:
    """Drop the findings the baseline accepts; return how many stale entries were reported."""
    from cxsmart.output import baseline

    path = explicit or (loaded.root / loaded.config.baseline if loaded.config.baseline else None)
    if path is None:
        return 0
    try:
        entries = baseline.load(path)
    except baseline.BaselineError as e:
        raise ReportError(str(e)) from None
    applied = baseline.apply(result.diagnostics, entries)
    result.diagnostics = applied.kept
    if applied.matched:
        err.write(f"cxsmart: {applied.matched} finding{'s' if applied.matched != 1 else ''} accepted by the "
                  f"baseline {path}\n")
    if not report_stale:
        return 0
    for e in applied.stale:
        goal = f" goal '{e['goal']}'" if e.get("goal") else ""
        err.write(f"cxsmart: stale baseline entry: {e.get('code')}{goal} in {e.get('path')}: {e.get('message')} "
                  "(the finding has gone: write the baseline again)\n")
    return len(applied.stale)


def emit(result, format: str, output_file: Path | None, quiet: bool, statistics: bool, color: str) -> None:
    import io

    from cxsmart.output import render

    if format == "text":
        out = io.StringIO() if output_file else sys.stdout
        _print_text(result, quiet, statistics, "never" if output_file else color, out)
        text = out.getvalue() if output_file else None
    elif format == "json":
        from cxsmart.output import jsonfmt

        text = jsonfmt.render(result, statistics=statistics)
    else:
        text = render(format, result, result.registry)
    if text is not None:
        write_output(text, output_file)


def write_output(text: str, output_file: Path | None) -> None:
    """To the file (atomically), or to stdout with none or '-'."""
    if output_file is None or str(output_file) == "-":
        sys.stdout.write(text)
        return
    from cxsmart.common.fsutil import write_atomic

    try:
        write_atomic(output_file, text)
    except OSError as e:
        raise ReportError(f"cannot write {output_file}: {e.strerror or e}") from None


def _print_text(result, quiet: bool, statistics: bool, color: str, file=None) -> None:
    from rich.console import Console

    from cxsmart.output import text

    console = Console(file=file or sys.stdout, highlight=False, soft_wrap=True,
                      force_terminal=True if color == "always" else None,
                      no_color=True if color == "never" else None,
                      color_system=None if color == "never" else "auto")
    sources: dict[str, list[str]] = {}
    for path in {d.path for d in result.diagnostics}:
        sources[path] = _lines(path)
    text.render(result, console, sources, quiet=quiet, statistics=statistics)


def _lines(path: str) -> list[str]:
    """The file's lines for excerpts; never blocks on a FIFO or device, never fails."""
    from cxsmart.read.source import Unreadable, read_bytes

    try:
        data = read_bytes(path, 64 * 1024 * 1024)
    except Unreadable:
        return []
    from cxsmart.read.source import source_lines

    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    return source_lines(data.decode(encoding, errors="replace"))      # lines as positions count them
