"""Output formats, one module each. `render(name, result, ...)` returns the text to print."""

from __future__ import annotations

FORMATS = ("text", "json")
MODULES = {"text": "cxsmart.output.text", "json": "cxsmart.output.jsonfmt"}
