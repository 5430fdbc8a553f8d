"""Spectrum <-> database row.

Arrays are stored as little-endian float64 bytes (``ndarray.tobytes``), so a
bulk load is one ``numpy.frombuffer`` over concatenated blobs; metadata that
has no column of its own is kept as JSON so nothing a file carried is lost.
"""
from __future__ import annotations

import json
import math
from typing import Any, Mapping, Sequence

import numpy as np

from nps_id.library.schema import METADATA_COLUMNS, NUMERIC_COLUMNS
from nps_id.spectrum import ProcessingStep, Spectrum

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


def spectrum_row(spectrum: Spectrum, status: str, added_at: str, added_by: str,
                 change_id: int | None, submission_id: int | None = None) -> tuple:
    """The INSERT values (order of :data:`schema.INSERT_COLUMNS`) of one spectrum."""
    meta = spectrum.metadata
    values: list[Any] = [spectrum.technique, _text(meta.get("name")) or "",
                         to_json(synonyms_of(meta))]
    for column in METADATA_COLUMNS[1:]:
        raw = meta.get(column)
        values.append(_number(raw) if column in NUMERIC_COLUMNS else _text(raw))
    extra = {k: v for k, v in meta.items()
             if k not in _COLUMN_KEYS and k not in _NOT_STORED and v is not None}
    # A numeric field that is not a number (e.g. "MW: n/a") is kept verbatim.
    for column in NUMERIC_COLUMNS:
        raw = meta.get(column)
        if raw not in (None, "") and _number(raw) is None:
            extra[column] = raw
    x = np.ascontiguousarray(spectrum.x, dtype=_LE_FLOAT)
    y = np.ascontiguousarray(spectrum.y, dtype=_LE_FLOAT)
    values += [spectrum.x_unit, spectrum.y_unit, to_json(extra),
               to_json(spectrum.recipe_as_dicts()), x.tobytes(), y.tobytes(), int(x.size),
               status, added_at, added_by, change_id, submission_id]
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
        return "no peaks / no data points"
    if not (np.all(np.isfinite(spectrum.x)) and np.all(np.isfinite(spectrum.y))):
        return "non-numeric (NaN or infinite) values"
    if spectrum.technique == "ms":
        if np.any(spectrum.x <= 0):
            return "m/z values must be positive"
        if np.any(spectrum.y < 0):
            return "negative peak intensities"
        if not np.any(spectrum.y > 0):
            return "all peak intensities are zero"
    return None
