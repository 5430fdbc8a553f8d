"""AMDIS-style deconvolution: one component per compound, with all its ions.

Method (after Stein, "An integrated method for spectrum extraction and compound
identification from GC/MS data", J. Am. Soc. Mass Spectrom. 1999, 10, 770-781):

1. Every nominal-ion chromatogram is baseline-corrected (moving minimum) and
   its noise estimated (MAD of first differences, floored at the acquisition
   threshold).
2. The apex of every ion peak is found, to a fraction of a scan (parabola).
3. Spectral skew: a quadrupole sweeps its mass range during each scan, so the
   ions of one compound peak at times that drift linearly with m/z (on the
   LRCFS runs about 0.2-0.3 scans per 100 m/z, more on large peaks).  The
   run's skew is measured on its strongest clean peaks (half-height centroids
   of their ions, line in m/z) and every ion chromatogram is moved back by it
   (``scan_skew``, recorded in the recipe).
4. Ions whose apexes coincide (within ``apex_tolerance`` scans) form a
   candidate component; its most intense ion is the *model ion*.  A weaker
   candidate near a stronger one (within ``same_peak_scans`` or the stronger
   one's half-height width) is the same compound when its ions elute on the
   stronger one's skew line (half-height centroids within
   ``shape_tolerance_scans``); two co-eluting compounds differ by a step no
   line in m/z follows, because their spectra interleave in m/z (benzene and
   cyclohexane, 0.006 min apart in gcmstools datasample1, stay two).
5. All ion chromatograms in a model's window are fitted, by least squares,
   with the model shapes of this component and of every neighbouring
   component that overlaps it.  An ion's amplitude on this component is its
   abundance in the component spectrum; ions whose profile (after removing the
   neighbours' fitted share) does not follow the model shape (correlation
   below ``min_shape_correlation``) are left out.  Background (baseline) has
   been removed in step 1, so the spectrum is background-subtracted.
6. A weaker component inside a stronger one's peak whose spectrum is like the
   stronger one's (cosine at least ``artefact_cosine``) only took a share of
   its ions in the fit: its model is dropped and the windows refitted, so a
   large, tailing or overloaded peak gives one component.

The AMDIS-like sensitivity / resolution / shape-requirement presets that set
these parameters are in :mod:`nps_id.gcms.settings`.  Everything is vectorised
over ions; the Python loops run over components.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from nps_id.gcms.chromatogram import moving_minimum_baseline, noise_level, scans_for_minutes, smooth
from nps_id.gcms.peaks import find_ion_apexes
from nps_id.gcms.run import GCMSRun
from nps_id.gcms.settings import settings_of
from nps_id.i18n import _
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
    "shape_tolerance_scans": 0.35,
    "max_skew_scans": 5.0,
    "scan_skew": "auto",
    "min_purity": 0.05,
    "artefact_cosine": 0.6,
    "artefact_level": 0.1,
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


def estimate_skew(smoothed: np.ndarray, noise: np.ndarray, columns: np.ndarray, apexes: Any,
                  peaks: int = 25, reach: float = 3.0, max_rms: float = 0.3) -> tuple[float, int]:
    """Spectral skew of the run: scans of apex delay per m/z unit, and the number of peaks it rests on.

    Around each of the ``peaks`` strongest ion apexes, the strong ions apexing
    within ``reach`` scans have their half-height centroids fitted by a line
    in m/z (:func:`skew_line_fit`); the weighted median slope of the clean fits
    (RMS at most ``max_rms`` scans, at least 5 ions spread over 50 m/z) is the
    run's skew.  A quadrupole sweeping its mass range during each scan makes
    this slope the same for every compound (Stein 1999, "scan direction").
    """
    strong = np.nonzero(apexes.snr >= 20.0)[0]
    strong = strong[np.argsort(-apexes.height[strong])]
    used = np.zeros(len(apexes), bool)
    slopes, weights = [], []
    for k in strong:
        if len(slopes) >= peaks:
            break
        if used[k]:
            continue
        near = strong[np.abs(apexes.position[strong] - apexes.position[k]) <= reach]
        near = near[~used[near]]
        used[near] = True
        near = near[np.argsort(-apexes.height[near])][:20]
        ions = np.unique(apexes.ion[near])
        if ions.size < 5 or np.ptp(columns[ions]) < 50:
            continue
        centroid, height = elution_offsets(smoothed, ions, (apexes.position[k], apexes.position[k]))
        ok = np.isfinite(centroid) & (height > 0)
        if ok.sum() < 5:
            continue
        slope, rms = skew_line_fit(columns[ions[ok]].astype(float), centroid[ok], np.sqrt(height[ok]))
        if rms <= max_rms:
            slopes.append(slope)
            weights.append(np.sqrt(apexes.height[k]))
    if not slopes:
        return 0.0, 0
    return _weighted_median(np.array(slopes), np.array(weights)), len(slopes)


def deskew(data: np.ndarray, columns: np.ndarray, slope: float, reference_mz: float) -> np.ndarray:
    """Ion chromatograms moved in time by ``-slope * (m/z - reference_mz)`` scans (linear interpolation)."""
    if slope == 0 or data.shape[0] < 2:
        return data
    out = np.empty_like(data)
    index = np.arange(data.shape[0], dtype=float)
    for j, mz in enumerate(columns):
        out[:, j] = np.interp(index + slope * (float(mz) - reference_mz), index, data[:, j])
    return out


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
    same_peak_scans
        A weaker candidate within this many scans of a stronger one (or inside
        its half-height width) is tested for being the same compound.
    shape_tolerance_scans
        ... it is, when its ions elute within this many scans (weighted median)
        of the stronger candidate's skew line.
    same_peak_correlation
        With fewer than three strong ions, the test is a correlation of the
        two model-ion profiles above this value.
    max_skew_scans
        Largest believable skew over the run's m/z range (steeper lines are
        taken as flat).
    scan_skew
        "auto" (measured on the run) or the skew in scans per 100 m/z (0: none).
    artefact_cosine, artefact_level
        A weaker component whose apex lies where a stronger one's model ion is
        above ``artefact_level`` of its apex, and whose spectrum has a cosine
        of at least ``artefact_cosine`` with it, is a fitting artefact and is
        removed (1 disables).
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
        raise TypeError(_("unknown deconvolution parameter(s): {0}").format(', '.join(sorted(unknown))))
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
    # -- spectral skew: move every ion chromatogram to the time of the scan's middle m/z --
    if p["scan_skew"] == "auto":
        skew, _n_peaks = estimate_skew(smoothed, noise, columns, apexes)
    else:
        skew = float(p["scan_skew"]) / 100.0
    if skew:
        middle = 0.5 * float(columns[0] + columns[-1])
        corrected = deskew(corrected, columns, skew, middle)
        smoothed = deskew(smoothed, columns, skew, middle)
        apexes = find_ion_apexes(smoothed, noise, min_snr=p["min_snr"])
    recipe = {**{k: p[k] for k in DEFAULTS}, "scan_skew": round(100.0 * skew, 4), "settings": settings_of(p)}

    # -- candidate components: greedy clustering of apexes, strongest first ----
    order = np.argsort(-apexes.height)
    pos_sorted_idx = np.argsort(apexes.position)
    pos_sorted = apexes.position[pos_sorted_idx]
    taken = np.zeros(len(apexes), bool)
    seeds: list[tuple[int, int, float]] = []   # (model column, apex scan, position)
    seed_ions: list[np.ndarray] = []            # columns of the co-apexing ions of each seed
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
        ions = _member_ions(apexes, members, noise)
        if _same_compound_as_stronger(smoothed, seeds, seed_ions, ions, int(apexes.ion[k]),
                                      float(apexes.position[k]), columns, p):
            continue
        seeds.append((int(apexes.ion[k]), int(apexes.scan[k]), float(apexes.position[k])))
        seed_ions.append(ions)
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

    # -- fit every window with the overlapping model shapes; a weak model inside a
    # stronger one's peak that only takes a share of the stronger one's ions (an
    # artefact of two nearly equal shapes) is dropped and the windows refitted.
    fitted = _fit_models(run, models, columns, corrected, noise, p, recipe)
    artefacts = _artefact_models(fitted, models, smoothed, p)
    if artefacts:
        models = [m for i, m in enumerate(models) if i not in artefacts]
        fitted = _fit_models(run, models, columns, corrected, noise, p, recipe)
    components = [c for _, c in fitted]
    components = _merge_duplicates(components, 2 * tol, p["merge_cosine"])
    total = sum(c.area for c in components)
    return [replace(c, area_pct=100.0 * c.area / total if total > 0 else 0.0) for c in components]


def _fit_models(run: GCMSRun, models: list[dict[str, Any]], columns: np.ndarray, corrected: np.ndarray,
                noise: np.ndarray, p: dict[str, Any], recipe: dict[str, Any]) -> list[tuple[int, Component]]:
    """Fit each model's window with every overlapping model shape: (model index, component) pairs."""
    fitted: list[tuple[int, Component]] = []
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
                            ).processed("deconvolve", recipe)
        fitted.append((i, Component(rt, float(m["pos"]), area, height, int(columns[m["col"]]),
                                    purity, quality, spectrum, (lo, hi))))
    return fitted


