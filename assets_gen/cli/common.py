"""Options and error handling shared by every command."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from assets_gen.errors import AssetsGenError

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """One `error: ...` line on stderr and exit status 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def check_system_or_exit() -> None:
    from assets_gen.syscheck import check_system

    try:
        check_system()
    except AssetsGenError as err:
        raise UserError(str(err)) from None


def report(err: AssetsGenError) -> None:
    from assets_gen.errors import DataWarning

    click.echo(f"{'warning' if isinstance(err, DataWarning) else 'error'}: {err}", err=True)


def handle_errors(func: F) -> F:
    """Turn the core's errors into one line each, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AssetsGenError as err:
            raise UserError(str(err)) from None
        except KeyboardInterrupt:
            raise UserError("interrupted: finished files are kept; run again to complete") from None

    return wrapper  # type: ignore[return-value]


def brand_option(func: F) -> F:
    return click.option(
        "--brand",
        "brand_dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Brand kit folder (default: the bundled '1 triệu sáng kiến' kit).",
    )(func)


def out_option(default: str = "outputs") -> Callable[[F], F]:
    return click.option(
        "--out",
        "out",
        type=click.Path(path_type=Path, file_okay=False),
        default=default,
        show_default=True,
        help="Output folder.",
    )


def units_option(func: F) -> F:
    return click.option(
        "--units",
        "units_file",
        type=click.Path(path_type=Path),
        default=None,
        help="Units CSV (name, short_name, slug); default: the kit's units.csv.",
    )(func)


def jobs_option(func: F) -> F:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(1, 256),
        default=os.cpu_count() or 1,
        show_default=True,
        help="Worker processes.",
    )(func)


SIZES_HELP = "Comma-separated size names to make (see `assets-gen sizes`)."
ONLY_HELP = "Comma-separated kinds to make (e.g. frame,banner; default: all)."


def sizes_option(help: str = SIZES_HELP) -> Callable[[F], F]:
    """--sizes NAMES (--formats, its old name, still works): which size names to make."""
    return click.option("--sizes", "--formats", "sizes", metavar="NAMES", help=help)


def only_option(help: str = ONLY_HELP) -> Callable[[F], F]:
    return click.option("--only", metavar="NAMES", help=help)


def load(brand_dir: Path | None):
    from assets_gen.brand import load_kit

    return load_kit(brand_dir)


def split_names(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def size_names(value: str | None) -> set[str] | None:
    """--sizes as a build takes it: None means every size the kinds have."""
    return set(split_names(value) or []) or None


def check_styles(kit: Any, names: list[str] | None) -> None:
    """Unknown frame styles are a usage error, before anything is rendered."""
    for name in names or []:
        try:
            kit.frame_style(name)
        except KeyError as exc:
            raise click.BadParameter(exc.args[0], param_hint="--style") from None


def find_unit(kit: Any, units_file: Path | None, slug: str | None) -> Any:
    """The unit `--unit SLUG` names (None without one), or a usage error."""
    if not slug:
        return None
    from assets_gen.brand.units import load_units

    units, _ = load_units(kit, units_file)
    unit = next((u for u in units if u.slug == slug), None)
    if unit is None:
        raise UserError(f'--unit: no unit with slug "{slug}" in the units file')
    return unit


def build(kit: Any, opts: Any, progress: Any = None) -> None:
    """Every command is a build of some kinds: errors as lines, then the summary and the
    exit status."""
    from assets_gen.batch.runner import run_build

    finish(run_build(kit, opts, progress, report=report))


def finish(result: Any, quiet: bool = False) -> None:
    """Print the summary line and exit 1 if anything failed."""
    if not quiet:
        click.echo(result.summary(), err=True)
    if result.failed:
        raise SystemExit(1)


def _base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.startswith(("https://", "http://")):
        raise click.BadParameter(f'"{value}" is not a web address (https://...)')
    return value


def base_url_option(func: F) -> F:
    return click.option(
        "--base-url",
        "base_url",
        metavar="URL",
        callback=_base_url,
        help="Where the counter files will be served: counter*.html then use absolute addresses "
        "(to paste into another site's CMS).",
    )(func)


def parse_day_option(ctx: click.Context, param: click.Parameter, value: str | None):
    """A --date YYYY-MM-DD option as a date (None when absent)."""
    if value is None:
        return None
    from assets_gen.brand.stats import parse_day

    try:
        return parse_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
