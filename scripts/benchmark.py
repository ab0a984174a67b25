"""Time each pipeline stage and the peak memory, per project size.

Not a test: it prints figures. Each case runs in a fresh Python process so
that its peak resident memory (``ru_maxrss``) is its own.

    .venv/bin/python scripts/benchmark.py                 # example, 5k, 50k
    .venv/bin/python scripts/benchmark.py --sizes 5000    # only a 5,000-entity project

Synthetic projects are generated (seeded) under ``bench/`` the first time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

#: Links per entity of the synthetic cases (50,000 entities → 250,000 links).
LINKS_PER_ENTITY = 5


def run_case(project: Path) -> dict:
    """Run the pipeline stages on one project in this process."""
    from reportgen.analyse import analyse
    from reportgen.load import load_project

    stages = {}
    started = time.perf_counter()
    loaded = load_project(project)
    stages["load"] = time.perf_counter() - started
    mark = time.perf_counter()
    analysis = analyse(loaded)
    stages["analyse"] = time.perf_counter() - mark
    mark = time.perf_counter()
    json.dumps(analysis.to_dict())
    stages["to_json"] = time.perf_counter() - mark
    stages["total"] = time.perf_counter() - started
    return {
        "project": str(project.relative_to(ROOT) if project.is_relative_to(ROOT) else project),
        "entities": len(loaded.entities),
        "links": len(loaded.links),
        "activities": len(loaded.activities),
        "stages": stages,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "approximations": analysis.network.approximations,
    }


def synthetic(size: int) -> Path:
    path = BENCH / f"synth-{size}"
    if not (path / "project.yaml").exists():
        from reportgen.synth import generate

        print(f"generating {path.relative_to(ROOT)} …", file=sys.stderr, flush=True)
        generate(path, entities=size, links=LINKS_PER_ENTITY * size, activities=2 * size, seed=1)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[5_000, 50_000], help="synthetic project sizes")
    parser.add_argument("--case", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)))
        return

    projects = [ROOT / "data" / "example"] + [synthetic(size) for size in args.sizes]
    results = []
    for project in projects:
        print(f"running {project.name} …", file=sys.stderr, flush=True)
        out = subprocess.run(
            [sys.executable, __file__, "--case", str(project)], check=True, capture_output=True, text=True
        )
        results.append(json.loads(out.stdout))

    stages = list(results[0]["stages"])
    header = ["project", "entities", "links", *[f"{s} s" for s in stages], "peak MiB"]
    rows = [
        [r["project"], r["entities"], r["links"], *[f"{r['stages'][s]:.2f}" for s in stages], f"{r['peak_mib']:.0f}"]
        for r in results
    ]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    for row in [header, *rows]:
        print("  ".join(str(x).rjust(w) for x, w in zip(row, widths)))
    for r in results:
        if r["approximations"]:
            print(f"{r['project']}: approximate {json.dumps(r['approximations'], sort_keys=True)}")


if __name__ == "__main__":
    main()
