"""The prose worker: the same findings as reading in-process, and a failed worker falls back."""

from __future__ import annotations

import time
from pathlib import Path

from cxsmart.api import lint_paths
from cxsmart.cache.store import Cache
from cxsmart.settings.config import Config, LoadedConfig
from cxsmart.language import worker
from tests.conftest import TODAY

TEMPLATES = [
    "Increase CSAT for segment {n} from 71% to 76% by 30 June 2027",
    "Reduce average handling time on queue {n} from 420 s to 390 s",
    "Improve the customer experience in region {n}",
    "Launch a callback option for team {n} by Q3 2027",
    "Try to answer tickets for desk {n} faster within six months",
]


def workspace(root: Path, goals: int = 900) -> None:
    lines = ["goals:"]
    for n in range(goals):
        lines += [f"  - id: g{n}", f"    title: {TEMPLATES[n % len(TEMPLATES)].format(n=n)}",
                  "    description: " + "Context for the team, kept short but real. " * 6, "    owner: cc"]
    (root / "goals.yaml").write_text("\n".join(lines) + "\n")


def run(root: Path):
    loaded = LoadedConfig(config=Config(today=TODAY), root=root)
    return lint_paths([root], loaded, cwd=root, cache=Cache(None)).diagnostics


def test_worker_gives_the_same_findings(tmp_path, monkeypatch):
    workspace(tmp_path)
    assert (tmp_path / "goals.yaml").stat().st_size >= worker.MIN_BYTES          # large enough to use it
    started = []
    real = worker.ProseWorker
    monkeypatch.setattr(worker, "ProseWorker", lambda packs, encoded=True: started.append(1) or real(packs, encoded))
    with_worker = run(tmp_path)
    assert started == [1]
    monkeypatch.setenv("CXSMART_NO_WORKER", "1")
    without = run(tmp_path)
    assert with_worker == without
    assert {"S001", "S002", "S004", "T006", "M002"} <= {d.code for d in with_worker}


def test_failed_worker_falls_back(tmp_path, monkeypatch):
    broken = worker.ProseWorker(packs=None)                    # the child fails to build a pipeline
    start = time.perf_counter()
    assert broken.results(timeout=60) is None and time.perf_counter() - start < 60
    workspace(tmp_path)
    real = worker.ProseWorker
    monkeypatch.setattr(worker, "ProseWorker", lambda packs, encoded=True: real(packs=None))
    found = run(tmp_path)
    assert {"S001", "S002"} <= {d.code for d in found}          # read in-process instead


def read_many(encoded: bool) -> tuple[list[str], dict]:
    """Many more sentences than make the worker share them, all handed over at once."""
    from cxsmart.read.packs import load_packs

    texts = [TEMPLATES[i % len(TEMPLATES)].format(n=i) for i in range(worker.SPLIT_AT * 4)]
    w = worker.ProseWorker(load_packs([]), encoded=encoded)
    w.feed(texts)
    done = w.results(timeout=120)
    assert done is not None and set(done) == set(texts)
    return texts, done


def test_worker_shares_a_large_backlog_with_a_helper(tmp_path, monkeypatch):
    import os

    real = worker._Chunks.read

    def noted(self, reader):
        mine = real(self, reader)                               # the file tells which process read what
        (tmp_path / f"read-{os.getpid()}").write_text(",".join(str(i) for i in sorted(mine)))
        return mine

    monkeypatch.setattr(worker._Chunks, "read", noted)
    texts, done = read_many(encoded=False)
    shares = [{int(i) for i in f.read_text().split(",") if i} for f in tmp_path.glob("read-*")]
    assert len(shares) == 2                                     # the worker and its helper
    # no chunk read twice or skipped; how many chunks there are depends on how much the worker read
    # while the texts were still arriving (on a loaded machine, a chunk or more), so it is not fixed
    both = shares[0] | shares[1]
    assert not shares[0] & shares[1] and both == set(range(len(both))) and len(both) >= 1
    facts, encoded = done[texts[0]]
    assert facts.metric.value == "csat" and facts.target.value.value == 76 and encoded is None


def test_worker_reads_the_share_of_a_helper_that_failed(monkeypatch):
    import os

    def broken(self, chunks, reader, main):
        self.pid = os.fork()
        if self.pid == 0:
            os._exit(3)                                 # dies before reading anything

    monkeypatch.setattr(worker._Helper, "__init__", broken)
    _, done = read_many(encoded=True)
    assert all(encoded is not None for _, encoded in done.values())     # the cache's form, for storing


