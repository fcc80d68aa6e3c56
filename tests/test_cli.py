"""The commands, through Click's runner and as real processes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from assets_gen.cli import cli
from tests.photos import every_bad_photo, every_good_photo

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def small_units(tmp_path: Path) -> Path:
    path = tmp_path / "units.csv"
    path.write_text(
        "name,short_name,slug\n"
        "Liên đoàn Lao động tỉnh Nghệ An,LĐLĐ tỉnh Nghệ An,nghe-an\n"
        "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam,CĐ Than - Khoáng sản Việt Nam,cd-tkv\n",
        encoding="utf-8",
    )
    return path


def _commands():
    """(words, command) for every command, subcommands of groups included."""
    import click

    for name, command in cli.commands.items():
        if isinstance(command, click.Group):
            for sub, subcommand in command.commands.items():
                yield (name, sub), subcommand
        else:
            yield (name,), command


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for words, command in _commands():
        code, out, _ = run(*words, "--help")
        name = " ".join(words)
        assert code == 0, name
        assert command.help, f"{name} has no help text"
        assert "--brand" in out, f"{name} does not take --brand"
        assert f"assets-gen {name}" in readme, f"{name} is not in the README"


def test_frame_command_writes_transparent_frames(tmp_path: Path, small_units: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run("frame", "--units", str(small_units), "--out", str(out), "--jobs", "1")
    assert code == 0, err
    for rel in (
        "campaign/frame-vong-tron.png",
        "units/nghe-an/frame-dai-bang.png",
        "units/cd-tkv/frame-vong-tron.png",
    ):
        with Image.open(out / rel) as im:
            assert im.size == (1080, 1080) and im.mode == "RGBA"
            assert im.getpixel((540, 400))[3] == 0


def test_bad_unit_rows_give_file_line_errors_and_the_rest_is_built(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text(
        "name,slug\nLiên đoàn Lao động tỉnh Nghệ An,nghe-an\n,empty\nHuế,nghe-an\n"
        "Công đoàn 工会,cd\nĐà Nẵng,da-nang\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, _, err = run("frame", "--units", str(units), "--out", str(out), "--jobs", "2")
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert lines == [
        f"error: {units}:3: empty name",
        f'error: {units}:4: duplicate slug "nghe-an" (also at {units}:2)',
        f'error: {units}:5: unit name "Công đoàn 工会": font Be Vietnam Pro ExtraBold has no glyph for 工, 会',
    ]
    assert "Traceback" not in err
    assert (out / "units/nghe-an/frame-vong-tron.png").exists()
    assert (out / "units/da-nang/frame-dai-bang.png").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["errors"]) == 3
    assert re.search(r"1?\d+ rendered, 0 unchanged, 3 failed(, \d+ warnings?)? in [\d.]+ s", err)


def test_units_file_in_the_wrong_encoding(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_bytes("name\nHà Nội\n".encode("utf-16"))
    code, _, err = run("frame", "--units", str(units), "--out", str(tmp_path / "o"))
    assert code == 1
    assert f'error: {units}:1: not UTF-8 text: save it from Excel or Sheets as "CSV UTF-8"' in err


def test_avatar_command_frames_good_photos_and_reports_bad_ones(tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    for name, data in every_good_photo().items():
        (photos / name).write_bytes(data)
    for name, (data, _) in every_bad_photo().items():
        if name.endswith(".bmp"):
            continue  # not a photo extension: a folder listing skips it
        (photos / name).write_bytes(data)
    out = tmp_path / "out"
    code, _, err = run("avatar", str(photos), "--out", str(out), "--jobs", "2")
    assert code == 1
    errors = sorted(line for line in err.splitlines() if line.startswith("error:"))
    assert [e.split(":")[1].strip().rsplit("/", 1)[-1] for e in errors] == sorted(
        n for n in every_bad_photo() if not n.endswith(".bmp")
    )
    for line in errors:
        assert re.fullmatch(r"error: \S+: [^\n]+", line)
    written = sorted(p.name for p in out.glob("*.jpg"))
    assert written == sorted(f"{Path(n).stem}-vong-tron.jpg" for n in every_good_photo())
    leftovers = [p for p in out.rglob("*") if p.name.startswith(".") and p.name.endswith(".tmp")]
    assert leftovers == []
    for path in out.glob("*.jpg"):
        with Image.open(path) as im:
            assert im.format == "JPEG" and im.size == (1080, 1080)
            assert not im.getexif(), f"{path.name} carries EXIF"
            assert "exif" not in im.info and "icc_profile" not in im.info


def test_avatars_with_the_same_stem_are_all_kept(tmp_path: Path) -> None:
    """me.jpg, me.png and sub/me.jpg: three members, three framed photos, folders mirrored."""
    photos = tmp_path / "photos"
    (photos / "sub").mkdir(parents=True)
    good = every_good_photo()
    jpeg = next(data for name, data in good.items() if name.endswith(".jpg"))
    png = next(data for name, data in good.items() if name.endswith(".png"))
    (photos / "me.jpg").write_bytes(jpeg)
    (photos / "me.png").write_bytes(png)
    (photos / "sub" / "me.jpg").write_bytes(jpeg)
    out = tmp_path / "out"
    code, _, err = run("avatar", str(photos), "--out", str(out), "--jobs", "1")
    assert code == 0, err
    assert "3 rendered, 0 unchanged, 0 failed" in err
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.jpg") if "_thumbs" not in p.parts)
    assert written == ["me-jpg-vong-tron.jpg", "me-png-vong-tron.jpg", "sub/me-vong-tron.jpg"]


def test_same_named_photos_given_as_files_get_a_counter(tmp_path: Path) -> None:
    from assets_gen.photo import list_photos

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    files = [tmp_path / "a" / "Me.JPG", tmp_path / "b" / "me.jpg", tmp_path / "me.png"]
    for f in files:
        f.write_bytes(b"x")
    assert [p.name for p in list_photos(files)] == ["Me-jpg", "me-jpg-2", "me-png"]


@pytest.mark.parametrize("option", ["--filetype", "--format"])  # --format: the old name, kept
def test_avatar_png_with_unit(tmp_path: Path, small_units: Path, option: str) -> None:
    photo = tmp_path / "me.heic"
    photo.write_bytes(every_good_photo()["iphone.heic"])
    out = tmp_path / "out"
    code, _, err = run(
        "avatar",
        str(photo),
        "--style",
        "dai-bang",
        "--unit",
        "cd-tkv",
        "--units",
        str(small_units),
        option,
        "png",
        "--out",
        str(out),
    )
    assert code == 0, err
    with Image.open(out / "me-dai-bang-cd-tkv.png") as im:
        assert im.format == "PNG" and im.size == (1080, 1080) and im.mode == "RGB"


def test_avatar_unknown_style_and_unit(tmp_path: Path) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(every_good_photo()["upright.jpg"])
    code, _, err = run("avatar", str(photo), "--style", "nope", "--out", str(tmp_path))
    assert code == 2 and 'unknown frame style "nope"' in err
    code, _, err = run("avatar", str(photo), "--unit", "nope", "--out", str(tmp_path))
    assert code == 1 and err.strip() == 'error: --unit: no unit with slug "nope" in the units file'


def test_check_command(tmp_path: Path) -> None:
    code, _, err = run("check")
    assert code == 0, err
    # The kit's 512 px sample photos would be enlarged 2.1x on a 1080 px avatar: a warning
    # naming each file and its size, which fails nothing.
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    for name in ("astronaut.jpg", "camera.png"):
        assert (
            f"warning: brand/photos/{name}: the photo is 512x512 px and is enlarged 2.1x to fill its "
            "1080 px place, so it will look soft: use one at least 720 px on its shorter side"
        ) in warnings
    kit = tmp_path / "kit"
    import shutil

    from assets_gen.resources import default_brand_dir

    shutil.copytree(default_brand_dir(), kit)
    toml = kit / "brand.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('on_light = "#16213A"', 'on_light = "#FFEEDD"'),
        encoding="utf-8",
    )
    code, _, err = run("check", "--brand", str(kit))
    assert code == 1
    assert err.count("error: ") == 1 and "colors.on_light: #FFEEDD on colors.light" in err


def test_bad_brand_kit_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("build", "--brand", str(tmp_path / "missing"), "--out", str(tmp_path / "o"))
    assert code == 1
    assert err.strip() == f"error: {tmp_path / 'missing'}: brand kit folder not found"


def test_missing_system_library_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import features

    from assets_gen import syscheck

    syscheck.check_system.cache_clear()
    monkeypatch.setattr(features, "check", lambda name: False)
    try:
        code, _, err = run("check")
    finally:
        syscheck.check_system.cache_clear()
    assert code == 1
    assert err.count("\n") == 1
    assert "libfribidi" in err and "apt-get install libfribidi0" in err


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_build_as_a_real_process_from_another_folder(tmp_path: Path, small_units: Path) -> None:
    """The installed console script, run where there is no brand/ folder."""
    script = Path(sys.executable).parent / "assets-gen"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "assets_gen"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [*command, "build", "--units", str(small_units), "--out", "out", "--jobs", "2"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = tmp_path / "out"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["brand"] == "1 triệu sáng kiến"
    kinds = {a["kind"] for a in manifest["assets"]}
    assert {"frame", "avatar"} <= kinds
    for asset in manifest["assets"]:
        assert set(asset) >= {"kind", "unit", "format", "path", "width", "height", "alt", "sha256"}
        assert asset["sha256"] == _sha(out / asset["path"])
        assert asset["alt"] and not asset["alt"].isascii()  # Vietnamese alt text
        if asset["path"].endswith((".png", ".jpg")):
            with Image.open(out / asset["path"]) as im:
                assert im.size == (asset["width"], asset["height"])
    units = {a["unit"] for a in manifest["assets"]}
    assert units == {None, "nghe-an", "cd-tkv"}
    index = (out / "index.html").read_text(encoding="utf-8")
    for asset in manifest["assets"]:
        assert asset["path"] in index
    assert "class='circle'" in index

    # Nothing changed: nothing is rendered again; --force gives byte-identical files.
    again = subprocess.run(
        [*command, "build", "--units", str(small_units), "--out", "out", "--quiet"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode == 0
    total = len(manifest["assets"])
    assert f"0 rendered, {total} unchanged, 0 failed" in again.stderr
    forced = subprocess.run(
        [*command, "build", "--units", str(small_units), "--out", "out", "--force", "--quiet"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert f"{total} rendered, 0 unchanged" in forced.stderr
    rebuilt = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [a["sha256"] for a in rebuilt["assets"]] == [a["sha256"] for a in manifest["assets"]]


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assets_gen", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0 and "assets-gen" in result.stdout
