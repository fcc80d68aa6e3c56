"""Designer SVG templates: artwork drawn by CairoSVG, with named boxes the tool fills.

A template is an SVG made in Inkscape, Figma or by hand. Elements whose id starts with
`slot-` (a rectangle, a circle, or anything with x/y/width/height) mark the boxes the
tool fills: text through the project's text engine (fitted, Vietnamese-safe), images
scaled into the box. Slots are taken out before the rest is rasterised, so a designer
can draw them as visible placeholders.

Why this module is strict: the template is edited by hand, outside the tool, so every
problem (invalid XML, a size that does not match the file name, an unknown slot, a
rotated slot, text that CairoSVG would draw badly, an image it would download) is
reported as one line naming the file and the element.
"""

from __future__ import annotations

import base64
import math
import mimetypes
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree as ET

from PIL import Image

from assets_gen.errors import TemplateError, display_path
from assets_gen.layout.geometry import Box
from assets_gen.layout.sizes import SIZES, Size
from assets_gen.layout.svg import svg_to_image
from assets_gen.layout.svgclean import SvgRefused, clean_tree, describe, local, parse_svg

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
_NAMESPACES = {
    "": SVG,
    "xlink": XLINK,
    "inkscape": "http://www.inkscape.org/namespaces/inkscape",
    "sodipodi": "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "cc": "http://creativecommons.org/ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
}
for _prefix, _uri in _NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

PICTURES = ("image/png", "image/jpeg", "image/gif", "image/webp")
MAX_COORDINATE = 1e6  # px: far beyond any page, small enough to stay exact
SLOT_PREFIX = "slot-"
# Length units to CSS pixels (96 per inch), as Inkscape writes them.
_UNITS = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_LENGTH = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-z]*)\s*$")
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


@dataclass(frozen=True)
class Vocabulary:
    """The names a template may use: its family's slots, and the kit's font roles, text
    colours and logo versions its `data-*` options may name (declared in brand/slots.py)."""

    slots: tuple[str, ...]
    fonts: tuple[str, ...]
    colors: tuple[str, ...]
    logos: tuple[str, ...]


@dataclass(frozen=True)
class Slot:
    """A box the tool fills, with the designer's options (`data-*` attributes)."""

    name: str
    """The id without "slot-": "headline", "unit", "logo"..."""
    box: Box
    """In output pixels."""
    element: str
    """How to name it in messages: <rect id="slot-unit">."""
    shape: Literal["rect", "circle"] = "rect"
    radius: float = 0.0
    """Corner radius in output pixels (rect rx), for images."""
    font: str | None = None
    lines: int | None = None
    align: str | None = None
    valign: str | None = None
    color: str | None = None
    """A kit text colour key (on_primary...); None: the pair of the background under it."""
    min_size: int | None = None
    max_size: int | None = None
    upper: bool | None = None
    logo: str | None = None


@dataclass(frozen=True)
class Template:
    """A parsed template: the artwork without its slots, and the slots."""

    path: Path
    size: Size
    svg: bytes = field(repr=False)
    slots: tuple[Slot, ...]
    photographic: bool = False
    """Whether it holds raster images (a photo slot, embedded pictures): such designs
    compress far better as JPEG than as PNG."""

    @property
    def where(self) -> str:
        return display_path(self.path)

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)

    def artwork(self, scale: int = 1) -> Image.Image:
        """The template without its slots, rasterised at the size times `scale` (cached)."""
        return _rasterise(self.svg, self.size.width * scale, self.size.height * scale, self.where)


@lru_cache(maxsize=32)
def _rasterise(svg: bytes, width: int, height: int, where: str) -> Image.Image:
    return svg_to_image(svg, width, height, where=where)


def size_from_name(path: Path, prefix: str) -> Size:
    """The registry size a template is for, from its name: `banner-fb-post.svg` -> fb-post."""
    stem = path.stem
    name = stem[len(prefix) :] if stem.startswith(prefix) else ""
    if name not in SIZES:
        raise TemplateError(
            display_path(path),
            f'the name must be {prefix}<size>.svg with a size from `assets-gen sizes` (got "{path.name}")',
        )
    return SIZES[name]


