"""The server's stdio. pygls reads stdin through a thread pool: each header line and each body is
a trip to a reader thread and back to the event loop, six thread wake-ups per message, which a
busy machine schedules late (a keystroke's change waited 2 to 6 ms in them). When stdin is a
pipe or a socket (as every editor starts a server), the event loop reads it itself here; a
file or a terminal is read as pygls reads it. Writes stay synchronous, into a pipe made large
enough to take a whole publish without waiting for the client; a publish of findings whose JSON
is already written (convert.Published) is framed here, not encoded again by pygls."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat
import sys
import threading

from pygls.io_ import StdinAsyncReader, StdoutWriter, run_async

logger = logging.getLogger(__name__)


def serve(server) -> None:
    """Serve `server` (a pygls LanguageServer) over stdio until the client says exit."""
    _roomy(sys.stdout)
    server._stop_event = threading.Event()
    server.protocol.set_writer(_Writer(sys.stdout.buffer))
    try:
        asyncio.run(_loop(server))      # the client's exit is a SystemExit: 0 after a shutdown, else 1
    except BrokenPipeError:
        logger.error("the client's pipe closed: the server stops")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


async def _loop(server) -> None:
    if _is_stream(sys.stdin):
        loop = asyncio.get_running_loop()
        stream = asyncio.StreamReader(limit=1 << 20)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream), sys.stdin.buffer)
        reader = _Reader(stream)
    else:
        reader = StdinAsyncReader(sys.stdin.buffer, server.thread_pool)
    await run_async(stop_event=server._stop_event, reader=reader, protocol=server.protocol,
                    logger=logger, error_handler=server.report_server_error)


def notify(protocol, method: str, params: str) -> None:
    """A notification whose params are JSON text already (pygls's notify would structure and
    encode them again), framed as pygls frames its messages."""
    if protocol.writer is None:
        return
    body = f'{{"params": {params}, "method": {json.dumps(method)}, "jsonrpc": "2.0"}}'.encode()
    protocol.writer.write(b"Content-Length: %d\r\nContent-Type: %s; charset=%s\r\n\r\n" % (
        len(body), protocol.CONTENT_TYPE.encode(), protocol.CHARSET.encode()) + body)


class _Writer(StdoutWriter):
    """pygls's writer, but the exit leaves stdout open (flushed): the program's own exit flushes
    it again, and a closed stdout made that an error, so exit code 2 after a clean shutdown."""

    def close(self) -> None:
        self._stdout.flush()


class _Reader:
    """What pygls's message loop reads from: a line, or n bytes (b'' at the end of input)."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.stream = stream

    async def readline(self) -> bytes:
        try:
            return await self.stream.readline()
        except (asyncio.LimitOverrunError, ValueError):     # a header line past the limit: not LSP
            return b""

    async def readexactly(self, n: int) -> bytes:
        try:
            return await self.stream.readexactly(n)
        except asyncio.IncompleteReadError:                 # the client went away mid-message
            return b""


def _is_stream(stdin) -> bool:
    try:
        mode = os.fstat(stdin.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _roomy(stream) -> None:
    """A pipe to the client that holds a whole publish: pygls writes synchronously, and a file's
    findings (about 70 KB at 100 findings) would otherwise wait, past the pipe's usual 64 KB,
    for the client to read. Not a pipe, or not Linux: left as it is."""
    try:
        import fcntl

        fcntl.fcntl(stream.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (OSError, ValueError, AttributeError, ImportError):
        pass
