"""Every asset kind the batch knows, in build order."""

from assets_gen.batch.kinds import avatar, frame, video
from assets_gen.batch.kinds.base import Kind, PlanContext

KINDS: dict[str, Kind] = {k.name: k for k in (frame.KIND, avatar.KIND, video.KIND)}

__all__ = ["KINDS", "Kind", "PlanContext"]
