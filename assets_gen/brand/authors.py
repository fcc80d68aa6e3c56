"""Outstanding initiative authors: authors.csv, one spotlight card per row.

Read as a stream (a national call can list hundreds of thousands of authors), each row
checked on its own so a bad row is one `FILE:LINE: reason` and the others still come.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from assets_gen.brand.csvdata import read_rows
from assets_gen.brand.units import MAX_SLUG, Unit, short_slug, slugify
from assets_gen.errors import DataError, display_path
from assets_gen.layout.text import normalize

REQUIRED = ("name", "unit", "title")
OPTIONAL = ("id", "role", "benefit", "quote", "photo")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Author:
    name: str
    unit_slug: str
    """The unit's slug: names the output folder and groups the contact sheet."""
    unit_name: str
    """The unit as printed on the card."""
    title: str
    """The initiative's title."""
    id: str
    """Stable slug for the output file name (the `id` column, or the name's slug)."""
    role: str = ""
    """Job and workplace, e.g. "Tổ trưởng cơ điện, Phân xưởng Vận tải lò"."""
    benefit: str = ""
    """What it brought, e.g. "làm lợi 2,3 tỷ đồng"."""
    quote: str = ""
    """One sentence by the author."""
    photo: Path | None = None
    """Portrait; without one the card shows a drawn silhouette in the kit colours."""
    where: str = ""


def read_authors(path: Path, units: Mapping[str, Unit]) -> Iterator[Author | DataError]:
    """Authors row by row, or a DataError per bad row; raises for a bad file (header).

    `unit` is a slug from the units file (its name is printed) or a unit's name as it
    should be printed. Photo paths are relative to the CSV's folder.
    """
    folder = path.parent
    with contextlib.closing(_SeenNames()) as seen:
        for row in read_rows(path, required=REQUIRED, optional=OPTIONAL):
            try:
                row.require_fit()
                author = _author(row, units, folder)
            except DataError as err:
                yield err
                continue
            first = seen.first_line(f"{author.unit_slug}/{author.id}", row.line)
            if first is not None:
                yield DataError(
                    row.where,
                    f'"{author.name}" has the same file name as line {first} '
                    f'({author.unit_slug}/{author.id}): add an "id" column to tell them apart',
                )
                continue
            yield author


class _SeenNames:
    """Output names already used, with their line: in a private temporary SQLite file
    (flat memory however many rows; SQLite spills to disk past a few megabytes)."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("CREATE TABLE seen (key BLOB PRIMARY KEY, line INTEGER) WITHOUT ROWID")

    def first_line(self, name: str, line: int) -> int | None:
        """None the first time `name` is seen (remembering `line`), else the line it was first on."""
        key = hashlib.blake2b(name.encode(), digest_size=8).digest()
        if self.db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (key, line)).rowcount:
            return None
        return self.db.execute("SELECT line FROM seen WHERE key = ?", (key,)).fetchone()[0]

    def close(self) -> None:
        self.db.close()


def _author(row, units: Mapping[str, Unit], folder: Path) -> Author:
    values = {c: normalize(row.get(c)) for c in (*REQUIRED, *OPTIONAL)}
    for column in REQUIRED:
        if not values[column]:
            raise DataError(row.where, f"empty {column}")
    unit_value = values["unit"]
    unit = units.get(unit_value)
    if unit is not None:
        unit_slug, unit_name = unit.slug, unit.name
    elif _SLUG.fullmatch(unit_value):
        raise DataError(row.where, f'unknown unit "{unit_value}" (not a slug in the units file)')
    else:
        unit_slug, unit_name = slugify(unit_value), unit_value
    author_id = values["id"] or short_slug(slugify(values["name"]))
    if not _SLUG.fullmatch(author_id):
        raise DataError(row.where, f'id "{author_id[:100]}" must be lowercase letters, digits and "-"')
    if len(author_id) > MAX_SLUG:
        raise DataError(
            row.where, f'id "{author_id[:40]}..." is {len(author_id)} characters: at most {MAX_SLUG}'
        )
    photo = None
    if values["photo"]:
        photo = (folder / values["photo"]).resolve()
        if not photo.is_relative_to(folder.resolve()):
            raise DataError(row.where, f'photo "{values["photo"]}" is outside {display_path(folder)}')
        if not photo.is_file():
            raise DataError(
                row.where,
                f'photo "{values["photo"]}" not found (paths are relative to {display_path(folder)})',
            )
    return Author(
        name=values["name"],
        unit_slug=unit_slug,
        unit_name=unit_name,
        title=values["title"],
        id=author_id,
        role=values["role"],
        benefit=values["benefit"],
        quote=values["quote"],
        photo=photo,
        where=row.where,
    )
