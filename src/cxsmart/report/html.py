"""The HTML report: one self-contained page (styles and script inline, no network) rendered
from Jinja2 templates with autoescaping, so goal titles, messages and file names are always
text. The same input gives the same bytes: nothing in the page depends on the clock.

The page's Content-Security-Policy allows its one style sheet and its one script by their
SHA-256, computed here from the text the page carries, and nothing inline besides: no
'unsafe-inline', no style or event-handler attribute (bar widths and cascade depths are data
attributes the style sheet sizes), so markup that escaped the escaping could still run no
script of its own.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from cxsmart.diagnostics import Severity
from cxsmart.common.printable import html_text
from cxsmart.report.data import LETTERS, Report, column_name
from cxsmart.rule import LETTERS as CRITERIA

TEMPLATES = Path(__file__).parent / "templates"
ICONS = {"pass": "✓", "info": "i", "warning": "!", "error": "✗"}      # the state as text, not only colour


def environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.globals.update(letters=LETTERS, column_name=column_name, criteria=CRITERIA, icons=ICONS,
                       sev={s: str(s) for s in Severity})
    return env


def rule_pages(codes: list[str], registry) -> dict[str, tuple[str, str]]:
    """code -> (name, the page `cxsmart rule CODE` prints), for the codes with findings."""
    pages = {}
    for code in codes:
        rule = registry.find(code) if registry is not None else None
        pages[code] = (rule.name, rule.page()) if rule is not None else (code, f"{code}: no page for this code")
    return pages


def source_hash(text: str) -> str:
    """A CSP hash source for an inline element whose text is `text`."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(style: str, script: str) -> str:
    """The page's Content-Security-Policy: its own style sheet and script, data: images (the
    empty icon), and nothing else: no request, no base URL, no form submission."""
    return (f"default-src 'none'; style-src {source_hash(style)}; script-src {source_hash(script)}; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def render(report: Report, registry=None, title: str | None = None) -> str:
    env = environment()
    from markupsafe import Markup

    depth = max((d for _, d in report.ordered()), default=0)
    # html_text over the inline parts too, so that they are the page's text byte for byte
    style = html_text(env.get_template("report.css").render(depths=range(1, depth + 1)))
    script = html_text(env.get_template("report.js").render())
    # autoescaping makes repository text inert markup; html_text, over the whole page (the
    # templates hold no such character), shows the controls that could reorder or hide it
    rows = [("Workspace", [report.total]), ("By owner", report.owners), ("By objective", report.objectives)]
    return html_text(env.get_template("report.html.j2").render(
        report=report, title=title or "CX goals report", rows=rows, rules=rule_pages(report.codes, registry),
        style=Markup(style), script=Markup(script), csp=policy(style, script)))
