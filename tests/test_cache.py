"""The persistent cache: identical output warm, invalidated by any change, never trusted
blindly, skippable, removable; a warm run does not import spaCy."""

from __future__ import annotations

import os
import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest

from tests.test_cli import PINNED, ROOT


@pytest.fixture
def ws(tmp_path):
    shutil.copytree(ROOT / "examples" / "bad", tmp_path / "goals")
    (tmp_path / "cxsmart.toml").write_text('include = ["goals/*.yaml"]\n')
    return tmp_path


def lint(run_cli, *extra):
    code, out, err = run_cli("lint", "--format", "json", *PINNED, *extra)
    return code, json.loads(out)["diagnostics"]


def entry(path):
    """A cache entry's JSON: the line after its seal."""
    return json.loads(path.read_bytes().partition(b"\n")[2])


def seal(path, text: str) -> None:
    """Write an entry as cxsmart would, sealed with this user's secret: the damage under test is
    then one the seal cannot see (a bug of an older version, not a flipped byte)."""
    import hmac

    from cxsmart.cache.store import user_secret

    body = text.encode()
    path.write_bytes(hmac.new(user_secret(), body, "sha256").hexdigest().encode() + b"\n" + body)


def test_warm_output_is_identical_and_changes_invalidate(run_cli, ws):
    cold = lint(run_cli)
    assert (ws / ".cxsmart_cache" / "CACHEDIR.TAG").is_file()
    assert (ws / ".cxsmart_cache" / ".gitignore").read_text().strip().endswith("*")
    assert lint(run_cli) == cold
    target = ws / "goals" / "sentences.yaml"
    target.write_text(target.read_text().replace("Increase customer loyalty", "Increase NPS from 20 to 30 by Q4 2027"))
    changed = lint(run_cli)
    assert changed != cold and not [d for d in changed[1] if d["goal"] == "loyalty-abstract" and d["code"] == "S005"]
    assert lint(run_cli, "--no-cache") == changed
    assert lint(run_cli, "--today", "2027-07-01") != changed               # 'today' is part of the key


def test_config_and_selection_are_part_of_the_key(run_cli, ws):
    full = lint(run_cli)
    assert lint(run_cli, "--select", "M") != full
    (ws / "cxsmart.toml").write_text('include = ["goals/*.yaml"]\nignore = ["P"]\n')
    assert not [d for d in lint(run_cli)[1] if d["code"].startswith("P")]


def test_a_pack_changing_a_metric_invalidates(run_cli, ws):
    (ws / "packs").mkdir()
    (ws / "cxsmart.toml").write_text('include = ["goals/*.yaml"]\nrule-packs = ["packs/"]\n')
    (ws / "packs" / "m.yaml").write_text("metrics:\n  - {id: nps, unit: points, range: [-100, 100], better: higher}\n")
    before = lint(run_cli)
    assert any(d["code"] == "M005" for d in before[1])                 # NPS 130 is out of range
    (ws / "packs" / "m.yaml").write_text("metrics:\n  - {id: nps, unit: points, range: [-100, 200], better: higher}\n")
    assert not any(d["code"] == "M005" and d["goal"] == "nps-moonshot" for d in lint(run_cli)[1])


def test_corrupt_cache_is_a_miss(run_cli, ws):
    first = lint(run_cli)
    for entry in (ws / ".cxsmart_cache").rglob("*.json"):
        seal(entry, '{"diagnostics": [{"code": 1}], "nope": ')
    assert lint(run_cli) == first
    for entry in (ws / ".cxsmart_cache" / "results").glob("*.json"):
        seal(entry, '{"diagnostics": "x", "files": 1}')
    assert lint(run_cli) == first


