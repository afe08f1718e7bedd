"""How a goal sentence is worded beyond its numbers: the leading "we will", the head verb that
says whether the goal does something or changes a measured state, a manner word standing where
the measure should be, and two measured outcomes joined in one goal (hedges found from their
construction are in hedges.py).

This module reads words and tokens only; it knows nothing of the facts a sentence yields
(extract.py asks it questions and puts the answers into the facts).
"""

from __future__ import annotations

import re

from cxsmart.language.finders import NUMBER_WORDS, Found

LEADING = re.compile(r"^\s*(?:(?:we|i|the team|our team)\s+(?:will|shall|must|should|want to|plan to)\s+|"
                     r"(?:will|to|must|should)\s+)", re.I)


def char_span(doc, start: int, end: int) -> tuple[int, int]:
    """The character offsets of tokens start..end."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


_MEANS = re.compile(r"(?<=\s)(?:by|through|via|with|using)\s+(?:[a-z]+ing|better)\b", re.I)


def means_clause(text: str) -> int:
    """Where "by improving ...", "through better ..." starts, or the end of the text."""
    m = _MEANS.search(text)
    return m.start() if m else 1 << 30


def keeps_activity(word: str, hyphenated: bool, has_target: bool, standard: bool, holds_cued_level: bool,
                   definitional_words: set[str], timed: bool = False) -> bool:
    """Whether an activity verb still starts an activity. 'Deliver 97% of parcels on time',
    'Complete repairs within 24 hours in 99% of cases', 'Hold our review average at 9.0 or above'
    state a service level or a level to keep, and so does a time the activity must keep to ('give at
    least 48 hours notice'), and so does a share an activity grows to ('expand web chat to 40% of
    contacts'); 'Open-ticket backlog' is an adjective, not the verb 'open'."""
    if hyphenated:
        return False
    if has_target and (word in definitional_words or word in _GROWS or standard or timed):
        return False                                # "expand web chat to 40% of contacts": a share to reach
    return not (has_target and holds_cued_level)


_GROWS = frozenset({"expand", "extend"})


# --- the head verb -------------------------------------------------------------------------
# Where the goal's own verb stands: first, or after a label ("Service standard ten:"), an opening
# clause ("If we cannot ..., we will"), a subject and a modal ("our website will", "we are
# committed to"), or "to". The verb there either changes a measured state (a direction verb:
# reduce, raise, keep) or does something (contact, explain, offer, publish).
MODALS = frozenset({"will", "shall", "must", "should", "can", "would"})
_TO_AFTER = frozenset({"commit", "want", "aim", "plan", "intend", "promise", "pledge", "seek", "go", "expect",
                       "need", "undertake", "strive", "endeavour", "endeavor", "try", "continue"})
_OPENERS = frozenset({"if", "when", "where", "whenever", "wherever", "whatever", "whichever", "although", "though",
                      "while", "once",
                      "unless", "in", "for", "after", "before", "as", "by", "this", "from", "during", "at", "on",
                      "over", "within", "throughout", "following", "having", "because", "since", "should"})
_ADVERBS = frozenset({"also", "still", "always", "then", "now", "continue", "aim", "seek", "work", "strive", "try",
                      "endeavour", "endeavor", "look", "further", "proactively", "actively", "routinely", "regularly",
                      "not", "never", "only", "usually", "normally", "generally", "all", "both", "each", "every"})
# verbs that name a measured state to reach, not a thing to do
STATE_VERBS = frozenset({"be", "have", "achieve", "reach", "hit", "meet", "exceed", "beat", "see", "become",
                         "remain", "stay", "get", "score", "rate", "average", "take", "wait", "spend", "fall",
                         "rise", "drop", "grow", "continue", "receive", "feel", "find", "say"})
_LABEL_MARKS = frozenset({":", "-", "–", "—"})
_SUBJECT_STOP = frozenset({",", ";", ".", "(", ")", ":", "or", "to", "by", "from"})


class Head:
    """The head verb of a goal: its token, whether a subject and modal (or 'to') led to it,
    and where the clause it governs starts."""

    __slots__ = ("index", "modal", "copula")

    def __init__(self, index: int, modal: bool, copula: bool = False) -> None:
        self.index, self.modal, self.copula = index, modal, copula


def head_verb(doc, verbs: frozenset[int] | set[int] = frozenset()) -> Head | None:
    """The head verb's token, read from the sentence's shape alone (no parser). `verbs` are the
    tokens a rule pack knows as verbs (activities, directions): one at a clause's start is its head."""
    if 0 in verbs:
        return Head(0, False)                        # most goals: "Reduce ...", "Launch ..."
    n = len(doc)
    starts = [0]
    for i in range(1, min(n, 10)):                   # "Reserve: Confirm ...", "Commitment 1 - We are ..."
        if doc[i].text in _LABEL_MARKS and (i + 1 < n and doc[i + 1].is_alpha):
            starts.append(i + 1)
            break
    for s in list(starts):
        if s < n and doc[s].norm_ in _OPENERS:       # "If we cannot ..., we will contact you"
            after = [i + 1 for i in range(s + 1, min(n, s + 30)) if i + 1 < n and (
                doc[i].text == "," or doc[i].lower_ == "then")]  # "If you give us a number then we will ..."
            if after:
                starts.remove(s)                     # the opening clause's verb is not the goal's
                starts += after[:1] + [i for i in after[1:] if not doc[i].lower_.endswith("ing")]
                # (after a later comma, a participle goes on with the goal: ', starting with a call')
    heads = [h for h in (_head_from(doc, s, verbs) for s in starts) if h is not None]
    return next((h for h in heads if h.modal or h.index in verbs), heads[0] if heads else None)


def _head_from(doc, s: int, verbs) -> Head | None:
    n = len(doc)
    while s < n and not doc[s].is_alpha:
        s += 1
    if s >= n:
        return None
    if s in verbs:
        return Head(s, False)                        # "Confirm on file ...", "tell you how long we ..."
    if doc[s].lower_ == "to" and s + 1 < n and doc[s + 1].is_alpha:
        return _after_modal(doc, s + 1, verbs)
    for m in range(s, min(n, s + 9)):
        t = doc[m]
        if m > s and t.lower_ == "to" and _share(doc, s, m):
            if m + 1 < n and (doc[m + 1].norm_ in ("be", "have") or m + 1 in verbs):
                return _after_modal(doc, m + 1, verbs)   # "70% of inpatients to have their use recorded"
            continue                                 # "15 per cent of calls to the helpline ..."
        if t.text in _SUBJECT_STOP or (m > s and m in verbs):
            break
        if m > s and (t.norm_ in MODALS or t.text == "'ll"):
            return _after_modal(doc, m + 1, verbs)
        if m > s and t.norm_ == "be" and (done := _passive(doc, m + 1, verbs)) is not None:
            return Head(done, True)                  # "departures are tracked and reviewed": a thing done
        if m > s and t.norm_ in _TO_AFTER and m + 1 < n and doc[m + 1].lower_ == "to" and \
                doc[s].lower_ in ("we", "i", "our", "the", "they"):
            return _after_modal(doc, m + 2, verbs)   # "we are committed to giving", "we want to review"
    return Head(s, False)


def _manner_adverb(token) -> bool:
    """'significantly', 'quickly' between a modal and its verb ('we will quickly answer'): not the
    verb ('reply', 'apply', 'supply' end the same way and are)."""
    low = token.lower_
    return len(low) > 4 and low.endswith("ly") and token.is_alpha and low not in _LY_VERBS


_LY_VERBS = frozenset({"reply", "apply", "supply", "comply", "multiply", "imply", "rely", "rally", "tally", "ally"})


def _passive(doc, i: int, verbs) -> int | None:
    """The participle of 'is (continuously) tracked', 'are published': a pack verb after 'be'."""
    while i < len(doc) and doc[i].lower_.endswith("ly") and doc[i].is_alpha:
        i += 1
    return i if i in verbs and doc[i].lower_.endswith("ed") else None


def _share(doc, s: int, m: int) -> bool:
    """The subject before 'to' is a share of a population: '70% of inpatients', 'all callers'."""
    words = {t.lower_ for t in doc[max(0, s - 3):m]}
    return bool(words & {"%", "percent", "cent", "all", "every"}) and bool(words & {"of", "all", "every"})


# "will be required to <verb>": the verb after 'to' is what will be done
_BOUND_TO = frozenset({"required", "expected", "asked", "used", "obliged", "encouraged", "able"})


def _after_modal(doc, i: int, verbs=frozenset()) -> Head | None:
    n = len(doc)
    while True:
        while i < n and (doc[i].norm_ in _ADVERBS or _manner_adverb(doc[i]) or (
                doc[i].lower_ == "to" and i > 0 and doc[i - 1].norm_ in _ADVERBS)):
            i += 1
        if i + 2 < n and doc[i].norm_ == "be" and doc[i + 1].lower_ in _BOUND_TO and doc[i + 2].lower_ == "to":
            i += 3                                   # "hospitals will be required to review", "used to prioritise"
            continue
        break
    if i < n and doc[i].norm_ == "be":
        if i + 1 < n and doc[i + 1].lower_.endswith("ing") and doc[i + 1].is_alpha:
            return Head(i + 1, True)                 # "we will be reporting on"
        if (done := _passive(doc, i + 1, verbs)) is not None:
            return Head(done, True)                  # "calls will be recorded", "to be referred"
        return Head(i, True, copula=True)            # "will be courteous and helpful"
    if i < n and doc[i].lower_ in ("have", "has"):
        done = next((j for j in range(i + 2, min(n, i + 7)) if j in verbs and doc[j].lower_.endswith("ed")), None)
        if done is not None:
            return Head(done, True)                  # "to have their alcohol use recorded"
    return Head(i, True) if i < n and doc[i].is_alpha else None


_OBJECTS = frozenset({"you", "them", "customers", "residents", "passengers", "members", "tenants", "people"})
_MORE = frozenset({"more", "fewer", "less", "up", "down"})       # 'keep more of our customers': a change


def head_activity(doc, activities: dict[int, tuple[str, int]], moves: set[int], target_at: int,
                  metric_at: int, holds: set[int] = frozenset()) -> tuple[str, int, int] | None:
    """The head verb when it does something rather than change a measured state: an activity
    from the pack (`activities`: token -> (value, end token)); 'keep you updated' (a level is
    kept of a measure, not of a person); 'keep' as a verb that holds (`holds`) in a goal with
    no number, no metric and no verb of change beside it, so no level to keep ('keep to the
    published timetable', 'keep what you tell us private'; not 'keep reducing leakage', 'keep and
    grow our base', 'keep more of our customers'; 'maintain our accreditation' keeps a standard);
    or, after a subject and a modal ('we will explain'), any verb that is neither a direction
    (`moves`) nor a state ('reach', 'be'), when no number after it says what counts as success
    and no metric named after it is its object, and the subject is not 'No <noun>' (a standard
    of none: 'no sailing should depart early').
    `target_at` and `metric_at` are character offsets (-1: none). (value, start token, end token)."""
    head = head_verb(doc, set(activities) | moves)
    if head is None or head.copula:
        return None
    at = head.index
    if at in activities:
        after = next((t for t in doc[at + 1:at + 3] if t.is_alpha), None)      # past a quote: "run 'on time'"
        if head.modal and _share_does(doc, at) and after is not None and after.lower_ in _HOW and \
                not doc[at].lower_.endswith("ed"):     # not what is done to them: "to have needs recorded on"
            return None                             # "92% of our sailings will run on time": a level
        return activities[at][0], at, activities[at][1]
    verb = doc[at]
    if at in moves:
        if verb.norm_ == "keep" and at + 1 < len(doc) and doc[at + 1].lower_ in _OBJECTS:
            return verb.norm_, at, at + 1           # "keep you informed"
        if verb.lower_ == "keep" and at in holds and target_at < 0 and metric_at < 0 and \
                not moves & {at + 1, at + 2} and (at + 1 >= len(doc) or doc[at + 1].lower_ not in _MORE):
            return verb.norm_, at, at + 1           # nothing measured to keep, nor moved ('keep reducing')
        return None
    if head.modal and verb.norm_ not in STATE_VERBS and target_at < verb.idx and \
            (metric_at < verb.idx or target_at < 0) and not _none_of(doc) and not _share_does(doc, at):
        return verb.norm_, at, at + 1               # a number or metric in "If ..., " is not its object
    return None


# words after a verb that say how it is done, not to what: "run on time", "arrive within"
_HOW = frozenset({"on", "to", "late", "early", "within", "in", "at", "as", "without", "ahead", "punctually", "smoothly"})


def _numberish(word: str) -> bool:
    return word.isdigit() or (len(word) > 2 and word in NUMBER_WORDS)      # not "a", "an", "no"


def _share_does(doc, at: int) -> bool:
    """'At least 92% of our sailings will run on time': what a share of things does itself is a
    level of it (what is done to a share of people, 'to be referred', is read as a passive)."""
    span = doc[max(0, at - 12):at]
    before = {t.lower_ for t in span}
    out_of = any(t.lower_ == "out" and i and _numberish(span[i - 1].lower_) and i + 1 < len(span) and span[i + 1].lower_ == "of"
                 for i, t in enumerate(span))                                 # "19 out of 20 sailings"
    return out_of or (bool(before & {"%", "percent", "cent"}) and "of" in before)


def _none_of(doc) -> bool:
    """'No sailing should depart early', 'No caller will wait': a standard of none, a level (not
    'No later than June, we will ...')."""
    return len(doc) > 2 and doc[0].lower_ == "no" and doc[1].is_alpha and doc[1].lower_ not in _NOT_A_SUBJECT


_NOT_A_SUBJECT = frozenset({"later", "earlier", "sooner", "more", "less", "fewer", "longer", "one"})


def modifier(doc, end: int) -> bool:
    """A noun followed by another noun modifies it ('loyalty programme sign-ups'); one followed
    by a preposition or the end is the head ('customer loyalty among Silver members')."""
    return end < len(doc) and doc[end].is_alpha and doc[end].norm_ not in _AFTER_NOUN


_AFTER_NOUN = frozenset({"among", "amongst", "across", "by", "from", "to", "in", "for", "of", "and", "or", "at", "with",
                         "within", "over", "through", "during", "before", "until", "on", "as", "so", "while"})


# --- manner standing where the measure should be ---------------------------------------------
# Adverbs in -ly are an open class, so they are found by their shape; the closed classes of
# -ly words that are not manner (time, frequency, degree, focus) and nouns that end so are not.
NOT_MANNER = frozenset("""only early daily weekly monthly quarterly yearly annually hourly nightly fortnightly
currently previously recently initially finally ultimately really nearly mostly mainly largely fully partly
likely unlikely family supply apply reply rely july italy elderly assembly ally holy roughly approximately
broadly especially particularly significantly substantially considerably greatly slightly markedly dramatically
materially measurably sharply steadily gradually actually directly digitally internally externally locally
nationally globally publicly jointly separately individually regularly continuously consistently automatically
overall typically normally usually generally ideally hopefully successfully increasingly immediately formally
newly exactly respectively truly simply certainly already highly poorly""".split())


def manner_words(doc, moving: set[int]) -> list[tuple[int, int]]:
    """Token ranges of -ly adverbs of manner: 'quickly', 'fairly', 'even-handedly' (with its
    hyphenated front). An adverb beside a verb that moves a measure (`moving` tokens, and 'up',
    'down') says how much, not how: 'noticeably reduce calls', 'down significantly'."""
    out = []
    for i, t in enumerate(doc):
        low = t.lower_
        if len(low) > 4 and low.endswith("ly") and t.is_alpha and low not in NOT_MANNER:
            start = i - 2 if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].is_alpha else i
            near = {start - 1, i + 1}
            if near & moving or any(0 <= j < len(doc) and doc[j].lower_ in ("up", "down") for j in near):
                continue
            out.append((start, i + 1))
    return out


