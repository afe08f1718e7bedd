"""The fix engine's safety checks: what it refuses to write, and the edge of what it accepts.
A fix that lands one column off, or on top of another, rewrites a team's goals wrongly; these
cases pin the refusals (Unfixable, a fix left for the next pass) and the nearest accepted edit."""

from __future__ import annotations

import codecs
import io
import os

import pytest

from cxsmart.diagnostics import Edit, Fix, Span
from cxsmart.fix.apply import Unfixable, apply, choose, decode, unified_diff
from cxsmart.fix.run import Outcome, _check_shape, report


def fix(*edits, message=""):
    return Fix(tuple(Edit(Span(*span), content) for span, content in edits), message=message)


# --- apply: positions ------------------------------------------------------------------------

def test_an_edit_ending_before_it_starts_is_refused():
    text = "a: 1\nb: 2\n"
    with pytest.raises(Unfixable, match="ends before it starts"):
        apply(text, [fix(((1, 4, 1, 3), "x"))])
    with pytest.raises(Unfixable, match="ends before it starts"):
        apply(text, [fix(((2, 1, 1, 4), "x"))])
    assert apply(text, [fix(((1, 4, 1, 4), "x"))]) == "a: x1\nb: 2\n"      # empty: an insertion


@pytest.mark.parametrize("text", ["a: 1\nb: 22\n", "a: 1\r\nb: 22\r\n", "a: 1\nb: 22"])
def test_the_column_one_past_the_line_end_is_the_last_one_accepted(text):
    # line 2 is "b: 22": five characters, so column 6 is its end (an insertion there appends)
    assert apply(text, [fix(((2, 6, 2, 6), "0"))]).splitlines()[1] == "b: 220"
    assert apply(text, [fix(((2, 4, 2, 6), "3"))]).splitlines()[1] == "b: 3"
    for span in ((2, 7, 2, 7), (2, 4, 2, 7), (2, 0, 2, 1), (0, 1, 0, 1), (3 if text.endswith("\n") else 9, 2, 3, 2)):
        with pytest.raises(Unfixable, match="is not in"):
            apply(text, [fix((span, "x"))])


def test_the_last_line_and_the_empty_line_after_a_final_break():
    assert apply("a: 1\n", [fix(((2, 1, 2, 1), "b: 2\n"))]) == "a: 1\nb: 2\n"
    with pytest.raises(Unfixable):
        apply("a: 1\n", [fix(((2, 2, 2, 2), "x"))])
    with pytest.raises(Unfixable):
        apply("a: 1\n", [fix(((3, 1, 3, 1), "x"))])


def test_a_bom_is_not_a_column():
    text = "\ufeffab: 1\n"
    assert apply(text, [fix(((1, 1, 1, 3), "cd"))]) == "\ufeffcd: 1\n"
    assert apply(text, [fix(((1, 6, 1, 6), "0"))]) == "\ufeffab: 10\n"
    with pytest.raises(Unfixable):
        apply(text, [fix(((1, 7, 1, 7), "x"))])


def test_a_line_break_in_an_edit_takes_the_line_s_own_ending():
    text = "a: 1\r\nb: 2\rc: 3"
    assert apply(text, [fix(((2, 5, 2, 5), "\nx: 9"))]) == "a: 1\r\nb: 2\rx: 9\rc: 3"
    assert apply(text, [fix(((1, 5, 1, 5), "\nx: 9"))]) == "a: 1\r\nx: 9\r\nb: 2\rc: 3"
    assert apply("a: 1", [fix(((1, 5, 1, 5), "\nb: 2"))]) == "a: 1\nb: 2"    # no ending yet: LF


def test_touching_edits_are_both_applied_in_order():
    text = "abcdef\n"
    both = [fix(((1, 1, 1, 3), "X")), fix(((1, 3, 1, 5), "Y"))]
    assert choose(both) == both
    assert apply(text, both) == "XYef\n"
    assert apply(text, [fix(((1, 3, 1, 3), "-"), ((1, 1, 1, 3), "+"))]) == "+-cdef\n"


def test_every_edit_of_several_fixes_lands():
    text = "ab\ncd\nef\n"
    fixes = [fix(((3, 1, 3, 2), "E")), fix(((1, 2, 1, 3), "B"), ((2, 1, 2, 3), ""))]
    assert apply(text, fixes) == "aB\n\nEf\n"


