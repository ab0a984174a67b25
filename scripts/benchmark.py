"""Time each pipeline stage and the peak memory, per project size.

Not a test: it prints figures. Each case runs in a fresh Python process so
that its peak resident memory (``ru_maxrss``) is its own.

Three kinds of case:

- ``build``: the whole ``reportgen build`` (every available language, both
  reports, HTML and PDF) on the example and on a synthetic 5,000-entity
  project, with the time of each stage; ``pdf`` is WeasyPrint laying out and
  writing the final HTML of each PDF, so ``total / pdf`` is the overhead of
  everything else over WeasyPrint alone;
- ``commands``: what ``reportgen validate`` and ``reportgen analyze`` do
  (each in its own process), on the example and on synthetic projects of
  5,000 and 50,000 entities (5 links and 2 activities per entity: 250,000
  links and 100,000 activities at 50,000), phase by phase: wall time, CPU
  time (user + system) and the peak resident memory at the end of the phase;
- ``tagging``: WeasyPrint's time per PDF of the example (English, both
  reports) untagged, tagged as PDF/UA-1 (the default) and as PDF/A-3a;
- ``--large``: the English build (both reports, HTML and PDF) of the
  synthetic 50,000-entity project (several minutes).

On a machine shared with other work, wall times are inflated; CPU times are
what the code costs.

    .venv/bin/python scripts/benchmark.py                 # all cases but --large
    .venv/bin/python scripts/benchmark.py --sizes 50000   # validate + analyze of 50,000 entities only
    .venv/bin/python scripts/benchmark.py --large         # the 50,000-entity English build only
    .venv/bin/python scripts/benchmark.py --ratios        # cold-build and one-edit ratios of the example only
    .venv/bin/python scripts/benchmark.py --cluster       # 24 projects × 4 languages: local pool vs Dask cluster
    .venv/bin/python scripts/benchmark.py --cluster --projects 4 --languages en,fr

Synthetic projects are generated (seeded) under ``bench/`` the first time.
"""

from __future__ import annotations

import argparse
import json
import os
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

    from reportgen.data.load import load_project
    from reportgen.publish.build import BuildOptions, build

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