def _artefact_models(fitted: list[tuple[int, Component]], models: list[dict[str, Any]], smoothed: np.ndarray,
                     p: dict[str, Any]) -> set[int]:
    """Models whose component lies inside a stronger component's peak with a like spectrum.

    Inside: within the scans where the stronger model ion stays above
    ``artefact_level`` of its apex height.

    Two models a few scans apart with nearly the same shape split the ions of
    one compound between them by least squares; the weaker one then has a
    spectrum made of the stronger one's ions (cosine at least
    ``artefact_cosine``).  A truly co-eluting compound brings ions of its own
    and a different spectrum (benzene and cyclohexane in gcmstools
    datasample1: cosine 0.3).
    """
    if p["artefact_cosine"] >= 1:
        return set()
    out = set()
    for i, comp in fitted:
        for j, other in fitted:
            if j == i or other.height <= comp.height:
                continue
            model = models[j]
            reach = max(float(p["same_peak_scans"]),
                        float(_half_width(smoothed[:, model["col"]], model["scan"], p["artefact_level"])))
            if abs(other.scan - comp.scan) <= reach and _cosine(comp.spectrum, other.spectrum) >= p["artefact_cosine"]:
                out.add(i)
                break
    return out


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


def _member_ions(apexes: Any, members: np.ndarray, noise: np.ndarray, min_snr: float = 10.0,
                 most: int = 15) -> np.ndarray:
    """Columns of the strongest co-apexing ions of a candidate (the ions its elution time is read from)."""
    strong = members[apexes.snr[members] >= min_snr]
    strong = strong[np.argsort(-apexes.height[strong])][:most]
    return np.unique(apexes.ion[strong])


