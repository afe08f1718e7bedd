"""Typing YAML scalars the way goal files mean them, without ruamel's resolver.

The C composer asks a resolver for the tag of every scalar; ruamel's own resolver is Python
and was two thirds of the compose time. cxsmart's resolver calls every implicit scalar
text, and plain scalars are typed here by the YAML 1.2 core schema.
"""

from __future__ import annotations

import re
from typing import Any

TAG = "tag:yaml.org,2002:"


def text_resolver():
    """A resolver that calls every implicit scalar a string: cxsmart types plain scalars itself
    (plain_value), which makes the C composer about 2.5x faster than with ruamel's resolver."""
    global _RESOLVER
    if _RESOLVER is None:
        from ruamel.yaml.nodes import ScalarNode, SequenceNode
        from ruamel.yaml.resolver import VersionedResolver
        from ruamel.yaml.tag import Tag

        # shared Tag objects: a node given a string builds a Tag of its own, one per value
        text, seq, mapping = (Tag(suffix=TAG + name) for name in ("str", "seq", "map"))

        class TextResolver(VersionedResolver):
            def resolve(self, kind, value, implicit):
                if kind is ScalarNode:
                    return text
                return seq if kind is SequenceNode else mapping

        _RESOLVER = TextResolver
    return _RESOLVER


_RESOLVER = None


_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
                  "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
                  ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan")}


def plain_value(text: str) -> Any:
    """A plain scalar typed by the YAML 1.2 core schema, with one exception: a number written
    with a sign ('+12', '-30') stays text, because in a goal file a sign marks a change
    ('+5 pp', '+12' NPS points) and the quantity grammar reads it."""
    if text in _NULL:
        return None
    flag = _BOOL.get(text)
    if flag is not None:
        return flag
    first = text[0]
    if first.isdigit() or first == ".":
        if _INT.fullmatch(text):
            return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        if text in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[text]
    elif first == "-" and text in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[text]
    return text
