"""Builds on a real Dask cluster (a scheduler and two worker processes on 127.0.0.1):
the same manifest and bytes as a local build, nothing lost when a worker dies, and one
clear line when the scheduler cannot be reached."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from assets_gen.batch.kinds.spotlight import SpotlightOptions
from assets_gen.batch.progress import Progress
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.resources import default_brand_dir
from tests.kits import write_units

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

UNITS = [
    ("Liên đoàn Lao động tỉnh Lạng Sơn", "LĐLĐ tỉnh Lạng Sơn", "lang-son"),
    ("Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam", "CĐ Than - Khoáng sản Việt Nam", "cd-tkv"),
    # Too long for a banner: fails on the worker, and must read as it does locally.
    ("Công đoàn " + "Rấtdàiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii" * 4, "Tên" * 40, "qua-dai"),
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang"]


def write_authors(folder: Path, rows: int) -> Path:
    """Authors whose photo lives outside the kit (it must travel to the workers)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(default_brand_dir() / "photos" / "astronaut.jpg", folder / "chan-dung.jpg")
    lines = ["name,unit,role,title,photo"]
    for i in range(rows):
        name = f"{NAMES[i % len(NAMES)]} {i + 1}"
        photo = "chan-dung.jpg" if i % 2 == 0 else ""
        lines.append(f"{name},lang-son,Kỹ sư cơ khí,Cải tiến khuôn ép nhựa số {i + 1},{photo}")
    lines.append("Người thiếu đơn vị,,Kỹ sư,Sáng kiến,")  # a bad row: the same error line either way
    path = folder / "authors.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    """The units and authors files every build of this module reads (errors name them)."""
    tmp = tmp_path_factory.mktemp("inputs")
    return write_units(tmp / "units.csv", UNITS), write_authors(tmp / "elsewhere", 12)


def options(out: Path, inputs: tuple[Path, Path], **kw) -> BuildOptions:
    return BuildOptions(
        out=out,
        only=["banner", "spotlight"],
        units_file=inputs[0],
        sizes={"mobile-banner", "fb-post", "story"},
        kind_options={"spotlight": SpotlightOptions(authors_file=inputs[1])},
        index=True,
        **kw,
    )


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    ) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def local_build(kit, inputs, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("local")
    result = run_build(kit, options(tmp / "out", inputs, jobs=2))
    return tmp / "out", result


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def assert_same_output(local: Path, remote: Path) -> None:
    expected = manifest(local)
    assert manifest(remote) == expected
    for entry in expected["assets"]:
        assert (remote / entry["path"]).read_bytes() == (local / entry["path"]).read_bytes(), entry["path"]
    assert sorted(p.name for p in (remote / "_thumbs").iterdir()) == sorted(
        p.name for p in (local / "_thumbs").iterdir()
    )


def test_a_cluster_build_gives_the_local_manifest_and_bytes(kit, cluster, inputs, local_build, tmp_path):
    local, first = local_build
    # 12 authors in two sizes; 3 banner sizes for the campaign and 3 units, less the long name's
    # two (its name fits no strip, and no post at the 28 px floor)
    assert first.rendered == 2 * 12 + 4 * 3 - 2 and first.failed == 3
    out = tmp_path / "out"
    result = run_build(kit, options(out, inputs, scheduler=cluster.scheduler_address))
    assert (result.rendered, result.unchanged, result.failed) == (first.rendered, 0, 3)
    assert_same_output(local, out)
    errors = [e["line"] for e in manifest(out)["errors"]]
    assert all(e.startswith("error: ") for e in errors)
    assert sum("does not fit" in e for e in errors) == 2
    assert sum("authors.csv:14: empty unit" in e for e in errors) == 1
    again = run_build(kit, options(out, inputs, scheduler=cluster.scheduler_address))
    assert (again.rendered, again.unchanged) == (0, first.rendered)  # incremental, as locally


class KillOnce(Progress):
    """Kills the worker process that is busy rendering, after the first finished asset."""

    def __init__(self, address: str) -> None:
        super().__init__(enabled=False)
        self.client = distributed.Client(address, set_as_default=False)
        self.pids = self.client.run(os.getpid)
        self.killed: str | None = None

    def advance(self, n: int = 1) -> None:
        super().advance(n)
        if self.killed is None and self.done:
            for address, tasks in self.client.processing().items():
                if tasks and address in self.pids:
                    os.kill(self.pids[address], signal.SIGKILL)
                    self.killed = address
                    break


def test_a_killed_worker_loses_no_asset(kit, cluster, inputs, local_build, tmp_path):
    local, first = local_build
    out = tmp_path / "out"
    progress = KillOnce(cluster.scheduler_address)
    try:
        result = run_build(kit, options(out, inputs, scheduler=cluster.scheduler_address), progress)
    finally:
        progress.client.close()
    assert progress.killed, "no worker was busy to be killed"
    assert (result.rendered, result.failed) == (first.rendered, 3)
    assert_same_output(local, out)
    assert not list(out.rglob("*.tmp"))


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    done = subprocess.run(
        [sys.executable, "-m", "assets_gen", "build", "--out", str(tmp_path / "out"), "--scheduler", address],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: --scheduler {address}: cannot reach the Dask scheduler (")
    assert not (tmp_path / "out").exists()