def test_a_worker_that_dies_half_way_leaves_the_rest_to_the_main_process(tmp_path, monkeypatch):
    import os

    def one_then_die(self, reader):
        reader.read(self.chunk(0))                      # some facts reach the main process ...
        reader.outbox.close()
        reader.outbox.join_thread()
        os._exit(1)                                     # ... then the worker (and its helper) die

    workspace(tmp_path)
    monkeypatch.setenv("CXSMART_NO_WORKER", "1")
    expected = run(tmp_path)
    monkeypatch.delenv("CXSMART_NO_WORKER")
    monkeypatch.setattr(worker._Chunks, "read", one_then_die)
    assert run(tmp_path) == expected


def test_a_worker_whose_main_process_is_killed_exits(tmp_path):
    """A CI timeout or `kill -9` of cxsmart must not leave a worker holding spaCy in memory."""
    import signal
    import subprocess
    import sys

    code = ("import time\nfrom cxsmart.language import worker\nfrom cxsmart.read.packs import load_packs\n"
            "w = worker.ProseWorker(load_packs([]), encoded=False)\nprint(w.process.pid, flush=True)\ntime.sleep(120)\n")
    main = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    pid = int(main.stdout.readline())
    main.send_signal(signal.SIGKILL)
    main.wait()

    def running() -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state not in ("Z", "X")

    deadline = time.monotonic() + 30
    while running() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not running()


