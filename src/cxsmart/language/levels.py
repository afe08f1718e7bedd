"""Where the metric starts and where it must get to: a sentence's numbers read as its baseline
("from 72%", "currently 6 hours", "61.2% | Target: 75%"), its target ("to 80%", "at least 95%",
"no caller waits longer than 10 minutes") or a change ("by 5 points", "halve"), and the verb
that moves it. extract.py finds the numbers; this module decides what each one is."""

from __future__ import annotations

import re
from dataclasses import replace

from cxsmart.language.apart import (apart_from_asides, apart_from_conditions, apart_from_exceptions, apart_from_reports,
                                    said_before)
from cxsmart.language.cues import BASELINE_CUES, Found, absolute
from cxsmart.language.numbers import (
    BAND,
    FRACTION,
    NOWISH,
    STARTS_HERE,
    in_a_name,
    is_label,
    is_scale,
    is_year,
    way_of,
    word_before,
)
from cxsmart.language.shares import FRACTIONS
from cxsmart.language.textfacts import TextFacts
from cxsmart.model.quantities import AT_MOST, DURATION, PERCENT, Quantity

# words that put the number after them as where the metric must get to
TARGET_CUES = {"to", "reach", "reaching", "hit", "hitting", "achieve", "achieving", "at least", "at most", "at",
               "below", "under", "above", "over", "less than", "more than", "fewer than", "no more than",
               "no longer than", "not longer than", "no later than", "not later than", "no less than", "than", "is", "are", "stay", "stays", "→", "->",
               "target", "target of", "goal of", "expectation of", "plan of", "exceed", "exceeding", "beat",
               "minimum of", "maximum of", "min", "max",
               "no lower than", "no higher than",
               "≤", "<=", "<", "≥", ">=", ">", "within", "in", "down", "up", "near", "around", "of", "be"}
CHANGE_NOUNS = {"increase", "rise", "improvement", "uplift", "gain", "growth", "reduction", "decrease", "drop",
                "cut", "fall", "decline"}
# a change named by its noun after the number: "a 10% improvement in", "a 20 per cent reduction of"
_CHANGE_NOUN_AFTER = re.compile(r"(?i)[\s-]{0,2}(increase|rise|improvement|uplift|gain|growth|reduction|decrease|drop|"
                                r"cut|fall|decline)\s{1,3}(?:in|of|on)\b")
_DOWN_NOUNS = frozenset({"reduction", "decrease", "drop", "cut", "fall", "decline"})
# the cues of a share that a service standard's window applies to ("for 85% of claims", "80% within")
SHARE_CUES = {"", "for", "in", "on", "of", "at least", "to", "≥", ">=", "minimum of", "above", "over", "more than"}
# comparatives that say which cases are counted, not where the measure must get to
QUALIFIERS = {"longer", "older", "later", "earlier"}
# a standard of none: "No caller will wait longer than 10 minutes", "no phone holds last longer than
# 45 seconds" (the time is the most anyone waits, not who is counted)
_WAITS_NO_LONGER = re.compile(r"(?i)(?:^\W*|\b(?:ensure|ensuring|that)\s+)no\s+(?!later\b|earlier\b|more\b|less\b|one\b)[a-z][\w-]*\b[^,;.]{0,60}?\b"
                              r"(?:wait|waits|last|lasts|take|takes|stay|stays|remain|remains|spend|spends|be|is|are)\s+"
                              r"(?:[a-z]+\s+)?longer\s+than\b"
                              # "do not leave callers on hold for longer than 2 minutes", "nobody waits longer than"
                              r"|\b(?:not|never|n't)\s+(?:to\s+)?(?:leave|keep|hold|make|let)\b[^,;.]{0,60}?\blonger\s+than\b"
                              r"|\b(?:nobody|no\s+one|no-one)\b[^,;.]{0,30}?\b(?:wait|waits|stay|stays|spend|spends|is|be)\s+"
                              r"(?:[a-z]+\s+)?longer\s+than\b")
