"""What a build did, as counts and the problems it met (light: the CLI reports it
without importing the build)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assets_gen.errors import AssetsGenError, DataWarning


@dataclass
class BuildResult:
    rendered: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[AssetsGenError] = field(default_factory=list)
    """The first KEEP_ERRORS errors, as they came."""
    warnings: list[DataWarning] = field(default_factory=list)
    """Doubts about the input that stopped nothing (reported as `warning:` lines)."""

    def summary(self) -> str:
        n = len(self.warnings)
        warned = f", {n} warning{'s' if n > 1 else ''}" if n else ""
        return (
            f"{self.rendered} rendered, {self.unchanged} unchanged, {self.failed} failed{warned} "
            f"in {self.seconds:.1f} s"
        )
