"""Readers of whole GC-MS runs; :func:`read_run` picks the reader from the content.

Formats
-------
* Agilent ChemStation / MassHunter GC/MSD ``.D`` folders (``data.ms`` or
  ``DATA.MS``) and bare ``.ms`` files, via rainbow-api's ChemStation parser.
  A SIM file (``dataSim.ms``) is read with ``mode="sim"``.
* ANDI-MS / AIA netCDF (ASTM E1947), via :mod:`scipy.io.netcdf_file`.
* mzML (lxml, by PSI-MS accession) and mzXML (pyteomics), MS1 spectra only.
* JCAMP-DX whole-run files: ``##NTUPLES= MASS SPECTRUM`` or one ``##PAGE`` per
  scan with ``##RETENTION_TIME`` in seconds.
* ProteoWizard ``.ms1`` text (``S``/``I``/peak lines; ``RTime`` in minutes).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable

import numpy as np

from nps_id.errors import InputError
from nps_id.gcms.run import GCMSRun, looks_like_sim, run_from_dense
from nps_id.i18n import _

CHEMSTATION_MAGIC = b"\x01\x32\x00\x00"
#: Largest m/z a GC-MS run may hold; garbage floats from a damaged file lie far outside.
MAX_MZ = 100_000


# -- Agilent ChemStation ------------------------------------------------------
def _ms_file_in_folder(folder: Path) -> Path:
    names = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    for wanted in ("data.ms", "datasim.ms"):
        if wanted in names:
            return names[wanted]
    others = sorted(p for n, p in names.items() if n.endswith(".ms"))
    if others:
        return others[0]
    raise InputError(folder, _("no data.ms / DATA.MS in this folder (not an Agilent GC/MSD .D run)"))


def _sample_info(folder: Path) -> dict[str, str]:
    """Sample name / operator from MassHunter ``AcqData/sample_info.xml`` (best effort)."""
    try:
        from rainbow.agilent.chemstation import read_sample_metadata
        return read_sample_metadata(str(folder), set(os.listdir(folder)))
    except Exception:  # metadata is a nicety; never fail a read on it
        return {}


#: Bytes of one ChemStation scan record without its m/z-intensity pairs.
_CHEMSTATION_SCAN_BYTES = 28
#: Cells of the scans x m/z matrix rainbow builds (uint32): 2**27 is 512 MiB,
#: far above a real run (36,000 scans x 1,000 m/z is 36 million).
MAX_DENSE_CELLS = 1 << 27


def _check_chemstation_header(ms_file: Path) -> None:
    """Bound the scan count of a ChemStation header by the file size, before rainbow allocates by it.

    Layout as rainbow reads it: the file type (a length byte and text) at
    0x4, the scan count at 0x116 (big-endian uint32, LC files) or 0x142
    (little-endian uint16, GC files), the data start (in 2-byte words) at
    0x10A; every scan takes at least 28 bytes.
    """
    import struct
    size = ms_file.stat().st_size
    with open(ms_file, "rb") as handle:
        head = handle.read(0x144)
    if len(head) < 0x144:
        raise InputError(ms_file, _("Agilent MS file truncated inside its header ({0} bytes)").format(size))
    if head[:4] != CHEMSTATION_MAGIC:
        return  # rainbow reads it as a "partial" file: a loop bounded by the file
    kind = head[5:5 + head[4]].decode("latin-1", "replace")
    if kind == "MSD Spectral File":
        scans = struct.unpack_from(">I", head, 0x116)[0]
    else:
        scans = struct.unpack_from("<H", head, 0x142)[0]
    start = struct.unpack_from(">H", head, 0x10A)[0] * 2 - 2
    if not 0 <= start < size or scans * _CHEMSTATION_SCAN_BYTES > size - start:
        raise InputError(ms_file, _("Agilent MS header declares {0} scans from byte {1}, "
                                    "more than the {2}-byte file holds (truncated or damaged)").format(scans, start, size))


def read_chemstation(path: str | Path) -> GCMSRun:
    """Read an Agilent ChemStation MS file (``data.ms``) or a ``.D`` folder."""
    path = Path(path)
    ms_file = _ms_file_in_folder(path) if path.is_dir() else path
    _check_chemstation_header(ms_file)
    try:
        from rainbow.agilent import chemstation as cs
        # the m/z axis first (no matrix), to bound the scans x m/z matrix before it is made
        axis = cs.parse_ms(str(ms_file), labels_only=True)
        if axis is not None and len(axis.xlabels) * len(axis.ylabels) > MAX_DENSE_CELLS:
            raise InputError(ms_file, _("{0} scans x {1} m/z values: "
                                        "too large for a GC-MS run (damaged file?)").format(
                                            len(axis.xlabels), len(axis.ylabels)))
        datafile = cs.parse_ms(str(ms_file))
        with open(ms_file, "rb") as handle:
            header = cs.read_header(handle, {"sample": 0x18, "operator": 0x94, "date": 0xB2,
                                             "instrument": 0xD0, "method": 0xE4}, 1)
    except InputError:
        raise
    except Exception as exc:  # corrupt/truncated binary
        raise InputError(ms_file, _("cannot read as Agilent ChemStation MS data, damaged or truncated ({0})").format(
            exc)) from None
    if datafile is None or datafile.data.size == 0:
        raise InputError(ms_file, _("Agilent MS file holds no scans"))
    folder = ms_file.parent
    meta = {k: v for k, v in header.items() if v}
    if folder.suffix.lower() == ".d":
        meta.update({k: v for k, v in _sample_info(folder).items() if v})
    meta = {"sample": meta.get("sample", ""), "instrument": meta.get("instrument", ""),
            "method": meta.get("method", ""), "date": meta.get("date", ""),
            "operator": meta.get("operator", ""), "source_file": str(ms_file),
            "format": "Agilent ChemStation MS"}
    run = run_from_dense(np.asarray(datafile.xlabels, float), np.asarray(datafile.ylabels, float),
                         datafile.data, meta)
    sim = "sim" in ms_file.name.lower() or looks_like_sim(run.mz)
    return _with_mode(run, sim)


def _with_mode(run: GCMSRun, sim: bool) -> GCMSRun:
    if sim and run.mode != "sim":
        from dataclasses import replace
        return replace(run, mode="sim", _cache={})
    return run


# -- ANDI / AIA netCDF --------------------------------------------------------
def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1", "replace").strip("\x00 ").strip()
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "S":
            return b"".join(value.ravel().tolist()).decode("latin-1", "replace").strip("\x00 ").strip()
        return ""
    return str(value).strip()


def read_andi(path: str | Path) -> GCMSRun:
    """Read an ANDI-MS (AIA, ASTM E1947) netCDF run.

    The file is handed to scipy in memory: scipy reads every string,
    attribute and variable with ``read(count * size)`` as the header says,
    which on a real file allocates that count (gigabytes for a damaged
    header) but on a ``BytesIO`` is cut to the bytes the file has.
    """
    import io
    from scipy.io import netcdf_file
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, _("cannot be read ({0})").format(exc.strerror)) from None
    try:
        with netcdf_file(io.BytesIO(data), "r", mmap=False) as nc:
            var = nc.variables
            missing = [v for v in ("scan_acquisition_time", "scan_index", "point_count",
                                   "mass_values", "intensity_values") if v not in var]
            if missing:
                raise InputError(path, _("netCDF file is not ANDI-MS (missing {0})").format(", ".join(missing)))
            times = np.array(var["scan_acquisition_time"][:], float) / 60.0
            index = np.array(var["scan_index"][:], np.int64)
            counts = np.array(var["point_count"][:], np.int64)
            mz = np.array(var["mass_values"][:], float)
            intensity = np.array(var["intensity_values"][:], float)
            attrs = {k: _text(v) for k, v in nc._attributes.items()}
            instrument = _text(var["instrument_name"][:]) if "instrument_name" in var else ""
            if not instrument and "instrument_model" in var:
                instrument = _text(var["instrument_model"][:])
    except InputError:
        raise
    except KeyError as exc:  # scipy looks type codes and dimension ids up in tables
        raise InputError(path, _("damaged netCDF header (unknown type code or dimension {0})").format(exc)) from None
    except Exception as exc:
        raise InputError(path, _("cannot read as netCDF, damaged or truncated ({0})").format(exc)) from None
    del data
    if times.ndim != 1 or index.ndim != 1 or counts.ndim != 1 or mz.ndim != 1 or intensity.ndim != 1:
        raise InputError(path, _("ANDI-MS scan or peak variables are not one-dimensional (damaged file)"))
    if mz.size != intensity.size:
        raise InputError(path, _("ANDI-MS file holds {0} m/z values but {1} intensities").format(mz.size, intensity.size))
    # Scans may not be stored contiguously in order: gather them by scan_index,
    # each scan bounded by the peak arrays really stored (no allocation by the header's numbers).
    n = min(times.size, index.size, counts.size)
    times, index, counts = times[:n], index[:n], counts[:n]
    bad = (index < 0) | (counts < 0) | (index > mz.size - counts)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise InputError(path, _("ANDI-MS scan {0} points at peaks {1} to {2} but the file holds {3} "
                                 "(truncated or damaged)").format(first + 1, int(index[first]),
                                                                  int(index[first]) + int(counts[first]), mz.size))
    if int(counts.sum()) > mz.size:
        raise InputError(path, _("ANDI-MS scans declare {0} peaks but the file holds "
                                 "{1} (damaged scan index)").format(int(counts.sum()), mz.size))
    if n and not np.array_equal(index[1:], (index + counts)[:-1]):
        take = np.concatenate([np.arange(s, s + c) for s, c in zip(index, counts)])
        mz, intensity = mz[take], intensity[take]
    else:
        end = int(index[0] + counts.sum()) if n else 0
        mz, intensity = mz[int(index[0]) if n else 0:end], intensity[int(index[0]) if n else 0:end]
    offsets = np.concatenate([[0], np.cumsum(counts)])
    meta = {"sample": attrs.get("experiment_title", "") or attrs.get("sample_name", ""),
            "instrument": instrument, "method": attrs.get("external_file_ref_0", ""),
            "date": attrs.get("experiment_date_time_stamp", ""),
            "operator": attrs.get("operator_name", ""), "comment": attrs.get("experiment_comment", ""),
            "source_file": str(path), "format": "ANDI-MS netCDF"}
    run = GCMSRun(times, offsets, mz, intensity, meta)
    sim = "selected ion" in attrs.get("test_scan_function", "").lower() or looks_like_sim(mz)
    return _with_mode(run, sim)


# -- ProteoWizard MS1 text ------------------------------------------------------
def read_ms1(path: str | Path) -> GCMSRun:
    """Read a ProteoWizard ``.ms1`` text export (``I RTime`` in minutes)."""
    path = Path(path)
    times: list[float] = []
    counts: list[int] = []
    peak_lines: list[str] = []
    header: dict[str, str] = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            tag = line[:2]
            if tag == "S\t" or line.startswith("S "):
                times.append(np.nan)
                counts.append(0)
            elif tag == "I\t" or line.startswith("I "):
                parts = line.split(None, 2)
                if len(parts) == 3 and parts[1] == "RTime" and times:
                    try:
                        times[-1] = float(parts[2])
                    except ValueError:
                        raise InputError(path, _("RTime is not a number: {0}").format(repr(parts[2].strip()[:40])),
                                         number) from None
            elif tag == "H\t" or line.startswith("H "):
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3:
                    header[parts[1]] = parts[2]
            elif line.strip():
                if not counts:
                    raise InputError(path, _("peak line before the first S line"), number)
                peak_lines.append(line)
                counts[-1] += 1
    if not times:
        raise InputError(path, _("no scans (S lines) in this .ms1 file"))
    try:
        values = np.array(" ".join(peak_lines).split(), dtype=float)
    except ValueError:
        bad = next(line for line in peak_lines if not _all_numbers(line))
        raise InputError(path, _("peak line is not two numbers: {0}").format(repr(bad.strip()[:60]))) from None
    if values.size != 2 * sum(counts):
        raise InputError(path, _("peak lines must hold two numbers (m/z intensity)"))
    values = values.reshape(-1, 2)
    times_arr = np.array(times)
    if np.isnan(times_arr).any():
        raise InputError(path, _("a scan has no 'I RTime' line"))
    meta = {"sample": path.stem, "instrument": "", "method": "", "date": header.get("CreationDate", ""),
            "source_file": str(path), "format": "ProteoWizard MS1"}
    run = GCMSRun(times_arr, np.concatenate([[0], np.cumsum(counts)]), values[:, 0], values[:, 1], meta)
    return _with_mode(run, looks_like_sim(run.mz))


def _all_numbers(text: str) -> bool:
    try:
        np.array(text.split(), dtype=float)
    except ValueError:
        return False
    return True


# -- JCAMP-DX whole run -----------------------------------------------------------
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def read_jcamp_run(path: str | Path) -> GCMSRun:
    """Read a JCAMP-DX GC-MS run: one ``##PAGE`` per scan (``##NTUPLES= MASS SPECTRUM``).

    The retention time comes from ``##RETENTION_TIME`` (seconds) or the
    ``##PAGE= T=`` value; peaks are ``(XY..XY)`` pairs.
    """
    path = Path(path)
    text = path.read_text(encoding="latin-1")
    pages = re.split(r"^##PAGE=", text, flags=re.MULTILINE)
    head = pages[0]
    if len(pages) < 2:
        raise InputError(path, _("JCAMP-DX file has no ##PAGE blocks: not a whole GC-MS run"))
    units_seconds = True
    m = re.search(r"^##UNITS=[ \t]*([^\n]*)$", head, flags=re.MULTILINE)
    if m and "MIN" in m.group(1).upper().split(",")[-1]:
        units_seconds = False
    times, counts, chunks = [], [], []
    for page in pages[1:]:
        rt = re.search(r"^##RETENTION[_ ]TIME=\s*(" + _NUMBER + ")", page, flags=re.MULTILINE)
        if rt is None:
            rt = re.match(r"\s*T\s*=\s*(" + _NUMBER + ")", page)
        if rt is None:
            raise InputError(path, _("a ##PAGE has no retention time"))
        times.append(float(rt.group(1)))
        data = re.search(r"^##(?:XYDATA|DATA TABLE|PEAK TABLE)=[^\n]*\n(.*?)(?=^##|\Z)", page,
                         flags=re.MULTILINE | re.DOTALL)
        block = data.group(1) if data else ""
        numbers = block.replace(",", " ").replace(";", " ").split()
        if len(numbers) % 2:
            raise InputError(path, _("odd number of values in the page at {0} s").format(times[-1]))
        counts.append(len(numbers) // 2)
        chunks.append(" ".join(numbers))
    try:
        values = np.array(" ".join(chunks).split(), dtype=float).reshape(-1, 2)
    except ValueError:
        page = next(i for i, chunk in enumerate(chunks) if not _all_numbers(chunk))
        raise InputError(path, _("the page at {0} s holds a value that is not a number").format(times[page])) from None
    times_min = np.array(times) / (60.0 if units_seconds else 1.0)
    title = re.search(r"^##TITLE=[ \t]*([^\n]*)$", head, flags=re.MULTILINE)
    date = re.search(r"^##(?:LONG)?DATE=[ \t]*([^\n]*)$", head, flags=re.MULTILINE)
    system = re.search(r"^##SPECTROMETER[_/ ]?(?:SYSTEM|DATA SYSTEM)=[ \t]*([^\n]*)$", head, flags=re.MULTILINE)
    meta = {"sample": (title.group(1).strip() if title else "") or path.stem,
            "instrument": system.group(1).strip() if system else "", "method": "",
            "date": date.group(1).strip() if date else "", "source_file": str(path),
            "format": "JCAMP-DX GC-MS run"}
    run = GCMSRun(times_min, np.concatenate([[0], np.cumsum(counts)]), values[:, 0], values[:, 1], meta)
    return _with_mode(run, looks_like_sim(run.mz))


# -- mzML / mzXML -------------------------------------------------------------------
def _read_pyteomics(path: Path, kind: str) -> GCMSRun:
    from pyteomics import mzml, mzxml
    times, counts, mzs, ints = [], [], [], []
    try:
        if kind == "mzml":
            reader = mzml.MzML(str(path), use_index=False, read_schema=False)
        else:
            reader = mzxml.MzXML(str(path), use_index=False, read_schema=False)
        with reader:
            for spec in reader:
                if kind == "mzml":
                    if int(spec.get("ms level", 1)) != 1:
                        continue
                    scan = spec.get("scanList", {}).get("scan", [{}])[0]
                    rt = scan.get("scan start time")
                    unit = getattr(rt, "unit_info", "minute") or "minute"
                    t = float(rt) / (60.0 if str(unit).startswith("s") else 1.0)
                else:
                    if int(spec.get("msLevel", 1)) != 1:
                        continue
                    rt = spec.get("retentionTime")
                    t = float(rt)  # pyteomics converts mzXML PT..S durations to minutes
                times.append(t)
                mzs.append(np.asarray(spec["m/z array"], float))
                ints.append(np.asarray(spec["intensity array"], float))
                counts.append(mzs[-1].size)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(path, _("cannot read as {0} ({1})").format(kind, exc)) from None
    if not times:
        raise InputError(path, _("no MS1 spectra in this {0} file").format(kind))
    meta = {"sample": path.stem, "instrument": "", "method": "", "date": "",
            "source_file": str(path), "format": kind}
    mz = np.concatenate(mzs)
    run = GCMSRun(np.array(times), np.concatenate([[0], np.cumsum(counts)]), mz, np.concatenate(ints), meta)
    return _with_mode(run, looks_like_sim(mz))


#: Bytes one mzML binary array may inflate to (32 million 64-bit values).
MAX_ARRAY_BYTES = 1 << 28


def read_mzml(path: str | Path) -> GCMSRun:
    """Read the MS1 spectra of an mzML file as a run.

    Parsed with lxml by PSI-MS accession (pyteomics' mzML reader needs the
    optional ``psims`` package for its controlled vocabulary): ``MS:1000511``
    ms level, ``MS:1000016`` scan start time (``UO:0000031`` minute or
    ``UO:0000010`` second), ``MS:1000514``/``MS:1000515`` m/z and intensity
    arrays, ``MS:1000521``/``MS:1000523`` 32/64-bit float, ``MS:1000574`` zlib.
    """
    import base64
    import zlib
    from lxml import etree
    path = Path(path)
    times, counts, mzs, ints = [], [], [], []
    try:
        for _event, spec in etree.iterparse(str(path), events=("end",), tag="{*}spectrum", huge_tree=True,
                                       resolve_entities=False, no_network=True):
            level, rt, arrays = 1, None, {}
            for param in spec.iter("{*}cvParam"):
                acc = param.get("accession")
                if acc == "MS:1000511":
                    level = int(param.get("value"))
                elif acc == "MS:1000016":
                    rt = float(param.get("value"))
                    if param.get("unitAccession") == "UO:0000010" or param.get("unitName") == "second":
                        rt /= 60.0
            for array in spec.iter("{*}binaryDataArray"):
                accs = {p.get("accession") for p in array.iter("{*}cvParam")}
                raw = base64.b64decode((array.findtext("{*}binary") or "").strip())
                if "MS:1000574" in accs:
                    inflate = zlib.decompressobj()
                    raw = inflate.decompress(raw, MAX_ARRAY_BYTES)
                    if inflate.unconsumed_tail:
                        raise InputError(path, _("a zlib-compressed array inflates past {0} bytes").format(MAX_ARRAY_BYTES))
                values = np.frombuffer(raw, "<f4" if "MS:1000521" in accs else "<f8").astype(float)
                if "MS:1000514" in accs:
                    arrays["mz"] = values
                elif "MS:1000515" in accs:
                    arrays["intensity"] = values
            spec.clear()
            if level != 1:
                continue
            if rt is None or "mz" not in arrays or "intensity" not in arrays:
                raise InputError(path, _("an MS1 spectrum lacks its scan start time or arrays"))
            if arrays["mz"].size != arrays["intensity"].size:
                raise InputError(path, _("m/z and intensity arrays differ in length"))
            times.append(rt)
            mzs.append(arrays["mz"])
            ints.append(arrays["intensity"])
            counts.append(arrays["mz"].size)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(path, _("cannot read as mzML ({0})").format(exc)) from None
    if not times:
        raise InputError(path, _("no MS1 spectra in this mzML file"))
    meta = {"sample": path.stem, "instrument": "", "method": "", "date": "",
            "source_file": str(path), "format": "mzML"}
    mz = np.concatenate(mzs)
    run = GCMSRun(np.array(times), np.concatenate([[0], np.cumsum(counts)]), mz, np.concatenate(ints), meta)
    return _with_mode(run, looks_like_sim(mz))


def read_mzxml(path: str | Path) -> GCMSRun:
    """Read the MS1 spectra of an mzXML file as a run (pyteomics)."""
    return _read_pyteomics(Path(path), "mzxml")


# -- dispatch -------------------------------------------------------------------------
def _sniff(path: Path) -> Callable[[Path], GCMSRun]:
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith(CHEMSTATION_MAGIC):
        return read_chemstation
    if head[:3] == b"CDF":
        return read_andi
    if head.startswith(b"\x89HDF"):
        raise InputError(path, _("netCDF-4/HDF5 file: save the run as classic ANDI-MS netCDF (netCDF-3)"))
    text = head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \r\n\t")
    low = text.lower()
    if "<mzml" in low or "<indexedmzml" in low:
        return read_mzml
    if "<mzxml" in low:
        return read_mzxml
    if text.startswith("##"):
        return read_jcamp_run
    if re.match(r"^(H\t[^\n]*\n)*S\t", text) or re.match(r"^S\t", text):
        return read_ms1
    suffix = path.suffix.lower()
    by_suffix = {".ms": read_chemstation, ".cdf": read_andi, ".mzml": read_mzml,
                 ".mzxml": read_mzxml, ".jdx": read_jcamp_run, ".dx": read_jcamp_run,
                 ".ms1": read_ms1}
    if suffix in by_suffix and suffix != ".ms":
        return by_suffix[suffix]
    raise InputError(path, _("not a GC-MS run format NPS-ID knows (Agilent .D/.ms, ANDI netCDF, "
                             "mzML, mzXML, JCAMP-DX run, ProteoWizard .ms1)"))


def is_run(path: str | Path) -> bool:
    """Is ``path`` a whole GC-MS run, as :func:`read_run` reads them (not a single spectrum)?

    Decided by content (a ``.D`` folder with its ``.ms`` file, ChemStation
    and ANDI magic numbers, mzML/mzXML roots, a JCAMP-DX file with one page
    per scan, ProteoWizard MS1 text), so a JCAMP-DX IR spectrum and a
    JCAMP-DX GC-MS run with the same extension go to the right place.
    """
    from nps_id.io.jcamp import is_gcms_run_text

    path = Path(path)
    if path.is_dir():
        try:
            _ms_file_in_folder(path)
        except (InputError, OSError):
            return False
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    if head.startswith(CHEMSTATION_MAGIC) or head[:3] == b"CDF":
        return True
    text = head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \r\n\t")
    low = text[:4096].lower()
    if "<mzml" in low or "<indexedmzml" in low or "<mzxml" in low:
        return True
    if text.startswith("##"):
        return is_gcms_run_text(text) and bool(re.search(r"MASS|GC|CHROMATOGRAM", text[:20000], re.I))
    return bool(re.match(r"^(H\t[^\n]*\n)*S\t", text))


def read_run(path: str | Path) -> GCMSRun:
    """Read a GC-MS run, choosing the reader from the file content.

    Parameters
    ----------
    path
        A ``.D`` folder, or a run file (ChemStation ``.ms``, ANDI ``.cdf``,
        ``.mzML``, ``.mzXML``, JCAMP-DX ``.jdx``, ProteoWizard ``.ms1``).

    Raises
    ------
    InputError
        Naming the file when it is missing, empty or not a readable run.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, _("no such file or folder"))
    try:
        if path.is_dir():
            run = read_chemstation(path)
        else:
            if path.stat().st_size == 0:
                raise InputError(path, _("the file is empty"))
            run = _sniff(path)(path)
    except InputError:
        raise
    except (MemoryError, RecursionError):
        # a last resort: the readers bound what they allocate by the file's size
        raise InputError(path, _("too large or too deeply nested to read as a GC-MS run (damaged file?)")) from None
    except Exception as exc:  # a reader bug or unforeseen damage: still an error naming the file
        raise InputError(path, _("cannot read this run ({0}: {1})").format(type(exc).__name__, exc)) from None
    if run.n_scans == 0:
        raise InputError(path, _("the run holds no scans"))
    if not np.isfinite(run.times).all():
        raise InputError(path, _("a scan time is not a number (damaged file)"))
    if run.mz.size and not (np.isfinite(run.mz).all() and run.mz.min() >= 0 and run.mz.max() <= MAX_MZ):
        raise InputError(path, _("m/z values outside 0-{0:,} (damaged file)").format(MAX_MZ))
    if run.intensity.size and not np.isfinite(run.intensity).all():
        raise InputError(path, _("an intensity is not a number (damaged file)"))
    if run.n_scans > 1 and np.any(np.diff(run.times) < 0):
        raise InputError(path, _("scan times are not increasing"))
    return run
