"""Progress for long builds: a bar on a terminal, plain periodic lines in logs and CI."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts finished jobs and shows it; silent when `enabled` is False."""

    def __init__(self, enabled: bool = True, stream: TextIO | None = None, every: float = 5.0):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.every = every
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self._last = 0.0
        self._last_pct = -1

    def start(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self._show(force=True)

    def add_total(self, n: int) -> None:
        self.total += n

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._show()

    def finish(self) -> None:
        if self.tty and self.total:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _show(self, force: bool = False) -> None:
        if not self.enabled or not self.total:
            return
        now = time.monotonic()
        pct = int(100 * self.done / self.total)
        if self.tty:
            if not force and now - self._last < 0.1 and self.done < self.total:
                return
            width = 30
            filled = int(width * self.done / self.total)
            bar = "█" * filled + "░" * (width - filled)
            rate = self.done / max(now - self.started, 1e-6)
            self.stream.write(f"\r{bar} {self.done}/{self.total} ({pct}%) {rate:.1f}/s\033[K")
            self.stream.flush()
        else:
            step = pct // 10
            if force or now - self._last >= self.every or (step != self._last_pct and pct < 100):
                self.stream.write(f"progress: {self.done}/{self.total} ({pct}%)\n")
                self.stream.flush()
                self._last_pct = step
            else:
                return
        self._last = now
