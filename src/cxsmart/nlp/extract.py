"""A sentence's facts, as a CX reviewer reads them: the metric, where it starts ("from 72%"),
where it must end ("to 80%", "below 2 minutes"), a change ("by 5 points", "halve"), the
direction, the segment, the deadline, and the wording problems (vague terms, hedges, an
activity instead of an outcome, two outcomes in one goal). Offsets are into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from cxsmart.nlp.finders import Found, definitional, find_dates, find_quantities
from cxsmart.nlp.pipeline import DIRECTION, METRIC, PACK_RULE, Pipeline
from cxsmart.timeframes import DateSyntaxError, Relative, Timeframe, parse_date_like
from cxsmart.quantities import DURATION, PERCENT, Quantity, QuantityError, parse_quantity

TARGET_CUES = {"to", "reach", "reaching", "hit", "hitting", "achieve", "achieving", "at least", "at most", "at",
               "below", "under", "above", "over", "less than", "more than", "fewer than", "no more than",
               "no less than", "than", "is", "are", "stay", "stays", "→", "->", "target", "target of", "exceed",
               "exceeding", "beat", "minimum of", "maximum of", "min", "max", "no lower than", "no higher than",
               "≤", "<=", "<", "≥", ">=", ">", "within", "in", "down", "up", "near", "around", "of", "be"}
# words that put the number after them as where the metric starts, not where it must get to
BASELINE_CUES = {"from", "versus", "vs", "vs.", "against", "currently", "currently at", "today", "now", "was",
                 "baseline of", "baseline", "compared with", "compared to", "up from", "down from", "from a baseline of", "stood at", "stands at"}
CHANGE_NOUNS = {"increase", "rise", "improvement", "uplift", "gain", "growth", "reduction", "decrease", "drop",
                "cut", "fall", "decline"}
DEADLINE_CUES = {"by", "before", "until", "till", "in", "during", "through", "throughout", "for", "at",
                 "no later than", "on", "ending", "end", ""}
START_CUES = {"from", "starting", "since"}
FACTORS = {"halve": 0.5, "double": 2.0, "triple": 3.0}
MEANS = {"by", "through", "via", "with", "using"}
_MEANS = re.compile(r"(?<=\s)(?:by|through|via|with|using)\s+(?:[a-z]+ing|better)\b", re.I)
LEADING = re.compile(r"^\s*(?:(?:we|i|the team|our team)\s+(?:will|shall|must|should|want to|plan to)\s+|"
                     r"(?:will|to|must|should)\s+)", re.I)
_SEGMENT = re.compile(r"(?i)\b(?:for|among|across|amongst)\s+((?!the\s+next\b|the\s+coming\b|next\b|this\b|\d)"
                      r"[a-z][\w'&-]*(?:\s+(?!from\b|by\b|to\b|in\b|within\b|over\b|during\b|before\b|until\b|through\b|"
                      r"and\b)[a-z0-9][\w'&-]*){0,5})")


@dataclass
class TextFacts:
    metric: Found | None = None          # value: metric id (catalogue) or the measured phrase
    metric_known: bool = False
    metrics: list[Found] = field(default_factory=list)   # every outcome metric mentioned
    baseline: Found | None = None        # value: Quantity
    target: Found | None = None          # value: Quantity (absolute, signed change or factor)
    direction: Found | None = None       # value: up | down | better | hold
    deadline: Found | None = None        # value: Timeframe
    start: Found | None = None
    segment: Found | None = None
    extra: dict[str, list[Found]] = field(default_factory=dict)


def read(text: str, doc, pipeline: Pipeline, definitional_words: set[str]) -> TextFacts:
    facts = TextFacts()
    tokens = doc                    # indexed where needed: a Token object per word costs more than reading
    hits = _hits(doc, pipeline)
    dates = find_dates(text)
    _dates(facts, dates, text, definitional_words)
    if facts.deadline is None:
        facts.deadline = _named_period(text)
    verbs = _directions(hits, tokens)
    quantities = find_quantities(text, [(d.start, d.end) for d in dates])
    dated = any(d.value.relative is None and d.cue in DEADLINE_CUES and d.cue for d in dates)
    standards = [_standard(d) for d in dates if definitional(d, text, definitional_words) or
                 (dated and text[d.start:d.end].lower().startswith("within"))]   # "within 12 weeks in 2026-27"
    standards += [Found(_working_days(m), m.start(1), m.end(1), "within") for m in _WORKING.finditer(text)]
    standards = [q for q in standards if q is not None]
    quantities = [q for q in quantities if not any(s.start <= q.start < s.end for s in standards)]
    quantities = sorted(quantities + [q for q in standards if q is not None], key=lambda q: q.start)
    if standards:
        facts.extra["service-standard"] = [q for q in standards if q is not None]
    _metrics(facts, hits, tokens, text)
    _numbers(facts, quantities, verbs, tokens, text)
    if facts.direction is None and verbs:
        facts.direction = verbs[0]
    _fallback_metric(facts, text, verbs)
    _wording(facts, hits, tokens, verbs, text)
    _service_not_activity(facts, text, definitional_words)
    m = _SEGMENT.search(text)
    if m:
        facts.segment = Found(m.group(1), m.start(1), m.end(1))
    return facts


def _hits(doc, pipeline: Pipeline) -> list[tuple[str, str, int, int]]:
    """Matcher hits, longest first where they overlap within one label family (each pack
    rule is a family of its own, so two pack rules can report the same words)."""
    found = sorted(pipeline.matches(doc), key=lambda h: (h[2], -(h[3] - h[2])))
    out, ends = [], {}
    for label, value, start, end in found:
        family = label if label.startswith(PACK_RULE) else label.split(":")[0]
        if start < ends.get(family, -1):
            continue
        ends[family] = end
        out.append((label, value, start, end))
    return out


def _span(tokens, start: int, end: int) -> tuple[int, int]:
    return tokens[start].idx, tokens[end - 1].idx + len(tokens[end - 1].text)


def _dates(facts: TextFacts, dates: list[Found], text: str, definitional_words: set[str]) -> None:
    for found in dates:
        if found.cue in START_CUES:
            facts.start = facts.start or found
        elif found.cue in DEADLINE_CUES and not definitional(found, text, definitional_words):
            facts.deadline = found              # the last one wins: deadlines close the sentence


def _directions(hits, tokens) -> list[Found]:
    verbs = []
    for label, value, start, end in hits:
        if not label.startswith(DIRECTION):
            continue
        before = tokens[start - 1].lower_ if start else ""
        if before in MEANS or (before == "and" and start > 1 and tokens[start - 2].lower_ in MEANS):
            continue                            # "by improving FCR": a means, not the outcome
        s, e = _span(tokens, start, end)
        verbs.append(Found((label[len(DIRECTION):], tokens[start].norm_), s, e))
    return verbs


def _metrics(facts: TextFacts, hits, tokens, text: str) -> None:
    """Catalogue metrics named as outcomes. Mentions that touch ("net revenue retention",
    "complaint resolution time") are one phrase naming a metric of its own."""
    cut = _means_clause(text)
    groups: list[list[tuple[str, int, int]]] = []
    for label, value, start, end in hits:
        if label != METRIC:
            continue
        if groups and start - groups[-1][-1][2] <= 1 and _joined(tokens, groups[-1][-1][2], start):
            groups[-1].append((value, start, end))
        else:
            groups.append([(value, start, end)])
    for group in groups:
        s, e = _span(tokens, group[0][1], group[-1][2])
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


def _means_clause(text: str) -> int:
    """Where "by improving ...", "through better ..." starts, or the end of the text."""
    m = _MEANS.search(text)
    return m.start() if m else 1 << 30


def _numbers(facts: TextFacts, quantities: list[Found], verbs: list[Found], tokens, text: str) -> None:
    to = next((q for q in quantities if q.cue in ("to", "→", "->") and not q.value.factor), None)
    if to is not None:                          # "waits over 4 hours from 18% to 10%": 'to' names the target
        facts.target = _absolute(to)
        if to.cue != "to":                      # "CSAT 4.1 → 4.5": the number before the arrow is the start
            before = [q for q in quantities if q.end <= to.start and not q.cue]
            if before and facts.baseline is None:
                facts.baseline = _absolute(before[-1])
    band = _BAND.search(text)
    if band is not None and facts.target is None:      # "(70-78)": from 70 to 78
        low, high = float(band.group(1)), float(band.group(2))
        unit = PERCENT if band.group(3) else None
        facts.baseline = Found(Quantity(low, unit, text=band.group(1)), band.start(1), band.end(1), "")
        facts.target = Found(Quantity(high, unit, text=band.group(2) + (band.group(3) or "")),
                             band.start(2), band.end(3) if band.group(3) else band.end(2), "")
    for q in quantities:
        value: Quantity = q.value
        cue = q.cue
        if _STARTS_HERE.match(text, q.end) and facts.baseline is None and facts.target is not q:
            facts.baseline = _absolute(q)               # "which is at 88% today"
            if facts.target is not None and facts.target.start == q.start:
                facts.target = None
            continue
        if cue in BASELINE_CUES and facts.baseline is None and facts.target is not q and \
                (facts.target is None or facts.target.start != q.start):
            facts.baseline = _absolute(q)
        elif cue in TARGET_CUES and facts.target is None and not value.factor:
            facts.target = _absolute(q)
        elif (cue == "by" or (cue == "of" and _word_before(text, q.start, 2) in CHANGE_NOUNS)) and facts.target is None:
            facts.target = q._replace(value=_signed(value, _verb_before(verbs, q.start)))
        elif cue == "of" and facts.target is None and facts.metric is not None and facts.metric.end < q.start:
            facts.target = _absolute(q)
        elif cue == "" and facts.target is None and value.unit == PERCENT and \
                q.start <= len(text.split(" ", 1)[0]) + 2:
            facts.target = _absolute(q)                 # "Resolve 90% of complaints ..."
    if facts.target is None:
        for v in verbs:
            factor = FACTORS.get(v.value[1])
            if factor:
                facts.target = Found(Quantity(factor, factor=True, text=text[v.start:v.end]), v.start, v.end, "")
                break
    if facts.target is None:
        fraction = _FRACTION.search(text)
        if fraction is not None:                # "reduced by a quarter", "cut ... by a fifth"
            share = FRACTIONS[fraction.group(1).lower()]
            facts.target = Found(_signed(Quantity(share, PERCENT, text=f"{share:g}%"), _verb_before(verbs, fraction.start())),
                                 fraction.start(1), fraction.end(1), "by")
    if facts.target is None:                    # a threshold, a level to keep, a share: a number that is not
        for q in quantities:                    # the start, a date or the scale is what counts as success
            if facts.baseline is not None and q.start == facts.baseline.start:
                continue
            if _STARTS_HERE.match(text, q.end):         # "(77% at the start of the year)", "at 88% today"
                facts.baseline = facts.baseline or _absolute(q)
                continue
            if q.cue != "out of" and not _scale(text, q) and not _label(text, q) and not _year(q):
                facts.target = _absolute(q) if q.cue not in ("down", "up", "by") else \
                    q._replace(value=_signed(q.value, _verb_before(verbs, q.start) or _way(q.cue)))
                break
    if facts.target is not None or facts.baseline is not None:
        anchor = (facts.target or facts.baseline).start
        before = [v for v in verbs if v.start < anchor]
        moving = [v for v in before if v.value[0] != "hold"]
        if before and before[-1].value[0] == "hold" and moving:
            before = moving                     # "Reduce callbacks kept late from ...": 'reduce' moves it
        facts.direction = before[-1] if before else (verbs[0] if verbs else None)


def _absolute(found: Found) -> Found:
    """After 'from', 'to', 'below' a sign is part of the value ('to +20' NPS), not a change."""
    q: Quantity = found.value
    if not q.change:
        return found
    return found._replace(value=Quantity(q.value, q.unit, False, q.factor, q.currency, q.text))


def _signed(q: Quantity, verb: Found | None) -> Quantity:
    if q.factor:
        return q
    direction = verb.value[0] if verb else "up"
    value = abs(q.value) if q.text[:1] not in "+-−" else q.value
    if direction == "down" and q.text[:1] not in "+-−":
        value = -value
    return replace(q, value=value, change=True, text=q.text if q.text[:1] in "+-−" else
                   ("-" if value < 0 else "+") + q.text)


def _verb_before(verbs: list[Found], at: int) -> Found | None:
    before = [v for v in verbs if v.start < at]
    return before[-1] if before else None


def _word_before(text: str, at: int, skip: int = 1) -> str:
    words = re.findall(r"[a-z]+", text[:at].lower())
    return words[-skip] if len(words) >= skip else ""


def _fallback_metric(facts: TextFacts, text: str, verbs: list[Found]) -> None:
    """No catalogue metric but numbers: the measured phrase is the metric ("the share of ...")."""
    if facts.metric is not None:
        return
    number = facts.baseline or facts.target
    if number is None:
        return
    if number.value.factor and number.cue == "":            # "Double online sales conversion by ..."
        start = number.end
        stop = re.search(r"\s+(?:by|in|within|before|until|through|during|from|for)\b|[,;.]", text[start:], re.I)
        end = start + stop.start() if stop else len(text)
    else:
        start = verbs[0].end if verbs and verbs[0].start < number.start else 0
        end = start + len(_TRAILING_CUES.sub("", text[start:number.start]))
    phrase = text[start:end].strip(" ,;:")
    seg = re.search(r"\s+(?:for|among|across)\s+", phrase, re.I)
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


_PHRASE_END = re.compile(r"(?i)\s+(?:by|in|within|before|until|through|during|from|for|at|to|on|per|every|"
                         r"each|where|as|if|when|while|and|or|up|down)(?![\w-])|[,;.(]")


def _wording(facts: TextFacts, hits, tokens, verbs: list[Found], text: str) -> None:
    extra = facts.extra
    lead = LEADING.match(text)
    first = next((t for t in tokens if t.idx >= (lead.end() if lead else 0) and t.is_alpha), None)
    for label, value, start, end in hits:
        if label in (METRIC,) or label.startswith(DIRECTION):
            continue
        s, e = _span(tokens, start, end)
        found = Found(value, s, e)
        if label == "activity-verbs":
            if first is not None and tokens[start].i == first.i:
                extra.setdefault("activity", []).append(found)
        elif label == "abstract-objects":
            if any(0 <= s - v.end <= 16 for v in verbs):
                extra.setdefault("abstract", []).append(found)
        elif label.startswith(PACK_RULE) or label in ("vague-terms", "hedges", "vague-deadlines"):
            extra.setdefault(label, []).append(found)
    pair = _measured_pair(text)
    if pair is not None and len({m.value for m in facts.metrics}) < 2:
        extra["compound"] = [pair[1]]
        extra["compound-first"] = [pair[0]]
        return
    outcomes = {m.value: m for m in facts.metrics}
    if len(outcomes) >= 2:
        ordered = sorted(outcomes.values(), key=lambda f: f.start)
        between = text[ordered[0].end:ordered[1].start].lower()
        if re.search(r"\b(and|as well as|while|plus)\b|[;,]", between):
            extra["compound"] = [ordered[1]]


FRACTIONS = {"half": 50.0, "a half": 50.0, "a third": 33.3, "a quarter": 25.0, "a fifth": 20.0, "a tenth": 10.0,
             "two thirds": 66.7, "three quarters": 75.0}
_FRACTION = re.compile(r"(?i)\b(?:by|down|up)\s+(a\s+(?:half|third|quarter|fifth|tenth)|half|two thirds|three quarters)\b"
                       r"(?!\s+(?:a\s+|of\s+a\s+)?(?:point|percentage|pp|per\s?cent))")
_BAND = re.compile(r"\((\d{1,3}(?:\.\d+)?)\s?[-–]\s?(\d{1,3}(?:\.\d+)?)(%)?\)")
_SCALE_AFTER = re.compile(r"(?i)^[\s-]*(?:point|pt|star)\b")


def _scale(text: str, q: Found) -> bool:
    """'the 7-point scale', 'a 5-star rating': the number names the scale, not a value."""
    return bool(_SCALE_AFTER.match(text[q.end:q.end + 8]))


def _way(cue: str) -> Found | None:
    return Found(("down" if cue == "down" else "up", cue), 0, 0) if cue in ("down", "up") else None


def _standard(found: Found) -> Found | None:
    """'within 30 seconds' in a service standard: the time is the target of a response-time
    measure, not a deadline. The duration as a quantity, where it can be read."""
    rel = found.value.relative
    if rel is None:
        return None
    words = re.sub(r"(?i)^(?:within|in|over|during)\s+(?:the\s+)?(?:next\s+|coming\s+)?", "", found.value.text)
    try:
        q = parse_quantity(words)
    except QuantityError:
        seconds = rel.days * 86400 if rel.days else rel.months * 30 * 86400
        q = Quantity(float(seconds), DURATION, text=words)
    return Found(q, found.end - len(words), found.end, "within")


_WORDS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20}
_WORKING = re.compile(r"(?i)\b(?:within|in)\s+((?:(\d+|one|a|an|two|three|four|five|six|seven|eight|nine|ten|"
                      r"fifteen|twenty)\s+)?(?:working|business|calendar)\s+days?)\b")


def _working_days(m: re.Match) -> Quantity:
    """'within one working day', 'in 10 business days': a service level in days."""
    count = m.group(2) or "1"
    days = float(count) if count.isdigit() else float(_WORDS[count.lower()])
    return Quantity(days * 86400, DURATION, text=m.group(1), working_days=True)


# "by summer 2027", "before the 2027 filing season", "during the 2027 season", "by mid-2027",
# "this academic year": a period cxsmart cannot date exactly is still a deadline (T passes).
_NAMED_PERIOD = re.compile(
    r"(?i)\b(?:by|before|during|in|for|until|throughout|over)\s+(?:the\s+)?(?:(?:start|end|close|middle)\s+of\s+"
    r"(?:the\s+)?)?(?:(?:[a-z][\w'-]*\s+){0,3}((?:19|20)\d{2})(?:\s*/\s*\d{2})?\b|mid-((?:19|20)\d{2})\b)"
    r"|\b(?:this|next)\s+(?:academic|school|financial|fiscal|calendar)\s+year\b|\b(?:this|next)\s+(?:term|semester|season)\b")


def _named_period(text: str) -> Found | None:
    m = _NAMED_PERIOD.search(text)
    if m is None:
        return None
    year = m.group(1) or m.group(2)
    try:
        tf = parse_date_like(year) if year else Timeframe(m.group(0), relative=Relative(period="year"))
    except DateSyntaxError:
        return None
    return Found(tf, m.start(), m.end(), "by")


# "team 5", "region 12", "P1 tickets": a number that names something is not a value
_LABELS = frozenset({"team", "teams", "region", "regions", "queue", "queues", "desk", "segment", "store", "branch",
                     "site", "zone", "area", "ward", "line", "tier", "level", "phase", "wave", "group", "band", "step",
                     "priority", "route", "platform", "gate", "terminal", "room", "floor", "unit", "district", "depot",
                     "number", "no", "version", "release", "sprint", "pod", "squad", "cohort", "market", "channel"})


def _label(text: str, q: Found) -> bool:
    value: Quantity = q.value
    if value.unit is not None or q.cue:
        return False
    return _word_before(text, q.start) in _LABELS


# Words after a number that make it where the metric stands now, not where it must get to.
_STARTS_HERE = re.compile(r"(?i)\s*(?:today|now|currently|at present|at the (?:start|beginning)\b|last (?:year|quarter))")


def _year(q: Found) -> bool:
    """'AY 2027/28', 'the 2027 filing season': a year is not a value."""
    value: Quantity = q.value
    return value.unit is None and not value.change and value.value.is_integer() and 1990 <= value.value <= 2100


def _service_not_activity(facts: TextFacts, text: str, definitional_words: set[str]) -> None:
    """'Deliver 97% of parcels on time', 'Complete repairs within 24 hours in 99% of cases',
    'Hold our review average at 9.0 or above' state a service level or a level to keep, not an
    activity; 'Open-ticket backlog' is an adjective, not the verb 'open'."""
    found = facts.extra.get("activity")
    if not found:
        return
    verb = found[0]
    word = text[verb.start:verb.end].lower()
    if text[verb.end:verb.end + 1] == "-":
        del facts.extra["activity"]
    elif facts.target is not None and (word in definitional_words or facts.extra.get("service-standard")):
        del facts.extra["activity"]
    elif facts.target is not None and facts.direction is not None and facts.direction.value[0] == "hold" \
            and facts.target.cue:
        del facts.extra["activity"]


_JOIN = re.compile(r"(?i)\s+(?:and|while|as well as|plus)\s+|;\s*")
_NUMBER = re.compile(r"\d")
_PHRASE_WORD = re.compile(r"(?i)\b(?!(?:from|to|by|at|of|the|a|an|in|on|below|under|above|over|least|most|than|"
                          r"reduce|cut|raise|lift|increase|grow|improve|keep|get|bring|down|up|within|per)\b)[a-z]{3,}")


def _measured_pair(text: str) -> tuple[Found, Found] | None:
    """Two measured phrases, each with its own number: 'Cut missed appointments from 9% to 6% and
    telephone abandonment from 15% to 8%'. The second one, or None. 'Answer 80% of calls within
    20 s and 90% within 60 s' is one measure at two levels: the second part names no phrase."""
    parts = _JOIN.split(text, maxsplit=1)
    if len(parts) != 2:
        return None
    first, second = parts
    if not (_NUMBER.search(first) and _NUMBER.search(second)):
        return None
    if _CLAUSE.match(second):
        return None                                 # "...; it stood at 79% in 2026": the start, not an outcome
    head = second[:_NUMBER.search(second).start()]
    word = _PHRASE_WORD.search(head)
    if word is None or not _PHRASE_WORD.search(first[:_NUMBER.search(first).start()]):
        return None
    head = _TRAILING_CUES.sub("", head)
    start = text.index(second)
    lead = LEADING.match(first)
    verb = re.match(r"[A-Za-z]+\s+", first[lead.end() if lead else 0:])
    s1 = (lead.end() if lead else 0) + (verb.end() if verb and verb.group(0).strip().lower() in _MOVES else 0)
    e1 = s1 + len(_TRAILING_CUES.sub("", first[s1:_NUMBER.search(first).start()]))
    if e1 <= s1:                                    # "Answer 90% of calls ...": the verb names it
        s1, e1 = (lead.end() if lead else 0), (lead.end() if lead else 0) + len(verb.group(0).strip()) if verb else 0
    return Found(text[s1:e1], s1, e1), Found(text[start:start + len(head)], start, start + len(head))


_MOVES = {"raise", "lift", "increase", "grow", "cut", "reduce", "lower", "improve", "boost", "keep", "get", "bring",
          "answer", "resolve", "maintain", "hold", "halve", "double"}


_CLAUSE = re.compile(r"(?i)(?:it|this|that|which|they|we|up|down|from|versus|vs)\b")
_TRAILING_CUES = re.compile(r"(?i)(?:[\s:,(]+(?:from|to|by|at|of|below|under|above|over|at least|at most|than|"
                            r"no more|no less|more|less|fewer|within|in|down|up|is|are|the|a|an|≤|≥|<=|>=|<|>|→|->))*"
                            r"[\s:,(]*$")
