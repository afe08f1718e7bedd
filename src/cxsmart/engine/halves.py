"""Two processes for the rules that read prose, on a large workspace.

Those rules run once every sentence is read, when a run has nothing else to do, on one core
(a sixth of a 10,000-goal run). A forked copy of the process, which has the workspace and the
facts already, checks half of the goals and sends its findings back; this is worth its fork and
the pickling from a few thousand goals up. Only from the main thread (an editor's server lints
in a thread of its own, and forking beside other threads is not safe), only where the prose
worker may run (common.prefork.available).
"""

from __future__ import annotations

import os
import pickle
import threading

from cxsmart.common import prefork

MIN_GOALS = 3000                    # below this, the fork and the pickling cost more than they save


def worth_halving(ws) -> bool:
    return (len(ws.goals) >= MIN_GOALS and threading.current_thread() is threading.main_thread()
            and prefork.available())


class Forked:
    """`make()` run in a forked copy of this process; result() is what it returned, or None if
    the copy failed (the caller works it out itself)."""

    def __init__(self, make) -> None:
        self.pid = -1
        try:
            read, write = os.pipe()
        except OSError:
            return
        try:
            self.pid = os.fork()
        except OSError:                             # no process to spare: the caller checks its half
            os.close(read)
            os.close(write)
            return
        if self.pid == 0:                           # the copy: only os._exit, never the parent's exit handlers
            code = 1
            try:
                os.close(read)
                data = pickle.dumps(make(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.read = read

    def result(self):
        if self.pid <= 0:
            return None
        with os.fdopen(self.read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a copy that wrote something unreadable failed
            return None
