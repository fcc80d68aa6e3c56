"""Real things for the web tests (and bench/serve_load.py): a uvicorn server in its own
process on a free 127.0.0.1 port, phone-sized photos, and Debian's headless Chromium."""

from __future__ import annotations

import io
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import httpx
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m assets_gen serve` on 127.0.0.1, started and stopped by the caller; its
    participation counts go to a temporary SQLite file unless `--db` is given."""

    def __init__(
        self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, port: int | None = None
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._scratch = None
        if "--db" not in args:
            self._scratch = tempfile.TemporaryDirectory(prefix="assets-gen-counts-")
            args = (*args, "--db", str(Path(self._scratch.name) / "downloads.sqlite"))
        cmd = [sys.executable, "-m", "assets_gen", "serve", "--port", str(self.port), *args]
        full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        self.log = open(os.devnull, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(cmd, cwd=cwd or ROOT, env=full_env, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 90
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("server did not start")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None


def phone_photo(size: tuple[int, int] = (4000, 3000), orientation: int = 6, seed: int = 0) -> bytes:
    """A 12-megapixel JPEG like a phone's: sensor noise (so it weighs what a phone photo
    weighs) and an EXIF rotation (stored landscape, shown portrait with orientation 6)."""
    base = Image.open(DATA / "astronaut.png").convert("RGB").resize(size, Image.Resampling.BICUBIC)
    rng = np.random.default_rng(seed)
    arr = np.asarray(base, dtype=np.int16) + rng.integers(-12, 13, size=(size[1], size[0], 1), dtype=np.int16)
    image = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x8825] = {2: (21.0, 1.0, 30.0)}  # a GPS position that must not come back
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=92, exif=exif)
    return buf.getvalue()


def png_bomb(width: int = 20000, height: int = 20000) -> bytes:
    """A tiny PNG whose header declares `width` x `height` pixels (400 megapixels)."""
    buf = io.BytesIO()
    Image.new("L", (1, 1)).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    chunk = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data[8:33] = struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return bytes(data)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
