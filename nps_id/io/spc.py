"""Thermo Galactic GRAMS SPC reader (new 0x4B little-endian format and old 0x4D format).

Layout from the published "Thermo Galactic SPC file format" specification
(SPC.H, 1996-1997): a 512-byte main header, then one subfile per spectrum
(32-byte subheader, optional x array, y array), then an optional log block.
Handled: single files, multifiles with a common x (evenly spaced or ordered
Z), XYXY multifiles (each subfile its own x), 16- and 32-bit scaled integer
and IEEE float ordinates, the old 0x4D format (y words swapped).  Written
with numpy/struct here because existing Python readers fail on some files.
"""
from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import numpy as np

from nps_id.errors import InputError, NotASpectrumError
from nps_id.i18n import N_, _
from nps_id.io.registry import FileFormat, read_file_bytes
from nps_id.spectrum import Spectrum

# ftflgs bits
TSPREC, TCGRAM, TMULTI, TRANDM, TORDRD, TALABS, TXYXYS, TXVALS = (1 << i for i in range(8))

X_TYPES = {
    0: "Arbitrary", 1: "Wavenumber (cm-1)", 2: "Micrometers (um)", 3: "Nanometers (nm)",
    4: "Seconds", 5: "Minutes", 6: "Hertz (Hz)", 7: "Kilohertz (KHz)", 8: "Megahertz (MHz)",
    9: "Mass (M/z)", 10: "Parts per million (PPM)", 11: "Days", 12: "Years",
    13: "Raman Shift (cm-1)", 14: "eV", 15: "XYZ text labels", 16: "Diode Number",
    17: "Channel", 18: "Degrees", 19: "Temperature (F)", 20: "Temperature (C)",
    21: "Temperature (K)", 22: "Data Points", 23: "Milliseconds (mSec)",
    24: "Microseconds (uSec)", 25: "Nanoseconds (nSec)", 26: "Gigahertz (GHz)",
    27: "Centimeters (cm)", 28: "Meters (m)", 29: "Millimeters (mm)", 30: "Hours",
    255: "Double interferogram",
}
Y_TYPES = {
    0: "Arbitrary Intensity", 1: "Interferogram", 2: "Absorbance", 3: "Kubelka-Munk",
    4: "Counts", 5: "Volts", 6: "Degrees", 7: "Milliamps", 8: "Millimeters", 9: "Millivolts",
    10: "Log(1/R)", 11: "Percent", 12: "Intensity", 13: "Relative Intensity", 14: "Energy",
    16: "Decibel", 19: "Temperature (F)", 20: "Temperature (C)", 21: "Temperature (K)",
    22: "Index of Refraction [N]", 23: "Extinction Coeff. [K]", 24: "Real", 25: "Imaginary",
    26: "Complex", 128: "Transmission", 129: "Reflectance", 130: "Arbitrary or Single Beam",
    131: "Emission",
}
_Y_UNITS = {2: "absorbance", 3: "kubelka-munk", 4: "counts", 128: "transmittance", 129: "reflectance"}

_MAIN = struct.Struct("<BBBbiddiBBBBi9s9sh32s130s30siiBBhf48sfifB187s")
_SUB = struct.Struct("<BbhfffiifI")
_OLD = struct.Struct("<BBhfffBBhBBBB8shh28s130s30s")
_LOG = struct.Struct("<iiiii44s")


def _cstr(raw: bytes) -> str:
    return raw.split(b"\0", 1)[0].decode("latin-1").strip()


def _ints_to_y(raw: bytes, exponent: int, sixteen: bool, old: bool) -> np.ndarray:
    if exponent == -128:
        return np.frombuffer(raw, "<f4").astype(float)
    if sixteen:
        return np.frombuffer(raw, "<i2").astype(float) * 2.0 ** (exponent - 16)
    if old:
        # old format: the two 16-bit words of each 32-bit integer are swapped
        b = np.frombuffer(raw, np.uint8).reshape(-1, 4).astype(np.int64)
        ints = (b[:, 1] << 24) | (b[:, 0] << 16) | (b[:, 3] << 8) | b[:, 2]
        ints = np.where(ints >= 2**31, ints - 2**32, ints)
        return ints.astype(float) * 2.0 ** (exponent - 32)
    return np.frombuffer(raw, "<i4").astype(float) * 2.0 ** (exponent - 32)


class _Reader:
    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.data = data

    def take(self, offset: int, size: int, what: str) -> bytes:
        if offset < 0 or size < 0 or offset + size > len(self.data):
            raise InputError(self.path, _("SPC file truncated: {0} needs bytes {1}-{2} "
                                     "but the file has {3}").format(what, offset, offset + size, len(self.data)))
        return self.data[offset:offset + size]


