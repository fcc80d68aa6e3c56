"""Jobs grouped into design-family chunks, as a stream with a bounded buffer.

A family is every job of one design: the story banner of every unit, the ring frame of
every unit. Its shared layers are drawn when its first job starts and reused for the
rest, so families, not single jobs, are handed to workers. Jobs arrive one by one from
the planner; each family's buffer is handed out as a chunk when it reaches CHUNK jobs,
the largest buffer when all of them together hold BUFFER jobs, and the rest at the end
(then split so every worker stays busy, costliest first): memory stays flat whatever the
number of rows, and a small build is grouped exactly as a whole list would be.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator

from assets_gen.batch.jobs import Job
from assets_gen.batch.kinds import KINDS
from assets_gen.layout.sizes import SIZES

Planned = tuple[Job, str]  # a job and its key
Chunk = list[Planned]

MIN_CHUNK = 16  # a family is split only into pieces this large or larger
CHUNK = 64  # a family's buffer is handed out at this many jobs while planning goes on
BUFFER = 2048  # jobs held back in all families together, at most
COSTLY = 10.0  # kinds this costly (Kind.cost) are handed out one job at a time


def family(job: Job) -> tuple[str, Hashable]:
    """The design a job belongs to: its kind and, unless the kind says otherwise, its file
    name (one per size or style)."""
    design = KINDS[job.kind].design
    return job.kind, design(job) if design is not None else job.path.rsplit("/", 1)[-1]


def stream_chunks(
    planned: Iterable[Planned], workers: int, chunk: int = CHUNK, buffer: int = BUFFER
) -> Iterator[Chunk]:
    """Chunks of design families from a stream of jobs, holding at most `buffer` jobs."""
    groups: dict[tuple[str, Hashable], Chunk] = {}
    held = 0
    for item in planned:
        job = item[0]
        costly = KINDS[job.kind].cost >= COSTLY
        group = groups.setdefault(family(job), [])
        group.append(item)
        held += 1
        if len(group) >= chunk or (costly and held >= buffer):
            held -= len(group)
            group = groups.pop(family(job))
            yield from ([[one] for one in group] if costly else [group])
        elif held >= buffer:
            largest = max(groups, key=lambda k: len(groups[k]))
            held -= len(groups[largest])
            yield from families(groups.pop(largest), workers)
    yield from families([item for group in groups.values() for item in group], workers)


def families(planned: list[Planned], workers: int) -> list[Chunk]:
    """Jobs grouped by design, split only when there are too few pieces to keep every
    worker busy (costly kinds: one job each), costliest first."""
    groups: dict[tuple[str, Hashable], Chunk] = {}
    for item in planned:
        groups.setdefault(family(item[0]), []).append(item)
    cap = max(MIN_CHUNK, math.ceil(len(planned) / max(workers * 3, 1)))
    chunks = []
    for (kind, _), group in groups.items():
        costly = KINDS[kind].cost >= COSTLY
        chunks.extend(_split(group, len(group) if costly else max(1, len(group) // cap)))
    chunks.sort(key=_estimated_cost, reverse=True)
    return chunks


def _split(group: Chunk, pieces: int) -> list[Chunk]:
    """`group` in `pieces` runs of nearly equal length."""
    size, extra = divmod(len(group), pieces)
    out, start = [], 0
    for i in range(pieces):
        end = start + size + (1 if i < extra else 0)
        out.append(group[start:end])
        start = end
    return out


def _estimated_cost(chunk: Chunk) -> float:
    job = chunk[0][0]
    size = SIZES.get(job.size)
    return len(chunk) * KINDS[job.kind].cost * (size.width * size.height if size else 1_000_000)
