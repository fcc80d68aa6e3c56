"""Rebuild fonts/*.ttf from the npm package @fontsource/be-vietnam-pro.

Why: fontsource ships one WOFF per unicode subset; Pillow needs one font file that
covers every Vietnamese letter, so the latin, latin-ext and vietnamese subsets of each
weight are merged into one TTF.

Usage: npm pack @fontsource/be-vietnam-pro && tar xzf fontsource-*.tgz
       python tools/make_fonts.py package/files fonts
"""

import sys
import tempfile
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

WEIGHTS = {400: "Regular", 500: "Medium", 600: "SemiBold", 700: "Bold", 800: "ExtraBold"}
SUBSETS = ("latin", "latin-ext", "vietnamese")


def main(src: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for weight, name in WEIGHTS.items():
            parts = []
            for subset in SUBSETS:
                font = TTFont(src / f"be-vietnam-pro-{subset}-{weight}-normal.woff")
                font.flavor = None
                part = Path(tmp) / f"{subset}-{weight}.ttf"
                font.save(part)
                parts.append(str(part))
            merged = Merger().merge(parts)
            merged.save(dest / f"BeVietnamPro-{name}.ttf")
            print(name, len(merged.getGlyphOrder()), "glyphs")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
