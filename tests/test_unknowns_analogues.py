"""Analogue (hybrid similarity) search and designer-precursor alerts on real NPS spectra.

The library is built in a temporary folder from ../shared/data/ms/nps_classes (580 NIST
replicate spectra of 58 NPS, read in place); a query's own compound is always left out.
"""
from __future__ import annotations

import time
from collections import defaultdict

import numpy as np
import pytest

from nps_id.io.msp import read_msp
from nps_id.library.store import open_library
from nps_id.ms.filters import prepare_ei_spectrum
from nps_id.spectrum import Spectrum
from nps_id.unknowns.analogues import (explain_shift, find_analogues, formula_nominal_mass,
                                       library_masses, mass_hypotheses, reference_score, score_rows)
from nps_id.unknowns.precursors import precursor_alerts
from nps_id.unknowns.results import Analogue, MolecularIon

NPS_FILE = ("ms", "nps_classes", "nist_mds2-2418_cm2_cm3_half.msp")


@pytest.fixture(scope="module")
def nps(shared_data, tmp_path_factory):
    path = shared_data.joinpath(*NPS_FILE)
    if not path.is_file():
        pytest.skip(f"{path} not found (nps_classes set of ../shared/data)")
    spectra, _ = read_msp(path)
    spectra = [s for s in spectra if s.get("source_id", "").endswith("-01")]  # first replicate of each
    library = open_library(tmp_path_factory.mktemp("analogues") / "nps.sqlite", create=True)
    library.import_files([path])
    ids_by_name = defaultdict(list)
    for record in library.find(limit=10_000):
        ids_by_name[record["name"]].append(int(record["id"]))
    yield library, {s.name: s for s in spectra}, ids_by_name
    library.close()


def _true_ion(spectrum) -> MolecularIon:
    return MolecularIon(formula_nominal_mass(spectrum.get("formula")), 0.95, "formula of the record")


def test_library_masses_from_the_records_and_cached(nps):
    from nps_id.search.index_cache import _cache_dir, ms_index

    library, spectra, _ = nps
    masses = library_masses(library)
    index = ms_index(library)
    records = library.records([int(i) for i in index.library_ids])
    for record, mass in zip(records, masses.mass):
        expected = formula_nominal_mass(record["formula"])
        if expected is not None:
            assert mass == expected
    assert (_cache_dir(library) / "analogue_masses.npz").is_file()


def test_kernel_equals_reference_implementation(nps):
    from nps_id.search.index_cache import ms_index

    library, spectra, _ = nps
    index = ms_index(library)
    masses = library_masses(library, index)
    matrix = index.matrix
    for name in ("N-Ethylpentylone", "JWH-018", "4-Chloroethcathinone"):
        query = spectra[name]
        unknown = formula_nominal_mass(query.get("formula"))
        _, fast, fast_direct, fast_shifted = score_rows(index, masses, query, unknown)
        prepared = prepare_ei_spectrum(query, index.params.noise_threshold)
        for row in range(0, index.size, 7):
            s, e = matrix.indptr[row], matrix.indptr[row + 1]
            # a library spectrum of unknown mass is compared directly (no shift)
            delta = None if masses.mass[row] < 0 else unknown - int(masses.mass[row])
            hybrid, direct, shifted = reference_score(prepared.x, prepared.y, matrix.indices[s:e],
                                                      matrix.data[s:e], delta)
            assert fast[row] == pytest.approx(hybrid, abs=1e-9)
            assert fast_direct[row] == pytest.approx(direct, abs=1e-9)
            assert fast_shifted[row] == shifted


def test_homologue_found_with_explained_shift(nps):
    library, spectra, ids = nps
    query = spectra["N-Ethylpentylone"]  # C14H19NO3, 249; pentylone (235) is one CH2 less
    analogues = find_analogues(library, query, _true_ion(query), top=5, exclude_ids=ids["N-Ethylpentylone"])
    assert all(a.name != "N-Ethylpentylone" for a in analogues)
    top = analogues[0]
    assert top.name in ("Pentylone", "Dibutylone") and top.mass_shift == 14  # both C13H17NO3
    assert "Pentylone" in [a.name for a in analogues[:3]]
    assert top.shift_explanation.startswith("+14: CH2") and top.shifted_peaks > 0
    assert top.score > top.direct_score  # the shifted fragments are what relates them
    assert top.compound_class == "cathinone" and not top.mass_assumed


