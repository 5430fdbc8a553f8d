"""Control status by structure, CAS and names: the examples of issue 16 and the traps around them."""
from __future__ import annotations

import csv

import pytest

from nps_id.controls import control_status, summary_kind
from nps_id.controls.matching import clean_cas, parent_inchikey
from nps_id.controls.names import name_keys
from nps_id.library.catalogue import catalogue_path, lookup

FENTANYL_IK = "PJMPHNIQZUBGLI-UHFFFAOYSA-N"


@pytest.mark.parametrize("name, listed", [
    ("2-Furanyl fentanyl", "Furanylfentanyl"), ("furanyl fentanyl", "Furanylfentanyl"),
    ("4-ANPP", "ANPP"), ("ANPP", "ANPP"),
    ("FIBF", "4-Fluoroisobutyrfentanyl"), ("4-FIBF", "4-Fluoroisobutyrfentanyl"),
    ("para-fluoroisobutyrylfentanyl", "4-Fluoroisobutyrfentanyl"),
    ("p-Fluorobutyryl Fentanyl", "para-Fluorobutyrfentanyl"), ("p-Fluorofentanyl", "para-Fluorofentanyl"),
    ("Cocaine hydrochloride", "Cocaine"), ("cocaine HCl", "Cocaine"), ("(±)-MDMA HCl", "MDMA"),
    ("cis-3-methyl Fentanyl", "3-Methylfentanyl"), ("Tetrahydrofuran Fentanyl", "Tetrahydrofuranylfentanyl"),
    ("N,N-Dimethylpentylone", "Dipentylone"), ("5-Fluoro-AMB", "5F-AMB-PINACA"), ("Δ9-THC", "delta-9-THC"),
    ("U-47700", "U-47700"), ("Heroin", "Heroin"), ("Ketamine", "Ketamine"), ("PMK glycidate", "3,4-MDP-2-P methyl glycidate"),
])
def test_name_variants_find_the_listed_substance(name, listed):
    status = control_status(name=name)
    assert status.in_catalogue and status.catalogue_name == listed, (name, status)


@pytest.mark.parametrize("name", ["3-Furanyl fentanyl", "3-Fluoromethcathinone", "2-Fluorofentanyl"])
def test_position_numbers_are_never_dropped(name):
    status = control_status(name=name)
    assert status.catalogue_name not in ("Furanylfentanyl", "Flephedrone", "para-Fluorofentanyl")


def test_not_in_catalogue_differs_from_not_controlled():
    unknown = control_status(name="2,3-Dimethylmethcathinone")
    assert not unknown.in_catalogue and unknown.kind == "not_in_catalogue"
    assert unknown.summary() == "not in catalogue"
    ketamine = control_status(name="ketamine")
    assert ketamine.in_catalogue and ketamine.kind == "not_controlled"
    assert ketamine.summary().startswith("not under international control")
    fentanyl = control_status(inchikey=FENTANYL_IK)
    assert fentanyl.kind == "controlled" and "UN 1961 Convention Schedule I" in fentanyl.summary()
    assert [summary_kind(s.summary()) for s in (unknown, ketamine, fentanyl)] == [
        "not_in_catalogue", "not_controlled", "controlled"]


def test_structure_first_then_cas_then_name():
    # a record named as something else but carrying fentanyl's structure is fentanyl
    by_key = control_status(inchikey=FENTANYL_IK, name="Unknown 12")
    assert (by_key.catalogue_name, by_key.matched_by) == ("Fentanyl", "InChIKey")
    skeleton = control_status(inchikey="PJMPHNIQZUBGLI-ABCDEFGHSA-N")
    assert skeleton.matched_by == "InChIKey skeleton"
    borrowed = control_status(name="compound 7", skeleton="PJMPHNIQZUBGLI")
    assert borrowed.catalogue_name == "Fentanyl"
    assert control_status(cas="50-36-2", name="x").catalogue_name == "Cocaine"
    assert control_status(cas="50-36-3").in_catalogue is False  # check digit fails: not a CAS number
    assert clean_cas("50-36-2") == "50-36-2" and clean_cas("50-36-3") is None


def test_a_salt_record_matches_by_its_free_base():
    salt_smiles = "Cl.COC(=O)C1C(OC(=O)c2ccccc2)CC2CCC1N2C"
    from rdkit import Chem
    salt_key = Chem.MolToInchiKey(Chem.MolFromSmiles(salt_smiles))
    assert salt_key[:14] != lookup(name="cocaine").inchikey[:14]
    status = control_status(inchikey=salt_key, smiles=salt_smiles, name="sample 3")
    assert (status.catalogue_name, status.matched_by) == ("Cocaine", "InChIKey")
    assert parent_inchikey(salt_smiles) == lookup(name="cocaine").inchikey


def test_a_synonym_or_abbreviation_does_not_override_a_conflicting_structure():
    # MassBank's pentachlorophenol carries the synonym "PCP"; it is not phencyclidine
    pcp = control_status(inchikey="IZUPBVBPLAPZRR-UHFFFAOYSA-N", name="Pentachlorophenol", synonyms=["PCP"])
    assert not pcp.in_catalogue
    assert control_status(name="Pentachlorophenol", synonyms=["PCP"]).catalogue_name == "Phencyclidine"
    # a full name with a contradicting structure still matches, and says so
    codeine = control_status(inchikey="VULIEHRIVFMVDQ-OJHGLTBHSA-N", name="CODEINE")
    assert codeine.catalogue_name == "Codeine" and "check the structure" in codeine.match_note


def test_stereoisomers_listed_apart_are_not_guessed():
    both = control_status(inchikey="KWGRBVOPPLSCSI-UHFFFAOYSA-N")  # ephedrine without stereo
    assert both.catalogue_name in ("Ephedrine", "Pseudoephedrine") and "stereoisomers" in both.match_note
    exact = control_status(inchikey=lookup(name="pseudoephedrine").inchikey)
    assert exact.catalogue_name == "Pseudoephedrine" and not exact.match_note


def test_name_keys_strip_only_meaning_free_spellings():
    assert name_keys("Cocaine hydrochloride") == ["cocainehydrochloride", "cocaine"]
    assert "4fluorofentanyl" in name_keys("p-Fluorofentanyl")
    assert name_keys("O-Desmethyltramadol") == ["odesmethyltramadol"]  # capital O is an oxygen locant
    assert name_keys("Ethyl acetate") == ["ethylacetate"]
    assert name_keys("") == [] and name_keys(None) == []


def test_every_catalogue_entry_finds_itself_by_key_cas_and_each_name():
    with open(catalogue_path(), newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 200
    for row in rows:
        by_key = control_status(inchikey=row["inchikey"])
        assert by_key.catalogue_name == row["name"] or "stereoisomers" in by_key.match_note, row["name"]
        if row["cas"]:
            assert control_status(cas=row["cas"]).catalogue_name == row["name"], row["name"]
        for text in [row["name"], *(s for s in row["synonyms"].split("|") if s)]:
            assert control_status(name=text).catalogue_name == row["name"], (row["name"], text)
        if row["control_status"].startswith("controlled"):
            assert row["status_source"].startswith("UN 19"), row["name"]
