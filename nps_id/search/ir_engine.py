"""Exact IR library search: one matrix product for a batch of queries.

With the default IR pipeline every library spectrum and query is a
mean-centred, unit-norm vector on a common grid, so the Pearson similarity of
all pairs is ``V @ Q.T``.  Queries are scored in batches (a BLAS matrix-matrix
product uses both cores and the cache far better than one product per query),
library rows in chunks so memory stays bounded.
"""
from __future__ import annotations

import numpy as np

#: Library rows per chunk of the matrix product.
_CHUNK_ROWS = 65536


def score_ir_batch(index, query_vectors: np.ndarray, top: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Top-``top`` rows and scores for each query vector (rows of ``query_vectors``).

    Ties are broken by library order, exactly as a full sort would.  Returns
    ``(rows, scores)``, each of shape ``(n_queries, min(top, n_library))``.
    """
    queries = np.atleast_2d(np.asarray(query_vectors, dtype=np.float32))
    n = index.size
    k = min(top, n)
    if n == 0 or k == 0:
        return np.zeros((queries.shape[0], 0), np.int64), np.zeros((queries.shape[0], 0))
    best_rows = np.zeros((queries.shape[0], 0), np.int64)
    best_scores = np.zeros((queries.shape[0], 0), np.float32)
    for start in range(0, n, _CHUNK_ROWS):
        block = index.vectors[start:start + _CHUNK_ROWS] @ queries.T  # (rows, queries)
        block = block.T
        kk = min(k, block.shape[1])
        part = np.argpartition(-block, kk - 1, axis=1)[:, :kk] if kk < block.shape[1] else \
            np.tile(np.arange(block.shape[1]), (block.shape[0], 1))
        rows = np.concatenate([best_rows, part + start], axis=1)
        scores = np.concatenate([best_scores, np.take_along_axis(block, part, axis=1)], axis=1)
        # keep the k best, ties by row (library order): include everything tied with the k-th
        order = np.lexsort((rows, -scores), axis=1)[:, :k]
        best_rows = np.take_along_axis(rows, order, axis=1)
        best_scores = np.take_along_axis(scores, order, axis=1)
    return best_rows, best_scores.astype(float)
