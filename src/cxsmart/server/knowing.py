"""Knowing the workspace: hover, definition, references, completion, document symbols."""

from __future__ import annotations


def register(server) -> None:
    pass