def test_an_entry_changed_after_it_was_written_is_a_miss(run_cli, ws):
    """The fuzzer's find: a changed byte that leaves the JSON sound (a message, a line number,
    a dropped finding) was trusted; every entry is sealed with the user's secret now."""
    first = lint(run_cli)
    (result,) = (ws / ".cxsmart_cache" / "results").glob("*.json")
    sealed = result.read_bytes()
    doc = entry(result)
    doc["diagnostics"] = doc["diagnostics"][1:]
    result.write_bytes(sealed.partition(b"\n")[0] + b"\n" + json.dumps(doc).encode())
    assert lint(run_cli) == first
    for path in (ws / ".cxsmart_cache").rglob("*.json"):
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 1
        path.write_bytes(bytes(data))
    assert lint(run_cli) == first


def test_no_cache_writes_nothing_and_clean_removes_it(run_cli, ws):
    lint(run_cli, "--no-cache")
    assert not (ws / ".cxsmart_cache").exists()
    lint(run_cli, "--cache-dir", "elsewhere")
    assert (ws / "elsewhere" / "CACHEDIR.TAG").is_file() and not (ws / ".cxsmart_cache").exists()
    code, out, _ = run_cli("clean", "--cache-dir", "elsewhere")
    assert code == 0 and not (ws / "elsewhere").exists()
    (ws / "mine").mkdir()
    code, _, err = run_cli("clean", "--cache-dir", "mine")
    assert code == 2 and (ws / "mine").is_dir() and "not removing" in err


def test_warm_runs_do_not_import_spacy(ws):
    probe = ("import sys\nfrom cxsmart.cli.entry import main\nsys.argv = ['cxsmart', 'lint', '--today', '2026-11-23']\n"
             "try:\n    main()\nexcept SystemExit: pass\n"
             "sys.stderr.write('SPACY' if 'spacy' in sys.modules else 'NO-SPACY')")

    def imported_spacy() -> bool:
        tail = subprocess.run([sys.executable, "-c", probe], cwd=ws, capture_output=True, text=True,
                              timeout=120).stderr.rsplit("\n", 1)[-1]
        assert tail in ("SPACY", "NO-SPACY"), tail
        return tail == "SPACY"

    assert imported_spacy()                                  # cold
    assert not imported_spacy()                              # nothing changed: the whole result is cached
    target = ws / "goals" / "workspace.yaml"
    target.write_text(target.read_text().replace("review: quarterly", "review: monthly"))
    assert not imported_spacy()                              # no new sentence: the facts are cached
    target.write_text(target.read_text() + "  - {id: brand-new, title: Raise NPS from 1 to 9 by Q3 2027}\n")
    assert imported_spacy()                                  # a new sentence needs the pipeline


# -- the per-file parse cache ------------------------------------------------------------------

def count_parses(monkeypatch) -> list[int]:
    from cxsmart.api import files

    calls = []
    real = files.parse_yaml
    monkeypatch.setattr(files, "parse_yaml", lambda text, *a: calls.append(len(text)) or real(text, *a))
    return calls


def test_after_an_edit_only_that_file_is_parsed(run_cli, ws, monkeypatch):
    parses = count_parses(monkeypatch)
    cold = lint(run_cli)
    files = sorted((ws / "goals").glob("*.yaml"))
    assert len(parses) == len(files) == 6           # examples/bad's six files
    target = ws / "goals" / "team-goals.yaml"                     # a bare list of goals
    target.write_text(target.read_text() + "- {id: brand-new, title: Raise NPS from 1 to 9 by Q3 2027}\n")
    parses.clear()
    edited = lint(run_cli)
    broken = len((ws / "goals" / "broken.yaml").read_text())      # F001: never stored, parsed each time
    assert sorted(parses) == sorted([len(target.read_text()), broken])     # the others come from the cache
    assert edited == lint(run_cli, "--no-cache") != cold
    parses.clear()
    other = ws / "goals" / "sentences.yaml"
    other.write_text(other.read_text() + "# a comment\n")
    named = lint(run_cli, "goals/workspace.yaml")                 # a named file: its workspace is read too
    assert sorted(parses) == sorted([len(other.read_text()), broken])
    assert named == lint(run_cli, "--no-cache", "goals/workspace.yaml")


