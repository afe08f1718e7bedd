"""One short, stable digest of any JSON-able values: the keys of cxsmart's caches."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any


def digest(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


_CODE: str | None = None


def code_stamp() -> str:
    """The size and time of every source file of the installed package, once per process: cached
    findings and facts made by other code (an edited checkout, a patched install of the same
    version) are not reused."""
    global _CODE
    if _CODE is None:
        top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        stamp = []
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    info = os.stat(os.path.join(folder, name))
                    stamp.append((os.path.relpath(os.path.join(folder, name), top), info.st_size, info.st_mtime_ns))
        _CODE = digest(stamp)
    return _CODE
