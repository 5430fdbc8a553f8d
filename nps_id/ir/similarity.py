"""Similarity of IR spectra on a common grid.

Each measure comes as ``f(query_y, library_y) -> float`` and as a vectorised
``f_many(query_y, library_matrix) -> np.ndarray`` (one score per row).
Arrays are y values on the same grid; NaN marks points without data
(outside the measured range, masked bands).  Measures are computed on the
*overlap*, the points finite in both; an overlap below ``min_overlap``
points, or below ``min_overlap_fraction`` of the shorter of the two
spectra, scores ``nan`` (never a hit): a 100 cm-1 sliver of agreement is not
an identification.

Which HQI?
    KnowItAll's "Correlation" hit quality index is
    ``HQI = 100 * (q.l)^2 / ((q.q)(l.l))`` with mean-centred q and l, which is
    ``100 * r^2``; :func:`hqi` implements exactly that.  (The squared loses the
    sign: an anti-correlated spectrum scores high, so rank by
    :func:`pearson` when that matters.)
"""
from __future__ import annotations

import numpy as np

from nps_id.i18n import _
from nps_id.ir._util import apply_on_runs

#: Fewest overlapping grid points for a meaningful comparison (100 cm-1 on the 2 cm-1 grid).
MIN_OVERLAP = 50
#: Smallest overlap as a share of the shorter spectrum's points.
MIN_OVERLAP_FRACTION = 0.5


def _too_small(n: np.ndarray | int, n_q: np.ndarray | int, n_l: np.ndarray | int,
               min_overlap: int, min_fraction: float) -> np.ndarray:
    n = np.asarray(n, dtype=float)
    shorter = np.minimum(np.asarray(n_q, dtype=float), np.asarray(n_l, dtype=float))
    return (n < min_overlap) | (n < min_fraction * shorter)


def _pair(q: np.ndarray, lib: np.ndarray, min_overlap: int = MIN_OVERLAP,
          min_fraction: float = MIN_OVERLAP_FRACTION) -> tuple[np.ndarray, np.ndarray] | None:
    """The overlapping values of two spectra, or None when the overlap is too small."""
    q = np.asarray(q, dtype=float)
    lib = np.asarray(lib, dtype=float)
    if q.shape != lib.shape:
        raise ValueError(_("spectra are on different grids ({0} vs {1} points)").format(q.size, lib.size))
    fq, fl = np.isfinite(q), np.isfinite(lib)
    both = fq & fl
    if _too_small(both.sum(), fq.sum(), fl.sum(), min_overlap, min_fraction):
        return None
    return q[both], lib[both]


