"""`assets-gen serve`: the members' avatar page and the upload API over HTTP."""

from __future__ import annotations

from pathlib import Path

import click

from assets_gen.cli.common import brand_option, handle_errors, load, report, units_option

_SECONDS = click.FloatRange(0.1, 3600)


@click.command("serve")
@brand_option
@units_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Render processes (default: one per core).",
)
@click.option(
    "--upload-timeout",
    type=_SECONDS,
    default=15.0,
    show_default=True,
    help="Cut off an upload that sends nothing for this many seconds.",
)
@click.option(
    "--body-timeout",
    type=_SECONDS,
    default=60.0,
    show_default=True,
    help="Cut off a request whose whole body takes longer than this.",
)
@click.option(
    "--header-timeout",
    type=_SECONDS,
    default=10.0,
    show_default=True,
    help="Cut off a request whose line and headers take longer than this.",
)
@click.option(
    "--max-uploads",
    type=click.IntRange(1, 1024),
    default=64,
    show_default=True,
    help="Uploads received or rendered at once; 64 more wait, further ones get 503.",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file of the participation counter (default: downloads.sqlite in the user's data folder).",
)
@handle_errors
def command(
    brand_dir: Path | None,
    units_file: Path | None,
    host: str,
    port: int,
    workers: int | None,
    upload_timeout: float,
    body_timeout: float,
    header_timeout: float,
    max_uploads: int,
    db: Path | None,
) -> None:
    """Serve the avatar page (framing happens in the member's browser) and the API.

    POST /api/avatar (multipart: photo, optional style, unit, x, y, zoom, rotate) returns
    the framed 1080x1080 JPEG; GET /healthz answers 200. POST /api/downloads
    {"unit": SLUG, "style": NAME} counts a member's download (GET: the counts). Uploads
    are limited to 15 MB and 50 megapixels, kept in memory only, and never written to disk.
    """
    from assets_gen.web.limits import ServerLimits
    from assets_gen.web.server import serve

    kit = load(brand_dir)
    limits = ServerLimits(
        header_timeout=header_timeout,
        body_idle_timeout=upload_timeout,
        body_timeout=body_timeout,
        max_uploads=max_uploads,
    )
    serve(
        kit, host=host, port=port, units_file=units_file, workers=workers, limits=limits, report=report, db=db
    )
