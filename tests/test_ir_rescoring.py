"""IR similarity choice and the IR reverse score through the search, on real spectra."""
from __future__ import annotations

import numpy as np
import pytest

from nps_id.io import read_spectra

FILES = ["cos_shimadzu_stackIR/caffeine.csv", "cos_shimadzu_stackIR/lactose_run1.csv",
         "cos_shimadzu_stackIR/benzil_run1.csv", "cos_shimadzu_stackIR/9_fluorenone.csv",
         "cos_shimadzu_stackIR/hydroquinone_run11.csv", "nrcan_plotftir_atr/polystyrene.csv",
         "galactic_grams_demo_spc/toluene.csv", "nist_webbook_via_nzhagen_jcamp/toluene.csv"]


@pytest.fixture(scope="module")
def library(shared_data, tmp_path_factory):
    from nps_id.library import open_library

    lib = open_library(tmp_path_factory.mktemp("rescore") / "lib.sqlite", create=True)
    lib.import_files([shared_data / "ir" / f for f in FILES])
    yield lib
    lib.close()


@pytest.mark.parametrize("similarity", ["pearson", "derivative", "hqi", "euclidean", "peaks"])
def test_every_similarity_finds_the_other_measurement(library, shared_data, similarity):
    from nps_id.search import search_spectra

    # the Galactic polystyrene film (not in this library) against the NRCan ATR one
    query = read_spectra(shared_data / "ir" / "galactic_grams_demo_spc/polystyrene.csv")[0]
    hit_list = search_spectra(library, [query], top=3, similarity=similarity)[0]
    assert hit_list.hits[0].name == "polystyrene"
    assert 0 < hit_list.hits[0].score <= 999
    assert [h.score for h in hit_list.hits] == sorted((h.score for h in hit_list.hits), reverse=True)
    recipe = next(s for s in hit_list.query.recipe if s.name == "ir_search").params
    assert recipe["similarity"] == similarity


def test_unknown_similarity_is_refused(library, shared_data):
    from nps_id.search import search_spectra

    query = read_spectra(shared_data / "ir" / "cos_shimadzu_stackIR/caffeine.csv")[0]
    with pytest.raises(ValueError, match="unknown IR similarity"):
        search_spectra(library, [query], similarity="cosine")


def test_reverse_score_is_the_reference_found_in_a_mixture(library, shared_data):
    """In a benzil + caffeine mixture each pure reference is found whole (reverse) but explains only
    part of the unknown (forward): reverse > forward, as in EI reverse search."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from ir_data import read_shared_spectrum
    from ir_mixtures import make_mixture
    from nps_id.search import search_spectra

    parts = [(read_shared_spectrum(shared_data / "ir" / f), f) for f in FILES[2:0:-1][:1] + FILES[:1]]
    mixture = make_mixture(parts, [0.5, 0.5], np.random.default_rng(0), "mix").spectrum
    hits = {h.name: h for h in search_spectra(library, [mixture], top=5)[0].hits}
    for name in ("Benzil", "Caffeine"):
        assert hits[name].reverse_score > hits[name].score
        assert hits[name].reverse_score > 700
    pure = search_spectra(library, [read_spectra(shared_data / "ir" / FILES[0])[0]], top=2)[0].hits[0]
    assert pure.reverse_score == pytest.approx(999.0)
