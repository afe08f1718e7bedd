"""How a goal sentence is worded beyond its numbers: the leading "we will", a manner word standing
where the measure should be, and two measured outcomes joined in one goal (the head verb is read
in headverb.py and judged in headactivity.py, hedges found from their construction in hedges.py).

This module reads words and tokens only; it knows nothing of the facts a sentence yields
(extract.py asks it questions and puts the answers into the facts).
"""

from __future__ import annotations

import re

from cxsmart.language.cues import Found

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
    if has_target and (word in definitional_words or word in GROWS or standard or timed):
        return False                                # "expand web chat to 40% of contacts": a share to reach
    return not (has_target and holds_cued_level)


GROWS = frozenset({"expand", "extend"})


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
            if start > 0 and doc[start - 1].lower_ in ("who", "that", "which"):
                continue                        # "members who actively use their cards": who is counted
            out.append((start, i + 1))
    return out


# --- two measured outcomes in one goal -------------------------------------------------------
_JOIN = re.compile(r"(?i)(?<!\s)\s+(?:and|while|as well as|plus)\s+|;\s*")
_NUMBER = re.compile(r"(?<![A-Za-z0-9])\d")         # not a code's digit: "P1 CSAT", "TP01"
# a clause that sets the scene before the goal: "While complaints fell 9 per cent in FY26, resolve ..."
_CONTEXT_FIRST = re.compile(r"(?i)^\W{0,3}(?:while|although|though|whereas|even\s+though|despite)\s[^,;]{3,150},\s")
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
    label = _KEY_RESULT.match(text) or _CONTEXT_FIRST.match(text)
    if label is not None:                           # "KR4: Cut ...": the label's number is no value (blanked,
        text = " " * label.end() + text[label.end():]   # so offsets hold); so is a clause of context before
        #                                             the goal ("While complaints fell 9 per cent in FY26, ...")
    parts = _JOIN.split(text, maxsplit=1)
    if len(parts) != 2:
        return None
    if guarded(text):
        return None                                 # "... while keeping CSAT at or above 4.4": a guardrail
    first, second = parts
    if first.count("(") > first.count(")"):
        return None                                 # "Customer Effort Score (1–7; lower is better)": inside brackets
    if not (_NUMBER.search(_ASIDE.sub(" ", first)) and _NUMBER.search(second)):
        return None                                 # a number in brackets qualifies who is counted ("(15 min or more)")
    if _CLAUSE.match(second):
        return None                                 # "...; it stood at 79% in 2026": the start, not an outcome
        #                                             ("... to 7.1 and hold this in RY27": the same level kept)
    if _NAMES_BEFORE.search(first) and _NAME_HEAD.match(second):
        return None                                 # "on TripAdvisor, Google and Expedia within 24 hours": the
                                                    # places one measure is taken, not a second outcome
    if "%" in first and not _NUMBER.search(_WINDOWS.sub(" ", second)):
        return None                                 # "92% of letters to GPs and patients within 7 days": the
                                                    # second part's only number is the standard's window
    head = second[:_NUMBER.search(second).start()]
    if _RELATIVE_TO.search(head):
        return None                                 # "... and an expected resolution date, which will be within 35
        #                                             business days": the number describes a noun, no outcome
    if _LEVEL_ONLY.fullmatch(head) or _PERIOD_ONLY.fullmatch(head) or _TIER_FIRST.match(second):
        return None                                 # "... to under 4 by June 2027 and less than 2 by June 2028":
                                                    # the same measure at a later level, no second outcome
    if _STATED.search(head):
        return None                                 # "... and the score achieved was 76%": a value found, no aim
    aside = _ASIDE_VERB.match(head.lstrip())
    if aside is not None and aside.group(1).lower() not in _MOVING_ING:
        return None                                 # "..., cementing it as our benchmark and underlining the need
        #                                             to look past 99.5%": a comment on the goal, no second outcome
    if _POPULATION.search(first):
        return None                                 # "90% of enquiries and complaints within 12 days": one population
    word = _PHRASE_WORD.search(head)
    if word is None or not _PHRASE_WORD.search(first[:_NUMBER.search(first).start()]):
        return None
    head = strip_cues(head)
    start = text.index(second)
    blank = len(first) - len(first.lstrip())        # a key result's label, blanked
    lead = LEADING.match(first[blank:])
    led = blank + (lead.end() if lead else 0)
    verb = re.match(r"[A-Za-z]+\s+", first[led:])
    s1 = led + (verb.end() if verb and verb.group(0).strip().lower() in _MOVES else 0)
    e1 = s1 + len(strip_cues(first[s1:_NUMBER.search(first).start()].rstrip(_SIGNS)))   # "net trust from +18"
    if e1 <= s1:                                    # "Answer 90% of calls ...": the verb names it
        s1, e1 = led, led + len(verb.group(0).strip()) if verb else 0
    return Found(text[s1:e1], s1, e1), Found(text[start:start + len(head)], start, start + len(head))


