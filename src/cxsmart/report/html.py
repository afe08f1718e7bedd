"""The HTML report: one self-contained page (styles and script inline, no network) rendered
from Jinja2 templates with autoescaping, so goal titles, messages and file names are always
text. The same input gives the same bytes: nothing in the page depends on the clock.
"""

from __future__ import annotations

from pathlib import Path

from cxsmart.diagnostics import Severity
from cxsmart.printable import html_text
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


def render(report: Report, registry=None, title: str | None = None) -> str:
    template = environment().get_template("report.html.j2")
    # autoescaping makes repository text inert markup; html_text, over the whole page (the
    # templates hold no such character), shows the controls that could reorder or hide it
    rows = [("Workspace", [report.total]), ("By owner", report.owners), ("By objective", report.objectives)]
    return html_text(template.render(report=report, title=title or "CX goals report", rows=rows,
                                     rules=rule_pages(report.codes, registry)))
