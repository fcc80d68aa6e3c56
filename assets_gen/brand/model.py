"""The brand kit as frozen dataclasses: what a designer can change without code.

Every field maps to a key of `brand.toml` (the section is the class, the key the field);
the loader fills them and reports mistakes with the key path. Paths are absolute,
resolved against the kit folder (fonts also against the bundled `fonts/`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from pathlib import Path

from assets_gen.layout.color import Color

CAPTION = (
    "Mình vừa thay ảnh đại diện hưởng ứng chiến dịch “{campaign}” cùng {unit}. "
    "Bạn cũng lồng khung ảnh của mình tại {link} nhé! {hashtag}"
)
CAPTION_FIELDS = ("unit", "hashtag", "campaign", "link")
KIT_TEXTS = (
    "campaign.name",
    "campaign.organisation",
    "campaign.slogan",
    "campaign.tagline",
    "campaign.hashtag",
    "links.hotline",
    "links.website",
)
"""The kit's texts that designs draw, by key path (the section and field of brand.toml):
what template slots show (brand/slots.py) and what `check` proofreads."""


@dataclass(frozen=True)
class Campaign:
    """Who speaks and what they say; every text here is drawn on assets."""

    name: str
    """Campaign name, e.g. "1 triệu sáng kiến"."""
    organisation: str
    """Full name of the organisation running it, e.g. "Tổng Liên đoàn Lao động Việt Nam"."""
    slogan: str
    """Main slogan: "Tự hào trí tuệ lao động Việt Nam"."""
    tagline: str
    """Second slogan: "1 triệu sáng kiến - triệu việc tốt"."""
    hashtag: str
    """Hashtag shown on posts, e.g. "#1TrieuSangKien"."""
    goal: int
    """Target count of initiatives (1,000,000), for progress bars and counters."""
    milestones: tuple[int, ...] = ()
    """Running totals worth a celebration card and video when the data crosses them
    (default: every 100,000 up to 1,000,000), ascending."""
    caption: str = CAPTION
    """What members copy to post with their new avatar on the member page. Placeholders:
    {unit} (the member's unit, or the organisation), {hashtag}, {campaign}, {link} (the
    avatar page, with the member's unit chosen)."""


@dataclass(frozen=True)
class Palette:
    """Brand colours, and the text colour used on each background colour.

    A text colour `on_X` is the only colour text may take on background `X`; `assets-gen
    check` verifies each pair reaches a WCAG contrast ratio of 4.5:1.
    """

    primary: Color
    """Main colour (large areas, rings, headers)."""
    primary_dark: Color
    """Darker shade of primary, for gradients and depth."""
    secondary: Color
    """Second brand colour (accents, panels)."""
    accent: Color
    """Highlight colour (the light of the bulb): decoration and badges."""
    light: Color
    """Light background."""
    dark: Color
    """Dark background and body text."""
    on_primary: Color
    """Text on primary and primary_dark."""
    on_secondary: Color
    """Text on secondary."""
    on_accent: Color
    """Text on accent."""
    on_light: Color
    """Text on light."""
    on_dark: Color
    """Text on dark."""

    def text_pairs(self) -> list[tuple[str, Color, str, Color]]:
        """(text key, text colour, background key, background colour) for every use."""
        pairs = []
        for f in fields(self):
            if f.name.startswith("on_"):
                bg = f.name[3:]
                pairs.append((f.name, getattr(self, f.name), bg, getattr(self, bg)))
                if bg == "primary":
                    pairs.append((f.name, self.on_primary, "primary_dark", self.primary_dark))
        return pairs


@dataclass(frozen=True)
class Fonts:
    """Font files (TTF/OTF) with full Vietnamese coverage."""

    display: Path
    """Heaviest weight: big numbers and headlines."""
    heading: Path
    """Bold: titles and slogans."""
    medium: Path
    """Semi-bold: labels, names, buttons."""
    body: Path
    """Regular: sentences and captions."""
    italic: Path | None = None
    """Regular italic (optional): what Vietnamese documents set in italics, the place and
    date of a certificate. Without it such text is set upright in `body`."""

    def all(self) -> dict[str, Path]:
        """The upright fonts, which any asset may draw any kit text with."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "italic"}


@dataclass(frozen=True)
class Logo:
    """Logo artwork as SVG (shapes only: text in an SVG logo must be converted to paths)."""

    full: Path
    """Horizontal lockup (mark and wordmark) for light backgrounds."""
    full_on_dark: Path
    """Horizontal lockup for dark or coloured backgrounds."""
    mark: Path
    """The symbol alone, for badges and small sizes."""


@dataclass(frozen=True)
class Links:
    """Where members go: shown as text and QR codes."""

    portal: str
    """The program's portal, where initiatives are submitted."""
    zalo_oa: str
    """The campaign's Zalo Official Account."""
    hotline: str
    """Hotline number as it should be printed, e.g. "1900 1234"."""
    website: str
    """Short web address to print (the portal without https://)."""
    avatar_page: str = ""
    """Where the members' avatar page is published (OUT/avatar-page/ copied to a web host):
    each unit's link and QR code point there, `?unit=SLUG`. Default: PORTAL/anh-dai-dien/."""


@dataclass(frozen=True)
class FrameStyle:
    """A profile-frame design; `kind` picks the layout, the label is shown to members."""

    name: str
    """Slug used in file names and `--style`."""
    label: str
    """Vietnamese name shown on the member page and in alt texts."""
    kind: str
    """Layout: "ring" (text around the circle) or "ribbon" (banner across the bottom)."""


@dataclass(frozen=True)
class TextRules:
    """How texts are set: `[text]` in brand.toml (optional).

    Lines never break inside a Vietnamese word (a word segmenter finds them: "lao động",
    "Ngân hàng"), inside a title and name ("TS. Lê Quang Minh") or after a dash between
    words; these phrases are also kept whole on one line.
    """

    keep_together: tuple[str, ...] = ()
    """Phrases of two or more syllables never broken across lines, matched without regard
    to case: the campaign's own words ("sáng kiến", "Liên đoàn Lao động", "Công đoàn")."""


@dataclass(frozen=True)
class Data:
    """Data files and folders the batch reads; absent ones are None."""

    units: Path | None
    """CSV of units (name, short_name, slug): one set of assets per unit."""
    photos: tuple[Path, ...]
    """Sample photos that `build` frames as avatars."""
    stats: Path | None
    """CSV date,unit,count of initiatives recorded per day and unit."""
    authors: Path | None
    """CSV of outstanding authors, for spotlight cards."""
    content: Path | None
    """Folder of how-to guides (TOML), for step-by-step cards and videos."""
    events: Path | None
    """Folder of events (TOML), for event posters."""
    templates: Path | None
    """Folder of designer SVG templates (banner-<size>.svg)."""
    icons: Path | None
    """Folder of SVG icons used by guides."""
    music: Path | None
    """Audio bed mixed under videos."""
    quotes: Path | None = None
    """TOML of quotes ([[quotes]] text, author, source), for quote cards."""


@dataclass(frozen=True)
class PrintSet:
    """Texts of the print set (posters, certificates, booklet); the section is optional,
    and certificates need `signer` and `date`."""

    call_to_action: str = "Gửi sáng kiến của bạn ngay hôm nay!"
    """The posters' call to action, above the QR code."""
    place: str = "Hà Nội"
    """Where certificates are signed: "Hà Nội, ngày 27 tháng 11 năm 2026"."""
    date: dt.date | None = None
    """The certificates' date (a TOML date, 2026-11-27), written the Vietnamese way."""
    signer_title: str = ""
    """The signature block's title, one line per line: "TM. BAN TỔ CHỨC\nTRƯỞNG BAN"."""
    signer: str = ""
    """Who signs the certificates."""
    certificate_title: str = "Giấy chứng nhận"
    """The certificate's heading (printed in capitals)."""
    certificate_reason: str = "Tác giả sáng kiến tiêu biểu"
    """What the certificate recognises, under the heading."""
    booklet_title: str = "Những tác giả sáng kiến tiêu biểu"
    """The booklet's cover title."""
    booklet_intro: str = ""
    """The booklet's introduction page (paragraphs separated by blank lines)."""

    def texts(self) -> dict[str, str]:
        return {f"print.{f.name}": getattr(self, f.name) for f in fields(self) if f.name != "date"}


@dataclass(frozen=True)
class Kit:
    """A loaded, validated brand kit."""

    dir: Path
    """The kit folder."""
    file: Path
    """Its brand.toml."""
    campaign: Campaign
    colors: Palette
    fonts: Fonts
    logo: Logo
    links: Links
    frames: tuple[FrameStyle, ...]
    data: Data
    text: TextRules = TextRules()
    print: PrintSet = PrintSet()
    """The print set's texts ([print] in brand.toml)."""
    drawn_from: str = ""
    """sha256 over the contents of the files the kit is drawn with (fonts, logos, icons,
    templates), set by the loader. It is part of the kit's identity, so every cache keyed
    by the kit (layers, backgrounds, frames) forgets a logo or font edited in place when
    a long-running process (the preview, the server) loads the kit again."""

    @cached_property
    def digest(self) -> str:
        """Hash of brand.toml: part of every asset's input key."""
        return file_digest(self.file)

    def frame_style(self, name: str) -> FrameStyle:
        for style in self.frames:
            if style.name == name:
                return style
        known = ", ".join(s.name for s in self.frames)
        raise KeyError(f'unknown frame style "{name}" (styles: {known})')

    def text_at(self, key: str) -> str:
        """One of KIT_TEXTS by its key path: "campaign.slogan"."""
        if key not in KIT_TEXTS:
            raise KeyError(f"{key} is not a kit text ({', '.join(KIT_TEXTS)})")
        section, name = key.split(".")
        return getattr(getattr(self, section), name)

    def texts(self) -> dict[str, str]:
        """Every kit text that is drawn on assets, by key path."""
        out = {key: self.text_at(key) for key in KIT_TEXTS}
        for i, style in enumerate(self.frames):
            out[f"frames[{i}].label"] = style.label
        out.update({k: v for k, v in self.print.texts().items() if v})
        return out


def file_digest(path: Path) -> str:
    """sha256 of a file, cached by path, size and modification time."""
    st = path.stat()
    return _digest(str(path), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=8192)  # bounded: a build may read a photo per author, hundreds of thousands
def _digest(path: str, size: int, mtime_ns: int) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def drawn_from(kit: Kit) -> str:
    """The content digest of every file the kit is drawn with (Kit.drawn_from)."""
    italic = [kit.fonts.italic] if kit.fonts.italic else []
    paths = [*kit.fonts.all().values(), *italic, kit.logo.full, kit.logo.full_on_dark, kit.logo.mark]
    for folder in (kit.data.icons, kit.data.templates):
        if folder is not None and folder.is_dir():
            paths.extend(sorted(folder.glob("*.svg")))
    h = hashlib.sha256()
    for path in paths:
        h.update(str(path).encode())
        if path.parent in (kit.data.icons, kit.data.templates) and not path.resolve().is_relative_to(kit.dir):
            h.update(b"outside")  # a link out of the kit is never read (using it is an error)
            continue
        try:
            h.update(file_digest(path).encode())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()
