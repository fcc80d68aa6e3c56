"""OUT/manifest.json: what the output folder holds, and what each file was made from.

It is both the designers' index (kind, unit, size, alt text, hash of every asset) and the
build's memory: the `key` of each asset lets the next build skip what did not change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assets_gen import __version__
from assets_gen.encode import write_atomic

MANIFEST = "manifest.json"


@dataclass
class Manifest:
    brand: str
    assets: dict[str, dict[str, Any]] = field(default_factory=dict)  # by path
    errors: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> bytes:
        data = {
            "brand": self.brand,
            "tool_version": __version__,
            "assets": [self.assets[p] for p in sorted(self.assets)],
            "errors": self.errors,
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def write(self, out: Path) -> None:
        write_atomic(out / MANIFEST, self.to_json())


def load_manifest(out: Path) -> Manifest | None:
    """The previous build's manifest, or None if there is none (or it is unreadable)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        assets = {a["path"]: a for a in data["assets"] if isinstance(a, dict) and "path" in a}
        return Manifest(brand=data.get("brand", ""), assets=assets, errors=data.get("errors", []))
    except (OSError, ValueError, KeyError, TypeError):
        return None
