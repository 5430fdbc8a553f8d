"""Class vocabulary, RDKit rules and the class model on real NPS spectra (../shared/data, read in place)."""
from __future__ import annotations

import csv

import numpy as np
import pytest

from nps_id.io.msp import read_msp
from nps_id.library.store import open_library
from nps_id.unknowns.class_features import N_FEATURES, ei_features
from nps_id.unknowns.class_rules import (BENZODIAZEPINE, CANNABINOID, CATHINONE, FENTANYL, NITAZENE, OTHER,
                                         PHENETHYLAMINE, PIPERAZINE, PRECURSOR, TRYPTAMINE, class_from_name,
                                         class_from_smiles, coarse_class, normalise_class, record_class)
from nps_id.unknowns.classes import predict_class, train_class_model


@pytest.fixture(scope="module")
def nps(shared_data):
    folder = shared_data / "ms" / "nps_classes"
    with open(folder / "compounds.tsv", newline="", encoding="utf-8") as handle:
        compounds = list(csv.DictReader(handle, delimiter="\t"))
    spectra, problems = read_msp(folder / "nist_mds2-2418_cm2_cm3_half.msp")
    assert not problems
    return compounds, spectra


def test_rules_on_real_smiles(nps):
    compounds, _ = nps
    checked = 0
    for row in compounds:
        if row["smiles"]:
            assert class_from_smiles(row["smiles"]) == normalise_class(row["class"]), row["compound"]
            checked += 1
    assert checked >= 50


@pytest.mark.parametrize("smiles, label", [
    ("CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", FENTANYL),  # fentanyl
    ("CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1", NITAZENE),  # etonitazene
    ("Cc1nnc2n1-c1ccc(Cl)cc1C(c1ccccc1)=NC2", BENZODIAZEPINE),  # alprazolam
    ("CN(C)CCc1c[nH]c2ccccc12", TRYPTAMINE),  # DMT
    ("Clc1cccc(N2CCNCC2)c1", PIPERAZINE),  # mCPP
    ("CC(N)Cc1ccccc1", PHENETHYLAMINE),  # amphetamine
    ("N[C@@H](Cc1ccccc1)C(=O)O", OTHER),  # phenylalanine: an amino acid, not a drug
    ("CC(=O)Cc1ccccc1", OTHER),  # P2P by structure (the catalogue makes it a precursor)
    ("CC(=O)c1cn(C)c2ccccc12", OTHER),  # 3-acetyl-1-methylindole: no cannabinoid tail
    ("not a smiles", None),
])
def test_rules_on_drug_classes(smiles, label):
    assert class_from_smiles(smiles) == label


def test_class_field_synonyms_and_sources():
    assert normalise_class("cathinone") == CATHINONE
    assert normalise_class("Synthetic Cannabinoids") == CANNABINOID
    assert normalise_class("precursor (MDMA)") == "precursor (MDMA)"
    assert coarse_class("precursor (MDMA)") == PRECURSOR
    assert normalise_class("Fentanyl analog") == FENTANYL
    assert normalise_class("solvent") == OTHER
    assert normalise_class("") is None
    # class field first, then the catalogue (P2P is a precursor), then the structure, then the name
    assert record_class({"compound_class": "cannabinoid", "smiles": "CC(N)Cc1ccccc1"}) == CANNABINOID
    assert coarse_class(record_class({"name": "Phenylacetone", "smiles": "CC(=O)Cc1ccccc1"})) == PRECURSOR
    assert record_class({"name": "x", "smiles": "CNC(C)C(=O)c1ccc(C)cc1"}) == CATHINONE
    assert record_class({"name": "Butyryl Fentanyl"}) == FENTANYL
    assert class_from_name("5F-MDMB-PICA") == CANNABINOID
    assert record_class({"name": "unknown compound"}) is None


def test_features_ignore_scan_range_and_precision(nps):
    _, spectra = nps
    s = spectra[0]
    low = s.processed("add", {}, x=np.r_[15.0, 28.0, s.x], y=np.r_[500.0, 999.0, s.y])
    shifted = s.processed("add", {}, x=s.x + 0.2, y=s.y)
    f = ei_features(spectra=[s, low, shifted])
    assert f.shape == (3, N_FEATURES)
    assert np.allclose(f[0], f[1]) and np.allclose(f[0], f[2])


def test_leave_compound_out_on_real_spectra(nps):
    """Trained on NPS of other compounds only, a held-out cathinone and cannabinoid get their class."""
    _, spectra = nps
    held = {"Methylone", "JWH-073"}
    train = [s for s in spectra if s.get("name") not in held]
    test = [s for s in spectra if s.get("name") in held]
    model = train_class_model(ei_features(spectra=train), [coarse_class(normalise_class(s.get("compound_class")))
                                                          for s in train])
    assert model is not None
    truth = {"Methylone": CATHINONE, "JWH-073": CANNABINOID}
    probs = model.predict_features(ei_features(spectra=test))
    labels = [str(model.labels[int(np.argmax(p))]) for p in probs]
    right = sum(label == truth[s.get("name")] for label, s in zip(labels, test))
    assert right >= 0.8 * len(test)
    one = model.predict(test[0])
    assert one.label == truth[test[0].get("name")] and 0.5 < one.probability <= 1.0
    assert abs(sum(one.probabilities.values()) - 1.0) < 0.01


def test_library_without_classes_says_so(nps, tmp_library):
    _, spectra = nps
    anonymous = [s.with_metadata(name=f"sample {k}", inchikey=None, smiles=None, formula=None, compound_class=None)
                 for k, s in enumerate(spectra[:20])]
    with open_library(tmp_library, create=True) as library:
        library.add_spectra(anonymous, who="test")
        prediction = predict_class(library, spectra[0])
    assert prediction.label is None and prediction.probability == 0.0 and not prediction.probabilities
    assert "no classes in this library" in prediction.message
