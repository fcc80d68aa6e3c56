"""Batch glue for the newspaper's counter: counter.svg, counter.html and a PNG preview, and
the same in the ad slots news sites have (300x250, 300x600, 728x90)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assets_gen.batch.jobs import Job, OutFile, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files
from assets_gen.batch.kinds.daily import DailyOptions, daily, join
from assets_gen.brand.model import Kit
from assets_gen.encode import encode_png
from assets_gen.errors import AssetsGenError
from assets_gen.layout.sizes import get_size
from assets_gen.layout.svg import svg_to_image
from assets_gen.render.counter import HEIGHT, SVG_NAME, WIDTH, counter_alt, counter_html, counter_svg
from assets_gen.render.counter_sizes import SLOTS, counter_slot_name, counter_slot_svg
from assets_gen.render.stats_card import DailyFigures, daily_figures

FORMAT = "counter"
SIZES = (FORMAT, *SLOTS)


@dataclass(frozen=True)
class CounterOptions(DailyOptions):
    base_url: str | None = None
    """Where the counter files will be served: the snippets' image addresses are absolute
    under it (to paste into another site's CMS); None: relative."""


def plan(ctx: PlanContext, opts: CounterOptions) -> Iterator[Job | AssetsGenError]:
    source = yield from daily(ctx, opts)
    if source is None:
        return
    fig = daily_figures(source.stats, source.day, ctx.kit.campaign.goal)
    folder = opts.dest
    common = {**fig.params(), "folder": folder, "base_url": opts.base_url}
    for size in SIZES:
        if ctx.wants(size):
            yield Job(
                kind="counter",
                size=size,
                path=join(folder, SVG_NAME if size == FORMAT else counter_slot_name(size)),
                params=freeze(common),
                files=kit_files(ctx.kit),
                where=source.stats.file,
                extra=freeze({"date": source.day.isoformat(), "total": fig.total}),
            )


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    fig = DailyFigures.from_params(p)
    if job.size == FORMAT:
        svg, w, h = counter_svg(kit, fig), WIDTH, HEIGHT
    else:
        size = get_size(job.size)
        svg, w, h = counter_slot_svg(kit, fig, job.size), size.width, size.height
    name = job.path.rsplit("/", 1)[-1]
    stem = name.removesuffix(".svg")
    preview = svg_to_image(svg.encode("utf-8"), w * 2, h * 2, where=job.path)
    html_path, png_path = join(p["folder"], f"{stem}.html"), join(p["folder"], f"{stem}.png")
    snippet = counter_html(kit, fig, name, p.get("base_url"), w, h)
    return Rendered(
        files=(
            OutFile(job.path, svg.encode("utf-8")),
            OutFile(html_path, snippet.encode("utf-8")),
            OutFile(png_path, encode_png(preview.convert("RGB"))),
        ),
        width=w,
        height=h,
        alt=counter_alt(kit, fig),
        extra=(("preview", png_path),),
    )


KIND = Kind("counter", plan, render, sizes=SIZES, options=CounterOptions, uses_units=False)
