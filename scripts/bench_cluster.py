"""The cluster case of the benchmark: publishing many projects, local pool against a local Dask cluster.

Generates ``projects`` small synthetic projects (seeded, under
``bench/cluster/``), publishes them all in ``languages`` into a new site with
the local process pool, then into another site on a local cluster of two
worker processes (one task at a time each), and prints reports per minute
(a report: one report type in one language, HTML and PDF). Both publishes
run as ``reportgen publish`` in a fresh process, with the same
``SOURCE_DATE_EPOCH``; the two sites must hold the same bytes.

Called by ``scripts/benchmark.py --cluster``.
"""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Entities of each synthetic project (small: the case measures the fan-out, not one big build).
ENTITIES = 150

#: A fixed date of issue, so that both sites must be byte-identical.
EPOCH = "1780000000"


def projects(bench: Path, count: int) -> list[Path]:
    """``count`` synthetic projects under ``bench/cluster/``, generated the first time."""
    from reportgen.data.synth import generate

    paths = []
    for seed in range(1, count + 1):
        path = bench / "cluster" / f"p{seed:03d}"
        if not (path / "project.yaml").exists():
            print(f"generating {path} …", file=sys.stderr, flush=True)
            generate(path, entities=ENTITIES, links=3 * ENTITIES, activities=2 * ENTITIES, seed=seed)
        paths.append(path)
    return paths


def publish(paths: list[Path], site: Path, languages: list[str], scheduler: str | None) -> float:
    """Seconds a ``reportgen publish`` of ``paths`` into ``site`` takes."""
    command = [sys.executable, "-m", "reportgen", "publish", *map(str, paths), "--site", str(site),
               "--lang", ",".join(languages)]
    if scheduler:
        command += ["--scheduler", scheduler]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    return time.perf_counter() - started


def _children_cpu() -> float:
    """CPU seconds of this process' finished child processes (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def run(bench: Path, count: int, languages: list[str]) -> None:
    from distributed import LocalCluster

    paths = projects(bench, count)
    reports = count * len(languages) * 2
    with tempfile.TemporaryDirectory() as tmp:
        print(f"local pool: {count} projects × {len(languages)} languages …", file=sys.stderr, flush=True)
        before = _children_cpu()
        local = publish(paths, Path(tmp) / "local", languages, None)
        local_cpu = _children_cpu() - before
        print("local two-worker cluster …", file=sys.stderr, flush=True)
        before = _children_cpu()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                          local_directory=str(Path(tmp) / "dask")) as cluster:
            remote = publish(paths, Path(tmp) / "cluster", languages, cluster.scheduler_address)
        remote_cpu = _children_cpu() - before  # the workers' time counts once they have exited
        same = digest(Path(tmp) / "local") == digest(Path(tmp) / "cluster")
    one, five, _ = os.getloadavg()
    print(f"Publishing {count} projects × {len(languages)} languages ({reports} reports, HTML and PDF; "
          f"{ENTITIES} entities each; load average {one:.1f}, {five:.1f} on {os.cpu_count()} cores):")
    for name, seconds, cpu in (("local process pool", local, local_cpu),
                               ("local 2-worker Dask cluster", remote, remote_cpu)):
        print(f"  {name:28} {seconds:8.1f} s wall {cpu:8.1f} s CPU  {reports / seconds * 60:6.1f} reports/min")
    print(f"  same bytes in both sites: {'yes' if same else 'NO'}")
