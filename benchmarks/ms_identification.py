"""EI identification benchmark on the public split of ../shared/data/ms/bench.

Imports ``library.msp`` into a fresh NPS-ID library (timed), searches
``queries.msp`` and scores the hits against ``truth.tsv`` with
``library_keys.tsv`` (a hit is correct when its compound key equals the
query's).  Peers run in the same process on the same data:

* ``cosine_sqrt``: plain cosine of square-root intensities (brute force);
* ``entropy_weighted`` / ``entropy_unweighted``: ms_entropy's FlashEntropySearch,
  open search, 0.49 Da tolerance (exact nominal m/z), as in the data README;
* ``nist_identity``: NIST MS Search Identity MF as reconstructed by mssearchr
  (brute force, pure numpy; slow, skip with ``--fast``).

Usage: ``python benchmarks/ms_identification.py [--data ../shared/data/ms/bench] [--fast]``
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nps_id.io.msp import read_msp  # noqa: E402
from nps_id.library import open_library  # noqa: E402
from nps_id.ms.filters import prepare_ei_spectrum  # noqa: E402
from nps_id.search import search_spectra  # noqa: E402


def load_truth(data: Path) -> tuple[dict[str, str], dict[str, str]]:
    with open(data / "library_keys.tsv", encoding="utf-8") as handle:
        keys = {r["db"]: r["compound_key"] for r in csv.DictReader(handle, delimiter="\t")}
    with open(data / "truth.tsv", encoding="utf-8") as handle:
        truth = {r["query_db"]: r["compound_key"] for r in csv.DictReader(handle, delimiter="\t")}
    return keys, truth


def rates(ranked: list[list[str]], query_ids: list[str], keys: dict[str, str], truth: dict[str, str]):
    top1 = top5 = 0
    for qid, hits in zip(query_ids, ranked):
        correct = [keys.get(h) == truth[qid] for h in hits[:5]]
        top1 += bool(correct[:1] and correct[0])
        top5 += any(correct)
    return top1, top5


def dense(spectra, width):
    matrix = np.zeros((len(spectra), width))
    for i, s in enumerate(spectra):
        keep = s.x < width
        matrix[i, s.x[keep].astype(int)] = s.y[keep]
    return matrix


def brute_force(name, score_rows, queries, lib_ids):
    ranked, start = [], time.perf_counter()
    for q in queries:
        scores = score_rows(q)
        ranked.append([lib_ids[i] for i in np.lexsort((np.arange(scores.size), -scores))[:5]])
    return ranked, (time.perf_counter() - start) / len(queries) * 1000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ms" / "bench")
    parser.add_argument("--fast", action="store_true", help="skip the slow brute-force NIST identity peer")
    args = parser.parse_args(argv)
    if not (args.data / "library.msp").exists():
        print(f"benchmark data not found in {args.data}", file=sys.stderr)
        return 2
    keys, truth = load_truth(args.data)

    with tempfile.TemporaryDirectory() as tmp:
        location = Path(tmp) / "bench.sqlite"
        start = time.perf_counter()
        with open_library(location, create=True) as library:
            library.import_files([args.data / "library.msp"])
        import_s = time.perf_counter() - start
        queries, _ = read_msp(args.data / "queries.msp")
        query_ids = [q.get("source_id") for q in queries]
        rows = []
        with open_library(location) as library:
            start = time.perf_counter()
            search_spectra(library, queries[:1])  # builds the search index
            index_s = time.perf_counter() - start
            start = time.perf_counter()
            results = search_spectra(library, queries, top=5)
            ms = (time.perf_counter() - start) / len(queries) * 1000
        ranked = [[h.source_id for h in r.hits] for r in results]
        rows.append(("nps_id composite", *rates(ranked, query_ids, keys, truth), ms))

    library_spectra, _ = read_msp(args.data / "library.msp")
    lib_ids = [s.get("source_id") for s in library_spectra]
    lib_prep = [prepare_ei_spectrum(s, 0.0) for s in library_spectra]  # peers: all peaks kept
    q_prep = [prepare_ei_spectrum(q, 0.0) for q in queries]
    width = int(max(s.x.max() for s in lib_prep + q_prep)) + 1
    lib_sqrt = np.sqrt(dense(lib_prep, width))
    lib_sqrt /= np.linalg.norm(lib_sqrt, axis=1, keepdims=True)

    def cosine_rows(q):
        v = np.sqrt(dense([q], width)[0])
        return lib_sqrt @ (v / np.linalg.norm(v))

    ranked, ms = brute_force("cosine_sqrt", cosine_rows, q_prep, lib_ids)
    rows.append(("cosine_sqrt", *rates(ranked, query_ids, keys, truth), ms))

    try:
        from ms_entropy import FlashEntropySearch
    except ImportError:
        print("ms_entropy not installed: entropy peers skipped (pip install ms_entropy)")
    else:
        for weight in ("entropy", None):
            flash = FlashEntropySearch(intensity_weight=weight, max_ms2_tolerance_in_da=0.49)
            entries = [{"precursor_mz": float(s.x.max()) + 1.0, "peaks": np.column_stack([s.x, s.y]).astype(np.float32),
                        "db": lib_ids[i]} for i, s in enumerate(lib_prep)]
            entries = flash.build_index(entries, precursor_ions_removal_da=None)
            order_ids = [e["db"] for e in entries]
            start = time.perf_counter()
            ranked = []
            for q in q_prep:
                peaks = flash.clean_spectrum_for_search(
                    float(q.x.max()) + 1.0, np.column_stack([q.x, q.y]).astype(np.float32),
                    precursor_ions_removal_da=None)
                scores = flash.open_search(peaks, ms2_tolerance_in_da=0.49)
                best = np.lexsort((np.arange(scores.size), -scores))[:5]
                ranked.append([order_ids[i] for i in best])
            ms = (time.perf_counter() - start) / len(queries) * 1000
            label = "entropy_weighted (Flash)" if weight else "entropy_unweighted (Flash)"
            rows.append((label, *rates(ranked, query_ids, keys, truth), ms))

    n = len(queries)
    print(f"\nEI identification, public split: {n} queries vs {len(library_spectra)} library spectra")
    print(f"import of library.msp: {import_s:.1f} s; index build: {index_s:.2f} s\n")
    print(f"{'scorer':<28} {'top-1':>13} {'top-5':>13} {'ms/query':>9}")
    for name, t1, t5, ms in rows:
        print(f"{name:<28} {t1:>4} ({100 * t1 / n:4.1f} %) {t5:>4} ({100 * t5 / n:4.1f} %) {ms:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
