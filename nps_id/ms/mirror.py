"""Head-to-tail (mirror) comparison of an unknown and a reference EI spectrum."""
from __future__ import annotations

import numpy as np

from nps_id.ms.filters import bin_to_nominal_mass
from nps_id.spectrum import Spectrum


def mirror_arrays(query: Spectrum, reference: Spectrum) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both spectra on one nominal m/z axis, each scaled to a base peak of 100.

    Returns ``(mz, query, reference)``; ``query - reference`` is the
    difference spectrum a chemist reads under the mirror plot.  Binning is
    the same as for the search (:func:`nps_id.ms.filters.bin_to_nominal_mass`),
    so what is shown is what was compared.
    """
    q = bin_to_nominal_mass(query)
    r = bin_to_nominal_mass(reference)
    axis = np.union1d(q.x, r.x)
    a = np.zeros(axis.size)
    b = np.zeros(axis.size)
    a[np.searchsorted(axis, q.x)] = q.y
    b[np.searchsorted(axis, r.x)] = r.y
    if a.max() > 0:
        a *= 100.0 / a.max()
    if b.max() > 0:
        b *= 100.0 / b.max()
    return axis, a, b
