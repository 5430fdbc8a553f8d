"""Smoke test of benchmarks/search_speed.py's data generation (the timed runs are not repeated here)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("search_speed", ROOT / "benchmarks" / "search_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def base_library(bench):
    path = ROOT.parent / "shared" / "data" / "ms" / "bench" / "library.msp"
    if not path.exists():
        pytest.skip(f"real test data not found at {path} (../shared/data beside the project)")
    return bench._parse_base_library(path)


def test_base_library_parsed_completely(base_library):
    headers, db_ids, offsets, mz, intensity = base_library
    assert len(headers) == len(db_ids) == offsets.size - 1 == 12_425
    assert len(set(db_ids)) == len(db_ids)
    assert all(h.startswith("Name:") and "DB#" not in h for h in headers)
    assert offsets[-1] == mz.size == intensity.size
    assert np.all(np.diff(offsets) > 0)


def test_jittered_copy_is_a_valid_base_999_library(bench, base_library):
    _, _, offsets, mz, intensity = base_library
    new_offsets, new_mz, new_int = bench._jittered_copy(np.random.default_rng(1), offsets, mz, intensity)
    n = offsets.size - 1
    assert new_offsets.size == n + 1 and np.all(np.diff(new_offsets) > 0)
    base = np.maximum.reduceat(new_int, new_offsets[:-1])
    assert np.all(base == 999)
    assert new_int.min() >= 1 and new_mz.min() >= 1
    row = np.repeat(np.arange(n), np.diff(new_offsets))
    assert np.all((np.diff(new_mz) > 0) | (np.diff(row) > 0))  # sorted, one peak per m/z
    # About 5 % of peaks move by 1 m/z; many land on a neighbouring peak (EI spectra are dense), so
    # only some of them show up as m/z values the record did not have.
    old_keys = set(zip(np.repeat(np.arange(n), np.diff(offsets)).tolist(), mz.tolist()))
    moved = sum(k not in old_keys for k in zip(row.tolist(), new_mz.tolist())) / new_mz.size
    assert 0.005 < moved < 0.05
    again = bench._jittered_copy(np.random.default_rng(1), offsets, mz, intensity)
    assert np.array_equal(again[2], new_int)


def test_ir_jitter_keeps_pipeline_normalisation(bench):
    rng = np.random.default_rng(0)
    masks = np.ones((3, 200), bool)
    masks[1, :50] = False
    vectors = bench._recentre(rng.normal(size=(3, 200)), masks)
    jittered, new_masks = bench._jitter_ir(rng, vectors, masks, np.array([0, 1, 2, 1]), 0.05, 0.5, 1.0)
    assert np.allclose(np.linalg.norm(jittered, axis=1), 1.0)
    assert np.allclose(np.where(new_masks, jittered, 0).sum(axis=1), 0.0, atol=1e-9)
    assert np.all(jittered[~new_masks] == 0)
    assert new_masks.sum(axis=1).tolist() == [200, 150, 200, 150]
