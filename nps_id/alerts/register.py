"""The register of unidentified substances: reports in, clusters out, every step audited.

:func:`open_register` opens a register on the library's PostgreSQL server (or in
a SQLite file: a lab's offline mirror, or a small single-site register).  A lab
*sends* a signed report (:meth:`AlertRegister.send`): on PostgreSQL it can only
add a row to ``alert_inbox`` under its own login.  The register's service
(:meth:`AlertRegister.process`, run by ``nps-id alert server process`` under the
``nps_alert_curator`` role; a SQLite register runs it at once) checks each
row: the Ed25519 signature over the payload text, that the key is registered
for that lab and login, and the privacy allow-list; then it files the report
into the cluster whose spectra it matches (the library's exact search engine,
:mod:`nps_id.alerts.clustering`) or opens a new cluster.  A refused row keeps
its reason.  Clusters carry first/last seen, labs, regions, predicted class
and the curator's status (open / identified as X / withdrawn).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from nps_id.alerts.clustering import ION_SURE, RegisterIndex
from nps_id.alerts.payload import PAYLOAD_KIND, WITHDRAW_KIND, check_payload, payload_spectrum
from nps_id.alerts.schema import SCHEMA_VERSION, create_statements, role_statements
from nps_id.alerts.sign import SignedAlert, verify_signature
from nps_id.errors import InputError, LibraryError, NpsIdError
from nps_id.library.backends import connect, is_postgres_url, redact_url
from nps_id.library.signing import fingerprint
from nps_id.library.store import current_user, now_utc
from nps_id.spectrum import Spectrum
from nps_id.i18n import _, using

#: Cluster statuses the curator sets.
STATUSES = ("open", "identified", "withdrawn")
#: Seconds to wait for a PostgreSQL server before saying it is unreachable.
CONNECT_TIMEOUT_S = 5
_CLUSTER_FIELDS = ("id", "technique", "first_seen", "last_seen", "n_labs", "n_entries", "regions", "countries",
                   "predicted_class", "molecular_ion", "lab_tags", "status", "identified_as", "identity",
                   "decided_by", "decided_at", "decision_note", "promoted", "updated_at")
_JSON_FIELDS = ("regions", "countries", "lab_tags", "identity", "promoted")


def lab_tag(cluster_id: int, signer: str) -> str:
    """What a cluster records of a lab: a hash of the cluster and the lab's key fingerprint.

    A lab recognises its own reports in a summary or an export (it knows its key);
    the lab's name is not there.
    """
    return hashlib.sha256(f"{int(cluster_id)}:{signer}".encode()).hexdigest()[:16]


def _with_timeout(url: str) -> str:
    if "connect_timeout=" in url:
        return url
    return url + ("&" if "?" in url else "?") + f"connect_timeout={CONNECT_TIMEOUT_S}"


def open_register(location: str | Path, create: bool = False) -> "AlertRegister":
    """Open the register at a ``postgresql://`` URL or a SQLite file (``create``: make its tables)."""
    location = str(location)
    postgres = is_postgres_url(location)
    try:
        backend = connect(_with_timeout(location) if postgres else location, create)
    except LibraryError as exc:
        message = str(exc).replace(f"?connect_timeout={CONNECT_TIMEOUT_S}", "")
        raise LibraryError(_("early-warning register: {0}").format(message)) from None
    if postgres:
        backend.location = redact_url(location)  # without the added timeout parameter
    return AlertRegister(backend, create=create)


def init_server(url: str) -> dict[str, Any]:
    """Create the register's tables, roles, grants and policies on a PostgreSQL server (owner/superuser)."""
    if not is_postgres_url(url):
        raise LibraryError(f"{url}: " + _("`alert server init` needs a postgresql:// URL"))
    with open_register(url, create=True) as register:
        with register.backend.transaction():
            for statement in role_statements():
                register.backend.execute(statement)
            register._audit("server-init", "created the alert register's roles nps_alert_submitter, "
                                           "nps_alert_analyst, nps_alert_curator and their rights")
        return register.info()


