"""`cxsmart report --format markdown` and `cxsmart tree` on every team repository and on the
examples, as reviewed snapshots (tests/snapshots/report/<repo>.md): the verdict, the counts, the
objectives table, which findings are shown under which goal and where the list is cut, and the
cascade as the tree prints it, with every rule selected and 'now' pinned.

Regenerate (then review the diff, and name what changed in the commit message):

    CXSMART_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshot_report.py
"""

from __future__ import annotations

import pytest

from tests.snapshot import compare
from tests.test_snapshot_repos import PINNED, SOURCES, _copy


@pytest.mark.parametrize("name", list(SOURCES))
def test_the_report_and_tree_of_each_repository_are_as_reviewed(run_cli, tmp_path, monkeypatch, name):
    work = _copy(name, tmp_path)
    monkeypatch.chdir(work)
    code, report, err = run_cli("report", ".", "--format", "markdown", "-o", "-", *PINNED)
    assert code in (0, 1), err
    code, tree, err = run_cli("tree", ".", "--color", "never", *PINNED)
    assert code in (0, 1), err
    compare(f"report/{name}.md", f"{report}\n<!-- cxsmart tree -->\n{tree}")
