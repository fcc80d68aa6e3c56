"""The web front end: the member page, its frame images, and the avatar API.

No logic of its own: photos are framed by `render_avatar` (the CLI's code) in a worker
pool; this module only reads requests, enforces limits and turns errors into 4xx JSON.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import math
import os
from collections.abc import AsyncIterator
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.counts import DownloadCounts
from assets_gen.errors import PhotoError
from assets_gen.photo import Placement, open_photo
from assets_gen.render.page import CSP, download_name, frame_path, page_files, preview_path, thumb_path
from assets_gen.web import errors
from assets_gen.web.downloads import download_routes
from assets_gen.web.limits import Budget, Busy, Gate, Holding, ServerLimits, give_back_memory
from assets_gen.web.pool import RenderPool, avatar_jpeg, frame_webp
from assets_gen.web.upload import read_upload

SECURITY_HEADERS = [
    (b"content-security-policy", (CSP + "; frame-ancestors 'none'").encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


class SecurityHeaders:
    """Adds the safe headers to every response (pure ASGI: no overhead on the body)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def decoded_cost(photo: bytes, name: str) -> int:
    """Bytes the photo takes once decoded (Pillow keeps 4 bytes a pixel for RGB and RGBA),
    read from its header; a photo the core refuses is refused here, before any queue."""
    try:
        image = open_photo(photo, name)
    except PhotoError as err:
        raise errors.from_photo_error(err) from None
    with image:
        w, h = image.size
        return w * h * 4


