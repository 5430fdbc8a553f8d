"""Fill in InChIKey and formula of catalogue.csv from its SMILES with RDKit (never typed by hand),
and check the catalogue before it is committed.

    python spectra_library/build_catalogue.py   # rewrites catalogue.csv in place; exits 1 on a problem

Checks: every row has a name, a SMILES that parses, a known control status and, for a controlled
substance or precursor, its source; a CAS number is well formed and its check digit holds; a
status date is ISO (YYYY, YYYY-MM or YYYY-MM-DD); no two entries share a normalised name or
synonym, a CAS number or a full InChIKey; entries that share an InChIKey skeleton (stereoisomers,
e.g. ephedrine / pseudoephedrine) are listed as a note.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from rdkit import Chem, RDLogger
from rdkit.Chem.rdMolDescriptors import CalcMolFormula

CATALOGUE = Path(__file__).with_name("catalogue.csv")
COLUMNS = ("name", "synonyms", "inchikey", "smiles", "formula", "cas", "compound_class",
           "control_status", "status_source", "status_date")
#: The international statuses a row may carry (see spectra_library/SCHEMA.md).
STATUSES = (
    "controlled substance",
    "controlled precursor",
    "not under international control",
    "INCB limited international special surveillance list (not scheduled)",
    "not confirmed as internationally controlled here; check national law",
    "not confirmed as internationally controlled here; check the current INCB Red List and national law",
)
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _normal(name: str) -> str:
    text = name.lower().replace("α", "alpha").replace("β", "beta").replace("δ", "delta").replace("Δ", "delta")
    return re.sub(r"[^a-z0-9]", "", text.replace(".alpha.", "alpha"))


def _cas_ok(cas: str) -> bool:
    if not re.fullmatch(r"\d{2,7}-\d{2}-\d", cas):
        return False
    digits = cas.replace("-", "")
    return sum((i + 1) * int(d) for i, d in enumerate(reversed(digits[:-1]))) % 10 == int(digits[-1])


def check_and_fill(rows: list[dict]) -> tuple[list[str], list[str]]:
    """Fill InChIKey and formula in place; return (problems, notes)."""
    problems, notes = [], []
    names: dict[str, str] = {}
    cas_seen: dict[str, str] = {}
    keys: dict[str, str] = {}
    blocks: dict[str, list[str]] = {}
    for line, row in enumerate(rows, start=2):
        name = (row.get("name") or "").strip()
        where = f"line {line} ({name or 'no name'})"
        if not name:
            problems.append(f"{where}: no name")
            continue
        mol = Chem.MolFromSmiles(row.get("smiles") or "")
        if mol is None or mol.GetNumAtoms() == 0:
            problems.append(f"{where}: SMILES does not parse: {row.get('smiles')!r}")
            continue
        row["inchikey"] = Chem.MolToInchiKey(mol)
        row["formula"] = CalcMolFormula(mol)
        status = row.get("control_status", "")
        if status not in STATUSES:
            problems.append(f"{where}: unknown control status {status!r}")
        if status.startswith("controlled") and not row.get("status_source"):
            problems.append(f"{where}: a controlled entry needs its source")
        date = row.get("status_date") or ""
        if date and not _DATE.match(date):
            problems.append(f"{where}: status date {date!r} is not ISO")
        cas = (row.get("cas") or "").strip()
        if cas:
            if not _cas_ok(cas):
                problems.append(f"{where}: CAS {cas} is malformed or fails its check digit")
            elif cas in cas_seen:
                problems.append(f"{where}: CAS {cas} also on {cas_seen[cas]}")
            cas_seen[cas] = name
        for text in [name, *(s for s in (row.get("synonyms") or "").split("|") if s)]:
            key = _normal(text)
            if key in names and names[key] != name:
                problems.append(f"{where}: name {text!r} also names {names[key]}")
            names[key] = name
        if row["inchikey"] in keys:
            problems.append(f"{where}: same structure as {keys[row['inchikey']]}")
        keys[row["inchikey"]] = name
        blocks.setdefault(row["inchikey"][:14], []).append(name)
    for block, members in blocks.items():
        if len(members) > 1:
            notes.append(f"InChIKey skeleton {block} shared by {', '.join(members)} (stereoisomers)")
    return problems, notes


def main(source: Path = CATALOGUE) -> int:
    RDLogger.DisableLog("rdApp.*")
    with open(source, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    problems, notes = check_and_fill(rows)
    for note in notes:
        print(f"note: {note}")
    if problems:
        for problem in problems:
            print(f"{source}: {problem}", file=sys.stderr)
        return 1
    with open(CATALOGUE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    print(f"{CATALOGUE}: {len(rows)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CATALOGUE))
