"""Find a compound in a list of listed substances (the catalogue, a national schedule).

Order, as a chemist would check (structure before names): the full InChIKey, the InChIKey
skeleton (first block: stereoisomers share it, as the schedules cover stereoisomers), the CAS
number, then the name and synonyms, exactly normalised first and then by their name variants
(:mod:`nps_id.controls.names`).  A record whose InChIKey is of a salt but that carries a SMILES
is matched by the InChIKey of its largest organic fragment (RDKit).  When two listed substances
share a skeleton (ephedrine / pseudoephedrine) and the record's stereo does not decide, the first
listed is returned and the match says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from nps_id.controls.names import name_keys

_INCHIKEY = re.compile(r"^[A-Z]{14}-[A-Z]{10}-[A-Z]$")
#: Names this short (normalised) are abbreviations that several compounds share.
_SHORT_NAME = 5


def clean_cas(value: str | None) -> str | None:
    """A CAS registry number as ``1234-56-7`` when it is well formed and its check digit holds."""
    text = re.sub(r"\s+", "", str(value or ""))
    if not re.fullmatch(r"\d{2,7}-\d{2}-\d", text):
        return None
    digits = text.replace("-", "")
    body, check = digits[:-1], int(digits[-1])
    total = sum((i + 1) * int(d) for i, d in enumerate(reversed(body)))
    return text if total % 10 == check else None


def clean_inchikey(value: str | None) -> str | None:
    text = str(value or "").strip().upper()
    return text if _INCHIKEY.match(text) else None


@lru_cache(maxsize=4096)
def parent_inchikey(smiles: str) -> str | None:
    """InChIKey of the largest organic fragment of ``smiles`` (the free base of a salt), or None."""
    try:
        from rdkit import Chem, RDLogger
        from rdkit.Chem.MolStandardize import rdMolStandardize
    except ImportError:  # pragma: no cover - RDKit is a dependency
        return None
    RDLogger.DisableLog("rdApp.*")
    mol = Chem.MolFromSmiles(smiles) if smiles else None
    if mol is None or mol.GetNumAtoms() == 0:
        return None
    try:
        parent = rdMolStandardize.LargestFragmentChooser(preferOrganic=True).choose(mol)
        parent = rdMolStandardize.Uncharger().uncharge(parent)
        return Chem.MolToInchiKey(parent) or None
    except Exception:  # RDKit raises plain RuntimeErrors on odd structures
        return None


@dataclass(frozen=True)
class Match:
    """A listed substance found for a record, and how."""

    entry: Any
    #: "InChIKey", "InChIKey skeleton", "CAS", "name", "synonym" or "name variant".
    basis: str
    #: What the match leaves open (a skeleton shared by listed stereoisomers, a conflicting key).
    note: str = ""


class IdentityIndex:
    """Listed substances by full InChIKey, skeleton, CAS and name keys.

    ``entries`` need ``name``, ``synonyms``, ``inchikey`` and ``cas`` attributes.
    """

    def __init__(self, entries: Iterable[Any]):
        self.entries = list(entries)
        self._full: dict[str, Any] = {}
        self._block: dict[str, list[Any]] = {}
        self._cas: dict[str, Any] = {}
        self._exact: dict[str, Any] = {}
        variants: dict[str, set[int]] = {}
        owner: dict[int, Any] = {}
        for entry in self.entries:
            key = clean_inchikey(entry.inchikey)
            if key:
                self._full.setdefault(key, entry)
                self._block.setdefault(key[:14], []).append(entry)
            cas = clean_cas(entry.cas)
            if cas:
                self._cas.setdefault(cas, entry)
            owner[id(entry)] = entry
            for text in (entry.name, *entry.synonyms):
                keys = name_keys(text)
                if keys:
                    self._exact.setdefault(keys[0], entry)
                for variant in keys[1:]:
                    variants.setdefault(variant, set()).add(id(entry))
        # a variant shared by two substances identifies neither
        self._variant = {k: owner[next(iter(ids))] for k, ids in variants.items()
                         if len(ids) == 1 and k not in self._exact}

    def find(self, inchikey: str | None = None, cas: str | None = None, name: str | None = None,
             synonyms: Sequence[str] = (), smiles: str | None = None,
             skeleton: str | None = None) -> Match | None:
        """The listed substance of a record, or None.

        ``skeleton``: a first InChIKey block known for the record from elsewhere (the compound
        identity the search gave it, borrowed from a record of the same compound).
        """
        own_key = clean_inchikey(inchikey)
        if own_key in self._full:
            return Match(self._full[own_key], "InChIKey")
        # the free base of a salt record (or the key of a record that has a SMILES but no InChIKey)
        parent = parent_inchikey(smiles) if smiles and (own_key is None or "." in smiles) else None
        if parent in self._full:
            return Match(self._full[parent], "InChIKey")
        keys = [k for k in (own_key, parent) if k]
        shared: Match | None = None
        shared_entries: list[Any] = []
        blocks = [k[:14] for k in keys] + ([skeleton.upper()] if skeleton and len(skeleton) == 14 else [])
        for block in blocks:
            found = self._block.get(block)
            if not found:
                continue
            if len(found) == 1:
                return Match(found[0], "InChIKey skeleton")
            listed = "stereoisomers listed separately: " + ", ".join(e.name for e in found)
            if _same_status(found):
                return Match(found[0], "InChIKey skeleton", listed + " (same status)")
            if shared is None:
                shared_entries = list(found)
                shared = Match(found[0], "InChIKey skeleton", listed + " (statuses differ: resolve the stereochemistry)")
        number = clean_cas(cas)
        by_cas = self._cas.get(number) if number else None
        if by_cas is not None and (shared is None or any(by_cas is e for e in shared_entries)):
            return Match(by_cas, "CAS")
        if shared is not None:
            return shared
        for position, text in enumerate([name, *synonyms]):
            for i, key in enumerate(name_keys(text)):
                entry = self._exact.get(key) if i == 0 else (self._exact.get(key) or self._variant.get(key))
                if entry is None:
                    continue
                basis = ("name" if position == 0 else "synonym") if i == 0 else "name variant"
                note = ""
                own = clean_inchikey(entry.inchikey)
                if keys and own and all(k[:14] != own[:14] for k in keys):
                    # the record's structure says another compound: trust a full name, not a synonym
                    # or an abbreviation ("PCP" of pentachlorophenol, "MDA" of methylenedianiline)
                    if position > 0 or len(key) <= _SHORT_NAME:
                        continue
                    note = f"the record's InChIKey differs from the listed substance's ({own}): check the structure"
                return Match(entry, basis, note)
        return None


def _same_status(entries: Sequence[Any]) -> bool:
    statuses = {(getattr(e, "control_status", None) or getattr(e, "status", None),
                 getattr(e, "status_source", None) or getattr(e, "source", None)) for e in entries}
    return len(statuses) == 1
