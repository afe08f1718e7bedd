"""The wording findings of one sentence, put into its facts: an activity instead of an outcome, a
manner where the measure should be, vague terms, hedges, abstractions, and two outcomes in one goal.
wording.py reads the words; this module decides, with the numbers extract.py has read, what they
mean for the goal."""

from __future__ import annotations

import re

from cxsmart.language.cues import Found
from cxsmart.language.finders import FREQUENCY
from cxsmart.language.headactivity import head_activity, imperative_head, modifier
from cxsmart.language.headverb import OBJECT_WORDS
from cxsmart.language.pipeline import DIRECTION, METRIC, PACK_RULE
from cxsmart.language.textfacts import TextFacts
from cxsmart.language.wording import GROWS, char_span, guarded, keeps_activity, manner_words, means_clause, measured_pair
from cxsmart.model.numberwords import WITH_ARTICLES, alternation
from cxsmart.model.quantities import DURATION


# a measure named as part of another's definition: "first-response time, including queue time"
_PART_OF = re.compile(r"(?i)\b(?:including|includes|excluding|excludes|incl\.|excl\.|inclusive\s+of|exclusive\s+of|"
                      r"not\s+counting|net\s+of)\s+(?:the\s+|any\s+)?$")
# a measure's name before the work that serves it: "retention measures", "loyalty campaigns" name means, not outcomes
_MEANS_NOUN = re.compile(r"(?i)[ \t-]{1,3}(?:measures|initiatives?|programmes?|programs?|campaigns?|efforts?|activities|"
                         r"actions|strateg(?:y|ies)|tools?|offers?|schemes?|playbooks?|tactics|levers)\b")


def activity_or_level(facts: TextFacts, text: str, definitional_words: set[str]) -> None:
    found = facts.extra.get("activity")
    if not found:
        return
    verb = found[0]
    word = text[verb.start:verb.end].lower()
    # the target after the verb, or before it in the same clause ("80% of repairs to be completed"),
    # not a number in an opening clause ("If ... 3 weeks, we will ...")
    target = facts.target is not None and (facts.target.start >= verb.start or
                                           not _CLAUSE_BREAK.search(text, facts.target.end, verb.start))
    hold = facts.direction is not None and facts.direction.value[0] == "hold" and bool(target and facts.target.cue) \
        and not FREQUENCY.fullmatch(facts.target.value.text)        # 'hold forums at least twice a year': a count
    window = _WINDOW.search(text, verb.end)
    window = window is not None and not (facts.deadline is not None and window.start() <= facts.deadline.start < window.end())
    timed = target and (facts.target.value.unit == DURATION or window or   # a window, not a deadline "within 6 months"
                        _OF_THE_TIME.match(text, facts.target.end) is not None)  # "notify ... 100% of the time"
    if target and word in GROWS and facts.target.value.unit is None and not (facts.target.value.currency or
                                                                             facts.target.value.change):
        return                              # "expand the locker network from 300 to 900 sites": the size of
                                            # what the team provides, an output whatever it grows to
    if target and _BY_REACHING.search(text, verb.end, facts.target.start + 1) or \
            not keeps_activity(word, text[verb.end:verb.end + 1] == "-", target,
                               bool(facts.extra.get("service-standard")), hold, definitional_words, timed):
        del facts.extra["activity"]
        if "£" in text or "$" in text or "€" in text:
            _compensation(facts, text)      # "we'll add a further £35": the verb pays, its amount is no target


def _stretch_aside(facts: TextFacts, text: str, at: int) -> bool:
    """A hedge inside brackets that hold a level of their own, beside a target outside them: 'should
    achieve more than a 65% booking rate (ideally 75% to 80%)' commits to 65%; the hope is the stretch."""
    opened = text.rfind("(", 0, at)
    if opened < 0 or text.rfind(")", 0, at) > opened:
        return False
    closed = text.find(")", at)
    target = facts.target
    return closed > 0 and any(c.isdigit() for c in text[at:closed]) and target is not None and \
        not opened <= target.start < closed


# a firm limit after "as soon as possible": "and within 10 working days", ", but not later than 2 cycles"
_CAPPED = re.compile(r"(?i)\s{0,3},?\s{1,3}(?:and|but|or)?\s{0,3}(?:(?:in\s+any\s+case|always|at\s+the\s+latest)\s{1,3})?"
                     r"(?:within|no\s+later\s+than|not\s+later\s+than|in\s+no\s+more\s+than|no\s+more\s+than)\s{1,3}"
                     rf"(?:\d|(?:{alternation(WITH_ARTICLES)})\s|"
                     r"the\s+(?:same|next|following)\b)")
