"""OUT/index.html: every asset on one page, for designers to review before posting.

Made to stay usable with thousands of assets: it shows small WebP thumbnails (never the
full files), one collapsible section per unit with its assets grouped by kind, lazy
loading, and a filter box. Frames and avatars also get a circular preview, because that
is all Facebook and Zalo show of them; sizes whose platform crops or covers parts (covers,
stories) get an overlay, switched on with "Show crop zones", drawn from the size registry.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assets_gen.batch.manifest import Manifest
from assets_gen.batch.thumbs import THUMB_DIR, sweep, thumb_path, thumbnail_of_file
from assets_gen.encode import write_atomic
from assets_gen.layout.sizes import SIZES, Size

CIRCLE_KINDS = {"frame", "avatar"}

_CSS = """
:root { --ink: #16213A; --muted: #4a5572; --line: #e3e6ee; --brand: #C8102E; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--ink); background: #f6f7fb; }
header { position: sticky; top: 0; z-index: 2; padding: 14px 28px; background: var(--brand);
         color: #fff; display: flex; flex-wrap: wrap; gap: 10px 24px; align-items: center; }
header h1 { margin: 0; font-size: 20px; }
header label { display: flex; gap: 6px; align-items: center; cursor: pointer; }
header input[type=search] { padding: 6px 10px; border-radius: 6px; border: 0; min-width: 240px;
                            font: inherit; }
main { padding: 16px 28px 60px; }
details.unit { margin: 0 0 14px; background: #fff; border: 1px solid var(--line);
               border-radius: 10px; content-visibility: auto; contain-intrinsic-size: auto 600px; }
details.unit > summary { padding: 12px 16px; font-weight: 600; font-size: 17px; cursor: pointer; }
details.unit > summary small { color: var(--muted); font-weight: 400; }
.kind { padding: 0 16px 16px; }
h3 { margin: 4px 0 10px; font-size: 14px; text-transform: uppercase; letter-spacing: .06em;
     color: var(--muted); }
.errors { background: #fff4f4; border: 1px solid #f3c2c2; padding: 10px 16px; border-radius: 8px;
          margin-bottom: 14px; }
.errors code { display: block; white-space: pre-wrap; color: #8E0B20; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 14px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px; display: flex;
         flex-direction: column; gap: 6px; }
figure[hidden], .kind[hidden], details[hidden] { display: none; }
.thumbs { display: flex; gap: 8px; align-items: center; justify-content: center; min-height: 120px;
          background: repeating-conic-gradient(#eee 0% 25%, #fff 0% 50%) 0 / 16px 16px; border-radius: 6px;
          padding: 6px; }
.shot { position: relative; display: block; line-height: 0; }
.shot img { max-width: 100%; max-height: 200px; display: block; }
img.circle { border-radius: 50%; width: 88px; height: 88px; object-fit: cover;
             box-shadow: 0 0 0 3px #fff, 0 1px 6px rgba(0,0,0,.3); }
.zone, .safe { position: absolute; display: none; pointer-events: none; }
.zone { background: rgba(0, 160, 255, .38); outline: 1px solid rgba(0, 90, 200, .9); }
.zone.soft { background: repeating-linear-gradient(45deg, rgba(0, 160, 255, .3) 0 6px,
                                                   transparent 6px 12px); }
.safe { outline: 1px dashed rgba(0, 200, 90, .95); }
body.zones .zone, body.zones .safe { display: block; }
.file { font: 600 28px/1 system-ui, sans-serif; color: var(--muted); padding: 40px 0; }
figcaption { font-size: 12.5px; color: var(--muted); overflow-wrap: anywhere; }
figcaption a { color: var(--ink); font-weight: 600; }
figcaption .alt { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
                  overflow: hidden; margin-top: 3px; cursor: pointer; }
figcaption .alt.open { display: block; }
"""

_JS = """
const q = document.getElementById('q');
// Crop and UI zones come from the size registry (ZONES), drawn only when asked for.
document.getElementById('zones').addEventListener('change', e => {
  document.querySelectorAll('.shot[data-z]').forEach(shot => {
    if (shot.dataset.drawn) return;
    const z = ZONES[shot.dataset.z];
    const box = (cls, name, b) => {
      const s = document.createElement('span');
      s.className = cls; s.title = name;
      [s.style.left, s.style.top, s.style.width, s.style.height] = b.map(v => v + '%');
      shot.appendChild(s);
    };
    box('safe', 'safe area', z.safe);
    z.zones.forEach(([name, b, soft]) => box(soft ? 'zone soft' : 'zone', name, b));
    shot.dataset.drawn = 1;
  });
  document.body.classList.toggle('zones', e.target.checked);
});
document.getElementById('open').addEventListener('change', e =>
  document.querySelectorAll('details.unit').forEach(d => d.open = e.target.checked));
document.addEventListener('click', e => {
  if (e.target.classList.contains('alt')) e.target.classList.toggle('open');
});
q.addEventListener('input', () => {
  const words = q.value.toLowerCase().split(/\\s+/).filter(Boolean);
  document.querySelectorAll('details.unit').forEach(section => {
    let shown = 0;
    section.querySelectorAll('.kind').forEach(kind => {
      let here = 0;
      kind.querySelectorAll('figure').forEach(f => {
        const hit = words.every(w => f.dataset.s.includes(w));
        f.hidden = !hit; here += hit;
      });
      kind.hidden = here === 0; shown += here;
    });
    section.hidden = shown === 0;
    if (words.length && shown) section.open = true;
  });
});
"""


def write_contact_sheet(out: Path, manifest: Manifest, unit_names: dict[str, str] | None = None) -> Path:
    """Write OUT/index.html (and the thumbnails it lacks); return its path."""
    known = {
        e["unit"]: e["unit_name"] for e in manifest.assets.values() if e.get("unit") and e.get("unit_name")
    }
    unit_names = {**known, **(unit_names or {})}
    _ensure_thumbs(out, manifest.assets.values())
    groups: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for entry in manifest.assets.values():
        groups[entry.get("unit") or ""][entry["kind"]].append(entry)
    brand = html.escape(manifest.brand)
    parts = [
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{brand} – bảng xem trước</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{brand}</h1><span>{len(manifest.assets)} assets · {len(manifest.errors)} errors</span>",
        "<input id='q' type='search' placeholder='Filter: unit, kind, size, file…' aria-label='Filter'>",
        "<label><input id='zones' type='checkbox'> Show crop zones</label>",
        "<label><input id='open' type='checkbox' checked> Expand all</label></header><main>",
    ]
    if manifest.errors:
        parts.append("<section class='errors'><h2>Errors</h2>")
        parts.extend(f"<code>{html.escape(e['line'])}</code>" for e in manifest.errors)
        parts.append("</section>")
    for unit in sorted(groups, key=lambda u: (u != "", unit_names.get(u, u))):
        kinds = groups[unit]
        count = sum(len(v) for v in kinds.values())
        title = html.escape(unit_names.get(unit, unit) if unit else "Toàn chiến dịch (campaign-wide)")
        slug = f" <small>{html.escape(unit)}</small>" if unit else ""
        parts.append(f"<details class='unit' open><summary>{title}{slug} <small>· {count}</small></summary>")
        for kind in sorted(kinds):
            parts.append(f"<div class='kind'><h3>{html.escape(kind)}</h3><div class='grid'>")
            parts.extend(_figure(e) for e in sorted(kinds[kind], key=lambda e: e["path"]))
            parts.append("</div></div>")
        parts.append("</details>")
    formats = {e.get("format", "") for e in manifest.assets.values()}
    parts.append(f"</main><script>const ZONES = {_zones_json(formats)};{_JS}</script></body></html>\n")
    path = out / "index.html"
    write_atomic(path, "".join(parts).encode("utf-8"))
    sweep(out, (e["thumb"] for e in manifest.assets.values() if e.get("thumb")))
    return path


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")


def _figure(e: dict[str, Any]) -> str:
    href = html.escape(e["path"])
    shown = (
        e.get("thumb")
        or e.get("preview")
        or (e["path"] if e["path"].lower().endswith(IMAGE_SUFFIXES) else "")
    )
    src = html.escape(shown)
    alt = html.escape(e.get("alt", ""))
    size = SIZES.get(e.get("format", ""))
    w, h = e.get("width", 0), e.get("height", 0)
    zoned = size is not None and bool(size.zones) and (size.width, size.height) == (w, h)
    data_z = f" data-z='{html.escape(size.name)}'" if zoned and size else ""
    circle = (
        f"<img class='circle' src='{src}' alt='' loading='lazy' decoding='async'>"
        if e["kind"] in CIRCLE_KINDS and src
        else ""
    )
    picture = (
        f"<img src='{src}' alt='{alt}' width='{w}' height='{h}' loading='lazy' decoding='async' "
        "style='width:auto;height:auto'>"
        if src
        else f"<span class='file'>{html.escape(e['path'].rsplit('.', 1)[-1].upper())}</span>"
    )
    kb = e.get("bytes", 0) / 1000
    encoding = f" · {html.escape(e['encoding'])}" if e.get("encoding") else ""
    preview = e.get("preview")
    poster = (
        f" · <a href='{html.escape(preview)}'>{html.escape(preview.rsplit('/', 1)[-1])}</a>"
        if preview
        else ""
    )
    search = html.escape(" ".join(str(e.get(k) or "") for k in ("path", "kind", "format", "unit")).lower())
    return (
        f"<figure data-s='{search}'><div class='thumbs'><a class='shot' href='{href}'{data_z}>"
        f"{picture}</a>{circle}</div>"
        f"<figcaption><a href='{href}'>{href.rsplit('/', 1)[-1]}</a>{poster}<br>"
        f"{html.escape(e.get('format', ''))} · {w}×{h} · {kb:.0f} kB{encoding}"
        f"<span class='alt'>{alt}</span></figcaption></figure>"
    )


def _zones_json(formats: set[str]) -> str:
    """Each used size's safe area and zones, in percent of the image, for the overlay."""

    def pct(x: float, y: float, w: float, h: float, size: Size) -> list[float]:
        W, H = size.width, size.height
        return [round(100 * x / W, 2), round(100 * y / H, 2), round(100 * w / W, 2), round(100 * h / H, 2)]

    data = {}
    for name in sorted(formats):
        size = SIZES.get(name)
        if size is None or not size.zones:
            continue
        s = size.safe
        data[name] = {
            "safe": pct(s.x, s.y, s.w, s.h, size),
            "zones": [[z.name, pct(z.box.x, z.box.y, z.box.w, z.box.h, size), z.soft] for z in size.zones],
        }
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _ensure_thumbs(out: Path, entries: Iterable[dict[str, Any]]) -> None:
    """Make the thumbnails renderers did not (other kinds, video posters), once per content."""
    for entry in entries:
        thumb = entry.get("thumb")
        if thumb and (out / thumb).exists():
            continue
        source = out / (entry.get("preview") or entry["path"])
        sha = entry.get("sha256")
        if not sha or not source.is_file():
            entry.pop("thumb", None)
            continue
        data = thumbnail_of_file(source)
        if data is None:
            entry.pop("thumb", None)
            continue
        entry["thumb"] = thumb_path(sha if not entry.get("preview") else f"p{sha}", data)
        write_atomic(out / entry["thumb"], data)


__all__ = ["THUMB_DIR", "write_contact_sheet"]
