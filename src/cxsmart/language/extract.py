"""A sentence's facts, as a CX reviewer reads them: the metric, where it starts ("from 72%"),
where it must end ("to 80%", "below 2 minutes"), a change ("by 5 points", "halve"), the
direction, the segment, the deadline, and the wording problems (vague terms, hedges, an
activity instead of an outcome, two outcomes in one goal). Offsets are into the text.
levels.py decides which of its numbers is the baseline, the target or a change.
"""

from __future__ import annotations

import re

from cxsmart.language.deadlines import DEADLINE_CUES, choose_dates, valued_aside
from cxsmart.language.cues import Found
from cxsmart.language.finders import OF_EVENT, definitional, find_dates, find_quantities
from cxsmart.language.levels import read_levels
from cxsmart.language.numbers import (
    WORKING,
    named_period,
    standard_time,
    time_allowed,
    unplaced_in_prose,
    working_cue,
    working_days,
)
from cxsmart.language.pipeline import DIRECTION, METRIC, PACK_RULE, Pipeline
from cxsmart.language.textfacts import TextFacts
from cxsmart.language.wordfacts import activity_or_level, wording
from cxsmart.language.wording import char_span, means_clause, strip_cues
from cxsmart.model.quantities import DURATION

MEANS = {"by", "through", "via", "with", "using"}
_SEGMENT = re.compile(r"(?i)\b(?:for|among|across|amongst)\s+((?!the\s+next\b|the\s+coming\b|next\b|this\b|\d)"
                      r"[a-z][\w'&-]*(?:\s+(?!from\b|by\b|to\b|in\b|within\b|over\b|during\b|before\b|until\b|through\b|"
                      r"and\s+(?:reduce|cut|raise|increase|lift|improve|grow|lower|keep|maintain|hold|halve|double|"
                      r"boost|get|bring|deliver|answer|resolve|respond|launch)\b)[a-z0-9][\w'&-]*){0,5})")


def read(text: str, doc, pipeline: Pipeline, definitional_words: set[str]) -> TextFacts:
    facts = TextFacts()
    tokens = doc                    # indexed where needed: a Token object per word costs more than reading
    hits = _hits(doc, pipeline, text)
    dates = find_dates(text)
    choose_dates(facts, dates, text, definitional_words)
    if facts.deadline is None:                  # not "(212 in 2025/26)": when a value was measured, nor
        facts.deadline = named_period(text, lambda at: valued_aside(text, Found(None, at, at + 4)) or   # "In 2023,
                                      any(m.start <= at < m.end for m in facts.extra.get("measured", ())))  # 74% were"
    if facts.deadline is None and (unplaced := unplaced_in_prose(text)) is not None:
        facts.extra["vague-deadlines"] = [unplaced]
    verbs = _directions(hits, tokens, text)
    if verbs and "keep" in text.lower():        # "keep you updated": a person kept informed, no level held
        verbs = [v for v in verbs if not (v.value[0] == "hold" and _KEEP_SOMEONE.match(text, v.end))]
    quantities = find_quantities(text, [(d.start, d.end) for d in dates])
    if "(" in text and quantities:
        quantities = _past_stretch(text, quantities)
    standards = _service_standards(text, dates, definitional_words)
    if standards:
        quantities = [q for q in quantities if not any(s.start <= q.start < s.end for s in standards)]
        quantities = sorted(quantities + standards, key=lambda q: q.start)
        within = [q for q in standards if q.cue == "within"]      # not "instead of ten working days"
        if within:
            facts.extra["service-standard"] = within
    _metrics(facts, hits, tokens, text)
    read_levels(facts, quantities, verbs, text)
    if facts.target is not None and facts.target.value.unit == DURATION and _NOTICE.match(text, facts.target.end):
        facts.extra.setdefault("service-standard", []).append(facts.target)   # "notified at least 5 days before"
    level = facts.target or facts.baseline
    if facts.direction is None and verbs and not (level is not None and "|" in text[level.end:verbs[0].start]):
        facts.direction = verbs[0]              # (not a verb in a cell after the values: what the row is for)
    _fallback_metric(facts, text, verbs)
    if facts.direction is not None and facts.direction.value[0] == "hold" and \
            _KEEP_A_PROMISE.match(text, facts.direction.end):
        facts.direction = None                  # "keep 97% of the slots we agree": a promise kept, no level held
    m = _SEGMENT.search(text)
    if m:
        facts.segment = Found(m.group(1), m.start(1), m.end(1))
    wording(facts, hits, tokens, verbs, text, _masked(text, dates) if dates else text)
    activity_or_level(facts, text, definitional_words)
    return facts


