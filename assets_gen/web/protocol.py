"""uvicorn's httptools protocol with the deadlines it lacks, and nginx's lingering close.

- Headers: a request's line and headers must arrive within `header_timeout` of its first
  byte (or of the connection); a client sending one header line every few seconds is cut
  off with 408 instead of holding a connection for ever. The ASGI app never sees it.
- Body: a whole body must arrive within `body_timeout` (plus a little, so the app's own
  408 JSON goes first for uploads); this also covers routes that never read the body.
- Lingering close: when the app answers before the body is in (413, 408) and closes, the
  unread bytes would make the kernel reset the connection and the client would never
  read the answer. Instead the write side is shut and the rest of the body is read and
  dropped for a short while (`linger_timeout`, at most `linger_bytes`), then closed.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from assets_gen.web.limits import ServerLimits

_TIMEOUT_BODY = json.dumps(
    {
        "error": {
            "code": "request_timeout",
            "message_vi": "Yêu cầu gửi quá chậm.",
            "message_en": "The request was too slow and was cut off.",
        }
    },
    ensure_ascii=False,
).encode()
REQUEST_TIMEOUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
    b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(_TIMEOUT_BODY), _TIMEOUT_BODY)
)
BODY_GRACE = 1.0  # seconds after `body_timeout` before the protocol closes for the app
MAX_HEAD = 32 * 1024  # bytes of request line and headers
_HEAD_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
)


class _LingeringTransport:
    """The connection's transport as uvicorn sees it: `close()` lingers while a body is unread."""

    def __init__(self, transport: asyncio.Transport, protocol: GuardedProtocol) -> None:
        self._transport = transport
        self._protocol = protocol

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)

    def is_closing(self) -> bool:
        return self._protocol.lingering or self._transport.is_closing()

    def close(self) -> None:
        if self._protocol.in_body and not self.is_closing():
            self._protocol.linger()
        else:
            self._transport.close()


class GuardedProtocol(HttpToolsProtocol):
    """HttpToolsProtocol plus header and body deadlines and lingering close."""

    limits = ServerLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.raw_transport: asyncio.Transport | None = None
        self.in_body = False  # a request has begun and its body is not all in
        self.lingering = False
        self._drained = 0
        self._head = 0  # bytes of the current request's line and headers
        self._deadline: asyncio.TimerHandle | None = None
        self._linger_idle: asyncio.TimerHandle | None = None
        self._linger_end: asyncio.TimerHandle | None = None

    # -- deadlines ---------------------------------------------------------------------

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        transport = self.raw_transport
        if transport is None or transport.is_closing():
            return
        if self.cycle is None or self.cycle.response_complete or not self.cycle.response_started:
            if self.cycle is not None and not self.cycle.response_complete:
                self.cycle.disconnected = True  # the app must not write after this answer
                self.cycle.message_event.set()
            transport.write(REQUEST_TIMEOUT)
        self.lingering = True
        transport.close()

    # -- protocol interface ------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self.raw_transport = transport
        super().connection_made(_LingeringTransport(transport, self))  # type: ignore[arg-type]
        self._arm(self.limits.header_timeout)  # nothing yet: the headers' clock starts now

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        for timer in (self._linger_idle, self._linger_end):
            if timer is not None:
                timer.cancel()
        self.lingering = True
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.lingering:
            self._drain(len(data))
            return
        super().data_received(data)

    def eof_received(self) -> bool | None:
        if self.lingering and self.raw_transport is not None:
            self.raw_transport.close()
        return None

    def _count_head(self, size: int) -> None:
        self._head += size
        if self._head > MAX_HEAD and self.raw_transport is not None and not self.lingering:
            self.lingering = True
            self.raw_transport.write(_HEAD_TOO_LARGE)
            self.raw_transport.close()

    def on_url(self, url: bytes) -> None:
        self._count_head(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count_head(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.in_body = True
        self._head = 0
        if self._deadline is None:
            self._arm(self.limits.header_timeout)

    def on_headers_complete(self) -> None:
        if self.lingering:  # refused above: the app never sees this request
            return
        self._arm(self.limits.body_timeout + BODY_GRACE)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self.in_body = False
        self._disarm()
        super().on_message_complete()

    # -- lingering close ---------------------------------------------------------------

    def linger(self) -> None:
        """Answer sent, body unread: shut our side, read and drop the rest for a while."""
        transport = self.raw_transport
        assert transport is not None
        self.lingering = True
        self._disarm()
        if transport.can_write_eof():
            transport.write_eof()
        transport.resume_reading()
        self._linger_end = self.loop.call_later(self.limits.linger_timeout * 5, transport.close)
        self._drain(0)

    def _drain(self, size: int) -> None:
        transport = self.raw_transport
        assert transport is not None
        self._drained += size
        if self._linger_idle is not None:
            self._linger_idle.cancel()
        if self._drained > self.limits.linger_bytes:
            transport.close()
            return
        self._linger_idle = self.loop.call_later(self.limits.linger_timeout, transport.close)


def guarded_protocol(limits: ServerLimits) -> type[GuardedProtocol]:
    """The protocol class uvicorn instantiates per connection, bound to `limits`."""
    return type("GuardedProtocol", (GuardedProtocol,), {"limits": limits})
