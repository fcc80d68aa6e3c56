"""Reading an upload: streamed, counted, parsed in memory, cut off when too big or too slow.

Starlette's own form parser spools files to temporary files on disk; members' photos must
never touch the disk, so the body is fed chunk by chunk to python-multipart's parser and
the photo part is kept in memory, capped at the upload limit. A declared Content-Length
over the limit is refused before any byte is read, and the running count refuses the rest.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from python_multipart import MultipartParser
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import parse_options_header
from starlette.requests import ClientDisconnect, Request

from assets_gen.web import errors
from assets_gen.web.limits import Holding

FIELDS = ("style", "unit", "x", "y", "zoom", "rotate")
MAX_PARTS = 16
MAX_FIELD = 200  # bytes of a text field
IDLE_SECONDS = 15.0  # longest wait for the next chunk
TOTAL_SECONDS = 60.0  # longest wait for the whole body


@dataclass
class Upload:
    fields: dict[str, str] = field(default_factory=dict)
    photo: bytes | None = None
    filename: str = "photo"


class _Parts:
    """python-multipart callbacks that collect the known fields and the photo."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.upload = Upload()
        self.count = 0
        self._header_field = bytearray()
        self._header_value = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._name = ""
        self._data = bytearray()
        self._chunks: list[bytes] = []  # the photo's pieces, joined once at the end
        self._photo = False

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self.part_begin,
            "on_header_field": lambda d, s, e: self._header_field.extend(d[s:e]),
            "on_header_value": lambda d, s, e: self._header_value.extend(d[s:e]),
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
            "on_part_data": self.part_data,
            "on_part_end": self.part_end,
        }

    def part_begin(self) -> None:
        self.count += 1
        if self.count > MAX_PARTS:
            raise errors.bad_form(f"more than {MAX_PARTS} parts")
        self._headers = {}
        self._data = bytearray()

    def header_end(self) -> None:
        self._headers[bytes(self._header_field).lower()] = bytes(self._header_value)
        self._header_field.clear()
        self._header_value.clear()

    def headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = params.get(b"name", b"").decode("utf-8", "replace")
        self._photo = self._name == "photo"
        if self._photo:
            if self.upload.photo is not None:
                raise errors.bad_form("more than one photo")
            filename = params.get(b"filename", b"").decode("utf-8", "replace")
            self.upload.filename = filename.replace("\\", "/").rsplit("/", 1)[-1][:100] or "photo"

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self._photo:
            self._chunks.append(data[start:end])
            return
        if self._name not in FIELDS:  # a field we do not use (a misnamed photo): dropped unread
            return
        if len(self._data) + end - start > MAX_FIELD:
            raise errors.bad_form(f"the field “{self._name[:40]}” is too long")
        self._data.extend(data[start:end])

    def part_end(self) -> None:
        if self._photo:
            self.upload.photo = b"".join(self._chunks)
            self._chunks = []
        elif self._name in FIELDS:
            self.upload.fields[self._name] = self._data.decode("utf-8", "replace").strip()
        self._data = bytearray()


async def read_upload(
    request: Request,
    limit: int = errors.MAX_UPLOAD,
    idle: float = IDLE_SECONDS,
    total: float = TOTAL_SECONDS,
    holding: Holding | None = None,
) -> Upload:
    """The form of a multipart request, or an ApiError (413, 415, 400, 408): cut off when
    nothing comes for `idle` seconds or the whole body takes more than `total`. Each piece
    is taken from `holding`'s memory budget as it arrives (limits.Busy when none is left)."""
    mime, params = parse_options_header(request.headers.get("content-type", ""))
    if mime != b"multipart/form-data":
        raise errors.not_multipart()
    boundary = params.get(b"boundary")
    if not boundary or len(boundary) > 200:
        raise errors.bad_form("no multipart boundary")
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise errors.bad_form("bad Content-Length")
        if int(declared) > limit:
            raise errors.too_large()
    parts = _Parts(limit)
    parser = MultipartParser(boundary, parts.callbacks())
    received = 0
    chunks = request.stream().__aiter__()
    try:
        async with asyncio.timeout(total):
            while True:
                try:
                    chunk = await asyncio.wait_for(anext(chunks), idle)
                except StopAsyncIteration:
                    break
                received += len(chunk)
                if received > limit:
                    raise errors.too_large()
                if holding is not None:
                    await holding.take(len(chunk))
                parser.write(chunk)
        parser.finalize()
    except TimeoutError:
        raise errors.slow_upload() from None
    except MultipartParseError as exc:
        raise errors.bad_form(str(exc).splitlines()[0] if str(exc) else "cannot parse") from None
    except ClientDisconnect:
        raise errors.bad_form("the client disconnected") from None
    return parts.upload
