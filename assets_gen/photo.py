"""Members' photos in, a clean square out: safe, fast and faithful.

- Safe: only the accepted formats; the size is checked from the header before any pixel
  is decoded (a 48 KB PNG can declare 400 megapixels); truncated and empty files are
  reported in one line.
- Fast: JPEGs are decoded at the smallest DCT scale that still covers the output
  (`draft`), and only the crop window is resampled (docs/ARCHITECTURE.md, "Photos":
  288 -> ~110 ms).
- Faithful: EXIF orientation honoured, CMYK, greyscale, 16-bit, palette and transparent
  images converted properly, colour profiles converted to sRGB, and nothing of the
  original's metadata (EXIF, GPS) is carried over.
"""

from __future__ import annotations

import io
import math
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError

from assets_gen.errors import DataWarning, PhotoError, display_path

MAX_PIXELS = 50_000_000
STREAMED = ("PNG", "WEBP")  # decoded in bounded memory when large (JPEG: libjpeg's draft)
STREAM_PIXELS = 16_000_000
ACCEPTED = {
    "JPEG": "JPEG",
    "MPO": "JPEG",
    "PNG": "PNG",
    "WEBP": "WebP",
    "GIF": "GIF",
    "HEIF": "HEIC",
}
ACCEPTED_TEXT = "JPEG, PNG, WebP, GIF, HEIC"
EXTENSIONS = (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".gif", ".heic", ".heif")

# Our own pixel cap is checked before decoding; Pillow's bomb warning would only repeat it.
warnings.simplefilter("ignore", Image.DecompressionBombWarning)

_ORIENT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_ROTATE_CW = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}
_SWAPS = {
    Image.Transpose.ROTATE_90,
    Image.Transpose.ROTATE_270,
    Image.Transpose.TRANSPOSE,
    Image.Transpose.TRANSVERSE,
}


@cache
def _register_heif() -> None:
    """Open iPhone photos (HEIC); registered on first use, not at import (pillow-heif and
    its numpy take longer to load than most commands take to run)."""
    try:
        import pillow_heif
    except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
        return
    pillow_heif.register_heif_opener()


def _open(source: Path | BinaryIO) -> Image.Image:
    """Image.open, trying again with HEIC support when Pillow alone does not know the file."""
    try:
        return Image.open(source)
    except UnidentifiedImageError:
        if not isinstance(source, Path) and not source.seekable():
            raise
        _register_heif()
        if not isinstance(source, Path):
            source.seek(0)
        return Image.open(source)


@cache
def _srgb():
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Placement:
    """Where the photo sits in the square, as the member page sets it.

    The photo first covers the square (the shorter side fills it), is turned by
    `rotate` degrees clockwise, then enlarged by `zoom`; `x` and `y` choose which part of
    the overflow is shown (0 = left/top edge, 1 = right/bottom). The default is biased
    upward so heads stay in.
    """

    x: float = 0.5
    y: float = 0.3
    zoom: float = 1.0
    rotate: int = 0

    def validated(self) -> Placement:
        if not (0 <= self.x <= 1 and 0 <= self.y <= 1):
            raise PhotoError(None, "x and y must be between 0 and 1", "position")
        if not 1 <= self.zoom <= 4:
            raise PhotoError(None, "zoom must be between 1 and 4", "zoom")
        if self.rotate % 90 or not 0 <= self.rotate < 360:
            raise PhotoError(None, "rotate must be 0, 90, 180 or 270", "rotate")
        return self


DEFAULT_PLACEMENT = Placement()


