"""OUT/manifest.json: what the output folder holds, and what each file was made from.

It is both the designers' index (kind, unit, size, alt text, hash of every asset) and the
build's memory: the `key` of each asset lets the next build skip what did not change.

It is written one asset per line (still one JSON document), so a build with hundreds of
thousands of assets reads and writes it as a stream, never holding it whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assets_gen import __version__
from assets_gen.encode import open_atomic

MANIFEST = "manifest.json"
_ASSETS_OPEN = ', "assets": ['
_ERRORS_OPEN = '], "errors": ['


@dataclass
class Manifest:
    """A whole manifest in memory: for small outputs and tests (builds use batch/store.py)."""

    brand: str
    assets: dict[str, dict[str, Any]] = field(default_factory=dict)  # by path
    errors: list[dict[str, str]] = field(default_factory=list)

    def write(self, out: Path) -> None:
        write_manifest(out, self.brand, (self.assets[p] for p in sorted(self.assets)), self.errors)


def write_manifest(
    out: Path, brand: str, assets: Iterable[dict[str, Any]], errors: Iterable[dict[str, str]]
) -> None:
    """Write OUT/manifest.json from streams (assets in path order), atomically."""
    with open_atomic(out / MANIFEST, text=True) as handle:
        head = json.dumps({"brand": brand, "tool_version": __version__}, ensure_ascii=False)
        handle.write(head[:-1] + _ASSETS_OPEN + "\n")
        _write_lines(handle, assets)
        handle.write(_ERRORS_OPEN + "\n")
        _write_lines(handle, errors)
        handle.write("]}\n")


def _write_lines(handle: Any, items: Iterable[dict[str, Any]]) -> None:
    first = True
    for item in items:
        if not first:
            handle.write(",\n")
        handle.write(json.dumps(item, ensure_ascii=False))
        first = False
    if not first:
        handle.write("\n")


def read_manifest(out: Path) -> tuple[str, Iterator[dict[str, Any]]] | None:
    """The previous manifest's brand and its assets as a stream, or None if there is none
    or it is unreadable. Reads the one-asset-per-line form line by line; older manifests
    (any JSON layout) are read whole."""
    path = out / MANIFEST
    try:
        with path.open(encoding="utf-8") as handle:
            first = handle.readline()
        streamed = first.startswith('{"brand": ') and first.rstrip("\n").endswith(_ASSETS_OPEN)
        if streamed:
            brand = json.loads(first.rstrip("\n")[: -len(_ASSETS_OPEN)] + "}").get("brand", "")
            return str(brand), _stream_assets(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        assets = [a for a in data["assets"] if isinstance(a, dict) and "path" in a]
        return str(data.get("brand", "")), iter(assets)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _stream_assets(path: Path) -> Iterator[dict[str, Any]]:
    """Assets line by line; a damaged line ends the stream (what came before is kept)."""
    try:
        with path.open(encoding="utf-8") as handle:
            handle.readline()
            for line in handle:
                if line.startswith("]"):
                    return
                item = json.loads(line.rstrip("\n").rstrip(","))
                if isinstance(item, dict) and "path" in item:
                    yield item
    except (OSError, ValueError):
        return


def load_manifest(out: Path) -> Manifest | None:
    """The previous build's manifest whole, or None if there is none (or it is unreadable)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        assets = {a["path"]: a for a in data["assets"] if isinstance(a, dict) and "path" in a}
        return Manifest(brand=data.get("brand", ""), assets=assets, errors=data.get("errors", []))
    except (OSError, ValueError, KeyError, TypeError):
        return None