_HEDGED_CAP = re.compile(r"(?i)\b(?:where|wherever|if|when|whenever)\s{1,3}(?:at\s+all\s+)?(?:possible|practicable|feasible|we\s+can)\b")
_CLAUSE_BREAK = re.compile(r"[,;:()]")
# the work done by reaching a level: "Provide services ... by achieving more than 80 percent ...": the level is the goal
_BY_REACHING = re.compile(r"(?i)\bby\s{1,3}(?:achieving|reaching|attaining|maintaining|meeting|scoring|hitting)\b")
# things that are 'outstanding' when not yet done: "outstanding missed calls", "outstanding repairs"
_UNRESOLVED = re.compile(r"(?i)\s{1,3}(?:[a-z-]{1,20}\s{1,3})?(?:calls?|cases?|complaints?|balances?|debts?|arrears|"
                         r"invoices?|items?|issues?|requests?|jobs?|work|repairs?|orders?|claims?|actions?|payments?|"
                         r"tickets?|queries|enquiries|applications?|amounts?|faults?|defects?)\b")
# a time the activity keeps to: "offered a callback within 2 hours", "seen within 18 weeks"
_WINDOW = re.compile(r"(?i)\b(?:within|in\s+under|in\s+less\s+than)\s+(?:[\w.-]+\s+){1,3}?"
                     r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|rings?)\b")
_MORE = re.compile(r"(?i)\b(?:more|fewer)\s")
# a share of the times the activity is done: a service level kept, "Notify customers of changes 100% of the time"
_OF_THE_TIME = re.compile(r"(?i)\s{0,3}of\s{1,3}(?:the\s{1,3}time|(?:all\s{1,3})?(?:cases|occasions|instances))\b")


def _head_activity(facts: TextFacts, hits, tokens) -> None:
    """The head verb does something rather than change a measured state (wording.head_activity)."""
    activities = {start: (value, end) for label, value, start, end in hits if label == "activity-verbs"}
    moves = {start for label, _, start, _ in hits if label.startswith(DIRECTION)}
    holds = {start for label, _, start, _ in hits if label == DIRECTION + "hold"}
    target = facts.target.start if facts.target is not None else -1
    metric = facts.metric.start if facts.metric is not None else -1
    found = head_activity(tokens, activities, moves, target, metric, holds)
    if found is None:
        found = _count_done(tokens, activities)
    if found is not None:
        value, start, end = found
        facts.extra["activity"] = [Found(value, *char_span(tokens, start, end))]
    elif (shaped := imperative_head(tokens, set(activities) | moves, target, metric)) is not None:
        value, start, end = shaped                  # a verb read from its shape: S002 when nothing vaguer
        facts.extra["activity-shape"] = [Found(value, *char_span(tokens, start, end))]


def _staff_training(facts: TextFacts, text: str) -> None:
    """Staff trained, or training done, as what the goal asks: "all carers shall receive induction
    training", "collections staff are fully trained in this policy", "complete the annual training plan
    for every agent". However many are trained, it is work the team does (an output), not what
    customers get from it. Not an actor's adjective ("answered by a trained adviser"), nor customers
    taught to use a service ("70% of new customers will be trained as active users"), nor the means to
    an outcome moved before it ("raise FCR from 70% to 75% by ensuring agents are trained")."""
    m = _TRAINED.search(text) or _TRAINING_DONE.search(text) or _TRAIN_STAFF.search(text)
    if m is None or _LEARNERS.search(text, max(0, m.start() - 40), m.start()):
        return
    way = facts.direction
    if way is not None and way.value[0] in ("up", "down") and way.start < m.start() and facts.target is not None:
        return                              # "Raise FCR from 70% to 75% by ensuring agents are trained": the means
    facts.extra["training"] = [Found(m.group("w"), m.start("w"), m.end("w"))]


_TRAINED = re.compile(r"(?i)\b(?:are|is|be|been|get|gets|being)\s{1,3}(?:[a-z]+ly\s{1,3})?(?P<w>trained)\b")
_TRAINING_DONE = re.compile(r"(?i)\b(?P<w>(?:complete|completes|completed|completing|receive|receives|undertake|undertakes|"
                            r"attend|attends)\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,4}?training)\b")
