"""The README's rule table is generated from the rules (`cxsmart rules --format markdown`)."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_rule_table_is_current(run_cli):
    code, table, _ = run_cli("rules", "--format", "markdown")
    text = README.read_text(encoding="utf-8")
    start, end = text.index("<!-- rules:start -->\n") + len("<!-- rules:start -->\n"), text.index("<!-- rules:end -->")
    assert text[start:end].strip() == table.strip(), "regenerate the table with: cxsmart rules --format markdown"


def test_first_commands_are_install_lint_and_test():
    commands = [l.strip() for l in README.read_text(encoding="utf-8").splitlines() if l.startswith("    ")][:2]
    assert commands[0].endswith("cxsmart lint examples/bad") and "pip install ." in commands[0]
    assert commands[1] == ".venv/bin/pip install '.[test]' && .venv/bin/python -m pytest -q"
