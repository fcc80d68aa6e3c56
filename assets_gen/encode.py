"""Images to file bytes, deterministically, and files written so none is ever half done."""

from __future__ import annotations

import contextlib
import io
import json
import os
import struct
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from PIL import Image

JPEG_QUALITY = 90
FULL_COLOUR = 0
"""Pillow's `subsampling` for 4:4:4: colour at full resolution. The default 4:2:0 halves
it, which puts a pink fringe around white text on the campaign red; full colour costs
about a third more bytes, within every budget (encode_within steps quality down when a
budget is at risk)."""


PNG_LEVEL = 6
"""Deflate level, as Pillow's default: libdeflate's level 6 writes about 1% more bytes
than zlib's in 60% of its time (one-shot, whole buffers; zlib's incremental design costs)."""
UP_WORTH = 0.8
""""up" is chosen when the sample says it saves a fifth of the bytes: it takes longer to
deflate than unfiltered rows (on the default kit's frames and banners this threshold gives
Pillow's bytes less 3%, in about half of its time)."""
_COLOR_TYPE = {"L": 0, "LA": 4, "RGB": 2, "RGBA": 6, "P": 3}  # PNG colour types, 8 bits a sample
_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def encode_png(image: Image.Image, optimize: bool = False) -> bytes:
    """PNG bytes with no metadata: the same pixels always give the same bytes.

    8-bit greyscale, colour and palette images are written here with one row filter chosen
    for the whole image (png_filter) and libdeflate at Pillow's level: Pillow tries five
    filters on every row, which made its encoder most of a build's time. Other modes, and
    `optimize` (the smallest file, slowly), go to Pillow."""
    color_type = _COLOR_TYPE.get(image.mode)
    if color_type is None or optimize or (image.mode == "P" and "transparency" in image.info):
        buf = io.BytesIO()
        image.save(buf, "PNG", optimize=optimize, compress_level=PNG_LEVEL)
        return buf.getvalue()
    import deflate
    import numpy as np

    width, height = image.size
    row_bytes = width * len(image.getbands())
    raw = image.tobytes()
    rows = np.frombuffer(raw, np.uint8).reshape(height, row_bytes)
    data = np.empty((height, row_bytes + 1), np.uint8)
    if color_type != 3 and png_filter(raw, row_bytes, height) == "up":  # palette indices: none
        data[:, 0] = 2
        data[0, 0] = 0  # the first row has none above
        data[0, 1:] = rows[0]
        np.subtract(rows[1:], rows[:-1], out=data[1:, 1:])
    else:
        data[:, 0] = 0
        data[:, 1:] = rows
    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    palette = _chunk(b"PLTE", bytes(image.getpalette("RGB") or ())) if color_type == 3 else b""
    idat = deflate.zlib_compress(memoryview(data).cast("B"), PNG_LEVEL)
    return _SIGNATURE + _chunk(b"IHDR", header) + palette + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_filter(raw: bytes, row_bytes: int, height: int) -> str:
    """The PNG row filter that compresses this image best, judged on a sample of rows.

    Flat artwork compresses best unfiltered; smooth gradients with "up" (each row less the
    one above). libpng's adaptive choice per row ("all") is slower and, on this artwork,
    bigger. Eight bands of four rows spread over the image are compressed both ways at
    zlib level 1: a millisecond, against the full image's ten or more."""
    import numpy as np

    if height < 2:
        return "none"
    rows = np.frombuffer(raw, np.uint8).reshape(height, row_bytes)
    band = min(4, height - 1)
    starts = sorted({1 + (height - 1 - band) * i // 7 for i in range(8)})
    picks = np.concatenate([np.arange(s, s + band) for s in starts])
    sample = rows[picks]
    unfiltered = len(zlib.compress(sample.tobytes(), 1))
    up = len(zlib.compress((sample - rows[picks - 1]).tobytes(), 1))
    return "up" if up < UP_WORTH * unfiltered else "none"


def encode_jpeg(image: Image.Image, quality: int = JPEG_QUALITY) -> bytes:
    """Baseline JPEG, 4:4:4, no EXIF (members' photos carry GPS positions)."""
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=quality, subsampling=FULL_COLOUR)
    return buf.getvalue()


def encode(image: Image.Image, filetype: str, quality: int = JPEG_QUALITY) -> bytes:
    if filetype in ("jpg", "jpeg"):
        return encode_jpeg(image, quality)
    if filetype == "png":
        return encode_png(image)
    raise ValueError(f"unknown file type {filetype!r}")


def quantised(image: Image.Image) -> Iterator[Image.Image]:
    """256 colours for a PNG over its budget, best first: an octree palette (a tenth of
    median cut's time, and it keeps small bright details such as the bulb's highlight)
    applied with Floyd-Steinberg dithering, so the campaign red's gradients do not band;
    then, should the dither's noise not fit, the same palette without it (smaller)."""
    rgb = image.convert("RGB")
    palette = rgb.quantize(256, method=Image.Quantize.FASTOCTREE)
    yield rgb.quantize(palette=palette, dither=Image.Dither.FLOYDSTEINBERG)
    yield palette


def encode_within(
    image: Image.Image, filetype: str, budget: int | None, best_effort: bool = False
) -> tuple[bytes, str]:
    """Encode as `filetype`, meeting a byte budget (IAB banners) if there is one.

    PNG stays lossless when it fits, else becomes a 256-colour dithered PNG (same
    extension); JPEG steps its quality down from 90 to 60. Returns the bytes and how they
    were encoded, e.g. "png", "png 256 colours", "jpeg q80". Raises ValueError when even
    the last step is over budget, unless `best_effort` (then the last, smallest step).
    """
    if filetype == "png":
        data = encode_png(image)
        if budget is None or len(data) <= budget:
            return data, "png"
        for step in quantised(image):
            data = encode_png(step)
            if len(data) <= budget:
                return data, "png 256 colours"
        if best_effort:
            return data, "png 256 colours"
    elif filetype in ("jpg", "jpeg"):
        for quality in (JPEG_QUALITY, 85, 80, 75, 70, 65, 60):
            data = encode_jpeg(image, quality)
            if budget is None or len(data) <= budget or (best_effort and quality == 60):
                return data, f"jpeg q{quality}"
    else:
        raise ValueError(f"unknown file type {filetype!r}")
    raise ValueError(
        f"{len(data) / 1000:.0f} kB even at the smallest setting, over the budget of {budget / 1000:.0f} kB"
    )


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A reader (or a build killed at any moment) sees the old file or the new one, never a
    partial one.
    """
    with open_atomic(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def open_atomic(path: Path, text: bool = False) -> Iterator[IO[Any]]:
    """A file to stream into that appears at `path` (by rename) only once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w" if text else "wb", encoding="utf-8" if text else None) as handle:
            yield handle
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# -- JSON inside HTML ---------------------------------------------------------------
# `</script>` ends a <script> element early and `<!--<script>` makes the HTML parser
# swallow the rest of the page, so a unit named that way would break the page for every
# unit. `<`, `>` and `&` as JSON \u escapes keep the same data for JSON.parse;
# U+2028/U+2029 are escaped for older JavaScript parsers.

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_TABLE = str.maketrans(_ESCAPES)


def script_json(value: Any) -> str:
    """`value` as compact JSON with nothing in it that HTML could read as markup."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_TABLE)
