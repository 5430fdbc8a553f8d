"""The IR search scores every library spectrum exactly as the default IR similarity defines it."""
from __future__ import annotations

import numpy as np
import pytest

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


@pytest.fixture(scope="module")
def real_vectors(shared_data):
    files = sorted((shared_data / "ir").glob("*/*.csv"))[::3]
    vectors, masks = zip(*(ir_search_vector(read_spectra(f)[0]) for f in files))
    return np.vstack(vectors), np.vstack(masks)


def _jittered_library(real_vectors, rows_per_spectrum: int = 40, seed: int = 7):
    """Real search vectors, each repeated with noise and a baseline tilt; some rows on a shorter range."""
    base, base_masks = real_vectors
    rng = np.random.default_rng(seed)
    source = np.repeat(np.arange(len(base)), rows_per_spectrum)
    lib_masks = base_masks[source].copy()
    cut = rng.random(source.size) < 0.3  # instruments with a shorter range
    lib_masks[cut, :rng.integers(50, 300)] = False
    ramp = np.linspace(-1, 1, base.shape[1])
    lib = base[source] + 0.03 * rng.normal(size=(source.size, base.shape[1])) + rng.normal(size=(source.size, 1)) * ramp * 0.02
    lib = np.where(lib_masks, lib, 0.0)
    lib[5] = lib[4]  # an exact duplicate: ties must fall in library order
    lib_masks[5] = lib_masks[4]
    return base.astype(np.float32), base_masks, IRIndex(np.arange(source.size), lib.astype(np.float32), lib_masks)


def test_pruned_search_returns_the_exhaustive_top_k(real_vectors):
    base, base_masks, index = _jittered_library(real_vectors)
    rng = np.random.default_rng(3)
    queries = base + 0.05 * rng.normal(size=base.shape).astype(np.float32)
    query_masks = base_masks.copy()
    query_masks[::3, :400] = False     # queries shorter than the library rows
    query_masks[1::3, -200:] = False
    queries = np.where(query_masks, queries, 0.0)
    for top in (1, 10, 60):
        pruned_rows, pruned_scores = score_ir_batch(index, queries, query_masks, top=top, exhaustive=False)
        full_rows, full_scores = score_ir_batch(index, queries, query_masks, top=top, exhaustive=True)
        np.testing.assert_array_equal(pruned_rows, full_rows)
        # one query at a time vs a batched matrix product: equal to float32 rounding
        np.testing.assert_allclose(pruned_scores, full_scores, rtol=0, atol=1e-6)
    assert list(score_ir_batch(index, index.vectors[4], index.masks[4], top=2, exhaustive=False)[0][0]) == [4, 5]


def test_projection_bound_is_never_below_a_rows_score(real_vectors):
    """The guarantee the pruning rests on, row by row (a test that fails if a bound is too tight)."""
    from nps_id.search.ir_engine import _Bounds, ir_projection, mask_groups

    base, base_masks, index = _jittered_library(real_vectors, rows_per_spectrum=10, seed=11)
    groups, projection = mask_groups(index), ir_projection(index)
    query_mask = base_masks[0].copy()
    query_mask[:350] = False
    query = np.where(query_mask, base[0], 0.0).astype(np.float32)
    bounds = _Bounds(index, groups, projection, query, query_mask)
    exact = pearson_overlap_batch(query[None, :], query_mask[None, :], index.vectors, index.masks)[:, 0]
    usable = np.isfinite(exact)
    assert usable.sum() > 0.9 * usable.size
    assert np.all(bounds.upper[usable] >= exact[usable] - 1e-6)
    assert np.all(np.isneginf(bounds.upper[~usable]))
    every_row = np.arange(index.size)
    refined = bounds.refined(every_row, 0.9)
    assert set(np.nonzero(exact >= 0.9)[0]) <= set(refined)
    assert refined.size < index.size  # the bound prunes


def test_projection_is_saved_with_the_index_and_extended_on_growth(shared_data, tmp_path, monkeypatch):
    from nps_id.library import open_library
    from nps_id.search import index_cache, ir_engine
    from nps_id.search.index_cache import ir_index

    monkeypatch.setattr(ir_engine, "PRUNE_MIN_ROWS", 3)  # prune this small library as if it were large
    files = sorted((shared_data / "ir").glob("*/*.csv"))[:12]
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        library.import_files(files[:8])
        index = ir_index(library)
        assert index.projection is not None and index.projection.size == index.size == 8
        basis = index.projection.basis.copy()
        index_cache._memory.clear()
        reloaded = ir_index(library)  # from the file beside the library
        np.testing.assert_array_equal(reloaded.projection.coords, index.projection.coords)
        library.import_files(files[8:])
        index_cache._memory.clear()
        grown = ir_index(library)
        assert grown.size == grown.projection.size == 12
        np.testing.assert_array_equal(grown.projection.basis, basis)  # same directions, new rows projected
        queries, masks = grown.vectors[[0, 9]], grown.masks[[0, 9]]
        pruned = score_ir_batch(grown, queries, masks, top=5)
        full = score_ir_batch(grown, queries, masks, top=5, exhaustive=True)
        np.testing.assert_array_equal(pruned[0], full[0])
        assert list(pruned[0][:, 0]) == [0, 9]


def test_import_builds_the_index_and_worker_processes_vectorise_like_one(shared_data, tmp_path, monkeypatch):
    from nps_id.cli import main
    from nps_id.library import open_library
    from nps_id.search import index_cache

    files = sorted((shared_data / "ir").glob("*/*.csv"))[:10]
    library_path = tmp_path / "lib.sqlite"
    assert main(["library", "import", "--library", str(library_path), *map(str, files)]) == 0
    saved = list((tmp_path / "lib.sqlite.nps-index").glob("ir-*.npz"))
    assert len(saved) == 1  # built by the import, before any search
    with open_library(library_path) as library:
        serial = index_cache._vectorise_library(library, 0, 10, None)
        monkeypatch.setattr(index_cache, "_VECTORISE_CHUNK", 2)  # 5 chunks over spawned worker processes
        monkeypatch.setattr(index_cache.os, "cpu_count", lambda: 2)
        seen = []
        pooled = index_cache._vectorise_library(library, 0, 10, lambda done, total: seen.append((done, total)),
                                                workers=2)
    for a, b in zip(serial, pooled):
        np.testing.assert_array_equal(a, b)
    assert seen[-1] == (10, 10) and len(seen) == 5
