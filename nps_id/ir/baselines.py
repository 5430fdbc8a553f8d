"""Baseline correction of IR absorbance spectra, built on pybaselines.

Call shape follows pybaselines: ``baseline(spectrum, method, **params) ->
(corrected spectrum, info)`` where ``info["baseline"]`` is the fitted
baseline (NaN where the spectrum is NaN) and ``info["params"]`` the
parameters actually used.  Bands must point up (absorbance): convert %T
first with :func:`nps_id.ir.preprocess.to_absorbance`.

Defaults and their sources
--------------------------
===========  =====================================================  ==========================
method       default                                                source
===========  =====================================================  ==========================
asls         lam=1e6, p=0.01 (p in 0.001..0.1, lam 1e2..1e9)        Eilers & Boelens, 2005 (Leiden
                                                                    Univ. Medical Centre report)
arpls        lam=1e5                                                Baek et al., Analyst 140, 250 (2015)
airpls       lam=1e6                                                Zhang, Chen & Liang, Analyst 135,
                                                                    1138 (2010); pybaselines default
modpoly      poly_order=5                                           Lieber & Mahadevan-Jansen, Appl.
                                                                    Spectrosc. 57, 1363 (2003)
imodpoly     poly_order=5, num_std=1                                Zhao et al., Appl. Spectrosc. 61,
                                                                    1225 (2007)
snip         max_half_window = 60 cm-1 (in points)                  Ryan et al., Nucl. Instrum. Meth.
                                                                    B 34, 396 (1988); Morhac et al.,
                                                                    NIM A 401, 113 (1997)
rubberband   lower convex hull, 1 segment                           e.g. OPUS "rubberband"; pybaselines
===========  =====================================================  ==========================

Whittaker ``lam`` values are given for the 2 cm-1 common grid.  The
second-difference penalty of a curve with fixed shape in cm-1 scales as
``spacing**4``, so when ``lam`` is not given it is rescaled by
``(2 / spacing)**4`` for other spacings (Eilers, Anal. Chem. 75, 3631, 2003).
``lam="auto"`` chooses it per spectrum with pybaselines'
``optimize_extended_range`` (Krishna et al., J. Raman Spectrosc. 43, 1884,
2012): the spectrum is extended with a known linear baseline plus a
Gaussian "peak"; the lam (1e2..1e9, half-decade steps) that best recovers
the known extension wins.  The extension goes on the high-wavenumber side
only (``auto_side="right"``): 3700-4000 cm-1 is band-free in nearly every
mid-IR absorbance spectrum, while the low end (650-800 cm-1) often holds the
strongest aromatic bands, and extending there picked lam = 1e2 (a baseline
that follows the bands) on real polystyrene and toluene spectra.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from pybaselines import Baseline

from nps_id.i18n import _
from nps_id.ir._util import finite_runs, median_spacing
from nps_id.spectrum import Spectrum

#: Grid spacing (cm-1) for which the default ``lam`` values hold.
REFERENCE_SPACING = 2.0

WHITTAKER_METHODS = ("asls", "arpls", "airpls")
METHODS = ("asls", "arpls", "airpls", "modpoly", "imodpoly", "snip", "rubberband")

DEFAULTS: dict[str, dict[str, Any]] = {
    "asls": {"lam": 1e6, "p": 0.01},
    "arpls": {"lam": 1e5},
    "airpls": {"lam": 1e6},
    "modpoly": {"poly_order": 5},
    "imodpoly": {"poly_order": 5, "num_std": 1.0},
    "snip": {"max_half_window_cm": 60.0},
    "rubberband": {"segments": 1},
}

_TRANSMITTANCE_UNITS = ("transmittance", "%transmittance", "reflectance")


def _fit(method: str, x: np.ndarray, y: np.ndarray, params: dict[str, Any]) -> np.ndarray:
    fitter = Baseline(x_data=x, check_finite=False)
    if method == "snip":
        spacing = median_spacing(x) or 1.0
        kw = dict(params)
        half = max(1, int(round(kw.pop("max_half_window_cm") / spacing)))
        half = min(half, max(1, (y.size - 1) // 2))
        return fitter.snip(y, max_half_window=half, **kw)[0]
    if method in WHITTAKER_METHODS and params.get("lam") == "auto":
        kw = {k: v for k, v in params.items() if k not in ("lam", "auto_side", "lam_chosen")}
        side = params.get("auto_side", "right")
        base, info = fitter.optimize_extended_range(
            y, method=method, side=side, min_value=2, max_value=9, step=0.5, method_kwargs=kw
        )
        params["lam_chosen"] = float(info.get("optimal_parameter", np.nan))
        return base
    return getattr(fitter, method)(y, **params)[0]


def baseline(spectrum: Spectrum, method: str = "arpls", **params: Any) -> tuple[Spectrum, dict[str, Any]]:
    """Subtract a fitted baseline from an absorbance spectrum.

    Parameters
    ----------
    spectrum
        Absorbance (bands up), x in cm-1, any spacing; NaN parts are skipped
        and each finite run is fitted on its own.
    method
        One of :data:`METHODS`.
    **params
        Passed to the pybaselines method, over :data:`DEFAULTS`.  ``lam`` may
        be ``"auto"`` for the Whittaker methods; ``snip`` takes
        ``max_half_window_cm`` (cm-1) instead of points.

    Returns
    -------
    corrected, info
        The corrected spectrum (recipe step ``"baseline"``) and
        ``{"baseline": array, "method": str, "params": dict}``.
    """
    if method not in METHODS:
        raise ValueError(_("baseline: unknown method {0} (use one of {1})").format(repr(method), METHODS))
    if spectrum.y_unit in _TRANSMITTANCE_UNITS:
        raise ValueError(_("baseline: y is {0}; convert to absorbance first (bands must point up)").format(
            repr(spectrum.y_unit)))
    used = {**DEFAULTS[method], **params}
    if method in WHITTAKER_METHODS and "lam" not in params:
        spacing = median_spacing(spectrum.x)
        if np.isfinite(spacing) and spacing > 0:
            used["lam"] = float(used["lam"] * (REFERENCE_SPACING / spacing) ** 4)
    fitted = np.full(spectrum.y.size, np.nan)
    for run in finite_runs(spectrum.y, min_length=8):
        fitted[run] = _fit(method, spectrum.x[run], spectrum.y[run], used)
    corrected = spectrum.y - fitted
    recorded = {"method": method, **used}
    result = spectrum.processed("baseline", recorded, y=corrected)
    return result, {"baseline": fitted, "method": method, "params": recorded}
