"""Pages to a print-ready PDF (and a PNG preview of the first), drawn by cairo.

- Vector: shapes, logos, QR codes and the outlined text stay paths; photos are the only
  pixels, embedded as JPEG (cairo passes JPEG data through untouched).
- Print boxes: MediaBox = trim + bleed + slug (the slug carries the crop marks),
  BleedBox = trim + bleed, TrimBox = the finished size; set with pypdf after cairo.
- Deterministic: fixed dates and document ID, so the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image

from assets_gen.errors import TemplateError
from assets_gen.layout.outline import draw_glyphs
from assets_gen.render.print.page import Page, Photo, Text
from assets_gen.render.print.products import MAX_PAGE_PT, Product

PHOTO_MAX_DPI = 300  # photos are reduced to this at their printed size, never enlarged
JPEG_QUALITY = 88


def render_pdf(pages: Sequence[Page], title: str, author: str) -> bytes:
    """A PDF of `pages` (all of one product) with its print boxes."""
    from cairosvg.surface import PDFSurface

    product = pages[0].product
    _check_page_size(product)
    out = io.BytesIO()
    surface = None

    def first_surface(tree: Any) -> PDFSurface:
        surface = PDFSurface(tree, out, 96)
        _fixed_metadata(surface.cairo, title, author)
        return surface

    try:
        for index, page in enumerate(pages):
            surface = _draw_page(page, surface, first_surface, for_pdf=True)
            if index < len(pages) - 1:
                surface.context.show_page()
        surface.finish()
    except Exception as exc:
        raise TemplateError(product.name, f"cannot draw the PDF: {exc}") from None
    return _set_boxes(out.getvalue(), product, title)


def render_preview(page: Page, width: int) -> Image.Image:
    """The page's finished (trimmed) area as an RGB image `width` px wide."""
    from cairosvg.surface import PNGSurface

    product = page.product
    trim = product.trim
    scale = width / trim.w
    media = product.media
    full_w = round(media.w * scale)
    surface = _draw_page(
        page,
        None,
        lambda tree: PNGSurface(tree, None, 96, output_width=full_w, output_height=round(media.h * scale)),
        for_pdf=False,
    )
    cairo_surface = surface.cairo
    cairo_surface.flush()
    size = (cairo_surface.get_width(), cairo_surface.get_height())
    image = Image.frombuffer(
        "RGBA", size, bytes(cairo_surface.get_data()), "raw", "BGRa", cairo_surface.get_stride(), 1
    )
    left = round((trim.x - media.x) * scale)
    top = round((trim.y - media.y) * scale)
    return image.crop((left, top, left + width, top + round(trim.h * scale))).convert("RGB")


def _draw_page(page: Page, surface: Any, first_surface: Callable[[Any], Any], for_pdf: bool) -> Any:
    """Draw `page` in its runs: artwork through CairoSVG, photos and outlined text straight
    on the Cairo context. The first artwork run makes the surface (`first_surface(tree)`)
    when there is none yet; returns the surface."""
    from cairosvg.parser import Tree

    for run in _runs(page):
        if isinstance(run, Photo):
            _draw_photo(surface.context, page.product, run, for_pdf=for_pdf)
        elif isinstance(run, Text):
            _draw_text(surface.context, run)
        else:
            tree = Tree(bytestring=page.svg(run))
            if surface is None:
                surface = first_surface(tree)
            else:
                surface.draw(tree)
    return surface


def _runs(page: Page) -> Iterator[list[str] | Photo | Text]:
    """The page's parts as runs of SVG elements between photos and texts (drawn in order;
    the first is always SVG, which makes the cairo surface)."""
    run: list[str] = []
    first = True
    for part in page.parts:
        if isinstance(part, Photo | Text):
            if run or first:
                yield run
            run, first = [], False
            yield part
        else:
            run.append(part)
    if run or first:
        yield run