# the words after a window that make it the name of a standard: "(against the) 6 week diagnostic target"
_NAMES_A_STANDARD = re.compile(r"(?i)[\s-]{0,2}[a-z]{0,10}\b(?:\s{1,3}[a-z]{2,15}){0,3}?\s{1,3}(?:target|standard|pledge)s?\b")
# a standard of none: "No customer ... has", "No providers receive": zero of them, the target
_NONE_HAVE = re.compile(r"(?i)\s{0,3}(?:(?:we\s+will\s+|we'll\s+)?(?:ensure|make\s+sure)\s+(?:that\s+)?)?(no)\s{1,3}(?!later\b|earlier\b|sooner\b|more\b|less\b|fewer\b|longer\b|one\b|"
                        r"change\b|need\b|matter\b|cost\b|charge\b)[a-z][\w-]{1,30}\b(?:\s{1,3}[\w-]{1,30}){0,5}?\s{1,3}"
                        r"(?:has|have|is|are|will|should|shall|must|receives?|waits?|experiences?|gets?|faces?|goes|go)\b")
FACTORS = {"halve": 0.5, "double": 2.0, "triple": 3.0}
TO_ZERO = {"eliminate", "eradicate"}

_OF = re.compile(r"(?<!\s)\s+of\s")


def read_levels(facts: TextFacts, quantities: list[Found], verbs: list[Found], text: str) -> None:
    """Where the metric starts and where it must get to, and the verb that moves it."""
    low = text.lower()
    now = ("now" in low or "today" in low or "current" in low or "present" in low or "at the " in low or
           "last " in low) and NOWISH.search(text) is not None   # today's value: rare, so looked for once
    quantities = apart_from_asides(facts, quantities, text)
    quantities = apart_from_reports(facts, quantities, text)
    if "unless" in low or "except" in low:
        quantities = apart_from_exceptions(quantities, text)
    if low[:1] in "iswe " and quantities:
        quantities = apart_from_conditions(quantities, text)
    if "current" in low or "previous" in low or "existing" in low or "present" in low or "former" in low \
            or "old " in low or "today's" in low:
        quantities = said_before(facts, quantities, text)
    _arrow_or_band(facts, quantities, text)
    _named_target(facts, quantities, text)
    _cued(facts, quantities, verbs, text, now)
    if facts.target is None:
        _implied_target(facts, quantities, verbs, text, low, now)
    if facts.baseline is not None and _NAMED_AS_TARGET.search(text, max(0, facts.baseline.start - 80),
                                                             facts.baseline.start):
        _target_not_start(facts)
    time = facts.target
    if time is not None and time.value.unit == DURATION and not time.value.change and time.cue not in ("to", "→") \
            and (facts.baseline is None or facts.baseline.value.unit != DURATION):
        window = time.cue == "within"               # any share; after 'no more than two hours', a share "of"
        share = next((q for q in quantities if q.value.unit == PERCENT and q.cue in SHARE_CUES and
                      (window or _OF.match(text, q.end)) and
                      (facts.baseline is None or q.start != facts.baseline.start)), None)
        if share is not None:                   # "within 48 hours for 85% of approved claims": the window
            facts.target = absolute(share)     # belongs to the measure, the share is its target
            standards = facts.extra.setdefault("service-standard", [])
            if not any(f.start == time.start for f in standards):
                standards.append(time)
    if facts.baseline is not None and facts.target is not None:
        _unit_shared(facts, text)
    elif facts.target is not None and "|" in text:
        _row_start(facts, quantities, text)
    if facts.target is not None or facts.baseline is not None:
        anchor = (facts.target or facts.baseline).start
        before = [v for v in verbs if v.start < anchor]
        moving = [v for v in before if v.value[0] != "hold"]
        if before and before[-1].value[0] == "hold" and moving:
            before = moving                     # "Reduce callbacks kept late from ...": 'reduce' moves it
        after = verbs[0] if verbs and "|" not in text[anchor:verbs[0].start] else None
        facts.direction = before[-1] if before else after   # (not a verb in a later cell: "| ≥ 94% | Reduce
                                                            # absenteeism |" says what the row is for)


def _row_start(facts: TextFacts, quantities: list[Found], text: str) -> None:
    """'QA Score | 68% | ≥ 82% |': in a table row, a plain value in the cell right before a bounded
    target is today's value (a row of two plain values, '| 80% | 83% |', may be target and actual:
    it is not read so)."""
    target = facts.target
    if target.cue not in _ROW_BOUNDS:
        return
    cell = text.rfind("|", 0, target.start)
    if cell < 0:
        return
    previous = text.rfind("|", 0, cell)
    before = [q for q in quantities if previous < q.start and q.end <= cell and not q.cue and not q.value.change
              and q.value.unit == target.value.unit]
    if len(before) == 1:
        facts.baseline = absolute(before[0])


