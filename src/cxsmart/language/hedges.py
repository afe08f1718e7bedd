"""Hedges found from their construction, with spaCy's token matcher: a condition of possibility
("wherever possible"), a comparison with what is possible ("as soon as practicable"), an effort
instead of a result ("do our very best", "everything possible will be done"), and a modal of
possibility ("might be able to"), a condition on the provider's means or load ("if staffing allows",
"depending on queue volume"). The `hedges` pack adds phrases; these find the open forms."""

from __future__ import annotations

import re

_POSSIBLE = ["possible", "feasible", "practicable", "practical", "reasonable", "achievable", "appropriate"]
_IF = ["where", "wherever", "whenever", "if", "when"]
_MEANS = ["staffing", "staff", "resources", "resourcing", "funding", "budget", "budgets", "capacity", "time",
          "workload", "workloads", "volumes", "volume", "demand"]
# the provider's load, as a standard may depend on it ("depending on the time of day" sets a tier, not a hedge)
_LOAD = [m for m in _MEANS if m != "time"]
_BUSY_TIMES = ["periods", "period", "times", "time", "hours", "season", "seasons", "days", "months", "weeks"]
HEDGE_PATTERNS: list[list[dict]] = [
    # "wherever possible", "if at all possible", "whenever practicable", "where reasonably practicable",
    # "wherever technically feasible": any adverb that says in what respect it is possible
    [{"LOWER": {"IN": _IF}}, {"LOWER": {"IN": ["at"]}, "OP": "?"}, {"LOWER": {"IN": ["all"]}, "OP": "?"},
     {"LOWER": {"REGEX": "^[a-z]{3,}ly$"}, "OP": "?"}, {"LOWER": {"IN": _POSSIBLE[:5]}}],
    # "where appropriate", "as appropriate": the goal applies when someone judges it should
    [{"LOWER": {"IN": [*_IF, "as"]}}, {"LOWER": "appropriate"}],
    # "where we can", "wherever we reasonably can", "if it is possible"
    [{"LOWER": {"IN": _IF}}, {"LOWER": {"IN": ["we", "it"]}}, {"LOWER": {"IN": ["reasonably", "is"]}, "OP": "?"},
     {"LOWER": {"IN": ["can", "possible", "able", "feasible", "practicable"]}}],
    # "as soon as practicable", "as far as we can", "as quickly as reasonably possible"
    [{"LOWER": "as"}, {"IS_ALPHA": True}, {"LOWER": "as"}, {"LOWER": {"IN": ["reasonably"]}, "OP": "?"},
     {"LOWER": {"IN": ["possible", "feasible", "practicable", "practical"]}}],
    # "strive at all times to", "strive hard to": the effort, however it is put
    [{"NORM": {"IN": ["strive", "strives", "striving"]}}, {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["to"]}, "OP": "{1,3}"},
     {"LOWER": "to"}],
    # "to as many people as possible", "as few calls as we can": a number left to what turns out possible
    [{"LOWER": "as"}, {"LOWER": {"IN": ["many", "much", "few", "little", "often", "more"]}},
     {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["as"]}, "OP": "{1,3}"}, {"LOWER": "as"},
     {"LOWER": {"IN": ["reasonably"]}, "OP": "?"}, {"LOWER": {"IN": ["possible", "feasible", "practicable"]}}],
    [{"LOWER": "as"}, {"LOWER": {"IN": ["many", "much", "few", "little", "often", "more"]}},
     {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["as"]}, "OP": "{1,3}"}, {"LOWER": "as"}, {"LOWER": "we"},
     {"LOWER": {"IN": ["reasonably", "possibly"]}, "OP": "?"}, {"LOWER": "can"}],
    # "as close to your appointment time as possible", "as near to the booked slot as we can"
    [{"LOWER": "as"}, {"LOWER": {"IN": ["close", "near", "soon", "quickly", "early"]}},
     {"LOWER": {"IN": ["to", "after", "before"]}}, {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["as"]}, "OP": "{1,4}"},
     {"LOWER": "as"}, {"LOWER": {"IN": ["reasonably"]}, "OP": "?"},
     {"LOWER": {"IN": ["possible", "feasible", "practicable", "practical"]}}],
    [{"LOWER": "as"}, {"IS_ALPHA": True}, {"LOWER": "as"}, {"LOWER": "we"},
     {"LOWER": {"IN": ["reasonably", "possibly"]}, "OP": "?"}, {"LOWER": "can"}],
    [{"LOWER": "as"}, {"IS_ALPHA": True}, {"LOWER": "as"}, {"LOWER": "we"}, {"LOWER": {"IN": ["are", "'re"]}},
     {"LOWER": "able"}],                                                    # "as fast as we are able"
    # a caveat on the standard itself: "sometimes it can take longer", "complex cases may take longer"
    [{"LOWER": {"IN": ["can", "could", "may", "might", "will", "sometimes", "occasionally"]}},
     {"LOWER": {"IN": ["sometimes", "occasionally"]}, "OP": "?"}, {"NORM": "take"}, {"LOWER": "longer"}],
    # "complex cases take longer", "some claims may take longer": the standard's own exception
    [{"LOWER": {"IN": ["some", "certain", "complex", "few", "occasional"]}}, {"IS_ALPHA": True, "OP": "{0,2}"},
     {"NORM": "take"}, {"LOWER": "longer"}],
    # a standard that bends to the provider's load: "depending on queue volume", "dependent on demand and capacity"
    [{"LOWER": {"IN": ["depending", "dependent", "dependant", "depends"]}}, {"LOWER": {"IN": ["on", "upon"]}},
     {"LOWER": {"NOT_IN": [".", ";", ":", "(", ")"]}, "OP": "{0,5}"}, {"LOWER": {"IN": _LOAD}}],
    # effort: "do our (very) best", "try our hardest", "do everything we (or I) can", "all we reasonably can"
    [{"NORM": {"IN": ["do", "try"]}}, {"LOWER": {"IN": ["our", "my", "its", "their", "the"]}},
     {"LOWER": {"IN": ["very", "level", "absolute"]}, "OP": "?"}, {"LOWER": {"IN": ["best", "hardest", "utmost"]}}],
    [{"LOWER": {"IN": ["all", "everything", "whatever"]}}, {"LOWER": "that", "OP": "?"}, {"LOWER": {"IN": ["we", "i"]}},
     {"LOWER": {"IN": ["reasonably", "possibly", "practically"]}, "OP": "?"}, {"LOWER": "can"}],
    # "everything possible will be done", "all that is reasonably practicable", "everything in our power"
    [{"LOWER": {"IN": ["everything", "anything", "whatever"]}}, {"LOWER": "that", "OP": "?"},
     {"LOWER": "is", "OP": "?"}, {"LOWER": {"IN": ["reasonably"]}, "OP": "?"},
     {"LOWER": {"IN": ["possible", "feasible", "practicable"]}}],
    [{"LOWER": "all"}, {"LOWER": "that"}, {"LOWER": "is"}, {"LOWER": {"IN": ["reasonably"]}, "OP": "?"},
     {"LOWER": {"IN": ["possible", "feasible", "practicable"]}}],
    [{"LOWER": {"IN": ["all", "everything", "anything", "whatever"]}}, {"LOWER": "in"},
     {"LOWER": {"IN": ["our", "its", "their", "my", "his", "her"]}}, {"LOWER": "power"}],
    # "make every (reasonable) effort", "use all reasonable endeavours", "take reasonable steps"
    [{"NORM": {"IN": ["make", "use", "take"]}}, {"LOWER": {"IN": ["every", "all", "reasonable", "best"]}},
     {"LOWER": {"IN": ["reasonable", "possible", "practicable", "best"]}, "OP": "?"},
     {"NORM": {"IN": ["effort", "endeavour", "endeavor", "step", "attempt"]}}],
    # "every effort will be made", "all reasonable endeavours", "our best efforts", "with efforts to limit"
    [{"LOWER": {"IN": ["every", "all", "best", "our"]}}, {"LOWER": {"IN": ["reasonable", "possible", "best"]}, "OP": "?"},
     {"LOWER": {"IN": ["effort", "efforts", "endeavour", "endeavours", "endeavor", "endeavors"]}}],
    [{"LOWER": "with"}, {"LOWER": {"IN": ["effort", "efforts", "endeavours", "endeavors"]}}, {"LOWER": "to"}],
    # "use commercially reasonable efforts to notify", "reasonable endeavours"
    [{"LOWER": "reasonable"}, {"LOWER": {"IN": ["efforts", "endeavours", "endeavors"]}}],
    # "at the earliest practicable moment", "at the earliest opportunity"
    [{"LOWER": "at"}, {"LOWER": "the"}, {"LOWER": "earliest"}],
    # possibility: "we might be able to", "may be able to", "matters may take up to 6 weeks"
    [{"LOWER": {"IN": ["might", "may", "could"]}}, {"LOWER": "be"}, {"LOWER": "able"}],
    # "subject to availability", "subject to technical feasibility": the provider's own limits (not the
    # customer's: "subject to your availability")
    [{"LOWER": "subject"}, {"LOWER": "to"}, {"LOWER": {"IN": ["technical", "stock", "operational", "staff"]}, "OP": "?"},
     {"LOWER": {"IN": ["feasibility", "availability", "capacity", "resources", "resourcing", "funding", "budget"]}}],
    # a condition on the provider's own means: "if staffing allows", "when time permits", "resources
    # permitting", "if the budget is approved", "provided our new digital targets are met"
    [{"LOWER": {"IN": [*_IF, "as", "while", "provided", "providing", "assuming", "once"]}},
     {"LOWER": "that", "OP": "?"}, {"LOWER": {"IN": ["our", "the", "its"]}, "OP": "?"},
     {"LOWER": {"IN": _MEANS}}, {"LOWER": {"IN": ["allow", "allows", "permit", "permits"]}}],
    [{"LOWER": {"IN": _MEANS}}, {"LOWER": "permitting"}],
    [{"LOWER": {"IN": ["if", "provided", "providing", "assuming", "once"]}}, {"LOWER": "that", "OP": "?"},
     {"LOWER": {"IN": ["our", "the", "its"]}}, {"IS_ALPHA": True, "OP": "{0,3}"},
     {"LOWER": {"IN": [*_MEANS, "targets", "goals", "plans", "bid", "business", "case", "investment"]}},
     {"LOWER": {"IN": ["is", "are"]}}, {"LOWER": {"IN": ["approved", "available", "secured", "agreed", "met",
                                                          "achieved", "funded", "granted"]}}],
    # an exception when the standard matters most: "except during peak periods", "other than at busy times"
    [{"LOWER": {"IN": ["except", "excepting", "excluding", "apart"]}}, {"LOWER": {"IN": ["from", "for"]}, "OP": "?"},
     {"LOWER": {"IN": ["during", "at", "in", "over", "on"]}, "OP": "?"}, {"LOWER": {"IN": ["the", "our"]}, "OP": "?"},
     {"LOWER": {"IN": ["peak", "busy", "busiest", "peaks"]}}, {"LOWER": {"IN": _BUSY_TIMES}, "OP": "?"}],
    [{"LOWER": "other"}, {"LOWER": "than"}, {"LOWER": {"IN": ["during", "at", "in", "over", "on"]}},
     {"LOWER": {"IN": ["the", "our"]}, "OP": "?"}, {"LOWER": {"IN": ["peak", "busy", "busiest"]}},
     {"LOWER": {"IN": _BUSY_TIMES}, "OP": "?"}],
    # "in most cases", "most of the time"
    [{"LOWER": "in"}, {"LOWER": {"IN": ["most", "many", "some"]}}, {"LOWER": {"IN": ["cases", "instances"]}}],
    # "in almost all cases", "in nearly all instances", "in the vast majority of cases"
    [{"LOWER": "in"}, {"LOWER": {"IN": ["almost", "nearly", "virtually"]}}, {"LOWER": "all"},
     {"LOWER": {"IN": ["cases", "instances"]}}],
    [{"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": {"IN": ["vast", "great", "overwhelming"]}}, {"LOWER": "majority"},
     {"LOWER": "of"}, {"LOWER": {"IN": ["cases", "instances"]}}],
    [{"LOWER": "most"}, {"LOWER": "of"}, {"LOWER": "the"}, {"LOWER": "time"}],
]
# a modal of possibility between two words ("matters may take up to 6 weeks"), not the month
# ("by May 2027"), nor one in a relative clause that describes a thing ("notice of outages that may
# interrupt your supply": the outages may, the promise holds): the hedge is the modal alone
MODAL_PATTERN = [{"IS_ALPHA": True, "LOWER": {"NOT_IN": ["in", "by", "of", "until", "before", "since", "from", "to",
                                                          "end", "mid", "early", "late", "through", "during", "and",
                                                          "or", "the", "till", "that", "which", "who"]}},
                 {"LOWER": {"IN": ["might", "may"]}}, {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["and", "or", "to"]}}]
