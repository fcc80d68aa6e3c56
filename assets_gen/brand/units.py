"""Union units: who each batch of personalised assets is for."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assets_gen.brand.csvdata import read_rows
from assets_gen.brand.model import Kit
from assets_gen.errors import AssetsGenError, DataError
from assets_gen.layout.text import font_face, normalize

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 80  # slugs name folders and files; file systems allow 255 bytes a name


def short_slug(slug: str) -> str:
    """A slug derived from a long name, cut at a word to at most MAX_SLUG characters."""
    if len(slug) <= MAX_SLUG:
        return slug
    return slug[: MAX_SLUG + 1].rsplit("-", 1)[0][:MAX_SLUG].strip("-")


@dataclass(frozen=True)
class Unit:
    """A union unit; `short_name` is what fits on small assets."""

    name: str
    short_name: str
    slug: str
    where: str = ""  # FILE:LINE it was read from
    aliases: tuple[str, ...] = ()
    """Other names members type to find it ("hcm", "sai gon"), for the member page."""
    group: str = ""
    """Heading it is listed under on the member page ("Tỉnh, thành phố")."""
    cluster: str = ""
    """Its emulation cluster ("cụm thi đua"), from the optional `cluster` column; "" none."""

    @property
    def cluster_slug(self) -> str:
        return slugify(self.cluster)


def slugify(text: str) -> str:
    """ASCII slug without diacritics: "Hà Nội" -> "ha-noi", "Đắk Lắk" -> "dak-lak"."""
    text = normalize(text).replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def read_units(path: Path, kit: Kit) -> Iterator[Unit | AssetsGenError]:
    """Units of a CSV, or one error per bad row (the other rows still come)."""
    seen: dict[str, str] = {}
    faces = [font_face(p) for p in kit.fonts.all().values()]
    optional = ("short_name", "slug", "cluster", "aliases", "group")
    for row in read_rows(path, required=("name",), optional=optional):
        try:
            name = normalize(row.get("name"))
            if not name:
                raise DataError(row.where, "empty name")
            short = normalize(row.get("short_name")) or name
            for label, text in (("unit name", name), ("short name", short)):
                for face in faces:
                    face.require(text, label)
            slug = row.get("slug") or short_slug(slugify(name))
            if not _SLUG.fullmatch(slug):
                raise DataError(row.where, f'slug "{slug[:100]}" must be lowercase letters, digits and "-"')
            if len(slug) > MAX_SLUG:
                raise DataError(
                    row.where,
                    f'slug "{slug[:40]}..." is {len(slug)} characters: at most {MAX_SLUG} (it names files)',
                )
            if slug in seen:
                raise DataError(row.where, f'duplicate slug "{slug}" (also at {seen[slug]})')
            seen[slug] = row.where
            cluster = normalize(row.get("cluster"))
            if cluster:
                for face in faces:
                    face.require(cluster, "cluster")
            aliases = tuple(a for a in (normalize(x) for x in row.get("aliases").split(";")) if a)
            group = normalize(row.get("group"))
            yield Unit(
                name=name,
                short_name=short,
                slug=slug,
                where=row.where,
                cluster=cluster,
                aliases=aliases,
                group=group,
            )
        except DataError as err:
            yield err
        except AssetsGenError as err:
            yield DataError(row.where, err.what)


def load_units(kit: Kit, path: Path | None) -> tuple[list[Unit], list[AssetsGenError]]:
    """The usable units of `path` (None: the kit's units file) and the bad rows, apart."""
    units_file = path or kit.data.units
    if units_file is None:
        return [], []
    units: list[Unit] = []
    errors: list[AssetsGenError] = []
    try:
        for item in read_units(units_file, kit):
            (errors if isinstance(item, AssetsGenError) else units).append(item)
    except AssetsGenError as err:
        errors.append(err)
    return units, errors
