"""The editor set-ups of docs/editors.md: Neovim's (Debian's neovim, headless, with its built-in
LSP client) is run as written against `cxsmart server`, receives the CLI's findings and applies
a quick fix; the others are checked for what they are (the editors are not installed here)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cxsmart.diagnostics import Fix
from cxsmart.fix.apply import apply
from tests.server_helpers import cli_json, make_workspace

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "editors.md"
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")   # read before conftest unsets it
NVIM = shutil.which("nvim")


def snippet(editor: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    m = re.search(rf"<!-- editor: {editor} -->\n```\w+\n(.*?)^```", text, re.S | re.M)
    assert m, f"no {editor} block in docs/editors.md"
    return m.group(1)


def test_neovim_receives_the_findings_and_applies_a_quick_fix(tmp_path):
    if NVIM is None:
        if IN_CI:
            pytest.fail("nvim is not installed: .ci/run installs Debian's neovim; this test must run in CI")
        pytest.skip("nvim is not installed (apt-get install neovim)")
    ws = make_workspace(tmp_path / "ws", "bad", "good")
    rel = "bad/written-forms.yaml"
    text = (ws / rel).read_text(encoding="utf-8")
    doc = cli_json(ws)
    mine = [d for d in doc["diagnostics"] if d["path"] == rel]
    target = next(d for d in mine if d["fix"] and d["fix"]["applicability"] == "safe")
    init = tmp_path / "init.lua"
    init.write_text(snippet("neovim"), encoding="utf-8")
    out = tmp_path / "nvim.json"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "CXSMART_NVIM_OUT": str(out), "CXSMART_FIX_CODE": target["code"], "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.run([NVIM, "--headless", "-n", "-i", "NONE", "-u", str(init), rel,
                           "-c", f"luafile {ROOT / 'tests' / 'nvim_driver.lua'}"],
                          cwd=ws, env=env, capture_output=True, text=True, timeout=300)
    assert out.exists(), f"nvim wrote no report (exit {proc.returncode}): {proc.stderr[-2000:]}"
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["error"] is None, report["error"]
    seen = sorted((d["code"], d["line"], d["col"], d["message"]) for d in report["diagnostics"])
    assert seen == sorted((d["code"], d["line"] - 1, d["column"] - 1, d["message"]) for d in mine)
    assert report["applied"] and report["applied"].startswith(target["code"])
    after = (ws / rel).read_text(encoding="utf-8")
    fixed = apply(text, [Fix.from_json(target["fix"])])
    lines = fixed.splitlines(keepends=True)
    middle = (len(lines) + 1) // 2                  # as the driver counts, after its first line
    assert after == "".join(["# edited in Neovim\n", *lines[:middle - 1], "# and here\n", *lines[middle - 1:]])
    now = [d for d in cli_json(ws)["diagnostics"] if d["path"] == rel]
    assert len(now) == len(mine) - 1
    assert not any((d["code"], d["message"]) == (target["code"], target["message"]) for d in now)
    # what Neovim shows after the fix and the typing (sent as ranges) is the CLI's on the file
    assert sorted((d["code"], d["line"], d["col"], d["message"]) for d in report["after"]) == \
        sorted((d["code"], d["line"] - 1, d["column"] - 1, d["message"]) for d in now)


def test_helix_runs_cxsmart_server_beside_the_yaml_server():
    doc = tomllib.loads(snippet("helix"))
    assert doc["language-server"]["cxsmart"] == {"command": "cxsmart", "args": ["server"]}
    yaml, = [lang for lang in doc["language"] if lang["name"] == "yaml"]
    assert "cxsmart" in yaml["language-servers"] and "yaml-language-server" in yaml["language-servers"]


def test_vscode_settings_run_cxsmart_server_on_yaml():
    settings = json.loads(snippet("vscode"))
    assert [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]] == ["cxsmart", "server"]
    assert settings["glspc.server.languageId"] == ["yaml"]
    assert "source.fixAll.cxsmart" in settings["editor.codeActionsOnSave"]


def test_emacs_eglot_runs_cxsmart_server_on_yaml():
    code = snippet("emacs")
    assert code.count("(") == code.count(")")
    assert '("cxsmart" "server")' in code and "eglot-server-programs" in code
    emacs = shutil.which("emacs")
    if emacs:                                       # where Emacs is installed, the init code loads
        proc = subprocess.run([emacs, "--batch", "--eval", f"(progn (require 'eglot) {code})"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
