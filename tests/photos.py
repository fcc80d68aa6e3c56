"""Test photos of every kind a member might upload, made on the fly.

Each is derived from a public-domain photo (tests/data/astronaut.png, NASA) so that a
correct decode is recognisable: the same picture, in every format and mode.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

DATA = Path(__file__).parent / "data"


def base_photo(size: tuple[int, int] = (800, 600)) -> Image.Image:
    """A landscape photo with a clear up/left: the astronaut, with a red bar at the top."""
    with Image.open(DATA / "astronaut.png") as im:
        photo = im.convert("RGB").resize((size[1], size[1]))
    canvas = Image.new("RGB", size, (40, 90, 160))
    canvas.paste(photo, ((size[0] - size[1]) // 2, 0))
    canvas.paste((220, 20, 30), (0, 0, size[0], size[1] // 10))  # "up" marker
    return canvas


def exif_rotated_jpeg(orientation: int = 6) -> bytes:
    """A JPEG stored sideways, with an EXIF orientation saying how to turn it upright.

    Stored pixels are the upright photo rotated so that applying `orientation` restores it.
    Also carries a GPS tag that must not survive into outputs.
    """
    upright = base_photo()
    inverse = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}[
        orientation
    ]
    stored = upright.transpose(inverse)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x8825] = {2: (21.0, 1.0, 0.0)}  # GPSLatitude
    buf = io.BytesIO()
    stored.save(buf, "JPEG", quality=92, exif=exif.tobytes())
    return buf.getvalue()


def encoded(image: Image.Image, filetype: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    image.save(buf, filetype, **kwargs)
    return buf.getvalue()


def every_good_photo() -> dict[str, bytes]:
    """name -> bytes, one of each accepted format and awkward mode."""
    rgb = base_photo()
    arr16 = (np.asarray(rgb.convert("L"), dtype=np.uint16) * 257).astype(np.uint16)
    photos = {
        "upright.jpg": encoded(rgb, "JPEG", quality=92),
        "rotated-exif6.jpg": exif_rotated_jpeg(6),
        "rotated-exif8.jpg": exif_rotated_jpeg(8),
        "cmyk.jpg": encoded(rgb.convert("CMYK"), "JPEG", quality=92),
        "grey.jpg": encoded(rgb.convert("L"), "JPEG", quality=92),
        "rgb.png": encoded(rgb, "PNG"),
        "grey16.png": encoded(Image.fromarray(arr16), "PNG"),
        "palette.png": encoded(rgb.convert("P", palette=Image.Palette.ADAPTIVE), "PNG"),
        "transparent.png": encoded(_with_alpha(rgb), "PNG"),
        "photo.webp": encoded(rgb, "WEBP", quality=90),
        "animated.gif": _gif(rgb),
        "portrait.jpg": encoded(base_photo((600, 900)), "JPEG", quality=90),
    }
    try:
        import pillow_heif

        heif = pillow_heif.from_pillow(rgb)
        buf = io.BytesIO()
        heif.save(buf, quality=80)
        photos["iphone.heic"] = buf.getvalue()
    except Exception:  # pragma: no cover - encoder missing from the wheel
        pass
    return photos


def _with_alpha(rgb: Image.Image) -> Image.Image:
    rgba = rgb.convert("RGBA")
    alpha = Image.new("L", rgb.size, 255)
    alpha.paste(0, (0, rgb.height - 60, rgb.width, rgb.height))  # transparent bottom strip
    rgba.putalpha(alpha)
    return rgba


def _gif(rgb: Image.Image) -> bytes:
    frames = [rgb.convert("P"), rgb.transpose(Image.Transpose.FLIP_LEFT_RIGHT).convert("P")]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    return buf.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares `width` x `height` pixels: a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def every_bad_photo() -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, words the error must contain)."""
    good = encoded(base_photo(), "JPEG", quality=92)
    return {
        "empty.jpg": (b"", "empty"),
        "notes.jpg": (b"This is not a photo, just some text.\n" * 20, "not an image"),
        "truncated.jpg": (good[: len(good) // 2], "truncated"),
        "huge.png": (png_declaring(8000, 7000), "megapixels"),
        "bomb.png": (png_declaring(30000, 30000), "too large"),
        "image.bmp": (encoded(base_photo((64, 64)), "BMP"), "not accepted"),
    }