# --- choose: whole fixes, none overlapping --------------------------------------------------

def test_a_fix_whose_own_edits_overlap_is_never_taken():
    selfish = fix(((1, 1, 1, 4), "x"), ((1, 3, 1, 6), "y"), message="a")
    twice_here = fix(((2, 1, 2, 1), "x"), ((2, 1, 2, 1), "y"), message="b")
    fine = fix(((3, 1, 3, 2), "z"), message="c")
    assert choose([selfish, twice_here, fine]) == [fine]
    assert choose([selfish]) == []


def test_overlapping_fixes_the_first_wins_and_the_other_waits():
    first = fix(((1, 1, 1, 5), "x"), message="a")
    later = fix(((1, 4, 1, 9), "y"), message="b")
    apart = fix(((1, 9, 1, 10), "z"), message="c")        # touches `later`, not `first`
    assert choose([later, first, apart]) == [first, apart]
    inside = fix(((1, 2, 1, 2), "i"), message="d")        # an insertion inside `first`
    at_end = fix(((1, 5, 1, 5), "e"), message="e")        # an insertion where `first` ends
    at_start = fix(((1, 1, 1, 1), "s"), message="f")      # an insertion where `first` starts
    assert choose([first, inside]) == [first]
    assert choose([first, at_end]) == [first, at_end]
    assert choose([first, at_start]) == [at_start]        # sorts first, then `first` conflicts
    spanning = fix(((1, 1, 2, 3), "w"), message="g")
    assert choose([spanning, fix(((2, 2, 2, 2), "q"), message="h")]) == [spanning]
    assert choose([spanning, fix(((2, 3, 2, 4), "q"), message="h")]) == \
        [spanning, fix(((2, 3, 2, 4), "q"), message="h")]


def test_choose_orders_by_first_edit_then_message():
    b = fix(((2, 1, 2, 2), "b"), message="b")
    a = fix(((2, 3, 2, 4), "a"), message="a")
    c = fix(((1, 5, 1, 6), "c"), message="z")
    assert choose([b, a, c]) == [c, b, a]
    same_place = [fix(((1, 1, 1, 2), "2"), message="two"), fix(((1, 1, 1, 2), "1"), message="one")]
    assert choose(same_place) == [same_place[1]]


# --- decode, the shape check, the report ---------------------------------------------------

def test_only_utf8_text_is_rewritten():
    assert decode(codecs.BOM_UTF8 + b"a: 1\n") == "\ufeffa: 1\n"
    for data in (codecs.BOM_UTF16_LE + "a".encode("utf-16-le"), codecs.BOM_UTF16_BE + b"\x00a", b"a: \xff\n"):
        with pytest.raises(Unfixable):
            decode(data)


def test_the_shape_check_allows_only_the_fields_a_fix_adds():
    before = {"goals": [{"title": "a"}], "owner": "x"}
    _check_shape(before, {"goals": [{"title": "a", "deadline": "Q3 2027", "metric": "csat"}], "owner": "y"})
    for after in ({"goals": [{"title": "a", "owner": "x"}], "owner": "x"},        # a key a fix never adds
                  {"goals": [{"metric": "csat"}], "owner": "x"},                   # a key lost
                  {"goals": [{"title": "a"}, {"title": "b"}], "owner": "x"},      # an item more
                  {"goals": {"title": "a"}, "owner": "x"},                         # no longer a list
                  {"owner": "x", "goals": [{"title": "a"}]},                       # sections reordered
                  [{"title": "a"}]):
        with pytest.raises(Unfixable):
            _check_shape(before, after)
    _check_shape([{"title": "a"}], [{"title": "a", "target": "80%"}])            # a bare list of goals
    with pytest.raises(Unfixable):
        _check_shape([{"title": "a"}], [{"title": "a"}, {"title": "b"}])


