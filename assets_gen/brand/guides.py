"""How-to guides kept in the kit as data: brand/content/*.toml, one file per guide.

Content is written by the campaign's communicators, so it lives beside the brand, not
in code; cards (carousels) and videos both draw from it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from assets_gen.brand.loader import display_path
from assets_gen.brand.model import Kit
from assets_gen.errors import DataError
from assets_gen.layout.text import font_face, normalize


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


def load_guides(kit: Kit) -> list[Guide]:
    """Every guide of the kit, sorted by file name; DataError names file, key and problem."""
    folder = kit.data.content
    if folder is None:
        return []
    return [load_guide(kit, path) for path in sorted(folder.glob("*.toml"))]


def load_guide(kit: Kit, path: Path) -> Guide:
    where = display_path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DataError(where, "not UTF-8 text: save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(where, f"invalid TOML: {exc}") from None
    _no_unknown(where, raw, ("title", "intro", "steps"), "")
    faces = [font_face(p) for p in kit.fonts.all().values()]

    def text(table: dict, key: str, prefix: str, required: bool = True) -> str:
        name = f"{prefix}{key}"
        value = table.get(key)
        if value is None:
            if required:
                raise DataError(where, f"{name}: missing key")
            return ""
        if not isinstance(value, str):
            raise DataError(where, f"{name}: must be a string")
        value = normalize(value)
        if required and not value:
            raise DataError(where, f"{name}: must not be empty")
        for face in faces:
            missing = face.missing(value)
            if missing:
                raise DataError(
                    where,
                    f'{name}: "{value}": font {face.name} has no glyph for {", ".join(missing)}',
                )
        return value

    steps_raw = raw.get("steps")
    if not isinstance(steps_raw, list) or not steps_raw:
        raise DataError(where, "steps: list at least one [[steps]] table")
    steps = []
    for i, item in enumerate(steps_raw):
        prefix = f"steps[{i}]."
        if not isinstance(item, dict):
            raise DataError(where, f"steps[{i}]: must be a table")
        _no_unknown(where, item, ("title", "text", "icon"), f"steps[{i}]")
        icon_name = text(item, "icon", prefix)
        steps.append(
            Step(
                text(item, "title", prefix),
                text(item, "text", prefix),
                _icon(kit, where, f"{prefix}icon", icon_name),
            )
        )
    return Guide(
        slug=path.stem,
        title=text(raw, "title", ""),
        intro=text(raw, "intro", "", False),
        steps=tuple(steps),
        file=path,
    )


def _icon(kit: Kit, where: str, key: str, name: str) -> Path:
    folder = kit.data.icons
    if folder is None:
        raise DataError(where, f'{key}: icon "{name}" needs an icons folder ([data] icons)')
    path = folder / f"{name}.svg"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.svg")))
        raise DataError(where, f'{key}: no icon "{name}" in {display_path(folder)} (known: {known})')
    return path


def _no_unknown(where: str, table: dict, allowed: tuple[str, ...], prefix: str) -> None:
    for key in table:
        if key not in allowed:
            name = f"{prefix}.{key}" if prefix else key
            raise DataError(where, f"{name}: unknown key (known: {', '.join(allowed)})")
