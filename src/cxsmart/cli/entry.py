"""The console script around the `cxsmart` command (commands.py): the guard that turns anything
unexpected into exit 2 and one line, and the fast exit after a run."""

from __future__ import annotations

import os
import sys

from cxsmart.common.printable import printable

EXIT_ERROR = 2


def main() -> None:
    """Entry point with the guard: anything unexpected is exit 2 and one line, never a traceback
    (CXSMART_DEBUG=1 shows it, for developers)."""
    from cxsmart.cli.commands import app

    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("cxsmart: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_ERROR)
    except Exception as e:  # noqa: BLE001 - the guard
        if os.environ.get("CXSMART_DEBUG"):
            raise
        sys.stderr.write(printable(f"cxsmart: internal error: {type(e).__name__}: {e}. This is a bug in cxsmart; "
                                   "please report it with the command you ran and the file it read.") + "\n")
        sys.exit(EXIT_ERROR)


def entry() -> None:
    """The console script: main(), then exit without tearing the interpreter down. A command
    that lints first forks the process that will read its prose (common.prefork), before its
    imports, so that spaCy loads on the second core while the command starts. A large run
    leaves a few hundred MB of parsed objects that Python would free one by one at exit (a
    tenth of a 10,000-goal run) for nothing; output is flushed first and any worker process
    stopped (mypy exits the same way)."""
    _closed_streams_to_devnull()
    if _first_command(sys.argv[1:]) in _LINTING:
        from cxsmart.common import prefork

        prefork.start(_serve_prose)
    try:
        main()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 0 if e.code is None else 1
        if isinstance(e.code, str):
            sys.stderr.write(e.code + "\n")
    _hard_exit(code)


_LINTING = {"lint", "report", "tree"}         # the commands that lint, and so may read prose


def _first_command(args: list[str]) -> str | None:
    return next((a for a in args if not a.startswith("-")), None)


def _serve_prose(inbox, outbox, parent: int) -> None:
    """The early process's life (common.prefork): the prose worker, once the run hands it packs."""
    from cxsmart.language.worker import serve_early

    serve_early(inbox, outbox, parent)


def _closed_streams_to_devnull() -> None:
    """A stream closed before the start (`cxsmart lint >&-`) is None in Python: what would be
    written to it goes nowhere, and the exit code is still the run's (0, 1 or 2), never an
    AttributeError."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        try:
            closed = stream is None or os.fstat(stream.fileno()) is None
        except (OSError, ValueError, AttributeError):
            closed = not hasattr(stream, "getvalue")          # a test's StringIO has no file descriptor
        if closed:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))    # noqa: SIM115 - lives until exit


def _hard_exit(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, OSError, ValueError):
            code = code or EXIT_ERROR
    if "multiprocessing" in sys.modules:
        import multiprocessing

        for child in multiprocessing.active_children():
            child.kill()
    os._exit(code)
