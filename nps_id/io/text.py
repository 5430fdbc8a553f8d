"""Two-column text spectra: CSV, TSV, TXT and Bruker DPT exports (fallback reader).

Accepted: comma, semicolon, tab or space separated columns; decimal point or
decimal comma ("1234,5;0,123"); an optional header row; ``# key: value``
comment lines (as in the converted test data), which become metadata.  A file
with more than two columns gives one spectrum per y column.

The writer emits ``# key: value`` lines, a header ``x,y`` and rows written with
``repr`` so that a file read back gives exactly the same numbers.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from nps_id.errors import InputError
from nps_id.i18n import N_, _
from nps_id.io.registry import FileFormat, decode_text, is_text, write_text_file
from nps_id.spectrum import TECHNIQUES, ProcessingStep, Spectrum

_NUM = r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[Ee][+-]?\d+)?"
_NUM_RE = re.compile(_NUM)
_COMMENT_KEY_CHARS = 60


def _comment(line: str) -> tuple[str, str] | None:
    """(key, value) of a ``# key: value`` (or ``% key = value``) line, else None.

    What ``^\\s*[#%]\\s*([^:=]{1,60}?)\\s*[:=]\\s?(.*)$`` matches, found without
    the pattern: on "#" and a long run of blanks it backtracks quadratically.
    """
    text = line.lstrip()
    if text[:1] not in ("#", "%") or not text:
        return None
    rest = text[1:]
    cut = min((i for i in (rest.find(":"), rest.find("=")) if i >= 0), default=-1)
    if cut <= 0:
        return None
    prefix = rest[:cut]
    key = prefix.strip() or prefix[-1]  # a blank key is one blank, as the pattern gives
    if len(key) > _COMMENT_KEY_CHARS or "\n" in rest:
        return None
    value = rest[cut + 1:]
    if value[:1].isspace():
        value = value[1:]
    return key, value

#: ``# key`` names in files mapped onto :data:`nps_id.spectrum.KNOWN_METADATA`.
_KEY_MAP = {
    "compound": "name", "compound_name": "name", "name": "name", "title": "name", "sample": "name",
    "cas": "cas", "cas_rn": "cas", "cas_number": "cas", "casno": "cas",
    "formula": "formula", "molecular_formula": "formula", "mw": "mw", "molecular_weight": "mw",
    "license": "licence", "licence": "licence", "instrument": "instrument",
    "contributor": "contributor", "owner": "contributor", "inchikey": "inchikey", "inchi": "inchi",
    "smiles": "smiles", "notes": "comment", "comment": "comment", "source_id": "source_id",
    "retention_time": "retention_time", "retention_index": "retention_index",
    "compound_class": "compound_class", "synonyms": "synonyms",
}
_FLOAT_KEYS = {"mw", "retention_time", "retention_index"}
_NOT_WRITTEN = {"source_file", "record_index"}


# -- parsing ---------------------------------------------------------------------
def _split_fields(line: str) -> tuple[list[str], bool]:
    """Fields of a data line and whether it uses a decimal comma."""
    s = line.strip()
    if ";" in s:
        fields = [f.strip() for f in s.split(";")]
        return [f for f in fields if f != ""], True
    if "\t" in s:
        fields = [f.strip() for f in s.split("\t") if f.strip() != ""]
        return fields, any("," in f for f in fields)
    if "," in s:
        parts = s.split()
        # "1234,5 0,123": whitespace-separated numbers with decimal commas
        if len(parts) >= 2 and all(re.fullmatch(r"[+-]?\d*,\d+(?:[Ee][+-]?\d+)?", p) for p in parts):
            return parts, True
        return [f.strip() for f in s.split(",") if f.strip() != ""], False
    return s.split(), False


def _parse_number(field: str, decimal_comma: bool) -> float:
    if decimal_comma:
        field = field.replace(",", ".")
    return float(field)


def _data_row(line: str) -> list[float] | None:
    fields, decimal_comma = _split_fields(line)
    if len(fields) < 2:
        return None
    try:
        return [_parse_number(f, decimal_comma) for f in fields]
    except ValueError:
        return None


def _meta_key(raw: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", raw.strip().lower()).strip("_")


def _bulk_rows(lines: list[str], first_row_line: str, ncols: int) -> np.ndarray | None:
    """The data rows after the first, parsed in one go; None when anything is unusual.

    Only a plain block qualifies: no comment lines, every line with ``ncols``
    fields in the first row's style.  Anything else (and any bad number) goes
    to the line-by-line parser, which names the line at fault.
    """
    body = "\n".join(lines)
    if re.search(r"^[ \t\r\f\v]*[#%;!]", body, re.M):  # not ^\s*: quadratic over blank lines
        return None
    _fields, decimal_comma = _split_fields(first_row_line)
    if ";" in first_row_line:
        body = body.replace(",", ".").replace(";", " ")
    elif "\t" in first_row_line:
        body = (body.replace(",", ".") if decimal_comma else body).replace("\t", " ")
    elif "," in first_row_line:
        body = body.replace(",", ".") if decimal_comma else body.replace(",", " ")
    elif ";" in body or "\t" in body or "," in body:
        return None
    if not set(map(len, map(str.split, body.splitlines()))) <= {0, ncols}:
        return None
    try:
        values = np.array(body.split(), dtype=float)
    except ValueError:
        return None
    return values.reshape(-1, ncols)


def _parse(text: str, path: Path) -> tuple[dict[str, str], list[str], np.ndarray]:
    comments: dict[str, str] = {}
    header: list[str] = []
    rows: list[list[float]] = []
    ncols = None
    lines = text.splitlines()
    for lineno, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[0] in "#%;!":
            match = _comment(stripped)
            if match:
                value = match[1].strip().replace("\\n", "\n")
                comments.setdefault(_meta_key(match[0]), value)
            continue
        row = _data_row(stripped)
        if row is None:
            if rows:
                raise InputError(path, _("not a row of numbers: {0}").format(repr(stripped[:60])), line=lineno)
            if header:
                raise InputError(path, _("second header row: {0}").format(repr(stripped[:60])), line=lineno)
            fields, _comma = _split_fields(stripped)
            if len(fields) < 2 and len(stripped.split(",")) < 2:
                raise InputError(path, _("not a column header or a row of numbers: {0}").format(repr(stripped[:60])),
                                 line=lineno)
            header = [f.strip().strip('"') for f in (fields if len(fields) >= 2 else stripped.split(","))]
            continue
        if ncols is None:
            ncols = len(row)
            bulk = _bulk_rows(lines[lineno:], stripped, ncols)  # the common case: a plain block of numbers
            if bulk is not None:
                return comments, header, np.vstack([np.asarray([row], dtype=float), bulk])
        elif len(row) != ncols:
            raise InputError(path, _("{0} columns where earlier rows have {1}").format(len(row), ncols), line=lineno)
        rows.append(row)
    if not rows:
        raise InputError(path, _("no numeric data rows"))
    return comments, header, np.asarray(rows, dtype=float)


# -- units and technique -----------------------------------------------------------
def _technique(declared: str, clues: str, x: np.ndarray) -> str:
    if declared.strip().lower() in TECHNIQUES:  # written by NPS-ID
        return declared.strip().lower()
    c = clues.lower()
    if re.search(r"m/z|\bmass\b|\bms\b|gc-?ms|mass spec", c):
        return "ms"
    if "raman" in c:
        return "raman"
    if re.search(r"\bnir\b|near[- ]infrared|near[- ]ir", c):
        return "nir"
    if re.search(r"\buv\b|uv-?vis|ultraviolet", c):
        return "uv"
    if re.search(r"wavenumber|cm-1|cm\^-1|1/cm|cm⁻¹|ftir|\bir\b|infrared|atr", c):
        return "ir"
    return _guess_from_values(x)


def _guess_from_values(x: np.ndarray) -> str:
    """No clue in the file: a short list of integer m/z is MS, anything else IR."""
    finite = x[np.isfinite(x)]
    if finite.size == 0:
        return "ir"
    integerish = np.all(np.abs(finite - np.round(finite)) < 0.05)
    in_range = finite.min() >= 1 and finite.max() <= 2000
    if integerish and in_range:
        if finite.size < 3:
            return "ms"
        gaps = np.abs(np.diff(finite))
        # unevenly spaced, or too few points below the mid-IR (< 400 cm-1) to be an IR scan
        if not np.allclose(gaps, gaps[0]) or (finite.max() < 400 and finite.size < 200):
            return "ms"
    return "ir"


def _x_unit(clues: str, technique: str) -> str:
    c = clues.lower()
    if technique == "ms":
        return "m/z"
    if re.search(r"wavenumber|cm-1|cm\^-1|1/cm|cm⁻¹", c):
        return "raman shift 1/cm" if technique == "raman" else "1/cm"
    if re.search(r"micromet|µm|\bum\b|micron", c):
        return "micrometers"
    if re.search(r"nanomet|\bnm\b|wavelength", c):
        return "nm"
    if c.strip() in {"1/cm", "raman shift 1/cm", "micrometers", "nm", "m/z", "ppm", "arbitrary"}:
        return c.strip()
    if technique in ("ir", "nir"):
        return "1/cm"
    if technique == "raman":
        return "raman shift 1/cm"
    return "arbitrary"


def _y_unit(clue: str, y: np.ndarray, technique: str) -> str:
    c = clue.lower().strip()
    if c in {"relative abundance", "absorbance", "transmittance", "%transmittance", "reflectance",
             "kubelka-munk", "counts", "arbitrary"}:
        return c
    finite = y[np.isfinite(y)]
    if c.startswith("reflect"):
        return "reflectance"
    if "transm" in c or c in ("%t", "t"):
        if "%" in c or "percent" in c or (finite.size and (finite.max() > 10 or np.median(finite) > 1.5)):
            return "%transmittance"
        return "transmittance"
    if "absorb" in c:
        return "absorbance"
    if "kubelka" in c:
        return "kubelka-munk"
    if "reflect" in c:
        return "reflectance"
    if "count" in c:
        return "counts"
    if technique == "ms":
        return "relative abundance"
    return "arbitrary"


def _metadata(comments: dict[str, str], path: Path) -> tuple[dict[str, Any], tuple[ProcessingStep, ...]]:
    meta: dict[str, Any] = {}
    recipe: tuple[ProcessingStep, ...] = ()
    for key, value in comments.items():
        if key == "recipe":
            try:
                recipe = tuple(ProcessingStep.from_dict(d) for d in json.loads(value))
            except (ValueError, TypeError, KeyError):
                meta["recipe_text"] = value
            continue
        target = _KEY_MAP.get(key, key)
        if target in _FLOAT_KEYS:
            try:
                meta[target] = float(value)
                continue
            except ValueError:
                pass
        if target == "synonyms":
            meta[target] = [s.strip() for s in value.split(";") if s.strip()]
            continue
        meta.setdefault(target, value)
    return meta, recipe


def read(path: Path) -> list[Spectrum]:
    """Read a delimited text spectrum (one spectrum per y column)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, _("cannot be read ({0})").format(exc.strerror)) from None
    if not is_text(raw[:65536]):
        raise InputError(path, _("is a binary file, not a text spectrum"))
    comments, header, data = _parse(decode_text(raw), path)
    if data.shape[1] < 2:
        raise InputError(path, _("needs at least two columns (x and y)"))
    meta, recipe = _metadata(comments, path)
    x = data[:, 0]
    x_header = header[0] if header else ""
    spectra = []
    for col in range(1, data.shape[1]):
        y = data[:, col]
        y_header = header[col] if col < len(header) else ""
        clues = " ".join([comments.get("technique", ""), comments.get("x_units", ""), x_header])
        technique = _technique(comments.get("technique", ""), clues, x)
        x_unit = _x_unit(comments.get("x_units", "") or x_header, technique)
        y_unit = _y_unit(comments.get("y_units", "") or y_header, y, technique)
        m = dict(meta)
        m["source_file"] = str(path)
        m["record_index"] = col - 1
        if data.shape[1] > 2 and y_header:
            m.setdefault("name", y_header)
            if m.get("name") != y_header:
                m["column"] = y_header
        spectra.append(Spectrum(x.copy(), y, technique, x_unit, y_unit, m, recipe))
    return spectra


