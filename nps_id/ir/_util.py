"""Small helpers shared by the IR processing modules (not public API)."""
from __future__ import annotations

from typing import Callable

import numpy as np

from nps_id.i18n import _
from nps_id.spectrum import Spectrum

#: x units that are already wavenumbers.
WAVENUMBER_UNITS = ("1/cm", "cm-1", "cm^-1", "wavenumber")


def require_wavenumber(spectrum: Spectrum, step: str) -> None:
    """Raise a clear error when a step that needs wavenumbers gets something else."""
    if spectrum.x_unit not in WAVENUMBER_UNITS:
        raise ValueError(
            _("{0}: needs x in 1/cm, got {1}; apply to_wavenumber first").format(step, repr(spectrum.x_unit))
        )


def finite_runs(y: np.ndarray, min_length: int = 1) -> list[slice]:
    """Slices of the contiguous runs of finite values of ``y`` (at least ``min_length`` long).

    Resampled spectra carry NaN outside their measured range and inside masked
    regions; filters are applied run by run so that NaN never leaks into data.
    """
    finite = np.isfinite(y)
    if finite.all():
        return [slice(0, y.size)] if y.size >= min_length else []
    edges = np.diff(np.concatenate(([0], finite.astype(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    stops = np.flatnonzero(edges == -1)
    return [slice(a, b) for a, b in zip(starts, stops) if b - a >= min_length]


def apply_on_runs(
    y: np.ndarray, func: Callable[[np.ndarray], np.ndarray], min_length: int = 1, fill: float = np.nan
) -> np.ndarray:
    """Apply ``func`` to each finite run of ``y``; runs shorter than ``min_length`` become ``fill``."""
    out = np.full_like(y, np.nan, dtype=float)
    finite = np.isfinite(y)
    done = np.zeros(y.size, dtype=bool)
    for run in finite_runs(y, min_length):
        out[run] = func(y[run])
        done[run] = True
    out[finite & ~done] = fill
    return out


def median_spacing(x: np.ndarray) -> float:
    """Median absolute spacing of ``x`` (NaN for fewer than two points)."""
    if x.size < 2:
        return float("nan")
    return float(np.median(np.abs(np.diff(x))))
