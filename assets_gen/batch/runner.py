"""Run a build: plan jobs, skip the unchanged, render the rest in parallel, write safely.

- Incremental: a job whose key (all its inputs) matches the manifest and whose file is
  still there is not rendered again.
- Nothing lost: files and the manifest are written to a temporary name and renamed; the
  manifest is checkpointed every few seconds, so a killed build keeps what it finished.
- Parallel by design family (batch/families.py): in local worker processes that write
  their own files (batch/pool.py), or on a Dask cluster whose workers send the bytes back
  for this process to write (batch/cluster.py).
- Flat memory at any size: the plan is a stream, only a bounded window of jobs is in
  flight, and manifest entries live on disk (batch/store.py), not in memory.
- Bad rows and bad files become error lines; everything else is still produced.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assets_gen.batch import cluster, pool, uptodate
from assets_gen.batch.families import stream_chunks
from assets_gen.batch.jobs import Job
from assets_gen.batch.kinds import KINDS, PlanContext
from assets_gen.batch.memo import load_memo, save_memo
from assets_gen.batch.progress import Progress
from assets_gen.batch.result import BuildResult
from assets_gen.batch.store import STORE, BuildStore
from assets_gen.brand.model import Kit, file_digest
from assets_gen.brand.units import Unit, load_units
from assets_gen.errors import AssetsGenError, DataWarning
from assets_gen.resources import fonts_dir

CHECKPOINT_SECONDS = 3.0
KEEP_ERRORS = 1000  # errors kept in BuildResult (all are reported, counted and in the manifest)


@dataclass
class BuildOptions:
    out: Path
    only: list[str] | None = None
    """Kinds to make (None: every kind that `build` makes)."""
    units_file: Path | None = None
    """Units CSV (None: the kit's)."""
    sizes: set[str] | None = None
    """Size names to make (None: every size the kinds have)."""
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    prune: bool = False
    """Delete outputs of the selected kinds that the plan no longer has (build only)."""
    kind_options: dict[str, object] = field(default_factory=dict)
    """Options by kind name, each an instance of that kind's `Kind.options` dataclass
    (a kind not named is made with its defaults)."""
    index: bool = False
    """Write the contact sheet (index.html)."""
    scheduler: str | None = None
    """Dask scheduler address (tcp://HOST:PORT): render on that cluster (batch/cluster.py)."""
    record: str | None = None
    """`uptodate.options_key` of the command's options: after a build that failed nothing,
    record it so that the same command can answer a rebuild that would change nothing."""


# -- client side ---------------------------------------------------------------------


def plan_jobs(kit: Kit, kinds: list[str], ctx: PlanContext) -> Iterator[Job | AssetsGenError]:
    for name in kinds:
        kind = KINDS[name]
        try:
            yield from kind.plan(ctx, ctx.options_for(kind))
        except AssetsGenError as err:
            yield err


def check_sizes(sizes: set[str] | None, kinds: list[str]) -> None:
    """Every name of --sizes must be a size one of the kinds makes (videos and the page
    have names of their own: video-1x1, page)."""
    known = list(dict.fromkeys(size for name in kinds for size in KINDS[name].sizes))
    unknown = sorted(set(sizes or ()) - set(known))
    if unknown:
        raise AssetsGenError(
            "--sizes",
            f"unknown size {', '.join(unknown)} for {', '.join(kinds)} "
            f"(sizes: {', '.join(known)}; see `assets-gen sizes`)",
        )


def check_kind_options(options: dict[str, object]) -> None:
    """A command passes each kind the options dataclass that kind declares."""
    for name, value in options.items():
        if name not in KINDS:
            raise AssetsGenError("options", f"unknown kind {name}")
        expected = KINDS[name].options
        if not isinstance(value, expected):
            raise TypeError(f"options of kind {name}: {type(value).__name__}, not {expected.__name__}")


def selected_kinds(only: list[str] | None) -> list[str]:
    if only is None:
        return [name for name, kind in KINDS.items() if kind.in_build]
    unknown = [k for k in only if k not in KINDS]
    if unknown:
        raise AssetsGenError("--only", f"unknown kind {', '.join(unknown)} (kinds: {', '.join(KINDS)})")
    return [k for k in KINDS if k in only]


def run_build(
    kit: Kit,
    opts: BuildOptions,
    progress: Progress | None = None,
    report: Any = None,
) -> BuildResult:
    """Build the selected kinds into opts.out; `report(err)` is called for each error and
    each warning (DataWarning)."""
    started = time.monotonic()
    kinds = selected_kinds(opts.only)
    check_sizes(opts.sizes, kinds)
    check_kind_options(opts.kind_options)
    client = cluster.connect(opts.scheduler) if opts.scheduler else None  # fails fast
    try:
        opts.out.mkdir(parents=True, exist_ok=True)
        uptodate.forget(opts.out)
        remove_stale_temporaries(opts.out)
        with BuildStore(kit.campaign.name, opts.out / STORE) as store:
            build = _Build(kit, opts, kinds, store, progress or Progress(enabled=False), report)
            result = build.run(client)
    finally:
        if client is not None:
            client.close()
    if opts.record is not None and not result.failed:
        uptodate.save(
            opts.out,
            opts.record,
            folders=[kit.dir, fonts_dir()],
            inputs=[*build.inputs, *([str(opts.units_file)] if opts.units_file else [])],
            assets=result.rendered + result.unchanged,
            warnings=build.warned,
        )
    result.seconds = time.monotonic() - started
    return result


class _Build:
    """One build's state: counts, the store, the jobs in flight, checkpoints."""

    def __init__(
        self,
        kit: Kit,
        opts: BuildOptions,
        kinds: list[str],
        store: BuildStore,
        progress: Progress,
        report: Any,
    ) -> None:
        self.kit, self.opts, self.kinds, self.store = kit, opts, kinds, store
        self.progress, self.report = progress, report
        self.out = opts.out
        self.result = BuildResult()
        self.seq = 0  # place in the plan: errors are listed in this order
        self.pending: dict[str, tuple[Job, int]] = {}  # planned for rendering, not finished
        self.unit_names: dict[str, str] = {}
        self.design_problems: dict[str, int] = {}  # error line: its place in the plan
        self.last_checkpoint = time.monotonic()
        self.checkpoint_every = CHECKPOINT_SECONDS
        self.inputs: set[str] = set()  # every file a job reads
        self.warned: list[tuple[str | None, str]] = []  # every warning, as (where, what)
        self.digest = functools.lru_cache(maxsize=8192)(lambda name: file_digest(Path(name)))
        """Each input file is read (or its cached hash checked) once per build."""

    def run(self, client: Any) -> BuildResult:
        units: list[Unit] = []
        if any(KINDS[k].uses_units for k in self.kinds):
            units, unit_errors = load_units(self.kit, self.opts.units_file)
            for err in unit_errors:
                self.fail(err, self._next())
        self.unit_names = {u.slug: u.name for u in units}
        memo = load_memo(self.out)
        ctx = PlanContext(
            self.kit, units, sizes=self.opts.sizes, options=self.opts.kind_options, memo=dict(memo)
        )
        self.ctx = ctx
        self.store.load_previous(self.out)
        self.progress.start(self.count(ctx) if self.progress.enabled else 0)
        try:
            if client is not None:
                workers = max(1, sum(client.nthreads().values()))
                chunks = stream_chunks(self.planned(ctx), workers)
                messages = cluster.run(client, self.kit, chunks, self.out, self.opts.index)
            else:
                chunks = stream_chunks(self.planned(ctx), self.opts.jobs)
                messages = pool.run(self.kit, chunks, self.out, self.opts.jobs, self.opts.index)
            for message in messages:
                if isinstance(message, pool.Stopped):  # one problem of a whole design: reported once
                    seqs = [self.pending[p][1] for p in message.paths if p in self.pending]
                    self.design_problem(message.error, min(seqs, default=self.seq))
                    for path in message.paths:
                        self.pending.pop(path, None)
                        self.drop_stale(path)
                        self.progress.advance()
                else:
                    self.record(message.path, message.entry)
            self.settle_unplanned()
        finally:
            self.progress.finish()
            self.store.write_manifest(self.out)
            save_memo(self.out, memo, ctx.memo)
        if self.opts.index:
            from assets_gen.batch.contact_sheet import write_contact_sheet

            write_contact_sheet(self.out, self.store, self.unit_names)
            self.store.write_manifest(self.out)  # with the thumbnails the contact sheet made
        return self.result

    def count(self, ctx: PlanContext) -> int:
        """A counting pass (planning without hashing or rendering) gives the bar its total;
        it plans in a context of its own (what planners share starts empty again, so the
        real pass reports the same errors)."""
        counting = dataclasses.replace(ctx)
        return sum(1 for item in plan_jobs(self.kit, self.kinds, counting) if isinstance(item, Job))

    def planned(self, ctx: PlanContext) -> Iterator[tuple[Job, str]]:
        """The jobs to render, streamed from the plan; unchanged assets are kept as they are."""
        for item in plan_jobs(self.kit, self.kinds, ctx):
            if isinstance(item, DataWarning):
                self.warn(item)
                continue
            seq = self._next()
            if isinstance(item, AssetsGenError):
                self.fail(item, seq)
                continue
            self.inputs.update(item.files)
            previous = self.store.previous(item.path)
            try:
                key = item.key(self.kit, self.digest)
            except OSError as exc:
                self.fail(AssetsGenError(item.where or item.path, f"cannot be read: {exc.strerror}"), seq)
                self.drop_stale(item.path)
                self.progress.advance()
                continue
            if (
                not self.opts.force
                and previous is not None
                and previous.get("key") == key
                and _file_size(self.out / item.path) == previous.get("bytes")
            ):
                self.store.keep(item.path)
                self.warn_asset(item.path, previous)
                self.result.unchanged += 1
                self.progress.advance()
                continue
            self.pending[item.path] = (item, seq)
            yield item, key

    def record(self, path: str, outcome: dict[str, Any] | AssetsGenError) -> None:
        job, seq = self.pending.pop(path)
        if isinstance(outcome, AssetsGenError):
            self.fail(outcome, seq)
            self.drop_stale(path)
        else:
            if job.unit in self.unit_names:  # for the contact sheet's headings
                outcome["unit_name"] = self.unit_names[job.unit]
            self.store.put(outcome)
            self.warn_asset(path, outcome)
            self.result.rendered += 1
        self.progress.advance()
        if time.monotonic() - self.last_checkpoint > self.checkpoint_every:
            self.checkpoint()

    def warn_asset(self, path: str, entry: dict[str, Any]) -> None:
        """Report what a designer should look at in a finished asset: text under the size
        floor, a word broken across lines (every build, kept assets too, until fixed)."""
        for what in entry.get("warnings", ()):
            self.warn(DataWarning(path, what))

    def checkpoint(self) -> None:
        """Save the manifest so far; as it grows, checkpoints get rarer (at most ~10% of
        the build's time goes to them)."""
        began = time.monotonic()
        self.store.write_manifest(self.out)
        self.last_checkpoint = time.monotonic()
        self.checkpoint_every = max(CHECKPOINT_SECONDS, 10 * (self.last_checkpoint - began))

    def settle_unplanned(self) -> None:
        """What this run did not plan is kept as it is, unless it is in the run's scope (its
        kinds and sizes, all units) and the plan no longer has it: then it is deleted."""
        for entry in self.store.unplanned():
            path = entry["path"]
            if not (self.out / path).exists():
                self.store.drop(path)
            elif self.opts.prune and _in_scope(entry, self.kinds, self.opts, self.ctx):
                self.store.drop(path)
                _remove_outputs(self.out, entry)
            else:
                self.store.keep(path)

    def fail(self, err: AssetsGenError, seq: int) -> None:
        result = self.result
        if len(result.errors) < KEEP_ERRORS:
            result.errors.append(err)
        result.failed += 1
        self.store.add_error(seq, _error_entry(err))
        if self.report:
            self.report(err)

    def warn(self, warning: DataWarning) -> None:
        self.warned.append((warning.where, warning.what))
        if len(self.result.warnings) < KEEP_ERRORS:
            self.result.warnings.append(warning)
        if self.report:
            self.report(warning)

    def design_problem(self, err: AssetsGenError, seq: int) -> None:
        """A family's problem is one error however many chunks the family spans; it takes
        the place of the family's first asset in the plan, whichever chunk said it first."""
        line = _error_entry(err)["line"]
        known = self.design_problems.get(line)
        if known is None:
            self.design_problems[line] = seq
            self.fail(err, seq)
        elif seq < known:
            self.design_problems[line] = seq
            self.store.move_error(line, seq)

    def drop_stale(self, path: str) -> None:
        """The output folder never shows an asset the last build could not make."""
        stale = self.store.drop(path)
        if stale:
            _remove_outputs(self.out, stale)

    def _next(self) -> int:
        self.seq += 1
        return self.seq


def _error_entry(err: AssetsGenError) -> dict[str, str]:
    return {"where": err.where or "", "message": err.what, "line": f"error: {err}"}


def _in_scope(entry: dict[str, Any], kinds: list[str], opts: BuildOptions, ctx: PlanContext) -> bool:
    """Whether a previous asset belongs to what this run builds (and may be pruned)."""
    kind = entry.get("kind")
    return (
        kind in kinds
        and (opts.sizes is None or entry.get("format") in opts.sizes)
        and opts.units_file is None
        and (KINDS[kind].owns is None or KINDS[kind].owns(entry, ctx))
    )


def remove_stale_temporaries(out: Path) -> None:
    """Delete the temporary files a killed build left (`.NAME.XXXX.tmp`, see write_atomic)."""
    for folder, _dirs, names in os.walk(out):
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))


def _file_size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _remove_outputs(out: Path, entry: dict[str, Any]) -> None:
    for rel in [entry["path"], *entry.get("files", [])]:
        with contextlib.suppress(OSError):
            (out / rel).unlink()
