"""The participation counter's API: `POST /api/downloads` and `GET /api/downloads`.

A POST carries `{"unit": SLUG, "style": NAME}` and nothing else (the body is capped at
1 KB, so no photo can come this way); the client's address is used only in memory, to
refuse a client past 30 counts a minute with 429. Counts live in `counts.DownloadCounts`.
Any origin may read and post (an exported page on a static host points here with
`build --counter-url`), without cookies.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict, deque

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from assets_gen.counts import DownloadCounts, Totals
from assets_gen.web.errors import ApiError

MAX_BODY = 1024
PER_MINUTE = 30
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "86400",
    "Cache-Control": "no-store",
}


class RateLimit:
    """At most `limit` events per client in any `window` seconds; a bounded number of
    clients is remembered (the oldest forgotten first)."""

    def __init__(self, limit: int = PER_MINUTE, window: float = 60.0, clients: int = 20_000) -> None:
        self.limit, self.window, self.clients = limit, window, clients
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()

    def allow(self, client: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        times = self._seen.pop(client, None) or deque()
        while times and now - times[0] >= self.window:
            times.popleft()
        allowed = len(times) < self.limit
        if allowed:
            times.append(now)
        self._seen[client] = times
        while len(self._seen) > self.clients:
            self._seen.popitem(last=False)
        return allowed


def _error(status: int, code: str, vi: str, en: str, **headers: str) -> Response:
    response = ApiError(status, code, vi, en).response()
    response.headers.update({**CORS, **headers})
    return response


def _totals(totals: Totals) -> Response:
    return JSONResponse({"total": totals.total, "units": totals.units}, headers=CORS)


async def _body(request: Request) -> bytes | None:
    """The body, or None past MAX_BODY (declared or counted)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        return None
    data = b""
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            return None
    return data


def download_routes(store: DownloadCounts, styles: set[str], units: set[str]) -> list[Route]:
    """The counter's routes, for the app's route list."""
    limit = RateLimit()

    async def count(request: Request) -> Response:
        body = await _body(request)
        if body is None:
            return _error(
                413,
                "too_large",
                "Yêu cầu quá lớn.",
                f"The body is over {MAX_BODY} bytes.",
                Connection="close",
            )
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            data = None
        if not isinstance(data, dict) or set(data) != {"unit", "style"}:
            return _error(
                400,
                "bad_count",
                "Yêu cầu không hợp lệ.",
                'Send exactly {"unit": SLUG, "style": NAME} as JSON.',
            )
        unit, style = data["unit"], data["style"]
        if unit is None:
            unit = ""
        if not isinstance(style, str) or style not in styles:
            return _error(422, "unknown_style", "Không có kiểu khung này.", "Unknown style.")
        if not isinstance(unit, str) or (unit and unit not in units):
            return _error(422, "unknown_unit", "Không có đơn vị này.", "Unknown unit slug.")
        client = request.client.host if request.client else "?"
        if not limit.allow(client):
            return _error(
                429,
                "too_many",
                "Bạn gửi quá nhiều lượt, hãy thử lại sau.",
                "Too many counts.",
                **{"Retry-After": "60"},
            )
        await run_in_threadpool(store.add, unit, style)
        return _totals(await run_in_threadpool(store.totals))

    async def totals(request: Request) -> Response:
        return _totals(await run_in_threadpool(store.totals))

    async def preflight(request: Request) -> Response:
        return Response(status_code=204, headers=CORS)

    return [
        Route("/api/downloads", count, methods=["POST"]),
        Route("/api/downloads", totals, methods=["GET", "HEAD"]),
        Route("/api/downloads", preflight, methods=["OPTIONS"]),
    ]
