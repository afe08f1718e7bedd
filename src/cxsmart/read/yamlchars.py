"""Characters ruamel.yaml's reader mishandles, hidden before composing and put back in every value
read: NEL, LS and PS (content in YAML 1.2, line breaks to ruamel's scanners) and JSON's escaped
surrogate pairs (refused by YAML's reader). Each is replaced by private-use characters of the same
length, so every line and column still points where the user wrote."""

from __future__ import annotations

import re

NOT_BREAKS = re.compile("[\x85\u2028\u2029]")

# NEL, LS and PS are not line breaks in YAML 1.2 (they are content, in a comment too), but both of
# ruamel's scanners end a comment or a plain scalar at them. They are composed as three private-use
# characters of the same length (columns hold) and put back in every value read.
_HIDE = str.maketrans("\x85\u2028\u2029", "\ue085\ue028\ue029")
_SHOW = str.maketrans("\ue085\ue028\ue029", "\x85\u2028\u2029")
_PLACEHOLDERS = re.compile("[\ue085\ue028\ue029]")


def hide_breaks(text: str) -> tuple[str, bool]:
    if NOT_BREAKS.search(text) is None or _PLACEHOLDERS.search(text) is not None:
        return text, False
    return text.translate(_HIDE), True


# JSON writes a character beyond the 16-bit range as two escaped surrogates ("\ud83c\udfaf", Python's
# json.dumps does so by default), which YAML's reader refuses: a file exported by a tool would not be
# read at all. Each pair is composed as two private-use escapes of the same length (columns hold) and
# joined back into its character in every value read.
_PAIR = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
_PAIRED = re.compile("([\ue800-\uebff])([\uec00-\uefff])")


def hide_pairs(text: str) -> tuple[str, bool]:
    if "\\u" not in text or _PAIR.search(text) is None or _PAIRED.search(text) is not None:
        return text, False
    return _PAIR.sub(lambda m: f"\\u{int(m.group(1), 16) - 0xD800 + 0xE800:04x}"
                               f"\\u{int(m.group(2), 16) - 0xDC00 + 0xEC00:04x}", text), True


_HIDDEN_PAIR = re.compile(r"\\u(e[89ab][0-9a-f]{2})\\u(e[c-f][0-9a-f]{2})")


def _unhidden(value: str) -> str:
    """The text of a scalar that reads no escapes (plain, single-quoted, block), as written."""
    if "\\u" not in value:
        return value
    return _HIDDEN_PAIR.sub(lambda m: f"\\u{int(m.group(1), 16) - 0xE800 + 0xD800:04x}"
                                      f"\\u{int(m.group(2), 16) - 0xEC00 + 0xDC00:04x}", value)


def _joined(value: str) -> str:
    return _PAIRED.sub(lambda m: chr(0x10000 + ((ord(m.group(1)) - 0xE800) << 10) + ord(m.group(2)) - 0xEC00), value)


def restore_breaks(root, paired: bool = False) -> None:
    """Put NEL, LS and PS back in every scalar below `root` (without recursion), and join the
    surrogate pairs hidden by hide_pairs."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if node.id == "scalar":
            if isinstance(node.value, str):
                node.value = node.value.translate(_SHOW)
                if paired:
                    node.value = _joined(node.value) if node.style == '"' else _unhidden(node.value)
        elif node.id == "mapping":
            stack.extend(part for pair in node.value for part in pair)
        else:
            stack.extend(node.value)
