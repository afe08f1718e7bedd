"""The head verb of a goal sentence, read from its shape alone (no parser): where the goal's own
verb stands (first, after a label, an opening clause, a subject and a modal, or "to"). Whether it
does something (an activity) or changes a measured state is headactivity.py's. Reads tokens only."""

from __future__ import annotations

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
            if doc[0].lower_ == "to" and doc[i].text == ":" and 0 in starts:
                starts.remove(0)                     # "To keep you in the know: we will ...": its purpose
            break
    starts = [_past_lead(doc, s) for s in starts]
    for s in list(starts):
        if s < n and doc[s].norm_ in _OPENERS:       # "If we cannot ..., we will contact you"
            after = [i + 1 for i in range(s + 1, min(n, s + 30)) if i + 1 < n and (
                doc[i].text == "," or doc[i].lower_ == "then") and not _relative(doc, i + 1)]
            # ("If you give us a number then we will ..."; not ", after which you can contact us")
            if not after and doc[s].lower_ in _CONDITIONS and s + 2 < n and doc[s + 1].lower_ != "possible":
                # "If we can't answer it immediately we will give an estimate": no comma; the promise starts
                # at its subject and modal, and the condition's verb is never the goal's
                after = [i for i in range(s + 3, min(n - 1, s + 30)) if doc[i].lower_ in ("we", "i", "you", "they")
                         and doc[i + 1].norm_ in MODALS][:1]
                if not after:
                    starts.remove(s)
                    continue
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


# past participles that do not end in -ed
_PARTICIPLES = frozenset({"sold", "paid", "sent", "made", "held", "won", "run", "done", "given", "taken", "kept",
                          "built", "bought", "met", "written", "shown", "read", "set", "put", "cut", "told", "brought",
                          "begun", "drawn"})


def _heading(doc, verbs) -> bool:
    """The goal opens with a heading of two or three words and a colon, and a known verb after it
    ('Contact Centre: Improve ...', 'Product Marketing: Complete ...'): its first word is a name."""
    n = len(doc)
    for i in (2, 3):
        if i + 1 < n and i + 1 in verbs and doc[i].text == ":":
            return all(doc[j].is_alpha for j in range(i))
    return False


_CONDITIONS = frozenset({"if", "unless", "should", "whenever", "wherever"})


def _past_lead(doc, s: int) -> int:
    """Past a connective that opens the goal ('However, if we ...', 'Also, when ...')."""
    n = len(doc)
    while s + 1 < n and doc[s].lower_ in _LEADS and (doc[s + 1].text == "," or doc[s + 1].lower_ in _OPENERS):
        s += 2 if doc[s + 1].text == "," else 1
    return s


_LEADS = frozenset({"however", "also", "additionally", "furthermore", "moreover", "finally", "similarly", "likewise",
                    "otherwise", "again", "and", "but"})


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
    if doc[s].lower_ in ("we", "i"):
        j = s + 1
        while j < n and (doc[j].norm_ in _ADVERBS or _manner_adverb(doc[j])):
            j += 1
        if j in verbs and doc[j].lower_ == doc[j].norm_ and not doc[j].lower_.endswith(("ed", "ing")):
            return Head(j, True)                     # "We continuously track our queue wait times": what we do
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
    return i if i in verbs and (doc[i].lower_.endswith("ed") or doc[i].lower_ in _IRREGULAR) else None


# a thing done in the passive: "customers will be told", "a date will be given"; not the participles that
# describe how things stand ("is set up", "are run within budget", "is put in place", "is met")
_IRREGULAR = _PARTICIPLES - {"won", "run", "bought", "met", "read", "set", "put", "cut"}


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


# what follows a verb as its object: a determiner or a pronoun
OBJECT_WORDS = frozenset({"a", "an", "the", "you", "your", "our", "their", "its", "them", "us", "all", "every", "each",
                           "any", "this", "these", "those", "him", "her", "his"})
