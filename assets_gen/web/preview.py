"""`assets-gen preview`: the designer's loop. Edit the kit, see the assets a moment later.

One process builds the kit into the output folder, serves the contact sheet on
127.0.0.1, watches the kit folder (watchfiles) and, after each change, rebuilds
incrementally (only assets whose inputs changed are rendered: batch/jobs.py keys hash
file contents) and tells open pages to reload over Server-Sent Events (GET /events). The
served contact sheet starts with the assets the last rebuild changed. An edit that
breaks the kit (a TOML typo, a missing logo) does not stop anything: its one-line error
is shown on the page until a fix rebuilds. GET /manifest.json is the current manifest.

The build runs in a thread of its own; the web side only reads its state.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assets_gen.batch.runner import BuildOptions, BuildResult, run_build
from assets_gen.brand.loader import load_kit
from assets_gen.errors import AssetsGenError

LIVE_JS = """
const source = new EventSource("/events");
let build = null;
source.addEventListener("state", (event) => {
  const state = JSON.parse(event.data);
  if (build !== null && state.build !== build) location.reload();
  build = state.build;
});
"""

_CSS = """
#preview-status { margin: 0; padding: 12px 20px; font: 15px/1.45 system-ui, sans-serif; }
#preview-status.error { background: #fde8e8; color: #7a0c0c; border-bottom: 3px solid #C8102E; }
#preview-status.ok { background: #eef7ee; color: #1c4d1c; }
#preview-status pre { white-space: pre-wrap; margin: 6px 0 0; font: 14px/1.4 ui-monospace, monospace; }
#preview-changed { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 10px; }
#preview-changed figure { margin: 0; width: 200px; }
#preview-changed img { width: 200px; height: 200px; object-fit: contain; background: #fff; }
#preview-changed figcaption { font-size: 12px; overflow-wrap: anywhere; }
"""


@dataclass
class PreviewState:
    """What the last build found: read by the web side, written by the builder thread."""

    build: int = 0
    """Counts finished builds (and failed kit loads): pages reload when it moves on."""
    building: bool = True
    errors: list[str] = field(default_factory=list)
    """`error: ...` lines of the last build, or the one line of a kit that fails to load."""
    changed: list[str] = field(default_factory=list)
    """Paths of the assets the last build rendered anew (new or different bytes)."""
    summary: str = ""

    def event(self) -> dict[str, Any]:
        return {
            "build": self.build,
            "building": self.building,
            "errors": self.errors[:50],
            "changed": self.changed[:200],
            "summary": self.summary,
        }


class Previewer:
    """Builds the kit into `opts.out` now and after every change of the kit folder."""

    def __init__(self, brand_dir: Path | None, opts: BuildOptions) -> None:
        self.brand_dir = brand_dir
        self.opts = opts
        self.state = PreviewState()
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        self.lock = threading.Lock()

    def rebuild(self) -> None:
        """One build, whatever happens: an error becomes the state's error line."""
        with self.lock:
            self.state.building = True
            before = _hashes(self.opts.out)
            errors: list[str] = []
            summary = ""
            try:
                kit = load_kit(self.brand_dir)
                result: BuildResult = run_build(kit, self.opts)
                errors = [f"error: {err}" for err in result.errors]
                summary = result.summary()
            except AssetsGenError as err:
                errors = [f"error: {err}"]
            after = _hashes(self.opts.out)
            changed = sorted(p for p, digest in after.items() if before.get(p) != digest)
            self.state = replace(
                self.state,
                build=self.state.build + 1,
                building=False,
                errors=errors,
                changed=changed if not (errors and not summary) else self.state.changed,
                summary=summary,
            )
            event = self.state.event()
        for listener in list(self.listeners):
            listener(event)

    def watch(self, stop: threading.Event) -> None:
        """Rebuild after each batch of changes in the kit folder until `stop` is set."""
        from watchfiles import watch

        kit_dir = Path(self.brand_dir).resolve() if self.brand_dir else _default_dir()
        out = self.opts.out.resolve()

        def relevant(_change: Any, path: str) -> bool:
            p = Path(path)
            return out not in p.parents and not p.name.startswith(".") and not p.name.endswith("~")

        for _changes in watch(kit_dir, watch_filter=relevant, stop_event=stop, debounce=300, step=50):
            self.rebuild()


def _default_dir() -> Path:
    from assets_gen.resources import default_brand_dir

    return default_brand_dir()


