"""The register as a signed folder, for labs without a live connection.

:func:`export_register` writes the cluster summaries and cluster spectra (what
every lab may read; no entries, no lab names) to ``register.json`` in a folder,
with the library's manifest and Ed25519 signature
(:func:`nps_id.library.signing.write_manifest`), to go out with each library
release.  :func:`import_register` verifies the folder (every file's SHA-256,
the signature, optionally that the signer is trusted) and replaces the
clusters of a local SQLite register with it, so the "seen by" check of every
search gives the same answer offline.  A changed file is refused.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from nps_id import __version__
from nps_id.alerts.register import AlertRegister, open_register
from nps_id.errors import LibraryError
from nps_id.library.signing import verify_folder, write_manifest
from nps_id.library.store import now_utc
from nps_id.i18n import _

EXPORT_KIND = "nps-id-alert-register"
EXPORT_FILE = "register.json"
_CLUSTER_COLUMNS = ("id", "technique", "first_seen", "last_seen", "n_labs", "n_entries", "regions", "countries",
                    "predicted_class", "molecular_ion", "lab_tags", "status", "identified_as", "identity",
                    "decided_at", "updated_at")
_SPECTRUM_COLUMNS = ("cluster_id", "technique", "x", "y", "x_unit", "y_unit", "retention_index", "column_type",
                     "observed_on")


def export_register(register: AlertRegister, out: Path, key_file: Path) -> dict[str, Any]:
    """Write the register's summaries and cluster spectra to ``out``, signed with ``key_file``."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise LibraryError(f"{out}: " + _("exists and is not empty"))
    if key_file is None:
        raise LibraryError(_("an export must be signed: give the register curator's key (--key)"))
    q = register.backend.query
    clusters = [dict(zip(_CLUSTER_COLUMNS, r)) for r in q(
        f"SELECT {', '.join(_CLUSTER_COLUMNS)} FROM alert_clusters WHERE n_entries > 0 ORDER BY id")]
    spectra = [dict(zip(_SPECTRUM_COLUMNS, r)) for r in q(
        f"SELECT s.{', s.'.join(_SPECTRUM_COLUMNS)} FROM alert_spectra s JOIN alert_clusters c "
        "ON c.id = s.cluster_id WHERE s.active = 1 AND c.n_entries > 0 ORDER BY s.id")]
    for item in clusters:
        for key in ("regions", "countries", "lab_tags", "identity"):
            item[key] = json.loads(item[key] or ("{}" if key == "identity" else "[]"))
    for item in spectra:
        item["x"], item["y"] = json.loads(item["x"]), json.loads(item["y"])
    meta = {"kind": EXPORT_KIND, "format": 1, "exported_at": now_utc(), "exported_by": register.who(),
            "source_revision": register.revision(), "n_clusters": len(clusters), "n_spectra": len(spectra),
            "nps_id_version": __version__}
    out.mkdir(parents=True, exist_ok=True)
    try:
        (out / EXPORT_FILE).write_text(json.dumps({**meta, "clusters": clusters, "spectra": spectra},
                                                  ensure_ascii=False) + "\n", encoding="utf-8")
        digest = write_manifest(out, key_file)
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    with register.backend.transaction():
        register._audit("export", f"signed export of {len(clusters)} clusters to {out.name}",
                        {"manifest_sha256": digest, "n_clusters": len(clusters)})
    return {**meta, "manifest_sha256": digest}


def import_register(folder: Path, target: Path, trusted_keys: list[bytes] | None = None) -> dict[str, Any]:
    """Verify a signed export and make the SQLite register ``target`` a copy of it."""
    folder = Path(folder)
    checked = verify_folder(folder, trusted_keys, require_signature=True)
    try:
        data = json.loads((folder / EXPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise LibraryError(f"{folder}: " + _("no readable {0} (not an alert-register export)").format(EXPORT_FILE)) from None
    if not isinstance(data, dict) or data.get("kind") != EXPORT_KIND:
        raise LibraryError(f"{folder}: " + _("not an alert-register export"))
    if str(target).startswith(("postgresql://", "postgres://")):
        raise LibraryError(_("an export is imported into a local register file, not into the server"))
    with open_register(target, create=True) as register:
        if register.backend.query("SELECT COUNT(*) FROM alert_entries")[0][0]:
            raise LibraryError(f"{target}: " + _("holds reports of its own; import the export into a separate file (e.g. "
                                                 "<library>.alerts.sqlite)"))
        with register.backend.transaction():
            register.backend.execute("DELETE FROM alert_spectra")
            register.backend.execute("DELETE FROM alert_clusters")
            for item in data["clusters"]:
                row = dict(item)
                for key in ("regions", "countries", "lab_tags", "identity"):
                    row[key] = json.dumps(row.get(key) or ({} if key == "identity" else []))
                register.backend.execute(
                    f"INSERT INTO alert_clusters ({', '.join(_CLUSTER_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_CLUSTER_COLUMNS))})", [row.get(c) for c in _CLUSTER_COLUMNS])
            for item in data["spectra"]:
                row = dict(item, x=json.dumps(item["x"]), y=json.dumps(item["y"]))
                register.backend.execute(
                    f"INSERT INTO alert_spectra ({', '.join(_SPECTRUM_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_SPECTRUM_COLUMNS))})", [row.get(c) for c in _SPECTRUM_COLUMNS])
            for key, value in (("source", "signed export"), ("exported_at", data.get("exported_at")),
                               ("export_signer", checked["signer"]),
                               ("export_manifest_sha256", checked["manifest_sha256"])):
                register.backend.execute("DELETE FROM alert_meta WHERE key = ?", (key,))
                register.backend.execute("INSERT INTO alert_meta (key, value) VALUES (?, ?)", (key, str(value)))
            register._bump()
            register._audit("import", f"imported signed export of {data.get('exported_at')} "
                                      f"({len(data['clusters'])} clusters, signer {checked['signer']})",
                            {"manifest_sha256": checked["manifest_sha256"]})
    return {"clusters": len(data["clusters"]), "spectra": len(data["spectra"]), "signer": checked["signer"],
            "exported_at": data.get("exported_at")}
