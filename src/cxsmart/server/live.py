"""The workspace kept in memory between edits: every file's loaded items, the built workspace
with each goal's view and prose facts, the findings of each file.

    whole  a `cxsmart lint` of the workspace through the api (the first lint, a configuration
           change, a file created or removed, a change of the workspace's date order)
    edit   one file's new text. When only one goal's lines changed, only they are read
           (splice) and, if the goal gives the workspace and the other goals' checks what it
           gave before, only it is checked again: its view replaced, every other goal's view,
           prose and findings kept (itempatch, checkfile). Otherwise only the file is parsed
           and loaded; when it gives the rest of the workspace what it gave before
           (shape.structure) its part of the workspace is rebuilt alone (patch), else the
           workspace is built again from the files in memory; then only its goals are checked
           (the workspace-wide checks see every goal) and only its new sentences go through
           spaCy. Either way its findings are the CLI's on the same text.
    check  every goal checked again, in the background, after an edit that changed what other
           files' checks read (`stale`); cancelled when a newer edit arrives.

Everything here runs in the server's one lint thread, one call at a time."""

from __future__ import annotations

import dataclasses
import gc
import threading
from pathlib import Path

from cxsmart import api
from cxsmart.api.files import read_one
from cxsmart.engine.workspace import Workspace
from cxsmart.model.catalogue import Catalogue
from cxsmart.read.source import decode, file_limit
from cxsmart.read.yamlread import parse_yaml
from cxsmart.rule import Rule
from cxsmart.server import shape
from cxsmart.server import checkfile
from cxsmart.server.itempatch import one_goal
from cxsmart.server.patch import Unpatchable, _start, patched
from cxsmart.server.splice import own, spliced
from cxsmart.server.session import Outcome, Session


class Cancelled(BaseException):
    """A newer edit arrived: the background check stops (a BaseException: the engine's guard
    against a failing rule does not catch it)."""


