"""The head verb of a goal sentence, read from its shape alone (no parser): where the goal's own
verb stands (first, after a label, an opening clause, a subject and a modal, or "to"), and whether
it does something (an activity) or changes a measured state. Reads tokens only; wordfacts.py puts
the answers into the facts."""

from __future__ import annotations

from cxsmart.language.cues import NUMBER_WORDS

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
_SUBJECT_STOP = frozenset({",", ";", ".", "(", ")", ":", "or", "to", "by", "from", "so"})


class Head:
    """The head verb of a goal: its token, whether a subject and modal (or 'to') led to it,
    and where the clause it governs starts."""

    __slots__ = ("index", "modal", "copula")

    def __init__(self, index: int, modal: bool, copula: bool = False) -> None:
        self.index, self.modal, self.copula = index, modal, copula


def head_verb(doc, verbs: frozenset[int] | set[int] = frozenset()) -> Head | None:
    """The head verb's token, read from the sentence's shape alone (no parser). `verbs` are the
    tokens a rule pack knows as verbs (activities, directions): one at a clause's start is its head."""
    heading = 0 in verbs and _heading(doc, verbs)
    if 0 in verbs and _named_by_participle(doc):
        return None                                  # "Upgrades sold: 3+ per shift": a measure's name
    if 0 in verbs and not heading:
        return Head(0, False)                        # most goals: "Reduce ...", "Launch ..."
    n = len(doc)
    starts = [] if heading else [0]
    for i in range(1, min(n, 10)):                   # "Reserve: Confirm ...", "Commitment 1 - We are ..."
        if doc[i].text in _LABEL_MARKS and (i + 1 < n and doc[i + 1].is_alpha):
            starts.append(i + 1)
            break
    for s in list(starts):
        if s < n and doc[s].norm_ in _OPENERS:       # "If we cannot ..., we will contact you"
            after = [i + 1 for i in range(s + 1, min(n, s + 30)) if i + 1 < n and (
                doc[i].text == "," or doc[i].lower_ == "then") and not _relative(doc, i + 1)]
            # ("If you give us a number then we will ..."; not ", after which you can contact us")
            if after:
                starts.remove(s)                     # the opening clause's verb is not the goal's
                starts += after[:1] + [i for i in after[1:] if not doc[i].lower_.endswith("ing")]
                # (after a later comma, a participle goes on with the goal: ', starting with a call')
    heads = [h for h in (_head_from(doc, s, verbs) for s in starts) if h is not None]
    head = next((h for h in heads if h.modal or h.index in verbs), heads[0] if heads else None)
    return _purpose(doc, head) if head is not None and doc[head.index].norm_ in _ALONGSIDE else head


# "Collaborate with the retail partners to provide demos", "work with IT to reduce login failures":
# working with someone is how; the verb of the purpose after 'to' is what the goal does
_ALONGSIDE = frozenset({"collaborate", "partner", "work", "team", "liaise", "cooperate", "co-operate", "engage"})


def _purpose(doc, head: Head) -> Head:
    at, n = head.index, len(doc)
    if at + 1 >= n or doc[at + 1].lower_ not in ("with", "alongside", "up"):
        return head
    for i in range(at + 2, min(n - 1, at + 12)):
        if doc[i].lower_ == "to" and doc[i + 1].is_alpha and doc[i - 1].is_alpha:
            return Head(i + 1, head.modal)
        if doc[i].text in _SUBJECT_STOP:
            break
    return head


def _named_by_participle(doc) -> bool:
    """'Upgrades sold', 'Reviews posted', 'Refunds paid': a plural noun and the participle that
    counts it name a measure (an imperative never ends in -s)."""
    if len(doc) < 2:
        return False
    first, second = doc[0].lower_, doc[1].lower_
    return first.endswith("s") and not first.endswith("ss") and doc[1].is_alpha and (
        second.endswith("ed") or second in _PARTICIPLES)


_PARTICIPLES = frozenset({"sold", "paid", "sent", "made", "held", "won", "run", "done", "given", "taken", "kept",
                          "built", "bought", "met", "written", "shown", "read", "set", "put", "cut"})


def _heading(doc, verbs) -> bool:
    """The goal opens with a heading of two or three words and a colon, and a known verb after it
    ('Contact Centre: Improve ...', 'Product Marketing: Complete ...'): its first word is a name."""
    n = len(doc)
    for i in (2, 3):
        if i + 1 < n and i + 1 in verbs and doc[i].text == ":":
            return all(doc[j].is_alpha for j in range(i))
    return False


def _relative(doc, i: int) -> bool:
    """A relative clause starts at token i (', which ...', ', after which you can ...'): its verb is
    not the goal's."""
    words = [t.lower_ for t in doc[i:i + 2]]
    return bool(words) and (words[0] in _RELATIVES or (len(words) == 2 and words[1] in _RELATIVES and
                                                       words[0] in ("after", "before", "by", "in", "from", "of", "to")))