# a goal put as a possibility: "an objective might be to increase ...", "a key result could be to
# achieve ...": the hedge is 'might be'
POSSIBILITY_PATTERN = [{"LOWER": {"IN": ["might", "may", "could"]}}, {"LOWER": "be"}, {"LOWER": "to"}, {"IS_ALPHA": True}]
# after a bracket: "more time (up to 120 working days) may be needed"
MODAL_AFTER_BRACKET = [{"TEXT": ")"}, {"LOWER": {"IN": ["might", "may"]}}, {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["and", "or", "to"]}}]
# an effort in place of a result: "we will always work to resolve your claim within two working
# days", "we're working to improve", "identify and work to remove barriers"; not the noun ("a quote
# for work to be carried out", "work to agreed timescales"): 'work to' alone is the hedge
EFFORT_PATTERN = [{"LOWER": {"IN": ["we", "will", "'ll", "always", "shall", "to", "and", "continue", "continuously",
                                    "must", "i", "they", "also", "'re", "are", "is", "actively", "constantly"]}},
                  {"LOWER": {"IN": ["work", "works", "working"]}}, {"LOWER": "to"},
                  {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["be", "the", "a", "an", "our", "your", "their", "its", "this",
                                                           "that", "these", "those", "agreed", "plan", "schedule",
                                                           "deadline", "deadlines", "standard", "standards", "time"]}}]
HEDGE_LABEL = "hedges"
# every pattern above holds one of these: the matcher need not read a text without them (the
# look-ahead, their first letters, lets the search skip most positions at once)
HEDGE_KEYS = re.compile(r"(?i)\b(?=[pfrbhuesamcilgwd])(?:possib|striv|feasib|practic|reasonab|best\b|hardest|utmost|effort|depend|"
                        r"endeavo|steps?\b|attempt|earliest|might\b|may\b|could\s+be\s+to\b|able\b|can\b|cases\b|instances\b|most of|"
                        r"longer\b|power\b|appropriate\b|subject\b|allows?\b|permit|approved\b|available\b|secured\b|agreed\b|"
                        r"met\b|achieved\b|funded\b|granted\b|work(?:s|ing)?\s+to\b|peaks?\b|busy\b|busiest\b)")
