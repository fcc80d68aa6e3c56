"""Branded QR codes that still scan.

Brand colours (dark modules on a light ground, never inverted), an optional logo in the
middle with error correction H (30% of the code can be covered; the logo takes under
8%), and the standard four-module quiet zone.

Codes must scan from a phone screen, where an asset is seen with its shorter side about
360 px wide, softened and re-compressed as a shared screenshot is. Measured with zxing-cpp
(blur 0.7 px, JPEG quality 60): modules of 2.3 px or more at that view scan at every
pixel phase, 2 px fail at some. A logo needs error correction H, which adds modules
(the portal's address: 37 modules with the quiet zone, 41 with H), so a code too small
for both keeps its modules large and leaves the logo out.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from assets_gen.layout.color import Color
from assets_gen.layout.svg import render_svg_fit
from assets_gen.resources import file_version

QUIET_ZONE = 4  # modules
PHONE_SIDE = 360
"""px: the shorter side of an asset as a phone shows it in a feed."""
MIN_PHONE_MODULE = 2.3
"""px per module at that view: the least that scans after blur and JPEG (measured)."""


def view_scale(width: int, height: int) -> float:
    """How much smaller an asset of this size looks on a phone."""
    return min(1.0, PHONE_SIDE / min(width, height))


@lru_cache(maxsize=64)
def modules(data: str, logo: bool) -> int:
    """Modules across the code of `data`, quiet zone included."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H if logo else ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(data)
    code.make(fit=True)
    return code.modules_count + 2 * QUIET_ZONE


def min_side(data: str, scale: float) -> int:
    """The smallest side (px) at which a code of `data` scans when seen at `scale`."""
    return math.ceil(MIN_PHONE_MODULE / scale) * modules(data, logo=False)


def qr_image(
    data: str,
    size: int,
    dark: Color,
    light: Color,
    logo: Path | None = None,
    scale: float = 1.0,
) -> Image.Image:
    """A square RGBA QR code of `size` px including its quiet zone (cached).

    `scale` is how much smaller the asset is seen on a phone (`view_scale`): the logo is
    left out when its extra modules would be too small to scan there.
    """
    if logo is not None and size // modules(data, logo=True) * scale < MIN_PHONE_MODULE:
        logo = None
    return _qr(data, size, dark, light, logo, file_version(logo) if logo else None).copy()


@lru_cache(maxsize=64)
def _qr(
    data: str, size: int, dark: Color, light: Color, logo: Path | None, _version: tuple[int, int] | None
) -> Image.Image:
    import qrcode  # here: a rebuild that draws nothing should not load it
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_M

    code = qrcode.QRCode(
        error_correction=ERROR_CORRECT_H if logo else ERROR_CORRECT_M,
        border=QUIET_ZONE,
        box_size=1,
    )
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()  # includes the border
    modules = len(matrix)
    box = max(size // modules, 1)  # whole pixels per module keep edges crisp
    side = box * modules
    image = Image.new("RGBA", (side, side), light.rgba())
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(matrix):
        for x, on in enumerate(row):
            if on:
                draw.rectangle((x * box, y * box, x * box + box - 1, y * box + box - 1), dark.rgba())
    if logo is not None:
        inner = modules - 2 * QUIET_ZONE
        # The logo covers at most about 22% of the width (5% of the area) plus its margin.
        pad_modules = max(int(inner * 0.24) | 1, 5)
        plate = pad_modules * box
        x0 = (side - plate) // 2
        draw.rounded_rectangle((x0, x0, x0 + plate - 1, x0 + plate - 1), box, light.rgba())
        mark = render_svg_fit(logo, height=int(plate * 0.86))
        image.alpha_composite(mark, ((side - mark.width) // 2, (side - mark.height) // 2))
    if side != size:  # whole-pixel modules: the remainder widens the quiet zone
        canvas = Image.new("RGBA", (size, size), light.rgba())
        canvas.paste(image, ((size - side) // 2, (size - side) // 2))
        image = canvas
    return image
