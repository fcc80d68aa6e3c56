"""How fast the member page shows its frame on a first visit, and frames phone photos,
in headless Chromium.

Run from the repository root:  python bench/page_framing.py [--runs N]

1. First visit on a slow phone network: slow 4G (150 ms round trip, 1.6 Mbps down,
   750 kbps up, DevTools' Network.emulateNetworkConditions) with the CPU 4x slower
   (Emulation.setCPUThrottlingRate), no cache, served by `assets-gen serve`: time from
   the navigation to the frame drawn on the preview (the page's `avatar-frame-shown`
   mark), for the plain page and for a unit's link (`?unit=`, which also needs the font
   and draws the unit's name). Target: 1.5 s. Reference: the same visits unthrottled.
2. Choose-to-preview for a 12-megapixel and a 108-megapixel phone photo (decode with EXIF
   rotation; over 50 MP a JPEG is decoded at reduced scale by the page's WebAssembly
   libjpeg-turbo in a worker; preview bitmap, first paint), with the renderer processes'
   peak memory and its growth over the page before the photo (`--200mp` adds a 200 MP
   photo; target: growth under 200 MB); and the 1080x1080 download (jpeg-js 4:4:4
   encode) with its size. Reference: the CLI rendering the
   12 MP photo (`render_avatar` + JPEG) in this process; the last line is the ratio.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from PIL import Image, JpegImagePlugin
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assets_gen.brand import load_kit
from assets_gen.encode import encode_jpeg
from assets_gen.render.avatar import render_avatar
from tests.webtools import DATA, PHONE, Server, launch_chromium, phone_photo

TARGET_FIRST_VISIT = 1.5
TARGET_FRAMING = 1.0
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}


BYTES: dict[str, int] = {}
SAVED: list[tuple[int, int]] = []  # (bytes, Pillow's sampling: 0 is 4:4:4) of each download


def first_visit(browser, url: str, throttled: bool) -> float:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if throttled:
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="commit")
    page.wait_for_selector("body[data-frame=shown]", timeout=60_000)
    shown = page.evaluate("() => performance.getEntriesByName('avatar-frame-shown')[0].startTime")
    BYTES[url] = page.evaluate(
        "() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]"
        ".filter(e => e.startTime <= performance.getEntriesByName('avatar-frame-shown')[0].startTime)"
        ".reduce((n, e) => n + e.transferSize, 0)"
    )
    context.close()
    return shown / 1000


class PeakMemory:
    """The largest sum of RSS of Chromium's processes (the renderer decodes the photo)."""

    def __init__(self, browser_pid: int) -> None:
        self.root = psutil.Process(browser_pid)
        self.peak = 0
        self.start = self._sample()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        try:
            kids = self.root.children(recursive=True)
            return sum(p.memory_info().rss for p in kids if "renderer" in " ".join(p.cmdline()))
        except psutil.Error:
            return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            time.sleep(0.02)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def photo_108mp(size: tuple[int, int] = (12000, 9000), quality: int = 85) -> bytes:
    """12000x9000, shown portrait (EXIF orientation 6), as a 108 MP camera mode writes."""
    base = Image.open(DATA / "astronaut.png").convert("RGB").resize(size, Image.Resampling.BILINEAR)
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    base.save(buf, "JPEG", quality=quality, exif=exif)
    return buf.getvalue()


