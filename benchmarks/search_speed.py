"""Search speed at scale (issue 7): a ~1,000,000-spectrum EI library and a 250,000-spectrum IR matrix.

Usage::

    python benchmarks/search_speed.py [--size 1000000] [--queries 300] [--exact 100]
        [--ir-size 250000] [--skip-flash] [--skip-ir] [--workdir DIR] [--keep]

Steps (each timed part runs in its own child process so its peak memory is its own):

1. EI library: ``../shared/data/ms/bench/library.msp`` (12,425 spectra) copied
   ``ceil(size / 12,425)`` times (81 for 1M = 1,006,425 spectra).  Copy 0 is the
   original; copy r of record ``DB# X`` gets ``DB#: X~r`` (same name, InChIKey,
   formula), every peak's intensity x exp(N(0, 0.1)), about 5 % of peaks moved
   by +-1 m/z (coinciding peaks summed), base peak rescaled to 999, rounded,
   zeros dropped; seeded.  Written as one MSP file, then imported with
   ``nps-id library import`` (a subprocess: wall time and peak RSS, including
   the search index it builds and saves beside the library).
2. Per-query search time of ``bench/queries.msp[:N]``: NPS-ID
   (``search_spectra(library, queries, top=10)``, each query timed through the
   progress callback; index load and the first, lazily preparing search are
   reported separately) and ms_entropy's FlashEntropySearch (weighted entropy,
   open search, 0.49 Da, as in ``../shared/data/ms/README.md``) on the same
   spectra.  Ratio = NPS-ID median / Flash median (target <= 1).
3. Exactness: indexed top-10 vs ``exhaustive=True`` top-10, same library ids in
   the same order, for ``--exact`` queries.
4. IR: search vectors of the 121 real IR spectra of ``../shared/data/ir/*/*.csv``
   replicated with jitter (noise, baseline tilt, +-1 grid-point shift,
   re-centred and re-normalised over the mask) to ``--ir-size`` rows in an
   :class:`~nps_id.search.index_cache.IRIndex`; 100 degraded queries timed one
   by one and as one batch with ``nps_id.search.ir_engine.score_ir_batch``
   (bound-pruned), and with ``exhaustive=True`` (every row scored): the pruned
   top-10 must equal the exhaustive top-10.

Times are wall clock on a shared machine (2 cores, other jobs running): treat
them as upper bounds, compare NPS-ID and Flash from the same run only.
"""
from __future__ import annotations

import argparse
import glob
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
MS_BENCH = DATA / "ms" / "bench"
IR_FILES = DATA / "ir"

SEED = 20261207
TOP = 10
FLASH_TOLERANCE = 0.49  # = exact nominal m/z; 0.5 Da makes ms_entropy merge neighbours (data README)


# ---------------------------------------------------------------------------
# helpers
def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _stats(ms: np.ndarray) -> dict:
    ms = np.asarray(ms, dtype=float)
    return {"n": int(ms.size), "median": float(np.median(ms)), "mean": float(ms.mean()),
            "p95": float(np.percentile(ms, 95)), "max": float(ms.max())}


def _fmt_stats(s: dict) -> str:
    return f"median {s['median']:.1f} ms, mean {s['mean']:.1f} ms, p95 {s['p95']:.1f} ms (n={s['n']})"


def _say(*parts) -> None:
    print(*parts, flush=True)


def _write_json(path: Path, obj: dict) -> None:
    path.write_text(json.dumps(obj, indent=1))


def _run_child(mode: str, workdir: Path, args: argparse.Namespace, extra: list[str] = ()) -> dict:
    """Run this script in ``--child MODE``; its result JSON, or {'error': ...}."""
    out = workdir / f"result_{mode}.json"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--workdir", str(workdir),
           "--queries", str(args.queries), "--exact", str(args.exact), "--ir-size", str(args.ir_size),
           *extra]
    start = time.perf_counter()
    proc = subprocess.run(cmd)
    wall = time.perf_counter() - start
    if proc.returncode != 0 or not out.exists():
        return {"error": f"child {mode} exited with {proc.returncode}", "wall_s": wall}
    result = json.loads(out.read_text())
    result["wall_s"] = wall
    return result


