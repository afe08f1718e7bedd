"""The server's worker (app.CxServer._edit): an edit is first offered to Live.quick on the event
loop, and only when nothing runs in the lint thread (the workspace in memory is used by one
thread at a time); otherwise, or when quick declines, Live.edit runs in the lint thread."""

from __future__ import annotations

import asyncio
import threading

from pygls.workspace import Workspace

from cxsmart.server.app import build
from cxsmart.server.session import Outcome


class _Live:
    """Records which of its calls ran, in which thread."""

    def __init__(self, answer_quick: bool) -> None:
        self.calls: list[tuple] = []
        self.answer_quick = answer_quick

    def quick(self, path, text):
        self.calls.append(("quick", threading.current_thread().name))
        return Outcome(findings={str(path): []}) if self.answer_quick else None

    def edit(self, path, text, buffers, quick=False, tried=False):
        self.calls.append(("edit", threading.current_thread().name, tried))
        return None                     # "lint the workspace whole": nothing is published


def _server(live: _Live, tmp_path):
    server = build()
    server.protocol._workspace = Workspace(tmp_path.as_uri())
    server.live = live
    server.publish = lambda *args, **kwargs: None
    return server


def test_a_quick_edit_runs_on_the_event_loop_and_a_declined_one_in_the_lint_thread(tmp_path):
    declined, answered = _Live(answer_quick=False), _Live(answer_quick=True)
    for live in (declined, answered):
        asyncio.run(_server(live, tmp_path)._edit(str(tmp_path / "a.yaml"), "goals: []\n"))
    here = threading.current_thread().name
    assert declined.calls[0] == ("quick", here)
    assert declined.calls[1][0] == "edit" and declined.calls[1][1].startswith("cxsmart-lint") and declined.calls[1][2]
    assert answered.calls == [("quick", here)]


def test_while_the_lint_thread_works_an_edit_waits_for_it_there(tmp_path):
    live = _Live(answer_quick=True)
    server = _server(live, tmp_path)
    busy, release = threading.Event(), threading.Event()

    def fix_all():                          # e.g. a code action's fix-all, holding the lint lock
        busy.set()
        release.wait(5)

    async def scenario():
        job = asyncio.ensure_future(server.in_lint(fix_all))
        await asyncio.get_running_loop().run_in_executor(None, busy.wait, 5)
        edit = asyncio.ensure_future(server._edit(str(tmp_path / "a.yaml"), "goals: []\n"))
        await asyncio.sleep(0.05)
        assert live.calls == []             # not linted beside the job, nor on the event loop
        release.set()
        await asyncio.gather(job, edit)

    asyncio.run(scenario())
    assert [c[0] for c in live.calls] == ["edit"] and live.calls[0][1].startswith("cxsmart-lint")
    assert live.calls[0][2] is False        # quick was not tried: edit does all of it
