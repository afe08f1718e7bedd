"""Fuzz kinds of issue 19: `.gitignore` files (globs that would backtrack, many and large files),
tree shapes (link loops, dangling links, folders deeper than git repositories go), and the
`--fix` race (the file swapped for a link to a victim outside the workspace between the lint
and the write). On top of what every run must do: a tree's odd entries are warned about by
their relative path; the victim of a race is never written."""

from __future__ import annotations

import os
import random
from pathlib import Path

from tests.fuzz.cases import Case, _lint_args, _workspace_goals
from tests.fuzz.harness import Lab, check, invoke
from tests.fuzz.mutate import mutate_bytes

GLOB_PARTS = ["*", "**", "?", "[a-z]", "[!x]", "a", "b", "/", "!", "\\", "#", " ", ".yaml", "goals", "g0"]


def _glob(rng: random.Random) -> str:
    if rng.random() < 0.3:                          # a glob that backtracks: stars between one letter
        letter = rng.choice("agxy")
        return (letter + "*") * rng.randint(5, 14) + letter + rng.choice(["q", "b", ""])
    return "".join(rng.choice(GLOB_PARTS) for _ in range(rng.randint(1, 8)))


def gitignore_case(rng: random.Random) -> Case:
    files = _workspace_goals(rng, mutate=False)
    for _ in range(rng.randint(0, 3)):             # long names for the globs to chew on
        files[f"goals/{rng.choice('agxy') * rng.randint(30, 250)}.yaml"] = files["goals/g0.yaml"]
    for folder in rng.sample(["", "goals/", "goals/sub/"], rng.randint(1, 3)):
        lines = [_glob(rng) for _ in range(rng.choice([1, 5, 50, 3_000, 12_000]))]
        data = "\n".join(lines).encode("utf-8", "surrogatepass")
        files[f"{folder}.gitignore"] = mutate_bytes(rng, data) if rng.random() < 0.2 else data
    args = _lint_args(rng)
    if rng.random() < 0.3:
        files["cxsmart.toml"] = f'exclude = ["{_glob(rng).replace(chr(92), "/")}"]\n'.encode()
    return Case("gitignores", files, args)


def tree_case(rng: random.Random) -> Case:
    case = Case("trees", _workspace_goals(rng, mutate=False), _lint_args(rng))
    case.args[0] = rng.choice(["lint", "lint", "tree", "report"])
    if case.args[0] != "lint":
        case.args = [case.args[0], "--no-cache", "."]
    for i in range(rng.randint(0, 3)):
        folder = rng.choice(["", "goals/", "goals/a/"])
        kind = rng.choice(["self", "pair", "dangling", "parent"])
        if kind == "self":
            case.links[f"{folder}self{i}.yaml"] = f"self{i}.yaml"
        elif kind == "pair":
            case.links[f"{folder}p{i}.yaml"] = f"q{i}.yaml"
            case.links[f"{folder}q{i}.yaml"] = f"p{i}.yaml"
        elif kind == "dangling":
            case.links[f"{folder}gone{i}.yaml"] = "nowhere.yaml"
        else:
            case.links[f"{folder}up{i}"] = "."
    if rng.random() < 0.5:
        case.depth = (rng.choice(["deep", "goals/deep"]), rng.choice([50, 101, 400, 1_000, 1_200]))
    return case


def run_tree_case(lab: Lab, case: Case):
    ws = lab.workspace(case)
    try:
        outcome = invoke(ws, case.args, lab.home)
        problems = check(ws, case.args, outcome)
        if outcome.code in (0, 1):
            for name, target in case.links.items():
                if name.endswith(".yaml") and f"{name}: skipped" not in outcome.err:
                    problems.append(f"no warning names {name} (a link to {target})")
        return outcome, problems
    finally:
        lab.done(ws)


def race_case(rng: random.Random) -> Case:
    from tests.fuzz.fixing import fix_case

    case = fix_case(rng)
    case.kind = "fix-races"
    case.args = [*case.args, rng.choice(["goals/g0.yaml", "."])]
    return case


def run_race_case(lab: Lab, case: Case):
    """--fix, with each file swapped for a link to a victim outside the workspace after the lint
    read it: before --fix opens it again, or once its fixes are applied (before the write)."""
    import cxsmart.fix.run as fixrun

    ws = lab.workspace(case)
    victim = ws.parent / "victim.yaml"
    original = case.files["goals/g0.yaml"]             # the victim reads as the file did: its fixes apply there
    victim.write_bytes(original)
    moment = "apply" if len(case.files) > 1 or "--unsafe-fixes" in case.args else "_fix_file"
    real = getattr(fixrun, moment)

    def swap_then(*args, **kw):
        for path in sorted((ws / "goals").glob("*.yaml")):
            if not path.is_symlink():
                path.unlink()
                path.symlink_to(victim)
        return real(*args, **kw)

    setattr(fixrun, moment, swap_then)
    try:
        args = [*case.args[:-1], "--fix", "--format", "concise", case.args[-1]]   # positions: the files are links now
        outcome = invoke(ws, args, lab.home)
        problems = check(ws, args, outcome)
        if victim.read_bytes() != original:
            problems.append("--fix wrote through a link swapped in after the lint")
        return outcome, problems
    finally:
        setattr(fixrun, moment, real)
        lab.done(ws)


def make_deep(ws: Path, name: str, levels: int) -> None:
    """`levels` nested folders under ws/name, one at a time (os.makedirs recurses)."""
    path = ws / name
    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(levels):
        path.mkdir()
        path = path / "d"
    (path.parent / "x.yaml").write_bytes(b"- title: deep\n")


def remove_deep(top: Path) -> None:
    """Remove nested folders bottom-up without recursion (shutil.rmtree recurses)."""
    folders = [top]
    while folders[-1].is_dir() and not folders[-1].is_symlink():
        folders.append(folders[-1] / "d")
    for folder in reversed(folders[:-1]):
        for entry in folder.iterdir():
            if entry.is_symlink() or not entry.is_dir():
                entry.unlink()
        os.rmdir(folder)
