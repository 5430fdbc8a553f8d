"""Exact IR library search: Pearson r on each pair's overlap, as matrix products.

The default IR similarity (:func:`nps_id.ir.similarity.pearson_overlap_batch`)
is Pearson r over the grid points both spectra cover.  Written out, it needs
six sums over the overlap; five of them depend on the library row only
through its *mask* (which grid points it covers), and libraries hold few
distinct masks (one per instrument range).  Rows are therefore grouped by
mask: per group and query the query-side sums are one small product, and a
row's own sums are precomputed unless the query does not cover the row's
range, in which case they are computed for those rows only.  The result is
the same r for every pair (no candidate is skipped), for about the cost of the
plain ``V @ Q.T`` when ranges match.  Queries are scored in batches (a BLAS
matrix-matrix product), library rows in chunks so memory stays bounded.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nps_id.ir.similarity import MIN_OVERLAP, MIN_OVERLAP_FRACTION

#: Library rows per chunk of the matrix product.
_CHUNK_ROWS = 32768


@dataclass
class MaskGroups:
    """The distinct masks of a library and per-row sums over the row's own mask."""

    masks: np.ndarray       # (groups, grid) float32 0/1
    row_group: np.ndarray   # (rows,) int
    row_sum: np.ndarray     # (rows,) float32: sum of the row's values
    row_sumsq: np.ndarray   # (rows,) float32: sum of squares
    row_count: np.ndarray   # (rows,) float32: points in the row's mask

    @classmethod
    def of(cls, vectors: np.ndarray, masks: np.ndarray) -> "MaskGroups":
        packed = np.ascontiguousarray(np.packbits(np.asarray(masks, bool), axis=1))
        as_bytes = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()  # one value per row: fast unique
        _, first, inverse = np.unique(as_bytes, return_index=True, return_inverse=True)
        group_masks = np.unpackbits(packed[first], axis=1, count=masks.shape[1]).astype(np.float32)
        values = np.asarray(vectors, np.float32)
        return cls(group_masks, inverse.ravel(), values.sum(axis=1), np.einsum("ij,ij->i", values, values),
                   group_masks.sum(axis=1)[inverse.ravel()])


def mask_groups(index) -> MaskGroups:
    """The (cached) mask groups of an IR index."""
    groups = getattr(index, "_mask_groups", None)
    if groups is None:
        groups = MaskGroups.of(index.vectors, index.masks)
        index._mask_groups = groups
    return groups


def score_ir_batch(index, query_vectors: np.ndarray, query_masks: np.ndarray | None = None,
                   top: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Top-``top`` library rows and Pearson-on-overlap scores for each query.

    Rows whose overlap with the query is too short (fewer than 50 points or
    than half of the shorter spectrum) are never hits.  Ties are broken by
    library order.  Returns ``(rows, scores)`` of shape
    ``(n_queries, min(top, n_library))``; unusable slots have score ``-inf``.
    """
    q = np.atleast_2d(np.asarray(query_vectors, dtype=np.float32))
    if query_masks is None:
        query_masks = np.ones(q.shape, bool)
    qm = np.atleast_2d(np.asarray(query_masks)).astype(np.float32)
    q = q * qm
    n = index.size
    k = min(top, n)
    if n == 0 or k == 0:
        return np.zeros((q.shape[0], 0), np.int64), np.zeros((q.shape[0], 0))
    groups = mask_groups(index)
    overlap = groups.masks @ qm.T                 # (groups, queries)
    sum_q = groups.masks @ q.T
    sum_qq = groups.masks @ (q * q).T
    query_count = qm.sum(axis=1)[None, :]
    query_classes = _mask_classes(query_masks)
    best_rows = np.zeros((q.shape[0], 0), np.int64)
    best_scores = np.zeros((q.shape[0], 0))
    for start in range(0, n, _CHUNK_ROWS):
        lib = np.asarray(index.vectors[start:start + _CHUNK_ROWS], np.float32)
        g = groups.row_group[start:start + lib.shape[0]]
        cross = lib @ q.T                          # (rows, queries)
        n_o = overlap[g]
        s_q, s_qq = sum_q[g], sum_qq[g]
        s_l = np.repeat(groups.row_sum[start:start + lib.shape[0], None], q.shape[0], axis=1)
        s_ll = np.repeat(groups.row_sumsq[start:start + lib.shape[0], None], q.shape[0], axis=1)
        _subtract_uncovered(lib, g, groups, query_classes, s_l, s_ll)
        cov = n_o * cross - s_l * s_q
        var = (n_o * s_ll - s_l ** 2) * (n_o * s_qq - s_q ** 2)
        with np.errstate(invalid="ignore", divide="ignore"):
            r = np.where(var > 0, cov / np.sqrt(np.clip(var, np.finfo(np.float32).tiny, None)), 0.0)
        r = np.clip(r, -1.0, 1.0).astype(float)
        shorter = np.minimum(query_count, groups.row_count[start:start + lib.shape[0], None])
        r[(n_o < MIN_OVERLAP) | (n_o < MIN_OVERLAP_FRACTION * shorter)] = -np.inf
        scores_t = r.T                             # (queries, rows)
        kk = min(k, scores_t.shape[1])
        part = (np.argpartition(-scores_t, kk - 1, axis=1)[:, :kk] if kk < scores_t.shape[1]
                else np.tile(np.arange(scores_t.shape[1]), (scores_t.shape[0], 1)))
        rows = np.concatenate([best_rows, part + start], axis=1)
        scores = np.concatenate([best_scores, np.take_along_axis(scores_t, part, axis=1)], axis=1)
        order = np.lexsort((rows, -scores), axis=1)[:, :k]
        best_rows = np.take_along_axis(rows, order, axis=1)
        best_scores = np.take_along_axis(scores, order, axis=1)
    return best_rows, best_scores


def _mask_classes(query_masks: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Distinct query masks: [(mask, indices of the queries that have it)]."""
    packed = np.ascontiguousarray(np.packbits(np.asarray(query_masks, bool), axis=1))
    as_bytes = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, inverse = np.unique(as_bytes, return_index=True, return_inverse=True)
    return [(np.asarray(query_masks[f], bool), np.nonzero(inverse.ravel() == i)[0]) for i, f in enumerate(first)]


def _subtract_uncovered(lib: np.ndarray, row_group: np.ndarray, groups: MaskGroups,
                        query_classes: list[tuple[np.ndarray, np.ndarray]],
                        s_l: np.ndarray, s_ll: np.ndarray) -> None:
    """Remove from the rows' own sums the points they cover and a query does not.

    Only those few grid columns are read (the rest of the overlap sums come
    precomputed), so a query shorter than the library spectra costs little more.
    """
    present = np.unique(row_group)
    for g in present:
        row_mask = groups.masks[g] > 0
        rows = None
        for query_mask, queries in query_classes:
            missing = np.nonzero(row_mask & ~query_mask)[0]
            if missing.size == 0:
                continue
            if rows is None:
                rows = np.nonzero(row_group == g)[0]
            values = lib[np.ix_(rows, missing)]
            s_l[np.ix_(rows, queries)] -= values.sum(axis=1)[:, None]
            s_ll[np.ix_(rows, queries)] -= np.einsum("ij,ij->i", values, values)[:, None]
