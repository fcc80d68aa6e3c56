"""Every command explains itself and is documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assets_gen.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_has_help_and_is_in_the_readme(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert len(cli.commands[name].help or "") > 20
    assert f"`assets-gen {name}" in README


def test_build_takes_the_batch_options():
    text = CliRunner().invoke(cli, ["build", "--help"]).output
    for option in ("--units", "--only", "--formats", "--jobs", "--force"):
        assert option in text


def test_banner_takes_its_options():
    text = CliRunner().invoke(cli, ["banner", "--help"]).output
    for option in ("--units", "--formats", "--out"):
        assert option in text