def create_app(
    kit: Kit,
    units: list[Unit],
    workers: int | None = None,
    limits: ServerLimits | None = None,
    counts: DownloadCounts | None = None,
) -> Starlette:
    """The ASGI app; `workers` render processes (default: one per core), `limits` for
    uploads (see ServerLimits); `counts` keeps the participation counter (None: the page
    has no counter)."""
    limits = (limits or ServerLimits()).validated()
    pool = RenderPool(
        kit,
        workers or os.cpu_count() or 1,
        recycle_after=limits.worker_jobs,
        memory_mark=limits.worker_memory,
    )
    uploads = Gate(limits.max_uploads, 0, limits.upload_queue, limits.queue_timeout)
    upload_memory = Budget(limits.upload_memory, limits.queue_timeout)
    decoding = Gate(limits.max_uploads, limits.decode_budget, limits.max_uploads, limits.queue_timeout)
    trim: list[asyncio.TimerHandle] = []

    def trim_soon() -> None:  # after a load, once nobody is uploading: memory back to the system
        if trim:
            trim.pop().cancel()
        trim.append(asyncio.get_running_loop().call_later(0.25, give_back_memory))

    uploads.on_idle.append(trim_soon)
    files = {f.path: f for f in page_files(kit, units, server=True, counter=counts is not None)}
    etags = {path: '"' + hashlib.sha256(f.data).hexdigest()[:20] + '"' for path, f in files.items()}
    # Text and fonts compressed once; JPEG answers are not worth compressing per request.
    gzipped = {p: gzip.compress(f.data, mtime=0) for p, f in files.items() if not f.path.endswith(".jpg")}
    gzipped = {p: data for p, data in gzipped.items() if len(data) < len(files[p].data) * 0.9}
    by_slug = {u.slug: u for u in units}
    filename = download_name(kit)

    async def page_file(request: Request) -> Response:
        path = request.url.path.lstrip("/") or "index.html"
        f = files.get(path)
        if f is None:
            raise HTTPException(404)
        headers = {"ETag": etags[path], "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == etags[path]:
            return Response(status_code=304, headers=headers)
        packed = gzipped.get(path)
        if packed is not None and "gzip" in request.headers.get("accept-encoding", ""):
            return Response(packed, media_type=f.media_type, headers={**headers, "Content-Encoding": "gzip"})
        return Response(f.data, media_type=f.media_type, headers=headers)

    frame_names = {
        frame_path(s.name, for_unit).removeprefix("frames/"): (s.name, "unit" if for_unit else "full")
        for s in kit.frames
        for for_unit in (False, True)
    }
    frame_names.update({thumb_path(s.name).removeprefix("frames/"): (s.name, "thumb") for s in kit.frames})
    for s in kit.frames:
        for for_unit in (False, True):
            variant = "unit-preview" if for_unit else "preview"
            frame_names[preview_path(s.name, for_unit).removeprefix("frames/")] = (s.name, variant)
    frame_data: dict[str, bytes] = {}

    async def frame(request: Request) -> Response:
        """The page's frames, drawn in a worker on first use (two per style, any unit)."""
        name = request.path_params["path"]
        if name not in frame_names:
            raise HTTPException(404)
        data = frame_data.get(name)
        if data is None:
            data = await pool.run(frame_webp, *frame_names[name])
            frame_data[name] = data
        return Response(data, media_type="image/webp", headers={"Cache-Control": "public, max-age=3600"})

    async def avatar(request: Request) -> Response:
        holding = Holding(upload_memory)
        try:
            async with uploads.admit():
                data = await _frame_upload(request, holding)
        except Busy:
            raise errors.busy(limits.queue_timeout) from None
        finally:
            holding.release()
        return Response(
            data,
            media_type="image/jpeg",
            headers={
                "Content-Disposition": f"attachment; filename={filename}; filename*=UTF-8''{quote(filename)}",
                "Cache-Control": "no-store",
            },
        )

    async def _frame_upload(request: Request, holding: Holding) -> bytes:
        upload = await read_upload(
            request, idle=limits.body_idle_timeout, total=limits.body_timeout, holding=holding
        )
        if upload.photo is None:
            raise errors.missing_photo()
        style = _style(upload.fields.get("style"), kit)
        unit = _unit(upload.fields.get("unit"), by_slug)
        placement = _placement(upload.fields)
        photo, upload.photo = upload.photo, None
        async with decoding.admit(decoded_cost(photo, upload.filename)):
            return await pool.run(
                avatar_jpeg, photo, upload.filename, style, unit.short_name if unit else None, placement
            )

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, errors.ApiError)
        response = exc.response()
        if exc.status in (408, 413, 503):  # the rest of the body is not read: close the connection
            response.headers["Connection"] = "close"
        return response

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            err = errors.ApiError(404, "not_found", "Không tìm thấy trang này.", "Not found.")
        elif exc.status_code == 405:
            err = errors.ApiError(
                405, "method_not_allowed", "Phương thức không được hỗ trợ.", "Method not allowed."
            )
        else:
            err = errors.ApiError(exc.status_code, "bad_request", "Yêu cầu không hợp lệ.", str(exc.detail))
        return err.response()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            pool.close()
            if counts is not None:
                counts.close()

    counter = download_routes(counts, {s.name for s in kit.frames}, {u.slug for u in units}) if counts else []
    routes = [
        *counter,
        Route("/", page_file, methods=["GET", "HEAD"]),
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
        Route("/api/avatar", avatar, methods=["POST"]),
        Route("/frames/{path:path}", frame, methods=["GET", "HEAD"]),
        *(Route(f"/{path}", page_file, methods=["GET", "HEAD"]) for path in files),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={errors.ApiError: api_error, HTTPException: http_error},
        lifespan=lifespan,
    )


def _style(value: str | None, kit: Kit) -> str:
    if not value:
        return kit.frames[0].name
    if value not in {s.name for s in kit.frames}:
        names = ", ".join(s.name for s in kit.frames)
        raise errors.bad_field(
            "style", f"Không có kiểu khung “{value[:40]}” (có: {names}).", f"Unknown style (styles: {names})."
        )
    return value


def _unit(value: str | None, by_slug: dict[str, Unit]) -> Unit | None:
    if not value:
        return None
    unit = by_slug.get(value)
    if unit is None:
        raise errors.bad_field("unit", f"Không có đơn vị “{value[:40]}”.", "Unknown unit slug.")
    return unit


def _placement(fields: dict[str, str]) -> Placement:
    values: dict[str, float] = {}
    for name in ("x", "y", "zoom", "rotate"):
        text = fields.get(name)
        if text:
            try:
                number = float(text)
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                raise errors.bad_field(
                    "placement", f"Giá trị “{name}” phải là một số.", f"The field “{name}” must be a number."
                )
            values[name] = number
    rotate = values.pop("rotate", 0.0)
    if rotate != int(rotate):
        raise errors.bad_field(
            "placement", "Góc xoay phải là 0, 90, 180 hoặc 270.", "rotate must be 0, 90, 180 or 270."
        )
    try:
        return Placement(**values, rotate=int(rotate)).validated()
    except PhotoError as err:
        raise errors.from_photo_error(err) from None