def load_template(path: Path, size: Size, names: Vocabulary, root: Path | None = None) -> Template:
    """Parse and check a template for `size`; `names` are the slots the caller fills and the
    options they may take.
    Pictures it embeds must be inside `root` (the kit folder; default the template's own)."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(display_path(path), f"cannot be read: {exc.strerror}") from None
    kit = (Path(root) if root is not None else path.parent).resolve()
    if not path.resolve().is_relative_to(kit):
        raise TemplateError(
            display_path(path), f"is a link to a file outside the kit folder {display_path(kit)}"
        )
    return _load(path, stat.st_mtime_ns, stat.st_size, size, names, kit)


@lru_cache(maxsize=64)
def _load(path: Path, _mtime: int, _bytes: int, size: Size, known: Vocabulary, kit: Path) -> Template:
    where = display_path(path)
    try:
        root = clean_tree(parse_svg(path.read_bytes()), files=True, strip=False)
    except SvgRefused as exc:
        raise TemplateError(where, str(exc)) from None
    to_px = _canvas(root, size, where)
    found: list[tuple[Slot, ET.Element, ET.Element]] = []  # slot, its element, its parent
    _walk(root, to_px, found, known, (path, kit), where)
    slots = [slot for slot, _, _ in found]
    names = [s.name for s in slots]
    for name in dict.fromkeys(names):
        if names.count(name) > 1:
            raise TemplateError(where, f'two elements are "slot-{name}": give each slot its own id')
    for slot in slots:
        for zone in size.hard_zones:
            if slot.box.overlaps(zone.box):
                z = zone.box
                raise TemplateError(
                    where,
                    f'{slot.element}: lies in the {size.name} zone "{zone.name}" (x {z.x:g}-{z.right:g}, '
                    f"y {z.y:g}-{z.bottom:g}), which the platform crops or covers: move it into the safe "
                    "area",
                )
    for _, element, parent in found:
        parent.remove(element)
    clean_tree(root, files=True)  # editor data out; the pictures are embedded by now
    photographic = any(local(e.tag) == "image" for e in root.iter() if isinstance(e.tag, str)) or any(
        s.name == "photo" for s in slots
    )
    return Template(path, size, ET.tostring(root, encoding="utf-8"), tuple(slots), photographic)


# -- geometry ------------------------------------------------------------------------

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as in SVG
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m x n: apply n first, then m."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def parse_transform(text: str | None) -> Matrix:
    """An SVG transform list as one matrix; ValueError for what cannot be read."""
    m = IDENTITY
    if not text or not text.strip():
        return m
    rest = _TRANSFORM.sub("", text).replace(",", " ").strip()
    if rest:
        raise ValueError(f'cannot read transform "{text}"')
    for name, args in _TRANSFORM.findall(text):
        v = [_finite(float(x), x) for x in _NUMBER.findall(args)]
        if name == "matrix" and len(v) == 6:
            step: Matrix = tuple(v)  # type: ignore[assignment]
        elif name == "translate" and len(v) in (1, 2):
            step = (1, 0, 0, 1, v[0], v[1] if len(v) == 2 else 0)
        elif name == "scale" and len(v) in (1, 2):
            step = (v[0], 0, 0, v[1] if len(v) == 2 else v[0], 0, 0)
        elif name == "rotate" and len(v) in (1, 3):
            t = math.radians(v[0])
            cx, cy = (v[1], v[2]) if len(v) == 3 else (0.0, 0.0)
            cos, sin = math.cos(t), math.sin(t)
            step = _mul((1, 0, 0, 1, cx, cy), _mul((cos, sin, -sin, cos, 0, 0), (1, 0, 0, 1, -cx, -cy)))
        elif name in ("skewX", "skewY") and len(v) == 1:
            k = math.tan(math.radians(v[0]))
            step = (1, 0, k, 1, 0, 0) if name == "skewX" else (1, k, 0, 1, 0, 0)
        else:
            raise ValueError(f'cannot read transform "{name}({args.strip()})"')
        m = _mul(m, step)
    if not all(math.isfinite(x) for x in m):
        raise ValueError(f'transform "{text.strip()[:60]}" is not a finite size')
    return m


def _finite(value: float, text: str) -> float:
    if not math.isfinite(value) or abs(value) > MAX_COORDINATE:
        raise ValueError(f'"{text.strip()[:40]}" is not a usable number (at most {MAX_COORDINATE:g})')
    return value


def _length(value: str | None, default: float | None = None) -> float:
    if value is None or not value.strip():
        if default is None:
            raise ValueError("missing")
        return default
    match = _LENGTH.match(value)
    if not match or match.group(2) not in _UNITS:
        raise ValueError(f'"{value}" is not a length in px, mm, cm, in, pt or pc')
    return _finite(float(match.group(1)) * _UNITS[match.group(2)], value)


def _canvas(root: ET.Element, size: Size, where: str) -> Matrix:
    """Check the document is `size` and return the user-unit to pixel matrix."""
    view_box = root.get("viewBox")
    try:
        width, height = (
            -1.0 if (v or "").strip().endswith("%") else _length(v, -1)
            for v in (root.get("width"), root.get("height"))
        )
        vb = [float(v) for v in _NUMBER.findall(view_box)] if view_box else None
    except ValueError as exc:
        raise TemplateError(where, f"<svg>: {exc}") from None
    if vb is not None and (len(vb) != 4 or vb[2] <= 0 or vb[3] <= 0):
        raise TemplateError(where, f'<svg>: viewBox "{view_box}" is not "x y width height"')
    if width < 0 or height < 0:  # no (or relative) width/height: the viewBox is the size
        if vb is None:
            raise TemplateError(where, "<svg>: give width and height (or a viewBox)")
        width, height = vb[2], vb[3]
    if round(width) != size.width or round(height) != size.height:
        raise TemplateError(
            where,
            f"<svg>: the document is {width:g}x{height:g} px but {size.name} is "
            f"{size.width}x{size.height}: set the page size to {size.width}x{size.height} px",
        )
    if vb is None:
        return IDENTITY
    sx, sy = size.width / vb[2], size.height / vb[3]
    if abs(sx - sy) > 0.01 * max(sx, sy):
        raise TemplateError(
            where,
            f'<svg>: viewBox "{view_box}" does not have the shape of {size.width}x{size.height}',
        )
    return (sx, 0, 0, sy, -vb[0] * sx, -vb[1] * sy)


def _box(element: ET.Element, m: Matrix) -> tuple[Box, Literal["rect", "circle"], float]:
    """The element's box in output pixels (ValueError when it has none or is turned)."""
    a, b, c, d, e, f = m
    if abs(b) > 1e-6 or abs(c) > 1e-6:
        raise ValueError("is rotated or skewed: slots must be upright rectangles")
    tag = local(element.tag)
    shape: Literal["rect", "circle"] = "rect"
    radius = 0.0
    if tag in ("circle", "ellipse"):
        cx, cy = _length(element.get("cx"), 0), _length(element.get("cy"), 0)
        if tag == "circle":
            rx = ry = _length(element.get("r"))
        else:
            rx, ry = _length(element.get("rx")), _length(element.get("ry"))
        x, y, w, h = cx - rx, cy - ry, 2 * rx, 2 * ry
        shape = "circle"
    else:
        try:
            w, h = _length(element.get("width")), _length(element.get("height"))
        except ValueError as exc:
            if str(exc) != "missing":
                raise
            raise ValueError("has no width and height: draw the slot as a rectangle") from None
        x, y = _length(element.get("x"), 0), _length(element.get("y"), 0)
        if tag == "rect":
            radius = _length(element.get("rx") or element.get("ry"), 0) * abs(a)
    if w <= 0 or h <= 0:
        raise ValueError("has no area")
    x0, x1 = sorted((a * x + e, a * (x + w) + e))
    y0, y1 = sorted((d * y + f, d * (y + h) + f))
    if not all(math.isfinite(v) and abs(v) <= MAX_COORDINATE for v in (x0, x1, y0, y1)):
        raise ValueError(f"is far too large or far off the page (at most {MAX_COORDINATE:g} px)")
    return Box(x0, y0, x1 - x0, y1 - y0), shape, radius


