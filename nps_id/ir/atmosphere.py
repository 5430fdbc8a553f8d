"""Atmospheric suppression: water-vapour lines and the CO2 doublet out of an IR spectrum.

A spectrum ratioed against a background taken with a different amount of
water vapour or CO2 in the beam carries the gas lines of the difference:
dozens of narrow rotation-vibration lines of water in 1350-1950 and
3550-3950 cm-1 and the CO2 asymmetric-stretch doublet at 2280-2400 cm-1
(:data:`~nps_id.ir.preprocess.CO2_REGION`).  They are not bands of the sample
and, left in, a peak picker lists them (97 "bands" for a caffeine ATR
spectrum) and a search compares them.

:func:`suppress_atmosphere` (one recipe step, ``atmospheric_suppression``):

``water="lines"`` (default)
    Reference-free narrow-line removal.  Gas lines at routine resolution are
    instrument-limited (FWHM about the resolution, <= 6 cm-1), condensed-phase
    bands are wider (typically 8-40 cm-1).  Inside the water regions every
    local extremum of either sign whose prominence exceeds ``k`` times the
    spectrum's noise and whose FWHM is at most ``max_line_fwhm`` is cut out
    and bridged by linear interpolation from its neighbours -- the idea of
    spike removal (e.g. Whitaker & Hayes, Chemometr. Intell. Lab. Syst. 179,
    82, 2018), with a line width instead of a single point.  A broad band
    under a line keeps its shape; a genuinely sharp sample band (FWHM
    <= ``max_line_fwhm``) inside those regions would be removed too, which is
    why the step is recorded and can be switched off.  Needs sampling finer
    than ``max_line_fwhm / 2`` (lines are resolved); on coarser data the step
    records that it skipped the water lines.
``water="reference"``
    Subtract a measured water-vapour spectrum (a background minus a purged
    background, or a vapour reference in absorbance), scaled by least squares
    on the high-pass part of the water regions: OMNIC's and OPUS's
    "atmospheric compensation" idea.  The reference's name is recorded.
``water="mask"``
    Set the water regions to NaN (never compared, never picked).  Loses the
    sample's own bands there (O-H, N-H, C=O, C=C).
``co2="interpolate"`` (default) / ``"mask"`` / ``"none"``
    Bridge 2280-2400 cm-1 by a straight line between the region's edges
    (nothing of most drugs absorbs there; nitriles and isocyanates stop at
    about 2270 cm-1), or set it to NaN.

Apply to absorbance (bands up); the input's units are kept.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy.signal import find_peaks, peak_widths, savgol_filter

from nps_id.i18n import _
from nps_id.ir._util import finite_runs, median_spacing, require_wavenumber
from nps_id.ir.preprocess import CO2_REGION, WATER_VAPOUR_REGIONS
from nps_id.spectrum import Spectrum

WATER_METHODS = ("lines", "reference", "mask", "none")
CO2_METHODS = ("interpolate", "mask", "none")
#: Widest gas line (cm-1 FWHM) removed by the "lines" method: 4 cm-1 resolution lines measure 2-6 cm-1.
MAX_LINE_FWHM = 6.0


def suppress_atmosphere(
    spectrum: Spectrum,
    water: str = "lines",
    co2: str = "interpolate",
    water_regions: Sequence[tuple[float, float]] = WATER_VAPOUR_REGIONS,
    co2_region: tuple[float, float] = CO2_REGION,
    max_line_fwhm: float = MAX_LINE_FWHM,
    k: float = 3.0,
    max_relative_height: float = 0.1,
    reference: Spectrum | None = None,
) -> Spectrum:
    """Remove water-vapour lines and the CO2 doublet (see the module text for the methods).

    Parameters
    ----------
    water
        ``"lines"``, ``"reference"``, ``"mask"`` or ``"none"``.
    co2
        ``"interpolate"``, ``"mask"`` or ``"none"``.
    max_line_fwhm, k, max_relative_height
        Widest line removed (cm-1), smallest line prominence in noise units and
        largest line prominence as a share of the strongest band (``"lines"``
        only): a band both sharp and strong (benzil's 1450 cm-1, FWHM 5 cm-1,
        half the strongest band) is the sample's, not the air's.
    reference
        Water-vapour spectrum in absorbance, x in cm-1 (``"reference"`` only).

    Raises
    ------
    ValueError
        Unknown method, x not in cm-1, or ``"reference"`` without a reference.
    """
    require_wavenumber(spectrum, "atmospheric_suppression")
    if water not in WATER_METHODS:
        raise ValueError(_("atmospheric_suppression: unknown water method {0} (use one of {1})").format(
            repr(water), WATER_METHODS))
    if co2 not in CO2_METHODS:
        raise ValueError(_("atmospheric_suppression: unknown CO2 method {0} (use one of {1})").format(
            repr(co2), CO2_METHODS))
    x, y = spectrum.x, spectrum.y.astype(float).copy()
    params: dict = {"water": water, "co2": co2, "water_regions": [list(map(float, r)) for r in water_regions],
                    "co2_region": list(map(float, co2_region))}
    if water == "lines":
        params.update(max_line_fwhm=max_line_fwhm, k=k, max_relative_height=max_relative_height)
        spacing = median_spacing(x)
        if np.isfinite(spacing) and spacing <= max_line_fwhm / 2:
            y, removed = _remove_lines(x, y, water_regions, max_line_fwhm, k, max_relative_height)
            params["lines_removed"] = removed
        else:
            params["skipped"] = f"point spacing {spacing:.3g} cm-1 does not resolve gas lines"
    elif water == "reference":
        if reference is None:
            raise ValueError(_("atmospheric_suppression: water='reference' needs a reference spectrum"))
        y, factor = _subtract_reference(x, y, water_regions, reference)
        params.update(reference=str(reference.get("source_file") or reference.name or "reference"),
                      factor=factor)
    elif water == "mask":
        for low, high in water_regions:
            y[(x >= min(low, high)) & (x <= max(low, high))] = np.nan
    lo, hi = sorted(co2_region)
    inside = (x >= lo) & (x <= hi)
    if co2 == "mask":
        y[inside] = np.nan
    elif co2 == "interpolate" and inside.any():
        y = _bridge(x, y, inside)
    return spectrum.processed("atmospheric_suppression", params, y=y)


def _bridge(x: np.ndarray, y: np.ndarray, cut: np.ndarray) -> np.ndarray:
    """Replace ``y[cut]`` by straight lines between the nearest finite points outside ``cut``."""
    keep = ~cut & np.isfinite(y)
    if keep.sum() < 2:
        return y
    out = y.copy()
    fill = cut & np.isfinite(y)
    # only inside the measured span: never extrapolate past the data
    fill &= (x >= x[keep].min()) & (x <= x[keep].max())
    out[fill] = np.interp(x[fill], x[keep], y[keep])
    return out


def _remove_lines(x: np.ndarray, y: np.ndarray, regions: Sequence[tuple[float, float]], max_fwhm: float,
                  k: float, max_relative: float) -> tuple[np.ndarray, int]:
    from nps_id.ir.peaks import noise_level

    spacing = median_spacing(x)
    sigma = noise_level(Spectrum(x, y, "ir", "1/cm", "absorbance"))
    if not sigma > 0:
        return y, 0
    in_region = np.zeros(x.size, bool)
    for low, high in regions:
        in_region |= (x >= min(low, high)) & (x <= max(low, high))
    finite = y[np.isfinite(y)]
    ceiling = max_relative * float(np.max(np.abs(finite))) if finite.size else 0.0
    if ceiling <= k * sigma:
        return y, 0
    removed = 0
    for _ in range(3):  # lines that overlap show up once their neighbour is gone
        cut = np.zeros(x.size, bool)
        for run in finite_runs(y, 5):
            yr = y[run]
            for sign in (1.0, -1.0):
                idx, props = find_peaks(sign * yr, prominence=(k * sigma, ceiling))
                if idx.size == 0:
                    continue
                widths, _, left, right = peak_widths(sign * yr, idx, rel_height=0.5,
                                                     prominence_data=(props["prominences"], props["left_bases"],
                                                                      props["right_bases"]))
                narrow = (widths * spacing <= max_fwhm) & in_region[run][idx]
                for l_ips, r_ips, w in zip(left[narrow], right[narrow], widths[narrow]):
                    a = max(int(np.floor(l_ips - w)), 0)
                    b = min(int(np.ceil(r_ips + w)) + 1, yr.size)
                    cut[run.start + a:run.start + b] = True
                removed += int(narrow.sum())
        cut &= in_region
        if not cut.any():
            break
        y = _bridge(x, y, cut)
    return y, removed


def _subtract_reference(x: np.ndarray, y: np.ndarray, regions: Sequence[tuple[float, float]],
                        reference: Spectrum) -> tuple[np.ndarray, float]:
    require_wavenumber(reference, "atmospheric_suppression reference")
    order = np.argsort(reference.x)
    rx, ry = reference.x[order], reference.y[order]
    ok = np.isfinite(rx) & np.isfinite(ry)
    if ok.sum() < 10:
        raise ValueError(_("atmospheric_suppression: the water-vapour reference holds fewer than 10 points"))
    ref = np.interp(x, rx[ok], ry[ok], left=0.0, right=0.0)
    sel = np.zeros(x.size, bool)
    for low, high in regions:
        sel |= (x >= min(low, high)) & (x <= max(low, high))
    sel &= np.isfinite(y)
    if sel.sum() < 10:
        return y, 0.0
    spacing = median_spacing(x) or 1.0
    window = max(5, int(round(25.0 / spacing)) | 1)
    n = int(sel.sum())
    window = min(window, n if n % 2 else n - 1)
    # fit on the high-pass parts: the sample's broad bands must not set the scale
    hp_y = y[sel] - savgol_filter(y[sel], window, 2)
    hp_r = ref[sel] - savgol_filter(ref[sel], window, 2)
    denom = float(hp_r @ hp_r)
    factor = float(hp_y @ hp_r / denom) if denom > 0 else 0.0
    return y - factor * ref, factor
