"""PerkinElmer Spectrum .sp files ("PEPE" block format).

Layout as read by specio / Orange Spectroscopy: the 4-byte signature "PEPE",
a 40-byte description, then a DSet2DC1DI block (id 120, int16 id + int32
size) whose members are (int16 member id, int32 size, payload); each payload
starts with an int16 type code.  Members used: abscissa range (-29838, two
doubles), interval (-29836, double), number of points (-29835, int32), axis
labels (-29833/-29832, int16 length + text), name (-29827), alias (-29823)
and the data (-29828, int32 byte count + float64 values).
"""
from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

import numpy as np

from nps_id.errors import InputError
from nps_id.i18n import N_, _
from nps_id.io.registry import FileFormat, read_file_bytes, starts_with
from nps_id.spectrum import Spectrum

MAGIC = b"PEPE"
_DSET_BLOCK = 120
_RANGE, _INTERVAL, _NPOINTS, _XLABEL, _YLABEL = -29838, -29836, -29835, -29833, -29832
_NAME, _ALIAS, _DATA, _FILETYPE, _HISTORY = -29827, -29823, -29828, -29829, -29825


def _text(payload: bytes) -> str:
    if len(payload) < 4:
        return ""
    length = struct.unpack_from("<h", payload, 2)[0]
    return payload[4:4 + max(0, length)].decode("latin-1").strip("\0 ")


def read(path: Path) -> list[Spectrum]:
    """Read the spectrum of a PerkinElmer .sp file in native units."""
    path = Path(path)
    data = read_file_bytes(path)
    if not data.startswith(MAGIC) or len(data) < 50:  # 4 + 40 + a 6-byte block header
        raise InputError(path, _("not a PerkinElmer .sp file (no PEPE signature)"))
    description = data[4:44].split(b"\0", 1)[0].decode("latin-1").strip()
    block_id, block_size = struct.unpack_from("<hi", data, 44)
    if block_id != _DSET_BLOCK:
        raise InputError(path, _("PerkinElmer file without a spectrum data set (block {0}): {1}").format(
            block_id, description or _("unknown content")))
    end = 50 + block_size
    if end > len(data):
        raise InputError(path, _("PerkinElmer file truncated: block needs {0} bytes, file has {1}").format(
            end, len(data)))
    members: dict[int, bytes] = {}
    pos = 50
    while pos + 6 <= end:
        code, size = struct.unpack_from("<hi", data, pos)
        if size < 0 or pos + 6 + size > end:
            raise InputError(path, _("PerkinElmer member {0} at byte {1} runs past the end of its block").format(
                code, pos))
        members.setdefault(code, data[pos + 6:pos + 6 + size])
        pos += 6 + size
    for needed, missing in ((_RANGE, N_("PerkinElmer data set without its abscissa range")),
                            (_NPOINTS, N_("PerkinElmer data set without its number of points")),
                            (_DATA, N_("PerkinElmer data set without its data"))):
        if needed not in members:
            raise InputError(path, _(missing))
    for code, size, truncated in (
            (_RANGE, 18, N_("PerkinElmer abscissa range member is truncated ({0} bytes)")),
            (_NPOINTS, 6, N_("PerkinElmer number of points member is truncated ({0} bytes)")),
            (_DATA, 6, N_("PerkinElmer data member is truncated ({0} bytes)")),
            (_INTERVAL, 10, N_("PerkinElmer interval member is truncated ({0} bytes)"))):
        if code in members and len(members[code]) < size:
            raise InputError(path, _(truncated).format(len(members[code])))
    first, last = struct.unpack_from("<dd", members[_RANGE], 2)
    npts = struct.unpack_from("<i", members[_NPOINTS], 2)[0]
    raw = members[_DATA]
    nbytes = struct.unpack_from("<i", raw, 2)[0]
    if npts <= 0 or nbytes != 8 * npts or len(raw) < 6 + nbytes:
        raise InputError(path, _("PerkinElmer data hold {0} values, {1} declared").format(
            (len(raw) - 6) // 8, npts))
    y = np.frombuffer(raw, "<f8", count=npts, offset=6).astype(float)
    if _INTERVAL in members:
        step = struct.unpack_from("<d", members[_INTERVAL], 2)[0]
        x = first + step * np.arange(npts)
    else:
        x = np.linspace(first, last, npts)
    x_label = _text(members.get(_XLABEL, b""))
    y_label = _text(members.get(_YLABEL, b""))
    xl = x_label.lower()
    if "cm" in xl:
        x_unit = "1/cm"
        technique = "nir" if float(np.min(x)) >= 3900 else "ir"
    elif xl in ("nm", "nanometers"):
        x_unit, technique = "nm", ("nir" if float(np.min(x)) >= 700 else "uv")
    elif xl in ("um", "µm", "micrometers"):
        x_unit, technique = "micrometers", "ir"
    else:
        x_unit, technique = "arbitrary", "other"
    yl = y_label.strip().lower()
    if yl in ("%t", "%transmittance"):
        y_unit = "%transmittance"
    elif yl in ("t", "transmittance"):
        y_unit = "transmittance"
    elif yl in ("a", "abs", "absorbance"):
        y_unit = "absorbance"
    elif yl in ("%r", "r", "reflectance"):
        y_unit = "reflectance"
    elif yl in ("km", "kubelka-munk"):
        y_unit = "kubelka-munk"
    else:
        y_unit = "arbitrary"
    name = _text(members.get(_NAME, b""))
    meta: dict[str, Any] = {"name": re.split(r"[\\/]", name)[-1] if name else path.stem,
                            "source_file": str(path), "record_index": 0, "x_units": x_label,
                            "y_units": y_label, "description": description}
    if name:
        meta["original_path"] = name
    if _ALIAS in members:
        meta["source_id"] = _text(members[_ALIAS])
    if _HISTORY in members:
        strings = re.findall(rb"[\x20-\x7e]{4,}", members[_HISTORY])
        if strings:
            meta["history"] = "; ".join(s.decode("ascii") for s in strings)
    return [Spectrum(x, y, technique, x_unit, y_unit, meta)]


FORMAT = FileFormat(
    name="perkinelmer",
    description=N_("PerkinElmer .sp spectrum"),
    extensions=("sp",),
    sniff=starts_with(MAGIC),
    read=read,
    priority=10,
)