# ---------------------------------------------------------------------------
# 1. the big MSP file
def _parse_base_library(path: Path):
    """Header text (without DB# line), DB#, and peaks of each record of the benchmark library."""
    headers, db_ids, counts, mz, intensity = [], [], [], [], []
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        block = block.strip("\n")
        if not block:
            continue
        head, _, peaks = block.partition("\nNum Peaks:")
        lines = head.split("\n")
        db = next(line[4:].strip() for line in lines if line.startswith("DB#:"))
        headers.append("\n".join(line for line in lines if not line.startswith("DB#:")) + "\n")
        db_ids.append(db)
        rows = peaks.split("\n")[1:]
        values = np.array(" ".join(rows).split(), dtype=float).reshape(-1, 2)
        counts.append(len(values))
        mz.append(values[:, 0])
        intensity.append(values[:, 1])
    offsets = np.zeros(len(counts) + 1, np.int64)
    np.cumsum(counts, out=offsets[1:])
    return headers, db_ids, offsets, np.concatenate(mz).astype(np.int64), np.concatenate(intensity)


def _jittered_copy(rng, offsets, mz, intensity, shift_fraction=0.05, sigma=0.1):
    """One jittered copy of all records: (offsets, mz, intensity), base 999, integer intensities."""
    n = offsets.size - 1
    row = np.repeat(np.arange(n), np.diff(offsets))
    inten = intensity * np.exp(rng.normal(0.0, sigma, intensity.size))
    moved = rng.random(mz.size) < shift_fraction
    new_mz = mz + np.where(moved, rng.choice([-1, 1], mz.size), 0)
    new_mz = np.maximum(new_mz, 1)
    width = int(new_mz.max()) + 2
    key = row * width + new_mz
    unique, inverse = np.unique(key, return_inverse=True)  # sorted by (row, m/z); sums coinciding peaks
    summed = np.bincount(inverse, weights=inten)
    u_row, u_mz = unique // width, unique % width
    starts = np.searchsorted(u_row, np.arange(n))
    base = np.maximum.reduceat(summed, starts)
    scaled = np.rint(summed * 999.0 / base[u_row]).astype(np.int64)
    keep = scaled > 0
    u_row, u_mz, scaled = u_row[keep], u_mz[keep], scaled[keep]
    new_offsets = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(u_row, minlength=n), out=new_offsets[1:])
    return new_offsets, u_mz, scaled


def build_big_msp(size: int, workdir: Path) -> dict:
    """Write ``big.msp`` and ``big_peaks.npz`` (the same peaks, for Flash) into workdir."""
    start = time.perf_counter()
    headers, db_ids, offsets, mz, intensity = _parse_base_library(MS_BENCH / "library.msp")
    n_base = len(headers)
    copies = max(1, math.ceil(size / n_base))
    rng = np.random.default_rng(SEED)
    max_int = 1000
    int_text = np.array([f"{i}\n" for i in range(max_int + 1)], dtype=object)
    mz_text_cache: dict[int, np.ndarray] = {}
    all_offsets, all_mz, all_int = [], [], []
    total_peaks = 0
    msp = workdir / "big.msp"
    with open(msp, "w", encoding="utf-8", newline="\n") as handle:
        for r in range(copies):
            if r == 0:
                c_off, c_mz, c_int = offsets, mz, np.rint(intensity).astype(np.int64)
            else:
                c_off, c_mz, c_int = _jittered_copy(rng, offsets, mz, intensity)
            top_mz = int(c_mz.max())
            if top_mz not in mz_text_cache:
                mz_text_cache.clear()
                mz_text_cache[top_mz] = np.array([f"{m} " for m in range(top_mz + 1)], dtype=object)
            lines = mz_text_cache[top_mz][c_mz] + int_text[np.minimum(c_int, max_int)]
            suffix = "" if r == 0 else f"~{r}"
            parts = []
            bounds = c_off.tolist()
            for k in range(n_base):
                a, b = bounds[k], bounds[k + 1]
                parts.append(f"{headers[k]}DB#: {db_ids[k]}{suffix}\nNum Peaks: {b - a}\n")
                parts.append("".join(lines[a:b].tolist()))
                parts.append("\n")
            handle.write("".join(parts))
            all_offsets.append(c_off[1:] + total_peaks if r else c_off + total_peaks)
            total_peaks += int(c_off[-1])
            all_mz.append(c_mz.astype(np.int16))
            all_int.append(c_int.astype(np.int16))
    np.savez(workdir / "big_peaks.npz", offsets=np.concatenate(all_offsets),
             mz=np.concatenate(all_mz), intensity=np.concatenate(all_int))
    n = copies * n_base
    info = {"spectra": n, "copies": copies, "peaks": total_peaks, "seconds": time.perf_counter() - start,
            "msp_bytes": msp.stat().st_size}
    _write_json(workdir / "big_info.json", info)
    return info