_RELATIVES = frozenset({"which", "who", "whom", "whose"})
_OPENING_ADVERBS = frozenset({"also", "always", "additionally", "furthermore", "further", "plus"})


def _head_from(doc, s: int, verbs) -> Head | None:
    n = len(doc)
    while s < n and (not doc[s].is_alpha or (doc[s].lower_ in _OPENING_ADVERBS and s + 1 < n and (
            doc[s + 1].is_alpha or doc[s + 1].text == ","))):
        s += 1                                      # "Also provide a 24 hour line", "Furthermore, we will ..."
    if s >= n:
        return None
    if s in verbs:
        return Head(s, False)                        # "Confirm on file ...", "tell you how long we ..."
    if doc[s].lower_ == "be":
        return Head(s, False, copula=True)           # "(Always) be on the lookout for ideas that could help"
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
        if m > s and t.norm_ == "be" and m + 1 in verbs and doc[m + 1].lower_.endswith("ing") and \
                doc[m - 1].lower_ not in _AIMS and not any(w.lower_ in _CLAUSE_WORDS for w in doc[s:m]):
            return Head(m + 1, True)                 # "we are introducing a new measure": a thing being done
        if m > s and t.norm_ in _TO_AFTER and m + 1 < n and doc[m + 1].lower_ == "to" and \
                doc[s].lower_ in ("we", "i", "our", "the", "they"):
            return _after_modal(doc, m + 2, verbs)   # "we are committed to giving", "we want to review"
    return Head(s, False)


# "our priority is providing ...": what an aim is, not a thing being done
_AIMS = frozenset({"priority", "aim", "goal", "focus", "mission", "objective", "commitment", "job", "role",
                   "purpose", "ambition", "vision", "task", "intention", "promise"})
# "how the City is performing", "who is providing": a clause inside the goal, not its subject
_CLAUSE_WORDS = frozenset({"how", "who", "which", "what", "that", "where", "when", "whether", "why"})


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
            if doc[i].norm_ == "seek" and i + 1 < n and doc[i + 1].lower_ in OBJECT_WORDS:
                break                                # "we will seek a second opinion": the verb, with its object
            if doc[i].norm_ == "work" and i + 1 < n and doc[i + 1].lower_ in ("with", "alongside"):
                break                                # "we will work with suppliers to ...": read by _purpose
            i += 1
        if i + 2 < n and doc[i].lower_ == "at" and doc[i + 1].lower_ == "all" and doc[i + 2].lower_ == "times":
            i += 4 if i + 3 < n and doc[i + 3].lower_ == "to" else 3   # "shall strive at all times to be"
            continue
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


# what an activity's '-ing' form names when it is the first half of a noun ("processing times")
_MEASURED = frozenset({"time", "times", "rate", "rates", "speed", "speeds", "backlog", "backlogs", "volume", "volumes",
                       "accuracy", "performance", "delays", "turnaround", "turnarounds"})


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
        if doc[at].lower_.endswith("ing") and at + 1 < len(doc) and doc[at + 1].lower_ in _MEASURED:
            return None                             # "Processing times for refunds was at 9 days": a measure
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


def imperative_head(doc, verbs: set[int], target_at: int, metric_at: int) -> tuple[str, int, int] | None:
    """A goal that opens with a verb no pack knows, and its object, with no number and no metric
    ('Agree a time slot with you', 'Transfer you to the right team'), or with a count of things as
    its object ('Tour 350 children through the archive', 'Recirculate a minimum of 60,000 books'):
    (value, start, end token)."""
    head = head_verb(doc, verbs)
    if head is None or head.modal or head.copula or head.index in verbs:
        return None
    if target_at >= 0 or metric_at >= 0:
        counted = _counted(doc, head.index, target_at)
        return (doc[head.index].norm_, head.index, head.index + 1) if counted and metric_at <= doc[
            head.index].idx else None
    if not _imperative(doc, head.index):
        return None
    return doc[head.index].norm_, head.index, head.index + 1


def _counted(doc, at: int, target_at: int) -> bool:
    """The verb's object is a count of things, right after it ('Tour 350 children', 'Recirculate a
    minimum of 60,000 books'): the work done, however many. Not a share, a rate or a time ('Answer
    90% of calls'), nor a verb that wins or keeps customers ('Attract 500 new members')."""
    verb = doc[at]
    if not verb.is_alpha or len(verb) < 3 or verb.norm_ in STATE_VERBS or verb.norm_ in _SERVICE_VERBS or \
            verb.lower_ in _NOT_A_VERB or verb.norm_ in _WINS or verb.lower_.endswith(("ly", "ing", "ed")) or \
            verb.lower_.endswith("s") and not verb.lower_.endswith(("ss", "us")) or \
            _noun_shaped(verb.lower_):
        return False
    i = at + 1
    for floor in (("a", "minimum", "of"), ("at", "least"), ("over",), ("more", "than"), ("up", "to")):
        if tuple(t.lower_ for t in doc[i:i + len(floor)]) == floor:
            i += len(floor)
            break
    if i + 1 >= len(doc) or doc[i].idx != target_at or not _numberish(doc[i].text.replace(",", "")):
        return False
    thing = doc[i + 1]
    return thing.is_alpha and thing.lower_ not in _NOT_THINGS


