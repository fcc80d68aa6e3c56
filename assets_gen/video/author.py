""" "Mỗi ngày 1 sáng kiến": a 17-second video per author, 9:16 and 1:1.

The author's photo moves slowly (kenburns.py: the face stays in frame) in a rounded
frame at the top; under it, one message at a time, each held still long enough to read
(feeds play muted; captions repeat every word):

  0.3  who: the name, then the role and the unit          still 1.3-5.2
  5.4  what: the initiative's title and what it brought   still 6.4-10.2
 10.4  the author's own words                             still 11.3-13.2
 13.4  the end card: logo, call to action, web address    still 14.5-17.0
"""

from __future__ import annotations

from assets_gen.brand.authors import Author
from assets_gen.brand.model import Kit
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import TextBlock, TextStyle
from assets_gen.render.avatar import plain
from assets_gen.video.formats import Aspect
from assets_gen.video.kenburns import KenBurns, crops, find_face
from assets_gen.video.layers import panel_layer, text_layer
from assets_gen.video.stage import Stage, Video, corner_logo, fit, hashtag, logo_big, red_background, stack
from assets_gen.video.timeline import Motion, ease_out_back

DURATION = 17.0
WHO, WHAT, WORDS, END = 0.3, 5.4, 10.4, 13.4
KICKER = "Mỗi ngày 1 sáng kiến"
MIN_TEXT = 34


PHOTO_SHARES = (0.48, 0.42)
"""1:1: the photo's share of the width, narrower when the name needs the room: a name
never breaks; a long one may go down to the readable floor (28 px), and so may the
series' pill on the narrower photo."""


def _photo_box(aspect: Aspect, share: float = PHOTO_SHARES[0]) -> Box:
    safe = aspect.safe
    top = safe.y + 130
    if aspect.tall:
        return Box(safe.x, top, safe.w, round(safe.w * 0.74))
    return Box(safe.x, top, round(safe.w * share), safe.h - 130)


def _photo_share(kit: Kit, aspect: Aspect, name: str) -> float:
    """The widest photo beside which the name stands whole on one line at the floor."""
    from assets_gen.layout.text import pil_font

    need = pil_font(kit.fonts.display, aspect.min_text).getlength(name) + 8
    for share in PHOTO_SHARES:
        if _text_box(aspect, _photo_box(aspect, share)).w >= need:
            return share
    return PHOTO_SHARES[-1]


def _text_box(aspect: Aspect, photo: Box) -> Box:
    safe = aspect.safe
    if aspect.tall:
        return Box(safe.x, photo.bottom + 48, safe.w, safe.bottom - photo.bottom - 48)
    return Box(photo.right + 44, photo.y, safe.right - photo.right - 44, photo.h)


