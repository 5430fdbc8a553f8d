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
from nps_id.search.ms_kernels import overlap_pearson_top

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
    prefix: np.ndarray | None = None     # (rows, blocks+1) running sum of values at block starts
    prefix_sq: np.ndarray | None = None  # (rows, blocks+1) the same for squared values

    @classmethod
    def of(cls, vectors: np.ndarray, masks: np.ndarray) -> "MaskGroups":
        packed = np.ascontiguousarray(np.packbits(np.asarray(masks, bool), axis=1))
        as_bytes = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()  # one value per row: fast unique
        _, first, inverse = np.unique(as_bytes, return_index=True, return_inverse=True)
        group_masks = np.unpackbits(packed[first], axis=1, count=masks.shape[1]).astype(np.float32)
        values = np.asarray(vectors, np.float32)
        prefix, prefix_sq = _block_prefix(values)
        return cls(group_masks, inverse.ravel(), values.sum(axis=1), np.einsum("ij,ij->i", values, values),
                   group_masks.sum(axis=1)[inverse.ravel()], prefix, prefix_sq)


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
    best_rows = np.full((q.shape[0], k), -1, np.int64)
    best_scores = np.full((q.shape[0], k), -np.inf)
    for start in range(0, n, _CHUNK_ROWS):
        lib = np.asarray(index.vectors[start:start + _CHUNK_ROWS], np.float32)
        g = groups.row_group[start:start + lib.shape[0]].astype(np.int64)
        cross = lib @ q.T                          # (rows, queries): the one big product
        corr = _uncovered_sums(lib, g, groups, query_classes, start)
        has_corr = corr is not None
        corr_l, corr_ll = corr if has_corr else (np.zeros((1, 1)), np.zeros((1, 1)))
        overlap_pearson_top(cross, g, overlap, sum_q, sum_qq,
                            groups.row_sum[start:start + lib.shape[0]], groups.row_sumsq[start:start + lib.shape[0]],
                            has_corr, corr_l, corr_ll, query_count.ravel(),
                            groups.row_count[start:start + lib.shape[0]],
                            float(MIN_OVERLAP), float(MIN_OVERLAP_FRACTION), start, best_scores, best_rows)
    return best_rows, best_scores


def _mask_classes(query_masks: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Distinct query masks: [(mask, indices of the queries that have it)]."""
    packed = np.ascontiguousarray(np.packbits(np.asarray(query_masks, bool), axis=1))
    as_bytes = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, inverse = np.unique(as_bytes, return_index=True, return_inverse=True)
    return [(np.asarray(query_masks[f], bool), np.nonzero(inverse.ravel() == i)[0]) for i, f in enumerate(first)]


def _uncovered_sums(lib: np.ndarray, row_group: np.ndarray, groups: MaskGroups,
                    query_classes: list[tuple[np.ndarray, np.ndarray]],
                    start: int = 0) -> tuple[np.ndarray, np.ndarray] | None:
    """Sums (and sums of squares) of each row over the points it covers and a query does not.

    Those points form a few runs of grid columns; the sum over a run comes from
    running sums kept at every 32nd column plus at most 31 columns read at
    each end, so a query shorter than the library spectra costs little more.
    Returns None when every query covers every row of the chunk.
    """
    corr_l = corr_ll = None
    for g in np.unique(row_group):
        row_mask = groups.masks[g] > 0
        rows = None
        for query_mask, queries in query_classes:
            runs = _runs(row_mask & ~query_mask)
            if not runs:
                continue
            if rows is None:
                rows = np.nonzero(row_group == g)[0]
            if corr_l is None:
                corr_l = np.zeros((lib.shape[0], sum(len(members) for _, members in query_classes)))
                corr_ll = np.zeros_like(corr_l)
            total = np.zeros(rows.size)
            total_sq = np.zeros(rows.size)
            for a, b in runs:
                lo, lo_sq = _running_sum(lib, groups, rows, start, a)
                hi, hi_sq = _running_sum(lib, groups, rows, start, b)
                total += hi - lo
                total_sq += hi_sq - lo_sq
            corr_l[np.ix_(rows, queries)] = total[:, None]
            corr_ll[np.ix_(rows, queries)] = total_sq[:, None]
    return None if corr_l is None else (corr_l, corr_ll)


_BLOCK = 32


def _block_prefix(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n, d = values.shape
    blocks = d // _BLOCK
    body = values[:, :blocks * _BLOCK].reshape(n, blocks, _BLOCK).astype(np.float64)
    prefix = np.zeros((n, blocks + 1))
    prefix_sq = np.zeros((n, blocks + 1))
    np.cumsum(body.sum(axis=2), axis=1, out=prefix[:, 1:])
    np.cumsum((body * body).sum(axis=2), axis=1, out=prefix_sq[:, 1:])
    return prefix, prefix_sq


def _running_sum(lib: np.ndarray, groups: MaskGroups, rows: np.ndarray, start: int,
                 column: int) -> tuple[np.ndarray, np.ndarray]:
    """Sum of values (and squares) of columns < ``column`` for chunk rows ``rows``."""
    block = min(column // _BLOCK, groups.prefix.shape[1] - 1)
    base = block * _BLOCK
    whole = groups.prefix[start + rows, block]
    whole_sq = groups.prefix_sq[start + rows, block]
    if column > base:
        tail = lib[rows, base:column].astype(np.float64)
        whole = whole + tail.sum(axis=1)
        whole_sq = whole_sq + np.einsum("ij,ij->i", tail, tail)
    return whole, whole_sq


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, stop) of each run of True."""
    if not mask.any():
        return []
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]))
