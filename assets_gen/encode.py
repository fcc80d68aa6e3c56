"""Images to file bytes, deterministically, and files written so none is ever half done."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from PIL import Image

JPEG_QUALITY = 90


PNG_LEVEL = 6  # zlib level: the same as Pillow's default, for the same bytes per pixel
_VIPS_BANDS = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}
UP_WORTH = 0.8
""""up" is chosen when the sample says it saves a fifth of the bytes: it takes about 70%
longer to encode than no filter (measured on the default kit's frames and banners: this
threshold gives the same bytes as Pillow's adaptive filters less 3%, at 30% of its time)."""


def encode_png(image: Image.Image, optimize: bool = False) -> bytes:
    """PNG bytes with no metadata: the same pixels always give the same bytes.

    8-bit greyscale and colour images go through libspng (pyvips): three times as fast as
    Pillow's encoder at the same zlib level, and the build is encode-bound. Its row filter
    is chosen per image (png_filter). Palette images (budget fallbacks) stay with Pillow,
    which optimises their palette."""
    bands = _VIPS_BANDS.get(image.mode)
    if bands is None or optimize:
        buf = io.BytesIO()
        image.save(buf, "PNG", optimize=optimize, compress_level=PNG_LEVEL)
        return buf.getvalue()
    pyvips = _vips()
    raw = image.tobytes()
    vips = pyvips.Image.new_from_memory(raw, image.width, image.height, bands, "uchar")
    if bands <= 2:
        vips = vips.copy(interpretation="b-w")
    return vips.pngsave_buffer(
        compression=PNG_LEVEL, filter=png_filter(raw, image.width * bands, image.height), keep="none"
    )


@functools.cache
def _vips() -> Any:
    """pyvips, set up for one image at a time per process: no operation cache (it would
    hold every encoded image) and one thread (the build runs a process per core)."""
    import pyvips

    pyvips.cache_set_max(0)
    pyvips.concurrency_set(1)
    return pyvips


def vips_started() -> bool:
    """Whether this process has used libvips: it must not fork workers then (batch/pool.py)."""
    return _vips.cache_info().currsize > 0


def png_filter(raw: bytes, row_bytes: int, height: int) -> str:
    """The PNG row filter that compresses this image best, judged on a sample of rows.

    Flat artwork compresses best unfiltered; smooth gradients with "up" (each row less the
    one above). libpng's adaptive choice per row ("all") is slower and, on this artwork,
    bigger. Eight bands of four rows spread over the image are compressed both ways at
    zlib level 1: a millisecond, against the full image's ten or more."""
    import zlib

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
    """Baseline JPEG, 4:2:0, no EXIF (members' photos carry GPS positions)."""
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=quality, subsampling=2)
    return buf.getvalue()


def encode(image: Image.Image, fmt: str, quality: int = JPEG_QUALITY) -> bytes:
    if fmt in ("jpg", "jpeg"):
        return encode_jpeg(image, quality)
    if fmt == "png":
        return encode_png(image)
    raise ValueError(f"unknown image format {fmt!r}")


def encode_within(image: Image.Image, fmt: str, budget: int | None) -> tuple[bytes, str]:
    """Encode as `fmt`, meeting a byte budget (IAB banners) if there is one.

    PNG stays lossless when it fits, else becomes a 256-colour dithered PNG (same
    extension); JPEG steps its quality down from 90 to 60. Returns the bytes and how they
    were encoded, e.g. "png", "png 256 colours", "jpeg q80". Raises ValueError when even
    the last step is over budget.
    """
    if fmt == "png":
        data = encode_png(image)
        if budget is None or len(data) <= budget:
            return data, "png"
        quantised = image.convert("RGB").quantize(
            256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG
        )
        data = encode_png(quantised, optimize=True)
        if len(data) <= budget:
            return data, "png 256 colours"
    elif fmt in ("jpg", "jpeg"):
        for quality in (JPEG_QUALITY, 85, 80, 75, 70, 65, 60):
            data = encode_jpeg(image, quality)
            if budget is None or len(data) <= budget:
                return data, f"jpeg q{quality}"
    else:
        raise ValueError(f"unknown image format {fmt!r}")
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
