"""Class prediction on real spectra: labels from the library, a model kept beside it, no guess without classes."""
from __future__ import annotations

import csv

import pytest

from nps_id.io import read_spectra
from nps_id.library.store import open_library
from nps_id.search import search_spectra
from nps_id.search.index_cache import update_indexes
from nps_id.unknowns.class_rules import CANNABINOID, CATHINONE, class_from_smiles, coarse_class, record_class
from nps_id.unknowns.classes import _model_path, class_model, predict_class


@pytest.fixture(scope="module")
def nps(shared_data):
    folder = shared_data / "ms" / "nps_classes"
    spectra = read_spectra(folder / "nist_mds2-2418_cm2_cm3_half.msp")
    with open(folder / "compounds.tsv", newline="", encoding="utf-8") as handle:
        compounds = list(csv.DictReader(handle, delimiter="\t"))
    return spectra, compounds


def test_structure_rules_give_the_class_of_real_nps(nps):
    _, compounds = nps
    expected = {"cathinone": CATHINONE, "cannabinoid": CANNABINOID, "phenethylamine": "phenethylamine"}
    with_smiles = [c for c in compounds if c["smiles"]]
    right = sum(1 for c in with_smiles if class_from_smiles(c["smiles"]) == expected[c["class"]])
    assert right >= 0.9 * len(with_smiles)


def test_a_held_out_cathinone_and_cannabinoid_get_their_class(nps, shared_data, tmp_path):
    spectra, _ = nps
    held = {"4-Methylmethcathinone", "JWH-018"}
    library = open_library(tmp_path / "lib.sqlite", create=True)
    background = read_spectra(shared_data / "ms" / "bench" / "library.msp")[::6]
    library.add_spectra(background + [s for s in spectra if s.get("name") not in held])
    update_indexes(library)
    assert _model_path(library).is_file()  # trained at import, kept beside the library
    for name, wanted in (("4-Methylmethcathinone", CATHINONE), ("JWH-018", CANNABINOID)):
        query = next(s for s in spectra if s.get("name") == name)
        prediction = predict_class(library, query)
        assert prediction.label == wanted and prediction.probability > 0.5
        assert abs(sum(prediction.probabilities.values()) - 1.0) < 0.01
        # the bench sixth and the NPS set hold no nitazene: the answer says it cannot be predicted
        assert "nitazene" in prediction.unlearned and wanted not in prediction.unlearned
        assert set(prediction.unlearned).isdisjoint(prediction.probabilities)
    library.close()


def test_a_library_without_classes_says_so(shared_data, tmp_path):
    bench = read_spectra(shared_data / "ms" / "bench" / "library.msp")
    plain = [s.with_metadata(smiles=None, inchikey=None, compound_class=None, cas=None,
                             name=f"compound {i}") for i, s in enumerate(bench[:40])]
    library = open_library(tmp_path / "plain.sqlite", create=True)
    library.add_spectra(plain)
    result = search_spectra(library, [bench[100]], top=3)[0]
    assert result.class_prediction.label is None
    assert "no classes in this library" in result.class_prediction.message
    library.close()


def test_the_saved_model_is_reused_and_retrained_when_the_library_changes(nps, shared_data, tmp_path):
    spectra, _ = nps
    library = open_library(tmp_path / "lib.sqlite", create=True)
    library.add_spectra(spectra[::2])
    first = class_model(library)
    assert first is not None and set(first.labels) >= {CATHINONE, CANNABINOID}
    path = _model_path(library)
    stamp = path.stat().st_mtime_ns
    from nps_id.unknowns import classes

    classes._memory.clear()
    again = class_model(library)  # read back from disk, not retrained
    assert path.stat().st_mtime_ns == stamp and list(again.labels) == list(first.labels)
    library.add_spectra(spectra[1:40:2])
    classes._memory.clear()
    grown = class_model(library)
    assert grown.revision == library.revision() and grown.trained_on > first.trained_on
    library.close()


def test_precursor_families_are_one_class():
    assert coarse_class("precursor (MDMA)") == "precursor"
    assert record_class({"compound_class": "cathinone", "name": "x"}) == CATHINONE


def test_a_record_known_only_by_a_synonym_is_labelled_from_the_catalogue(nps, tmp_path):
    from nps_id.unknowns.classes import library_labels

    spectra, _ = nps
    # MassBank's amphetamine record: a systematic name, "AMPHETAMINE" as a synonym, no structure
    record = spectra[0].with_metadata(name="ALPHA-METHYL-BENZENEETHANAMINE", synonyms=["AMPHETAMINE"],
                                      inchikey=None, smiles=None, formula=None, compound_class=None)
    unnamed = record.with_metadata(synonyms=[])
    library = open_library(tmp_path / "lib.sqlite", create=True)
    library.add_spectra([record, unnamed])
    _, labels = library_labels(library)
    assert labels == ["phenethylamine", None]
    library.close()


def test_a_library_that_cannot_teach_the_drug_classes_says_so_beside_other(nps, shared_data, tmp_path, capsys):
    from nps_id.cli import main
    from nps_id.io import write_spectra

    spectra, _ = nps
    library_path = tmp_path / "bench.sqlite"
    library = open_library(library_path, create=True)
    # a third of the bench: fentanyls and other compounds, but fewer than 5 cathinones or cannabinoids
    library.add_spectra(read_spectra(shared_data / "ms" / "bench" / "library.msp")[::3])
    library.close()
    query = tmp_path / "query.msp"
    write_spectra([next(s for s in spectra if s.get("name") == "4-Methylmethcathinone")], query)
    assert main(["search", "--library", str(library_path), "--top", "1", str(query)]) == 0
    out = capsys.readouterr().out
    assert "class: other (" in out
    assert "cannot be predicted from this library (too few references): " in out
    assert "synthetic cathinone" in out.split("cannot be predicted from this library", 1)[1].splitlines()[0]
