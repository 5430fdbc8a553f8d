"""AMDIS ``.MSL`` libraries (the usual carrier of retention indices for GC-MS targets).

An MSL file is a series of records of ``KEY: value`` lines (``NAME``, ``FORM``,
``CASNO``, ``RI``, ``RT``, ``COMMENT``, ``SOURCE``…) followed by ``NUM PEAKS: n``
and the peaks as ``(mz abundance)`` pairs, several to a line (AMDIS manual,
"Library file format"; NIST AMDIS 2.73).  Records are separated by blank lines
or simply start at the next ``NAME:``.  The retention index is the ``RI:``
field, else the ``|RI:`` or ``RI=`` of the comment (the form AMDIS writes in
target libraries exported from a calibrated analysis).

The reader is linear in the file size and refuses a record whose peak count
disagrees with ``NUM PEAKS`` (naming the file and line).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

from nps_id.errors import InputError
from nps_id.i18n import N_, _
from nps_id.io.registry import FileFormat, decode_text, is_text, read_file_bytes
from nps_id.spectrum import Spectrum

_PAIR = re.compile(r"\(\s*([-+0-9.eE]+)\s*[, \t]\s*([-+0-9.eE]+)\s*\)")
# Inside a peak list a lost "(" is tolerated (PNNLMetV20191015.MSL has " 51    1) ( 53    2) ...").
_LOOSE_PAIR = re.compile(r"\(?\s*([-+0-9.eE]+)[ \t,]+([-+0-9.eE]+)\s*\)")
_PEAK_LINE = re.compile(r"^[ \t]*\(\s*[-+0-9.eE]+\s*[, \t]\s*[-+0-9.eE]+\s*\)", re.M)
_CAS = re.compile(r"^\d{2,7}-?\d{2}-?\d$")
# AMDIS writes the calibrated index as "|RI:1378.00"; "RI=" is the older free-text form
_COMMENT_RI = (re.compile(r"\|RI:\s*(\d+(?:\.\d+)?)"), re.compile(r"\bRI\s*=\s*(\d+(?:\.\d+)?)"))
_FIELDS = {"name": "name", "form": "formula", "formula": "formula", "casno": "cas", "cas": "cas",
           "ri": "retention_index", "rt": "retention_time", "comment": "comment", "source": "source",
           "mw": "mw", "synon": "synonyms", "rsn": "model_ion"}


def _sniff(head: bytes, path: Path) -> bool:
    if not is_text(head):
        return False
    text = decode_text(head[:16384]).lower()
    # a peak LINE of (m/z abundance) pairs: an InChI's "(2,3)" in an MSP record is no such line
    return "num peaks" in text and re.search(r"^[ \t]*name[ \t]*:", text, re.M) is not None \
        and _PEAK_LINE.search(text) is not None


def _cas(value: str) -> str:
    value = value.strip()
    if not _CAS.match(value):
        return ""
    digits = value.replace("-", "")
    return f"{digits[:-3]}-{digits[-3:-1]}-{digits[-1]}"


def _finish(path: Path, meta: dict[str, Any], pairs: list[tuple[float, float]], declared: int | None,
            line: int, out: list[Spectrum]) -> None:
    if not meta:
        return
    name = meta.get("name") or "unnamed"
    if declared is None:
        raise InputError(path, _("record {0} has no NUM PEAKS line").format(repr(name)), line)
    if len(pairs) != declared:
        raise InputError(path, _("record {0} declares {1} peaks but has {2} "
                                 "(truncated or damaged record)").format(repr(name), declared, len(pairs)), line)
    if not pairs:
        raise InputError(path, _("record {0} has no peaks").format(repr(name)), line)
    arr = np.array(pairs, float)
    if not np.isfinite(arr).all() or (arr[:, 0] <= 0).any() or (arr[:, 1] < 0).any() or arr[:, 1].max() <= 0:
        raise InputError(path, _("record {0}: m/z must be positive and abundances non-negative, not all 0").format(
            repr(name)), line)
    if "retention_index" not in meta:
        for pattern in _COMMENT_RI:
            found = pattern.search(str(meta.get("comment", "")))
            if found:
                meta["retention_index"] = float(found.group(1))
                break
    order = np.argsort(arr[:, 0], kind="stable")
    meta.update(source_file=str(path), record_index=len(out), source_line=line)
    out.append(Spectrum(arr[order, 0], arr[order, 1], "ms", "m/z", "relative abundance", meta))


def read_msl(path: str | Path) -> list[Spectrum]:
    """Every record of an AMDIS MSL library, with ``retention_index`` where the record gives one."""
    path = Path(path)
    text = decode_text(read_file_bytes(path))
    out: list[Spectrum] = []
    meta: dict[str, Any] = {}
    pairs: list[tuple[float, float]] = []
    declared: int | None = None
    start = 1
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        in_peaks = declared is not None and len(pairs) < declared
        if line.startswith("(") or (in_peaks and line[0].isdigit()):
            if declared is None:
                raise InputError(path, _("peaks before a NUM PEAKS line"), number)
            found = _LOOSE_PAIR.findall(line)
            if not found:
                raise InputError(path, _("cannot read the peaks {0}").format(repr(line[:40])), number)
            pairs.extend((float(m), float(a)) for m, a in found)
            continue
        key, colon, value = line.partition(":")
        if not colon:
            raise InputError(path, _("expected 'KEY: value' or '(m/z abundance)' peaks, found {0}").format(
                repr(line[:40])), number)
        key = key.strip().lower().replace(" ", "")
        value = value.strip()
        if key == "name":
            _finish(path, meta, pairs, declared, start, out)
            meta, pairs, declared, start = {"name": value}, [], None, number
            continue
        if not meta:
            raise InputError(path, _("field {0} before the first NAME").format(key.upper()), number)
        if key == "numpeaks":
            try:
                declared = int(value.split()[0])
            except (ValueError, IndexError):
                raise InputError(path, _("NUM PEAKS is not a number: {0}").format(repr(value)), number) from None
            if declared < 0 or declared > len(text):
                raise InputError(path, _("NUM PEAKS {0} is impossible for this file").format(declared), number)
            continue
        field = _FIELDS.get(key)
        if field in ("retention_index", "retention_time", "mw"):
            try:
                meta[field] = float(value.split()[0])
            except (ValueError, IndexError):
                meta[field + "_text"] = value
        elif field == "cas":
            cas = _cas(value)
            if cas:
                meta["cas"] = cas
        elif field == "synonyms":
            meta.setdefault("synonyms", []).append(value)
        elif field is not None:
            meta[field] = value
        elif value:
            meta[key] = value
    _finish(path, meta, pairs, declared, start, out)
    if not out:
        raise InputError(path, _("no MSL records found"))
    return out


FORMAT = FileFormat(
    name="amdis_msl",
    description=N_("AMDIS MSL mass-spectral library"),
    extensions=("msl",),
    sniff=_sniff,
    read=read_msl,
    priority=19,
)
