"""The language analysis: precision on the labelled set, user rule packs, exact columns in
quoted titles, and spaCy imported only when a selected rule reads prose."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import lint

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name,part,require", [
    # our own sets keep their figures (labelled.yaml, relabelled by labelling.md: S 0.975 / 0.929)
    ("labelled.yaml", "sentences", "S=0.95/0.90,M=0.95/0.95,T=0.95/0.95,baseline=0.95/0.95"),
    ("heldout.yaml", "sentences", "S=0.95/0.95,M=0.95/0.95,T=0.90/0.95,baseline=0.95/0.95"),
    # the forms published goals take: issue 10's targets on the part never tuned on, and the tuned part
    ("forms.yaml", "heldout", "S=0.90/0.80,M=0.95/0.95,T=0.95/0.95,baseline=0.95/0.95"),
    # S 0.938 here: labelling.md does not list compound goals under S, and S003 reports them (rules.md)
    ("forms.yaml", "sentences", "S=0.93/0.90,M=0.95/0.95,T=0.95/0.95,baseline=0.95/0.95"),
])
def test_precision_and_recall_targets(name, part, require):
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "precision.py"), str(ROOT / "benchmarks" / name),
                           "--part", part, "--require", require], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_labelled_set_is_large_and_varied():
    from ruamel.yaml import YAML

    rows = YAML(typ="safe").load((ROOT / "benchmarks" / "labelled.yaml").read_text())["sentences"]
    assert len(rows) >= 150
    assert {"contact centre", "retail", "telecom", "banking", "saas", "hospitality", "healthcare",
            "public services"} <= {r["domain"] for r in rows}
    assert sum(1 for r in rows if not r["fail"]) >= 40          # good goals, many with 'within' or 'improve'


def test_prose_and_structured_goals_get_the_same_findings():
    prose = "- {id: g, title: 'Increase CSAT to 80% by 30 September 2026', owner: cc, review: monthly}\n"
    fields = ("- {id: g, title: Increase CSAT, metric: csat, target: 80%, deadline: 2026-09-30, owner: cc, "
              "review: monthly}\n")
    assert {d.code for d in lint(prose)} - {"F004"} == {d.code for d in lint(fields)} - {"F004"} == {"M002", "R001"}


@pytest.mark.parametrize("title,column", [
    ("Reduce churn ASAP", 23),                   # plain
    ("'Reduce churn ASAP'", 24),                 # single-quoted: +1 for the quote
    ("'It''s time: reduce churn ASAP'", 36),     # a doubled quote before the words: one column more
    ('"Reduce churn: ASAP"', 25),                # double-quoted without escapes
])
def test_exact_columns_in_plain_and_quoted_titles(title, column):
    (d,) = lint(f"- title: {title}\n", select=["T002"])
    assert (d.span.line, d.span.column, d.span.end_column) == (1, column, column + 4)


def test_block_scalar_falls_back_to_the_scalar_start():
    (d,) = lint("- title: |\n    Reduce churn ASAP\n", select=["T002"])
    assert (d.span.line, d.span.column) == (1, 10)


def test_description_is_read_when_the_title_is_a_label():
    text = "- title: CSAT\n  description: Increase CSAT from 72% to 80% by 30 September 2026\n"
    assert lint(text, select=["M", "T"]) == []


PACK = """\
vague-terms:
  remove: [seamless]
  add: [synergy]
rules:
  - code: CX101
    name: internal-jargon
    extends: existence
    tokens: [best-of-breed, leverage]
    message: "'{match}' is internal jargon: say what the customer gets"
  - code: CX102
    name: say-customers
    extends: substitution
    swap: {clients: customers}
    message: "write '{replacement}' instead of '{match}'"
    severity: info
  - code: CX103
    name: segment-required
    extends: required-field
    fields: [segment]
    message: "say which customers the goal is about ('{field}')"
