"""Language analysis: reads goals written as sentences and fills `goal.facts`.

Imported only when a selected rule needs prose. All prose of a run goes through the spaCy
pipeline in one `nlp.pipe` batch, each distinct text once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from cxsmart.diagnostics import Span
from cxsmart.common.hashing import code_stamp, digest
from cxsmart.language.extract import TextFacts, read
from cxsmart.language.cues import Found
from cxsmart.language.pipeline import build
from cxsmart.language.serial import decode, encode
from cxsmart.model.facts import Fact, Facts
from cxsmart.read.packs import PackData

FIELDS = ("title", "description")
MAX_CHARS = 10_000          # a goal is a sentence or a paragraph; a 1 MB title is read up to here


def analyse(goals: list, packs: PackData, cache=None, prose=None) -> None:
    """Fill goal.facts for every goal from its title and description. Texts read in an earlier
    run come from the cache; spaCy is imported only if some text is new."""
    texts: dict[str, TextFacts | None] = {}
    for goal in goals:
        for name in FIELDS:
            text = getattr(goal.goal, name)
            if text:
                texts.setdefault(text, None)
    if not texts:
        return
    use_cache = cache is not None and cache.enabled
    packs_key = packs_digest(packs) if use_cache else ""
    table = cache.facts(packs_key) if use_cache else {}
    hashes = {text: text_hash(text) for text in texts} if use_cache else {}
    missing = []
    for text in texts:
        known = table.get(hashes[text]) if use_cache else None
        texts[text] = decode(known) if isinstance(known, dict) else known if isinstance(known, TextFacts) else None
        if texts[text] is None:
            missing.append(text)
    unknown = bool(missing)                             # what is read now is stored, by whichever process
    done: set[int] = set()
    if missing and prose is not None:                   # read by the worker while YAML was parsed
        waiting = _Waiting(goals, texts)
        for batch in prose.stream():                    # {text: (TextFacts, cache form or None)}
            for text, (found, encoded) in batch.items():
                if text in waiting.goals_of and texts[text] is None:
                    texts[text] = found
                    if use_cache:
                        table[hashes[text]] = found if cache.in_memory else encoded if encoded is not None else \
                            encode(found)
                    for i in waiting.arrived(text):     # facts as soon as a goal's texts are in
                        goals[i].facts = _facts(goals[i], texts)
                        done.add(i)
        missing = [t for t in missing if texts[t] is None]
    if missing:
        texts.update(Reader(packs).read(missing))
    partial = len(texts) * 2 < len(table)              # one file of a large workspace (--isolated)
    if use_cache and (unknown or (len(table) != len(texts) and not partial)):
        keep = (lambda f: f) if cache.in_memory else encode       # an editor's cache keeps the objects
        current = {hashes[t]: (table.get(hashes[t]) if t not in missing else keep(f)) for t, f in texts.items()}
        # a whole run keeps only its own texts (edited titles leave); a partial one keeps the rest too
        cache.store_facts(packs_key, {**table, **current} if partial else current)
    for i, goal in enumerate(goals):
        if i not in done:
            goal.facts = _facts(goal, texts)


class Reader:
    """Reads texts through the pipeline built from the packs: one spaCy batch per call, each
    text up to MAX_CHARS. In-process, and in the prose worker."""

    def __init__(self, packs: PackData) -> None:
        self.pipeline = build(packs)
        self.definitional = {w.lower() for w in packs.terms["definitional-words"]}

    def read(self, texts: list[str]) -> Iterator[tuple[str, TextFacts]]:
        heads = [text[:MAX_CHARS] for text in texts]
        for text, head, doc in zip(texts, heads, self.pipeline.docs(heads)):
            yield text, read(head, doc, self.pipeline, self.definitional)


class _Waiting:
    """Which goals wait for which texts, so each goal's facts are made while the rest is read."""

    def __init__(self, goals: list, texts: dict) -> None:
        self.goals_of: dict[str, list[int]] = {}
        self.count = [0] * len(goals)
        for i, goal in enumerate(goals):
            for name in FIELDS:
                text = getattr(goal.goal, name)
                if text and texts[text] is None:
                    self.goals_of.setdefault(text, []).append(i)
                    self.count[i] += 1

    def arrived(self, text: str) -> list[int]:
        """The goals that have all their texts now."""
        ready = []
        for i in self.goals_of.pop(text, ()):
            self.count[i] -= 1
            if self.count[i] == 0:
                ready.append(i)
        return ready


