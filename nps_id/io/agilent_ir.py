"""Agilent (Varian) IR files: .asp single spectra and FPA imaging sets (.seq, .dmt).

* ``.asp``: text, one number a line: number of points, first x, last x, three
  flags, then the ordinates (as read by Open Specy's ``read_asp``).
* Single-tile FPA set ``NAME.seq`` with sidecars ``NAME.bsp`` (wavenumbers:
  int32 start index at byte 2228, int32 count at 2236, float64 step at 2216)
  and ``NAME.dat`` (float32 cube after a 1020-byte header, band-sequential).
* Mosaic ``NAME.dmt`` (wavenumbers, same layout as .bsp) with tiles
  ``NAME_XXXX_YYYY.dmd`` (float32 cube after 1020 bytes).

Layout from Alex Henderson's agilent-ir-formats / Orange Spectroscopy.  An
imaging set is returned as its mean spectrum (pixel count in the metadata):
what a chemist compares with a reference library.  Sidecar files alone are
refused, naming the file to open instead.
"""
from __future__ import annotations

import math
import re
import struct
from pathlib import Path
from typing import Any

import numpy as np

from nps_id.errors import InputError, NotASpectrumError
from nps_id.i18n import N_, _
from nps_id.io.registry import FileFormat, decode_text, is_text
from nps_id.spectrum import Spectrum

_HEADER_BYTES = 255 * 4
_SIDECARS = {".bsp", ".dat", ".hdr", ".dms", ".dmd", ".drd"}


def _sibling(path: Path, suffix: str, stem: str | None = None) -> Path | None:
    """A file next to ``path`` named stem+suffix, matched case-insensitively."""
    wanted = ((stem if stem is not None else path.stem) + suffix).lower()
    try:
        for candidate in path.parent.iterdir():
            if candidate.name.lower() == wanted:
                return candidate
    except OSError:
        return None
    return None


def _wavenumbers(path: Path) -> np.ndarray:
    data = path.read_bytes()
    if len(data) < 2240:
        raise InputError(path, _("Agilent wavenumber file truncated (needs 2240 bytes)"))
    step = struct.unpack_from("<d", data, 2216)[0]
    start = struct.unpack_from("<i", data, 2228)[0]
    count = struct.unpack_from("<i", data, 2236)[0]
    if not (0 < count < 100000 and 0 < start < 100000 and 0 < step < 100):
        raise InputError(path, _("Agilent wavenumber header is damaged (start {0}, {1} points, "
                           "step {2})").format(start, count, step))
    return np.arange(start, start + count) * step


def _cube(path: Path, npoints: int) -> np.ndarray:
    """Pixels x points from a band-sequential float32 file after a 1020-byte header."""
    size = path.stat().st_size - _HEADER_BYTES
    if size <= 0 or size % (4 * npoints):
        raise InputError(path, _("Agilent data file size does not fit {0} wavenumbers "
                           "(truncated or from another set)").format(npoints))
    pixels = size // (4 * npoints)
    data = np.fromfile(path, dtype="<f4", offset=_HEADER_BYTES).astype(float)
    return data.reshape(npoints, pixels).T


def _spectrum(path: Path, x: np.ndarray, cube: np.ndarray, meta: dict[str, Any]) -> Spectrum:
    y = np.nanmean(cube, axis=0)
    side = math.isqrt(cube.shape[0])
    meta.update({"name": path.stem, "source_file": str(path), "record_index": 0,
                 "pixels": int(cube.shape[0]), "comment": "mean spectrum of the FPA image",
                 "y_units": "absorbance (as stored, assumed)"})
    if side * side == cube.shape[0]:
        meta.setdefault("fpa_size", side)
    technique = "nir" if float(np.min(x)) >= 3900 else "ir"
    return Spectrum(x, y, technique, "1/cm", "absorbance", meta)


