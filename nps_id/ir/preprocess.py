"""IR preprocessing steps: units, grid, masks, smoothing/derivatives, normalisation, ATR.

Every function takes a :class:`~nps_id.spectrum.Spectrum` and returns a new
one whose recipe ends with the step and its parameters (matchms style), so a
search result can always say what was done to the query and the library.

Missing data is NaN: :func:`resample` leaves NaN outside the measured range,
:func:`mask_regions` writes NaN into masked bands, and the filters below work
run by run on the finite parts, so the mask of a spectrum is simply
``np.isfinite(spectrum.y)``.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy.signal import savgol_filter

from nps_id.i18n import _
from nps_id.ir._util import WAVENUMBER_UNITS, apply_on_runs, median_spacing, require_wavenumber
from nps_id.spectrum import Spectrum

#: Atmospheric CO2 asymmetric stretch doublet (about 2350 cm-1), a background
#: artefact in almost every single-beam-ratioed spectrum.
CO2_REGION = (2280.0, 2400.0)
#: Water-vapour rotation-vibration bands (bend around 1595 cm-1, stretches
#: around 3756/3657 cm-1).  Masking them removes real sample bands too (O-H,
#: C=O, C=C), so they are offered, not applied by default.
WATER_VAPOUR_REGIONS = ((1350.0, 1950.0), (3550.0, 3950.0))

#: The common grid of IR search: the mid-IR range of diamond-ATR and most
#: libraries (650 cm-1 is the diamond/ZnSe cut-off), 2 cm-1 steps, i.e. about
#: the 4 cm-1 resolution of routine spectra sampled at Nyquist.
GRID_START, GRID_STOP, GRID_STEP = 650.0, 4000.0, 2.0


def common_grid(start: float = GRID_START, stop: float = GRID_STOP, step: float = GRID_STEP) -> np.ndarray:
    """Wavenumbers ``start, start+step, ..., stop`` (inclusive)."""
    n = int(round((stop - start) / step)) + 1
    return start + step * np.arange(n)


# -- units -----------------------------------------------------------------
def to_wavenumber(spectrum: Spectrum) -> Spectrum:
    """Convert x from micrometres or nanometres to wavenumbers (1/cm), ascending.

    ``nu[cm-1] = 1e4 / lambda[um] = 1e7 / lambda[nm]``.  A spectrum already in
    1/cm is returned sorted ascending (the step is still recorded).
    """
    unit = spectrum.x_unit
    x = spectrum.x
    if unit in WAVENUMBER_UNITS:
        nu = x.copy()
    elif unit in ("micrometers", "micrometres", "um", "µm"):
        nu = 1e4 / x
    elif unit in ("nm", "nanometers", "nanometres"):
        nu = 1e7 / x
    else:
        raise ValueError(_("to_wavenumber: cannot convert x unit {0} to 1/cm").format(repr(unit)))
    order = np.argsort(nu, kind="stable")
    return spectrum.processed(
        "to_wavenumber", {"from": unit}, x=nu[order], y=spectrum.y[order], x_unit="1/cm"
    )


def _looks_percent(y: np.ndarray) -> bool:
    # A fraction rarely exceeds ~1.1, but single spikes reach 1.5 (the
    # Lancashire SQZ/DUP test file); a percent scale sits around 10-100.
    # Same rule as the readers use to label a transmittance scale.
    finite = y[np.isfinite(y)]
    return finite.size > 0 and (float(np.max(finite)) > 10.0 or float(np.median(finite)) > 1.5)


def to_absorbance(spectrum: Spectrum, floor: float = 1e-4) -> Spectrum:
    """Convert transmittance (or reflectance) to decadic absorbance, ``A = -log10(T)``.

    Parameters
    ----------
    floor
        Smallest transmittance kept (T is clipped to ``[floor, inf)``); 1e-4
        caps A at 4, about the photometric limit of FTIR, so a zero or
        negative T from noise or a saturated band gives a finite value.

    ``y_unit`` "%transmittance" is divided by 100; plain "transmittance" is
    treated as percent when its maximum exceeds 1.5 (sources disagree on the
    scale).  "reflectance" is turned into the pseudo-absorbance log10(1/R).
    Absorbance-like units ("absorbance", "kubelka-munk", "arbitrary") are
    returned unchanged, with the step recorded.
    """
    unit = spectrum.y_unit
    y = spectrum.y
    params: dict = {"from": unit, "floor": floor}
    if unit in ("%transmittance", "transmittance", "reflectance", "%reflectance"):
        percent = unit.startswith("%") or _looks_percent(y)
        params["percent"] = bool(percent)
        t = y / 100.0 if percent else y
        absorbance = -np.log10(np.clip(t, floor, None))
        return spectrum.processed("to_absorbance", params, y=absorbance, y_unit="absorbance")
    return spectrum.processed("to_absorbance", params)


def to_transmittance(spectrum: Spectrum, percent: bool = True) -> Spectrum:
    """Absorbance to transmittance, ``T = 10**-A`` (x100 when ``percent``)."""
    if spectrum.y_unit != "absorbance":
        raise ValueError(_("to_transmittance: needs absorbance, got {0}").format(repr(spectrum.y_unit)))
    t = 10.0 ** (-spectrum.y)
    return spectrum.processed(
        "to_transmittance",
        {"percent": percent},
        y=t * 100.0 if percent else t,
        y_unit="%transmittance" if percent else "transmittance",
    )


# -- grid and range ----------------------------------------------------------
def resample(
    spectrum: Spectrum,
    start: float = GRID_START,
    stop: float = GRID_STOP,
    step: float = GRID_STEP,
) -> Spectrum:
    """Put a spectrum on the grid ``start..stop`` every ``step`` cm-1.

    Points finer than the grid are averaged over each grid cell (the integral
    of the linear interpolant over ``[g - step/2, g + step/2]``) rather than
    point-sampled: a 0.24 cm-1 gas-phase spectrum sampled at 2 cm-1 would
    otherwise alias its rotational lines.  Coarser data are linearly
    interpolated.  Grid points outside the measured range are NaN (no
    extrapolation); the mask is ``np.isfinite(result.y)``.
    """
    require_wavenumber(spectrum, "resample")
    grid = common_grid(start, stop, step)
    x, y = spectrum.x, spectrum.y
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    x, first = np.unique(x, return_index=True)  # duplicate x: keep the first
    y = y[first]
    out = np.full(grid.size, np.nan)
    if x.size >= 2:
        inside = (grid >= x[0]) & (grid <= x[-1])
        if median_spacing(x) < step / 2:
            # cumulative trapezoid integral, evaluated at the cell edges
            cum = np.concatenate(([0.0], np.cumsum(0.5 * (y[1:] + y[:-1]) * np.diff(x))))
            lo = np.clip(grid - step / 2, x[0], x[-1])
            hi = np.clip(grid + step / 2, x[0], x[-1])
            width = hi - lo
            area = np.interp(hi, x, cum) - np.interp(lo, x, cum)
            with np.errstate(invalid="ignore", divide="ignore"):
                out[inside] = area[inside] / width[inside]
            degenerate = inside & (width <= 0)
            out[degenerate] = np.interp(grid[degenerate], x, y)
        else:
            out[inside] = np.interp(grid[inside], x, y)
    return spectrum.processed(
        "resample", {"start": start, "stop": stop, "step": step}, x=grid, y=out
    )


def select_range(spectrum: Spectrum, low: float, high: float) -> Spectrum:
    """Keep only the points with ``low <= x <= high``."""
    keep = (spectrum.x >= low) & (spectrum.x <= high)
    return spectrum.processed(
        "select_range", {"low": low, "high": high}, x=spectrum.x[keep], y=spectrum.y[keep]
    )


def mask_regions(
    spectrum: Spectrum, regions: Sequence[tuple[float, float]] = (CO2_REGION,)
) -> Spectrum:
    """Set the bands in ``regions`` (cm-1 pairs) to NaN so they are never compared.

    The default masks atmospheric CO2 (:data:`CO2_REGION`); add
    :data:`WATER_VAPOUR_REGIONS` for spectra with poor purge.
    """
    y = spectrum.y.copy()
    for low, high in regions:
        y[(spectrum.x >= min(low, high)) & (spectrum.x <= max(low, high))] = np.nan
    return spectrum.processed(
        "mask_regions", {"regions": [list(map(float, r)) for r in regions]}, y=y
    )


# -- smoothing and derivatives -----------------------------------------------
def savgol(
    spectrum: Spectrum,
    window_length: int = 11,
    polyorder: int = 3,
    deriv: int = 0,
    absolute: bool = False,
) -> Spectrum:
    """Savitzky-Golay smoothing or derivative (Savitzky & Golay, Anal. Chem. 36, 1627, 1964).

    Parameters
    ----------
    window_length, polyorder
        In points.  11 points / cubic is the Open Specy default
        (Cowger et al., Anal. Chem. 93, 7543, 2021), i.e. 22 cm-1 on the 2 cm-1
        grid, about the width of a condensed-phase band.
    deriv
        0 smooths; 1 or 2 gives the derivative in y-units per cm-1 (the
        grid spacing is taken from x).
    absolute
        Return ``|derivative|`` as Open Specy does (it removes the sign
        change that a band shift causes).

    Works run by run on finite values; runs shorter than the window are NaN.
    """
    delta = median_spacing(spectrum.x)
    if not np.isfinite(delta) or delta == 0:
        delta = 1.0

    def filt(run: np.ndarray) -> np.ndarray:
        out = savgol_filter(run, window_length, polyorder, deriv=deriv, delta=delta, mode="interp")
        return np.abs(out) if absolute else out

    y = apply_on_runs(spectrum.y, filt, min_length=window_length)
    unit = spectrum.y_unit if deriv == 0 else f"d{deriv} {spectrum.y_unit}"
    return spectrum.processed(
        "savgol",
        {"window_length": window_length, "polyorder": polyorder, "deriv": deriv, "absolute": absolute},
        y=y,
        y_unit=unit,
    )


# -- intensity compression -------------------------------------------------------
def compress_intensity(spectrum: Spectrum, power: float = 1.0 / 3.0, noise_k: float = 3.0) -> Spectrum:
    """Weaken the dominance of the strongest bands: ``y -> (y + c)**power - c**power``, scaled to 0..1.

    Relative band intensities transfer poorly between sampling techniques
    (ATR vs transmission, saturated KBr/film bands, gas vs condensed phase);
    band positions transfer well.  A power below 1 moves the weight of a
    comparison from the few strongest bands to the pattern of all bands --
    the idea of the square-root intensity weighting of EI library search
    (Stein & Scott, J. Am. Soc. Mass Spectrom. 5, 859, 1994).

    A pure power has an infinite slope at 0 and would blow noise up to a
    third of the strongest band (``(1/30)**(1/3)`` at SNR 30), so the offset
    ``c = noise_k * noise`` (noise from
    :func:`nps_id.ir.peaks.noise_level`) keeps the map nearly linear inside
    the noise and a power law above it.  Defaults (1/3, 3) were chosen with
    benchmarks/ir_identification.py (powers 0.25-0.5 all helped).  Apply to a
    baseline-corrected absorbance spectrum; negative values become 0.
    """
    from nps_id.ir.peaks import noise_level  # peaks imports this module's siblings only

    y = spectrum.y
    finite = np.isfinite(y)
    out = np.full_like(y, np.nan)
    top = float(np.max(y[finite])) if finite.any() else 0.0
    if top > 0:
        c = max(noise_k * noise_level(spectrum), 1e-12 * top)
        out[finite] = ((np.clip(y[finite], 0.0, None) + c) ** power - c**power) / (
            (top + c) ** power - c**power
        )
    else:
        out[finite] = 0.0
    return spectrum.processed(
        "compress_intensity", {"power": power, "noise_k": noise_k}, y=out, y_unit="arbitrary"
    )


# -- normalisation -------------------------------------------------------------
NORMALISATIONS = ("max", "l2", "snv", "minmax", "mean_centre_l2")


def normalise(spectrum: Spectrum, method: str = "max") -> Spectrum:
    """Scale the finite values of y.

    ``"max"``: divide by the largest |y|; ``"l2"``: unit Euclidean norm
    (vector normalisation); ``"snv"``: standard normal variate, mean 0 and
    standard deviation 1 (Barnes, Dhanoa & Lister, Appl. Spectrosc. 43, 772,
    1989); ``"minmax"``: 0..1; ``"mean_centre_l2"``: mean 0 and unit norm, so
    that a dot product of two such vectors is their Pearson r.  NaN stays NaN;
    a constant spectrum becomes zeros.
    """
    y = spectrum.y.copy()
    finite = np.isfinite(y)
    v = y[finite]
    if v.size:
        if method == "max":
            scale = np.max(np.abs(v))
            v = v / scale if scale > 0 else np.zeros_like(v)
        elif method == "l2":
            scale = np.linalg.norm(v)
            v = v / scale if scale > 0 else np.zeros_like(v)
        elif method == "snv":
            sd = np.std(v)
            v = (v - np.mean(v)) / sd if sd > 0 else np.zeros_like(v)
        elif method == "minmax":
            span = np.ptp(v)
            v = (v - np.min(v)) / span if span > 0 else np.zeros_like(v)
        elif method == "mean_centre_l2":
            v = v - np.mean(v)
            scale = np.linalg.norm(v)
            v = v / scale if scale > 0 else np.zeros_like(v)
        else:
            raise ValueError(_("normalise: unknown method {0} (use one of {1})").format(repr(method), NORMALISATIONS))
        y[finite] = v
    unit = spectrum.y_unit if method in ("max", "l2") else "arbitrary"
    return spectrum.processed("normalise", {"method": method}, y=y, y_unit=unit)


# -- ATR correction ------------------------------------------------------------
#: Refractive indices of common ATR crystals in the mid-IR.
ATR_CRYSTALS = {"diamond": 2.40, "znse": 2.43, "ge": 4.00, "si": 3.42, "krs-5": 2.37}


def effective_thickness(
    wavenumber: np.ndarray,
    n_crystal: float = 2.40,
    n_sample: float = 1.50,
    angle_deg: float = 45.0,
) -> np.ndarray:
    """Harrick's effective thickness d_e (cm) of one ATR reflection, unpolarised light.

    ``d_e = (d_e,perp + d_e,par) / 2`` with, for ``n21 = n_sample/n_crystal``
    and ``lambda1 = lambda / n_crystal`` (Harrick, Internal Reflection
    Spectroscopy, 1967; Mirabella, Internal Reflection Spectroscopy, 1993,
    ch. 2)::

        d_perp = lambda1 n21 cos(t) / (pi (1 - n21^2) sqrt(sin^2 t - n21^2))
        d_par  = lambda1 n21 cos(t) (2 sin^2 t - n21^2)
                 / (pi (1 - n21^2) ((1 + n21^2) sin^2 t - n21^2) sqrt(sin^2 t - n21^2))

    The absorbance of an ATR spectrum is about ``alpha * d_e * reflections``,
    so it grows with wavelength (d_e is proportional to 1/wavenumber).
    """
    theta = np.deg2rad(angle_deg)
    n21 = n_sample / n_crystal
    s2 = np.sin(theta) ** 2
    if s2 <= n21**2:
        raise ValueError(
            _("ATR: angle {0} deg is below the critical angle for n_sample={1}, "
              "n_crystal={2}").format(angle_deg, n_sample, n_crystal)
        )
    lam1 = 1.0 / (np.asarray(wavenumber, dtype=float) * n_crystal)
    root = np.sqrt(s2 - n21**2)
    common = lam1 * n21 * np.cos(theta) / (np.pi * (1 - n21**2) * root)
    d_perp = common
    d_par = common * (2 * s2 - n21**2) / ((1 + n21**2) * s2 - n21**2)
    return 0.5 * (d_perp + d_par)


def atr_correction(
    spectrum: Spectrum,
    method: str = "advanced",
    n_crystal: float = 2.40,
    n_sample: float = 1.50,
    angle_deg: float = 45.0,
    reference_wavenumber: float = 1000.0,
) -> Spectrum:
    """Turn an ATR absorbance spectrum into a transmission-like one.

    ``method="simple"``: multiply by ``wavenumber / reference_wavenumber``
    (the lambda scaling of penetration depth; equals 1 at the reference).
    ``method="advanced"``: divide by the effective thickness of
    :func:`effective_thickness`, scaled to 1 at the reference wavenumber
    (the number of reflections only scales the whole spectrum), with the crystal index, sample index and angle
    as given (defaults: diamond 2.40, organic sample 1.50, 45 deg) -- the
    thickness part of Thermo OMNIC's "advanced ATR correction".  With a
    wavelength-independent sample index it differs from "simple" only by the
    angle/index dependent scale, which cancels after normalisation; the
    dispersion of n near strong bands (band shifts, Kramers-Kronig) is NOT
    modelled.

    What it corrects: the relative intensities of bands across the range
    (an ATR spectrum's 3000 cm-1 bands are about 3x weaker, against its
    1000 cm-1 bands, than in transmission), which is what a search of ATR
    queries against KBr/film/solution references compares.  What it does not
    correct: the few cm-1 shift to lower wavenumber and the asymmetric shape
    of strong bands caused by anomalous dispersion of the sample's refractive
    index (that needs a Kramers-Kronig based correction, not implemented),
    polarisation and contact effects, and saturation.  The search applies it
    by itself to spectra whose metadata say ATR (:data:`nps_id.ir.pipeline.AUTO_ATR`).
    """
    require_wavenumber(spectrum, "atr_correction")
    nu = spectrum.x
    if method == "simple":
        factor = nu / reference_wavenumber
        params = {"method": method, "reference_wavenumber": reference_wavenumber}
    elif method == "advanced":
        de = effective_thickness(nu, n_crystal, n_sample, angle_deg)
        de_ref = effective_thickness(np.array([reference_wavenumber]), n_crystal, n_sample, angle_deg)[0]
        factor = de_ref / de
        params = {
            "method": method, "n_crystal": n_crystal, "n_sample": n_sample,
            "angle_deg": angle_deg,
            "reference_wavenumber": reference_wavenumber,
        }
    else:
        raise ValueError(_("atr_correction: unknown method {0} (simple, advanced)").format(repr(method)))
    return spectrum.processed("atr_correction", params, y=spectrum.y * factor)
