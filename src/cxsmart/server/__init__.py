"""`cxsmart server`: the findings, fixes and workspace knowledge over the Language Server
Protocol (stdio), for any editor. Built over the program's api (lint_paths, the fix engine, the
rule registry), so what `cxsmart lint` finds is what the editor shows.

    positions  LSP positions (0-based, UTF-16) <-> cxsmart spans (1-based, code points)
    convert    a finding -> an LSP diagnostic
    session    the workspace's configuration; a whole lint through the api
    live       the workspace kept in memory: an edited file re-read and checked alone
    shape      what a file gives the rest of the workspace (is a patch enough?)
    patch      the workspace with one file's part rebuilt
    actions    code actions: quick fixes, fix all, ignore this finding here
    knowing    hover, definition, references, completion, document symbols
    app        the pygls server wiring it together
"""

from __future__ import annotations


def run() -> None:
    """Serve over stdio until the client says exit."""
    from cxsmart.server.app import build

    build().start_io()
