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
    splice     one goal's lines re-read and spliced into its file
    itempatch  the workspace with one goal's view replaced, every other kept
    checkfile  one file's goals checked, each goal's findings kept for the next edit
    app        the pygls server wiring it together
    stdio      its stdin read by the event loop itself; a publish framed from JSON text
    sync       incremental text sync: a range applied as LSP counts lines
"""

from __future__ import annotations


def run() -> None:
    """Serve over stdio until the client says exit."""
    from cxsmart.server.app import build
    from cxsmart.server.stdio import serve

    serve(build())