def _read_seq(path: Path) -> list[Spectrum]:
    bsp = _sibling(path, ".bsp")
    dat = _sibling(path, ".dat")
    if bsp is None or dat is None:
        missing = ", ".join(s for s, p in ((".bsp", bsp), (".dat", dat)) if p is None)
        raise InputError(path, _("Agilent FPA set is incomplete: {0} file missing next to it").format(missing))
    x = _wavenumbers(bsp)
    return [_spectrum(path, x, _cube(dat, x.size), {"agilent_set": "single tile"})]


def _read_dmt(path: Path) -> list[Spectrum]:
    x = _wavenumbers(path)
    pattern = re.compile(re.escape(path.stem.lower()) + r"_(\d{4})_(\d{4})\.dmd$")
    tiles = sorted(p for p in path.parent.iterdir() if pattern.match(p.name.lower()))
    if not tiles:
        raise InputError(path, _("Agilent mosaic without its tile files (NAME_0000_0000.dmd)"))
    cubes = [_cube(tile, x.size) for tile in tiles]
    return [_spectrum(path, x, np.vstack(cubes), {"agilent_set": "mosaic", "tiles": len(tiles)})]


def _read_asp(path: Path) -> list[Spectrum]:
    text = decode_text(path.read_bytes())
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    try:
        values = [float(v) for v in lines]
    except ValueError:
        raise InputError(path, _("Agilent .asp file with a non-numeric line")) from None
    if len(values) < 7:
        raise InputError(path, _("Agilent .asp file too short"))
    if not all(np.isfinite(values[:3])) or values[0] != int(values[0]) or values[0] < 1:
        raise InputError(path, _("Agilent .asp header is damaged ({0:g} points, "
                           "{1:g} to {2:g})").format(values[0], values[1], values[2]))
    npts = int(values[0])
    first, last = values[1], values[2]
    y = np.asarray(values[6:], dtype=float)
    if npts != y.size:
        raise InputError(path, _("Agilent .asp declares {0} points but holds {1}").format(npts, y.size))
    x = np.linspace(first, last, npts)
    technique = "nir" if min(first, last) >= 3900 else "ir"
    meta = {"name": path.stem, "source_file": str(path), "record_index": 0}
    return [Spectrum(x, y, technique, "1/cm", "absorbance", meta)]


def read(path: Path) -> list[Spectrum]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _SIDECARS:
        raise NotASpectrumError(path, _("is a sidecar file of an Agilent set; open the .seq/.dmt"))
    try:
        if suffix == ".seq":
            if path.stem.lower().startswith("background"):
                raise NotASpectrumError(path, _("is an Agilent background set (reference measurement), "
                                          "not a sample spectrum"))
            return _read_seq(path)
        if suffix == ".dmt":
            return _read_dmt(path)
        return _read_asp(path)
    except OSError as exc:
        raise InputError(path, _("cannot be read ({0})").format(exc.strerror)) from None


def _looks_like_asp(head: bytes) -> bool:
    if not is_text(head):
        return False
    lines = decode_text(head[:512]).split()
    if len(lines) < 7:
        return False
    try:
        vals = [float(v) for v in lines[:7]]
    except ValueError:
        return False
    return vals[0] == int(vals[0]) and vals[0] > 1 and 100 <= vals[1] <= 15000 and 100 <= vals[2] <= 15000


def sniff(head: bytes, path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".seq", ".dmt"):
        return True
    if suffix == ".asp":
        return _looks_like_asp(head)
    if suffix in (".bsp", ".dms", ".dmd", ".drd"):
        return True
    if suffix == ".hdr":
        return head.startswith(b"ENVI")
    if suffix == ".dat":
        # a generic extension: only when it belongs to an Agilent set
        stem = path.stem
        return (not is_text(head)) and any(
            _sibling(path, ext, stem) is not None for ext in (".seq", ".dmt", ".hdr", ".bsp"))
    return False


FORMAT = FileFormat(
    name="agilent_ir",
    description=N_("Agilent IR spectrum (.asp) or FPA image set (.seq/.dmt)"),
    extensions=("asp", "seq", "dmt"),
    sniff=sniff,
    read=read,
    priority=40,
)
