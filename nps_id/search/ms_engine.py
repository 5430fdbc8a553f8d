"""Exact, fast composite-match-factor search over a whole EI library.

The library is held as a sparse matrix (spectra x nominal m/z).  A search is
two stages, and both give exactly the scores of
:func:`nps_id.ms.similarity.composite_terms`:

1. For *every* library spectrum, sparse column sums give the exact dot-product
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
    base peak of 999.  Rows are in library order (ascending id).
    """

    library_ids: np.ndarray
    matrix: sp.csr_matrix
    params: CompositeParams = DEFAULT_PARAMS
    _csc: sp.csc_matrix | None = field(default=None, repr=False)
    _lowest: np.ndarray | None = field(default=None, repr=False)
    _wsq: sp.csc_matrix | None = field(default=None, repr=False)
    _wsq_total: np.ndarray | None = field(default=None, repr=False)
    _col_weight: np.ndarray | None = field(default=None, repr=False)

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
        if self._csc is not None:
            return
        p = self.params
        m = self.matrix
        if m.data.dtype != np.float32:
            m.data = m.data.astype(np.float32)
        self._csc = m.tocsc()
        self._csc.sort_indices()
        starts = m.indptr[:-1]
        nonempty = np.diff(m.indptr) > 0
        lowest = np.full(m.shape[0], np.iinfo(np.int32).max, dtype=np.int64)
        lowest[nonempty] = m.indices[starts[nonempty]]
        self._lowest = lowest
        self._col_weight = np.arange(m.shape[1], dtype=float) ** p.mz_power
        wsq = self._csc.copy()
        cols = np.repeat(np.arange(wsq.shape[1]), np.diff(wsq.indptr))
        wsq.data = ((self._col_weight[cols] ** 2) * wsq.data.astype(np.float64) ** (2 * p.intensity_power)).astype(np.float32)
        del cols
        self._wsq = wsq
        self._wsq_total = np.bincount(wsq.indices, weights=wsq.data, minlength=m.shape[0])

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
        sum_lib = self._library_sums(q_mz)
        if exhaustive:
            parts = [self._exact(q_mz, q_int, rows, sum_lib[rows])
                     for rows in np.array_split(np.arange(n), max(1, n // 20000))]
            return self._take_top(_concat(parts), top, n)
        bound = self._upper_bounds(q_mz, q_int, sum_lib)
        # Round 1: the best bounds give a first threshold (the top-th exact score).
        first = _top_indices(bound, max(_BATCH, 4 * top))
        best = self._take_top(self._exact(q_mz, q_int, np.sort(first), sum_lib[np.sort(first)]), top, first.size)
        scored = first.size
        threshold = best.composite[-1] if best.composite.size >= top else -np.inf
        # Round 2: every other row whose bound reaches the threshold, best bounds first.
        done = np.zeros(n, bool)
        done[first] = True
        rest = np.nonzero(~done & (bound + _BOUND_SLACK >= threshold))[0]
        rest = rest[np.argsort(-bound[rest], kind="stable")]
        for start in range(0, rest.size, _BATCH * 4):
            batch = rest[start:start + _BATCH * 4]
            batch = batch[bound[batch] + _BOUND_SLACK >= threshold]
            if batch.size == 0:
                break
            rows = np.sort(batch)
            best = self._take_top(_concat([best, self._exact(q_mz, q_int, rows, sum_lib[rows])]), top, 0)
            scored += batch.size
            if best.composite.size >= top:
                threshold = best.composite[-1]
        best.candidates_scored = scored
        return best

    def _library_sums(self, q_mz: np.ndarray) -> np.ndarray:
        """Per row: sum of squared library weights over the compared m/z range."""
        if not self.params.low_mz_cut:
            return self._wsq_total
        below = min(int(q_mz[0]), self.width)
        wsq = self._wsq
        segment = slice(wsq.indptr[0], wsq.indptr[below])
        low = np.bincount(wsq.indices[segment], weights=wsq.data[segment], minlength=self.size)
        return self._wsq_total - low

    def _upper_bounds(self, q_mz: np.ndarray, q_int: np.ndarray, sum_lib: np.ndarray) -> np.ndarray:
        """Exact dot-product term for every row, turned into a bound on the composite.

        The ratio term is at most 1, so composite <= (N_U DP + w N_C) / (N_U + w N_C);
        without a shared peak the composite is 0.
        """
        p = self.params
        n, width = self.size, self.width
        csc = self._csc
        w_q = q_mz.astype(float) ** p.mz_power * q_int ** p.intensity_power
        inside = q_mz < width
        cols = q_mz[inside]
        starts, ends = csc.indptr[cols], csc.indptr[cols + 1]
        lengths = ends - starts
        flat = _ranges(starts, ends)
        rows = csc.indices[flat]
        lib_w = self._col_weight[np.repeat(cols, lengths)] * csc.data[flat].astype(float) ** p.intensity_power
        cross = np.bincount(rows, weights=lib_w * np.repeat(w_q[inside], lengths), minlength=n)
        n_shared = np.bincount(rows, minlength=n).astype(float)
        # The unknown's side of the compared range depends only on the row's lowest m/z.
        w_q_sq_cum = np.concatenate([np.cumsum((w_q ** 2)[::-1])[::-1], [0.0]])
        count_cum = np.arange(q_mz.size, -1, -1)
        if p.low_mz_cut:
            first = np.searchsorted(q_mz, self._lowest, side="left")
            sum_q = w_q_sq_cum[first]
            n_query = count_cum[first].astype(float)
        else:
            sum_q = np.full(n, w_q_sq_cum[0])
            n_query = np.full(n, float(q_mz.size))
        with np.errstate(invalid="ignore", divide="ignore"):
            dot = np.where((sum_q > 0) & (sum_lib > 0), cross * cross / (sum_q * sum_lib), 0.0)
            dot = np.minimum(dot, 1.0)
            w = p.ratio_weight * n_shared
            bound = np.where(n_query + w > 0, (n_query * dot + w) / (n_query + w), 0.0)
        return np.where(n_shared > 0, bound, 0.0)

    def _exact(self, q_mz: np.ndarray, q_int: np.ndarray, rows: np.ndarray,
               sum_lib: np.ndarray) -> QueryScores:
        """Exact composite, reverse and dot product for the given rows (dense block)."""
        p = self.params
        rows = np.asarray(rows, dtype=np.int64)
        k = q_mz.size
        inside = q_mz < self.width
        block = np.zeros((rows.size, k))
        if rows.size:
            block[:, inside] = self.matrix[rows][:, q_mz[inside]].toarray()
        lowest = self._lowest[rows]
        mzf = q_mz.astype(float)
        if p.low_mz_cut:
            valid = q_mz[None, :] >= lowest[:, None]
        else:
            valid = np.ones(block.shape, bool)
        w_q = mzf ** p.mz_power * q_int ** p.intensity_power
        w_lib = mzf[None, :] ** p.mz_power * block ** p.intensity_power
        cross = (w_lib * w_q[None, :]).sum(axis=1)
        sum_q = np.where(valid, w_q[None, :] ** 2, 0.0).sum(axis=1)
        shared = (block > 0) & valid
        sum_q_shared = np.where(shared, w_q[None, :] ** 2, 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            dot = np.where((sum_q > 0) & (sum_lib > 0), cross * cross / (sum_q * sum_lib), 0.0)
            reverse = np.where((sum_q_shared > 0) & (sum_lib > 0), cross * cross / (sum_q_shared * sum_lib), 0.0)
        dot = np.minimum(dot, 1.0)
        reverse = np.minimum(reverse, 1.0)
        ratio = _ratio_term(block, q_int, shared, p.ratio_power)
        n_query = valid.sum(axis=1).astype(float)
        n_shared = shared.sum(axis=1)
        weight = p.ratio_weight * n_shared
        with np.errstate(invalid="ignore", divide="ignore"):
            composite = np.where(n_query + weight > 0, (n_query * dot + weight * ratio) / (n_query + weight), 0.0)
        composite = np.where(n_shared > 0, composite, 0.0)
        return QueryScores(rows, composite, reverse, dot, n_shared)

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


def _ratio_term(block: np.ndarray, q_int: np.ndarray, shared: np.ndarray, power: float) -> np.ndarray:
    """Mean of min(R, 1/R) over consecutive shared peaks, per row (0 if < 2 shared)."""
    n, k = block.shape
    if k < 2 or n == 0:
        return np.zeros(n)
    idx = np.where(shared, np.arange(k)[None, :], -1)
    prev = np.maximum.accumulate(np.concatenate([np.full((n, 1), -1), idx[:, :-1]], axis=1), axis=1)
    pair = shared & (prev >= 0)
    prev_safe = np.maximum(prev, 0)
    rows = np.arange(n)[:, None]
    lib = block ** power
    qry = np.broadcast_to(q_int ** power, (n, k))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (lib * qry[rows, prev_safe]) / (lib[rows, prev_safe] * qry)
        r = np.where(pair, np.minimum(r, 1.0 / r), 0.0)
    count = pair.sum(axis=1)
    return np.where(count > 0, r.sum(axis=1) / np.maximum(count, 1), 0.0)


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


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Concatenation of arange(s, e) for each pair, vectorised."""
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return np.arange(total, dtype=np.int64) + offsets


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
    :func:`nps_id.ms.filters.prepare_ei_spectrum` does for a query).
    """
    offsets = np.asarray(offsets, dtype=np.int64)
    n = offsets.size - 1
    mz = np.asarray(mz, dtype=float)
    intensity = np.asarray(intensity, dtype=float)
    nominal = np.rint(mz - 0.00048 * mz).astype(np.int64)
    rows = np.repeat(np.arange(n), np.diff(offsets))
    keep = (nominal > 0) & (intensity > 0)
    rows, nominal, intensity = rows[keep], nominal[keep], intensity[keep]
    width = int(nominal.max()) + 1 if nominal.size else 1
    matrix = sp.csr_matrix((intensity, (rows, nominal)), shape=(n, width), dtype=np.float64)
    matrix.sum_duplicates()
    base = np.asarray(matrix.max(axis=1).todense()).ravel()
    scale = np.where(base > 0, 999.0 / np.where(base > 0, base, 1), 0.0)
    matrix = sp.diags(scale) @ matrix
    matrix = matrix.tocsr()
    if noise_threshold > 0:
        matrix.data[matrix.data < noise_threshold * 999.0] = 0.0
        matrix.eliminate_zeros()
    matrix.sort_indices()
    matrix.data = matrix.data.astype(np.float32)
    return matrix