@pytest.mark.parametrize("fixed,files,words", [
    (0, 0, "cxsmart: nothing to fix\n"),
    (1, 1, "cxsmart: would fix 1 finding in 1 file\n"),
    (2, 1, "cxsmart: would fix 2 findings in 1 file\n"),
    (3, 2, "cxsmart: would fix 3 findings in 2 files\n"),
])
def test_the_diff_summary_counts_findings_and_files(fixed, files, words):
    outcome = Outcome(result=None, fixed=fixed,
                      changed={f"f{i}.yaml": ("a\n", "b\n") for i in range(files)},
                      warnings=["f9.yaml: not fixed: x\x1b[31m"])
    out, err = io.StringIO(), io.StringIO()
    assert report(outcome, diff=True, fix_only=False, out=out, err=err) is bool(files)
    assert err.getvalue().endswith(words)
    assert "\x1b" not in err.getvalue() and "cxsmart: warning: f9.yaml: not fixed: x" in err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert report(outcome, diff=False, fix_only=True, out=out, err=err) is False
    assert out.getvalue() == (f"Fixed {words.split('fix ')[1][:-1]}.\n" if fixed else "Nothing to fix.\n")


def test_the_diff_marks_a_missing_final_break():
    assert unified_diff("g.yaml", "a: 1\n", "a: 2") == \
        "--- g.yaml\n+++ g.yaml\n@@ -1 +1 @@\n-a: 1\n+a: 2\n\\ No newline at end of file\n"


def test_a_fix_containing_another_is_an_overlap():
    outer = fix(((1, 1, 1, 9), "x"), message="a")
    inner = fix(((1, 3, 1, 5), "y"), message="b")
    assert choose([outer, inner]) == [outer]
    assert choose([inner, fix(((1, 2, 1, 9), "z"), message="c")]) == [fix(((1, 2, 1, 9), "z"), message="c")]
    later_line = fix(((1, 1, 3, 2), "x"), message="a")
    assert choose([later_line, fix(((2, 1, 2, 4), "y"), message="b")]) == [later_line]


def test_a_text_without_a_final_break_has_no_line_after_it():
    with pytest.raises(Unfixable, match="line 2 is not in the file"):
        apply("a: 1", [fix(((2, 1, 2, 1), "x"))])
    assert apply("a: 1", [fix(((1, 5, 1, 5), "0"))]) == "a: 10"
    assert apply("", [fix(((1, 1, 1, 1), "a: 1\n"))]) == "a: 1\n"


def test_the_shape_may_stay_the_same():
    same = {"goals": [{"title": "a", "owner": "x"}]}
    _check_shape(same, {"goals": [{"title": "a", "owner": "y"}]})


def test_a_fix_that_breaks_the_yaml_is_refused():
    from cxsmart.fix.run import _check_loads

    assert _check_loads("g.yaml", "- title: a\n", None) == [{"title": "a"}]
    with pytest.raises(Unfixable, match=r"it has F001 findings, which --fix does not touch \(line 1\)"):
        _check_loads("g.yaml", "- title: [a\n", None)
    with pytest.raises(Unfixable, match="F002"):
        _check_loads("g.yaml", "- title: a\n  deadline: [2026]\n", None)


def test_a_file_that_is_not_rewritten_is_named_with_the_reason(tmp_path):
    from cxsmart.fix.run import _fix_file

    path = tmp_path / "g.yaml"
    path.write_bytes("- title: a\n".encode("utf-16"))
    outcome = Outcome(result=None)
    assert _fix_file(str(path), [fix(((1, 3, 1, 3), "x"))], outcome, True, None) is False
    assert outcome.warnings == [f"{path}: not fixed: UTF-16 files are not rewritten"]
    assert outcome.changed == {} and outcome.fixed == 0
    path.write_text("- title: a\n")
    assert _fix_file(str(path), [fix(((1, 10, 1, 11), "a"))], outcome, True, None) is False   # no change
    assert path.read_text() == "- title: a\n" and outcome.fixed == 0
    assert _fix_file(str(path), [fix(((1, 10, 1, 11), "b"))], outcome, False, None) is True   # --diff
    assert path.read_text() == "- title: a\n" and outcome.changed == {str(path): ("- title: a\n", "- title: b\n")}
    assert _fix_file(str(path), [fix(((1, 10, 1, 11), "c"))], outcome, True, None) is True    # from the last pass
    assert path.read_text() == "- title: c\n" and outcome.changed[str(path)] == ("- title: a\n", "- title: c\n")
    assert outcome.fixed == 2


