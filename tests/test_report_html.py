"""The HTML report as a reader meets it, in a real headless Chromium (Debian's `chromium`,
driven by Playwright with that browser: `playwright install` is never needed): the scorecard
shows the lint result's numbers, the cascade has every goal once, the filters change what is
visible, the page asks the network for nothing and logs no error, and a hostile title is text.

Without a Chromium the browser tests skip, saying why; in CI (CI=true) they must run: .ci/run
installs the browser. Screenshots of examples/good and examples/bad go to build/screenshots/.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "screenshots"
PINNED = ["--today", "2026-11-23"]
CHROMIUM = os.environ.get("CXSMART_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI") == "true"            # read at collection, before conftest unsets it
HOSTILE = "Raise CSAT <script>alert(1)</script></textarea> {{ 7*7 }} {% raw %} & 'q' from 70% to 75% by 2027-06-30"


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install '.[test]')"
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does it in CI)"
    return None


@pytest.fixture(scope="module")
def browser():
    why = _browser_missing()
    if why:
        if IN_CI:
            pytest.fail(f"CI must run the browser tests: {why}")
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def examples(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path / "examples"


class Page:
    """A report opened in Chromium, with every request and console message recorded."""

    def __init__(self, browser, path: Path, dark: bool = False):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900},
                                     color_scheme="dark" if dark else "light")
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.goto(self.url)

    def shown(self) -> list[str]:
        return self.page.eval_on_selector_all("li.goal:not([hidden]):not(.ctx)", "els => els.map(e => e.id)")

    def close(self) -> None:
        assert self.requests == [self.url], "the page asked for more than itself"
        assert self.errors == []
        self.page.close()


def _write(run_cli, folder: str, name: str = "report.html") -> Path:
    code, _, err = run_cli("report", folder, "-o", name, *PINNED)
    assert code == 0, err
    return Path(name).resolve()


def _expected(run_cli, folder: str) -> tuple[int, dict[str, int]]:
    """From `lint --format json`, independently: goals, and per letter the goals it passes."""
    _, out, _ = run_cli("lint", folder, "--format", "json", *PINNED)
    doc = json.loads(out)
    failing: dict[str, set] = {x: set() for x in "SMARTFP"}
    for d in doc["diagnostics"]:
        if d["code"][0] in failing and d["severity"] in ("error", "warning") and d["goal"]:
            failing[d["code"][0]].add((d["path"], d["goal"]))
    return doc["goals"], {x: doc["goals"] - len(s) for x, s in failing.items()}


@pytest.mark.parametrize("folder", ["good", "bad"])
def test_scorecard_and_cascade_in_chromium(browser, run_cli, examples, folder):
    path = _write(run_cli, f"examples/{folder}")
    goals, passing = _expected(run_cli, f"examples/{folder}")
    page = Page(browser, path)
    total = page.page.eval_on_selector("table.score tbody tr", """row => Object.fromEntries(
        [...row.querySelectorAll('[data-n]')].map(c => [c.dataset.n, c.dataset.count || c.textContent]))""")
    assert int(total["goals"]) == goals
    assert {x: int(total[x]) for x in "SMARTFP"} == passing
    chart = page.page.eval_on_selector_all(".bar-value", "vs => vs.map(v => v.textContent)")
    assert [c.split("(")[1] for c in chart] == [f"{passing[x]} of {goals})" for x in "SMARTFP"]
    headers = page.page.eval_on_selector_all("table.score[data-table='2'] thead th",
                                             "hs => hs.map(h => [h.textContent, h.querySelector('button').title])")
    assert headers[3:] == [["S", "Specific"], ["M", "Measurable"], ["A", "Attainable"], ["R", "Relevant"],
                           ["T", "Time-bound"], ["F", "File and format"], ["P", "Plan"]]
    ids = page.page.eval_on_selector_all("li.goal", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids)) == goals
    shown_ids = Counter(page.page.eval_on_selector_all("li.goal .gid", "els => els.map(e => e.textContent)"))
    assert sum(shown_ids.values()) == goals                 # 'nps-typos' twice: two goals share the id (F003)
    assert all(n == 1 for i, n in shown_ids.items() if i != "nps-typos")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / f"report-{folder}.png"), full_page=False)
    page.close()


def test_the_scorecard_adds_up(browser, run_cli, tmp_path):
    """A team whose every goal has a file or format finding (here an unknown owner reference
    and a key the format does not know) shows 0 clean goals, and a column that says why: F."""
    Path("goals.yaml").write_text(
        "objectives:\n  - {id: o, title: Grow retention, kpi: churn_rate}\n"
        "owners:\n  - {id: care, controls: [csat]}\n"
        "goals:\n" + "".join(
            f"  - id: g{i}\n    title: Increase CSAT from 70% to 75% by 30 June 2027\n    objective: o\n"
            f"    owner: care\n    metric: csat\n    baseline: 70%\n    target: 75%\n    start: 2027-01-01\n"
            f"    deadline: 2027-06-30\n    review: monthly\n    paired_with: nowhere-{i}\n" for i in range(3)),
        encoding="utf-8")
    _, out, _ = run_cli("lint", "goals.yaml", "--format", "json", *PINNED)
    assert {d["code"] for d in json.loads(out)["diagnostics"]} == {"F004"}
    page = Page(browser, _write(run_cli, "goals.yaml"))
    rows = page.page.eval_on_selector_all("table.score tbody tr", """rows => rows.map(row => Object.fromEntries(
        [...row.querySelectorAll('[data-n]')].map(c => [c.dataset.n, c.dataset.count || c.textContent])))""")
    for row in rows:                                 # the workspace, owner 'care', objective 'o'
        assert row["clean"].startswith("0 ") and row["F"] == "0"
        assert all(row[x] == "3" for x in "SMARTP")
    page.close()


def test_filters_search_and_keyboard(browser, run_cli, examples):
    page = Page(browser, _write(run_cli, "examples/bad"))
    p = page.page
    everything = page.shown()
    p.select_option("#f-sev", "error")
    errors = page.shown()
    assert 0 < len(errors) < len(everything)
    assert all("error" in p.get_attribute(f"#{k}", "data-f") for k in errors)
    p.select_option("#f-letter", "T")
    assert set(page.shown()) < set(errors)
    assert all(":error" in t and "T:error" in t for t in (p.get_attribute(f"#{k}", "data-f") for k in page.shown()))
    p.click("#f-reset")
    assert page.shown() == everything
    p.focus("#f-q")
    p.keyboard.type("q2-")
    assert [p.inner_text(f"#{k} .gid") for k in page.shown()] == [f"q2-{i}" for i in range(1, 6)]
    assert p.inner_text("#shown") == f"5 of {len(everything)} goals shown."
    p.keyboard.press("Tab")                         # keyboard: reset, then open a goal card
    p.keyboard.press("Enter")
    assert page.shown() == everything
    p.focus(f"#{everything[1]} summary")
    p.keyboard.press("Enter")
    assert p.is_visible(f"#{everything[1]} .card")
    p.select_option("#f-owner", "agents")
    assert [p.inner_text(f"#{k} .gid") for k in page.shown()] == ["agent-aht"]
    page.close()


def test_sorting_and_rule_pages(browser, run_cli, examples):
    page = Page(browser, _write(run_cli, "examples/bad"))
    p = page.page
    table = "table.score[data-table='2']"
    names = lambda: p.eval_on_selector_all(f"{table} tbody tr", "rs => rs.map(r => r.dataset.key)")  # noqa: E731
    p.click(f"{table} thead button[data-col='1']")
    counts = p.eval_on_selector_all(f"{table} tbody td[data-n=goals]", "cs => cs.map(c => +c.textContent)")
    assert counts == sorted(counts)
    assert p.get_attribute(f"{table} thead th:nth-child(2)", "aria-sort") == "ascending"
    p.click(f"{table} thead button[data-col='1']")
    assert names()[0] == "call-centre"
    card = "li.goal:has(.gid:text-is('nps-moonshot'))"
    p.hover(f"{card} .chips i:nth-child(2)")
    assert p.get_attribute(f"{card} .chips i:nth-child(2)", "title") == "Measurable: error"
    assert p.get_attribute(f"{card} .chips", "aria-label") == (
        "Specific: pass, Measurable: error, Attainable: warning, Relevant: pass, Time-bound: pass")
    typo = "li.goal:has(.gid:text-is('deadline-typo')) .chips"           # a file finding: its chip follows
    assert p.inner_text(typo).endswith("F!") and p.get_attribute(typo, "aria-label").endswith("File: warning")
    p.click(f"{card} summary")
    p.click(f"{card} a[href='#rule-M005']")
    assert p.is_visible("#rule-M005 pre") and "## Why it matters" in p.inner_text("#rule-M005 pre")
    page.close()


def test_dark_mode_contrast_and_colour_not_the_only_signal(browser, run_cli, examples):
    path = _write(run_cli, "examples/bad")
    for dark in (False, True):
        page = Page(browser, path, dark=dark)
        ratios = page.page.evaluate("""() => {
            const lum = c => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(v => {
                v = v / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const bg = getComputedStyle(document.body).backgroundColor;
            const out = {};
            for (const s of ['p', 'i', 'w', 'e']) {
                const c = getComputedStyle(document.querySelector('.chips i.' + s));
                out[s] = ratio(c.color, c.backgroundColor);
            }
            for (const sel of ['body', '.note', '.meta', 'mark', 'a']) {
                const e = document.querySelector(sel), c = getComputedStyle(e);
                const back = c.backgroundColor === 'rgba(0, 0, 0, 0)' ? bg : c.backgroundColor;
                out[sel] = ratio(c.color, back);
            }
            out.dark = lum(bg) < 0.2;
            return out;
        }""")
        assert ratios.pop("dark") is dark
        assert all(r >= 4.5 for r in ratios.values()), ratios
        symbols = page.page.eval_on_selector_all(".chips i", "cs => new Set(cs.map(c => c.textContent.slice(1))).size")
        assert symbols >= 3                         # ✓ ! ✗ (and i): the state is text, not only colour
        page.page.emulate_media(media="print")
        assert page.page.is_hidden(".filters")
        page.close()


def test_hostile_title_is_text(browser, run_cli, tmp_path):
    Path("goals.yaml").write_text(
        "objectives:\n  - {id: o, title: 'Objective </script><b>x</b>'}\n"
        f"goals:\n  - id: hostile\n    title: \"{HOSTILE}\"\n    objective: o\n    owner: \"<img src=x onerror=alert(2)>\"\n"
        "  - id: bidi\n    title: \"Raise NPS \\u202eevil\"\n    objective: o\n",
        encoding="utf-8")
    path = _write(run_cli, "goals.yaml")
    html = path.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html and "{{ 7*7 }}" in html
    page = Page(browser, path)
    assert page.page.inner_text("#g1 .gt") == HOSTILE
    assert page.page.inner_text("#g2 .gt") == "Raise NPS \\u202eevil"      # shown, not obeyed
    assert "Objective </script><b>x</b>" in page.page.inner_text("section.branch h3")
    page.close()


def test_same_input_same_bytes_with_or_without_the_cache(run_cli, examples):
    first = _write(run_cli, "examples/bad", "one.html").read_bytes()      # linted, the result stored
    second = _write(run_cli, "examples/bad", "two.html").read_bytes()     # the stored result, files re-read
    code, _, _ = run_cli("report", "examples/bad", "-o", "three.html", "--no-cache", *PINNED)
    assert first == second == Path("three.html").read_bytes()
    assert b"<script src" not in first and b"<link rel=\"stylesheet\"" not in first


def test_cascade_reaches_individuals(run_cli, examples):
    html = _write(run_cli, "examples/good").read_text(encoding="utf-8")
    assert html.count("Amina Otieno, contact-centre team lead (person)") == 2
    import re

    keys = dict((m.group(2), m.group(1)) for m in re.finditer(r'<li class="goal" id="(g\d+)".*?<span class="gid">([^<]+)', html))
    amina = re.search(rf'<li class="goal" id="{keys["amina-fcr-q1"]}"[^>]*>', html).group()
    assert f'data-p="{keys["cc-fcr-2027"]}"' in amina and 'data-d="2"' in amina    # corporate > team > person
