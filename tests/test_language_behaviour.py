"""The prose reader as a caller sees it: every fact it returns for sentences written in forms the
corpus rarely holds (spacing and signs before a number, a baseline said as 'now' or 'today', worded
percentages and times, opening clauses, adverbs after a modal, periods said in words), compared whole
with a reviewed file; how long a text it reads; and that the facts cache keys each text apart.

Review the file after writing it anew: CXSMART_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_language_behaviour.py
(Sentences here are not in LANGUAGE_TESTS of test_snapshot_language.py, so that snapshot does not move.)"""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pytest

from cxsmart.language import MAX_CHARS, Reader, analyse, text_hash
from cxsmart.read.packs import load_packs
from tests.snapshot import compare
from tests.test_snapshot_language import render

FORMS = [
    'Resolve  90% of complaints within 5 days',
    'Resolve ~90% of complaints within 5 days',
    'Resolve c. 90% of complaints within five days',
    'Resolve (90%) of complaints within 5 days by Q4 2027',
    'Raise CSAT to 90% from 88% today by June 2027',
    'Raise CSAT to 90% by June 2027; it is at 88% now',
    'Raise CSAT, currently 88%, to 90% by June 2027',
    'Cut churn by six per cent by March 2027',
    'Cut churn by six percent by March 2027',
    'Cut churn by twelve per cent from 30% by March 2027',
    'Raise NPS by six points by the end of 2027',
    'Raise first contact resolution by ten percentage points by 2027',
    'Answer calls within thirty seconds by Q2 2027',
    'Answer calls within three minutes for 80% of callers',
    'Cut abandoned calls from 12% to 8% within twelve months',
    'Raise CSAT from 70% to 75% within the next 18 months',
    'If budget allows, we will raise CSAT from 70% to 80% by 2027',
    'We will try to significantly improve CSAT from 70% to 80% by 2027',
    'Our aim is to raise NPS from 20 to 30 by Q3 2027',
    'Reduce average handle time from 6 min to 5 min by December 2026',
    'Reduce average handle time from 6 minutes to 5:30 by December 2026',
    'Keep waits under 5 min from Q1 2027 to Q4 2027 for new customers',
    'Keep complaints below 50 a month in 2027',
    'Reduce repeat contacts by 15% year on year by 2027',
    'Halve the backlog of refund claims by September 2026',
    'Double online bookings by the end of next year',
    'Reduce cost to serve from £4.20 to £3.80 per contact by 2027',
    'Raise CSAT for business customers in the north from 70% to 75% by 2027',
    'Measured quarterly, raise CSAT from 70% to 75% by 2027',
    'Raise CSAT (measured monthly) from 70% to 75% by 2027',
    'Raise CSAT from 70% to 75% between January 2027 and June 2027',
    'Raise CSAT from 70% to 75% by 31/12/2027',
    'Raise CSAT from 70% to 75% by 2027-12-31, starting 2027-01-01',
    'Deliver a best-in-class, seamless experience for customers',
    'Ensure that customers are happy with our service',
    'Provide excellent support as soon as possible',
    'Reduce complaints as much as possible by 2027',
    'Raise CSAT and NPS by 2027',
    'Cut response time to under 1 hour for 9 in 10 emails by 2027',
    'Resolve 80 per cent of queries at first contact by 2027',
    'Increase CSAT by 5pp by 2027',
    'Increase CSAT by 5 pp to 80% by 2027',
    'Reduce call volume by 10k calls a month by 2027',
    'Raise digital adoption to 60% in the next two quarters',
    'Raise NPS to 40 over the next year',
    'If we cannot resolve your complaint within 8 weeks, we will explain why',
    'If a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb, we will publish response times',
    'If a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc, we will publish response times',
    'Our website will clearly explain fees by 2027',
    'We are committed to publishing response times every month',
    '70% of inpatients to have their use recorded by 2027',
    'Departures are tracked and reviewed weekly',
    'To publish our service standards online by 2027',
    'Staff should proactively contact customers whose orders are late',
    "We'll call you back within 2 hours",
    'We aim to answer 90% of calls within 60 seconds',
    'Answer nine out of ten calls within a minute',
    'Answer chats within 90 secs',
    'Fix outages within 1.5 hrs',
    'Reply to letters within 48hrs',
    'Reduce waiting times to under ten minutes by 2027',
]


@pytest.fixture(scope="module")
def packs():
    return load_packs([])


@pytest.fixture(scope="module")
def reader(packs):
    return Reader(packs)


def test_every_fact_of_sentences_in_rarer_forms_is_as_reviewed(reader):
    read = dict(reader.read(FORMS))
    compare("language-rarer-forms.txt", "\n".join(render(t, read[t]) for t in FORMS) + "\n")


def test_a_text_is_read_up_to_its_ten_thousandth_character(reader):
    assert MAX_CHARS == 10_000
    head, tail = "Raise CSAT from 70% to 75% ", "by Q3 2027"
    text = head + "x" * (MAX_CHARS - len(head) - len(tail)) + tail
    assert len(text) == MAX_CHARS
    ((_, facts),) = list(reader.read([text]))
    assert (facts.target.value.value, facts.deadline.end, text[facts.deadline.start:facts.deadline.end]) == \
        (75.0, MAX_CHARS, "Q3 2027")
    longer = "y" + text                                   # one character more: the last, '7', is not read
    ((_, facts),) = list(reader.read([longer]))
    assert facts.target.value.value == 75.0
    assert facts.deadline is None or longer[facts.deadline.start:facts.deadline.end] != "Q3 2027"


class _MemoryCache:
    """The facts cache's interface, in memory: what analyse stores is what the next run finds."""

    enabled, in_memory = True, False

    def __init__(self):
        self.tables = {}

    def facts(self, packs_key):
        return dict(self.tables.get(packs_key, {}))

    def store_facts(self, packs_key, table):
        self.tables[packs_key] = dict(table)


def _goals(*titles):
    return [SimpleNamespace(goal=SimpleNamespace(title=t, description=None), facts=None) for t in titles]


def _seen(goal):
    f = goal.facts
    return tuple(None if x is None else (x.value, x.words) for x in (f.metric, f.baseline, f.target, f.deadline))


def test_the_facts_cache_keys_each_text_by_its_own_hash(packs):
    titles = ("Raise CSAT from 70% to 75% by Q3 2027", "Cut churn from 9% to 7% by 2028")
    cache = _MemoryCache()
    first = _goals(*titles)
    analyse(first, packs, cache)
    (table,) = cache.tables.values()
    assert sorted(table) == sorted(text_hash(t) for t in titles)
    assert text_hash(titles[0]) == hashlib.sha1(titles[0].encode("utf-8")).hexdigest()
    again = _goals(*reversed(titles))                      # from the cache: each title its own facts
    analyse(again, packs, cache)
    assert [_seen(g) for g in again] == [_seen(g) for g in reversed(first)]
    assert [_seen(g)[2] for g in first] == [(first[0].facts.target.value, "75%"), (first[1].facts.target.value, "7%")]
    assert [first[0].facts.target.value.value, first[1].facts.target.value.value] == [75.0, 7.0]
