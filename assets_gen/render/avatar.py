"""Framed avatars: a member's photo under the campaign frame, ready for Facebook and Zalo."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from PIL import Image

from assets_gen.brand.model import FrameStyle, Kit
from assets_gen.layout.text import plain
from assets_gen.photo import DEFAULT_PLACEMENT, Placement, square_photo
from assets_gen.render.frame import SIZE, frame_overlay


def render_avatar(
    kit: Kit,
    photo: Path | bytes | BinaryIO,
    name: str,
    style: FrameStyle,
    unit_label: str | None = None,
    placement: Placement = DEFAULT_PLACEMENT,
) -> Image.Image:
    """The photo, covered to 1080x1080 and placed, with the frame on top (RGB)."""
    image = square_photo(photo, name, SIZE, placement)
    overlay = frame_overlay(kit, style, unit_label)
    image.paste(overlay, (0, 0), overlay)
    return image


def avatar_alt(kit: Kit, style: FrameStyle, unit_label: str | None) -> str:
    who = f" của {unit_label}" if unit_label else ""
    return (
        f"Ảnh đại diện lồng khung chiến dịch “{plain(kit.campaign.name)}”{who}, kiểu "
        f"{style.label}, với khẩu hiệu “{plain(kit.campaign.slogan)}”."
    )
