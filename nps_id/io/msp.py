"""NIST MSP (text) mass-spectral libraries, in their real-world variants.

Handles ``Num Peaks:`` followed by (m/z, intensity) pairs separated by spaces,
tabs, commas, colons or semicolons, one or several pairs per line, quoted peak
annotations, ``Synon:``/``Synonym:``, ``DB#``, ``NISTNO``, ``CAS#`` (also the NIST
export form ``CAS#: 50-36-2;  NIST#: 228012``), ``#`` comment lines, CRLF line
ends, and files in UTF-16 or an 8-bit code page (Windows-1252, -1251, KOI8-R...:
see :mod:`nps_id.io.encoding`).  Reference: NIST MS Search user guide, "MSP format"
(NIST Mass Spectral Search Program for the NIST/EPA/NIH library, v2.4).
"""
from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator, NamedTuple, Sequence

import numpy as np

from nps_id.errors import InputError
from nps_id.i18n import N_, _
from nps_id.io.encoding import code_page, decode, wide_encoding
from nps_id.io.registry import FileFormat, decode_text, is_text, output_file
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
_ANNOTATION_OPENER = re.compile(r'["(\[]')
_ANNOTATION_CLOSER = {'"': '"', "(": ")", "[": "]"}
_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_#$ /.\-]*")


def _field(line: str) -> tuple[str, str] | None:
    """(name, value) of a ``Name: value`` line, else None.

    The same as the pattern ``^\\s*([A-Za-z][A-Za-z0-9_#$ /.-]*?)\\s*:\\s?(.*)$``,
    found without a regular expression engine: a lazy name followed by
    ``\\s*:`` re-scans a run of blanks from each of its characters (quadratic).
    """
    colon = line.find(":")
    if colon < 0:
        return None
    name = line[:colon].strip()
    if not _FIELD_NAME.fullmatch(name):
        return None
    value = line[colon + 1:]
    if value[:1].isspace():
        value = value[1:]
    return name, value


def _strip_annotations(text: str) -> str:
    """Replace quoted, bracketed and parenthesised peak annotations by a blank.

    What ``re.sub(r'"[^"]*"|\\([^)]*\\)|\\[[^\\]]*\\]', " ", text)`` does, in linear
    time: an opener without a closer is searched for once, not once per opener.
    """
    parts: list[str] = []
    pos = 0
    unclosed: set[str] = set()
    while True:
        match = _ANNOTATION_OPENER.search(text, pos)
        while match is not None and _ANNOTATION_CLOSER[match.group()] in unclosed:
            match = _ANNOTATION_OPENER.search(text, match.end())
        if match is None:
            parts.append(text[pos:])
            return "".join(parts)
        start = match.start()
        closer = _ANNOTATION_CLOSER[match.group()]
        end = text.find(closer, start + 1)
        if end < 0:
            unclosed.add(closer)
            parts.append(text[pos:start + 1])
            pos = start + 1
            continue
        parts.append(text[pos:start])
        parts.append(" ")
        pos = end + 1


def _sniff(head: bytes, path: Path) -> bool:
    if not is_text(head):
        return False
    text = decode_text(head[:16384]).lstrip("\ufeff")
    lower = text.lower()
    # [ \t]*, not \s*: "^\s*" would re-scan the following blank lines from every line start
    return bool(re.search(r"^[ \t]*name[ \t]*:", lower, re.M)) and "num peaks" in lower


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
    _norm, key, kind = _key_info(raw_key)
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
            # NIST: "Retention_index: SemiStdNP=1234/5/16 StdNP=1220/3/4 StdPolar=1800/2/3" (non-polar first)
            ri = re.search(r"(?:SemiStdNP|StdNP)\s*=\s*(\d+(?:\.\d+)?)", value) if key == "retention_index" else None
            if ri:
                meta[key] = float(ri.group(1))
    elif ";" in value:  # NIST export: "CAS#: 50-36-2;  NIST#: 228012"
        first, _semicolon, rest = value.partition(";")
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


