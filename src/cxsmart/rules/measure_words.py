"""What names a measure in a goal's words: the words and marks that do ("rate", "% of", "#"), the
general qualities that do not ("improve customer service"), and the rows copied from a table whose
measure stayed in the header ("Urgent (P0) | Within 30 minutes"). Read by the S rules."""

from __future__ import annotations

import re


# a priority table's names for its rows, and the units of the times in its cells
_PRIORITIES = "urgent|high|medium|normal|low|critical|major|minor|moderate|serious|important"
_RANKS = "priority|severity|sev|level|category|cat|tier"
_TIME_UNITS = "mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?"
# The words a priority table or a table row puts before its value: "Urgent (P0) | Within 30 minutes",
# "| Metro | Express | Rural | 93% |", "Priority 2: 4 hours". Nothing in them says what is measured.
_LABEL_WORDS = re.compile(
    rf"(?i)(?:\b(?:{_PRIORITIES}|non-urgent|standard|routine|emergency|{_RANKS}|within|up\s+to|in)\b|\b[a-z]{{0,3}}\d+[a-z]?\b|"
    r"[|()\[\]:\-–—,/=]|\s)*")
_CELL = re.compile(r"\s*[A-Z][a-z]+\s*")
_PROMISE = re.compile(r"(?i)\b(?:we|I)\b|\b(?:will|shall)\b|'ll\b")
_PREPOSITIONS_ONLY = re.compile(r"(?i)[\s,]*(?:(?:within|up\s+to|in)[\s,]*)*")


def label_only(text: str, facts):
    """The metric read from a table row or a priority line, when it is only labels and no word of
    the text names what is measured (a rate, a time, an action done within the window)."""
    metric, target = facts.metric, facts.target
    if metric is None or target is None or "metric-phrase" not in facts.extra:
        return None                         # a catalogued metric names the measure
    if _SERVICE_WORDS.search(text):
        return None                         # "Critical: 99.9% uptime"
    words = metric.words
    at = text.find(target.words)
    if _PREPOSITIONS_ONLY.fullmatch(words) and at >= 0 and _PROMISE.search(text, at + len(target.words)):
        return None                         # "Within 5 days of receiving your claim we will write": the clause
                                            # after the window says what it is for
    cells = [c for c in words.split("|") if c.strip()]
    if _LABEL_WORDS.fullmatch(words) or (words.count("|") >= 2 and len(cells) >= 2 and not MEASURE_WORDS.search(words)
                                         and all(_CELL.fullmatch(c) for c in cells)):
        return metric.stripped(" |:-–—=,")     # "| Metro | Express | Rural |": the columns' names
    return None


def table_row(text: str, facts) -> bool:
    """A row copied from a table, in which no word names what its values measure: a priority and its
    values ('Low 20 Minutes or Less Level 1', '• Tier 2 – 3 business hours'), a name and a time ('Water
    damage : 30 days'), a name and a series of figures ('Express (North) 12 14 16 20'), cells of
    values only ('| < 99.95% but >= 99.5% | 15% |') or a window per column ('Metropolitan | Within 3
    working days | Within 7 working days |'). Cells after the last value describe the case and may
    name anything ('Urgent | 1 hour | 1 day | A completion is due today'). A service named beside its
    time ('Gas meter calibration | Payment of the fee | 2 days') is a standard and passes."""
    if facts.metric is not None and "metric-phrase" not in facts.extra:
        return False                        # a catalogued metric names the measure
    if not any(ch.isdigit() for ch in text):
        return False
    body = text[_MARKER.match(text).end():]                 # past a bullet or the row's number
    cells = [c for c in body.split("|") if c.strip()]
    row = body.count("|") >= 2 or (body.count("|") == 1 and len(cells) == 2)
    valued = [i for i, c in enumerate(cells) if any(ch.isdigit() for ch in c)]
    named_in = " | ".join(cells[:valued[-1] + 1]) if row and valued else body
    if MEASURE_WORDS.search(named_in) or _SERVICE_WORDS.search(named_in) or _ACTION_OF.match(body) or \
            _CHANNEL_FIRST.match(body) or \
            any("%" in c and not _values_only(c) for c in named_in.split("|")):
        return False
    if _PRIORITY_FIRST.match(body) or _series_last(body) or _label_then_time(body):
        return True
    if row and (_label_then_values(cells[:valued[-1] + 1] if valued else cells) or _time_then_words(cells)):
        return True
    if not row or len(cells) < 2:
        return False
    return all(_values_only(c) for c in cells) or body.lower().count("within") >= 2


