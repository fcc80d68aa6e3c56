"""OUT/index.html: every asset on one page, for designers to review before posting.

Frames and avatars also get a circular preview, because that is all Facebook and Zalo
will show of them.
"""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path

from assets_gen.batch.manifest import Manifest
from assets_gen.encode import write_atomic

CIRCLE_KINDS = {"frame", "avatar"}

_CSS = """
:root { --ink: #16213A; --muted: #4a5572; --line: #e3e6ee; --brand: #C8102E; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--ink); background: #f6f7fb; }
header { padding: 20px 28px; background: var(--brand); color: #fff; }
header h1 { margin: 0 0 4px; font-size: 22px; }
main { padding: 20px 28px 60px; }
h2 { margin: 28px 0 10px; font-size: 18px; border-bottom: 2px solid var(--line);
     padding-bottom: 6px; }
.errors { background: #fff4f4; border: 1px solid #f3c2c2; padding: 10px 16px; border-radius: 8px; }
.errors code { display: block; white-space: pre-wrap; color: #8E0B20; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 16px; }
figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 10px;
         padding: 10px; display: flex; flex-direction: column; gap: 8px; }
.thumbs { display: flex; gap: 8px; align-items: center; justify-content: center;
          background: repeating-conic-gradient(#eee 0% 25%, #fff 0% 50%) 0 / 16px 16px;
          border-radius: 6px; min-height: 140px; padding: 6px; }
.thumbs img { max-width: 100%; max-height: 220px; display: block; }
.thumbs img.circle { border-radius: 50%; width: 96px; height: 96px; object-fit: cover;
                     box-shadow: 0 0 0 3px #fff, 0 1px 6px rgba(0,0,0,.3); }
figcaption { font-size: 13px; color: var(--muted); }
figcaption b { color: var(--ink); }
"""


def write_contact_sheet(out: Path, manifest: Manifest) -> Path:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for entry in manifest.assets.values():
        groups[(entry.get("unit") or "", entry["kind"])].append(entry)
    parts = [
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{html.escape(manifest.brand)} – bảng xem trước</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{html.escape(manifest.brand)}</h1>"
        f"<div>{len(manifest.assets)} assets · {len(manifest.errors)} errors</div></header><main>",
    ]
    if manifest.errors:
        parts.append("<section class='errors'><h2>Errors</h2>")
        parts.extend(f"<code>{html.escape(e['line'])}</code>" for e in manifest.errors)
        parts.append("</section>")
    for (unit, kind), entries in sorted(groups.items()):
        title = f"{unit or 'campaign'} · {kind}"
        parts.append(f"<h2>{html.escape(title)}</h2><div class='grid'>")
        for e in sorted(entries, key=lambda e: e["path"]):
            src = html.escape(e["path"])
            # Assets that are not images (videos, pages) name an image to show in "preview".
            img = html.escape(e.get("preview", e["path"]))
            alt = html.escape(e.get("alt", ""))
            circle = f"<img class='circle' src='{img}' alt='' loading='lazy'>" if kind in CIRCLE_KINDS else ""
            parts.append(
                f"<figure><a class='thumbs' href='{src}'><img src='{img}' alt='{alt}' "
                f"loading='lazy'>{circle}</a><figcaption><b>{src}</b><br>"
                f"{e['format']} · {e['width']}×{e['height']} · {e.get('bytes', 0) // 1024} KB"
                f"<br>{alt}</figcaption></figure>"
            )
        parts.append("</div>")
    parts.append("</main></body></html>\n")
    path = out / "index.html"
    write_atomic(path, "".join(parts).encode("utf-8"))
    return path
