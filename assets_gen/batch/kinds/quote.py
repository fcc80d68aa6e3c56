"""Batch glue for quote cards: each quote of brand/quotes.toml in the sizes it fits."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assets_gen import __version__
from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.brand.model import Kit
from assets_gen.brand.quotes import Quote, load_quotes
from assets_gen.errors import AssetsGenError, DataError
from assets_gen.render.quote import QUOTE_MIN, SIZES, quote_alt, quote_sizes, render_quote


@dataclass(frozen=True)
class QuoteOptions:
    quotes_file: Path | None = None
    """Quotes TOML (None: the kit's)."""
    dest: str = "campaign/quotes"
    """Folder inside the output folder."""


def plan(ctx: PlanContext, opts: QuoteOptions) -> Iterator[Job | AssetsGenError]:
    path = opts.quotes_file or ctx.kit.data.quotes
    if path is None:
        return
    dest = opts.dest
    kit = ctx.kit
    for quote in load_quotes(kit, path):
        inputs = ["quote sizes", __version__, kit.digest, kit.drawn_from, quote.text]
        key = hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode("utf-8")).hexdigest()
        sizes = ctx.remembered(key, lambda quote=quote: quote_sizes(kit, quote))
        if not sizes:
            yield DataError(
                f"{quote.where}: quotes {quote.slug}",
                f'too long for a story at {QUOTE_MIN} px: split it or cut it with "..."',
            )
            continue
        for size in sizes:
            if ctx.wants(size):
                yield Job(
                    kind="quote",
                    size=size,
                    path=f"{dest}/{quote.slug}-{size}.png".lstrip("/"),
                    params=freeze({"quote": (quote.slug, quote.text, quote.author, quote.source)}),
                    files=kit_files(ctx.kit),
                    where=quote.where,
                )


def check_quotes(kit: Kit) -> Iterator[str]:
    """`assets-gen check`: the quotes file reads, and every quote fits a story."""
    if kit.data.quotes is None:
        return
    try:
        quotes = load_quotes(kit, kit.data.quotes)
    except AssetsGenError as err:
        yield str(err)
        return
    for quote in quotes:
        if not quote_sizes(kit, quote):
            yield f"{quote.where}: quotes {quote.slug}: too long for a story at {QUOTE_MIN} px"


def render(kit: Kit, job: Job) -> Rendered:
    quote = Quote(*job.p["quote"])
    return png(job.path, render_quote(kit, quote, job.size), quote_alt(kit, quote))


KIND = Kind(
    "quote", plan, render, sizes=SIZES, options=QuoteOptions, uses_units=False, checks=(check_quotes,)
)
