"""Copies of the default kit that tests can change (templates, units, brand.toml)."""

from __future__ import annotations

import shutil
from pathlib import Path

from assets_gen.resources import default_brand_dir


def copy_kit(
    dest: Path, templates: dict[str, str | bytes] | None = None, keep_templates: bool = False
) -> Path:
    """The default kit copied to `dest`; `templates` replaces its templates folder."""
    shutil.copytree(default_brand_dir(), dest)
    if templates is not None:
        folder = dest / "templates"
        if not keep_templates:
            shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(exist_ok=True)
        for name, content in templates.items():
            path = folder / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    return dest


def write_units(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["name,short_name,slug", *(",".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
