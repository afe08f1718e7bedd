"""Properties: whatever a file holds, loading and linting never raise, findings point inside
the file, and the result is deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import lint

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.sampled_from(["72%", "+5 pp", "x2", "2026-Q2", "31 February 2026", "csat", "cc",
                                     "within six months", "-30%", "6 min", "$1,450", "nope"]),
                    st.text(max_size=20))
KEYS = ["title", "id", "owner", "metric", "baseline", "target", "deadline", "start", "parent", "objective",
        "paired_with", "review", "actions", "due", "kpi", "controls", "goals", "objectives", "owners", "x"]
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)), max_leaves=20)


def check(text: str) -> None:
    found = lint(text)
    lines = text.splitlines() or [""]
    for d in found:
        assert 1 <= d.span.line <= max(len(lines), 1) + 1, (d.code, d.span)
        assert d.span.column >= 1
    assert found == lint(text)


@FAST
@given(st.text(max_size=300))
def test_arbitrary_text(text):
    check(text)


@FAST
@given(values)
def test_arbitrary_yaml_shaped_data(data):
    import io

    from ruamel.yaml import YAML

    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(data, out)
    check(out.getvalue())