# a bullet or a row's number before it: "• ", "- ", "1 ", "2. "
_MARKER = re.compile(r"\s{0,3}(?:[•·*▪◦‣-]\s{1,3}(?=[A-Za-z])|\d{1,2}[.)]?\s{1,3}(?=[A-Z]))?")


def reported_row(text: str) -> bool:
    """A table row whose first cell is the service and whose other cells are shares only ('Offer
    collection slots within the stated period | 99.0% | 100%'): the share of cases done to the
    standard is reported, so the service is measured as a level, not planned as work."""
    if "|" not in text:
        return False
    cells = [c for c in text.split("|") if c.strip()]
    return len(cells) >= 2 and all("%" in c and _values_only(c) for c in cells[1:])


def _label_then_time(text: str) -> bool:
    """A few words naming a case, then a bare time ('Outlying villages 10 Hours', 'Water damage : 30
    days'): no verb, no 'we', no 'within' says what the time is for."""
    m = _LABEL_THEN_TIME.fullmatch(text.strip())
    return m is not None and _is_label(m.group("label"))


def _label_then_values(cells: list[str]) -> bool:
    """A case's name in the first cell and values in the rest ('| Urgent claim | 2 hours | 6 hours |',
    'Premier Account | 30 Minutes'): the name says which case, not what the times measure."""
    return len(cells) >= 2 and _is_label(cells[0]) and all(_values_only(c) for c in cells[1:])


def _time_then_words(cells: list[str]) -> bool:
    """A time in the first cell and the cases it covers after it ('35 days | Non-urgent jobs such as
    meter relocations'): the time's measure stayed in the table's header."""
    first = cells[0].strip()
    return len(cells) >= 2 and _BARE_TIME.fullmatch(first) is not None and \
        not any(ch.isdigit() for c in cells[1:] for ch in c)


def _is_label(cell: str) -> bool:
    """A few words naming a case: no digit, no verb or pronoun, no -ing doing word."""
    if re.search(r"\d", cell):            # a footnote's mark ('Connection²') is no value
        return False
    words = re.findall(r"[A-Za-z]+", cell.lower())
    if re.search(r"(?i)\bup\s+to\b", cell):
        return False                        # "up to": the value's bound, not a name
    return 0 < len(words) <= 6 and not any(
        w in _NOT_A_LABEL or (w.endswith("ing") and w not in _ING_NAMES) for w in words)


def _series_last(text: str) -> bool:
    """A name, then a series of three or more bare values ('Express (North) 12 14 16 20')."""
    words = text.split()
    values = 0
    for word in reversed(words):
        if not _SERIES_VALUE.fullmatch(word):
            break
        values += 1
    return 3 <= values < len(words)


def _values_only(cell: str) -> bool:
    """A table cell of values and comparisons only ('< 99.95% but >= 99.5%', '15%')."""
    return all(_VALUE_WORD.fullmatch(word) for word in cell.split())


# a priority, severity or level, then its value: "Low 20 Minutes or Less", "P2 - 8 hours"
_PRIORITY_FIRST = re.compile(rf"(?i)(?:{_PRIORITIES}|p\d(?!\s*[–-]\s*p\d)|(?:{_RANKS})\s*\d+)\b\s*"
                             r"(?:[|:()<>–—]|-(?=\s|\d)|\d|within\b|up\s+to\b)")