def open_photo(source: Path | bytes | BinaryIO, name: str) -> Image.Image:
    """Open and vet a photo without decoding its pixels."""
    if isinstance(source, bytes):
        if not source:
            raise PhotoError(name, "the file is empty", "empty")
        source = io.BytesIO(source)
    elif isinstance(source, Path):
        try:
            if source.stat().st_size == 0:
                raise PhotoError(name, "the file is empty", "empty")
        except FileNotFoundError:
            raise PhotoError(name, "file not found") from None
        except IsADirectoryError:
            raise PhotoError(name, "is a folder, not a photo") from None
    try:
        image = _open(source)
    except UnidentifiedImageError:
        raise PhotoError(name, f"not an image (accepted: {ACCEPTED_TEXT})", "not_an_image") from None
    except Image.DecompressionBombError:
        raise PhotoError(
            name, f"the image is too large (over {MAX_PIXELS // 1_000_000} megapixels)", "too_many_pixels"
        ) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise PhotoError(name, f"cannot be read: {_reason(exc)}") from None
    if image.format not in ACCEPTED:
        raise PhotoError(
            name, f"{image.format} images are not accepted (accepted: {ACCEPTED_TEXT})", "unsupported_type"
        )
    w, h = image.size
    if w * h > MAX_PIXELS:
        raise PhotoError(
            name,
            f"{w}x{h} is {w * h / 1e6:.1f} megapixels; the limit is {MAX_PIXELS // 1_000_000}",
            "too_many_pixels",
        )
    if w < 1 or h < 1:
        raise PhotoError(name, "the image has no pixels", "damaged")
    return image


def square_photo(
    source: Path | bytes | BinaryIO,
    name: str,
    size: int,
    placement: Placement = DEFAULT_PLACEMENT,
) -> Image.Image:
    """Decode `source` into an RGB `size` x `size` square, placed as asked."""
    placement = placement.validated()
    image = open_photo(source, name)
    try:
        return _square(image, size, placement, source)
    except PhotoError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        message = str(exc)
        if "truncated" in message or "broken data stream" in message or isinstance(exc, EOFError):
            raise PhotoError(name, "the file is truncated or damaged", "damaged") from None
        raise PhotoError(name, f"cannot be decoded: {_reason(exc)}") from None
    except Image.DecompressionBombError:
        raise PhotoError(name, "the image is too large", "too_many_pixels") from None
    finally:
        image.close()


def _square(
    image: Image.Image, size: int, placement: Placement, source: Path | bytes | BinaryIO
) -> Image.Image:
    orientation = _orientation(image)
    raw_w, raw_h = image.size
    short = min(raw_w, raw_h)
    side = short / placement.zoom  # crop side, in full-resolution pixels
    scale = size / side
    icc = image.info.get("icc_profile")
    factor = int(1 / scale / 2)  # a shrink that keeps twice the pixels the crop needs
    if image.format in ("JPEG", "MPO") and scale < 1:
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale, never below what the crop needs.
        image.draft(image.mode, (max(1, int(raw_w * scale + 1)), max(1, int(raw_h * scale + 1))))
        image.load()
    elif image.format in STREAMED and raw_w * raw_h > STREAM_PIXELS and factor >= 2:
        image = _shrunk_while_decoding(source, factor)
    else:
        image.load()
    image = _to_rgb_or_l(image)

    # Turning the 1080 px result is much cheaper than turning the decoded photo, so the
    # crop box is mapped back to the photo as stored and the turns come last.
    turns = [op for op in (_ORIENT.get(orientation), _ROTATE_CW.get(placement.rotate)) if op is not None]
    swapped = sum(op in _SWAPS for op in turns) % 2 == 1
    w, h = (image.height, image.width) if swapped else image.size
    side_px = side * (max(w, h) / (max(raw_h, raw_w)))
    left = (w - side_px) * placement.x
    top = (h - side_px) * placement.y
    box = _stored_box((left, top, left + side_px, top + side_px), turns, image.size)
    out = image.resize((size, size), Image.Resampling.BICUBIC, box=box, reducing_gap=3.0)
    for op in turns:
        out = out.transpose(op)
    if icc:
        out = _to_srgb(out, icc)
    return out.convert("RGB") if out.mode != "RGB" else out


