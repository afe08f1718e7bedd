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


# Where a finding about words of a title lands depends on how the title is written: these are the
# ways YAML writes one value (offsets in the text map to other columns in each).
TITLE = "We will try to significantly improve the customer experience and roll out a new app as soon as possible"
STYLES = {
    "plain": f"- title: {TITLE}\n",
    "single-quoted": "- title: 'We''ll try to significantly improve the customer experience and roll out a new app "
                     "as soon as possible'\n",
    "double-quoted with escapes": '- title: "We \\"will\\" try to significantly improve the customer\\texperience and '
                                  'roll out a new app \\u263A as soon as possible"\n',
    "double-quoted plain": f'- title: "{TITLE}"\n',
    "multi-line plain": "- title: We will try to significantly improve\n    the customer experience and roll out\n"
                        "    a new app as soon as possible\n",
    "multi-line double-quoted": '- title: "We will try to significantly improve the customer experience\n'
                                '    and roll out a new app as soon as possible"\n',
    "literal block": f"- title: |\n    {TITLE}\n",
    "folded block": "- title: >-\n    We will try to significantly improve the customer experience\n"
                    "    and roll out a new app as soon as possible\n",
    "flow mapping": f"- {{id: g, title: '{TITLE}', owner: care}}\n",
    "anchored": f"- title: &t {TITLE}\n  description: *t\n",
    "wide characters before": f"- title: 😀 Ünïcode — {TITLE}\n",
    "crlf": f"- title: {TITLE}\r\n  owner: care\r\n",
    "description": f"- title: Customer experience\n  description: {TITLE}\n",
    "a bare sentence item": f"- {TITLE}\n",
    "another sentence": "- title: Strive to deliver world-class service, reduce complaints and launch a chatbot ASAP\n",
}


def test_where_every_rule_points_in_each_way_of_writing_a_title_is_as_reviewed():
    out = []
    for name, text in STYLES.items():
        out.append(f"== {name}")
        found = lint(text, select=["ALL"], today=TODAY)
        out.extend(finding(d) for d in sorted(found, key=lambda d: (d.sort_key, str(d.goal))))
    compare("title-styles.txt", "\n".join(out) + "\n")
