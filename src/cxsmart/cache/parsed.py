"""A file's parse in the cache's JSON form, and back: what the YAML reader produced, checked as
it is read, so that an entry a repository could hold never becomes something the reader would
not make."""

from __future__ import annotations

import base64
import binascii
import os
import struct
from typing import Any

from cxsmart import __version__
from cxsmart.common.hashing import digest

# -- a parsed file as JSON ------------------------------------------------------------------
#
# yamlread.parse_yaml gives plain data (dicts with text keys, lists, text, numbers, true/false,
# null) and an index: the YAML path of every value -> Entry(key span, value span, style,
# merged). The data is stored as it is. The index is stored without its paths: its entries
# are exactly the values of the data, so walking the data in order (a value, then what is in
# it) gives every path back, and the spans are nine unsigned 32-bit numbers per value, in
# that order, base64-encoded. Reading checks what it reads: the bytes' digest, the types, the
# depth and size limits the parser enforces, one row of spans per value and sane numbers in
# it. Files whose parse reported a problem (F001, a refused tag, a duplicate key) are not
# stored: they are parsed again each time.

FORMAT = 1
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_ROW = struct.Struct("<9I")
_STYLES = (None, "", "'", '"', "|", ">")
_STYLE_CODES = {s: i for i, s in enumerate(_STYLES)}
_SCALARS = (str, int, float, bool, type(None))


def parse_key(data_sha: str) -> str:
    """The key of a file's parse: its bytes' digest and the parser it went through (cxsmart's
    version, this form's FORMAT, and the parser's own source files, so that an edited checkout
    does not reuse what an older parser made)."""
    global _STAMP
    if _STAMP is None:
        from cxsmart.read import yamlread, yamltypes

        stamp = []
        for module in (yamlread, yamltypes):
            try:
                info = os.stat(module.__file__)
                stamp.append((info.st_size, info.st_mtime_ns))
            except (OSError, TypeError):
                stamp.append(None)
        _STAMP = digest(__version__, FORMAT, stamp)
    return digest(_STAMP, data_sha)


_STAMP: str | None = None


def _root(data: Any) -> tuple:
    return ("goals",) if type(data) is list else ()        # yamlread indexes a bare list under 'goals'


def encode_parsed(parsed, sha: str) -> dict | None:
    """The cache's JSON form of a parse, or None if it should not be stored."""
    from cxsmart.read.yamlread import MAX_DEPTH

    if parsed.problems:
        return None
    rows = bytearray()
    pack = _ROW.pack
    index = parsed.index

    def row(path: tuple, container: bool) -> None:
        entry = index[path]
        if (entry.style is None) != container:
            raise ValueError("a style on a container, or none on a scalar")
        flags = _STYLE_CODES[entry.style] | (8 if entry.merged else 0) | (16 if entry.key is not None else 0)
        rows.extend(pack(*(entry.key or (0, 0, 0, 0)), *entry.value, flags))

    def visit(path: tuple, value: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ValueError("too deep")
        for key, child in (value.items() if type(value) is dict else enumerate(value)):
            kind = type(child)
            if kind is dict or kind is list:
                row(path + (key,), True)
                visit(path + (key,), child, depth + 1)
            elif kind in _SCALARS:
                row(path + (key,), False)
            else:
                raise ValueError(f"a value of type {kind.__name__}")

    data = parsed.data
    root = _root(data)
    container = type(data) in (dict, list)
    try:
        if data is not None or index:                 # an empty file has no value at all
            row(root, container)
        if container:
            visit(root, data, 1)
    except (ValueError, KeyError, TypeError, struct.error):
        return None
    if len(rows) // _ROW.size != len(index):
        return None
    return {"format": FORMAT, "sha": sha, "data": data, "spans": base64.b64encode(rows).decode("ascii")}


def decode_parsed(doc: Any, sha: str):
    """A yamlread.Parsed from the cache's JSON form, or None if anything in it is off: the
    digest, the types (what JSON gives is what the YAML reader gives, except that a key must
    be text), the parser's depth and size limits, one row of spans per value, in order, and
    positive line and column numbers."""
    from cxsmart.read.yamlread import MAX_NODES, Parsed

    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("sha") != sha or "data" not in doc:
        return None
    spans, data = doc.get("spans"), doc["data"]
    if not isinstance(spans, str):
        return None
    try:
        raw = base64.b64decode(spans, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) % _ROW.size or len(raw) // _ROW.size > MAX_NODES:
        return None
    rows = _Rows(raw)
    root = _root(data)
    container = type(data) in (dict, list)
    try:
        if not container and type(data) not in _SCALARS:
            return None
        if data is not None or raw:                   # an empty file has no value at all
            rows.index[root] = rows.entry(container)
        if container:
            rows.visit(root, data, 1)
    except (ValueError, RecursionError):
        return None
    if not rows.done():
        return None                                 # more rows than values
    return Parsed(data, rows.index, [])


class _Rows:
    """The stored spans, one row per value in the order the YAML reader walks them, checked as
    they are read back: a row the parser could not have made ends the entry."""

    def __init__(self, raw: bytes) -> None:
        from cxsmart.diagnostics import Span
        from cxsmart.read.yamlread import MAX_DEPTH, Entry

        self.rows = _ROW.iter_unpack(raw)
        self.index: dict[tuple, Any] = {}
        self.span, self.entry_type, self.max_depth = Span, Entry, MAX_DEPTH

    def entry(self, container: bool):
        row = next(self.rows, None)
        if row is None:
            raise ValueError("fewer rows than values")
        kl, kc, kel, kec, vl, vc, vel, vec, flags = row
        code = flags & 7
        if flags > 31 or code >= 6 or (code == 0) != container or not (vl and vc and vel and vec):
            raise ValueError("a row that the parser does not make")
        new = tuple.__new__
        key = None
        if flags & 16:
            if not (kl and kc and kel and kec):
                raise ValueError("a key span with a zero in it")
            key = new(self.span, (kl, kc, kel, kec))
        return new(self.entry_type, (key, new(self.span, (vl, vc, vel, vec)), _STYLES[code], flags & 8 == 8))

    def visit(self, path: tuple, value: Any, depth: int) -> None:
        if depth > self.max_depth:
            raise ValueError("too deep")
        pairs = value.items() if type(value) is dict else enumerate(value)
        for key, child in pairs:
            kind = type(child)
            here = path + (key,)
            if kind is dict or kind is list:
                self.index[here] = self.entry(True)
                self.visit(here, child, depth + 1)
            elif kind in _SCALARS:
                self.index[here] = self.entry(False)
            else:
                raise ValueError("a value the parser does not make")

    def done(self) -> bool:
        return next(self.rows, None) is None