def test_a_file_grown_past_the_hard_limit_since_the_lint_is_not_written_back_cut_short(tmp_path, monkeypatch):
    import cxsmart.read.source
    from cxsmart.fix.run import _fix_file

    monkeypatch.setattr(cxsmart.read.source, "HARD_MAX_BYTES", 64)      # the limit, made small to test
    path = tmp_path / "g.yaml"
    grown = "- title: a\n" + "# more text appended after the lint\n" * 4
    path.write_text(grown)
    outcome = Outcome(result=None)
    assert _fix_file(str(path), [fix(((1, 10, 1, 11), "b"))], outcome, True, None) is False
    assert len(outcome.warnings) == 1 and outcome.warnings[0].startswith(f"{path}: not fixed: it is larger than")
    assert path.read_text() == grown and outcome.changed == {} and outcome.fixed == 0


def test_a_file_that_cannot_be_written_is_left_and_named(tmp_path, monkeypatch):
    import cxsmart.common.fsutil
    from cxsmart.fix.run import _fix_file

    def refuse(path, text, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cxsmart.common.fsutil, "write_atomic", refuse)
    path = tmp_path / "g.yaml"
    path.write_text("- title: a\n")
    outcome = Outcome(result=None)
    assert _fix_file(str(path), [fix(((1, 10, 1, 11), "b"))], outcome, True, None) is False
    assert outcome.warnings == [f"{path}: not fixed: cannot write it: Permission denied"]
    assert outcome.changed == {} and outcome.fixed == 0 and path.read_text() == "- title: a\n"


def test_a_fix_that_would_read_as_another_shape_is_not_applied(tmp_path):
    from cxsmart.fix.run import _fix_file

    path = tmp_path / "g.yaml"
    path.write_text("- title: a\n")
    outcome = Outcome(result=None)
    # an edit that lands as a goal of its own: the file would read as two goals, not one
    assert _fix_file(str(path), [fix(((1, 11, 1, 11), "\n- title: b"))], outcome, True, None) is False
    assert outcome.warnings == [f"{path}: not fixed: the fixed text would not read as the same goals"]
    assert path.read_text() == "- title: a\n" and outcome.changed == {} and outcome.fixed == 0


def test_an_editors_unsaved_buffer_is_fixed_in_memory_and_the_file_on_disk_is_not_read(tmp_path, monkeypatch):
    from cxsmart.api import lint_text
    from cxsmart.fix import run as fixing
    from tests.conftest import TODAY

    monkeypatch.chdir(tmp_path)
    on_disk = "- title: Raise NPS from 20 to 30 by 2027-06-30\n"
    (tmp_path / "g.yaml").write_text(on_disk)
    buffer = "- title: Raise CSAT from 70% to 75% by 2027-06-30\n  metric: Customer satisfaction\n"

    def lint(contents):
        return lint_text({"g.yaml": contents.get("g.yaml", buffer.encode()).decode()}, today=TODAY)

    outcome = fixing.run(lint({}), lint, unsafe=False, write=False, texts={"g.yaml": buffer})
    assert outcome.changed == {"g.yaml": (buffer, buffer.replace("Customer satisfaction", "csat"))}
    assert outcome.warnings == [] and (tmp_path / "g.yaml").read_text() == on_disk


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="gives files to other users: run as root (as CI's container does)")
def test_a_user_who_is_not_root_fixes_only_files_of_their_own(tmp_path, monkeypatch):
    from cxsmart.fix.run import _fix_file

    me, group = 4242, 4343                  # the user cxsmart runs as: not root, in one group
    files = {"mine": (me, group), "another-users": (me + 1, group), "another-groups": (me, group + 1)}
    for name, owner in files.items():
        (tmp_path / f"{name}.yaml").write_text("- title: a\n")
        os.chown(tmp_path / f"{name}.yaml", *owner)
    monkeypatch.setattr(os, "geteuid", lambda: me)
    monkeypatch.setattr(os, "getegid", lambda: group)
    monkeypatch.setattr(os, "getgroups", lambda: [group])
    outcome = Outcome(result=None)
    done = {name: _fix_file(str(tmp_path / f"{name}.yaml"), [fix(((1, 10, 1, 11), "b"))], outcome, True, None)
            for name in files}
    assert done == {"mine": True, "another-users": False, "another-groups": False}
    assert outcome.warnings == [f"{tmp_path / name}.yaml: not fixed: it belongs to another user or group: rewriting "
                                "it would change its owner" for name in ("another-users", "another-groups")]
    assert [(tmp_path / f"{name}.yaml").read_text() for name in files] == \
        ["- title: b\n", "- title: a\n", "- title: a\n"]
    assert (os.stat(tmp_path / "mine.yaml").st_uid, os.stat(tmp_path / "mine.yaml").st_gid) == (me, group)


