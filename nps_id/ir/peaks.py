"""Noise-aware IR peak picking and peak tables.

Peaks are found with :func:`scipy.signal.find_peaks` on an absorbance-like
spectrum (bands up).  The minimum prominence is ``k`` times the noise level,
estimated robustly from the point-to-point differences (the MAD of the first
difference, which ignores the slow band shapes and baselines), so the same
call works on a quiet library spectrum and on a noisy street sample.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy.signal import find_peaks, peak_widths

from nps_id.i18n import _
from nps_id.ir._util import finite_runs, median_spacing
from nps_id.spectrum import Spectrum

#: 1.4826 * MAD estimates a Gaussian sigma; the difference of two independent
#: noisy points has sigma * sqrt(2).
_MAD_TO_SIGMA = 1.4826


@dataclass(frozen=True)
class Peak:
    """One band: position (cm-1), height (y at the maximum), FWHM (cm-1), prominence."""

    position: float
    height: float
    fwhm: float
    prominence: float


def noise_level(spectrum: Spectrum, region: tuple[float, float] | None = None) -> float:
    """Robust noise standard deviation of y.

    Without ``region``: ``1.4826 * MAD(diff(y)) / sqrt(2)`` over all finite
    points (bands are smooth over one point, so the differences are mostly
    noise).  With ``region`` (a band-free range such as 1900-2200 cm-1 for many
    organics): the MAD of y minus its linear trend in that range.
    """
    x, y = spectrum.x, spectrum.y
    if region is not None:
        sel = (x >= min(region)) & (x <= max(region)) & np.isfinite(y)
        if sel.sum() < 5:
            raise ValueError(_("noise_level: fewer than 5 points in {0}").format(region))
        resid = y[sel] - np.polyval(np.polyfit(x[sel], y[sel], 1), x[sel])
        return float(_MAD_TO_SIGMA * np.median(np.abs(resid - np.median(resid))))
    diffs = [np.diff(y[run]) for run in finite_runs(y, 3)]
    if not diffs:
        return 0.0
    d = np.concatenate(diffs)
    return float(_MAD_TO_SIGMA * np.median(np.abs(d - np.median(d))) / np.sqrt(2.0))


def pick_peaks(
    spectrum: Spectrum,
    k: float = 5.0,
    min_relative_prominence: float = 0.01,
    min_distance_cm: float = 0.0,
    noise_region: tuple[float, float] | None = None,
    min_fwhm_cm: float = 0.0,
    exclude_regions: Sequence[tuple[float, float]] = (),
) -> list[Peak]:
    """Bands of an absorbance-like spectrum, strongest prominence first.

    Parameters
    ----------
    k
        Minimum prominence in units of :func:`noise_level` (5 sigma keeps the
        false-positive rate per spectrum small).
    min_relative_prominence
        Also required: prominence >= this fraction of the largest |y|, so a
        noise-free computed or library spectrum does not return ripples.
    min_distance_cm
        Smallest separation of two peaks (cm-1).
    noise_region
        Band-free range for the noise estimate (see :func:`noise_level`).
    min_fwhm_cm
        Narrowest band kept (cm-1 FWHM).  Condensed-phase bands are 8-40 cm-1
        wide; what is narrower than about the resolution is a gas line, a
        spike or noise.  Applied only where the point spacing resolves it
        (spacing below half of it).
    exclude_regions
        Ranges (cm-1) where no band is reported, e.g. the CO2 doublet
        (:data:`~nps_id.ir.preprocess.CO2_REGION`).

:data:`ROUTINE` holds the settings of the CLI, the app and the IR reverse
score: 5 sigma, 2 % of the strongest band, FWHM >= 4 cm-1, CO2 excluded
(caffeine ATR, COS Shimadzu: 96 "bands" with the bare defaults, 37 after
atmospheric suppression with these).

    FWHM is measured at half prominence (``peak_widths(rel_height=0.5)``) and
    converted to cm-1 with the local spacing.
    """
    x, y = spectrum.x, spectrum.y
    sigma = noise_level(spectrum, noise_region)
    finite = y[np.isfinite(y)]
    if finite.size == 0:
        return []
    floor = max(k * sigma, min_relative_prominence * float(np.max(np.abs(finite))))
    spacing = median_spacing(x)
    distance = max(1, int(round(min_distance_cm / spacing))) if min_distance_cm > 0 else None
    peaks: list[Peak] = []
    for run in finite_runs(y, 3):
        xr, yr = x[run], y[run]
        idx, props = find_peaks(yr, prominence=floor if floor > 0 else None, distance=distance)
        if idx.size == 0:
            continue
        widths, _, left, right = peak_widths(yr, idx, rel_height=0.5)
        pos = np.arange(yr.size)
        xl = np.interp(left, pos, xr)
        xh = np.interp(right, pos, xr)
        prom = props.get("prominences", np.zeros(idx.size))
        for i, p in enumerate(idx):
            fwhm = float(abs(xh[i] - xl[i]))
            position = float(xr[p])
            if min_fwhm_cm > 0 and spacing <= min_fwhm_cm / 2 and fwhm < min_fwhm_cm:
                continue
            if any(min(lo, hi) <= position <= max(lo, hi) for lo, hi in exclude_regions):
                continue
            peaks.append(Peak(position, float(yr[p]), fwhm, float(prom[i])))
    peaks.sort(key=lambda pk: -pk.prominence)
    return peaks


#: Peak-picking settings for reading a spectrum (CLI ``ir-peaks``, the app, the IR reverse score).
ROUTINE: dict = {"k": 5.0, "min_relative_prominence": 0.02, "min_fwhm_cm": 4.0,
                 "exclude_regions": ((2280.0, 2400.0),)}


def peak_array(peaks: Sequence[Peak]) -> np.ndarray:
    """``(n, 2)`` array of (position, height) for :func:`nps_id.ir.similarity.peak_match`."""
    return np.array([(p.position, p.height) for p in peaks], dtype=float).reshape(-1, 2)


def write_peak_table(peaks: Sequence[Peak], path: str | Path) -> Path:
    """Write a peak table as CSV (columns position_cm-1, height, fwhm_cm-1, prominence), by position."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["position_cm-1", "height", "fwhm_cm-1", "prominence"])
        for p in sorted(peaks, key=lambda pk: pk.position):
            writer.writerow([f"{p.position:.2f}", f"{p.height:.6g}", f"{p.fwhm:.2f}", f"{p.prominence:.6g}"])
    return path
