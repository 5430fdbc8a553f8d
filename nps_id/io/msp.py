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


# How a field's value is stored: as text, appended to a list, as a number, or
# split ("CAS#: 50-36-2;  NIST#: 228012").
_TEXT, _LIST, _FLOAT, _CAS = range(4)
_KEY_CACHE: dict[str, tuple[str, str, int]] = {}


def _field_key(raw: str) -> str:
    return _key_info(raw)[0]


def _key_info(raw: str) -> tuple[str, str, int]:
    """(normalised field name, metadata key, kind); cached because field names repeat."""
    info = _KEY_CACHE.get(raw)
    if info is None:
        norm = raw.strip().lower().replace(" ", "").replace("_", "")
        key = _FIELD_MAP.get(norm)
        if key is None:
            info = (norm, raw.strip().lower().replace(" ", "_"), _TEXT)
        elif key == "synonyms":
            info = (norm, key, _LIST)
        elif key == "cas":
            info = (norm, key, _CAS)
        elif key in _FLOAT_KEYS:
            info = (norm, key, _FLOAT)
        else:
            info = (norm, key, _TEXT)
        if len(_KEY_CACHE) < 10000:
            _KEY_CACHE[raw] = info
    return info


def _set_field(meta: dict[str, Any], raw_key: str, value: str) -> None:
    _, key, kind = _key_info(raw_key)
    value = value.strip()
    if kind == _TEXT:
        meta[key] = value
    elif kind == _LIST:
        meta.setdefault(key, []).append(value)
    elif kind == _FLOAT:
        try:
            meta[key] = float(value.split()[0])
        except (ValueError, IndexError):
            meta[key + "_text"] = value
    elif ";" in value:  # NIST export: "CAS#: 50-36-2;  NIST#: 228012"
        first, _, rest = value.partition(";")
        meta["cas"] = first.strip()
        m = re.search(r"NIST#\s*:\s*(\S+)", rest)
        if m:
            meta["nistno"] = m.group(1)
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


_NOT_PLAIN_PEAKS = re.compile(r"[^0-9.\s]")


def _read_msp_fast(path: Path) -> list[Spectrum] | None:
    """Fast path for well-formed files with plain ``m/z intensity`` peak lists.

    Peak lists of the whole file are converted by one numpy call.  Returns
    None at the first thing it does not handle (annotations, other
    separators, any invalid record): the careful line parser then reads the
    file and reports the exact line of any problem.
    """
    data = path.read_bytes()
    if b"\x00" in data:
        return None
    text = decode_text(data)
    del data
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    headers: list[str] = []
    blocks: list[str] = []
    declared: list[int] = []
    position = 0
    marker = "Num Peaks:"
    start = text.find(marker)
    while start >= 0:
        if start < position or (start > 0 and text[start - 1] != "\n"):
            return None
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        count_text = text[start + len(marker):line_end].strip()
        if not count_text.isdigit():
            return None
        header = text[position:start]
        if "eaks" in header or "EAKS" in header:
            return None  # "NUM PEAKS:" and other spellings: the line parser handles them
        headers.append(header)
        end = text.find("\n\n", line_end)
        end = len(text) if end < 0 else end
        block = text[line_end + 1:end]
        if _NOT_PLAIN_PEAKS.search(block):
            return None
        blocks.append(block)
        declared.append(int(count_text))
        position = end
        start = text.find(marker, end)
    if not blocks or text[position:].strip():
        return None
    counts = np.fromiter((len(b.split()) for b in blocks), dtype=np.int64, count=len(blocks))
    declared_arr = np.asarray(declared, dtype=np.int64)
    if np.any(counts != 2 * declared_arr) or np.any(declared_arr == 0):
        return None
    values = np.fromstring(" ".join(blocks), sep=" ") if blocks else np.zeros(0)  # noqa: NPY201
    if values.size != int(counts.sum()):
        return None
    mz_all, intensity_all = values[0::2], values[1::2]
    if not (np.all(np.isfinite(values)) and np.all(mz_all > 0) and np.all(intensity_all >= 0)):
        return None
    offsets = np.concatenate([[0], np.cumsum(declared_arr)])
    if np.any(np.maximum.reduceat(intensity_all, offsets[:-1]) <= 0):
        return None
    spectra = []
    line = 1
    for index, header in enumerate(headers):
        meta: dict[str, Any] = {}
        record_line = None
        for offset, raw in enumerate(header.split("\n")):
            if not raw or raw[0] == "#" or raw.isspace():
                continue
            key, colon, value = raw.partition(":")
            if not colon or not key[:1].isalpha():
                return None
            if record_line is None:
                record_line = line + offset
            _set_field(meta, key, value)
        if not meta.get("name"):
            return None
        line += header.count("\n") + blocks[index].count("\n") + 1
        a, b = offsets[index], offsets[index + 1]
        mz, intensity = mz_all[a:b], intensity_all[a:b]
        if np.any(mz[1:] < mz[:-1]):
            order = np.argsort(mz, kind="stable")
            mz, intensity = mz[order], intensity[order]
        meta["source_file"] = str(path)
        meta["record_index"] = index
        meta["source_line"] = record_line
        if "source_id" not in meta and "nistno" in meta:
            meta["source_id"] = meta["nistno"]
        spectra.append(Spectrum(mz, intensity, "ms", "m/z", "relative abundance", meta))
    return spectra


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
    try:
        fast = _read_msp_fast(path)
    except (MemoryError, ValueError):
        fast = None
    if fast is not None:
        return fast, []
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