"""


def _pack_run(tmp_path, run_cli, pack: str, goals: str):
    (tmp_path / "cx-rules").mkdir()
    (tmp_path / "cx-rules" / "team.yaml").write_text(pack)
    (tmp_path / "cxsmart.toml").write_text('rule-packs = ["cx-rules/"]\n')
    (tmp_path / "goals.yaml").write_text(goals)
    return run_cli("lint", "goals.yaml", "--format", "json", "--select", "CX,S001")


def test_pack_rules_and_term_changes(tmp_path, run_cli):
    goals = ("- title: Leverage seamless journeys for clients\n"
             "- {title: Deliver synergy, segment: retail}\n")
    code, out, err = _pack_run(tmp_path, run_cli, PACK, goals)
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in json.loads(out)["diagnostics"]]
    assert ("CX101", 1, 10, "'Leverage' is internal jargon: say what the customer gets") in found
    assert ("CX102", 1, 41, "write 'customers' instead of 'clients'") in found
    assert ("CX103", 1, 10, "say which customers the goal is about ('segment')") in found
    assert ("S001", 2, 19, "'synergy' defines no success: name the metric and the target") in found
    assert not [f for f in found if f[3].startswith("'seamless'")]     # removed from the built-in list
    # (the goal still names no measure: S001 says so of the whole title, not of 'seamless')
    assert ("S001", 1, 10, "'Leverage seamless journeys for clients' names no measure of success: what number "
            "would show it is done?") in found
    assert not [f for f in found if f[0] == "CX103" and f[1] == 2]     # has a segment
    _, out, _ = run_cli("rule", "CX101")


@pytest.mark.parametrize("pack,words", [
    ("rules:\n  - {code: CX1, name: x, extends: existence, tokens: [a], message: m}\n", "team.yaml:2:12: 'code': 'CX1' is not a rule code"),
    ("rules:\n  - {code: S901, name: x, extends: existence, tokens: [a], message: m}\n", "built-in letter 'S'"),
    ("rules:\n  - {code: CX101, name: x, extends: existance, tokens: [a], message: m}\n", "did you mean 'existence'?"),
    ("rules:\n  - {code: CX101, name: x, extends: existence, tokns: [a], message: m}\n", "did you mean 'tokens'?"),
    ("rules:\n  - {code: CX101, name: x, extends: required-field, fields: [segmnt], message: m}\n",
     "did you mean 'segment'?"),
    ("vague-terms: {ad: [x]}\n", "team.yaml:1:15: 'vague-terms' takes 'add' and 'remove' (did you mean 'add'?)"),
    ("hedge: [x]\n", "did you mean 'hedges'?"),
])
def test_bad_packs_are_exit_2_with_position(tmp_path, run_cli, pack, words):
    code, out, err = _pack_run(tmp_path, run_cli, pack, "- title: x\n")
    assert code == 2 and words in err, err


def test_spacy_is_imported_only_when_a_rule_reads_prose(tmp_path):
    (tmp_path / "g.yaml").write_text("- {id: g, title: Increase CSAT, owner: cc}\n")
    probe = ("import sys\nfrom cxsmart.cli.entry import main\nsys.argv = ['cxsmart', 'lint', 'g.yaml', '--select', {sel!r}]\n"
             "try:\n    main()\nexcept SystemExit: pass\n"
             "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY')")
    for select, expected in (("F,P,R001,R002", "NO-SPACY"), ("S001", "SPACY")):
        proc = subprocess.run([sys.executable, "-c", probe.format(sel=select)], capture_output=True, text=True,
                              cwd=tmp_path, timeout=60)
        assert proc.stdout.strip().endswith(expected), (select, proc.stdout, proc.stderr)


@pytest.mark.parametrize("unit", ["Commitment 1 - ", "cases open longer than 30 days ", "quickly, ",
                                  "if we can, as far as we can ", "from 74 per cent of ", "we will may might "])
def test_reading_stays_linear_in_the_length_of_the_text(unit):
    """Eight times the text costs about eight times the time, not sixty-four (a word looked up
    before every number once read the whole text before it)."""
    import time

    from cxsmart.language import Reader
    from cxsmart.read.packs import load_packs
    reader = Reader(load_packs())

    def cost(n: int) -> float:
        text = (unit * (n // len(unit) + 1))[:n]
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            list(reader.read([text]))
            best = min(best, time.process_time() - start)
        return best

    cost(500)
    assert cost(10_000) < 24 * max(cost(1_250), 1e-4)