def test_a_second_pass_over_an_editors_buffer_starts_from_the_first_pass_s_text():
    from cxsmart.fix.run import _fix_file

    buffer = "- title: a\n  owner: x\n"
    outcome = Outcome(result=None, texts={"g.yaml": buffer})
    assert _fix_file("g.yaml", [fix(((1, 10, 1, 11), "b"))], outcome, False, None) is True
    assert _fix_file("g.yaml", [fix(((2, 10, 2, 11), "y"))], outcome, False, None) is True
    assert outcome.changed == {"g.yaml": (buffer, "- title: b\n  owner: y\n")} and outcome.fixed == 2


# --- values shared through an anchor -------------------------------------------------------------

def test_only_a_value_an_alias_reads_is_shared_not_its_parts():
    from cxsmart.fix.apply import shared_spans

    text = "x-d: &d\n  owner: care\n  deadline: 30 June 2027\ngoals:\n  - <<: *d\n    title: a\n"
    assert shared_spans(text) == [((1, 6), (4, 1), "d")]                # from the anchor to the value's end
    read_twice = text + "  - <<: *d\n    title: b\n"
    assert shared_spans(read_twice) == [((1, 6), (4, 1), "d")]
    assert shared_spans("a: &n 5\nb: *n\nc: R&D 5*\n") == [((1, 4), (1, 8), "n")]
    assert shared_spans("a: R&D\nb: 5*\n") == []                     # '&' and '*' in words: nothing to compose
    assert shared_spans("a: &n [1\nb: *n\n") == []                   # does not compose: nothing is shared


def test_a_fix_inside_a_shared_value_is_left_with_one_warning_naming_the_anchor(run_cli, tmp_path):
    text = ("x-m: &m Customer satisfaction\ngoals:\n  - id: a\n    title: Raise CSAT from 70% to 75% by 2027-06-30\n"
            "    metric: *m\n  - id: b\n    title: Raise CSAT from 75% to 78% by 2027-06-30\n    metric: *m\n")
    (tmp_path / "g.yaml").write_text(text)
    code, out, err = run_cli("lint", "g.yaml", "--fix", "--today", "2026-12-01", "--no-cache", "--select", "ALL")
    assert (tmp_path / "g.yaml").read_text() == text
    warnings = [line for line in err.splitlines() if "shared through the anchor" in line]
    assert len(warnings) == 1, err
    assert warnings == ["cxsmart: warning: g.yaml:1: not fixed: write the metric id 'csat': the value is shared "
                        "through the anchor &m, and an alias reads it elsewhere; edit it by hand"]


def test_an_edit_touches_a_shared_value_only_where_it_overlaps_it_or_inserts_inside_it():
    from cxsmart.fix.apply import touches_shared

    shared = [((1, 4), (1, 8), "n")]                   # the value at columns 4 to 7 of line 1
    cases = {(1, 8, 1, 8): None, (1, 8, 1, 10): None,  # at its end: after it
             (1, 2, 1, 4): None, (1, 4, 1, 4): None,   # at its start: before it
             (1, 7, 1, 9): "n", (1, 3, 1, 5): "n", (1, 4, 1, 8): "n", (1, 5, 1, 5): "n", (1, 7, 1, 7): "n",
             (2, 1, 2, 3): None, (1, 1, 2, 1): "n"}
    got = {span: touches_shared(fix((span, "x")), shared) for span in cases}
    assert got == cases
    assert touches_shared(fix(((1, 5, 1, 6), "x")), [((1, 4), (1, 8), "")]) == "?"     # an anchor with no name
    assert touches_shared(fix(((1, 9, 1, 9), "x"), ((1, 6, 1, 6), "y")), shared) == "n"   # any of its edits