# -- walking the document ------------------------------------------------------------


def _walk(
    element: ET.Element,
    m: Matrix,
    found: list[tuple[Slot, ET.Element, ET.Element]],
    known: Vocabulary,
    path: tuple[Path, Path],
    where: str,
) -> None:
    for child in list(element):
        if not isinstance(child.tag, str):  # comments, processing instructions
            continue
        name = describe(child)
        try:
            cm = _mul(m, parse_transform(child.get("transform")))
        except ValueError as exc:
            raise TemplateError(where, f"{name}: {exc}") from None
        tag = local(child.tag)
        ident = child.get("id") or ""
        if ident.startswith(SLOT_PREFIX):
            found.append((_slot(child, cm, ident[len(SLOT_PREFIX) :], known, name, where), child, element))
            continue
        if child.tag.startswith(f"{{{SVG}}}") and tag in ("text", "flowRoot"):
            raise TemplateError(
                where,
                f"{name}: text in a template is drawn without Vietnamese shaping; convert it to a "
                "path (Inkscape: Path > Object to Path) or make it a slot",
            )
        if tag in ("image", "use", "feImage"):
            _inline_href(child, path, where, name)
        _walk(child, cm, found, known, path, where)


def _slot(element: ET.Element, m: Matrix, name: str, known: Vocabulary, desc: str, where: str) -> Slot:
    if name not in known.slots:
        raise TemplateError(
            where,
            f'{desc}: unknown slot "slot-{name}" (known: {", ".join("slot-" + k for k in known.slots)})',
        )
    try:
        box, shape, radius = _box(element, m)
    except ValueError as exc:
        raise TemplateError(where, f"{desc}: {exc}") from None

    def option(key: str, choices: tuple[str, ...]) -> str | None:
        value = element.get(f"data-{key}")
        if value is None:
            return None
        if value.strip() not in choices:
            raise TemplateError(where, f'{desc}: data-{key}="{value}" is not one of: {", ".join(choices)}')
        return value.strip()

    def number(key: str, low: int, high: int) -> int | None:
        value = element.get(f"data-{key}")
        if value is None:
            return None
        if not value.strip().isdigit() or not low <= int(value) <= high:
            raise TemplateError(where, f'{desc}: data-{key}="{value}" must be a whole number {low}-{high}')
        return int(value)

    upper = option("upper", ("true", "false"))
    return Slot(
        name=name,
        box=box,
        element=desc,
        shape=shape,
        radius=radius,
        font=option("font", known.fonts),
        lines=number("lines", 1, 12),
        align=option("align", ("left", "center", "right")),
        valign=option("valign", ("top", "middle", "bottom")),
        color=option("color", known.colors),
        min_size=number("min-size", 6, 1000),
        max_size=number("max-size", 6, 2000),
        upper=None if upper is None else upper == "true",
        logo=option("logo", known.logos),
    )


def _inline_href(element: ET.Element, paths: tuple[Path, Path], where: str, desc: str) -> None:
    """Embed pictures of the kit as data: URIs; refuse anything to download, any file
    outside the kit (symlinks resolved) and anything that is not a picture."""
    path, kit = paths
    for attr in (f"{{{XLINK}}}href", "href"):
        href = element.get(attr)
        if href is None or href.startswith(("data:", "#")):
            continue
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
            raise TemplateError(
                where, f'{desc}: links to "{href}": nothing is downloaded; put the image next to the template'
            )
        file = (path.parent / href).resolve()
        if not file.is_relative_to(kit):
            raise TemplateError(
                where, f'{desc}: image "{href}" is outside the kit folder {display_path(kit)}'
            )
        mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if mime not in PICTURES:
            raise TemplateError(where, f'{desc}: "{href}" is not a PNG, JPEG, GIF or WebP picture')
        if not file.is_file():
            raise TemplateError(where, f'{desc}: image "{href}" not found next to the template')
        element.set(attr, f"data:{mime};base64,{base64.b64encode(file.read_bytes()).decode()}")
