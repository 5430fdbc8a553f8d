"""Bruker OPUS files (.0, .1, ..., .0000) via brukeropus.

An OPUS file holds several data blocks; brukeropus names them ('a'
absorbance, 't' transmittance, 'r' reflectance, 'km' Kubelka-Munk, 'sm'/'rf'
sample/reference single channel, 'igsm'/'igrf' interferograms, 'phsm'
phase...).  We return the first *ratioed* spectrum in the order a > t > r >
others; a file holding only single-channel, interferogram or phase blocks
(a background measurement) is refused: it cannot be compared with a library.

Files are recognised by their magic bytes (0A 0A FE FE), since OPUS
extensions are just numbers.
"""
from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

import numpy as np

from nps_id.errors import InputError, NotASpectrumError
from nps_id.i18n import N_, _
from nps_id.io.registry import FileFormat
from nps_id.spectrum import Spectrum

MAGIC = b"\x0a\x0a\xfe\xfe"

#: Ratioed spectrum blocks, best first, with the y unit they carry.
_PREFERRED = (("a", "absorbance"), ("t", "transmittance"), ("r", "reflectance"),
              ("km", "kubelka-munk"), ("atr", "absorbance"), ("logr", "arbitrary"),
              ("ra", "arbitrary"), ("e", "arbitrary"), ("pas", "arbitrary"))
#: Blocks that are not a sample spectrum on their own.
_NOT_SPECTRA = {"sm", "rf", "igsm", "igrf", "phsm", "phrf", "pw", "pwsm", "pwrf"}
_X_UNITS = {"WN": "1/cm", "MI": "micrometers", "NM": "nm"}
_PARAMS = (("snm", "name"), ("ins", "instrument"), ("cnm", "contributor"), ("sfm", "sample_form"),
           ("exp", "experiment"), ("res", "resolution"), ("srn", "instrument_serial"),
           ("nss", "scans"), ("dat", "date"), ("tim", "time"))


def _base(key: str) -> str:
    return re.sub(r"_\d+$", "", key)


def _describe(opus: Any, keys: list[str]) -> str:
    parts = []
    for key in keys:
        label = getattr(getattr(opus, key, None), "label", "") or key
        parts.append(f"{key} ({label})")
    return ", ".join(parts) if parts else _("no data blocks")


def _params_walk_ok(block: bytes) -> bool:
    """Does every parameter of a parameter block move the reader forward?

    brukeropus steps ``8 + 2 * size`` bytes per parameter; a negative size
    (damaged file) sends it back and it never ends.
    """
    loc = 0
    while loc + 8 <= len(block):
        if block[loc:loc + 3] == b"END":
            return True
        size = struct.unpack_from("<h", block, loc + 6)[0]
        if size < 0:
            return False
        loc += 8 + 2 * size
    return True


def _int_param(params: dict, key: str) -> int:
    value = params.get(key, 0)
    return value if isinstance(value, int) else 0


def _check_structure(data: bytes, path: Path) -> None:
    """Refuse an OPUS file whose counts exceed its size, before brukeropus allocates or loops by them.

    Checked: the directory (blocks inside the file, not overlapping many times
    over), every parameter block (sizes that move forward, point counts that
    fit the file), report tables (rows x columns within their block) and data
    series (spectra x points within the file).
    """
    from brukeropus.file.block import FileBlock
    from brukeropus.file.parse import parse_directory, parse_header, parse_params

    size = len(data)
    if size < 24:
        raise InputError(path, _("OPUS file truncated inside its header ({0} bytes)").format(size))
    _version, start, max_blocks, _num = parse_header(data)
    if not 0 < start < size or max_blocks < 0:
        raise InputError(path, _("damaged OPUS header (directory at byte {0}, {1} blocks)").format(start, max_blocks))
    directory = data[start:start + 12 * max_blocks]
    try:
        entries = parse_directory(directory[:len(directory) - len(directory) % 12])
    except struct.error:
        raise InputError(path, _("damaged OPUS directory")) from None
    covered = 0
    for block_type, length, offset in entries:
        length = max(0, min(length, size - offset))
        covered += length
        if covered > 2 * size:  # each block is copied: overlapping blocks would multiply the file
            raise InputError(path, _("damaged OPUS directory (its blocks overlap)"))
        block = FileBlock(b"", block_type, length, offset)  # for its type tests only
        raw = data[offset:offset + length]
        if block.is_param():
            if not _params_walk_ok(raw):
                raise InputError(path, _("damaged OPUS parameter block at byte {0}").format(offset))
            npt = _int_param(_safe_params(parse_params, raw), "npt")
            if not 0 <= npt <= size // 4:
                raise InputError(path, _("OPUS block at byte {0} declares {1} points "
                                   "in a file of {2} bytes").format(offset, npt, size))
        elif block.is_report():
            _check_report(raw, offset, path, parse_params)
        elif block.is_data_series() and len(raw) >= 24:
            _ver, spectra, _first, point_bytes, _info, stored = struct.unpack_from("<6i", raw, 0)
            if not 0 <= spectra <= size or point_bytes < 0 or stored < 0 or spectra * point_bytes > 4 * size:
                raise InputError(path, _("OPUS data series at byte {0} declares {1} spectra of "
                                   "{2} bytes in a file of {3} bytes").format(offset, spectra, point_bytes, size))


