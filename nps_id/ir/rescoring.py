"""IR similarity choice and the IR reverse score, on the library's best candidates.

The exact search engine (:mod:`nps_id.search.ir_engine`) ranks by the default
score.  The other scores of :mod:`nps_id.ir.similarity` are offered as a
choice; they are computed on absorbance vectors
(:data:`~nps_id.ir.pipeline.ABSORBANCE_PIPELINE`) of every library IR spectrum
when the library holds at most :data:`RESCORE_ALL` of them, otherwise on the
:data:`RESCORE_ALL` best spectra by the default score (said in the recipe).

Top-1 / top-5 of the 34 leave-own-source-out queries of
``benchmarks/ir_identification.py`` (121 real spectra; tuned on the same
queries for the default, so the default's figure is optimistic; one run, with
the automatic ATR correction; absorbance scores on every spectrum, as here):

=============  =================================================================  ==========
name           what                                                                top-1/5
=============  =================================================================  ==========
pearson        Pearson r on the overlap of intensity-compressed first-derivative   28/34 34/34
               absorbance (default; derivative correlation as in Open Specy,
               Cowger et al., Anal. Chem. 93, 7543, 2021, with SG 21 and
               cube-root compression)
derivative     Pearson r of Savitzky-Golay (11, cubic) first derivatives of        23/34 30/34
               absorbance: Open Specy's own default
hqi            KnowItAll correlation HQI, 100 r^2 of absorbance (score 9.99 HQI)   24/34 31/34
euclidean      1 - d/2 of L2-normalised absorbance (Euclidean distance HQI)        24/34 31/34
peaks          peak-table match, 12 cm-1 tolerance, geometric mean of both         26/34 30/34
               directions' height-weighted shares (Stein-Scott style forward and
               reverse search on peak lists)
=============  =================================================================  ==========

The **reverse score** of an IR hit is what the EI reverse match means: the
share of the *reference's* bands (height-weighted, picked with
:data:`nps_id.ir.peaks.ROUTINE`, inside the unknown's range) that have a band
of the unknown within :data:`REVERSE_TOLERANCE` cm-1.  A pure reference
found whole in a mixture scores high in reverse and lower forward.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from nps_id.i18n import _
from nps_id.ir.peaks import ROUTINE, peak_array, pick_peaks
from nps_id.ir.pipeline import ABSORBANCE_PIPELINE, IR_GRID, ir_search_vector, ir_similarity_scores
from nps_id.spectrum import Spectrum

#: name -> (score of ir_similarity_scores or None for the engine, scale to 0-999, description).
SIMILARITIES: dict[str, tuple[str | None, float, str]] = {
    "pearson": (None, 999.0, "Pearson r on the overlap of compressed first-derivative absorbance (default)"),
    "derivative": ("derivative_correlation", 999.0, "Pearson r of SG(11, 3) first derivatives of absorbance"),
    "hqi": ("hqi", 9.99, "correlation HQI = 100 r^2 of absorbance"),
    "euclidean": ("euclidean", 999.0, "1 - d/2, Euclidean distance of L2-normalised absorbance"),
    "peaks": ("peak_match", 999.0, "peak-table match, 12 cm-1, both directions"),
}
DEFAULT_SIMILARITY = "pearson"
#: Libraries with at most this many IR spectra are rescored whole; larger ones on this many best.
RESCORE_ALL = 500
#: Band position tolerance of the reverse score (cm-1): ATR/transmission and
#: polymorph shifts reach several cm-1.
REVERSE_TOLERANCE = 8.0
_PEAK_TOLERANCE = 12.0


def _grid_spectrum(vector: np.ndarray, mask: np.ndarray) -> Spectrum:
    return Spectrum(IR_GRID, np.where(mask, vector, np.nan), "ir", "1/cm", "absorbance")


def rescore(library: Any, spectrum: Spectrum, index: Any, similarity: str
            ) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """``(library ids, scores 0-999, recipe)`` of the candidates by a non-default similarity, best first."""
    from nps_id.ir.references import reference_vectors
    from nps_id.search.ir_engine import score_ir_batch

    try:
        method, scale, what = SIMILARITIES[similarity]
    except KeyError:
        raise ValueError(_("unknown IR similarity {0} (use one of {1})").format(repr(similarity), sorted(SIMILARITIES))) from None
    if method is None:
        raise ValueError(_("the default similarity is scored by the search engine, not rescored"))
    if index.size <= RESCORE_ALL:
        ids = np.asarray(index.library_ids, np.int64)
        pool = "every library IR spectrum"
    else:
        v, m = ir_search_vector(spectrum)
        rows, _scores = score_ir_batch(index, v[None, :].astype(np.float32), m[None, :], top=RESCORE_ALL)
        ids = np.asarray(index.library_ids[rows[0][rows[0] >= 0]], np.int64)
        pool = f"the {RESCORE_ALL} best by the default score"
    qv, qm = ir_search_vector(spectrum, ABSORBANCE_PIPELINE)
    lib_v, lib_m = reference_vectors(library, list(ids))
    kwargs = {"tolerance": _PEAK_TOLERANCE} if method == "peak_match" else {}
    scores = ir_similarity_scores(qv, lib_v, method, qm, lib_m, **kwargs) * scale
    scores = np.where(np.isfinite(scores), np.clip(scores, 0.0, 999.0), -np.inf)
    order = np.argsort(-scores, kind="stable")
    recipe = {"similarity": similarity, "similarity_description": what, "scored": pool,
              "pipeline": [{"step": n, "params": dict(p)} for n, p in ABSORBANCE_PIPELINE]}
    return ids[order], scores[order], recipe


def reverse_scores(library: Any, spectrum: Spectrum, ids: Sequence[int],
                   tolerance: float = REVERSE_TOLERANCE) -> np.ndarray:
    """Reverse score (0-999) of each library spectrum: its bands explained by the unknown's."""
    from nps_id.ir.references import reference_vectors
    from nps_id.ir.similarity import peak_match

    if len(ids) == 0:
        return np.zeros(0)
    qv, qm = ir_search_vector(spectrum, ABSORBANCE_PIPELINE)
    covered = IR_GRID[qm]
    query_range = (float(covered.min()), float(covered.max()))
    query_peaks = peak_array(pick_peaks(_grid_spectrum(qv, qm), **ROUTINE))
    lib_v, lib_m = reference_vectors(library, list(ids))
    out = np.zeros(len(ids))
    for i, (v, m) in enumerate(zip(lib_v, lib_m)):
        if not m.any():
            continue
        ref_peaks = peak_array(pick_peaks(_grid_spectrum(v, m), **ROUTINE))
        out[i] = 999.0 * peak_match(query_peaks, ref_peaks, tolerance, query_range, None, symmetric=False)
    return out