def import_big_msp(workdir: Path) -> dict:
    """``nps-id library import`` of big.msp as a subprocess: wall time and peak RSS."""
    library = workdir / "lib.sqlite"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(library) + suffix).unlink(missing_ok=True)
    shutil.rmtree(str(library) + ".nps-index", ignore_errors=True)
    exe = shutil.which("nps-id")
    cmd = [exe] if exe else [sys.executable, "-m", "nps_id.cli"]
    cmd += ["library", "import", "--library", str(library), str(workdir / "big.msp")]
    timer = Path("/usr/bin/time")
    rss_file = workdir / "import_rss.txt"
    if timer.exists():
        cmd = [str(timer), "-f", "%M", "-o", str(rss_file)] + cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if timer.exists() and rss_file.exists():
        rss_mb = float(rss_file.read_text().split()[-1]) / 1024.0
    else:  # max over all children so far: exact when the import is the first child
        rss_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024.0
    tail = (proc.stdout.strip().splitlines() or [""])[0]
    if proc.returncode != 0:
        return {"error": f"import failed ({proc.returncode}): {proc.stderr.strip()[-500:]}",
                "seconds": seconds, "rss_mb": rss_mb}
    return {"seconds": seconds, "rss_mb": rss_mb, "summary": tail,
            "sqlite_bytes": library.stat().st_size}


# ---------------------------------------------------------------------------
# child processes
def _queries(n: int):
    from nps_id.io.msp import read_msp

    queries, _ = read_msp(MS_BENCH / "queries.msp")
    return queries[:n]


def child_nps(args: argparse.Namespace) -> dict:
    """Index build (or load), then per-query timing of search_spectra over the queries."""
    import cProfile
    import io
    import pstats

    from nps_id.library import open_library
    from nps_id.search import search_spectra
    from nps_id.search.index_cache import ms_index

    workdir = Path(args.workdir)
    queries = _queries(args.queries)
    cached = (workdir / "lib.sqlite.nps-index" / "ms.npz").exists()
    library = open_library(workdir / "lib.sqlite")
    start = time.perf_counter()
    index = ms_index(library)
    index_s = time.perf_counter() - start
    rss_after_index = _peak_rss_mb()
    start = time.perf_counter()
    search_spectra(library, queries[:1], top=TOP)  # first search builds the lazy CSC/weight matrices
    first_s = time.perf_counter() - start
    stamps = []

    def progress(done, total):
        stamps.append(time.perf_counter())

    start = time.perf_counter()
    results = search_spectra(library, queries, top=TOP, progress=progress)
    per_query = np.diff(np.array([start] + stamps)) * 1000.0
    scored = [r.candidates_scored for r in results]
    profile = cProfile.Profile()
    profile.enable()
    search_spectra(library, queries[:min(30, len(queries))], top=TOP)
    profile.disable()
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats("tottime").print_stats(14)
    return {"index_s": index_s, "index_from_cache": cached, "index_rows": index.size,
            "index_nnz": int(index.matrix.nnz), "first_search_s": first_s,
            "per_query": _stats(per_query), "candidates_scored_median": float(np.median(scored)),
            "candidates_scored_max": int(max(scored)), "rss_after_index_mb": rss_after_index,
            "rss_mb": _peak_rss_mb(), "profile": text.getvalue()}


