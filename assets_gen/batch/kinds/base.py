"""What an asset kind plugs into the batch: a planner and a renderer."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from assets_gen.batch.jobs import Job, Rendered
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.errors import AssetsGenError


@dataclass
class PlanContext:
    """What planners know besides the kit: the units, filters and command options."""

    kit: Kit
    units: list[Unit]
    formats: set[str] | None = None
    """Only these size names (None: all)."""
    options: dict[str, Any] = field(default_factory=dict)
    """Command-specific options (photos, style, image format...)."""

    def wants(self, size: str) -> bool:
        return self.formats is None or size in self.formats

    @cached_property
    def _directory(self) -> dict[str, Unit]:
        """Every unit known by slug, for showing names: the units being built, and the
        kit's own units file (a build for a few units still names all of them)."""
        from assets_gen.brand.units import read_units

        found: dict[str, Unit] = {}
        if self.kit.data.units is not None:
            try:
                for item in read_units(self.kit.data.units, self.kit):
                    if isinstance(item, Unit):
                        found[item.slug] = item
            except AssetsGenError:
                pass  # reported by the build's own reading of the units file
        found.update({u.slug: u for u in self.units})
        return found

    def directory(self) -> dict[str, Unit]:
        """The units by slug (read once per plan: several kinds ask)."""
        return dict(self._directory)


Plan = Callable[[PlanContext], Iterable[Job | AssetsGenError]]
Render = Callable[[Kit, Job], Rendered]
Prepare = Callable[[Kit, list[Job]], Iterable[tuple[AssetsGenError, set[str]]]]
Check = Callable[[Kit], Iterable[str]]


@dataclass(frozen=True)
class Kind:
    name: str
    plan: Plan
    render: Render
    in_build: bool = True
    """Whether `assets-gen build` makes this kind by default."""
    uses_units: bool = True
    """Whether its plan reads the units file."""
    prepare: Prepare | None = None
    """Draws what a family of jobs shares (once per family and worker, batch/pool.py) and
    yields each problem once with the paths it stops."""
    design: Callable[[Job], Hashable] | None = None
    """Which design a job is, for grouping jobs into families (batch/families.py); None:
    its file name (banner-story.png in every unit's folder is one design). Kinds whose
    file names are per row (an author's card) name the design from the job instead."""
    checks: tuple[Check, ...] = ()
    """What `assets-gen check` verifies for this kind (its templates, its data), one line
    per problem; collected from the registry by batch/check.py, never registered by import."""
    notes: tuple[Check, ...] = ()
    """What `assets-gen check` points out without failing (a photo that will look soft),
    one `warning:` line each; `build` yields the same from its plan as DataWarnings."""
    cost: float = 1.0
    """Time one asset takes against a still image of the same size (a video renders
    hundreds of frames): the costliest work starts first, and costly jobs are not batched."""
