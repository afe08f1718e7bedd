"""Output formats, one module each. Machine formats expose `render(result, registry) -> str`."""

from __future__ import annotations

import importlib

FORMATS = ("text", "concise", "json", "github", "sarif", "gitlab", "junit")
_MODULES = {"concise": "concise", "json": "jsonfmt", "github": "github", "sarif": "sarif", "gitlab": "gitlab",
            "junit": "junit"}


def render(name: str, result, registry) -> str:
    module = importlib.import_module(f"cxsmart.output.{_MODULES[name]}")
    return module.render(result, registry)