# a name and a time, nothing else: "Burst service pipe — Urban wards 5 Hours", "Water damage : 30 days"
_LABEL_THEN_TIME = re.compile(rf"(?i)(?P<label>[^\d|<]{{2,60}}?)[\s:–—-]{{1,5}}[<≤]?\s?\d{{1,4}}(?:\.\d{{1,2}})?"
                              rf"(?:\s?[-–]\s?\d{{1,4}})?\s{{0,2}}(?:(?:working|business|calendar)\s{{1,3}})?(?:{_TIME_UNITS})"
                              r"(?:\s{1,3}(?:maximum|max|or\s+less|at\s+most))?\.?")
# a time alone in a cell: "35 days", "2-6 hours", "Within 45 Days", "< 4 hours"
_BARE_TIME = re.compile(rf"(?i)(?:within\s{{1,3}}|up\s+to\s{{1,3}}|[<≤]\s?)?\d{{1,4}}(?:\s?[-–]\s?\d{{1,4}})?\s{{0,2}}"
                        rf"(?:(?:working|business|calendar)\s{{1,3}})?(?:{_TIME_UNITS})\.?")
_NOT_A_LABEL = frozenset({"we", "you", "they", "our", "your", "will", "shall", "must", "can", "to", "is", "are", "be",
                          "where", "which", "that", "who", "by", "from", "average", "duration", "target", "about",
                          "under", "most", "least", "within", "reduce", "cut", "increase", "raise", "grow", "opens",
                          "every", "each", "once", "twice", "per"})   # "... every 12 months": a cadence, no name
# a service named by what is done, then to what: "Allocation of technician : 48 hours"
_ACTION_OF = re.compile(r"(?i)[^A-Za-z]{0,3}[a-z]{2,20}(?:tion|sion|ment|ing)\s{1,3}of\b")
# -ing words that name things, not doings ("Outlying villages 10 hours", "Booking desk: 4 hours")
_ING_NAMES = frozenset({"outlying", "booking", "parking", "housing", "heating", "lighting", "plumbing", "building",
                        "morning", "evening", "ceiling", "clothing", "existing", "remaining", "incoming", "outgoing"})
# the words of a series of figures, and of a cell of values (read word by word: linear in the text)
_SERIES_VALUE = re.compile(r"(?i)[-+−]?\d[\d,.]*%?|n/a")
_VALUE_WORD = re.compile(rf"(?i)[<>≤≥=~]+|but|and|or|to|up|n/a|[-–]|(?:business|working|calendar|secs?|seconds?|{_TIME_UNITS})\.?|"
                         rf"[<>≤≥=~]*[£$€]?\d[\d,.]*(?:%|k|m|bn|s|secs?|{_TIME_UNITS})?")
# what a service standard's value measures, when a row says it: "answered", "response", "uptime"
_SERVICE_WORDS = re.compile(r"(?i)\b(?:respon\w*|resol\w*|answer\w*|repl\w*|fix(?:e[sd]|ing)?|repair\w*|restor\w*|attend\w*|"
                            r"arriv\w*|deliver\w*|dispatch\w*|acknowledg\w*|process\w*|complet\w*|call\s*backs?|"
                            r"callbacks?|updates?|uptime|availab\w*|wait\w*|turnaround|sla|kpi|pick(?:ed|s|ing)?\s+up)\b")
# a channel named before a bare time, as a row of a table: the channel's response standard ("Email 2 working days")
_CHANNEL_FIRST = re.compile(r"(?i)\s{0,3}(?:(?:online\s+)?(?:feedback\s+|contact\s+)?forms?|e-?mails?|letters?|"
                            r"(?:web\s?|live\s?)?chats?|sms|texts?|voicemails?|social\s+media)\s{1,3}\d")