def test_without_molecular_ion_mass_hypotheses_are_said_to_be_assumed(nps):
    library, spectra, ids = nps
    query = spectra["N-Ethylbuphedrone"]  # M+• (191) barely above noise in these spectra
    hypotheses, assumed = mass_hypotheses(query, MolecularIon(None, 0.0, "none seen"))
    assert assumed and len(hypotheses) >= 2
    analogues = find_analogues(library, query, MolecularIon(None, 0.0, "none seen"), top=3,
                               exclude_ids=ids["N-Ethylbuphedrone"])
    assert analogues and all(a.mass_assumed and a.assumed_mass in hypotheses for a in analogues)
    assert analogues[0].compound_class == "cathinone"


def test_class_of_top_analogue_leave_compound_out(nps):
    library, spectra, ids = nps
    right = total = 0
    start = time.perf_counter()
    for name, query in list(spectra.items())[::3]:
        analogues = find_analogues(library, query, top=1, exclude_ids=ids[name])
        total += 1
        right += bool(analogues) and analogues[0].compound_class == query.get("compound_class")
    assert right / total >= 0.75
    assert (time.perf_counter() - start) / total < 0.5


def test_controlled_drug_alert_names_the_compound_and_shift(nps):
    library, spectra, ids = nps
    query = spectra["MPHP"]  # 4-methyl-alpha-PHP: alpha-PHP (controlled) + CH2
    ion = _true_ion(query)
    analogues = find_analogues(library, query, ion, top=3, exclude_ids=ids["MPHP"])
    alerts = precursor_alerts(analogues, ion)
    assert alerts and alerts[0].controlled_compound == "alpha-PHP"
    assert alerts[0].relation.startswith("+14 from alpha-PHP (controlled drug)")
    assert "controlled substance" in alerts[0].control_status


def test_no_alert_without_controlled_analogue_or_explained_shift(nps):
    library, spectra, ids = nps
    query = spectra["JWH-018"]
    ion = _true_ion(query)
    analogues = find_analogues(library, query, ion, top=3, exclude_ids=ids["JWH-018"])
    assert precursor_alerts(analogues, ion) == []
    assert precursor_alerts([], None) == []


def test_explain_shift_table():
    assert explain_shift(0).startswith("0:")
    assert explain_shift(-34).startswith("-34: Cl for H")
    assert explain_shift(72).startswith("+72:") and "glycidate" in explain_shift(72)
    assert explain_shift(None) is None and explain_shift(37) is None


def test_bad_query_gives_empty_list(nps):
    library, _, _ = nps
    for spectrum in (Spectrum(np.array([]), np.array([])), Spectrum(np.array([50.0, 60.0]), np.zeros(2))):
        assert find_analogues(library, spectrum) == []


@pytest.fixture(scope="module")
def precursor_library(shared_data, tmp_path_factory):
    """Bench spectra of MDMA/amphetamine precursors among 400 other real spectra."""
    spectra, _ = read_msp(shared_data / "ms" / "bench" / "library.msp")
    wanted = {"SAFROLE", "ISOSAFROLE", "PIPERONAL", "PHENYLACETONE", "PROPIOPHENONE", "PHENYLACETIC ACID"}
    chosen = [s for s in spectra if s.name.upper() in wanted] + spectra[:400]
    library = open_library(tmp_path_factory.mktemp("precursors") / "bench.sqlite", create=True)
    library.add_spectra(chosen)
    yield library
    library.close()