def _past_stretch(text: str, quantities: list[Found]) -> list[Found]:
    """Without the levels of a stretch in brackets ('more than 65% (ideally 75% to 80%)', '(stretch:
    90%)'), when a level outside them is the commitment."""
    asides = [m.span() for m in _STRETCH.finditer(text)]
    if not asides:
        return quantities
    kept = [q for q in quantities if not any(s <= q.start < e for s, e in asides)]
    return kept if kept else quantities


_STRETCH = re.compile(r"(?i)\((?:\s?(?:ideally|stretch(?:\s(?:target|goal))?|aspiration(?:al)?|ambition|hopefully)\b)[^()]*\)")


# notice given ahead of something: "at least 5 working days prior to the shut-off", "48 hours' notice"
_NOTICE = re.compile(r"(?i)[’']?\s{0,3}(?:prior|before|in\s+advance|ahead|notice|of\s+notice)\b")
_KEEP_SOMEONE = re.compile(r"(?i)[ \t]{1,3}(?:you|them|us|customers|residents|tenants|passengers|members|patients|people)[ \t]{1,3}"
                           r"(?:updated|informed|posted|advised|aware|notified|briefed|up\s+to\s+(?:date|speed)|"
                           r"in\s+the\s+(?:loop|know|picture)|in\s+touch|on\s+hold)\b")


# "keep the appointment", "keep 97% of all time slots we agree": a promise kept, no level held
_KEEP_A_PROMISE = re.compile(r"(?i)[ \t]{1,3}(?:(?:the|our|your|all|every|each|any)[ \t]{1,3}|\d{1,3}(?:\.\d)?\s?%[ \t]{1,3}of"
                             r"[ \t]{1,3}(?:all[ \t]{1,3}|the[ \t]{1,3})?)?(?:[a-z-]{1,20}[ \t]{1,3}){0,2}(?:appointments?|promises?|"
                             r"commitments?|pledges?|time[ \t]slots?|slots?|bookings?|dates?|word)\b")


def _service_standards(text: str, dates: list[Found], definitional_words: set[str]) -> list[Found]:
    """The times of a service standard ('within 30 seconds', 'in 10 working days'): targets of a
    response-time measure. A 'within' time beside a dated deadline is one too ('within 12 weeks
    in 2026-27')."""
    dated = any(d.value.relative is None and d.cue in DEADLINE_CUES and d.cue for d in dates)
    out = [standard_time(d) for d in dates if d.value.relative is not None and (
        definitional(d, text, definitional_words) or (dated and text[d.start:d.end].lower().startswith("within")))]
    if " to " in text:
        out += [q for q in time_allowed(text) if not any(d.start <= q.start < d.end for d in dates)]
    if "day" in text:
        out += [Found(working_days(m), m.start(2), m.end(2), working_cue(m)) for m in WORKING.finditer(text)
                if not m.group(1).lower().endswith("later than") or OF_EVENT.match(text, m.end())]
        # ("no later than 15 business days from receipt"; not "no later than 30 days after year end")
    return [q for q in out if q is not None]


def _hits(doc, pipeline: Pipeline, text: str | None = None) -> list[tuple[str, str, int, int]]:
    """Matcher hits, longest first where they overlap within one label family (each pack
    rule is a family of its own, so two pack rules can report the same words)."""
    found = sorted(pipeline.matches(doc, text), key=lambda h: (h[2], -(h[3] - h[2])))
    out, ends = [], {}
    for label, value, start, end in found:
        family = label if label.startswith(PACK_RULE) else label.split(":")[0]
        if start < ends.get(family, -1):
            continue
        ends[family] = end
        out.append((label, value, start, end))
    return out


_BEFORE_A_NOUN = frozenset({"the", "a", "an", "through", "at", "in", "on", "for", "of", "with", "via", "per", "any",
                            "no", "this", "that", "our", "their", "its"})
_AFTER_A_NOUN = frozenset({"in", "at", "on", "of", "for", "to", "within", "by", "under", "below", "above", "and", "or",
                           "is", "are", "was", "times", "time", "queue", "queues", "rate", "wait"})
