"""The batch runner: errors travel back from workers; a dead worker costs only a retry."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from assets_gen.batch import kinds as kinds_module
from assets_gen.batch.jobs import Job, OutFile, Rendered
from assets_gen.batch.kinds.base import Kind
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.errors import AssetsGenError, DataError, PhotoError


def test_errors_survive_pickling() -> None:
    for err in (AssetsGenError("a.csv:3", "bad"), PhotoError("p.jpg", "empty"), DataError(None, "x")):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and str(back) == str(err) and back.where == err.where


@pytest.fixture
def crashing_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A kind whose first attempt at job 3 kills its worker process outright."""
    marker = tmp_path / "crashed-once"

    def plan(ctx, opts):
        for i in range(8):
            yield Job(kind="crash", size="fb-post", path=f"crash/{i}.txt", params=(("i", i),))

    def render(kit, job):
        if job.p["i"] == 3 and not marker.exists():
            marker.write_text("x")
            os._exit(1)
        return Rendered(files=(OutFile(job.path, b"ok %d" % job.p["i"]),), width=1, height=1, alt="x")

    monkeypatch.setitem(
        kinds_module.KINDS, "crash", Kind("crash", plan, render, ("fb-post",), uses_units=False)
    )
    return marker


def test_a_killed_worker_costs_only_a_retry(kit, tmp_path: Path, crashing_kind: Path) -> None:
    out = tmp_path / "out"
    result = run_build(kit, BuildOptions(out=out, only=["crash"], jobs=2))
    assert crashing_kind.exists(), "the worker was never killed"
    assert result.failed == 0 and result.rendered == 8
    assert sorted(p.name for p in (out / "crash").iterdir()) == [f"{i}.txt" for i in range(8)]