_ROW_BOUNDS = frozenset({"≥", "≤", "<", ">", "<=", ">=", "at least", "at most", "min", "max", "minimum of",
                         "maximum of", "under", "below", "above", "over", "less than", "more than"})


def _unit_shared(facts: TextFacts, text: str) -> None:
    """'from 7 to 6 minutes', 'from 72 to 80%': one unit, written once after the second number,
    is the unit of both (7 minutes, not 7 of nothing beside 360 seconds)."""
    start, end = facts.baseline, facts.target
    b, t = start.value, end.value
    if b.unit is not None or t.unit is None or t.change or t.factor or start.cue != "from" or \
            text[start.end:end.start].strip().lower() not in ("to", "→", "->"):
        return
    m = _NUMBER_THEN_UNIT.fullmatch(t.text)
    if m is None or not float(m.group(1).replace(",", "")):
        return
    scale = t.value / float(m.group(1).replace(",", ""))
    unit = m.group(2)
    facts.baseline = start._replace(value=replace(b, value=b.value * scale, unit=t.unit, currency=t.currency,
                                                  working_days=t.working_days, label=t.label,
                                                  text=b.text + unit if unit == "%" else f"{b.text} {unit}"))


_NUMBER_THEN_UNIT = re.compile(r"(?<![\d,.])(\d[\d,]*+(?:\.\d+)?+)\s*+(%|[^\d\s].*)")   # (starts only where a number does)


# "the target was 80%", "our service delivery target ... stands at 85%": the value a target has, not
# a start
_NAMED_AS_TARGET = re.compile(r"(?i)\b(?:target|goal|standard|objective|commitment)s?\b(?:\s+(?:for|of|on)\b[^.;:]{0,50}?)?"
                              r"\s+(?:was|were|stands\s+at|stood\s+at|is|has\s+been|had\s+been|remains?(?:\s+at)?)\s{1,3}$")


def _target_not_start(facts: TextFacts) -> None:
    """The value read as today's is what the target was set at: it is the target (a window read as
    the target beside it is the measure's: 'the target was 80% ... answered within 5 minutes')."""
    value, facts.baseline = facts.baseline, None
    target = facts.target
    if target is None:
        facts.target = value
    elif target.value.unit == DURATION and target.cue == "within" and value.value.unit == PERCENT:
        facts.target = value
        standards = facts.extra.setdefault("service-standard", [])
        if not any(f.start == target.start for f in standards):
            standards.append(target)


def _arrow_or_band(facts: TextFacts, quantities: list[Found], text: str) -> None:
    """'from 72% to 80%', 'CSAT 4.1 → 4.5', '(70-78)': a target named by its arrow or its band."""
    to = next((q for q in quantities if q.cue in ("to", "→", "->") and not q.value.factor), None)
    if to is not None:                          # "waits over 4 hours from 18% to 10%": 'to' names the target
        facts.target = absolute(to)
        if to.cue != "to":                      # "CSAT 4.1 → 4.5": the number before the arrow is the start
            _start_before(facts, quantities, to)
    band = BAND.search(text) if "(" in text else None
    if band is not None and facts.target is None:      # "(70-78)": from 70 to 78
        bottom, top = float(band.group(1)), float(band.group(2))
        unit = PERCENT if band.group(3) else None
        facts.baseline = Found(Quantity(bottom, unit, text=band.group(1)), band.start(1), band.end(1), "")
        facts.target = Found(Quantity(top, unit, text=band.group(2) + (band.group(3) or "")),
                             band.start(2), band.end(3) if band.group(3) else band.end(2), "")


