"""The server's stdio (server/stdio.py): the event loop reads a pipe or a socket itself, a file
as pygls reads it; input that ends mid-message ends the server quietly; the exit code is the
LSP's (0 after a shutdown, else 1)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.server_helpers import SERVER


def _message(payload: dict) -> bytes:
    body = json.dumps(payload).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _session(root, *tail: bytes) -> bytes:
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}}
    return _message(init) + b"".join(tail)


def _responses(out: bytes) -> list[dict]:
    found, rest = [], out
    while b"\r\n\r\n" in rest:
        head, rest = rest.split(b"\r\n\r\n", 1)
        length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        found.append(json.loads(rest[:length]))
        rest = rest[length:]
    return found


def _served(stdin, tmp_path, data: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(SERVER, input=data, stdin=stdin, capture_output=True, cwd=tmp_path, timeout=120)


def _bye() -> bytes:
    return _message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}) + \
        _message({"jsonrpc": "2.0", "method": "exit"})


def test_a_pipe_is_served_and_the_exit_ends_it(tmp_path):
    proc = _served(None, tmp_path, _session(tmp_path, _bye()))
    ids = [r.get("id") for r in _responses(proc.stdout)]
    assert proc.returncode == 0, proc.stderr
    assert ids[0] == 1 and 2 in ids
    assert _responses(proc.stdout)[0]["result"]["serverInfo"]["name"] == "cxsmart"


def test_an_exit_without_a_shutdown_is_exit_code_1(tmp_path):
    proc = _served(None, tmp_path, _session(tmp_path, _message({"jsonrpc": "2.0", "method": "exit"})))
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr


def test_a_file_as_stdin_is_served_too(tmp_path):
    messages = tmp_path / "messages"
    messages.write_bytes(_session(tmp_path, _bye()))
    with messages.open("rb") as stdin:
        proc = _served(stdin, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert [r.get("id") for r in _responses(proc.stdout)][:1] == [1]


def test_input_that_ends_mid_message_ends_the_server_without_a_traceback(tmp_path):
    cut = b'Content-Length: 400\r\n\r\n{"jsonrpc": "2.0", "method": "textDocument/didOpen", "par'
    proc = _served(None, tmp_path, _session(tmp_path, cut))
    assert [r.get("id") for r in _responses(proc.stdout)] == [1]
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    assert b"Unable to handle message" not in proc.stderr


def test_the_pipe_to_the_client_holds_a_whole_publish():
    """pygls writes synchronously: a publish larger than the pipe (64 KB by default; ~70 KB at 100
    findings) would wait for the client to read. Anything but a pipe is left as it is."""
    import io
    import os

    from cxsmart.server.stdio import _roomy

    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("pipe sizes are Linux's")
    read, write = os.pipe()
    with os.fdopen(read, "rb"), os.fdopen(write, "wb") as out:
        _roomy(out)
        assert fcntl.fcntl(write, fcntl.F_GETPIPE_SZ) >= 128 * 1024
    _roomy(io.BytesIO())


def test_a_notification_of_json_text_is_framed_as_pygls_frames_one():
    """stdio.notify (the publish of findings already in JSON): the same bytes as pygls's notify, the
    length counted in bytes."""
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer
    from pygls.protocol import default_converter

    from cxsmart.server.stdio import notify

    class Collect:
        def __init__(self):
            self.data = b""

        def write(self, data):
            self.data += data

        def close(self):
            pass

    params = lsp.PublishDiagnosticsParams(uri="file:///tmp/caf%C3%A9/é.yaml", diagnostics=[lsp.Diagnostic(
        range=lsp.Range(lsp.Position(1, 2), lsp.Position(1, 5)), message="Grow ‘NPS’ 🙂", code="S001")])
    ours, theirs = LanguageServer("a", "1").protocol, LanguageServer("b", "1").protocol
    ours.set_writer(Collect())
    theirs.set_writer(Collect())
    as_json = json.dumps(default_converter().unstructure(params))
    notify(ours, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, as_json)
    theirs.notify(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)
    assert ours.writer.data == theirs.writer.data
    assert _responses(ours.writer.data)[0]["params"]["diagnostics"][0]["message"] == "Grow ‘NPS’ 🙂"
    notify(LanguageServer("c", "1").protocol, "x", "{}")      # no writer yet: nothing, no error
