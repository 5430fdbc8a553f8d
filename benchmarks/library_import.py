"""Library speed: import of the benchmark library.msp, bulk peak loading, and scale.

Usage::

    python benchmarks/library_import.py [--library URL_OR_FILE] [--scale N]

Reports seconds for: importing ../shared/data/ms/bench/library.msp (parsing
included, one transaction, duplicate check included), importing it again
(every spectrum found already present, nothing added), ``peak_arrays("ms")`` (the search index's bulk
load), ``records`` for 100 ids, and with ``--scale N`` adding N more spectra
(the library's spectra repeated with shuffled intensities) through
:meth:`Library.add_spectra`, without file parsing.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from nps_id.library import open_library
from nps_id.spectrum import Spectrum

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ms" / "bench" / "library.msp"


def _synthetic(library, n: int, seed: int = 1):
    """n spectra made from the library's own, intensities permuted (no file I/O)."""
    rng = np.random.default_rng(seed)
    ids, offsets, x, y = library.peak_arrays("ms")
    for k in range(n):
        j = k % len(ids)
        mz = x[offsets[j]:offsets[j + 1]]
        yield Spectrum(mz, rng.permutation(y[offsets[j]:offsets[j + 1]]), "ms",
                       metadata={"name": f"synthetic {k}", "source_id": f"SYN-{k}"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", default=None, help="library file or postgresql:// URL "
                        "(default: a temporary SQLite file)")
    parser.add_argument("--scale", type=int, default=0, help="add this many synthetic spectra")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        location = args.library or str(Path(tmp) / "bench.sqlite")
        with open_library(location, create=True) as library:
            start = time.perf_counter()
            report = library.import_files([BENCH])
            print(f"import library.msp: {report.added} spectra in {time.perf_counter() - start:.2f} s")
            start = time.perf_counter()
            again = library.import_files([BENCH])
            print(f"import it again: {again.added} added, {again.duplicates} already present in "
                  f"{time.perf_counter() - start:.2f} s")
            start = time.perf_counter()
            ids, offsets, x, _ = library.peak_arrays("ms")
            print(f"peak_arrays: {len(ids)} spectra, {len(x)} peaks in {time.perf_counter() - start:.2f} s")
            start = time.perf_counter()
            library.records(ids[::max(1, len(ids) // 100)])
            print(f"records(100 ids): {1000 * (time.perf_counter() - start):.1f} ms")
            if args.scale:
                start = time.perf_counter()
                added = library.add_spectra(_synthetic(library, args.scale)).added
                print(f"add_spectra: {added} spectra in {time.perf_counter() - start:.1f} s")
                start = time.perf_counter()
                ids, offsets, x, _ = library.peak_arrays("ms")
                print(f"peak_arrays: {len(ids)} spectra, {len(x)} peaks in "
                      f"{time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