# the team's own people as what is trained, as the goal's verb: "Train all 620 contact centre advisers on ...",
# "we will train our drivers to ..." (a determiner or a count after the verb: "train drivers" is a noun; a
# second verb, "Roll out the new macros and train every agent", is the head activity's)
_TRAIN_STAFF = re.compile(r"(?i)(?:^|:\s{0,3}|\b(?:to|will|shall|must|we|I)\s{1,3})(?P<w>train)\s{1,3}"
                          r"(?:all|every|each|our|my|the|\d[\d,]*|more|new|at\s+least|over)\s{1,3}"
                          r"(?:[\w-]{1,20}\s{1,3}){0,4}?(?:staff|advis[eo]rs?|agents?|colleagues|employees|engineers|"
                          r"carers|managers|team|officers|workers|volunteers|drivers|ambassadors|FTE)\b")
# customers as the ones trained: the noun right before the verb ("new customers will be trained")
_LEARNERS = re.compile(r"(?i)\b(?:customers?|users?|members?|residents?|patients?|clients?|fans?|riders?|guests?|"
                       r"tenants?|passengers?|students?|visitors?|public)\s{1,3}(?:(?:will|shall|should|must|can|may|"
                       r"to)\s{1,3})?$")


def _our_output(facts: TextFacts, hits, tokens) -> None:
    """A count of the team's own work moved as if it were an outcome: "increase the number of
    determinations that we publish", "grow the range of workshops we run", "increase the amount of
    data we make available". The count is an output (the work done), whatever it rises to; "the
    number of customers who rate us 9 or 10" and "the number of calls we answer in 20 seconds" are
    counted by what customers get, and stay outcomes."""
    if facts.direction is None or facts.direction.value[0] != "up":
        return                                      # "Reduce the letters we send": fewer contacts, an effort cut
    m = _COUNT_OF.search(tokens.text)
    if m is None:
        return
    activities = {start for label, _, start, _ in hits if label == "activity-verbs"}
    for i in range(len(tokens) - 1):
        t = tokens[i]
        if t.idx < m.end() or t.lower_ not in ("we", "i") or t.idx > m.end() + 60:
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].lower_ in _MODALS:
            j += 1
        verb = tokens[j] if j < len(tokens) else None
        if verb is not None and verb.lower_ == "make":
            verb = next((t for t in tokens[j + 1:j + 4] if t.lower_ == "available"), None)   # "make (it) available"
        elif verb is not None and not (j in activities or verb.lower_ in _OUTPUT_VERBS):
            verb = None
        if verb is not None:
            end = verb.idx + len(verb.text)
            facts.extra["output-count"] = [Found(tokens.text[m.start():end], m.start(), end)]
        return


# "the number of X (that) we ...": what is counted, named before the team's own verb
_COUNT_OF = re.compile(r"(?i)\b(?:the\s+)?(?:number|amount|range|volume|quantity|count)\s+of\s+(?:[\w'-]+\s+){1,5}?"
                       r"(?=(?:that\s+|which\s+)?(?:we|I)\b)")
_MODALS = frozenset({"will", "can", "could", "shall", "do", "currently", "already", "now", "actively", "regularly"})
_OUTPUT_VERBS = frozenset({"publish", "produce", "issue", "host", "run", "hold", "offer", "provide", "print",
                           "release", "post", "share", "stock", "send", "write"})


def _count_done(tokens, activities: dict[int, tuple[str, int]]) -> tuple[str, int, int] | None:
    """A count of work done, as an annual report's row reads: "5 awareness sessions conducted in
    local communities", "12 customer forums held". The count is of the work, not of what it
    changed; a share ("95% of repairs completed") is a level of the service."""
    i = _lead(tokens)
    if i >= len(tokens) or not tokens[i].like_num or tokens[i].text.startswith(("19", "20")) and len(tokens[i]) == 4:
        return None
    for j in range(i + 1, min(len(tokens), i + 8)):
        t = tokens[j]
        if t.lower_ in ("%", "per", "percent", "of", "out", "in", "within") or not t.is_alpha:
            return None                             # a share, a rate or a window: a level, not a count of work
        if j > i + 1 and j in activities and (t.lower_.endswith("ed") or t.lower_ in _PARTICIPLES):
            return activities[j][0], j, activities[j][1]
    return None


