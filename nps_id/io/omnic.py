"""Thermo OMNIC single-spectrum files (.spa).

Layout as documented by SpectroChemPy's ``read_omnic`` and Orange
Spectroscopy's SPA reader: title at byte 30, a directory of 16-byte entries
from byte 304 (key byte, uint32 offset at +2, uint32 size at +6).  Key 2 is the
spectrum header (number of points at +4, x-unit code at +8, y-unit code at
+12, first and last x as float32 at +16/+20, scans at +36), key 3 the float32
ordinates, key 27 the history text.  Interferograms (x in data points,
detector volts) are refused.
"""
from __future__ import annotations

import struct
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

from nps_id.errors import InputError, NotASpectrumError
from nps_id.i18n import N_, _
from nps_id.io.registry import FileFormat, read_file_bytes, starts_with
from nps_id.spectrum import Spectrum

MAGIC = b"Spectral Data File"

# x-unit codes at header+8
_X_CODES = {1: ("1/cm", "wavenumbers"), 2: ("arbitrary", "data points"), 3: ("nm", "wavelength"),
            4: ("micrometers", "wavelength"), 32: ("raman shift 1/cm", "raman shift")}
# y-unit codes at header+12: (unit string, label)
_Y_CODES = {17: ("absorbance", "absorbance"), 16: ("%transmittance", "transmittance"),
            11: ("reflectance", "reflectance (percent)"), 12: ("arbitrary", "log(1/R)"),
            20: ("kubelka-munk", "Kubelka-Munk"), 21: ("reflectance", "reflectance"),
            22: ("arbitrary", "detector signal (V)"), 26: ("arbitrary", "photoacoustic"),
            31: ("arbitrary", "Raman intensity"), 15: ("arbitrary", "single beam")}


def _directory(data: bytes, path: Path) -> list[tuple[int, int, int]]:
    entries = []
    pos = 304
    while pos + 10 <= len(data) and len(entries) < 1000:
        key = data[pos]
        if key == 0:
            break
        offset, size = struct.unpack_from("<II", data, pos + 2)
        entries.append((key, offset, size))
        pos += 16
    if not entries:
        raise InputError(path, _("OMNIC file without a block directory (damaged?)"))
    return entries


def read(path: Path) -> list[Spectrum]:
    """Read the spectrum of an OMNIC .spa file in native units."""
    path = Path(path)
    data = read_file_bytes(path)
    if not data.startswith(MAGIC):
        raise InputError(path, _("not an OMNIC .spa file (no 'Spectral Data File' signature)"))
    entries = _directory(data, path)
    header = next(((off, size) for key, off, size in entries if key == 2), None)
    block = next(((off, size) for key, off, size in entries if key == 3), None)
    if header is None or header[0] + 40 > len(data):
        raise InputError(path, _("OMNIC file without a readable spectrum header (block 2)"))
    hoff = header[0]
    npts = struct.unpack_from("<I", data, hoff + 4)[0]
    x_code, y_code = data[hoff + 8], data[hoff + 12]
    firstx, lastx = struct.unpack_from("<ff", data, hoff + 16)
    nscans = struct.unpack_from("<I", data, hoff + 36)[0]
    title = data[30:286].split(b"\0", 1)[0].decode("latin-1").strip()
    if x_code == 2 or y_code == 22 or "interferog" in title.lower():
        raise NotASpectrumError(path, _("is an interferogram (OMNIC, {0} points), not a spectrum").format(npts))
    if block is None:
        raise InputError(path, _("OMNIC file without a data block (block 3)"))
    doff, dsize = block
    if npts <= 0 or dsize < 4 * npts or doff + 4 * npts > len(data):
        raise InputError(path, _("OMNIC data block truncated: {0} points declared, {1} stored").format(
            npts, max(0, min(dsize, len(data) - doff)) // 4))
    y = np.frombuffer(data, "<f4", count=npts, offset=doff).astype(float)
    x = np.linspace(firstx, lastx, npts) if npts > 1 else np.array([firstx], float)
    x_unit, x_label = _X_CODES.get(x_code, ("arbitrary", f"code {x_code}"))
    y_unit, y_label = _Y_CODES.get(y_code, ("arbitrary", f"code {y_code}"))
    if x_code == 32 or y_code == 31:
        technique = "raman"
        x_unit = "raman shift 1/cm" if x_code in (1, 32) else x_unit
    elif x_code == 1:
        technique = "nir" if min(firstx, lastx) >= 3900 else "ir"
    elif x_code in (3, 4):
        technique = "nir" if x_code == 4 or min(firstx, lastx) >= 700 else "uv"
    else:
        technique = "other"
    meta: dict[str, Any] = {"name": title or path.stem, "title": title, "source_file": str(path),
                            "record_index": 0, "x_units": x_label, "y_units": y_label, "scans": nscans}
    if len(data) >= 300:
        seconds = struct.unpack_from("<I", data, 296)[0]
        if seconds:
            when = datetime(1899, 12, 31, tzinfo=timezone.utc) + timedelta(seconds=seconds)
            meta["acquisition_date"] = when.isoformat()
    history = next(((off, size) for key, off, size in entries if key == 27), None)
    if history and history[0] < len(data):
        text = data[history[0]:history[0] + history[1]].split(b"\0", 1)[0].decode("latin-1")
        if text.strip():
            meta["history"] = text.strip()
    if y_code == 15:
        meta["comment"] = "single-beam spectrum (not ratioed against a background)"
    return [Spectrum(x, y, technique, x_unit, y_unit, meta)]


FORMAT = FileFormat(
    name="omnic",
    description=N_("Thermo OMNIC .spa spectrum"),
    extensions=("spa",),
    sniff=starts_with(MAGIC),
    read=read,
    priority=10,
)
