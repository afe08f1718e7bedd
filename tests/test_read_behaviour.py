"""The reading stage as a caller sees it: the bytes of a file decoded into text (byte-order
marks, UTF-16, bytes that are not UTF-8, NUL, line breaks) with the position of why not, and the
files a folder argument discovers (hidden files, ignores, nested workspaces)."""

from __future__ import annotations

import codecs

import pytest

from cxsmart.read.source import decode

NOT_UTF8 = "the file is not UTF-8 text: byte 0x{:02x} cannot be read"


@pytest.mark.parametrize("data,byte,span", [
    (b"- title: \xff\n", 0xFF, (1, 10, 1, 11)),
    (codecs.BOM_UTF8 + b"- title: \xff\n", 0xFF, (1, 10, 1, 11)),              # the BOM is no column
    (codecs.BOM_UTF8 + b"a: 1\nb: \xc3\xa9\xc3\xa9\xfe\n", 0xFE, (2, 6, 2, 7)),    # 'é' is one column
    (b"a\nb\r\nc\rd: \xe9x", 0xE9, (4, 4, 4, 5)),                                 # LF, CRLF and CR alone
    (b"a: \xe2\x82\n", 0xE2, (1, 4, 1, 5)),                                       # a character cut short
    (b"\xe9", 0xE9, (1, 1, 1, 2)),
])
def test_a_byte_that_is_not_utf8_is_named_where_it_is(data, byte, span):
    text, problem = decode(data)
    assert text is None
    assert (problem.code, problem.message, tuple(problem.span)) == ("F001", NOT_UTF8.format(byte), span)
    assert problem.hint == "save the file as UTF-8 (most editors offer 'Save with encoding')"


@pytest.mark.parametrize("data,text", [
    (b"- title: x\n", "- title: x\n"),
    (codecs.BOM_UTF8 + b"- title: x\n", "- title: x\n"),                          # the BOM is not text
    ("- title: é\n".encode("utf-16"), "- title: é\n"),                             # UTF-16 with its BOM
    (codecs.BOM_UTF16_BE + "- t: é\n".encode("utf-16-be"), "- t: é\n"),
    (b"a: 1\r\nb: 2\rc: 3\n", "a: 1\nb: 2\nc: 3\n"),                              # CRLF and CR alone: LF
    (b"a:\x0cb\n", "a: b\n"),                                                    # a form feed is a space
    ("a: x\x85y\u2028z\n".encode(), "a: x\x85y\u2028z\n"),                       # NEL and LS are no breaks
    (b"", ""),
])
def test_text_is_decoded_with_one_rule_for_line_breaks(data, text):
    assert decode(data) == (text, None)


@pytest.mark.parametrize("data,reason", [
    (codecs.BOM_UTF16_LE + b"a\x00b", "truncated data"),                           # an odd number of bytes
    (codecs.BOM_UTF16_LE + b"\x00\xdc", "illegal encoding"),                       # a lone low surrogate
    (codecs.BOM_UTF16_BE + b"\xdc\x00", "illegal encoding"),
])
def test_a_utf16_byte_order_mark_on_bytes_that_are_not_utf16_is_f001(data, reason):
    text, problem = decode(data)
    assert text is None and (problem.code, tuple(problem.span)) == ("F001", (1, 1, 1, 2))
    assert problem.message == f"the file starts with a UTF-16 byte-order mark but is not valid UTF-16 ({reason})"


@pytest.mark.parametrize("data,span", [
    (b"a: 1\nb: x\x00y\n", (2, 5, 2, 6)), (b"\x00", (1, 1, 1, 2)),
    (b"a: 1\r\n\r\nc: \x00\n", (3, 4, 3, 5)),                                     # counted after CRLF -> LF
    ("a: é\x00".encode(), (1, 5, 1, 6)),
])
def test_a_nul_character_is_a_binary_file(data, span):
    text, problem = decode(data)
    assert text is None and (problem.code, tuple(problem.span)) == ("F001", span)
    assert problem.message == "the file holds a NUL character: it looks like a binary file, not YAML"