def ranked_hits(library: Any, index: Any, spectrum: Spectrum, rows: np.ndarray, scores: np.ndarray,
                similarity: str, depth: int, reverse_depth: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
    """The hit list of one IR query: ``(library ids, scores, reverse scores, recipe)``, best first.

    ``rows, scores``: the engine's top rows and Pearson r for the default
    similarity; any other similarity rescoring replaces them (:func:`rescore`).
    Reverse scores are computed for the first ``reverse_depth`` hits (the ones
    shown); deeper ones carry NaN (they are judged, not shown).
    """
    if similarity == DEFAULT_SIMILARITY:
        keep = (rows >= 0) & np.isfinite(scores)
        ids = np.asarray(index.library_ids[rows[keep]], np.int64)
        values = 999.0 * np.clip(np.asarray(scores[keep], float), 0.0, None)
        recipe: dict[str, Any] = {"similarity": similarity, "similarity_description": SIMILARITIES[similarity][2]}
    else:
        ids, values, recipe = rescore(library, spectrum, index, similarity)
        keep = np.isfinite(values)
        ids, values = ids[keep][:depth], values[keep][:depth]
    reverse = np.full(ids.size, np.nan)
    n = min(reverse_depth, ids.size)
    if n:
        reverse[:n] = reverse_scores(library, spectrum, list(ids[:n]))
    recipe["reverse"] = (f"height-weighted share of the reference's bands within {REVERSE_TOLERANCE:g} cm-1 "
                         f"of a band of the unknown (first {n} hits)")
    return ids, values, reverse, recipe