# verbs that win, keep or bring in customers: their count is an outcome ('Attract 500 new members')
_WINS = frozenset({"attract", "win", "gain", "acquire", "add", "convert", "retain", "keep", "maintain", "welcome",
                   "enrol", "enroll", "onboard", "sell", "earn", "generate", "secure", "save", "bring", "hold",
                   "sustain", "cut", "reduce", "lower", "raise", "increase", "lift", "boost", "double", "triple",
                   "halve", "deliver", "support", "help", "reach", "engage", "connect", "return"})
# what a number names that is no count of things: a share, a rate, a unit of time or money
_NOT_THINGS = frozenset({"percent", "per", "of", "out", "in", "within", "seconds", "second", "minutes", "minute",
                         "hours", "hour", "days", "day", "weeks", "week", "months", "month", "years", "year",
                         "points", "point", "pts", "times", "x", "to", "and", "or", "more", "fewer", "less",
                         "hrs", "hr", "h", "mins", "min", "secs", "sec", "s", "ms", "wks", "wk", "working", "business",
                         "calendar", "clear", "full", "pct", "pp", "bps", "rings"})


def _imperative(doc, at: int) -> bool:
    """A goal that opens with a verb and its object ('Agree a time slot with you', 'Leverage the
    new platform'), read from its shape: a word before a determiner or a pronoun, that is neither a
    state, nor a service done to a standard ('Answer a phone enquiry immediately'), nor a word of a
    closed class. With no number and no metric, it does something rather than reach a level."""
    verb = doc[at]
    low = verb.lower_
    after = at + 2 if at + 2 < len(doc) and doc[at + 1].lower_ in _PARTICLES else at + 1   # "listen to your ..."
    return after < len(doc) and (doc[after].lower_ in OBJECT_WORDS or doc[after].lower_ in _OBJECTS) and \
        verb.is_alpha and len(low) > 2 and \
        verb.norm_ not in STATE_VERBS and low not in _NOT_A_VERB and verb.norm_ not in _SERVICE_VERBS and \
        not low.endswith("ly") and not _noun_shaped(low)


def _noun_shaped(low: str) -> bool:
    """'commitment to the provision of care', 'Satisfaction with the service': a noun, not a verb."""
    return low.endswith(("tion", "sion", "ness", "ity")) or (low.endswith("ment") and low not in _MENT_VERBS)


_MENT_VERBS = frozenset({"implement", "document", "supplement", "complement", "comment", "augment", "experiment"})


# a preposition between a verb and its object: "listen to your feedback", "work with the council"
_PARTICLES = frozenset({"to", "with", "into", "at", "on", "about", "for"})
# what follows a verb as its object: a determiner or a pronoun
OBJECT_WORDS = frozenset({"a", "an", "the", "you", "your", "our", "their", "its", "them", "us", "all", "every", "each",
                           "any", "this", "these", "those", "him", "her", "his"})
# words a sentence may open with before a determiner that are no verbs
_NOT_A_VERB = frozenset({"all", "every", "each", "any", "no", "not", "our", "your", "their", "its", "the", "for", "from",
                         "with", "without", "within", "into", "onto", "upon", "about", "after", "before", "during",
                         "through", "throughout", "across", "over", "under", "above", "below", "between", "among",
                         "against", "towards", "toward", "via", "per", "like", "unlike", "than", "then", "there", "here",
                         "this", "that", "these", "those", "what", "how", "why", "who", "whom", "whose", "which", "one",
                         "more", "less", "fewer", "zero", "most", "least", "both", "only", "also", "free", "first", "once", "while",
                         "please", "thanks", "thank", "and", "but", "nor", "yet", "just", "even", "off", "out", "down",
                         "near", "next", "past", "since", "till", "until", "upto", "beyond", "behind", "beside",
                         "besides", "despite", "except", "including", "regarding", "concerning", "following", "outside",
                         "inside", "around", "along", "alongside", "beneath", "whilst", "amongst", "unless", "whether",
                         "whenever", "wherever", "whatever", "whichever", "such", "same", "own", "other", "another",
                         "many", "much", "few", "several", "some", "half", "twice", "top", "key", "new", "where",
                         "when", "if", "did", "does", "do", "done", "should", "would", "could", "will", "shall", "may",
                         "might", "must", "can", "is", "are", "was", "were", "has", "have", "had"})
# services done to a standard: their object is what is served ("Answer a phone enquiry immediately")
_SERVICE_VERBS = frozenset({"answer", "respond", "reply", "resolve", "fix", "repair", "restore", "return", "call",
                            "ring", "serve", "attend", "acknowledge", "handle", "settle", "collect", "connect", "pay",
                            "reconnect", "refund", "arrive", "dispatch", "clear", "sort", "deal", "see", "treat"})


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
