"""Speed and exactness of the analogue (hybrid similarity) search on the bench library.

    python benchmarks/analogue_speed.py [--queries 20] [--reference 5]

Imports ``../shared/data/ms/bench/library.msp`` into a temporary library (read in place), then
in one run: times the compiled pass (:func:`nps_id.unknowns.analogues.score_rows`, every library
spectrum scored) and the whole :func:`find_analogues` call per query, times the plain
Python/numpy reference (:func:`reference_score` on every library spectrum) on a few of the same
queries, checks that both give the same scores, and prints the ratio.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nps_id.io.msp import read_msp  # noqa: E402
from nps_id.library.store import open_library  # noqa: E402
from nps_id.ms.filters import prepare_ei_spectrum  # noqa: E402
from nps_id.search.index_cache import ms_index  # noqa: E402
from nps_id.unknowns.analogues import find_analogues, library_masses, reference_score, score_rows  # noqa: E402
from nps_id.unknowns.molecular_ion import estimate_molecular_ion  # noqa: E402

DATA = Path(os.environ.get("NPS_ID_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--reference", type=int, default=5)
    args = parser.parse_args()
    bench = DATA / "ms" / "bench"
    queries, _ = read_msp(bench / "queries.msp")
    with tempfile.TemporaryDirectory() as tmp:
        library = open_library(Path(tmp) / "bench.sqlite", create=True)
        t0 = time.perf_counter()
        library.import_files([bench / "library.msp"])
        index = ms_index(library)
        t1 = time.perf_counter()
        masses = library_masses(library, index)
        t2 = time.perf_counter()
        print(f"library: {index.size} spectra, import+index {t1 - t0:.1f} s, nominal masses {t2 - t1:.2f} s "
              f"({int((masses.mass >= 0).sum())} known)")
        picked = queries[:: max(1, len(queries) // args.queries)][: args.queries]
        unknown_mass = [estimate_molecular_ion(q).nominal_mass for q in picked]
        score_rows(index, masses, picked[0], unknown_mass[0] or 100)  # compile / load the kernel
        kernel_ms, find_ms = [], []
        for q, mass in zip(picked, unknown_mass):
            t = time.perf_counter()
            score_rows(index, masses, q, mass)
            kernel_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            find_analogues(library, q, top=10)
            find_ms.append((time.perf_counter() - t) * 1000)
        # linear in library size: the same pass over a quarter, half and all of the rows
        for share in (4, 2, 1):
            rows = np.arange(index.size // share)
            t = time.perf_counter()
            for q, mass in zip(picked, unknown_mass):
                score_rows(index, masses, q, mass, rows)
            print(f"  pass over {rows.size} rows: {(time.perf_counter() - t) / len(picked) * 1000:.1f} ms/query")
        matrix = index.matrix
        ref_ms, worst = [], 0.0
        for q, mass in list(zip(picked, unknown_mass))[: args.reference]:
            prepared = prepare_ei_spectrum(q, index.params.noise_threshold)
            t = time.perf_counter()
            ref = np.empty(index.size)
            for row in range(index.size):
                lib_mass = int(masses.mass[row])
                s, e = matrix.indptr[row], matrix.indptr[row + 1]
                delta = None if (mass is None or lib_mass < 0) else mass - lib_mass
                ref[row] = reference_score(prepared.x, prepared.y, matrix.indices[s:e], matrix.data[s:e], delta)[0]
            ref_ms.append((time.perf_counter() - t) * 1000)
            _, fast, _, _ = score_rows(index, masses, q, mass)
            worst = max(worst, float(np.max(np.abs(fast - ref))))
        k, f, r = np.median(kernel_ms), np.median(find_ms), np.median(ref_ms)
        print(f"compiled pass, every library spectrum: median {k:.1f} ms, p95 {np.percentile(kernel_ms, 95):.1f} ms "
              f"({len(picked)} queries)")
        print(f"find_analogues (pass + records of the top 10 compounds): median {f:.1f} ms")
        print(f"plain Python/numpy reference, every pair: median {r:.0f} ms ({len(ref_ms)} queries)")
        print(f"ratio reference / compiled pass: {r / k:.0f}x; largest score difference {worst:.2e} (0-999 scale)")
        library.close()


if __name__ == "__main__":
    main()
