"""A build killed with SIGKILL takes its workers with it: none survives, nothing more is
written into the output folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.kits import write_units

ROOT = Path(__file__).resolve().parent.parent
UNITS = [(f"Công đoàn số {i}", f"CĐ số {i}", f"cd-{i}") for i in range(12)]


def snapshot(out: Path) -> set[str]:
    return {str(p.relative_to(out)) for p in out.rglob("*")}


@pytest.mark.slow
def test_sigkill_of_the_build_stops_every_worker_and_every_write(tmp_path: Path) -> None:
    units = write_units(tmp_path / "units.csv", UNITS)
    out = tmp_path / "out"
    args = ["build", "--units", str(units), "--out", str(out), "--only", "banner", "--jobs", "2"]
    build = subprocess.Popen(
        [sys.executable, "-m", "assets_gen", *args],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.rglob("banner-*.png"))) < 4:
        time.sleep(0.05)
    workers = psutil.Process(build.pid).children(recursive=True)
    assert len(workers) >= 2, "the build has no worker processes to test with"
    os.kill(build.pid, signal.SIGKILL)  # the build only: its workers are not signalled
    build.wait()

    _, alive = psutil.wait_procs(workers, timeout=1.5)  # 1 s, and the machine's slack
    survivors = [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]
    for p in survivors:
        p.kill()
    assert not survivors, f"{len(survivors)} workers outlived the build"
    before = snapshot(out)
    time.sleep(2.0)
    assert snapshot(out) == before, "files appeared after the build was killed"
