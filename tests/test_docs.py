"""Code points readers to notes that are in the repository, under headings that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*ROOT.glob("assets_gen/**/*.py"), *ROOT.glob("bench/*.py"), *ROOT.glob("tools/*.py")]


def test_no_code_points_to_notes_outside_the_repository():
    offenders = [str(p.relative_to(ROOT)) for p in SOURCES if "DESIGN.md" in p.read_text("utf-8")]
    assert offenders == []


def test_references_to_the_architecture_notes_name_a_heading_it_has():
    doc = (ROOT / "docs/ARCHITECTURE.md").read_text("utf-8")
    headings = {line.lstrip("#").strip() for line in doc.splitlines() if line.startswith("#")}
    cited = set()
    for path in SOURCES:
        text = re.sub(r"\s+", " ", path.read_text("utf-8"))
        cited |= {(path.name, m) for m in re.findall(r'docs/ARCHITECTURE\.md, "([^"]+)"', text)}
    assert cited, "the code cites the notes by section"
    assert [(f, h) for f, h in sorted(cited) if h not in headings] == []
