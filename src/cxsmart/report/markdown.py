"""The markdown summary, for $GITHUB_STEP_SUMMARY and merge-request comments: totals, the
per-letter table, the per-owner table, then the findings, cut to stay under GitHub's comment
limit (65,536 characters) with a line saying what was cut.

Text from the repository is neutralised for a log line (printable) and for markdown: no
HTML, no link or image, no table break, no @mention or #reference that would notify anyone.
"""

from __future__ import annotations

import re

from cxsmart.printable import printable
from cxsmart.report.data import LETTERS, Report, Row
from cxsmart.rule import LETTERS as CRITERIA

LIMIT = 65_536
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~@&$])")
_ICON = {"error": "✖", "warning": "⚠", "info": "ℹ"}


# What GitHub turns into a link by itself: URLs, www. names, GH-1 and #1 references, @mentions,
# commit ids. Shown as code, where nothing is linked (a '|' in it escaped for a table).
# (Tokens side by side are one code span: two would meet as a `` delimiter.)
_AUTOLINK = re.compile(r"(?i)(?:(?:https?|ftp|mailto|file):[^\s`]+|www\.[^\s`]+|gh-\d+|#\d+|@[\w-]+"
                       r"|(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,})+")


def md(text: str) -> str:
    """Repository text as inert markdown: every character markdown or HTML would read, escaped,
    and whatever GitHub would link by itself shown as code."""
    if not text:
        return ""
    shown, out, at = printable(text), [], 0
    for m in _AUTOLINK.finditer(shown):
        out.append(_SPECIAL.sub(r"\\\1", shown[at:m.start()]))
        out.append("`" + m.group().replace("|", "\\|") + "`")
        at = m.end()
    out.append(_SPECIAL.sub(r"\\\1", shown[at:]))
    return "".join(out)


def size(text: str) -> int:
    """Characters as GitHub counts them (UTF-16 code units: an emoji in a title counts two)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def render(report: Report, limit: int = LIMIT) -> str:
    head = _head(report, limit // 2)
    lines = []
    used = size(head) + 400                         # room for the note of what was cut
    shown = 0
    found = [(g, d) for g, _ in report.ordered() for d in g.findings] + [(None, d) for d in report.other]
    found.sort(key=lambda gd: (-gd[1].severity, gd[1].sort_key))
    for goal, d in found:
        line = _finding(goal, d)
        if used + size(line) + 1 > limit:
            break
        lines.append(line)
        used += size(line) + 1
        shown += 1
    out = head + ("\n## Findings\n\n" + "\n".join(lines) + "\n" if lines else "")
    if shown < len(found):
        out += (f"\n_{len(found) - shown} more finding{'s' if len(found) - shown != 1 else ''} not shown, to stay "
                f"under {limit:,} characters: run `cxsmart lint` or open the HTML report (`cxsmart report`) "
                "for all of them._\n")
    return out


def _head(report: Report, budget: int) -> str:
    """Totals and tables; the owner and objective tables cut (with a note) beyond `budget`."""
    total, c = report.total, report.counts
    verdict = "✅" if not any(c[s] for s in _levels(report.fail_on)) else "❌"
    lines = [f"# {verdict} cxsmart: CX goals report", "",
             f"**{total.goals}** goal{'s' if total.goals != 1 else ''} in {report.files} "
             f"file{'s' if report.files != 1 else ''}; **{total.clean}** ({total.share()}%) with no error or "
             f"warning. Findings: {c['error']} error{'s' if c['error'] != 1 else ''}, "
             f"{c['warning']} warning{'s' if c['warning'] != 1 else ''}, {c['info']} info.", "",
             "## By SMART letter", "", "| letter | criterion | goals passing | share |", "| --- | --- | ---: | ---: |"]
    lines += [f"| {x} | {CRITERIA[x]} | {total.passing[x]} of {total.goals} | {total.share(x)}% |" for x in LETTERS]
    for what, rows in (("owner", report.owners), ("objective", report.objectives)):
        lines += ["", f"## By {what}", "", _table_head(what)]
        used = size("\n".join(lines))
        for i, r in enumerate(rows):
            row = _row(r)
            if used + size(row) > budget:
                lines += ["", f"_{len(rows) - i} more {what}s not shown, to keep the summary short._"]
                break
            lines.append(row)
            used += size(row) + 1
        budget += budget // 2 if what == "owner" else 0         # the objectives get what is left
    return "\n".join(lines) + "\n"


def _levels(fail_on: str) -> list[str]:
    order = ["info", "warning", "error"]
    return order[order.index(fail_on):] if fail_on in order else ["warning", "error"]


def _table_head(what: str) -> str:
    letters = " | ".join(LETTERS)
    return f"| {what} | goals | no error or warning | {letters} |\n| --- | ---: | ---: |{' ---: |' * len(LETTERS)}"


def _row(r: Row) -> str:
    name = md(r.name) if r.name == r.key else f"{md(r.name)} (`{r.key.replace('`', '')}`)"
    if not r.goals:
        return f"| {name} | 0 | no goals |{' – |' * len(LETTERS)}"
    shares = " | ".join(f"{r.share(x)}%" for x in LETTERS)
    return f"| {name} | {r.goals} | {r.clean} ({r.share()}%) | {shares} |"


def _finding(goal, d) -> str:
    where = md(f"{d.path}:{d.span.line}")
    about = f" — goal {md(goal.label[:80])}" if goal is not None else ""
    hint = f" _({md(d.hint)})_" if d.hint else ""
    return f"- {_ICON[str(d.severity)]} **{d.code}** {md(d.message)}{hint} · {where}{about}"
