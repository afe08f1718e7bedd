"""The loaded model of every goal file of the corpus, as a reviewed snapshot.

For each file (the team repositories, the examples, the fix goldens' inputs, every rule case,
and the edge inputs of EDGES below) read as a run reads it (api.files.read_one, the default
configuration, and once more with strict keys and day-first dates): every problem the reader
reports (code, span, message, hint, goal, subject), every indexed position (key span, value span,
scalar style, merged), and every validated item (its path, its model as pydantic shows it, the
fields left out as unreadable, the team's own keys, the measures of a compound goal).

Regenerate (then review the diff, and name what changed in the commit message):

    CXSMART_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshot_read.py
"""

from __future__ import annotations

from cxsmart.api.files import read_one
from cxsmart.settings.config import Config
from tests.snapshot import ROOT, compare, shown
from tests.test_rule_cases import _cases

# Inputs the corpus lacks: each names what it exercises.
EDGES = {
    "cr-only-breaks.yaml": "goals:\r  - id: a\r    title: Raise CSAT from 70% to 75% by 2027-06-30\r    metric: csat\r",
    "crlf-and-form-feed.yaml": "goals:\r\n  - id: a\x0c\r\n    title: Cut AHT\r\n    target: 5 min\r\n",
    "bom.yaml": "\ufeffgoals:\n  - id: a\n    title: Raise NPS\n",
    "special-floats.yaml": "goals:\n  - id: inf\n    title: t\n    target: .inf\n    baseline: -.Inf\n"
                           "  - id: nan\n    title: t\n    target: .NaN\n    baseline: .5\n"
                           "  - id: ints\n    title: t\n    target: 0x1F\n    baseline: 0o17\n"
                           "  - id: exp\n    title: t\n    target: 1e3\n    baseline: +12\n",
    "scalars-of-every-type.yaml": "goals:\n  - id: a\n    title: true\n  - id: b\n    title: 12\n"
                                  "  - id: c\n    title: ~\n  - id: d\n    title: ''\n"
                                  "  - id: e\n    title: [x, y]\n  - id: f\n    title: {x: 1}\n"
                                  "  - id: g\n    title: t\n    review: 3\n    owner: [a]\n",
    "wrong-entries.yaml": "objectives:\n  - just a line\n  - id: o\n    title: ''\n    colour: red\n"
                          "owners:\n  - 12\n  - id: care\n    name: Care\n    sponsor: x\n"
                          "metrics:\n  - [a]\n  - id: m\n    unit: furlongs\n"
                          "goals:\n  - 3\n  - Answer 90% of calls within 30 seconds\n"
                          "  - id: x\n    title: y\n    direction: sideways\n    deadline: ASAP\n",
    "missing-fields.yaml": "goals:\n  - id: a\n  - title: t\n    target: {value: 5}\n"
                           "  - title: u\n    baseline: {as_of: 2026-01-01}\n",
    "sections-as-mappings.yaml": "goals:\n  csat-up:\n    title: Raise CSAT\n  aht-down:\n    title: Cut AHT\n"
                                 "owners:\n  care:\n    name: Care\n",
    "misspelt-sections.yaml": "version: 2\nGoals:\n  - id: a\n    title: t\ngoal:\n  - id: b\n    title: u\n"
                              "x-notes: free\nowner:\n  - id: o\nsponsors: 3\n",
    "scalar-root.yaml": "just a sentence\n",
    "list-root.yaml": "- Raise CSAT from 70% to 75% by 2027-06-30\n- id: b\n  title: Cut AHT\n",
    "section-not-a-list.yaml": "goals: 3\nowners: text\n",
    "anchors-and-merges.yaml": "x-defaults: &d\n  owner: care\n  metric: csat\n  deadline: sometime soon\n"
                               "  review: 12\ngoals:\n  - <<: *d\n    id: a\n    title: Raise CSAT\n"
                               "  - <<: *d\n    id: b\n    title: Raise CSAT again\n    owner: other\n",
    "nested-anchor.yaml": "x-t: &t {value: 5 min, as_of: 2026-13-01}\ngoals:\n  - id: a\n    title: Cut AHT\n"
                          "    baseline: *t\n    target: {<<: *t, value: 3 min}\n",
    "chained-merges.yaml": "x-a: &a {owner: 5, review: [x], deadline: [2027]}\nx-b: &b\n  <<: *a\n  metric: csat\n"
                           "goals:\n  - <<: *b\n    id: g\n    title: t\n",
    "merge-of-a-list.yaml": "x-a: &a {owner: [1]}\nx-b: &b {deadline: [2027]}\ngoals:\n  - <<: [*a, *b]\n    id: g\n"
                            "    title: t\n",
    "merged-unknown-key.yaml": "x-a: &a {colour: red, owner: [1]}\ngoals:\n  - <<: *a\n    id: g\n    title: t\n",
    "metric-definitions.yaml": (
        "metrics:\n"
        "  - {id: m_better, unit: '%', better: lower is better}\n"
        "  - {id: m_direction, unit: pp, direction: Up}\n"
        "  - {id: m_polarity, unit: count, polarity: negative}\n"
        "  - {id: m_lower_true, unit: working hours, lower_is_better: true, range: [0, 40]}\n"
        "  - {id: m_lower_false, unit: days, lower_is_better: false, max_change_per_quarter: 2}\n"
        "  - {id: m_higher_true, unit: £k, higher_is_better: true, min_change: 1.5, max_change_per_quarter: '25%'}\n"
        "  - {id: m_higher_false, unit: stars (out of 5), higher_is_better: false}\n"
        "  - {id: m_both, unit: 1-7, better: higher, direction: lower}\n"
        "  - {id: m_scale, unit: score, better_on_scale: {5: lower, 7: higher}, kind: external}\n"
        "  - {id: m_rate, unit: per 1,000 customers, kind: internal, conflicts_with: [m_better]}\n"
        "  - {id: m_bad_way, unit: '%', better: sideways}\n"
        "  - {id: m_bad_bound, unit: '%', max_change_per_quarter: lots, min_change: '5 %'}\n"
        "  - {id: Not-Snake, unit: 5}\n"
        "  - {id: m_empty_unit, unit: ''}\n"
        "  - {id: m_unit_number, unit: 10, range: [1, 10]}\n"
        "  - {id: m_kind, kind: vanity}\n"),
    "tab-indent.yaml": "goals:\n\t- id: a\n",
    "unclosed-quote.yaml": "goals:\n  - id: a\n    title: \"Raise CSAT\n",
    "bad-mapping.yaml": "goals:\n  - id: a\n    title: x: y\n",
    "duplicate-keys.yaml": "goals:\n  - id: a\n    title: t\n    title: u\n",
    "yaml-1-3.yaml": "%YAML 1.3\n---\ngoals:\n  - id: a\n    title: t\n",
    "two-documents.yaml": "goals:\n  - id: a\n    title: t\n---\ngoals:\n  - id: b\n    title: u\n",
    "non-string-keys.yaml": "goals:\n  - 1: x\n    id: a\n    title: t\n    null: y\n",
    "undefined-alias.yaml": "goals:\n  - id: a\n    title: *nowhere\n",
    "numeric-dates.yaml": "goals:\n  - id: a\n    title: t\n    deadline: 03/04/2027\n    start: 13/01/2027\n"
                          "  - id: b\n    title: u\n    deadline: 2027-02-30\n    start: Q3 2026\n",
    "actions.yaml": "goals:\n  - id: a\n    title: t\n    actions:\n      - Train agents\n"
                    "      - {title: x, due: 2027-01-01}\n"
                    "      - 5\n      - {title: y, colour: red}\n",
    "one-action-without-a-list.yaml": "goals:\n  - id: a\n    title: t\n    actions: Train all agents\n"
                                      "  - id: b\n    title: u\n    actions: {title: Launch the app, due: 2027-01-01}\n"
                                      "  - id: c\n    title: v\n    actions: {title: x, colour: red}\n",
    "unicode-columns.yaml": "goals:\n  - id: a\n    title: \"Réduire l’attente 😀 de 10 %\"\n    target: 5 😀\n",
    "nel-and-ls.yaml": "goals:\n  - id: a\n    title: one\u0085two\u2028three\n",
    "block-scalars.yaml": "goals:\n  - id: a\n    title: |\n      Raise CSAT\n      from 70% to 75%\n"
                          "    description: >-\n      folded\n      text\n",
    "empty.yaml": "",
    "comments-only.yaml": "# nothing here\n",
}


