"""`assets-gen check`: the kit's own checks, then every asset kind's checks.

Each kind declares its checks (batch/kinds/base.py `Kind.checks`); they are collected
from the registry here, so nothing depends on which modules were imported first.
"""

from __future__ import annotations

from assets_gen.batch.kinds import KINDS
from assets_gen.brand.lint import lint_kit
from assets_gen.brand.model import Kit


def check_kit(kit: Kit) -> list[str]:
    """Every problem found, one line each (empty when the kit is clean)."""
    problems = lint_kit(kit)
    for kind in KINDS.values():
        for check in kind.checks:
            problems.extend(check(kit))
    return problems


def check_notes(kit: Kit) -> list[str]:
    """Everything worth a look that stops nothing (printed as `warning:` lines)."""
    return [line for kind in KINDS.values() for note in kind.notes for line in note(kit)]
