"""The documentation works when pasted: every code block of README.md and docs/*.md is checked
for what it is, and every command that is safe to run is run, in a copy of the repository.

Blocks are marked with an HTML comment on the line before them:
- ```yaml with no mark: a goal file that lints with no error-level finding;
- `<!-- fails: M002, T001 -->`: a goal file whose findings are exactly these codes (T003,
  past-deadline, only when marked: it depends on the day the test runs);
- `<!-- rule-pack: cx-rules/team.yaml -->`: a rule pack that loads;
- `<!-- pre-commit-config -->`: a valid .pre-commit-config.yaml with cxsmart init's hook;
- ```toml: a configuration that loads, with a valid rule selection;
- `<!-- editor: NAME -->`: an editor's set-up for `cxsmart server`, checked (and where the
  editor is here, run) by tests/test_editors.py;
- ```sh, ```shell, ```console and the indented command lines of README.md: run with bash in a
  copy of the repository, with this virtualenv's tools on PATH; exit code 0, or the one in
  `<!-- exit: N -->`. Installing and running the test suite are left to CI (.ci/run runs the
  README's install and test commands as written).
Commands written in the text (`cxsmart rule M002`) must name real commands and options; the
ones without placeholders are run too.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from cxsmart.api import lint_text
from cxsmart.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
VENV_BIN = Path(sys.executable).parent

FENCE = re.compile(r"^(?:<!--[ \t]*(?P<mark>[^\n]*?)[ \t]*-->\n)?```(?P<lang>[\w-]*)[ \t]*\n(?P<body>.*?)^```[ \t]*$",
                   re.M | re.S)
SHELL = {"sh", "shell", "bash", "console"}
# left to CI: installing (it needs the network and minutes) and the test suite (it runs this test)
NOT_HERE = re.compile(r"\bpip install\b|-m venv\b|\bpytest\b|benchmarks/speed\.py")


@dataclass
class Block:
    doc: Path
    line: int
    lang: str
    mark: str
    body: str

    @property
    def id(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"

    def marked(self, name: str) -> str | None:
        key, _, value = self.mark.partition(":")
        return value.strip() if key.strip() == name else None


def blocks() -> list[Block]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            line = text.count("\n", 0, m.start("body")) + 1
            found.append(Block(doc, line, m.group("lang"), m.group("mark") or "", m.group("body")))
    return found


def indented_commands() -> list[Block]:
    """README's indented (4-space) command lines, outside fenced blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    fenced = [(m.start(), m.end()) for m in FENCE.finditer(text)]
    found = []
    for m in re.finditer(r"^(?:<!--[ \t]*(?P<mark>[^\n]*?)[ \t]*-->\n\n)?(?P<body>(?: {4}\S[^\n]*\n)+)", text, re.M):
        if any(a <= m.start("body") < b for a, b in fenced):
            continue
        line = text.count("\n", 0, m.start("body")) + 1
        found.append(Block(ROOT / "README.md", line, "sh", m.group("mark") or "", m.group("body")))
    return found


ALL = blocks()
YAML = [b for b in ALL if b.lang == "yaml"]
TOML = [b for b in ALL if b.lang == "toml" and b.marked("editor") is None]
SH = [b for b in ALL if b.lang in SHELL] + indented_commands()


def test_the_blocks_are_found():
    readme = [b for b in ALL if b.doc.name == "README.md"]
    assert len([b for b in readme if b.lang == "yaml"]) >= 4 and [b for b in readme if b.lang == "toml"]
    assert [b for b in ALL if b.doc.name == "goal-file.md" and b.lang == "yaml"]
    assert {b.lang for b in ALL if b.marked("editor") is None} <= {"yaml", "toml", *SHELL, "text"}, \
        "a block of a kind this test cannot check"
    assert {b.lang for b in ALL if b.marked("editor") is not None} <= {"json", "lua", "toml", "elisp"}, \
        "an editor's set-up that tests/test_editors.py does not check"
    assert any("cxsmart lint examples/bad" in b.body for b in SH)


# -- YAML ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("block", [b for b in YAML if not b.mark], ids=lambda b: b.id)
def test_goal_file_lints_without_errors(block):
    found = lint_text({"goals.yaml": block.body}).diagnostics
    errors = [(d.code, d.span.line, d.message) for d in found if d.severity >= Severity.ERROR]
    assert errors == [], f"{block.id}: mark the block with <!-- fails: CODES --> if that is its point"


@pytest.mark.parametrize("block", [b for b in YAML if b.marked("fails") is not None], ids=lambda b: b.id)
def test_failing_goal_file_fails_with_exactly_its_codes(block):
    expected = {c.strip() for c in block.marked("fails").split(",") if c.strip()}
    found = {d.code for d in lint_text({"goals.yaml": block.body}).diagnostics}
    if "T003" not in expected:
        found.discard("T003")
    assert found == expected, block.id


@pytest.mark.parametrize("block", [b for b in YAML if b.marked("rule-pack") is not None], ids=lambda b: b.id)
def test_rule_pack_loads(block, tmp_path):
    from cxsmart.read.packrules import make_rule
    from cxsmart.read.packs import load_packs

    path = tmp_path / block.marked("rule-pack")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(block.body, encoding="utf-8")
    packs = load_packs([path.parent])
    for spec, where in packs.rules:
        make_rule(spec, where)
    assert packs.rules or packs.metrics, block.id


