"""Gradual adoption: a baseline written today makes the workspace lint clean; a new bad goal
still fails; entries whose finding has gone are reported when asked."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.test_cli import PINNED, ROOT

NEW_GOAL = "  - {id: new-one, title: Improve the guest experience, owner: call-centre, objective: retention}\n"


@pytest.fixture
def bad(tmp_path):
    shutil.copytree(ROOT / "examples" / "bad", tmp_path / "goals")
    return tmp_path / "goals"


def test_baseline_round_trip(run_cli, bad, tmp_path):
    code, _, err = run_cli("lint", "goals", "--write-baseline", "cxsmart-baseline.json", *PINNED)
    assert code == 0 and "wrote" in err
    doc = json.loads((tmp_path / "cxsmart-baseline.json").read_text())
    assert doc["tool"] == "cxsmart" and len(doc["findings"]) > 50
    assert all("line" not in e for e in doc["findings"])                  # fingerprints, not positions

    (tmp_path / "cxsmart.toml").write_text('baseline = "cxsmart-baseline.json"\n')
    code, out, err = run_cli("lint", "goals", "--fail-on", "info", *PINNED)
    assert code == 0 and "All clear" in out and "accepted by the baseline" in err

    # edits around old findings (lines move) do not resurface them
    sentences = bad / "sentences.yaml"
    sentences.write_text("# moved\n\n" + sentences.read_text())
    assert run_cli("lint", "goals", "--fail-on", "info", *PINNED)[0] == 0

    # a new bad goal still fails, and only it is reported
    sentences.write_text(sentences.read_text() + NEW_GOAL)
    code, out, _ = run_cli("lint", "goals", "--format", "json", *PINNED)
    assert code == 1
    assert {d["goal"] for d in json.loads(out)["diagnostics"]} == {"new-one"}


def test_stale_entries(run_cli, bad, tmp_path):
    run_cli("lint", "goals", "--write-baseline", "b.json", *PINNED)
    (bad / "broken.yaml").unlink()                                         # its F001 has gone
    code, _, err = run_cli("lint", "goals", "--baseline", "b.json", *PINNED)
    assert code == 0 and "stale" not in err
    code, _, err = run_cli("lint", "goals", "--baseline", "b.json", "--report-stale-baseline", *PINNED)
    assert code == 1 and "stale baseline entry: F001 in goals/broken.yaml" in err


def test_identical_findings_need_one_entry_each(run_cli, tmp_path):
    (tmp_path / "g.yaml").write_text("- {title: Raise NPS}\n")
    run_cli("lint", "g.yaml", "--write-baseline", "b.json", "--select", "P004")
    (tmp_path / "g.yaml").write_text("- {title: Raise NPS}\n- {title: Raise NPS}\n")
    code, out, _ = run_cli("lint", "g.yaml", "--baseline", "b.json", "--select", "P004", "--format", "json",
                           "--fail-on", "info")
    assert code == 1 and len(json.loads(out)["diagnostics"]) == 1


@pytest.mark.parametrize("content,words", [(None, "baseline file not found"), ("{", "not a cxsmart baseline"),
                                           ('{"tool": "other"}', "not a cxsmart baseline")])
def test_bad_baseline_is_exit_2(run_cli, tmp_path, content, words):
    (tmp_path / "g.yaml").write_text("- {title: Raise NPS}\n")
    if content is not None:
        (tmp_path / "b.json").write_text(content)
    code, _, err = run_cli("lint", "g.yaml", "--baseline", "b.json")
    assert code == 2 and words in err
