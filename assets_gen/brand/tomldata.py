"""Content files in TOML (guides, events): read strictly, report `FILE: key: problem`.

Communicators write these by hand, so unknown keys are errors (a typo must not silently
drop a guest), every text is NFC and checked against the kit's fonts before anything is
drawn, and the message names the key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from assets_gen.brand.model import Kit
from assets_gen.errors import DataError, display_path
from assets_gen.layout.text import font_face, normalize


class TomlFile:
    """A parsed content file and the helpers that validate its keys."""

    def __init__(self, kit: Kit, path: Path) -> None:
        self.kit = kit
        self.path = path
        self.where = display_path(path)
        if path.absolute().is_relative_to(kit.dir) and not path.resolve().is_relative_to(kit.dir):
            raise DataError(self.where, f"is a link to a file outside the kit folder {display_path(kit.dir)}")
        try:
            self.data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DataError(self.where, "file not found") from None
        except UnicodeDecodeError:
            raise DataError(self.where, "not UTF-8 text: save it as UTF-8") from None
        except tomllib.TOMLDecodeError as exc:
            raise DataError(self.where, f"invalid TOML: {exc}") from None

    def fail(self, key: str, problem: str) -> DataError:
        return DataError(self.where, f"{key}: {problem}" if key else problem)

    def no_unknown(self, table: dict, allowed: tuple[str, ...], prefix: str = "") -> None:
        for key in table:
            if key not in allowed:
                name = f"{prefix}.{key}" if prefix else key
                raise self.fail(name, f"unknown key (known: {', '.join(allowed)})")

    def text(self, table: dict, key: str, prefix: str = "", required: bool = True) -> str:
        """A drawable text: NFC, not empty when required, every glyph in every kit font."""
        name = f"{prefix}{key}"
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(name, "missing key")
            return ""
        if not isinstance(value, str):
            raise self.fail(name, "must be a string")
        value = normalize(value)
        if required and not value:
            raise self.fail(name, "must not be empty")
        for font in self.kit.fonts.all().values():
            face = font_face(font)
            missing = face.missing(value)
            if missing:
                raise self.fail(name, f'"{value}": font {face.name} has no glyph for {", ".join(missing)}')
        return value

    def tables(self, key: str, what: str) -> list[dict]:
        """A non-empty list of [[key]] tables."""
        raw = self.data.get(key)
        if not isinstance(raw, list) or not raw:
            raise self.fail(key, f"list at least one [[{key}]] table ({what})")
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                raise self.fail(f"{key}[{i}]", "must be a table")
        return raw

    def file(self, value: str, key: str) -> Path:
        """A file named relative to this file's folder, or else to the kit folder."""
        for base in (self.path.parent, self.kit.dir):
            candidate = (base / value).resolve()
            if candidate.is_file():
                if not candidate.is_relative_to(self.kit.dir):
                    raise self.fail(
                        key, f'file "{value}" is outside the kit folder {display_path(self.kit.dir)}'
                    )
                return candidate
        raise self.fail(key, f'file "{value}" not found (relative to {display_path(self.path.parent)})')
