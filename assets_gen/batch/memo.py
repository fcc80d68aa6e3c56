"""What planners remember between builds of one output folder (PlanContext.remembered).

A small JSON file beside the manifest (`.assets-gen-plan.json`, hidden), keyed by hashes
of the inputs, so a stale entry is never read, only left unused. A build writes it when
it learnt something new; unreadable, it is ignored and made again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assets_gen.encode import write_atomic

MEMO = ".assets-gen-plan.json"
MOST = 10_000  # entries kept: the newest (stale ones are only ever left unused)


def load_memo(out: Path) -> dict[str, Any]:
    try:
        found = json.loads((out / MEMO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def save_memo(out: Path, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Write what this build added (entries of earlier builds are kept: a build with
    --only or --sizes plans only part of the kit)."""
    if after.keys() - before.keys():
        if len(after) > MOST:
            after = dict(list(after.items())[-MOST:])
        write_atomic(out / MEMO, json.dumps(after, ensure_ascii=False, sort_keys=True).encode("utf-8"))
