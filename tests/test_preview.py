"""`assets-gen preview` as a designer uses it: a real process serving a copied kit, edited
while it runs. Rendering runs in the preview process itself (--jobs 1), so its caches
must notice a logo edited in place."""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.kits import copy_kit, write_units

ROOT = Path(__file__).resolve().parent.parent
WAIT = 30.0  # seconds a change may take to show


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, queue.Queue]]:
    tmp = tmp_path_factory.mktemp("preview")
    kit = copy_kit(tmp / "kit")
    units = write_units(tmp / "units.csv", [("Công đoàn Y tế Việt Nam", "CĐ Y tế", "y-te")])
    port = free_port()
    command = [
        sys.executable, "-m", "assets_gen", "preview", "--brand", str(kit), "--out", str(tmp / "out"),
        "--port", str(port), "--only", "frame", "--units", str(units), "--jobs", "1",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    events: queue.Queue = queue.Queue()
    try:
        deadline = time.monotonic() + 120
        while True:  # the first build: four frames
            assert process.poll() is None, process.stderr.read().decode()
            try:
                if httpx.get(f"{base}/manifest.json").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the first build did not finish"
            time.sleep(0.3)
        threading.Thread(target=listen, args=(f"{base}/events", events), daemon=True).start()
        first = next_build(events, wait=120)
        assert first["build"] == 1 and not first["errors"]
        yield base, kit, events
    finally:
        process.terminate()
        process.wait(timeout=20)


def listen(url: str, events: queue.Queue) -> None:
    """Every `state` event of the stream, parsed, into the queue."""
    try:
        with httpx.stream("GET", url, timeout=None) as response:
            for line in response.iter_lines():
                if line.startswith("data: "):
                    events.put(json.loads(line.removeprefix("data: ")))
    except httpx.TransportError:
        pass  # the server stopped at the end of the tests


def next_build(events: queue.Queue, wait: float = WAIT) -> dict:
    """The state after the next build (intermediate 'building' states are skipped)."""
    deadline = time.monotonic() + wait
    while True:
        event = events.get(timeout=max(0.1, deadline - time.monotonic()))
        if not event["building"]:
            return event


def shas(base: str) -> dict[str, str]:
    return {a["path"]: a["sha256"] for a in httpx.get(f"{base}/manifest.json").json()["assets"]}


def test_an_edited_colour_rebuilds_and_reloads(preview):
    base, kit, events = preview
    before = shas(base)
    toml = kit / "brand.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('primary = "#C8102E"', 'primary = "#1F3A93"'), "utf-8")
    event = next_build(events)
    assert not event["errors"]
    after = shas(base)
    assert set(event["changed"]) == set(before) == set(after)
    assert all(after[p] != before[p] for p in before)
    page = httpx.get(f"{base}/").text
    assert "Vừa thay đổi: 4" in page and "/_preview/live.js" in page


def test_a_logo_edited_in_place_shows_up(preview):
    base, kit, events = preview
    before = shas(base)
    logo = kit / "logo-mark.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace('fill="#FFC62B"', 'fill="#2BB3FF"'), "utf-8")
    event = next_build(events)
    assert not event["errors"] and event["changed"]
    after = shas(base)
    assert all(after[p] != before[p] for p in event["changed"])


def test_a_broken_kit_shows_its_error_and_a_fix_recovers(preview):
    base, kit, events = preview
    toml = kit / "brand.toml"
    good = toml.read_text(encoding="utf-8")
    toml.write_text(good.replace("[colors]", "[colors", 1), "utf-8")
    event = next_build(events)
    assert len(event["errors"]) == 1 and "brand.toml" in event["errors"][0]
    page = httpx.get(f"{base}/").text
    assert "id='preview-status' class='error'" in page and "brand.toml" in page
    assert httpx.get(f"{base}/manifest.json").status_code == 200  # the last good build stays served

    toml.write_text(good, "utf-8")
    event = next_build(events)
    assert event["errors"] == []
    assert "class='error'" not in httpx.get(f"{base}/").text
