"""How-to guides kept in the kit as data: brand/content/*.toml, one file per guide.

Content is written by the campaign's communicators, so it lives beside the brand, not
in code; cards (carousels) and videos both draw from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assets_gen.brand.model import Kit
from assets_gen.brand.tomldata import TomlFile
from assets_gen.errors import DataError, display_path

DEFAULT_CTA = "Quét mã để vào Cổng sáng kiến"


@dataclass(frozen=True)
class Step:
    title: str
    """Short title, a few words: "Đăng nhập"."""
    text: str
    """One or two sentences saying what to do."""
    icon: Path
    """SVG line icon (from the kit's icons folder)."""


@dataclass(frozen=True)
class Guide:
    slug: str
    """The file name without .toml: used in output paths."""
    title: str
    """The guide's title, shown on its cover."""
    intro: str
    """One sentence under the title (may be empty)."""
    steps: tuple[Step, ...]
    file: Path
    cta: str = DEFAULT_CTA
    """Call to action above the portal's QR code on the last page."""


def load_guides(kit: Kit) -> list[Guide]:
    """Every guide of the kit, sorted by file name; DataError names file, key and problem."""
    return [load_guide(kit, path) for path in guide_files(kit)]


def guide_files(kit: Kit) -> list[Path]:
    folder = kit.data.content
    return sorted(folder.glob("*.toml")) if folder is not None else []


def load_guide(kit: Kit, path: Path) -> Guide:
    doc = TomlFile(kit, path)
    doc.no_unknown(doc.data, ("title", "intro", "cta", "steps"))
    steps = []
    for i, item in enumerate(doc.tables("steps", "one per step")):
        prefix = f"steps[{i}]."
        doc.no_unknown(item, ("title", "text", "icon"), f"steps[{i}]")
        icon_name = doc.text(item, "icon", prefix)
        steps.append(
            Step(
                doc.text(item, "title", prefix),
                doc.text(item, "text", prefix),
                _icon(kit, doc.where, f"{prefix}icon", icon_name),
            )
        )
    return Guide(
        slug=path.stem,
        title=doc.text(doc.data, "title"),
        intro=doc.text(doc.data, "intro", required=False),
        steps=tuple(steps),
        file=path,
        cta=doc.text(doc.data, "cta", required=False) or DEFAULT_CTA,
    )


def _icon(kit: Kit, where: str, key: str, name: str) -> Path:
    folder = kit.data.icons
    if folder is None:
        raise DataError(where, f'{key}: icon "{name}" needs an icons folder ([data] icons)')
    path = folder / f"{name}.svg"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.svg")))
        raise DataError(where, f'{key}: no icon "{name}" in {display_path(folder)} (known: {known})')
    if not path.resolve().is_relative_to(kit.dir):
        raise DataError(where, f'{key}: icon "{name}" is a link to a file outside the kit folder')
    return path
