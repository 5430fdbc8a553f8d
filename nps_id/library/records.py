"""The shared library's record format: one plain-text file per spectrum.

EI spectra are MSP records (``records/ms/<record id>.msp``), optical spectra
JCAMP-DX (``records/<technique>/<record id>.jdx``), each with the metadata
header described in ``spectra_library/SCHEMA.md``.  One file per spectrum
keeps reviews and diffs small; the files are written and read by the
ordinary NPS-ID readers/writers, so any MSP/JCAMP tool reads them too.

Beside them ``record_fields.jsonl`` holds every record's fields as typed
values (one JSON object per line: ``{"file": "records/ms/X.msp", "fields":
{...}}``).  A field that a file format cannot carry (or that a reader does
not give back) is taken from there when the bundle is read, so a record
keeps every field of the schema through a bundle or release whatever the
format of its file; what the file itself says is never overridden.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from nps_id.errors import LibraryError
from nps_id.io import read_spectra, write_spectra
from nps_id.spectrum import Spectrum
from nps_id.i18n import _

#: Header fields of a record (metadata keys), in the order SCHEMA.md lists them.
HEADER_FIELDS = ("name", "synonyms", "cas", "inchikey", "smiles", "formula", "mw", "exact_mass",
                 "compound_class", "contributor", "instrument", "method", "retention_index",
                 "retention_time", "ir_sampling", "sampling_procedure", "date", "licence", "reviewer",
                 "source_id", "comment")
#: Fields a record must have.
REQUIRED_FIELDS = ("name", "contributor", "licence", "source_id")
#: Metadata that describes where a copy came from, not the spectrum: never written.
_LOCAL_KEYS = ("source_file", "record_index", "source_line", "library_id", "library_status")
_EXTENSION = {"ms": "msp"}
#: The per-record fields file of a bundle or release.
FIELDS_FILE = "record_fields.jsonl"


def _plain(value: Any) -> Any:
    """A JSON-able copy of a metadata value (numpy scalars and arrays included)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _fields(spectrum: Spectrum) -> dict[str, Any]:
    return {k: _plain(v) for k, v in spectrum.metadata.items()
            if k not in _LOCAL_KEYS and v is not None and v != "" and v != []}


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
    """Write ``(library_id, spectrum)`` pairs as record files under ``folder/records``
    and their fields to ``folder/record_fields.jsonl``."""
    written, used = [], set()
    fields_file = open(Path(folder) / FIELDS_FILE, "w", encoding="utf-8")
    with fields_file:
        for library_id, spectrum in items:
            written += _write_record(library_id, spectrum, folder, lab, reviewer, used, fields_file)
    return written


def _write_record(library_id: int, spectrum: Spectrum, folder: Path, lab: str | None,
                  reviewer: str | None, used: set, fields_file) -> list[Path]:
    """Write one record file and its line of ``record_fields.jsonl``."""
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
    written = write_spectra([spectrum], target)
    for path in written:
        line = {"file": path.relative_to(folder).as_posix(), "technique": technique,
                "fields": _fields(spectrum)}
        fields_file.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    return written


def record_fields(folder: Path) -> dict[str, dict[str, Any]]:
    """``{str(path of a record file): its fields}`` from a bundle's ``record_fields.jsonl``
    (empty for a bundle made before it existed)."""
    folder = Path(folder)
    path = folder / FIELDS_FILE
    out: dict[str, dict[str, Any]] = {}
    if not path.is_file():
        return out
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                out[str(folder / item["file"])] = dict(item["fields"])
            except (ValueError, KeyError, TypeError):
                raise LibraryError(_("{0}, line {1}: damaged record fields").format(path, number)) from None
    return out


def complete_record(spectrum: Spectrum, fields: dict[str, Any]) -> Spectrum:
    """``spectrum`` with the fields its file did not give back filled in from ``fields``."""
    meta = spectrum.metadata
    missing = {k: v for k, v in fields.items() if meta.get(k) in (None, "", [])}
    return spectrum.with_metadata(**missing) if missing else spectrum


def record_files(folder: Path) -> list[Path]:
    root = Path(folder) / "records"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def read_records(folder: Path) -> list[Spectrum]:
    """Every record of a bundle/release folder (raises InputError for a damaged one)."""
    files = record_files(folder)
    if not files:
        raise LibraryError(f"{folder}: " + _("holds no records (records/ is empty or missing)"))
    fields = record_fields(folder)
    spectra = []
    for path in files:
        known = fields.get(str(path))
        spectra += [s if known is None else complete_record(s, known) for s in read_spectra(path)]
    return spectra
