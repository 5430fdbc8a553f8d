"""IR search vectors and a small degraded-spectrum search over the real shared spectra."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from nps_id.io import read_spectra
from nps_id.ir.pipeline import (
    DEFAULT_IR_PIPELINE, DEFAULT_IR_SIMILARITY, IR_GRID, apply_pipeline, ir_search_matrix, ir_search_vector,
    ir_similarity_scores,
)
from nps_id.ir.preprocess import CO2_REGION

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "ir_identification.py"


@pytest.fixture(scope="module")
def bench(shared_data):
    spec = importlib.util.spec_from_file_location("ir_identification_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def items(bench):
    # every 2nd of the 121 spectra keeps the test to a few seconds; still 50+ compounds
    return bench.load_items(step=2)


def test_search_vector_grid_mask_and_norm(shared_data):
    s = read_spectra(shared_data / "ir" / "cos_shimadzu_stackIR/caffeine.csv")[0]  # 800-4000 cm-1
    vec, mask = ir_search_vector(s)
    assert vec.shape == mask.shape == IR_GRID.shape
    assert IR_GRID[0] == 650 and IR_GRID[-1] == 4000 and np.all(np.diff(IR_GRID) == 2)
    assert not mask[IR_GRID < 800].any() and np.all(vec[~mask] == 0)
    assert not mask[(IR_GRID >= CO2_REGION[0]) & (IR_GRID <= CO2_REGION[1])].any()
    assert vec @ vec == pytest.approx(1.0) and vec[mask].mean() == pytest.approx(0.0, abs=1e-12)
    recipe = [step.name for step in apply_pipeline(s).recipe]
    assert recipe == [name for name, _ in DEFAULT_IR_PIPELINE]


def test_dot_equals_pearson_when_coverage_is_equal(shared_data):
    a = read_spectra(shared_data / "ir" / "nrcan_plotftir_atr/polystyrene.csv")[0]
    b = read_spectra(shared_data / "ir" / "nrcan_plotftir_atr/toluene.csv")[0]
    va, ma = ir_search_vector(a)
    vb, mb = ir_search_vector(b)
    assert (ma == mb).all()
    matrix = np.array([va, vb])
    dot = ir_similarity_scores(va, matrix)
    overlap = ir_similarity_scores(va, matrix, "pearson_overlap", ma, np.array([ma, mb]))
    np.testing.assert_allclose(dot, overlap, atol=1e-9)
    assert dot[0] == pytest.approx(1.0) and dot[1] < 0.5


def test_partial_coverage_is_compared_on_the_overlap(shared_data):
    """A query cut to 650-1800 cm-1 still scores r = 1 against its own full spectrum."""
    s = read_spectra(shared_data / "ir" / "nrcan_plotftir_atr/polystyrene.csv")[0]
    other = read_spectra(shared_data / "ir" / "nrcan_plotftir_atr/toluene.csv")[0]
    cut = s.processed("cut", {}, x=s.x[s.x <= 1800], y=s.y[s.x <= 1800])
    matrix, masks = ir_search_matrix([s, other])
    q, qm = ir_search_vector(cut)
    assert qm.sum() < 0.4 * masks[0].sum()
    scores = ir_similarity_scores(q, matrix, DEFAULT_IR_SIMILARITY, qm, masks)
    assert scores[0] > 0.95 and scores[0] > scores[1]
    # the plain dot product under-scores the partial match (the row's norm includes 1800-4000)
    assert ir_similarity_scores(q, matrix, "dot")[0] < scores[0]


def test_bad_input_gives_a_clear_error_naming_the_file(shared_data):
    from dataclasses import replace

    from nps_id.errors import InputError

    path = shared_data / "ir" / "nrcan_plotftir_atr/polystyrene.csv"
    s = read_spectra(path)[0].with_metadata(source_file=str(path))
    with pytest.raises(InputError, match="polystyrene.csv.*not mid-IR"):
        ir_search_vector(replace(s, technique="ms"))
    with pytest.raises(InputError, match="polystyrene.csv.*cannot convert x unit"):
        ir_search_vector(replace(s, x_unit="m/z"))
    with pytest.raises(InputError, match="too little data"):
        ir_search_vector(replace(s, x=s.x + 5000.0))  # 5650-9000 cm-1: near-IR, nothing on the grid


def test_pipeline_is_json_serialisable_and_replayable(shared_data):
    import json

    from nps_id.ir import pipeline_id

    stored = json.loads(json.dumps(DEFAULT_IR_PIPELINE))
    s = read_spectra(shared_data / "ir" / "cos_shimadzu_stackIR/caffeine.csv")[0]
    v1, m1 = ir_search_vector(s)
    v2, m2 = ir_search_vector(s, [(name, params) for name, params in stored])
    np.testing.assert_array_equal(m1, m2)
    np.testing.assert_allclose(v1, v2)
    assert pipeline_id(stored) == pipeline_id(DEFAULT_IR_PIPELINE)
    changed = [(n, dict(p, window_length=31) if n == "savgol" else p) for n, p in stored]
    assert pipeline_id(changed) != pipeline_id(DEFAULT_IR_PIPELINE)


def test_batched_overlap_pearson_equals_per_query(shared_data):
    from nps_id.ir.similarity import pearson_overlap_batch

    files = ["nrcan_plotftir_atr/polystyrene.csv", "cos_shimadzu_stackIR/caffeine.csv",
             "nist_webbook_via_nzhagen_jcamp/toluene.csv", "openspecy_examples/polystyrene_ftir_ps_0.csv"]
    matrix, masks = ir_search_matrix([read_spectra(shared_data / "ir" / f)[0] for f in files])
    assert len({m.sum() for m in masks}) > 1  # different coverages
    batch = pearson_overlap_batch(matrix[:2], masks[:2], matrix, masks)
    assert batch.shape == (4, 2)
    for j in range(2):
        single = ir_similarity_scores(matrix[j], matrix, "pearson_overlap", masks[j], masks)
        np.testing.assert_allclose(batch[:, j], single, atol=1e-9)
    b32 = pearson_overlap_batch(matrix[:2].astype(np.float32), masks[:2], matrix.astype(np.float32), masks)
    np.testing.assert_allclose(b32, batch, atol=1e-4)


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown IR similarity"):
        ir_similarity_scores(np.zeros(3), np.zeros((2, 3)), "nope")


def test_degraded_spectra_find_their_originals(bench, items):
    """Small version of benchmark (b): >= 95 % top-1 for the default pipeline under each degradation."""
    default = bench.METHODS[0]
    assert default.pipeline is DEFAULT_IR_PIPELINE and default.score == DEFAULT_IR_SIMILARITY
    degradations = {k: bench.DEGRADATIONS[k] for k in ("drift poly", "noise SNR30", "all combined")}
    result = bench.robustness(items, [default], degradations, query_indices=range(0, len(items), 3))
    for name, top1 in result[default.name].items():
        assert top1 >= 0.95, f"{name}: top-1 {top1:.0%}"
