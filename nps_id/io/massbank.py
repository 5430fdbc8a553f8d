"""MassBank record text (``ACCESSION:`` ... ``PK$PEAK:`` ... ``//``).

Format reference: MassBank Record Format 2.6 (MassBank consortium,
https://github.com/MassBank/MassBank-web/blob/main/Documentation/MassBankRecordFormat.md).
A file may hold several records, each ending with ``//``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from nps_id.errors import InputError
from nps_id.i18n import N_, _
from nps_id.io.registry import FileFormat, decode_text, is_text
from nps_id.spectrum import Spectrum

_LINKS = {"CAS": "cas", "INCHIKEY": "inchikey", "PUBCHEM": "pubchem", "CHEBI": "chebi",
          "KEGG": "kegg", "CHEMSPIDER": "chemspider", "NIST": "nistno"}


def _sniff(head: bytes, path: Path) -> bool:
    if not is_text(head):
        return False
    text = decode_text(head[:16384])
    return ("ACCESSION:" in text and ("CH$NAME:" in text or "PK$PEAK:" in text)) or text.lstrip().startswith("ACCESSION:")


def _read(path: Path) -> list[Spectrum]:
    text = decode_text(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    spectra: list[Spectrum] = []
    record: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() == "//":
            if record:
                spectra.append(_record(path, record, len(spectra)))
            record = []
        elif line.strip():
            record.append((number, line))
    if any(line.strip() for _number, line in record):
        if any(line.startswith("PK$PEAK:") for _number, line in record):
            spectra.append(_record(path, record, len(spectra)))  # last record without '//'
        else:
            raise InputError(path, _("record without peaks (no PK$PEAK section)"), record[0][0])
    return spectra


def _record(path: Path, lines: list[tuple[int, str]], index: int) -> Spectrum:
    meta: dict[str, Any] = {}
    names: list[str] = []
    peaks: list[tuple[float, float]] = []
    declared = None
    start = lines[0][0]
    in_peaks = False
    peak_line = start
    for number, line in lines:
        if in_peaks and line.startswith("  "):
            parts = line.split()
            try:
                mz, intensity = float(parts[0]), float(parts[1])
            except (ValueError, IndexError):
                raise InputError(path, _("bad peak line {0}").format(repr(line.strip()[:60])), number) from None
            if mz <= 0 or intensity < 0 or not np.isfinite(mz) or not np.isfinite(intensity):
                raise InputError(path, _("invalid peak {0} (m/z <= 0 or negative intensity)").format(
                    repr(line.strip()[:60])), number)
            peaks.append((mz, intensity))
            continue
        in_peaks = False
        key, _colon, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key == "ACCESSION":
            meta["source_id"] = value
        elif key == "CH$NAME":
            names.append(value)
        elif key == "CH$FORMULA":
            meta["formula"] = value
        elif key == "CH$EXACT_MASS":
            try:
                meta["exact_mass"] = float(value)
                meta["mw"] = float(round(float(value)))
            except ValueError:
                pass
        elif key == "CH$SMILES" and value.upper() != "N/A":
            meta["smiles"] = value
        elif key == "CH$IUPAC" and value.startswith("InChI="):
            meta["inchi"] = value
        elif key == "CH$COMPOUND_CLASS" and value.upper() != "N/A":
            meta["compound_class"] = value
        elif key == "CH$LINK":
            database, _space, ident = value.partition(" ")
            if database.upper() in _LINKS:
                meta[_LINKS[database.upper()]] = ident.strip()
        elif key == "LICENSE":
            meta["licence"] = value
        elif key == "AUTHORS":
            meta["contributor"] = value
        elif key == "AC$INSTRUMENT":
            meta["instrument"] = value
        elif key == "AC$INSTRUMENT_TYPE":
            meta["instrument_type"] = value
        elif key == "AC$CHROMATOGRAPHY" and value.upper().startswith(("RETENTION_INDEX", "KOVATS_RTI")):
            try:
                meta["retention_index"] = float(value.split()[1])
            except (IndexError, ValueError):
                pass
        elif key == "AC$CHROMATOGRAPHY" and value.upper().startswith("RETENTION_TIME"):
            meta["retention_time_text"] = value.split(None, 1)[-1]
        elif key == "RECORD_TITLE":
            meta["record_title"] = value
        elif key == "COMMENT":
            meta.setdefault("comment", value)
        elif key == "PK$NUM_PEAK":
            try:
                declared = int(value)
            except ValueError:
                raise InputError(path, _("PK$NUM_PEAK is not a count: {0}").format(repr(value)), number) from None
        elif key == "PK$PEAK":
            in_peaks = True
            peak_line = number
    if names:
        meta["name"] = names[0]
        if len(names) > 1:
            meta["synonyms"] = names[1:]
    if not meta.get("name"):
        raise InputError(path, _("record without CH$NAME"), start)
    if not peaks:
        raise InputError(path, _("record {0} has no peaks").format(repr(meta["name"])), peak_line)
    if declared is not None and declared != len(peaks):
        raise InputError(path, _("record {0} declares {1} peaks but has {2}").format(
            repr(meta["name"]), declared, len(peaks)), peak_line)
    arr = np.asarray(peaks)
    order = np.argsort(arr[:, 0], kind="stable")
    meta.update(source_file=str(path), record_index=index, source_line=start)
    return Spectrum(arr[order, 0], arr[order, 1], "ms", "m/z", "relative abundance", meta)


FORMAT = FileFormat(
    name="massbank",
    description=N_("MassBank record"),
    extensions=("txt",),
    sniff=_sniff,
    read=_read,
    priority=21,
)
