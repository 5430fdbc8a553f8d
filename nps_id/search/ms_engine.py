"""Exact, fast composite-match-factor search over a whole EI library.

The library is held as a sparse matrix (spectra x nominal m/z).  A search is
two stages, and both give exactly the scores of
:func:`nps_id.ms.similarity.composite_terms`:

1. For *every* library spectrum, one pass over the unknown's m/z columns
   (compiled, :mod:`nps_id.search.ms_kernels`) gives the exact dot-product
   term, the number of shared peaks and the number of the unknown's peaks in the
   compared range.  Because the ratio term is at most 1, this bounds the
   composite from above: ``(N_U DP + w N_C) / (N_U + w N_C)``.
2. The ratio term is computed only for spectra whose bound can still reach the
   current N-th best score, in descending order of bound.  No spectrum that
   could enter the top N is skipped, so the top N equals that of scoring every
   spectrum (``exhaustive=True``), ties broken by library order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from nps_id.ms.similarity import DEFAULT_PARAMS, CompositeParams
from nps_id.search.ms_kernels import accumulate_columns, composite_bounds, exact_scores, low_column_sums

#: Added to bounds so rounding can never drop a candidate that ties.
_BOUND_SLACK = 1e-6
#: Candidates scored exactly per round in stage 2.
_BATCH = 512


@dataclass
class QueryScores:
    """Scores of one query against selected library rows (0-1 scale)."""

    rows: np.ndarray
    composite: np.ndarray
    reverse: np.ndarray
    dot_product: np.ndarray
    shared: np.ndarray
    candidates_scored: int = 0


@dataclass
class MSIndex:
    """Sparse nominal-m/z matrix of a library's EI spectra, ready to search.

    ``library_ids[i]`` is the library id of row i.  Intensities are scaled to a
    base peak of 999, peaks below the noise threshold dropped.  Rows are in
    library order (ascending id).
    """

    library_ids: np.ndarray
    matrix: sp.csr_matrix
    params: CompositeParams = DEFAULT_PARAMS
    _ready: bool = field(default=False, repr=False)

    # -- building ---------------------------------------------------------
    @classmethod
    def from_peak_arrays(
        cls,
        library_ids: np.ndarray,
        offsets: np.ndarray,
        mz: np.ndarray,
        intensity: np.ndarray,
        params: CompositeParams = DEFAULT_PARAMS,
    ) -> "MSIndex":
        """Build from concatenated peak arrays (``offsets`` has n+1 entries)."""
        matrix = peaks_to_matrix(offsets, mz, intensity, params.noise_threshold)
        return cls(np.asarray(library_ids, dtype=np.int64), matrix, params)

    def extended(self, other: "MSIndex") -> "MSIndex":
        """This index with ``other``'s rows appended (incremental update)."""
        width = max(self.matrix.shape[1], other.matrix.shape[1])
        a = _widen(self.matrix, width)
        b = _widen(other.matrix, width)
        return MSIndex(np.concatenate([self.library_ids, other.library_ids]),
                       sp.vstack([a, b], format="csr"), self.params)

    @property
    def size(self) -> int:
        return int(self.matrix.shape[0])

    @property
    def width(self) -> int:
        return int(self.matrix.shape[1])

    def _prepare(self) -> None:
        """Per-entry weights in row (CSR) and column (CSC) order, computed once."""
        if self._ready:
            return
        p = self.params
        m = self.matrix
        m.sort_indices()
        intensity = m.data.astype(np.float64)
        col_weight = np.arange(m.shape[1], dtype=np.float64) ** p.mz_power
        self._indptr = m.indptr.astype(np.int64)
        self._indices = m.indices.astype(np.int32)
        # float32 storage halves the memory of a million-spectrum index; the
        # kernels accumulate in float64, identically for indexed and exhaustive search
        weight = col_weight[self._indices] * intensity ** p.intensity_power
        rows = np.repeat(np.arange(self.size, dtype=np.int32), np.diff(self._indptr))
        self._total = np.bincount(rows, weights=weight ** 2, minlength=self.size)
        self._weight = weight.astype(np.float32)
        del weight
        self._ratio_value = (intensity ** p.ratio_power).astype(np.float32)
        del intensity
        # column order, for the first stage (only the unknown's m/z columns are read); scipy's
        # CSR-to-CSC conversion is a counting sort that keeps rows ascending within a column
        by_column = sp.csr_matrix((self._weight, self._indices, self._indptr), shape=m.shape).tocsc()
        self._col_rows = by_column.indices.astype(np.int32, copy=False)
        self._col_weight_entry = by_column.data
        self._col_ptr = by_column.indptr.astype(np.int64)
        del rows, by_column
        lowest = np.where(np.diff(self._indptr) > 0,
                          self._indices[np.minimum(self._indptr[:-1], max(m.nnz - 1, 0))], np.iinfo(np.int32).max)
        self._lowest = np.minimum(lowest, p.low_mz_cap)  # the comparison never starts above the cap
        self._ready = True

    # -- searching --------------------------------------------------------
    def search(self, query_mz: np.ndarray, query_intensity: np.ndarray, top: int = 10,
               exhaustive: bool = False) -> QueryScores:
        """Top-``top`` library rows for one nominal-m/z query (base peak scaled to 999)."""
        self._prepare()
        q_mz, q_int = _clean_query(query_mz, query_intensity)
        n = self.size
        if q_mz.size == 0 or n == 0:
            empty = np.zeros(0)
            return QueryScores(np.zeros(0, np.int64), empty, empty, empty, np.zeros(0, np.int64))
        query = self._query_arrays(q_mz, q_int)
        sum_lib = self._library_sums(q_mz)
        if exhaustive:
            return self._take_top(self._exact(query, np.arange(n), sum_lib), top, n)
        bound = self._upper_bounds(q_mz, query, sum_lib)
        # Round 1: the best bounds give a first threshold (the top-th exact score).
        first = np.sort(_top_indices(bound, max(_BATCH, 4 * top)))
        best = self._take_top(self._exact(query, first, sum_lib), top, first.size)
        scored = first.size
        threshold = best.composite[-1] if best.composite.size >= top else -np.inf
        # Round 2: every other row whose bound reaches the threshold.
        bound[first] = -np.inf  # already scored
        candidates = np.nonzero(bound + _BOUND_SLACK >= threshold)[0]
        if candidates.size:
            best = self._take_top(_concat([best, self._exact(query, candidates, sum_lib)]), top, 0)
            scored += candidates.size
        best.candidates_scored = scored
        return best

    def _query_arrays(self, q_mz: np.ndarray, q_int: np.ndarray) -> dict:
        p = self.params
        width = max(self.width, int(q_mz[-1]) + 1)
        w_q = q_mz.astype(float) ** p.mz_power * q_int ** p.intensity_power
        dense_w = np.zeros(width)
        dense_w[q_mz] = w_q
        dense_r = np.zeros(width)
        dense_r[q_mz] = q_int ** p.ratio_power
        # sums over the unknown's peaks at m/z >= m, for every m (the compared range)
        sumsq_from = np.cumsum((dense_w ** 2)[::-1])[::-1]
        count_from = np.cumsum((dense_w > 0)[::-1])[::-1].astype(np.float64)
        sumsq_from = np.append(sumsq_from, 0.0)
        count_from = np.append(count_from, 0.0)
        return dict(mz=q_mz, w=w_q, dense_w=dense_w, dense_r=dense_r, low=min(int(q_mz[0]), int(p.low_mz_cap)),
                    sumsq_from=sumsq_from, count_from=count_from)

    def _library_sums(self, q_mz: np.ndarray) -> np.ndarray:
        """Per row: sum of squared library weights over the compared m/z range."""
        if not self.params.low_mz_cut:
            return self._total
        low = np.zeros(self.size)
        low_column_sums(self._col_ptr, self._col_rows, self._col_weight_entry,
                        min(int(q_mz[0]), self.params.low_mz_cap), low)
        return self._total - low

    def _upper_bounds(self, q_mz: np.ndarray, query: dict, sum_lib: np.ndarray) -> np.ndarray:
        """Exact dot-product term for every row, turned into a bound on the composite.

        The ratio term is at most 1, so composite <= (N_U DP + w N_C) / (N_U + w N_C);
        without a shared peak the composite is 0.
        """
        p = self.params
        n = self.size
        inside = q_mz < self.width
        cross = np.zeros(n)
        shared = np.zeros(n, np.int32)
        accumulate_columns(self._col_ptr, self._col_rows, self._col_weight_entry,
                           q_mz[inside].astype(np.int64), query["w"][inside], cross, shared)
        bound = np.empty(n)
        composite_bounds(cross, shared, self._lowest, query["sumsq_from"], query["count_from"], sum_lib,
                         p.low_mz_cut, float(p.ratio_weight), bound)
        return bound

    def _exact(self, query: dict, rows: np.ndarray, sum_lib: np.ndarray) -> QueryScores:
        """Exact composite, reverse and dot product of the given rows."""
        rows = np.ascontiguousarray(rows, dtype=np.int64)
        k = rows.size
        composite, reverse, dot = np.zeros(k), np.zeros(k), np.zeros(k)
        shared = np.zeros(k, np.int64)
        exact_scores(self._indptr, self._indices, self._weight, self._ratio_value, rows,
                     query["dense_w"], query["dense_r"], query["low"], query["sumsq_from"],
                     query["count_from"], np.ascontiguousarray(sum_lib[rows]), self.params.low_mz_cut,
                     int(self.params.low_mz_cap),
                     float(self.params.ratio_weight), composite, reverse, dot, shared)
        return QueryScores(rows, composite, reverse, dot, shared)

    @staticmethod
    def _take_top(scores: QueryScores, top: int, scored: int) -> QueryScores:
        # Sort by score descending, ties by library order (row index ascending).
        order = np.lexsort((scores.rows, -scores.composite))[:top]
        return QueryScores(scores.rows[order], scores.composite[order], scores.reverse[order],
                           scores.dot_product[order], scores.shared[order], scored)


