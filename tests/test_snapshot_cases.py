"""Every rule on every case of tests/rules/*.yaml, as a reviewed snapshot.

test_rule_cases.py asks one question of each case: does *its* rule fire, and where. Each case is
also a small real goal file, and every other rule has something to say about it: this test pins
everything all rules (ALL selected, off-by-default ones included) report on every case, exactly:
code, span, severity, goal, message, hint and fix edits. A change in any rule's wording, reading
of a number, position or threshold shows up here as a diff of tests/snapshots/rule-cases.txt.

Regenerate (then review the diff, and name what changed in the commit message):

    CXSMART_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshot_cases.py
"""

from __future__ import annotations

import datetime as dt

from cxsmart.config import Config
from tests.conftest import TODAY, lint
from tests.snapshot import compare, finding
from tests.test_rule_cases import _cases


def render_cases() -> str:
    out = []
    for param in _cases():
        code, case, today = param.values
        texts = case.get("files") or case.get("fail") or case.get("pass")
        config = Config.model_validate(case["config"]) if "config" in case else None
        pinned = dt.date.fromisoformat(str(today)) if today else TODAY
        out.append(f"== {param.id}")
        found = lint(texts, select=["ALL"], today=pinned, config=config)
        out.extend(finding(d) for d in sorted(found, key=lambda d: (d.sort_key, str(d.goal))))
    return "\n".join(out) + "\n"


def test_every_rule_on_every_rule_case_is_as_reviewed():
    compare("rule-cases.txt", render_cases())