# A general quality named as the outcome, with no number: "improve customer satisfaction",
# "improve service quality". Satisfaction measured as CSAT with a target is specific.
GENERAL_QUALITIES = re.compile(
    r"(?i)\b(?:customer |resident |student |patient |guest |member |user )?(?:satisfaction|service quality|"
    r"customer service|experience|journey|outcomes?|services?|information|trust|relationships?|perception|culture|quality|"
    r"productivity|efficiency|behaviou?r|appearance|condition|well-?being|awareness|communication|engagement)\b")
# Words that name a measure ("reduce churn", "cut response times", "the proportion of rent
# collected"): with one, a goal with no number still says what is measured.
MEASURE_WORDS = re.compile(
    r"(?i)\b(?:rates?|(?<!this )(?<!that )(?<!same )(?<!any )(?<!the )times?|scores?|index|indices|share|percentage|"
    r"proportion|number|count|volumes?|backlog|"
    r"costs?|revenue|churn|retention|conversion|abandonment|speed|nps|csat|ces|fcr|aht|sla|ratings?|"
    r"adoption|usage|uptake|arrears|punctuality|accuracy|completion|success|breaches|fewer|zero)\b")
# Things counted ("complaints", "calls", "visits"): a measure only when the goal moves them
# ("cut complaints"); "answer your question at the first point of contact" names no measure.
COUNTED_WORDS = re.compile(
    r"(?i)\b(?:times?|complaints?|contacts?(?!\s+cent(?:re|er)s?\b)|callbacks?|escalations?|referrals?|errors?|defects?|waits?|waiting|delays?|"
    r"reviews?|sign-?ups?|renewals?|calls?|tickets?|queues?|bookings?|visits?|cancellations?|responses?|"
    r"no-shows?|failures?|arrivals?|departures?|deliveries|refunds?|claims?)\b")
# a share, a ratio or a comparison names a measure too: "% of claims", "tickets per 100 orders",
# "# thermostats paired" (a count), "answer calls twice as fast", "shorter waits to reach an adviser", none at all ("free from errors"),
# at once ("answer a phone enquiry immediately"), and a key result's direction ("Mishandled bags: down")
MEASURE_MARKS = re.compile(r"(?i)%|(?:^|[\s\"'(])#\s?[a-z]|\bfree\s+(?:from|of)\s|\bimmediately\b|:\s*(?:up|down)\b|\bper\s+(?:\d|cent\b)|"
                           r"\bpercent\b|\b(?:twice|(?:two|three|four|\d+)\s+times)\s+as\b|"
                           r"\b(?:shorter|faster|quicker|lower|higher|sooner)\s+[a-z-]+")
# "resolved at the first point of contact" names first contact resolution
FIRST_CONTACT = re.compile(r"(?i)\b(?:resolv|settl|sort)\w*\b[^.;]{0,60}?\b(?:at|on) (?:the )?first "
                           r"(?:point of )?contact")


# a quality followed by a noun modifies it ("the service charges collected"): the noun is the outcome
_MODIFIES = re.compile(r"\s+(?!(?:and|or|by|in|for|to|of|at|on|with|through|across|from|within|before|during|"
                       r"until|is|are|so|that|which|while|as)\b)[a-z]+s\b", re.I)
# "more customers", "fewer complaints": a count (but "more effortless" is a quality)
MORE_OF = re.compile(r"(?i)\b(?:more|fewer)\s+(?:[a-z-]+\s+)?[a-z-]+(?<!ss)(?<!ous)(?<!les)s\b")


# words of measure inside idioms that measure nothing: "at all times", "on time, every time", "take
# time", "a number of steps", "your reference number", "at no additional cost", "free of charge"
_IDIOMS = re.compile(r"(?i)\b(?:(?:at|by)\s+all\s+times|(?:every|each|any|next|this)\s+time|take\s+(?:the\s+)?time|"
                     r"on\s+time(?![\s-]{1,3}(?:departures?|arrivals?|deliver|performance|rates?|running|percentage|"
                     r"completion|payments?|starts?|dispatch|collection|response))|"
                     r"from\s+time\s+to\s+time|a\s+(?:large\s+|small\s+)?number\s+of|(?:reference|account|phone|"
                     r"telephone|contact|policy|case|matter|tracking)\s+numbers?|at\s+no\s+(?:additional\s+|extra\s+)?"
                     r"(?:cost|charge)|free\s+of\s+charge)\b")
