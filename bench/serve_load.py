"""Load on `assets-gen serve`: 50 concurrent clients send 1,000 uploads of 12-megapixel
phone JPEGs (one in ten of them bad) to POST /api/avatar.

Run from the repository root:  python bench/serve_load.py [--uploads N] [--clients N]

The server runs in its own process (as in production); this process is the clients.
Two runs against the same server:
- capacity: each client sends its next photo as soon as it has its answer; framed
  avatars per second (target >= 8 on a two-core machine);
- latency at the target rate: photos arrive at 8 a second, spread over the 50 clients
  (as phones do, each when its member is ready); p50 and p99 latency (target p99 < 3 s).
  The targets cannot both be read off the first run: with 50 clients that never pause,
  the mean latency is 50 / throughput (Little's law), whatever the server does.
Both report 5xx responses and connection errors (both must be 0); memory (the server's
process and its render workers) is read before and after (growth < 100 MB).
The last line is the ratio to the throughput target.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.webtools import Server, phone_photo, png_bomb

TARGET_RATE = 8.0
TARGET_P99 = 3.0
TARGET_GROWTH_MB = 100.0


def bad_uploads(good: bytes) -> list[tuple[str, bytes, dict[str, str]]]:
    """One of each kind of bad request a member's phone might send."""
    return [
        ("truncated.jpg", good[: len(good) // 3], {}),
        ("notes.jpg", b"this is not a photo\n" * 100, {}),
        ("empty.jpg", b"", {}),
        ("bomb.png", png_bomb(), {}),
        ("zoom.jpg", good, {"zoom": "12"}),
    ]


def server_memory(pid: int) -> tuple[float, float]:
    """Resident memory of the server process and of its render workers, in MB."""
    proc = psutil.Process(pid)
    workers = 0
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            workers += child.memory_info().rss
    return proc.memory_info().rss / 1e6, workers / 1e6


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU time used so far by the server process and by its render workers."""
    proc = psutil.Process(pid)
    workers = 0.0
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            t = child.cpu_times()
            workers += t.user + t.system
    t = proc.cpu_times()
    return t.user + t.system, workers


def multipart(name: str, data: bytes, fields: dict[str, str]) -> tuple[bytes, str]:
    """The request body a phone sends, encoded once (the bench loads the server, not the
    client's encoder)."""
    request = httpx.Request(
        "POST",
        "http://x/",
        files={**{k: (None, v) for k, v in fields.items()}, "photo": (name, data, "image/jpeg")},
    )
    return request.read(), request.headers["content-type"]


async def drive(url: str, uploads: list[tuple[bytes, str]], clients: int, rate: float | None = None) -> dict:
    """Send `uploads` from `clients` connections: back to back, or the i-th at i / `rate` s."""
    queue: asyncio.Queue = asyncio.Queue()
    for i, item in enumerate(uploads):
        queue.put_nowait((i / rate if rate else 0.0, item))
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    conn_errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:

        async def worker() -> None:
            nonlocal conn_errors
            while not queue.empty():
                due, (body, content_type) = queue.get_nowait()
                await asyncio.sleep(max(0.0, begun + due - time.perf_counter()))
                started = time.perf_counter()
                try:
                    r = await client.post("/api/avatar", content=body, headers={"content-type": content_type})
                    await r.aread()
                except httpx.TransportError:
                    conn_errors += 1
                    continue
                latencies.append(time.perf_counter() - started)
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

        begun = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - begun
    return {"latencies": latencies, "statuses": statuses, "conn_errors": conn_errors, "elapsed": elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--paced", type=int, default=400, help="uploads in the run at the target rate")
    args = parser.parse_args()

    print("making 12-megapixel phone photos...", flush=True)
    goods = [phone_photo(orientation=o, seed=i) for i, o in enumerate((6, 1, 8, 3, 6, 1, 6, 6))]
    good_bodies = [multipart(f"IMG_{i:04d}.jpg", g, {"y": "0.25"}) for i, g in enumerate(goods)]
    bad_bodies = [multipart(*bad) for bad in bad_uploads(goods[0])]
    uploads = [
        bad_bodies[(i // 10) % len(bad_bodies)] if i % 10 == 9 else good_bodies[i % len(good_bodies)]
        for i in range(args.uploads)
    ]
    print(f"photos: {len(goods[0]) / 1e6:.1f} MB each, 4000x3000, EXIF rotation", flush=True)

    server = Server()
    try:
        # Warm up (first frames, caches), then measure memory before the load.
        asyncio.run(drive(server.url, uploads[:8], 4))
        before = server_memory(server.process.pid)
        cpu_before = cpu_seconds(server.process.pid)
        me = psutil.Process()
        client_before = sum(me.cpu_times()[:2])
        result = asyncio.run(drive(server.url, uploads, args.clients))
        paced = asyncio.run(drive(server.url, uploads[: args.paced], args.clients, rate=TARGET_RATE))
        cpu_after = cpu_seconds(server.process.pid)
        client_cpu = sum(me.cpu_times()[:2]) - client_before
        time.sleep(1.0)
        after = server_memory(server.process.pid)
        health = httpx.get(server.url + "/healthz").status_code
    finally:
        server.stop()

    def percentiles(run: dict) -> tuple[float, float]:
        lat = sorted(run["latencies"])
        return statistics.median(lat), lat[min(len(lat) - 1, int(len(lat) * 0.99))]

    ok = result["statuses"].get(200, 0)
    fivexx = sum(n for run in (result, paced) for s, n in run["statuses"].items() if s >= 500)
    conn_errors = result["conn_errors"] + paced["conn_errors"]
    rate = ok / result["elapsed"]
    p50, p99 = percentiles(paced)
    growth = sum(after) - sum(before)
    print(
        f"capacity: {args.uploads} uploads from {args.clients} clients, back to back, "
        f"in {result['elapsed']:.1f} s"
    )
    print(f"  statuses: {dict(sorted(result['statuses'].items()))}")
    print(f"  framed avatars/s: {rate:.2f}  (target >= {TARGET_RATE})")
    print("  latency p50: {:.2f} s  p99: {:.2f} s  (= clients / throughput)".format(*percentiles(result)))
    print(
        f"at {TARGET_RATE:g} uploads/s: {args.paced} uploads from {args.clients} clients "
        f"in {paced['elapsed']:.1f} s"
    )
    print(f"  statuses: {dict(sorted(paced['statuses'].items()))}")
    print(f"  latency p50: {p50:.2f} s  p99: {p99:.2f} s  (target p99 < {TARGET_P99} s)")
    print(f"5xx responses: {fivexx}  connection errors: {conn_errors}  (both must be 0)")
    print(
        f"server memory (server + workers): {before[0]:.0f} + {before[1]:.0f} MB before, "
        f"{after[0]:.0f} + {after[1]:.0f} MB after, growth {growth:+.0f} MB"
    )
    print(
        f"CPU seconds: server {cpu_after[0] - cpu_before[0]:.1f}, "
        f"workers {cpu_after[1] - cpu_before[1]:.1f}, clients {client_cpu:.1f}; "
        f"machine load average {os.getloadavg()[0]:.1f} (2 cores)"
    )
    print(f"health after the load: {health}")
    met = (
        rate >= TARGET_RATE
        and p99 < TARGET_P99
        and fivexx == 0
        and conn_errors == 0
        and growth < TARGET_GROWTH_MB
    )
    print("targets met" if met else "TARGETS MISSED")
    print(f"ratio avatars_per_s/target = {rate / TARGET_RATE:.2f}")


if __name__ == "__main__":
    main()
