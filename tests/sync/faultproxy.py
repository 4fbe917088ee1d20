"""An asyncio TCP proxy between the sync client and the real server that a test steers into faults.

Test-only: it handles one HTTP request per client connection and never inspects health data.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Fault(StrEnum):
    """What the proxy does to one request."""

    PASS = "pass"
    RESET_BEFORE_FORWARD = "reset_before_forward"
    RESET_AFTER_COMMIT = "reset_after_commit"
    TRUNCATE_RESPONSE = "truncate_response"
    STALL_AFTER_COMMIT = "stall_after_commit"
    STALL_BEFORE_FORWARD = "stall_before_forward"
    ERROR_500_AFTER_COMMIT = "error_500_after_commit"
    ERROR_503 = "error_503"
    ERROR_429 = "error_429"
    CAPTIVE_HTML = "captive_html"
    CAPTIVE_REDIRECT = "captive_redirect"
    KILL_SERVER_DURING = "kill_server_during"


CAPTIVE_PAGE = (
    b"<!DOCTYPE html><html><head><title>Login WiFi Desa</title></head>"
    b"<body><form action='/login'>Masukkan kode voucher</form></body></html>"
)


@dataclass
class ProxyStats:
    requests: int = 0
    faults: Counter[str] = field(default_factory=Counter)


class FaultProxy:
    """Forwards 127.0.0.1:<port> to an upstream server; faults are queued or chosen by a policy.

    `enqueue(fault, times=n)` applies the next n requests; otherwise `policy(method, path)` (if set)
    picks the fault; otherwise requests pass. `stall_seconds` must exceed the client's read timeout.
    """

    def __init__(
        self,
        *,
        upstream_host: str,
        upstream_port: int,
        stall_seconds: float = 3.0,
        retry_after: int = 7,
    ) -> None:
        self.upstream_host = upstream_host
        self.upstream_port = upstream_port
        self.stall_seconds = stall_seconds
        self.retry_after = retry_after
        self.policy: Callable[[str, str], Fault] | None = None
        # Called (on a worker thread) while a request is being forwarded: it kills the server.
        self.kill_hook: Callable[[], None] | None = None
        self.kill_delay = 0.01
        self.stats = ProxyStats()
        self._queue: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(self._start_server(), self._loop)
        fut.result(timeout=10)
        return self

    def stop(self) -> None:
        async def _close() -> None:
            if self._server is not None:
                self._server.close()
            # Stalled handlers would otherwise outlive the loop.
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(_close(), self._loop).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    def set_upstream(self, *, host: str, port: int) -> None:
        self.upstream_host, self.upstream_port = host, port

    def enqueue(self, fault: Fault, *, times: int = 1) -> None:
        with self._lock:
            self._queue.extend([fault] * times)

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()
        self.policy = None

    def _next_fault(self, method: str, path: str) -> Fault:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        if self.policy is not None:
            return self.policy(method, path)
        return Fault.PASS

    async def _start_server(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await _read_request(reader)
            if request is None:
                return
            method, path, raw = request
            fault = self._next_fault(method, path)
            self.stats.requests += 1
            self.stats.faults[fault.value] += 1
            await self._apply(fault, raw=raw, writer=writer)
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _apply(self, fault: Fault, *, raw: bytes, writer: asyncio.StreamWriter) -> None:
        if fault is Fault.RESET_BEFORE_FORWARD:
            _reset(writer)
            return
        if fault is Fault.STALL_BEFORE_FORWARD:
            await asyncio.sleep(self.stall_seconds)
            _reset(writer)
            return
        if fault is Fault.ERROR_503:
            await _send(writer, _plain_response(503, b'{"detail":"sibuk"}', self.retry_after))
            return
        if fault is Fault.ERROR_429:
            await _send(writer, _plain_response(429, b'{"detail":"pelan"}', self.retry_after))
            return
        if fault is Fault.CAPTIVE_HTML:
            await _send(writer, _html_response(200, CAPTIVE_PAGE))
            return
        if fault is Fault.CAPTIVE_REDIRECT:
            await _send(
                writer,
                b"HTTP/1.1 302 Found\r\nLocation: http://login.wifi.desa/\r\n"
                b"Content-Length: 0\r\nConnection: close\r\n\r\n",
            )
            return
        if fault is Fault.KILL_SERVER_DURING:
            forward = asyncio.ensure_future(self._forward(raw))
            await asyncio.sleep(self.kill_delay)
            if self.kill_hook is not None:
                await asyncio.get_running_loop().run_in_executor(None, self.kill_hook)
            with contextlib.suppress(Exception):
                await forward
            _reset(writer)
            return
        response = await self._forward(raw)
        if fault is Fault.PASS:
            await _send(writer, response)
        elif fault is Fault.RESET_AFTER_COMMIT:
            _reset(writer)
        elif fault is Fault.TRUNCATE_RESPONSE:
            head_end = response.find(b"\r\n\r\n") + 4
            body = response[head_end:]
            await _send(writer, response[: head_end + max(1, len(body) // 2)])
            _reset(writer)
        elif fault is Fault.STALL_AFTER_COMMIT:
            await asyncio.sleep(self.stall_seconds)
            _reset(writer)
        elif fault is Fault.ERROR_500_AFTER_COMMIT:
            await _send(writer, _html_response(500, b"<html>Internal Server Error</html>"))

    async def _forward(self, raw: bytes) -> bytes:
        up_reader, up_writer = await asyncio.open_connection(self.upstream_host, self.upstream_port)
        try:
            up_writer.write(raw)
            await up_writer.drain()
            return await up_reader.read()
        finally:
            up_writer.close()


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, str, bytes] | None:
    """Read one request; rewrite it to `Connection: close` so the upstream ends it with EOF."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head[:-4].split(b"\r\n")
    method, path, _version = lines[0].decode("latin-1").split(" ", 2)
    kept = [lines[0]]
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        lname = name.strip().lower()
        if lname == b"content-length":
            length = int(value.strip())
        if lname in (b"connection", b"keep-alive"):
            continue
        kept.append(line)
    kept.append(b"Connection: close")
    body = await reader.readexactly(length) if length else b""
    return method, path, b"\r\n".join(kept) + b"\r\n\r\n" + body


def _plain_response(status: int, body: bytes, retry_after: int) -> bytes:
    reason = {429: "Too Many Requests", 503: "Service Unavailable"}[status]
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
        f"Retry-After: {retry_after}\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + body


def _html_response(status: int, body: bytes) -> bytes:
    reason = {200: "OK", 500: "Internal Server Error"}[status]
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body


async def _send(writer: asyncio.StreamWriter, data: bytes) -> None:
    writer.write(data)
    await writer.drain()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with RST (linger 0) so the client sees a reset, not a clean end of stream."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()