def _shrunk_while_decoding(source: Path | bytes | BinaryIO, factor: int) -> Image.Image:
    """A large PNG or WebP decoded a few rows at a time and box-averaged by `factor` as it
    goes (libvips, sequential access), alpha premultiplied: the whole photo is never in
    memory (a 49-megapixel RGBA PNG would take 196 MB, and each conversion as much again)."""
    import numpy as np
    import pyvips

    try:
        if isinstance(source, Path):
            vips = pyvips.Image.new_from_file(str(source), access="sequential", fail_on="truncated")
        else:
            if not isinstance(source, bytes):
                source.seek(0)
            data = source if isinstance(source, bytes) else source.read()
            vips = pyvips.Image.new_from_buffer(data, "", access="sequential", fail_on="truncated")
        if vips.format != "uchar":
            vips = (vips / (257 if vips.format == "ushort" else 1)).cast("uchar")
        alpha = vips.hasalpha()
        if alpha:  # premultiplied back into 8 bits: float pixels would cost 4 times the memory
            vips = (vips.premultiply() + 0.5).cast("uchar")
        vips = vips.shrink(factor, factor)
        if alpha:
            vips = vips.unpremultiply().cast("uchar")
        bands = vips.bands
        memory = vips.write_to_memory()
    except pyvips.Error as exc:  # what Pillow would say of a broken file, for the same message
        raise OSError(f"broken data stream: {str(exc).strip().splitlines()[-1]}") from None
    pixels = np.ndarray(buffer=memory, dtype=np.uint8, shape=(vips.height, vips.width, bands))
    return Image.fromarray(pixels[:, :, 0] if bands == 1 else pixels)  # L, LA, RGB or RGBA


def _stored_box(
    box: tuple[float, float, float, float], turns: list[Image.Transpose], size: tuple[int, int]
) -> tuple[float, float, float, float]:
    """`box` in the photo after `turns`, as a box in the photo before them."""
    sizes = [size]
    for op in turns:
        w, h = sizes[-1]
        sizes.append((h, w) if op in _SWAPS else (w, h))
    for op, (w, h) in zip(reversed(turns), reversed(sizes[:-1]), strict=True):
        (ax, ay), (bx, by) = (_before(op, x, y, w, h) for x, y in ((box[0], box[1]), (box[2], box[3])))
        box = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
    return box


def _before(op: Image.Transpose, x: float, y: float, w: int, h: int) -> tuple[float, float]:
    """The point of a `w` x `h` image that `op` moves to (x, y)."""
    T = Image.Transpose
    return {
        T.FLIP_LEFT_RIGHT: (w - x, y),
        T.FLIP_TOP_BOTTOM: (x, h - y),
        T.ROTATE_90: (w - y, x),
        T.ROTATE_180: (w - x, h - y),
        T.ROTATE_270: (y, h - x),
        T.TRANSPOSE: (y, x),
        T.TRANSVERSE: (w - y, h - x),
    }[op]


def _orientation(image: Image.Image) -> int:
    if image.format == "HEIF":  # pillow-heif applies the rotation while decoding
        return 1
    try:
        if image.format == "PNG":  # Pillow's getexif() would decode the whole PNG to look
            raw = image.info.get("exif")  # (the eXIf chunk comes before the pixels)
            exif = Image.Exif()
            if raw:
                exif.load(raw)
        else:
            exif = image.getexif()
        value = exif.get(0x0112, 1)
    except Exception:  # a damaged EXIF block must not lose the photo
        return 1
    return value if value in range(1, 9) else 1