def test_isomer_of_a_controlled_precursor_raises_an_alert(precursor_library):
    library = precursor_library
    isosafrole = [r for r in library.find(name="ISOSAFROLE") if r["name"].upper() == "ISOSAFROLE"]
    query = library.get(int(isosafrole[0]["id"]))
    ion = MolecularIon(162, 0.95, "C10H10O2")
    analogues = find_analogues(library, query, ion, top=5, exclude_ids=[int(r["id"]) for r in isosafrole])
    alerts = precursor_alerts(analogues, ion)
    assert alerts and alerts[0].controlled_compound == "Safrole"
    assert alerts[0].relation.startswith("same nominal mass as Safrole (controlled precursor; precursor of MDMA)")
    assert "UN 1988 Convention Table I" in alerts[0].control_status


def test_masses_follow_the_library_when_it_changes(shared_data, tmp_path):
    path = shared_data.joinpath(*NPS_FILE)
    if not path.is_file():
        pytest.skip(f"{path} not found (nps_classes set of ../shared/data)")
    spectra, _ = read_msp(path)
    library = open_library(tmp_path / "grow.sqlite", create=True)
    try:
        library.add_spectra(spectra[:30])
        first = library_masses(library)
        assert first.library_ids.size == 30
        library.add_spectra(spectra[30:40])
        grown = library_masses(library)
        assert grown.library_ids.size == 40
        assert grown.mass[-1] == formula_nominal_mass(spectra[39].get("formula"))
    finally:
        library.close()


def test_direct_match_to_a_controlled_compound_is_not_named_as_a_shift_from_an_assumed_mass() -> None:
    # no molecular ion seen; the best mass hypothesis (299) would read as "-76 from furanylfentanyl",
    # but the spectrum matches furanylfentanyl directly: the alert must say it resembles it
    furanyl = Analogue(rank=1, library_id=1, name="Furanylfentanyl", score=910.0, direct_score=905.0,
                       mass_shift=-76, inchikey="PRYFOBBQVDKNPL-UHFFFAOYSA-N", assumed_mass=299,
                       mass_assumed=True, shifted_peaks=3)
    alerts = precursor_alerts([furanyl], None)
    assert len(alerts) == 1
    assert alerts[0].relation.startswith("spectrum resembles Furanylfentanyl")
    assert "-76" not in alerts[0].relation


def test_a_substance_in_the_library_is_its_own_analogue_without_an_invented_shift(nps):
    library, spectra, _ = nps
    query = spectra["4-Chloroethcathinone"]  # M+• 211 not seen; 139/141 (chlorobenzoyl) is no molecular ion
    none_seen = MolecularIon(None, 0.0, "none seen")
    analogues = find_analogues(library, query, none_seen, top=3)
    # every hypothesis gains a few points by chance pairs, none explains more than the direct match
    assert analogues[0].name == "4-Chloroethcathinone"
    assert analogues[0].mass_shift is None and analogues[0].assumed_mass is None
    assert not any(a.mass_assumed for a in analogues)
    assert analogues[0].score == analogues[0].direct_score
    # left out, a homologue or isomer is reached through a mass hypothesis, and said to be assumed
    held_out = find_analogues(library, query, none_seen, top=3,
                              exclude_ids=[i for n, ids in nps[2].items() if n == "4-Chloroethcathinone" for i in ids])
    assert held_out and held_out[0].name != "4-Chloroethcathinone"


def test_a_direct_listing_of_a_controlled_compound_still_raises_its_alert() -> None:
    # the list was ranked by direct scores (no mass hypothesis explained more): no assumed mass,
    # no shift, and a doubtful molecular ion was reported
    furanyl = Analogue(rank=1, library_id=1, name="Furanylfentanyl", score=905.0, direct_score=905.0,
                       mass_shift=None, inchikey="PRYFOBBQVDKNPL-UHFFFAOYSA-N", assumed_mass=None,
                       mass_assumed=False, shifted_peaks=0)
    alerts = precursor_alerts([furanyl], MolecularIon(320, 0.3, "doubtful"))
    assert len(alerts) == 1 and alerts[0].relation.startswith("spectrum resembles Furanylfentanyl")
