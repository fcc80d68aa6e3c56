"""Load brand.toml into a Kit, reporting every mistake as `file: key.path: problem`.

Designers edit the kit by hand, so the loader is strict (unknown keys are errors, with a
suggestion) and precise (the message names the key), and never shows a traceback.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assets_gen.brand.model import (
    CAPTION,
    CAPTION_FIELDS,
    Campaign,
    Data,
    Fonts,
    FrameStyle,
    Kit,
    Links,
    Logo,
    Palette,
    PrintSet,
    TextRules,
    drawn_from,
)
from assets_gen.errors import BrandError, display_path
from assets_gen.layout import words
from assets_gen.layout.color import Color
from assets_gen.layout.text import font_face, normalize
from assets_gen.resources import default_brand_dir, fonts_dir

FRAME_KINDS = ("ring", "ribbon")
SECTIONS = ("campaign", "colors", "fonts", "logo", "links", "frames", "data", "print", "text")


class _Reader:
    """Walks the parsed TOML, remembering the key path for error messages."""

    def __init__(self, file: Path, data: dict[str, Any]) -> None:
        self.file = file
        self.where = display_path(file)
        self.data = data
        self.kit_dir = file.parent

    def fail(self, key: str, problem: str) -> BrandError:
        return BrandError(self.where, f"{key}: {problem}" if key else problem)

    def table(self, key: str, allowed: tuple[str, ...]) -> dict:
        value = self.data.get(key)
        if value is None:
            raise self.fail(key, "missing section")
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table, not {_type_name(value)}")
        self.no_unknown(value, allowed, key)
        return value

    def no_unknown(self, table: dict, allowed: tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                tip = f' (did you mean "{hint[0]}"?)' if hint else f" (known: {', '.join(allowed)})"
                raise self.fail(f"{prefix}.{key}" if prefix else key, f"unknown key{tip}")

    def get(
        self,
        table: dict,
        prefix: str,
        key: str,
        convert: Callable[[Any], Any],
        default: Any = ...,
    ) -> Any:
        path = f"{prefix}.{key}"
        if key not in table:
            if default is ...:
                raise self.fail(path, "missing key")
            return default
        try:
            return convert(table[key])
        except (ValueError, TypeError) as exc:
            raise self.fail(path, str(exc)) from None

    def file_path(self, value: Any, *, folder: bool = False, search: tuple[Path, ...] = ()) -> Path:
        """A kit file: found in the kit folder (or `search`), and inside it once links are
        followed: a kit received from someone else must not pull in other files."""
        text = _text(value)
        roots = (self.kit_dir, *(p.resolve() for p in search))
        for base in roots:
            candidate = (base / text).resolve()
            if candidate.is_dir() if folder else candidate.is_file():
                if not any(candidate.is_relative_to(root) for root in roots):
                    raise ValueError(f'"{text}" is outside the kit folder {display_path(self.kit_dir)}')
                return candidate
        what = "folder" if folder else "file"
        raise ValueError(f'{what} "{text}" not found in {display_path(self.kit_dir)}')


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"must be a string, not {_type_name(value)}")
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


def _type_name(value: Any) -> str:
    return {
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{value!r} is not a positive whole number")
    return value


def _caption(value: Any) -> str:
    """A caption template: only the known {placeholders}."""
    text = _text(value)
    for name in re.findall(r"{([^{}]*)}", text):
        if name not in CAPTION_FIELDS:
            known = ", ".join("{" + f + "}" for f in CAPTION_FIELDS)
            raise ValueError(f"unknown placeholder {{{name}}} (use {known})")
    return text


DEFAULT_MILESTONES = tuple(range(100_000, 1_000_001, 100_000))


def _milestones(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise ValueError("must be a list of whole numbers, like [100_000, 200_000]")
    numbers = tuple(_positive_int(v) for v in value)
    if list(numbers) != sorted(set(numbers)):
        raise ValueError("must go up, each number once")
    return numbers


def _url(value: Any) -> str:
    text = _text(value)
    if not text.startswith(("https://", "http://")):
        raise ValueError(f'"{text}" is not a web address (http:// or https://)')
    return text


def load_kit(directory: Path | str | None = None) -> Kit:
    """Load and validate the kit in `directory` (default: the bundled kit)."""
    kit_dir = Path(directory) if directory is not None else default_brand_dir()
    file = kit_dir / "brand.toml"
    where = display_path(file)
    if not kit_dir.is_dir():
        raise BrandError(display_path(kit_dir), "brand kit folder not found")
    if not file.is_file():
        raise BrandError(where, "file not found (a brand kit folder must contain brand.toml)")
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise BrandError(where, "not UTF-8 text: save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise BrandError(where, f"invalid TOML: {exc}") from None

    r = _Reader(file.resolve(), raw)
    r.no_unknown(raw, SECTIONS, "")

    c = r.table("campaign", tuple(Campaign.__dataclass_fields__))
    campaign = Campaign(
        name=r.get(c, "campaign", "name", _text),
        organisation=r.get(c, "campaign", "organisation", _text),
        slogan=r.get(c, "campaign", "slogan", _text),
        tagline=r.get(c, "campaign", "tagline", _text),
        hashtag=r.get(c, "campaign", "hashtag", _text),
        goal=r.get(c, "campaign", "goal", _positive_int, 1_000_000),
        caption=r.get(c, "campaign", "caption", _caption, CAPTION),
        milestones=r.get(c, "campaign", "milestones", _milestones, DEFAULT_MILESTONES),
    )

    palette_keys = tuple(f for f in Palette.__dataclass_fields__)
    col = r.table("colors", palette_keys)
    colors = Palette(**{k: r.get(col, "colors", k, Color.parse) for k in palette_keys})

    font_keys = tuple(Fonts.__dataclass_fields__)
    f = r.table("fonts", font_keys)
    search = (fonts_dir(),)

    def font_file(value: Any) -> Path:
        return r.file_path(value, search=search)

    fonts = Fonts(
        **{k: r.get(f, "fonts", k, font_file) for k in font_keys if k != "italic"},
        italic=r.get(f, "fonts", "italic", font_file, None),
    )
    for key, path in {**fonts.all(), "italic": fonts.italic}.items():
        if path is None:
            continue
        try:
            font_face(path)
        except Exception:
            raise r.fail(f"fonts.{key}", f'"{path.name}" is not a readable font file') from None

    logo_keys = tuple(Logo.__dataclass_fields__)
    lg = r.table("logo", logo_keys)
    logo = Logo(**{k: r.get(lg, "logo", k, r.file_path) for k in logo_keys})

    lk = r.table("links", tuple(Links.__dataclass_fields__))
    portal = r.get(lk, "links", "portal", _url)
    links = Links(
        portal=portal,
        zalo_oa=r.get(lk, "links", "zalo_oa", _url),
        hotline=r.get(lk, "links", "hotline", _text),
        website=r.get(lk, "links", "website", _text, portal.split("://", 1)[1].rstrip("/")),
        avatar_page=r.get(lk, "links", "avatar_page", _url, portal.rstrip("/") + "/anh-dai-dien/"),
    )

    frames = _frames(r)
    data = _data(r)
    text = _text_rules(r)
    kit = Kit(
        dir=kit_dir.resolve(),
        file=file.resolve(),
        campaign=campaign,
        colors=colors,
        fonts=fonts,
        logo=logo,
        links=links,
        frames=frames,
        data=data,
        print=_print(r),
        text=text,
    )
    _check_glyphs(r, kit)
    words.use_phrases(kit.text.keep_together)
    return dataclasses.replace(kit, drawn_from=drawn_from(kit))


def _text_rules(r: _Reader) -> TextRules:
    if "text" not in r.data:
        return TextRules()
    t = r.table("text", tuple(TextRules.__dataclass_fields__))

    def phrases(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise TypeError(f"must be a list of phrases, not {_type_name(value)}")
        out = []
        for i, item in enumerate(value):
            try:
                phrase = normalize(_text(item))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"item {i + 1}: {exc}") from None
            if len(phrase.replace("\u00a0", " ").split()) < 2:
                raise ValueError(f'item {i + 1}: "{phrase}" is one word: list phrases of two or more')
            out.append(phrase)
        return tuple(out)

    return TextRules(keep_together=r.get(t, "text", "keep_together", phrases, ()))


def _frames(r: _Reader) -> tuple[FrameStyle, ...]:
    raw = r.data.get("frames")
    if raw is None:
        raise r.fail("frames", "missing: list at least one [[frames]] style")
    if not isinstance(raw, list) or not raw:
        raise r.fail("frames", "must be a list of [[frames]] tables")
    styles, seen = [], set()
    for i, item in enumerate(raw):
        prefix = f"frames[{i}]"
        if not isinstance(item, dict):
            raise r.fail(prefix, "must be a table")
        r.no_unknown(item, tuple(FrameStyle.__dataclass_fields__), prefix)
        name = r.get(item, prefix, "name", _slug)
        if name in seen:
            raise r.fail(f"{prefix}.name", f'"{name}" is used by another style')
        seen.add(name)
        kind = r.get(item, prefix, "kind", _choice(FRAME_KINDS))
        styles.append(FrameStyle(name=name, label=r.get(item, prefix, "label", _text), kind=kind))
    return tuple(styles)


def _data(r: _Reader) -> Data:
    keys = tuple(Data.__dataclass_fields__)
    d = r.data.get("data", {})
    if not isinstance(d, dict):
        raise r.fail("data", "must be a table")
    r.no_unknown(d, keys, "data")

    def optional(key: str, folder: bool = False) -> Path | None:
        return r.get(d, "data", key, lambda v: r.file_path(v, folder=folder), None)

    def photos(value: Any) -> tuple[Path, ...]:
        if not isinstance(value, list):
            raise TypeError("must be a list of file names")
        return tuple(r.file_path(v) for v in value)

    return Data(
        units=optional("units"),
        photos=r.get(d, "data", "photos", photos, ()),
        stats=optional("stats"),
        authors=optional("authors"),
        content=optional("content", folder=True),
        events=optional("events", folder=True),
        templates=optional("templates", folder=True),
        icons=optional("icons", folder=True),
        music=optional("music"),
        quotes=optional("quotes"),
    )


def _print(r: _Reader) -> PrintSet:
    import datetime as dt

    keys = tuple(PrintSet.__dataclass_fields__)
    p = r.data.get("print", {})
    if not isinstance(p, dict):
        raise r.fail("print", "must be a table")
    r.no_unknown(p, keys, "print")

    def date(value: Any) -> dt.date:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise ValueError(f"{value!r} is not a date like 2026-11-27")
        return value

    defaults = PrintSet()
    values = {k: r.get(p, "print", k, _text, getattr(defaults, k)) for k in keys if k != "date"}
    return PrintSet(**values, date=r.get(p, "print", "date", date, None))


def _slug(value: Any) -> str:
    import re

    text = _text(value)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text):
        raise ValueError(f'"{text}" is not a slug (lowercase letters, digits and "-")')
    return text


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        text = _text(value)
        if text not in options:
            raise ValueError(f'"{text}" is not one of: {", ".join(options)}')
        return text

    return convert


def _check_glyphs(r: _Reader, kit: Kit) -> None:
    """Every kit text must be drawable in every kit font: no empty boxes, ever (the
    italic sets the certificates' place and date)."""
    for key, text in kit.texts().items():
        for path in kit.fonts.all().values():
            face = font_face(path)
            missing = face.missing(text)
            if missing:
                raise r.fail(key, f'"{text}": font {face.name} has no glyph for {", ".join(missing)}')
    if kit.fonts.italic is not None:
        face = font_face(kit.fonts.italic)
        text = f"{kit.print.place}, ngày 0123456789 tháng năm"
        missing = face.missing(text)
        if missing:
            raise r.fail("fonts.italic", f'"{text}": font {face.name} has no glyph for {", ".join(missing)}')
