"""EI similarity scores: properties that define them, and agreement with the peers."""
from __future__ import annotations

import numpy as np
import pytest

from nps_id.io.msp import read_msp
from nps_id.ms.filters import bin_to_nominal_mass, prepare_ei_spectrum
from nps_id.ms.similarity import (
    composite_match_factor, entropy_similarity, nist_identity_match_factor,
    reverse_match_factor, sqrt_cosine,
)
from nps_id.spectrum import Spectrum, spectrum_from_peaks


@pytest.fixture(scope="module")
def queries(shared_data):
    spectra, _ = read_msp(shared_data / "ms" / "bench" / "queries.msp")
    return [prepare_ei_spectrum(s) for s in spectra[:40]]


def test_identical_spectra_score_999(queries):
    for s in queries[:10]:
        assert composite_match_factor(s, s) == pytest.approx(999.0)
        assert reverse_match_factor(s, s) == pytest.approx(999.0)
        assert nist_identity_match_factor(s, s) == pytest.approx(999.0)


def test_impurity_ions_lower_forward_but_not_reverse(queries):
    pure = queries[0]
    mixed = spectrum_from_peaks(list(zip(pure.x, pure.y)) + [(int(pure.x.max()) + 7, 600.0),
                                                              (int(pure.x.max()) + 21, 400.0)])
    assert composite_match_factor(mixed, pure) < 950
    assert reverse_match_factor(mixed, pure) == pytest.approx(999.0)


def test_peaks_below_the_reference_scan_range_are_ignored(queries):
    ref = queries[1]
    low = int(ref.x.min())
    with_low = spectrum_from_peaks([(low - 10, 500.0), (low - 5, 300.0)] + list(zip(ref.x, ref.y)))
    # comparison starts at the larger of the two lowest m/z (different scan ranges)
    assert composite_match_factor(with_low, ref) == pytest.approx(999.0)


def test_scores_rank_a_replicate_above_other_compounds(shared_data):
    library, _ = read_msp(shared_data / "ms" / "bench" / "library.msp")
    fentanyl = [prepare_ei_spectrum(s) for s in library if s.name == "Fentanyl"]
    acetyl = [prepare_ei_spectrum(s) for s in library if s.name == "Acetyl fentanyl"]
    assert len(fentanyl) >= 2 and acetyl
    for score in (composite_match_factor, nist_identity_match_factor):
        assert score(fentanyl[0], fentanyl[1]) > score(fentanyl[0], acetyl[0])


def test_entropy_similarity_agrees_with_ms_entropy(queries):
    ms_entropy = pytest.importorskip("ms_entropy")
    for a, b in zip(queries[:10], queries[10:20]):
        peaks_a = np.column_stack([a.x, a.y / a.y.sum()]).astype(np.float32)
        peaks_b = np.column_stack([b.x, b.y / b.y.sum()]).astype(np.float32)
        for weighted in (True, False):
            ours = entropy_similarity(a, b, weighted=weighted)
            peer = (ms_entropy.calculate_entropy_similarity if weighted
                    else ms_entropy.calculate_unweighted_entropy_similarity)
            theirs = peer(peaks_a, peaks_b, ms2_tolerance_in_da=0.05, clean_spectra=False)
            assert ours == pytest.approx(theirs, abs=1e-4)
    assert sqrt_cosine(queries[0], queries[0]) == pytest.approx(1.0)


def test_accurate_mass_peaks_bin_to_nominal_mass():
    spectrum = Spectrum(np.array([43.0184, 43.0548, 105.0335, 400.1912]), np.array([10.0, 5.0, 100.0, 20.0]))
    binned = bin_to_nominal_mass(spectrum)
    assert list(binned.x) == [43, 105, 400]
    assert list(binned.y) == [15, 100, 20]
    assert binned.recipe[-1].name == "bin_to_nominal_mass"
