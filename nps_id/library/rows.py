"""Spectrum <-> database row.

Arrays are stored as little-endian float64 bytes (``ndarray.tobytes``), so a
bulk load is one ``numpy.frombuffer`` over concatenated blobs; metadata that
has no column of its own is kept as JSON so nothing a file carried is lost.
"""
from __future__ import annotations

import hashlib
import json
import math
from typing import Any, Mapping, Sequence

import numpy as np

from nps_id.library.schema import METADATA_COLUMNS, NUMERIC_COLUMNS
from nps_id.spectrum import ProcessingStep, Spectrum
from nps_id.i18n import _

_LE_FLOAT = np.dtype("<f8")
#: Metadata keys that are not stored because the library supplies them itself.
_NOT_STORED = {"library_id"}
_COLUMN_KEYS = set(METADATA_COLUMNS) | {"synonyms"}

#: Columns read back to build a Spectrum, in this order.
SPECTRUM_COLUMNS = (
    ("id", "technique", "synonyms") + METADATA_COLUMNS
    + ("x_unit", "y_unit", "metadata", "recipe", "x", "y", "status")
)


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_default)


def to_json(value: Any) -> str:
    if not value:  # the common empty synonyms/recipe, without the encoder's overhead
        return "[]" if isinstance(value, (list, tuple)) else "{}"
    return _ENCODER.encode(value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def synonyms_of(metadata: Mapping[str, Any]) -> list[str]:
    value = metadata.get("synonyms") or []
    if isinstance(value, str):
        value = [value]
    return [str(s) for s in value if str(s).strip()]


# (column, is numeric) of the metadata columns after ``name``, in INSERT order.
_ROW_PLAN = tuple((column, column in NUMERIC_COLUMNS) for column in METADATA_COLUMNS[1:])
_SKIP_IN_EXTRA = frozenset(_COLUMN_KEYS | _NOT_STORED)


def content_hash(spectrum: Spectrum) -> int:
    """A 64-bit hash of what a spectrum holds: technique, x and y.

    x is quantised to 1e-4 and y, scaled to its largest magnitude, to 1e-6, so
    the same spectrum written to a file and read back (MSP, JCAMP-DX) hashes
    the same, as does a copy scaled as a whole (base peak 100 or 999).
    Metadata is not hashed: the import compares identities itself.
    """
    return hash_arrays(spectrum.technique, spectrum.x, spectrum.y)


def hash_arrays(technique: str, x: np.ndarray, y: np.ndarray) -> int:
    """:func:`content_hash` of a technique and its arrays (as stored in a row)."""
    return content_hashes([(technique, np.asarray(x, np.float64), np.asarray(y, np.float64))])[0]


def content_hashes(items: Sequence[Any]) -> list[int]:
    """:func:`content_hash` of many spectra (or ``(technique, x, y)`` triples) at once.

    An import hashes every spectrum, so the arithmetic runs once over a whole
    batch; only the hashing itself is per spectrum.
    """
    if not items:
        return []
    triples = [(s.technique, s.x, s.y) if isinstance(s, Spectrum) else s for s in items]
    sizes = np.fromiter((t[1].size for t in triples), dtype=np.int64, count=len(triples))
    ends = np.cumsum(sizes)
    starts = ends - sizes
    x = np.concatenate([np.asarray(t[1], np.float64) for t in triples])
    y = np.concatenate([np.asarray(t[2], np.float64) for t in triples])
    scale = np.ones(len(triples))
    filled = sizes > 0
    if filled.any():
        scale[filled] = np.maximum.reduceat(np.abs(y), starts[filled])
    scale[~np.isfinite(scale) | (scale == 0)] = 1.0
    with np.errstate(invalid="ignore", over="ignore"):
        xq = np.rint(x * 1e4)
        yq = np.rint(y * np.repeat(1e6 / scale, sizes))
    xq[~np.isfinite(xq)] = 0.0  # (never in a library: rows are checked before)
    yq[~np.isfinite(yq)] = 0.0
    xb = memoryview(xq.astype("<i8")).cast("B")
    yb = memoryview(yq.astype("<i8")).cast("B")
    out = []
    blake2b = hashlib.blake2b
    for k, (technique, _, _) in enumerate(triples):
        a, b = 8 * int(starts[k]), 8 * int(ends[k])
        digest = blake2b(xb[a:b], digest_size=8, person=technique.encode()[:16])
        digest.update(yb[a:b])
        out.append(int.from_bytes(digest.digest(), "little", signed=True))
    return out


def spectrum_row(spectrum: Spectrum, status: str, added_at: str, added_by: str,
                 change_id: int | None, submission_id: int | None = None,
                 hashed: int | None = None) -> tuple:
    """The INSERT values (order of :data:`schema.INSERT_COLUMNS`) of one spectrum.

    Called once per spectrum of an import (a million for a big MSP library),
    hence the inlined common cases (text already a ``str``, a float already
    a ``float``); the results are those of :func:`_text` / :func:`_number`.
    """
    meta = spectrum.metadata
    get = meta.get
    name = get("name")
    name = name.strip() if type(name) is str else _text(name)
    values: list[Any] = [spectrum.technique, name or "", to_json(synonyms_of(meta))]
    append = values.append
    bad_numbers = None
    for column, numeric in _ROW_PLAN:
        raw = get(column)
        if raw is None:
            append(None)
        elif numeric:
            number = raw if type(raw) is float and math.isfinite(raw) else _number(raw)
            append(number)
            if number is None and raw != "":
                # A numeric field that is not a number (e.g. "MW: n/a") is kept verbatim.
                bad_numbers = bad_numbers or {}
                bad_numbers[column] = raw
        elif type(raw) is str:
            append(raw.strip() or None)
        else:
            append(_text(raw))
    extra = {k: v for k, v in meta.items() if k not in _SKIP_IN_EXTRA and v is not None}
    if bad_numbers:
        extra.update(bad_numbers)
    x, y = spectrum.x, spectrum.y
    if x.dtype != _LE_FLOAT or not x.flags.c_contiguous:
        x = np.ascontiguousarray(x, dtype=_LE_FLOAT)
    if y.dtype != _LE_FLOAT or not y.flags.c_contiguous:
        y = np.ascontiguousarray(y, dtype=_LE_FLOAT)
    recipe = spectrum.recipe
    values += [spectrum.x_unit, spectrum.y_unit, to_json(extra),
               to_json(spectrum.recipe_as_dicts()) if recipe else "[]", x.tobytes(), y.tobytes(),
               int(x.size), status, added_at, added_by, change_id, submission_id,
               content_hash(spectrum) if hashed is None else hashed]
    return tuple(values)


def row_spectrum(row: Sequence[Any]) -> Spectrum:
    """A Spectrum from a row of :data:`SPECTRUM_COLUMNS`; metadata carries ``library_id``."""
    data = dict(zip(SPECTRUM_COLUMNS, row))
    meta: dict[str, Any] = json.loads(data["metadata"] or "{}")
    for column in METADATA_COLUMNS:
        if data[column] is not None:
            meta[column] = data[column]
    synonyms = json.loads(data["synonyms"] or "[]")
    if synonyms:
        meta["synonyms"] = synonyms
    meta["library_id"] = int(data["id"])
    if data["status"] != "accepted":
        meta["library_status"] = data["status"]
    recipe = tuple(ProcessingStep.from_dict(d) for d in json.loads(data["recipe"] or "[]"))
    return Spectrum(
        np.frombuffer(bytes(data["x"]), dtype=_LE_FLOAT).astype(float),
        np.frombuffer(bytes(data["y"]), dtype=_LE_FLOAT).astype(float),
        data["technique"], data["x_unit"], data["y_unit"], meta, recipe)


def check_arrays(spectrum: Spectrum) -> str | None:
    """Why a spectrum cannot go into the library, or None when it can."""
    if spectrum.x.size == 0:
        return _("no peaks / no data points")
    if not (np.all(np.isfinite(spectrum.x)) and np.all(np.isfinite(spectrum.y))):
        return _("non-numeric (NaN or infinite) values")
    if spectrum.technique == "ms":
        if np.any(spectrum.x <= 0):
            return _("m/z values must be positive")
        if np.any(spectrum.y < 0):
            return _("negative peak intensities")
        if not np.any(spectrum.y > 0):
            return _("all peak intensities are zero")
    return None
