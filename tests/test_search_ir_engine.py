"""The IR search scores every library spectrum exactly as the default IR similarity defines it."""
from __future__ import annotations

import numpy as np

from nps_id.io import read_spectra
from nps_id.ir.pipeline import ir_search_vector
from nps_id.ir.similarity import pearson_overlap_batch
from nps_id.search.index_cache import IRIndex
from nps_id.search.ir_engine import score_ir_batch


def _reference_top(reference: np.ndarray, top: int) -> np.ndarray:
    scores = np.where(np.isnan(reference), -np.inf, reference)
    return np.lexsort((np.arange(scores.size), -scores))[:top]


def test_grouped_scores_equal_pearson_on_the_overlap(shared_data):
    files = sorted((shared_data / "ir").glob("*/*.csv"))[::3]
    vectors, masks = zip(*(ir_search_vector(read_spectra(f)[0]) for f in files))
    vectors, masks = np.vstack(vectors).astype(np.float32), np.vstack(masks)
    index = IRIndex(np.arange(len(files)), vectors, masks)
    # queries: the library's own spectra, cut to a shorter range (a partial overlap)
    queries, query_masks = vectors[:8].copy(), masks[:8].copy()
    query_masks[:4, :600] = False
    queries[~query_masks] = 0.0
    rows, scores = score_ir_batch(index, queries, query_masks, top=5)
    reference = pearson_overlap_batch(queries, query_masks, vectors, masks)
    for j in range(len(queries)):
        expected = _reference_top(reference[:, j], 5)
        np.testing.assert_allclose(scores[j], reference[expected, j], atol=1e-5)
        # same rows, except where two library spectra tie to float32 precision (duplicates)
        column = np.nan_to_num(reference[:, j], nan=-np.inf)
        distinct = np.array([np.sum(np.abs(column - value) < 1e-5) == 1 for value in scores[j]])
        assert list(rows[j][distinct]) == list(expected[distinct])
    assert (rows[4:, 0] == np.arange(4, 8)).all()  # unchanged spectra find themselves
