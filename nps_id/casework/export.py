"""CSV exports of hit tables and GC-MS component tables (CLI ``--csv`` and the app).

One row per hit, with the verdict of its query or component, class, control
status with its source (compound catalogue), isomer flag and the isomers named.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any, Iterable

from nps_id.errors import InputError
from nps_id.i18n import _

COLUMNS = ("query", "component", "rt_min", "ri", "area_pct", "verdict", "confidence", "rank", "name", "score",
           "reverse_score", "probability", "delta_ri", "compound_class", "control_status", "control_source",
           "isomer_ambiguity", "isomers", "inchikey", "cas", "formula", "source_id", "library_id")


def _control_source(hit: dict[str, Any]) -> tuple[str | None, str | None]:
    try:
        from nps_id.library.catalogue import lookup
        entry = lookup(inchikey=hit.get("inchikey"), name=hit.get("name"), cas=hit.get("cas"))
    except Exception:  # no catalogue: the hit's own status, no source
        entry = None
    if entry is None:
        return hit.get("control_status"), None
    return hit.get("control_status") or entry.control_status, entry.status_source


def _hit_row(base: dict[str, Any], hit: dict[str, Any], ri: float | None = None) -> dict[str, Any]:
    status, source = _control_source(hit) if hit else (None, None)
    ref_ri = hit.get("retention_index")
    return {**base, **{k: hit.get(k) for k in ("rank", "name", "score", "reverse_score", "probability",
                                               "compound_class", "inchikey", "cas", "formula", "source_id",
                                               "library_id", "isomer_ambiguity")},
            "control_status": status, "control_source": source,
            "isomers": "; ".join(hit.get("isomers") or []),
            "delta_ri": round(ri - ref_ri, 1) if ri is not None and ref_ri is not None else None}


def hit_rows(hit_list: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of one query's hit table (a :meth:`nps_id.search.hits.HitList.to_dict`)."""
    q = hit_list["query"]
    base = {"query": q.get("id"), "verdict": q.get("verdict"), "confidence": q.get("confidence")}
    return [_hit_row(base, h) for h in hit_list.get("hits") or []] or [base]


def component_rows(run_result: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of a GC-MS component table (``RunResult.to_dict()``): every hit of every component."""
    rows = []
    for n, comp in enumerate(run_result["components"], start=1):
        base = {"query": run_result["run"].get("sample") or Path(run_result["run"]["source_file"]).name,
                "component": n, "rt_min": comp["rt_min"], "ri": comp.get("ri"), "area_pct": comp["area_pct"],
                "verdict": comp.get("verdict"), "confidence": comp.get("confidence")}
        rows += [_hit_row(base, h, comp.get("ri")) for h in comp.get("hits") or []] or [base]
    return rows


def write_csv(path: str | Path, rows: Iterable[dict[str, Any]]) -> Path:
    """Write rows with :data:`COLUMNS` to ``path`` (through a temporary file: never half-written)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(path, _("cannot write CSV ({0})").format(exc.strerror or exc)) from None
    return path