def _lead(tokens) -> int:
    """Where the count starts: past a bullet or an item's number ('6.'), and past 'Ensure (that) at
    least' ('Ensure that at least 12 water quality reports are published every year')."""
    i = 0
    while i < len(tokens) and (not tokens[i].is_alpha and not tokens[i].like_num or
                               tokens[i].like_num and i + 1 < len(tokens) and tokens[i + 1].text in (".", ")")):
        i += 1
    words = [t.lower_ for t in tokens[i:i + 6]]
    for lead in (("ensure", "that"), ("ensure",), ("make", "sure", "that"), ("make", "sure")):
        if tuple(words[:len(lead)]) == lead:
            i += len(lead)
            words = words[len(lead):]
            for floor in (("at", "least"), ("a", "minimum", "of"), ("no", "fewer", "than"), ("not", "less", "than")):
                if tuple(words[:len(floor)]) == floor:
                    return i + len(floor)
            return i
    return i


_PARTICIPLES = frozenset({"run", "held", "built", "sent", "made", "done", "written", "begun", "set", "shown"})


def _nominal_activity(facts: TextFacts, text: str) -> None:
    """A goal written as the name of a piece of work, with no verb: "Rollout of webchat to 45
    branches", "Early morning and weekend opening in 45 branches". A share ("Delivery of 95% of
    parcels on time") is a measured outcome, not this."""
    m = _NOMINAL.match(text)
    if m is None or "%" in text or "per cent" in text.lower():
        return
    named = [*facts.metrics, *([facts.metric] if facts.metric is not None and facts.metric_known else [])]
    if not any(f.start < m.start("noun") for f in named):
        # "Satisfaction with the opening of new branches above 4.2": a measure named first
        facts.extra["activity"] = [Found(m.group("noun").lower(), m.start("noun"), m.end("noun"))]


# the work's name within its first few words (none of them a preposition: "satisfaction with the
# launch of" names a measure first), and what it is done to or where
_NOMINAL = re.compile(r"(?i)\s{0,3}(?:(?!(?:with|for|of|on|in|at|to|after|before|during|from|about|by)\s)"
                      r"[a-z][\w'-]{0,30}\s{1,3}){0,5}?(?P<noun>roll-?outs?|installation|introduction|implementation|"
                      r"launch|deployment|opening|extension|expansion|publication|creation|establishment|"
                      r"refurbishment|redesign|upgrade|migration|recruitment)\s+(?:of|in|at|across|to)\s")


def _compensation(facts: TextFacts, text: str) -> None:
    """A payment to the customer when a promise is missed: "you will receive a further £40 for each
    16 hours", "£20 if you experience persistent overcrowding", "you are entitled to compensation of
    £40". It is the remedy, not the outcome, and its amount is no target; a time to pay it in ("we
    will pay you £40 within 7 days", "a further £25 in another 14 days") is a service standard and
    stays one."""
    target = facts.target
    if facts.baseline is not None or (target is not None and target.value.currency and target.cue not in ("", "of")):
        return                              # "Keep compensation payments under £50k a year": a level of a measure
    m = _PAID.search(text) or _MONEY_FIRST.match(text, len(text) - len(text.lstrip())) or \
        _PAYMENT_FIRST.match(text, len(text) - len(text.lstrip()))
    if m is None or _WINDOW.search(text, m.start()) or _PAID_IN.search(text, m.start()):
        return
    facts.extra["compensation"] = [Found(m.group("what").lower(), m.start("what"), m.end("what"))]
    if target is not None and m.start("what") <= target.start < m.end("what"):
        facts.target = None                 # the payment is no level of any measure (nor its words a metric)
        if not facts.metric_known:
            facts.metric = None


# a time to pay in: "we'll pay you a further £25 in another 14 days"
_PAID_IN = re.compile(r"(?i)\bin\s+(?:another|a\s+further)\s+[\w.-]+\s+(?:working\s+|business\s+)?(?:days?|weeks?)\b")
_MONEY = r"[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn)\b)?"
_PAID = re.compile(r"(?i)\b(?P<what>(?:receive|be\s+paid|be\s+given|(?:be|are|is)\s+entitled\s+to|qualify\s+for|"
                   r"pay\s+you|credit\s+(?:you|your\s+account)|rebate\s+(?:you|customers|your)|add\s+(?:a\s+further|an\s+extra|another)|compensation|"
                   r"goodwill\s+payment)\b[^.;]{0,40}?"
                   + _MONEY + ")")