def _to_rgb_or_l(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode in ("RGB", "L"):
        return image
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        import numpy as np

        arr = np.asarray(image)
        if arr.dtype != np.uint8:
            peak = 65535 if mode.startswith("I;16") or arr.max() > 255 else 255
            arr = (arr.astype(np.float32) * (255 / peak) + 0.5).clip(0, 255)
        return Image.fromarray(arr.astype(np.uint8))
    if mode == "F":
        import numpy as np

        arr = np.asarray(image, dtype=np.float32)
        return Image.fromarray((arr.clip(0, 255) + 0.5).astype(np.uint8))
    if mode == "1":
        return image.convert("L")
    if mode in ("P", "PA") and "transparency" not in image.info and mode == "P":
        return image.convert("RGB")
    if mode in ("RGBA", "LA", "La", "RGBa", "P", "PA"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        return white.convert("RGB")
    return image.convert("RGB")  # CMYK, YCbCr, LAB, HSV


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in (ImageCms.getProfileDescription(source) or "").lower():
            return image
        mode = image.mode if image.mode in ("RGB", "L") else "RGB"
        if mode == "L":
            return image
        return ImageCms.profileToProfile(image, source, _srgb(), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: keep the pixels as they are


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


@dataclass(frozen=True)
class PhotoInput:
    """A photo to frame and the name its output gets (relative, without style or suffix)."""

    path: Path
    name: str


def list_photos(paths: list[Path]) -> list[PhotoInput]:
    """Files given, and the photos inside folders given (by extension, sorted, subfolders
    mirrored as "sub/me"), each with an output name no other input shares."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for photo in sorted(path.rglob("*")):
                rel = photo.relative_to(path)
                if (
                    photo.suffix.lower() in EXTENSIONS
                    and photo.is_file()
                    and not any(part.startswith(".") for part in rel.parts)
                ):
                    found.append((photo, rel.with_suffix("").as_posix()))
        else:
            found.append((path, path.stem))
    return unique_names(found)


SOFT_ENLARGEMENT = 1.5
"""A photo enlarged more than this to fill its place looks soft (measured by eye on the
cards: 512 px samples on 1080 px avatars, small author photos on story portraits)."""


def soft_photo(path: Path, placed: int) -> str | None:
    """Why `path` will look soft where it fills a `placed` px square (None: it is sharp
    enough, or it cannot be read, which the build reports on its own)."""
    try:
        width, height = _photo_size(path, path.stat().st_mtime_ns)
    except (OSError, PhotoError):
        return None
    enlargement = placed / min(width, height)
    if enlargement <= SOFT_ENLARGEMENT:
        return None
    least = math.ceil(placed / SOFT_ENLARGEMENT)
    return (
        f"the photo is {width}x{height} px and is enlarged {enlargement:.1f}x to fill its {placed} px "
        f"place, so it will look soft: use one at least {least} px on its shorter side"
    )


def soft_photo_warnings(photos: Iterable[Path], placed: int) -> Iterator[DataWarning]:
    """A warning naming each photo that is enlarged so much to fill `placed` px that it
    looks soft (build and check report them; nothing stops)."""
    for photo in photos:
        note = soft_photo(photo, placed)
        if note:
            yield DataWarning(display_path(photo), note)


@cache
def _photo_size(path: Path, _mtime_ns: int) -> tuple[int, int]:
    """Width and height from the header (no pixels decoded), once per file version."""
    image = open_photo(path, path.name)
    try:
        return image.size
    finally:
        image.close()


def unique_names(photos: list[tuple[Path, str]]) -> list[PhotoInput]:
    """Names that never collide, even on a case-insensitive disk: `me.jpg` and `me.png`
    become "me-jpg" and "me-png"; what still collides gets a counter ("me-jpg-2")."""
    stems = Counter(name.casefold() for _, name in photos)
    taken: set[str] = set()
    named: list[PhotoInput] = []
    for path, name in photos:
        if stems[name.casefold()] > 1:
            name = f"{name}-{path.suffix.lstrip('.').lower() or 'photo'}"
        base, n = name, 2
        while name.casefold() in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name.casefold())
        named.append(PhotoInput(path, name))
    return named