def _safe_params(parse_params, raw: bytes) -> dict:
    try:
        return parse_params(raw)
    except (struct.error, UnicodeDecodeError, ValueError):
        return {}  # brukeropus reports this block as unreadable itself


def _check_report(raw: bytes, offset: int, path: Path, parse_params) -> None:
    """Report tables: brukeropus loops rows x columns as declared."""
    if not _params_walk_ok(raw[12:]):
        raise InputError(path, _("damaged OPUS report block at byte {0}").format(offset))
    header = _safe_params(parse_params, raw[12:])
    first = _int_param(header, "f00")
    tables = [first]
    summary = raw[first:]  # sliced as brukeropus slices it
    if not _params_walk_ok(summary):
        raise InputError(path, _("damaged OPUS report block at byte {0}").format(offset))
    info = _safe_params(parse_params, summary)
    subreports = _int_param(info, "sub")
    if subreports > len(raw):
        raise InputError(path, _("OPUS report at byte {0} declares {1} sub-reports").format(offset, subreports))
    tables += [first + _int_param(info, f"g{i:02}") for i in range(max(0, subreports))]
    for table in tables:
        part = raw[table:]
        if not _params_walk_ok(part):
            raise InputError(path, _("damaged OPUS report table at byte {0}").format(offset + table))
        params = _safe_params(parse_params, part)
        rows, cols = _int_param(params, "nln"), _int_param(params, "nco")
        if rows > len(raw) or cols > len(raw) or rows * max(cols, 1) > len(raw):
            raise InputError(path, _("OPUS report table at byte {0} declares {1} rows x "
                               "{2} columns in {3} bytes").format(offset + table, rows, cols, len(raw)))


def read(path: Path) -> list[Spectrum]:
    """Read the preferred ratioed spectrum of an OPUS file in native units."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            if handle.read(4) != MAGIC:
                raise InputError(path, _("not a Bruker OPUS file (magic bytes 0A 0A FE FE missing)"))
    except OSError as exc:
        raise InputError(path, _("cannot be read ({0})").format(exc.strerror)) from None
    try:
        from brukeropus import read_opus
    except ImportError:  # pragma: no cover - brukeropus is a declared dependency
        raise InputError(path, _("reading OPUS files needs the brukeropus package")) from None
    try:
        _check_structure(path.read_bytes(), path)
        opus = read_opus(str(path))
    except InputError:
        raise
    except KeyError as exc:
        raise InputError(path, _("damaged OPUS file (parameter {0} missing)").format(exc)) from None
    except Exception as exc:  # brukeropus raises assorted errors on damaged files
        raise InputError(path, _("damaged OPUS file ({0})").format(exc)) from None
    keys = list(getattr(opus, "data_keys", []) or [])
    chosen = None
    for wanted, y_unit in _PREFERRED:
        for key in keys:
            if _base(key) == wanted:
                chosen = (key, y_unit)
                break
        if chosen:
            break
    if chosen is None:
        others = [k for k in keys if _base(k) not in _NOT_SPECTRA]
        if others:
            chosen = (others[0], "arbitrary")
    if chosen is None:
        raise NotASpectrumError(
            path, _("holds no sample spectrum, only {0} blocks "
                    "(a background / single-channel or interferogram measurement)").format(_describe(opus, keys)))
    key, y_unit = chosen
    data = getattr(opus, key)
    x = np.asarray(data.x, dtype=float)
    y = np.asarray(data.y, dtype=float)
    params = data.params
    npt = params["npt"] if "npt" in params.keys() else None
    if x.ndim != 1 or x.shape != y.shape or x.size == 0 or (npt is not None and int(npt) != x.size):
        raise InputError(path, _("OPUS block {0} is truncated or damaged "
                           "({1} values, {2} declared)").format(repr(key), y.size, npt))
    dxu = str(params["dxu"]) if "dxu" in params.keys() else "WN"
    x_unit = _X_UNITS.get(dxu, "arbitrary")
    label = str(getattr(data, "label", key))
    if _base(key) == "ra" or "raman" in label.lower():
        technique = "raman"
        x_unit = "raman shift 1/cm" if dxu == "WN" else x_unit
    elif dxu == "WN":
        technique = "nir" if float(np.min(x)) >= 3900 else "ir"
    elif dxu == "MI":
        technique = "nir" if float(np.max(x)) <= 2.6 else "ir"
    else:
        technique = "other"
    if y_unit == "transmittance":
        finite = y[np.isfinite(y)]
        if finite.size and (finite.max() > 10 or np.median(finite) > 1.5):
            y_unit = "%transmittance"
    meta: dict[str, Any] = {"source_file": str(path), "record_index": 0, "opus_block": key,
                            "opus_blocks": keys, "y_units": label, "x_units": dxu}
    fparams = opus.params
    for pkey, target in _PARAMS:
        if pkey in fparams.keys():
            value = fparams[pkey]
            if value not in (None, ""):
                meta[target] = value
    meta.setdefault("name", path.stem)
    return [Spectrum(x, y, technique, x_unit, y_unit, meta)]


def sniff(head: bytes, path: Path) -> bool:
    return head.startswith(MAGIC)


FORMAT = FileFormat(
    name="opus",
    description=N_("Bruker OPUS spectrum"),
    extensions=("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0000"),
    sniff=sniff,
    read=read,
    priority=10,
)
