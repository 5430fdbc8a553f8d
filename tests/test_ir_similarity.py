"""IR similarity measures on real spectra from ../shared/data/ir."""
from __future__ import annotations

import numpy as np
import pytest

from nps_id.io import read_spectra
from nps_id.ir import similarity as sim
from nps_id.ir.pipeline import ABSORBANCE_PIPELINE, apply_pipeline, ir_search_vector

#: Same compound, different labs / sampling (cross-source pairs of replicates.csv).
PAIRS = [
    ("nrcan_plotftir_atr/polystyrene.csv", "openspecy_examples/polystyrene_ftir_ps_0.csv"),
    ("cos_shimadzu_stackIR/ethyl_acetate.csv", "nist_webbook_via_stackIR/acetic_acid_ethyl_ester.csv"),
    ("galactic_grams_demo_spc/toluene.csv", "nist_webbook_via_nzhagen_jcamp/toluene.csv"),
    ("nrcan_plotftir_atr/isopropanol.csv", "jcamp_repo_unknown_origin/isopropyl_alcohol.csv"),
    ("openspecy_examples/ldpe_in_soil_ftir_ldpe_soil_asp.csv", "jcamp_testfiles_named/polyethylene.csv"),
]
#: Other compounds (different CAS from everything in PAIRS).
OTHERS = [
    "cos_shimadzu_stackIR/caffeine.csv", "cos_shimadzu_stackIR/lactose_run1.csv",
    "cos_shimadzu_stackIR/benzaldehyde.csv", "cos_shimadzu_stackIR/aspartame_run1.csv",
    "cos_shimadzu_stackIR/1_octanol.csv", "nist_webbook_via_nzhagen_jcamp/1_butanol.csv",
    "cos_shimadzu_stackIR/2_pentanone_run1.csv", "nist_webbook_via_nzhagen_jcamp/1_2_dichloroethane.csv",
]


@pytest.fixture(scope="module")
def spectra(shared_data):
    files = [f for pair in PAIRS for f in pair] + OTHERS
    return {f: read_spectra(shared_data / "ir" / f)[0] for f in files}


@pytest.fixture(scope="module")
def vectors(spectra):
    return {f: ir_search_vector(s) for f, s in spectra.items()}


@pytest.fixture(scope="module")
def absorbance(spectra):
    return {f: apply_pipeline(s, ABSORBANCE_PIPELINE).y for f, s in spectra.items()}


def test_same_compound_from_other_lab_scores_higher_than_other_compounds(vectors):
    for a, b in PAIRS:
        qa = vectors[a][0]
        same = float(vectors[b][0] @ qa)
        different = [float(vectors[o][0] @ qa) for o in OTHERS]
        assert same > max(different), f"{a}: partner {same:.3f} vs best other {max(different):.3f}"


@pytest.mark.parametrize("measure", ["pearson", "hqi", "derivative_correlation", "euclidean_similarity"])
def test_same_compound_pairs_beat_other_compounds_on_average(absorbance, measure):
    f = getattr(sim, measure)
    same = [f(absorbance[a], absorbance[b]) for a, b in PAIRS]
    diff = [f(absorbance[a], absorbance[o]) for a, _ in PAIRS for o in OTHERS]
    assert np.mean(same) > np.mean(diff)


def test_pearson_on_overlap_matches_numpy(absorbance):
    q = absorbance[PAIRS[1][0]]  # COS: starts at 800 cm-1, NaN below and in the CO2 band
    lib = absorbance[PAIRS[1][1]]
    both = np.isfinite(q) & np.isfinite(lib)
    assert not both.all()
    r = np.corrcoef(q[both], lib[both])[0, 1]
    assert sim.pearson(q, lib) == pytest.approx(r, abs=1e-12)
    assert sim.hqi(q, lib) == pytest.approx(100 * r * r, abs=1e-9)
    assert sim.pearson(q, q) == pytest.approx(1.0)


def test_vectorised_forms_equal_pairwise_forms(absorbance):
    names = list(absorbance)
    q = absorbance[names[0]]
    matrix = np.array([absorbance[n] for n in names])
    for one, many in [(sim.pearson, sim.pearson_many), (sim.hqi, sim.hqi_many),
                      (sim.euclidean_similarity, sim.euclidean_similarity_many),
                      (sim.derivative_correlation, sim.derivative_correlation_many)]:
        expected = np.array([one(q, row) for row in matrix])
        np.testing.assert_allclose(many(q, matrix), expected, atol=1e-9, err_msg=one.__name__)


def test_too_small_overlap_is_not_a_hit(absorbance):
    q = absorbance[PAIRS[0][0]].copy()
    lib = absorbance[PAIRS[0][1]].copy()
    q[100:] = np.nan
    lib[:80] = np.nan  # 20 common points only
    assert np.isnan(sim.pearson(q, lib))
    assert np.isnan(sim.pearson_many(q, lib[None, :])[0])


def test_euclidean_similarity_bounds(absorbance):
    q = absorbance[PAIRS[0][0]]
    assert sim.euclidean_similarity(q, q) == pytest.approx(1.0)
    assert sim.euclidean_similarity(q, 3.0 * q) == pytest.approx(1.0)  # scale-free
    assert sim.euclidean_similarity(q, -q) == pytest.approx(0.0)


def test_peak_match(absorbance):
    from nps_id.ir.peaks import peak_array, pick_peaks
    from nps_id.ir.pipeline import _grid_spectrum

    ps = peak_array(pick_peaks(_grid_spectrum(absorbance[PAIRS[0][1]])))
    assert sim.peak_match(ps, ps) == pytest.approx(1.0)
    shifted = ps + np.array([10.0, 0.0])
    assert sim.peak_match(shifted, ps, tolerance=4.0) < 0.3
    other = peak_array(pick_peaks(_grid_spectrum(absorbance[PAIRS[0][0]])))  # polystyrene ATR
    caffeine = peak_array(pick_peaks(_grid_spectrum(absorbance[OTHERS[0]])))
    assert sim.peak_match(other, ps, tolerance=6.0) > sim.peak_match(caffeine, ps, tolerance=6.0)
