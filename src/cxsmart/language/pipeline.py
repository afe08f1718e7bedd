"""The spaCy pipeline: a blank English tokenizer with lookup lemmas (spacy-lookups-data) and one
PhraseMatcher built from the rule packs. No model is downloaded; spaCy is imported only here.

The lookup table is keyed by lowercase words, so texts are lowered before they are piped
(character by character, so every offset stays the offset in the original text). Phrases are
matched on lemmas: "delighting customers" matches "delight", "response rates" matches
"response rate".

The lemma is looked up once per distinct word, not once per word read: it is stored as the
word's NORM in the vocabulary (spaCy computes lexeme attributes when it first sees a word),
so reading a sentence is tokenising it, with no Python code per token. The vocabulary
computes only the attributes cxsmart reads (lowercase, lemma as NORM, is_alpha). This reads
the same lemmas as spaCy's lookup lemmatizer, about twice as fast.
"""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass
from functools import lru_cache

from cxsmart.language.hedges import (EFFORT_PATTERN, HEDGE_KEYS, HEDGE_LABEL, HEDGE_PATTERNS, MODAL_AFTER_BRACKET,
                                     MODAL_PATTERN, POSSIBILITY_PATTERN)
from cxsmart.read.packs import PackData

METRIC = "metric"
DIRECTION = "dir:"          # dir:up, dir:down, dir:better, dir:hold
PACK_RULE = "pack:"         # pack:CX101


MAX_CHUNK = 64             # characters of one run without white space that the tokenizer sees
_LONG_CHUNK = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")


def lower(text: str) -> str:
    """Lowercase without changing the length (a few characters lowercase to two), and with
    no run of more than MAX_CHUNK characters without white space (see `bounded`)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return bounded(low)


def bounded(text: str) -> str:
    """The text with a space after every MAX_CHUNK characters of a run without white space.

    spaCy's tokenizer strips prefixes and suffixes from a run one at a time, copying the rest
    each time, so 10,000 '(' (or '[', '"', "'") take seconds: its work grows with the square
    of a run's length. Cutting runs keeps it linear in the text whatever the text holds; the
    length and every offset stay the same (a character is replaced, none is added), and no
    word of a goal is that long."""
    if len(text) <= MAX_CHUNK or _LONG_CHUNK.search(text) is None:
        return text
    return _LONG_CHUNK.sub(_cut, text)


def _cut(m: re.Match) -> str:
    run = m.group()
    step = MAX_CHUNK + 1
    return "".join(run[i:i + MAX_CHUNK] + (" " if i + MAX_CHUNK < len(run) else "") for i in range(0, len(run), step))


@dataclass
class Pipeline:
    nlp: object
    matcher: object
    labels: dict[int, tuple[str, str]]     # match id -> (label, value)
    patterns: object = None                # token patterns (spaCy's Matcher): hedges by their construction

    def docs(self, texts: list[str]):
        return self.nlp.pipe([lower(t) for t in texts], batch_size=1000)

    def matches(self, doc, text: str | None = None) -> list[tuple[str, str, int, int]]:
        """(label, value, start token, end token) for every phrase found. The token patterns run
        only on a text that holds one of their key words (most goals hold none)."""
        found = [(*self.labels[match_id], start, end) for match_id, start, end in self.matcher(doc)]
        if self.patterns is not None and (text is None or HEDGE_KEYS.search(text)):
            for match_id, start, end in self.patterns(doc):
                label, value = self.labels[match_id]
                if value == "modal":            # "matters may take": the modal alone
                    if _anyone_may(doc, start) or _in_condition(doc, start + 1):
                        continue
                    start, end = start + 1, start + 2
                elif value == "effort":         # "we will always work to resolve": 'work to' alone
                    start, end = start + 1, start + 3
                elif value == "possibility":    # "an objective might be to increase": 'might be'
                    end = start + 2
                found.append((label, value, start, end))
        return [h for h in found if h[0] != HEDGE_LABEL or (
            (h[3] >= len(doc) or doc[h[3]].lower_ not in ("not", "n't") or h[1] == "modal") and not _if_longer(doc, h))]
        # "if we cannot respond": a condition, not a hedge; "we may not manage to" is one


def _anyone_may(doc, start: int) -> bool:
    """'the outages a customer may experience', 'any member who may ask': what may happen to anyone
    in the population the goal counts over, not a doubt about the goal."""
    subject = doc[start].lower_
    return subject == "who" or (start > 0 and doc[start - 1].lower_ in ("a", "an", "any", "each", "every"))


def _in_condition(doc, at: int) -> bool:
    """'In cases where we may need to check records, ... we will call within 3 days', '... if we
    think it may take longer': the words before `at` are in the condition a promise is made under
    (no boundary between them and 'where', 'if'), not in the promise."""
    for t in reversed(doc[max(0, at - 8):at]):
        if t.text in ",;:.()":
            return False
        if t.lower_ in _CONDITIONS:
            return True
    return False


_CONDITIONS = frozenset({"if", "where", "when", "whenever", "unless", "should"})


def _if_longer(doc, hit) -> bool:
    """'... if we think it may take longer': when the caveat is the condition of another promise
    (a date for the reply), it hedges nothing."""
    start, end = hit[2], hit[3]
    if not any(t.lower_ == "longer" for t in doc[end - 1:end + 2]):    # the caveat, or its modal alone
        return False
    return _in_condition(doc, start)


def build(packs: PackData) -> Pipeline:
    return _build(packs.key(), _Unhashed(packs))


class _Unhashed:
    """Carries the packs into the cached builder, which is keyed by what the pipeline reads."""

    def __init__(self, packs: PackData):
        self.packs = packs

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other) -> bool:
        return isinstance(other, _Unhashed)


def _lemmas_as_norms(nlp) -> None:
    from spacy.attrs import IS_ALPHA, LOWER, NORM
    from spacy.lookups import load_lookups

    lemma = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup").get
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {LOWER: getters[LOWER], IS_ALPHA: getters[IS_ALPHA],
                                  NORM: lambda word: lemma(word, word)}
    for lexeme in nlp.vocab:                    # words the tokenizer's exceptions added already
        lexeme.norm_ = lemma(lexeme.orth_, lexeme.orth_)


def import_spacy():
    """spaCy, without the command line it imports for one name (`spacy.info`): its downloader
    brings requests, httpx, weasel and jinja2, a third of spaCy's import time, and cxsmart never
    downloads. The name still works (it imports the real one when called). If this spaCy
    imports anything else from its command line, it is imported the ordinary way."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []                           # a package, so that 'spacy.cli.info' is found in it
    info = types.ModuleType("spacy.cli.info")
    info.info = _info
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    except Exception:  # noqa: BLE001 - a spaCy that needs more of its command line
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    finally:
        for name in ("spacy.cli", "spacy.cli.info"):
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
    return spacy


