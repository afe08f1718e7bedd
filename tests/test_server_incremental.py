"""An edit inside one goal is read and checked alone (server/splice, itempatch, checkfile), and its
findings are exactly those of a whole lint of the same text (`cxsmart lint`, in-process through
the api as the CLI runs it): random single-goal edits, one after another, seeded; and each case
where the goal alone is not enough is refused and read whole instead.

In-process (no server over stdio): the contract is the findings of Live.edit, the function the
server publishes from; test_server_edits.py drives the real process."""

from __future__ import annotations

import random
import re
import threading
from pathlib import Path

import pytest

from cxsmart.read.loader import load_text
from cxsmart.server import live as live_module
from cxsmart.server.live import Live
from cxsmart.server.session import Session
from cxsmart.server.splice import own, spliced
from tests.server_helpers import make_workspace

MIXED = """# Goals of a team, written every way a team writes them.
goals:
  - id: mx-fcr
    title: Increase first contact resolution from 71% to 76% by 30 June 2027
    level: team
    parent: corp-churn-2027
    owner: contact-centre
    metric: fcr
    baseline: 71%
    target: 76%
    start: 2027-01-01
    deadline: 2027-06-30
    paired_with: mx-csat
    review: monthly
    actions:
      - title: Give agents refund authority up to $50
        owner: contact-centre
        due: 2027-02-28

  - id: mx-csat
    title: Increase contact-centre CSAT from 74% to 79% by 30 June 2027
    parent: corp-nps-2027
    owner: contact-centre
    metric: csat
    baseline: 74%
    target: +5 pp
    deadline: 2027-06-30
    review: monthly

  - id: mx-child
    title: Cut repeat calls on billing lines from 18% to 15% by 31 March 2027
    parent: mx-fcr
    owner: contact-centre
    review: quarterly
    description: |
      Repeat calls within 7 days, measured by the telephony platform.
      Billing lines only.

  # a goal written as a sentence
  - id: mx-sentence
    title: Improve customer satisfaction scores by 10% over the next six months
    owner: contact-centre
    review: monthly

  - Improve customer centricity

  - id: mx-quoted
    title: "Reduce average handling time from 7.5 min to 6.5 min by Q3 2027"
    owner: contact-centre
    metric: aht
    notes: 'kept for the review'
    review: monthly

  - id: mx-hedged
    title: Try to answer tickets faster
    owner: nobody
    tittle: a slip
    review: sometimes
"""

OTHER = """goals:
  - id: ot-child
    title: Raise CSAT for chat contacts from 70% to 75% by 30 June 2027
    parent: mx-csat
    owner: contact-centre
    metric: csat
    baseline: 70%
    target: 75%
    deadline: 2027-06-30
    review: monthly

  - id: ot-paired
    title: Reduce handling time on chat from 9 min to 8 min by Q3 2027
    paired_with: mx-fcr
    owner: contact-centre
    metric: aht
    review: monthly

  - id: ot-grandchild
    title: Answer chats within 60 seconds
    parent: mx-child
    owner: digital
    review: weekly
"""
ORIGINAL = {"mixed.yaml": MIXED, "other.yaml": OTHER}

VALUES = {
    "review": ["monthly", "quarterly", "weekly", "sometimes"],
    "metric": ["csat", "fcr", "nps", "aht", "own_thing", "survey_response_rate"],
    "owner": ["contact-centre", "digital", "nobody", "cx-office"],
    "parent": ["corp-nps-2027", "corp-churn-2027", "mx-csat", "mx-fcr", "mx-child", "ot-child", "missing-goal"],
    "baseline": ["74%", "79%", "7 min", "+5 pp", "abc", "18"],
    "target": ["76%", "6.5 min", "+8 pp", "90%", "", "26"],
    "deadline": ["2027-06-30", "2026-01-01", "ASAP", "Q3 2027", "30 June 2027", "30/06/2027"],
    "level": ["team", "individual", "bogus"],
    "paired_with": ["mx-csat", "mx-fcr", "cc-csat-2027", "ot-paired", "nothing-here"],
    "segment": ["web", "phone and chat contacts"],
}
WORDS = ["by", "30 June 2027", "from 10% to 12%", "customers", "NPS", "quickly", "churn", "2027", "segment 4",
         "Q&A", "50%", "and reduce churn"]
LINES = ["    notes: x", "    segment: web", "    tittle: typo", "    deadline: 2027-12-31", "# a comment",
         "    # a note",
         "  - id: new-item", "    description: |\n      block text", "    metric: csat", "    paired_with: [mx-csat",
         "    x-anchor: &a 1", "    copy: *a", "---", "  owner: dedented", "    title: A second title"]
