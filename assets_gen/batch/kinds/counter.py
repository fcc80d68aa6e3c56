"""Batch glue for the newspaper's counter: counter.svg, counter.html and a PNG preview."""

from __future__ import annotations

from collections.abc import Iterator

from assets_gen.batch.jobs import Job, OutFile, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files
from assets_gen.batch.kinds.daily import DailyOptions, daily, join
from assets_gen.brand.model import Kit
from assets_gen.encode import encode_png
from assets_gen.layout.svg import svg_to_image
from assets_gen.render.counter import HEIGHT, SVG_NAME, WIDTH, counter_alt, counter_html, counter_svg
from assets_gen.render.stats_card import DailyFigures, daily_figures

FORMAT = "counter"


def plan(ctx: PlanContext, opts: DailyOptions) -> Iterator[Job]:
    source = yield from daily(ctx, opts)
    if source is None or not ctx.wants(FORMAT):
        return
    fig = daily_figures(source.stats, source.day, ctx.kit.campaign.goal)
    folder = opts.dest
    yield Job(
        kind="counter",
        format=FORMAT,
        path=join(folder, SVG_NAME),
        params=freeze({**fig.params(), "folder": folder}),
        files=kit_files(ctx.kit),
        where=source.stats.file,
        extra=freeze({"date": source.day.isoformat(), "total": fig.total}),
    )


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    fig = DailyFigures.from_params(p)
    svg = counter_svg(kit, fig).encode("utf-8")
    preview = svg_to_image(svg, WIDTH * 2, HEIGHT * 2, where=job.path)
    html_path, png_path = join(p["folder"], "counter.html"), join(p["folder"], "counter.png")
    return Rendered(
        files=(
            OutFile(job.path, svg),
            OutFile(html_path, counter_html(kit, fig).encode("utf-8")),
            OutFile(png_path, encode_png(preview.convert("RGB"))),
        ),
        width=WIDTH,
        height=HEIGHT,
        alt=counter_alt(kit, fig),
        extra=(("preview", png_path),),
    )


KIND = Kind("counter", plan, render, sizes=(FORMAT,), options=DailyOptions, uses_units=False)
