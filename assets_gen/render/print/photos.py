"""Photos too small for print: each is checked at the size the booklet prints it.

Below 150 dpi at its printed size a photo looks soft or blocky on paper; `check` and
`print` warn, naming the photo, and the booklet is still made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from assets_gen.brand.authors import Author
from assets_gen.brand.loader import display_path
from assets_gen.errors import PhotoError
from assets_gen.photo import open_photo
from assets_gen.render.print.booklet import portrait_box
from assets_gen.render.print.products import PRODUCTS

MIN_DPI = 150


def low_resolution_photos(authors: Iterable[Author]) -> Iterator[str]:
    """One warning line per author photo under MIN_DPI in the booklet."""
    product = PRODUCTS["booklet"]
    box = portrait_box(product)
    mm = product.file_mm(box.w)
    for author in authors:
        if author.photo is None:
            continue
        try:
            with open_photo(author.photo, author.photo.name) as image:
                pixels = min(image.size)
        except PhotoError:
            continue  # reported as an error where the photo is used
        dpi = product.printed_dpi(pixels, box.w)
        if dpi < MIN_DPI:
            yield (
                f'{author.where}: photo "{display_path(author.photo)}" is {dpi:.0f} dpi at its printed size '
                f"in the booklet ({mm:.0f} x {mm:.0f} mm, {pixels} px): use one of at least "
                f"{round(MIN_DPI * mm / 25.4)} px for {MIN_DPI} dpi"
            )