ANCHORS = """\
x-defaults: &defaults
  owner: contact-centre
  review: monthly
  actions:
    - {title: Coach agents, due: 2027-03-31}
goals:
  - <<: *defaults
    id: a
    title: "Raise CSAT from 72% to 80% by 30 June 2027"
    description: |
      Two lines
      of context.
  - <<: [*defaults]
    id: b
    title: 'Lower AHT'
    target: -45 s
    numbers: [1, 2.5, .inf, 0x1F, true, null, ~, '', "x\\ty"]
"""


@pytest.mark.parametrize("source", ["anchors", "list", "scalar", "empty", "examples"])
def test_a_stored_parse_is_the_parse(source):
    from cxsmart.cache.parsed import decode_parsed, encode_parsed
    from cxsmart.read.yamlread import parse_yaml

    texts = {"anchors": [ANCHORS], "list": ["- title: x\n- {title: y, owner: z}\n"], "scalar": ["just text\n"],
             "empty": ["# nothing\n"],
             "examples": [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.y*ml"))]}[source]
    stored = 0
    for text in texts:
        parsed = parse_yaml(text)
        doc = encode_parsed(parsed, "key")
        if parsed.problems:
            assert doc is None                                     # parsed again each time
            continue
        back = decode_parsed(json.loads(json.dumps(doc)), "key")
        assert back.data == parsed.data and list(back.index.items()) == list(parsed.index.items())
        assert back.problems == []
        stored += 1
    assert stored


def test_damaged_parse_entries_are_parsed_again(run_cli, ws, monkeypatch):
    import base64

    lint(run_cli)
    entries = sorted((ws / ".cxsmart_cache" / "files").glob("*.json"))
    assert len(entries) == 5                                       # broken.yaml (F001) is never stored
    good = {p: entry(p) for p in entries}
    shutil.rmtree(ws / ".cxsmart_cache" / "results")
    first = lint(run_cli)                                          # from the sound entries

    def rows(doc):
        return base64.b64decode(doc["spans"])

    def spans(raw):
        return base64.b64encode(raw).decode()

    damages = [
        lambda d: '{"format": 1, "sha": ',                                         # cut short
        lambda d: {**d, "format": 99},
        lambda d: {**d, "sha": "0" * 40},
        lambda d: {**d, "spans": "not base64!"},
        lambda d: {**d, "spans": spans(rows(d)[:-36])},                            # one value without spans
        lambda d: {**d, "spans": spans(rows(d) + rows(d)[:36])},                   # one row too many
        lambda d: {**d, "spans": spans(rows(d)[:16] + bytes(16) + rows(d)[32:])},  # line 0
        lambda d: {**d, "spans": spans(rows(d)[:32] + bytes([200, 0, 0, 0]) + rows(d)[36:])},   # unknown flags
        lambda d: {**d, "data": [d["data"]]},                                      # another shape
        lambda d: {**d, "data": {"goals": "text where the spans say a list"}},
        lambda d: {**d, "data": json.loads("[" * 150 + "]" * 150)},                # deeper than the parser allows
        lambda d: [d],
    ]
    parses = count_parses(monkeypatch)
    for damage in damages:
        for path, doc in good.items():
            seal(path, json.dumps(damage(doc)) if not isinstance(damage(doc), str) else damage(doc))
        (ws / ".cxsmart_cache" / "results").exists() and shutil.rmtree(ws / ".cxsmart_cache" / "results")
        parses.clear()
        assert lint(run_cli) == first
        assert len(parses) == 6, damages.index(damage)             # every file read again from its text
        parses.clear()
        shutil.rmtree(ws / ".cxsmart_cache" / "results")
        assert lint(run_cli) == first and len(parses) == 1         # and stored soundly again (broken.yaml aside)


def test_parse_entries_do_not_pile_up(run_cli, ws, monkeypatch):
    from cxsmart.cache import store as cache

    monkeypatch.setattr(cache, "KEEP_FILES", 2)
    target = ws / "goals" / "sentences.yaml"
    for n in range(6):
        target.write_text(target.read_text() + f"# edit {n}\n")
        lint(run_cli)
    names = {p.name for p in (ws / ".cxsmart_cache" / "files").glob("*.json")}
    assert len(names) <= 5 + 2                                     # the ones in use, and the two newest others


def test_facts_read_by_the_prose_worker_are_cached(tmp_path):
    """The worker reads a large run's sentences; the next run must find them in the cache."""
    from cxsmart.api import lint_paths
    from cxsmart.cache.store import Cache
    from cxsmart.settings.config import Config, LoadedConfig
    from cxsmart.language import text_hash, worker

    if not worker.available():
        pytest.skip("no prose worker on this machine")
    lines = ["goals:"]
    for n in range(900):
        lines += [f"  - id: g{n}", f"    title: Increase CSAT for segment {n} from 71% to 76% by 30 June 2027",
                  "    description: " + "Context for the team, kept short but real. " * 6]
    (tmp_path / "goals.yaml").write_text("\n".join(lines) + "\n")
    assert (tmp_path / "goals.yaml").stat().st_size >= worker.MIN_BYTES
    loaded = LoadedConfig(config=Config(today=dt.date(2026, 11, 23)), root=tmp_path)
    lint_paths([tmp_path], loaded, cwd=tmp_path, cache=Cache(tmp_path / "cache"))
    (table,) = [entry(p) for p in (tmp_path / "cache" / "facts").glob("*.json")]
    assert text_hash("Increase CSAT for segment 899 from 71% to 76% by 30 June 2027") in table
    assert len(table) == 901                                       # 900 titles and one description


def test_cached_facts_keep_bounds_working_days_and_yearless_deadlines():
    from cxsmart.language import Reader
    from cxsmart.language.serial import decode, encode
    from cxsmart.read.packs import load_packs

    texts = ["Answer every email within one working day by Q3", "Abandonment rate ≤ 4% by year end",
             "Claims satisfaction index (70-78) by 30/06/2027"]
    for text, facts in Reader(load_packs([])).read(texts):
        back = decode(json.loads(json.dumps(encode(facts))))
        assert back == facts, text
    _, first = next(iter(Reader(load_packs([])).read(texts[:1])))
    assert first.deadline.value.yearless and first.target.value.working_days


def test_linting_one_file_on_its_own_keeps_the_workspaces_facts(run_cli, ws):
    lint(run_cli)
    (before,) = [entry(p) for p in (ws / ".cxsmart_cache" / "facts").glob("*.json")]
    lint(run_cli, "--isolated", "goals/team-goals.yaml")
    (after,) = [entry(p) for p in (ws / ".cxsmart_cache" / "facts").glob("*.json")]
    assert set(before) <= set(after)                # the next whole run need not read every sentence again
    target = ws / "goals" / "sentences.yaml"
    target.write_text(target.read_text().replace("Increase customer loyalty", "Increase NPS from 20 to 30 by Q4 2027"))
    lint(run_cli)
    (whole,) = [entry(p) for p in (ws / ".cxsmart_cache" / "facts").glob("*.json")]
    assert len(whole) == len(before)                # a whole run drops the title that was edited away


def test_findings_made_by_other_code_are_not_reused(tmp_path):
    """An edited checkout (or a patched install of the same version) keys its caches apart: the
    stamp of the package's source files changes when one of them does."""
    from cxsmart.common import hashing
    from cxsmart.rules import specific

    hashing._CODE = None
    before = hashing.code_stamp()
    info = os.stat(specific.__file__)
    try:
        os.utime(specific.__file__, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000))
        hashing._CODE = None
        assert hashing.code_stamp() != before
    finally:
        os.utime(specific.__file__, ns=(info.st_atime_ns, info.st_mtime_ns))
        hashing._CODE = None
    assert hashing.code_stamp() == before
