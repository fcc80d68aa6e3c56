"""Images to file bytes, deterministically, and files written so none is ever half done."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

from PIL import Image

JPEG_QUALITY = 90


def encode_png(image: Image.Image, optimize: bool = False) -> bytes:
    """PNG bytes with no metadata: the same pixels always give the same bytes."""
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=optimize, compress_level=6)
    return buf.getvalue()


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


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A reader (or a build killed at any moment) sees the old file or the new one, never a
    partial one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