def _top_indices(values: np.ndarray, count: int) -> np.ndarray:
    """Indices of the ``count`` largest values (any order)."""
    if values.size <= count:
        return np.arange(values.size)
    return np.argpartition(-values, count)[:count]


def _clean_query(mz: np.ndarray, intensity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mz = np.asarray(mz, dtype=np.int64)
    intensity = np.asarray(intensity, dtype=float)
    keep = (intensity > 0) & (mz > 0)
    mz, intensity = mz[keep], intensity[keep]
    order = np.argsort(mz, kind="stable")
    mz, intensity = mz[order], intensity[order]
    if intensity.size:
        intensity = intensity * (999.0 / intensity.max())
    return mz, intensity


def _concat(parts: list[QueryScores]) -> QueryScores:
    return QueryScores(*(np.concatenate([getattr(p, f) for p in parts])
                         for f in ("rows", "composite", "reverse", "dot_product", "shared")))


def _widen(matrix: sp.csr_matrix, width: int) -> sp.csr_matrix:
    if matrix.shape[1] == width:
        return matrix
    return sp.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], width))


def peaks_to_matrix(offsets: np.ndarray, mz: np.ndarray, intensity: np.ndarray,
                    noise_threshold: float = 0.0) -> sp.csr_matrix:
    """CSR matrix (spectra x nominal m/z) of base-999 intensities from concatenated peaks.

    Peaks are binned to nominal m/z (mass-defect corrected) and summed per bin;
    bins below ``noise_threshold`` x base peak are dropped (as
    :func:`nps_id.ms.filters.prepare_ei_spectrum` does for a query).  Library
    spectra are usually nominal and sorted already; then the matrix is built
    in place, without the temporaries of a general sparse constructor (this
    matters for a million spectra).
    """
    offsets = np.asarray(offsets, dtype=np.int64)
    n = offsets.size - 1
    mz = np.asarray(mz)
    nominal = np.rint(mz - 0.00048 * mz).astype(np.int32)
    data = np.asarray(intensity, dtype=np.float32)
    keep = (nominal > 0) & (data > 0)
    counts = np.diff(offsets)
    if not keep.all():
        row_of = np.repeat(np.arange(n, dtype=np.int32), counts)
        counts = np.bincount(row_of[keep], minlength=n)
        nominal, data = nominal[keep], data[keep]
        del row_of
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(counts, out=indptr[1:])
    step = np.diff(nominal)
    increasing = (step > 0) | ~_within_rows(indptr, step.size)  # across a row boundary anything goes
    width = int(nominal.max()) + 1 if nominal.size else 1
    if increasing.all():
        matrix = sp.csr_matrix((data, nominal, indptr), shape=(n, width))
    else:  # unsorted or duplicate bins: let scipy sort and sum them
        rows = np.repeat(np.arange(n, dtype=np.int32), counts)
        matrix = sp.csr_matrix((data, (rows, nominal)), shape=(n, width))
        matrix.sum_duplicates()
    matrix.sort_indices()
    if matrix.nnz:
        nonempty = np.diff(matrix.indptr) > 0
        base = np.zeros(n, np.float32)
        base[nonempty] = np.maximum.reduceat(matrix.data, matrix.indptr[:-1][nonempty])
        scale = np.where(base > 0, 999.0 / np.where(base > 0, base, 1), 0.0).astype(np.float32)
        matrix.data *= np.repeat(scale, np.diff(matrix.indptr))
        if noise_threshold > 0:
            matrix.data[matrix.data < noise_threshold * 999.0] = 0.0
            matrix.eliminate_zeros()
    matrix.data = matrix.data.astype(np.float32)
    return matrix


def _within_rows(indptr: np.ndarray, steps: int) -> np.ndarray:
    """For each step i (between entries i and i+1): do both entries belong to one row?"""
    same = np.ones(steps, bool)
    boundaries = indptr[1:-1] - 1
    boundaries = boundaries[(boundaries >= 0) & (boundaries < steps)]
    same[boundaries] = False
    return same
