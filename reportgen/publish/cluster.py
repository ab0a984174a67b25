"""Publishing on a Dask distributed cluster: one task per project and language.

``reportgen publish … --scheduler tcp://HOST:8786`` plans each project here
(load, rebuild keys, the languages to rebuild), then sends one task per
(project, language) to the cluster. A task carries the project's files and
the build options, builds that one language in a private temporary folder
on the worker (:func:`build_language`) and returns the files it wrote, as
bytes: workers need no shared file system, only the same reportgen, Python
libraries and system packages (fonts, Chromium, librsvg) as this machine.
The results are gathered here and written into the site's staging folder,
which :func:`.site.publish_site` swaps in as a local publish does: a
failed or killed run publishes nothing.

A worker that dies mid-task (killed, out of memory) loses only its task:
the scheduler gives it to another worker (up to Dask's
``distributed.scheduler.allowed-failures``, 3 by default), and a task that
raised is tried :data:`RETRIES` more times. The bytes are those of a local
publish: the same code builds the language, ``SOURCE_DATE_EPOCH`` is sent
along with the task, and the period index is written here, from the
gathered files.

Test hook: when a worker's environment has ``REPORTGEN_KILL_ONCE`` naming a
file that exists, the first task to start renames the file away and ends
its worker process at once (``os._exit``), as a killed machine would.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import ReportgenError, UsageError
from ..files import private_tempdir
from .build import BuildOptions, BuildResult, plan
from .pool import Clock
from .writer import Writer

#: How many more times a task that raised is tried (a worker's death is retried by the scheduler).
RETRIES = 2

#: Environment variables sent with each task: they change the outputs.
SENT_ENVIRONMENT = ("SOURCE_DATE_EPOCH",)

#: The test hook's environment variable (see the module).
KILL_ENV = "REPORTGEN_KILL_ONCE"

#: Seconds to wait for the scheduler before giving up.
CONNECT_TIMEOUT = "20s"

INSTALL_HINT = 'publishing on a cluster needs Dask: pip install "reportgen[cluster]"'

#: Tasks of one worker process run one at a time: a build changes the process's environment.
_ONE_AT_A_TIME = threading.Lock()


@dataclass
class LanguageResult:
    """What a task sends back: the period folder's files it wrote, by path relative to the site."""

    files: dict[str, bytes]
    timings: dict[str, float] = field(default_factory=dict)


def build_on_cluster(project_dirs: list[Path], options: BuildOptions, scheduler: str,
                     progress: Callable[[str], None] | None = None) -> list[BuildResult]:
    """Build every project's stale languages on the cluster at ``scheduler``, into ``options.out``.

    ``options`` are a site build's (``out`` is the site's staging folder,
    not atomic). Returns one result per project, as :func:`.build.build` would.
    """
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    step = progress or (lambda _: None)
    site = options.out
    plans = []
    for project_dir in project_dirs:
        todo = plan(project_dir, options)  # the loaded project is not kept: only where it goes and what to build
        plans.append((Path(project_dir), todo.writer, todo.stale))
    environment = {name: os.environ[name] for name in SENT_ENVIRONMENT if name in os.environ}
    with _connect(Client, scheduler) as client:
        futures = {}
        for project_dir, writer, stale in plans:
            # Sent with each task, not scattered: data held by one worker would die with it.
            files = _project_files(project_dir) if stale else {}
            for lang in stale:
                task_options = replace(options, only=(lang,), force=True)
                future = client.submit(build_language, files, task_options, environment, pure=False,
                                       retries=RETRIES, key=f"reportgen-{writer.final.relative_to(site)}-{lang}")
                futures[future] = (writer.final, lang)
        gathered: dict[tuple[Path, str], LanguageResult] = {}
        for future in as_completed(futures):
            folder, lang = futures.pop(future)
            gathered[folder, lang] = future.result()
            # Released once here: a worker that dies later loses only the tasks it is running, not
            # every result it finished (seen at 24 projects: 38 finished results computed again).
            future.release()
            step(f"{folder.relative_to(site)}/{lang}")
    return [_write_project(site, writer, stale, gathered, options) for _, writer, stale in plans]


@contextmanager
def _connect(client_class: Any, scheduler: str) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, closed on the way out."""
    try:
        client = client_class(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise ReportgenError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        yield client
    finally:
        client.close()


def _project_files(project_dir: Path) -> dict[str, bytes]:
    """Every file of a project folder, by path relative to it."""
    return {str(path.relative_to(project_dir)): path.read_bytes()
            for path in sorted(project_dir.rglob("*")) if path.is_file()}


def _write_project(site: Path, writer: Writer, stale: tuple[str, ...],
                   gathered: dict[tuple[Path, str], LanguageResult], options: BuildOptions) -> BuildResult:
    """Write one project's gathered files into the site's staging folder, then its period index."""
    if not stale:
        kept = sorted(p for p in writer.final.rglob("*") if p.is_file() and not p.name.startswith("."))
        return BuildResult(writer.final, kept, unchanged=True)
    clock = Clock()
    outputs: set[Path] = set()
    into_site = Writer(site, atomic=False)
    with writer:  # not atomic: the site's own writer stages and swaps
        for lang in stale:
            result = gathered[writer.final, lang]
            clock.add(result.timings)
            for name, data in sorted(result.files.items()):
                outputs.add(into_site.write(name, data))
        outputs.add(writer.write_index(options.assets_url))
    return BuildResult(writer.final, sorted(outputs), clock.timings)


def build_language(files: dict[str, bytes], options: BuildOptions, environment: dict[str, str]) -> LanguageResult:
    """The cluster task: build ``options.only``'s language of the project made of ``files``; the files written.

    Runs on a worker, in a private temporary folder removed at the end (or
    by the next task, if this worker is killed); the site's assets are
    written there too, for the PDF's stylesheet and fonts.
    """
    with _ONE_AT_A_TIME, _environment(environment), private_tempdir() as tmp:
        _kill_hook()
        project = tmp / "project"
        into_project = Writer(project, atomic=False)
        for name, data in files.items():
            into_project.write(name, data)
        site = tmp / "site"
        Writer(site, atomic=False).write_assets(with_plotly=False)
        from .build import build

        result = build(project, replace(options, out=site, fetch_root=site))
        written = {str(path.relative_to(site)): path.read_bytes()
                   for path in sorted(result.folder.rglob("*")) if path.is_file() and path.name != "index.html"}
        return LanguageResult(written, result.timings)


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set ``values`` in the environment for the block (the others of :data:`SENT_ENVIRONMENT` unset)."""
    saved = {name: os.environ.get(name) for name in SENT_ENVIRONMENT}
    for name in SENT_ENVIRONMENT:
        os.environ.pop(name, None)
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _kill_hook() -> None:
    """The test hook: end this worker process if ``REPORTGEN_KILL_ONCE`` names a file (the first task only)."""
    armed = os.environ.get(KILL_ENV)
    if not armed:
        return
    try:
        os.rename(armed, armed + ".fired")  # only one task wins the rename
    except OSError:
        return
    os._exit(1)