def _check_page_size(product: Product) -> None:
    media = product.media
    longest = max(product.pt(media.w), product.pt(media.h))
    if longest > MAX_PAGE_PT:  # pragma: no cover - products are sized below it
        raise TemplateError(product.name, f"{longest:.0f} pt page is over PDF's 200 inch limit")


def _fixed_metadata(cairo_surface, title: str, author: str) -> None:
    import cairocffi as cairo

    cairo_surface.set_metadata(cairo.PDF_METADATA_TITLE, title)
    cairo_surface.set_metadata(cairo.PDF_METADATA_AUTHOR, author)
    cairo_surface.set_metadata(cairo.PDF_METADATA_CREATOR, "assets-gen")
    cairo_surface.set_metadata(cairo.PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
    cairo_surface.set_metadata(cairo.PDF_METADATA_MOD_DATE, "2000-01-01T00:00:00Z")


def _draw_text(context, text: Text) -> None:
    context.new_path()
    draw_glyphs(context, list(text.glyphs))
    r, g, b = (v / 255 for v in text.fill.rgb)
    context.set_source_rgb(r, g, b)
    context.fill()


def _draw_photo(context, product: Product, photo: Photo, for_pdf: bool) -> None:
    """A photo cropped to fill its box (a circle when asked), as JPEG data in a PDF."""
    import cairocffi as cairo

    box = photo.box
    pixels = photo_pixels(product, photo.path, box.w)
    jpeg, image = _photo_data(photo.path, photo.path.stat().st_mtime_ns, pixels)
    data = bytearray(image.convert("RGBA").tobytes("raw", "BGRa"))
    source = cairo.ImageSurface.create_for_data(data, cairo.FORMAT_RGB24, image.width, image.height)
    if for_pdf:
        source.set_mime_data("image/jpeg", jpeg)
    context.save()
    if photo.circle:
        context.arc(box.cx, box.cy, min(box.w, box.h) / 2, 0, 6.283185307179586)
    else:
        context.rectangle(box.x, box.y, box.w, box.h)
    context.clip()
    context.translate(box.x, box.y)
    context.scale(box.w / image.width, box.h / image.height)
    context.set_source_surface(source, 0, 0)
    context.get_source().set_filter(cairo.FILTER_GOOD)
    context.paint()
    context.restore()


def photo_pixels(product: Product, path: Path, width_units: float) -> int:
    """Pixels across a square photo placed `width_units` wide: its own, at most PHOTO_MAX_DPI."""
    from assets_gen.photo import open_photo

    with open_photo(path, path.name) as image:
        native = min(image.size)
    wanted = round(PHOTO_MAX_DPI * width_units / product.units_per_mm / 25.4)
    return max(1, min(native, wanted))


@lru_cache(maxsize=32)
def _photo_data(path: Path, mtime_ns: int, pixels: int) -> tuple[bytes, Image.Image]:
    from assets_gen.photo import square_photo

    image = square_photo(path, path.name, pixels).convert("RGB")
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
    data = buf.getvalue()
    # Pixels as the JPEG decodes: the preview shows exactly what the PDF carries.
    return data, Image.open(io.BytesIO(data)).convert("RGB")


def _set_boxes(pdf: bytes, product: Product, title: str) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, FloatObject, NameObject

    media = product.media

    def box(b) -> ArrayObject:
        # PDF's y axis points up; the sheet is symmetric about its centre.
        x0 = product.pt(b.x - media.x)
        y0 = product.pt(media.bottom - b.bottom)
        return ArrayObject(
            FloatObject(round(v, 3)) for v in (x0, y0, x0 + product.pt(b.w), y0 + product.pt(b.h))
        )

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        page[NameObject("/MediaBox")] = box(media)
        page[NameObject("/CropBox")] = box(media)
        page[NameObject("/BleedBox")] = box(product.bleed)
        page[NameObject("/TrimBox")] = box(product.trim)
    digest = hashlib.md5(pdf).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    writer.add_metadata({"/Title": title})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
