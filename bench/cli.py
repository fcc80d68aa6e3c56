"""Benchmark how fast the CLI starts: every command pays its imports before it does anything.

Measured in one run, each command in a fresh process, against the named reference
`python -c "import click, PIL.Image"` (the two libraries every command needs):

- `assets-gen --help`: target at most 2.5x the reference;
- a no-op rebuild of the default kit (`assets-gen build` on an up-to-date output
  folder): target at most 6x the reference;
- `--version`, `sizes`, `check` for information.

Each command runs R times; the best wall time is kept (other load on a shared machine
only ever adds time), with the CPU time of that run beside it.

Usage: python bench/cli.py [--repeat R] [--out DIR]. Without --out the default kit is
built first into a temporary folder (minutes: it includes the videos); pass the folder
of an earlier `assets-gen build` to skip that. Ratios are printed last.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "assets_gen"]
REFERENCE = [sys.executable, "-c", "import click, PIL.Image"]
HELP_TARGET = 2.5
REBUILD_TARGET = 6.0


def timed(command: list[str], repeat: int) -> tuple[float, float]:
    """(best wall seconds, CPU seconds of that run) over `repeat` runs."""
    # As installed, Python keeps compiled modules (__pycache__): a shell that sets
    # PYTHONDONTWRITEBYTECODE would time compiling every module of ours on every run.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            sys.exit(f"{' '.join(command[2:])} failed:\n{result.stderr}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, (wall, cpu))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path, help="an up-to-date build of the default kit")
    args = parser.parse_args()

    scratch = None
    out = args.out
    if out is None:
        scratch = Path(tempfile.mkdtemp(prefix="bench-cli-"))
        out = scratch / "out"
        print(f"building the default kit into {out} (once, untimed)...", flush=True)
        subprocess.run([*CLI, "build", "--out", str(out), "-q"], env={**os.environ, "PYTHONPATH": str(ROOT)})
    rebuild = [*CLI, "build", "--out", str(out), "-q"]
    timed(rebuild, 1)  # settles anything the first build left (and fails loudly if broken)
    try:
        rows = [
            ("reference: import click, PIL.Image", timed(REFERENCE, args.repeat)),
            ("assets-gen --help", timed([*CLI, "--help"], args.repeat)),
            ("assets-gen --version", timed([*CLI, "--version"], args.repeat)),
            ("assets-gen sizes", timed([*CLI, "sizes"], args.repeat)),
            ("assets-gen check", timed([*CLI, "check"], args.repeat)),
            ("assets-gen build (no-op rebuild)", timed(rebuild, args.repeat)),
        ]
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    ref_wall, ref_cpu = rows[0][1]
    for name, (wall, cpu) in rows:
        print(
            f"{name:36} {wall * 1000:6.0f} ms wall {wall / ref_wall:5.2f}x"
            f"  {cpu * 1000:6.0f} ms CPU {cpu / ref_cpu:5.2f}x"
        )
    help_ratio = rows[1][1][0] / ref_wall
    rebuild_ratio = rows[-1][1][0] / ref_wall
    print(f"--help / reference (wall): {help_ratio:.2f}x (target <= {HELP_TARGET}x)")
    print(f"no-op rebuild / reference (wall): {rebuild_ratio:.2f}x (target <= {REBUILD_TARGET}x)")


if __name__ == "__main__":
    main()
