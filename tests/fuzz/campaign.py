"""A fuzz campaign: make each kind's cases from a seed, run them, and count what happened."""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz import cases, fixing, reports, shapes
from tests.fuzz.harness import Lab, Outcome, check, invoke


@dataclass
class Tally:
    runs: int = 0
    exits: Counter = field(default_factory=Counter)
    failures: list[tuple[str, list[str]]] = field(default_factory=list)
    slowest: float = 0.0
    most_memory_mb: float = 0.0

    def add(self, name: str, outcome: Outcome, problems: list[str]) -> None:
        self.runs += 1
        self.exits[outcome.code] += 1
        self.slowest = max(self.slowest, outcome.seconds)
        self.most_memory_mb = max(self.most_memory_mb, outcome.grew_mb)
        if problems:
            self.failures.append((name, problems))


class Campaign:
    """Seeds that need a first run (a baseline, the cache entries, the uncached reference) are
    made once, when the first case of their kind asks."""

    def __init__(self, lab: Lab, keep_failures: Path | None = None):
        self.lab = lab
        self.keep = keep_failures
        self._baseline: bytes | None = None
        self._entries: dict[bool, dict[str, bytes]] = {}
        self._reference: tuple[int, list] | None = None
        self._tags: set[str] | None = None

    def make(self, kind: str, rng: random.Random) -> cases.Case:
        if kind == "goal-files":
            return cases.goal_case(rng)
        if kind == "configs":
            return cases.config_case(rng)
        if kind == "packs":
            return cases.pack_case(rng)
        if kind == "baselines":
            return cases.baseline_case(rng, self.baseline())
        if kind == "fixes":
            return fixing.fix_case(rng)
        if kind == "reports":
            return reports.report_case(rng)
        if kind == "gitignores":
            return shapes.gitignore_case(rng)
        if kind == "trees":
            return shapes.tree_case(rng)
        if kind == "fix-races":
            return shapes.race_case(rng)
        planted = rng.random() < 0.5
        case = cases.cache_case(rng, self.entries(planted))
        case.planted = planted
        return case

    def run(self, case: cases.Case) -> tuple[Outcome, list[str]]:
        if case.kind == "fixes":
            return fixing.run_fix_case(self.lab, case)
        if case.kind == "trees":
            return shapes.run_tree_case(self.lab, case)
        if case.kind == "fix-races":
            return shapes.run_race_case(self.lab, case)
        if case.kind == "reports":
            if self._tags is None:
                self._tags = reports.template_tags()
            return reports.run_report_case(self.lab, case, self._tags)
        ws = self.lab.workspace(case)
        try:
            args = list(case.args)
            if case.cache is None:
                args.insert(1, "--no-cache")
            elif not case.planted:
                args[1:1] = ["--cache-dir", str(self.lab.cache_folder(ws, case))]
            outcome = invoke(ws, args, self.lab.home, ci=case.cache is None or not case.planted)
            problems = check(ws, args, outcome)
            if case.cache is not None and not problems:
                problems = self.same_as_uncached(outcome)
            return outcome, problems
        finally:
            self.lab.done(ws)

    def one(self, kind: str, seed: str, tally: Tally) -> list[str]:
        case = self.make(kind, random.Random(seed))
        outcome, problems = self.run(case)
        tally.add(seed, outcome, problems)
        if problems and self.keep:
            self.save(seed, case, problems)
        return problems

    # -- seeds made by a first run --------------------------------------------------------
    def _seed_case(self) -> cases.Case:
        return cases.Case("seed", cases.seed_files(), [])

    def baseline(self) -> bytes:
        if self._baseline is None:
            ws = self.lab.workspace(self._seed_case())
            out = invoke(ws, ["lint", "--no-cache", "--today", "2026-12-02", "--write-baseline", "baseline.json", "."],
                         self.lab.home)
            assert out.code == 0, out
            self._baseline = (ws / "baseline.json").read_bytes()
            self.lab.done(ws)
        return self._baseline

    def entries(self, planted: bool) -> dict[str, bytes]:
        """A real cache's entries, made under the victim's secret, or (planted) the attacker's."""
        if planted not in self._entries:
            ws = self.lab.workspace(self._seed_case())
            folder = ws.parent / "made-cache"
            home = self.lab.attacker_home if planted else self.lab.home
            args = ["lint", "--cache-dir", str(folder), "--format", "json", "--today", "2026-12-02", "."]
            first = invoke(ws, args, home, ci=False)
            assert first.code == 1 and invoke(ws, args, home, ci=False).out == first.out, first
            self._entries[planted] = {str(p.relative_to(folder)): p.read_bytes()
                                      for p in sorted(folder.rglob("*")) if p.is_file()}
            assert any(name.startswith("results") for name in self._entries[planted]), self._entries[planted].keys()
            self.lab.done(ws)
        return self._entries[planted]

    def same_as_uncached(self, outcome: Outcome) -> list[str]:
        if self._reference is None:
            ws = self.lab.workspace(self._seed_case())
            ref = invoke(ws, ["lint", "--no-cache", "--format", "json", "--today", "2026-12-02", "."], self.lab.home)
            self._reference = (ref.code, json.loads(ref.out)["diagnostics"])
            self.lab.done(ws)
        code, diagnostics = self._reference
        got = json.loads(outcome.out)["diagnostics"] if outcome.out.strip() else None
        if (outcome.code, got) != (code, diagnostics):
            return [f"the cache changed the result: exit {outcome.code} (uncached {code}), "
                    f"{len(got or [])} findings (uncached {len(diagnostics)})"]
        return []

    def save(self, seed: str, case: cases.Case, problems: list[str]) -> None:
        folder = self.keep / seed.replace("/", "_")
        shutil.rmtree(folder, ignore_errors=True)
        for name, data in case.files.items():
            (folder / "repo" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "repo" / name).write_bytes(data)
        for name, data in (case.cache or {}).items():
            (folder / "cache" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "cache" / name).write_bytes(data)
        (folder / "case.json").write_text(json.dumps(
            {"kind": case.kind, "args": case.args, "links": case.links, "fifos": case.fifos, "folders": case.folders,
             "cache_links": case.cache_links, "planted": case.planted, "problems": problems}, indent=1))
