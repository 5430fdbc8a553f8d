"""The compound catalogue: drugs, NPS and precursors with their international control status.

``lookup(inchikey=..., name=..., cas=...)`` finds a compound by its InChIKey
(full, then the first block: the skeleton, so stereoisomers match), then by CAS
number, then by name or synonym, exactly normalised and then by name variants
("2-furanyl fentanyl" / "furanylfentanyl" via a listed synonym, "cocaine HCl" /
"cocaine", "p-fluorofentanyl" / "4-fluorofentanyl"; see
:mod:`nps_id.controls.matching`), so a search hit on a catalogued compound can
show its class, its control status, the source of that status and its date.
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
    #: Year (or date) of the listing, e.g. the CND decision; "" when not known or an original listing.
    status_date: str = ""


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
            row["control_status"], row["status_source"], row.get("status_date") or "")
            for row in csv.DictReader(handle))


@lru_cache(maxsize=1)
def _index():
    from nps_id.controls.matching import IdentityIndex  # controls builds on this module's names

    return IdentityIndex(entries())


def match(inchikey: str | None = None, name: str | None = None, cas: str | None = None,
          synonyms=(), smiles: str | None = None, skeleton: str | None = None):
    """The catalogue entry of a compound with how it was found
    (:class:`nps_id.controls.matching.Match`), or None."""
    return _index().find(inchikey=inchikey, cas=cas, name=name, synonyms=tuple(synonyms or ()),
                         smiles=smiles, skeleton=skeleton)


def lookup(inchikey: str | None = None, name: str | None = None,
           cas: str | None = None, synonyms=(), smiles: str | None = None) -> CatalogueEntry | None:
    """The catalogue entry of a compound, or None: InChIKey, then CAS, then name, synonyms and
    their variants."""
    found = match(inchikey=inchikey, name=name, cas=cas, synonyms=synonyms, smiles=smiles)
    return found.entry if found else None
