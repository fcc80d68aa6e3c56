"""The contract every asset kind signs with the batch: `Kind`.

A kind declares what it needs and makes, in one typed value the registry
(batch/kinds/__init__.py) lists: its options as a dataclass, the size names it makes
(what `--sizes` selects), its kit checks (what `assets-gen check` runs), how the
contact sheet previews it, and the functions that plan its jobs and render one job.
docs/ARCHITECTURE.md, "The Kind contract", is the recipe for adding one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, Literal, TypeVar

from assets_gen.batch.jobs import Job, Rendered
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.errors import AssetsGenError

OptionsT = TypeVar("OptionsT")


@dataclass(frozen=True)
class NoOptions:
    """The options of a kind that takes none."""


@dataclass
class PlanContext:
    """What planners know besides the kit and their own options: the units and filters."""

    kit: Kit
    units: list[Unit]
    sizes: set[str] | None = None
    """Only these size names (None: all)."""
    options: dict[str, object] = field(default_factory=dict)
    """Each kind's options by kind name: an instance of its `Kind.options` (a kind not
    named plans with its defaults)."""
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """What planners computed in earlier builds of the same output folder, by a key that
    hashes its inputs (batch/memo.py keeps it on disk): see `remembered`."""
    shared: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """What the planners of one run share, computed once (the statistics file several
    kinds plan from). A new context (the build's counting pass) starts empty."""

    def options_for(self, kind: Kind[OptionsT]) -> OptionsT:
        found = self.options.get(kind.name)
        return found if found is not None else kind.options()  # type: ignore[return-value]

    def remembered(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` (a JSON value) once for every build that has the same inputs: a
        planner that must lay text out to know which sizes to make (quotes) would otherwise
        load the word segmenter in a rebuild with nothing to do. `key` hashes every input."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def wants(self, size: str) -> bool:
        return self.sizes is None or size in self.sizes

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


Plan = Callable[[PlanContext, OptionsT], Iterable[Job | AssetsGenError]]
Render = Callable[[Kit, Job], Rendered]
Prepare = Callable[[Kit, list[Job]], Iterable[tuple[AssetsGenError, set[str]]]]
Check = Callable[[Kit], Iterable[str]]


@dataclass(frozen=True)
class Kind(Generic[OptionsT]):
    name: str
    """Its name in `--only` and in the manifest's `kind`."""
    plan: Plan[OptionsT]
    """Yields the kind's jobs (or one error per bad row) for a context and its options:
    cheap, no drawing, as every build plans everything to find what changed."""
    render: Render
    """Makes one job's files, in a worker process."""
    sizes: tuple[str, ...]
    """The size names its jobs are made in (the manifest's `format`): what `--sizes`
    selects. Usually names of layout/sizes.py; videos and the page have their own."""
    options: type[OptionsT] = NoOptions  # type: ignore[assignment]
    """Its options: a dataclass whose defaults are what `build` makes; commands pass an
    instance in BuildOptions.kind_options."""
    preview: Literal["square", "circle"] = "square"
    """How the contact sheet previews it: "circle" also shows what a profile picture keeps."""
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
    owns: Callable[[dict[str, Any], PlanContext], bool] | None = None
    """Whether a previous build's manifest entry of this kind belongs to this run's plan,
    so that the run may delete it when the plan no longer has it; None: every entry does.
    A daily run (`build --date`) owns only that day's assets, not the other days'."""
    cost: float = 1.0
    """Time one asset takes against a still image of the same size (a video renders
    hundreds of frames): the costliest work starts first, and costly jobs are not batched."""
