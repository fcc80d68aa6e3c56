"""The batch commands' options do what they say: --only, --sizes (alias --formats), --units, --force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assets_gen.cli import cli


@pytest.fixture()
def one_unit(tmp_path: Path) -> Path:
    path = tmp_path / "units.csv"
    path.write_text("name,short_name,slug\nLiên đoàn Lao động tỉnh Nghệ An,LĐLĐ Nghệ An,nghe-an\n", "utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr


def manifest(out: Path) -> list[dict]:
    return json.loads((out / "manifest.json").read_text("utf-8"))["assets"]


def test_build_only_makes_the_kinds_and_units_named(tmp_path: Path, one_unit: Path):
    out = tmp_path / "out"
    code, err = run("build", "--only", "frame", "--units", str(one_unit), "--out", str(out), "-j", "1", "-q")
    assert code == 0, err
    assets = manifest(out)
    assert {a["kind"] for a in assets} == {"frame"}
    assert {a.get("unit") for a in assets} == {None, "nghe-an"}
    assert "0 unchanged" in err

    # --force renders again what did not change; without it nothing is rendered.
    code, err = run("build", "--only", "frame", "--units", str(one_unit), "--out", str(out), "-j", "1", "-q")
    assert f"0 rendered, {len(assets)} unchanged" in err
    code, err = run(
        "build", "--only", "frame", "--units", str(one_unit), "--out", str(out), "-j", "1", "-q", "--force"
    )
    assert f"{len(assets)} rendered, 0 unchanged" in err


@pytest.mark.parametrize("option", ["--sizes", "--formats"])  # --formats: the old name, kept
def test_banner_sizes_makes_only_those_sizes(tmp_path: Path, one_unit: Path, option: str):
    out = tmp_path / "out"
    code, err = run("banner", option, "story", "--units", str(one_unit), "--out", str(out), "-j", "1")
    assert code == 0, err
    assets = manifest(out)
    assert {(a["format"], a.get("unit")) for a in assets} == {("story", None), ("story", "nghe-an")}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "--only", "frames"], "error: --only: unknown kind frames"),
        (["build", "--sizes", "storey"], "error: --sizes: unknown size storey"),
        (["banner", "--sizes", "storey"], "error: --sizes: unknown size storey"),
        (["card", "spotlight", "--formats", "storey"], "error: --sizes: unknown size storey"),
    ],
)
def test_unknown_names_are_refused_before_anything_is_made(tmp_path: Path, args: list[str], message: str):
    out = tmp_path / "out"
    code, err = run(*args, "--out", str(out))
    assert code == 1
    assert err.splitlines()[0].startswith(message)
    assert not (out / "manifest.json").exists()