def _source(path: Path) -> Callable[[], BinaryIO]:
    """Opens the file's bytes, as UTF-8 when the file is UTF-16/32 (read whole and re-encoded:
    the parsers split lines on the byte 0x0A, which UTF-16 does not keep whole)."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    wide = wide_encoding(head)
    if wide is None:
        return lambda: open(path, "rb")
    data = decode(Path(path).read_bytes(), wide).encode("utf-8")
    return lambda: io.BytesIO(data)


def _code_page(source: Callable[[], BinaryIO]) -> str:
    """The 8-bit code page of a file that is not UTF-8, from its first non-ASCII lines."""
    sample = []
    size = 0
    with source() as handle:
        for raw in handle:
            if max(raw, default=0) > 127:
                sample.append(raw[:4096])
                size += len(sample[-1])
                if size > 65536:
                    break
    return code_page(b"".join(sample))


def _lines(path: Path, offset: int = 0, first_line: int = 1,
           position: list[int] | None = None,
           source: Callable[[], BinaryIO] | None = None) -> Iterator[tuple[int, str]]:
    """Numbered lines from byte ``offset`` (line ``first_line``), decoded per line
    (UTF-8, else the code page the file's non-ASCII lines read best in:
    Windows-1252, -1251, KOI8-R...), CR/LF stripped; ``position[0]`` follows the byte offset."""
    source = source or (lambda: open(path, "rb"))
    legacy: str | None = None
    with source() as handle:
        handle.seek(offset)
        for number, raw in enumerate(handle, start=first_line):
            if position is not None:
                position[0] += len(raw)
            if len(raw) > MAX_LINE_CHARS:
                raise InputError(path, _("line of {0:,} characters: not an MSP file").format(len(raw)), number)
            if b"\x00" in raw:
                raise InputError(path, _("binary data (NUL byte) in a text library"), number)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                legacy = legacy or _code_page(source)
                line = raw.decode(legacy, errors="replace")
            yield number, line.rstrip("\r\n").lstrip("\ufeff")


def _parse_peaks(text: str, record: _Record, path: Path, number: int) -> None:
    if '"' in text or "(" in text or "[" in text:
        text = _strip_annotations(text)
    tokens = [t for t in _SEPARATORS.split(text) if t]
    if len(tokens) % 2:
        raise InputError(path, _("odd number of values in peak line {0}").format(repr(text.strip()[:60])), number)
    try:
        values = [float(t) for t in tokens]
    except ValueError:
        bad = next(t for t in tokens if not _is_float(t))
        raise InputError(path, _("non-numeric peak value {0}").format(repr(bad[:40])), number) from None
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
        raise InputError(path, _("record without a Name: field"), where)
    if record.declared is None:
        raise InputError(path, _("record {0} has no 'Num Peaks:' line").format(repr(name)), where)
    if len(record.mz) != record.declared:
        raise InputError(
            path,
            _("record {0} declares {1} peaks but has {2} (truncated or damaged record)").format(
                repr(name), record.declared, len(record.mz)),
            record.peak_line,
        )
    if record.declared == 0:
        raise InputError(path, _("record {0} has no peaks").format(repr(name)), where)
    mz = np.asarray(record.mz, dtype=float)
    intensity = np.asarray(record.intensity, dtype=float)
    if not (np.all(np.isfinite(mz)) and np.all(np.isfinite(intensity))):
        raise InputError(path, _("record {0} has non-finite peak values").format(repr(name)), record.peak_line)
    if np.any(mz <= 0):
        raise InputError(path, _("record {0} has an m/z <= 0").format(repr(name)), record.peak_line)
    if np.any(intensity < 0):
        raise InputError(path, _("record {0} has a negative intensity").format(repr(name)), record.peak_line)
    if not np.any(intensity > 0):
        raise InputError(path, _("record {0} has only zero intensities").format(repr(name)), record.peak_line)
    order = np.argsort(mz, kind="stable")
    meta = record.meta
    meta["source_file"] = str(path)
    meta["record_index"] = index
    meta["source_line"] = where
    if "source_id" not in meta and "nistno" in meta:
        meta["source_id"] = meta["nistno"]
    return Spectrum(mz[order], intensity[order], "ms", "m/z", "relative abundance", meta)


_NOT_PLAIN_PEAKS = re.compile(r"[^0-9.\s]")


def _parse_fast(text: str, path: Path, first_line: int = 1,
                first_index: int = 0) -> list[Spectrum] | None:
    """Fast path for well-formed text with plain ``m/z intensity`` peak lists.

    ``text`` holds whole records (a block of the file starting at line
    ``first_line`` whose first record is record number ``first_index``).
    Peak lists of the whole block are converted by one numpy call.  Returns
    None at the first thing it does not handle (annotations, other
    separators, any invalid record): the careful line parser then reads the
    block and reports the exact line of any problem.
    """
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
        blocks.append(text[line_end + 1:end])
        declared.append(int(count_text))
        position = end
        start = text.find(marker, end)
    if not blocks or text[position:].strip():
        return None
    joined = " ".join(blocks)
    if _NOT_PLAIN_PEAKS.search(joined):
        return None
    try:
        chars = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    except UnicodeEncodeError:
        return None
    # values per record, counted on the bytes: a value starts where a blank ends
    blank = chars <= 32
    value_starts = np.flatnonzero(~blank[1:] & blank[:-1]) + 1
    if chars.size and not blank[0]:
        value_starts = np.concatenate([[0], value_starts])
    lengths = np.fromiter(map(len, blocks), dtype=np.int64, count=len(blocks))
    begins = np.concatenate([[0], np.cumsum(lengths[:-1] + 1)])
    ends = begins + lengths
    counts = np.searchsorted(value_starts, ends) - np.searchsorted(value_starts, begins)
    newlines = np.flatnonzero(chars == 10)
    block_newlines = (np.searchsorted(newlines, ends) - np.searchsorted(newlines, begins)).tolist()
    del chars, blank, newlines
    declared_arr = np.asarray(declared, dtype=np.int64)
    if np.any(counts != 2 * declared_arr) or np.any(declared_arr == 0):
        return None
    values = np.fromstring(joined, sep=" ")  # noqa: NPY201
    del joined
    if values.size != int(counts.sum()):
        return None
    values = values.reshape(-1, 2)
    # contiguous columns: each record's x/y is then a contiguous view (no copy when stored)
    mz_all, intensity_all = np.ascontiguousarray(values[:, 0]), np.ascontiguousarray(values[:, 1])
    del values
    if not (np.all(np.isfinite(mz_all)) and np.all(np.isfinite(intensity_all))
            and np.all(mz_all > 0) and np.all(intensity_all >= 0)):
        return None
    offsets = np.concatenate([[0], np.cumsum(declared_arr)])
    if np.any(np.maximum.reduceat(intensity_all, offsets[:-1]) <= 0):
        return None
    # records whose m/z are not ascending (sorted below, one by one)
    unsorted = np.zeros(len(blocks), dtype=bool)
    descending = np.flatnonzero(mz_all[1:] < mz_all[:-1]) + 1
    if descending.size:
        record_of = np.searchsorted(offsets, descending, side="right") - 1
        inside = descending != offsets[record_of]  # a drop at a record start is no disorder
        unsorted[record_of[inside]] = True
    bounds = offsets.tolist()
    spectra = []
    line = first_line
    source_file = str(path)
    cached = _KEY_CACHE.get
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
            info = cached(key)
            if info is not None and info[2] == _TEXT:
                meta[info[1]] = value.strip()  # the common case of _set_field, inlined
            else:
                _set_field(meta, key, value)
        if not meta.get("name"):
            return None
        line += header.count("\n") + block_newlines[index] + 1
        a, b = bounds[index], bounds[index + 1]
        mz, intensity = mz_all[a:b], intensity_all[a:b]
        if unsorted[index]:
            order = np.argsort(mz, kind="stable")
            mz, intensity = mz[order], intensity[order]
        meta["source_file"] = source_file
        meta["record_index"] = first_index + index
        meta["source_line"] = record_line
        if "source_id" not in meta and "nistno" in meta:
            meta["source_id"] = meta["nistno"]
        spectra.append(Spectrum(mz, intensity, "ms", "m/z", "relative abundance", meta))
    return spectra


#: Bytes of the file read at a time by :func:`iter_msp_chunks` (a block ends on a record boundary).
CHUNK_BYTES = 32 << 20
#: A block that grows past this without a blank line is left to the line parser.
_MAX_BLOCK_BYTES = 512 << 20


class MspChunk(NamedTuple):
    """Consecutive records of an MSP file, as :func:`iter_msp_chunks` yields them."""

    spectra: list[Spectrum]
    #: Invalid records (``skip_invalid`` only), as errors naming file and line.
    problems: list[InputError]
    #: Bytes of the file read so far (for progress reports).
    bytes_read: int


def _record_boundary(data: bytes) -> int:
    """End of the last blank line in ``data`` (0 when there is none)."""
    lf = data.rfind(b"\n\n")
    crlf = data.rfind(b"\n\r\n")
    return max(lf + 2 if lf >= 0 else 0, crlf + 3 if crlf >= 0 else 0)


def iter_msp_chunks(path: str | Path, skip_invalid: bool = False,
                    chunk_bytes: int = CHUNK_BYTES) -> Iterator[MspChunk]:
    """Read an MSP file block by block, in bounded memory.

    Each block of about ``chunk_bytes`` ends at a blank line (a record
    boundary) and is parsed by the fast path; from the first block the fast
    path does not handle (annotations, unusual spellings, invalid records,
    non-UTF-8 text) the careful line parser reads the rest of the file, so
    errors name the exact line.  Records, their order, ``record_index`` and
    ``source_line`` are those :func:`read_msp` returns.

    Raises :class:`~nps_id.errors.InputError` at the first invalid record
    unless ``skip_invalid`` (then invalid records come in
    :attr:`MspChunk.problems`), and when the file holds no record.
    """
    path = Path(path)
    try:
        yield from _iter_msp_chunks(path, skip_invalid, chunk_bytes)
    except InputError:
        raise
    except (MemoryError, RecursionError):
        raise InputError(path, _("too large to read as an MSP library")) from None
    except OSError as exc:
        raise InputError(path, _("cannot be read ({0})").format(exc.strerror or exc)) from None
    except Exception as exc:  # a parser bug or unforeseen damage: still an error naming the file
        raise InputError(path, _("cannot be read as an MSP library ({0}: {1})").format(type(exc).__name__, exc)) from None


def _iter_msp_chunks(path: Path, skip_invalid: bool, chunk_bytes: int) -> Iterator[MspChunk]:
    source = _source(path)
    offset, line, index = 0, 1, 0
    with source() as handle:
        carry = b""
        while True:
            block = handle.read(chunk_bytes)
            data = carry + block if carry else block
            if not data:
                if index == 0:
                    raise InputError(path, _("no MSP records found"))
                return
            cut = _record_boundary(data) if block else len(data)
            if cut == 0:
                if len(data) > _MAX_BLOCK_BYTES:
                    break
                carry = data
                continue
            spectra = _fast_block(data[:cut], path, line, index, offset == 0)
            if spectra is None:
                break
            carry = data[cut:]
            offset += cut
            line += data.count(b"\n", 0, cut)
            index += len(spectra)
            yield MspChunk(spectra, [], offset)
    del data, carry, block
    yield from _careful_chunks(path, skip_invalid, offset, line, index, chunk_bytes, source)


def _fast_block(data: bytes, path: Path, line: int, index: int, first: bool) -> list[Spectrum] | None:
    if b"\x00" in data:
        return None
    if first and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # Latin-1 is decoded line by line by the careful parser
    try:
        return _parse_fast(text, path, line, index)
    except (MemoryError, ValueError):
        return None


def _careful_chunks(path: Path, skip_invalid: bool, offset: int, first_line: int,
                    first_index: int, chunk_bytes: int,
                    source: Callable[[], BinaryIO] | None = None) -> Iterator[MspChunk]:
    """The careful line parser from byte ``offset`` on, grouped in chunks."""
    position = [offset]
    spectra: list[Spectrum] = []
    problems: list[InputError] = []
    start = offset
    for item in _careful_records(path, skip_invalid, offset, first_line, first_index, position, source):
        if isinstance(item, Spectrum):
            spectra.append(item)
        else:
            problems.append(item)
        if position[0] - start >= chunk_bytes:
            yield MspChunk(spectra, problems, position[0])
            spectra, problems, start = [], [], position[0]
    if spectra or problems:
        yield MspChunk(spectra, problems, position[0])


def _careful_records(path: Path, skip_invalid: bool, offset: int = 0, first_line: int = 1,
                     first_index: int = 0, position: list[int] | None = None,
                     source: Callable[[], BinaryIO] | None = None) -> Iterator[Spectrum | InputError]:
    """Records (or, with ``skip_invalid``, errors for invalid records) read line by line.

    Starts at byte ``offset`` (line ``first_line``), which must be a record
    boundary; the first record there is record number ``first_index``.
    """
    out: list[Spectrum | InputError] = []
    count = first_index
    record: _Record | None = None
    in_peaks = False
    failed = False  # the current record already failed (skip mode)

    def close() -> None:
        nonlocal record, failed
        if record is not None and not failed:
            try:
                out.append(_finish(record, path, count + len(out)))
            except InputError as exc:
                if not skip_invalid:
                    raise
                out.append(exc)
        record, failed = None, False

    def fail(exc: InputError) -> None:
        nonlocal failed
        if not skip_invalid:
            raise exc
        out.append(exc)
        failed = True

    for number, line in _lines(path, offset, first_line, position, source):
        if out:
            count += len(out)
            yield from out
            out.clear()
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
            field = _field(line)
            starts_record = field is not None and _field_key(field[0]) == "name"
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
        match = _field(line)
        if match is None:
            exc = InputError(path, _("unexpected line {0} (expected 'Field: value')").format(repr(stripped[:60])), number)
            if record is None:
                if skip_invalid:
                    out.append(exc)
                    continue
                raise exc
            if not failed:
                fail(exc)
            continue
        key, value = match
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
                fail(InputError(path, _("'Num Peaks' is not a count: {0}").format(repr(value.strip()[:40])), number))
                in_peaks = True
                continue
            record.declared = declared
            record.peak_line = number
            in_peaks = True
            continue
        _set_field(record.meta, key, value)
    if record is not None:
        close()
    count += len(out)
    yield from out
    if count == 0:
        raise InputError(path, _("no MSP records found"))


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

    See Also
    --------
    iter_msp_chunks : the same records in bounded memory.
    """
    spectra: list[Spectrum] = []
    problems: list[InputError] = []
    for chunk in iter_msp_chunks(path, skip_invalid):
        spectra += chunk.spectra
        problems += chunk.problems
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
            # shortest exact text: 6 significant digits turned an exact mass 374.1994 into 374.199
            lines.append(f"{label}: {_format_number(value) if value.is_integer() else repr(float(value))}")
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
    """Write EI spectra to one MSP file (UTF-8), through a temporary file: never half-written.

    Raises :class:`~nps_id.errors.InputError` "PATH: cannot write (REASON)" when it cannot be written.
    """
    path = Path(path)
    not_ms = [s.name or "?" for s in spectra if s.technique != "ms"]
    if not_ms:
        raise InputError(path, _("MSP holds mass spectra only; {0} spectra are not MS (e.g. {1})").format(
            len(not_ms), repr(not_ms[0])))
    with output_file(path, "w", encoding="utf-8", newline="\n") as handle:  # whole or not at all
        for spectrum in spectra:
            handle.write(format_msp_record(spectrum))
    return [path]


FORMAT = FileFormat(
    name="msp",
    description=N_("NIST MSP mass-spectral library"),
    extensions=("msp", "mspepsearch", "txt"),
    sniff=_sniff,
    read=_read,
    write=write_msp,
    write_extensions=("msp",),
    priority=20,
)
