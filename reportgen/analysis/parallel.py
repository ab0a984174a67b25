"""Two halves of a search at once: one in this process, one in a forked helper.

Sampled betweenness and closeness on a large network are hundreds of
breadth-first searches that share nothing but the (read-only) graph. A
forked child inherits the graph without copying it, searches from half of
the sources and sends its sums back through a pipe, while this process
searches from the other half: two cores do the work of one call.

The result never depends on whether the helper ran: the two halves are
always searched apart and added in the same order (one float sum, the same
bytes on one core or two). There is no helper on one core, in a daemonic
process (a Dask worker's or a pool's: they may not have children), below
:data:`MIN_ITEMS` sources, or when the platform cannot fork; the child's
failure falls back to searching its half here.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

#: Sources below which a call stays in this process (forking costs tens of milliseconds).
MIN_ITEMS = 32


def in_two(task: Callable[[list[int]], np.ndarray], items: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """``task`` of the first half of ``items`` and of the second half, the second in a helper when worth it."""
    half = len(items) // 2
    first, second = items[:half], items[half:]
    if len(items) < MIN_ITEMS or not _may_fork():
        return task(first), task(second)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    helper = context.Process(target=_run, args=(task, second, send), daemon=True)
    helper.start()
    send.close()
    mine = task(first)
    try:
        theirs: Any = receive.recv()
    except EOFError:
        theirs = None
    finally:
        receive.close()
        helper.join()
    if not isinstance(theirs, np.ndarray):
        log.warning("search helper failed (exit code %s): searching its half here", helper.exitcode)
        theirs = task(second)
    return mine, theirs


def _may_fork() -> bool:
    """Whether a helper process may run: two cores, fork available, and not itself a daemon."""
    return ((os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


def _run(task: Callable[[list[int]], np.ndarray], items: list[int], send: Connection) -> None:
    """The helper: run ``task`` and send its result (nothing on failure: the parent sees end of file)."""
    try:
        send.send(task(items))
    except Exception:  # the parent searches this half itself; no traceback on stderr
        log.debug("search helper failed", exc_info=True)
    finally:
        send.close()