def _named_target(facts: TextFacts, quantities: list[Found], text: str) -> None:
    """'Resident satisfaction: 61.2% | Target: 75%', 'Abandonment 7% (target 5%)', '$412m (2026 actual) |
    $448m (2027 target)', '7h against a < 12h target': the number the word 'target' names, before it or
    after it, is the target, and a plain number in its unit before it, or a result reported beside it
    ('target 82%, result 86%'), is today's value. Of a window and a share both named ('target response
    time 10 working days, target compliance level 100%'), the share is the target of the standard. A
    target named with what it is for ('target resolution 3 hours') after another measure's number
    ('first response 10 minutes, ...') is not read here: the first number is the first measure's."""
    if facts.target is not None:
        return
    named = [q for q in quantities if not q.value.factor and _names_a_target(q, text)]
    if not named:
        return
    first = named[0]
    if quantities[0] is not first and _TARGET_NAMED_BEFORE.search(text, max(0, first.start - 40), first.start):
        return                                      # 'first response 10 minutes, target resolution 3 hours':
                                                    # the first number names the first measure's target
    share = next((q for q in named[1:] if q.value.unit == PERCENT), None)
    if first.value.unit == DURATION and not first.value.change and share is not None:
        facts.extra.setdefault("service-standard", []).append(first)
        first = share
    facts.target = absolute(first)
    result = next((q for q in quantities if q is not first and not q.value.change and q.value.unit ==
                   first.value.unit and _REPORTED_BEFORE.search(text, max(0, q.start - 40), q.start)), None)
    if result is not None and facts.baseline is None:
        facts.baseline = absolute(result)
    if not _TARGET_NAMED_BEFORE.search(text, max(0, first.start - 40), first.start):
        _start_before(facts, quantities, first, same_unit=True, text=text)


def _names_a_target(q: Found, text: str) -> bool:
    before = max(0, q.start - 40)
    return (q.cue in _NAMES_A_TARGET or _TARGET_BOUND.search(text, max(0, q.start - 24), q.start) is not None
            or _TARGET_AFTER.match(text, q.end) is not None
            or _TARGET_NAMED_BEFORE.search(text, before, q.start) is not None
            or (_AGAINST_A.search(text, before, q.start) is not None and _TARGET_WORD_AFTER.match(text, q.end)
                is not None and "-" not in q.value.text))


# "target 82%, result 86%", "actual compliance level 100%": a value reported beside a named target
_REPORTED_BEFORE = re.compile(r"(?i)\b(?:results?|actual|actuals|outturn)(?:\s{1,3}[a-z]{2,15}){0,3}\s{0,2}[:=]?\s{0,2}$")
# "target compliance level 100%", "target response time: 4 hours": the word, then what the target is for
_TARGET_NAMED_BEFORE = re.compile(r"(?i)\btarget(?:\s{1,3}(?!(?:of|for|in|to|on|at|by|and|or|is|was|date|audience|"
                                  r"group|groups|market|population)\b)[a-z]{2,15}){1,3}\s{0,2}[:=]?\s{0,2}$")
# "against a 99.8% target", "against a < 12h target": the target word after the number names it
_AGAINST_A = re.compile(r"(?i)\bagainst\s{1,3}(?:a|an|the|our|its)\s{1,3}(?:[<>≤≥]=?\s{0,2})?$")
_TARGET_WORD_AFTER = re.compile(r"(?i)\s{0,2}target\b")


# a level to compare with, not today's: "cost benchmark $1,100", "industry average of 6 minutes"
_COMPARATOR = re.compile(r"(?i)\b(?:benchmarks?|(?:industry|sector|national|peer|market|regional)\s{1,3}"
                         r"(?:average|median|norm|standard))\s{0,3}(?:of\s{1,3}|is\s{1,3}|at\s{1,3}|:\s{0,2})?$")


# a part of a year named before it: "at the start of 2027", "in the spring of 2028"
_PART_OF_A_YEAR = frozenset({"start", "beginning", "middle", "end", "course", "half", "spring", "summer", "autumn",
                             "fall", "winter", "close", "rest", "remainder"})
# "a target of 7", "against an expectation of 5,000", "against a plan of 1,200": the number is the target
_NAMES_A_TARGET = frozenset({"target", "target of", "goal of", "expectation of", "plan of"})
# "$448m (2027 target)", "85% (FY27 target)": an aside after the number names it
_TARGET_AFTER = re.compile(r"(?i)\s{0,2}\((?:[^()]{0,30}\s)?target\)")
# "2027 target: > 75%", "Target: ≥ 90%": the word names a bounded target
_TARGET_BOUND = re.compile(r"(?i)\btarget\s?:\s?(?:[<>≤≥]=?|at\s+least|no\s+more\s+than|under|over|above|below)\s?$")


