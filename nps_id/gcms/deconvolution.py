"""AMDIS-style deconvolution of co-eluting components into clean spectra.

Method (after Stein, "An integrated method for spectrum extraction and compound
identification from GC/MS data", J. Am. Soc. Mass Spectrom. 1999, 10, 770-781):

1. Every nominal-ion chromatogram is baseline-corrected (moving minimum) and
   its noise estimated (MAD of first differences, floored at the acquisition
   threshold).
2. The apex of every ion peak is found, to a fraction of a scan (parabola).
3. Ions whose apexes coincide (within ``apex_tolerance`` scans) form a
   candidate component; its most intense ion is the *model ion*, whose
   chromatographic profile (down to where it stops falling) is the model
   peak shape.
4. All ion chromatograms in the model's window are fitted, by least squares,
   with the model shapes of this component and of every neighbouring
   component that overlaps it.  An ion's amplitude on this component is its
   abundance in the component spectrum; ions whose profile (after removing the
   neighbours' fitted share) does not follow the model shape (correlation
   below ``min_shape_correlation``) are left out.  Background (baseline) has
   been removed in step 1, so the spectrum is background-subtracted.

Everything is vectorised over ions; the only Python loop runs over components.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from nps_id.gcms.chromatogram import moving_minimum_baseline, noise_level, scans_for_minutes, smooth
from nps_id.gcms.peaks import find_ion_apexes
from nps_id.gcms.run import GCMSRun
from nps_id.spectrum import Spectrum

#: Defaults (documented in :func:`deconvolve`).
DEFAULTS: dict[str, Any] = {
    "baseline_minutes": 0.5,
    "smooth_window": 5,
    "min_snr": 3.0,
    "apex_tolerance": 1.0,
    "min_apex_ions": 2,
    "min_ions": 3,
    "min_model_snr": 10.0,
    "min_shape_correlation": 0.7,
    "max_half_width_minutes": 0.3,
    "merge_cosine": 0.8,
    "same_peak_scans": 4.0,
    "same_peak_correlation": 0.9,
    "min_purity": 0.05,
}


@dataclass(frozen=True, eq=False)
class Component:
    """One deconvoluted component (compound) of a run.

    Attributes
    ----------
    rt_min
        Apex time of the model ion (sub-scan, parabola), minutes.
    scan
        The same apex as a fractional scan index.
    ri
        Retention index (``None`` until a calibration is applied).
    area
        Integrated component TIC (sum of the component spectrum times the
        integral of the model shape), counts x minutes.
    area_pct
        Area as a percentage of the summed area of all components.
    height
        Summed component spectrum at the apex (counts).
    model_mz
        Nominal m/z of the model ion.
    purity
        Fraction of the (baseline-corrected) apex-scan TIC that this component
        explains, 0-1 (1 = nothing else elutes there).
    model_quality
        Intensity-weighted mean shape correlation of the included ions with the
        model peak, 0-1.
    spectrum
        The component spectrum: an MS :class:`~nps_id.spectrum.Spectrum`,
        nominal m/z, abundances in counts at the apex, with metadata
        ``retention_time`` and ``source_file``.
    window
        First and last scan of the model peak.
    """

    rt_min: float
    scan: float
    area: float
    height: float
    model_mz: int
    purity: float
    model_quality: float
    spectrum: Spectrum
    window: tuple[int, int]
    area_pct: float = 0.0
    ri: float | None = None
    flags: tuple[str, ...] = field(default=())

    @property
    def n_ions(self) -> int:
        return len(self.spectrum)

    def top_ions(self, n: int = 3) -> list[int]:
        order = np.argsort(self.spectrum.y)[::-1][:n]
        return [int(round(v)) for v in self.spectrum.x[order]]


def _model_window(profile: np.ndarray, apex: int, max_half: int, fraction: float = 0.02) -> tuple[int, int]:
    """Scans over which the model peak falls monotonically from its apex to ``fraction`` of it."""
    n = profile.size
    top = profile[apex]
    left = apex
    while left > 0 and apex - left < max_half and profile[left - 1] <= profile[left] \
            and profile[left - 1] > fraction * top:
        left -= 1
    right = apex
    while right < n - 1 and right - apex < max_half and profile[right + 1] <= profile[right] \
            and profile[right + 1] > fraction * top:
        right += 1
    return max(left - 1, 0), min(right + 1, n - 1)


def _correlation(data: np.ndarray, model: np.ndarray) -> np.ndarray:
    """Pearson correlation of each column of ``data`` with ``model``."""
    d = data - data.mean(axis=0)
    m = model - model.mean()
    denom = np.sqrt((d * d).sum(axis=0) * (m @ m))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (m @ d) / denom
    return np.nan_to_num(r)


def prepare(run: GCMSRun, baseline_minutes: float = DEFAULTS["baseline_minutes"],
            smooth_window: int = DEFAULTS["smooth_window"]) -> dict[str, np.ndarray]:
    """Baseline-corrected, smoothed ion chromatograms and noise of every ion of ``run``."""
    columns, raw = run.nominal_matrix()
    half = scans_for_minutes(run, baseline_minutes)
    base, _ = moving_minimum_baseline(raw, half_window=half)
    corrected = raw - base
    noise = noise_level(raw)
    smoothed = np.maximum(smooth(corrected, smooth_window), 0.0) if raw.shape[0] >= smooth_window else corrected
    return {"columns": columns, "raw": raw, "corrected": corrected, "smoothed": smoothed, "noise": noise}


def deconvolve(run: GCMSRun, **params: Any) -> list[Component]:
    """Components of ``run``: co-eluting compounds separated into clean spectra.

    Parameters
    ----------
    run
        The GC-MS run.
    baseline_minutes
        Width of the moving-minimum baseline window (must exceed peak widths).
    smooth_window
        Savitzky-Golay window (scans) applied before apex detection.
    min_snr
        Minimum ion apex height over that ion's noise.
    apex_tolerance
        Ions whose apexes lie within this many scans of the model ion's apex
        belong to its candidate component (Stein 1999 uses sub-scan apexes).
    min_apex_ions
        A candidate needs this many co-apexing ions (1 for SIM runs).
    min_ions
        A component spectrum needs this many ions after shape filtering.
    min_model_snr
        The model ion must reach this signal-to-noise ratio.
    min_shape_correlation
        Ions whose profile correlates less than this with the model peak are
        not part of the component spectrum.
    max_half_width_minutes
        Largest half width of a model peak window.
    same_peak_scans, same_peak_correlation
        A candidate whose model ion apexes within ``same_peak_scans`` of a
        stronger candidate and whose profile correlates above
        ``same_peak_correlation`` with it is the same compound, not a new one.
    min_purity
        Components explaining less than this fraction of their apex scan are
        dropped (fit residue on the flank of a much bigger peak).
    merge_cosine
        Neighbouring components (within 2 x ``apex_tolerance`` scans) whose
        spectra have a cosine above this are one compound and are merged.

    Returns
    -------
    list of Component, in retention-time order, with ``area_pct`` set.
    """
    p = {**DEFAULTS, **params}
    unknown = set(params) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown deconvolution parameter(s): {', '.join(sorted(unknown))}")
    prep = prepare(run, p["baseline_minutes"], p["smooth_window"])
    if run.mode == "sim":
        return _sim_components(run, prep, p)
    columns, corrected, smoothed, noise = prep["columns"], prep["corrected"], prep["smoothed"], prep["noise"]
    n_scans = corrected.shape[0]
    if columns.size == 0 or n_scans < 5:
        return []
    apexes = find_ion_apexes(smoothed, noise, min_snr=p["min_snr"])
    if len(apexes) == 0:
        return []

    # -- candidate components: greedy clustering of apexes, strongest first ----
    order = np.argsort(-apexes.height)
    pos_sorted_idx = np.argsort(apexes.position)
    pos_sorted = apexes.position[pos_sorted_idx]
    taken = np.zeros(len(apexes), bool)
    seeds: list[tuple[int, int, float]] = []   # (model column, apex scan, position)
    tol = float(p["apex_tolerance"])
    for k in order:
        if taken[k]:
            continue
        lo = np.searchsorted(pos_sorted, apexes.position[k] - tol, "left")
        hi = np.searchsorted(pos_sorted, apexes.position[k] + tol, "right")
        members = pos_sorted_idx[lo:hi]
        members = members[~taken[members]]
        taken[members] = True
        if members.size < p["min_apex_ions"] or apexes.snr[k] < p["min_model_snr"]:
            continue
        if _same_peak_as_stronger(smoothed, seeds, int(apexes.ion[k]), float(apexes.position[k]),
                                  p["same_peak_scans"], p["same_peak_correlation"]):
            continue
        seeds.append((int(apexes.ion[k]), int(apexes.scan[k]), float(apexes.position[k])))
    if not seeds:
        return []

    # -- model shapes ------------------------------------------------------------
    max_half = scans_for_minutes(run, p["max_half_width_minutes"])
    models = []
    for col, scan, pos in seeds:
        profile = smoothed[:, col]
        apex = scan
        lo, hi = _model_window(profile, apex, max_half)
        shape = corrected[lo:hi + 1, col].clip(min=0)
        peak = shape.max() if shape.size else 0.0
        if peak <= 0:
            continue
        models.append({"col": col, "scan": scan, "pos": pos, "lo": lo, "hi": hi, "shape": shape / peak})
    models.sort(key=lambda m: m["pos"])

    # -- fit every window with the overlapping model shapes ------------------------
    components: list[Component] = []
    starts = np.array([m["lo"] for m in models])
    ends = np.array([m["hi"] for m in models])
    times = run.times
    interval = run.scan_interval_min
    for i, m in enumerate(models):
        lo, hi = m["lo"], m["hi"]
        neighbours = np.nonzero((starts <= hi) & (ends >= lo))[0]
        basis = np.zeros((hi - lo + 1, neighbours.size))
        for b, j in enumerate(neighbours):
            other = models[j]
            a, z = max(lo, other["lo"]), min(hi, other["hi"])
            basis[a - lo:z - lo + 1, b] = other["shape"][a - other["lo"]:z - other["lo"] + 1]
        data = corrected[lo:hi + 1]
        coef, *_ = np.linalg.lstsq(basis, data, rcond=None)
        coef = np.clip(coef, 0.0, None)
        me = int(np.nonzero(neighbours == i)[0][0])
        own = coef[me]
        others = np.delete(coef, me, axis=0)
        residual = data - np.delete(basis, me, axis=1) @ others if others.size else data
        shape = basis[:, me]
        corr = _correlation(residual, shape) if shape.size > 2 else np.ones(own.size)
        # An ion's abundance can never exceed what was measured at the apex.
        apex_row = m["scan"] - lo
        own = np.minimum(own, np.maximum(residual[apex_row], 0.0))
        keep = (corr >= p["min_shape_correlation"]) & (own > p["min_snr"] * noise) & (own > 0)
        keep[m["col"]] = True
        if keep.sum() < p["min_ions"]:
            continue
        mz = columns[keep].astype(float)
        abundance = own[keep]
        height = float(abundance.sum())
        apex_tic = float(np.maximum(corrected[m["scan"]], 0).sum())
        purity = min(1.0, height / apex_tic) if apex_tic > 0 else 0.0
        if purity < p["min_purity"]:
            continue  # a sliver of a bigger neighbour's tail, not a compound
        quality = float(np.average(np.clip(corr[keep], 0, 1), weights=abundance)) if height > 0 else 0.0
        area = height * float(shape.sum()) * interval
        frac = m["pos"] - np.floor(m["pos"])
        base_scan = int(np.floor(m["pos"]))
        if base_scan + 1 < times.size:
            rt = float(times[base_scan] + frac * (times[base_scan + 1] - times[base_scan]))
        else:
            rt = float(times[base_scan])
        spectrum = Spectrum(mz, abundance, "ms", "m/z", "counts",
                            {"name": f"RT {rt:.3f} min", "retention_time": rt,
                             "source_file": run.source_file, "model_ion": int(columns[m["col"]])},
                            ).processed("deconvolve", {k: p[k] for k in DEFAULTS})
        components.append(Component(rt, float(m["pos"]), area, height, int(columns[m["col"]]),
                                    purity, quality, spectrum, (lo, hi)))
    components = _merge_duplicates(components, 2 * tol, p["merge_cosine"])
    total = sum(c.area for c in components)
    return [replace(c, area_pct=100.0 * c.area / total if total > 0 else 0.0) for c in components]


def _sim_components(run: GCMSRun, prep: dict[str, np.ndarray], p: dict[str, Any]) -> list[Component]:
    """SIM runs: one component per peak of each monitored ion (no spectrum to deconvolute)."""
    columns, corrected, smoothed, noise = prep["columns"], prep["corrected"], prep["smoothed"], prep["noise"]
    if columns.size == 0 or corrected.shape[0] < 5:
        return []
    apexes = find_ion_apexes(smoothed, noise, min_snr=p["min_snr"])
    max_half = scans_for_minutes(run, p["max_half_width_minutes"])
    times, interval = run.times, run.scan_interval_min
    comps = []
    for k in range(len(apexes)):
        if apexes.snr[k] < p["min_model_snr"]:
            continue
        col, scan, pos = int(apexes.ion[k]), int(apexes.scan[k]), float(apexes.position[k])
        lo, hi = _model_window(smoothed[:, col], scan, max_half)
        height = float(max(corrected[scan, col], apexes.height[k]))
        area = float(corrected[lo:hi + 1, col].clip(min=0).sum()) * interval
        base = min(int(np.floor(pos)), times.size - 2)
        rt = float(np.interp(pos, [base, base + 1], times[base:base + 2]))
        mz = float(columns[col])
        spectrum = Spectrum([mz], [height], "ms", "m/z", "counts",
                            {"name": f"m/z {mz:g} at RT {rt:.3f} min", "retention_time": rt,
                             "source_file": run.source_file, "model_ion": int(mz)},
                            ).processed("sim_peak", {k2: p[k2] for k2 in ("min_snr", "min_model_snr")})
        apex_total = float(np.maximum(corrected[scan], 0).sum())
        comps.append(Component(rt, pos, area, height, int(mz), height / apex_total if apex_total else 0.0,
                               1.0, spectrum, (lo, hi), flags=("sim",)))
    comps.sort(key=lambda c: (c.rt_min, c.model_mz))
    total = sum(c.area for c in comps)
    return [replace(c, area_pct=100.0 * c.area / total if total > 0 else 0.0) for c in comps]


def _same_peak_as_stronger(smoothed: np.ndarray, seeds: list[tuple[int, int, float]], col: int, pos: float,
                           max_scans: float, min_corr: float) -> bool:
    """True when a stronger seed within ``max_scans`` has the same peak shape.

    Ions of one compound can apex a scan or two apart (noise, detector
    saturation of big peaks); their profiles still coincide, whereas a truly
    co-eluting compound gives a shifted, differently shaped profile.
    """
    n = smoothed.shape[0]
    for other_col, other_scan, other_pos in seeds:
        if abs(other_pos - pos) > max_scans:
            continue
        half = int(2 * max_scans)
        lo, hi = max(0, other_scan - half), min(n, other_scan + half + 1)
        a = smoothed[lo:hi, col]
        b = smoothed[lo:hi, other_col]
        if a.std() == 0 or b.std() == 0:
            continue
        if float(np.corrcoef(a, b)[0, 1]) >= min_corr:
            return True
    return False


def _cosine(a: Spectrum, b: Spectrum) -> float:
    keys = np.union1d(a.x, b.x)
    va = np.zeros(keys.size)
    vb = np.zeros(keys.size)
    va[np.searchsorted(keys, a.x)] = np.sqrt(a.y)
    vb[np.searchsorted(keys, b.x)] = np.sqrt(b.y)
    denom = np.linalg.norm(va) * np.linalg.norm(vb)
    return float(va @ vb / denom) if denom else 0.0


def _merge_duplicates(components: list[Component], max_scans: float, min_cosine: float) -> list[Component]:
    """Drop the weaker of two components that are the same compound seen twice."""
    components = sorted(components, key=lambda c: c.scan)
    kept: list[Component] = []
    for comp in components:
        duplicate = False
        for j in range(len(kept) - 1, -1, -1):
            other = kept[j]
            if comp.scan - other.scan > max_scans:
                break
            if _cosine(comp.spectrum, other.spectrum) >= min_cosine:
                duplicate = True
                if comp.height > other.height:
                    kept[j] = comp
                break
        if not duplicate:
            kept.append(comp)
    return kept
