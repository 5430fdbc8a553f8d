"""An unknown and a reference on one axis, as analysts read IR: overlaid, scaled to each other, with the difference.

:func:`overlay_arrays` puts both spectra on :data:`~nps_id.ir.pipeline.IR_GRID`
(absorbance, arPLS baseline, CO2 masked, ATR-corrected when their metadata say
ATR), scales the reference to the unknown by least squares on the points both
cover (``a = q.r / r.r``, the factor of a spectral subtraction) and returns
the difference ``unknown - a * reference``.  ``display``:

``"absorbance"`` (default)
    Bands up, in the unknown's absorbance units.
``"transmittance"``
    The same as %T, ``100 * 10**-A`` (bands down, 100 % at the baseline).
``"processed"``
    The search vectors the score is computed on (compressed first derivative,
    mean-centred, unit norm): what the default similarity compares.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from nps_id.i18n import _
from nps_id.ir.pipeline import ABSORBANCE_PIPELINE, IR_GRID, ir_search_vector
from nps_id.spectrum import Spectrum

DISPLAYS = ("absorbance", "transmittance", "processed")
#: Absorbance without the final max-normalisation: the unknown keeps its own scale.
_RAW_ABSORBANCE = [step for step in ABSORBANCE_PIPELINE if step[0] != "normalise"]


def scale_factor(query: np.ndarray, reference: np.ndarray) -> float:
    """Least-squares factor ``a`` minimising ``|query - a * reference|`` on the points both cover."""
    both = np.isfinite(query) & np.isfinite(reference)
    denom = float(reference[both] @ reference[both])
    return float(query[both] @ reference[both] / denom) if denom > 0 else 0.0


def overlay_arrays(query: Spectrum, reference: Spectrum, display: str = "absorbance") -> dict[str, Any]:
    """``{"x", "query", "reference", "difference", "factor", "y_label"}`` (NaN where a spectrum has no data)."""
    if display not in DISPLAYS:
        raise ValueError(_("unknown overlay display {0} (use one of {1})").format(repr(display), DISPLAYS))
    if display == "processed":
        q, qm = ir_search_vector(query)
        r, rm = ir_search_vector(reference)
        q, r = np.where(qm, q, np.nan), np.where(rm, r, np.nan)
        label = "d(A^⅓)/dν̃, normalised (search vector)"
    else:
        q, qm = ir_search_vector(query, _RAW_ABSORBANCE)
        r, rm = ir_search_vector(reference, _RAW_ABSORBANCE)
        q, r = np.where(qm, q, np.nan), np.where(rm, r, np.nan)
        label = "Absorbance"
    factor = scale_factor(q, r)
    r = factor * r
    if display == "transmittance":
        q, r = 100.0 * 10.0 ** -q, 100.0 * 10.0 ** -r
        label = "Transmittance (%)"
    return {"x": IR_GRID, "query": q, "reference": r, "difference": q - r, "factor": factor, "y_label": label}
