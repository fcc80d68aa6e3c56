"""Batch glue for banners: every banner size, campaign-wide and for each unit.

The file format is chosen per size when planning, so it is in the file name: PNG for
flat artwork (lossless, crisp text, well within the IAB budgets), JPEG for templates
holding photos. A size whose template is broken gives one error line, not one per unit.
"""

from __future__ import annotations

from collections.abc import Iterator

from assets_gen.batch.jobs import Job, OutFile, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, NoOptions, PlanContext
from assets_gen.batch.thumbs import thumbnail
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit, read_units
from assets_gen.encode import encode_within
from assets_gen.errors import AssetsGenError, TemplateError, display_path
from assets_gen.layout.sizes import Size, get_size
from assets_gen.layout.template import load_template, size_from_name
from assets_gen.render.banner import (
    SLOTS,
    TEMPLATE_PREFIX,
    banner_alt,
    banner_base,
    banner_sizes,
    fit_unit_name,
    render_banner,
    template_path,
)


def banner_filetype(kit: Kit, size: Size) -> str:
    """ "jpg" for designs holding photos, else "png"."""
    path = template_path(kit, size)
    if path is not None and load_template(path, size, SLOTS, kit.dir).photographic:
        return "jpg"
    return "png"


def kit_files(kit: Kit, size: Size) -> tuple[str, ...]:
    """The kit files a banner of `size` is drawn from (besides brand.toml)."""
    files = [*map(str, kit.fonts.all().values()), str(kit.logo.full), str(kit.logo.mark)]
    path = template_path(kit, size)
    if path is not None:
        files.append(str(path))
        files.extend(str(p) for p in kit.data.photos[:1])
    return tuple(files)


def misnamed_templates(kit: Kit) -> Iterator[TemplateError]:
    """Templates whose name matches no size: a typo would otherwise go unnoticed."""
    if kit.data.templates is None:
        return
    for path in sorted(kit.data.templates.glob(f"{TEMPLATE_PREFIX}*.svg")):
        try:
            size_from_name(path, TEMPLATE_PREFIX)
        except TemplateError as err:
            yield err


def check_templates(kit: Kit) -> Iterator[str]:
    """`assets-gen check`: every template is named for a size, parses, fills well, and its
    unit slot takes every unit of the kit's units file."""
    yield from (str(err) for err in misnamed_templates(kit))
    units = [u for u in read_units(kit.data.units, kit) if isinstance(u, Unit)] if kit.data.units else []
    for size in banner_sizes():
        path = template_path(kit, size)
        if path is None:
            continue
        try:
            base = banner_base(kit, size)
        except AssetsGenError as err:
            if err.where == display_path(path):  # a broken logo or font has its own check
                yield str(err)
            continue
        for unit in units if base.unit else ():
            try:
                fit_unit_name(kit, base.unit, unit.name, unit.short_name)
            except AssetsGenError as err:
                yield f"{unit.where}: {size.name} template: {err.what}"


def plan(ctx: PlanContext, opts: NoOptions) -> Iterator[Job | AssetsGenError]:
    kit = ctx.kit
    yield from misnamed_templates(kit)
    for size in banner_sizes():
        if not ctx.wants(size.name):
            continue
        try:
            filetype = banner_filetype(kit, size)
        except AssetsGenError as err:  # a broken template: once, not once per unit
            yield err
            continue
        files = kit_files(kit, size)
        yield Job(
            kind="banner",
            size=size.name,
            path=f"campaign/banners/banner-{size.name}.{filetype}",
            params=freeze({"filetype": filetype, "name": None, "short": None}),
            files=files,
        )
        for unit in ctx.units:
            yield Job(
                kind="banner",
                size=size.name,
                path=f"units/{unit.slug}/banner-{size.name}.{filetype}",
                unit=unit.slug,
                where=unit.where,
                params=freeze({"filetype": filetype, "name": unit.name, "short": unit.short_name}),
                files=files,
            )


def prepare(kit: Kit, jobs: list[Job]) -> Iterator[tuple[AssetsGenError, set[str]]]:
    """Draw each size's shared layer once per chunk, in the worker that renders the chunk
    (batch/pool.py), before its banners: a problem of the design (a slogan too long for a
    size, a template's text colour) is reported once for the size, not once per unit."""
    paths: dict[str, set[str]] = {}
    for job in jobs:
        paths.setdefault(job.size, set()).add(job.path)
    for name, stopped in paths.items():
        try:
            banner_base(kit, get_size(name))
        except AssetsGenError as err:
            yield type(err)(err.where or f"banner {name}", err.what), stopped


def retina_path(path: str) -> str:
    """`banner-leaderboard.png` -> `banner-leaderboard@2x.png`."""
    stem, dot, ext = path.rpartition(".")
    return f"{stem}@2x{dot}{ext}"


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    size = get_size(job.size)
    banner = render_banner(kit, size, p["name"], p["short"])
    budget = size.budget_kb * 1000 if size.budget_kb else None
    try:
        data, encoding = encode_within(banner.image, p["filetype"], budget)
    except ValueError as exc:
        raise AssetsGenError(job.path, f"{size.name}: {exc}: simplify the design") from None
    files = [OutFile(job.path, data)]
    extra: dict = {"encoding": encoding}
    if not size.social:  # web ads: also at 2x for sharp screens, in the same budget if it can
        sharp = render_banner(kit, size, p["name"], p["short"], density=2).image
        data2, encoding2 = encode_within(sharp, p["filetype"], budget, best_effort=True)
        files.append(OutFile(retina_path(job.path), data2))
        extra["at_2x"] = {
            "path": retina_path(job.path),
            "width": sharp.width,
            "height": sharp.height,
            "bytes": len(data2),
            "encoding": encoding2,
        }
    return Rendered(
        files=tuple(files),
        width=size.width,
        height=size.height,
        alt=banner_alt(kit, size, p["name"]),
        extra=freeze(extra),
        thumb=thumbnail(banner.image),
    )


KIND = Kind(
    "banner",
    plan,
    render,
    sizes=tuple(size.name for size in banner_sizes()),
    prepare=prepare,
    checks=(check_templates,),
)
