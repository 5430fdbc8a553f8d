"""Library IR spectra as absorbance vectors on the common grid, computed once per process.

The search index (:mod:`nps_id.search.index_cache`) holds only the derivative
vectors of the default search.  Mixture analysis, the reverse score and the
other similarities need the reference spectra as a chemist reads them:
absorbance, baseline-corrected, ATR-corrected when the record says ATR
(:data:`~nps_id.ir.pipeline.ABSORBANCE_PIPELINE`).  Only the few library
spectra a query needs (its best candidates) are prepared, and kept for the
next query while the library is unchanged.
"""
from __future__ import annotations

import threading
from typing import Any, Sequence

import numpy as np

from nps_id.ir.pipeline import ABSORBANCE_PIPELINE, IR_GRID, Step, ir_search_vector, pipeline_id

#: Most vectors kept per process (about 13 MB each 1000 at float64 on 1676 points).
MAX_CACHED = 20000
_CACHE: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
_LOCK = threading.Lock()


def _library_key(library: Any) -> tuple:
    try:
        revision = library.revision()
    except Exception:  # a library without revisions (tests' stand-ins): key on its identity
        revision = id(library)
    return (str(getattr(library, "location", id(library))), revision)


def reference_vectors(library: Any, ids: Sequence[int], pipeline: Sequence[Step] = ABSORBANCE_PIPELINE
                      ) -> tuple[np.ndarray, np.ndarray]:
    """``(vectors, masks)`` of the library spectra ``ids`` (rows in the order given).

    Vectors are 0 and masks False where a spectrum has no data; a spectrum that
    cannot be prepared (too little data on the grid) gets an all-False mask.
    """
    base = _library_key(library) + (pipeline_id(pipeline),)
    n = IR_GRID.size
    vectors = np.zeros((len(ids), n))
    masks = np.zeros((len(ids), n), bool)
    missing = []
    with _LOCK:
        for i, library_id in enumerate(ids):
            hit = _CACHE.get(base + (int(library_id),))
            if hit is None:
                missing.append(i)
            else:
                vectors[i], masks[i] = hit
    if missing:
        wanted = sorted({int(ids[i]) for i in missing})
        computed: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for library_id, spectrum in library.iter_spectra("ir", ids=wanted):
            try:
                computed[library_id] = ir_search_vector(spectrum, pipeline)
            except Exception:  # an unusable reference is never a candidate
                computed[library_id] = (np.zeros(n), np.zeros(n, bool))
        with _LOCK:
            if len(_CACHE) + len(computed) > MAX_CACHED:
                _CACHE.clear()
            for library_id, pair in computed.items():
                _CACHE[base + (library_id,)] = pair
        for i in missing:
            pair = computed.get(int(ids[i]))
            if pair is not None:
                vectors[i], masks[i] = pair
    return vectors, masks


def clear_cache() -> None:
    """Forget every cached vector (tests; a library edited in place)."""
    with _LOCK:
        _CACHE.clear()