@pytest.mark.parametrize("block", [b for b in YAML if b.marked("pre-commit-config") is not None], ids=lambda b: b.id)
def test_pre_commit_config_is_what_init_writes(block, tmp_path):
    from pre_commit.clientlib import load_config

    from cxsmart.cli.init import pre_commit_config

    shown = tmp_path / "shown.yaml"
    shown.write_text(block.body)
    written = tmp_path / "written.yaml"
    written.write_text(pre_commit_config("cxsmart @ file:///anywhere"))
    hook = load_config(str(shown))["repos"][0]["hooks"][0]
    init_hook = load_config(str(written))["repos"][0]["hooks"][0]
    assert hook["language"] == "python" and hook["additional_dependencies"][0].startswith("cxsmart")
    assert {**hook, "additional_dependencies": []} == {**init_hook, "additional_dependencies": []}


# -- TOML ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("block", TOML, ids=lambda b: b.id)
def test_configuration_loads(block, tmp_path):
    from cxsmart.settings.config import load_config
    from cxsmart.settings.registry import default_registry
    from cxsmart.settings.selection import select_rules

    name = "pyproject.toml" if "[tool.cxsmart" in block.body else "cxsmart.toml"
    (tmp_path / name).write_text(block.body, encoding="utf-8")
    loaded = load_config(None, tmp_path)
    assert loaded.path == tmp_path / name
    cfg = loaded.config
    select_rules(default_registry(), cfg.select, cfg.extend_select, cfg.ignore, cfg.severity, cfg.rules,
                 cfg.report_unused_ignores)


# -- commands -----------------------------------------------------------------------------------

@pytest.fixture
def copy(tmp_path):
    """A copy of the repository (as a git repository), with this virtualenv as its .venv."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".cxsmart_cache", "__pycache__", ".hypothesis", ".pytest_cache", "*.egg-info"))
    (repo / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "CXSMART_DEBUG": "",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    return repo, env


def script(block: Block) -> str:
    if block.lang == "console":
        lines = [line[2:] for line in block.body.splitlines() if line.startswith("$ ")]
    else:
        lines = [line.strip() for line in block.body.splitlines() if line.strip() and not line.strip().startswith("#")]
    safe = []
    for line in lines:
        parts = [p.strip() for p in line.split("&&")]
        kept = [p for p in parts if not NOT_HERE.search(p)]
        if kept:
            safe.append(" && ".join(kept))
    return "\n".join(safe)


@pytest.mark.parametrize("block", SH, ids=lambda b: b.id)
def test_commands_run(block, copy):
    repo, env = copy
    commands = script(block)
    if block.marked("skip") is not None or not commands:
        pytest.skip(f"{block.id}: {block.marked('skip') or 'installs or runs the tests: CI does that'}")
    assert "<" not in commands.replace("<<", ""), f"{block.id}: a placeholder cannot be pasted"
    expected = int(block.marked("exit") or 0)
    run = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", commands], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == expected, f"{block.id}: {commands}\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
    assert "Traceback" not in run.stderr


def inline_commands() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        text = FENCE.sub("", doc.read_text(encoding="utf-8"))
        for m in re.finditer(r"(?<!`)`([^`]+?)`(?!`)", text):
            span = " ".join(m.group(1).split())                 # a span may wrap onto the next line
            where = f"{doc.relative_to(ROOT)}: `{span}`"
            if re.match(r"cxsmart [a-z]|--[a-z]", span) and (where, span) not in found:
                found.append((where, span))                     # not requirements like `cxsmart @ ...`
    return found


INLINE = inline_commands()


def _commands():
    import typer.main

    from cxsmart.cli.commands import app

    group = typer.main.get_command(app)
    return {name: {o for p in cmd.params for o in getattr(p, "opts", []) if o.startswith("-")}
            for name, cmd in group.commands.items()}


@pytest.mark.parametrize("where,span", INLINE, ids=[w for w, _ in INLINE])
def test_commands_in_the_text_exist(where, span):
    commands = _commands()
    words = shlex.split(span.split(">")[0])
    if words[0] == "cxsmart":
        assert words[1] in commands, f"{where}: no command '{words[1]}'"
        options = commands[words[1]]
    else:
        options = set().union(*commands.values())
    for word in words:
        if word.startswith("--"):
            assert word.split("=")[0] in options, f"{where}: no option {word}"


RUNNABLE = [(w, s) for w, s in INLINE if s.startswith("cxsmart ") and not re.search(r"\b[A-Z]{3,}\b|[<\[]", s)]


@pytest.mark.parametrize("where,span", RUNNABLE, ids=[w for w, _ in RUNNABLE])
def test_commands_in_the_text_run(where, span, copy, tmp_path):
    repo, env = copy
    cwd = repo
    if span == "cxsmart init":            # "into a folder that has none of them"
        cwd = tmp_path / "empty"
        cwd.mkdir()
    run = subprocess.run(["bash", "-c", span], cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
                         stdin=subprocess.DEVNULL)          # `cxsmart server` ends at the end of its input
    allowed = {0, 1} if span.startswith("cxsmart lint") else {0}      # 1: the examples have findings
    assert run.returncode in allowed, f"{where}\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
    assert "Traceback" not in run.stderr
