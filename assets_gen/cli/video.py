"""`assets-gen video`: the intro and the how-to guides as MP4 files with posters and
captions."""

from __future__ import annotations

from pathlib import Path

import click

from assets_gen.cli.common import (
    UserError,
    brand_option,
    build,
    find_unit,
    handle_errors,
    jobs_option,
    load,
    out_option,
    split_names,
    units_option,
)


@click.command("video")
@brand_option
@click.option(
    "--kind",
    "kind",
    type=click.Choice(["intro", "guide"]),
    default="intro",
    show_default=True,
    help="intro: the campaign intro (22 s); guide: one video per how-to guide in the kit's content.",
)
@click.option(
    "--aspect",
    "aspects",
    default="1:1,9:16,16:9",
    show_default=True,
    help="Comma-separated aspects: 1:1 (1080x1080), 9:16 (1080x1920), 16:9 (1920x1080).",
)
@click.option("--unit", "unit_slug", help="Unit slug whose name the intro shows.")
@units_option
@click.option(
    "--duration",
    type=float,
    default=None,
    help="Length in seconds, 1 to 600 (default: the design's own, 22 s for the intro).",
)
@out_option("outputs/video")
@jobs_option
@handle_errors
def command(
    brand_dir: Path | None,
    kind: str,
    aspects: str,
    unit_slug: str | None,
    units_file: Path | None,
    duration: float | None,
    out: Path,
    jobs: int,
) -> None:
    """Write MP4 videos (H.264 High, yuv420p, 30 fps, AAC stereo music from the kit, fast
    start), a poster PNG and Vietnamese captions (.vi.vtt, .vi_VN.srt) for each, laid out
    for every aspect asked for.

    Every message is on screen as text: feed videos play muted.
    """
    from assets_gen.video.formats import get_aspect
    from assets_gen.video.make import check_duration

    try:
        aspect_names = [get_aspect(name).name for name in split_names(aspects) or []]
    except KeyError as exc:
        raise UserError(f"--aspect: {exc.args[0]}") from None
    if not aspect_names:
        raise UserError("--aspect: name at least one aspect (1:1, 9:16, 16:9)")
    check_duration(duration)
    if unit_slug and kind != "intro":
        raise UserError("--unit: only the intro shows a unit name")
    from assets_gen.batch.kinds.captions import CaptionsOptions
    from assets_gen.batch.kinds.video import VideoOptions
    from assets_gen.batch.runner import BuildOptions

    kit = load(brand_dir)
    unit = find_unit(kit, units_file, unit_slug)
    options = VideoOptions(
        video="guide" if kind == "guide" else "intro",
        aspects=tuple(dict.fromkeys(aspect_names)),
        unit=unit,
        duration=duration,
        dest="",
        milestones=False,
    )
    # Captions (.vi.vtt, .vi_VN.srt) beside each video, as `build` writes them.
    kind_options = {"video": options, "captions": CaptionsOptions(of=("video",))}
    opts = BuildOptions(out=out, only=["video", "captions"], jobs=jobs, kind_options=kind_options)
    build(kit, opts)