def _masked(q: np.ndarray, matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Zero-filled copies and float masks of a query and a library matrix."""
    q = np.asarray(q, dtype=float)
    matrix = np.atleast_2d(np.asarray(matrix, dtype=float))
    if matrix.shape[1] != q.size:
        raise ValueError(_("query has {0} points, library rows {1}").format(q.size, matrix.shape[1]))
    qm = np.isfinite(q).astype(float)
    lm = np.isfinite(matrix).astype(float)
    return np.where(qm > 0, q, 0.0), np.where(lm > 0, matrix, 0.0), qm, lm


# -- Pearson / HQI ---------------------------------------------------------------
def pearson(query_y: np.ndarray, library_y: np.ndarray, min_overlap: int = MIN_OVERLAP,
            min_overlap_fraction: float = MIN_OVERLAP_FRACTION) -> float:
    """Pearson correlation coefficient r on the overlap."""
    pair = _pair(query_y, library_y, min_overlap, min_overlap_fraction)
    if pair is None:
        return float("nan")
    q, lib = pair
    q = q - q.mean()
    lib = lib - lib.mean()
    denom = np.sqrt(np.dot(q, q) * np.dot(lib, lib))
    return float(np.dot(q, lib) / denom) if denom > 0 else 0.0


def pearson_many(query_y: np.ndarray, library_matrix: np.ndarray, min_overlap: int = MIN_OVERLAP,
                 min_overlap_fraction: float = MIN_OVERLAP_FRACTION) -> np.ndarray:
    """:func:`pearson` of the query against every row, each on its own overlap.

    Six matrix-vector products of sums over the overlap (n, sums, sums of
    squares, cross sum), so it scales like one dot product per row.
    """
    q, lib, qm, lm = _masked(query_y, library_matrix)
    n = lm @ qm
    s_l = lib @ qm
    s_ll = (lib * lib) @ qm
    s_q = lm @ q
    s_qq = lm @ (q * q)
    s_ql = lib @ q
    cov = n * s_ql - s_l * s_q
    var = (n * s_ll - s_l**2) * (n * s_qq - s_q**2)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(var > 0, cov / np.sqrt(np.clip(var, 1e-300, None)), 0.0)
    r[_too_small(n, qm.sum(), lm.sum(axis=1), min_overlap, min_overlap_fraction)] = np.nan
    return np.clip(r, -1.0, 1.0)


def pearson_overlap_batch(
    query_vectors: np.ndarray, query_masks: np.ndarray,
    library_vectors: np.ndarray, library_masks: np.ndarray,
    min_overlap: int = MIN_OVERLAP, min_overlap_fraction: float = MIN_OVERLAP_FRACTION,
) -> np.ndarray:
    """Pearson r on each pair's overlap for a batch of queries: ``(n_library, n_queries)``.

    Vectors are zero outside their masks (as :func:`nps_id.ir.pipeline.ir_search_vector`
    returns them).  Six matrix-matrix products, so a library search stays a BLAS
    product; float32 inputs are computed in float32.  Equal to
    ``library_vectors @ query_vectors.T`` for pairs covering the same points.
    """
    q = np.atleast_2d(query_vectors)
    dtype = np.result_type(q.dtype, np.asarray(library_vectors).dtype, np.float32)
    q = q.astype(dtype, copy=False)
    lib = np.atleast_2d(library_vectors).astype(dtype, copy=False)
    qm = np.atleast_2d(query_masks).astype(dtype)
    lm = np.atleast_2d(library_masks).astype(dtype)
    q = q * qm
    lib = lib * lm
    n = lm @ qm.T
    s_l = lib @ qm.T
    s_ll = (lib * lib) @ qm.T
    s_q = lm @ q.T
    s_qq = lm @ (q * q).T
    s_ql = lib @ q.T
    cov = n * s_ql - s_l * s_q
    var = (n * s_ll - s_l**2) * (n * s_qq - s_q**2)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(var > 0, cov / np.sqrt(np.clip(var, np.finfo(dtype).tiny, None)), 0.0)
    small = _too_small(n, qm.sum(axis=1)[None, :], lm.sum(axis=1)[:, None], min_overlap, min_overlap_fraction)
    r = np.clip(r, -1.0, 1.0)
    r[small] = np.nan
    return r


def hqi(query_y: np.ndarray, library_y: np.ndarray, **overlap: float) -> float:
    """KnowItAll correlation hit quality index, ``100 * r^2`` (0-100)."""
    return 100.0 * pearson(query_y, library_y, **overlap) ** 2


def hqi_many(query_y: np.ndarray, library_matrix: np.ndarray, **overlap: float) -> np.ndarray:
    return 100.0 * pearson_many(query_y, library_matrix, **overlap) ** 2


# -- first-derivative correlation (Open Specy) -------------------------------------
def _first_derivative(y: np.ndarray, window_length: int, polyorder: int) -> np.ndarray:
    from scipy.signal import savgol_filter

    y = np.atleast_2d(np.asarray(y, dtype=float))
    out = np.full_like(y, np.nan)
    for i, row in enumerate(y):
        out[i] = apply_on_runs(
            row, lambda r: savgol_filter(r, window_length, polyorder, deriv=1), min_length=window_length
        )
    return out


def derivative_correlation(
    query_y: np.ndarray, library_y: np.ndarray, window_length: int = 11, polyorder: int = 3,
    **overlap: float,
) -> float:
    """Pearson r of Savitzky-Golay first derivatives (window 11, cubic).

    Open Specy's default identification: smooth + first derivative, then
    Pearson correlation (Cowger et al., Anal. Chem. 93, 7543, 2021).  The
    derivative removes constant offsets and damps slow baselines.
    """
    dq = _first_derivative(query_y, window_length, polyorder)[0]
    dl = _first_derivative(library_y, window_length, polyorder)[0]
    return pearson(dq, dl, **overlap)


def derivative_correlation_many(
    query_y: np.ndarray, library_matrix: np.ndarray, window_length: int = 11, polyorder: int = 3,
    **overlap: float,
) -> np.ndarray:
    dq = _first_derivative(query_y, window_length, polyorder)[0]
    dl = _first_derivative(library_matrix, window_length, polyorder)
    return pearson_many(dq, dl, **overlap)


# -- Euclidean distance ---------------------------------------------------------------
def euclidean_similarity(query_y: np.ndarray, library_y: np.ndarray, min_overlap: int = MIN_OVERLAP,
                         min_overlap_fraction: float = MIN_OVERLAP_FRACTION) -> float:
    """``1 - d/2`` with d the Euclidean distance of the L2-normalised overlaps.

    For unit vectors ``d = sqrt(2 - 2 cos)``, in [0, 2]; the score is 1 for
    identical shapes, 0 for opposite ones.  It ranks like the cosine
    (not mean-centred) similarity.
    """
    pair = _pair(query_y, library_y, min_overlap, min_overlap_fraction)
    if pair is None:
        return float("nan")
    q, lib = pair
    nq, nl = np.linalg.norm(q), np.linalg.norm(lib)
    if nq == 0 or nl == 0:
        return 0.0
    return float(1.0 - np.linalg.norm(q / nq - lib / nl) / 2.0)


def euclidean_similarity_many(
    query_y: np.ndarray, library_matrix: np.ndarray, min_overlap: int = MIN_OVERLAP,
    min_overlap_fraction: float = MIN_OVERLAP_FRACTION,
) -> np.ndarray:
    q, lib, qm, lm = _masked(query_y, library_matrix)
    n = lm @ qm
    qq = lm @ (q * q)  # |q|^2 on each overlap
    ll = (lib * lib) @ qm
    ql = lib @ q
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.where((qq > 0) & (ll > 0), ql / np.sqrt(qq * ll), 0.0)
    score = 1.0 - np.sqrt(np.clip(2.0 - 2.0 * cos, 0.0, 4.0)) / 2.0
    score[_too_small(n, qm.sum(), lm.sum(axis=1), min_overlap, min_overlap_fraction)] = np.nan
    return score


# -- peak-table matching ---------------------------------------------------------------
def _found_share(found: np.ndarray, ref: np.ndarray, tolerance: float,
                 window: tuple[float, float] | None) -> float:
    """Height-weighted share of the peaks in ``ref`` (inside ``window``) with a peak of ``found`` nearby."""
    if window is not None:
        ref = ref[(ref[:, 0] >= window[0]) & (ref[:, 0] <= window[1])]
    if ref.size == 0 or found.size == 0:
        return 0.0
    weights = np.clip(ref[:, 1], 0, None)
    if weights.sum() <= 0:
        weights = np.ones(len(ref))
    pos = np.sort(found[:, 0])
    idx = np.searchsorted(pos, ref[:, 0])
    left = np.abs(ref[:, 0] - pos[np.clip(idx - 1, 0, pos.size - 1)])
    right = np.abs(pos[np.clip(idx, 0, pos.size - 1)] - ref[:, 0])
    return float(weights[np.minimum(left, right) <= tolerance].sum() / weights.sum())


def peak_match(
    query_peaks: np.ndarray,
    library_peaks: np.ndarray,
    tolerance: float = 4.0,
    query_range: tuple[float, float] | None = None,
    library_range: tuple[float, float] | None = None,
    symmetric: bool = True,
) -> float:
    """Intensity-weighted share of matching peaks (0-1).

    Parameters
    ----------
    query_peaks, library_peaks
        ``(n, 2)`` arrays of (position cm-1, height) -- e.g. from
        :func:`nps_id.ir.peaks.peak_array`.
    tolerance
        Largest position difference (cm-1) for a match; 4 cm-1 is the usual
        routine resolution.  Across sampling techniques (ATR shifts, gas vs
        condensed phase) 8-12 cm-1 works better (benchmark part a).
    query_range, library_range
        The ranges each spectrum covers; peaks of one outside the other's
        range are not counted.
    symmetric
        False: the share of reference (library) peaks found in the query, each
        weighted by its height over the sum of heights.  True (default): the
        geometric mean of that and the share of query peaks found in the
        reference, so a query with many peaks (noise, a mixture) does not
        match everything: 13 -> 20 of 34 cross-source top-1 at 4 cm-1.
    """
    ref = np.asarray(library_peaks, dtype=float).reshape(-1, 2)
    found = np.asarray(query_peaks, dtype=float).reshape(-1, 2)
    forward = _found_share(found, ref, tolerance, query_range)
    if not symmetric:
        return forward
    backward = _found_share(ref, found, tolerance, library_range)
    return float(np.sqrt(forward * backward))


def peak_match_many(
    query_peaks: np.ndarray, library_peak_tables: list[np.ndarray], tolerance: float = 4.0,
    query_range: tuple[float, float] | None = None,
    library_ranges: list[tuple[float, float] | None] | None = None, symmetric: bool = True,
) -> np.ndarray:
    ranges = library_ranges or [None] * len(library_peak_tables)
    return np.array([
        peak_match(query_peaks, ref, tolerance, query_range, rng, symmetric)
        for ref, rng in zip(library_peak_tables, ranges)
    ])
