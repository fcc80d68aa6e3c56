"""A rebuild that would change nothing is answered from the last build's record without
planning; any change to what the build read or wrote, or to its options, plans in full."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assets_gen.resources import default_brand_dir

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import sys
from assets_gen.cli import cli
try:
    cli(sys.argv[1:], prog_name="assets-gen")
except SystemExit as exc:
    code = exc.code
print("planned" if "assets_gen.batch.kinds" in sys.modules else "answered", file=sys.stderr)
sys.exit(code)
"""


@pytest.fixture()
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    kit = tmp_path / "kit"
    shutil.copytree(default_brand_dir(), kit)
    units = tmp_path / "units.csv"
    units.write_text("name,short_name,slug\nLiên đoàn Lao động tỉnh Nghệ An,LĐLĐ Nghệ An,nghe-an\n", "utf-8")
    return kit, units, tmp_path / "out"


def build(kit: Path, units: Path, out: Path, *more: str) -> tuple[str, str]:
    """The build's summary line, and whether it planned or answered from the record."""
    args = ["build", "--brand", str(kit), "--units", str(units), "--out", str(out), "--only", "frame"]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args, "-j", "1", "-q", *more],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 0, done.stderr
    return lines[-2], lines[-1]


def test_an_unchanged_rebuild_is_answered_and_any_change_plans(setup: tuple[Path, Path, Path]) -> None:
    kit, units, out = setup
    summary, how = build(kit, units, out)
    assets = len(json.loads((out / "manifest.json").read_text("utf-8"))["assets"])
    assert summary.startswith(f"{assets} rendered, 0 unchanged") and how == "planned"

    summary, how = build(kit, units, out)
    assert summary.startswith(f"0 rendered, {assets} unchanged, 0 failed") and how == "answered"

    # An output deleted: planned, and only it is made again.
    victim = next(p for p in sorted((out / "units" / "nghe-an").rglob("*.png")))
    victim.unlink()
    summary, how = build(kit, units, out)
    assert summary.startswith(f"1 rendered, {assets - 1} unchanged") and how == "planned"
    assert victim.is_file()
    assert build(kit, units, out)[1] == "answered"

    # A file added to the kit (a designer's new template, say): planned.
    (kit / "templates" / "notes.txt").write_text("ý tưởng cho khung mới\n", "utf-8")
    assert build(kit, units, out)[1] == "planned"
    assert build(kit, units, out)[1] == "answered"

    # A kit file edited: planned, and what it changes is made again.
    toml = kit / "brand.toml"
    text = toml.read_text("utf-8")
    toml.write_text(text.replace("[campaign]", "# sửa\n[campaign]", 1), "utf-8")
    assert build(kit, units, out)[1] == "planned"

    # Other options, or --force: planned.
    assert build(kit, units, out, "--sizes", "avatar")[1] == "planned"
    summary, how = build(kit, units, out, "--force")
    assert summary.startswith(f"{assets} rendered") and how == "planned"


def test_a_failed_build_keeps_no_record(setup: tuple[Path, Path, Path]) -> None:
    kit, units, out = setup
    build(kit, units, out)
    assert (out / ".assets-gen-uptodate.json").is_file()
    units.write_text(units.read_text("utf-8") + "Công đoàn X,CĐ X,Sai Slug!\n", "utf-8")  # one bad row
    args = ["build", "--brand", str(kit), "--units", str(units), "--out", str(out), "--only", "frame", "-q"]
    done = subprocess.run(
        [sys.executable, "-m", "assets_gen", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert done.returncode == 1 and "units.csv:3" in done.stderr
    assert not (out / ".assets-gen-uptodate.json").exists()
