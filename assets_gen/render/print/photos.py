"""Photos too small for print: each is checked at the size the booklet prints it.

Below 150 dpi at its printed size a photo looks soft or blocky on paper; `check` and
`print` warn, naming the photo, and the booklet is still made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from assets_gen.brand.authors import Author
from assets_gen.errors import DataWarning, PhotoError, display_path
from assets_gen.photo import open_photo
from assets_gen.render.print.booklet import portrait_box
from assets_gen.render.print.products import PRODUCTS

MIN_DPI = 150


def photo_warning(author: Author) -> DataWarning | None:
    """A warning when the author's photo is under MIN_DPI in the booklet (None: fine, or
    no photo; an unreadable photo is an error where it is used)."""
    if author.photo is None:
        return None
    return _warning(author.where, author.photo, author.photo.stat().st_mtime_ns)


@lru_cache(maxsize=256)
def _warning(where: str, photo: Path, mtime_ns: int) -> DataWarning | None:
    product = PRODUCTS["booklet"]
    box = portrait_box(product)
    mm = product.file_mm(box.w)
    try:
        with open_photo(photo, photo.name) as image:
            pixels = min(image.size)
    except PhotoError:
        return None
    dpi = product.printed_dpi(pixels, box.w)
    if dpi >= MIN_DPI:
        return None
    return DataWarning(
        where,
        f'photo "{display_path(photo)}" is {dpi:.0f} dpi at its printed size in the booklet '
        f"({mm:.0f} x {mm:.0f} mm, {pixels} px): use one of at least {round(MIN_DPI * mm / 25.4)} px "
        f"for {MIN_DPI} dpi",
    )


def low_resolution_photos(authors: Iterable[Author]) -> Iterator[DataWarning]:
    """A warning per author photo under MIN_DPI in the booklet."""
    for author in authors:
        warning = photo_warning(author)
        if warning is not None:
            yield warning