_IDIOM_KEYS = re.compile(r"(?i)\b(?:times?|numbers?|cost|charge)\b")


# a measure of the quality named before it: "the staff engagement score", "brand awareness rate"
_MEASURE_AFTER = re.compile(r"(?i)\s{1,3}(?:scores?|rates?|index|indices|ratings?|levels?|percentages?|share|results?)\b")
# a measure of the quality named after it: "the mean score of satisfaction", "the percent of riders who ..."
_MEASURE_OF = re.compile(r"(?i)\b(?:scores?|percent(?:age)?|proportion|share|rates?|index|number)\s+of\b")


# standards kept somewhere else: "meet the agreed connection times", "the timescales set out below"
_ELSEWHERE = re.compile(
    r"(?i)\b(?:the|our|these|those|its|their)\s+(?:agreed|published|stated|following|above|below|relevant|maximum|"
    r"minimum|required|specified|applicable|advertised|committed|stipulated|prescribed|statutory|set|designated)"
    r"\s+(?:[\w-]{1,30}\s+){0,3}?(?:time\s+limits?|times?|timescales?|standards?|targets?|levels?|deadlines?|"
    r"time-?frames?|periods?|timelines?)\b|\b(?:shown|set\s+out|listed|given|detailed)\s+"
    r"(?:in\s+the\s+table\s+)?(?:below|above)\b")


def _moves_a_count(text: str, facts) -> bool:
    """Whether what the direction verb moves is counted or measured ('Increase repeat stays',
    'Grow membership'), not a quality ('Increase staff coaching and development')."""
    verb = facts.direction.words
    at = text.lower().find(verb.lower())
    if at < 0:
        return True                                 # the verb is in another field: assume a count, as before
    moved = _object_of(text, at + len(verb))
    if _QUALITY_VERB.match(verb):                   # "enhance experiences", "strengthen relations": a quality,
        return MEASURE_WORDS.search(moved) is not None or any(ch.isdigit() for ch in moved)   # unless measured
    return _COUNTABLE.search(moved) is not None


# verbs that raise a quality, not a count: what they move is measured only when its words say so
_QUALITY_VERB = re.compile(r"(?i)(?:enhanc|strengthen|enrich|elevat|deepen|foster|nurtur|cultivat)")


def _object_of(text: str, at: int) -> str:
    """The words a verb moves: up to the first preposition, comma or the end ('staff coaching and
    development' in 'Increase staff coaching and development to ...')."""
    stop = _OBJECT_END.search(text, at)
    return text[at:stop.start() if stop else len(text)]


_OBJECT_END = re.compile(r"(?i)[,;:(]|\s(?:to|by|from|in|for|across|through|throughout|around|among|between|at|with|so|while|that|which|who|and\s+(?:improve|raise|"
                         r"reduce|increase|cut))\b")
# a thing counted in what a verb moves: a plural ('repeat stays', 'complaints'), a number, or a mass noun
# that is a measured amount ('footfall', 'spend', 'membership', 'attendance', 'demand', 'capacity')
_COUNTABLE = re.compile(r"(?i:\b[a-z-]{2,30}(?<!ss)(?<!us)(?<!is)(?<!ous)s\b|\d|\b(?:footfall|spend|spending|membership|"
                        r"attendance|demand|capacity|traffic|volume|turnover|income|profit|sales|uptake|take-?up|"
                        r"participation|readership|viewership|subscriptions?|enrolment|enrollment|occupancy|"
                        r"throughput|output|waiting|queueing|crowding|overcrowding|downtime|effort|availability|leakage|"
                        r"amount|levels?|debt|usage|them|it|this|these|those)\b)|\b[A-Z]{2,6}\b")   # or an acronym: 'ARPU'