def chromium_pid(browser) -> int:
    for p in psutil.process_iter(["pid", "name", "cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if "chromium" in cmd and "--type=" not in cmd and "--remote-debugging-pipe" in cmd:
            return p.info["pid"]
    raise RuntimeError("no Chromium process")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--200mp", dest="huge", action="store_true", help="also a 200 MP photo (16320x12240; ~600 MB to make)"
    )
    args = parser.parse_args()
    photos = {"12 MP": phone_photo(), "108 MP": photo_108mp()}
    if args.huge:
        photos["200 MP"] = photo_108mp((16320, 12240), 90)
    kit = load_kit()
    style = kit.frames[0]
    encode_jpeg(render_avatar(kit, photos["12 MP"], "p", style))  # warm the frame cache
    cli = []
    for _ in range(args.runs):
        started = time.perf_counter()
        encode_jpeg(render_avatar(kit, photos["12 MP"], "p", style))
        cli.append(time.perf_counter() - started)

    visits: dict[tuple[str, bool], list[float]] = {}
    choose: dict[str, list[float]] = {k: [] for k in photos}
    memory: dict[str, int] = dict.fromkeys(photos, 0)
    grown: dict[str, int] = dict.fromkeys(photos, 0)
    save: list[float] = []
    server = Server("--workers", "1")
    server_url = server.url
    try:
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
            browser = launch_chromium(p)
            pid = chromium_pid(browser)
            for path in ("/", "/?unit=ho-chi-minh"):  # the server draws its frames once
                first_visit(browser, server.url + path, False)
            for where, path in (("page", "/"), ("unit link", "/?unit=ho-chi-minh")):
                for throttled in (True, False):
                    visits[(where, throttled)] = [
                        first_visit(browser, server.url + path, throttled) for _ in range(args.runs)
                    ]
            for name, data in photos.items():
                path = Path(tmp) / f"IMG_{name.split()[0]}.jpg"
                path.write_bytes(data)
                for _ in range(args.runs):
                    context = browser.new_context(
                        viewport=PHONE, device_scale_factor=2, accept_downloads=True
                    )
                    page = context.new_page()
                    page.goto(server.url + "/")
                    page.wait_for_selector("body[data-frame=shown]")
                    with PeakMemory(pid) as peak:
                        page.set_input_files("#photo", path)
                        page.wait_for_selector("body[data-photo=ready]", timeout=120_000)
                    memory[name] = max(memory[name], peak.peak)
                    grown[name] = max(grown[name], peak.peak - peak.start)
                    if name == "12 MP":
                        with page.expect_download() as info:
                            page.click("#download")
                        saved = Path(info.value.path())
                        with Image.open(saved) as im:
                            sampling = JpegImagePlugin.get_sampling(im)
                        SAVED.append((saved.stat().st_size, sampling))
                    measures = dict(
                        page.evaluate(
                            "() => performance.getEntriesByType('measure').map(m => [m.name, m.duration])"
                        )
                    )
                    choose[name].append(measures["avatar-photo"] / 1000)
                    if "avatar-save" in measures:
                        save.append(measures["avatar-save"] / 1000)
                    context.close()
            browser.close()
    finally:
        server.stop()

    med = statistics.median
    load = ", ".join(f"{x:.1f}" for x in psutil.getloadavg())
    print(f"{args.runs} runs each, medians; served by assets-gen serve (gzip), no cache; load average {load}")
    for where, path in (("page", "/"), ("unit link", "/?unit=ho-chi-minh")):
        slow, fast = med(visits[(where, True)]), med(visits[(where, False)])
        print(
            f"first visit, {where}: frame on the preview after {slow:.2f} s on slow 4G + 4x CPU "
            f"(target <= {TARGET_FIRST_VISIT} s), {fast:.2f} s unthrottled; ratio {slow / fast:.1f}; "
            f"{BYTES[server_url + path] / 1000:.0f} kB transferred before it"
        )
    for name, data in photos.items():
        print(
            f"choose -> framed preview, {name} JPEG ({len(data) / 1e6:.1f} MB): {med(choose[name]):.3f} s, "
            f"renderer peak memory {memory[name] / 1e6:.0f} MB ({grown[name] / 1e6:+.0f} MB over the page "
            "before the photo)"
        )
    frame = med(choose["12 MP"]) + med(save)
    sizes = [n for n, _ in SAVED]
    kinds = {0: "4:4:4", 2: "4:2:0"}
    sampling = ", ".join(sorted({kinds.get(k, str(k)) for _, k in SAVED}))
    print(f"download (1080x1080 canvas + JPEG): {med(save):.3f} s, {med(sizes) / 1000:.0f} kB, {sampling}")
    print(f"browser: framing a 12 MP photo in all {frame:.3f} s (target < {TARGET_FRAMING} s)")
    print(f"cli: render_avatar + JPEG {med(cli):.3f} s")
    print(f"ratio browser/cli = {frame / med(cli):.2f}")


if __name__ == "__main__":
    main()
