"""Every rule on every sentence of the language corpus written as a goal, as a reviewed snapshot.

Each distinct text of test_snapshot_language.corpus() (about 3,300: the labelled sets, the titles
of the team repositories, the examples and the rule cases, the written forms, the strings of the
language tests) becomes the title of one goal of one file, linted with every rule selected and
'now' pinned twice (1 June 2026 and 1 December 2027, either side of most of the corpus's
deadlines). tests/snapshots/sentences-as-goals-<today>.txt holds every finding but the three
that every bare title gets (no owner, no objective, no review cadence): code, position, message,
hint (where it is not the same as the code's previous one) and fix, so a rule that reads a
sentence's facts a little differently shows up.

Regenerate (then review the diff, and name what changed in the commit message):

    CXSMART_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshot_sentences.py
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from tests.conftest import lint
from tests.snapshot import compare, finding
from tests.test_snapshot_language import corpus

EVERY_BARE_TITLE = ("R001", "R002", "P004")


def goal_file(texts: list[str]) -> str:
    return "goals:\n" + "".join(f"  - id: s{i}\n    title: {json.dumps(t, ensure_ascii=False)}\n"
                                 for i, t in enumerate(texts))


@pytest.mark.parametrize("today", ["2026-06-01", "2027-12-01"])
def test_every_rule_on_every_corpus_sentence_as_a_goal_is_as_reviewed(today):
    text = goal_file(corpus())
    found = lint(text, select=["ALL"], today=dt.date.fromisoformat(today))
    kept = sorted((d for d in found if d.code not in EVERY_BARE_TITLE), key=lambda d: (d.sort_key, str(d.goal)))
    last_hint: dict[str, str | None] = {}
    lines = []
    for d in kept:                          # a hint is written when it is not the code's last one again
        shown = finding(replace(d, hint=None) if last_hint.get(d.code) == d.hint else d)
        last_hint[d.code] = d.hint
        lines.append(shown)
    compare(f"sentences-as-goals-{today}.txt", "\n".join(lines) + "\n")