def _info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)


_warm: list = []                                # a blank English pipeline made ahead, for the first build


def prewarm() -> None:
    """Import spaCy and make the blank English pipeline (with its lemmas), which need no rule
    pack, ahead of the first build: the prose worker does it while the command starts."""
    if not _warm:
        _warm.append(_blank(import_spacy()))


def _blank(spacy):
    nlp = spacy.blank("en")
    _lemmas_as_norms(nlp)
    return nlp


@lru_cache(maxsize=4)
def _build(_key: tuple, carried: _Unhashed) -> Pipeline:
    spacy = import_spacy()
    from spacy.matcher import Matcher, PhraseMatcher

    from cxsmart.read.packrules import phrases

    packs = carried.packs
    nlp = _warm.pop() if _warm else _blank(spacy)
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    labels: dict[int, tuple[str, str]] = {}

    def add(label: str, value: str, texts: list[str]) -> None:
        key = f"{label}|{value}"
        labels[nlp.vocab.strings.add(key)] = (label, value)
        matcher.add(key, list(nlp.pipe([lower(t) for t in texts])))

    for metric in packs.metrics:
        add(METRIC, metric.id, sorted({metric.id.replace("_", " "), *metric.aliases}))
    for section, words in packs.terms.items():
        for word in words:
            add(section, word, [word])
    for direction, verbs in packs.directions.items():
        for verb in verbs:
            add(DIRECTION + direction, verb, [verb])
    for spec, _ in packs.rules:
        for phrase, value in phrases(spec).items():
            add(PACK_RULE + spec.code, value, [phrase])
    patterns = Matcher(nlp.vocab)
    if packs.terms.get(HEDGE_LABEL):            # a pack that removes every hedge turns the constructions off too
        for value, rules in (("construction", HEDGE_PATTERNS), ("modal", [MODAL_PATTERN, MODAL_AFTER_BRACKET]),
                             ("effort", [EFFORT_PATTERN]), ("possibility", [POSSIBILITY_PATTERN])):
            key = f"{HEDGE_LABEL}|{value}"
            labels[nlp.vocab.strings.add(key)] = (HEDGE_LABEL, value)
            patterns.add(key, rules)
    return Pipeline(nlp, matcher, labels, patterns)
