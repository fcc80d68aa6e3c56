"""Batch glue for the print set: one PDF per product, unit, event or author.

- posters (A4, A3), roll-up and street banner: campaign-wide and one per unit;
- backdrop: one per event of the kit (at 1:10, named `-scale1to10`);
- certificate: one per row of the authors file, a bad row one error line;
- booklet: one for the whole authors file.

Each job writes `NAME.pdf`, its first page as `NAME.png` (the contact sheet's preview)
and with `--cmyk` also `NAME.cmyk.pdf`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from assets_gen.batch.jobs import Job, OutFile, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files
from assets_gen.batch.thumbs import thumbnail
from assets_gen.brand.authors import Author, read_authors
from assets_gen.brand.events import event_files, load_event
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.encode import encode_png
from assets_gen.errors import AssetsGenError, display_path

NAME = "print"
PER_UNIT = ("poster-a4", "poster-a3", "rollup", "street-banner")
PRODUCT_NAMES = (*PER_UNIT, "backdrop", "certificate", "booklet")
PREVIEW_WIDTH = 1080  # px: the contact sheet's preview, and the size `bench/print.py` compares with


@dataclass(frozen=True)
class PrintOptions:
    """What `assets-gen print` asks of the kind (`build` uses the defaults)."""

    products: tuple[str, ...] = PRODUCT_NAMES
    cmyk: bool = False
    """Also write NAME.cmyk.pdf (Ghostscript)."""
    authors_file: Path | None = None
    """Authors CSV for certificates and the booklet (None: the kit's)."""


def check_products(names: list[str] | None) -> tuple[str, ...]:
    """`--only` names checked against the products (all of them when None)."""
    if not names:
        return PRODUCT_NAMES
    unknown = [n for n in names if n not in PRODUCT_NAMES]
    if unknown:
        raise AssetsGenError(
            "--only", f"unknown product {', '.join(unknown)} (products: {', '.join(PRODUCT_NAMES)})"
        )
    return tuple(n for n in PRODUCT_NAMES if n in names)


def plan(ctx: PlanContext, opts: PrintOptions) -> Iterator[Job | AssetsGenError]:
    if opts.cmyk:
        from assets_gen.render.print.cmyk import ghostscript

        ghostscript()  # one clear line before anything is rendered
    wanted = [p for p in opts.products if ctx.wants(p)]
    shared = kit_files(ctx.kit)
    common = {"cmyk": opts.cmyk}
    for product in (p for p in PER_UNIT if p in wanted):
        for unit in (None, *ctx.units):
            folder = f"units/{unit.slug}/print" if unit else "campaign/print"
            yield Job(
                kind=NAME,
                size=product,
                path=f"{folder}/{product}.pdf",
                unit=unit.slug if unit else None,
                params=freeze({**common, "unit": asdict(unit) if unit else None}),
                files=shared,
                where=unit.where if unit else None,
            )
    if "backdrop" in wanted:
        yield from _backdrops(ctx, shared, common)
    if "certificate" in wanted or "booklet" in wanted:
        yield from _authors(ctx, opts, wanted, shared, common)


def _backdrops(ctx: PlanContext, shared: tuple[str, ...], common: dict) -> Iterator[Job | AssetsGenError]:
    from assets_gen.render.print.products import PRODUCTS

    suffix = PRODUCTS["backdrop"].suffix
    for path in event_files(ctx.kit):
        try:
            event = load_event(ctx.kit, path)
        except AssetsGenError as err:
            yield err
            continue
        yield Job(
            kind=NAME,
            size="backdrop",
            path=f"campaign/print/backdrop-{event.slug}{suffix}.pdf",
            params=freeze({**common, "event": str(path)}),
            files=(*shared, str(path)),
            where=display_path(path),
            extra=freeze({"event": event.slug}),
        )


def _authors(
    ctx: PlanContext, opts: PrintOptions, wanted: list[str], shared: tuple[str, ...], common: dict
) -> Iterator[Job | AssetsGenError]:
    path = opts.authors_file or ctx.kit.data.authors
    if path is None:
        return
    if "certificate" in wanted:
        from assets_gen.render.print.certificate import require_signature

        try:
            require_signature(ctx.kit, display_path(ctx.kit.file))
        except AssetsGenError as err:
            yield err
            wanted = [w for w in wanted if w != "certificate"]
    from assets_gen.render.print.photos import photo_warning

    building = {u.slug for u in ctx.units}
    photos: set[str] = set()
    count = 0
    for item in read_authors(Path(path), ctx.directory()):
        if isinstance(item, AssetsGenError):
            yield item
            continue
        count += 1
        if item.photo is not None:
            photos.add(str(item.photo))
            warning = photo_warning(item) if "booklet" in wanted else None
            if warning is not None:
                yield warning
        if "certificate" not in wanted or (building and item.unit_slug not in building):
            continue
        yield Job(
            kind=NAME,
            size="certificate",
            path=f"units/{item.unit_slug}/print/certificate-{item.id}.pdf",
            unit=item.unit_slug,
            params=freeze({**common, "author": _author_params(item)}),
            files=shared,
            where=item.where,
            extra=freeze({"author": item.name}),
        )
    if "booklet" in wanted and count:
        yield Job(
            kind=NAME,
            size="booklet",
            path="campaign/print/booklet.pdf",
            params=freeze({**common, "authors": str(Path(path).resolve())}),
            files=(*shared, str(Path(path).resolve()), *sorted(photos)),
            where=display_path(Path(path)),
        )


def _author_params(author: Author) -> tuple:
    fields = asdict(author)
    fields["photo"] = str(author.photo) if author.photo else None
    return freeze(fields)


def _author(params: tuple) -> Author:
    fields = dict(params)
    photo = fields.pop("photo")
    return Author(**fields, photo=Path(photo) if photo else None)


def render(kit: Kit, job: Job) -> Rendered:
    from assets_gen.render.print import booklet, certificate, poster, wide
    from assets_gen.render.print.pdf import render_pdf, render_preview
    from assets_gen.render.print.products import PRODUCTS

    p = job.p
    product = PRODUCTS[job.size]
    unit = Unit(**p["unit"]) if p.get("unit") else None
    if job.size in poster.PORTRAIT:
        pages = [poster.render_poster(kit, product, unit)]
        alt = poster.poster_alt(kit, product, unit)
    elif job.size == "street-banner":
        pages = [wide.render_street_banner(kit, product, unit)]
        alt = wide.street_banner_alt(kit, unit)
    elif job.size == "backdrop":
        event = load_event(kit, Path(p["event"]))
        pages = [wide.render_backdrop(kit, product, event)]
        alt = wide.backdrop_alt(kit, event)
    elif job.size == "certificate":
        author = _author(p["author"])
        pages = [certificate.render_certificate(kit, product, author)]
        alt = certificate.certificate_alt(kit, author)
    else:
        authors = [a for a in read_authors(Path(p["authors"]), _units(kit)) if isinstance(a, Author)]
        pages = booklet.render_booklet(kit, product, authors)
        alt = booklet.booklet_alt(kit, authors)
    title = f"{kit.campaign.name} · {product.label}" + (f" · {unit.name}" if unit else "")
    pdf = render_pdf(pages, title, kit.campaign.organisation)
    preview = render_preview(pages[0], PREVIEW_WIDTH)
    stem = job.path.removesuffix(".pdf")
    files = [OutFile(job.path, pdf), OutFile(f"{stem}.png", encode_png(preview))]
    if p.get("cmyk"):
        from assets_gen.render.print.cmyk import to_cmyk

        files.append(OutFile(f"{stem}.cmyk.pdf", to_cmyk(pdf, job.path)))
    extra = {
        "trim_mm": f"{product.width_mm:g}x{product.height_mm:g}",
        "bleed_mm": product.bleed_mm,
        "pages": len(pages),
        "preview": f"{stem}.png",
    }
    if product.scale != 1:
        extra["scale"] = f"1:{product.scale}"
    return Rendered(
        files=tuple(files),
        width=round(product.width_mm),
        height=round(product.height_mm),
        alt=alt,
        extra=freeze(extra),
        thumb=thumbnail(preview),
    )


def photo_warnings(kit: Kit) -> list[str]:
    """`check`'s lines for the kit's author photos too small for the booklet."""
    if kit.data.authors is None:
        return []
    from assets_gen.render.print.photos import low_resolution_photos

    try:
        authors = (a for a in read_authors(kit.data.authors, _units(kit)) if isinstance(a, Author))
        return [str(w) for w in low_resolution_photos(authors)]
    except AssetsGenError:
        return []  # a bad file is one of check's errors already


def _units(kit: Kit) -> dict[str, Unit]:
    return PlanContext(kit=kit, units=[]).directory()


def design(job: Job) -> str:
    return job.size  # every unit's A4 poster is one design


def check_signature(kit: Kit) -> Iterator[str]:
    """Certificates need the signature block's keys when there are authors to certify."""
    if kit.data.authors is None:
        return
    from assets_gen.render.print.certificate import require_signature

    try:
        require_signature(kit, display_path(kit.file))
    except AssetsGenError as err:
        yield str(err)


KIND = Kind(
    NAME,
    plan,
    render,
    sizes=PRODUCT_NAMES,
    options=PrintOptions,
    checks=(check_signature,),
    design=design,
    cost=3.0,
)
