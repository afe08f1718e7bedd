"""The persistent cache: identical output warm, invalidated by any change, never trusted
blindly, skippable, removable; a warm run does not import spaCy."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

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
        entry.write_text('{"diagnostics": [{"code": 1}], "nope": ')
    assert lint(run_cli) == first
    for entry in (ws / ".cxsmart_cache" / "results").glob("*.json"):
        entry.write_text('{"diagnostics": "x", "files": 1}')
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
    probe = ("import sys\nfrom cxsmart.cli import main\nsys.argv = ['cxsmart', 'lint', '--today', '2026-11-23']\n"
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
