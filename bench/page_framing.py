"""How fast the member page frames a 12-megapixel phone photo in headless Chromium.

Run from the repository root:  python bench/page_framing.py [--runs N]

Times, inside the page (performance.measure), choosing the photo until the framed preview
is drawn (decode with EXIF rotation, preview bitmap, first paint) and the download (the
1080x1080 canvas and its JPEG). The reference is the CLI rendering the same photo
(`render_avatar` + JPEG) in this process. Target: framing under 1 s. The last line is the
ratio browser/CLI.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assets_gen.brand import load_kit
from assets_gen.encode import encode_jpeg
from assets_gen.render.avatar import render_avatar
from tests.webtools import PHONE, Server, launch_chromium, phone_photo

TARGET_SECONDS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    photo = phone_photo()
    kit = load_kit()
    style = kit.frames[0]
    encode_jpeg(render_avatar(kit, photo, "p", style))  # warm the frame cache
    cli = []
    for _ in range(args.runs):
        started = time.perf_counter()
        encode_jpeg(render_avatar(kit, photo, "p", style))
        cli.append(time.perf_counter() - started)

    choose, save = [], []
    server = Server("--workers", "1")
    try:
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
            path = Path(tmp) / "IMG_0001.jpg"
            path.write_bytes(photo)
            browser = launch_chromium(p)
            for _ in range(args.runs):
                context = browser.new_context(viewport=PHONE, device_scale_factor=2, accept_downloads=True)
                page = context.new_page()
                page.goto(server.url + "/")
                page.wait_for_function("document.fonts.status === 'loaded'")
                page.set_input_files("#photo", path)
                page.wait_for_selector("body[data-photo=ready]")
                with page.expect_download():
                    page.click("#download")
                measures = dict(
                    page.evaluate("performance.getEntriesByType('measure').map(m => [m.name, m.duration])")
                )
                choose.append(measures["avatar-photo"] / 1000)
                save.append(measures["avatar-save"] / 1000)
                context.close()
            browser.close()
    finally:
        server.stop()

    frame = [a + b for a, b in zip(choose, save, strict=True)]
    print(f"photo: {len(photo) / 1e6:.1f} MB, 4000x3000 JPEG with EXIF rotation; {args.runs} runs, medians")
    print(f"browser: choose -> framed preview {statistics.median(choose):.3f} s")
    print(f"browser: download (1080x1080 canvas + JPEG) {statistics.median(save):.3f} s")
    print(f"browser: framing in all {statistics.median(frame):.3f} s (target < {TARGET_SECONDS} s)")
    print(f"cli: render_avatar + JPEG {statistics.median(cli):.3f} s")
    print(f"ratio browser/cli = {statistics.median(frame) / statistics.median(cli):.2f}")


if __name__ == "__main__":
    main()
