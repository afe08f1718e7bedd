"""A sentence's facts, as a CX reviewer reads them: the metric, where it starts ("from 72%"),
where it must end ("to 80%", "below 2 minutes"), a change ("by 5 points", "halve"), the
direction, the segment, the deadline, and the wording problems (vague terms, hedges, an
activity instead of an outcome, two outcomes in one goal). Offsets are into the text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cxsmart.language.deadlines import DEADLINE_CUES, choose_dates, valued_aside
from cxsmart.language.finders import Found, definitional, find_dates, find_quantities
from cxsmart.language.numbers import (
    BAND,
    FRACTION,
    FRACTIONS,
    NOWISH,
    STARTS_HERE,
    WORKING,
    is_label,
    is_scale,
    is_year,
    named_period,
    standard_time,
    unplaced_in_prose,
    way_of,
    word_before,
    working_cue,
    working_days,
)
from cxsmart.language.pipeline import DIRECTION, METRIC, PACK_RULE, Pipeline
from cxsmart.language.textfacts import TextFacts
from cxsmart.language.wordfacts import activity_or_level, wording
from cxsmart.language.wording import char_span, means_clause, strip_cues
from cxsmart.model.quantities import ABOVE, AT_LEAST, AT_MOST, BELOW, DURATION, PERCENT, Quantity

TARGET_CUES = {"to", "reach", "reaching", "hit", "hitting", "achieve", "achieving", "at least", "at most", "at",
               "below", "under", "above", "over", "less than", "more than", "fewer than", "no more than",
               "no longer than", "not longer than", "no less than", "than", "is", "are", "stay", "stays", "→", "->", "target", "target of", "exceed",
               "exceeding", "beat", "minimum of", "maximum of", "min", "max", "no lower than", "no higher than",
               "≤", "<=", "<", "≥", ">=", ">", "within", "in", "down", "up", "near", "around", "of", "be"}
# words that put the number after them as where the metric starts, not where it must get to
BASELINE_CUES = {"from", "versus", "vs", "vs.", "against", "currently", "currently at", "today", "now", "was",
                 "baseline of", "baseline", "compared with", "compared to", "up from", "down from", "from a baseline of",
                 "stood at", "stands at", "running at", "currently running at", "standing at", "sits at", "instead of",
                 "rather than", "previously", "previously at", "last year", "was at"}
CHANGE_NOUNS = {"increase", "rise", "improvement", "uplift", "gain", "growth", "reduction", "decrease", "drop",
                "cut", "fall", "decline"}
# the cues of a share that a service standard's window applies to ("for 85% of claims", "80% within")
SHARE_CUES = {"", "for", "in", "on", "of", "at least", "to", "≥", ">=", "minimum of", "above", "over", "more than"}
# comparatives that say which cases are counted, not where the measure must get to
QUALIFIERS = {"longer", "older", "later", "earlier"}
# a standard of none: "No caller will wait longer than 10 minutes", "no phone holds last longer than
# 45 seconds" (the time is the most anyone waits, not who is counted)
_WAITS_NO_LONGER = re.compile(r"(?i)^\W*no\s+(?!later\b|earlier\b|more\b|less\b|one\b)[a-z][\w-]*\b[^,;.]{0,60}?\b"
                              r"(?:wait|waits|last|lasts|take|takes|stay|stays|remain|remains|spend|spends|be|is|are)\s+"
                              r"(?:[a-z]+\s+)?longer\s+than\b")
FACTORS = {"halve": 0.5, "double": 2.0, "triple": 3.0}
TO_ZERO = {"eliminate", "eradicate"}
MEANS = {"by", "through", "via", "with", "using"}
_SEGMENT = re.compile(r"(?i)\b(?:for|among|across|amongst)\s+((?!the\s+next\b|the\s+coming\b|next\b|this\b|\d)"
                      r"[a-z][\w'&-]*(?:\s+(?!from\b|by\b|to\b|in\b|within\b|over\b|during\b|before\b|until\b|through\b|"
                      r"and\s+(?:reduce|cut|raise|increase|lift|improve|grow|lower|keep|maintain|hold|halve|double|"
                      r"boost|get|bring|deliver|answer|resolve|respond|launch)\b)[a-z0-9][\w'&-]*){0,5})")


_OF = re.compile(r"(?<!\s)\s+of\s")


def read(text: str, doc, pipeline: Pipeline, definitional_words: set[str]) -> TextFacts:
    facts = TextFacts()
    tokens = doc                    # indexed where needed: a Token object per word costs more than reading
    hits = _hits(doc, pipeline, text)
    dates = find_dates(text)
    choose_dates(facts, dates, text, definitional_words)
    if facts.deadline is None:                  # not "(212 in 2025/26)": when a value was measured
        facts.deadline = named_period(text, lambda at: valued_aside(text, Found(None, at, at + 4)))
    if facts.deadline is None and (unplaced := unplaced_in_prose(text)) is not None:
        facts.extra["vague-deadlines"] = [unplaced]
    verbs = _directions(hits, tokens, text)
    quantities = find_quantities(text, [(d.start, d.end) for d in dates])
    standards = _service_standards(text, dates, definitional_words)
    if standards:
        quantities = [q for q in quantities if not any(s.start <= q.start < s.end for s in standards)]
        quantities = sorted(quantities + standards, key=lambda q: q.start)
        within = [q for q in standards if q.cue == "within"]      # not "instead of ten working days"
        if within:
            facts.extra["service-standard"] = within
    _metrics(facts, hits, tokens, text)
    _numbers(facts, quantities, verbs, tokens, text)
    if facts.direction is None and verbs:
        facts.direction = verbs[0]
    _fallback_metric(facts, text, verbs)
    m = _SEGMENT.search(text)
    if m:
        facts.segment = Found(m.group(1), m.start(1), m.end(1))
    wording(facts, hits, tokens, verbs, text, _masked(text, dates) if dates else text)
    activity_or_level(facts, text, definitional_words)
    return facts


def _service_standards(text: str, dates: list[Found], definitional_words: set[str]) -> list[Found]:
    """The times of a service standard ('within 30 seconds', 'in 10 working days'): targets of a
    response-time measure. A 'within' time beside a dated deadline is one too ('within 12 weeks
    in 2026-27')."""
    dated = any(d.value.relative is None and d.cue in DEADLINE_CUES and d.cue for d in dates)
    out = [standard_time(d) for d in dates if d.value.relative is not None and (
        definitional(d, text, definitional_words) or (dated and text[d.start:d.end].lower().startswith("within")))]
    if "day" in text:
        out += [Found(working_days(m), m.start(2), m.end(2), working_cue(m)) for m in WORKING.finditer(text)]
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
        s, e = char_span(tokens, start, end)
        if (s and text[s - 1] == "-") or text[e:e + 1] == "-":
            continue                            # "bag-drop availability", "drop-off": part of a noun
        after = tokens[end].lower_ if end < len(tokens) else ""
        inside = text[s:s + 1].islower() and before.isalpha() and before not in _BEFORE_A_VERB
        if inside and start > 1 and tokens[start - 2].lower_ in _BEFORE_A_NOUN and \
                (not after.isalpha() or after in _AFTER_A_NOUN):
            continue                            # "through bag drop in 10 minutes": a noun after a noun, with
            #                                     no object ("the team reduces churn" keeps its verb)
        if inside and verbs and verbs[-1].end <= s:
            continue                            # "Keep station lift availability": the goal's verb came first
        verbs.append(Found((label[len(DIRECTION):], tokens[start].norm_), s, e))
    return verbs


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


_MEASURED_ASIDE = re.compile(r"(?i)\b(?:results?|outturn|actuals?|baseline|was|were|today|now|currently|audit|"
                             r"as\s+of)\b|\b(?:in|at)\s+(?:the\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                             r"[a-z]*|q[1-4]|h[12]|(?:19|20)\d\d)\b")


def _apart_from_asides(facts: TextFacts, quantities: list[Found], text: str) -> list[Found]:
    """A number in brackets that says when it was measured ('(37 open at the October 2026 audit)',
    '(72% in October 2026)') is today's value, never the target: it is the baseline when the
    title gives none, and is kept out of the search for a target."""
    if "(" not in text:
        return quantities
    kept, aside = [], []
    for q in quantities:
        opened, closed = text.rfind("(", 0, q.start), text.find(")", q.end)
        if opened >= 0 and closed >= 0 and ")" not in text[opened:q.start] and \
                _MEASURED_ASIDE.search(text, opened, closed):
            aside.append(q)
            continue
        kept.append(q)
    first = next((q for q in aside if not q.value.change), None)
    if first is not None and facts.baseline is None and not any(q.cue in BASELINE_CUES for q in kept):
        facts.baseline = _absolute(first)       # not over "from 76.2 to 79.0 (ranked 14th of 26 in 2026)"
    return kept


def _apart_from_exceptions(quantities: list[Found], text: str) -> list[Found]:
    """A number in the exception after 'unless' or 'except' says when the goal does not apply ('keep
    to the slot, unless we move it with two working days' notice'), never what it must reach."""
    m = _EXCEPTION.search(text)
    return [q for q in quantities if m is None or q.start < m.start()]


_EXCEPTION = re.compile(r"(?i)\b(?:unless|except)\b")


def _numbers(facts: TextFacts, quantities: list[Found], verbs: list[Found], tokens, text: str) -> None:
    """Where the metric starts and where it must get to, and the verb that moves it."""
    low = text.lower()
    now = ("now" in low or "today" in low or "current" in low or "present" in low or "at the " in low or
           "last " in low) and NOWISH.search(text) is not None   # today's value: rare, so looked for once
    quantities = _apart_from_asides(facts, quantities, text)
    if "unless" in low or "except" in low:
        quantities = _apart_from_exceptions(quantities, text)
    _arrow_or_band(facts, quantities, text)
    _named_target(facts, quantities)
    _cued(facts, quantities, verbs, text, now)
    if facts.target is None:
        _implied_target(facts, quantities, verbs, text, low, now)
    time = facts.target
    if time is not None and time.value.unit == DURATION and not time.value.change and time.cue not in ("to", "→") \
            and (facts.baseline is None or facts.baseline.value.unit != DURATION):
        window = time.cue == "within"               # any share; after 'no more than two hours', a share "of"
        share = next((q for q in quantities if q.value.unit == PERCENT and q.cue in SHARE_CUES and
                      (window or _OF.match(text, q.end)) and
                      (facts.baseline is None or q.start != facts.baseline.start)), None)
        if share is not None:                   # "within 48 hours for 85% of approved claims": the window
            facts.target = _absolute(share)     # belongs to the measure, the share is its target
            standards = facts.extra.setdefault("service-standard", [])
            if not any(f.start == time.start for f in standards):
                standards.append(time)
    if facts.target is not None or facts.baseline is not None:
        anchor = (facts.target or facts.baseline).start
        before = [v for v in verbs if v.start < anchor]
        moving = [v for v in before if v.value[0] != "hold"]
        if before and before[-1].value[0] == "hold" and moving:
            before = moving                     # "Reduce callbacks kept late from ...": 'reduce' moves it
        facts.direction = before[-1] if before else (verbs[0] if verbs else None)


def _arrow_or_band(facts: TextFacts, quantities: list[Found], text: str) -> None:
    """'from 72% to 80%', 'CSAT 4.1 → 4.5', '(70-78)': a target named by its arrow or its band."""
    to = next((q for q in quantities if q.cue in ("to", "→", "->") and not q.value.factor), None)
    if to is not None:                          # "waits over 4 hours from 18% to 10%": 'to' names the target
        facts.target = _absolute(to)
        if to.cue != "to":                      # "CSAT 4.1 → 4.5": the number before the arrow is the start
            before = [q for q in quantities if q.end <= to.start and not q.cue]
            if before and facts.baseline is None:
                facts.baseline = _absolute(before[-1])
    band = BAND.search(text) if "(" in text else None
    if band is not None and facts.target is None:      # "(70-78)": from 70 to 78
        bottom, top = float(band.group(1)), float(band.group(2))
        unit = PERCENT if band.group(3) else None
        facts.baseline = Found(Quantity(bottom, unit, text=band.group(1)), band.start(1), band.end(1), "")
        facts.target = Found(Quantity(top, unit, text=band.group(2) + (band.group(3) or "")),
                             band.start(2), band.end(3) if band.group(3) else band.end(2), "")


def _named_target(facts: TextFacts, quantities: list[Found]) -> None:
    """'Resident satisfaction: 61.2% | Target: 75%', 'Abandonment 7% (target 5%)': the number the
    word 'target' names is the target, and a plain number in its unit before it is today's value."""
    if facts.target is not None:
        return
    named = next((q for q in quantities if q.cue in ("target", "target of") and not q.value.factor), None)
    if named is None:
        return
    facts.target = _absolute(named)
    before = [q for q in quantities if q.end <= named.start and not q.cue and not q.value.change and
              q.value.unit == named.value.unit]
    if before and facts.baseline is None:
        facts.baseline = _absolute(before[-1])


def _cued(facts: TextFacts, quantities: list[Found], verbs: list[Found], text: str, now: bool) -> None:
    """Numbers read by the word before them: 'from', 'currently' (the start); 'to', 'at least',
    '≤', 'by' (the target or a change); or after them: '88% today' (the start)."""
    for q in quantities:
        value: Quantity = q.value
        cue = q.cue
        if cue == "than" and word_before(text, q.start, 2) in QUALIFIERS:
            if facts.target is None and word_before(text, q.start, 2) == "longer" and _WAITS_NO_LONGER.search(text):
                facts.target = q._replace(value=replace(value, change=False, bound=AT_MOST))
            continue                                    # "cases open longer than 30 days": who is counted
        if now and STARTS_HERE.match(text, q.end) and facts.baseline is None and facts.target is not q:
            facts.baseline = _absolute(q)               # "which is at 88% today"
            if facts.target is not None and facts.target.start == q.start:
                facts.target = None
            continue
        if cue == "from" and value.unit == PERCENT and _OF.match(text, q.end) and facts.target is None and \
                not any(o.cue in ("to", "→", "->") for o in quantities):
            facts.target = _absolute(q)                 # "collect arrears from 74% of borrowers": a share
            continue
        if cue in BASELINE_CUES and facts.baseline is None and facts.target is not q and \
                (facts.target is None or facts.target.start != q.start):
            facts.baseline = _absolute(q)
        elif cue in TARGET_CUES and facts.target is None and not value.factor:
            facts.target = _absolute(q)
        elif (cue == "by" or (cue == "of" and word_before(text, q.start, 2) in CHANGE_NOUNS)) and facts.target is None:
            facts.target = q._replace(value=_signed(value, _verb_before(verbs, q.start)))
        elif cue == "of" and facts.target is None and facts.metric is not None and facts.metric.end < q.start:
            facts.target = _absolute(q)
        elif cue == "" and facts.target is None and value.unit == PERCENT and \
                q.start <= len(text.split(" ", 1)[0]) + 2:
            facts.target = _absolute(q)                 # "Resolve 90% of complaints ..."


def _implied_target(facts: TextFacts, quantities: list[Found], verbs: list[Found], text: str, low: str,
                    now: bool) -> None:
    """No cue named the target: 'halve', 'eliminate', 'by a quarter', or a number that is not the
    start, a date, the scale or a label ('Maintain a 98% on-time rate', 'CSAT 85%+')."""
    for v in verbs:
        factor = FACTORS.get(v.value[1])
        if factor:
            facts.target = Found(Quantity(factor, factor=True, text=text[v.start:v.end]), v.start, v.end, "")
            return
        if v.value[1] in TO_ZERO:                   # "eliminate bill-shock complaints": down to none
            facts.target = Found(Quantity(0.0, text=text[v.start:v.end]), v.start, v.end, "to")
            return
    if "half" in low or "third" in low or "quarter" in low or "fifth" in low or "tenth" in low:
        fraction = FRACTION.search(text)
        if fraction is not None:                    # "reduced by a quarter", "cut ... by a fifth"
            share = FRACTIONS[fraction.group(1).lower()]
            facts.target = Found(_signed(Quantity(share, PERCENT, text=f"{share:g}%"),
                                         _verb_before(verbs, fraction.start())), fraction.start(1), fraction.end(1), "by")
            return
    for q in quantities:
        if facts.baseline is not None and q.start == facts.baseline.start:
            continue
        if now and STARTS_HERE.match(text, q.end):      # "(77% at the start of the year)", "at 88% today"
            facts.baseline = facts.baseline or _absolute(q)
            continue
        if q.cue == "than" and word_before(text, q.start, 2) in QUALIFIERS:
            continue
        if q.cue != "out of" and not is_scale(text, q) and not is_label(text, q) and not is_year(q):
            facts.target = _absolute(q) if q.cue not in ("down", "up", "by") else \
                q._replace(value=_signed(q.value, _verb_before(verbs, q.start) or way_of(q.cue)))
            return


def _absolute(found: Found) -> Found:
    """After 'from', 'to', 'below' a sign is part of the value ('to +20' NPS), not a change; after
    'under', 'at least', '≤' the value is a threshold, and says which side of it is success."""
    q: Quantity = found.value
    bound = BOUNDS_AFTER.get(found.cue)
    if not q.change and bound is None:
        return found
    return found._replace(value=replace(q, change=False, bound=bound or q.bound))


BOUNDS_AFTER = {**dict.fromkeys(("under", "below", "<", "fewer than", "less than"), BELOW),
                **dict.fromkeys(("at most", "no more than", "≤", "<=", "max", "maximum of", "no higher than",
                                    "no longer than", "not longer than"), AT_MOST),
                **dict.fromkeys(("above", "over", ">", "more than", "exceed", "exceeding"), ABOVE),
                **dict.fromkeys(("at least", "≥", ">=", "minimum of", "min", "no lower than"), AT_LEAST)}


def _signed(q: Quantity, verb: Found | None) -> Quantity:
    if q.factor:
        return q
    direction = verb.value[0] if verb else "up"
    value = abs(q.value) if q.text[:1] not in "+-−–" else q.value
    if direction == "down" and q.text[:1] not in "+-−–":
        value = -value
    return replace(q, value=value, change=True, text=q.text if q.text[:1] in "+-−–" else
                   ("-" if value < 0 else "+") + q.text)


def _verb_before(verbs: list[Found], at: int) -> Found | None:
    before = [v for v in verbs if v.start < at]
    return before[-1] if before else None


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
