"""Whether a goal's head verb does something (an activity, an output it counts) or changes a
measured state: read from the tokens around the verb that headverb.py finds. wordfacts.py puts the
answers into the facts."""

from __future__ import annotations

from cxsmart.language.cues import NUMBER_WORDS
from cxsmart.language.headverb import OBJECT_WORDS, STATE_VERBS, head_verb

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
