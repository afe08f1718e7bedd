"""Running a fuzz case: lay out its workspace, lint it in-process (as `cxsmart.cli.entry.main` would,
but with the exception kept, so an internal error is caught with its traceback), and check the
outcome against what every run must satisfy."""

from __future__ import annotations

import gc
import json
import os
import re
import resource
import shutil
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.cases import SECRET, Case
from tests.test_hazards import within

CANARY = "FUZZ-ENV-CANARY-51c2"          # in the environment: /proc/self/environ must never be printed
HANG_SECONDS = 60                        # a case still running then is a hang
SLOW_SECONDS = 20                        # a case slower than this fails (the inputs are small)
MEMORY_MB = 600                          # growth of the peak RSS one case may cause
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ANNOTATION = re.compile(r"::(error|warning|notice) file=[^\n]*::[^\n]*")


@dataclass
class Outcome:
    code: int | None
    out: str
    err: str
    seconds: float
    grew_mb: float
    crash: str | None = None


class Lab:
    """A scratch folder with the secret outside every workspace, and the two per-user cache
    secrets: the victim's (this run's) and an attacker's (who plants a cache)."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder or tempfile.mkdtemp(prefix="cxsmart-fuzz-"))
        self.outside = self.folder / "outside"
        (self.outside / "packs").mkdir(parents=True, exist_ok=True)
        secret = f"- title: {SECRET}\n  id: {SECRET}\n{SECRET}: [\n"
        (self.outside / "secret.yaml").write_text(secret)
        (self.outside / "packs" / "p.yaml").write_text(f"vague-terms: [{SECRET}]\n{SECRET}\n")
        self.home = self.folder / "home"
        self.attacker_home = self.folder / "attacker-home"
        self.count = 0

    def workspace(self, case: Case) -> Path:
        self.count += 1
        ws = self.folder / f"case-{self.count}" / "repo"
        (ws / ".git").mkdir(parents=True)
        for name, data in case.files.items():
            (ws / name).parent.mkdir(parents=True, exist_ok=True)
            (ws / name).write_bytes(data)
        for name, target in case.links.items():
            (ws / name).parent.mkdir(parents=True, exist_ok=True)
            target = target.format(secret=self.outside / "secret.yaml", outside=self.outside)
            (ws / name).symlink_to(target)
        for name in case.fifos:
            (ws / name).parent.mkdir(parents=True, exist_ok=True)
            os.mkfifo(ws / name)
        for name in case.folders:
            (ws / name).mkdir(parents=True, exist_ok=True)
        if case.depth is not None:
            from tests.fuzz.shapes import make_deep

            make_deep(ws, *case.depth)
        if case.cache is not None:
            folder = self.cache_folder(ws, case)
            for name, data in case.cache.items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(data)
            for name, target in case.cache_links.items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).symlink_to(target.format(secret=self.outside / "secret.yaml", outside=self.outside))
        return ws

    @staticmethod
    def cache_folder(ws: Path, case: Case) -> Path:
        """A planted cache is committed in the repository; a user's own one is named by --cache-dir."""
        return ws / ".cxsmart_cache" if case.planted else ws.parent / "cache"

    def done(self, ws: Path) -> None:
        from tests.fuzz.shapes import remove_deep

        for deep in (ws / "deep", ws / "goals" / "deep"):
            if deep.is_dir():
                remove_deep(deep)
        shutil.rmtree(ws.parent, ignore_errors=True)


def invoke(ws: Path, args: list[str], home: Path, ci: bool = True) -> Outcome:
    """Lint in-process from `ws`; the environment is the CI's (CI=true) or a laptop's.

    The command line turns the cyclic garbage collector off for the rest of its process (a
    run is short: see cli._run_lint), so here it is turned back on and what the run left is
    collected: with it off, every case's reference cycles stayed (about 0.5 MB a case, 1.5 GB
    over 3,000 goal files)."""
    from typer.testing import CliRunner

    from cxsmart.cli.commands import app

    env = {"CI": "true" if ci else None, "GITHUB_ACTIONS": None, "XDG_CACHE_HOME": str(home),
           "FUZZ_CANARY": CANARY, "CXSMART_NO_CACHE": None, "NO_COLOR": None, "FORCE_COLOR": None}
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    here = os.getcwd()
    os.chdir(ws)
    start = time.perf_counter()
    try:
        with within(HANG_SECONDS):
            result = CliRunner().invoke(app, args, env=env, catch_exceptions=True)
    except TimeoutError as e:                        # raised outside click's own handling
        return Outcome(None, "", "", time.perf_counter() - start, 0, f"hang: {e}")
    finally:
        seconds = time.perf_counter() - start
        os.chdir(here)
        release()
    grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    crash = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crash = "".join(traceback.format_exception(result.exception))
    return Outcome(result.exit_code, result.stdout, result.stderr, seconds, grew, crash)


