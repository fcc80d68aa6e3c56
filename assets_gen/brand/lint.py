"""`assets-gen check`: find a kit's problems in a second, without rendering everything."""

from __future__ import annotations

from collections.abc import Iterator

from assets_gen.brand.datalint import CHECKS as DATA_CHECKS
from assets_gen.brand.model import Kit
from assets_gen.brand.slots import LOGOS
from assets_gen.brand.units import read_units
from assets_gen.errors import AssetsGenError, display_path
from assets_gen.layout.color import contrast_ratio
from assets_gen.layout.svg import inline_svg, render_svg_fit, svg_to_image
from assets_gen.layout.svgclean import SVG as SVG_NS

MIN_CONTRAST = 4.5


def lint_kit(kit: Kit) -> list[str]:
    """Every problem of the kit itself and its data files, one line each (empty when the
    kit is clean). Fonts missing a glyph of a kit text fail when the kit loads. The asset
    kinds add their own checks (templates, the music bed): see batch/check.py."""
    problems: list[str] = []
    problems.extend(_contrast(kit))
    problems.extend(_logos(kit))
    problems.extend(_units(kit))
    for check in DATA_CHECKS:
        problems.extend(check(kit))
    return problems


def _contrast(kit: Kit) -> Iterator[str]:
    where = display_path(kit.file)
    for text_key, text, bg_key, bg in kit.colors.text_pairs():
        ratio = contrast_ratio(text, bg)
        if ratio < MIN_CONTRAST:
            yield (
                f"{where}: colors.{text_key}: {text.hex} on colors.{bg_key} {bg.hex} has "
                f"contrast {ratio:.2f}:1, below the {MIN_CONTRAST}:1 that WCAG asks for text"
            )


def _logos(kit: Kit) -> Iterator[str]:
    for key in LOGOS:
        path = getattr(kit.logo, key)
        try:
            image = render_svg_fit(path, width=256)
        except AssetsGenError as err:
            yield f"{display_path(path)}: logo.{key}: {err.what}"
            continue
        except Exception as exc:
            yield f"{display_path(path)}: logo.{key}: cannot be read as SVG: {exc}"
            continue
        if image.getchannel("A").getbbox() is None:
            yield f"{display_path(path)}: logo.{key}: the logo draws nothing (empty or invisible)"
            continue
        try:  # as cards, frames and videos draw it (above), and inlined as counter.svg does
            nested = inline_svg(path, 0, 0, 100, 100)
            svg_to_image(f'<svg xmlns="{SVG_NS}" width="100" height="100">{nested}</svg>'.encode(), 100, 100)
        except AssetsGenError as err:
            yield f"{display_path(path)}: logo.{key}: inlined in counter.svg: {err.what}"


def _units(kit: Kit) -> Iterator[str]:
    if kit.data.units is None:
        return
    try:
        for item in read_units(kit.data.units, kit):
            if isinstance(item, AssetsGenError):
                yield str(item)
    except AssetsGenError as err:
        yield str(err)
