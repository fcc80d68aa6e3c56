"""Anti-aliased shapes and gradients as numpy masks and Pillow layers.

Rings and discs are computed from a distance field, so their edges are smooth at any
size without supersampling; gradients are built with numpy, once per layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

from assets_gen.layout.color import Color

if TYPE_CHECKING:
    import numpy as np


def _radius(width: int, height: int, cx: float, cy: float) -> np.ndarray:
    import numpy as np

    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    return np.hypot(xs + 0.5 - cx, ys + 0.5 - cy)


def ring_mask(width: int, height: int, cx: float, cy: float, r_in: float, r_out: float) -> Image.Image:
    """An "L" mask of the ring between r_in and r_out (r_in = 0 gives a disc)."""
    import numpy as np

    r = _radius(width, height, cx, cy)
    alpha = np.clip(r_out - r + 0.5, 0, 1)
    if r_in > 0:
        alpha *= np.clip(r - r_in + 0.5, 0, 1)
    return Image.fromarray((alpha * 255 + 0.5).astype(np.uint8))


def disc_mask(width: int, height: int, cx: float, cy: float, r: float) -> Image.Image:
    return ring_mask(width, height, cx, cy, 0, r)


def outside_circle_mask(width: int, height: int, cx: float, cy: float, r: float) -> Image.Image:
    """Everything outside the circle: the corners a profile picture loses."""
    import numpy as np

    inside = np.asarray(disc_mask(width, height, cx, cy, r), dtype=np.uint8)
    return Image.fromarray(255 - inside)


def linear_gradient(width: int, height: int, start: Color, end: Color, angle: float = 90.0) -> Image.Image:
    """RGB gradient from `start` to `end`; angle 90 runs top to bottom, 0 left to right.

    The position along the gradient is a row plus a column (one 2-D array, no pixel grid)
    and each channel is its own 8-bit plane: a twentieth of the time of whole-image arrays
    for the same bytes."""
    import numpy as np

    theta = np.deg2rad(angle)
    dx, dy = np.cos(theta), np.sin(theta)
    across, down = np.arange(width, dtype=np.float32), np.arange(height, dtype=np.float32)
    proj = across[None, :] * dx + down[:, None] * dy
    lo, hi = proj.min(), proj.max()
    t = (proj - lo) / max(hi - lo, 1e-6)
    a = np.array(start.rgb, dtype=np.float32)
    step = np.array(end.rgb, dtype=np.float32) - a
    planes = [Image.fromarray((a[c] + step[c] * t + 0.5).astype(np.uint8)) for c in range(3)]
    return Image.merge("RGB", planes)


def radial_gradient(
    width: int, height: int, cx: float, cy: float, radius: float, inner: Color, outer: Color
) -> Image.Image:
    import numpy as np

    t = np.clip(_radius(width, height, cx, cy) / radius, 0, 1)[..., None]
    a = np.array(inner.rgb, dtype=np.float32)
    b = np.array(outer.rgb, dtype=np.float32)
    return Image.fromarray((a + (b - a) * t + 0.5).astype(np.uint8))


def fill_layer(size: tuple[int, int], fill: Image.Image | Color, mask: Image.Image) -> Image.Image:
    """An RGBA layer: `fill` (a colour or an RGB image) shown through `mask`."""
    if isinstance(fill, Color):
        fill = Image.new("RGB", size, fill.rgb)
    layer = fill.convert("RGBA")
    layer.putalpha(mask)
    return layer


def rounded_rect_mask(
    size: tuple[int, int], box: tuple[float, float, float, float], radius: float, scale: int = 4
) -> Image.Image:
    """An "L" mask of a rounded rectangle, drawn supersampled for smooth corners."""
    w, h = size
    big = Image.new("L", (w * scale, h * scale), 0)
    x0, y0, x1, y1 = (v * scale for v in box)
    ImageDraw.Draw(big).rounded_rectangle((x0, y0, x1 - 1, y1 - 1), radius * scale, fill=255)
    return big.resize(size, Image.Resampling.BOX)


def polygon_mask(size: tuple[int, int], points: list[tuple[float, float]], scale: int = 4) -> Image.Image:
    w, h = size
    big = Image.new("L", (w * scale, h * scale), 0)
    ImageDraw.Draw(big).polygon([(x * scale, y * scale) for x, y in points], fill=255)
    return big.resize(size, Image.Resampling.BOX)


def multiply_masks(*masks: Image.Image) -> Image.Image:
    import numpy as np

    out = np.ones(np.asarray(masks[0]).shape, dtype=np.float32)
    for mask in masks:
        out *= np.asarray(mask, dtype=np.float32) / 255
    return Image.fromarray((out * 255 + 0.5).astype(np.uint8))


def sparkle(size: int, color: Color) -> Image.Image:
    """A four-pointed star, the spark of an idea: a small decorative RGBA image."""
    import numpy as np

    scale = 4
    s = size * scale
    c = s / 2
    arm, waist = s / 2, s * 0.12
    points = []
    for i in range(8):
        angle = np.pi / 4 * i - np.pi / 2
        r = arm if i % 2 == 0 else waist
        points.append((c + r * np.cos(angle), c + r * np.sin(angle)))
    big = Image.new("L", (s, s), 0)
    ImageDraw.Draw(big).polygon(points, fill=255)
    mask = big.resize((size, size), Image.Resampling.BOX)
    return fill_layer((size, size), color, mask)


def drop_shadow(layer: Image.Image, offset: tuple[int, int], blur: float, opacity: float) -> Image.Image:
    """A soft shadow of an RGBA layer's shape, same size, to composite beneath it."""
    from PIL import ImageFilter

    alpha = layer.getchannel("A").point(lambda a: int(a * opacity))
    shadow = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    shadow.putalpha(alpha)
    shifted = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    shifted.paste(shadow, offset)
    return shifted.filter(ImageFilter.GaussianBlur(blur))
