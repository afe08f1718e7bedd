"""Every rule against its YAML case file in tests/rules/: failing goals fire it at exactly
the listed positions, passing goals do not fire it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cxsmart.settings.config import Config
from tests.conftest import TODAY, lint

CASES_DIR = Path(__file__).parent / "rules"


def _cases():
    yaml = YAML(typ="safe", pure=True)
    for path in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"))
        for name, case in doc["cases"].items():
            # a case that shows a known bug: `xfail: <the bug>` (strict: it fails until fixed)
            marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=case["xfail"])] if "xfail" in case else []
            yield pytest.param(doc["rule"], case, doc.get("today"), id=f"{doc['rule']}-{name}", marks=marks)


def _positions(case) -> list[dict]:
    at = case.get("at", [])
    return at if isinstance(at, list) else [at]


@pytest.mark.parametrize("code,case,today", list(_cases()))
def test_rule_case(code: str, case: dict, today):
    texts = case.get("files") or case.get("fail") or case.get("pass")
    config = Config.model_validate(case["config"]) if "config" in case else None
    pinned = dt.date.fromisoformat(str(today)) if today else TODAY
    if "fail" in case and "pass" in case:       # a case may show both sides: the passing goal is checked too
        quiet = [d for d in lint(case["pass"], select=[code], today=pinned, config=config) if d.code == code]
        assert quiet == [], f"{code} fired on the case's passing goal: {[d.message for d in quiet]}"
    everything = lint(texts, select=[code, "F008"], today=pinned, config=config)
    crashed = [d.message for d in everything if d.code == "F008" and code != "F008"]
    assert crashed == [], f"{code} raised on this case: {crashed}"
    found = [d for d in everything if d.code == code]
    failing = "fail" in case or case.get("expect") == "fail"
    if failing:
        assert all({"line", "column", "end_line", "end_column"} <= set(w) for w in _positions(case)), \
            "a failing case asserts its full span: line, column, end_line, end_column"
    if not failing:
        assert found == [], f"{code} fired on a passing case: {[d.message for d in found]}"
        return
    expected = _positions(case)
    assert expected, "a failing case must list where the finding is"
    got = []
    for d, want in zip(found, expected):
        pos = {"line": d.span.line, "column": d.span.column}
        for extra in ("end_line", "end_column"):
            if extra in want:
                pos[extra] = getattr(d.span, extra)
        if "path" in want:
            pos["path"] = d.path
        got.append(pos)
    assert len(found) == len(expected), f"expected {len(expected)} {code} findings, got: " + \
        "; ".join(f"{d.span.line}:{d.span.column} {d.message}" for d in found)
    assert got == [{k: v for k, v in w.items() if k not in ("message", "hint")} for w in expected]
    for d, want in zip(found, expected):
        for words in ([want["message"]] if isinstance(want.get("message"), str) else want.get("message", [])):
            assert words in d.message, f"'{words}' not in '{d.message}'"
        if "hint" in want:
            assert want["hint"] in (d.hint or ""), f"'{want['hint']}' not in the hint '{d.hint}'"
    if "fixed" in case:                       # the text after every fix of this rule (golden)
        from cxsmart.fix.apply import apply, choose

        fixes = [d.fix for d in found if d.fix]
        assert fixes, f"{code} offered no fix"
        assert apply(texts, choose(fixes)) == case["fixed"]