def release() -> None:
    """The collector on again, and the cycles a run left collected."""
    gc.enable()
    gc.collect(1)


def check(ws: Path, args: list[str], outcome: Outcome) -> list[str]:
    """Everything wrong with one run; [] when it behaved."""
    if outcome.crash:
        return [f"crash: {outcome.crash}"]
    problems = []
    both = outcome.out + outcome.err
    if outcome.code not in (0, 1, 2):
        problems.append(f"exit {outcome.code}")
    for word in ("Traceback", "internal error", SECRET, CANARY):
        if word in both:
            problems.append(f"printed {word!r}")
    if outcome.code == 2 and not outcome.err.strip():
        problems.append("exit 2 with nothing on stderr")
    if outcome.seconds > SLOW_SECONDS:
        problems.append(f"took {outcome.seconds:.1f} s")
    if outcome.grew_mb > MEMORY_MB:
        problems.append(f"peak memory grew by {outcome.grew_mb:.0f} MB")
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", outcome.err):
        problems.append(f"a control character on stderr: {outcome.err[:200]!r}")
    fmt = args[args.index("--format") + 1] if "--format" in args else "text"
    out = outcome.out
    if "--diff" in args:            # a diff shows a fixable file's own line breaks and form feeds
        out = out.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", " ")
    if out.strip() and outcome.code != 2:
        problems += check_output(ws, fmt, out)
    return problems


def check_output(ws: Path, fmt: str, out: str) -> list[str]:
    try:
        if fmt in ("json", "sarif", "gitlab"):
            doc = json.loads(out)
            return positions(ws, doc["diagnostics"]) if fmt == "json" else []
        if fmt == "junit":
            ET.fromstring(out)
        elif fmt == "github":
            bad = [line for line in out.splitlines() if line.startswith("::") and not _ANNOTATION.fullmatch(line)]
            return [f"github line is not one annotation: {bad[0][:200]!r}"] if bad else []
        elif re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out):
            return [f"a control character in {fmt} output"]
    except (ValueError, KeyError, ET.ParseError) as e:
        return [f"{fmt} output does not parse: {e}"]
    return []


def positions(ws: Path, diagnostics: list[dict]) -> list[str]:
    """Every finding inside the file it names, start before end, counted as an editor counts."""
    problems = []
    lines_of: dict[str, list[str]] = {}
    for d in diagnostics:
        if d.get("line") is None:
            continue
        named = os.path.normpath(ws / d["path"])
        path = Path(named).resolve()
        if not named.startswith(str(ws) + os.sep):
            problems.append(f"{d['code']} names {d['path']!r}, outside the workspace")
            continue
        if not str(path).startswith(str(ws.resolve()) + os.sep) or not path.is_file():
            if (d["line"], d["column"], d["end_line"]) != (1, 1, 1) or d["end_column"] > 2:
                problems.append(f"{d['code']} on {d['path']!r} (not read: a link out, or not a file) is not at 1:1")
            continue
        if d["path"] not in lines_of:
            data = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
            lines_of[d["path"]] = _LINE_BREAK.split(data)
        lines = lines_of[d["path"]]
        where = f"{d['code']} at {d['path']}:{d['line']}:{d['column']}-{d['end_line']}:{d['end_column']}"
        ok = (1 <= d["line"] <= d["end_line"] <= len(lines) and 1 <= d["column"] <= len(lines[d["line"] - 1]) + 1
              and 1 <= d["end_column"] <= len(lines[d["end_line"] - 1]) + 1
              and (d["end_line"] > d["line"] or d["end_column"] >= d["column"]))
        if not ok:
            problems.append(f"{where} is outside the file ({len(lines)} lines)")
    return problems