def sniff(head: bytes, path: Path) -> bool:
    if not is_text(head):
        return False
    text = decode_text(head)
    lines = text.splitlines()
    if len(head) == 65536 and lines:
        lines = lines[:-1]  # the last line may be cut
    # Three data rows in a row: prose that happens to hold a number (a README
    # in a downloaded folder of spectra) is not a spectrum file.
    # A short file qualifies when every line but an optional header is data.
    run = 0
    content = [line.strip() for line in lines[:400] if line.strip() and line.strip()[0] not in "#%;!"]
    for s in content:
        run = run + 1 if _data_row(s) is not None else 0
        if run >= 3:
            return True
    rows = [_data_row(s) is not None for s in content]
    if path.suffix.lower() in (".csv", ".tsv", ".txt", ".dpt", ".xy", ".prn", ".asc") and any(rows):
        return True  # named as a data table: let the reader say which line is wrong
    return len(head) < 65536 and bool(rows) and all(rows[1:]) and (rows[0] or len(rows) > 1)


# -- writing -----------------------------------------------------------------------
def _meta_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return str(value).replace("\r", "").replace("\n", "\\n")


def _write_one(spectrum: Spectrum, path: Path) -> None:
    lines = [f"# technique: {spectrum.technique}", f"# x_units: {spectrum.x_unit}",
             f"# y_units: {spectrum.y_unit}"]
    for key, value in spectrum.metadata.items():
        if key in _NOT_WRITTEN or value in (None, "") or key in ("technique", "x_units", "y_units"):
            continue
        safe_key = _meta_key(key) or "field"
        lines.append(f"# {safe_key}: {_meta_value(value)}")
    if spectrum.get("source_file"):
        lines.append(f"# converted_from: {_meta_value(spectrum.get('source_file'))}")
    if spectrum.recipe:
        lines.append("# recipe: " + json.dumps(spectrum.recipe_as_dicts(), default=str))
    lines.append("x,y")
    lines += [f"{float(a)!r},{float(b)!r}" for a, b in zip(spectrum.x, spectrum.y)]
    write_text_file(path, "\n".join(lines) + "\n")  # whole or not at all; "PATH: cannot write (REASON)"


def write(spectra: Sequence[Spectrum], path: Path) -> list[Path]:
    """Write one CSV per spectrum: ``OUT.csv`` for one, ``OUT-1.csv``, ``OUT-2.csv``... for several."""
    path = Path(path)
    spectra = list(spectra)
    if not spectra:
        raise InputError(path, _("nothing to write (no spectra)"))
    if len(spectra) == 1:
        targets = [path]
    else:
        targets = [path.with_name(f"{path.stem}-{i}{path.suffix}") for i in range(1, len(spectra) + 1)]
    for spectrum, target in zip(spectra, targets):
        _write_one(spectrum, target)
    return targets


FORMAT = FileFormat(
    name="text",
    description=N_("delimited text spectrum (CSV/TSV/TXT/DPT)"),
    extensions=("csv", "txt", "tsv", "dpt", "prn", "xy"),
    sniff=sniff,
    read=read,
    write=write,
    write_extensions=("csv",),
    priority=90,
)