def _start_before(facts: TextFacts, quantities: list[Found], target: Found, same_unit: bool = False,
                  text: str = "") -> None:
    """The last plain number (no cue, or 'at': 'were processed at 3 days compared to a target of 4')
    before the target is where the metric starts, when no start is known; `same_unit`: only a level in
    the target's unit, or any level before a bare target (not a change)."""
    before = [q for q in quantities if q.end <= target.start and q.cue in ("", "at") and (
        not same_unit or (not q.value.change and (q.value.unit == target.value.unit or target.value.unit is None)))
        and not (text and _COMPARATOR.search(text, max(0, q.start - 40), q.start))]
    if before and facts.baseline is None:
        facts.baseline = absolute(before[-1])


def _cued(facts: TextFacts, quantities: list[Found], verbs: list[Found], text: str, now: bool) -> None:
    """Numbers read by the word before them: 'from', 'currently' (the start); 'to', 'at least',
    '≤', 'by' (the target or a change); or after them: '88% today' (the start)."""
    no_longer = None
    for q in quantities:
        value: Quantity = q.value
        cue = q.cue
        if cue == "of" and is_year(q) and word_before(text, q.start, 2) in _PART_OF_A_YEAR:
            continue                                    # "at the start of 2027": when, not a value
        if cue == "than" and (comparative := word_before(text, q.start, 2)) in QUALIFIERS:
            if no_longer is None:                       # asked once per text, not once per number
                no_longer = _WAITS_NO_LONGER.search(text) is not None
            if facts.target is None and comparative == "longer" and no_longer:
                facts.target = q._replace(value=replace(value, change=False, bound=AT_MOST))
            continue                                    # "cases open longer than 30 days": who is counted
        if now and STARTS_HERE.match(text, q.end) and facts.baseline is None and facts.target is not q:
            facts.baseline = absolute(q)               # "which is at 88% today"
            if facts.target is not None and facts.target.start == q.start:
                facts.target = None
            continue
        if cue == "from" and value.unit == PERCENT and _OF.match(text, q.end) and facts.target is None and \
                not any(o.cue in ("to", "→", "->") for o in quantities):
            facts.target = absolute(q)                 # "collect arrears from 74% of borrowers": a share
            continue
        if cue == "against" and _NAMES_A_STANDARD.match(text, q.end):
            continue                                    # "against the 18-week target": the standard's name
        if cue in BASELINE_CUES and facts.baseline is None and facts.target is not q and \
                (facts.target is None or facts.target.start != q.start):
            facts.baseline = absolute(q)
        elif cue in TARGET_CUES and facts.target is None and not value.factor:
            facts.target = absolute(q)
        elif (cue == "by" or (cue == "of" and word_before(text, q.start, 2) in CHANGE_NOUNS)) and facts.target is None:
            facts.target = q._replace(value=_signed(value, _verb_before(verbs, q.start)))
        elif cue == "" and facts.target is None and not value.change and not value.factor and \
                (noun := _CHANGE_NOUN_AFTER.match(text, q.end)) is not None:
            way = [Found(("down", noun.group(1)), 0, 0)] if noun.group(1).lower() in _DOWN_NOUNS else verbs
            facts.target = q._replace(value=_signed(value, _verb_before(way, q.start + 1)))  # "a 10% improvement in"
        elif cue == "of" and facts.target is None and facts.metric is not None and facts.metric.end < q.start:
            facts.target = absolute(q)
        elif cue == "" and facts.target is None and value.unit == PERCENT and \
                q.start <= len(text.split(" ", 1)[0]) + 2:
            facts.target = absolute(q)                 # "Resolve 90% of complaints ..."


def _implied_target(facts: TextFacts, quantities: list[Found], verbs: list[Found], text: str, low: str,
                    now: bool) -> None:
    """No cue named the target: 'halve', 'eliminate', 'by a quarter', or a number that is not the
    start, a date, the scale or a label ('Maintain a 98% on-time rate', 'CSAT 85%+')."""
    if _NONE_HAVE.match(text):                      # "No customer in urban areas has a copper-only line"
        m = _NONE_HAVE.match(text)
        facts.target = Found(Quantity(0.0, text=m.group(1)), m.start(1), m.end(1), "to")
        return
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
            facts.baseline = facts.baseline or absolute(q)
            continue
        if q.cue == "than" and word_before(text, q.start, 2) in QUALIFIERS:
            continue
        if q.cue != "out of" and not is_scale(text, q) and not is_label(text, q) and not is_year(q) and \
                not in_a_name(text, q):
            facts.target = absolute(q) if q.cue not in ("down", "up", "by") else \
                q._replace(value=_signed(q.value, _verb_before(verbs, q.start) or way_of(q.cue)))
            return


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
