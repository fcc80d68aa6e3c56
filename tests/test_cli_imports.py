"""The CLI starts instantly: commands import only what they use (bench/cli.py times it).

Each command runs in a fresh interpreter, which then lists the heavy libraries it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HEAVY = (
    "numpy",
    "cairosvg",
    "cairocffi",
    "moviepy",
    "starlette",
    "uvicorn",
    "distributed",
    "qrcode",
    "pillow_heif",
    "imageio_ffmpeg",
    "fontTools.ttLib.tables.otTables",
    "pyvi",  # the word segmenter: 2 s to load
)

_RUN = """
import json, sys
from assets_gen.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="assets-gen")
except SystemExit:
    pass
heavy = json.loads(HEAVY)
print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def loaded(*args: str) -> list[str]:
    """The heavy modules a command loaded (its last stderr line)."""
    script = _RUN.replace("HEAVY", repr(json.dumps(HEAVY)))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env)
    return json.loads(result.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["build", "--help"], ["sizes", "--json"]])
def test_information_commands_load_no_heavy_library(args: list[str]):
    assert loaded(*args) == []


def test_a_rebuild_with_nothing_changed_draws_nothing(tmp_path: Path):
    """The second build finds every asset current: it loads no drawing or video library."""
    out = tmp_path / "out"
    small_units = tmp_path / "units.csv"
    small_units.write_text("name,short_name,slug\nLiên đoàn Lao động tỉnh Nghệ An,LĐLĐ Nghệ An,nghe-an\n")
    args = ["build", "--only", "frame,stats,quote", "--units", str(small_units), "--out", str(out), "-q", "-j", "1"]
    loaded(*args)  # the first build draws (in worker processes)
    assert (out / "units/nghe-an/frame-vong-tron.png").is_file()
    assert loaded(*args) == []  # quotes: which sizes each fits is remembered (batch/memo.py)