def child_flash(args: argparse.Namespace) -> dict:
    """FlashEntropySearch (weighted entropy, open search) on the same spectra."""
    from ms_entropy import FlashEntropySearch

    from nps_id.ms.filters import prepare_ei_spectrum

    workdir = Path(args.workdir)
    queries = [prepare_ei_spectrum(q) for q in _queries(args.queries)]
    with np.load(workdir / "big_peaks.npz") as z:
        offsets, mz, intensity = z["offsets"], z["mz"], z["intensity"]
    start = time.perf_counter()
    bounds = offsets.tolist()
    peaks_all = np.column_stack([mz, intensity]).astype(np.float32)
    del mz, intensity
    entries = []
    for k in range(len(bounds) - 1):
        peaks = peaks_all[bounds[k]:bounds[k + 1]]
        entries.append({"precursor_mz": float(peaks[:, 0].max()) + 1.0, "peaks": peaks, "row": k})
    flash = FlashEntropySearch(intensity_weight="entropy", max_ms2_tolerance_in_da=FLASH_TOLERANCE)
    entries = flash.build_index(entries, precursor_ions_removal_da=None)
    del peaks_all
    build_s = time.perf_counter() - start
    per_query = []
    for q in queries:
        t0 = time.perf_counter()
        peaks = flash.clean_spectrum_for_search(
            float(q.x.max()) + 1.0, np.column_stack([q.x, q.y]).astype(np.float32),
            precursor_ions_removal_da=None)
        scores = flash.open_search(peaks, ms2_tolerance_in_da=FLASH_TOLERANCE)
        best = np.argpartition(-scores, TOP)[:TOP]
        best = best[np.lexsort((best, -scores[best]))]
        per_query.append((time.perf_counter() - t0) * 1000.0)
    return {"index_s": build_s, "per_query": _stats(np.array(per_query)), "rss_mb": _peak_rss_mb(),
            "entries": len(entries)}


def _chunked_reference(index, spectrum, top, chunk=100_000):
    """Exhaustive top-``top`` computed in row chunks (same scores, bounded memory)."""
    from nps_id.ms.filters import prepare_ei_spectrum
    from nps_id.search.ms_engine import MSIndex, _clean_query, _concat

    query = prepare_ei_spectrum(spectrum)
    q_mz, q_int = _clean_query(query.x, query.y)
    kept = None
    for start in range(0, index.size, chunk):
        part = index._exact(q_mz, q_int, np.arange(start, min(start + chunk, index.size)))
        merged = part if kept is None else _concat([kept, part])
        kept = MSIndex._take_top(merged, top, 0)
    return [int(i) for i in index.library_ids[kept.rows]]