# a value stated as found, before its number: "the score achieved was", "it stood at", "came in at"
_STATED = re.compile(r"(?i)\b(?:was|were|had\s+been|stood\s+at|came\s+in\s+at|ended\s+(?:\w+\s+){0,3}at|"
                     r"finished\s+(?:\w+\s+){0,3}at)\s*$")
# a participle opening the second part; unless it moves a measure, it comments on the first
_ASIDE_VERB = re.compile(r"(?<![A-Za-z])([A-Za-z]+ing)\b")
_MOVING_ING = frozenset("""raising lifting increasing growing cutting reducing lowering improving boosting keeping
getting bringing answering resolving maintaining holding halving doubling achieving reaching hitting attaining
delivering driving pushing taking moving shrinking trimming decreasing sustaining protecting meeting exceeding
dropping falling rising closing clearing handling responding replying converting retaining winning
saving restoring completing processing""".split())
_RELATIVE_TO = re.compile(r"(?i),?\s(?:which|that|who)\s+(?:will|would|should|must|is|are|can)\s+(?:be\s+)?\S*\s*$")
# a key result's or an objective's label: "KR4: ", "O2 - ", "Key result 3: ", "Stage 2: ", "Standard 4."
_KEY_RESULT = re.compile(r"(?i)\A\s*(?:kr|o|okr|objective|key\s+result|goal|stage|step|phase|level|tier|priority|"
                         r"standard|commitment|pledge|promise|target|measure|kpi|p)\s*\d{1,2}(?:\.\d{1,2})?\s*[:.)–—-]\s*")


def guarded(text: str) -> bool:
    """A level the goal must not give up on its way: "while keeping post-contact CSAT at or above
    4.4", "without dropping chat CSAT below 4.4", "with no fall in satisfaction". It guards the
    outcome (a guardrail), and is no second outcome to split off."""
    low = text.lower()
    return ("while" in low or "without" in low or "no " in low or "whilst" in low) and _GUARD.search(text) is not None


_GUARD = re.compile(r"(?i)\b(?:while|whilst)\s+(?:still\s+|also\s+)?(?:keeping|maintaining|holding|protecting|sustaining|"
                    r"staying|remaining|not\s+letting)\b|"
                    # "while the freeze rate cannot be more than 0.35%", "whilst abandonment stays under 5%"
                    r"\b(?:while|whilst)\s+[^.;]{0,80}?\b(?:(?:cannot|can't|must\s+not|mustn't|should\s+not|may\s+not|"
                    r"does\s+not|doesn't|do\s+not|will\s+not|won't|is\s+not\s+to)\s+(?:be\s+)?(?:more|less|higher|lower|"
                    r"greater|fewer)\s+than|(?:cannot|can't|must\s+not|should\s+not|does\s+not|doesn't|do\s+not|will\s+not)\s+"
                    r"(?:exceed|rise\s+above|fall\s+below|drop\s+below|go\s+(?:above|below|over|under))|"
                    r"(?:stays?|remains?|is\s+kept|are\s+kept|is\s+held|are\s+held)\s+(?:at\s+or\s+)?(?:below|under|above|over|"
                    r"within))\b|\bwithout\s+(?:\w+\s+)?(?:dropping|letting|falling|lowering|"
                    r"reducing|raising|increasing|harming|hurting|compromising|going|slipping)\b|"
                    r"\bwith\s+no\s+(?:\w+\s+)?(?:drop|fall|rise|increase|decrease|loss|reduction)\b")