def test_the_size_limit_counts_bytes_and_names_mebibytes():
    from cxsmart.read.source import HARD_MAX_BYTES, file_limit

    assert [file_limit(n) for n in (1, 2, 9, 10, 11, 500)] == [1 << 20, 2 << 20, 9 << 20, 10 << 20, 10 << 20, 10 << 20]
    assert HARD_MAX_BYTES == 10 * 1024 * 1024
    assert decode(b"a" * HARD_MAX_BYTES)[1] is None                                   # exactly the limit
    text, problem = decode(b"a" * (HARD_MAX_BYTES + 1))
    assert text is None and problem.message == "the file is too large: larger than the 10 MiB limit (split it)"
    limit = 3 * 1024 * 1024                                                           # lowered by the user
    assert decode(b"a" * limit, max_bytes=limit)[1] is None
    assert decode(b"a" * (limit + 1), max_bytes=limit)[1].message == \
        "the file is too large: larger than the 3 MiB limit (set max-file-size in the configuration to read it)"


def test_positions_count_lines_and_columns_from_one():
    from cxsmart.read.source import source_lines, text_position

    text = "ab\ncd\n\nef"
    assert [text_position(text, i) for i in (0, 1, 2, 3, 5, 6, 7, 8)] == \
        [(1, 1), (1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (4, 1), (4, 2)]
    assert [text_position("\nab", i) for i in (0, 1, 2)] == [(1, 1), (2, 1), (2, 2)]      # a file opening on a break
    assert source_lines("a\rb\r\nc\x85d\u2028e\x0cf\n") == ["a", "b", "c\x85d\u2028e f", ""]


KNOWN = ("id", "title", "owner", "deadline", "baseline", "target", "metric", "level", "start", "segment",
         "actions", "parent", "objective", "review", "why", "kpi")


@pytest.mark.parametrize("key,near", [
    ("deadine", "deadline"), ("dedline", "deadline"), ("deadlnie", "deadline"), ("ddeadline", "deadline"),
    ("deadlinee2", "deadline"), ("deadlineeee", None),                 # two edits for seven letters or more
    ("titel", "title"), ("ttle", "title"), ("ownr", "owner"), ("onwer", "owner"), ("taget", "target"),
    ("tagret", "target"), ("levl", "level"), ("strat", "start"), ("starts", "start"), ("action", "actions"),
    ("objctve", "objective"), ("obctve", None), ("reveiw", "review"), ("revieww", "review"), ("reviewws", None),
    ("tgt", None), ("lvl", None), ("lead", None), ("status", None),                 # one edit below seven
    ("idd", None), ("whyy", None), ("kpis", None), ("wy", None),                   # keys of three letters or fewer
    ("Dead-Line", "deadline"), ("deadLine", "deadline"), ("DEADLINE", "deadline"), ("  title", "title"),
    ("", None), ("x", None),
])
def test_a_near_miss_is_the_known_key_one_or_two_edits_away(key, near):
    from cxsmart.read.entries import near_key

    assert near_key(key, KNOWN) == near


@pytest.mark.parametrize("key,normal", [
    ("Paired-With", "paired_with"), ("pairedWith", "paired_with"), ("paired with", "paired_with"),
    ("  Owner  ", "owner"), ("KPI", "kpi"), ("kpiTarget", "kpi_target"), ("a--b  c", "a_b_c"), ("id2Go", "id2_go"),
])
def test_keys_are_compared_in_one_spelling(key, normal):
    from cxsmart.read.entries import normal_key

    assert normal_key(key) == normal


def _make(root, *rels, text="- {title: Raise NPS}\n"):
    for rel in rels:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def _found(paths, root, include=None, exclude=(), nested=None, **kw):
    from cxsmart.read.discovery import discover

    return [p.relative_to(root).as_posix() for p in discover(paths, root, include, list(exclude), nested=nested, **kw)]


def test_a_folder_with_its_own_configuration_is_another_workspace_not_walked(tmp_path):
    from cxsmart.read.discovery import config_in

    _make(tmp_path, "a.yaml", "own/b.yaml", "py/c.yaml", "plain/d.yaml", "deep/x/e.yaml")
    (tmp_path / "own" / "cxsmart.toml").write_text("")
    (tmp_path / "py" / "pyproject.toml").write_text("[tool.cxsmart]\nselect = ['S']\n")
    (tmp_path / "plain" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")    # not cxsmart's
    (tmp_path / "deep" / "x" / "pyproject.toml").write_text("[tool.cxsmart.rules]\n")
    assert [config_in(tmp_path / d) for d in ("own", "py", "plain", "deep/x", ".")] == \
        [tmp_path / "own/cxsmart.toml", tmp_path / "py/pyproject.toml", None, tmp_path / "deep/x/pyproject.toml", None]
    nested = []
    assert _found([tmp_path], tmp_path, nested=nested) == ["a.yaml", "plain/d.yaml"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in nested) == ["deep/x", "own", "py"]
    nested = []                                        # with no path: the include globs, and what they would read
    assert _found([], tmp_path, include=["own/*.yaml", "plain/*.yaml"], nested=nested) == ["plain/d.yaml"]
    assert [p.relative_to(tmp_path).as_posix() for p in nested] == ["own"]


def test_outside_a_git_repository_no_gitignore_above_the_folder_applies(tmp_path):
    outer = tmp_path / "outer"
    _make(outer, "goals/a.yaml", "goals/skip.yaml")
    (outer / ".gitignore").write_text("*.yaml\n")
    (outer / "goals" / ".gitignore").write_text("skip.yaml\n")      # the folder's own applies
    assert _found([outer / "goals"], outer) == ["goals/a.yaml"]
    (outer / ".git").mkdir()                                         # inside a repository, the one above does too
    assert _found([outer / "goals"], outer) == []


def test_a_link_that_leads_nowhere_and_folders_too_deep_are_skipped_with_a_warning(tmp_path):
    import os

    from cxsmart.read.discovery import MAX_DEPTH, take_warnings

    take_warnings()
    _make(tmp_path, "a.yaml")
    os.symlink(tmp_path / "gone.yaml", tmp_path / "dead.yaml")
    deep = tmp_path.joinpath(*["d"] * (MAX_DEPTH + 1))
    _make(deep, "far.yaml")
    _make(deep.parent, "near.yaml")                                  # MAX_DEPTH folders down: read
    found = _found([tmp_path], tmp_path)
    assert found == ["a.yaml", "/".join(["d"] * MAX_DEPTH) + "/near.yaml"]
    assert take_warnings() == ["dead.yaml: skipped: a link that leads nowhere, or back to itself",
                               "/".join(["d"] * MAX_DEPTH) + f": skipped the folders inside: deeper than {MAX_DEPTH} levels"]
    assert take_warnings() == []


EMPTY_HINT = "write the title, or remove the key"


@pytest.mark.parametrize("text,found", [
    ("objectives:\n  - loyal\n",
     ("F002", (2, 5, 2, 10), None, "each entry of 'objectives' must be a mapping of keys, like '- title: ...'", None)),
    ("owners:\n  - care\n",
     ("F002", (2, 5, 2, 9), None, "each entry of 'owners' must be a mapping of keys, like '- id: ...'", None)),
    ("goals:\n  - 5\n", ("F002", (2, 5, 2, 6), None, "each entry of 'goals' must be a mapping of keys, like '- title: ...'",
                         None)),
    ("owners:\n  - {id: c, kind: tem}\n",
     ("F002", (2, 19, 2, 22), None, "'kind' cannot be 'tem': use 'team', 'person' or 'role' (did you mean 'team'?)", None)),
    ("- {title: ''}\n", ("F002", (1, 11, 1, 13), None, "'title' is empty", EMPTY_HINT)),
    ("- {title: Raise NPS, actions: [{title: ''}, {title: ok}]}\n",
     ("F002", (1, 40, 1, 42), None, "'title' is empty", EMPTY_HINT)),
    ("- {id: g}\n", ("F002", (1, 3, 1, 10), "g", "this goal has no 'title'", "add 'title:': the smallest valid goal is a title")),
    ("owners:\n  - {name: Care}\n", ("F002", (2, 5, 2, 17), None, "this owner has no 'id'", "add 'id:'")),
    ("- {title: Raise NPS, level: [a]}\n",
     ("F002", (1, 29, 1, 32), None, "'level' cannot be '['a']': use 'corporate', 'team' or 'individual'", None)),
    ("- {title: Raise NPS, owner: {a: 1}}\n", ("F002", (1, 29, 1, 35), None, "'owner' should be text, not a mapping", None)),
    ("- {title: Raise NPS, owner: true}\n", ("F002", (1, 29, 1, 33), None, "'owner' should be text, not 'true'", None)),
    ("owners:\n  - {id: c, nmae: Care}\n",
     ("F009", (2, 13, 2, 17), None, "key 'nmae' in an owner looks like a misspelt 'name': its value is read as the name",
      "rename 'nmae:' to 'name:'")),
    ("objectives:\n  - {id: o, titel: T}\n",
     ("F009", (2, 13, 2, 18), None, "key 'titel' in an objective looks like a misspelt 'title': its value is read as "
      "the title", "rename 'titel:' to 'title:'")),
    ("- {title: Raise NPS, metric: {id: m, name: M, unt: x}}\n",
     ("F009", (1, 47, 1, 50), None, "key 'unt' in an inline metric looks like a misspelt 'unit': its value is read as "
      "the unit", "rename 'unt:' to 'unit:'")),
])
def test_an_entry_that_cannot_be_read_is_said_where_and_why(text, found):
    from tests.conftest import lint

    assert [(d.code, tuple(d.span), d.goal, d.message, d.hint) for d in lint(text, select=["F"])] == [found]


@pytest.mark.parametrize("text,span,kind,keys", [
    ("- {title: Raise NPS, actions: [{title: a, wibble: red}]}\n", (1, 43, 1, 49), "an action",
     "title, description, owner, due, status"),
    ("owners:\n  - {id: c, wibble: 1}\n", (2, 13, 2, 19), "an owner", "id, name, kind, parent, controls"),
    ("objectives:\n  - {id: o, title: T, wibble: 1}\n", (2, 23, 2, 29), "an objective", "id, title, description, kpi, owner"),
    ("- {title: Raise NPS, target: {value: 5, wibble: x}}\n", (1, 41, 1, 47), "a target", "value, unit, as_of, source"),
])
def test_with_strict_keys_an_unknown_key_names_the_keys_of_its_kind(text, span, kind, keys):
    from cxsmart.settings.config import Config
    from tests.conftest import lint

    (d,) = lint(text, select=["F"], config=Config(strict_keys=True))
    assert (d.code, tuple(d.span), d.message) == ("F009", span, f"unknown key 'wibble' in {kind} (strict-keys is on)")
    assert d.hint == f"the keys of {kind} are: {keys}; remove 'wibble', or turn strict-keys off"


@pytest.mark.parametrize("text,span,code", [
    ("- title: a\x01b\n", (1, 11, 1, 12), "0001"), ("- title: é\x02b\n", (1, 11, 1, 12), "0002"),
    ("- title: 🚀\x07b\n", (1, 11, 1, 12), "0007"), ("a: 1\nb: 2\n- title: x\x1f\n", (3, 11, 3, 12), "001F"),
    ("- title: a\x7fb\n", (1, 11, 1, 12), "007F"), ("- title: Raise NPS\u2028\x01\n", (1, 20, 1, 21), "0001"),
    ("- title: \x1b[31mred\n", (1, 10, 1, 11), "001B"), ("- title: ok\n  owner: é🚀\x08\n", (2, 12, 2, 13), "0008"),
])
def test_a_control_character_is_named_where_it_is(text, span, code):
    from tests.conftest import lint

    assert [(d.code, tuple(d.span), d.message, d.hint) for d in lint(text, select=["F001"])] == [
        ("F001", span, f"the file holds a control character (U+{code}) that YAML does not allow",
         "delete it; a title should be plain text")]


@pytest.mark.parametrize("depth,found", [
    (97, ("F002", (1, 10, 1, 205), "'title' should be text, not a list")),          # 99 levels: read
    (98, ("F001", (1, 108, 1, 109), "the YAML nests deeper than 100 levels; refusing to read it")),
    (400, ("F001", (1, 108, 1, 109), "the YAML nests deeper than 100 levels; refusing to read it")),
])
def test_nesting_past_a_hundred_levels_is_refused_where_it_passes_them(depth, found):
    from tests.conftest import lint

    text = "- title: " + "[" * depth + "a" + "]" * depth + "\n"
    assert [(d.code, tuple(d.span), d.message) for d in lint(text, select=["F001", "F002"])] == [found]


def test_a_problem_is_a_value_that_cannot_change():
    import dataclasses

    from cxsmart.diagnostics import Span
    from cxsmart.read.source import Problem

    problem = Problem("F001", "m", Span(1, 1, 1, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.code = "F002"
    assert len({problem, Problem("F001", "m", Span(1, 1, 1, 2))}) == 1 and not hasattr(problem, "__dict__")


def test_a_run_reads_at_most_20_mebibytes_of_goal_files(run_cli, tmp_path):
    import json

    mib = 1024 * 1024
    for name in ("a.yaml", "b.yaml"):                         # 10 MiB each: the run's 20 MiB exactly
        (tmp_path / name).write_text("- title: Raise NPS\n#" + "x" * (10 * mib - 21) + "\n")
    (tmp_path / "c.yaml").write_text("- title: Raise CSAT\n")
    code, out, _ = run_cli("lint", "a.yaml", "b.yaml", "c.yaml", "--select", "F001", "--format", "json", "--no-cache",
                           "--today", "2026-06-01")
    found = [(d["path"], d["line"], d["column"], d["message"]) for d in json.loads(out)["diagnostics"]]
    assert (code, found) == (1, [("c.yaml", 1, 1, "the file is too large for this run: the goal files read before it "
                                  "already hold 20 MiB, the most one run reads (lint fewer files at a time)")])


_NOT_ALLOWED = "invalid YAML: mapping values are not allowed in this context"
_QUOTE_IT = "a ': ' inside a value needs the whole value in quotes"
_UNCLOSED = ("invalid YAML: found unexpected end of stream (while scanning a quoted scalar)", "a quote or bracket is not closed")
_DUPLICATE = "keep one '{0}'; YAML readers disagree about which one wins"


@pytest.mark.parametrize("text,found", [
    ("- title: Raise NPS\n owner: cc\n",
     ("F001", (2, 2, 2, 3), "invalid YAML: did not find expected '-' indicator (while parsing a block collection)",
      "line 2 is indented 1 space; the keys above it at this level use 2: line it up with them")),
    ("- title: Raise NPS\n   owner: cc\n", ("F001", (2, 9, 2, 10), _NOT_ALLOWED,
                                          "line 2 is indented 3 spaces; the keys above it at this level use 2: line it up with them")),
    ("goals:\n- title: a\n  owner: b\n   level: team\n", ("F001", (4, 9, 4, 10), _NOT_ALLOWED,
     "line 4 is indented 3 spaces; the keys above it at this level use 2: line it up with them")),
    ("key: value\n  bad: indent\n", ("F001", (2, 6, 2, 7), _NOT_ALLOWED,
     "line 2 is indented 2 spaces; the keys above it at this level are not indented: line it up with them")),
    ("- title: Raise NPS\n  - owner\n", ("F001", (2, 3, 2, 4), "invalid YAML: did not find expected key (while parsing a "
     "block mapping)", "line 2 is indented 2 spaces; the list items ('- ') above it at this level are not indented: "
     "line it up with them")),
    ("- title: Raise NPS: by 2027\n", ("F001", (1, 19, 1, 20), _NOT_ALLOWED, _QUOTE_IT)),
    ("- title: Raise NPS # note\n  deadline: 2027-06-30 extra: x\n", ("F001", (2, 29, 2, 30), _NOT_ALLOWED, _QUOTE_IT)),
    ("- title: Raise NPS\n  target: >= 75%\n", ("F001", (2, 12, 2, 13), "invalid YAML: did not find expected comment or "
     "line break (while scanning a block scalar)", "a value starting with '>' starts a block of text in YAML: put it in "
     "quotes, target: \">= 75%\"")),
    ("- title: Raise NPS\n  target: |75\n", ("F001", (2, 13, 2, 14), "invalid YAML: did not find expected comment or "
     "line break (while scanning a block scalar)", "a value starting with '|' starts a block of text in YAML: put it in "
     "quotes, target: \"|75\"")),
    ("- title: Raise NPS\n\towner: cc\n", ("F001", (2, 1, 2, 2), "invalid YAML: found a tab character that violates "
     "indentation (while scanning a plain scalar)", "line 2 has a tab at column 1: YAML indents with spaces only")),
    ("- title: [Raise NPS\n", ("F001", (1, 20, 1, 20), "invalid YAML: did not find expected ',' or ']' (while parsing a "
                                                     "flow sequence)", None)),
    ("- title: {a: 1\n", ("F001", (1, 15, 1, 15), "invalid YAML: did not find expected ',' or '}' (while parsing a flow "
                                                "mapping)", None)),
    ("- title: 'Raise NPS\n", ("F001", (1, 20, 1, 20), *_UNCLOSED)),
    ("- title: \"Raise NPS\n", ("F001", (1, 20, 1, 20), *_UNCLOSED)),
    ("- title: Raise NPS\n  owner: *who\n", ("F001", (2, 10, 2, 14), "invalid YAML: found undefined alias",
                                            "define the anchor (&name) before using the alias (*name)")),
    ("- title: Raise NPS\n---\n- title: b\n", ("F001", (2, 1, 2, 4), "the file holds more than one YAML document; only "
     "the first is read", "split the documents into files of their own, or remove the '---'")),
    ("- title: a\n  title: b\n", ("F003", (2, 3, 2, 8), "duplicate key 'title': it is already given on line 1",
                                  _DUPLICATE.format("title"))),
    ("- title: Raise NPS\n  owner: cc\n  owner: dd\n", ("F003", (3, 3, 3, 8), "duplicate key 'owner': it is already "
                                                       "given on line 2", _DUPLICATE.format("owner"))),
    ("%YAML 1.3\n---\n- title: a\n", ("F001", (1, 1, 1, 10), "the file declares YAML 1.3; goal files are read as YAML "
     "1.2 only", "remove the %YAML line: in YAML 1.1 'no' and 'yes' silently become booleans")),
    ("- title: @team goal\n", ("F001", (1, 10, 1, 11), "invalid YAML: found character that cannot start any token "
                                                       "(while scanning for the next token)", None)),
    ("- !!binary abc\n", ("F002", (1, 3, 1, 15), "YAML tags such as '!!binary' are not allowed in goal files",
                          "remove the tag; write the value as plain text or a number")),
])
def test_yaml_that_cannot_be_read_is_said_where_and_why_with_a_hint(text, found):
    from tests.conftest import lint

    assert [(d.code, tuple(d.span), d.message, d.hint) for d in lint(text, select=["F001", "F002", "F003"])] == [found]


@pytest.mark.parametrize("text,found", [
    ("# a note\u2028 with a line separator\n", []),                  # nothing but a comment: nothing to say
    ("---\n# only\x85\n", []),
    ("- &a {title: Raise NPS\u2028now, owner: *a}\n",
     [("F001", (1, 3, 1, 39), "an alias refers to the value that contains it, so it never ends")]),
    ("- title: x\u2028y\n  actions: &l [a, *l]\n",
     [("F001", (2, 12, 2, 22), "an alias refers to the value that contains it, so it never ends")]),
])
def test_a_file_with_separators_that_are_not_breaks_is_read_like_any_other(text, found):
    from tests.conftest import lint

    assert [(d.code, tuple(d.span), d.message) for d in lint(text, select=["F"])] == found


def test_a_rule_pack_that_is_not_text_or_not_there_is_refused(tmp_path):
    from cxsmart.read.packs import PackError, load_packs

    (tmp_path / "pack.yaml").write_bytes(b"hedges: [\xff]\n")
    with pytest.raises(PackError, match=r"pack.yaml:1:10: the file is not UTF-8 text: byte 0xff cannot be read$"):
        load_packs([tmp_path / "pack.yaml"])
    with pytest.raises(PackError, match=r"nope.yaml: rule pack not found$"):
        load_packs([tmp_path / "nope.yaml"])


def test_a_pack_removes_and_adds_words_to_the_built_in_lists(tmp_path, monkeypatch):
    from cxsmart.settings.config import Config
    from tests.conftest import lint

    monkeypatch.chdir(tmp_path)
    (tmp_path / "team.yaml").write_text("vague-terms:\n  remove: [World-Class]\n  add: [stellar, seamless]\n")
    text = "- {id: g, title: Deliver a world-class and stellar service}\n"
    said = [(d.code, tuple(d.span), d.message) for d in lint(text, select=["S001"])]
    assert said == [("S001", (1, 28, 1, 39), "'world-class' defines no success: name the metric and the target")]
    said = [(d.code, tuple(d.span), d.message) for d in lint(text, select=["S001"], config=Config(rule_packs=["team.yaml"]))]
    assert said == [("S001", (1, 44, 1, 51), "'stellar' defines no success: name the metric and the target")]
