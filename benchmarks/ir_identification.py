"""IR identification benchmark on the real shared spectra (../shared/data/ir).

(a) Leave-own-source-out: every spectrum whose compound also has a spectrum
    from another independent group (index.csv ``independent_group``) is a
    query, searched against all spectra of the OTHER groups; correct when the
    top hit has the same CAS (or name where there is no CAS).  Top-1 / top-5
    per similarity method.
(b) Robustness: every spectrum is degraded (baseline drift, noise, lower
    resolution, %T, ATR-like intensities) and searched against all
    originals; top-1 per method and degradation.

Run: ``python benchmarks/ir_identification.py [--quick] [--only a|b]``.
The data are evaluation-only and are read in place, never copied.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ir_data import SHARED_IR, compound_key, load_index, read_shared_spectrum  # noqa: E402

from nps_id.ir.pipeline import (  # noqa: E402
    ABSORBANCE_PIPELINE, DEFAULT_IR_PIPELINE, DEFAULT_IR_SIMILARITY, IR_GRID, ir_search_vector,
    ir_similarity_scores,
)
from nps_id.ir.peaks import peak_array, pick_peaks  # noqa: E402
from nps_id.ir.similarity import peak_match_many  # noqa: E402
from nps_id.ir.preprocess import CO2_REGION, WATER_VAPOUR_REGIONS, to_absorbance, to_transmittance, to_wavenumber  # noqa: E402
from nps_id.spectrum import Spectrum  # noqa: E402


# -- methods compared ------------------------------------------------------------------
@dataclass(frozen=True)
class Method:
    name: str
    pipeline: Sequence[tuple[str, dict[str, Any]]]
    score: str
    kwargs: tuple = ()


def _deriv_pipeline(
    window: int = 21, baseline: dict | None = None, power: float | None = 1 / 3, noise_k: float = 3.0
) -> list:
    steps = [
        ("to_wavenumber", {}),
        ("to_absorbance", {"floor": 1e-4}),
        ("resample", {"start": 650.0, "stop": 4000.0, "step": 2.0}),
    ]
    if baseline is not None:
        steps.append(("baseline", baseline))
    if power is not None:
        steps.append(("compress_intensity", {"power": power, "noise_k": noise_k}))
    steps += [
        ("savgol", {"window_length": window, "polyorder": 3, "deriv": 1}),
        ("mask_regions", {"regions": [CO2_REGION]}),
        ("normalise", {"method": "mean_centre_l2"}),
    ]
    return steps


ARPLS = {"method": "arpls"}
#: Open Specy's default identification (SG 11/cubic first derivative, Pearson r), here after arPLS.
OPENSPECY_LIKE = _deriv_pipeline(11, ARPLS, None)

METHODS = [
    Method("default (r on overlap)", DEFAULT_IR_PIPELINE, DEFAULT_IR_SIMILARITY),
    Method("default vectors, dot", DEFAULT_IR_PIPELINE, "dot"),
    Method("OpenSpecy deriv r (SG11)", OPENSPECY_LIKE, DEFAULT_IR_SIMILARITY),
    Method("deriv r (SG11) absorbance", ABSORBANCE_PIPELINE, "derivative_correlation"),
    Method("HQI=100r^2 absorbance", ABSORBANCE_PIPELINE, "hqi"),
    Method("Euclidean absorbance", ABSORBANCE_PIPELINE, "euclidean"),
    Method("peak match (4 cm-1)", ABSORBANCE_PIPELINE, "peak_match"),
    Method("peak match (12 cm-1)", ABSORBANCE_PIPELINE, "peak_match", (("tolerance", 12.0),)),
]
#: Variants of the default, measured to choose it (printed with --variants).
VARIANTS = [
    Method("default w/o baseline", _deriv_pipeline(21, None), DEFAULT_IR_SIMILARITY),
    Method("default, asls", _deriv_pipeline(21, {"method": "asls"}), DEFAULT_IR_SIMILARITY),
    Method("default, snip", _deriv_pipeline(21, {"method": "snip"}), DEFAULT_IR_SIMILARITY),
    Method("default, rubberband", _deriv_pipeline(21, {"method": "rubberband"}), DEFAULT_IR_SIMILARITY),
    Method("default, no compression", _deriv_pipeline(21, ARPLS, None), DEFAULT_IR_SIMILARITY),
    Method("default, power 1/2", _deriv_pipeline(21, ARPLS, 0.5), DEFAULT_IR_SIMILARITY),
    Method("default, power 1/4", _deriv_pipeline(21, ARPLS, 0.25), DEFAULT_IR_SIMILARITY),
    Method("default, SG window 11", _deriv_pipeline(11, ARPLS), DEFAULT_IR_SIMILARITY),
    Method("default, SG window 31", _deriv_pipeline(31, ARPLS), DEFAULT_IR_SIMILARITY),
    Method("default, pure power (k=0)", _deriv_pipeline(21, ARPLS, 1 / 3, 0.0), DEFAULT_IR_SIMILARITY),
    Method("default, noise_k 10", _deriv_pipeline(21, ARPLS, 1 / 3, 10.0), DEFAULT_IR_SIMILARITY),
    Method("default, arpls lam=auto", _deriv_pipeline(21, {"method": "arpls", "lam": "auto"}), DEFAULT_IR_SIMILARITY),
    Method("default + water-vapour mask", [
        step if step[0] != "mask_regions" else ("mask_regions", {"regions": [CO2_REGION, *WATER_VAPOUR_REGIONS]})
        for step in DEFAULT_IR_PIPELINE
    ], DEFAULT_IR_SIMILARITY),
]


# -- data ------------------------------------------------------------------------------------
@dataclass
class Item:
    file: str
    key: str
    group: str
    spectrum: Spectrum


def load_items(root: Path = SHARED_IR, step: int = 1) -> list[Item]:
    """Every ``step``-th spectrum of index.csv with its compound key and group."""
    return [
        Item(r["file"], compound_key(r), r["independent_group"], read_shared_spectrum(root / r["file"]))
        for r in load_index(root)[::step]
    ]


def vectorise(spectra: Sequence[Spectrum], pipeline) -> tuple[np.ndarray, np.ndarray]:
    pairs = [ir_search_vector(s, pipeline) for s in spectra]
    return np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])


_PEAK_TABLES: dict[bytes, tuple[np.ndarray, tuple[float, float] | None]] = {}


def _peaks_of(vec: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, tuple[float, float] | None]:
    """Peak table and covered range of a grid vector, cached (the library is re-searched many times)."""
    key = hashlib.sha1(vec.tobytes() + mask.tobytes()).digest()
    if key not in _PEAK_TABLES:
        y = np.where(mask, vec, np.nan)
        covered = IR_GRID[mask]
        rng = (float(covered.min()), float(covered.max())) if covered.size else None
        _PEAK_TABLES[key] = (peak_array(pick_peaks(Spectrum(IR_GRID, y, "ir", "1/cm", "absorbance"))), rng)
    return _PEAK_TABLES[key]


def scores_for(method: Method, qv, qm, lib_v, lib_m) -> np.ndarray:
    kwargs = dict(method.kwargs)
    if method.score == "peak_match":
        qpk, qrange = _peaks_of(qv, qm)
        lib = [_peaks_of(v, m) for v, m in zip(lib_v, lib_m)]
        s = peak_match_many(qpk, [t for t, _ in lib], kwargs.get("tolerance", 4.0), qrange, [r for _, r in lib])
    else:
        s = ir_similarity_scores(qv, lib_v, method.score, qm, lib_m, **kwargs)
    return np.where(np.isfinite(s), s, -np.inf)


# -- (a) leave-own-source-out ---------------------------------------------------------------
def crosssource(items: list[Item], methods: Sequence[Method], verbose: bool = False) -> dict[str, tuple[int, int, int]]:
    keys = np.array([it.key for it in items])
    groups = np.array([it.group for it in items])
    queries = [i for i in range(len(items)) if np.any((keys == keys[i]) & (groups != groups[i]))]
    cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    results = {}
    for method in methods:
        if id(method.pipeline) not in cache:
            cache[id(method.pipeline)] = vectorise([it.spectrum for it in items], method.pipeline)
        vecs, masks = cache[id(method.pipeline)]
        top1 = top5 = 0
        for q in queries:
            lib = np.flatnonzero(groups != groups[q])
            s = scores_for(method, vecs[q], masks[q], vecs[lib], masks[lib])
            order = lib[np.argsort(-s, kind="stable")]
            ranked_keys = keys[order]
            top1 += ranked_keys[0] == keys[q]
            top5 += keys[q] in ranked_keys[:5]
            if verbose and ranked_keys[0] != keys[q]:
                print(f"   miss [{method.name}] {items[q].file} -> {items[order[0]].file}")
        results[method.name] = (int(top1), int(top5), len(queries))
    return results


# -- (b) degradations (evaluation tools, not product code) ------------------------------------
def _absorbance(spectrum: Spectrum) -> Spectrum:
    a = to_absorbance(to_wavenumber(spectrum))
    # "arbitrary" (one header-less OpenSpecy file) is taken as absorbance-like
    return a if a.y_unit == "absorbance" else replace(a, y_unit="absorbance")


def _scale(a: Spectrum) -> float:
    finite = a.y[np.isfinite(a.y)]
    return float(np.percentile(finite, 99) - np.percentile(finite, 1)) or 1.0


def drift_polynomial(spectrum: Spectrum, rng: np.random.Generator, amplitude: float = 0.5) -> Spectrum:
    """Add a random cubic baseline of ``amplitude`` x the band height range."""
    a = _absorbance(spectrum)
    t = (a.x - a.x.min()) / max(np.ptp(a.x), 1e-9) * 2 - 1
    coef = rng.uniform(-1, 1, 4)
    drift = np.polyval(coef, t)
    drift = drift - drift.min()
    drift = drift / max(drift.max(), 1e-12) * amplitude * _scale(a)
    return a.processed("degrade_drift_polynomial", {"amplitude": amplitude}, y=a.y + drift)


def drift_exponential(spectrum: Spectrum, rng: np.random.Generator, amplitude: float = 0.5) -> Spectrum:
    """Add a scattering-like baseline rising exponentially towards high wavenumber."""
    a = _absorbance(spectrum)
    t = (a.x - a.x.min()) / max(np.ptp(a.x), 1e-9)
    rate = rng.uniform(1.5, 3.0)
    drift = np.expm1(rate * t) / np.expm1(rate) * amplitude * _scale(a)
    return a.processed("degrade_drift_exponential", {"amplitude": amplitude}, y=a.y + drift)


def add_noise(spectrum: Spectrum, rng: np.random.Generator, snr: float = 100.0) -> Spectrum:
    """White noise with sigma = band height range / ``snr``."""
    a = _absorbance(spectrum)
    sigma = _scale(a) / snr
    return a.processed("degrade_noise", {"snr": snr}, y=a.y + rng.normal(0, sigma, a.y.size))


def lower_resolution(spectrum: Spectrum, rng: np.random.Generator, fwhm: float = 8.0, step: float = 4.0) -> Spectrum:
    """Gaussian broadening (FWHM cm-1) then sampling every ``step`` cm-1."""
    a = _absorbance(spectrum)
    fine = np.arange(a.x.min(), a.x.max(), 0.5)
    y = np.interp(fine, a.x, a.y)
    sigma_pts = fwhm / 2.3548 / 0.5
    half = int(4 * sigma_pts)
    kernel = np.exp(-0.5 * (np.arange(-half, half + 1) / sigma_pts) ** 2)
    kernel /= kernel.sum()
    padded = np.pad(y, half, mode="edge")
    broad = np.convolve(padded, kernel, mode="valid")
    coarse = np.arange(fine[0], fine[-1], step)
    return a.processed("degrade_resolution", {"fwhm": fwhm, "step": step}, x=coarse, y=np.interp(coarse, fine, broad))


def as_percent_transmittance(spectrum: Spectrum, rng: np.random.Generator, max_absorbance: float = 1.0) -> Spectrum:
    """Scale to a band maximum of ``max_absorbance`` and convert to %T."""
    a = _absorbance(spectrum)
    y = a.y - np.nanmin(a.y)
    y = y / max(np.nanmax(y), 1e-12) * max_absorbance
    return to_transmittance(a.processed("degrade_scale", {"max_absorbance": max_absorbance}, y=y), percent=True)


def atr_like(spectrum: Spectrum, rng: np.random.Generator, reference: float = 1000.0) -> Spectrum:
    """Transmission -> ATR-like: absorbance scaled by wavelength (penetration depth ~ 1/nu)."""
    a = _absorbance(spectrum)
    return a.processed("degrade_atr_like", {"reference": reference}, y=a.y * reference / a.x)


def partial_range(spectrum: Spectrum, rng: np.random.Generator, low: float = 1000.0, high: float = 3300.0) -> Spectrum:
    """Keep only ``low..high`` cm-1 (a detector/window cut-off or a truncated export)."""
    a = _absorbance(spectrum)
    keep = (a.x >= low) & (a.x <= high)
    return a.processed("degrade_partial_range", {"low": low, "high": high}, x=a.x[keep], y=a.y[keep])


def combined(spectrum: Spectrum, rng: np.random.Generator) -> Spectrum:
    """ATR-like scaling, lower resolution, exponential drift, noise at SNR 30 and %T, in that order."""
    s = atr_like(spectrum, rng)
    s = lower_resolution(s, rng)
    s = drift_exponential(s, rng)
    s = add_noise(s, rng, 30.0)
    return as_percent_transmittance(s, rng, 1.0)


DEGRADATIONS: dict[str, Callable[..., Spectrum]] = {
    "drift poly": drift_polynomial,
    "drift exp": drift_exponential,
    "noise SNR100": lambda s, rng: add_noise(s, rng, 100.0),
    "noise SNR30": lambda s, rng: add_noise(s, rng, 30.0),
    "res 8cm-1/4": lower_resolution,
    "%T": as_percent_transmittance,
    "ATR-like": atr_like,
    "1000-3300 only": partial_range,
    "650-1800 only": lambda s, rng: partial_range(s, rng, 650.0, 1800.0),
    "1800-4000 only": lambda s, rng: partial_range(s, rng, 1800.0, 4000.0),
    "all combined": combined,
}


def robustness(
    items: list[Item], methods: Sequence[Method], degradations: dict[str, Callable] = DEGRADATIONS,
    seed: int = 7, query_indices: Sequence[int] | None = None,
) -> dict[str, dict[str, float]]:
    """Top-1 (fraction) of degraded spectra (``query_indices``, default all) searched against all originals."""
    keys = np.array([it.key for it in items])
    qidx = list(range(len(items))) if query_indices is None else list(query_indices)
    out: dict[str, dict[str, float]] = {m.name: {} for m in methods}
    cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for dname, degrade in degradations.items():
        rng = np.random.default_rng(seed)
        degraded = [degrade(items[i].spectrum, rng) for i in qidx]
        qcache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for method in methods:
            pid = id(method.pipeline)
            if pid not in cache:
                cache[pid] = vectorise([it.spectrum for it in items], method.pipeline)
            if pid not in qcache:
                qcache[pid] = vectorise(degraded, method.pipeline)
            lib_v, lib_m = cache[pid]
            qv, qm = qcache[pid]
            hits = 0
            for j, i in enumerate(qidx):
                s = scores_for(method, qv[j], qm[j], lib_v, lib_m)
                hits += keys[int(np.argmax(s))] == keys[i]
            out[method.name][dname] = hits / len(qidx)
    return out


# -- main ------------------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer methods and degradations, every 3rd spectrum in (b)")
    ap.add_argument("--only", choices=("a", "b"), help="run only part a or b")
    ap.add_argument("--variants", action="store_true", help="also measure the variants of the default pipeline")
    ap.add_argument("--verbose", action="store_true", help="list the misses of part a")
    args = ap.parse_args(argv)
    if not (SHARED_IR / "index.csv").exists():
        print(f"shared IR data not found at {SHARED_IR}")
        return 1
    t0 = time.time()
    items = load_items()
    methods = list(METHODS)
    if args.quick:
        methods = [m for m in methods if m.score != "peak_match"]
    if args.variants:
        methods += VARIANTS
    print(f"{len(items)} spectra loaded in {time.time() - t0:.1f} s")
    if args.only in (None, "a"):
        t = time.time()
        res = crosssource(items, methods, args.verbose)
        n = next(iter(res.values()))[2]
        print(f"\n(a) leave-own-source-out, {n} cross-source queries ({time.time() - t:.1f} s)")
        print(f"{'method':28s} {'top-1':>7s} {'top-5':>7s}")
        for name, (t1, t5, _) in res.items():
            print(f"{name:28s} {t1:>4d}/{n:<2d} {t5:>4d}/{n:<2d}")
    if args.only in (None, "b"):
        t = time.time()
        qidx = list(range(0, len(items), 3 if args.quick else 1))
        degr = DEGRADATIONS
        res_b = robustness(items, methods, degr, query_indices=qidx)
        print(f"\n(b) {len(qidx)} degraded spectra vs all {len(items)} originals, top-1 % ({time.time() - t:.1f} s)")
        print(f"{'method':28s} " + " ".join(f"{d:>12s}" for d in degr))
        for name, row in res_b.items():
            print(f"{name:28s} " + " ".join(f"{100 * row[d]:>11.1f}%" for d in degr))
    print(f"\ntotal {time.time() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
