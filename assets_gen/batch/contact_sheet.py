"""OUT/index.html: every asset on one page, for designers to review before posting.

Made to stay usable with thousands of assets: it shows small WebP thumbnails (never the
full files), one collapsible section per unit with its assets grouped by kind, lazy
loading, and a filter box. Frames and avatars also get a circular preview, because that
is all Facebook and Zalo show of them; sizes whose platform crops or covers parts (covers,
stories) get an overlay, switched on with "Show crop zones", drawn from the size registry.
"""

from __future__ import annotations

import contextlib
import html
import os
from pathlib import Path
from typing import Any

from assets_gen.batch.kinds import KINDS
from assets_gen.batch.manifest import Manifest
from assets_gen.batch.store import BuildStore, from_entries
from assets_gen.batch.thumbs import THUMB_DIR, sweep, thumb_path, thumbnail_of_file
from assets_gen.encode import script_json, write_atomic
from assets_gen.layout.sizes import SIZES, Size

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
header label[hidden] { display: none; }
.nav b { padding: 0 2px; }
ul.units { list-style: none; padding: 0; columns: 2 360px; }
ul.units li { padding: 6px 0; break-inside: avoid; }
ul.units li[hidden] { display: none; }
ul.units small, .pages { color: var(--muted); }
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
  document.querySelectorAll('ul.units li').forEach(li => {
    li.hidden = !words.every(w => li.dataset.s.includes(w));
  });
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


SINGLE_PAGE = 5000  # assets on one page at most; past that, one page per unit (index.html lists them)
PAGE = 2000  # assets per page of a unit, when paginated
SHEET_DIR = "_sheet"
ERRORS_SHOWN = 1000  # the rest are in manifest.json


