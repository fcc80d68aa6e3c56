"""Worker processes die with the process that started them.

A build killed with SIGKILL cannot stop its workers; without this they are adopted by
PID 1 and keep rendering into the output folder. On Linux the kernel sends the worker
SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG); everywhere, and as a second line
on Linux (the signal follows the parent *thread* that forked), a daemon thread watches
the parent's pid and ends the process within `POLL` seconds of the parent going away.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL = 0.2  # seconds between looks at the parent's pid


def tie_to_parent(parent: int) -> None:
    """Call first thing in a worker; `parent` is the pid of the process that started it."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="lifeline", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL)
    os._exit(1)  # no cleanup, no flush: nothing more may be written