def run_rebuilds(project: Path) -> dict:
    """Cold build, rebuild with nothing changed, rebuild after one French narrative edit."""
    import shutil
    import tempfile

    from reportgen.publish.build import BuildOptions, build

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(project, copy)
        options = BuildOptions(out=Path(tmp) / "out")
        cold = build(copy, options)
        started = time.perf_counter()
        unchanged = build(copy, options)
        nothing = time.perf_counter() - started
        text = (copy / "project.yaml").read_text(encoding="utf-8")
        (copy / "project.yaml").write_text(text.replace("OPAL TIDE est", "OPAL TIDE demeure", 1), encoding="utf-8")
        edited = build(copy, options)
    weasyprint = sum(v for k, v in cold.timings.items() if k.startswith("pdf:"))
    return {
        "cold": cold.timings["total"],
        "weasyprint": weasyprint,
        "unchanged": nothing,
        "unchanged_flag": unchanged.unchanged,
        "one_language_edit": edited.timings["total"],
        "edit_weasyprint": sum(v for k, v in edited.timings.items() if k.startswith("pdf:")),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_tagging(project: Path) -> dict:
    """WeasyPrint's seconds per PDF untagged, as PDF/UA-1 and as PDF/A-3a (English, both reports).

    One build; each PDF's HTML is laid out in every variant, twice, and the
    faster run of each counts (the first run of a process loads fonts).
    CPU seconds are given beside wall-clock ones: on a shared machine
    only they compare.
    """
    import tempfile

    from reportgen.publish.build import BuildOptions, build
    from reportgen.report import pdf as pdf_module

    variants = (None, "ua", "a")
    write = pdf_module.write_pdf
    runs: dict[str, list[tuple[float, float]]] = {str(v): [] for v in variants}

    def timed(html: str, base: Path, root: Path, *, identifier: bytes, variant: str | None = "ua") -> bytes:
        best: dict[str, tuple[float, float]] = {}
        kept = b""
        for _ in range(2):
            for each in variants:
                wall, cpu = time.perf_counter(), time.process_time()
                result = write(html, base, root, identifier=identifier, variant=each)
                spent = (time.perf_counter() - wall, time.process_time() - cpu)
                best[str(each)] = min(best.get(str(each), spent), spent)
                if each == variant:
                    kept = result
        for key, spent in best.items():
            runs[key].append(spent)
        return kept

    pdf_module.write_pdf = timed  # the pool imports write_pdf at call time, in this process (one language)
    try:
        with tempfile.TemporaryDirectory() as out:
            build(project, BuildOptions(out=Path(out), languages=("en",), formats=("pdf",), workers=1))
    finally:
        pdf_module.write_pdf = write
    count = len(runs["None"])
    return {"pdfs": count, "wall": {k: sum(w for w, _c in v) / count for k, v in runs.items()},
            "cpu": {k: sum(c for _w, c in v) / count for k, v in runs.items()}}


def _name(project: Path) -> str:
    return str(project.relative_to(ROOT) if project.is_relative_to(ROOT) else project)


class Phases:
    """Wall time, CPU time (with child processes') and peak memory of consecutive phases of this process."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, float]] = {}
        self._mark = self._now()

    @staticmethod
    def _now() -> tuple[float, float]:
        """Wall clock, and CPU of this process and of its finished children (the analysis' search helpers)."""
        usage = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.perf_counter(), usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime

    def end(self, name: str) -> None:
        """Close the phase ``name`` (started where the previous one ended)."""
        wall, cpu = self._now()
        self.rows[name] = {"wall": wall - self._mark[0], "cpu": cpu - self._mark[1],
                           "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
        self._mark = self._now()


def run_validate(project: Path) -> dict:
    """What ``reportgen validate`` does: read and check every file."""
    from reportgen.data.load import load_project

    phases = Phases()
    loaded = load_project(project)
    phases.end("validate")
    return {"project": _name(project), "entities": len(loaded.entities), "links": len(loaded.links),
            "activities": len(loaded.activities), "phases": phases.rows}


def run_analyze(project: Path) -> dict:
    """What ``reportgen analyze --json`` does: load, analyse the period and the previous one, assess, write JSON."""
    from reportgen.analysis import Settings
    from reportgen.analysis.edition import prepare_edition
    from reportgen.data.load import load_project
    from reportgen.data.release import Audience

    phases = Phases()
    loaded = load_project(project)
    phases.end("load")
    edition = prepare_edition(loaded, Audience(None, None), None, Settings())
    phases.end("analyse+assess")
    data = edition.analysis.to_dict()
    data["assessment"] = edition.assessment.to_dict()
    json.dumps(data, ensure_ascii=False, indent=2)
    phases.end("json")
    return {"project": _name(project), "phases": phases.rows,
            "approximations": edition.analysis.network.approximations}


def run_large_build(project: Path) -> dict:
    """The English build of one project (both reports, HTML and PDF), phases as the build times them."""
    import tempfile

    from reportgen.publish.build import BuildOptions, build

    phases = Phases()
    with tempfile.TemporaryDirectory() as out:
        result = build(project, BuildOptions(out=Path(out), languages=("en",)))
        pages = _pdf_pages(result.outputs)
    phases.end("build")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"project": _name(project), "phases": phases.rows, "stages": result.timings, "pages": pages,
            "children_cpu": children.ru_utime + children.ru_stime, "children_peak_mib": children.ru_maxrss / 1024}


def _pdf_pages(outputs: list[Path]) -> dict[str, int]:
    from pypdf import PdfReader

    return {path.name: len(PdfReader(path).pages) for path in outputs if path.suffix == ".pdf"}


def synthetic(size: int) -> Path:
    path = BENCH / f"synth-{size}"
    if not (path / "project.yaml").exists():
        from reportgen.data.synth import generate

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
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=False)]
    for row in [header, *rows]:
        print("  ".join(str(x).rjust(w) for x, w in zip(row, widths, strict=False)))


def _phase_table(results: list[dict]) -> None:
    """One line per project and phase: wall, CPU and peak memory."""
    print(f"{'project':>22}  {'phase':<16}{'wall s':>9}{'CPU s':>9}{'peak MiB':>10}")
    for r in results:
        for phase, row in r["phases"].items():
            print(f"{r['project']:>22}  {phase:<16}{row['wall']:9.2f}{row['cpu']:9.2f}{row['peak_mib']:10.0f}")
        if len(r["phases"]) > 1:
            wall = sum(row["wall"] for row in r["phases"].values())
            cpu = sum(row["cpu"] for row in r["phases"].values())
            print(f"{'':>22}  {'total':<16}{wall:9.2f}{cpu:9.2f}")


