"""One fuzz case per kind of input: a workspace (files, links, special files) and the command
line that lints it. Seeds are the repository's own goal files, configurations and packs;
baselines and cache entries are made from a first run over a seed workspace."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tests.fuzz.mutate import TOKENS, deep, hostile_value, mutate_bytes, mutate_json

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("goal-files", "configs", "packs", "baselines", "cache", "fixes", "reports", "gitignores", "trees", "fix-races")
FORMATS = ("json", "json", "text", "concise", "github", "sarif", "gitlab", "junit")
SECRET = "FUZZ-SECRET-7f3a9c"          # in a file outside every workspace: must never be printed


@dataclass
class Case:
    kind: str
    files: dict[str, bytes]
    args: list[str]
    links: dict[str, str] = field(default_factory=dict)      # name in the workspace -> target
    fifos: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    cache: dict[str, bytes] | None = None                     # cache entries, by path in the cache folder
    cache_links: dict[str, str] = field(default_factory=dict)  # entry in the cache folder -> target
    planted: bool = False                                     # cache committed in the repository (no --cache-dir)
    depth: tuple[str, int] | None = None                      # a folder this many levels deep, at this name


@lru_cache(maxsize=None)
def goal_seeds() -> tuple[bytes, ...]:
    paths = sorted((ROOT / "examples").rglob("*.yaml")) + sorted((ROOT / "tests" / "repos").rglob("*.yaml"))
    return tuple(p.read_bytes() for p in paths if p.stat().st_size < 40_000)


@lru_cache(maxsize=None)
def pack_seeds() -> tuple[bytes, ...]:
    packs = [p.read_bytes() for p in sorted((ROOT / "rules").glob("*.yaml")) if p.stat().st_size < 40_000]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("# cx-rules/team.yaml")
    packs.append(readme[start:readme.index("```", start)].encode())
    return tuple(packs)


CONFIG_SEEDS = (
    b'include = ["goals/*.yaml", "*.yaml"]\nexclude = ["archive/"]\nrespect-gitignore = true\n',
    b'select = ["S", "M"]\nextend-select = ["F007"]\nignore = "P004, A003"\nfail-on = "error"\n',
    b'[severity]\nS001 = "info"\n\n[per-file-ignores]\n"goals/*.yaml" = ["A003"]\n',
    b'fiscal-year-start = "april"\ndate-order = "day-first"\ntoday = 2026-06-01\nmax-file-size = 1\n',
    b'rule-packs = ["packs/"]\nbaseline = "baseline.json"\nreport-unused-ignores = true\n',
    b'[rules.no-deadline]\nmax-days = 400\n[rules.S001]\nwords = ["synergy"]\n',
    b'[tool.cxsmart]\nselect = ["T"]\n',
)
CONFIG_KEYS = ("include", "exclude", "respect-gitignore", "select", "extend-select", "ignore", "severity",
               "per-file-ignores", "rules", "fiscal-year-start", "date-order", "today", "rule-packs", "fail-on",
               "report-unused-ignores", "max-file-size", "baseline", "tool", "includ", "", "a.b")
GLOBS = ["!", "\\", "[", "**/", "*", "!*.yaml", "goals/**/*.yaml", "/abs", "../up", "a" * 300, "\x00", "\x1b[2J",
         "[!a-", "{a,b}", "//", ".", "**"]


def toml_value(rng: random.Random, depth: int = 0) -> str:
    pick = rng.randrange(9)
    if pick == 0:
        return json.dumps(rng.choice(GLOBS), ensure_ascii=rng.random() < 0.5)
    if pick == 1:
        return "[" + ", ".join(toml_value(rng, depth + 1) for _ in range(rng.randint(0, 3))) + "]"
    if pick == 2 and depth < 2:
        return "{" + ", ".join(f"{json.dumps(rng.choice(GLOBS + ['S001', 'x']))} = {toml_value(rng, depth + 1)}"
                               for _ in range(rng.randint(0, 2))) + "}"
    if pick == 3:
        return rng.choice(["true", "false", "0", "-1", "13", "99999999999999999", "1.5", "nan", "inf"])
    if pick == 4:
        return rng.choice(["2026-02-30", "2026-06-01", "1979-05-27T07:32:00Z", "07:32:00"])
    if pick == 5:
        return json.dumps(rng.choice(["S001", "S", "ALL", "error", "april", "day-first", "packs/", "../outside/",
                                      "/etc/passwd", "/proc/self/environ", "baseline.json", "x" * 2000]))
    text = rng.choice(TOKENS).decode("utf-8", "replace") * rng.choice([1, 5])
    return json.dumps(text, ensure_ascii=rng.random() < 0.5)


def config_text(rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return mutate_bytes(rng, rng.choice(CONFIG_SEEDS), list(CONFIG_SEEDS), rounds=rng.choice([1, 1, 2, 4]))
    lines = [f"{json.dumps(k) if not k.replace('-', '').isalnum() else k} = {toml_value(rng)}"
             for k in rng.sample(CONFIG_KEYS, rng.randint(1, 5))]
    if rng.random() < 0.3:
        lines.append(f"[{rng.choice(['severity', 'per-file-ignores', 'rules', 'rules.S001', 'tool.x'])}]")
        lines.append(f"{json.dumps(rng.choice(GLOBS + ['S001', 'no-deadline']))} = {toml_value(rng)}")
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _workspace_goals(rng: random.Random, mutate: bool) -> dict[str, bytes]:
    seeds = goal_seeds()
    files = {}
    for i in range(rng.choice([1, 1, 2, 3])):
        data = rng.choice(seeds)
        files[f"goals/g{i}.yaml"] = mutate_bytes(rng, data, list(seeds)) if mutate else data
    return files


def goal_case(rng: random.Random) -> Case:
    case = Case("goal-files", _workspace_goals(rng, mutate=True), _lint_args(rng))
    odd = rng.random()
    if odd < 0.08:
        case.links["goals/evil.yaml"] = rng.choice(["{secret}", "/proc/self/environ", "/dev/zero", "{outside}",
                                                    "goals/evil.yaml", "missing.yaml", "g0.yaml", "/"])
    elif odd < 0.11:
        case.fifos.append(rng.choice(["goals/pipe.yaml", "pipe.yaml"]))
    elif odd < 0.13:
        case.folders.append("goals/folder.yaml")
    elif odd < 0.16:
        case.files["goals/deep.yaml"] = deep(rng.choice("[{"), rng.choice([100, 5000]))
    if rng.random() < 0.2:
        case.files[".gitignore"] = mutate_bytes(rng, b"archive/\n*.tmp\n!keep.yaml\n")
    return case


def config_case(rng: random.Random) -> Case:
    files = _workspace_goals(rng, mutate=False)
    files["pyproject.toml" if rng.random() < 0.15 else "cxsmart.toml"] = config_text(rng)
    case = Case("configs", files, _lint_args(rng))
    if rng.random() < 0.1:
        case.links["packs"] = "{outside}"
    return case


def pack_case(rng: random.Random) -> Case:
    files = _workspace_goals(rng, mutate=False)
    files["cxsmart.toml"] = rng.choice([b'rule-packs = ["packs/"]\n', b'rule-packs = ["packs/p0.yaml"]\n'])
    for i in range(rng.choice([1, 1, 2])):
        if rng.random() < 0.25:
            doc = {rng.choice(["metrics", "vague-terms", "rules", "direction-verbs", "hedges", "x"]):
                   hostile_value(rng) for _ in range(rng.randint(1, 3))}
            files[f"packs/p{i}.yaml"] = json.dumps(doc).encode()
        else:
            files[f"packs/p{i}.yaml"] = mutate_bytes(rng, rng.choice(pack_seeds()), list(pack_seeds()),
                                                     rounds=rng.choice([1, 1, 2, 4]))
    case = Case("packs", files, _lint_args(rng))
    if rng.random() < 0.08:
        case.links["packs/link.yaml"] = rng.choice(["{secret}", "/etc/passwd", "/dev/zero", "{outside}"])
    return case


def seed_files() -> dict[str, bytes]:
    """The workspace that baselines and cache entries are made from: it has findings of most kinds."""
    return {"goals/g0.yaml": (ROOT / "examples" / "bad" / "sentences.yaml").read_bytes(),
            "goals/g1.yaml": (ROOT / "examples" / "bad" / "team-goals.yaml").read_bytes()}


def baseline_case(rng: random.Random, baseline: bytes) -> Case:
    files = seed_files()
    pick = rng.random()
    if pick < 0.5:
        data = json.dumps(mutate_json(rng, json.loads(baseline)), ensure_ascii=rng.random() < 0.5).encode()
    elif pick < 0.9:
        data = mutate_bytes(rng, baseline)
    else:
        data = deep(rng.choice("[{"), rng.choice([250, 100_000]))
    files["baseline.json"] = data
    args = _lint_args(rng) + ["--baseline", "baseline.json"]
    if rng.random() < 0.5:
        args.append("--report-stale-baseline")
    case = Case("baselines", files, args)
    if rng.random() < 0.05:
        del case.files["baseline.json"]
        case.links["baseline.json"] = rng.choice(["{secret}", "/dev/zero", "/proc/self/environ"])
    return case


def cache_case(rng: random.Random, entries: dict[str, bytes]) -> Case:
    files = seed_files()
    cache = dict(entries)
    for _ in range(rng.randint(1, 4)):
        name = rng.choice(sorted(cache))
        data = cache[name]
        pick = rng.random()
        if pick < 0.35 and name.endswith(".json"):
            try:
                cache[name] = json.dumps(mutate_json(rng, json.loads(data)), ensure_ascii=False).encode("utf-8", "replace")
            except (ValueError, RecursionError):
                cache[name] = mutate_bytes(rng, data)
        elif pick < 0.8:
            cache[name] = mutate_bytes(rng, data)
        else:
            cache[name] = deep(rng.choice("[{"), rng.choice([300, 100_000]))
    case = Case("cache", files, ["lint", "--format", "json", "--today", "2026-12-02", "."], cache=cache,
                planted=rng.random() < 0.5)
    if rng.random() < 0.1:
        victim = rng.choice(sorted(cache))
        del cache[victim]
        case.cache_links[victim] = rng.choice(["/dev/zero", "{secret}", "/proc/self/environ"])
    return case


def _lint_args(rng: random.Random) -> list[str]:
    args = ["lint", "--format", rng.choice(FORMATS), "--today", "2026-12-02", "--color", "never"]
    if rng.random() < 0.15:
        args.append("--report-unused-ignores")
    if rng.random() < 0.1:
        args.append("--isolated")
    if rng.random() < 0.7:
        args.append(".")
    return args