_DIGESTS: dict[int, tuple[PackData, str]] = {}


def packs_digest(packs: PackData) -> str:
    """digest(packs.key()), once per pack set (an editor analyses a goal or two per keystroke)."""
    known = _DIGESTS.get(id(packs))
    if known is None or known[0] is not packs:
        if len(_DIGESTS) > 8:
            _DIGESTS.clear()
        known = _DIGESTS[id(packs)] = (packs, digest(packs.key(), code_stamp()))
    return known[1]


def cached_texts(packs: PackData, cache) -> set[str]:
    """Hashes of the texts the facts cache already holds (the worker need not read them)."""
    if cache is None or not cache.enabled:
        return set()
    return set(cache.facts(packs_digest(packs)))


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _facts(goal, texts: dict[str, TextFacts]) -> Facts:
    facts = Facts()
    title = goal.goal.title
    primary = texts.get(title)
    if primary is not None:
        _fill(facts, primary, goal, "title")
    description = goal.goal.description
    if description and description in texts:
        below = Facts()
        _fill(below, texts[description], goal, "description")
        for name in ("metric", "baseline", "target", "direction", "deadline", "segment"):
            if getattr(facts, name) is None:                # what the title does not say, the description may
                setattr(facts, name, getattr(below, name))
        complete = facts.metric is not None and facts.target is not None
        for key, items in below.extra.items():
            if key == "metrics" and facts.extra.get("metrics"):
                continue
            if complete and key in _CONTEXT_ONLY:
                continue                                    # a title that is a whole goal: the description is
                                                            # its context ("industry average for banking and credit")
            facts.extra.setdefault(key, []).extend(items)
    return facts


# What a description says about other things than the goal, once the title names a measure and
# a target: its other outcomes and the work behind it.
_CONTEXT_ONLY = frozenset({"compound", "compound-first", "activity", "activity-shape"})


def _fill(facts: Facts, found: TextFacts, goal, field: str) -> None:
    """Facts from one text; the extra lists (wording findings) are added to what is there."""
    place = _Place(goal, field)

    def fact(f: Found | None, value=None) -> Fact | None:
        if f is None:
            return None
        return Fact(value if value is not None else f.value, place=place, start=f.start, end=f.end)

    facts.metric = fact(found.metric)
    if facts.metric is not None and not found.metric_known:
        facts.extra["metric-phrase"] = [facts.metric]
    facts.baseline = fact(found.baseline)
    facts.target = fact(found.target)
    facts.direction = fact(found.direction, found.direction.value[0] if found.direction else None)
    facts.deadline = fact(found.deadline)
    facts.segment = fact(found.segment)
    if found.start is not None:
        facts.extra["start"] = [fact(found.start)]
    facts.extra["metrics"] = [fact(m) for m in found.metrics]
    for key, items in found.extra.items():
        facts.extra.setdefault(key, []).extend(fact(f) for f in items)


class _Place:
    """Where one goal's title or description sits: turns offsets in the text into spans."""

    __slots__ = ("goal", "field")

    def __init__(self, goal, field: str) -> None:
        self.goal = goal
        self.field = field

    def span(self, start: int, end: int) -> Span:
        return self.goal.words_span(self.field, start, end)

    def words(self, start: int, end: int) -> str:
        return getattr(self.goal.goal, self.field)[start:end]
