"""Small previews for the contact sheet, so it opens fast with thousands of assets.

Thumbnails are named after the content hash of the file they show
(`_thumbs/<sha256[:20]>.jpg` or `.webp`): an unchanged asset keeps its thumbnail, a changed one
gets a new name (no stale previews in browser caches), and unused ones are swept away.
Renderers make them from the image they already hold (`thumbnail`); for kinds that do
not, the contact sheet makes them from the file once.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from assets_gen.encode import FULL_COLOUR

THUMB_DIR = "_thumbs"
THUMB_SIDE = 360  # px: sharp in a 240 px wide grid cell on a high-density screen


def thumb_path(sha256: str, data: bytes) -> str:
    """Where the thumbnail `data` of the file with this hash goes, relative to the output folder."""
    ext = "jpg" if data[:2] == b"\xff\xd8" else "webp"
    return f"{THUMB_DIR}/{sha256[:20]}.{ext}"


def thumbnail(image: Image.Image) -> bytes:
    """A preview of `image` within THUMB_SIDE: JPEG when opaque, WebP when transparent.

    One box reduction by a whole factor (each thumbnail pixel the mean of a block), no
    resampling after it: about a millisecond, since every asset of a build gets one. The
    long side comes out between two thirds of THUMB_SIDE and all of it (360 px from
    1080, 328 from 1640), as sharp as the grid cell needs.
    """
    if image.mode not in ("L", "LA", "RGB", "RGBA"):
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    factor = math.ceil(max(image.width, image.height) / THUMB_SIDE)
    return encode_thumbnail(image.reduce(factor) if factor > 1 else image)


def encode_thumbnail(small: Image.Image) -> bytes:
    """A thumbnail's bytes: WebP when it has an alpha channel, JPEG otherwise."""
    buf = io.BytesIO()
    if small.mode in ("RGBA", "LA"):
        small.convert("RGBA").save(buf, "WEBP", quality=80, alpha_quality=50, method=0)
    else:
        small.convert("RGB").save(buf, "JPEG", quality=80, subsampling=FULL_COLOUR)
    return buf.getvalue()


def thumbnail_of_file(path: Path) -> bytes | None:
    """A thumbnail made from an image file (None when it is not an image Pillow reads)."""
    try:
        with Image.open(path) as image:
            image.draft("RGB", (THUMB_SIDE, THUMB_SIDE))  # JPEG: decode at a fraction of the size
            image.load()
            return thumbnail(image)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def sweep(out: Path, used: Callable[[str], bool]) -> None:
    """Delete thumbnails no asset uses any more (`used(file name)`: the store says)."""
    folder = out / THUMB_DIR
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not used(name):
            with contextlib.suppress(OSError):
                (folder / name).unlink()
