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

from cxsmart.settings.config import Config
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


# How a workspace's numeric dates are read: the order its unambiguous dates show (in any file,
# any field, in prose too), versions and codes that are not dates, and the notice on the first
# date that reads both ways.
DATE_ORDERS = {
    "day-first shown in another file": {
        "a.yaml": "- {id: a, title: Raise CSAT, deadline: 03/04/2027, start: 01/02/2027}\n",
        "b.yaml": "- {id: b, title: Cut AHT, deadline: 30/09/2027}\n"},
    "month-first shown": {"a.yaml": "- {id: a, title: Raise CSAT, deadline: 03/04/2027}\n"
                                    "- {id: b, title: Cut AHT, deadline: 09/30/2027}\n"},
    "both orders shown": {"a.yaml": "- {id: a, title: Raise CSAT, deadline: 13/04/2027}\n"
                                    "- {id: b, title: Cut AHT, deadline: 04/13/2027, start: 03/04/2027}\n"},
    "dots, dashes and two-digit years": {
        "a.yaml": "- {id: a, title: Raise CSAT, deadline: 30.09.2027, start: '01-02-2027'}\n"
                  "- {id: b, title: Cut AHT, deadline: 31/12/27, description: 'version 1.2.10, code 1-2-27'}\n"
                  "- {id: c, title: Cut waits, deadline: 02.03.2027}\n"},
    "only in prose": {"a.yaml": "- {id: a, title: Raise CSAT from 70% to 75% by 31/03/2027}\n"
                                "- {id: b, title: Cut AHT, deadline: 02/03/2027}\n"},
    "only ambiguous": {"a.yaml": "- {id: a, title: Raise CSAT, deadline: 02/03/2027}\n",
                       "b.yaml": "- {id: b, title: Cut AHT, deadline: 05/06/2027, start: 01/02/2027}\n"},
    "a bare list and a mapping": {"a.yaml": "goals:\n  - {id: a, title: Raise CSAT, deadline: 07/08/2027}\n",
                                  "b.yaml": "- {id: b, title: Cut AHT, deadline: 25/12/2027}\n"},
}


def test_how_each_workspace_s_numeric_dates_are_read_is_as_reviewed():
    out = []
    for name, files in DATE_ORDERS.items():
        out.append(f"== {name}")
        found = lint(files, select=["ALL"], ignore=["R001", "R002", "P004", "M001", "M002", "M003"], today=TODAY)
        out.extend(finding(d) for d in sorted(found, key=lambda d: (d.sort_key, str(d.goal))))
    compare("date-orders.txt", "\n".join(out) + "\n")