# --- two measured outcomes in one goal -------------------------------------------------------
_JOIN = re.compile(r"(?i)(?<!\s)\s+(?:and|while|as well as|plus)\s+|;\s*")
_NUMBER = re.compile(r"\d")
_PHRASE_WORD = re.compile(r"(?i)\b(?!(?:from|to|by|at|of|the|a|an|in|on|below|under|above|over|least|most|than|"
                          r"reduce|cut|raise|lift|increase|grow|improve|keep|get|bring|down|up|within|per|every|each)\b)[a-z]{3,}")


def measured_pair(text: str) -> tuple[Found, Found] | None:
    """Two measured phrases, each with its own number: 'Cut missed appointments from 9% to 6% and
    telephone abandonment from 15% to 8%'. The second one, or None. 'Answer 80% of calls within
    20 s and 90% within 60 s' is one measure at two levels: the second part names no phrase."""
    low = text.lower()
    if " and " not in low and ";" not in low and " while " not in low and " plus " not in low \
            and " as well as " not in low:
        return None                                 # most goals: no regex needed
    parts = _JOIN.split(text, maxsplit=1)
    if len(parts) != 2:
        return None
    first, second = parts
    if first.count("(") > first.count(")"):
        return None                                 # "Customer Effort Score (1–7; lower is better)": inside brackets
    if not (_NUMBER.search(_ASIDE.sub(" ", first)) and _NUMBER.search(second)):
        return None                                 # a number in brackets qualifies who is counted ("(15 min or more)")
    if _CLAUSE.match(second):
        return None                                 # "...; it stood at 79% in 2026": the start, not an outcome
    if _NAMES_BEFORE.search(first) and _NAME_HEAD.match(second):
        return None                                 # "on TripAdvisor, Google and Expedia within 24 hours": the
                                                    # places one measure is taken, not a second outcome
    if "%" in first and not _NUMBER.search(_WINDOWS.sub(" ", second)):
        return None                                 # "92% of letters to GPs and patients within 7 days": the
                                                    # second part's only number is the standard's window
    head = second[:_NUMBER.search(second).start()]
    if _LEVEL_ONLY.fullmatch(head):
        return None                                 # "... to under 4 by June 2027 and less than 2 by June 2028":
                                                    # the same measure at a later level, no second outcome
    if _POPULATION.search(first):
        return None                                 # "90% of enquiries and complaints within 12 days": one population
    word = _PHRASE_WORD.search(head)
    if word is None or not _PHRASE_WORD.search(first[:_NUMBER.search(first).start()]):
        return None
    head = strip_cues(head)
    start = text.index(second)
    lead = LEADING.match(first)
    verb = re.match(r"[A-Za-z]+\s+", first[lead.end() if lead else 0:])
    s1 = (lead.end() if lead else 0) + (verb.end() if verb and verb.group(0).strip().lower() in _MOVES else 0)
    e1 = s1 + len(strip_cues(first[s1:_NUMBER.search(first).start()]))
    if e1 <= s1:                                    # "Answer 90% of calls ...": the verb names it
        s1, e1 = (lead.end() if lead else 0), (lead.end() if lead else 0) + len(verb.group(0).strip()) if verb else 0
    return Found(text[s1:e1], s1, e1), Found(text[start:start + len(head)], start, start + len(head))


