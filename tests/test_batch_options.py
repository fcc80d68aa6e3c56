"""The batch commands take the options the issue names (help and README: tests/test_cli.py)."""

from __future__ import annotations

from click.testing import CliRunner

from assets_gen.cli import cli


def test_build_takes_the_batch_options():
    text = CliRunner().invoke(cli, ["build", "--help"]).output
    for option in ("--units", "--only", "--formats", "--jobs", "--force"):
        assert option in text


def test_banner_takes_its_options():
    text = CliRunner().invoke(cli, ["banner", "--help"]).output
    for option in ("--units", "--formats", "--out"):
        assert option in text
