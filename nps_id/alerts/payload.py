"""What a lab sends when it reports an unknown: the alert payload and its privacy filter.

An alert is built *from* a hit list whose verdict is ``not_in_library`` or
``ambiguous`` and holds only what another lab needs to recognise the same
substance: the spectrum (peaks; for GC-MS its RT/RI and the column type),
the search's verdict, predicted class, molecular ion and analogues, the
date, country/region and lab name.  The payload is *built* field by field
from that allow-list (:data:`PAYLOAD_FIELDS`); nothing of the spectrum's own
metadata is copied, so a case number, exhibit description or file name that
a file carries cannot leave the lab.  :func:`check_payload` enforces the same
allow-list again on the server, where a payload made by other software arrives.
"""
from __future__ import annotations

import json
import math
import re
import uuid
from datetime import date as _date
from typing import Any

import numpy as np

from nps_id import __version__
from nps_id.errors import InputError
from nps_id.spectrum import Spectrum
from nps_id.i18n import _

PAYLOAD_KIND = "nps-id-alert"
WITHDRAW_KIND = "nps-id-alert-withdrawal"
#: Verdicts that may be reported (an identified substance is no early warning).
REPORTABLE = ("not_in_library", "ambiguous")
#: Fewest peaks (EI) or points (IR) a reported spectrum must have.
MIN_PEAKS = 3
MIN_IR_POINTS = 50
#: Analogues sent with an alert.
ANALOGUES_SENT = 5
#: Every key a payload may hold, and the keys of its nested parts.
PAYLOAD_FIELDS = frozenset({
    "kind", "format", "uid", "lab", "country", "region", "date", "technique", "spectrum",
    "retention_time", "retention_index", "column", "verdict", "confidence", "predicted_class",
    "molecular_ion", "analogues", "nps_id_version",
})
SPECTRUM_FIELDS = frozenset({"x", "y", "x_unit", "y_unit"})
CLASS_FIELDS = frozenset({"label", "probability"})
ION_FIELDS = frozenset({"nominal_mass", "confidence"})
ANALOGUE_FIELDS = frozenset({"name", "score", "mass_shift", "shift_explanation", "compound_class"})
WITHDRAW_FIELDS = frozenset({"kind", "format", "uid", "lab", "date", "reason"})
#: Free-text fields are short labels; a longer text is refused (it could carry a case description).
MAX_TEXT = 80
#: A text that looks like a path or a file name is refused in the free-text fields.
_FILE_LIKE = re.compile(r"(?:^|\s)(?:~|[A-Za-z]:)?[\\/]\S*[\\/]|\\|"
                        r"\.(?:msp|jdx|dx|csv|txt|spc|spa|sp|d|cdf|mzml|mzxml|pdf|docx?|xlsx?)(?:\s|$)", re.I)


def canonical_bytes(payload: dict[str, Any]) -> bytes:
    """The bytes that are signed and stored: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def _number(value: Any, digits: int = 4) -> float | None:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return round(value, digits) if math.isfinite(value) else None


def _label(value: Any, what: str) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    text = " ".join(str(value).split())
    if len(text) > MAX_TEXT:
        raise InputError(None, _("alert: {0} is longer than {1} characters (only a short label is sent)").format(what, MAX_TEXT))
    if _FILE_LIKE.search(text):
        raise InputError(None, _("alert: {0} {1!r} looks like a file name or path; no file names leave the lab").format(what, text))
    return text


def spectrum_part(spectrum: Spectrum) -> dict[str, Any]:
    """The peaks of a spectrum as sent (EI: m/z and intensity of every peak; IR: every point)."""
    x = np.asarray(spectrum.x, dtype=float)
    y = np.asarray(spectrum.y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    if spectrum.technique == "ms":
        keep &= y > 0
    x, y = x[keep], y[keep]
    digits = 4 if spectrum.technique == "ms" else 6
    return {"x": [round(float(v), 4) for v in x], "y": [round(float(v), digits) for v in y],
            "x_unit": spectrum.x_unit, "y_unit": spectrum.y_unit}


def build_payload(hit_list, lab: str, country: str | None = None, region: str | None = None,
                  column: str | None = None, observed_on: str | None = None,
                  allow_identified: bool = False) -> dict[str, Any]:
    """The alert for one searched query (see module docstring); raises InputError when it cannot be sent.

    ``column``: the GC column type of the method (e.g. "DB-5MS, 30 m"), for GC-MS.
    """
    verdict = hit_list.verdict
    if verdict is None:
        raise InputError(None, _("query {0}: not searched (no verdict), nothing to report").format(hit_list.query_id))
    if verdict.verdict not in REPORTABLE and not allow_identified:
        raise InputError(None, _("query {0}: verdict is {1!r}; only {2} queries are reported as unidentified").format(hit_list.query_id, verdict.verdict, ' or '.join(REPORTABLE)))
    spectrum = hit_list.query
    if spectrum is None or hit_list.technique not in ("ms", "ir"):
        raise InputError(None, _("alert: no EI or IR spectrum to send"))
    lab = _label(lab, _("lab name"))
    if not lab:
        raise InputError(None, _("alert: the lab name is required (who reports it)"))
    payload: dict[str, Any] = {
        "kind": PAYLOAD_KIND, "format": 1, "uid": uuid.uuid4().hex,
        "lab": lab, "country": _label(country, _("country")), "region": _label(region, _("region")),
        "date": observed_on or _date.today().isoformat(),
        "technique": hit_list.technique, "spectrum": spectrum_part(spectrum),
        "retention_time": _number(spectrum.get("retention_time")),
        "retention_index": _number(spectrum.get("retention_index"), 1),
        "column": _label(column, _("column type")),
        "verdict": verdict.verdict, "confidence": _number(verdict.confidence, 3),
        "predicted_class": None, "molecular_ion": None, "analogues": [],
        "nps_id_version": __version__,
    }
    cp = hit_list.class_prediction
    if cp is not None and cp.label:
        payload["predicted_class"] = {"label": cp.label, "probability": _number(cp.probability, 3)}
    mi = hit_list.molecular_ion
    if mi is not None and mi.nominal_mass:
        payload["molecular_ion"] = {"nominal_mass": int(mi.nominal_mass), "confidence": _number(mi.confidence, 3)}
    payload["analogues"] = [
        {"name": a.name, "score": _number(a.score, 1), "mass_shift": a.mass_shift,
         "shift_explanation": a.shift_explanation, "compound_class": a.compound_class}
        for a in hit_list.analogues[:ANALOGUES_SENT]]
    check_payload(payload)
    return payload


def withdrawal_payload(uid: str, lab: str, reason: str = "") -> dict[str, Any]:
    """A signed request to withdraw the lab's own entry ``uid``."""
    return {"kind": WITHDRAW_KIND, "format": 1, "uid": str(uid), "lab": _label(lab, _("lab name")),
            "date": _date.today().isoformat(), "reason": (reason or "")[:200]}