def write_contact_sheet(
    out: Path,
    source: Manifest | BuildStore,
    unit_names: dict[str, str] | None = None,
    single_page: int = SINGLE_PAGE,
    page: int = PAGE,
) -> Path:
    """Write OUT/index.html (and the thumbnails it lacks); return its path.

    Reads the entries as a stream (a build's store, never all of them at once); a build
    with more than `single_page` assets gets one page per unit, `page` assets per page.
    """
    if isinstance(source, Manifest):
        assets = (source.assets[p] for p in sorted(source.assets))
        with from_entries(source.brand, assets, source.errors) as store:
            path = write_contact_sheet(out, store, unit_names, single_page, page)
            source.assets.update((e["path"], e) for e in store.entries())
        return path
    store = source
    _ensure_thumbs(out, store)
    units = store.units()
    names = {slug: name for slug, name, _ in units if slug and name}
    names.update(unit_names or {})
    units.sort(key=lambda u: (u[0] != "", names.get(u[0], u[0])))
    total = sum(count for _, _, count in units)
    counts = f"{total} assets · {store.error_count()} errors"
    head = _head(store.brand, counts, store.sizes())
    written: set[str] = set()
    if total <= single_page:
        body = [_errors(store)]
        for slug, _, count in units:
            body.append(_section(store, slug, names, count, None, ""))
        _write_page(out / "index.html", head, body)
    else:
        rows = []
        for slug, _, count in units:
            pages = [_page_name(slug, n + 1) for n in range(-(-count // page))]
            links = [f"<a href='{SHEET_DIR}/{html.escape(name)}'>{n}</a>" for n, name in enumerate(pages, 1)]
            for number, name in enumerate(pages, start=1):
                section = _section(store, slug, names, count, ((number - 1) * page, page), "../")
                nav = " ".join(
                    f"<b>{n}</b>" if n == number else f"<a href='{html.escape(other)}'>{n}</a>"
                    for n, other in enumerate(pages, start=1)
                )
                back = (
                    f"<p class='nav'><a href='../index.html'>← {html.escape(store.brand)}: every unit</a>"
                    + (f" · page {number} of {len(pages)}: {nav}" if len(pages) > 1 else "")
                    + "</p>"
                )
                _write_page(out / SHEET_DIR / name, head, [back, section])
                written.add(name)
            title = html.escape(names.get(slug, slug) if slug else CAMPAIGN_WIDE)
            search = html.escape(f"{names.get(slug, '')} {slug}".lower())
            first = f"{SHEET_DIR}/{html.escape(_page_name(slug, 1))}"
            rows.append(
                f"<li data-s='{search}'><a href='{first}'>{title}</a> <small>{html.escape(slug)} · {count}"
                f"</small> <span class='pages'>{' '.join(links) if len(links) > 1 else ''}</span></li>"
            )
        body = [_errors(store), f"<ul class='units'>{''.join(rows)}</ul>"]
        _write_page(out / "index.html", _head(store.brand, counts, set(), index=True), body)
    _sweep_pages(out / SHEET_DIR, written)
    sweep(out, store.uses_thumb)
    return out / "index.html"


CAMPAIGN_WIDE = "Toàn chiến dịch (campaign-wide)"


def _page_name(slug: str, number: int) -> str:
    return f"{'unit-' + slug if slug else 'campaign'}{'-' + str(number) if number > 1 else ''}.html"


def _head(brand: str, counts: str, sizes: set[str], index: bool = False) -> str:
    """The page's head and header; an index of units has no images to show zones of."""
    brand = html.escape(brand)
    hide = " hidden" if index else ""
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{brand} – bảng xem trước</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{brand}</h1><span>{counts}</span>"
        "<input id='q' type='search' placeholder='Filter: unit, kind, size, file…' aria-label='Filter'>"
        f"<label{hide}><input id='zones' type='checkbox'> Show crop zones</label>"
        f"<label{hide}><input id='open' type='checkbox' checked> Expand all</label></header><main>"
        f"<script>const ZONES = {_zones_json(sizes)};</script>"
    )


def _errors(store: BuildStore) -> str:
    count = store.error_count()
    if not count:
        return ""
    lines = [f"<code>{html.escape(e['line'])}</code>" for e in store.errors(limit=ERRORS_SHOWN)]
    more = f"<p>… and {count - ERRORS_SHOWN} more in manifest.json</p>" if count > ERRORS_SHOWN else ""
    return f"<section class='errors'><h2>Errors</h2>{''.join(lines)}{more}</section>"


def _section(
    store: BuildStore,
    slug: str,
    names: dict[str, str],
    count: int,
    window: tuple[int, int] | None,
    prefix: str,
) -> str:
    """One unit's assets grouped by kind (`window`: offset and length of one page)."""
    title = html.escape(names.get(slug, slug) if slug else CAMPAIGN_WIDE)
    small = f" <small>{html.escape(slug)}</small>" if slug else ""
    order = "kind, path" + (f" LIMIT {int(window[1])} OFFSET {int(window[0])}" if window else "")
    parts = [f"<details class='unit' open><summary>{title}{small} <small>· {count}</small></summary>"]
    kind = None
    for entry in store.entries("unit = ?", (slug,), order=order):
        if entry["kind"] != kind:
            if kind is not None:
                parts.append("</div></div>")
            kind = entry["kind"]
            parts.append(f"<div class='kind'><h3>{html.escape(kind)}</h3><div class='grid'>")
        parts.append(_figure(entry, prefix))
    if kind is not None:
        parts.append("</div></div>")
    parts.append("</details>")
    return "".join(parts)


def _write_page(path: Path, head: str, body: list[str]) -> None:
    write_atomic(
        path, (head + "".join(body) + f"</main><script>{_JS}</script></body></html>\n").encode("utf-8")
    )


def _sweep_pages(folder: Path, keep: set[str]) -> None:
    """Pages of units a previous build had and this one does not."""
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if name not in keep:
                with contextlib.suppress(OSError):
                    (folder / name).unlink()


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")


def _figure(e: dict[str, Any], prefix: str = "") -> str:
    """One asset; `prefix` leads from the page's folder to the output folder."""
    href = html.escape(prefix + e["path"])
    shown = (
        e.get("thumb")
        or e.get("preview")
        or (e["path"] if e["path"].lower().endswith(IMAGE_SUFFIXES) else "")
    )
    src = html.escape(prefix + shown) if shown else ""
    alt = html.escape(e.get("alt", ""))
    size = SIZES.get(e.get("format", ""))
    w, h = e.get("width", 0), e.get("height", 0)
    zoned = size is not None and bool(size.zones) and (size.width, size.height) == (w, h)
    data_z = f" data-z='{html.escape(size.name)}'" if zoned and size else ""
    circle = (
        f"<img class='circle' src='{src}' alt='' loading='lazy' decoding='async'>"
        if _circle(e["kind"]) and src
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
        f" · <a href='{html.escape(prefix + preview)}'>{html.escape(preview.rsplit('/', 1)[-1])}</a>"
        if preview
        else ""
    )
    search = html.escape(" ".join(str(e.get(k) or "") for k in ("path", "kind", "format", "unit")).lower())
    return (
        f"<figure data-s='{search}'><div class='thumbs'><a class='shot' href='{href}'{data_z}>"
        f"{picture}</a>{circle}</div>"
        f"<figcaption><a href='{href}'>{html.escape(e['path'].rsplit('/', 1)[-1])}</a>{poster}<br>"
        f"{html.escape(e.get('format', ''))} · {w}×{h} · {kb:.0f} kB{encoding}"
        f"<span class='alt'>{alt}</span></figcaption></figure>"
    )


def _zones_json(sizes: set[str]) -> str:
    """Each used size's safe area and zones, in percent of the image, for the overlay."""

    def pct(x: float, y: float, w: float, h: float, size: Size) -> list[float]:
        W, H = size.width, size.height
        return [round(100 * x / W, 2), round(100 * y / H, 2), round(100 * w / W, 2), round(100 * h / H, 2)]

    data = {}
    for name in sorted(sizes):
        size = SIZES.get(name)
        if size is None or not size.zones:
            continue
        s = size.safe
        data[name] = {
            "safe": pct(s.x, s.y, s.w, s.h, size),
            "zones": [[z.name, pct(z.box.x, z.box.y, z.box.w, z.box.h, size), z.soft] for z in size.zones],
        }
    return script_json(data)


PICTURES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
"""Files a thumbnail can be made from: what the kinds write as pictures."""


def _ensure_thumbs(out: Path, store: BuildStore) -> None:
    """Make the thumbnails renderers did not (other kinds, video posters), once per content."""
    for entry in store.paged():
        thumb = entry.get("thumb")
        if thumb and (out / thumb).exists():
            continue
        source = out / (entry.get("preview") or entry["path"])
        sha = entry.get("sha256")
        picture = source.suffix.lower() in PICTURES  # captions, PDFs: not tried at every build
        data = thumbnail_of_file(source) if sha and picture and source.is_file() else None
        if data is None:
            if thumb:
                store.set_thumb(entry["path"], None)
            continue
        thumb = thumb_path(sha if not entry.get("preview") else f"p{sha}", data)
        write_atomic(out / thumb, data)
        store.set_thumb(entry["path"], thumb)


__all__ = ["THUMB_DIR", "write_contact_sheet"]


def _circle(kind: str) -> bool:
    """Whether the kind asks for a circular preview too (Kind.preview: profile pictures)."""
    found = KINDS.get(kind)
    return found is not None and found.preview == "circle"
