"""Quotes for quote cards: brand/quotes.toml, [[quotes]] with text, author and source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assets_gen.brand.model import Kit
from assets_gen.brand.tomldata import TomlFile

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Quote:
    slug: str
    text: str
    author: str
    source: str = ""
    where: str = ""


def load_quotes(kit: Kit, path: Path) -> list[Quote]:
    """Every quote of the file; DataError (`FILE: quotes[i].key: problem`) for a bad one."""
    toml = TomlFile(kit, path)
    toml.no_unknown(toml.data, ("quotes",))
    quotes: list[Quote] = []
    seen: set[str] = set()
    for i, table in enumerate(toml.tables("quotes", "text, author and source of each quote")):
        prefix = f"quotes[{i}]."
        toml.no_unknown(table, ("slug", "text", "author", "source"), prefix.rstrip("."))
        slug = table.get("slug", f"quote-{i + 1}")
        if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
            raise toml.fail(f"{prefix}slug", f'"{slug}" must be lowercase letters, digits and "-"')
        if slug in seen:
            raise toml.fail(f"{prefix}slug", f'"{slug}" is used twice')
        seen.add(slug)
        quotes.append(
            Quote(
                slug=slug,
                text=toml.text(table, "text", prefix),
                author=toml.text(table, "author", prefix),
                source=toml.text(table, "source", prefix, required=False),
                where=toml.where,
            )
        )
    return quotes