def half_height_centroid(profile: np.ndarray, near: tuple[int, int]) -> tuple[float, float]:
    """Elution time (fractional scan) and height of the peak of ``profile`` whose top lies in ``near``.

    The centroid of the part of the peak above half its height: unlike the apex
    it is not moved by a noisy or flat (saturated) top, and for ions of one
    compound it differs only by the spectral skew of the scan.
    """
    lo, hi = max(0, near[0]), min(profile.size - 1, near[1])
    if hi < lo:
        return float("nan"), 0.0
    top = lo + int(np.argmax(profile[lo:hi + 1]))
    height = float(profile[top])
    if height <= 0:
        return float("nan"), 0.0
    half = 0.5 * height
    left = top
    while left > 0 and profile[left - 1] >= half:
        left -= 1
    right = top
    while right < profile.size - 1 and profile[right + 1] >= half:
        right += 1
    # the linear crossings of half height make the centroid sub-scan on narrow peaks
    idx = np.arange(left, right + 1, dtype=float)
    weight = profile[left:right + 1] - half
    return float((idx * weight).sum() / weight.sum()) if weight.sum() > 0 else float(top), height


def elution_offsets(smoothed: np.ndarray, ions: np.ndarray, around: tuple[float, float]
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Half-height centroids and heights of the ion columns ``ions`` near the scan range ``around``."""
    near = (int(np.floor(around[0])) - 2, int(np.ceil(around[1])) + 2)
    values = [half_height_centroid(smoothed[:, c], near) for c in ions]
    return np.array([v[0] for v in values]), np.array([v[1] for v in values])


def skew_line_fit(mz: np.ndarray, centroid: np.ndarray, weight: np.ndarray) -> tuple[float, float]:
    """Weighted least-squares line ``centroid = a + s * mz``: returns (s, weighted RMS residual).

    A quadrupole samples the ions of one scan one after the other, so the ions
    of one compound reach their maxima at times that differ linearly with m/z
    ("spectral skewing"; Stein 1999 corrects for the scan direction).  Ions of
    two co-eluting compounds differ by a step that no straight line in m/z
    follows, because the two spectra interleave in m/z.
    """
    w = np.asarray(weight, float)
    if np.ptp(mz) < 10:
        mean = float(np.average(centroid, weights=w))
        return 0.0, float(np.sqrt(np.average((centroid - mean) ** 2, weights=w)))
    design = np.vstack([np.ones_like(mz, dtype=float), mz.astype(float)]).T
    sw = np.sqrt(w)
    coef, *_ = np.linalg.lstsq(design * sw[:, None], centroid * sw, rcond=None)
    resid = centroid - design @ coef
    return float(coef[1]), float(np.sqrt(np.average(resid ** 2, weights=w)))


def _half_width(profile: np.ndarray, apex: int, level: float = 0.5) -> int:
    """Scans from ``apex`` to where ``profile`` falls below ``level`` of its apex height, the wider side."""
    half = level * profile[apex]
    left = apex
    while left > 0 and profile[left - 1] >= half:
        left -= 1
    right = apex
    while right < profile.size - 1 and profile[right + 1] >= half:
        right += 1
    return max(apex - left, right - apex)


def _same_compound_as_stronger(smoothed: np.ndarray, seeds: list[tuple[int, int, float]],
                               seed_ions: list[np.ndarray], ions: np.ndarray, col: int, pos: float,
                               columns: np.ndarray, p: dict[str, Any]) -> bool:
    """True when a stronger seed is the same compound as this candidate.

    A stronger seed is near when the candidate apexes within ``same_peak_scans``
    of it or inside its half-height width (a large, tailing or overloaded peak
    throws off apexes of its weaker ions over several scans).  The stronger
    seed's ions define its elution line in m/z (half-height centroids, see
    :func:`skew_line_fit`); the candidate is the same compound when its own
    ions lie on that line: weighted median distance at most
    ``shape_tolerance_scans``.  With too few strong ions the profiles of the
    two model ions must correlate above ``same_peak_correlation``.
    """
    span = float(columns[-1] - columns[0]) if columns.size > 1 else 1.0
    for (other_col, other_scan, other_pos), other_ions in zip(seeds, seed_ions):
        reach = max(float(p["same_peak_scans"]), float(_half_width(smoothed[:, other_col], other_scan)))
        if abs(other_pos - pos) > reach:
            continue
        own = np.setdiff1d(ions, other_ions)
        around = (min(pos, other_pos), max(pos, other_pos))
        if own.size == 0 or other_ions.size < 3:
            if _same_peak_as_stronger(smoothed, [(other_col, other_scan, other_pos)], col, pos,
                                      reach, p["same_peak_correlation"]):
                return True
            continue
        a_c, a_h = elution_offsets(smoothed, other_ions, (other_pos, other_pos))
        ok = np.isfinite(a_c) & (a_h > 0)
        if ok.sum() < 3:
            continue
        a_mz = columns[other_ions[ok]].astype(float)
        slope, rms = skew_line_fit(a_mz, a_c[ok], np.sqrt(a_h[ok]))
        if abs(slope) * span > p["max_skew_scans"]:
            slope = 0.0
        w = np.sqrt(a_h[ok])
        intercept = float(np.average(a_c[ok] - slope * a_mz, weights=w))
        b_c, b_h = elution_offsets(smoothed, own, around)
        good = np.isfinite(b_c) & (b_h > 0)
        if not good.any():
            continue
        distance = np.abs(b_c[good] - (intercept + slope * columns[own[good]]))
        if _weighted_median(distance, np.sqrt(b_h[good])) <= max(p["shape_tolerance_scans"], rms):
            return True
    return False


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, 0.5 * cumulative[-1])])


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
