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
"""

from __future__ import annotations


def run() -> None:
    """Serve over stdio until the client says exit."""
    import sys

    from cxsmart.server.app import build

    _roomy(sys.stdout)
    build().start_io()


def _roomy(stream) -> None:
    """A pipe to the client that holds a whole publish: pygls writes synchronously, and a file's
    findings (about 70 KB at 100 findings) would otherwise wait, past the pipe's usual 64 KB,
    for the client to read. Not a pipe, or not Linux: left as it is."""
    try:
        import fcntl

        fcntl.fcntl(stream.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (OSError, ValueError, AttributeError, ImportError):
        pass
