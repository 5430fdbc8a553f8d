"""Promote an identified cluster's spectra into the shared library, keeping the provenance.

Once the curator has identified a cluster (e.g. after buying a reference
standard), :func:`promote_cluster` takes its active reports' spectra, names
them as identified, records where each came from (lab, date, cluster, entry,
signer) and sends them through the library's own contribution path
(:func:`nps_id.library.sharing.contribute` -> :func:`~nps_id.library.sharing.submit`
-> :func:`~nps_id.library.sharing.accept`), so they enter the next release
(``nps-id library release``) like any reviewed contribution, with the change
log saying why.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from nps_id.alerts.payload import payload_spectrum
from nps_id.alerts.register import AlertRegister
from nps_id.errors import LibraryError
from nps_id.i18n import _

PROMOTING_LAB = "NPS-ID early-warning register"
#: Identity fields a curator may give with the name.
IDENTITY_FIELDS = ("inchikey", "cas", "formula", "smiles", "compound_class", "mw")


def promotion_records(register: AlertRegister, cluster_id: int) -> list:
    """The cluster's spectra as library records: identified name, identity, provenance."""
    summary = register.cluster(cluster_id)
    if summary["status"] != "identified" or not summary["identified_as"]:
        raise LibraryError(_("cluster #{0} is {1}: identify it first (nps-id alert cluster K --identify NAME)").format(cluster_id, summary['status_text']))
    entries = register.entry_payloads(cluster_id)
    if not entries:
        raise LibraryError(_("cluster #{0}: no active report to promote (or this login may not read them)").format(cluster_id))
    identity = {k: v for k, v in (summary.get("identity") or {}).items() if k in IDENTITY_FIELDS and v}
    records = []
    for entry in entries:
        payload = entry["payload"]
        spectrum = payload_spectrum(payload)
        provenance = (f"early-warning register cluster #{cluster_id}, entry {entry['id']}: reported by "
                      f"{entry['lab']} ({payload.get('country') or payload.get('region') or 'region not given'}) "
                      f"on {entry['observed_on']}, signer {entry['signer']}; identified as "
                      f"{summary['identified_as']} by {summary['decided_by']} on {summary['decided_at']}"
                      + (f" ({summary['decision_note']})" if summary.get("decision_note") else ""))
        meta = {"name": summary["identified_as"], **identity, "source_id": f"ALERT-{cluster_id}-{entry['id']}",
                "contributor": f"{entry['lab']} via {PROMOTING_LAB}",
                "licence": "contributed by the reporting lab through the NPS-ID early-warning register",
                "comment": provenance, "date": entry["observed_on"]}
        if payload.get("column"):
            meta["method"] = f"GC column {payload['column']}"
        records.append(spectrum.with_metadata(**meta))
    return records


def promote_cluster(register: AlertRegister, library, cluster_id: int, key_file: Path | None = None,
                    why: str = "", who: str | None = None) -> dict[str, Any]:
    """Submit and accept an identified cluster's spectra in ``library`` (the curated library).

    Returns ``{"submission", "spectra", "library"}``; the spectra are searchable
    at once and part of the next ``library release``.
    """
    from nps_id.library import open_library
    from nps_id.library.sharing import accept, contribute, submit

    records = promotion_records(register, cluster_id)
    summary = register.cluster(cluster_id)
    if summary.get("promoted"):
        raise LibraryError(_("cluster #{0} was already promoted (submission {1})").format(cluster_id, summary['promoted'].get('submission')))
    reason = (f"alert cluster #{cluster_id} identified as {summary['identified_as']}"
              + (f": {why}" if why else ""))
    with tempfile.TemporaryDirectory(prefix="nps-id-promote-") as tmp:
        with open_library(Path(tmp) / "cluster.sqlite", create=True) as staging:
            staging.add_spectra(records, who=who, why=reason)
            contribute(staging, PROMOTING_LAB, Path(tmp) / "bundle", key_file, who=who)
        submission = submit(library, Path(tmp) / "bundle", who=who)
        count = accept(library, submission, why=reason, who=who)
    info = {"submission": submission, "spectra": count, "library": str(library.location), "why": reason}
    register.mark_promoted(cluster_id, info)
    return info
