"""The command-line front end: a Click group, one small module per command, no logic.

Commands call the core and turn its errors into one `error: ...` line each; nothing here
decides how an asset looks.
"""

from __future__ import annotations

import os
import sys

import click

from assets_gen import __version__
from assets_gen.cli.common import UserError, check_system_or_exit


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="assets-gen")
def cli() -> None:
    """Turn a campaign's brand kit into every social-media asset it needs.

    Run `assets-gen build` to make everything for the default kit into ./outputs.
    """
    check_system_or_exit()


def _register() -> None:
    from assets_gen.cli import (
        avatar,
        banner,
        build,
        card,
        check,
        frame,
        preview,
        printset,
        serve,
        sizes,
        stats,
        video,
    )

    for module in (build, preview, frame, banner, avatar, card, stats, video, printset, check, sizes, serve):
        cli.add_command(module.command)


_register()


def main() -> None:
    """Console entry point: never a traceback for the user (ASSETS_GEN_DEBUG=1 shows one)."""
    try:
        cli.main(prog_name="assets-gen")
    except UserError as err:  # raised outside Click's own handling
        err.show()
        sys.exit(err.exit_code)
    except Exception as exc:
        if os.environ.get("ASSETS_GEN_DEBUG"):
            raise
        click.echo(
            f"error: internal error: {type(exc).__name__}: {exc} "
            "(run with ASSETS_GEN_DEBUG=1 for details, and please report it)",
            err=True,
        )
        sys.exit(1)
