"""Writing files so that nothing is ever half-written, and temporary files that never outlive a build."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The temporary file lives in the same directory (so the rename is atomic
    on one file system) and is removed if anything fails: readers see either
    the old file or the complete new one, never a partial file.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


#: Names of the private temporary folders (``reportgen-<pid>-<random>``), see :func:`private_tempdir`.
PRIVATE_TMP = "reportgen-"


@contextmanager
def private_tempdir(parent: Path | None = None) -> Iterator[Path]:
    """A temporary folder of this process, made the temporary folder of everything for a while.

    Inside the block, ``TMPDIR`` and :data:`tempfile.tempdir` point to a new
    ``reportgen-<pid>-<random>`` folder under ``parent`` (default: the
    temporary folder), so that what libraries leave there (WeasyPrint's
    ``weasyprint-*`` font folders, the export browser's profile) goes into
    it, from this process, its forked workers and the browser alike; it is
    removed on the way out. Such folders left under ``parent`` by processes
    that were killed are removed first. The path stays short: Chromium
    refuses a ``TMPDIR`` whose socket path would pass 107 characters.
    """
    parent = Path(tempfile.gettempdir()) if parent is None else parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f"{PRIVATE_TMP}*-*"):
        pid = stale.name.removeprefix(PRIVATE_TMP).split("-")[0]
        if stale.is_dir() and pid.isdigit() and not process_running(int(pid)):  # others' folders stay
            shutil.rmtree(stale, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{PRIVATE_TMP}{os.getpid()}-", dir=parent))
    saved = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"], tempfile.tempdir = str(folder), str(folder)
    try:
        yield folder
    finally:
        if saved[0] is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved[0]
        tempfile.tempdir = saved[1]
        shutil.rmtree(folder, ignore_errors=True)


def process_running(pid: int) -> bool:
    """Whether another process with this id is alive (the files it is writing are in use)."""
    if pid == os.getpid():
        return False  # left by an earlier, failed step of this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
