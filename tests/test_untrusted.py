"""Issue 11, classes 1, 2, 3, 5, 8 and 13: what a pull request can put in the repository (links,
FIFOs, devices, huge files, rule-pack paths, a committed cache) cannot leak what lies outside
it, hang the run, forge the cache, or crash it; and --output-file writes devices, not over them.
Every case is generated (kinds of link, of target, of place, of size, of damage), and every
run must exit 0, 1 or 2, print no traceback, and never show a secret from outside."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_cli import PINNED, ROOT
from tests.test_hazards import within

FORMATS = ["text", "json", "github", "sarif", "junit", "concise", "gitlab"]


def clean_run(run_cli, *args, seconds: float = 30):
    with within(seconds):
        code, out, err = run_cli(*args)
    assert code in (0, 1, 2), (code, out, err)
    assert "Traceback" not in out + err
    return code, out, err


def secret_file(folder: Path, name: str = "secret.yaml") -> tuple[Path, str]:
    """A file outside the workspace whose every line would make a finding if it were linted."""
    token = f"SECRET-{secrets.token_hex(12)}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"{token}: [\n- title: Improve things {token}\n  id: {token}\n")
    return path, token


@pytest.fixture
def repo(tmp_path):
    """A workspace (a git repository, with a configuration) and a folder beside it."""
    ws = tmp_path / "repo"
    (ws / ".git").mkdir(parents=True)
    (ws / "cxsmart.toml").write_text("")
    (ws / "goals.yaml").write_text("- title: Increase CSAT from 72% to 77% by 2027-06-30\n")
    return ws


def _place(ws: Path, how: str, target: Path) -> Path:
    if how == "file-link":
        link = ws / "evil.yaml"
        link.symlink_to(target)
    elif how == "relative-link":
        link = ws / "sub" / "evil.yaml"
        link.parent.mkdir()
        link.symlink_to(os.path.relpath(target, link.parent))
    elif how == "folder-link":
        (ws / "linked").symlink_to(target.parent, target_is_directory=True)
        link = ws / "linked" / target.name
    else:
        link = ws / "chain.yaml"
        (ws / "hop.yaml").symlink_to(target)
        link.symlink_to("hop.yaml")
    return link


# -- class 1: goal files that are links out of the workspace ---------------------------------

@pytest.mark.parametrize("how", ["file-link", "relative-link", "folder-link", "chain"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("named", [False, True])
def test_a_goal_file_linked_out_of_the_workspace_is_refused_and_never_echoed(run_cli, repo, monkeypatch, how, fmt,
                                                                               named):
    target, token = secret_file(repo.parent / "outside")
    link = _place(repo, how, target)
    monkeypatch.chdir(repo)
    args = ["lint", "--format", fmt, *PINNED, *([str(link.relative_to(repo))] if named else ["."])]
    code, out, err = clean_run(run_cli, *args)
    assert token not in out + err
    if how != "folder-link" or named:               # a folder link is not walked into
        assert code == 1 and "outside the workspace" in out + err.replace("\n", " ")


def test_a_link_to_the_process_environment_prints_no_secret(run_cli, repo, monkeypatch):
    token = f"ENV-SECRET-{secrets.token_hex(12)}"
    monkeypatch.setenv("CXSMART_TEST_TOKEN", token)
    (repo / "environ.yaml").symlink_to("/proc/self/environ")
    monkeypatch.chdir(repo)
    for fmt in FORMATS:
        _, out, err = clean_run(run_cli, "lint", "--format", fmt, *PINNED)
        assert token not in out + err


def test_a_link_inside_the_workspace_is_followed(run_cli, repo, monkeypatch):
    (repo / "real").mkdir()
    (repo / "real" / "team.yaml").write_text("- title: Improve customer experience\n")
    (repo / "alias.yaml").symlink_to("real/team.yaml")
    monkeypatch.chdir(repo)
    code, out, _ = clean_run(run_cli, "lint", "alias.yaml", "--format", "json", *PINNED)
    assert code == 1 and json.loads(out)["diagnostics"] and "outside" not in out


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(depth=st.integers(0, 3), hops=st.integers(1, 3), absolute=st.booleans())
def test_generated_link_paths_out_of_the_workspace(tmp_path_factory, depth, hops, absolute):
    """Links of any depth, through any number of hops, absolute or relative: read_bytes refuses
    every one that ends outside, with a message that holds no byte of the target."""
    from cxsmart.read.source import Unreadable, read_bytes

    base = tmp_path_factory.mktemp("gen")
    ws = base / "ws"
    (ws / ".git").mkdir(parents=True)
    target, token = secret_file(base / "out")
    folder = ws.joinpath(*[f"d{i}" for i in range(depth)])
    folder.mkdir(parents=True, exist_ok=True)
    previous = target
    for n in range(hops):
        link = folder / f"hop{n}.yaml"
        link.symlink_to(previous if absolute else os.path.relpath(previous, folder))
        previous = link
    with pytest.raises(Unreadable) as e:
        read_bytes(str(previous))
    assert token not in str(e.value) and "outside the workspace" in str(e.value)


# -- class 2: rule packs outside the repository ------------------------------------------------

@pytest.mark.parametrize("where", ["parent-folder", "absolute-file", "link-file", "link-folder", "etc-passwd"])
def test_a_rule_pack_outside_the_repository_is_refused_without_its_content(run_cli, repo, monkeypatch, where):
    target, token = secret_file(repo.parent / "outside", "pack.yaml")
    if where == "parent-folder":
        pack = "../outside/"
    elif where == "absolute-file":
        pack = str(target)
    elif where == "link-file":
        (repo / "pack.yaml").symlink_to(target)
        pack = "pack.yaml"
    elif where == "link-folder":
        (repo / "packs").symlink_to(target.parent, target_is_directory=True)
        pack = "packs/"
    else:
        pack = "/etc/passwd"
    (repo / "cxsmart.toml").write_text(f"rule-packs = [{json.dumps(pack)}]\n")
    monkeypatch.chdir(repo)
    code, out, err = clean_run(run_cli, "lint", *PINNED)
    assert code == 2 and token not in out + err and "root:" not in out + err
    assert "outside" in err


def test_a_rule_pack_inside_the_repository_still_loads(run_cli, repo, monkeypatch):
    (repo / "packs").mkdir()
    (repo / "packs" / "words.yaml").write_text("vague-terms: {add: [synergy]}\n")
    (repo / "cxsmart.toml").write_text('rule-packs = ["packs/"]\n')
    monkeypatch.chdir(repo)
    code, _, err = clean_run(run_cli, "lint", *PINNED)
    assert code in (0, 1) and "outside" not in err


# -- class 5: FIFOs, devices, folders, huge files: refused without blocking ----------------------

def _special(ws: Path, kind: str, name: str) -> None:
    path = ws / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "dev-random-in-repo":
        os.symlink("/dev/urandom", path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "huge" and name.endswith(".yaml"):
        path.write_bytes(b"# a comment\n" * 1_000_000)         # 12 MB, above the 10 MiB bound
    elif kind == "huge":
        with open(path, "wb") as f:
            f.truncate(101 * 1024 * 1024)         # sparse: costs no disk


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "dev-random-in-repo", "folder", "huge"])
@pytest.mark.parametrize("name", ["goals2.yaml", ".gitignore", "pack.yaml"])
def test_special_files_never_block_or_exhaust_memory(run_cli, repo, monkeypatch, kind, name):
    _special(repo, kind, name)
    if name == "pack.yaml":
        (repo / "cxsmart.toml").write_text('rule-packs = ["pack.yaml"]\n')
    monkeypatch.chdir(repo)
    code, _, err = clean_run(run_cli, "lint", *PINNED, seconds=20)
    if name == ".gitignore" and kind == "huge":
        assert code == 2 and ".gitignore" in err
    if name == "pack.yaml" and kind != "folder":       # a folder is a pack folder (here an empty one)
        assert code == 2 and "pack.yaml" in err


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "huge"])
def test_special_cache_entries_are_misses(run_cli, repo, monkeypatch, kind):
    monkeypatch.chdir(repo)
    first = clean_run(run_cli, "lint", "--format", "json", *PINNED)
    for folder in (repo / ".cxsmart_cache").iterdir():
        if folder.is_dir():
            for entry in folder.glob("*.json"):
                entry.unlink()
                _special(folder, kind, entry.name)
    for _ in range(2):
        assert clean_run(run_cli, "lint", "--format", "json", *PINNED, seconds=20) == first


def test_read_regular_bounds_and_refuses(tmp_path):
    from cxsmart.read.safeopen import Unreadable, read_limited, read_regular

    (tmp_path / "f").write_bytes(b"x" * 100)
    assert read_regular(tmp_path / "f", 10) == b"x" * 11
    with pytest.raises(Unreadable, match="larger than"):
        read_limited(tmp_path / "f", 10)
    os.mkfifo(tmp_path / "p")
    with within(5), pytest.raises(Unreadable, match="not a regular file"):
        read_regular(tmp_path / "p", 10)
    (tmp_path / "l").symlink_to("f")
    assert read_regular(tmp_path / "l", 1000) == b"x" * 100
    with pytest.raises(Unreadable, match="link"):
        read_regular(tmp_path / "l", 1000, follow=False)


# -- class 3: the cache cannot be planted ---------------------------------------------------------

@pytest.fixture
def bad_ws(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(ROOT / "examples" / "bad", ws / "goals")
    (ws / ".git").mkdir()
    (ws / "cxsmart.toml").write_text('include = ["goals/*.yaml"]\n')
    return ws


def _json_lint(run_cli, *extra):
    code, out, _ = clean_run(run_cli, "lint", "--format", "json", *PINNED, *extra)
    return code, json.loads(out)["diagnostics"]


def test_a_committed_cache_forged_to_hide_findings_hides_nothing(run_cli, bad_ws, tmp_path, monkeypatch):
    """The attacker runs cxsmart with a secret of their own, rewrites the stored result to say
    'no findings' (a genuine clean result), and commits the cache. With another user's
    secret, or in CI, the findings are all there."""
    monkeypatch.chdir(bad_ws)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker"))
    genuine = _json_lint(run_cli)
    assert genuine[0] == 1 and genuine[1]
    clean_ws = tmp_path / "clean"
    shutil.copytree(ROOT / "examples" / "good", clean_ws)
    monkeypatch.chdir(clean_ws)
    _json_lint(run_cli, "--fail-on", "error")
    (clean_result,) = (clean_ws / ".cxsmart_cache" / "results").glob("*.json")
    monkeypatch.chdir(bad_ws)
    for entry in (bad_ws / ".cxsmart_cache" / "results").glob("*.json"):
        shutil.copy(clean_result, entry)
    assert _json_lint(run_cli)[1] != genuine[1]      # the forgery works with the attacker's own secret
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "victim"))
    assert _json_lint(run_cli) == genuine
    monkeypatch.setenv("CI", "true")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in (bad_ws / ".cxsmart_cache").rglob("*"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker"))
    assert _json_lint(run_cli) == genuine            # in CI the committed cache is not read ...
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (bad_ws / ".cxsmart_cache").rglob("*")) == before
    assert _json_lint(run_cli, "--cache-dir", str(tmp_path / "ci-cache")) == genuine   # ... unless named


def test_the_cache_secret_is_private_and_without_it_the_cache_is_off(run_cli, bad_ws, tmp_path, monkeypatch):
    from cxsmart.cache.store import from_settings, secret_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    assert from_settings(bad_ws, False, None).enabled
    assert stat.S_IMODE(os.stat(secret_path()).st_mode) == 0o600
    monkeypatch.setenv("XDG_CACHE_HOME", str(bad_ws / "planted"))       # a secret the repository holds
    assert not from_settings(bad_ws, False, None).enabled
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))                  # cannot be written
    assert not from_settings(bad_ws, False, None).enabled
    monkeypatch.chdir(bad_ws)
    assert _json_lint(run_cli)[0] == 1 and not (bad_ws / ".cxsmart_cache").exists()


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(damage=st.one_of(
    st.binary(max_size=300),
    st.integers(1, 200_000).map(lambda n: b"[" * n),
    st.integers(1, 50_000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    st.sampled_from([b"", b"null", b"[]", b"{}", b'{"diagnostics": []}', b'{"format": 1}', b"\xff\xfe"]),
))
def test_damaged_or_nested_cache_entries_are_misses_now_and_later(bad_ws, tmp_path_factory, damage):
    """Class 8 and 3: whatever an entry holds, the run is the genuine one, and so is the next."""
    from cxsmart.api import lint_paths
    from cxsmart.cache.store import Cache
    from cxsmart.settings.config import load_config

    loaded = load_config(None, bad_ws)
    cache_dir = tmp_path_factory.mktemp("cache")

    def run():
        with within(30):
            return [d.to_json() if hasattr(d, "to_json") else (d.code, d.path, d.span, d.message)
                    for d in lint_paths([], loaded, cwd=bad_ws, cache=Cache(cache_dir)).diagnostics]

    genuine = run()
    for entry in cache_dir.rglob("*.json"):
        entry.write_bytes(damage)
    assert run() == genuine
    assert run() == genuine


@pytest.mark.parametrize("n", [1_000, 100_000, 1_000_000])
def test_json_reader_has_a_nesting_limit(n):
    from cxsmart.read.safeopen import loads

    with pytest.raises(ValueError, match="nested deeper"):
        loads("[" * n + "]" * n)
    assert loads('{"a": "[[[[[[[[[[[[" }') == {"a": "[[[[[[[[[[[["}   # brackets in strings do not count
    assert loads("[" * 150 + "]" * 150) is not None


# -- class 13: --output-file onto devices, and kills while writing --------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_output_file_onto_a_device_writes_to_it(run_cli, repo, monkeypatch, fmt):
    monkeypatch.chdir(repo)
    (repo / "null-link").symlink_to("/dev/null")
    for target in ("/dev/null", "null-link"):
        code, _, err = clean_run(run_cli, "lint", "--format", fmt, "--output-file", target, *PINNED)
        assert code in (0, 1), err
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and (repo / "null-link").is_symlink()
    assert not [p for p in repo.iterdir() if p.name.endswith(".tmp")]


def test_output_file_onto_a_fifo_writes_to_it(tmp_path):
    from cxsmart.common.fsutil import write_atomic

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen([sys.executable, "-c", f"print(open({str(fifo)!r}).read(), end='')"],
                              stdout=subprocess.PIPE, text=True)
    write_atomic(fifo, "through the pipe\n")
    assert reader.communicate(timeout=20)[0] == "through the pipe\n"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and os.listdir(tmp_path) == ["pipe"]


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from cxsmart.common.fsutil import write_atomic
    print("ready", flush=True)
    text = "x" * int(sys.argv[2]) if len(sys.argv) > 2 else "x" * 4_000_000
    while True:
        write_atomic(Path(sys.argv[1]), text)
""")


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(delay=st.floats(0.0, 0.3), sig=st.sampled_from([signal.SIGKILL, signal.SIGTERM, signal.SIGINT]))
def test_a_kill_while_writing_leaves_no_temporary_file(tmp_path_factory, delay, sig):
    import time

    folder = tmp_path_factory.mktemp("kill")
    target = folder / "report.txt"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdout.readline().strip() == b"ready"
    time.sleep(delay)
    proc.send_signal(sig)
    proc.wait(timeout=20)
    left = os.listdir(folder)
    assert left in ([], ["report.txt"]), left
    if left:
        assert target.stat().st_size == 4_000_000            # whole, never half