def test_the_worker_is_available_only_where_forking_is_safe_and_a_second_core_runs_it(monkeypatch):
    import multiprocessing
    import sys

    from cxsmart.language import worker

    monkeypatch.delenv("CXSMART_NO_WORKER", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn"])
    monkeypatch.setattr(worker.os, "cpu_count", lambda: 2)
    assert worker.available() is True
    cases = {"the switch set": ("CXSMART_NO_WORKER", "1"), "macOS": ("platform", "darwin"),
             "no fork": ("methods", ["spawn"]), "one core": ("cpus", 1), "unknown cores": ("cpus", None)}
    for why, (what, value) in cases.items():
        with monkeypatch.context() as m:
            if what == "CXSMART_NO_WORKER":
                m.setenv(what, value)
            elif what == "platform":
                m.setattr(sys, "platform", value)
            elif what == "methods":
                m.setattr(multiprocessing, "get_all_start_methods", lambda: value)
            else:
                m.setattr(worker.os, "cpu_count", lambda: value)
            assert worker.available() is False, why


def test_a_process_is_alive_until_it_has_exited_and_a_zombie_is_not():
    import os
    import subprocess
    import sys

    from cxsmart.language.worker import _alive

    assert _alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert _alive(child.pid)
    finally:
        child.kill()
    deadline = time.monotonic() + 10
    while _alive(child.pid) and time.monotonic() < deadline:      # killed, not yet reaped: a zombie
        time.sleep(0.05)
    assert not _alive(child.pid)
    assert child.poll() is not None                                 # it was a zombie until now
    child.wait()
    assert not _alive(child.pid)


def test_sentences_go_to_the_worker_as_each_file_is_parsed_before_any_is_loaded(tmp_path, monkeypatch):
    from cxsmart.api import files

    for n in range(3):                                 # three files, each large enough on its own
        sub = tmp_path / f"team{n}"
        sub.mkdir()
        workspace(sub, goals=900)
        (sub / "goals.yaml").write_text((sub / "goals.yaml").read_text().replace("title: ", f"title: Team {n} - "))
    events = []
    real_feed, real_load = worker.ProseWorker.feed, files.load_text
    monkeypatch.setattr(worker.ProseWorker, "feed", lambda self, texts: events.append(("feed", texts))
                        or real_feed(self, texts))
    monkeypatch.setattr(files, "load_text", lambda *a, **k: events.append(("load", a[0])) or real_load(*a, **k))
    with_worker = run(tmp_path)
    first_load = [kind for kind, _ in events].index("load")
    fed = {t for kind, texts in events[:first_load] if kind == "feed" for t in texts}
    assert len(fed) == 3 * 900 + 1                     # every title, and the description they share
    assert all(kind == "load" or not texts for kind, texts in events[first_load:])     # nothing left to hand over
    monkeypatch.setenv("CXSMART_NO_WORKER", "1")
    assert run(tmp_path) == with_worker


def test_a_goal_the_quick_look_misses_reaches_the_worker_once_loaded(tmp_path, monkeypatch):
    from cxsmart.language.handover import goal_texts

    assert goal_texts({"goals": [{"title": "A", "description": "B"}, "C", {"title": 4}]}) == ["A", "B", "C"]
    assert goal_texts({"goals": {"g1": {"title": "A"}, "g2": "B"}}) == ["A", "B"]
    assert goal_texts([{"title": "A"}]) == ["A"] and goal_texts("text") == [] and goal_texts({"goal": []}) == []
    workspace(tmp_path)
    text = (tmp_path / "goals.yaml").read_text()
    (tmp_path / "goals.yaml").write_text(text.replace("goals:\n", "goal:\n", 1))   # read as goals (F009)
    fed = []
    real_feed = worker.ProseWorker.feed
    monkeypatch.setattr(worker.ProseWorker, "feed", lambda self, texts: fed.extend(texts) or real_feed(self, texts))
    in_process = []
    import cxsmart.language as language
    real_read = language.Reader.read
    monkeypatch.setattr(language.Reader, "read", lambda self, texts: in_process.extend(texts) or real_read(self, texts))
    found = run(tmp_path)
    assert len(fed) > 900 and in_process == []          # the worker read them all, after loading
    assert "F009" in {d.code for d in found} and {"S001", "S002"} <= {d.code for d in found}


def test_spacy_is_imported_without_its_command_line_which_still_works_when_asked():
    import subprocess
    import sys

    code = ("import sys; from cxsmart.language.pipeline import import_spacy; spacy = import_spacy(); "
            "print(sorted(m for m in ('requests', 'httpx', 'weasel', 'spacy.cli') if m in sys.modules)); "
            "nlp = spacy.blank('en'); print([t.text for t in nlp('cut AHT by 10%')]); "
            "import spacy.cli; print(spacy.cli.download.__module__, callable(spacy.info))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == ["[]", "['cut', 'AHT', 'by', '10', '%']", "spacy.cli.download True"]


def test_the_process_forked_at_the_start_reads_a_small_runs_prose(tmp_path, monkeypatch):
    """The console script forks the worker before its imports (common.prefork): spaCy is loaded
    there while the run starts, so even a run far below MIN_BYTES hands its sentences to it, and
    the findings are the ones read in-process."""
    from cxsmart.cli.entry import _serve_prose
    from cxsmart.common import prefork

    workspace(tmp_path, goals=6)
    assert (tmp_path / "goals.yaml").stat().st_size < worker.MIN_BYTES
    monkeypatch.setenv("CXSMART_NO_WORKER", "1")
    expected = run(tmp_path)
    monkeypatch.delenv("CXSMART_NO_WORKER")
    prefork.start(_serve_prose)
    early = prefork._waiting[2]
    assert prefork.waiting() and early.is_alive()
    read_here = []
    real = worker.Reader.read
    monkeypatch.setattr(worker.Reader, "read", lambda self, texts: read_here.append(texts) or real(self, texts))
    assert run(tmp_path) == expected
    assert read_here == [] and not prefork.waiting()        # taken, and nothing read in this process
    early.join(timeout=30)
    assert early.exitcode == 0                              # it served the run and ended


def test_an_early_process_that_fails_leaves_the_run_to_fork_or_read_itself(tmp_path, monkeypatch):
    from cxsmart.common import prefork

    def dies(inbox, outbox, parent):
        import os
        os._exit(1)

    workspace(tmp_path, goals=6)
    monkeypatch.setenv("CXSMART_NO_WORKER", "1")
    expected = run(tmp_path)
    monkeypatch.delenv("CXSMART_NO_WORKER")
    prefork.start(dies)
    prefork._waiting[2].join(timeout=30)
    assert not prefork.waiting() and prefork.take() is None
    assert run(tmp_path) == expected


def test_the_console_script_forks_early_only_for_commands_that_lint():
    from cxsmart.cli.entry import _LINTING, _first_command

    assert _first_command(["lint", "goals.yaml"]) == "lint"
    assert _first_command(["--no-color", "report", "x"]) == "report"     # an option first
    assert _first_command(["--version"]) is None
    assert _first_command([]) is None
    assert {"lint", "report", "tree"} == _LINTING
    assert _first_command(["rules"]) not in _LINTING and _first_command(["server"]) not in _LINTING


def test_the_console_script_with_its_early_worker_finds_what_in_process_reading_finds(tmp_path):
    import json
    import os
    import subprocess
    import sys

    workspace(tmp_path, goals=12)
    outputs = []
    for no_worker in ("", "1"):
        env = {**os.environ, "CXSMART_NO_WORKER": no_worker}
        done = subprocess.run([sys.executable, "-m", "cxsmart", "lint", ".", "--no-cache", "--today", TODAY.isoformat(),
                               "--format", "json"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done.stderr
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]
    assert {"S001", "S002", "M002"} <= {d["code"] for d in outputs[0]["diagnostics"]}