_ASIDE = re.compile(r"\([^()]*\)")
# the words before a second number that only set another level of the same measure
# a tier's code first: "... P1 calls within 15 minutes and P2 calls within 4 hours": one measure per tier
_TIER_FIRST = re.compile(r"(?i)\s{0,3}(?:(?:for|on|and)\s{1,3})?(?:the\s{1,3})?(?:[a-z]{1,4}\d{1,2}\b|"
                         r"(?:priority|tier|level|severity|category|band|grade|class|stage)\s{0,2}\d)")
# "...; Year 2 - a minimum of 38": the same measure's level in a later period
_PERIOD_ONLY = re.compile(r"(?i)\s{0,3}(?:(?:in\s{1,3})?(?:year|phase|stage|wave|month|quarter|period|yr)|q|h|fy)\s{0,2}")
_LEVEL_ONLY = re.compile(r"(?i)\s{0,3}(?:then\s{1,3}|further\s{1,3}|(?:rising|falling|down|up)\s{1,3})?(?:to|below|under|"
                         r"above|over|at\s+least|at\s+most|(?:no\s+)?(?:less|more|fewer)\s+than|by\s+a\s+further|"
                         r"a\s+further|another|(?:our|the|its)\s+(?:new\s+)?target\s+(?:is|of))?\s{0,3}")
# a list of names after a preposition ("on TripAdvisor, Google", "across Leeds and York"): a name is
# capitalised with lower case after (an acronym such as 'NPS' may be a measure)
_NAME = r"[A-Z][a-z][\w.&'-]{0,30}(?:\s[A-Z][a-z][\w.&'-]{0,30}){0,3}"
_NAMES_BEFORE = re.compile(rf"\b(?:on|across|at|via|through|in|from|for|with)\s(?:{_NAME},\s){{0,8}}{_NAME},?$")
_NAME_HEAD = re.compile(rf"{_NAME}\s+(?:within|by|in|before|until|from|to|at|on|for|over|under|below|above|up|down|"
                        rf"during|each|every)\b|{_NAME}\s*(?:[,.(]|$)")
_WINDOWS = re.compile(r"(?i)\b(?:within|in\s+under|inside)\s+[\w.-]+\s+(?:working\s+|business\s+|calendar\s+)?"
                      r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|rings?)\b|\([^()]*\)|"
                      r"\b(?:by|in|before)\s+(?:\w+\s+)?(?:19|20)\d\d\b")
_SIGNS = "+-\u2212\u2013(£$€"              # what stands before a number and belongs to it
_MOVES = {"raise", "lift", "increase", "grow", "cut", "reduce", "lower", "improve", "boost", "keep", "get", "bring",
          "answer", "resolve", "maintain", "hold", "halve", "double"}


# the goal's share ends the first part: "and" joins the nouns of one population ("55% of motor and home claims")
_POPULATION = re.compile(r"(?i)(?:%|\bper\s?cent)\s+of\s+(?:[a-z][\w'-]*\s*){1,4}$")
# (after a period it was measured in: "; for Q3 2024/25 this was 81%")
_CLAUSE = re.compile(r"(?i)(?:(?:hold|keep|maintain|sustain)(?:ing)?\s{1,3}(?:it|this|that|them)\b)|"
                     r"(?:(?:for|in|during)\s{1,3}[^,;]{1,30}?[\s,]{1,3})?(?:it|this|that|which|they|we|up|down|from|versus|vs|currently|today|now|previously|was|were|"
                     r"running|stood|standing|compared|against)\b")
CUE_WORDS = ("from", "to", "by", "at", "of", "for", "below", "under", "above", "over", "at least", "at most", "than",
             "no more", "no less", "no longer", "not longer", "no later", "not later", "more", "less", "fewer", "within",
             "in", "down", "up",
             "is", "are", "the", "a", "an", "around", "about", "approximately", "approx", "roughly", "nearly",
             "almost", "circa", "an average", "on average", "target",
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