def _child(kind: str, project: Path) -> dict:
    print(f"{kind} {project.name} …", file=sys.stderr, flush=True)
    out = subprocess.run([sys.executable, __file__, f"--{kind}", str(project)], check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _load() -> str:
    """The machine's load averages now (a shared machine inflates wall times)."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f}, {five:.1f}, {fifteen:.1f} on {os.cpu_count()} cores"


def _print_tagging(r: dict) -> None:
    wall, cpu = r["wall"], r["cpu"]
    print(f"What tagging costs (WeasyPrint alone, per PDF, example, English, {r['pdfs']} PDFs):")
    for key, label in (("None", "untagged"), ("ua", "PDF/UA-1 (default)"), ("a", "PDF/A-3a (--pdf-variant a)")):
        extra = f"  ({cpu[key] / cpu['None'] - 1:+.0%} CPU)" if key != "None" else ""
        print(f"  {label:28} {cpu[key]:6.2f} s CPU, {wall[key]:6.2f} s wall{extra}")


def _rebuilds(example: Path) -> None:
    """Print the cold build, the rebuild with nothing changed and the one-edit rebuild, with their ratios."""
    r = _child("rebuilds", example)
    print(f"Rebuilds of the example (every language, both reports, HTML and PDF; {_load()}):")
    print(
        f"  cold build                      {r['cold']:7.2f} s  (WeasyPrint alone {r['weasyprint']:.2f} s, "
        f"ratio {r['cold'] / r['weasyprint']:.2f}; target 0.6)"
    )
    print(f"  nothing changed                 {r['unchanged']:7.2f} s  ({r['cold'] / r['unchanged']:.0f}x faster)")
    print(
        f"  one French narrative edited     {r['one_language_edit']:7.2f} s  (WeasyPrint alone "
        f"{r['edit_weasyprint']:.2f} s, ratio {r['one_language_edit'] / r['edit_weasyprint']:.2f}; target 1.2; "
        f"{r['cold'] / r['one_language_edit']:.1f}x faster than cold)"
    )


#: The cases run in a child process, by option.
CHILDREN = {"build": run_build, "rebuilds": run_rebuilds, "validate": run_validate, "analyze": run_analyze,
            "large-build": run_large_build, "tagging": run_tagging}


def _commands(sizes: list[int]) -> None:
    """``validate`` then ``analyze`` of the example and of synthetic projects, each in its own process."""
    print(f"reportgen validate + analyze (each in its own process; peak = at the end of the phase; {_load()}):")
    for project in [ROOT / "data" / "example"] + [synthetic(size) for size in sizes]:
        validated = _child("validate", project)
        analysed = _child("analyze", project)
        print(f"{validated['project']}: {validated['entities']} entities, {validated['links']} links, "
              f"{validated['activities']} activities")
        _phase_table([validated, analysed])
        total = [validated["phases"]["validate"], *analysed["phases"].values()]
        print(f"{'':>22}  {'validate+analyze':<16}{sum(r['wall'] for r in total):9.2f}"
              f"{sum(r['cpu'] for r in total):9.2f}{max(r['peak_mib'] for r in total):10.0f}"
              f"   (target at 50,000: 60 s, 2048 MiB; {_load()})")
        if analysed["approximations"]:
            print(f"{'':>22}  approximate: {json.dumps(analysed['approximations'], sort_keys=True)}")


def _large() -> None:
    r = _child("large-build", synthetic(50_000))
    print(f"English build of the 50,000-entity project (both reports, HTML and PDF); {_load()}:")
    _phase_table([r])
    build = r["phases"]["build"]
    print(f"  CPU {build['cpu']:.1f} s with the worker processes ({r['children_cpu']:.1f} s theirs); peak "
          f"{build['peak_mib']:.0f} MiB (main process), {r['children_peak_mib']:.0f} MiB (largest worker); "
          "target 300 s, 2048 MiB")
    stages = r["stages"]
    print("  stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()))
    print("  pages: " + ", ".join(f"{k} {v}" for k, v in r["pages"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=None,
                        help="only validate + analyze synthetic projects of these sizes")
    parser.add_argument("--large", action="store_true", help="only the English build of 50,000 entities")
    for kind in CHILDREN:
        parser.add_argument(f"--{kind}", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ratios", action="store_true", help="only the rebuilds of the example and their ratios")
    parser.add_argument("--cluster", action="store_true",
                        help="publish synthetic projects with the local pool and on a local 2-worker Dask cluster")
    parser.add_argument("--projects", type=int, default=24, help="projects of the --cluster case")
    parser.add_argument("--languages", default="en,fr,es,ar", help="languages of the --cluster case")
    args = parser.parse_args()
    for kind, run in CHILDREN.items():
        project = getattr(args, kind.replace("-", "_"))
        if project:
            print(json.dumps(run(project)))
            return
    if args.large:
        _large()
        return

    example = ROOT / "data" / "example"
    if args.cluster:
        from bench_cluster import run

        run(BENCH, args.projects, args.languages.split(","))
        return
    if args.ratios:
        _rebuilds(example)
        return
    if args.sizes is None:
        builds = [_child("build", p) for p in (example, synthetic(5_000))]
        print("Whole build (every available language, both reports, HTML and PDF):")
        _table(builds)
        for r in builds:
            print(f"{r['project']}: {r['outputs']} files; whole build / WeasyPrint alone = {r['overhead']:.2f}")
        print()
        _rebuilds(example)
        print()
        _print_tagging(_child("tagging", example))
        print()
        sizes = [5_000, 50_000]
    else:
        sizes = args.sizes
    _commands(sizes)


if __name__ == "__main__":
    main()
