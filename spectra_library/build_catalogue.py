"""Fill in InChIKey and formula of catalogue.csv from its SMILES with RDKit (never typed by hand).

    python spectra_library/build_catalogue.py   # rewrites catalogue.csv in place
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from rdkit import Chem, RDLogger
from rdkit.Chem.rdMolDescriptors import CalcMolFormula

CATALOGUE = Path(__file__).with_name("catalogue.csv")
COLUMNS = ("name", "synonyms", "inchikey", "smiles", "formula", "cas", "compound_class",
           "control_status", "status_source")


def main(source: Path = CATALOGUE) -> None:
    RDLogger.DisableLog("rdApp.*")
    with open(source, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        mol = Chem.MolFromSmiles(row["smiles"])
        if mol is None:
            sys.exit(f"{row['name']}: SMILES does not parse: {row['smiles']}")
        row["inchikey"] = Chem.MolToInchiKey(mol)
        row["formula"] = CalcMolFormula(mol)
    with open(CATALOGUE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else CATALOGUE)