def _hashes(out: Path) -> dict[str, str]:
    """sha256 of every asset by path, from the manifest (empty when there is none)."""
    try:
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {a["path"]: a.get("sha256", "") for a in data.get("assets", [])}


def create_app(previewer: Previewer) -> Any:
    """The preview site: the contact sheet with its status, the manifest, the events."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    out = previewer.opts.out
    out.mkdir(parents=True, exist_ok=True)

    async def index(request: Request) -> Response:
        page = out / "index.html"
        body = page.read_text(encoding="utf-8") if page.is_file() else _empty_page()
        return HTMLResponse(_with_status(body, previewer.state), headers={"cache-control": "no-store"})

    async def manifest(request: Request) -> Response:
        try:
            data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return JSONResponse({"error": "no manifest yet: the first build is running"}, status_code=404)
        return JSONResponse(data, headers={"cache-control": "no-store"})

    async def live_js(request: Request) -> Response:
        return Response(LIVE_JS, media_type="text/javascript")

    async def events(request: Request) -> Response:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

        def listener(event: dict[str, Any]) -> None:
            loop.call_soon_threadsafe(queue.put_nowait, event)

        async def stream() -> AsyncIterator[str]:
            previewer.listeners.append(listener)
            try:
                yield _sse(previewer.state.event())
                while True:
                    try:
                        event = await asyncio.wait_for(queue.get(), timeout=15)
                    except TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    yield _sse(event)
            finally:
                with contextlib.suppress(ValueError):
                    previewer.listeners.remove(listener)

        return StreamingResponse(
            stream(), media_type="text/event-stream", headers={"cache-control": "no-store"}
        )

    return Starlette(
        routes=[
            Route("/", index),
            Route("/index.html", index),
            Route("/manifest.json", manifest),
            Route("/events", events),
            Route("/_preview/live.js", live_js),
            Mount("/", StaticFiles(directory=out, check_dir=False)),
        ]
    )


def _sse(event: dict[str, Any]) -> str:
    return f"event: state\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"


def _empty_page() -> str:
    return "<!doctype html><html lang='vi'><head><meta charset='utf-8'></head><body></body></html>"


def _with_status(page: str, state: PreviewState) -> str:
    """The contact sheet with the preview's status first: the error, or what just changed."""
    if state.errors:
        lines = "\n".join(html.escape(line) for line in state.errors[:50])
        status = f"<div id='preview-status' class='error'><strong>Lỗi</strong><pre>{lines}</pre></div>"
    elif state.building and not state.build:
        status = "<div id='preview-status' class='ok'>Đang dựng lần đầu…</div>"
    else:
        figures = "".join(_figure(path, state.build) for path in state.changed[:60])
        changed = f"<div id='preview-changed'>{figures}</div>" if figures else ""
        note = f"Vừa thay đổi: {len(state.changed)}" if state.changed else "Không có gì thay đổi"
        status = (
            f"<div id='preview-status' class='ok'><strong>{note}</strong> "
            f"({html.escape(state.summary)}){changed}</div>"
        )
    status = f"<style>{_CSS}</style>{status}"
    script = "<script src='/_preview/live.js'></script>"
    head, sep, rest = page.partition("<body>")
    page = head + sep + status + rest if sep else status + page
    return page.replace("</body>", script + "</body>") if "</body>" in page else page + script


def _figure(path: str, build: int) -> str:
    """A changed asset: its image (a video's poster), fetched anew after each build."""
    src = path.removesuffix(".mp4") + ".png" if path.endswith(".mp4") else path
    link, caption = html.escape(path), html.escape(path)
    image = f"<img src='/{html.escape(src)}?build={build}' alt=''>" if src.endswith((".png", ".jpg")) else ""
    return f"<figure><a href='/{link}'>{image}</a><figcaption>{caption}</figcaption></figure>"


def run_preview(
    brand_dir: Path | None, opts: BuildOptions, host: str = "127.0.0.1", port: int = 8000
) -> None:
    """Build, then serve and watch until interrupted."""
    import uvicorn

    previewer = Previewer(brand_dir, opts)
    stop = threading.Event()

    def builder() -> None:
        previewer.rebuild()
        previewer.watch(stop)

    thread = threading.Thread(target=builder, name="preview-builder", daemon=True)
    thread.start()
    config = uvicorn.Config(
        create_app(previewer), host=host, port=port, log_level="warning", timeout_graceful_shutdown=1
    )
    try:
        uvicorn.Server(config).run()
    finally:
        stop.set()
