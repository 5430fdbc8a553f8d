"""The compound catalogue: NPS classes and controlled precursors with their control status.

``lookup(inchikey=..., name=..., cas=...)`` finds a compound by the first
InChIKey block (the skeleton: stereoisomers and salts' parents match), by a
normalised name or synonym, or by CAS number, so a search hit on a catalogued
compound can show its class and control status and the source of that status.
The data is ``spectra_library/catalogue.csv`` (InChIKeys computed from the
SMILES with RDKit by ``spectra_library/build_catalogue.py``).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve()
_CANDIDATES = (
    _HERE.parents[2] / "spectra_library" / "catalogue.csv",  # source tree
)


@dataclass(frozen=True)
class CatalogueEntry:
    name: str
    synonyms: tuple[str, ...]
    inchikey: str
    smiles: str
    formula: str
    cas: str
    compound_class: str
    control_status: str
    status_source: str


def normalise_name(name: str) -> str:
    """Lower case, Greek letters spelt out, only a-z and 0-9 kept ("α-PVP" == "alpha-pvp")."""
    text = str(name).lower().replace("α", "alpha").replace("β", "beta").replace(".alpha.", "alpha")
    return re.sub(r"[^a-z0-9]", "", text)


def catalogue_path() -> Path:
    for path in _CANDIDATES:
        if path.is_file():
            return path
    try:  # installed: spectra_library/ is the package nps_id_spectra_library
        import nps_id_spectra_library
        return Path(nps_id_spectra_library.__file__).with_name("catalogue.csv")
    except ImportError:
        return _CANDIDATES[0]


@lru_cache(maxsize=1)
def entries() -> tuple[CatalogueEntry, ...]:
    """Every catalogue entry (read once)."""
    path = catalogue_path()
    if not path.is_file():
        return ()
    with open(path, newline="", encoding="utf-8") as handle:
        return tuple(CatalogueEntry(
            row["name"], tuple(s for s in row["synonyms"].split("|") if s), row["inchikey"],
            row["smiles"], row["formula"], row["cas"], row["compound_class"],
            row["control_status"], row["status_source"]) for row in csv.DictReader(handle))


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict, dict, dict]:
    by_block, by_name, by_cas = {}, {}, {}
    for entry in entries():
        by_block.setdefault(entry.inchikey[:14], entry)
        for name in (entry.name, *entry.synonyms):
            by_name.setdefault(normalise_name(name), entry)
        if entry.cas:
            by_cas[entry.cas] = entry
    return by_block, by_name, by_cas


def lookup(inchikey: str | None = None, name: str | None = None,
           cas: str | None = None) -> CatalogueEntry | None:
    """The catalogue entry of a compound, or None.  InChIKey wins over CAS over name."""
    by_block, by_name, by_cas = _indexes()
    if inchikey:
        found = by_block.get(inchikey.strip().upper()[:14])
        if found:
            return found
    if cas and cas.strip() in by_cas:
        return by_cas[cas.strip()]
    if name:
        return by_name.get(normalise_name(name))
    return None
