"""JCAMP-DX 4.24 / 5.x reader and writer (IR, Raman, UV, NMR and MS peak tables).

Written here because several PyPI readers misdecode ASDF compression (an SQZ
``E`` digit is +5, not a float exponent; the DIF Y-check value is kept twice).

References
----------
McDonald, R. S.; Wilks, P. A. "JCAMP-DX: A Standard Form for Exchange of
Infrared Spectra in Computer Readable Form." Appl. Spectrosc. 1988, 42, 151.
Lampen, P. et al. "JCAMP-DX for Mass Spectrometry." Appl. Spectrosc. 1994, 48, 1545.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from nps_id.errors import InputError, NotASpectrumError
from nps_id.i18n import N_, _
from nps_id.io.registry import FileFormat, decode_text, is_text, write_text_file
from nps_id.spectrum import Spectrum

# -- ASDF character tables ---------------------------------------------------
_SQZ = {"@": 0, **{c: i + 1 for i, c in enumerate("ABCDEFGHI")},
        **{c: -(i + 1) for i, c in enumerate("abcdefghi")}}
_DIF = {"%": 0, **{c: i + 1 for i, c in enumerate("JKLMNOPQR")},
        **{c: -(i + 1) for i, c in enumerate("jklmnopqr")}}
_DUP = {**{c: i + 1 for i, c in enumerate("STUVWXYZ")}, "s": 9}
# Characters that only occur in compressed data (E/e are ambiguous with exponents).
_ASDF_ONLY = set(_SQZ) | set(_DIF) | set(_DUP)
_ASDF_ONLY -= {"E", "e"}
_FLOAT_RE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[Ee][+-]?\d+)?|\?")
# The same single number written without the ambiguity of "\d+\.?\d*" (whose
# failing fullmatch backtracks quadratically over a long run of digits).
_ONE_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[Ee][+-]?\d+)?|\?")

_DATA_LABELS = ("XYDATA", "XYPOINTS", "PEAKTABLE", "DATATABLE")

#: Ordinates one block may expand to.  A DUP count ("Z9999999") multiplies a few
#: bytes into millions of values; no IR or MS spectrum has this many points.
MAX_POINTS = 1 << 23


def _norm_label(label: str) -> str:
    """Label as compared by the standard: upper case, no spaces, -, /, _."""
    return re.sub(r"[\s\-/_]", "", label).upper()


def _strip_comment(line: str) -> str:
    pos = line.find("$$")
    return line if pos < 0 else line[:pos]


# -- ASDF decoding -------------------------------------------------------------
def _tokenize_asdf(line: str) -> list[tuple[str, str]]:
    """Split a compressed data line into (kind, digits) tokens.

    kind: "A" (AFFN/PAC, digits carry their own sign), "S" (SQZ), "D" (DIF),
    "U" (DUP).
    """
    tokens: list[tuple[str, str]] = []
    kind = None
    buf = ""
    for ch in line:
        if ch.isdigit() or ch == ".":
            if kind is None:
                kind, buf = "A", ""
            buf += ch
            continue
        # any other character ends the current token
        if kind is not None:
            tokens.append((kind, buf))
            kind, buf = None, ""
        if ch in "+-":
            kind, buf = "A", ch
        elif ch in _SQZ:
            kind, buf = "S", str(_SQZ[ch])
            if _SQZ[ch] < 0:
                buf = "-" + buf[1:]
        elif ch in _DIF:
            kind, buf = "D", str(_DIF[ch])
            if _DIF[ch] < 0:
                buf = "-" + buf[1:]
        elif ch in _DUP:
            kind, buf = "U", str(_DUP[ch])
        elif ch in " \t,;":
            continue
        elif ch == "?":
            tokens.append(("A", "nan"))
        else:
            raise ValueError(_("unexpected character {0} in compressed data").format(repr(ch)))
    if kind is not None:
        tokens.append((kind, buf))
    return tokens


def _decode_asdf_lines(lines: list[tuple[int, str]], path: Path,
                       limit: int = MAX_POINTS) -> tuple[list[float], list[float]]:
    """Decode (X++(Y..Y)) lines in any ASDF/AFFN form.

    Returns the abscissa given at the start of each line (repeated for each of
    its ordinates) and the ordinates, Y-check values removed.  More than
    ``limit`` ordinates (a damaged DUP count) is an error, found before the
    values are made.
    """
    xs: list[float] = []
    ys: list[float] = []
    prev_ended_dif = False
    for lineno, raw in lines:
        line = _strip_comment(raw).strip()
        if not line:
            continue
        try:
            tokens = _tokenize_asdf(line)
        except ValueError as exc:
            raise InputError(path, str(exc), line=lineno) from None
        if not tokens:
            continue
        kind, text = tokens[0]
        if kind != "A":
            raise InputError(path, _("data line does not start with an abscissa"), line=lineno)
        try:
            x_line = float(text)
        except ValueError:
            raise InputError(path, _("bad abscissa {0}").format(repr(text)), line=lineno) from None
        values: list[float] = []
        last_kind = None
        last_delta = 0.0
        for kind, text in tokens[1:]:
            if kind == "U":
                if not values or last_kind is None:
                    raise InputError(path, _("DUP count without a value to repeat"), line=lineno)
                count = int(text) - 1
                if count < 0:
                    raise InputError(path, _("bad DUP count"), line=lineno)
                if len(ys) + len(values) + count > limit:
                    raise InputError(path, _("DUP count {0} makes more than {1} ordinates "
                                       "(damaged data or ##NPOINTS)").format(count + 1, limit), line=lineno)
                for _repeat in range(count):
                    values.append(values[-1] + last_delta if last_kind == "D" else values[-1])
                continue
            try:
                number = float(text)
            except ValueError:
                raise InputError(path, _("bad number {0}").format(repr(text)), line=lineno) from None
            if kind == "D":
                if not values:
                    if not ys:
                        raise InputError(path, _("DIF value without a previous ordinate"), line=lineno)
                    values.append(ys[-1] + number)
                else:
                    values.append(values[-1] + number)
                last_kind, last_delta = "D", number
            else:
                values.append(number)
                last_kind, last_delta = kind, 0.0
        if prev_ended_dif and values:
            # Y-check: the first ordinate repeats the last one of the previous line.
            values = values[1:]
        prev_ended_dif = last_kind == "D"
        if len(ys) + len(values) > limit:
            raise InputError(path, _("data hold more than {0} ordinates (damaged data or ##NPOINTS)").format(limit),
                             line=lineno)
        xs.extend([x_line] * len(values))
        ys.extend(values)
    return xs, ys


def _decode_affn_lines(lines: list[tuple[int, str]], path: Path) -> tuple[list[float], list[float]]:
    xs: list[float] = []
    ys: list[float] = []
    for lineno, raw in lines:
        line = _strip_comment(raw).strip()
        if not line:
            continue
        numbers = _FLOAT_RE.findall(line)
        if not numbers:
            raise InputError(path, _("cannot read data line {0}").format(repr(line[:40])), line=lineno)
        vals = [float("nan") if n == "?" else float(n) for n in numbers]
        xs.extend([vals[0]] * (len(vals) - 1))
        ys.extend(vals[1:])
    return xs, ys


# A token made of numbers run together ("1.5-2.3+4E2?") is read by a small
# automaton, state set by state set: linear in its length.  The regular
# expression (number)+ it replaces backtracks exponentially on a long run of
# digits ending in a stray character (22 digits took two minutes).
_NUMBER_STEPS = {
    "start": {"sign": "sign", "digit": "int", ".": "lead", "?": "done"},
    "sign": {"digit": "int", ".": "lead"},
    "int": {"digit": "int", ".": "frac", "e": "exp"},
    "frac": {"digit": "frac", "e": "exp"},
    "lead": {"digit": "frac"},
    "exp": {"sign": "expsign", "digit": "expd"},
    "expsign": {"digit": "expd"},
    "expd": {"digit": "expd"},
    "done": {},
}
_NUMBER_ENDS = frozenset({"int", "frac", "expd", "done"})


def _char_class(ch: str) -> str | None:
    if ch.isdecimal():
        return "digit"
    if ch in "+-":
        return "sign"
    if ch in "Ee":
        return "e"
    return ch if ch in ".?" else None


def _is_number_run(token: str) -> bool:
    """Is ``token`` one or more numbers ``[+-]?(d+.?d*|.d+)([Ee][+-]?d+)?`` or ``?`` run together?"""
    if _ONE_NUMBER_RE.fullmatch(token):  # the common case: one number
        return True
    states = {"start"}
    for ch in token:
        kind = _char_class(ch)
        if kind is None:
            return False
        following = {step for state in states if (step := _NUMBER_STEPS[state].get(kind))}
        if following & _NUMBER_ENDS:
            following.add("start")  # a number may end here and the next begin
        if not following:
            return False
        states = following
    return bool(token) and bool(states & _NUMBER_ENDS)


_TOKEN_SPLIT = re.compile(r"[\s,;]+")


def _is_compressed(lines: list[tuple[int, str]]) -> bool:
    for _lineno, raw in lines:
        line = _strip_comment(raw)
        if any(ch in _ASDF_ONLY for ch in line):
            return True
        # a pure SQZ line using only E/e digits is not a valid float list
        for token in _TOKEN_SPLIT.split(line.strip()):
            if token and not _is_number_run(token):
                return True
            if token and ("E" in token or "e" in token) and len(_FLOAT_RE.findall(token)) > 1:
                return True
    return False


def _decode_xy_groups(lines: list[tuple[int, str]], group: int, path: Path) -> np.ndarray:
    """(XY..XY) or (XYW..XYW) data: numbers in groups of ``group``."""
    numbers: list[float] = []
    for lineno, raw in lines:
        line = _strip_comment(raw).strip()
        if not line:
            continue
        found = _FLOAT_RE.findall(line)
        if not found:
            raise InputError(path, _("cannot read data line {0}").format(repr(line[:40])), line=lineno)
        numbers.extend(float("nan") if n == "?" else float(n) for n in found)
    if len(numbers) % group:
        raise InputError(path, _("{0} numbers do not form groups of {1}").format(len(numbers), group))
    return np.asarray(numbers, dtype=float).reshape(-1, group)


# -- file structure ------------------------------------------------------------
class _Block:
    def __init__(self, start_line: int) -> None:
        self.start_line = start_line
        self.labels: dict[str, str] = {}
        self.raw_names: dict[str, str] = {}
        self.data_label: str | None = None
        self.data_form = ""
        self.data_lines: list[tuple[int, str]] = []
        self.children: list["_Block"] = []
        # continuation lines of multi-line label values, joined once at the end (joining line
        # by line copied the growing value each time: quadratic on a long label)
        self.continued: dict[str, list[str]] = {}

    def join_continuations(self) -> None:
        for key, parts in self.continued.items():
            self.labels[key] = "\n".join([self.labels[key]] + [p for p in parts if p]).strip()
        self.continued = {}


def _parse_blocks(text: str, path: Path) -> list[_Block]:
    """All blocks holding data, outer LINK blocks flattened."""
    blocks: list[_Block] = []
    stack: list[_Block] = []
    current_label: str | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("##"):
            body = line[2:]
            label, _eq, value = body.partition("=")
            key = _norm_label(label)
            value = _strip_comment(value).strip()
            if key == "TITLE":
                block = _Block(lineno)
                if stack:
                    stack[-1].children.append(block)
                stack.append(block)
                blocks.append(block)
            elif not stack:
                # data before any ##TITLE: tolerate by opening an untitled block
                block = _Block(lineno)
                stack.append(block)
                blocks.append(block)
            block = stack[-1]
            if key == "END":
                stack.pop()
                current_label = None
                continue
            block.labels[key] = value
            block.continued.pop(key, None)
            block.raw_names[key] = label.strip()
            current_label = key
            if key in _DATA_LABELS:
                block.data_label = key
                block.data_form = value.replace(" ", "").upper()
            continue
        if not line or current_label is None or not stack:
            continue
        block = stack[-1]
        if block.data_label == current_label:
            block.data_lines.append((lineno, raw))
        elif not line.startswith("$$"):
            # continuation of a multi-line label value
            block.continued.setdefault(current_label, []).append(_strip_comment(line).rstrip())
    for block in blocks:
        block.join_continuations()
    return blocks


def _number(block: _Block, key: str, path: Path, default: float | None = None) -> float | None:
    value = block.labels.get(key, "")
    if not value:
        return default
    try:
        return float(value.split()[0].rstrip(","))
    except ValueError:
        raise InputError(path, _("##{0}= {1} is not a number").format(key, repr(value)), line=block.start_line) from None


# -- units and technique -------------------------------------------------------
def _technique(data_type: str, x_unit_raw: str) -> str:
    dt = data_type.upper()
    xu = x_unit_raw.upper()
    if "MASS" in dt:
        return "ms"
    if "NMR" in dt:
        return "nmr"
    if "RAMAN" in dt:
        return "raman"
    if "NEAR" in dt and "INFRARED" in dt or re.search(r"\bNIR\b", dt):
        return "nir"
    if "UV" in dt or "VIS" in dt or "ULTRAVIOLET" in dt:
        return "uv"
    if "INFRARED" in dt or re.search(r"\b(FT)?IR\b", dt):
        return "ir"
    if xu in ("1/CM", "CM-1", "CM^-1", "WAVENUMBERS", "MICROMETERS", "MICRONS"):
        return "ir"
    if xu in ("M/Z",):
        return "ms"
    if xu in ("PPM", "HZ"):
        return "nmr"
    if xu in ("NANOMETERS", "NM"):
        return "uv"
    return "other"


def _x_unit(raw: str, technique: str) -> str:
    u = raw.strip().upper().replace(" ", "")
    if u in ("1/CM", "CM-1", "CM^-1", "WAVENUMBERS", "WAVENUMBER", "1/CENTIMETERS"):
        return "raman shift 1/cm" if technique == "raman" else "1/cm"
    if u in ("MICROMETERS", "MICRONS", "UM", "MICROMETER"):
        return "micrometers"
    if u in ("NANOMETERS", "NM", "NANOMETER"):
        return "nm"
    if u in ("M/Z", "MZ"):
        return "m/z"
    if u == "PPM":
        return "ppm"
    if technique == "ms" and not u:
        return "m/z"
    return "arbitrary"


def _y_unit(raw: str, y: np.ndarray, technique: str) -> str:
    u = raw.strip().upper()
    finite = y[np.isfinite(y)]
    if "TRANSMITTANCE" in u or u in ("%T", "T"):
        # JCAMP does not say which scale: judge from the values (a fraction
        # stays near 0-1 even with noise above 1; percent spectra sit near 100).
        if u.startswith("%") or "PERCENT" in u or (
                finite.size and (finite.max() > 10 or np.median(finite) > 1.5)):
            return "%transmittance"
        return "transmittance"
    if "ABSORBANCE" in u:
        return "absorbance"
    if "KUBELKA" in u:
        return "kubelka-munk"
    if "REFLECTANCE" in u:
        return "reflectance"
    if "COUNTS" in u:
        return "counts"
    if technique == "ms":
        return "relative abundance"
    return "arbitrary"


def _refine_technique(technique: str, x_unit: str, x: np.ndarray) -> str:
    """Near-IR recorded as "INFRARED SPECTRUM": judged from the range."""
    if technique != "ir" or x.size == 0 or not np.isfinite(x).any():
        return technique
    lo = float(np.nanmin(x))
    if x_unit == "1/cm" and lo >= 3900:
        return "nir"
    if x_unit == "micrometers" and float(np.nanmax(x)) <= 2.6:
        return "nir"
    return technique


# -- metadata --------------------------------------------------------------------
_META_MAP = {
    "TITLE": "name",
    "CASREGISTRYNO": "cas",
    "CASNAME": "cas_name",
    "MOLFORM": "formula",
    "MW": "mw",
    "ORIGIN": "contributor",
    "OWNER": "licence",
    "SPECTROMETERDATASYSTEM": "instrument",
    "INSTRUMENTPARAMETERS": "instrument_parameters",
    "$INCHIKEY": "inchikey",
    "$INCHI": "inchi",
    "$SMILES": "smiles",
    "BLOCKID": "source_id",
    "$SOURCEID": "source_id",
    "$CLASS": "compound_class",
    "$METHOD": "method",
    "$REVIEWER": "reviewer",
    "DATE": "date",
    "$RETENTIONINDEX": "retention_index",
    "RETENTIONINDEX": "retention_index",
    "$RETENTIONTIME": "retention_time",
    "$EXACTMASS": "exact_mass",
    "$IRSAMPLING": "ir_sampling",
    "SAMPLINGPROCEDURE": "sampling_procedure",
    "COMMENT": "comment",
    "COMMENTS": "comment",
}
#: Labels whose value is a number (typed as the MSP reader types them, so a record round-trips).
_FLOAT_META = {"mw", "retention_index", "retention_time", "exact_mass"}
_SKIP_META = {
    "JCAMPDX", "XYDATA", "XYPOINTS", "PEAKTABLE", "DATATABLE", "FIRSTX", "LASTX", "DELTAX",
    "XFACTOR", "YFACTOR", "NPOINTS", "FIRSTY", "MAXY", "MINY", "MAXX", "MINX", "END",
    "DATATYPE", "DATACLASS", "XUNITS", "YUNITS", "TITLE", "NAMES",
}


def _metadata(block: _Block, path: Path, index: int) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": block.labels.get("TITLE", "")}
    for key, value in block.labels.items():
        if key in _SKIP_META or not value:
            continue
        target = _META_MAP.get(key)
        if target is None:
            raw = block.raw_names.get(key, key)
            meta[re.sub(r"[^0-9a-z]+", "_", raw.lower()).strip("_")] = value
            continue
        if target == "formula":
            value = re.sub(r"\s+", "", value)
        if target in _FLOAT_META:
            try:
                value = float(value.split()[0])
            except (ValueError, IndexError):
                continue
        meta[target] = value
    names = block.labels.get("NAMES", "")
    if names:
        synonyms = [n.strip() for n in names.splitlines() if n.strip()]
        meta["synonyms"] = synonyms
        meta.pop("names", None)
        if not meta.get("name"):
            meta["name"] = synonyms[0]
    if meta.get("name"):
        meta["title"] = meta["name"]
    meta["source_file"] = str(path)
    meta["record_index"] = index
    meta["x_units"] = block.labels.get("XUNITS", "")
    meta["y_units"] = block.labels.get("YUNITS", "")
    return meta


# -- reading ---------------------------------------------------------------------
def _block_arrays(block: _Block, path: Path) -> tuple[np.ndarray, np.ndarray]:
    form = block.data_form
    xfactor = _number(block, "XFACTOR", path, 1.0) or 1.0
    yfactor = _number(block, "YFACTOR", path, 1.0) or 1.0
    lines = block.data_lines
    if block.data_label in ("XYPOINTS", "PEAKTABLE") or "XY..XY" in form or "XYW..XYW" in form:
        group = 3 if "XYW" in form else 2
        if _is_compressed(lines):
            raise InputError(path, _("compressed ##{0}= is not supported").format(block.data_label),
                             line=block.start_line)
        arr = _decode_xy_groups(lines, group, path)
        npoints = _number(block, "NPOINTS", path)
        if npoints is not None and int(npoints) != arr.shape[0]:
            raise InputError(
                path, _("declares ##NPOINTS={0} but its data holds {1} points "
                         "(truncated or damaged data)").format(int(npoints), arr.shape[0]), line=block.start_line)
        return arr[:, 0] * xfactor, arr[:, 1] * yfactor
    if "X++(Y..Y)" not in form and "X++(R..R)" not in form and "X++(I..I)" not in form:
        if "X++(Y..Y" in form:  # a closing bracket missing, as in some test files
            pass
        else:
            raise InputError(path, _("unsupported data form ##{0}= {1}").format(block.data_label, form),
                             line=block.start_line)
    npoints = _number(block, "NPOINTS", path)
    if _is_compressed(lines):
        # a Y-check value may stand once more than NPOINTS until its line is finished
        limit = MAX_POINTS if npoints is None or not 0 <= npoints < MAX_POINTS else int(npoints) + 1
        line_x, y = _decode_asdf_lines(lines, path, limit)
    else:
        line_x, y = _decode_affn_lines(lines, path)
    y_arr = np.asarray(y, dtype=float) * yfactor
    firstx = _number(block, "FIRSTX", path)
    lastx = _number(block, "LASTX", path)
    n = y_arr.size
    if npoints is not None and int(npoints) != n:
        raise InputError(
            path, _("declares ##NPOINTS={0} but its data holds {1} ordinates "
                     "(truncated or damaged data)").format(int(npoints), n), line=block.start_line)
    if firstx is not None and lastx is not None and n > 1:
        x = firstx + np.arange(n) * ((lastx - firstx) / (n - 1))
    elif firstx is not None and n == 1:
        x = np.array([firstx])
    else:
        # No FIRSTX/LASTX: interpolate between the abscissae given on each line.
        x = _x_from_lines(np.asarray(line_x) * xfactor, block, path)
    return x, y_arr


def _x_from_lines(line_x: np.ndarray, block: _Block, path: Path) -> np.ndarray:
    """Abscissae between the X values that start each data line (a run of equal X is one line).

    Vectorised: a loop over the lines took seconds on a file of a million one-value lines."""
    deltax = _number(block, "DELTAX", path)
    if line_x.size == 0:
        return line_x
    starts = np.flatnonzero(np.r_[True, line_x[1:] != line_x[:-1]])
    ends = np.r_[starts[1:], line_x.size]
    if deltax is not None:
        steps = np.full(starts.size, float(deltax))
    elif starts.size > 1:
        # each line: (next line's X - its X) / its length; the last line keeps the step before it
        steps = np.empty(starts.size)
        steps[:-1] = (line_x[ends[:-1]] - line_x[starts[:-1]]) / (ends[:-1] - starts[:-1])
        steps[-1] = (line_x[starts[-1]] - line_x[starts[-2]]) / (starts[-1] - starts[-2])
    else:
        steps = np.ones(1)
    segment = np.repeat(np.arange(starts.size), ends - starts)
    offset = np.arange(line_x.size) - starts[segment]
    return line_x[starts][segment] + steps[segment] * offset


_NTUPLES_RE = re.compile(r"^[ \t\r\f\v]*##[ \t]*NTUPLES[ \t]*=", re.M | re.I)
_SCAN_LABEL_RE = re.compile(r"^[ \t\r\f\v]*##[ \t]*(?:SCAN[ _]?NUMBER|RETENTION[ _]?TIME)[ \t]*=", re.M | re.I)


def is_gcms_run_text(text: str) -> bool:
    """Does this JCAMP-DX text hold a whole GC-MS run (NTUPLES, or one page per scan)?"""
    head = text.upper()
    # [ \t]* rather than \s*: "^\s*" re-scans every following blank line from each line start (quadratic)
    if _NTUPLES_RE.search(head):
        return True
    # PyMassSpec / Agilent style: one ##XYDATA page per scan with a retention time
    return len(_SCAN_LABEL_RE.findall(head)) > 2


def read(path: Path) -> list[Spectrum]:
    """Read every spectrum block of a JCAMP-DX file (LINK files give one per block)."""
    path = Path(path)
    try:
        text = decode_text(path.read_bytes())
    except OSError as exc:
        raise InputError(path, _("cannot be read ({0})").format(exc.strerror)) from None
    if is_gcms_run_text(text):
        if _NTUPLES_RE.search(text) and not re.search(
                r"MASS|GC|CHROMATOGRAM", text[:20000], re.I):
            raise InputError(path, _("holds JCAMP-DX NTUPLES data (e.g. an NMR FID), which NPS-ID does not read"))
        raise InputError(path, _("is a whole GC-MS run; open it with `nps-id gcms`"))
    blocks = [b for b in _parse_blocks(text, path) if b.data_label is not None]
    if not blocks:
        raise InputError(path, _("JCAMP-DX file without ##XYDATA, ##XYPOINTS or ##PEAK TABLE data"))
    spectra = []
    for index, block in enumerate(blocks):
        if not block.data_lines:
            raise InputError(path, _("##{0}= holds no data (truncated file?)").format(block.data_label),
                             line=block.start_line)
        x, y = _block_arrays(block, path)
        data_type = block.labels.get("DATATYPE", "") or block.labels.get("DATACLASS", "")
        x_raw = block.labels.get("XUNITS", "")
        technique = _technique(data_type, x_raw)
        if technique == "ms" and block.data_label == "XYDATA" and "XY..XY" not in block.data_form:
            technique = "ms"  # continuous (profile) MS: kept as read
        x_unit = _x_unit(x_raw, technique)
        technique = _refine_technique(technique, x_unit, x)
        if technique == "nir" and x_unit == "raman shift 1/cm":
            x_unit = "1/cm"
        y_unit = _y_unit(block.labels.get("YUNITS", ""), y, technique)
        meta = _metadata(block, path, index)
        meta["data_type"] = data_type
        spectra.append(Spectrum(x, y, technique, x_unit, y_unit, meta))
    return spectra


def sniff(head: bytes, path: Path) -> bool:
    if not is_text(head):
        return False
    text = decode_text(head[:8192]).lstrip()
    return bool(re.match(r"##\s*TITLE\s*=", text, re.I)) or (
        "##XYDATA" in text.upper() or "##PEAK TABLE" in text.upper() or "##XYPOINTS" in text.upper()
    ) and text.startswith("##")


# -- writing ---------------------------------------------------------------------
_Y_UNIT_OUT = {
    "absorbance": "ABSORBANCE", "transmittance": "TRANSMITTANCE", "%transmittance": "TRANSMITTANCE",
    "reflectance": "REFLECTANCE", "kubelka-munk": "KUBELKA-MUNK", "counts": "COUNTS",
    "relative abundance": "RELATIVE ABUNDANCE", "arbitrary": "ARBITRARY UNITS",
}
_X_UNIT_OUT = {"1/cm": "1/CM", "raman shift 1/cm": "1/CM", "micrometers": "MICROMETERS",
               "nm": "NANOMETERS", "m/z": "M/Z", "ppm": "PPM", "arbitrary": "ARBITRARY UNITS"}
_DATA_TYPE_OUT = {"ir": "INFRARED SPECTRUM", "nir": "NEAR INFRARED SPECTRUM", "raman": "RAMAN SPECTRUM",
                  "uv": "UV/VIS SPECTRUM", "ms": "MASS SPECTRUM", "nmr": "NMR SPECTRUM", "other": "UNKNOWN"}
_HEADER_OUT = (("cas", "CAS REGISTRY NO"), ("formula", "MOLFORM"), ("mw", "MW"),
               ("contributor", "ORIGIN"), ("licence", "OWNER"), ("instrument", "SPECTROMETER/DATA SYSTEM"),
               ("method", "$METHOD"), ("date", "DATE"), ("compound_class", "$CLASS"), ("reviewer", "$REVIEWER"),
               ("inchikey", "$INCHIKEY"), ("inchi", "$INCHI"), ("smiles", "$SMILES"),
               ("retention_index", "$RETENTION INDEX"), ("retention_time", "$RETENTION TIME"),
               ("exact_mass", "$EXACT MASS"), ("ir_sampling", "$IR SAMPLING"),
               ("sampling_procedure", "SAMPLING PROCEDURE"), ("source_id", "$SOURCE ID"),
               ("comment", "$COMMENT"))
#: Metadata the reader makes itself (or that says where a copy came from): never written back.
_NOT_WRITTEN = {"name", "title", "synonyms", "source_file", "record_index", "source_line", "library_id",
                "library_status", "x_units", "y_units", "data_type", "data_processing"}


def _private_label(key: str) -> str | None:
    """``##$KEY`` label of any other metadata key, read back by :func:`_metadata` as the same key
    (as MSP keeps unknown fields as ``key: value`` lines); None for a key it could not give back."""
    if not re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", key):
        return None
    label = "$" + key.upper().replace("_", " ")
    target = _META_MAP.get(_norm_label(label))
    return label if target in (None, key) else None


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def _fmt(value: float) -> str:
    return repr(float(value))


def _block_text(spectrum: Spectrum) -> list[str]:
    out = [f"##TITLE={_one_line(spectrum.get('name', '') or spectrum.get('title', ''))}",
           "##JCAMP-DX=5.01",
           f"##DATA TYPE={_DATA_TYPE_OUT.get(spectrum.technique, 'UNKNOWN')}"]
    meta = spectrum.metadata
    if meta.get("synonyms"):
        syns = meta["synonyms"]
        out.append("##NAMES=" + "\n".join(_one_line(s) for s in (syns if isinstance(syns, list) else [syns])))
    for key, label in _HEADER_OUT:
        if meta.get(key) not in (None, ""):
            out.append(f"##{label}={_one_line(meta[key])}")
    known = _NOT_WRITTEN | {key for key, _label in _HEADER_OUT}
    for key, value in meta.items():
        if key in known or value in (None, "") or not isinstance(value, (str, int, float)):
            continue
        label = _private_label(key)
        if label is not None:
            out.append(f"##{label}={_one_line(value)}")
    if spectrum.recipe:
        steps = "; ".join(f"{s.name}{dict(s.params)}" for s in spectrum.recipe)
        out.append(f"##DATA PROCESSING={_one_line(steps)}")
    out.append(f"##XUNITS={_X_UNIT_OUT.get(spectrum.x_unit, 'ARBITRARY UNITS')}")
    y_unit = _Y_UNIT_OUT.get(spectrum.y_unit, "ARBITRARY UNITS")
    out.append(f"##YUNITS={y_unit}")
    x, y = spectrum.x, spectrum.y
    n = x.size
    out += ["##XFACTOR=1", "##YFACTOR=1"]
    if n:
        out += [f"##FIRSTX={_fmt(x[0])}", f"##LASTX={_fmt(x[-1])}",
                f"##MINY={_fmt(np.nanmin(y))}", f"##MAXY={_fmt(np.nanmax(y))}"]
    out.append(f"##NPOINTS={n}")
    if n:
        out.append(f"##FIRSTY={_fmt(y[0])}")
    evenly = n > 2 and np.allclose(np.diff(x), (x[-1] - x[0]) / (n - 1), rtol=1e-9, atol=0)
    if spectrum.technique == "ms":
        out.append("##PEAK TABLE=(XY..XY)")
        out += [f"{_fmt(a)},{_fmt(b)}" for a, b in zip(x, y)]
    elif evenly:
        out.append(f"##DELTAX={_fmt((x[-1] - x[0]) / (n - 1))}")
        out.append("##XYDATA=(X++(Y..Y))")
        for start in range(0, n, 5):
            chunk = y[start:start + 5]
            out.append(_fmt(x[start]) + " " + " ".join(_fmt(v) for v in chunk))
    else:
        out.append("##XYPOINTS=(XY..XY)")
        out += [f"{_fmt(a)},{_fmt(b)}" for a, b in zip(x, y)]
    out.append("##END=")
    return out


def write(spectra: Sequence[Spectrum], path: Path) -> list[Path]:
    """Write spectra to one JCAMP-DX file (a LINK file when there are several)."""
    path = Path(path)
    spectra = list(spectra)
    if not spectra:
        raise InputError(path, _("nothing to write (no spectra)"))
    lines: list[str] = []
    if len(spectra) == 1:
        lines = _block_text(spectra[0])
    else:
        lines = ["##TITLE=" + _one_line(path.stem), "##JCAMP-DX=5.01", "##DATA TYPE=LINK",
                 f"##BLOCKS={len(spectra)}"]
        for i, spectrum in enumerate(spectra, start=1):
            block = _block_text(spectrum)
            block.insert(3, f"##BLOCK_ID={i}")
            lines += block
        lines.append("##END=")
    write_text_file(path, "\n".join(lines) + "\n")  # whole or not at all; "PATH: cannot write (REASON)"
    return [path]


FORMAT = FileFormat(
    name="jcamp",
    description=N_("JCAMP-DX spectrum"),
    extensions=("jdx", "dx", "jcamp", "jcm"),
    sniff=sniff,
    read=read,
    write=write,
    write_extensions=("jdx", "dx"),
    priority=30,
)
