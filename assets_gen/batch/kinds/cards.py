"""What every card kind shares: the kit files a card depends on, and PNG output."""

from __future__ import annotations

from assets_gen.batch.jobs import OutFile, Rendered
from assets_gen.batch.thumbs import thumbnail
from assets_gen.brand.model import Kit
from assets_gen.encode import encode_png
from assets_gen.render.card import Card


def kit_files(kit: Kit, *icons: str) -> tuple[str, ...]:
    """Logos, fonts and the named icons: a change to any of them re-renders the cards."""
    paths = [kit.logo.full, kit.logo.full_on_dark, kit.logo.mark, *kit.fonts.all().values()]
    if kit.data.icons is not None:
        paths.extend(kit.data.icons / f"{name}.svg" for name in icons)
    return tuple(sorted({str(p) for p in paths if p.is_file()}))


def png(path: str, card: Card, alt: str) -> Rendered:
    """The card as PNG, with its contact-sheet thumbnail made here, from the image in
    memory: in the worker, not later in the client from the file (decoding it again)."""
    image = card.finish()
    return Rendered(
        files=(OutFile(path, encode_png(image)),),
        width=image.width,
        height=image.height,
        alt=alt,
        thumb=thumbnail(image),
    )

