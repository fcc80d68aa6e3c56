"""`assets-gen check` for the cards' data: guides, statistics, authors and events.

Each check reads its file the way the build will and reports every problem it finds as
one line, so a designer hears of a typo before a build, not after.
"""

from __future__ import annotations

from collections.abc import Iterator

from assets_gen.brand.authors import read_authors
from assets_gen.brand.events import event_files, load_event
from assets_gen.brand.guides import guide_files, load_guide
from assets_gen.brand.model import Kit
from assets_gen.brand.stats import StatsErrors, read_stats
from assets_gen.brand.units import Unit, read_units
from assets_gen.errors import AssetsGenError


def _units(kit: Kit) -> dict[str, Unit]:
    if kit.data.units is None:
        return {}
    try:
        return {u.slug: u for u in read_units(kit.data.units, kit) if isinstance(u, Unit)}
    except AssetsGenError:
        return {}  # the units check reports it


def check_guides(kit: Kit) -> Iterator[str]:
    for path in guide_files(kit):
        try:
            load_guide(kit, path)
        except AssetsGenError as err:
            yield str(err)


def check_events(kit: Kit) -> Iterator[str]:
    for path in event_files(kit):
        try:
            load_event(kit, path)
        except AssetsGenError as err:
            yield str(err)


def check_stats(kit: Kit) -> Iterator[str]:
    if kit.data.stats is None:
        return
    try:  # units the units file lacks are the build's warnings, not kit problems
        read_stats(kit.data.stats, _units(kit).values())
    except StatsErrors as errors:
        yield from (str(err) for err in errors.lines())
        return
    except AssetsGenError as err:
        yield str(err)
        return


def check_authors(kit: Kit) -> Iterator[str]:
    if kit.data.authors is None:
        return
    try:
        for item in read_authors(kit.data.authors, _units(kit)):
            if isinstance(item, AssetsGenError):
                yield str(item)
    except AssetsGenError as err:
        yield str(err)


CHECKS = [check_guides, check_stats, check_authors, check_events]