def _corpus() -> dict[str, str]:
    files: dict[str, str] = {}
    for base in (ROOT / "tests" / "repos", ROOT / "examples", ROOT / "tests" / "golden" / "fix" / "before"):
        for path in sorted(base.rglob("*.y*ml")):
            if path.name not in ("labels.yaml", "expected.yaml") and shown(path):
                files[path.relative_to(ROOT).as_posix()] = path.read_bytes().decode("utf-8", "replace")
    for param in _cases():
        code, case, today = param.values
        texts = case.get("files") or case.get("fail") or case.get("pass")
        for name, text in ({"goals.yaml": texts} if isinstance(texts, str) else texts).items():
            files[f"{param.id}/{name}"] = text
    files.update({f"edge/{name}": text for name, text in EDGES.items()})
    return files


def render(name: str, text: str, cfg: Config) -> str:
    source, _ = read_one(name, text.encode("utf-8"), cfg)
    out = [f"== {name}"]
    for p in source.problems:
        s = p.span
        out.append(f"  {p.code} {s.line}:{s.column}-{s.end_line}:{s.end_column} goal={p.goal} subject={p.subject!r}: "
                   f"{p.message}" + (f" | hint: {p.hint}" if p.hint else ""))
    for path, e in source.index.items():
        key = f"{e.key.line}:{e.key.column}-{e.key.end_line}:{e.key.end_column}" if e.key else "-"
        v = e.value
        out.append(f"  @{'.'.join(map(str, path)) or '()'} key={key} value={v.line}:{v.column}-{v.end_line}:"
                   f"{v.end_column} style={e.style!r}{' merged' if e.merged else ''}")
    for section, items in source.sections.items():
        for item in items:
            out.append(f"  {'.'.join(map(str, item.path))}: {item.model!r}")
            if item.unreadable:             # gathered through a set: its order is not the file's
                out.append(f"    unreadable: {sorted(item.unreadable.items())!r}")
            for what in ("extra", "compound"):
                if getattr(item, what):
                    out.append(f"    {what}: {getattr(item, what)!r}")
    for section, ids in source.invalid_ids.items():
        if ids:
            out.append(f"  invalid {section}: {ids!r}")
    return "\n".join(out)


