"""src/cxsmart is grouped by stage, and imports run one way: a module imports only from its own
stage or an earlier one (typing-only imports under TYPE_CHECKING do not count). The order:

    vocabulary (diagnostics, rule: the plugin API; common/) -> model -> read -> language -> engine
    -> rules -> output -> fix -> report -> the program (api/, settings/, cache/, cli/) -> server (the language server, over the program's api; only the CLI's `server` command
    imports it, lazily, so `cxsmart lint` never loads pygls)
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "cxsmart"
STAGES = ["vocabulary", "model", "read", "language", "engine", "rules", "output", "fix", "report", "program", "server"]
VOCABULARY = {"diagnostics", "rule", "common", "__init__"}
PACKAGES = {"common", "model", "read", "language", "engine", "rules", "output", "fix", "report", "api", "settings",
            "cache", "cli", "server"}
PROGRAM = {"api", "settings", "cache", "cli"}   # the program, over the stages


def stage(module: str) -> str:
    """'cxsmart.read.loader' -> 'read'; 'cxsmart.api' -> 'program'."""
    parts = module.split(".")[1:]
    if not parts:
        return "vocabulary"
    if parts[0] in VOCABULARY:
        return "vocabulary"
    if parts[0] in PROGRAM:
        return "program"
    if parts[0] in PACKAGES:
        return parts[0]
    return "program"


def modules():
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC.parent).with_suffix("")
        name = ".".join(p for p in rel.parts if p != "__init__")
        yield name, path


def imports(path: Path) -> list[tuple[str, int]]:
    """cxsmart modules imported anywhere in the file, except under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for child in node.body for n in ast.walk(child)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cxsmart"):
            if node.module == "cxsmart":            # from cxsmart import __version__, or a module
                found += [(f"cxsmart.{a.name}" if a.name != "__version__" else "cxsmart", node.lineno)
                          for a in node.names]
            else:
                found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("cxsmart")]
    return found


def test_every_module_has_a_stage_and_the_tree_shows_them():
    assert {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == PACKAGES


def test_imports_run_one_way():
    wrong = []
    for name, path in modules():
        mine = STAGES.index(stage(name))
        for target, line in imports(path):
            if stage(target) == "server" and name == "cxsmart.cli.commands":
                continue                    # the `server` command (see the test below)
            if STAGES.index(stage(target)) > mine:
                wrong.append(f"{path.relative_to(SRC.parent)}:{line}: {stage(name)} imports {target} ({stage(target)})")
    assert wrong == []


def test_only_the_cli_command_imports_the_server_and_lazily():
    """Nothing imports the server stage but the CLI's `server` command, inside its function."""
    found = []
    for name, path in modules():
        if stage(name) == "server":
            continue
        for target, line in imports(path):
            if stage(target) == "server":
                found.append((name, line))
    assert [n for n, _ in found] == ["cxsmart.cli.commands", "cxsmart.cli.commands"]
    cli = (SRC / "cli" / "commands.py").read_text(encoding="utf-8").splitlines()
    assert all(cli[line - 1].startswith("        ") for _, line in found)      # inside the command


def test_lint_does_not_load_the_language_server():
    """The CLI's cold start stays as it is: `cxsmart lint` imports neither pygls nor lsprotocol."""
    import subprocess
    import sys

    code = ("import sys\nsys.argv = ['cxsmart', 'lint', '--no-cache', 'examples/good']\n"
            "from cxsmart.cli.entry import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pygls', 'lsprotocol', 'cxsmart.server') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=SRC.parents[1], timeout=120)
    assert proc.stdout.splitlines()[-1] == "[]"


def test_the_check_sees_an_upward_import(tmp_path):
    path = tmp_path / "x.py"
    path.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cxsmart.api import LintResult\n"
                    "def f():\n    from cxsmart.engine.run import run_rules\n")
    assert imports(path) == [("cxsmart.engine.run", 5)]
    assert STAGES.index(stage("cxsmart.engine.run")) > STAGES.index(stage("cxsmart.read.loader"))