def _technique(xtype: int, ytype: int, x: np.ndarray, path: Path, labels: str) -> str:
    if xtype == 255 or ytype == 1:
        raise NotASpectrumError(path, _("is an interferogram (SPC), not a spectrum"))
    if xtype == 9:
        return "ms"
    if xtype == 13 or "raman" in labels.lower():
        return "raman"
    finite = x[np.isfinite(x)]
    lo = float(finite.min()) if finite.size else 0.0
    hi = float(finite.max()) if finite.size else 0.0
    if xtype == 1:
        return "nir" if lo >= 3900 else "ir"
    if xtype == 2:
        return "nir" if hi <= 2.6 else "ir"
    if xtype == 3:
        return "nir" if lo >= 700 and hi > 1000 else "uv"
    if xtype == 10:
        return "nmr"
    return "other"


def _x_unit(xtype: int, technique: str) -> str:
    if xtype in (1, 13):
        return "raman shift 1/cm" if technique == "raman" else "1/cm"
    return {2: "micrometers", 3: "nm", 9: "m/z", 10: "ppm"}.get(xtype, "arbitrary")


def _y_unit(ytype: int, y: np.ndarray, technique: str) -> str:
    if ytype == 128:
        finite = y[np.isfinite(y)]
        if finite.size and (finite.max() > 10 or np.median(finite) > 1.5):
            return "%transmittance"
        return "transmittance"
    if ytype == 11:
        return "%transmittance" if technique in ("ir", "nir") else "arbitrary"
    if technique == "ms":
        return "relative abundance"
    return _Y_UNITS.get(ytype, "arbitrary")


def _log_text(r: _Reader, logoff: int) -> dict[str, str]:
    if logoff <= 0 or logoff + _LOG.size > len(r.data):
        return {}
    sizd, _sizm, txto, _bins, _dsks, _reserved = _LOG.unpack_from(r.data, logoff)
    start = logoff + txto
    end = min(len(r.data), logoff + max(sizd, 0))
    if txto <= 0 or start >= end:
        return {}
    text = r.data[start:end].split(b"\0", 1)[0].decode("latin-1")
    out: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip():
            out[key.strip()] = value.strip()
    return out


def _read_new(r: _Reader) -> list[dict[str, Any]]:
    (flags, _ver, _exper, fexp, npts, first, last, nsub, xtype, ytype, ztype, _post, _date,
     res, source, _peak, _spare, cmnt, catxt, logoff, _mods, _procs, _level, _sampin,
     _factor, method, zinc, wplanes, _winc, _wtype, _resv) = _MAIN.unpack_from(r.data, 0)
    multi = bool(flags & TMULTI)
    xyxy = bool(flags & TXYXYS)
    if not multi:
        nsub = 1
    if nsub <= 0 and multi:
        raise InputError(r.path, _("SPC multifile declares no subfiles"))
    # every point takes at least 2 bytes and every subfile a 32-byte header: bound both by the file
    if npts < 0 or nsub > len(r.data) // _SUB.size or (not xyxy and npts > len(r.data) // 2):
        raise InputError(r.path, _("SPC header is damaged ({0} points, {1} subfiles in "
                                   "{2} bytes)").format(npts, nsub, len(r.data)))
    header = {"xtype": xtype, "ytype": ytype, "ztype": ztype, "flags": flags, "comment": _cstr(cmnt),
              "resolution": _cstr(res), "source": _cstr(source), "method": _cstr(method),
              "labels": catxt.decode("latin-1") if flags & TALABS else "", "logoff": logoff,
              "first": first, "last": last, "npts": npts}
    offset = 512
    common_x = None
    if flags & TXVALS and not xyxy:
        common_x = np.frombuffer(r.take(offset, 4 * npts, _("x values")), "<f4").astype(float)
        offset += 4 * npts
    elif not xyxy:
        common_x = np.linspace(first, last, npts) if npts > 1 else np.array([first], float)
    subfiles = []
    for index in range(nsub):
        (subflgs, subexp, subindx, subtime, subnext, subnois, subnpts, subscan, subwlevel,
         _resv4) = _SUB.unpack(r.take(offset, _SUB.size, _("subfile {0} header").format(index + 1)))
        offset += _SUB.size
        if xyxy:
            n = subnpts
            if n < 0 or n * 4 > len(r.data):
                raise InputError(r.path, _("SPC subfile {0} declares {1} points").format(index + 1, n))
            x = np.frombuffer(r.take(offset, 4 * n, _("subfile {0} x values").format(index + 1)), "<f4").astype(float)
            offset += 4 * n
        else:
            n = npts
            x = common_x
        # multifiles may scale each subfile differently; single files use the main exponent
        exponent = subexp if multi else fexp
        width = 2 if flags & TSPREC and exponent != -128 else 4
        raw = r.take(offset, width * n, _("subfile {0} y values").format(index + 1))
        offset += width * n
        y = _ints_to_y(raw, exponent, width == 2, old=False)
        subfiles.append({"x": x, "y": y, "time": subtime, "next": subnext, "index": index,
                         "w": subwlevel, "scan": subscan})
    header["subfiles"] = subfiles
    header["ztype_multi"] = multi
    return [header]


