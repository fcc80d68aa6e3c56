"""Benchmark the batch at scale: Dask cluster against local processes, and flat memory.

Generates an authors file of plausible Vietnamese rows (names, units from the kit, job
titles, initiatives; some with the kit's photos) and renders their spotlight cards:

- with `--jobs 2` locally and on a two-worker Dask LocalCluster (processes, one thread
  each) on the same two cores: assets per second for each, and the ratio cluster/local
  wall time (target: at most 1.15, that is, the engine's overhead stays small). CPU time
  of every process involved is reported too, since other load on the machine inflates
  wall time but not CPU time;
- the client's peak memory (the RSS high-water mark of the process that runs `build`,
  workers excluded) for a small and a large authors file (target: the same within 50 MB).

Each build runs in a fresh process. The load average is printed with the figures.
Usage: python bench/scale.py [--rows 10000] [--memory-rows 2000,20000] [--formats fb-post,story]
                            [--memory-engines local,cluster] [--skip-speed] [--skip-memory]
Ratios are printed last.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Hoàng", "Bảo", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hằng",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
]
ROLES = [
    "Công nhân vận hành, Phân xưởng Cơ điện",
    "Kỹ sư công nghệ, Phòng Kỹ thuật",
    "Tổ trưởng sản xuất, Xí nghiệp May 2",
    "Giáo viên Toán, Trường THCS Nguyễn Du",
    "Điều dưỡng trưởng, Khoa Hồi sức tích cực",
    "Thợ hàn bậc 5, Đội Thi công số 1",
]
IMPROVE = ["Cải tiến", "Tự động hóa", "Số hóa", "Hợp lý hóa", "Chế tạo thiết bị cho"]
OBJECTS = [
    "khâu kiểm tra chất lượng sản phẩm",
    "quy trình bảo dưỡng băng tải",
    "việc chấm bài trắc nghiệm",
    "hệ thống cảnh báo khí mỏ",
    "dây chuyền đóng gói",
    "sổ theo dõi bệnh nhân",
    "việc thay sứ cách điện không cắt điện",
]
BENEFITS = ["làm lợi 1,2 tỷ đồng", "tiết kiệm 3.000 giờ công mỗi năm", "giảm 30% thời gian thao tác", ""]
QUOTES = [
    "Mỗi ngày bớt một thao tác thừa là người thợ đỡ vất vả hơn một chút.",
    "Sáng kiến quý nhất là sáng kiến giữ an toàn cho anh em.",
    "",
]

# Runs in a fresh interpreter: one build, then its own CPU time and peak RSS (workers
# excluded: they are children, or other processes altogether on a cluster).
_BUILD = """
import json, resource, sys, time
from pathlib import Path
from assets_gen.brand import load_kit
from assets_gen.batch.kinds.spotlight import SpotlightOptions
from assets_gen.batch.runner import BuildOptions, run_build
kit = load_kit()
out, authors, formats, scheduler = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4] or None
opts = BuildOptions(out=out, only=["spotlight"], jobs=2, sizes=set(formats.split(",")),
                    kind_options={"spotlight": SpotlightOptions(authors_file=authors)},
                    scheduler=scheduler, index=True)
t0 = time.perf_counter()
result = run_build(kit, opts)
wall = time.perf_counter() - t0
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "own": me.ru_utime + me.ru_stime, "children": kids.ru_utime + kids.ru_stime,
                  "peak_mb": me.ru_maxrss / 1024, "rendered": result.rendered, "failed": result.failed}))
"""


def write_authors(folder: Path, rows: int, seed: int = 7) -> Path:
    """`rows` plausible authors; one in four with one of the kit's photos."""
    from assets_gen.brand import load_kit
    from assets_gen.brand.units import Unit, read_units

    kit = load_kit()
    for name in ("astronaut.jpg", "camera.png"):
        shutil.copy(kit.dir / "photos" / name, folder / name)
    units = [u.slug for u in read_units(kit.data.units, kit) if isinstance(u, Unit)]
    rnd = random.Random(seed)
    path = folder / f"authors-{rows}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "name", "unit", "role", "title", "benefit", "quote", "photo"])
        for i in range(rows):
            name = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
            title = f"{rnd.choice(IMPROVE)} {rnd.choice(OBJECTS)}"
            photo = rnd.choice(["astronaut.jpg", "camera.png"]) if i % 4 == 0 else ""
            out.writerow(
                [
                    f"tg-{i + 1:06d}",
                    name,
                    rnd.choice(units),
                    rnd.choice(ROLES),
                    title,
                    rnd.choice(BENEFITS),
                    rnd.choice(QUOTES),
                    photo,
                ]
            )
    return path