def test_the_model_read_from_every_corpus_file_is_as_reviewed():
    cfg = Config()
    compare("read-model.txt", "\n".join(render(n, t, cfg) for n, t in _corpus().items()) + "\n")


def test_the_edge_inputs_read_with_strict_keys_and_day_first_dates_are_as_reviewed():
    cfg = Config(strict_keys=True, date_order="day-first", fiscal_year_start=4)
    compare("read-edges-strict.txt", "\n".join(render(f"edge/{n}", t, cfg) for n, t in EDGES.items()) + "\n")


def test_the_problems_of_every_corpus_file_with_strict_keys_and_day_first_dates_are_as_reviewed():
    cfg = Config(strict_keys=True, date_order="day-first", fiscal_year_start=4)
    out = []
    for name, text in _corpus().items():
        source, _ = read_one(name, text.encode("utf-8"), cfg)
        out.append(f"== {name}")
        out.extend(f"  {p.code} {p.span.line}:{p.span.column}-{p.span.end_line}:{p.span.end_column} goal={p.goal} "
                   f"subject={p.subject!r}: {p.message}" + (f" | hint: {p.hint}" if p.hint else "")
                   for p in source.problems)
        out.extend(f"  {'.'.join(map(str, i.path))}: deadline={i.model.deadline!r} start={i.model.start!r}"
                   for i in source.sections["goals"] if i.model.deadline is not None or i.model.start is not None)
    compare("read-problems-strict.txt", "\n".join(out) + "\n")
