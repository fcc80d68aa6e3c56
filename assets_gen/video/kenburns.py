"""A photo in a rounded frame with a slow pan and zoom that keeps the face in view.

The face is found with OpenCV's face detectors (the largest face, frontal or in profile); the motion goes
from the widest crop of the frame's shape that holds the face, centred on it as far as
the photo allows, to a crop 1/ZOOM as wide around the face. Every crop in between holds
the whole face with a margin (tests/test_author_video.py), so the move never cuts the
face off. A photo without a face found pans towards its upper middle, where portraits
put one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from assets_gen.video.compose import Placed
from assets_gen.video.layers import Layer, rounded_alpha
from assets_gen.video.timeline import clamp01, ease_in_out_cubic

ZOOM = 1.15
MARGIN = 0.25
"""Space kept around the face in every crop, as a share of the face's size."""

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in photo pixels


@lru_cache(maxsize=16)
def find_face(path: Path, mtime_ns: int) -> Rect | None:
    """The largest face in the photo (x0, y0, x1, y1), or None: frontal first, then in
    profile looking either way (a worker at a machine is often seen from the side)."""
    import cv2

    from assets_gen.photo import open_photo

    image = np.asarray(open_photo(path, path.name).convert("L"))
    side = min(image.shape)
    least = (max(24, side // 12), max(24, side // 12))
    width = image.shape[1]
    for name, flip in (("frontalface_default", False), ("profileface", False), ("profileface", True)):
        detector = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / f"haarcascade_{name}.xml"))
        seen = np.ascontiguousarray(image[:, ::-1]) if flip else image
        faces = detector.detectMultiScale(seen, scaleFactor=1.1, minNeighbors=5, minSize=least)
        if len(faces):
            x, y, w, h = (float(v) for v in max(faces, key=lambda f: f[2] * f[3]))
            if flip:
                x = width - x - w
            return x, y, x + w, y + h
    return None


def crops(size: tuple[int, int], aspect: float, face: Rect | None) -> tuple[Rect, Rect]:
    """The first and last crops (width/height = `aspect`) of a photo of `size`."""
    pw, ph = size
    if face is None:
        face = (pw * 0.4, ph * 0.25, pw * 0.6, ph * 0.45)
    fx0, fy0, fx1, fy1 = face
    fw, fh = fx1 - fx0, fy1 - fy0
    cx, cy = (fx0 + fx1) / 2, (fy0 + fy1) / 2
    w = min(pw, ph * aspect)
    start = _around(cx, cy, w, w / aspect, pw, ph)
    # Zoom in, but never so far that the face and its margin would not fit.
    least = max(fw * (1 + 2 * MARGIN), fh * (1 + 2 * MARGIN) * aspect)
    end_w = max(min(w / ZOOM, w), min(least, w))
    end = _around(cx, cy, end_w, end_w / aspect, pw, ph)
    return start, end


def _around(cx: float, cy: float, w: float, h: float, pw: int, ph: int) -> Rect:
    x0 = min(max(cx - w / 2, 0.0), pw - w)
    y0 = min(max(cy - h / 2, 0.0), ph - h)
    return x0, y0, x0 + w, y0 + h


def crop_at(start: Rect, end: Rect, p: float) -> Rect:
    return tuple(a + (b - a) * p for a, b in zip(start, end, strict=True))  # type: ignore[return-value]


@dataclass(eq=False)
class KenBurns:
    """A video element: `photo` filling `box` (x, y, w, h in the frame) with rounded
    corners, moving from its first crop to its last between `start` and `end`."""

    photo: Image.Image
    box: tuple[int, int, int, int]
    first: Rect
    last: Rect
    start: float
    end: float
    radius: float = 36
    fade: float = 0.6
    _mask: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        _, _, w, h = self.box
        self._mask = rounded_alpha(w, h, self.radius)

    def frame(self, t: float) -> Image.Image:
        """The framed photo at time t (RGBA, the box's size)."""
        _, _, w, h = self.box
        p = ease_in_out_cubic(clamp01((t - self.start) / (self.end - self.start)))
        x0, y0, x1, y1 = crop_at(self.first, self.last, p)
        image = self.photo.resize((w, h), Image.Resampling.BICUBIC, box=(x0, y0, x1, y1)).convert("RGBA")
        image.putalpha(Image.fromarray(self._mask))
        return image

    def at(self, t: float) -> tuple[Placed, ...]:
        if t < self.start or t >= self.end + self.fade:
            return ()
        x, y, _, _ = self.box
        opacity = clamp01((t - self.start) / self.fade) * (1 - clamp01((t - self.end) / self.fade))
        if opacity <= 0:
            return ()
        layer = Layer(self.frame(min(t, self.end)).convert("RGBa"), x, y, "art")
        return (Placed(layer, x, y, round(opacity * 255)),)
