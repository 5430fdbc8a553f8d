"""Lists of clusters for people: text rows, CSV for the national focal point."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Sequence
from nps_id.i18n import _

#: Columns of ``nps-id alert list --csv`` (one row per cluster).
CSV_COLUMNS = ("cluster", "status", "identified_as", "technique", "predicted_class", "labs", "reports",
               "regions", "countries", "first_seen", "last_seen", "molecular_ion")


def csv_rows(clusters: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"cluster": c["id"], "status": c["status"], "identified_as": c.get("identified_as") or "",
             "technique": c["technique"].upper(), "predicted_class": c.get("predicted_class") or "",
             "labs": c["n_labs"], "reports": c["n_entries"], "regions": "; ".join(c.get("regions") or []),
             "countries": "; ".join(c.get("countries") or []), "first_seen": c["first_seen"],
             "last_seen": c["last_seen"], "molecular_ion": c.get("molecular_ion") or ""} for c in clusters]


def write_csv(clusters: Sequence[dict[str, Any]], out: Path | None = None) -> str:
    """The clusters as CSV (written to ``out`` when given); returns the text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(clusters))
    text = buffer.getvalue()
    if out is not None:
        Path(out).write_text(text, encoding="utf-8")
    return text


def format_table(clusters: Sequence[dict[str, Any]]) -> str:
    """A readable table, most recent first."""
    if not clusters:
        return _("no clusters in the register\n")
    lines = [f"{'#':>5} {'Last seen':<10} {'First seen':<10} {'Labs':>4} {'Rep':>4} {'Tech':<4} "
             f"{'Class':<24} {'Regions':<24} Status"]
    for c in clusters:
        lines.append(f"{c['id']:>5} {c['last_seen'][:10]:<10} {c['first_seen'][:10]:<10} {c['n_labs']:>4} "
                     f"{c['n_entries']:>4} {c['technique'].upper():<4} {(c.get('predicted_class') or '?')[:24]:<24} "
                     f"{', '.join(c.get('regions') or [])[:24]:<24} {c['status_text']}")
    return "\n".join(lines) + "\n"