class Live:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.ws: Workspace | None = None
        self.cfg = None
        self.run = None
        self.findings: dict[str, list] = {}         # absolute path -> its findings, as last checked
        self.dates: dict[str, tuple] = {}           # path as shown -> its part in the date order
        self.stale = False                          # other files' findings may be out of date
        self.derived: dict[str, tuple] = {}         # path as shown -> (its file, shape.derived of it)
        self.garbage = False                        # a full collection is due (gc.freeze below)
        self.checked: dict[str, checkfile.Checked] = {}     # path as shown -> its goals' findings
        self.reals: dict[str, Path] = {}            # path as shown -> the file's path

    # -- the whole workspace, through the api ------------------------------------------------
    def whole(self, buffers: dict[Path, str]) -> Outcome:
        again = self.ws is not None
        self.ws = None
        gc.unfreeze()
        out = self.session.lint(buffers)
        ws = getattr(out.result, "workspace", None)
        if out.error is None and ws is not None:
            cfg = api.effective(self.session.loaded, api.Overrides())
            self.cfg = cfg.model_copy(update={"date_order": ws.date_order})
            self.run = api.prepare(self.cfg, self.session.loaded.root)
            self.ws, self.findings, self.dates, self.stale, self.derived = ws, dict(out.findings), {}, False, {}
        self.checked = {}
        if again:
            gc.collect()
        gc.freeze()
        return out

    # -- one edited file ---------------------------------------------------------------------
    def quick(self, path: Path, text: str) -> Outcome | None:
        """The file's findings on `text` when they come at once, None when `edit` must make them:
        the text is as linted, or only one goal's lines changed and it alone need be checked
        again (a millisecond or a few, the sentences of one goal through spaCy at most: the
        server runs this on its event loop, not in the lint thread)."""
        return self.edit(path, text, {}, quick=True)

    def edit(self, path: Path, text: str, buffers: dict[Path, str], quick: bool = False,
             tried: bool = False) -> Outcome | None:
        """The file's findings on `text`; None when the workspace must be linted whole. A file
        the workspace does not hold (excluded, or new) is linted as `cxsmart lint FILE` does.
        (`quick`: only what `quick` says; `tried`: `quick` was tried on this text.)"""
        display = self.session.display(path)
        old = next((f for f in self.ws.files if f.path == display), None) if self.ws is not None else None
        if old is None:
            return None if quick else self.session.lint({**buffers, path: text}, [path])
        data = text.encode("utf-8", "surrogatepass")
        key = str(path)
        decoded = decode(data, file_limit(self.cfg.max_file_size))[0]
        if old.text is not None and decoded == old.text and not self.stale:
            # as linted (unless an edit elsewhere changed what this file's checks read since)
            return Outcome(findings={key: self.findings.get(key, [])}, result=self.session.result)
        if decoded is not None and not any(p.code == "T011" for p in old.problems):
            cfg = self.cfg
            part = spliced(old, decoded, cfg.fiscal_year_start, cfg.date_order, cfg.strict_keys)
            if part is not None:                    # one goal's lines changed: only they are read
                done = None if tried else self._edit_goal(key, display, old, part)
                return done if done is not None or quick else self._edit(key, display, old, own(part.file))
        if quick:
            return None
        new, parsed = read_one(display, data, self.cfg)
        if any(p.code == "F001" for p in new.problems) and not any(new.sections.values()):
            # being typed: the rest keeps its last good state (a file that still gives items, the
            # first of several YAML documents, is read as it is: other files' checks see them)
            ws = self._build([new])
            result = api.check_built(ws, self.cfg, self.session.folder, self.run, self._real(ws), self.session.cache,
                                     shown={display})           # not kept: the file's last good state stays
            return Outcome(findings={key: [d for d in result.diagnostics if d.path]}, result=result)
        if display not in self.dates:
            self.dates[display] = shape.dates(parse_yaml(old.text) if old.text is not None else None)
        if shape.dates(parsed) != self.dates[display] or any(p.code == "T011" for p in old.problems):
            return None                                     # the date order may change: every file is read again
        return self._edit(key, display, old, new)

    def _edit_goal(self, key: str, display: str, old, part) -> Outcome | None:
        """Only the edited goal checked again, the others' findings kept (itempatch, checkfile);
        None when that is not sure to give the findings of a whole check."""
        memo = self.checked.get(display)
        if memo is None or memo.file is not old or not memo.reusable():
            return None
        dups = shape.twice(self.ws)             # the other items are the same objects, on the same lines
        i = part.item
        before, after = old.sections["goals"][i], part.file.sections["goals"][i]
        if shape.goal_structure(before, dups) != shape.goal_structure(after, dups):
            return None
        at, n = _start(self.ws, old), len(old.sections["goals"])
        views = self.ws.goals[at:at + n]
        if len(views) != n or any(v.item.file is not old for v in views) or len(memo.goals) != n:
            return None
        lines = range(part.first + 1, part.last - part.delta + 1)       # the goal's, in the old text
        kept = memo.kept(i, display, lines, part.delta)
        if kept is None:
            return None
        done = one_goal(self.ws, old, part.file, i, at + i, lines, part.delta, self.run, self.session.cache)
        if done is None:
            return None
        ws, view = done
        goals = ws.goals[at:at + n]
        result, checked = checkfile.run(ws, self.cfg, self.session.folder, self.run, self._real(ws),
                                        self.session.cache, display, goals, [view], kept)
        if not checked.reusable():      # the goal's check failed (F008): the engine ends that rule there,
            ws = self._build(list(ws.files))            # so what is kept of the goals below is not its
            at = _start(ws, part.file)
            result, checked = checkfile.run(ws, self.cfg, self.session.folder, self.run, self._real(ws),
                                            self.session.cache, display, ws.goals[at:at + n], None)
        self.checked[display] = checked
        self.derived.pop(display, None)
        self.ws = ws
        self.session.result = result
        return self._outcome(key, result)

    def _edit(self, key: str, display: str, old, new) -> Outcome:
        dups = shape.twice(self.ws)
        fresh = None
        if shape.structure(old, dups) == shape.structure(new, dups):
            before = self.derived.pop(display, None)
            if before is None or before[0] is not old:
                at = _start(self.ws, old)           # the file's goals, in file order among the workspace's
                views = self.ws.goals[at:at + len(old.sections["goals"])]
                if any(v.item.file is not old for v in views):
                    views = [v for v in self.ws.goals if v.item.file is old]
                before = (old, shape.derived(views))
            try:
                ws = patched(self.ws, old, new)
                fresh = [v for v in ws.goals if v.item.file is new]
            except Unpatchable:
                pass
        if fresh is None:
            ws = self._build([new if f is old else f for f in self.ws.files])
        if fresh is not None:
            goals = fresh
        else:
            at = _start(ws, new)
            goals = ws.goals[at:at + len(new.sections["goals"])]
        result, self.checked[display] = checkfile.run(ws, self.cfg, self.session.folder, self.run, self._real(ws),
                                                      self.session.cache, display, goals, fresh)
        after = shape.derived(fresh) if fresh is not None else None
        if fresh is None or after != before[1]:
            self.stale = True                               # other files' checks read what changed
            self.checked = {display: self.checked[display]}     # their goals' findings may change
        else:
            self.derived[display] = (new, after)
        self.ws = ws
        self.session.result = result
        return self._outcome(key, result)

    def _outcome(self, key: str, result) -> Outcome:
        found = [d for d in result.diagnostics if d.path]
        self.findings[key] = found
        return Outcome(findings={key: found}, result=result)

    # -- every goal again, in the background --------------------------------------------------
    def check(self, cancel: threading.Event) -> Outcome | None:
        """Every file's findings on the files in memory; None if cancelled meanwhile."""
        if self.ws is None:
            return None
        ws = self._build(list(self.ws.files))
        selection = self.run.selection
        watched = dataclasses.replace(selection, rules=[_Watched(r, cancel) for r in selection.rules])
        try:
            result = api.check_built(ws, self.cfg, self.session.folder, dataclasses.replace(self.run, selection=watched),
                                     self._real(ws), self.session.cache)
        except Cancelled:
            return None
        out = Outcome(result=result)
        for f in ws.files:
            out.findings[str(self.session.real(f.path))] = []
        for d in result.diagnostics:
            if d.path:
                out.findings.setdefault(str(self.session.real(d.path)), []).append(d)
        self.ws, self.findings, self.stale, self.derived, self.checked = ws, dict(out.findings), False, {}, {}
        self.session.result = result
        gc.freeze()
        self.garbage = True                         # the old views: collected when typing pauses
        return out

    def collect(self) -> None:
        """The workspace is kept out of the collector's reach (gc.freeze): a full collection of
        it takes a second at 10,000 goals, and it would fall in the middle of an edit. Garbage
        among it (the views a check replaced) is collected here, when nothing waits."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.garbage = False

    # -- helpers -------------------------------------------------------------------------------
    def _build(self, files: list) -> Workspace:
        ws = self.ws
        return Workspace.build(files, Catalogue.from_metrics(self.run.packs.metrics), ws.today, ws.fiscal_start,
                               ws.date_order)

    def _real(self, ws: Workspace) -> dict[str, Path]:
        reals = self.reals
        for f in ws.files:
            if f.path not in reals:
                reals[f.path] = self.session.real(f.path)
        return reals


class _Watched(Rule):
    """A rule that stops the background check when a newer edit arrived."""

    def __init__(self, rule: Rule, cancel: threading.Event) -> None:
        self.rule, self.cancel = rule, cancel
        self.code, self.name, self.severity = rule.code, rule.name, rule.severity
        self.needs_text, self.options = rule.needs_text, rule.options

    def check(self, goal, ctx):
        if self.cancel.is_set():
            raise Cancelled
        return self.rule.check(goal, ctx)

    def check_workspace(self, ws, ctx):
        if self.cancel.is_set():
            raise Cancelled
        return self.rule.check_workspace(ws, ctx)