def child_exact(args: argparse.Namespace) -> dict:
    """Indexed vs exhaustive top-10 library ids for the first ``--exact`` queries."""
    from nps_id.library import open_library
    from nps_id.search import search_spectra
    from nps_id.search.index_cache import ms_index

    # An exhaustive search of 1M rows holds several dense (rows x query peaks) arrays: cap the
    # address space so a MemoryError (then a chunked reference) replaces the machine's OOM killer.
    limit = int(args.exact_mem_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    workdir = Path(args.workdir)
    queries = _queries(args.exact)
    library = open_library(workdir / "lib.sqlite")
    start = time.perf_counter()
    index = ms_index(library)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    indexed = [[h.library_id for h in r.hits] for r in search_spectra(library, queries, top=TOP)]
    indexed_s = time.perf_counter() - start
    exhaustive, methods, per_exhaustive = [], [], []
    for q in queries:
        t0 = time.perf_counter()
        try:
            hits = search_spectra(library, [q], top=TOP, exhaustive=True)[0].hits
            exhaustive.append([h.library_id for h in hits])
            methods.append("exhaustive=True")
        except MemoryError:
            exhaustive.append(_chunked_reference(index, q, TOP))
            methods.append("chunked _exact (exhaustive=True ran out of memory)")
        per_exhaustive.append(time.perf_counter() - t0)
        if len(per_exhaustive) % 10 == 0:
            print(f"    exhaustive {len(per_exhaustive)}/{len(queries)} done, "
                  f"{sum(per_exhaustive):.0f} s", file=sys.stderr, flush=True)
    same = [a == b for a, b in zip(indexed, exhaustive)]
    mismatches = [{"query": queries[i].get("source_id") or queries[i].name, "indexed": indexed[i],
                   "exhaustive": exhaustive[i]} for i, ok in enumerate(same) if not ok][:5]
    return {"exact": int(sum(same)), "n": len(same), "index_load_s": load_s, "indexed_s": indexed_s,
            "exhaustive_s": float(sum(per_exhaustive)),
            "exhaustive_per_query": _stats(np.array(per_exhaustive) * 1000.0),
            "methods": {m: methods.count(m) for m in set(methods)}, "mismatches": mismatches,
            "rss_mb": _peak_rss_mb(), "mem_cap_gb": args.exact_mem_gb}


def _recentre(vectors: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """Zero outside the mask, mean-centre over the mask, unit L2 norm (as the IR pipeline)."""
    vectors = np.where(masks, vectors, 0.0)
    counts = np.maximum(masks.sum(axis=1, keepdims=True), 1)
    vectors = np.where(masks, vectors - vectors.sum(axis=1, keepdims=True) / counts, 0.0)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def _jitter_ir(rng, base_vec, base_mask, source, noise, tilt, shift_prob):
    vec, mask = base_vec[source], base_mask[source]
    n, width = vec.shape
    # A wavenumber shift moves the bands, not the instrument's range: the mask stays.
    shifts = np.where(rng.random(n) < shift_prob, rng.choice([-1, 1], n), 0)
    for s in (-1, 1):
        rows = shifts == s
        vec[rows] = np.roll(vec[rows], s, axis=1)
    scale = np.sqrt(1.0 / np.maximum(mask.sum(axis=1, keepdims=True), 1))  # per-point size of a unit vector
    ramp = np.linspace(-1.0, 1.0, width)[None, :]
    vec = vec + scale * (noise * rng.normal(size=vec.shape) + tilt * rng.normal(size=(n, 1)) * ramp)
    return _recentre(vec, mask), mask


def child_ir(args: argparse.Namespace) -> dict:
    """IRIndex of jittered copies of the real IR vectors; single and batched query timing."""
    from nps_id.io import read_spectra
    from nps_id.ir.pipeline import IR_GRID, ir_search_vector
    from nps_id.search.index_cache import IRIndex

    start = time.perf_counter()
    vecs, masks, names = [], [], []
    for path in sorted(glob.glob(str(IR_FILES / "*" / "*.csv"))):
        try:
            spectra = read_spectra(path)
        except Exception:
            continue
        for s in spectra:
            if s.technique != "ir":
                continue
            try:
                v, m = ir_search_vector(s)
            except Exception:
                continue
            vecs.append(v)
            masks.append(m)
            names.append(Path(path).name)
    vectorise_s = time.perf_counter() - start
    base_vec, base_mask = np.array(vecs), np.array(masks, dtype=bool)
    n_base = len(base_vec)
    rng = np.random.default_rng(SEED + 1)
    size = args.ir_size
    start = time.perf_counter()
    vectors = np.empty((size, IR_GRID.size), np.float32)
    lib_masks = np.empty((size, IR_GRID.size), bool)
    source = np.arange(size) % n_base
    for a in range(0, size, 20_000):
        b = min(a + 20_000, size)
        v, m = _jitter_ir(rng, base_vec, base_mask, source[a:b], noise=0.05, tilt=0.5, shift_prob=0.5)
        vectors[a:b], lib_masks[a:b] = v, m
    index = IRIndex(np.arange(1, size + 1, dtype=np.int64), vectors, lib_masks)
    build_s = time.perf_counter() - start
    q_source = rng.permutation(n_base)[:100] if n_base >= 100 else rng.integers(0, n_base, 100)
    q_vec, q_mask = _jitter_ir(rng, base_vec, base_mask, q_source, noise=0.3, tilt=2.0, shift_prob=1.0)
    q_vec = q_vec.astype(np.float32)
    from nps_id.search.ir_engine import ir_projection, mask_groups, score_ir_batch

    start = time.perf_counter()
    mask_groups(index)   # per-row sums (done once per index)
    ir_projection(index)  # principal-direction coordinates (fitted once, saved with a library's index)
    index_s = time.perf_counter() - start

    single, tops = [], []
    for q, m in zip(q_vec, q_mask):
        t0 = time.perf_counter()
        rows, _ = score_ir_batch(index, q[None, :], m[None, :], TOP)
        single.append((time.perf_counter() - t0) * 1000.0)
        tops.append(rows[0])
    t0 = time.perf_counter()
    batch_rows, _ = score_ir_batch(index, q_vec, q_mask, TOP)
    batch_ms = (time.perf_counter() - t0) * 1000.0 / len(q_vec)
    exhaustive_single = []  # every row scored, one query at a time
    for q, m in zip(q_vec[:20], q_mask[:20]):
        t0 = time.perf_counter()
        score_ir_batch(index, q[None, :], m[None, :], TOP, exhaustive=True)
        exhaustive_single.append((time.perf_counter() - t0) * 1000.0)
    t0 = time.perf_counter()
    exhaustive_rows, _ = score_ir_batch(index, q_vec, q_mask, TOP, exhaustive=True)
    exhaustive_batch_ms = (time.perf_counter() - t0) * 1000.0 / len(q_vec)
    correct = int(sum(source[r[0]] == s for r, s in zip(tops, q_source)))
    same = int(sum(np.array_equal(a, b) for a, b in zip(tops, exhaustive_rows)))
    same_batch = int(sum(np.array_equal(a, b) for a, b in zip(batch_rows, exhaustive_rows)))
    return {"base_spectra": n_base, "size": size, "grid": int(IR_GRID.size), "vectorise_s": vectorise_s,
            "build_s": build_s, "index_s": index_s, "single": _stats(np.array(single)),
            "batch_ms_per_query": batch_ms, "top1_same_source": correct, "queries": len(q_vec),
            "indexed_equals_exhaustive": same, "batch_equals_exhaustive": same_batch,
            "exhaustive_single": _stats(np.array(exhaustive_single)),
            "exhaustive_batch_ms_per_query": exhaustive_batch_ms, "rss_mb": _peak_rss_mb(),
            "matrix_mb": (vectors.nbytes + lib_masks.nbytes) / 2**20}


CHILDREN = {"nps": child_nps, "flash": child_flash, "exact": child_exact, "ir": child_ir}


# ---------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="EI library size (rounded up to whole copies)")
    parser.add_argument("--queries", type=int, default=300, help="queries timed (from bench/queries.msp)")
    parser.add_argument("--exact", type=int, default=100, help="queries for the indexed-vs-exhaustive check (0: skip)")
    parser.add_argument("--ir-size", type=int, default=250_000, help="rows of the IR matrix")
    parser.add_argument("--skip-flash", action="store_true", help="do not run FlashEntropySearch")
    parser.add_argument("--skip-ir", action="store_true", help="do not run the IR part")
    parser.add_argument("--workdir", default=None, help="keep generated files here (re-used when present)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--exact-mem-gb", type=float, default=12.0,
                        help="address-space cap of the exactness child (GiB)")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        result = CHILDREN[args.child](args)
        _write_json(Path(args.workdir) / f"result_{args.child}.json", result)
        return 0

    if not (MS_BENCH / "library.msp").exists():
        _say(f"benchmark data not found: {MS_BENCH}")
        return 2
    if args.workdir:
        workdir = Path(args.workdir).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        temporary = False
    else:
        workdir = Path(tempfile.mkdtemp(prefix="nps_search_speed_"))
        temporary = not args.keep
    _say(f"search speed benchmark: workdir {workdir}; {os.cpu_count()} CPU(s) on {platform.node()}, "
         "shared with other jobs (wall-clock times are upper bounds)")
    started = time.perf_counter()
    report: dict = {}
    try:
        # 1. library file and import (re-used when the workdir already holds them at this size)
        info_path = workdir / "big_info.json"
        n_base = 12_425
        wanted_copies = max(1, math.ceil(args.size / n_base))
        info = json.loads(info_path.read_text()) if info_path.exists() else None
        if info is None or info.get("copies") != wanted_copies or not (workdir / "big.msp").exists():
            _say(f"writing MSP: {wanted_copies} copies of bench/library.msp ...")
            info = build_big_msp(args.size, workdir)
            (workdir / "import.json").unlink(missing_ok=True)
            _say(f"  {info['spectra']:,} spectra, {info['peaks']:,} peaks, {info['msp_bytes'] / 2**30:.2f} GiB "
                 f"written in {info['seconds']:.1f} s")
        else:
            _say(f"re-using {workdir / 'big.msp'} ({info['spectra']:,} spectra)")
        report["library"] = info
        imported = json.loads((workdir / "import.json").read_text()) if (workdir / "import.json").exists() else None
        if imported is None or "error" in imported or not (workdir / "lib.sqlite").exists():
            _say("importing with nps-id library import ...")
            imported = import_big_msp(workdir)
            _write_json(workdir / "import.json", imported)
        else:
            _say("re-using the imported library (import numbers from the earlier run)")
        report["import"] = imported
        if "error" in imported:
            _say(f"  {imported['error']}")
            return 1
        _say(f"  import: {imported['seconds']:.1f} s, peak RSS {imported['rss_mb']:.0f} MB ({imported['summary']})")

        # 2. per-query search (the import built the index and saved it beside the library)
        _say(f"NPS-ID search of {args.queries} queries ...")
        nps = _run_child("nps", workdir, args)
        report["nps"] = nps
        if "error" not in nps:
            how = "loaded (built by the import)" if nps["index_from_cache"] else "built"
            _say(f"  index {how} in {nps['index_s']:.1f} s ({nps['index_rows']:,} rows, {nps['index_nnz']:,} peaks), "
                 f"first search (lazy prepare) {nps['first_search_s']:.1f} s, peak RSS {nps['rss_mb']:.0f} MB")
            _say(f"  per query: {_fmt_stats(nps['per_query'])}; "
                 f"candidates scored exactly: median {nps['candidates_scored_median']:.0f}, "
                 f"max {nps['candidates_scored_max']}")
            _say("  profile of 30 queries (tottime):")
            _say("\n".join("    " + line for line in nps["profile"].splitlines()[:40] if line.strip()))
        else:
            _say(f"  {nps['error']}")
        if not args.skip_flash:
            _say("FlashEntropySearch (weighted entropy, open search, 0.49 Da) ...")
            flash = _run_child("flash", workdir, args)
            report["flash"] = flash
            if "error" not in flash:
                _say(f"  index build {flash['index_s']:.1f} s, peak RSS {flash['rss_mb']:.0f} MB; "
                     f"per query: {_fmt_stats(flash['per_query'])}")
            else:
                _say(f"  {flash['error']}")

        # 4. IR (before the slow exactness check)
        if not args.skip_ir:
            _say(f"IR search over {args.ir_size:,} vectors ...")
            ir = _run_child("ir", workdir, args)
            report["ir"] = ir
            if "error" not in ir:
                _say(f"  {ir['base_spectra']} real spectra vectorised in {ir['vectorise_s']:.1f} s; matrix "
                     f"{ir['size']:,} x {ir['grid']} ({ir['matrix_mb']:.0f} MB) built in {ir['build_s']:.1f} s")
                _say(f"  row sums and principal-direction bounds prepared in {ir['index_s']:.1f} s")
                _say(f"  single queries: {_fmt_stats(ir['single'])}; batch of {ir['queries']}: "
                     f"{ir['batch_ms_per_query']:.2f} ms/query; top-1 from the right source spectrum "
                     f"{ir['top1_same_source']}/{ir['queries']}; peak RSS {ir['rss_mb']:.0f} MB")
                _say(f"  every row scored (exhaustive): single {_fmt_stats(ir['exhaustive_single'])}; "
                     f"batch {ir['exhaustive_batch_ms_per_query']:.2f} ms/query")
                _say(f"  indexed top-{TOP} = exhaustive top-{TOP}: single {ir['indexed_equals_exhaustive']}"
                     f"/{ir['queries']}, batch {ir['batch_equals_exhaustive']}/{ir['queries']}")
            else:
                _say(f"  {ir['error']}")

        # 3. exactness
        if args.exact:
            _say(f"exactness: indexed vs exhaustive top-{TOP} for {args.exact} queries (slow) ...")
            exact = _run_child("exact", workdir, args, ["--exact-mem-gb", str(args.exact_mem_gb)])
            report["exact"] = exact
            if "error" not in exact:
                _say(f"  exact: {exact['exact']}/{exact['n']}  (exhaustive {exact['exhaustive_s']:.0f} s in all, "
                     f"{_fmt_stats(exact['exhaustive_per_query'])}; methods {exact['methods']}; "
                     f"index load from cache {exact['index_load_s']:.1f} s)")
                for m in exact["mismatches"]:
                    _say(f"    mismatch {m['query']}: indexed {m['indexed']} exhaustive {m['exhaustive']}")
            else:
                _say(f"  {exact['error']}")
        _write_json(workdir / "report.json", report)
        _print_table(report, args, time.perf_counter() - started)
    finally:
        if temporary:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            _say(f"files kept in {workdir}")
    return 0


def _print_table(report: dict, args, total_s: float) -> None:
    def get(part, *keys, fmt="{:.1f}"):
        value = report.get(part)
        if not value or "error" in value:
            return "-" if value is None else "failed"
        for key in keys:
            value = value[key]
        return fmt.format(value)

    lib = report["library"]
    nps_med = report.get("nps", {}).get("per_query", {}).get("median")
    flash_med = report.get("flash", {}).get("per_query", {}).get("median")
    ratio = f"{nps_med / flash_med:.2f}" if nps_med and flash_med else "-"
    rows = [
        ("EI library spectra", f"{lib['spectra']:,}", ""),
        ("MSP written (s)", f"{lib['seconds']:.1f}", "< 60"),
        ("nps-id library import (s)", get("import", "seconds"), "<= 300"),
        ("import peak RSS (MB)", get("import", "rss_mb", fmt="{:.0f}"), ""),
        ("NPS-ID index load at search (s)" if report.get("nps", {}).get("index_from_cache")
         else "NPS-ID index build at search (s)", get("nps", "index_s"), ""),
        ("NPS-ID first search, lazy prepare (s)", get("nps", "first_search_s"), ""),
        ("NPS-ID search process peak RSS (MB)", get("nps", "rss_mb", fmt="{:.0f}"), "<= 4096"),
        ("NPS-ID ms/query median", get("nps", "per_query", "median"), ""),
        ("NPS-ID ms/query mean / p95", f"{get('nps', 'per_query', 'mean')} / {get('nps', 'per_query', 'p95')}", ""),
        ("Flash index build (s)", get("flash", "index_s"), ""),
        ("Flash peak RSS (MB)", get("flash", "rss_mb", fmt="{:.0f}"), ""),
        ("Flash ms/query median", get("flash", "per_query", "median"), ""),
        ("Flash ms/query mean / p95", f"{get('flash', 'per_query', 'mean')} / {get('flash', 'per_query', 'p95')}", ""),
        ("ratio NPS-ID / Flash (median)", ratio, "<= 1"),
        ("exact top-10 (indexed = exhaustive)",
         f"{get('exact', 'exact', fmt='{}')}/{get('exact', 'n', fmt='{}')}", "all"),
        ("exhaustive check time (s)", get("exact", "exhaustive_s", fmt="{:.0f}"), ""),
        ("IR rows", get("ir", "size", fmt="{:,}"), ""),
        ("IR ms/query single (median)", get("ir", "single", "median", fmt="{:.2f}"), "<= 50"),
        ("IR ms/query in a batch of 100", get("ir", "batch_ms_per_query", fmt="{:.2f}"), ""),
        ("IR exhaustive ms/query single (median)", get("ir", "exhaustive_single", "median", fmt="{:.2f}"), ""),
        ("IR indexed top-10 = exhaustive (of 100)", get("ir", "indexed_equals_exhaustive"), "100"),
        ("IR search process peak RSS (MB)", get("ir", "rss_mb", fmt="{:.0f}"), ""),
    ]
    _say(f"\n=== search speed, {lib['spectra']:,} EI spectra, {args.queries} queries "
         f"({os.cpu_count()} cores shared with other jobs; total {total_s / 60:.1f} min) ===")
    _say(f"{'measure':<42} {'value':>14}  target")
    for name, value, target in rows:
        _say(f"{name:<42} {value:>14}  {target}")


if __name__ == "__main__":
    sys.exit(main())