INTERRUPTED = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from cxsmart.common.fsutil import write_atomic
    sig = int(sys.argv[2])                  # as a terminal has it, whatever started the tests ('nohup' ignores SIGHUP)
    signal.signal(sig, signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL)
    if sys.argv[3] == "named":
        del os.O_TMPFILE                    # a file system without unnamed files: a named temporary file
    real = os.replace
    def replace(src, dst):
        os.kill(os.getpid(), int(sys.argv[2]))      # the interrupt arrives between naming and renaming
        real(src, dst)
    os.replace = replace
    write_atomic(Path(sys.argv[1]), "x" * 1000)
    print("not interrupted", flush=True)
""")


@pytest.mark.parametrize("way", ["unnamed", "named"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_an_interrupt_between_link_and_rename_leaves_no_temporary_file(tmp_path, sig, way):
    """The window CI once hit with SIGINT (8 of 200 random kills left a '.tmp' before the
    interrupts were held there), hit every time: the signal is sent from inside the rename.
    An unnamed file holds it until the rename is done (the new file, whole); a named temporary
    file is removed (no file). Either way the process then ends as the signal says."""
    proc = subprocess.run([sys.executable, "-c", INTERRUPTED, str(tmp_path / "report.txt"), str(int(sig)), way],
                          capture_output=True, text=True, timeout=60)
    assert "not interrupted" not in proc.stdout and proc.returncode != 0
    left = os.listdir(tmp_path)
    if way == "unnamed":
        assert left == ["report.txt"] and (tmp_path / "report.txt").stat().st_size == 1000
    else:
        assert left == []

