"""`assets-gen check`: is the kit's text readable on its assets, before a build?

A build reports every asset with text under the size floor or a word broken across
lines (layout/readable.py). `check` answers sooner by making one asset of each design
(the campaign-wide banner of each size, one page of each guide, one card per author
card size...) and by fitting every unit's name on every banner size, the text that
changes most between the assets of one design. Problems come back as warning lines
naming the asset they concern.
"""

from __future__ import annotations

from collections.abc import Iterator

from assets_gen.batch.families import family
from assets_gen.batch.jobs import Job
from assets_gen.batch.kinds import KINDS, PlanContext
from assets_gen.batch.pool import execute
from assets_gen.brand.model import Kit
from assets_gen.brand.units import load_units
from assets_gen.errors import AssetsGenError
from assets_gen.layout.drawn import DrawnText
from assets_gen.layout.readable import text_problems
from assets_gen.layout.sizes import get_size
from assets_gen.render.banner import banner_base, fit_unit_name, render_scale

CHECKED_KINDS = ("frame", "banner", "steps", "stats", "leaderboard", "counter", "spotlight", "event")


def check_readability(kit: Kit) -> Iterator[str]:
    """One line for each text under the size floor or broken, naming the asset."""
    units, _ = load_units(kit, None)  # bad rows: the units check says why
    ctx = PlanContext(kit=kit, units=units)
    seen: set[object] = set()
    for name in CHECKED_KINDS:
        try:
            planned = [j for j in KINDS[name].plan(ctx, ctx.options_for(KINDS[name])) if isinstance(j, Job)]
        except AssetsGenError:
            continue  # the data checks report bad files
        for job in planned:
            design = family(job)
            if name == "banner" and job.unit is not None:
                yield from _unit_name(kit, job)
                continue
            if design in seen:
                continue
            seen.add(design)
            rendered = execute(job, kit)
            if isinstance(rendered, AssetsGenError):
                continue  # an error the other checks (and the build) report
            for problem in text_problems(rendered.width, rendered.text):
                yield f"{job.path}: {problem}"


def _unit_name(kit: Kit, job: Job) -> Iterator[str]:
    """The unit's name as its banner sets it (no need to draw the banner)."""
    size = get_size(job.size)
    try:
        base = banner_base(kit, size)
        if base.unit is None:
            return
        block = fit_unit_name(kit, base.unit, job.p["name"], job.p["short"])
    except AssetsGenError:
        return  # the template check names it
    drawn = DrawnText("unit", round(block.size / render_scale(size)), block.lines, block.split)
    for problem in text_problems(size.width, [drawn]):
        yield f"{job.path}: {problem}"
