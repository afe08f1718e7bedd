"""The markdown summary, for $GITHUB_STEP_SUMMARY and merge-request comments: totals, the
per-letter table (the SMART letters, then F for file and format and P for plan, so that the
goals with no error or warning are those passing every row), the per-owner table, then the
findings: the goals' findings first (errors first), then the file and format findings (F, and
any finding on no goal) grouped per file, all cut to stay under GitHub's comment limit (65,536
characters) with a line saying what was cut.

Text from the repository is neutralised for a log line (printable) and for markdown: no
HTML, no link or image, no table break, no @mention or #reference that would notify anyone.
"""

from __future__ import annotations

import re

from cxsmart.common.printable import printable
from cxsmart.report.data import Report, Row, column_name

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
    used = size(head) + 400                         # room for the note of what was cut
    goal_found, by_file = _sections(report)
    total = len(goal_found) + sum(len(found) for found in by_file.values())
    shown = 0
    out = head
    sections = [("## Findings on goals", None, goal_found)]
    sections += [("## File and format findings" if i == 0 else "", path, found)
                 for i, (path, found) in enumerate(sorted(by_file.items()))]
    for title, path, found in sections:
        lines = []
        for goal, d in found:
            line = _finding(goal, d, path is None)
            if used + size(line) + 1 > limit:
                break
            lines.append(line)
            used += size(line) + 1
        if lines:
            heading = (f"\n{title}\n" if title else "") + (f"\n### {md(path)}\n" if path is not None else "")
            out += heading + "\n" + "\n".join(lines) + "\n"
            used += size(heading) + 1
            shown += len(lines)
        if len(lines) < len(found):
            break
    if shown < total:
        out += (f"\n_{total - shown} more finding{'s' if total - shown != 1 else ''} not shown, to stay "
                f"under {limit:,} characters: run `cxsmart lint` or open the HTML report (`cxsmart report`) "
                "for all of them._\n")
    return out


def _sections(report: Report):
    """The goals' findings (errors first), and per file the file and format findings: the F
    findings on goals and every finding on no goal, in the order of the file."""
    goal_found, by_file = [], {}
    for goal, d in [(g, d) for g, _ in report.ordered() for d in g.findings] + [(None, d) for d in report.other]:
        if goal is not None and d.code[:1] != "F":
            goal_found.append((goal, d))
        else:
            by_file.setdefault(d.path, []).append((goal, d))
    goal_found.sort(key=lambda gd: (-gd[1].severity, gd[1].sort_key))
    for found in by_file.values():
        found.sort(key=lambda gd: gd[1].sort_key)
    return goal_found, by_file


def _head(report: Report, budget: int) -> str:
    """Totals and tables; the owner and objective tables cut (with a note) beyond `budget`."""
    total, c = report.total, report.counts
    verdict = "✅" if not any(c[s] for s in _levels(report.fail_on)) else "❌"
    lines = [f"# {verdict} cxsmart: CX goals report", "",
             f"**{total.goals}** goal{'s' if total.goals != 1 else ''} in {report.files} "
             f"file{'s' if report.files != 1 else ''}; **{total.clean}** ({total.share()}%) with no error or "
             f"warning. Findings: {c['error']} error{'s' if c['error'] != 1 else ''}, "
             f"{c['warning']} warning{'s' if c['warning'] != 1 else ''}, {c['info']} info.", "",
             "## By letter", "", "| letter | criterion | goals passing | share |", "| --- | --- | ---: | ---: |"]
    lines += [f"| {x} | {column_name(x)} | {total.passing[x]} of {total.goals} | {total.share(x)}% |"
              for x in report.columns]
    for what, rows in (("owner", report.owners), ("objective", report.objectives)):
        lines += ["", f"## By {what}", "", _table_head(what, report.columns)]
        used = size("\n".join(lines))
        for i, r in enumerate(rows):
            row = _row(r, report.columns)
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


def _table_head(what: str, columns: tuple[str, ...]) -> str:
    letters = " | ".join(columns)
    return f"| {what} | goals | no error or warning | {letters} |\n| --- | ---: | ---: |{' ---: |' * len(columns)}"


def _row(r: Row, columns: tuple[str, ...]) -> str:
    name = md(r.name) if r.name == r.key else f"{md(r.name)} (`{r.key.replace('`', '')}`)"
    if not r.goals:
        return f"| {name} | 0 | no goals |{' – |' * len(columns)}"
    shares = " | ".join(f"{r.share(x)}%" for x in columns)
    return f"| {name} | {r.goals} | {r.clean} ({r.share()}%) | {shares} |"


def _finding(goal, d, with_path: bool = True) -> str:
    where = md(f"{d.path}:{d.span.line}" if with_path else f"line {d.span.line}")
    about = f" — goal {md(goal.label[:80])}" if goal is not None else ""
    hint = f" _({md(d.hint)})_" if d.hint else ""
    return f"- {_ICON[str(d.severity)]} **{d.code}** {md(d.message)}{hint} · {where}{about}"
