"""What the prose reader extracts from every sentence of the corpus, as a reviewed snapshot.

The corpus: every sentence of the labelled sets (benchmarks/*.yaml); every goal title and
description of the team repositories (tests/repos/), the examples (examples/) and the rule cases
(tests/rules/); the sentences of tests/snapshots/language-sentences.txt, written to reach every
family of the reader (number words, fractions, units, bounds, dates, windows, service standards,
directions, segments, hedges, activities); and every sentence-like string of the language tests
(LANGUAGE_TESTS), which assert a few facts of each: here every fact is pinned. For each distinct
text the snapshot holds every fact the reader returns, exactly:
the metric (and whether the catalogue knows it), baseline and target quantities (value, unit,
change or factor, currency, bound, working days), direction, deadline and start timeframes
(dates, kind, relative length), segment, and every wording finding (vague, hedge, activity,
compound ...) with its character span and the words under it.

Regenerate (then review the diff, and name what changed in the commit message):

    CXSMART_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshot_language.py
"""

from __future__ import annotations

import ast
import functools

from ruamel.yaml import YAML

from cxsmart.language import Reader
from cxsmart.language.textfacts import TextFacts
from cxsmart.read.packs import load_packs
from tests.snapshot import HELD_OUT_SETS, ROOT, compare, pairs, shown, tuning_part

LANGUAGE_TESTS = ("test_language_values.py", "test_forms.py", "test_everyday_forms.py", "test_language.py",
                  "test_facts.py", "test_quantities.py", "test_timeframes.py", "test_units.py")
SINGLE = ("metric", "baseline", "target", "direction", "deadline", "start", "segment")


def _strings(node, keys=("title", "description", "text")):
    """Every string under one of `keys`, anywhere in a loaded YAML document."""
    return [v for k, v in pairs(node) if k in keys and isinstance(v, str)]


def _load(text: str):
    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception:                   # a deliberately broken file of the corpus
        return None


def corpus() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "benchmarks").glob("*.yaml")):
        if path.name not in HELD_OUT_SETS:
            texts.extend(_strings(tuning_part(_load(path.read_text(encoding="utf-8"))), ("text",)))
    goal_files = sorted([*(ROOT / "tests" / "repos").rglob("*.yaml"), *(ROOT / "examples").rglob("*.yaml")])
    for path in filter(shown, goal_files):
        if path.name not in ("labels.yaml", "expected.yaml"):
            texts.extend(_strings(_load(path.read_text(encoding="utf-8")), ("title", "description")))
    for path in sorted((ROOT / "tests" / "rules").glob("*.yaml")):
        for case in (_load(path.read_text(encoding="utf-8")) or {}).get("cases", {}).values():
            for key in ("fail", "pass"):
                if isinstance(case.get(key), str):
                    texts.extend(_strings(_load(case[key])))
            for text in (case.get("files") or {}).values():
                texts.extend(_strings(_load(text)))
    for line in (ROOT / "tests" / "snapshots" / "language-sentences.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            texts.append(line)
    for name in LANGUAGE_TESTS:
        tree = ast.parse((ROOT / "tests" / name).read_text(encoding="utf-8"))
        texts.extend(node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                     and isinstance(node.value, str) and _sentence(node.value))
    return list(dict.fromkeys(t for t in texts if t.strip()))


def _sentence(text: str) -> bool:
    """A string of a test that reads like a goal: a few words, one line, not YAML or a message."""
    return 2 <= text.count(" ") and "\n" not in text and len(text) < 400 and ": " not in text[:12] \
        and any(c.isalpha() for c in text)


def render(text: str, facts: TextFacts) -> str:
    def one(name, f):
        return f"  {name} [{f.start}:{f.end}] {text[f.start:f.end]!r} cue={f.cue!r}: {f.value!r}"

    out = [repr(text)]
    for name in SINGLE:
        f = getattr(facts, name)
        if f is not None:
            out.append(one(name, f))
    out.append(f"  metric_known: {facts.metric_known}")
    out.extend(one("metrics", f) for f in facts.metrics)
    for key in sorted(facts.extra):
        out.extend(one(key, f) for f in facts.extra[key])
    return "\n".join(out)


@functools.lru_cache(maxsize=1)
def _read() -> tuple[list[str], dict[str, TextFacts]]:
    """The corpus and its facts, read once for this module's tests."""
    texts = corpus()
    return texts, dict(Reader(load_packs([])).read(texts))


def test_the_facts_of_every_corpus_sentence_are_as_reviewed():
    texts, read = _read()
    assert len(texts) > 3000
    compare("language-facts.txt", "\n".join(render(t, read[t]) for t in texts) + "\n")


def test_the_facts_of_every_corpus_sentence_survive_the_cache_and_the_worker_pipe_unchanged():
    import json
    import pickle

    from cxsmart.language.serial import decode, encode, from_wire, to_wire

    for text, facts in _read()[1].items():
        stored = json.loads(json.dumps(encode(facts)))          # the facts cache is JSON on disk
        assert decode(stored) == facts, text
        assert from_wire(pickle.loads(pickle.dumps(to_wire(facts)))) == facts, text   # the pipe pickles


def test_a_cache_entry_with_a_value_it_does_not_know_is_a_miss():
    import json

    from cxsmart.language.serial import decode, encode

    facts = dict(Reader(load_packs([])).read(["Keep waits under 5 min from Q1 2027 to Q4 2027 for new customers"]))
    good = json.loads(json.dumps(encode(next(iter(facts.values())))))
    assert decode(good) is not None
    target, deadline = good["target"], good["deadline"]
    assert "q" in target[0] and "t" in deadline[0]
    broken = {
        "an unknown bound": ("target", [{"q": target[0]["q"][:6] + ["sideways"] + target[0]["q"][7:]}, *target[1:]]),
        "an unknown value kind": ("target", [{"z": 1}, *target[1:]]),
        "a number as a value": ("metric", [5, 0, 1, ""]),
        "a short quantity": ("target", [{"q": target[0]["q"][:5]}, *target[1:]]),
        "a date that is no date": ("deadline", [{"t": [deadline[0]["t"][0], "2027-13-01", *deadline[0]["t"][2:]]},
                                                *deadline[1:]]),
        "a missing field": ("known", None),
    }
    for why, (key, value) in broken.items():
        doc = json.loads(json.dumps(good))
        if value is None:
            del doc[key]
        else:
            doc[key] = value
        assert decode(doc) is None, why