def _read_old(r: _Reader) -> list[dict[str, Any]]:
    (flags, _ver, oexp, onpts, first, last, xtype, ytype, _year, _mon, _day, _hour, _min,
     res, _peak, _nscans, _spare, cmnt, catxt) = _OLD.unpack_from(r.data, 0)
    npts = int(round(onpts))
    if npts <= 0 or npts > len(r.data) // 2:
        raise InputError(r.path, _("old-format SPC header is damaged ({0} points)").format(onpts))
    header = {"xtype": xtype, "ytype": ytype, "ztype": 0, "flags": flags, "comment": _cstr(cmnt),
              "resolution": _cstr(res), "source": "", "method": "",
              "labels": catxt.decode("latin-1") if flags & TALABS else "", "logoff": 0,
              "first": first, "last": last, "npts": npts}
    x = np.linspace(first, last, npts) if npts > 1 else np.array([first], float)
    width = 2 if flags & TSPREC else 4
    subfiles = []
    # the first subheader sits inside the 256-byte header; later ones precede their data
    sub_offset, offset, index = 224, 256, 0
    while True:
        _flg, subexp, _indx, subtime, subnext, _nois, _npts, _scan, _wlevel, _r = _SUB.unpack(
            r.take(sub_offset, _SUB.size, _("subfile {0} header").format(index + 1)))
        exponent = subexp if flags & TMULTI and subexp != 0 else oexp
        raw = r.take(offset, width * npts, _("subfile {0} y values").format(index + 1))
        y = _ints_to_y(raw, exponent, width == 2, old=True)
        subfiles.append({"x": x, "y": y, "time": subtime, "next": subnext, "index": index,
                         "w": 0.0, "scan": 0})
        offset += width * npts
        index += 1
        if not flags & TMULTI or offset + _SUB.size + width * npts > len(r.data):
            break
        sub_offset, offset = offset, offset + _SUB.size
    header["subfiles"] = subfiles
    header["ztype_multi"] = bool(flags & TMULTI)
    return [header]


def read(path: Path) -> list[Spectrum]:
    """Read every subfile of a Galactic SPC file as a spectrum in native units."""
    path = Path(path)
    data = read_file_bytes(path)
    if len(data) < 256 or data[1] not in (0x4B, 0x4D):
        raise InputError(path, _("not a Galactic SPC file (version byte is not 0x4B or 0x4D)"))
    r = _Reader(path, data)
    if data[1] == 0x4B:
        if len(data) < 512:
            raise InputError(path, _("SPC file truncated inside its 512-byte header"))
        header = _read_new(r)[0]
    else:
        header = _read_old(r)[0]
    log = _log_text(r, header["logoff"])
    labels = header["labels"]
    # x, y and z axis labels, NUL separated (an empty label keeps its place)
    label_parts = [p.strip() for p in labels.split("\0")[:3]] if labels else []
    subfiles = header["subfiles"]
    spectra = []
    for sub in subfiles:
        x, y = sub["x"], sub["y"]
        technique = _technique(header["xtype"], header["ytype"], x, path,
                               " ".join([labels, header["comment"], path.name]))
        meta: dict[str, Any] = {
            "name": header["comment"] or path.stem,
            "source_file": str(path),
            "record_index": sub["index"],
            "x_units": (label_parts[0] if label_parts and label_parts[0]
                        else X_TYPES.get(header["xtype"], str(header["xtype"]))),
            "y_units": (label_parts[1] if len(label_parts) > 1 and label_parts[1]
                        else Y_TYPES.get(header["ytype"], str(header["ytype"]))),
        }
        if len(subfiles) > 1:
            meta["subfile"] = sub["index"] + 1
            meta["z"] = float(sub["time"])
            if header["ztype"] == 5 or technique == "ms":  # z in minutes: a GC-MS scan
                meta["retention_time"] = float(sub["time"])
        for key, target in (("resolution", "resolution"), ("source", "instrument"), ("method", "method")):
            if header[key]:
                meta[target] = header[key]
        for key, value in log.items():
            meta.setdefault("log_" + key.lower().replace(" ", "_"), value)
        y_unit = _y_unit(header["ytype"], y, technique)
        spectra.append(Spectrum(x, y, technique, _x_unit(header["xtype"], technique), y_unit, meta))
    return spectra


def sniff(head: bytes, path: Path) -> bool:
    if len(head) < 256 or head[1] not in (0x4B, 0x4D):
        return False
    if path.suffix.lower() == ".spc":
        return True
    if head[1] == 0x4B:  # content check for renamed files
        return head[28] in X_TYPES and head[29] in Y_TYPES and struct.unpack_from("<i", head, 4)[0] >= 0
    return False


FORMAT = FileFormat(
    name="spc",
    description=N_("Galactic GRAMS SPC spectrum"),
    extensions=("spc",),
    sniff=sniff,
    read=read,
    priority=20,
)