def build_author(kit: Kit, aspect: Aspect, author: Author) -> Video:
    """The author video's recipe for one aspect."""
    from PIL import Image

    from assets_gen.photo import open_photo
    from assets_gen.render.card import monogram
    from assets_gen.video.intro import _end_card

    stage = Stage(kit, aspect)
    c, f = kit.colors, kit.fonts
    tall = aspect.tall
    corner_logo(stage, 0.0, END + 0.2)
    hashtag(stage, 0.2, END + 0.2)
    photo_box = _photo_box(aspect, _photo_share(kit, aspect, author.name))
    box = (round(photo_box.x), round(photo_box.y), round(photo_box.w), round(photo_box.h))
    if author.photo is not None:
        image = open_photo(author.photo, author.photo.name).convert("RGB")
        face = find_face(author.photo, author.photo.stat().st_mtime_ns)
    else:  # the card's stand-in: the initial on a disc, centred on a light ground
        side = round(min(photo_box.w, photo_box.h) * 0.7)
        image = Image.new("RGB", (box[2], box[3]), c.light.rgba()[:3])
        disc = monogram(kit, author.name, side)
        image.paste(disc, ((box[2] - side) // 2, (box[3] - side) // 2), disc)
        face = ((box[2] - side) / 2, (box[3] - side) / 2, (box[2] + side) / 2, (box[3] + side) / 2)
    first, last = crops(image.size, box[2] / box[3], face)
    stage.add(KenBurns(image, box, first, last, 0.1, END - 0.2))
    region = _text_box(aspect, photo_box)

    def style(font, size: int, lines: int = 2, line_height: float = 1.2, least: int = MIN_TEXT) -> TextStyle:
        return TextStyle(font, size, least, max_lines=lines, align="left", line_height=line_height)

    # A gold pill names the series at the photo's foot.
    pill_block = fit(
        aspect,
        KICKER,
        Box(0, 0, photo_box.w - 48 - 56, 56),
        style(f.heading, 38 if tall else 34, 1, least=aspect.min_text),
        "kicker",
    )
    pill = Box(photo_box.x + 24, photo_box.bottom - 24 - 64, pill_block.width + 56, 64)  # clear of the face
    stage.cue(panel_layer(pill, 32, c.accent), 0.4, END, Motion(0.6, scale=0.7, ease=ease_out_back))
    label = text_layer(pill_block, pill.inset(28, 0), c.on_accent)
    label.text = ""  # the series' name on every scene: the alt text says it once
    stage.cue(label, 0.5, END)

    name_style = style(f.display, 76 if tall else 52, 2, 1.1, least=aspect.min_text)
    name = fit(aspect, author.name, region, name_style, "author name")
    # The name leads: what follows it is never larger (a long name set small takes them down).
    below = min(46 if tall else 36, name.size)
    least = min(MIN_TEXT, below)
    role = fit(
        aspect, author.role or author.unit_name, region, style(f.medium, below, 3, least=least), "role"
    )
    unit = (
        fit(aspect, author.unit_name, region, style(f.heading, below, 3, least=least), "unit")
        if author.role
        else None
    )
    _scene(stage, region, [name, role] + ([unit] if unit else []), [28, 18], WHO, WHAT - 0.2)

    title_lead = fit(aspect, "Sáng kiến", region, style(f.medium, 46 if tall else 36, 1), "title lead")
    title = fit(
        aspect, author.title, region, style(f.heading, 62 if tall else 44, 4, 1.18), "initiative title"
    )
    blocks = [title_lead, title]
    if author.benefit:
        blocks.append(fit(aspect, author.benefit, region, style(f.display, 58 if tall else 42, 2), "benefit"))
    _scene(stage, region, blocks, [16, 30], WHAT, WORDS - 0.2, accent_last=bool(author.benefit))

    if author.quote:
        quote = fit(aspect, f"“{author.quote}”", region, style(f.medium, 58 if tall else 42, 6, 1.3), "quote")
        _scene(stage, region, [quote], [], WORDS, END - 0.2)
    logo, logo_box = logo_big(kit, aspect)
    dx, dy, scale = _end_card(stage, None, logo_box, END + 0.1)
    from assets_gen.video.compose import Move

    cue = stage.cue(logo, END, None, Motion(0.8, scale=0.8, ease=ease_out_back), None)
    cue.moves = (Move(0.0, 0.001, dx, dy, scale),)  # already at its end-card place
    return Video(
        aspect, red_background(kit, aspect), stage.elements, DURATION, 7.5, author_video_alt(kit, author)
    )


def _scene(
    stage: Stage,
    region: Box,
    blocks: list[TextBlock],
    gaps: list[float],
    start: float,
    end: float,
    accent_last: bool = False,
) -> None:
    """Blocks stacked at the top of `region`, entering one after the other."""
    c = stage.kit.colors
    boxes = stack([b.height for b in blocks], region, gaps[: len(blocks) - 1], align="top")
    for i, (block, box) in enumerate(zip(blocks, boxes, strict=True)):
        colour = c.accent if accent_last and i == len(blocks) - 1 else c.on_primary
        stage.lines(block, box, colour, start + 0.2 * i, end)


def author_video_alt(kit: Kit, author: Author) -> str:
    parts = [f"Video “{KICKER}” của chiến dịch “{plain(kit.campaign.name)}”: {plain(author.name)}"]
    if author.role:
        parts.append(plain(author.role))
    parts.append(plain(author.unit_name))
    text = ", ".join(parts) + f", với sáng kiến “{plain(author.title)}”"
    if author.benefit:
        text += f" ({plain(author.benefit)})"
    if author.quote:
        text += f". Tác giả chia sẻ: “{plain(author.quote)}”"
    return text + f". Kết thúc với lời mời gửi sáng kiến tại {kit.links.website}."


__all__ = ["DURATION", "author_video_alt", "build_author"]