class AlertRegister:
    """An early-warning register (use :func:`open_register`)."""

    def __init__(self, backend, create: bool = False, owns_backend: bool = True):
        self.backend = backend
        self.location = backend.location
        self.dialect = backend.dialect
        self.owns_backend = owns_backend
        self.db_user = str(backend.query("SELECT session_user")[0][0]) if self.dialect == "postgresql" else None
        if not self.has_tables(backend):
            if not create:
                self.close()
                raise LibraryError(f"{self.location}: " + _("no early-warning register there (`nps-id alert server init URL` creates one)"))
            with backend.transaction():
                for statement in create_statements(self.dialect):
                    backend.execute(statement)
                backend.executemany("INSERT INTO alert_meta (key, value) VALUES (?, ?)",
                                    [("schema_version", str(SCHEMA_VERSION)), ("revision", "0"),
                                     ("created_at", now_utc())])
                self._audit("create", f"created the alert register (schema {SCHEMA_VERSION})")

    @staticmethod
    def has_tables(backend) -> bool:
        if backend.dialect == "sqlite":
            return bool(backend.query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                                      "AND name = 'alert_clusters'")[0][0])
        return bool(backend.query("SELECT to_regclass('alert_clusters') IS NOT NULL")[0][0])

    # -- housekeeping -------------------------------------------------------
    def who(self) -> str:
        """The name actions are recorded under: the database login, else the OS user."""
        return self.db_user or current_user()

    def _audit(self, action: str, what: str, details: dict | None = None) -> None:
        self.backend.execute("INSERT INTO alert_audit (at, who, action, what, details) VALUES (?, ?, ?, ?, ?)",
                             (now_utc(), self.who(), action, what, json.dumps(details or {})))

    def _bump(self) -> None:
        self.backend.execute("UPDATE alert_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) "
                             "WHERE key = 'revision'")

    def revision(self) -> int:
        return int(self.backend.query("SELECT value FROM alert_meta WHERE key = 'revision'")[0][0])

    def meta(self) -> dict[str, str]:
        return dict(self.backend.query("SELECT key, value FROM alert_meta"))

    def info(self) -> dict[str, Any]:
        q = self.backend.query
        return {"location": self.location, "backend": self.dialect, "revision": self.revision(),
                "clusters": int(q("SELECT COUNT(*) FROM alert_clusters WHERE n_entries > 0")[0][0]),
                "spectra": int(q("SELECT COUNT(*) FROM alert_spectra WHERE active = 1")[0][0])}

    def close(self) -> None:
        if self.owns_backend:
            self.backend.close()

    def __enter__(self) -> "AlertRegister":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextmanager
    def _refused_as(self, what: str) -> Iterator[None]:
        """A permission error from the database as a message that says which right is missing."""
        try:
            yield
        except LibraryError as exc:
            if "permission denied" in str(exc) or "row-level security" in str(exc):
                raise LibraryError(f"{self.location}: " + _("refused: login {0!r} may not {1} ({2})").format(self.who(), what, str(exc).split(': ', 1)[-1])) from None
            raise

    # -- labs ---------------------------------------------------------------
    def register_lab(self, lab: str, public_pem: bytes | str, db_role: str | None = None) -> str:
        """Allow a lab's key to report (administrator/curator); returns the key's fingerprint."""
        pem = (public_pem.encode() if isinstance(public_pem, str) else public_pem).strip()
        if b"PUBLIC KEY" not in pem:
            raise InputError(None, _("not a PEM public key (give the .pub file written by `nps-id library keygen`)"))
        fp = fingerprint(pem)
        with self._refused_as(_("register labs")), self.backend.transaction():
            if self.backend.query("SELECT id FROM alert_labs WHERE fingerprint = ?", (fp,)):
                raise LibraryError(f"{self.location}: " + _("key {0} is already registered").format(fp))
            self.backend.execute(
                "INSERT INTO alert_labs (lab, db_role, public_key, fingerprint, registered_at, registered_by) "
                "VALUES (?, ?, ?, ?, ?, ?)", (lab, db_role, pem.decode(), fp, now_utc(), self.who()))
            self._audit("register-lab", f"registered key {fp} for lab {lab}"
                        + (f" (login {db_role})" if db_role else ""), {"fingerprint": fp, "db_role": db_role})
        return fp

    # -- lab side -----------------------------------------------------------
    def send(self, signed: SignedAlert) -> int:
        """Put a signed report or withdrawal into the inbox; returns its inbox id.

        A SQLite register checks it at once (:meth:`process`); on PostgreSQL the
        register's service does, and :meth:`inbox_status` tells the outcome.
        """
        try:
            kind = json.loads(signed["payload"]).get("kind")
        except (ValueError, AttributeError, KeyError):
            raise InputError(None, _("alert: the payload is not JSON")) from None
        if kind not in (PAYLOAD_KIND, WITHDRAW_KIND):
            raise InputError(None, _("alert: unknown kind {0!r}").format(kind))
        with self._refused_as(_("send alerts (needs the nps_alert_submitter role)")), self.backend.transaction():
            inbox_id = int(self.backend.query(
                "INSERT INTO alert_inbox (kind, received_at, submitted_by, payload, signature, public_key) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (kind, now_utc(), self.who(), signed["payload"], signed["signature"], signed["public_key"]))[0][0])
            self._audit("send", f"inbox #{inbox_id}: {kind}", {"inbox": inbox_id})
        if self.dialect == "sqlite":
            self.process()
        return inbox_id

    def inbox_status(self, inbox_id: int) -> dict[str, Any]:
        rows = self.backend.query("SELECT id, kind, received_at, status, checked_at, reason, entry_id "
                                  "FROM alert_inbox WHERE id = ?", (int(inbox_id),))
        if not rows:
            raise LibraryError(f"{self.location}: " + _("no inbox row {0} visible to {1!r}").format(inbox_id, self.who()))
        out = dict(zip(("id", "kind", "received_at", "status", "checked_at", "reason", "entry_id"), rows[0]))
        if out["entry_id"] is not None:
            cluster = self.backend.query("SELECT cluster_id FROM alert_entries WHERE id = ?", (out["entry_id"],))
            out["cluster_id"] = cluster[0][0] if cluster else None
        return out

    def own_entries(self) -> list[dict[str, Any]]:
        """The entries this login sent (on PostgreSQL a lab sees no others)."""
        rows = self.backend.query(
            "SELECT id, uid, lab, observed_on, received_at, technique, cluster_id, match_score, status "
            "FROM alert_entries WHERE submitted_by = ? ORDER BY id", (self.who(),))
        return [dict(zip(("id", "uid", "lab", "observed_on", "received_at", "technique", "cluster_id",
                          "match_score", "status"), r)) for r in rows]

    # -- the register's service ---------------------------------------------
    def process(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Check every received inbox row (oldest first), each in its own transaction."""
        sql = "SELECT id FROM alert_inbox WHERE status = 'received' ORDER BY id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        with self._refused_as(_("process the inbox (needs nps_alert_curator)")):
            ids = [int(r[0]) for r in self.backend.query(sql)]
        return [self._process_one(i) for i in ids]

    def _process_one(self, inbox_id: int) -> dict[str, Any]:
        with self.backend.transaction():
            rows = self.backend.query(
                "SELECT kind, submitted_by, payload, signature, public_key, status FROM alert_inbox WHERE id = ?"
                + (" FOR UPDATE" if self.dialect == "postgresql" else ""), (inbox_id,))
            kind, submitted_by, text, signature, public_key, status = rows[0]
            if status != "received":
                return {"inbox": inbox_id, "status": status}
            try:
                # a refusal undoes the half-filed report, keeps the verdict; its reason is stored, so English
                with using("en"), self.backend.savepoint():
                    payload, lab = self._checked(text, signature, public_key, submitted_by)
                    signer = fingerprint(public_key.encode())
                    if payload["kind"] == PAYLOAD_KIND:
                        outcome = self._file_report(inbox_id, payload, lab, signer, submitted_by, text, signature)
                    else:
                        outcome = self._withdraw(payload, signer)
                outcome.update(inbox=inbox_id, status="accepted")
                self.backend.execute("UPDATE alert_inbox SET status = 'accepted', checked_at = ?, entry_id = ? "
                                     "WHERE id = ?", (now_utc(), outcome.get("entry"), inbox_id))
                self._bump()
                return outcome
            except (InputError, LibraryError, ValueError, TypeError, KeyError) as exc:
                reason = str(exc) if isinstance(exc, NpsIdError) else f"malformed alert ({type(exc).__name__}: {exc})"
                self.backend.execute("UPDATE alert_inbox SET status = 'refused', checked_at = ?, reason = ? "
                                     "WHERE id = ?", (now_utc(), reason, inbox_id))
                self._audit("refuse", f"inbox #{inbox_id} from {submitted_by} refused: {reason}",
                            {"inbox": inbox_id})
                return {"inbox": inbox_id, "status": "refused", "reason": reason}

    def _checked(self, text: str, signature: str, public_key: str, submitted_by: str) -> tuple[dict, str]:
        """Signature, registered key (for this login) and allow-list; returns (payload, lab)."""
        signer = verify_signature(text, signature, public_key)
        rows = self.backend.query("SELECT lab, db_role, active FROM alert_labs WHERE fingerprint = ?", (signer,))
        if not rows or not rows[0][2]:
            raise LibraryError(f"signed by a key not registered with this register ({signer})")
        lab, db_role, _ = rows[0]
        if db_role and self.dialect == "postgresql" and db_role != submitted_by:
            raise LibraryError(f"sent by login {submitted_by!r}, but the key is registered for login {db_role!r}")
        try:
            payload = json.loads(text)
        except ValueError:
            raise InputError(None, "alert: the payload is not JSON") from None
        check_payload(payload)
        if payload.get("lab") != lab:
            raise LibraryError(f"the alert names lab {payload.get('lab')!r}; the key is registered for {lab!r}")
        return payload, lab

    def _file_report(self, inbox_id: int, payload: dict, lab: str, signer: str, submitted_by: str,
                     text: str, signature: str) -> dict[str, Any]:
        if self.backend.query("SELECT id FROM alert_entries WHERE uid = ?", (payload["uid"],)):
            raise LibraryError(f"alert {payload['uid']} was already received")
        spectrum = payload_spectrum(payload)
        technique = payload["technique"]
        ion = payload.get("molecular_ion") or {}
        sure_ion = ion.get("nominal_mass") if (ion.get("confidence") or 0) >= ION_SURE else None
        index, ion_of = self._index(technique, exclude_withdrawn_clusters=True)
        match = index.best_cluster(spectrum, sure_ion, ion_of)
        now = now_utc()
        if match is None:
            cluster_id = int(self.backend.query(
                "INSERT INTO alert_clusters (technique, first_seen, last_seen, updated_at) VALUES (?, ?, ?, ?) "
                "RETURNING id", (technique, payload["date"], payload["date"], now))[0][0])
            score = None
        else:
            cluster_id, score = match.cluster_id, match.score
        entry_id = int(self.backend.query(
            "INSERT INTO alert_entries (uid, inbox_id, lab, country, region, submitted_by, observed_on, received_at, "
            "technique, signer, payload, signature, cluster_id, match_score) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (payload["uid"], inbox_id, lab, payload.get("country"), payload.get("region"), submitted_by,
             payload["date"], now, technique, signer, text, signature, cluster_id, score))[0][0])
        part = payload["spectrum"]
        self.backend.execute(
            "INSERT INTO alert_spectra (entry_id, cluster_id, technique, x, y, x_unit, y_unit, retention_index, "
            "column_type, observed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry_id, cluster_id, technique, json.dumps(part["x"]), json.dumps(part["y"]), spectrum.x_unit,
             spectrum.y_unit, payload.get("retention_index"), payload.get("column"), payload["date"]))
        self._refresh_cluster(cluster_id)
        joined = "opened" if match is None else f"joined (score {score:.0f})"
        self._audit("file", f"inbox #{inbox_id} from {lab}: entry {entry_id} {joined} cluster #{cluster_id}",
                    {"inbox": inbox_id, "entry": entry_id, "cluster": cluster_id, "score": score, "signer": signer})
        return {"entry": entry_id, "cluster": cluster_id, "score": score}

    def _withdraw(self, payload: dict, signer: str) -> dict[str, Any]:
        rows = self.backend.query("SELECT id, signer, cluster_id, status FROM alert_entries WHERE uid = ?",
                                  (payload["uid"],))
        if not rows:
            raise LibraryError(f"no entry {payload['uid']} to withdraw")
        entry_id, entry_signer, cluster_id, status = rows[0]
        if entry_signer != signer:
            raise LibraryError("a lab can withdraw only its own entries (signed by another key)")
        if status == "withdrawn":
            raise LibraryError(f"entry {entry_id} is already withdrawn")
        self.backend.execute("UPDATE alert_entries SET status = 'withdrawn', withdrawn_at = ? WHERE id = ?",
                             (now_utc(), entry_id))
        self.backend.execute("UPDATE alert_spectra SET active = 0 WHERE entry_id = ?", (entry_id,))
        self._refresh_cluster(cluster_id)
        self._audit("withdraw", f"entry {entry_id} withdrawn by its lab from cluster #{cluster_id}"
                    + (f": {payload.get('reason')}" if payload.get("reason") else ""),
                    {"entry": entry_id, "cluster": cluster_id})
        return {"entry": entry_id, "cluster": cluster_id, "withdrawn": True}

    def _refresh_cluster(self, cluster_id: int) -> None:
        """Recompute a cluster's summary from its active entries."""
        rows = self.backend.query("SELECT lab, country, region, observed_on, signer, payload FROM alert_entries "
                                  "WHERE cluster_id = ? AND status = 'active'", (cluster_id,))
        payloads = [json.loads(r[5]) for r in rows]
        classes = Counter((p.get("predicted_class") or {}).get("label") for p in payloads)
        classes.pop(None, None)
        ions = Counter((p.get("molecular_ion") or {}).get("nominal_mass") for p in payloads
                       if ((p.get("molecular_ion") or {}).get("confidence") or 0) >= ION_SURE)
        dates = sorted(r[3] for r in rows)
        self.backend.execute(
            "UPDATE alert_clusters SET first_seen = COALESCE(?, first_seen), last_seen = COALESCE(?, last_seen), "
            "n_labs = ?, n_entries = ?, regions = ?, countries = ?, predicted_class = ?, molecular_ion = ?, "
            "lab_tags = ?, updated_at = ? WHERE id = ?",
            (dates[0] if dates else None, dates[-1] if dates else None, len({r[0] for r in rows}), len(rows),
             json.dumps(sorted({r[2] for r in rows if r[2]})), json.dumps(sorted({r[1] for r in rows if r[1]})),
             classes.most_common(1)[0][0] if classes else None, ions.most_common(1)[0][0] if ions else None,
             json.dumps(sorted({lab_tag(cluster_id, r[4]) for r in rows})), now_utc(), cluster_id))

    # -- reading --------------------------------------------------------------
    def _index(self, technique: str, exclude_withdrawn_clusters: bool = False
               ) -> tuple[RegisterIndex, dict[int, int]]:
        ids, clusters, spectra = [], [], []
        for spectrum_id, cluster_id, spectrum in self.cluster_spectra(technique,
                                                                      exclude_withdrawn_clusters):
            ids.append(spectrum_id)
            clusters.append(cluster_id)
            spectra.append(spectrum)
        ion_of = {int(r[0]): int(r[1]) for r in self.backend.query(
            "SELECT id, molecular_ion FROM alert_clusters WHERE molecular_ion IS NOT NULL")}
        return RegisterIndex(technique, ids, clusters, spectra), ion_of

    def cluster_spectra(self, technique: str | None = None, exclude_withdrawn_clusters: bool = False,
                        cluster_id: int | None = None) -> list[tuple[int, int, Spectrum]]:
        """``(spectrum id, cluster id, Spectrum)`` of the active register spectra."""
        where, params = ["s.active = 1"], []
        if technique:
            where.append("s.technique = ?")
            params.append(technique)
        if cluster_id is not None:
            where.append("s.cluster_id = ?")
            params.append(int(cluster_id))
        if exclude_withdrawn_clusters:
            where.append("c.status <> 'withdrawn'")
        rows = self.backend.query(
            "SELECT s.id, s.cluster_id, s.technique, s.x, s.y, s.x_unit, s.y_unit, s.retention_index, s.column_type "
            "FROM alert_spectra s JOIN alert_clusters c ON c.id = s.cluster_id "
            f"WHERE {' AND '.join(where)} ORDER BY s.id", params)
        out = []
        for sid, cid, tech, x, y, xu, yu, ri, column in rows:
            meta = {"name": f"alert cluster #{cid}"}
            if ri is not None:
                meta["retention_index"] = ri
            if column:
                meta["column"] = column
            out.append((int(sid), int(cid), Spectrum(json.loads(x), json.loads(y), tech, xu, yu, meta)))
        return out

    def clusters(self, compound_class: str | None = None, technique: str | None = None,
                 status: str | None = None, include_empty: bool = False) -> list[dict[str, Any]]:
        """Cluster summaries, most recent first, then most labs (what every lab may read)."""
        where, params = [], []
        if not include_empty:
            where.append("n_entries > 0")
        if compound_class:
            where.append("lower(COALESCE(predicted_class, '')) LIKE ?")
            params.append(f"%{compound_class.strip().lower()}%")
        if technique:
            where.append("technique = ?")
            params.append(technique)
        if status:
            where.append("status = ?")
            params.append(status)
        sql = f"SELECT {', '.join(_CLUSTER_FIELDS)} FROM alert_clusters"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.backend.query(sql + " ORDER BY last_seen DESC, n_labs DESC, id DESC", params)
        return [self._summary(r) for r in rows]

    def cluster(self, cluster_id: int) -> dict[str, Any]:
        """One cluster's summary, with the entries this login may read (its own; all for analyst/curator)."""
        rows = self.backend.query(f"SELECT {', '.join(_CLUSTER_FIELDS)} FROM alert_clusters WHERE id = ?",
                                  (int(cluster_id),))
        if not rows:
            raise LibraryError(f"{self.location}: " + _("no cluster #{0}").format(cluster_id))
        summary = self._summary(rows[0])
        try:
            entries = self.backend.query(
                "SELECT id, uid, lab, country, region, observed_on, received_at, technique, signer, match_score, "
                "status FROM alert_entries WHERE cluster_id = ? ORDER BY id", (int(cluster_id),))
        except LibraryError:
            entries = []  # a reader without entry rights sees the summary only
        summary["entries"] = [dict(zip(("id", "uid", "lab", "country", "region", "observed_on", "received_at",
                                        "technique", "signer", "match_score", "status"), e)) for e in entries]
        return summary

    @staticmethod
    def _summary(row) -> dict[str, Any]:
        out = dict(zip(_CLUSTER_FIELDS, row))
        for key in _JSON_FIELDS:
            out[key] = json.loads(out[key]) if out[key] else ({} if key in ("identity",) else
                                                                None if key == "promoted" else [])
        out["status_text"] = status_text(out)
        return out

    def entry_payloads(self, cluster_id: int) -> list[dict[str, Any]]:
        """The active entries of a cluster with their payloads (curator, for promotion)."""
        rows = self.backend.query("SELECT id, lab, observed_on, signer, payload FROM alert_entries "
                                  "WHERE cluster_id = ? AND status = 'active' ORDER BY id", (int(cluster_id),))
        return [{"id": r[0], "lab": r[1], "observed_on": r[2], "signer": r[3], "payload": json.loads(r[4])}
                for r in rows]

    # -- curator --------------------------------------------------------------
    def set_status(self, cluster_id: int, status: str, identified_as: str | None = None,
                   identity: dict[str, Any] | None = None, note: str = "") -> dict[str, Any]:
        """Set a cluster's status: open, identified (as ``identified_as``) or withdrawn."""
        if status not in STATUSES:
            raise InputError(None, _("status must be one of {0} (got {1!r})").format(', '.join(STATUSES), status))
        if status == "identified" and not (identified_as or "").strip():
            raise InputError(None, _("say what the cluster was identified as (e.g. --identify '5F-MDMB-PICA')"))
        with self._refused_as(_("change a cluster's status (needs nps_alert_curator)")), self.backend.transaction():
            self.cluster(cluster_id)  # exists
            self.backend.execute(
                "UPDATE alert_clusters SET status = ?, identified_as = ?, identity = ?, decided_by = ?, "
                "decided_at = ?, decision_note = ?, updated_at = ? WHERE id = ?",
                (status, identified_as.strip() if status == "identified" else None,
                 json.dumps(identity or {}), self.who(), now_utc(), note, now_utc(), int(cluster_id)))
            self._audit("status", f"cluster #{cluster_id}: {status}"
                        + (f" as {identified_as}" if status == "identified" else "")
                        + (f" ({note})" if note else ""), {"cluster": int(cluster_id), "identity": identity or {}})
            self._bump()
        return self.cluster(cluster_id)

    def mark_promoted(self, cluster_id: int, info: dict[str, Any]) -> None:
        with self.backend.transaction():
            self.backend.execute("UPDATE alert_clusters SET promoted = ?, updated_at = ? WHERE id = ?",
                                 (json.dumps(info), now_utc(), int(cluster_id)))
            self._audit("promote", f"cluster #{cluster_id}: {info.get('spectra')} spectra promoted into library "
                                   f"{info.get('library')} (submission {info.get('submission')})",
                        {"cluster": int(cluster_id), **info})
            self._bump()

    def audit_log(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, at, who, action, what, details FROM alert_audit ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        with self._refused_as(_("read the audit log")):
            rows = self.backend.query(sql)
        return [dict(zip(("id", "at", "who", "action", "what", "details"), r[:5]), details=json.loads(r[5]))
                for r in rows]


def status_text(summary: dict[str, Any]) -> str:
    """"open", "identified as X", "withdrawn"."""
    if summary.get("status") == "identified" and summary.get("identified_as"):
        return f"identified as {summary['identified_as']}"
    return str(summary.get("status") or "open")


__all__ = ["AlertRegister", "open_register", "init_server", "status_text", "lab_tag", "STATUSES", "NpsIdError"]
