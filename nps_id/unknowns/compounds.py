"""Which library records are one compound.

A hit list must not split one compound by its names ("Ethyl acetate" and
"ACETIC ACID, ETHYL ESTER" share a CAS number) nor merge two.  The identity of
a compound is the first InChIKey block (the skeleton: stereoisomers and salts'
parents share it), else the CAS number, else the normalised name.  Records
without an InChIKey borrow one from any record of the same library that
shares their CAS number, name or a synonym (as the public benchmark's compound
keys are built), so "PARA-CRESOL" and "p-Cresol" are one compound when either
carries the InChIKey.
"""
from __future__ import annotations

import re

from nps_id.library.catalogue import normalise_name

_memory: dict[str, tuple[int, "CompoundKeys"]] = {}


def _cas(value: str | None) -> str | None:
    text = re.sub(r"\s+", "", value or "")
    return text if re.fullmatch(r"\d{2,7}-\d{2}-\d", text) else None


class CompoundKeys:
    """Compound identity of library records: ``key(inchikey, cas, name, synonyms)``."""

    def __init__(self, rows=()):
        self._alias: dict[str, str] = {}
        for name, synonyms, inchikey, cas in rows:
            if not inchikey:
                continue
            target = "IK:" + inchikey[:14].upper()
            for alias in self._aliases(name, synonyms, cas):
                self._alias.setdefault(alias, target)

    @staticmethod
    def _aliases(name: str, synonyms, cas: str | None) -> list[str]:
        out = []
        number = _cas(cas)
        if number:
            out.append("CAS:" + number)
        for text in [name, *(synonyms or [])]:
            normal = normalise_name(text)
            if normal:
                out.append("NM:" + normal)
        return out

    def key(self, inchikey: str | None, cas: str | None, name: str, synonyms=()) -> str:
        """The compound key: ``IK:`` skeleton, else ``CAS:``, else ``NM:`` normalised name."""
        if inchikey:
            return "IK:" + inchikey[:14].upper()
        aliases = self._aliases(name, synonyms, cas)
        for alias in aliases:
            if alias in self._alias:
                return self._alias[alias]
        return aliases[0] if aliases else "NM:"


def compound_keys(library) -> CompoundKeys:
    """The compound identities of ``library`` (read once per library revision)."""
    location = str(getattr(library, "location", id(library)))
    revision = library.revision()
    cached = _memory.get(location)
    if cached and cached[0] == revision:
        return cached[1]
    keys = CompoundKeys(library.identity_rows())
    _memory[location] = (revision, keys)
    return keys
