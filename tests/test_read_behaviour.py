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