# a payment named first, with or without its amount: "Standing charge rebate for 10 days", "Refund of
# the delivery charge if your order is late"
_PAYMENT_FIRST = re.compile(r"(?i)(?P<what>(?:(?!(?:reduce|cut|lower|raise|increase|keep|hold|maintain|pay)\b)"
                            r"[\w-]{1,30}\s+){0,2}?(?:rebate|refund|compensation|goodwill\s+payment|voucher)s?)\s+"
                            r"(?:for|of|if|when|where)\b")
_MONEY_FIRST = re.compile(r"(?P<what>" + _MONEY + r"(?:\s+or\s+" + _MONEY + r")?)\s+(?:if|for\s+each|depending|when|"
                          r"per|where)\b", re.I)


def _manner(facts: TextFacts, hits, tokens) -> None:
    """A manner standing where the measure should be (wording.manner_words), where no number is the target."""
    if facts.target is not None:
        return
    moving = {i for label, _, start, end in hits if label.startswith(DIRECTION) for i in range(start, end)}
    found = [Found(tokens[s:e].text, *char_span(tokens, s, e)) for s, e in manner_words(tokens, moving)]
    found += [Found(value, *char_span(tokens, start, end)) for label, value, start, end in hits if label == "vague-manner"
              and not (start == 0 and end < len(tokens) and tokens[end].lower_ in OBJECT_WORDS)]
    # ("Clear all outstanding repairs", "Clear the backlog": the verb, not the manner 'clear')
    if found:
        facts.extra["manner"] = sorted(found, key=lambda f: f.start)


def wording(facts: TextFacts, hits, tokens, verbs: list[Found], text: str, undated: str) -> None:
    """The wording findings: activity, manner, vague terms, hedges, abstractions, two outcomes."""
    extra = facts.extra
    _head_activity(facts, hits, tokens)
    if "activity" not in extra and not verbs:
        _nominal_activity(facts, text)
    if "activity" not in extra and facts.metric_known is False:
        _our_output(facts, hits, tokens)
    if "train" in text.lower():
        _staff_training(facts, text)
    if "activity" not in extra and ("£" in text or "$" in text or "€" in text or
                                  _PAYMENT_FIRST.match(text, len(text) - len(text.lstrip()))):
        _compensation(facts, text)
    _manner(facts, hits, tokens)
    means = means_clause(text)
    for label, value, start, end in hits:
        if label in (METRIC, "activity-verbs", "vague-manner") or label.startswith(DIRECTION):
            continue
        s, e = char_span(tokens, start, end)
        found = Found(value, s, e)
        if label == "abstract-objects":
            if any(0 <= s - v.end <= 16 for v in verbs) and not modifier(tokens, end):  # not "loyalty programme sign-ups"
                extra.setdefault("abstract", []).append(found)
        elif label == "vague-terms" and s >= means and (any(v.start < means for v in verbs) or
                                                         _MORE.search(text, 0, means)):
            continue                            # "... by making the upgrade easier": a means, not the outcome
        elif label == "vague-terms" and value == "outstanding" and _UNRESOLVED.match(text, e):
            continue                            # "all outstanding missed calls": not yet done, not excellent
        elif label == "hedges" and _stretch_aside(facts, text, s):
            continue                            # "more than 65% (ideally 75% to 80%)": a stretch beside the commitment
        elif label == "hedges" and text[s:s + 3].lower() == "as " and _CAPPED.match(text, e) and \
                not _HEDGED_CAP.search(text, e, e + 60):
            continue                            # "as soon as possible and within 10 working days": the limit is firm
        elif label.startswith(PACK_RULE) or label in ("vague-terms", "hedges", "vague-deadlines"):
            extra.setdefault(label, []).append(found)
    pair = measured_pair(undated)
    if pair is not None and len({m.value for m in facts.metrics}) < 2:
        extra["compound"] = [pair[1]]
        extra["compound-first"] = [pair[0]]
        return
    seg = facts.segment
    outcomes = {m.value: m for m in facts.metrics      # "CSAT for claims and complaints customers": who, not what
                if (seg is None or not seg.start <= m.start < seg.end) and not _PART_OF.search(text, 0, m.start)
                and not _MEANS_NOUN.match(text, m.end)}     # "with bundles and retention measures": the means
    if len(outcomes) >= 2 and not guarded(text):
        ordered = sorted(outcomes.values(), key=lambda f: f.start)
        between = text[ordered[0].end:ordered[1].start].lower()
        if re.search(r"\b(and|as well as|while|plus)\b|[;,]", between):
            extra["compound"] = [ordered[1]]
