"""Mutations: of bytes (any input), of JSON documents (baselines, cache entries) and of TOML
values (configurations). Each takes a random.Random, so a seed replays a case exactly."""

from __future__ import annotations

import json
import random

# What an attacker or an unlucky editor puts in a file: line breaks of every kind, escape and
# workflow-command sequences, bidi controls, YAML syntax that nests or refers, long runs of
# the characters a tokeniser or a regular expression may trip on, invalid UTF-8, a BOM.
TOKENS: list[bytes] = [
    b"\r", b"\r\n", b"\n", "\x85".encode(), "\u2028".encode(), "\u2029".encode(), b"\x0c", b"\t", b"\x00",
    b"\x1b[31m", b"\x1b]8;;http://x\x07", b"\x1b[2J", b"\n::add-mask::x\n", b"::error::x", b"%0A::warning::",
    "\u202e".encode(), "\u2066".encode(), "\ufeff".encode(), b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80",
    b"&a ", b"*a", b"<<: *a\n", b"!!python/object:os.system ", b"!!binary ", b"? ", b"- ", b": ", b"{", b"}", b"[", b"]",
    b"'", b'"', b"#", b"# cxsmart: ignore", b"# cxsmart: ignore[S001, nope]", b"---\n", b"...\n", b"%YAML 1.1\n",
    b"|\n", b">-\n", b"~", b"null", b"true", b"0x1F", b"1e309", b"-0", b"NaN", b".inf", b"99999999999999999999999",
    b"2027-02-30", b"31/12/2027", b"Q5 2027", b"by end of", b"from 5% to", b"+-10 pp", b"%", b"\\", b"\\u0000",
    b"</textarea>", b"<script>", b"{{ x }}", b"{match}", b"{match:>999999}", b"${HOME}", b"$(id)", b"../" * 5,
    "\u00e9\u0301".encode(), "\U0001f600".encode(), "\u0130".encode(), "\u3000".encode(), "\u00a0".encode(),
]
RUNS: list[bytes] = [b"(", b"[", b"{", b'"', b"'", b"-", b" ", b"a", b"9", b"%", b".", b"\\", b"#", b"\n", b"  "]


def mutate_bytes(rng: random.Random, data: bytes, others: list[bytes] = (), rounds: int | None = None) -> bytes:
    """1-6 random edits: flip, insert a token or a long run, delete, duplicate, splice in part of
    another seed, change every line break, truncate."""
    for _ in range(rounds or rng.randint(1, 6)):
        data = rng.choice(_BYTE_OPS)(rng, data, others)
    return data


def _at(rng: random.Random, data: bytes) -> int:
    if data and rng.random() < 0.5:           # line starts and value starts are where YAML is touchy
        marks = [i + 1 for i, b in enumerate(data) if b in b"\n:-"] or [0]
        return min(rng.choice(marks), len(data))
    return rng.randint(0, len(data))


def _flip(rng, data, _):
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]


def _token(rng, data, _):
    i = _at(rng, data)
    return data[:i] + rng.choice(TOKENS) + data[i:]


def _run(rng, data, _):
    i = _at(rng, data)
    n = rng.choice([2, 16, 200, 3_000, 20_000])
    return data[:i] + rng.choice(RUNS) * n + data[i:]


def _delete(rng, data, _):
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, 64):]


def _duplicate(rng, data, _):
    if not data:
        return data
    i = rng.randrange(len(data))
    j = min(len(data), i + rng.randint(1, 400))
    return data[:j] + data[i:j] * rng.randint(1, 4) + data[j:]


def _splice(rng, data, others):
    if not others:
        return data
    other = rng.choice(others)
    i, j = sorted(rng.randrange(len(other) + 1) for _ in range(2))
    k = _at(rng, data)
    return data[:k] + other[i:j] + data[k:]


def _breaks(rng, data, _):
    new = rng.choice([b"\r\n", b"\r", "\x85".encode(), "\u2028".encode(), b"\n\n"])
    return data.replace(b"\r\n", b"\n").replace(b"\n", new)


def _truncate(rng, data, _):
    return data[:rng.randint(0, len(data))]


def _indent(rng, data, _):
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    lines[i] = rng.choice([b"\t", b" ", b"   ", b""]) + lines[i].lstrip() if rng.random() < 0.7 else lines[i].lstrip()
    return b"\n".join(lines)


_BYTE_OPS = [_flip, _token, _token, _run, _delete, _duplicate, _splice, _breaks, _truncate, _indent, _indent]


# -- JSON ----------------------------------------------------------------------------------
def hostile_value(rng: random.Random, depth: int = 0):
    """A JSON value of any type, often one a reader would not expect."""
    pick = rng.randrange(12)
    if pick == 0:
        return None
    if pick == 1:
        return rng.choice([True, False])
    if pick == 2:
        return rng.choice([0, -1, 2**63, -(2**64), 10**30, 1.5, 1e308])
    if pick == 3:
        return rng.choice(TOKENS).decode("utf-8", "replace") * rng.choice([1, 3, 1000])
    if pick == 4 and depth < 3:
        return [hostile_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if pick == 5 and depth < 3:
        return {rng.choice(["code", "path", "line", "x", "", "message"]): hostile_value(rng, depth + 1)
                for _ in range(rng.randint(0, 3))}
    if pick == 6:
        return "x" * rng.choice([0, 1, 10_000])
    if pick == 7:
        return rng.choice(["../../etc/passwd", "/proc/self/environ", "::error::forged", "\x1b[2J", "%0A"])
    return rng.choice(["", "S001", "error", "goals.yaml", 1, 0, [], {}])


def mutate_json(rng: random.Random, doc):
    """Replace, delete or add one node anywhere in a JSON document (a copy)."""
    doc = json.loads(json.dumps(doc))
    nodes = [(None, None, doc)]
    stack = [doc]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in items:
            nodes.append((node, key, child))
            stack.append(child)
    parent, key, node = rng.choice(nodes)
    if parent is None:
        return hostile_value(rng) if rng.random() < 0.2 else doc
    action = rng.randrange(3)
    if action == 0:
        parent[key] = hostile_value(rng)
    elif action == 1:
        del parent[key]
    elif isinstance(parent, dict):
        parent[rng.choice(["extra", "code", "version", "entries"])] = hostile_value(rng)
    else:
        parent.insert(rng.randint(0, len(parent)), hostile_value(rng))
    return doc


def deep(opener: str, n: int) -> bytes:
    """JSON nested n levels: '[' * n (closed, or not), or {"a": {"a": ...}}."""
    if opener == "{":
        return ('{"a":' * n + "1" + "}" * n).encode()
    return ("[" * n + "]" * n).encode()
