"""The indexed EI search returns exactly what scoring every library spectrum returns."""
from __future__ import annotations

import numpy as np
import pytest

from nps_id.io.msp import read_msp
from nps_id.ms.filters import prepare_ei_spectrum
from nps_id.ms.similarity import composite_terms, as_nominal_vector
from nps_id.search.ms_engine import MSIndex


@pytest.fixture(scope="module")
def bench(shared_data):
    library, _ = read_msp(shared_data / "ms" / "bench" / "library.msp")
    queries, _ = read_msp(shared_data / "ms" / "bench" / "queries.msp")
    return library, queries


def _index(spectra, first_id=1):
    offsets = np.cumsum([0] + [len(s) for s in spectra])
    return MSIndex.from_peak_arrays(np.arange(first_id, first_id + len(spectra)), offsets,
                                    np.concatenate([s.x for s in spectra]),
                                    np.concatenate([s.y for s in spectra]))


def test_indexed_top10_equals_exhaustive_top10(bench):
    library, queries = bench
    index = _index(library)
    rng = np.random.default_rng(7)
    for q in rng.choice(len(queries), 40, replace=False):
        query = prepare_ei_spectrum(queries[q])
        fast = index.search(query.x, query.y, top=10)
        full = index.search(query.x, query.y, top=10, exhaustive=True)
        assert list(fast.rows) == list(full.rows)
        np.testing.assert_array_equal(fast.composite, full.composite)
        assert fast.candidates_scored < index.size  # the bound really pruned


def test_engine_scores_equal_the_pairwise_definition(bench):
    library, queries = bench
    index = _index(library)
    for q in queries[:15]:
        query = prepare_ei_spectrum(q)
        result = index.search(query.x, query.y, top=5, exhaustive=True)
        for row, composite, reverse in zip(result.rows, result.composite, result.reverse):
            ref = prepare_ei_spectrum(library[row])
            size = int(max(query.x.max(), ref.x.max())) + 1
            qv = as_nominal_vector(query, size) * (999.0 / query.y.max())
            terms = composite_terms(qv, as_nominal_vector(ref, size) * (999.0 / ref.y.max()))
            assert composite == pytest.approx(terms["composite"], abs=1e-6)
            assert reverse == pytest.approx(terms["reverse"], abs=1e-6)


def test_incremental_index_equals_a_full_build(bench):
    library, queries = bench
    first, second = library[:6000], library[6000:]
    grown = _index(first).extended(_index(second, first_id=6001))
    full = _index(library)
    query = prepare_ei_spectrum(queries[3])
    a = grown.search(query.x, query.y, top=10)
    b = full.search(query.x, query.y, top=10)
    assert list(grown.library_ids[a.rows]) == list(full.library_ids[b.rows])
    np.testing.assert_allclose(a.composite, b.composite)


def test_identical_spectrum_scores_999_and_ranks_first(bench):
    library, _ = bench
    index = _index(library[:2000])
    for row in (5, 500, 1500):
        target = prepare_ei_spectrum(library[row])
        result = index.search(target.x, target.y, top=3)
        assert result.composite[0] == pytest.approx(1.0)
        # duplicates of the same spectrum may tie; library order decides
        assert row in result.rows[result.composite == result.composite[0]]


def _nps_spectra(shared_data):
    path = shared_data / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp"
    if not path.exists():
        pytest.skip(f"NPS replicate spectra not found at {path}")
    return read_msp(path)[0]


def test_upper_bound_is_never_below_the_exact_score_on_real_spectra(bench, shared_data):
    """The first-stage bound of every library row is >= its exact composite (bench and NIST NPS queries)."""
    library, queries = bench
    nps = _nps_spectra(shared_data)
    index = _index(library[:4000] + nps[::10])
    rows = np.arange(index.size)
    for spectrum in list(queries[:12]) + list(nps[1::48]):
        query = prepare_ei_spectrum(spectrum, index.params.noise_threshold)
        q_mz, q_int = query.x.astype(np.int64), query.y * (999.0 / query.y.max())
        index._prepare()
        arrays = index._query_arrays(q_mz, q_int)
        sums = index._library_sums(q_mz)
        bound = index._upper_bounds(q_mz, arrays, sums)
        exact = index._exact(arrays, rows, sums).composite
        assert np.all(bound + 1e-9 >= exact)
        assert np.count_nonzero(exact) > 10


def test_engine_equals_pairwise_on_noisy_nps_replicates(shared_data):
    """NIST CM2/CM3 replicates (many small noise peaks) score the same in the engine and pairwise."""
    nps = _nps_spectra(shared_data)
    library = nps[::5]
    index = _index(library)
    for spectrum in nps[3::97]:
        query = prepare_ei_spectrum(spectrum, index.params.noise_threshold)
        result = index.search(query.x, query.y, top=8, exhaustive=True)
        for row, composite in zip(result.rows, result.composite):
            ref = prepare_ei_spectrum(library[row], index.params.noise_threshold)
            size = int(max(query.x.max(), ref.x.max())) + 1
            terms = composite_terms(as_nominal_vector(query, size) * (999.0 / query.y.max()),
                                    as_nominal_vector(ref, size) * (999.0 / ref.y.max()), index.params)
            assert composite == pytest.approx(terms["composite"], abs=1e-6)