def _only(part: Any, allowed: frozenset, what: str) -> None:
    if not isinstance(part, dict):
        raise InputError(None, _("alert: {0} must be an object").format(what))
    extra = sorted(set(part) - allowed)
    if extra:
        raise InputError(None, _("alert: {0} holds fields that may not leave the lab: {1}").format(what, ', '.join(extra)))


def check_payload(payload: Any) -> dict[str, Any]:
    """Refuse a payload with a field outside the allow-list, or without a usable spectrum."""
    if not isinstance(payload, dict):
        raise InputError(None, _("alert: not an alert payload"))
    if payload.get("kind") == WITHDRAW_KIND:
        _only(payload, WITHDRAW_FIELDS, _("withdrawal"))
        if not payload.get("uid"):
            raise InputError(None, _("withdrawal: which entry (uid) is missing"))
        return payload
    if payload.get("kind") != PAYLOAD_KIND:
        raise InputError(None, _("alert: unknown kind {0!r}").format(payload.get('kind')))
    _only(payload, PAYLOAD_FIELDS, _("alert"))
    for key in ("lab", "country", "region", "column"):
        _label(payload.get(key), key)
    if not payload.get("lab"):
        raise InputError(None, _("alert: the lab name is required"))
    if payload.get("predicted_class") is not None:
        _only(payload["predicted_class"], CLASS_FIELDS, _("predicted class"))
    if payload.get("molecular_ion") is not None:
        _only(payload["molecular_ion"], ION_FIELDS, _("molecular ion"))
    for analogue in payload.get("analogues") or []:
        _only(analogue, ANALOGUE_FIELDS, _("analogue"))
    technique = payload.get("technique")
    if technique not in ("ms", "ir"):
        raise InputError(None, _("alert: technique must be ms or ir (got {0!r})").format(technique))
    spectrum = payload.get("spectrum")
    if not spectrum:
        raise InputError(None, _("alert: no spectrum (an alert must carry the unknown's spectrum)"))
    _only(spectrum, SPECTRUM_FIELDS, _("spectrum"))
    x, y = spectrum.get("x") or [], spectrum.get("y") or []
    if len(x) != len(y):
        raise InputError(None, _("alert: spectrum x and y differ in length"))
    try:
        values = np.asarray(y, dtype=float)
        np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise InputError(None, _("alert: spectrum values are not numbers")) from None
    if technique == "ms":
        peaks = int(np.count_nonzero(values > 0))
        if peaks < MIN_PEAKS:
            raise InputError(None, _("alert: the spectrum has {0} peak(s); at least {1} are needed for others to recognise it").format(peaks, MIN_PEAKS))
    elif len(values) < MIN_IR_POINTS:
        raise InputError(None, _("alert: the IR spectrum has {0} points; at least {1} needed").format(len(values), MIN_IR_POINTS))
    return payload


def payload_spectrum(payload: dict[str, Any]) -> Spectrum:
    """The payload's spectrum as a :class:`Spectrum` (no metadata but RT/RI)."""
    part = payload["spectrum"]
    technique = payload["technique"]
    meta = {k: payload[k] for k in ("retention_time", "retention_index") if payload.get(k) is not None}
    return Spectrum(np.asarray(part["x"], float), np.asarray(part["y"], float), technique,
                    part.get("x_unit") or ("m/z" if technique == "ms" else "1/cm"),
                    part.get("y_unit") or ("relative abundance" if technique == "ms" else "absorbance"), meta)


def describe_payload(payload: dict[str, Any]) -> str:
    """Exactly what will be sent, as text for the user to read before sending."""
    lines = [_("This alert will be sent, signed with your lab's key (and nothing else):")]
    shown = {k: v for k, v in payload.items() if k != "spectrum"}
    spectrum = payload.get("spectrum") or {}
    lines.append(json.dumps(shown, indent=1, ensure_ascii=False))
    x, y = spectrum.get("x") or [], spectrum.get("y") or []
    pairs = " ".join(f"{a:g}:{b:g}" for a, b in zip(x, y))
    lines.append(_("spectrum ({0}, {1} points, {2} / {3}): {4}").format(payload.get('technique', '?').upper(), len(x), spectrum.get('x_unit'), spectrum.get('y_unit'), pairs))
    lines.append(_("Not sent: the file name, the query's name, case or exhibit fields, the operator, the hit list."))
    return "\n".join(lines)
