"""Batch glue for how-to guides: every carousel page and the one-image summaries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.brand.guides import guide_files, load_guide
from assets_gen.brand.model import Kit
from assets_gen.errors import AssetsGenError, display_path
from assets_gen.render.steps import (
    CAROUSEL_SIZE,
    SUMMARY_SIZES,
    carousel,
    page_alt,
    render_page,
    render_summary,
    summary_alt,
)


@dataclass(frozen=True)
class StepsOptions:
    dest: str = "campaign/guides"
    """Folder inside the output folder; each guide gets a folder of its own in it."""


def plan(ctx: PlanContext, opts: StepsOptions) -> Iterator[Job | AssetsGenError]:
    dest = opts.dest
    for path in guide_files(ctx.kit):
        try:
            guide = load_guide(ctx.kit, path)
        except AssetsGenError as err:
            yield err
            continue
        files = (str(path), *sorted({str(s.icon) for s in guide.steps}), *kit_files(ctx.kit, "phone"))
        folder = f"{dest}/{guide.slug}".lstrip("/")
        where = display_path(path)
        pages = carousel(guide)
        if ctx.wants(CAROUSEL_SIZE):
            for i in range(len(pages)):
                yield Job(
                    kind="steps",
                    size=CAROUSEL_SIZE,
                    path=f"{folder}/page-{i + 1}.png",
                    params=freeze({"guide": str(path), "page": i}),
                    files=files,
                    where=where,
                    extra=freeze({"guide": guide.slug, "page": f"{i + 1}/{len(pages)}"}),
                )
        for size in SUMMARY_SIZES:
            if ctx.wants(size):
                yield Job(
                    kind="steps",
                    size=size,
                    path=f"{folder}/summary-{size}.png",
                    params=freeze({"guide": str(path), "summary": size}),
                    files=files,
                    where=where,
                    extra=freeze({"guide": guide.slug}),
                )


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    guide = load_guide(kit, Path(p["guide"]))
    if "summary" in p:
        return png(job.path, render_summary(kit, guide, p["summary"]), summary_alt(kit, guide))
    return png(job.path, render_page(kit, guide, p["page"]), page_alt(kit, guide, p["page"]))


KIND = Kind(
    "steps",
    plan,
    render,
    sizes=(CAROUSEL_SIZE, *SUMMARY_SIZES),
    options=StepsOptions,
    uses_units=False,
)
