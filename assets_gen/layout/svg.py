"""The one place that calls CairoSVG: shapes and logos to Pillow images.

CairoSVG draws text badly (no shaping, system fonts only), so SVGs here carry shapes;
text is drawn by the text engine on top (docs/ARCHITECTURE.md, "CairoSVG").
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

from PIL import Image

from assets_gen.errors import TemplateError
from assets_gen.layout.svgclean import SvgRefused, clean_svg


def load_cairosvg() -> None:
    """Import CairoSVG now (a sixth of a second): before forking worker processes."""
    import cairosvg.parser
    import cairosvg.surface  # noqa: F401


def svg_to_image(svg: bytes, width: int, height: int, where: str = "SVG") -> Image.Image:
    """Rasterise SVG bytes to an RGBA image of exactly width x height.

    The pixels are taken straight from cairo's surface (premultiplied BGRA, unpacked by
    Pillow's "BGRa" mode) rather than through a PNG: encoding and decoding one took half
    the time of drawing a banner's background. CairoSVG is imported here: loading it
    takes a third of a second, which commands that draw nothing (a rebuild with nothing
    changed, --help) should not pay.
    """
    from cairosvg.parser import Tree
    from cairosvg.surface import PNGSurface

    try:
        tree = Tree(bytestring=svg)
        surface = PNGSurface(tree, None, 96, output_width=width, output_height=height)
        cairo_surface = surface.cairo
        cairo_surface.flush()
        size = (cairo_surface.get_width(), cairo_surface.get_height())
        data = bytes(cairo_surface.get_data())
        stride = cairo_surface.get_stride()
        surface.finish()
    except Exception as exc:  # CairoSVG raises many kinds (XML, value, parse errors)
        raise TemplateError(where, f"cannot draw SVG: {_first_line(exc)}") from None
    if sys.byteorder == "little":
        image = Image.frombuffer("RGBA", size, data, "raw", "BGRa", stride, 1)
    else:  # pragma: no cover - cairo stores ARGB32 as native-endian words
        image = Image.frombuffer("RGBA", size, data, "raw", "aRGB", stride, 1)
    image = image.copy()
    if image.size != (width, height):
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    return image


@lru_cache(maxsize=64)
def _kit_svg(path: Path, mtime_ns: int) -> bytes:
    try:
        return clean_svg(path.read_bytes())
    except SvgRefused as exc:
        raise TemplateError(str(path), str(exc)) from None


def kit_svg(path: Path) -> bytes:
    """A kit SVG (logo, icon) checked and cleaned (svgclean): what everything draws or
    embeds, never the file's raw bytes. Cached per file version."""
    return _kit_svg(Path(path), Path(path).stat().st_mtime_ns)


@lru_cache(maxsize=256)
def _render_file(path: Path, mtime_ns: int, width: int, height: int) -> Image.Image:
    return svg_to_image(kit_svg(path), width, height, where=str(path))


def render_svg_file(path: Path, width: int, height: int) -> Image.Image:
    """Rasterise an SVG file (cached per file version and size); the caller may not modify it."""
    return _render_file(Path(path), Path(path).stat().st_mtime_ns, width, height)


def svg_aspect(path: Path) -> float:
    """width / height of an SVG, from its viewBox (or width and height); cached per file
    version, since every card and banner asks it of the same logos."""
    return _aspect(Path(path), Path(path).stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _aspect(path: Path, mtime_ns: int) -> float:
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(kit_svg(path))
        view_box = root.get("viewBox")
        if view_box:
            _, _, w, h = (float(v) for v in view_box.replace(",", " ").split())
            return w / h
        return _length(root.get("width")) / _length(root.get("height"))
    except ElementTree.ParseError as exc:
        raise TemplateError(str(path), f"invalid SVG: {exc}") from None
    except (ValueError, ZeroDivisionError) as exc:
        raise TemplateError(str(path), f"invalid SVG size: {exc}") from None


def _length(value: str | None) -> float:
    if not value:
        raise ValueError("SVG has neither viewBox nor width/height")
    return float(value.rstrip("px"))


def render_svg_fit(path: Path, width: int | None = None, height: int | None = None) -> Image.Image:
    """Rasterise an SVG at a given width or height, keeping its aspect ratio."""
    aspect = svg_aspect(path)
    if width is None and height is None:
        raise ValueError("give a width or a height")
    if width is None:
        width = max(1, round(height * aspect))
    if height is None:
        height = max(1, round(width / aspect))
    return render_svg_file(path, width, height)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


@lru_cache(maxsize=256)
def _render_icon(path: Path, mtime_ns: int, size: int, color: str) -> Image.Image:
    svg = kit_svg(path).decode("utf-8").replace("currentColor", color)
    return svg_to_image(svg.encode("utf-8"), size, size, where=str(path))


def render_icon(path: Path, size: int, color: str) -> Image.Image:
    """A square line icon (Lucide style, stroke="currentColor") drawn in `color` (#RRGGBB)."""
    return _render_icon(Path(path), Path(path).stat().st_mtime_ns, size, color)


def inline_svg(path: Path, x: float, y: float, w: float, h: float) -> str:
    """A kit SVG (cleaned) as a nested <svg> to place inside another document, e.g. the
    logo mark in `counter.svg`, which other sites host: no reference to the file."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(kit_svg(path))
    view_box = root.get("viewBox") or f"0 0 {root.get('width')} {root.get('height')}"
    inner = "".join(
        ElementTree.tostring(child, encoding="unicode")
        for child in root
        if not child.tag.endswith(("title", "desc", "metadata"))
    )
    inner = re.sub(r'\sxmlns="[^"]*"', "", inner)  # the host declares SVG's namespace
    xlink = ' xmlns:xlink="http://www.w3.org/1999/xlink"' if "xlink:" in inner else ""
    inner = re.sub(r'\sxmlns:xlink="[^"]*"', "", inner)
    return f'<svg x="{x}" y="{y}" width="{w}" height="{h}" viewBox="{view_box}"{xlink}>{inner}</svg>'