_ASIDE = re.compile(r"\([^()]*\)")
# the words before a second number that only set another level of the same measure
_LEVEL_ONLY = re.compile(r"(?i)\s{0,3}(?:then\s{1,3}|further\s{1,3}|(?:rising|falling|down|up)\s{1,3})?(?:to|below|under|"
                         r"above|over|at\s+least|at\s+most|(?:no\s+)?(?:less|more|fewer)\s+than|by\s+a\s+further|"
                         r"a\s+further)?\s{0,3}")
# a list of names after a preposition ("on TripAdvisor, Google", "across Leeds and York"): a name is
# capitalised with lower case after (an acronym such as 'NPS' may be a measure)
_NAME = r"[A-Z][a-z][\w.&'-]{0,30}(?:\s[A-Z][a-z][\w.&'-]{0,30}){0,3}"
_NAMES_BEFORE = re.compile(rf"\b(?:on|across|at|via|through|in|from|for|with)\s(?:{_NAME},\s){{0,8}}{_NAME},?$")
_NAME_HEAD = re.compile(rf"{_NAME}\s+(?:within|by|in|before|until|from|to|at|on|for|over|under|below|above|up|down|"
                        rf"during|each|every)\b|{_NAME}\s*(?:[,.(]|$)")
_WINDOWS = re.compile(r"(?i)\b(?:within|in\s+under|inside)\s+[\w.-]+\s+(?:working\s+|business\s+|calendar\s+)?"
                      r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|rings?)\b|\([^()]*\)|"
                      r"\b(?:by|in|before)\s+(?:\w+\s+)?(?:19|20)\d\d\b")
