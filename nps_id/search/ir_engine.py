"""Exact IR library search: Pearson r on each pair's overlap, as matrix products.

The default IR similarity (:func:`nps_id.ir.similarity.pearson_overlap_batch`)
is Pearson r over the grid points both spectra cover.  Written out, it needs
six sums over the overlap; five of them depend on the library row only
through its *mask* (which grid points it covers), and libraries hold few
distinct masks (one per instrument range).  Rows are therefore grouped by
mask: per group and query the query-side sums are one small product, and a
row's own sums are precomputed unless the query does not cover the row's
range, in which case they are computed for those rows only.

A large library is not read whole per query: a provable upper bound of every
row's r from its coordinates on a few principal directions
(:mod:`nps_id.search.ir_bounds`) selects the rows that can still reach the
top ``k``; only those are scored.  The result is the same top ``k`` as scoring
every row (``exhaustive=True``), which is what the bound guarantees and the
tests check.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nps_id.ir.similarity import MIN_OVERLAP, MIN_OVERLAP_FRACTION
from nps_id.search.ir_bounds import Projection, fit_projection, query_terms
from nps_id.search.ir_kernels import block_prefix, projection_upper_bounds, run_sums
from nps_id.search.ms_kernels import overlap_pearson_top

#: Library rows per chunk of the matrix product.
_CHUNK_ROWS = 32768
#: Libraries smaller than this are scored whole (the bound would not pay).
PRUNE_MIN_ROWS = 20000
#: Rows scored first (highest bounds) to find a threshold for the rest.
_FIRST_ROWS = 512
#: Float32 rounding allowance of the bound (in units of r).
_MARGIN = 1e-4
_BLOCK = 32


@dataclass
class MaskGroups:
    """The distinct masks of a library and per-row sums over the row's own mask."""

    masks: np.ndarray        # (groups, grid) float32 0/1
    row_group: np.ndarray    # (rows,) int64
    row_sum: np.ndarray      # (rows,) float32: sum of the row's values
    row_sumsq: np.ndarray    # (rows,) float32: sum of squares
    row_count: np.ndarray    # (rows,) float32: points in the row's mask
    prefix: np.ndarray       # (rows, blocks+1, 2) float32 running sums of values and squares at block starts
    centred_norm: np.ndarray  # (rows,) the row's centred norm over its own mask

    @classmethod
    def of(cls, vectors: np.ndarray, masks: np.ndarray) -> "MaskGroups":
        packed = np.ascontiguousarray(np.packbits(np.asarray(masks, bool), axis=1))
        as_bytes = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()  # one value per row: fast unique
        _, first, inverse = np.unique(as_bytes, return_index=True, return_inverse=True)
        group_masks = np.unpackbits(packed[first], axis=1, count=masks.shape[1]).astype(np.float32)
        row_group = inverse.ravel().astype(np.int64)
        n = vectors.shape[0]
        blocks = -(-vectors.shape[1] // _BLOCK)  # the last block may be short: prefix[:, -1] is the total
        prefix = np.zeros((n, blocks + 1, 2), np.float32)  # interleaved: one cache line serves both
        row_sum, row_sumsq = np.empty(n), np.empty(n)
        block_prefix(np.ascontiguousarray(vectors, np.float32), _BLOCK, prefix, row_sum, row_sumsq)
        row_sum, row_sumsq = row_sum.astype(np.float32), row_sumsq.astype(np.float32)
        row_count = group_masks.sum(axis=1)[row_group]
        spread = row_sumsq.astype(np.float64) - row_sum.astype(np.float64) ** 2 / np.maximum(row_count, 1)
        return cls(group_masks, row_group, row_sum, row_sumsq, row_count, prefix,
                   np.sqrt(np.maximum(spread, 0.0)))


def mask_groups(index) -> MaskGroups:
    """The (cached) mask groups of an IR index."""
    groups = getattr(index, "_mask_groups", None)
    if groups is None:
        groups = MaskGroups.of(index.vectors, index.masks)
        index._mask_groups = groups
    return groups


def ir_projection(index) -> Projection:
    """The index's projection on its leading principal directions (fitted once, then kept)."""
    projection = getattr(index, "projection", None)
    if projection is not None and projection.size < index.size:  # rows were added: same directions
        projection = projection.extended(index.vectors[projection.size:])
    elif projection is None or projection.size != index.size:
        projection = fit_projection(index.vectors)
    index.projection = projection
    return projection


def score_ir_batch(index, query_vectors: np.ndarray, query_masks: np.ndarray | None = None,
                   top: int = 10, exhaustive: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Top-``top`` library rows and Pearson-on-overlap scores for each query.

    Rows whose overlap with the query is too short (fewer than 50 points or
    than half of the shorter spectrum) are never hits.  Ties are broken by
    library order.  ``exhaustive=True`` scores every row; ``False`` prunes
    with a bound that cannot drop a top-``top`` row, so both give the same
    result; ``None`` prunes libraries of at least :data:`PRUNE_MIN_ROWS` rows.
    Returns ``(rows, scores)`` of shape ``(n_queries, min(top, n_library))``;
    unusable slots have score ``-inf``.
    """
    q = np.atleast_2d(np.asarray(query_vectors, dtype=np.float32))
    if query_masks is None:
        query_masks = np.ones(q.shape, bool)
    query_masks = np.atleast_2d(np.asarray(query_masks, bool))
    q = q * query_masks
    n = index.size
    k = min(top, n)
    if n == 0 or k == 0:
        return np.zeros((q.shape[0], 0), np.int64), np.zeros((q.shape[0], 0))
    groups = mask_groups(index)
    if exhaustive or (exhaustive is None and n < PRUNE_MIN_ROWS):
        return _score_rows(index, groups, q, query_masks, None, k)
    projection = ir_projection(index)
    best_rows = np.empty((q.shape[0], k), np.int64)
    best_scores = np.empty((q.shape[0], k))
    for j in range(q.shape[0]):
        best_rows[j], best_scores[j] = _pruned_search(index, groups, projection, q[j], query_masks[j], k)
    return best_rows, best_scores


def _pruned_search(index, groups: MaskGroups, projection: Projection, query: np.ndarray,
                   query_mask: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """One query: bound every row, score the rows whose bound reaches the k-th best score."""
    bounds = _Bounds(index, groups, projection, query, query_mask)
    upper = bounds.upper
    q, qm = query[None, :], query_mask[None, :]
    first = min(max(_FIRST_ROWS, 4 * k), upper.size)
    head = np.argpartition(-upper, first - 1)[:first] if first < upper.size else np.arange(upper.size)
    _, scores = _score_rows(index, groups, q, qm, np.sort(head), k)
    threshold = scores[0, -1]  # the k-th best exact score so far: rows bounded below it cannot be hits
    candidates = np.nonzero(upper >= threshold)[0] if np.isfinite(threshold) else np.nonzero(upper > -np.inf)[0]
    candidates = bounds.refined(candidates, threshold)
    if candidates.size > upper.size // 4:  # the bound does not prune this query: read every row
        return tuple(a[0] for a in _score_rows(index, groups, q, qm, None, k))
    rows, scores = _score_rows(index, groups, q, qm, candidates, k)
    return rows[0], scores[0]


class _Bounds:
    """Upper bounds of every row's Pearson r with one query (-inf: the overlap is too short).

    Rows whose range the query covers get the tight bound at once; for the
    others the row's spread on the overlap is first bounded from block sums,
    and computed exactly (:meth:`refined`) only for rows that bound cannot rule out.
    """

    def __init__(self, index, groups: MaskGroups, projection: Projection, query: np.ndarray,
                 query_mask: np.ndarray):
        self.index, self.groups, self.query_mask = index, groups, query_mask
        n_groups = groups.masks.shape[0]
        run_ptr, run_lo, run_hi, energy_ptr, energy_block = [0], [], [], [0], []
        extra = np.zeros(n_groups)
        blocks = groups.prefix.shape[1] - 1
        self.runs: dict[int, list[tuple[int, int]]] = {}
        row_masks = groups.masks > 0
        overlaps = row_masks & query_mask[None, :]
        counts = overlaps.sum(axis=1).astype(float)
        usable = (counts >= MIN_OVERLAP) & (
            counts >= MIN_OVERLAP_FRACTION * np.minimum(float(query_mask.sum()), row_masks.sum(axis=1)))
        group_coords, group_residual, _ = query_terms(projection.basis, query, overlaps)
        group_count = np.where(usable, counts, 1.0)
        for g in range(n_groups):
            row_mask, overlap = row_masks[g], overlaps[g]
            if usable[g]:
                runs = _runs(row_mask & ~query_mask)
                if runs:
                    self.runs[g] = runs
                    widened, swept, extra[g] = _widened(runs, overlap, blocks)
                    run_lo.extend(lo for lo, _ in widened)
                    run_hi.extend(hi for _, hi in widened)
                    energy_block.extend(swept)
            run_ptr.append(len(run_lo))
            energy_ptr.append(len(energy_block))
        self.group_count = group_count
        self.numerator = np.empty(projection.size)
        self.upper = np.empty(projection.size)
        projection_upper_bounds(projection.coords, projection.residual, projection.norm, groups.row_group,
                                groups.row_sum, groups.row_sumsq, groups.centred_norm, groups.prefix,
                                group_coords.astype(np.float32), group_residual, usable, group_count,
                                np.asarray(run_ptr, np.int64), np.asarray(run_lo, np.int64),
                                np.asarray(run_hi, np.int64), np.asarray(energy_ptr, np.int64),
                                np.asarray(energy_block, np.int64), extra, _MARGIN, self.numerator, self.upper)

    def refined(self, rows: np.ndarray, threshold: float) -> np.ndarray:
        """``rows`` less those whose bound, with their exact spread on the overlap, is below ``threshold``."""
        if not self.runs or not np.isfinite(threshold):
            return rows
        groups = self.groups
        keep = np.ones(rows.size, bool)
        row_group = groups.row_group[rows]
        for g, runs in self.runs.items():
            at = np.nonzero(row_group == g)[0]
            if at.size == 0:
                continue
            members = rows[at]
            lost, lost_sq = _run_sums(self.index, groups, members, runs)
            kept = groups.row_sum[members] - lost
            kept_sq = groups.row_sumsq[members] - lost_sq
            spread = np.sqrt(np.maximum(kept_sq - kept * kept / self.group_count[g], 0.0))
            top = self.numerator[members]
            with np.errstate(divide="ignore", invalid="ignore"):
                upper = np.where(top <= 0, _MARGIN, top / spread + _MARGIN)
            upper = np.where(spread <= 1e-6 * np.sqrt(groups.row_sumsq[members].astype(np.float64)),
                             1.0 + _MARGIN, upper)
            keep[at] = upper >= threshold
        return rows[keep]


def _widened(runs: list[tuple[int, int]], overlap: np.ndarray, blocks: int
             ) -> tuple[list[tuple[int, int]], np.ndarray, int]:
    """The uncovered runs widened to whole blocks: block runs, the blocks holding overlap points swept
    in with them, and how many such points."""
    widened = np.zeros(blocks, bool)
    for a, b in runs:
        widened[a // _BLOCK:-(-b // _BLOCK)] = True
    padded = np.zeros(blocks * _BLOCK, bool)
    padded[:overlap.size] = overlap
    per_block = padded.reshape(blocks, _BLOCK)
    swept = np.nonzero(widened & per_block.any(axis=1))[0]
    return _runs(widened), swept, int(per_block[widened].sum())


def _score_rows(index, groups: MaskGroups, q: np.ndarray, query_masks: np.ndarray, rows: np.ndarray | None,
                k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k of the given rows (ascending; None: all rows) for each query."""
    qm = query_masks.astype(np.float32)
    overlap = groups.masks @ qm.T                 # (groups, queries)
    sum_q = groups.masks @ q.T
    sum_qq = groups.masks @ (q * q).T
    query_count = qm.sum(axis=1)
    query_classes = _mask_classes(query_masks)
    best_rows = np.full((q.shape[0], k), -1, np.int64)
    best_scores = np.full((q.shape[0], k), -np.inf)
    total = index.size if rows is None else rows.size
    for start in range(0, total, _CHUNK_ROWS):
        if rows is None:
            chunk_rows = np.arange(start, min(start + _CHUNK_ROWS, total))
            lib = np.asarray(index.vectors[start:start + _CHUNK_ROWS], np.float32)
        else:
            chunk_rows = rows[start:start + _CHUNK_ROWS]
            lib = np.asarray(index.vectors[chunk_rows], np.float32)
        g = groups.row_group[chunk_rows]
        cross = lib @ q.T                          # (rows, queries): the one big product
        corr = _uncovered_sums(index, groups, chunk_rows, g, query_classes)
        has_corr = corr is not None
        corr_l, corr_ll = corr if has_corr else (np.zeros((1, 1)), np.zeros((1, 1)))
        # the kernel numbers rows from ``start``; mapped back to library rows below
        overlap_pearson_top(cross, g, overlap, sum_q, sum_qq, groups.row_sum[chunk_rows],
                            groups.row_sumsq[chunk_rows], has_corr, corr_l, corr_ll, query_count,
                            groups.row_count[chunk_rows], float(MIN_OVERLAP), float(MIN_OVERLAP_FRACTION),
                            start, best_scores, best_rows)
    if rows is not None:
        best_rows = np.where(best_rows >= 0, rows[np.maximum(best_rows, 0)], -1)
    return best_rows, best_scores


def _mask_classes(query_masks: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Distinct query masks: [(mask, indices of the queries that have it)]."""
    packed = np.ascontiguousarray(np.packbits(np.asarray(query_masks, bool), axis=1))
    as_bytes = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, inverse = np.unique(as_bytes, return_index=True, return_inverse=True)
    return [(np.asarray(query_masks[f], bool), np.nonzero(inverse.ravel() == i)[0]) for i, f in enumerate(first)]


def _uncovered_sums(index, groups: MaskGroups, rows: np.ndarray, row_group: np.ndarray,
                    query_classes: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray] | None:
    """Sums (and sums of squares) of each row over the points it covers and a query does not.

    Those points form a few runs of grid columns, summed from running sums
    kept at every 32nd column (:func:`_run_sums`), so a query shorter than
    the library spectra costs little more.  Returns None when every query
    covers every row of the chunk.
    """
    corr_l = corr_ll = None
    for g in np.unique(row_group):
        row_mask = groups.masks[g] > 0
        members = None
        for query_mask, queries in query_classes:
            runs = _runs(row_mask & ~query_mask)
            if not runs:
                continue
            if members is None:
                members = np.nonzero(row_group == g)[0]
            if corr_l is None:
                corr_l = np.zeros((rows.size, sum(len(m) for _, m in query_classes)))
                corr_ll = np.zeros_like(corr_l)
            total, total_sq = _run_sums(index, groups, rows[members], runs)
            corr_l[np.ix_(members, queries)] = total[:, None]
            corr_ll[np.ix_(members, queries)] = total_sq[:, None]
    return None if corr_l is None else (corr_l, corr_ll)


def _run_sums(index, groups: MaskGroups, rows: np.ndarray,
              runs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Sum of values (and squares) of each library row in ``rows`` over the column runs."""
    total, total_sq = np.zeros(rows.size), np.zeros(rows.size)
    starts = np.array([a for a, _ in runs], np.int64)
    stops = np.array([b for _, b in runs], np.int64)
    run_sums(index.vectors, groups.prefix, np.asarray(rows, np.int64), starts, stops,
             _BLOCK, total, total_sq)
    return total, total_sq


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, stop) of each run of True."""
    if not mask.any():
        return []
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]))