CHARS = ['"', "'", ":", "#", "&a ", "*a", "[", "{", "\t", "- ", " ", "x", "0", "/", "\\", "|", "%"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = make_workspace(tmp_path_factory.mktemp("incremental") / "ws", "good")
    (folder / "good" / "goals" / "mixed.yaml").write_text(MIXED, encoding="utf-8")
    (folder / "good" / "goals" / "other.yaml").write_text(OTHER, encoding="utf-8")
    return folder


def _items(text: str) -> list[tuple[int, int]]:
    """Each top-level goal's lines (0-based, end exclusive), by its dash."""
    lines = text.split("\n")
    starts = [n for n, line in enumerate(lines) if line.startswith("  - ")]
    ends = starts[1:] + [len(lines)]
    return list(zip(starts, ends))


def _edit(text: str, rng: random.Random) -> str:
    """One random change inside the lines of one goal."""
    lines = text.split("\n")
    items = _items(text)
    if not items:
        return text
    start, end = rng.choice(items)
    row = rng.randrange(start, max(start + 1, end - 1))
    kind = rng.choice(["value", "value", "value", "word", "word", "delete", "insert", "char", "swap", "dup"])
    line = lines[row]
    m = re.match(r"( *(?:- )?)([\w-]+): ?(.*)", line)
    if kind == "value" and m and m.group(2) in VALUES:
        lines[row] = f"{m.group(1)}{m.group(2)}: {rng.choice(VALUES[m.group(2)])}"
    elif kind == "word" and m and m.group(2) in ("title", "description", "notes"):
        words = line.split(" ")
        at = rng.randrange(len(words) - 1) + 1
        lines[row] = " ".join(words[:at] + [rng.choice(WORDS)] + words[at:]) if rng.random() < 0.7 else \
            " ".join(words[:at] + words[at + 1:])
    elif kind == "delete" and row > start:
        del lines[row]
    elif kind == "insert":
        lines.insert(row + 1, rng.choice(LINES))
    elif kind == "char":
        at = rng.randrange(len(line) + 1)
        lines[row] = line[:at] + rng.choice(CHARS) + line[at:]
    elif kind == "swap" and row + 1 < end - 1:
        lines[row], lines[row + 1] = lines[row + 1], lines[row]
    elif kind == "dup":
        lines.insert(row, line)
    else:
        lines[row] = line + " more"
    return "\n".join(lines)


def _found(findings: list) -> list:
    return sorted((d.sort_key, d.to_json(), d.fix) for d in findings) if findings else []


class _Counting:
    """How often the one-goal path answered."""

    def __init__(self, monkeypatch) -> None:
        self.fast = self.spliced = self.moved = self.quick = 0
        real_goal, real_splice, real_quick = Live._edit_goal, live_module.spliced, Live.quick

        def quick(live, path, text):
            out = real_quick(live, path, text)
            self.quick += out is not None
            return out

        def edit_goal(live, key, display, old, part):
            out = real_goal(live, key, display, old, part)
            self.fast += out is not None
            self.moved += out is not None and part.delta != 0         # lines added or removed: the rest moved
            return out

        def splice(*args, **kwargs):
            out = real_splice(*args, **kwargs)
            self.spliced += out is not None
            return out

        monkeypatch.setattr(Live, "_edit_goal", edit_goal)
        monkeypatch.setattr(Live, "quick", quick)
        monkeypatch.setattr(live_module, "spliced", splice)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_random_single_goal_edits_give_the_findings_of_a_whole_lint(folder, monkeypatch, seed):
    """Edits to two open files, the second's goals under and beside the first's (parent, paired,
    an objective inherited through a parent), so a goal re-read in one is linked from the other;
    now and then a pause in typing lets the background check run, as the server does."""
    paths = [(folder / "good" / "goals" / name).resolve() for name in ("mixed.yaml", "other.yaml")]
    texts = {paths[0]: MIXED, paths[1]: OTHER}
    count = _Counting(monkeypatch)
    session, reference = Session(folder), Session(folder)
    live = Live(session)
    live.whole(dict(texts))
    rng = random.Random(seed)
    for step in range(100):
        path = paths[0] if rng.random() < 0.7 else paths[1]
        base = texts[path] if rng.random() < 0.8 else ORIGINAL[path.name]
        texts[path] = text = _edit(base, rng)
        out = _served(live, path, text, dict(texts), quick=step % 3 != 2)     # (the same edits as without)
        if out is None:                             # the server lints the workspace whole then
            out = live.whole(dict(texts))
        want = reference.lint(dict(texts))
        assert _found(out.findings.get(str(path), [])) == _found(want.findings.get(str(path), [])), (step, text)
        if any(d.code == "F001" for d in want.findings.get(str(path), [])) or \
                any(load_text("f", text).invalid_ids.values()):
            texts[path] = text = ORIGINAL[path.name] if rng.random() < 0.5 else base   # goals that all read
            out = live.edit(path, text, dict(texts)) or live.whole(dict(texts))
            want = reference.lint(dict(texts))
            assert _found(out.findings.get(str(path), [])) == _found(want.findings.get(str(path), []))
        if live.stale and rng.random() < 0.3:       # a pause in typing: every goal checked again
            _every_file(live.check(threading.Event()), want)
    assert count.spliced >= 30 and count.fast >= 15 and count.moved >= 3, (count.spliced, count.fast, count.moved)
    assert count.quick >= 10, count.quick                   # the server's quick path, on its event loop
    _every_file(live.check(threading.Event()), reference.lint(dict(texts)))


def _served(live: Live, path: Path, text: str, texts: dict, quick: bool):
    """What the server does with an edit: `quick` on its event loop, else (or when the lint thread
    was busy) `edit` in the lint thread."""
    if not quick:
        return live.edit(path, text, texts)
    return live.quick(path, text) or live.edit(path, text, texts, tried=True)


def _every_file(checked, whole) -> None:
    for name in whole.findings:
        assert _found(checked.findings.get(name, [])) == _found(whole.findings[name]), name


def _same_as_whole(old_text: str, new_text: str):
    """The splice of `new_text` onto `old_text`'s file, checked against a whole read when made."""
    old = load_text("f.yaml", old_text)
    part = spliced(old, new_text)
    if part is not None:
        assert all(i.file is old for items in old.sections.values() for i in items)     # the old file is as it was
        own(part.file)
        assert all(i.file is part.file for items in part.file.sections.values() for i in items)
        whole = load_text("f.yaml", new_text)
        assert part.file.index == whole.index
        assert sorted(map(repr, part.file.problems)) == sorted(map(repr, whole.problems))
        for section in whole.sections:
            assert [(i.model, i.path, i.unreadable, i.extra, i.compound) for i in part.file.sections[section]] == \
                   [(i.model, i.path, i.unreadable, i.extra, i.compound) for i in whole.sections[section]]
    return part


@pytest.mark.parametrize("name, before, after", [
    ("two goals at once", "        due: 2027-02-28\n\n  - id: mx-csat\n",
     "        due: 2027-03-31\n\n  - id: mx-csat2\n"),
    ("a new item", "    review: quarterly\n", "    review: quarterly\n  - id: new-one\n    title: Grow NPS\n"),
    ("an anchor", "    notes: 'kept for the review'", "    notes: &n 'kept for the review'"),
    ("an alias", "    notes: 'kept for the review'", "    notes: *n"),
    ("a merge key", "    notes: 'kept for the review'", "    <<: {notes: kept}"),
    ("an unclosed flow list", "    metric: aht\n", "    metric: [aht\n"),
    ("an unclosed quote", "    notes: 'kept for the review'", "    notes: 'kept for the review"),
    ("a document marker", "    metric: aht\n", "    metric: aht\n---\n"),
    ("a dedented key", "    metric: aht\n", "  metric: aht\n"),
    ("a top-level key", "    metric: aht\n", "metrics:\n    metric: aht\n"),
    ("a numeric date", "    deadline: 2027-06-30\n    review: monthly\n\n  - id: mx-child",
     "    deadline: 30/06/2027\n    review: monthly\n\n  - id: mx-child"),
    ("a goal that does not validate", "    title: Try to answer tickets faster\n", "    title:\n"),
    ("a tab", "    metric: aht\n", "\tmetric: aht\n"),
    ("a line separator (YAML 1.2 reader)", "    notes: 'kept for the review'", "    notes: 'kept\u2028for the review'"),
    ("a change before the goals", "# Goals of a team", "# Goals of one team\nversion: 1"),
])
def test_what_one_goal_cannot_tell_is_read_whole(name, before, after):
    new = MIXED.replace(before, after, 1)
    assert new != MIXED, name
    assert _same_as_whole(MIXED, new) is None, name


@pytest.mark.parametrize("before, after", [
    ("    review: sometimes", "    review: weekly"),
    ("    title: Try to answer tickets faster", "    title: Try to answer tickets faster by Q3 2027"),
    ("    review: quarterly\n", "    review: quarterly\n    segment: web\n"),        # a line added
    ("    tittle: a slip\n", ""),                                                        # a line removed
    ("  - Improve customer centricity", "  - Improve customer centricity for everyone"),
    ("      Billing lines only.", "      Billing lines only, # not a comment"),
    ("    notes: 'kept for the review'", "    notes: 'kept, Q&A, 5* rating'"),
    ("  - id: mx-fcr\n", "  - id: mx-fcr2\n"),                                        # the first goal's first line
    ("    metric: aht\n", "# said at the margin: the goal goes on below\n    metric: aht\n"),
    ("    review: sometimes", "# a note\n    review: sometimes"),                       # the last goal
])
def test_one_goal_read_alone_is_the_file_read_whole(before, after):
    new = MIXED.replace(before, after, 1)
    assert new != MIXED
    assert _same_as_whole(MIXED, new) is not None


def test_goals_keyed_by_id_or_under_a_misspelt_key_are_read_whole():
    keyed = "goals:\n  a:\n    title: Grow NPS\n    review: monthly\n"
    assert _same_as_whole(keyed, keyed.replace("monthly", "weekly")) is None
    misspelt = "Goals:\n  - id: a\n    title: Grow NPS\n    review: monthly\n"
    assert _same_as_whole(misspelt, misspelt.replace("monthly", "weekly")) is None
    bare = "- id: a\n  title: Grow NPS\n  review: monthly\n- id: b\n  title: Grow CSAT\n"
    assert _same_as_whole(bare, bare.replace("monthly", "weekly")) is not None     # a bare list: read alone


def test_the_kept_forms_of_an_edited_files_findings_are_the_bytes_a_plain_conversion_gives(folder):
    """convert.Published: the JSON of findings kept across keystrokes is what pygls makes of a fresh
    conversion, also when a line before a finding's columns changes (UTF-16 units)."""
    import json

    from pygls.protocol import default_converter

    from cxsmart.server import convert
    from cxsmart.server.positions import Lines

    path = (folder / "good" / "goals" / "mixed.yaml").resolve()
    uri, session, forms = path.as_uri(), Session(folder), convert.Published()
    plain = default_converter()
    texts = [MIXED, MIXED.replace("Try to answer", "Try 🙂 to answer"),
             MIXED.replace("Try to answer", "Try to reply"), MIXED]
    linted = [(text, session.lint({path: text})) for text in texts]
    reused = 0
    for _ in range(2):
        for text, out in linted:
            found, registry = out.findings[str(path)], out.result.registry
            before = dict(forms.items.get(str(path), {}))
            sent = forms.json(str(path), found, Lines(text), uri, registry)
            fresh = [convert.diagnostic(d, Lines(text), uri, registry) for d in found]
            assert sent == json.dumps(plain.unstructure(fresh))
            now = forms.items[str(path)]
            reused += sum(1 for key, form in now.items() if before.get(key) is form)
    assert reused > len(found), "the JSON of findings the edit left alone is kept, not made again"
    assert forms.json("other.yaml", found, Lines(MIXED), uri, registry, keep=False).startswith('[{"range"')
    assert "other.yaml" not in forms.items


def test_a_rule_that_fails_on_the_edited_goal_ends_as_in_the_engine(folder, monkeypatch):
    """A goal check that raises is one F008 and ends its rule for the goals after it: the findings
    kept for those goals are not used then."""
    from cxsmart.rules.timebound import NoDeadline

    real = NoDeadline.check

    def failing(self, goal, ctx):
        if goal.id == "mx-csat" and "weekly" in (goal.goal.review or ""):
            raise RuntimeError("a bug")
        return real(self, goal, ctx)

    path = (folder / "good" / "goals" / "mixed.yaml").resolve()
    session, reference = Session(folder), Session(folder)
    live = Live(session)
    live.whole({})
    count = _Counting(monkeypatch)
    monkeypatch.setattr(NoDeadline, "check", failing)
    for text in (MIXED.replace("    review: monthly\n\n  - id: mx-child", "    review: quarterly\n\n  - id: mx-child"),
                 MIXED.replace("    review: monthly\n\n  - id: mx-child", "    review: weekly\n\n  - id: mx-child")):
        out = live.edit(path, text, {path: text})
        want = reference.lint({path: text}).findings[str(path)]
        assert _found(out.findings[str(path)]) == _found(want)
    assert any(d.code == "F008" for d in want) and count.fast == 1


def test_a_comment_at_the_margin_ends_no_goal():
    """Keys below a comment written at the margin are still the goal's: an edit above the comment
    re-reads them with it (a region cut at the comment lost the goal's `review`)."""
    old = MIXED.replace("    owner: nobody\n", "# written at the margin\n    owner: nobody\n")
    new = old.replace("Try to answer tickets faster", "Try to answer faster")
    part = _same_as_whole(old, new)
    assert part is not None and part.file.sections["goals"][6].model.review == "sometimes"
