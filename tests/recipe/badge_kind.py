"""Kind of the recipe's example: one badge per unit (and one campaign-wide) and size.

Step 2 of the recipe: the options dataclass, the planner, the renderer glue, the kit
check, and the `Kind` value the registry lists (step 3: one line in
batch/kinds/__init__.py; the test adds it to the registry instead).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.brand.model import Kit
from assets_gen.errors import display_path
from assets_gen.layout.text import font_face
from tests.recipe.badge_render import SIZES, badge_alt, render_badge


@dataclass(frozen=True)
class BadgeOptions:
    greeting: str = "Chào mừng đoàn viên mới"
    """The big line on every badge."""
    dest: str = "badges"
    """Folder inside the output folder."""


def plan(ctx: PlanContext, opts: BadgeOptions) -> Iterator[Job]:
    files = kit_files(ctx.kit)
    targets = [(None, None, None), *((u.slug, u.name, u.where) for u in ctx.units)]
    for size in SIZES:
        if not ctx.wants(size):
            continue
        for slug, name, where in targets:
            yield Job(
                kind="badge",
                size=size,
                path=f"{opts.dest}/{slug or 'campaign'}-{size}.png",
                unit=slug,
                where=where,
                params=freeze({"greeting": opts.greeting, "name": name}),
                files=files,
            )


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    card = render_badge(kit, p["greeting"], p["name"], job.size)
    return png(job.path, card, badge_alt(kit, p["greeting"], p["name"]))


def check_greeting_font(kit: Kit) -> Iterator[str]:
    """`assets-gen check`: the display font draws every letter of the default greeting."""
    missing = font_face(kit.fonts.display).missing(BadgeOptions().greeting)
    if missing:
        yield f"{display_path(kit.fonts.display)}: badge greeting: no glyph for {', '.join(missing)}"


KIND = Kind("badge", plan, render, sizes=SIZES, options=BadgeOptions, checks=(check_greeting_font,))