def not_a_goal(text: str, valued: bool) -> str | None:
    """What a title is when it is no goal at all: the lead-in to a list ('... the following eight
    commitments:'; not a goal with a value before its colon), or a template's placeholder ('KR1:
    [Leading indicator, number to number]')."""
    stripped = text.strip()
    if stripped.endswith(":") and len(stripped) > 12 and not valued:
        return "introduces a list"
    if _PLACEHOLDER.fullmatch(stripped):
        return "is a template's placeholder"
    return None


# "KR1: [Leading indicator ...]", "Objective: <what you want to achieve>"
_PLACEHOLDER = re.compile(r"(?:[\w .#-]{1,20}:\s{0,3})?(?:\[[^\]]{3,200}\]|<[^>]{3,200}>|\{[^}]{3,200}\})")


def stated_elsewhere(text: str):
    """The words that point to a goal's values kept in another place, when it has no number."""
    return _ELSEWHERE.search(text) if not any(ch.isdigit() for ch in text) else None


def vague_outcome(text: str, facts) -> str | None:
    """The outcome, when it names no measure: 'Turn customers into advocates', 'Make renewals
    effortless', 'Simplify the returns journey', 'Improve customer service'. None when the
    sentence names something measured ('Reduce churn') or is not an outcome at all."""
    general = GENERAL_QUALITIES.search(text)
    if general is not None and _MODIFIES.match(text, general.end()):
        general = None                              # "service charges", "service pensions": a modifier
    if general is not None and (_MEASURE_OF.search(text, 0, general.start()) or _MEASURE_AFTER.match(text, general.end())):
        return None                                 # "the average mean score of satisfaction", "engagement score": measured
    named = facts.metric is not None and "metric-phrase" not in facts.extra and not handled_only(facts, text)
    if named and general is None:
        return None
    if named and general is not None and facts.metric.words.lower() not in general.group(0).lower():
        return None                                 # "Reduce churn in the customer journey"
    moves = facts.direction is not None and facts.direction.value in ("up", "down") and _moves_a_count(text, facts)
    plain = _IDIOMS.sub(lambda m: " " * len(m.group(0)), text) if _IDIOM_KEYS.search(text) else text
    counted = facts.direction is not None and COUNTED_WORDS.search(plain)
    if not named and general is None and (moves or counted or MEASURE_WORDS.search(plain) or MORE_OF.search(plain)
                                                or MEASURE_MARKS.search(plain) or FIRST_CONTACT.search(text)):
        return None                                 # "Increase repeat stays": a count, moved one way
    return (general.group(0) if general else text).lower()


def handled_only(facts, text: str | None, things=None) -> bool:
    """The metric the words name is only a thing counted that nothing moves, and no number measures
    it: S001 reads any counted word, M001 only a thing handled one by one (`HANDLED`)."""
    return facts.metric is not None and _only_handled(facts, things or COUNTED_WORDS) and \
        not any(ch.isdigit() for ch in text or "")


def _only_handled(facts, things) -> bool:
    """The metric's name is a thing counted ('complaints', 'calls') that nothing moves: 'Log
    complaints consistently', 'listen to your feedback and complaints' handle them; counting them
    is no goal's measure until a verb moves the count ('cut complaints')."""
    if facts.direction is not None or any(ch.isdigit() for ch in facts.metric.words):
        return False
    words = facts.metric.words.split()
    return bool(words) and things.fullmatch(words[-1].strip(".,;:")) is not None


# things a team handles one by one; a time, a wait or a delivery names a measure of how well
HANDLED = re.compile(r"(?i)(?:complaints?|contacts?|callbacks?|escalations?|referrals?|errors?|defects?|reviews?|"
                      r"tickets?|queues?|bookings?|visits?|cancellations?|claims?|refunds?|calls?|enquir(?:y|ies)|"
                      r"inquir(?:y|ies)|appeals?|disputes?|requests?|cases?|queries|query)")
