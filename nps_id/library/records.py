"""The shared library's record format: one plain-text file per spectrum.

EI spectra are MSP records (``records/ms/<record id>.msp``), optical spectra
JCAMP-DX (``records/<technique>/<record id>.jdx``), each with the metadata
header described in ``spectra_library/SCHEMA.md``.  One file per spectrum
keeps reviews and diffs small; the files are written and read by the
ordinary NPS-ID readers/writers, so any MSP/JCAMP tool reads them too.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Iterable

from nps_id.errors import LibraryError
from nps_id.io import read_spectra, write_spectra
from nps_id.spectrum import Spectrum

#: Header fields of a record (metadata keys), in the order SCHEMA.md lists them.
HEADER_FIELDS = ("name", "synonyms", "inchikey", "smiles", "formula", "mw", "compound_class",
                 "contributor", "instrument", "method", "date", "licence", "reviewer", "source_id")
#: Fields a record must have.
REQUIRED_FIELDS = ("name", "contributor", "licence", "source_id")
#: Metadata that describes where a copy came from, not the spectrum: never written.
_LOCAL_KEYS = ("source_file", "record_index", "source_line", "library_id", "library_status")
_EXTENSION = {"ms": "msp"}


def record_id(spectrum: Spectrum, fallback: str) -> str:
    """A file-name-safe, stable id: the source id (DB#) when present."""
    raw = str(spectrum.get("source_id") or fallback)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", raw).strip("._") or fallback
    return safe[:120]


def as_record(spectrum: Spectrum, lab: str | None = None, reviewer: str | None = None,
              record_date: str | None = None) -> Spectrum:
    """The spectrum with its record header filled in and local provenance removed."""
    updates = {key: None for key in _LOCAL_KEYS}
    if lab and not spectrum.get("contributor"):
        updates["contributor"] = lab
    if reviewer:
        updates["reviewer"] = reviewer
    if not spectrum.get("date"):
        updates["date"] = record_date or date.today().isoformat()
    return spectrum.with_metadata(**updates)


def write_records(items: Iterable[tuple[int, Spectrum]], folder: Path, lab: str | None = None,
                  reviewer: str | None = None) -> list[Path]:
    """Write ``(library_id, spectrum)`` pairs as record files under ``folder/records``."""
    written, used = [], set()
    for library_id, spectrum in items:
        technique = spectrum.technique
        rid = record_id(spectrum, f"{lab or 'lib'}-{library_id}")
        if (technique, rid) in used:
            rid = f"{rid}-{library_id}"
        used.add((technique, rid))
        spectrum = as_record(spectrum, lab, reviewer)
        if not spectrum.get("source_id"):
            spectrum = spectrum.with_metadata(source_id=rid)
        target = folder / "records" / technique / f"{rid}.{_EXTENSION.get(technique, 'jdx')}"
        target.parent.mkdir(parents=True, exist_ok=True)
        written += write_spectra([spectrum], target)
    return written


def record_files(folder: Path) -> list[Path]:
    root = Path(folder) / "records"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def read_records(folder: Path) -> list[Spectrum]:
    """Every record of a bundle/release folder (raises InputError for a damaged one)."""
    files = record_files(folder)
    if not files:
        raise LibraryError(f"{folder}: holds no records (records/ is empty or missing)")
    spectra = []
    for path in files:
        spectra += read_spectra(path)
    return spectra
