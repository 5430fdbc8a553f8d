"""Turn the processing panel's settings into calls of ``nps_id.ir`` (no science here).

The panel gives a plain dict::

    {"absorbance": True, "range": [low, high] | None,
     "smoothing": {"method": "none" | "savgol", "window_length": 11, "polyorder": 3},
     "baseline": {"method": "none" | "arpls" | ..., **params},
     "normalise": "none" | "max" | "l2" | "snv" | ...,
     "peaks": True}

:func:`apply` calls the core functions in the order a spectroscopist applies
them (units → range → smoothing → baseline → normalisation → peak picking)
and returns the processed spectrum, the fitted baseline and the peaks.  The
recipe of the returned spectrum lists exactly the core steps that ran.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nps_id_gui import core

#: Shown in the panel when the core does not list its own methods.
FALLBACK_BASELINES = ("arpls", "asls", "airpls", "modpoly", "imodpoly", "snip", "rubberband")
FALLBACK_NORMALISATIONS = ("max", "l2", "snv", "minmax")


@dataclass
class Result:
    spectrum: Any
    baseline: Any = None          # array on spectrum.x, or None
    before_baseline: Any = None   # the spectrum the baseline was fitted to
    peaks: Any = None             # x positions of detected peaks, or None
    steps: list[str] = field(default_factory=list)


def baseline_methods() -> tuple[str, ...]:
    mod = _ir("baselines")
    return tuple(getattr(mod, "METHODS", FALLBACK_BASELINES)) if mod else ()


def baseline_defaults(method: str) -> dict[str, Any]:
    mod = _ir("baselines")
    return dict(getattr(mod, "DEFAULTS", {}).get(method, {})) if mod else {}


def normalisations() -> tuple[str, ...]:
    mod = _ir("preprocess")
    return tuple(getattr(mod, "NORMALISATIONS", FALLBACK_NORMALISATIONS)) if mod else ()


def peak_function():
    """The core's IR peak picker, when it exists."""
    for mod_name in ("nps_id.ir.peaks", "nps_id.ir"):
        fn = core.function(mod_name, "pick_peaks", "find_peaks")
        if fn is not None:
            return fn
    return None


def available() -> core.Feature:
    if _ir("baselines") is None or _ir("preprocess") is None:
        return core.Feature(False, "IR processing is not available in this version of NPS-ID yet.")
    return core.Feature(True)


def apply(spectrum: Any, params: dict[str, Any]) -> Result:
    """Run the panel's recipe on ``spectrum`` with the core's IR functions."""
    pre = _ir("preprocess")
    base_mod = _ir("baselines")
    if pre is None or base_mod is None:
        raise RuntimeError(available().reason)
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
            found = fn(s)
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
    try:
        return core.module(f"nps_id.ir.{name}")
    except ImportError:
        return None
