"""Target screening of a run with a method: found / not found, RT shift, qualifier ratios, area ratio to the IS.

The way ChemStation and MassHunter screen a sequence (Agilent MassHunter
Quantitative Analysis, "qualifier ratio" and "ISTD-relative RT"): for each
target the quantifier-ion chromatogram is searched for peaks inside the
target's window; at each candidate peak the qualifier ions are integrated over
the quantifier peak's bounds and their abundance relative to the quantifier is
compared with the method's expected ratios.  The candidate with the most
qualifiers within tolerance (then the smallest summed relative deviation from
the expected ratios, then the nearest to the expected time, then the largest)
is the target.  A homologue outside the window cannot be chosen, and
inside it the qualifiers (e.g. the molecular ion 394 of n-octacosane) decide.

The internal standard is located first; its shift from the method's RT moves
the other targets' windows by the same amount (``rt_by_istd``), and every
target's area is reported relative to the internal standard's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from nps_id.gcms.chromatogram import moving_minimum_baseline, noise_level, scans_for_minutes, smooth
from nps_id.gcms.method import Method, Target, qualifier_window
from nps_id.gcms.run import GCMSRun
from nps_id.i18n import _

#: A peak needs this signal-to-noise ratio on the quantifier to count as found.
MIN_SNR = 5.0
#: ... and must rise this fraction of its height above the valleys to higher ground (no wiggle on a tail).
MIN_PROMINENCE = 0.5


@dataclass
class QualifierResult:
    ion: int
    ratio_pct: float           # measured area, percent of the quantifier
    expected_pct: float | None
    low: float | None
    high: float | None

    @property
    def within(self) -> bool | None:
        return None if self.expected_pct is None else bool(self.low <= self.ratio_pct <= self.high)

    def to_dict(self) -> dict[str, Any]:
        return {"ion": self.ion, "ratio_pct": round(self.ratio_pct, 1), "expected_pct": self.expected_pct,
                "range_pct": None if self.low is None else [round(self.low, 1), round(self.high, 1)],
                "within": self.within}


@dataclass
class TargetResult:
    """What the run says about one target."""

    target: Target
    status: str                       # "found", "qualifier_mismatch", "not_found"
    expected_rt: float | None
    window: tuple[float, float] | None
    rt_min: float | None = None
    area: float = 0.0
    height: float = 0.0
    snr: float = 0.0
    qualifiers: list[QualifierResult] = field(default_factory=list)
    area_ratio_to_istd: float | None = None
    component: int | None = None      # index of the deconvoluted component at this peak
    reason: str = ""

    @property
    def found(self) -> bool:
        return self.status != "not_found"

    @property
    def rt_shift(self) -> float | None:
        if self.rt_min is None or self.target.rt_min is None:
            return None
        return self.rt_min - self.target.rt_min

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.target.name, "role": "istd" if self.target.istd else "target",
                "status": self.status, "found": self.found, "expected_rt_min": _r(self.expected_rt),
                "window_min": [_r(w) for w in self.window] if self.window else None,
                "rt_min": _r(self.rt_min), "rt_shift_min": _r(self.rt_shift), "area": float(self.area),
                "height": float(self.height), "snr": round(self.snr, 1),
                "qualifiers": [q.to_dict() for q in self.qualifiers],
                "area_ratio_to_istd": None if self.area_ratio_to_istd is None else round(self.area_ratio_to_istd, 5),
                "component": None if self.component is None else self.component + 1, "reason": self.reason}


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


class _Chromatograms:
    """Baseline-corrected, smoothed ion chromatograms of a run, by nominal m/z (computed per ion, on demand)."""

    def __init__(self, run: GCMSRun):
        self.columns, self.raw = run.nominal_matrix()
        self.half = scans_for_minutes(run, 0.5)
        self.floor = float(self.raw[self.raw > 0].min()) if (self.raw > 0).any() else 1.0
        self.times = run.times
        self._cache: dict[int, tuple[np.ndarray, np.ndarray, float]] = {}

    def ion(self, mz: int) -> tuple[np.ndarray, np.ndarray, float]:
        if mz in self._cache:
            return self._cache[mz]
        k = np.searchsorted(self.columns, mz)
        if k >= self.columns.size or self.columns[k] != mz:
            zero = np.zeros(self.times.size)
            out = (zero, zero, 1.0)
        else:
            raw = self.raw[:, k]
            base, _ = moving_minimum_baseline(raw, half_window=self.half)
            corrected = raw - base
            smoothed = np.maximum(smooth(corrected, 5), 0.0) if raw.size >= 5 else corrected
            out = (corrected, smoothed, float(noise_level(raw, floor=self.floor)))
        self._cache[mz] = out
        return out


def _prominence(y: np.ndarray, apex: int) -> float:
    """Height of ``apex`` over the higher of the two valleys that separate it from higher ground."""
    top = y[apex]
    valleys = []
    for step in (-1, 1):
        i, low = apex, top
        while 0 <= i + step < y.size and y[i + step] <= top:
            i += step
            low = min(low, y[i])
        valleys.append(low)
    return float(top - max(valleys))


def _peak_bounds(y: np.ndarray, apex: int) -> tuple[int, int]:
    """Scans where the peak at ``apex`` falls to 5 % of its height or to a valley."""
    top = y[apex]
    lo = apex
    while lo > 0 and y[lo - 1] <= y[lo] and y[lo - 1] > 0.05 * top:
        lo -= 1
    hi = apex
    while hi < y.size - 1 and y[hi + 1] <= y[hi] and y[hi + 1] > 0.05 * top:
        hi += 1
    return lo, hi


def locate(chrom: _Chromatograms, target: Target, centre: float, window: tuple[float, float],
           tolerance: str | float) -> TargetResult:
    """The target's peak in ``window`` (minutes), judged on its qualifier ions."""
    times = chrom.times
    result = TargetResult(target, "not_found", centre, window)
    inside = np.nonzero((times >= window[0]) & (times <= window[1]))[0]
    if inside.size < 3:
        result.reason = _("the window lies outside the run")
        return result
    corrected, smoothed, noise = chrom.ion(target.quant_ion)
    seg = smoothed[inside]
    # local maxima of the quantifier inside the window (plateaus count once)
    interior = (seg[1:-1] >= seg[:-2]) & (seg[1:-1] > seg[2:])
    apexes = inside[1:-1][interior]
    apexes = [int(a) for a in apexes if smoothed[a] >= MIN_SNR * noise
              and _prominence(smoothed, int(a)) >= max(MIN_SNR * noise, MIN_PROMINENCE * smoothed[a])]
    if not apexes:
        result.reason = _("no peak of m/z {0} above S/N {1:g} in the window").format(target.quant_ion, MIN_SNR)
        return result
    best = None
    for apex in apexes:
        lo, hi = _peak_bounds(smoothed, apex)
        area = float(np.clip(corrected[lo:hi + 1], 0, None).sum())
        if area <= 0:
            continue
        quals = []
        for k, ion in enumerate(target.qualifiers):
            q_corr, _smoothed, _noise = chrom.ion(ion)
            ratio = 100.0 * float(np.clip(q_corr[lo:hi + 1], 0, None).sum()) / area
            expected = target.qualifier_ratios[k] if target.qualifier_ratios else None
            low, high = qualifier_window(expected, tolerance) if expected is not None else (None, None)
            quals.append(QualifierResult(ion, ratio, expected, low, high))
        # qualifiers present where none is expected: at least a tenth of a percent, co-eluting
        within = sum(1 for q in quals if q.within) if target.qualifier_ratios else \
            sum(1 for q in quals if q.ratio_pct > 0.1)
        rt = _apex_time(times, smoothed, apex)
        # then the smallest summed relative deviation from the expected ratios, then the nearest, the largest
        deviation = sum(abs(q.ratio_pct - q.expected_pct) / max(q.expected_pct, 1.0)
                        for q in quals if q.expected_pct is not None)
        key = (within, -round(deviation, 3), -abs(rt - centre), smoothed[apex])
        if best is None or key > best[0]:
            best = (key, apex, lo, hi, area, quals, rt)
    if best is None:
        result.reason = _("no integrable peak in the window")
        return result
    (within, *_key), apex, lo, hi, area, quals, rt = best
    result.rt_min, result.area, result.qualifiers = rt, area * float(np.median(np.diff(times))), quals
    result.height, result.snr = float(smoothed[apex]), float(smoothed[apex] / noise)
    if target.qualifiers and target.qualifier_ratios and within < len(target.qualifiers):
        result.status = "qualifier_mismatch"
        bad = [_("{0} at {1:.0f} % (expected {2:.0f}-{3:.0f} %)").format(q.ion, q.ratio_pct, q.low, q.high)
               for q in quals if not q.within]
        result.reason = _("qualifier ratio out of tolerance: {0}").format(", ".join(bad))
    elif target.qualifiers and not target.qualifier_ratios and within == 0:
        result.status = "qualifier_mismatch"
        result.reason = _("no qualifier ion co-elutes")
    else:
        result.status = "found"
    return result


