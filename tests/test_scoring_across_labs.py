"""The cross-lab scoring benchmark's peers equal the pairwise definitions, and its simulated labs are honest."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from nps_id.io.msp import read_msp
from nps_id.ms.filters import prepare_ei_spectrum
from nps_id.ms.similarity import CompositeParams, composite_match_factor, nist_identity_match_factor

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "scoring_across_labs.py"


@pytest.fixture(scope="module")
def bench_module():
    spec = importlib.util.spec_from_file_location("scoring_across_labs", _PATH)
    module = importlib.util.module_from_spec(spec)
    # registered before it runs: numba's on-disk cache of its kernel re-imports the module by name
    # (unregistered, the cache records "<dynamic>" and the next process cannot load it)
    sys.modules.setdefault("scoring_across_labs", module)
    spec.loader.exec_module(module)
    return sys.modules["scoring_across_labs"]


@pytest.fixture(scope="module")
def nps(shared_data):
    path = shared_data / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp"
    if not path.exists():
        pytest.skip(f"NPS replicate spectra not found at {path}")
    return read_msp(path)[0]


def test_peer_kernel_equals_the_pairwise_scores(bench_module, nps):
    """The benchmark's compiled NIST Identity and Stein-Scott scores equal the pairwise functions (all peaks)."""
    spectra = [prepare_ei_spectrum(s, 0.0) for s in nps[::23]]
    arrays = [(s.x.astype(np.int64), s.y.astype(float)) for s in spectra]
    indptr, indices, intensity = bench_module._csr(arrays)
    all_peaks = CompositeParams(noise_threshold=0.0)
    for q, (m, y) in zip(spectra[:6], arrays[:6]):
        for nist, mz_power in ((True, 0.5), (False, 1.0)):
            width = int(max(indices.max(), m.max())) + 2
            q_w, q_r = np.zeros(width), np.zeros(width)
            q_w[m], q_r[m] = m.astype(float) ** mz_power * np.sqrt(y), np.sqrt(y)
            out = np.zeros(len(arrays))
            bench_module._peer_scores(indptr, indices, indices.astype(float) ** mz_power * np.sqrt(intensity),
                                      np.sqrt(intensity), q_w, q_r, int(m[0]), nist, out)
            for ref, score in zip(spectra, out):
                expected = nist_identity_match_factor(q, ref) if nist else composite_match_factor(q, ref, all_peaks)
                assert 999.0 * score == pytest.approx(expected, abs=1e-6)


def test_simulated_other_lab_spectrum_differs_but_stays_recognisable(bench_module, nps):
    """Consensus drops the random sub-0.5 % noise of the NIST replicates; the lab transform is seeded."""
    reps = [bench_module._arrays(s) for s in nps[:3]]
    mz, y = bench_module.consensus(reps)
    assert mz.size < np.unique(np.concatenate([m for m, _ in reps])).size  # one-off noise bins dropped
    a = bench_module.other_lab(mz, y, np.random.default_rng(5), "mixed")
    b = bench_module.other_lab(mz, y, np.random.default_rng(5), "mixed")
    np.testing.assert_array_equal(a[0], b[0])
    assert a[1].max() == pytest.approx(999.0)
    assert not np.array_equal(a[0], mz) or not np.allclose(a[1], y)
