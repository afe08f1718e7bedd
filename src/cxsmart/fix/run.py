"""`cxsmart lint --fix`, `--unsafe-fixes`, `--diff`, `--fix-only`: lint, apply the fixes the
findings carry, lint again, until nothing more is fixed (at most MAX_PASSES times, as ruff does).

A file is rewritten only if it is UTF-8 YAML that loads with no F001/F002 problem before and
after its fixes (else it is left alone, with a warning). Writes are atomic and keep the file's
mode bits (setuid too) and owner. Only a regular file inside the repository the named path lies
in is written (a link is followed only when it stays there), and only if it is still the file
that was read (same device and inode, not a link now) and writable: else it is refused with a
warning. `--diff` does the same passes in memory (each lint reads the fixed text instead of the
file) and writes nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from cxsmart.diagnostics import SAFE, Fix
from cxsmart.fix.apply import Unfixable, apply, choose, decode, shared_spans, touches_shared, unified_diff

MAX_PASSES = 10
_BLOCKING = ("F001", "F002")
_WHY = {"F001": "the file has a YAML error", "F002": "the file has a value cxsmart cannot read"}


def withhold(found: list, sources: list) -> tuple[list, dict[str, tuple[str, int, int]]]:
    """The findings with no fix in a file --fix will not touch (one whose loading has an F001 or
    F002 problem, whether or not that rule is selected), so that no count, mark or fix offered
    promises it; and per such file, why and how many fixes (safe, unsafe) were held back."""
    why = {}
    for source in sources:
        problem = next((p for p in source.problems if p.code in _BLOCKING), None)
        if problem is not None:
            why[source.path] = f"{_WHY[problem.code]} ({problem.code}, line {problem.span.line})"
    if not why:
        return found, {}
    held: dict[str, tuple[str, int, int]] = {}
    kept = []
    for d in found:
        if d.fix is not None and d.path in why:
            reason, safe, unsafe = held.get(d.path, (why[d.path], 0, 0))
            held[d.path] = (reason, safe + (d.fix.applicability == SAFE), unsafe + (d.fix.applicability != SAFE))
            d = replace(d, fix=None)
        kept.append(d)
    return kept, held


@dataclass
class Outcome:
    result: object                          # the LintResult after the last pass
    fixed: int = 0                          # findings fixed
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)    # path -> (before, after)
    warnings: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)       # path -> text read instead of the file

    def diff(self) -> str:
        return "".join(unified_diff(path, before, after) for path, (before, after) in sorted(self.changed.items()))


def wanted(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and (unsafe or fix.applicability == SAFE)


def run(first, lint: Callable[[dict[str, bytes]], object], unsafe: bool, write: bool,
        date_order: str | None = None, texts: dict[str, str] | None = None) -> Outcome:
    """Fix the findings of the result `first`, and lint again with `lint(contents)` (contents:
    {path: bytes} to read instead of the files); `write=False` (--diff): in memory only.
    `date_order`: the configuration's, to load files as lint does. `texts`: {path: text} read
    instead of those files (an editor's unsaved buffers; with write=False)."""
    outcome = Outcome(first)
    outcome.warnings += [f"{n} fix{'es' if n != 1 else ''} not applied in {path}: {why}"
                         for n, path, why in first.held_back(unsafe)]
    outcome.texts = dict(texts or {})
    skipped: set[str] = set()
    for _ in range(MAX_PASSES):
        plan = _plan(outcome, unsafe, skipped)
        if not plan:
            break
        progress = False
        for path, fixes in sorted(plan.items()):
            done = _fix_file(path, fixes, outcome, write, date_order)
            if done:
                progress = True
            else:
                skipped.add(path)
        if not progress:
            break
        outcome.result = lint({} if write else {p: after.encode("utf-8") for p, (_, after) in outcome.changed.items()})
    outcome.result.fixed = outcome.fixed
    outcome.result.withheld = {}            # the warnings have said which files and why
    return outcome


def _plan(outcome: Outcome, unsafe: bool, skipped: set[str]) -> dict[str, list[Fix]]:
    """The fixes to apply, per file (a file --fix will not touch has none: see withhold)."""
    plan: dict[str, list[Fix]] = {}
    for d in outcome.result.diagnostics:
        if wanted(d.fix, unsafe) and d.path and d.path not in skipped:
            plan.setdefault(d.path, []).append(d.fix)
    return plan


@dataclass
class _Target:
    real: str               # the file written: the path with its links followed (inside the repository)
    info: os.stat_result    # what it was when read


def _read_target(path: str) -> tuple[bytes, _Target]:
    """The file's bytes and what it is; Unfixable if it is not a regular file inside the
    repository the path lies in (a link out of it, even into another repository, is refused)."""
    from cxsmart.read.safeopen import Unreadable, check_link
    from cxsmart.read.source import HARD_MAX_BYTES

    try:
        real = check_link(path)
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except Unreadable as e:
        raise Unfixable(str(e)) from None
    except OSError as e:
        raise Unfixable(f"cannot open it: {e.strerror or e}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unfixable("it is not a regular file")
        chunks, size = [], 0
        while size <= HARD_MAX_BYTES:                   # a regular file may still be read in parts
            chunk = os.read(fd, HARD_MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > HARD_MAX_BYTES:                           # grown since it was linted: writing back what was
        raise Unfixable(f"it is larger than {HARD_MAX_BYTES // 2**20} MiB")   # read would cut it short
    return b"".join(chunks), _Target(real, info)


def _check_target(target: _Target) -> None:
    """Unfixable unless the file at the path is still the one read, a regular file (not a link
    swapped in meanwhile), writable, and can keep its owner."""
    try:
        now = os.lstat(target.real)
    except OSError as e:
        raise Unfixable(f"it is gone since it was read: {e.strerror or e}") from None
    if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (target.info.st_dev, target.info.st_ino):
        raise Unfixable("it is not the file that was read any more (a link or another file is there now)")
    if not now.st_mode & 0o222 or not os.access(target.real, os.W_OK):
        raise Unfixable("it is read-only")
    root = os.geteuid() == 0 if hasattr(os, "geteuid") else True
    if not root and (now.st_uid != os.geteuid() or (now.st_gid != os.getegid() and now.st_gid not in os.getgroups())):
        raise Unfixable("it belongs to another user or group: rewriting it would change its owner")


def _write_target(target: _Target, text: str) -> None:
    from cxsmart.common.fsutil import write_atomic

    _check_target(target)
    info = os.lstat(target.real)
    mode = stat.S_IMODE(info.st_mode)
    write_atomic(Path(target.real), text, mode=mode, into_devices=False)
    if hasattr(os, "chown"):
        new = os.lstat(target.real)
        if (new.st_uid, new.st_gid) != (info.st_uid, info.st_gid):
            os.chown(target.real, info.st_uid, info.st_gid, follow_symlinks=False)
            os.chmod(target.real, mode)             # chown clears setuid and setgid


def _fix_file(path: str, fixes: list[Fix], outcome: Outcome, write: bool, date_order: str | None) -> bool:
    """Apply one pass of fixes to one file; False if the file is left alone."""
    try:
        if path in outcome.texts:                   # an editor's unsaved buffer: never written (write=False)
            target = None
            before = outcome.changed[path][1] if path in outcome.changed else outcome.texts[path]
        else:
            data, target = _read_target(path)
            before = outcome.changed[path][1] if path in outcome.changed else decode(data)
        chosen = choose(_unshared(path, before, fixes, outcome))
        after = apply(before, chosen)
        old = _check_loads(path, before, date_order)
        new = _check_loads(path, after, date_order)
        _check_shape(old, new)
    except (OSError, Unfixable) as e:
        outcome.warnings.append(f"{path}: not fixed: {getattr(e, 'strerror', None) or e}")
        return False
    if after == before:
        return False
    if write:
        try:
            _write_target(target, after)
        except Unfixable as e:
            outcome.warnings.append(f"{path}: not fixed: {e}")
            return False
        except OSError as e:
            outcome.warnings.append(f"{path}: not fixed: cannot write it: {e.strerror or e}")
            return False
    first = outcome.changed.get(path, (before, after))[0]
    outcome.changed[path] = (first, after)
    outcome.fixed += len(chosen)
    return True


def _unshared(path: str, text: str, fixes: list[Fix], outcome: Outcome) -> list[Fix]:
    """The fixes that edit no value an alias reads elsewhere; the others are warned about once."""
    shared = shared_spans(text)
    kept = []
    for fix in fixes:
        anchor = touches_shared(fix, shared)
        if anchor is None:
            kept.append(fix)
            continue
        warning = (f"{path}:{fix.edits[0].span.line}: not fixed: {fix.message}: the value is shared through "
                   f"the anchor &{anchor}, and an alias reads it elsewhere; edit it by hand")
        if warning not in outcome.warnings:
            outcome.warnings.append(warning)
    return kept


def _check_loads(path: str, text: str, date_order: str | None):
    """The text's data; Unfixable unless it loads with no F001/F002 problem (a fix never
    breaks a file, and a file that is broken is not fixed)."""
    from cxsmart.read.loader import load_text
    from cxsmart.read.source import normalise_breaks
    from cxsmart.read.yamlread import parse_yaml

    text = normalise_breaks(text.removeprefix("\ufeff"))
    parsed = parse_yaml(text)
    if date_order is None:                  # a result from the cache: the order this file's own dates show
        from cxsmart.read.dateorder import infer

        date_order = infer([(path, parsed)]).order
    source = load_text(path, text, parsed=parsed, date_order=date_order)
    problems = [p for p in source.problems if p.code in _BLOCKING]
    if problems:
        raise Unfixable(f"it has {problems[0].code} findings, which --fix does not touch (line "
                        f"{problems[0].span.line})")
    return parsed.data


_ADDED = {"metric", "segment", "baseline", "target", "deadline"}      # the fields a fix may add (M011)


def _check_shape(old, new) -> None:
    """Unfixable unless the fixed data has the same sections and items, each with the same
    keys or more of those a fix adds: a guard against an edit that lands in the wrong place."""
    if isinstance(old, list):
        old, new = {"goals": old}, {"goals": new} if isinstance(new, list) else new
    if not isinstance(old, dict) or not isinstance(new, dict) or list(old) != list(new):
        raise Unfixable("the fixed text would not read as the same sections")
    for key, items in old.items():
        if not isinstance(items, list):
            continue
        if not isinstance(new[key], list) or len(new[key]) != len(items):
            raise Unfixable(f"the fixed text would not read as the same {key}")
        for was, now in zip(items, new[key]):
            if isinstance(was, dict) and not (isinstance(now, dict) and set(was) <= set(now)
                                              and set(now) - set(was) <= _ADDED):
                raise Unfixable(f"the fixed text would not read as the same {key}")


def report(outcome: Outcome, diff: bool, fix_only: bool, out, err) -> bool:
    """Print what --diff or --fix-only print (and every warning); True if --diff would change a file.
    The diff is the files' text as it is (a patch); warnings name paths, neutralised for a terminal."""
    from cxsmart.common.printable import printable

    for warning in outcome.warnings:
        err.write(printable(f"cxsmart: warning: {warning}") + "\n")
    n, files = outcome.fixed, len(outcome.changed)
    findings = f"{n} finding{'s' if n != 1 else ''}"
    where = f"in {files} file{'s' if files != 1 else ''}"
    if diff:
        out.write(outcome.diff())
        err.write(f"cxsmart: would fix {findings} {where}\n" if n else "cxsmart: nothing to fix\n")
        return bool(outcome.changed)
    if fix_only:
        out.write(f"Fixed {findings} {where}.\n" if n else "Nothing to fix.\n")
    return False
