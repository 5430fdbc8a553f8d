"""Benchmark: read, deconvolute and identify every LRCFS run (and the other real runs).

Usage: python benchmarks/gcms_identification.py [--library LIB] [--sets LRCFS_benzodiazepines ...]
Prints per-run seconds (read, deconvolution, search), component counts, and the
etizolam / internal-standard check against truth.tsv.
"""
from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def main() -> None:
    from nps_id.gcms import read_run
    from nps_id.gcms.analysis import analyse_run
    from nps_id.gcms.identify import resolve_library

    parser = argparse.ArgumentParser()
    parser.add_argument("--library", default=str(SHARED / "ms" / "bench" / "library.msp"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N LRCFS runs")
    args = parser.parse_args()
    start = time.perf_counter()
    library = resolve_library(args.library)
    print(f"library load: {time.perf_counter() - start:.2f} s ({args.library})")
    truth = {}
    with open(SHARED / "gcms" / "LRCFS_benzodiazepines" / "truth.tsv", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["compound"] == "etizolam":
                truth[row["run_file"]] = row
    runs = sorted((SHARED / "gcms" / "LRCFS_benzodiazepines").glob("*.D"))
    if args.limit:
        runs = runs[:args.limit]
    total, ok = 0.0, 0
    print(f"{'run':<14}{'read':>6}{'deconv':>8}{'search':>8}{'total':>7}{'comps':>6}  etizolam")
    for folder in runs:
        t0 = time.perf_counter()
        run = read_run(folder)
        t_read = time.perf_counter() - t0
        result = analyse_run(run, library=library, top=5)
        elapsed = time.perf_counter() - t0
        total += elapsed
        row = truth[f"{folder.name}/data.ms"]
        found = [c for c in result.components if 10.15 < c.rt_min < 10.4 and 342 in c.top_ions(3)]
        if row["present"] == "yes":
            good = any(abs(c.rt_min - float(row["rt_min"])) <= 0.05 for c in found)
            verdict = f"truth {row['rt_min']} found {[round(c.rt_min, 3) for c in found]}"
        else:
            good = not found
            verdict = "absent" + ("" if good else f" BUT found {[round(c.rt_min, 3) for c in found]}")
        ok += good
        print(f"{folder.name:<14}{t_read:6.2f}{result.timings['deconvolution']:8.2f}"
              f"{result.timings.get('search', 0):8.2f}{elapsed:7.2f}{len(result.components):6d}  "
              f"{'OK ' if good else 'BAD'} {verdict}")
    print(f"LRCFS: {len(runs)} runs, {total:.1f} s total, {total / max(len(runs), 1):.2f} s/run, "
          f"etizolam check {ok}/{len(runs)}")
    for other in ["CoreMS/GCMS_FAMEs_01_GCMS02_20200317.D", "gcmstools/datasample1.CDF",
                  "netcdf-gcms/agilent-gcms.cdf", "PyMassSpec/GC01_0812_066.D", "PyMassSpec/GECO_1_SUBTRACT.JDX"]:
        t0 = time.perf_counter()
        result = analyse_run(read_run(SHARED / "gcms" / other), library=library, top=5)
        print(f"{other}: {len(result.components)} components, {time.perf_counter() - t0:.2f} s "
              f"(deconvolution {result.timings['deconvolution']:.2f} s, search {result.timings.get('search', 0):.2f} s)")


if __name__ == "__main__":
    main()
