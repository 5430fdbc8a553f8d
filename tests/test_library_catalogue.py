"""Catalogue lookups and `library validate` on small libraries made here."""
from __future__ import annotations

import csv

from rdkit import Chem

from nps_id.cli import main
from nps_id.library import open_library
from nps_id.library.catalogue import catalogue_path, lookup


def test_catalogue_inchikeys_come_from_the_smiles():
    with open(catalogue_path(), newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 50
    for row in rows:
        assert Chem.MolToInchiKey(Chem.MolFromSmiles(row["smiles"])) == row["inchikey"], row["name"]
        assert row["control_status"] and row["compound_class"]
        if row["control_status"].startswith("controlled"):
            assert row["status_source"].startswith("UN 19"), row["name"]


def test_lookup_by_key_block_name_synonym_and_cas():
    assert lookup(inchikey="PJMPHNIQZUBGLI-UHFFFAOYSA-N").name == "Fentanyl"
    assert lookup(inchikey="PJMPHNIQZUBGLI-XXXXXXXXXX-N").name == "Fentanyl"  # first block
    assert lookup(name="α-PVP").name == "alpha-PVP"
    assert lookup(name="PMK").status_source.startswith("UN 1988 Convention Table I")
    assert lookup(cas="67-64-1").name == "Acetone"
    assert "Table II" in lookup(name="toluene").status_source
    assert lookup(name="water") is None and lookup() is None


def test_validate_flags_structure_and_catalogue_conflicts(tmp_path, capsys):
    records = (
        # consistent
        "Name: Acetone\nInChIKey: CSCPPACGZOOCGX-UHFFFAOYSA-N\nSMILES: CC(C)=O\nFormula: C3H6O\nMW: 58\n"
        "Contributor: test\nLicense: CC0\nNum Peaks: 3\n43 999\n58 300\n15 100\n\n"
        # formula contradicts SMILES; name is catalogued as a different compound
        "Name: Toluene\nInChIKey: CSCPPACGZOOCGX-UHFFFAOYSA-N\nSMILES: CC(C)=O\nFormula: C7H8\n"
        "Contributor: test\nLicense: CC0\nNum Peaks: 2\n91 999\n92 600\n\n")
    msp = tmp_path / "r.msp"
    msp.write_text(records)
    lib = tmp_path / "lib.sqlite"
    with open_library(lib, create=True) as library:
        library.import_files([msp])
    assert main(["library", "validate", "--library", str(lib), "--json"]) == 1
    import json
    report = json.loads(capsys.readouterr().out)
    problems = [i["problem"] for i in report["issues"] if i["name"] == "Toluene"]
    assert any("formula" in p for p in problems)
    assert any("catalogued as Toluene" in p for p in problems)
    assert not [i for i in report["issues"] if i["name"] == "Acetone" and i["severity"] == "error"]


def test_catalogue_builder_refuses_what_would_mislead():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(catalogue_path()).parent))
    from build_catalogue import check_and_fill

    with open(catalogue_path(), newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    problems, notes = check_and_fill([dict(r) for r in rows])
    assert problems == [] and any("Ephedrine, Pseudoephedrine" in n for n in notes)
    base = {"name": "X", "synonyms": "", "smiles": "CCO", "cas": "", "compound_class": "other",
            "control_status": "controlled substance", "status_source": "UN 1971 Convention Schedule II",
            "status_date": "2020"}
    bad = [dict(base, cas="50-36-3"), dict(base, name="Y", synonyms="x", smiles="CCCO"),
           dict(base, name="Z", smiles="C1CC", status_source=""), dict(base, name="W", smiles="CCCCO", status_date="3/2020"),
           dict(base, name="V", smiles="CCCCCO", control_status="probably controlled")]
    problems, _ = check_and_fill(bad)
    text = "\n".join(problems)
    for expected in ("CAS 50-36-3", "name 'x' also names X", "SMILES does not parse", "not ISO",
                     "unknown control status"):
        assert expected in text, expected
