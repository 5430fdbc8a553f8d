"""NIST MSP (text) mass-spectral libraries, in their real-world variants.

Handles ``Num Peaks:`` followed by (m/z, intensity) pairs separated by spaces,
tabs, commas, colons or semicolons, one or several pairs per line, quoted peak
annotations, ``Synon:``/``Synonym:``, ``DB#``, ``NISTNO``, ``CAS#`` (also the NIST
export form ``CAS#: 50-36-2;  NIST#: 228012``), ``#`` comment lines, CRLF line
ends and Latin-1 files.  Reference: NIST MS Search user guide, "MSP format"
(NIST Mass Spectral Search Program for the NIST/EPA/NIH library, v2.4).
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np

from nps_id.errors import InputError
from nps_id.io.registry import FileFormat, decode_text, is_text
from nps_id.spectrum import Spectrum

#: Lines longer than this are not MSP (guards against runaway parsing of junk).
MAX_LINE_CHARS = 1_000_000

# MSP field name (lower case, without spaces/underscores) -> metadata key.
_FIELD_MAP = {
    "name": "name",
    "synon": "synonyms",
    "synonym": "synonyms",
    "synonyms": "synonyms",
    "db#": "source_id",
    "db": "source_id",
    "id": "source_id",
    "nistno": "nistno",
    "nist#": "nistno",
    "cas#": "cas",
    "casno": "cas",
    "cas": "cas",
    "formula": "formula",
    "mw": "mw",
    "exactmass": "exact_mass",
    "inchikey": "inchikey",
    "smiles": "smiles",
    "inchi": "inchi",
    "contributor": "contributor",
    "license": "licence",
    "licence": "licence",
    "instrument": "instrument",
    "instrumenttype": "instrument_type",
    "ionizationenergy": "ionization_energy",
    "comment": "comment",
    "comments": "comment",
    "ri": "retention_index",
    "retentionindex": "retention_index",
    "rt": "retention_time",
    "retentiontime": "retention_time",
    "class": "compound_class",
    "compoundclass": "compound_class",
}
_FLOAT_KEYS = {"mw", "exact_mass", "retention_index", "retention_time"}
_SEPARATORS = re.compile(r"[\s,;:]+")
_ANNOTATION = re.compile(r'"[^"]*"|\([^)]*\)|\[[^\]]*\]')
_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_#$ /.\-]*?)\s*:\s?(.*)$")


def _sniff(head: bytes, path: Path) -> bool:
    if not is_text(head):
        return False
    text = decode_text(head[:16384]).lstrip("\ufeff")
    lower = text.lower()
    return bool(re.search(r"^\s*name\s*:", lower, re.M)) and "num peaks" in lower


def _field_key(raw: str) -> str:
    return raw.strip().lower().replace(" ", "").replace("_", "")


def _set_field(meta: dict[str, Any], raw_key: str, value: str) -> None:
    value = value.strip()
    norm = _field_key(raw_key)
    key = _FIELD_MAP.get(norm)
    if key is None:
        meta[raw_key.strip().lower().replace(" ", "_")] = value
        return
    if key == "synonyms":
        meta.setdefault("synonyms", []).append(value)
    elif key == "cas" and ";" in value:
        # NIST export: "CAS#: 50-36-2;  NIST#: 228012"
        first, _, rest = value.partition(";")
        meta["cas"] = first.strip()
        m = re.search(r"NIST#\s*:\s*(\S+)", rest)
        if m:
            meta["nistno"] = m.group(1)
    elif key in _FLOAT_KEYS:
        try:
            meta[key] = float(value.split()[0])
        except (ValueError, IndexError):
            meta[key + "_text"] = value
    else:
        meta[key] = value


class _Record:
    __slots__ = ("meta", "mz", "intensity", "declared", "start_line", "peak_line")

    def __init__(self, start_line: int):
        self.meta: dict[str, Any] = {}
        self.mz: list[float] = []
        self.intensity: list[float] = []
        self.declared: int | None = None
        self.start_line = start_line
        self.peak_line = start_line


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered lines, decoded per line (UTF-8, else Latin-1), CR/LF stripped."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if len(raw) > MAX_LINE_CHARS:
                raise InputError(path, f"line of {len(raw):,} characters: not an MSP file", number)
            if b"\x00" in raw:
                raise InputError(path, "binary data (NUL byte) in a text library", number)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("latin-1")
            yield number, line.rstrip("\r\n").lstrip("\ufeff")


def _parse_peaks(text: str, record: _Record, path: Path, number: int) -> None:
    if '"' in text or "(" in text or "[" in text:
        text = _ANNOTATION.sub(" ", text)
    tokens = [t for t in _SEPARATORS.split(text) if t]
    if len(tokens) % 2:
        raise InputError(path, f"odd number of values in peak line {text.strip()[:60]!r}", number)
    try:
        values = [float(t) for t in tokens]
    except ValueError:
        bad = next(t for t in tokens if not _is_float(t))
        raise InputError(path, f"non-numeric peak value {bad[:40]!r}", number) from None
    record.mz.extend(values[0::2])
    record.intensity.extend(values[1::2])


def _is_float(token: str) -> bool:
    try:
        float(token)
        return True
    except ValueError:
        return False


def _finish(record: _Record, path: Path, index: int) -> Spectrum:
    name = record.meta.get("name")
    where = record.start_line
    if not name:
        raise InputError(path, "record without a Name: field", where)
    if record.declared is None:
        raise InputError(path, f"record {name!r} has no 'Num Peaks:' line", where)
    if len(record.mz) != record.declared:
        raise InputError(
            path,
            f"record {name!r} declares {record.declared} peaks but has {len(record.mz)} (truncated or damaged record)",
            record.peak_line,
        )
    if record.declared == 0:
        raise InputError(path, f"record {name!r} has no peaks", where)
    mz = np.asarray(record.mz, dtype=float)
    intensity = np.asarray(record.intensity, dtype=float)
    if not (np.all(np.isfinite(mz)) and np.all(np.isfinite(intensity))):
        raise InputError(path, f"record {name!r} has non-finite peak values", record.peak_line)
    if np.any(mz <= 0):
        raise InputError(path, f"record {name!r} has an m/z <= 0", record.peak_line)
    if np.any(intensity < 0):
        raise InputError(path, f"record {name!r} has a negative intensity", record.peak_line)
    if not np.any(intensity > 0):
        raise InputError(path, f"record {name!r} has only zero intensities", record.peak_line)
    order = np.argsort(mz, kind="stable")
    meta = record.meta
    meta["source_file"] = str(path)
    meta["record_index"] = index
    meta["source_line"] = where
    if "source_id" not in meta and "nistno" in meta:
        meta["source_id"] = meta["nistno"]
    return Spectrum(mz[order], intensity[order], "ms", "m/z", "relative abundance", meta)


def read_msp(path: str | Path, skip_invalid: bool = False) -> tuple[list[Spectrum], list[InputError]]:
    """Read every record of an MSP file.

    Parameters
    ----------
    path
        The MSP file.
    skip_invalid
        When False (default) the first invalid record raises
        :class:`~nps_id.errors.InputError` naming the file, line and reason.
        When True, invalid records are skipped and returned as problems.

    Returns
    -------
    spectra, problems
    """
    path = Path(path)
    spectra: list[Spectrum] = []
    problems: list[InputError] = []
    record: _Record | None = None
    in_peaks = False
    failed = False  # the current record already failed (skip mode)

    def close() -> None:
        nonlocal record, failed
        if record is not None and not failed:
            try:
                spectra.append(_finish(record, path, len(spectra) + len(problems)))
            except InputError as exc:
                if not skip_invalid:
                    raise
                problems.append(exc)
        record, failed = None, False

    def fail(exc: InputError) -> None:
        nonlocal failed
        if not skip_invalid:
            raise exc
        problems.append(exc)
        failed = True

    for number, line in _lines(path):
        stripped = line.strip()
        if not stripped:
            if in_peaks and record is not None and not failed and record.declared is not None and len(record.mz) < record.declared:
                continue  # blank line inside a peak list (seen in some exports)
            if record is not None and (in_peaks or record.declared is not None):
                close()
                in_peaks = False
            continue
        if stripped.startswith("#"):
            continue
        if in_peaks and record is not None:
            field = _FIELD.match(line)
            starts_record = field is not None and _field_key(field.group(1)) == "name"
            complete = record.declared is not None and len(record.mz) >= record.declared
            if starts_record or ((complete or failed) and field is not None and not _is_float(stripped.split()[0])):
                # next record started without a blank line
                close()
                in_peaks = False
            else:
                if not failed:
                    try:
                        _parse_peaks(stripped, record, path, number)
                    except InputError as exc:
                        fail(exc)
                continue
        match = _FIELD.match(line)
        if not match:
            exc = InputError(path, f"unexpected line {stripped[:60]!r} (expected 'Field: value')", number)
            if record is None:
                if skip_invalid:
                    problems.append(exc)
                    continue
                raise exc
            if not failed:
                fail(exc)
            continue
        key, value = match.group(1), match.group(2)
        norm = _field_key(key)
        if norm == "name":
            close()
            record = _Record(number)
        elif record is None:
            record = _Record(number)  # fields before the first Name: (Name comes later)
        if norm == "numpeaks":
            try:
                declared = int(value.strip())
                if declared < 0:
                    raise ValueError
            except ValueError:
                fail(InputError(path, f"'Num Peaks' is not a count: {value.strip()[:40]!r}", number))
                in_peaks = True
                continue
            record.declared = declared
            record.peak_line = number
            in_peaks = True
            continue
        _set_field(record.meta, key, value)
    if record is not None:
        close()
    if not spectra and not problems:
        raise InputError(path, "no MSP records found")
    return spectra, problems


def _read(path: Path) -> list[Spectrum]:
    return read_msp(path)[0]


def _format_number(value: float) -> str:
    if math.isfinite(value) and value == int(value):
        return str(int(value))
    return f"{value:.6g}"


_WRITE_ORDER = (
    ("name", "Name"), ("synonyms", "Synon"), ("formula", "Formula"), ("mw", "MW"),
    ("exact_mass", "ExactMass"), ("cas", "CAS#"), ("nistno", "NISTNO"), ("inchikey", "InChIKey"),
    ("smiles", "SMILES"), ("inchi", "InChI"), ("source_id", "DB#"), ("compound_class", "Class"),
    ("retention_index", "RI"), ("retention_time", "RT"), ("instrument", "Instrument"),
    ("instrument_type", "Instrument_type"), ("ionization_energy", "Ionization_energy"),
    ("contributor", "Contributor"), ("licence", "License"), ("comment", "Comments"),
)
_NOT_WRITTEN = {"source_file", "record_index", "source_line", "library_id"}


def format_msp_record(spectrum: Spectrum) -> str:
    """One MSP record (ending with a blank line) for an EI spectrum."""
    lines = []
    meta = spectrum.metadata
    written = set(_NOT_WRITTEN)
    for key, label in _WRITE_ORDER:
        value = meta.get(key)
        written.add(key)
        if value in (None, "", []):
            continue
        if key == "synonyms":
            lines.extend(f"Synon: {s}" for s in value)
        elif isinstance(value, float):
            lines.append(f"{label}: {_format_number(value)}")
        else:
            lines.append(f"{label}: {_single_line(value)}")
    if not meta.get("name"):
        lines.insert(0, "Name: unnamed")
    for key, value in meta.items():
        if key in written or value in (None, "") or isinstance(value, (list, dict)):
            continue
        lines.append(f"{key}: {_single_line(value)}")
    lines.append(f"Num Peaks: {len(spectrum)}")
    lines.extend(f"{_format_number(m)} {_format_number(i)}" for m, i in zip(spectrum.x, spectrum.y))
    return "\n".join(lines) + "\n\n"


def _single_line(value: Any) -> str:
    # keep the text verbatim (names may hold double spaces); only line breaks would break the record
    return str(value).replace("\r", " ").replace("\n", " ")


def write_msp(spectra: Sequence[Spectrum], path: Path) -> list[Path]:
    """Write EI spectra to one MSP file (UTF-8)."""
    path = Path(path)
    not_ms = [s.name or "?" for s in spectra if s.technique != "ms"]
    if not_ms:
        raise InputError(path, f"MSP holds mass spectra only; {len(not_ms)} spectra are not MS (e.g. {not_ms[0]!r})")
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for spectrum in spectra:
            handle.write(format_msp_record(spectrum))
    return [path]


FORMAT = FileFormat(
    name="msp",
    description="NIST MSP mass-spectral library",
    extensions=("msp", "mspepsearch", "txt"),
    sniff=_sniff,
    read=_read,
    write=write_msp,
    write_extensions=("msp",),
    priority=20,
)