_BEFORE_A_VERB = frozenset({"to", "will", "shall", "must", "should", "can", "could", "would", "may", "might", "and", "or",
                            "then", "also", "further", "not", "we", "they", "you", "i", "significantly", "substantially"})


# A subject before a verb inside the goal's noun phrase makes it a relative clause, not the goal's verb.
_CLAUSE_SUBJECTS = frozenset({"we", "they", "you", "i", "that", "which", "who", "whom"})
# what may follow a participle that names what its noun is ("complaints raised will be answered")
_AFTER_A_PARTICIPLE = frozenset({"will", "shall", "must", "should", "can", "may", "are", "is", "were", "was", "get",
                                 "gets", "need", "needs"})
# what follows "by" when it gives the size of a change ("reduced by half", "by a third", "by up to 10%")
_SIZE_AFTER_BY = frozenset({"a", "an", "half", "up", "around", "about", "approximately", "at", "over", "more", "less",
                            "nearly", "almost", "roughly", "some", "another", "least"})
_NOT_A_NOUN = _BEFORE_A_VERB | _CLAUSE_SUBJECTS | _BEFORE_A_NOUN | {"have", "has", "had", "be", "been", "being", "is",
                                                                   "are", "was", "were", "get", "gets", "got"}


_HOLD_NOUNS = frozenset({"time", "times", "duration", "durations", "queue", "queues", "music", "message", "messages"})


def _directions(hits, tokens, text: str) -> list[Found]:
    verbs = []
    for label, value, start, end in hits:
        if not label.startswith(DIRECTION):
            continue
        before = tokens[start - 1].lower_ if start else ""
        if before in MEANS or (before == "and" and start > 1 and tokens[start - 2].lower_ in MEANS):
            continue                            # "by improving FCR": a means, not the outcome
        if before in _CLAUSE_SUBJECTS and start > 1:
            continue                            # "offers we increase after a challenge": a clause about the subject
        after = tokens[end].lower_ if end < len(tokens) else ""
        if tokens[start].lower_ == "hold" and (before == "on" or after in _HOLD_NOUNS):
            continue                            # "callers left on hold", "Hold time: under 45 s": a state, a noun
        s, e = char_span(tokens, start, end)
        if (s and text[s - 1] == "-") or text[e:e + 1] == "-":
            continue                            # "bag-drop availability", "drop-off": part of a noun
        inside = text[s:s + 1].islower() and before.isalpha() and before not in _BEFORE_A_VERB
        if inside and start > 1 and tokens[start - 2].lower_ in _BEFORE_A_NOUN and \
                (not after.isalpha() or after in _AFTER_A_NOUN):
            continue                            # "through bag drop in 10 minutes": a noun after a noun, with
            #                                     no object ("the team reduces churn" keeps its verb)
        if inside and verbs and verbs[-1].end <= s:
            continue                            # "Keep station lift availability": the goal's verb came first
        if _names_its_noun(tokens, start, end):
            continue                            # "complaints raised by customers will be handled": what the
            #                                     complaints are, not a change to them ("reduced by 20%" is)
        verbs.append(Found((label[len(DIRECTION):], tokens[start].norm_), s, e))
    return verbs


def _names_its_noun(tokens, start: int, end: int) -> bool:
    """A participle after its noun, followed by its agent or by the sentence's own verb: 'issues raised
    by members', 'complaints raised will be acknowledged'. Not a change's size ('raised by 5 points',
    'reduced by half') nor its means ('reduced by introducing callbacks')."""
    word, before = tokens[start].lower_, tokens[start - 1].lower_ if start else ""
    if end - start != 1 or not word.endswith("ed") or not before.isalpha() or before in _NOT_A_NOUN or \
            before.endswith("ly") or end >= len(tokens):
        return False
    after = tokens[end].lower_
    if after in _AFTER_A_PARTICIPLE:
        return True
    if after != "by" or end + 1 >= len(tokens):
        return False
    agent = tokens[end + 1]
    if agent.lower_ == "the":
        return end + 2 < len(tokens) and tokens[end + 2].lower_ not in {"end", "close", "start", "middle", "time"}
    return agent.is_alpha and not agent.like_num and agent.lower_ not in _SIZE_AFTER_BY and \
        not agent.lower_.endswith("ing")


