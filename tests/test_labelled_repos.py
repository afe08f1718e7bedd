"""The team repositories written blind by CX experts (tests/repos/*/labels.yaml, labelled before any
run) are scored the way the product is judged (shared/tools/labelled_repo.py): sound goals that
pass the default gate (no error or warning), and labelled problems found. Each repository keeps at
least the figures it has now, so a change that costs a sound goal or a found problem fails here
and has to say why.

Held out (scored, never tuned on): council-heldout; electric-coop (written blind on 2026-12-06 and first
scored then: 33/34 sound goals pass the gate, 25/27 problems found); health-plan (2026-12-07, first scored
at 6cc184c: 29/34 and 36/51); airport-operator (the same day, 5/33 and 40/47 at 6cc184c and at 8310c7f
alike: its labeller counts goals with no baseline sound, which labelling.md and M002 do not; 39/47 since
session 16, when a bound written in a title, "(>=92%)", began to hold the level the target field gives: A002
and R004 each report one goal fewer there); food-delivery (session 12, first scored at 260a24f and at
5acf8fa: 30/31 and 44/55); ticketing and car-rental (session 13, first scored at a428955+ and 4183622: 11/12
and 110/127, 20/23 and 85/92); student-living, cinema-chain and dental-group (end of session 13, first
scored at 36f38be or 81ba407 and at a428955 alike: 19/23 and 94/113, 15/17 and 70/86, 26/26 and 71/81);
courts-service and ferry-operator (session 14, first scored at 9da8183: 18/23 and 101/112, 15/15 and
117/132); charity-supporter-care and facilities-helpdesk (later in session 14, first scored at 9da8183 and
at 5e5aa69 alike: 20/21 and 71/84, 19/22 and 71/85); pharmacy-chain and home-warranty (end of session 14,
first scored at 9da8183 and at 4e14a1d: 16/20 and 79/92 both; 26/29 and 27/29, 60/69 both); nz-council
(session 15, first scored at c15324f: 24/26 and 80/90); waste-contractor (session 16, first scored at
f5c3015: 15/18 and 116/129); online-learning (later in session 16, first scored with this session's rule
changes before money per period, change nouns and paces: 21/22 and 73/87, the same since); gp-practice (end
of session 16, first scored once own-year deadlines and numbers in a name were read: 9/11 and 96/117);
roadside-assistance (session 17, first scored at 4a3353b and with that session's first rule changes, the
same: 34/38 and 27/38); gym-equipment-retailer (session 18, first scored at 8c9eb2f: 36/39 and 54/65);
furniture-retailer (session 19, first scored at 19e3dea: 36/40 and 55/63).

Tuning: optician-chain and employment-services, written blind in session 17 (first scored at 4a3353b:
35/39 and 39/54, 34/38 and 49/55); city-311 (first scored 23/23 and 64/90, before numbers in a name such as "every 311 email" stopped
being read as targets) and fashion-ecommerce (first scored 18/22 and 96/104, before European amounts, key
results counted with their objective, a guardrail named in notes and rings as a window); car-dealer-service
(first scored like online-learning: 18/20 and 71/88) and strata-manager (first scored after those changes:
16/19 and 89/102), and payroll-saas and solar-installer, written blind in session 16 (first scored at
f5c3015: 14/16 and 95/113, 11/15 and 88/115); toll-road and hearing-clinics, written blind in session 15
(first scored at c15324f: 14/20 and 75/88, 19/24 and 57/72); broadband-isp, mortgage-lender and gas-network,
written blind in session 14 (first scored at 9da8183: 21/27 and 80/88, 21/26 and 59/68, 17/21 and 83/96);
home-care, vet-group, credit-union, library-leisure and bike-share, written blind in session 13 (first
scored 16/20, 23/25, 16/19, 18/22 and 19/24 sound goals passing the gate), and streaming-service,
building-society, tour-operator, letting-agency, fitness-club and passport-office, written blind in session
12 (13 to 22 sound goals each: the labellers found most published sentences unsound), and the older ones.

Four floors were lowered, each by one, and why (session 19): streaming-service's ms-hold-status, "No caller
should be left on hold more than 90 seconds", passed only because "hold" in "on hold" was read as a verb
that keeps a level; it is now a standard of none with no baseline, as "No caller will wait longer than 10
minutes" always was (M002; the one labelled sentence of that form counts its baseline missing).
tour-operator, toll-road and pharmacy-chain (held out, the count seen only) each find one labelled
problem fewer, as an S finding of another code: the goal's own verb is now found in more shapes (after
"We" in the present tense, in a passive with an irregular participle, after a condition with no comma),
and a goal labelled vague-wording whose verb does something ("We always give travellers all the
information they need to make their trip worry-free", "we will give that application proper
consideration") is reported as S002's activity, not S001's vague outcome; the held-out sentence sets
gained (published-b, -d, -s, -u, -x)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.snapshot import HELD_OUT_REPOS

REPOS = Path(__file__).parent / "repos"
CODES = {"vague-wording": "S001", "activity-not-outcome": "S002", "compound-goal": "S003", "hedged-wording": "S004",
         "abstract-object": "S005", "no-metric": "M001", "no-baseline": "M002", "no-target": "M003",
         "direction-contradiction": "M004", "out-of-range": "M005", "ambiguous-percent": "M006",
         "unit-mismatch": "M007", "implausible-change": "A001", "already-achieved": "A002", "trivial-change": "A004",
         "no-objective": "R001", "no-owner": "R002", "owner-cannot-affect": "R003", "conflicting-incentive": "R004",
         "no-deadline": "T001", "vague-deadline": "T002", "past-deadline": "T003", "deadline-before-start": "T004",
         "relative-deadline": "T006", "invalid-date": "T007", "yearless-deadline": "T009"}
# (sound goals that fail the default gate at most, labelled problems found at least), 2026-12-07
FLOORS = {
    "insurer": (2, 45), "airline": (2, 39), "hospital": (0, 29), "saas-support": (0, 32), "water-utility": (0, 32),
    "housing-association": (0, 36), "energy-retailer": (0, 29), "us-retailer": (0, 36), "retail-bank": (0, 45),
    "transit-operator": (0, 29), "licensing-agency": (0, 27), "university": (0, 31), "parcel-courier": (0, 32),
    "hotel-group": (0, 32), "benefits-agency": (0, 31), "online-grocery": (0, 32), "pension-scheme": (0, 38),
    "mobile-telco": (0, 28), "marketplace-okrs": (0, 34), "tax-agency": (0, 26), "vehicle-leasing": (1, 43),
    "neobank-support": (0, 36), "council-heldout": (1, 37), "electric-coop": (0, 25), "health-plan": (4, 36),
    "airport-operator": (23, 39), "streaming-service": (5, 102), "building-society": (1, 91),
    "food-delivery": (0, 44), "tour-operator": (1, 96), "letting-agency": (0, 88), "fitness-club": (1, 91),
    "passport-office": (0, 99), "home-care": (0, 97), "ticketing": (0, 111), "vet-group": (0, 80),
    "car-rental": (1, 85), "credit-union": (1, 102), "library-leisure": (2, 86), "bike-share": (2, 80),
    "student-living": (3, 95), "cinema-chain": (2, 71), "dental-group": (0, 71), "broadband-isp": (1, 80),
    "mortgage-lender": (1, 59), "courts-service": (5, 101), "ferry-operator": (0, 117), "gas-network": (1, 83),
    "charity-supporter-care": (1, 71), "facilities-helpdesk": (3, 73), "pharmacy-chain": (4, 78),
    "home-warranty": (1, 60), "toll-road": (2, 76), "hearing-clinics": (2, 57), "nz-council": (0, 80),
    "waste-contractor": (3, 116), "payroll-saas": (1, 99), "solar-installer": (1, 92), "online-learning": (1, 73),
    "car-dealer-service": (0, 72), "strata-manager": (1, 89), "gp-practice": (2, 97), "fashion-ecommerce": (0, 96),
    "city-311": (0, 71), "employment-services": (1, 52), "optician-chain": (2, 41), "roadside-assistance": (4, 27),
    "gym-equipment-retailer": (3, 54), "furniture-retailer": (4, 55),
}


def score(repo: Path, tmp: Path) -> tuple[int, int, int, int, list[str]]:
    """(sound goals failing the gate, sound goals, problems found, problems labelled, what failed)."""
    labels = {g["id"]: g for g in YAML(typ="safe").load((repo / "labels.yaml").read_text())["goals"]}
    work = shutil.copytree(repo / "goals-repo", tmp / "repo")      # its own git repository, as the team has it
    subprocess.run(["git", "init", "-q", "."], cwd=work, check=True)
    run = subprocess.run([sys.executable, "-m", "cxsmart", "lint", ".", "--format", "json", "--today", "2026-12-01",
                          "--no-cache"], cwd=work, capture_output=True, text=True, timeout=300)
    assert run.returncode in (0, 1), run.stderr
    found: dict[str, list[dict]] = {}
    for d in json.loads(run.stdout)["diagnostics"]:
        found.setdefault(d.get("goal"), []).append(d)
    gated, hits, total, why = 0, 0, 0, []
    for gid, label in labels.items():
        mine = found.get(gid, [])
        if label.get("sound"):
            blocking = sorted({d["code"] for d in mine if d["severity"] in ("error", "warning")})
            if blocking:
                gated += 1
                why.append(f"sound {gid}: {blocking}")
        for problem in label.get("problems") or []:
            code = CODES.get(problem)
            if code is None:
                continue
            total += 1
            if any(d["code"] == code for d in mine):
                hits += 1
            else:
                why.append(f"missed {problem} on {gid}")
    return gated, sum(1 for g in labels.values() if g.get("sound")), hits, total, why


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_a_team_repository_keeps_its_figures(name, tmp_path):
    gated, sound, hits, total, why = score(REPOS / name, tmp_path)
    if name in HELD_OUT_REPOS:
        why = ["(held out: which goals is not shown, so that nobody tunes on them)"]
    most_gated, least_found = FLOORS[name]
    assert sound >= 10 and total >= 25, "a labelled repository too small to say anything"
    assert gated <= most_gated, f"{gated}/{sound} sound goals fail the gate (at most {most_gated}): " + "; ".join(why)
    assert hits >= least_found, f"{hits}/{total} labelled problems found (at least {least_found}): " + "; ".join(why)


def test_every_labelled_repository_is_scored():
    labelled = {p.parent.name for p in REPOS.glob("*/labels.yaml")}
    assert labelled == set(FLOORS)
