"""The control status of a library compound: international (the catalogue) and national.

:func:`control_status` matches a record against the compound catalogue
(:mod:`nps_id.library.catalogue`: UN 1961/1971 schedules, 1988 Convention tables, INCB
special surveillance) and, when a jurisdiction is chosen, against that jurisdiction's national
schedule (:mod:`nps_id.controls.schedules`).  "Not in catalogue" (the catalogue does not know
the compound: no statement either way) is kept apart from "not under international control"
(the catalogue knows the compound and that no convention lists it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from nps_id.library.catalogue import match as catalogue_match

#: Environment variable naming the lab's jurisdiction (ISO 3166 code, e.g. ``KZ``).
JURISDICTION_ENV = "NPS_ID_JURISDICTION"
#: What a hit shows when the catalogue does not know its compound.
NOT_IN_CATALOGUE = "not in catalogue"


def current_jurisdiction(explicit: str | None = None) -> str | None:
    """The jurisdiction to report: ``explicit``, else ``$NPS_ID_JURISDICTION``; None for none
    ("" or "none" mean international status only)."""
    value = explicit if explicit is not None else os.environ.get(JURISDICTION_ENV, "")
    value = (value or "").strip().upper()
    return None if value in ("", "NONE", "INTERNATIONAL", "UN") else value


@dataclass
class ControlStatus:
    """International and (optionally) national control status of one compound."""

    in_catalogue: bool
    catalogue_name: str | None = None
    #: How the catalogue entry was found: InChIKey, InChIKey skeleton, CAS, name, synonym, name variant.
    matched_by: str | None = None
    match_note: str = ""
    status: str = NOT_IN_CATALOGUE
    source: str = ""
    date: str = ""
    jurisdiction: str | None = None
    #: The national schedule's entry; None when no jurisdiction is chosen.
    national_status: str | None = None
    national_source: str = ""
    national_date: str = ""
    national_matched_by: str | None = None
    #: The catalogue's class of the compound ("fentanyl analogue", "precursor (MDMA)"…).
    compound_class: str | None = None

    @property
    def kind(self) -> str:
        """``controlled``, ``not_controlled``, ``unconfirmed``, ``surveillance`` or ``not_in_catalogue``
        (international), ``controlled`` as well when the national schedule lists the compound."""
        if self.national_status and self.national_matched_by:
            return "controlled"
        return status_kind(self.status)

    def summary(self) -> str:
        """One line for a hit table: international status with its source and date, then national."""
        if self.in_catalogue:
            text = self.status + (f" — {self.source}" if self.source else "")
            if self.date and self.date not in self.source:
                text += f", {self.date}"
        else:
            text = NOT_IN_CATALOGUE
        if self.jurisdiction:
            if self.national_matched_by:
                national = self.national_status + (f" ({self.national_source}" + (
                    f", {self.national_date}" if self.national_date else "") + ")" if self.national_source else "")
            elif self.national_status:
                national = self.national_status
            else:
                national = "not listed"
            text += f" | {self.jurisdiction}: {national}"
        return text

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}  # all plain values: no deep copy
        out["kind"] = self.kind
        out["summary"] = self.summary()
        return out


def status_kind(status: str | None) -> str:
    """The kind of an international status text (see :attr:`ControlStatus.kind`)."""
    text = (status or "").strip().lower()
    if not text or text == NOT_IN_CATALOGUE:
        return "not_in_catalogue"
    if text.startswith("not confirmed"):
        return "unconfirmed"
    if "surveillance" in text:
        return "surveillance"
    if text.startswith("not "):
        return "not_controlled"
    if text.startswith("controlled"):
        return "controlled"
    return "unconfirmed"


def summary_kind(summary: str | None) -> str:
    """The kind of a hit's one-line control summary (for colouring a table cell)."""
    text = (summary or "").strip()
    if " | " in text:
        international, national = text.split(" | ", 1)
        if not national.split(": ", 1)[-1].startswith(("not listed", "no schedule")):
            return "controlled"
        text = international
    return status_kind(text.split(" — ", 1)[0])


@lru_cache(maxsize=65536)
def _catalogue_match(inchikey, cas, name, synonyms, smiles, skeleton):
    """The catalogue match of one record (the catalogue is read once, so hits repeated across queries
    are matched once)."""
    return catalogue_match(inchikey=inchikey, name=name, cas=cas, synonyms=synonyms, smiles=smiles,
                           skeleton=skeleton)


def control_status(inchikey: str | None = None, cas: str | None = None, name: str | None = None,
                   synonyms=(), smiles: str | None = None, skeleton: str | None = None,
                   jurisdiction: str | None = None, library=None) -> ControlStatus:
    """The control status of one compound, matched by InChIKey, skeleton, CAS, then names.

    ``skeleton``: a first InChIKey block known for the compound from other records of its
    library (:mod:`nps_id.unknowns.compounds`).  ``jurisdiction``: an ISO code whose national
    schedule (shipped with NPS-ID or imported into ``library``) is consulted as well.
    """
    found = _catalogue_match(inchikey or None, cas or None, name or None, tuple(synonyms or ()), smiles or None,
                             skeleton or None)
    if found is None:
        result = ControlStatus(in_catalogue=False)
    else:
        entry = found.entry
        result = ControlStatus(True, entry.name, found.basis, found.note, entry.control_status,
                               entry.status_source, entry.status_date, compound_class=entry.compound_class or None)
    if jurisdiction:
        from nps_id.controls.schedules import national_schedule

        result.jurisdiction = jurisdiction
        schedule = national_schedule(jurisdiction, library)
        if schedule is None:
            result.national_status = "no schedule imported for this jurisdiction"
        else:
            national = schedule.index.find(inchikey=inchikey, cas=cas, name=name, synonyms=tuple(synonyms or ()),
                                           smiles=smiles, skeleton=skeleton)
            basis = national.basis if national is not None else None
            if national is None and found is not None and found.entry.inchikey:
                # a record known by name only: the catalogue gave it a structure, which the schedule may list
                national = schedule.index.find(inchikey=found.entry.inchikey, cas=found.entry.cas)
                basis = f"{national.basis} of catalogue entry {found.entry.name}" if national is not None else None
            if national is not None:
                result.national_status = national.entry.status
                result.national_source = national.entry.source
                result.national_date = national.entry.date
                result.national_matched_by = basis
    return result


def apply_controls(hits, library=None, jurisdiction: str | None = None) -> None:
    """Set ``control_status`` (one line) and ``control`` (details) on every hit; fill a missing class.

    ``jurisdiction``: None reads ``$NPS_ID_JURISDICTION``.
    """
    code = current_jurisdiction(jurisdiction)
    keys = None
    if library is not None:
        try:
            from nps_id.unknowns.compounds import compound_keys

            keys = compound_keys(library)
        except Exception:  # a library without identity rows (a test double): match without borrowing
            keys = None
    for hit in hits:
        skeleton = None
        compound = getattr(hit, "compound_id", None)
        if compound is None and keys is not None:
            compound = keys.key(hit.inchikey, hit.cas, hit.name or "", hit.synonyms or ())
        if compound and compound.startswith("IK:"):
            skeleton = compound[3:]
        status = control_status(hit.inchikey, hit.cas, hit.name, hit.synonyms or (), hit.smiles, skeleton,
                                code, library)
        hit.control_status = status.summary()
        hit.control = status.to_dict()
        hit.compound_class = hit.compound_class or status.compound_class
