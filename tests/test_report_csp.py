"""The HTML report's Content-Security-Policy (issue 19, class 12): its own style sheet and script
are allowed by their SHA-256 and nothing inline besides, so a script that got into the page
(through goal text, or written into the file afterwards) does not run. Checked on the page's
bytes, and in Debian's Chromium (see test_report_html.py), where the page's own script must
still run with no violation reported."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.test_report_html import PINNED, Page, _write, browser  # noqa: F401  (browser: the fixture)

HOSTILE_GOALS = (
    "objectives:\n  - {id: o, title: 'Objective </script><script>window.pwned = \"objective\"</script>'}\n"
    "goals:\n"
    "  - id: top\n    title: \"Raise CSAT <script>window.pwned = 'title'</script> from 70% to 75% by 2027-06-30\"\n"
    "    objective: o\n    owner: \"<img src=x onerror=\\\"window.pwned = 'owner'\\\">\"\n"
    "  - id: child\n    title: \"<svg onload=\\\"window.pwned = 'svg'\\\"></svg> Cut AHT\"\n    objective: o\n"
    "    parent: top\n"
)
RAN = "(window.pwned = window.pwned || []).push"
INJECTED = (f'<script>{RAN}("script")</script><svg onload="{RAN}(\'svg\')"></svg>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" '
            f'onload="{RAN}(\'img\')">')


class _Parts(HTMLParser):
    """The page's CSP, the text of each <style> and <script>, and every attribute name."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.csp: list[str] = []
        self.inline: dict[str, list[str]] = {"style": [], "script": []}
        self.attributes: set[str] = set()
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.attributes.update(name for name, _ in attrs)
        found = dict(attrs)
        if tag == "meta" and (found.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(found["content"])
        if tag in self.inline:
            self._open = tag
            self.inline[tag].append("")

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        if self._open:
            self.inline[self._open][-1] += data


def _parts(html: str) -> _Parts:
    parts = _Parts()
    parts.feed(html)
    return parts


def _directives(csp: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in csp.split(";")) if d}


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _hostile_report(run_cli) -> Path:
    Path("goals.yaml").write_text(HOSTILE_GOALS, encoding="utf-8")
    return _write(run_cli, "goals.yaml")


def test_the_policy_allows_the_pages_own_style_and_script_by_hash_and_nothing_inline(run_cli, tmp_path):
    html = _hostile_report(run_cli).read_text(encoding="utf-8")
    parts = _parts(html)
    assert len(parts.csp) == 1 and "unsafe-inline" not in parts.csp[0] and "unsafe-hashes" not in parts.csp[0]
    policy = _directives(parts.csp[0])
    assert policy["default-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'none'"]
    assert len(parts.inline["script"]) == len(parts.inline["style"]) == 1      # the goal text made none
    assert policy["script-src"] == [_sha256(parts.inline["script"][0])]
    assert policy["style-src"] == [_sha256(parts.inline["style"][0])]
    # nothing the policy would block: no style attribute, no event handler attribute
    assert "style" not in parts.attributes and not [a for a in parts.attributes if a.startswith("on")]
    assert 'data-d="1"' in html and 'li.goal[data-d="1"] { --d: 1; }' in parts.inline["style"][0]


def test_the_hash_follows_the_script(run_cli, tmp_path, monkeypatch):
    """The hash is computed from what the page carries, not written down once: a changed script
    gets its own hash."""
    import jinja2

    from cxsmart.report import html as page

    first = _parts(_hostile_report(run_cli).read_text(encoding="utf-8"))
    real = page.environment

    def changed():
        env = real()
        js = env.loader.get_source(env, "report.js")[0]
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({"report.js": js + "// changed\n"}), env.loader])
        return env

    monkeypatch.setattr(page, "environment", changed)
    second = _parts(_write(run_cli, "goals.yaml", "two.html").read_text(encoding="utf-8"))
    assert second.inline["script"][0] == first.inline["script"][0] + "// changed\n"
    assert _directives(second.csp[0])["script-src"] == [_sha256(second.inline["script"][0])]
    assert _directives(second.csp[0])["script-src"] != _directives(first.csp[0])["script-src"]


def _pwned(page: Page):
    return page.page.evaluate("() => window.pwned === undefined ? null : window.pwned")


def test_the_pages_own_script_runs_and_an_injected_one_does_not(browser, run_cli, tmp_path):  # noqa: F811
    path = _hostile_report(run_cli)
    page = Page(browser, path)
    p = page.page
    assert _pwned(page) is None                               # the goal text's script and handlers: text
    assert p.evaluate("() => document.documentElement.classList.contains('js')")       # the script ran
    assert p.inner_text("li.goal:has(.gid:text-is('top')) .gt").startswith("Raise CSAT <script>")
    p.select_option("#f-sev", "error")                        # its interactive parts work
    assert p.inner_text("#shown").endswith("of 2 goals shown.")
    p.fill("#f-q", "cut aht")
    p.keyboard.press("Enter")                                 # Enter in the search box submits nothing
    assert p.url == page.url and p.inner_text("#shown") == "1 of 2 goals shown."
    # the style sheet's rules (not style attributes) size the bars and indent the cascade
    assert p.eval_on_selector("figure.chart .bar", "b => getComputedStyle(b).getPropertyValue('--p')").strip() \
        == p.get_attribute("figure.chart .bar", "data-w") + "%"
    child = "li.goal:has(.gid:text-is('child'))"
    assert p.eval_on_selector(child, "li => getComputedStyle(li).paddingLeft") != "0px"
    page.close()                                              # no console error: no CSP violation


@pytest.mark.parametrize("old_policy", [False, True])
def test_a_script_written_into_the_file_is_blocked(browser, run_cli, tmp_path, old_policy):  # noqa: F811
    """A script element and handlers inserted into the page after it was written do not run,
    and the console says the policy refused them. With the policy of before (scripts allowed
    inline), the same insertion runs: the check would see a page that let it through."""
    path = _hostile_report(run_cli)
    html = path.read_text(encoding="utf-8").replace("<body>", "<body>" + INJECTED, 1)
    if old_policy:
        html = re.sub(r'(<meta http-equiv="Content-Security-Policy" content=")[^"]*', r"\1default-src 'none'; "
                      r"style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:", html)
    path.write_text(html, encoding="utf-8")
    page = Page(browser, path)
    page.page.wait_for_load_state("load")                    # the image's load event
    if old_policy:
        assert sorted(_pwned(page)) == ["img", "script", "svg"]
        return
    assert _pwned(page) is None
    refused = [e for e in page.errors if "Content Security Policy" in e]
    assert any("inline script" in e for e in refused) and any("event handler" in e for e in refused), page.errors
    assert page.page.evaluate("() => document.documentElement.classList.contains('js')")   # its own still runs
    page.errors = [e for e in page.errors if e not in refused]
    page.close()