def _apex_time(times: np.ndarray, y: np.ndarray, apex: int) -> float:
    if 0 < apex < y.size - 1:
        denom = y[apex - 1] - 2 * y[apex] + y[apex + 1]
        offset = 0.5 * (y[apex - 1] - y[apex + 1]) / denom if denom < 0 else 0.0
        offset = float(np.clip(offset, -0.5, 0.5))
        step = times[apex + 1] - times[apex] if offset > 0 else times[apex] - times[apex - 1]
        return float(times[apex] + offset * step)
    return float(times[apex])


def screen_run(run: GCMSRun, method: Method, calibration: Any = None,
               components: Sequence[Any] | None = None) -> list[TargetResult]:
    """Every target of ``method`` in ``run`` (internal standard first)."""
    chrom = _Chromatograms(run)
    results: list[TargetResult] = []
    shift = 0.0
    istd = method.istd
    ordered = ([istd] if istd else []) + [t for t in method.targets if not t.istd]
    istd_area = None
    for target in ordered:
        centre, half = _expected(target, calibration)
        if centre is None:
            results.append(TargetResult(target, "not_found", None, None,
                                        reason=_("the target is given by RI but the run has no RI calibration")))
            continue
        if not target.istd and method.rt_by_istd:
            centre += shift
        result = locate(chrom, target, centre, (centre - half, centre + half), method.qualifier_tolerance)
        if target.istd:
            if result.found and target.rt_min is not None:
                shift = result.rt_min - target.rt_min
            istd_area = result.area if result.found else None
        results.append(result)
    for result in results:
        if istd_area and result.found:
            result.area_ratio_to_istd = result.area / istd_area
        if components is not None and result.rt_min is not None:
            result.component = _component_at(components, result.rt_min, result.target.quant_ion)
    return results