def build(out: Path, authors: Path, formats: str, scheduler: str = "") -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(out), str(authors), formats, scheduler],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cluster_cpu(pids: list[int]) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000, help="authors for the speed comparison")
    parser.add_argument("--memory-rows", default="2000,20000", help="authors files for the memory comparison")
    parser.add_argument("--formats", default="fb-post,story", help="spotlight sizes to render")
    parser.add_argument(
        "--memory-engines", default="local,cluster", help="engines whose client memory to measure"
    )
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()

    import dask
    import psutil
    from distributed import Client, LocalCluster

    # Rendering is CPU-bound: the workers' statistical profiler (a stack sample every
    # 10 ms) is the engine's own overhead, and README's worker setup switches it off too.
    dask.config.set({"distributed.worker.profile.enabled": False})

    tmp = Path(tempfile.mkdtemp(prefix="assets-gen-scale-"))
    results: dict[str, dict] = {}
    try:
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
        )
        client = Client(cluster, set_as_default=False)
        worker_pids = list(client.run(os.getpid).values())
        client.close()
        me = psutil.Process()

        def on_cluster(out: Path, authors: Path) -> dict:
            before = cluster_cpu(worker_pids) + sum(me.cpu_times()[:2])
            figures = build(out, authors, args.formats, cluster.scheduler_address)
            figures["cluster_cpu"] = cluster_cpu(worker_pids) + sum(me.cpu_times()[:2]) - before
            return figures

        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if not args.skip_speed:
            authors = write_authors(tmp, args.rows)
            local = build(tmp / "local", authors, args.formats)
            print(
                f"local --jobs 2: {local['rendered']} assets in {local['wall']:.1f} s = "
                f"{local['rendered'] / local['wall']:.1f} assets/s; CPU {local['own']:.1f} s client + "
                f"{local['children']:.1f} s workers; peak client RSS {local['peak_mb']:.0f} MB; "
                f"load {os.getloadavg()[0]:.2f}"
            )
            remote = on_cluster(tmp / "cluster", authors)
            print(
                f"cluster 2 workers: {remote['rendered']} assets in {remote['wall']:.1f} s = "
                f"{remote['rendered'] / remote['wall']:.1f} assets/s; CPU {remote['own']:.1f} s client + "
                f"{remote['cluster_cpu']:.1f} s scheduler and workers; peak client RSS "
                f"{remote['peak_mb']:.0f} MB; load {os.getloadavg()[0]:.2f}"
            )
            same = _same_output(tmp / "local", tmp / "cluster")
            print(f"same manifest and bytes: {same}")
            results["speed"] = {"local": local, "cluster": remote}
        if not args.skip_memory:
            for rows in (int(r) for r in args.memory_rows.split(",")):
                authors = write_authors(tmp, rows)
                for engine in args.memory_engines.split(","):
                    out = tmp / f"mem-{engine}-{rows}"
                    figures = (
                        on_cluster(out, authors) if engine == "cluster" else build(out, authors, args.formats)
                    )
                    shutil.rmtree(out, ignore_errors=True)
                    results.setdefault("memory", {}).setdefault(engine, {})[rows] = figures
                    print(
                        f"{engine} {rows} rows: {figures['rendered']} assets in {figures['wall']:.1f} s, "
                        f"peak client RSS {figures['peak_mb']:.0f} MB; load {os.getloadavg()[0]:.2f}"
                    )
        cluster.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if "speed" in results:
        local, remote = results["speed"]["local"], results["speed"]["cluster"]
        local_cpu = local["own"] + local["children"]
        remote_cpu = remote["own"] + remote["cluster_cpu"]
        print(
            f"CPU time per asset: local {1000 * local_cpu / local['rendered']:.0f} ms, "
            f"cluster {1000 * remote_cpu / remote['rendered']:.0f} ms"
        )
        print(f"ratio cluster/local CPU time: {remote_cpu / local_cpu:.2f} (contention-free overhead)")
        print(f"ratio cluster/local wall time: {remote['wall'] / local['wall']:.2f} (target <= 1.15)")
    for engine, by_rows in results.get("memory", {}).items():
        small, large = (by_rows[r]["peak_mb"] for r in sorted(by_rows)[:: len(by_rows) - 1 or 1])
        print(
            f"client peak RSS {engine}: {small:.0f} MB for {min(by_rows)} rows, {large:.0f} MB for "
            f"{max(by_rows)} rows: difference {large - small:+.0f} MB (target within 50 MB)"
        )


def _same_output(a: Path, b: Path) -> bool:
    ma = (a / "manifest.json").read_bytes()
    if ma != (b / "manifest.json").read_bytes():
        return False
    for entry in json.loads(ma)["assets"]:
        if (a / entry["path"]).read_bytes() != (b / entry["path"]).read_bytes():
            return False
    return True


if __name__ == "__main__":
    main()