_MOVES = {"raise", "lift", "increase", "grow", "cut", "reduce", "lower", "improve", "boost", "keep", "get", "bring",
          "answer", "resolve", "maintain", "hold", "halve", "double"}


# the goal's share ends the first part: "and" joins the nouns of one population ("55% of motor and home claims")
_POPULATION = re.compile(r"(?i)(?:%|\bper\s?cent)\s+of\s+(?:[a-z][\w'-]*\s*){1,4}$")
# (after a period it was measured in: "; for Q3 2024/25 this was 81%")
_CLAUSE = re.compile(r"(?i)(?:(?:for|in|during)\s{1,3}[^,;]{1,30}?[\s,]{1,3})?(?:it|this|that|which|they|we|up|down|from|versus|vs|currently|today|now|previously|was|"
                     r"running|stood|standing|compared|against)\b")
CUE_WORDS = ("from", "to", "by", "at", "of", "for", "below", "under", "above", "over", "at least", "at most", "than",
             "no more", "no less", "no longer", "not longer", "no later", "not later", "more", "less", "fewer", "within", "in", "down", "up",
             "is", "are", "the", "a", "an",
             "≤", "≥", "<=", ">=", "<", ">", "→", "->")
# The cue words at the end of a phrase ("... from", ": at least"), each after a separator. Read on
# the reversed text from its start, longest words first: the same suffix as the pattern
# (?:[\s:,(]+(?:from|to|...))*[\s:,(\-–—]*$ finds, in linear time (that one, tried at every
# separator of a title like " a a a ... x", was quadratic).
_REVERSED_CUES = re.compile(r"(?i)\A[\s:,(\-–—]*(?:(?:" + "|".join(re.escape(w[::-1]) for w in
                                                               sorted(CUE_WORDS, key=len, reverse=True))
                            + r")[\s:,(]+)*")


def strip_cues(text: str) -> str:
    """`text` without its trailing cue words and separators."""
    return text[:len(text) - _REVERSED_CUES.match(text[::-1]).end()]
