"""A process forked at the very start of a command, to become its prose worker later.

The console script forks it before importing anything heavy, when the command lints; the child
imports spaCy and builds its blank pipeline on the second core while the command imports the
rest of cxsmart and parses YAML, which is the third of a large run the worker would otherwise
spend getting ready (and all of the time a small run waits for spaCy). The run hands it its rule
packs when it needs it (language.worker); a run that does not (a cached result, no rule reading
prose) leaves it waiting, and the console script's exit ends it.

This module imports nothing of cxsmart: it runs before the rest is loaded.
"""

from __future__ import annotations

import os
import sys

_waiting: tuple | None = None           # (inbox, outbox, process) of the forked child, until taken


def available() -> bool:
    """Whether a worker may be forked: only where fork is safe after arbitrary imports (not
    macOS, where it is offered but can abort the child), with a second core to run on, and
    not turned off (CXSMART_NO_WORKER=1)."""
    if os.environ.get("CXSMART_NO_WORKER") or not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def start(target) -> None:
    """Fork `target(inbox, outbox, parent_pid)` now, to be taken by the run later."""
    global _waiting
    if _waiting is not None or not available():
        return
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    inbox, outbox = ctx.Queue(), ctx.Queue()
    try:
        process = ctx.Process(target=target, args=(inbox, outbox, os.getpid()), daemon=True)
        process.start()
    except OSError:                     # no process to spare: the run forks or reads in-process later
        return
    _waiting = (inbox, outbox, process)


def waiting() -> bool:
    return _waiting is not None and _waiting[2].is_alive()


def take() -> tuple | None:
    """The forked child's (inbox, outbox, process), once, if it is still alive."""
    global _waiting
    taken, _waiting = _waiting, None
    return taken if taken is not None and taken[2].is_alive() else None