def _metrics(facts: TextFacts, hits, tokens, text: str) -> None:
    """Catalogue metrics named as outcomes. Mentions that touch ("net revenue retention",
    "complaint resolution time") are one phrase naming a metric of its own."""
    cut = means_clause(text)
    groups: list[list[tuple[str, int, int]]] = []
    for label, value, start, end in hits:
        if label != METRIC:
            continue
        if groups and start - groups[-1][-1][2] <= 1 and _joined(tokens, groups[-1][-1][2], start):
            groups[-1].append((value, start, end))
        else:
            groups.append([(value, start, end)])
    for group in groups:
        s, e = char_span(tokens, group[0][1], group[-1][2])
        if s >= cut and facts.metrics:
            continue                            # "... by improving first contact resolution": a means
        if len(group) > 1:
            if facts.metric is None:
                facts.metric = Found(tokens[0].doc.text[s:e], s, e)
            continue
        found = Found(group[0][0], s, e)
        if facts.metric is None:
            facts.metric, facts.metric_known = found, True
        facts.metrics.append(found)


def _joined(tokens, end: int, start: int) -> bool:
    """Nothing but a hyphen between two mentions."""
    return start == end or (start == end + 1 and tokens[end].text == "-")


def _fallback_metric(facts: TextFacts, text: str, verbs: list[Found]) -> None:
    """No catalogue metric but numbers: the measured phrase is the metric ("the share of ...")."""
    if facts.metric is not None:
        return
    found = [f for f in (facts.baseline, facts.target) if f is not None]
    if not found:
        return
    number = min(found, key=lambda f: f.start)          # the phrase ends at the first of them
    if number.value.factor and number.cue == "":            # "Double online sales conversion by ..."
        start = number.end
        stop = _FACTOR_END.search(text[start:])
        end = start + stop.start() if stop else len(text)
    else:
        start = verbs[0].end if verbs and verbs[0].start < number.start else 0
        end = start + len(strip_cues(text[start:number.start]))
        passive = _PASSIVE.search(text, 0, verbs[0].start) if start and end == start else None
        if passive:                                     # "The maximum wait ... is to be cut from 10 weeks"
            start, end = 0, passive.start()
    phrase = text[start:end].strip(" ,;:")
    seg = _SEGMENT_START.search(phrase)
    phrase = phrase[:seg.start()] if seg else phrase
    if not re.search(r"[a-z]{3}", phrase, re.I):       # "Maintain a 98% on-time rate": the words after it
        start = number.end
        stop = _PHRASE_END.search(text, start)
        phrase = text[start:stop.start() if stop else len(text)].strip(" ,;:()")
        phrase = re.sub(r"(?i)^(?:of|or (?:more|less|higher|lower|better|above|below|fewer))\s+", "", phrase)
    if phrase and re.search(r"[a-z]{3}", phrase, re.I):
        s = text.index(phrase, start) if phrase in text[start:] else text.index(phrase)
        facts.metric = Found(phrase, s, s + len(phrase))
    else:                                               # a number is a target: something is measured
        facts.metric = Found(text[number.start:number.end], number.start, number.end)


_PASSIVE = re.compile(r"(?i)(?<!\s)\s+(?:is|are|will|must|should|shall|has|have)(?:\s+(?:to|be|been|being|not|have)){0,2}\s+$")
# A run of spaces is tried from its first space only ((?<!\s)): tried from every space, a title of
# "x2" and 10,000 spaces took seconds (quadratic); tests/test_hardening3.py times every pattern.
_FACTOR_END = re.compile(r"(?i)(?<!\s)\s+(?:by|in|within|before|until|through|during|from|for)\b|[,;.]")
_SEGMENT_START = re.compile(r"(?i)(?<!\s)\s+(?:for|among|across)\s+")
_PHRASE_END = re.compile(r"(?i)(?<!\s)\s+(?:by|in|within|before|until|through|during|from|for|at|to|on|per|every|"
                         r"each|where|as|if|when|while|and|or|up|down)(?![\w-])|[,;.(]")


def _masked(text: str, dates: list[Found]) -> str:
    """The text with its dates blanked out (same length, so offsets hold): a date's digits are no value."""
    for d in dates:
        text = text[:d.start] + " " * (d.end - d.start) + text[d.end:]
    return text
