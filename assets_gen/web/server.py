"""Run the web front end under uvicorn, with limits that keep one bad client harmless."""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Callable
from pathlib import Path

import uvicorn

from assets_gen.brand.model import Kit
from assets_gen.brand.units import load_units
from assets_gen.counts import DownloadCounts, default_db_path
from assets_gen.errors import AssetsGenError
from assets_gen.web.app import create_app
from assets_gen.web.limits import ServerLimits
from assets_gen.web.protocol import guarded_protocol


def return_freed_memory() -> None:
    """Serve uploads from mmap'd blocks that go back to the system when freed.

    glibc raises its mmap threshold after large blocks are freed, so later multi-megabyte
    uploads land on the heap, whose fragments stay resident: the server would keep its
    peak memory for good. A fixed threshold (mallopt M_MMAP_THRESHOLD) keeps it flat.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 1024 * 1024)  # M_MMAP_THRESHOLD: blocks of 1 MB and more


def serve(
    kit: Kit,
    host: str = "127.0.0.1",
    port: int = 8000,
    units_file: Path | None = None,
    workers: int | None = None,
    limits: ServerLimits | None = None,
    report: Callable[[AssetsGenError], None] | None = None,
    db: Path | None = None,
) -> None:
    """Serve the page and the API until interrupted. Bad unit rows are reported, not fatal.
    Participation counts go to `db` (default: downloads.sqlite in the user's data folder)."""
    units, unit_errors = load_units(kit, units_file)
    for err in unit_errors if report else ():
        report(err)
    if units_file is not None and not units and unit_errors:
        raise AssetsGenError(str(units_file), "no usable unit")
    return_freed_memory()
    limits = (limits or ServerLimits()).validated()
    counts = DownloadCounts(db or default_db_path())
    app = create_app(kit, units, workers, limits, counts)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        http=guarded_protocol(limits),  # httptools with header/body deadlines, lingering close
        log_level="info",
        server_header=False,
        timeout_keep_alive=max(1, round(limits.keep_alive)),
        timeout_graceful_shutdown=10,
    )
    uvicorn.Server(config).run()