def _expected(target: Target, calibration: Any) -> tuple[float | None, float]:
    """Centre and half-width (minutes) of the target's window."""
    if target.rt_min is not None:
        return target.rt_min, target.rt_window_min
    if calibration is None:
        return None, 0.0
    centre = rt_of_ri(calibration, target.ri)
    lo, hi = rt_of_ri(calibration, target.ri - target.ri_window), rt_of_ri(calibration, target.ri + target.ri_window)
    return centre, max(centre - lo, hi - centre)


def rt_of_ri(calibration: Any, ri: float) -> float:
    """Retention time (minutes) at which ``calibration`` gives index ``ri`` (linear, extrapolated at the ends)."""
    rt, index = np.asarray(calibration.rt_min, float), np.asarray(calibration.ri, float)
    k = int(np.clip(np.searchsorted(index, ri) - 1, 0, index.size - 2))
    return float(rt[k] + (rt[k + 1] - rt[k]) * (ri - index[k]) / (index[k + 1] - index[k]))


def _component_at(components: Sequence[Any], rt: float, ion: int, tolerance: float = 0.03) -> int | None:
    near = [(abs(c.rt_min - rt), i) for i, c in enumerate(components)
            if abs(c.rt_min - rt) <= tolerance and ion in {int(round(m)) for m in c.spectrum.x}]
    return min(near)[1] if near else None
