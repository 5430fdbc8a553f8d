"""Turn the processing panel's settings into calls of ``nps_id.ir`` (no science here).

The panel gives a plain dict::

    {"absorbance": True, "atr": None | {"crystal": "diamond", "angle_deg": 45.0},
     "atmosphere": "none" | "lines" | "mask", "range": [low, high] | None,
     "smoothing": {"method": "none" | "savgol", "window_length": 11, "polyorder": 3},
     "baseline": {"method": "none" | "arpls" | ..., **params},
     "normalise": "none" | "max" | "l2" | "snv" | ...,
     "peaks": True, "peak_k": 5.0, "peak_min_fwhm": 4.0}

:func:`apply` calls the core functions in the order a spectroscopist applies
them (units → ATR correction → atmospheric suppression → range → smoothing →
baseline → normalisation → peak picking)
and returns the processed spectrum, the fitted baseline and the peaks.  The
recipe of the returned spectrum lists exactly the core steps that ran.
"""
from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass, field
from typing import Any

#: The core's IR modules, imported on first use (pybaselines and scipy take seconds: in a worker, see
#: :func:`load`, never on the UI thread).
IR_MODULES = ("nps_id.ir.baselines", "nps_id.ir.preprocess", "nps_id.ir.peaks")


@dataclass
class Result:
    spectrum: Any
    baseline: Any = None          # array on spectrum.x, or None
    before_baseline: Any = None   # the spectrum the baseline was fitted to
    peaks: Any = None             # x positions of detected peaks, or None
    steps: list[str] = field(default_factory=list)


def loaded() -> bool:
    """Are the IR modules imported (so that the functions below return at once)?"""
    return all(name in sys.modules for name in IR_MODULES)


def load(progress: Any = None, cancel: Any = None) -> None:
    """Import the IR modules (call it in a worker: it takes seconds the first time)."""
    for name in IR_MODULES:
        importlib.import_module(name)


def baseline_methods() -> tuple[str, ...]:
    return tuple(_ir("baselines").METHODS)


def baseline_defaults(method: str) -> dict[str, Any]:
    return dict(_ir("baselines").DEFAULTS.get(method, {}))


def normalisations() -> tuple[str, ...]:
    return tuple(_ir("preprocess").NORMALISATIONS)


def peak_function():
    """The core's IR peak picker."""
    return _ir("peaks").pick_peaks


def apply(spectrum: Any, params: dict[str, Any]) -> Result:
    """Run the panel's recipe on ``spectrum`` with the core's IR functions."""
    pre = _ir("preprocess")
    base_mod = _ir("baselines")
    result = Result(spectrum)
    s = spectrum
    if s.technique == "ms":
        return result
    if s.x_unit not in ("1/cm",) and hasattr(pre, "to_wavenumber") and s.x_unit in ("micrometers", "nm", "cm-1"):
        s = pre.to_wavenumber(s)
        result.steps.append("to_wavenumber")
    if params.get("absorbance") and s.y_unit != "absorbance":
        s = pre.to_absorbance(s)
        result.steps.append("to_absorbance")
    atr = params.get("atr")
    if atr and s.y_unit == "absorbance":
        crystals = getattr(pre, "ATR_CRYSTALS", {})
        s = pre.atr_correction(s, method="advanced", n_crystal=float(crystals.get(atr.get("crystal", "diamond"), 2.40)),
                               angle_deg=float(atr.get("angle_deg", 45.0)))
        result.steps.append("atr_correction")
    atmosphere = params.get("atmosphere") or "none"
    if atmosphere != "none" and s.y_unit == "absorbance":
        from nps_id.ir.atmosphere import suppress_atmosphere

        s = suppress_atmosphere(s, water=atmosphere)
        result.steps.append("atmospheric_suppression")
    rng = params.get("range")
    if rng:
        low, high = sorted(float(v) for v in rng)
        s = pre.select_range(s, low, high)
        result.steps.append("select_range")
    smoothing = dict(params.get("smoothing") or {})
    if smoothing.pop("method", "none") == "savgol":
        s = pre.savgol(s, **smoothing)
        result.steps.append("savgol")
    bl = dict(params.get("baseline") or {})
    method = bl.pop("method", "none")
    if method and method != "none":
        result.before_baseline = s
        s, info = base_mod.baseline(s, method, **bl)
        result.baseline = info.get("baseline") if isinstance(info, dict) else None
        result.steps.append("baseline")
    norm = params.get("normalise") or "none"
    if norm != "none":
        s = pre.normalise(s, norm)
        result.steps.append("normalise")
        result.baseline = None  # the baseline is no longer on the same scale
        result.before_baseline = None
    if params.get("peaks"):
        fn = peak_function()
        if fn is not None:
            from nps_id.ir.peaks import ROUTINE

            found = fn(s, **{**ROUTINE, "k": float(params.get("peak_k", ROUTINE["k"])),
                             "min_fwhm_cm": float(params.get("peak_min_fwhm", ROUTINE["min_fwhm_cm"]))})
            result.peaks = _peak_positions(found)
    result.spectrum = s
    return result


def _peak_positions(found: Any) -> Any:
    """x positions from whatever the peak picker returns (array, (spectrum, info), table)."""
    import numpy as np

    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], dict):
        found = found[1].get("positions", found[1].get("x", found[1].get("peaks")))
    if isinstance(found, dict):
        found = found.get("positions", found.get("x", found.get("peaks")))
    if hasattr(found, "x") and hasattr(found, "y") and not isinstance(found, np.ndarray):
        found = found.x
    if found is None:
        return None
    if isinstance(found, list) and found and hasattr(found[0], "position"):
        found = [p.position for p in found]
    if isinstance(found, list) and found and isinstance(found[0], dict):
        key = next((k for k in ("x", "position", "wavenumber") if k in found[0]), None)
        found = [p[key] for p in found] if key else []
    return np.asarray(found, dtype=float)


def _ir(name: str) -> Any:
    return importlib.import_module(f"nps_id.ir.{name}")
