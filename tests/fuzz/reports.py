"""Fuzzing the reports (issue 13): a workspace with objectives, owners and a cascade of goals,
mutated, reported as HTML, as markdown and as the terminal tree. On top of what every run must
do: the page's markup is the template's (no tag from a goal file), the markdown summary stays
under GitHub's limit and holds no raw HTML from a goal file, and the tree prints no control
character."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from pathlib import Path

from tests.fuzz.cases import ROOT, Case
from tests.fuzz.harness import Lab, check, invoke
from tests.fuzz.mutate import mutate_bytes

PINNED = ["--no-cache", "--today", "2026-12-02"]
HOSTILE = [b"<script>alert(1)</script>", b"</textarea><img src=x onerror=alert(1)>", b"{{ 7*7 }}", b"{% raw %}",
           b"<!--", b"]]>", b"</style>", b"javascript:alert(1)", b"<a href='//x.example'>x</a>"]
GITHUB_LIMIT = 65_536


def report_case(rng: random.Random) -> Case:
    good = ROOT / "examples" / "good"
    files = {str(p.relative_to(good)): p.read_bytes() for p in sorted(good.rglob("*.yaml"))}
    for name in rng.sample(sorted(files), rng.randint(1, 3)):
        data = files[name]
        if rng.random() < 0.5:
            title = data.find(b"title: ")
            if title >= 0:
                at = title + len(b"title: ")
                data = data[:at] + b'"' + rng.choice(HOSTILE).replace(b'"', b"'") + b' ' + data[at:].replace(
                    b"\n", b'"\n', 1)
        files[name] = mutate_bytes(rng, data, list(files.values()), rounds=rng.choice([1, 1, 2]))
    return Case("reports", files, ["report", *PINNED])


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1


def run_report_case(lab: Lab, case: Case, template_tags: set[str]) -> tuple[object, list[str]]:
    ws = lab.workspace(case)
    try:
        page = invoke(ws, [*case.args, "--format", "html", "-o", "report.html", "."], lab.home)
        problems = check(ws, case.args, page)
        if page.code in (0, 1) and not problems:
            problems += _page_problems(ws / "report.html", template_tags)
        summary = invoke(ws, [*case.args, "--format", "markdown", "-o", "-", "."], lab.home)
        problems += check(ws, case.args, summary)
        if len(summary.out.encode("utf-16-le")) // 2 > GITHUB_LIMIT:
            problems.append(f"the markdown summary is {len(summary.out)} characters")
        if re.search(r"(?<!\\)<(script|img|textarea|style|a |iframe)", summary.out, re.I):
            problems.append("raw HTML from a goal file in the markdown summary")
        tree = invoke(ws, ["tree", "--no-cache", "--today", "2026-12-02", "."], lab.home)
        problems += check(ws, ["tree", "--format", "text"], tree)
        return page, problems
    finally:
        lab.done(ws)


def _page_problems(path: Path, template_tags: set[str]) -> list[str]:
    if not path.is_file():
        return ["no report.html written"]
    html = path.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    problems = []
    if parser.tags.get("script", 0) != 1:
        problems.append(f"the page has {parser.tags.get('script', 0)} script elements, not the template's one")
    extra = sorted(set(parser.tags) - template_tags)
    if extra:
        problems.append(f"tags the template never writes: {extra}")
    if re.search(r"(src|href)\s*=\s*[\"']?(https?:|//)", html, re.I):
        problems.append("the page links to the network")
    return problems


def template_tags() -> set[str]:
    """Every tag the report's templates (and the inline script's markup) can write."""
    folder = ROOT / "src" / "cxsmart" / "report" / "templates"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*")))
    return {t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", text)}
