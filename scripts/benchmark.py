"""Time each pipeline stage and the peak memory, per project size.

Not a test: it prints figures. Each case runs in a fresh Python process so
that its peak resident memory (``ru_maxrss``) is its own.

Two kinds of case:

- ``build``: the whole ``reportgen build`` (every available language, both
  reports, HTML and PDF) on the example and on a synthetic 5,000-entity
  project, with the time of each stage; ``pdf`` is WeasyPrint laying out and
  writing the final HTML of each PDF, so ``total / pdf`` is the overhead of
  everything else over WeasyPrint alone;
- ``analyse``: loading and analysis only, on the example and on synthetic
  projects of 5,000 and 50,000 entities (250,000 links).

    .venv/bin/python scripts/benchmark.py                 # all cases
    .venv/bin/python scripts/benchmark.py --sizes 5000    # analysis of a 5,000-entity project only

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


def run_build(project: Path) -> dict:
    """Build every report of one project in this process."""
    import tempfile

    from reportgen.build import BuildOptions, build
    from reportgen.load import load_project

    with tempfile.TemporaryDirectory() as out:
        result = build(project, BuildOptions(out=Path(out)))
    loaded = load_project(project)
    timings = result.timings
    stages = {"load": timings["load"], "analyse": timings["analyse"], "layout": timings["layout"]}
    for kind in ("figures", "svg", "html", "pdf"):
        for key, value in timings.items():
            if key.startswith(kind + ":"):
                stages[key] = value
    stages["total"] = timings["total"]
    pdf = sum(v for k, v in timings.items() if k.startswith("pdf:"))
    return {
        "project": _name(project),
        "entities": len(loaded.entities),
        "links": len(loaded.links),
        "stages": stages,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "overhead": timings["total"] / pdf if pdf else None,
        "outputs": len(result.outputs),
    }


def _name(project: Path) -> str:
    return str(project.relative_to(ROOT) if project.is_relative_to(ROOT) else project)


def run_case(project: Path) -> dict:
    """Load and analyse one project in this process."""
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
        "project": _name(project),
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


def _table(results: list[dict]) -> None:
    stages = list(dict.fromkeys(stage for r in results for stage in r["stages"]))
    header = ["project", "entities", "links", *[f"{s} s" for s in stages], "peak MiB"]
    rows = [
        [r["project"], r["entities"], r["links"],
         *[f"{r['stages'][s]:.2f}" if s in r["stages"] else "" for s in stages], f"{r['peak_mib']:.0f}"]
        for r in results
    ]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    for row in [header, *rows]:
        print("  ".join(str(x).rjust(w) for x, w in zip(row, widths)))


def _child(kind: str, project: Path) -> dict:
    print(f"{kind} {project.name} …", file=sys.stderr, flush=True)
    out = subprocess.run([sys.executable, __file__, f"--{kind}", str(project)], check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=None, help="only analyse synthetic projects of these sizes")
    parser.add_argument("--case", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)))
        return
    if args.build:
        print(json.dumps(run_build(args.build)))
        return

    example = ROOT / "data" / "example"
    if args.sizes is None:
        builds = [_child("build", p) for p in (example, synthetic(5_000))]
        print("Whole build (every available language, both reports, HTML and PDF):")
        _table(builds)
        for r in builds:
            print(f"{r['project']}: {r['outputs']} files; whole build / WeasyPrint alone = {r['overhead']:.2f}")
        print()
        sizes = [5_000, 50_000]
    else:
        sizes = args.sizes
    results = [_child("case", p) for p in [example] + [synthetic(size) for size in sizes]]
    print("Load and analysis:")
    _table(results)
    for r in results:
        if r["approximations"]:
            print(f"{r['project']}: approximate {json.dumps(r['approximations'], sort_keys=True)}")


if __name__ == "__main__":
    main()
