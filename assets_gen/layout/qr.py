"""Branded QR codes that still scan.

Brand colours (dark modules on a light ground, never inverted), an optional logo in the
middle with error correction H (30% of the code can be covered; the logo takes under
8%), and the standard four-module quiet zone.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from assets_gen.layout.color import Color
from assets_gen.layout.svg import render_svg_fit

QUIET_ZONE = 4  # modules


def qr_image(
    data: str,
    size: int,
    dark: Color,
    light: Color,
    logo: Path | None = None,
) -> Image.Image:
    """A square RGBA QR code of `size` px including its quiet zone (cached)."""
    return _qr(data, size, dark, light, logo).copy()


@lru_cache(maxsize=64)
def _qr(data: str, size: int, dark: Color, light: Color, logo: Path | None) -> Image.Image:
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
