"""The spectral library: one :class:`Library` over SQLite or PostgreSQL.

Every change (import, delete, submission, decision, release) runs in one
transaction, is written to the ``changes`` log (who, when, what, why) and bumps
the ``revision`` counter in ``meta`` when it changes what is searched.  With the
``library_uuid`` made when the library is created, ``(uuid, revision)``
(:meth:`Library.identity`) names one state of one library: search-index
caches key on it, so a library replaced at the same path or URL is never
searched through another library's index.
Only spectra with status ``accepted`` are counted, searched and exported;
pending submissions wait beside them until a curator decides.
"""
from __future__ import annotations

import json
import os
import re
import time
import uuid
from contextlib import ExitStack, nullcontext
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from nps_id.errors import InputError, LibraryError
from nps_id.library.backends import ConnectionLost, connect, is_postgres_url
from nps_id.library.packages import is_package, opened_package, verify_package
from nps_id.library.reading import collect_files, iter_file, read_ahead
from nps_id.library.records import complete_record, record_fields
from nps_id.library.report import FileReport, ImportReport, technique_label
from nps_id.library.rows import SPECTRUM_COLUMNS, content_hashes, row_spectrum, spectrum_row
from nps_id.library.schema import (INSERT_COLUMNS, SCHEMA_VERSION, create_statements,
                                   spectra_indexes, upgrade_statements)
from nps_id.library.stamps import current_user, now_utc
from nps_id.library.trust import trusted_fingerprints
from nps_id.spectrum import TECHNIQUES, Spectrum
from nps_id.i18n import _

#: Environment variable naming the library used when none is given.
LIBRARY_ENV = "NPS_ID_LIBRARY"
#: Rows per INSERT batch (bounded memory, no per-row round trips).
INSERT_BATCH = 5000
#: Imports of at least this many spectra (estimated from file sizes) into a
#: smaller SQLite library build the secondary indexes after inserting the rows.
DEFER_INDEXES_MIN = 200_000
#: Bytes of an MSP record, roughly (for the estimate above).
BYTES_PER_SPECTRUM_ESTIMATE = 1000
#: Fields of a hit-list row returned by :meth:`Library.records` and :meth:`Library.find`.
RECORD_FIELDS = (
    "id", "technique", "name", "synonyms", "inchikey", "cas", "formula", "mw",
    "compound_class", "source_id", "retention_index", "smiles", "licence", "contributor",
)
#: PostgreSQL advisory lock held by an import that checks for duplicates.
_IMPORT_LOCK = 0x4E505349  # "NPSI"
#: Called during an import as ``progress(stage, done, total)``; stage "reading" counts bytes.
Progress = Callable[[str, int, int], None]

def default_library_location() -> str:
    """``$NPS_ID_LIBRARY`` if set, else ``<user data dir>/nps-id/library.sqlite``."""
    env = os.environ.get(LIBRARY_ENV, "").strip()
    if env:
        return env
    from platformdirs import user_data_dir
    return str(Path(user_data_dir("nps-id")) / "library.sqlite")


def open_library(location: str | Path | None = None, create: bool = False,
                 read_only: bool = False) -> "Library":
    """Open a library: a SQLite file path or a ``postgresql://`` URL.

    ``None`` means :func:`default_library_location`.  With ``create`` the
    file (or the tables of an empty PostgreSQL database) is made when missing;
    otherwise a missing library raises :class:`~nps_id.errors.LibraryError`.

    A SQLite library that cannot be opened for writing (a released library on a
    read-only share or mount: the file or its folder is not writable) is opened
    read-only, and so is any with ``read_only`` (nothing is written beside it then,
    when its folder is read-only); it is searched, listed and exported as usual,
    and a change (import, delete...) raises "the library is read-only: PATH".
    ``read_only`` does not apply to PostgreSQL, where the login's rights decide.
    """
    location = default_library_location() if location is None else location
    return Library(connect(location, create and not read_only, read_only), create and not read_only)


class _FileFailed(Exception):
    """A file of a ``skip_invalid`` import failed as a whole: roll its rows back."""


def _chunks(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start:start + size]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _identity(name: Any, inchikey: Any, cas: Any) -> tuple[str, str | None, str | None]:
    """(normalised name, InChIKey, CAS) of a record, for the duplicate check."""
    text = re.sub(r"\s+", " ", str(name or "")).strip().casefold()
    key = str(inchikey or "").strip().upper() or None
    number = str(cas or "").strip() or None
    return text, key, number


def _same_compound(a: tuple[str, str | None, str | None], b: tuple[str, str | None, str | None]) -> bool:
    """Same name, and the same InChIKey and CAS wherever both records give one."""
    return (a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])
            and (a[2] is None or b[2] is None or a[2] == b[2]))


def _nothing_imported(report: ImportReport) -> str:
    if report.other_technique or report.other_technique_files:
        return (_("no {0} spectrum to import (skipped {1} spectra and {2} file(s) of other techniques)").format(technique_label(report.technique or ''), report.other_technique, report.other_technique_files))
    reason = _("no spectrum could be imported")
    if report.passed_over and not report.skipped:
        reason += _(" (no file there is a spectrum file NPS-ID reads)")
    elif report.skipped:
        reason += _(" ({0} invalid, first: {1})").format(len(report.skipped), report.skipped[0])
    return reason


class Library:
    """A spectral library (use :func:`open_library`)."""

    def __init__(self, backend, create: bool = False):
        self.backend = backend
        self.location = backend.location
        self.dialect = backend.dialect
        #: The database login (PostgreSQL), recorded with every change.
        self.db_user: str | None = None
        #: Why a library of an older schema could not be upgraded (it is then read-only), or None.
        self.upgrade_problem: str | None = None
        if self.dialect == "postgresql":
            self.db_user = str(self.backend.query("SELECT session_user")[0][0])
        version = self._schema_version()
        if version is None:
            if not create:
                self.close()
                raise LibraryError(f"{self.location}: " + _("not an NPS-ID library (no library tables)"))
            self._create_schema()
        elif version > SCHEMA_VERSION:
            self.close()
            raise LibraryError(f"{self.location}: " + _("made by a newer NPS-ID (schema {0}); update NPS-ID to open it").format(version))
        elif version < SCHEMA_VERSION:
            self._upgrade(version)

    # -- housekeeping -------------------------------------------------------
    def _schema_version(self) -> int | None:
        if self.dialect == "sqlite":
            exists = self.backend.query(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'")[0][0]
        else:
            exists = self.backend.query("SELECT to_regclass('meta') IS NOT NULL")[0][0]
        if not exists:
            return None
        rows = self.backend.query("SELECT value FROM meta WHERE key = 'schema_version'")
        if not rows:
            raise LibraryError(f"{self.location}: " + _("not an NPS-ID library (no schema version)"))
        return int(rows[0][0])

    def _create_schema(self) -> None:
        if self.dialect == "sqlite":
            tables = self.backend.query("SELECT name FROM sqlite_master WHERE type = 'table'")
            if tables:
                self.close()
                raise LibraryError(f"{self.location}: " + _("a SQLite database that is not an NPS-ID library"))
        with self.backend.transaction():
            for statement in create_statements(self.dialect):
                self.backend.execute(statement)
            self.backend.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [("schema_version", str(SCHEMA_VERSION)), ("revision", "0"),
                 ("created_at", now_utc()), ("library_uuid", str(uuid.uuid4()))])
            self._log("create", self.who(), f"created library (schema {SCHEMA_VERSION})")

    def _upgrade(self, version: int) -> None:
        """Bring a library made by an older NPS-ID to :data:`SCHEMA_VERSION`, in one
        transaction (a failure leaves it as it was, readable but read-only).  Needs the
        right to change the tables: on a shared server the database owner's login."""
        try:
            with self.backend.transaction():
                if self.dialect == "postgresql":  # one upgrader at a time; the others wait, then see it done
                    self.backend.execute("LOCK TABLE meta IN EXCLUSIVE MODE")
                current = self._schema_version() or 0
                if current >= SCHEMA_VERSION:
                    return
                for statement in upgrade_statements(self.dialect, current):
                    self.backend.execute(statement)
                if current < 2:
                    self._fill_content_hashes()
                    if not self.backend.query("SELECT 1 FROM meta WHERE key = 'library_uuid'"):
                        self.backend.execute("INSERT INTO meta (key, value) VALUES ('library_uuid', ?)",
                                             (str(uuid.uuid4()),))
                self.backend.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                                     (str(SCHEMA_VERSION),))
                self._log("upgrade", self.who(), f"upgraded the library from schema {current} to "
                          f"{SCHEMA_VERSION}")
        except LibraryError as exc:
            # Kept open for reading (search, browse, export): an analyst whose curator has not
            # yet upgraded the server still works.  Changes fail (and say so) until it is upgraded.
            self.upgrade_problem = (
                f"{self.location}: " + _("made by an older NPS-ID (schema {0}) and could not be upgraded to schema {1} ({2}); it "
                                         "is read-only until opened once with the right to change its tables (a SQLite file: its "
                                         "owner; a server: the database owner, e.g. `nps-id library server init URL`)").format(version, SCHEMA_VERSION, exc))

    def _fill_content_hashes(self) -> None:
        """Compute ``content_hash`` of rows that have none (inside the caller's transaction)."""
        last = 0
        while True:
            rows = self.backend.query(
                "SELECT id, technique, x, y FROM spectra WHERE content_hash IS NULL AND id > ? "
                "ORDER BY id LIMIT 5000", (last,))
            if not rows:
                return
            hashes = content_hashes([(r[1], np.frombuffer(bytes(r[2]), "<f8"),
                                      np.frombuffer(bytes(r[3]), "<f8")) for r in rows])
            self.backend.executemany("UPDATE spectra SET content_hash = ? WHERE id = ?",
                                     [(h, int(r[0])) for h, r in zip(hashes, rows)])
            last = int(rows[-1][0])

    @property
    def read_only(self) -> bool:
        """Opened read-only (a SQLite file or folder that cannot be written, or asked for)."""
        return bool(getattr(self.backend, "read_only", False))

    def _check_writable(self) -> None:
        if self.read_only:
            raise self.backend.read_only_error()
        if self.upgrade_problem is not None:
            raise LibraryError(self.upgrade_problem)

    def library_uuid(self) -> str:
        """The library's identity, made when it was created (or upgraded to schema 2)."""
        rows = self.backend.query("SELECT value FROM meta WHERE key = 'library_uuid'")
        return str(rows[0][0]) if rows else ""

    def identity(self) -> tuple[str, int]:
        """``(library_uuid, revision)`` in one query: names this state of this library."""
        meta = dict(self.backend.query(
            "SELECT key, value FROM meta WHERE key IN ('library_uuid', 'revision')"))
        return str(meta.get("library_uuid", "")), int(meta.get("revision", 0))

    def _bump_revision(self) -> None:
        self.backend.execute(
            "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'")

    def who(self, who: str | None = None) -> str:
        """The name a change is recorded under: ``who``, else the database login
        (PostgreSQL) or the operating-system user (SQLite)."""
        return who or self.db_user or current_user()

    def _log(self, action: str, who: str, what: str, why: str = "",
             details: dict | None = None) -> int:
        """Append to the change log (inside the caller's transaction); returns the entry id."""
        if self.db_user is not None and who != self.db_user:
            details = dict(details or {}, db_user=self.db_user)  # the login cannot be faked
        rows = self.backend.query(
            "INSERT INTO changes (at, who, action, what, why, details) VALUES (?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            (now_utc(), who, action, what, why or "", json.dumps(details or {})))
        return int(rows[0][0])

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Library({self.location!r})"

    # -- importing ----------------------------------------------------------
    def import_files(self, paths: Iterable[str | Path], skip_invalid: bool = False,
                     progress: Progress | None = None, who: str | None = None,
                     why: str = "", status: str = "accepted",
                     submission_id: int | None = None, technique: str | None = None,
                     allow_duplicates: bool = False, insecure: bool = False) -> ImportReport:
        """Import every spectrum of files and folders (recursively) in ONE transaction.

        An invalid file or record raises :class:`~nps_id.errors.InputError`
        naming file, line and reason, and the library is left unchanged; with
        ``skip_invalid`` valid records are imported and the others listed in
        :attr:`ImportReport.skipped`.  Killing the process at any moment leaves
        the library as it was.

        ``technique`` ("ms", "ir", ...): only spectra of that technique are
        added; the others (UV, NIR, Raman, the MS scans of a GC-MS file when
        importing IR...) are listed as skipped with the reason.  A spectrum the
        library already holds (same peaks, see :func:`~nps_id.library.rows.content_hash`,
        and the same name, InChIKey and CAS where both give one) is not added
        again but counted as "already present", unless ``allow_duplicates``.

        A release or bundle (folder or .zip) is imported when its manifest
        verifies and it is signed by a key this library trusts
        (:mod:`~nps_id.library.trust`); an unsigned or untrusted one is refused
        unless ``insecure``.  :attr:`ImportReport.packages` says who signed it.

        The report lists per file (:attr:`ImportReport.entries`) what was
        added, already present and skipped, and why.
        """
        self._check_writable()
        paths = [Path(p) for p in paths]
        if not paths:
            raise InputError(None, _("no file or folder to import"))
        if technique is not None and technique not in TECHNIQUES:
            raise InputError(None, _("unknown technique {0!r} (one of {1})").format(technique, ', '.join(TECHNIQUES)))
        with ExitStack() as stack:
            checked, packages, fields, unpacked = [], [], {}, []
            for path in paths:
                if path.exists() and is_package(path):
                    folder = stack.enter_context(opened_package(path))  # a .zip is unpacked once
                    unpacked.append(folder)
                    package = self._check_package(folder, path, insecure)  # and what is read is what was verified
                    checked.append(folder / "records")
                    packages.append(package)
                    fields.update(record_fields(folder))
                    why = why or package["what"]
                else:
                    checked.append(path)
            args = (checked, skip_invalid, progress, who, why, status, submission_id, technique,
                    allow_duplicates, fields, packages)
            try:
                report = self._import_files(*args)
            except ConnectionLost:
                if allow_duplicates:
                    raise  # a commit lost on the way may have been saved: running it again could double it
                # The server undid the import (or, lost while committing, saved it whole): run it
                # once more on a new connection; what is already there is found "already present".
                report = self._import_files(*args)
            # files of an unpacked .zip are named inside the .zip, not in a temporary folder
            for package, folder in zip(packages, unpacked):
                if str(folder) != package["path"]:
                    inside = str(folder) + os.sep
                    for entry in report.entries:
                        if entry.path.startswith(inside):
                            entry.path = package["path"] + "!" + entry.path[len(inside):]
                    report.files = [package["path"] + "!" + f[len(inside):] if f.startswith(inside) else f
                                    for f in report.files]
            return report

    def _check_package(self, folder: Path, path: Path, insecure: bool) -> dict[str, Any]:
        """Verify the release/bundle ``path`` (unpacked in ``folder``) and that a trusted key
        signed it (unless ``insecure``)."""
        try:
            info = verify_package(folder)  # a changed, missing or extra file is refused always
        except LibraryError as exc:
            raise LibraryError(str(exc).replace(str(folder), str(path), 1)) from None
        what = (f"release {info.get('version')}" if info["kind"] == "release"
                else f"bundle of lab {info.get('lab', '?')}")  # recorded in the change log: English
        shown = (_("release {0}").format(info.get('version')) if info["kind"] == "release"
                 else _("bundle of lab {0}").format(info.get('lab', '?')))
        trusted = trusted_fingerprints(self)
        signer = info.get("signer")
        hint = (_("(trust the curator's public key with `nps-id library trust add KEY.pub`, or import it "
                  "anyway with --insecure)"))
        if not info["signed"]:
            if not insecure:
                raise LibraryError(f"{path}: " + _("refused: the {0} is not signed {1}").format(shown, hint))
            signed_by = _("NOT signed (imported with --insecure)")
        elif signer not in trusted:
            if not insecure:
                raise LibraryError(f"{path}: " + _("refused: the {0} is signed by {1}, a key this library does not "
                                                   "trust {2}").format(shown, signer, hint))
            signed_by = _("signed by {0}, NOT a trusted key (imported with --insecure)").format(signer)
        else:
            label = trusted[signer]
            signed_by = _("signed by {0}").format(signer) + (_(" ({0}, trusted)").format(label) if label else _(" (trusted)"))
        return {"path": str(path), "kind": info["kind"], "what": what, "version": info.get("version"),
                "lab": info.get("lab"), "signed": info["signed"], "signer": signer,
                "trusted": bool(info["signed"] and signer in trusted),
                "manifest_sha256": info["manifest_sha256"], "summary": f"{path}: {shown}, {signed_by}"}

    def _import_files(self, paths: list[Path], skip_invalid: bool, progress: Progress | None,
                      who: str | None, why: str, status: str, submission_id: int | None,
                      technique: str | None, allow_duplicates: bool,
                      fields: dict[str, dict[str, Any]], packages: list[dict]) -> ImportReport:
        who = self.who(who)
        start = time.perf_counter()
        files = list(collect_files(paths))
        total_bytes = sum(p.stat().st_size for p, _ in files) or 1
        report = ImportReport(technique=technique, packages=packages)
        done_bytes = 0
        with self.backend.bulk_load(), self.backend.transaction():
            if self.dialect == "postgresql" and not allow_duplicates:
                # Imports one after the other, so two importing the same file at once
                # cannot both miss the other's rows (SQLite serialises writers anyway).
                self.backend.execute("SELECT pg_advisory_xact_lock(?)", (_IMPORT_LOCK,))
            change_id = self._log("import", who, "import (in progress)", why)
            added_at = now_utc()
            deferred = self._defer_indexes(total_bytes)
            for path, named in files:
                size = path.stat().st_size
                self._import_file(path, named, skip_invalid, report, status, added_at, who,
                                  change_id, submission_id, progress, done_bytes, total_bytes,
                                  technique, not allow_duplicates, fields)
                done_bytes += size
                if progress is not None:
                    progress("reading", done_bytes, total_bytes)
            if report.added == 0 and report.duplicates == 0:
                raise InputError(paths[0] if len(paths) == 1 else None, _nothing_imported(report))
            for _, statement in deferred:
                self.backend.execute(statement)
            what = (f"imported {report.added} spectra from {len(report.files)} file(s)"
                    + (f", {report.duplicates} already present" if report.duplicates else "")
                    + (f", skipped {report.other_technique} of other techniques"
                       if report.other_technique else "")
                    + (f", skipped {len(report.skipped)} invalid" if report.skipped else ""))
            details = {"files": report.files[:1000], "by_technique": report.by_technique,
                       "technique": technique, "duplicates": report.duplicates,
                       "other_technique": report.other_technique,
                       "per_file": [str(e) for e in report.entries[:1000]],
                       "skipped": [str(s) for s in report.skipped[:1000]],
                       "packages": [{k: p[k] for k in ("path", "what", "signer", "trusted",
                                                       "manifest_sha256")} for p in packages]}
            self.backend.execute("UPDATE changes SET what = ?, details = ? WHERE id = ?",
                                 (what, json.dumps(details), change_id))
            self._finish_change(report, change_id, status == "accepted" and report.added > 0, start)
        return report

    def _defer_indexes(self, total_bytes: int) -> list[tuple[str, str]]:
        """Drop the secondary indexes of ``spectra`` (inside the import's
        transaction) when the import will at least double a SQLite library:
        building them afterwards from sorted keys beats updating nine B-trees
        per row (about 20 % of a million-spectrum import).  The caller
        re-creates them before COMMIT; a failure or kill rolls the drop back.
        The content-hash index stays: the duplicate check reads it meanwhile.
        Returns the indexes dropped."""
        if self.dialect != "sqlite":
            return []  # PostgreSQL would lock readers out of the table meanwhile
        expected = total_bytes // BYTES_PER_SPECTRUM_ESTIMATE
        if expected < DEFER_INDEXES_MIN:
            return []
        existing = self.backend.query("SELECT COUNT(*) FROM spectra")[0][0]
        if expected < existing:
            return []
        indexes = spectra_indexes(self.dialect)
        for name, _ in indexes:
            self.backend.execute(f"DROP INDEX IF EXISTS {name}")
        return indexes

    def _import_file(self, path: Path, named: bool, skip_invalid: bool, report: ImportReport,
                     status: str, added_at: str, who: str, change_id: int,
                     submission_id: int | None, progress: Progress | None, done_bytes: int,
                     total_bytes: int, technique: str | None = None, dedupe: bool = False,
                     fields: dict[str, dict[str, Any]] | None = None) -> None:
        """Read and insert one file chunk by chunk (inside the caller's transaction).

        With ``skip_invalid`` the file's rows sit behind a savepoint, so a file
        that fails half-way is dropped as a whole, as it is without chunks.
        """
        part = ImportReport()
        entry = FileReport(str(path))
        other: dict[str, int] = {}
        record = (fields or {}).get(str(path))
        # Copies inside one file are kept (a source's own repeated deposits are its business;
        # MassBank-derived libraries carry some): the check looks at the library as it was
        # before this file, i.e. without this change's rows above this id.
        floor = int(self.backend.query(
            "SELECT COALESCE(MAX(id), 0) FROM spectra WHERE change_id = ?", (change_id,))[0][0])
        try:
            with self.backend.savepoint() if skip_invalid else nullcontext():
                for chunk in read_ahead(iter_file(path, named, skip_invalid, technique)):
                    if chunk.passed_over is not None:
                        report.passed_over.append(chunk.passed_over)
                        entry.skipped.append(("file", chunk.passed_over.reason))
                        report.entries.append(entry)
                        return
                    if chunk.other_technique is not None:
                        report.other_technique_files += 1
                        entry.skipped.append(("file", f"{chunk.other_technique}, not "
                                                      f"{technique_label(technique or '')} spectra"))
                        report.entries.append(entry)
                        return
                    if chunk.file_failed:
                        part.skipped += chunk.skipped
                        raise _FileFailed
                    part.skipped += chunk.skipped
                    spectra = chunk.spectra
                    if record is not None:
                        spectra = [complete_record(s, record) for s in spectra]
                    if technique is not None:
                        for s in spectra:
                            if s.technique != technique:
                                other[s.technique] = other.get(s.technique, 0) + 1
                        spectra = [s for s in spectra if s.technique == technique]
                    self._insert(spectra, part, status, added_at, who, change_id, submission_id,
                                 dedupe=(change_id, floor) if dedupe else None)
                    if progress is not None:
                        progress("reading", done_bytes + chunk.bytes_read, total_bytes)
        except _FileFailed:
            part.added, part.by_technique, part.duplicates = 0, {}, 0
        report.files.append(str(path))
        report.skipped += part.skipped
        report.added += part.added
        report.duplicates += part.duplicates
        for tech, n in part.by_technique.items():
            report.by_technique[tech] = report.by_technique.get(tech, 0) + n
        entry.added, entry.duplicates = part.added, part.duplicates
        for tech, n in sorted(other.items()):
            report.other_technique += n
            label = technique_label(tech)
            entry.skipped.append((f"{n} spectr{'um' if n == 1 else 'a'}",
                                  f"{label} spectr{'um' if n == 1 else 'a'}, not {technique_label(technique or '')}"))
        for s in part.skipped:
            entry.skipped.append((f"line {s.line}" if s.line is not None else "record", s.reason))
        report.entries.append(entry)

    def _insert(self, spectra: Sequence[Spectrum], report: ImportReport, status: str,
                added_at: str, who: str, change_id: int, submission_id: int | None,
                dedupe: tuple[int, int] | None = None) -> None:
        """INSERT spectra in batches (inside the caller's transaction), counting them in ``report``.

        With ``dedupe = (change_id, floor)`` a spectrum the library already
        holds (accepted, same content hash and identity; rows of this change
        with ids up to ``floor``, i.e. of earlier files of the import, included)
        is counted in ``report.duplicates`` instead.
        """
        for batch in _chunks(spectra, INSERT_BATCH):
            hashes = content_hashes(batch)
            if dedupe is not None:
                keep = self._not_present(batch, hashes, *dedupe)
                report.duplicates += len(batch) - len(keep)
                batch, hashes = [batch[k] for k in keep], [hashes[k] for k in keep]
            self.backend.insert_many("spectra", INSERT_COLUMNS, [
                spectrum_row(s, status, added_at, who, change_id, submission_id, h)
                for s, h in zip(batch, hashes)])
            for s in batch:
                report.by_technique[s.technique] = report.by_technique.get(s.technique, 0) + 1
            report.added += len(batch)

    def _not_present(self, batch: Sequence[Spectrum], hashes: list[int], change_id: int,
                     floor: int) -> list[int]:
        """Positions in ``batch`` of spectra the library did not hold before this file."""
        known: dict[int, list[tuple[str, str | None, str | None]]] = {}
        unique = sorted(set(hashes))
        for chunk in _chunks(unique, 500):
            # Only the hash in the WHERE clause: a planner without statistics (a table
            # just filled) would otherwise AND it with the whole status index.
            for h, name, inchikey, cas, row_status, row_change, row_id in self.backend.query(
                    f"SELECT content_hash, name, inchikey, cas, status, change_id, id FROM spectra "
                    f"WHERE content_hash IN ({_marks(len(chunk))})", chunk):
                if row_status == "accepted" and (row_change != change_id or row_id <= floor):
                    known.setdefault(int(h), []).append(_identity(name, inchikey, cas))
        keep = []
        for k, (spectrum, h) in enumerate(zip(batch, hashes)):
            meta = spectrum.metadata
            ident = _identity(meta.get("name"), meta.get("inchikey"), meta.get("cas"))
            if any(_same_compound(ident, other) for other in known.get(h, ())):
                continue
            keep.append(k)
        return keep

    def add_spectra(self, spectra: Iterable[Spectrum], who: str | None = None,
                    why: str = "") -> ImportReport:
        """Add spectra held in memory (e.g. a measurement) in one transaction.

        Spectra with empty, non-finite or (MS) negative data are refused with
        :class:`~nps_id.errors.InputError`; nothing is added then.
        """
        from nps_id.library.rows import check_arrays
        self._check_writable()
        who = self.who(who)
        start = time.perf_counter()
        report = ImportReport()
        with self.backend.transaction():
            change_id = self._log("add", who, "add (in progress)", why)
            added_at = now_utc()
            batch: list[Spectrum] = []
            for spectrum in spectra:
                problem = check_arrays(spectrum)
                if problem is not None:
                    raise InputError(spectrum.get("source_file"), _("spectrum {0!r}: {1}").format(spectrum.name, problem))
                batch.append(spectrum)
                if len(batch) >= INSERT_BATCH:
                    self._insert(batch, report, "accepted", added_at, who, change_id, None)
                    batch = []
            self._insert(batch, report, "accepted", added_at, who, change_id, None)
            self.backend.execute("UPDATE changes SET what = ?, details = ? WHERE id = ?",
                                 (f"added {report.added} spectra", json.dumps(
                                     {"by_technique": report.by_technique}), change_id))
            self._finish_change(report, change_id, report.added > 0, start)
        return report

    def _finish_change(self, report: ImportReport, change_id: int, searchable: bool, start: float) -> None:
        """Close an import/add inside its transaction: new revision when searchable, ids, timing."""
        if searchable:
            self._bump_revision()
        report.ids = [r[0] for r in self.backend.query(
            "SELECT id FROM spectra WHERE change_id = ? ORDER BY id", (change_id,))]
        report.change_id = change_id
        report.seconds = time.perf_counter() - start

    def delete(self, ids: Iterable[int], why: str, who: str | None = None) -> int:
        """Delete spectra by library id; ``why`` is required and logged.  Returns the count."""
        self._check_writable()
        ids = sorted({int(i) for i in ids})
        if not why or not why.strip():
            raise LibraryError(_("say why the spectra are deleted (it goes into the change log)"))
        if not ids:
            return 0
        with self.backend.transaction():
            found = []
            for chunk in _chunks(ids, 500):
                found += [r[0] for r in self.backend.query(
                    f"SELECT id FROM spectra WHERE id IN ({_marks(len(chunk))})", chunk)]
            missing = sorted(set(ids) - set(found))
            if missing:
                raise LibraryError(f"{self.location}: " + _("no spectrum with id {0}").format(missing[:10]))
            for chunk in _chunks(ids, 500):
                self.backend.execute(f"DELETE FROM spectra WHERE id IN ({_marks(len(chunk))})", chunk)
            self._log("delete", self.who(who), f"deleted {len(ids)} spectra", why,
                      {"ids": ids[:10000]})
            self._bump_revision()
        return len(ids)

    # -- reading ------------------------------------------------------------
    def revision(self) -> int:
        """The change counter: differs after every change of the searchable content."""
        return int(self.backend.query("SELECT value FROM meta WHERE key = 'revision'")[0][0])

    def max_id(self) -> int:
        return int(self.backend.query("SELECT COALESCE(MAX(id), 0) FROM spectra")[0][0])

    def count(self, technique: str | None = None, min_id: int = 0) -> int:
        """Number of accepted spectra (of one technique, with ``id >= min_id``)."""
        if technique is None:
            rows = self.backend.query("SELECT COUNT(*) FROM spectra WHERE status = 'accepted' AND id >= ?",
                                      (int(min_id),))
        else:
            rows = self.backend.query(
                "SELECT COUNT(*) FROM spectra WHERE status = 'accepted' AND technique = ? AND id >= ?",
                (technique, int(min_id)))
        return int(rows[0][0])

    def info(self) -> dict[str, Any]:
        """Counts and identity of the library."""
        q = self.backend.query
        by_technique = {t: int(n) for t, n in q(
            "SELECT technique, COUNT(*) FROM spectra WHERE status = 'accepted' "
            "GROUP BY technique ORDER BY technique")}
        compounds = int(q(
            "SELECT COUNT(DISTINCT COALESCE(substr(inchikey, 1, 14), lower(name))) "
            "FROM spectra WHERE status = 'accepted'")[0][0])
        meta = dict(q("SELECT key, value FROM meta"))
        pending = int(q("SELECT COUNT(*) FROM submissions WHERE status = 'pending'")[0][0])
        last = q("SELECT at, who, what FROM changes ORDER BY id DESC LIMIT 1")
        releases = [r[0] for r in q("SELECT version FROM releases ORDER BY id")]
        info = {
            "location": self.location, "backend": self.dialect,
            "spectra": sum(by_technique.values()), "by_technique": by_technique,
            "compounds": compounds, "revision": int(meta.get("revision", 0)),
            "library_uuid": meta.get("library_uuid"), "upgrade_problem": self.upgrade_problem,
            "schema_version": int(meta.get("schema_version", 0)),
            "created_at": meta.get("created_at"), "pending_submissions": pending,
            "releases": releases,
            "last_change": dict(zip(("at", "who", "what"), last[0])) if last else None,
        }
        if self.dialect == "sqlite":
            info["size_bytes"] = Path(self.location).stat().st_size
        return info

    def get(self, library_id: int) -> Spectrum:
        """The spectrum with this library id (metadata carries ``library_id``)."""
        rows = self.backend.query(
            f"SELECT {', '.join(SPECTRUM_COLUMNS)} FROM spectra WHERE id = ?", (int(library_id),))
        if not rows:
            raise LibraryError(f"{self.location}: " + _("no spectrum with id {0}").format(library_id))
        return row_spectrum(rows[0])

    def iter_spectra(self, technique: str | None = None, ids: Iterable[int] | None = None,
                     batch: int = 5000, status: str = "accepted", min_id: int = 0
                     ) -> Iterator[tuple[int, Spectrum]]:
        """``(library_id, spectrum)`` in id order (``id >= min_id``), fetched ``batch`` rows at a time.

        With ``ids``, those spectra (whatever their status), in id order.
        """
        columns = ", ".join(SPECTRUM_COLUMNS)
        tech = "" if technique is None else " AND technique = ?"
        tech_params: tuple = () if technique is None else (technique,)
        if ids is not None:
            wanted = sorted({int(i) for i in ids})
            for chunk in _chunks(wanted, min(batch, 500)):
                for row in self.backend.query(
                        f"SELECT {columns} FROM spectra WHERE id IN ({_marks(len(chunk))}){tech} "
                        "ORDER BY id", tuple(chunk) + tech_params):
                    yield int(row[0]), row_spectrum(row)
            return
        last = max(int(min_id) - 1, 0)
        while True:
            rows = self.backend.query(
                f"SELECT {columns} FROM spectra WHERE status = ? AND id > ?{tech} "
                f"ORDER BY id LIMIT {int(batch)}", (status, last) + tech_params)
            for row in rows:
                yield int(row[0]), row_spectrum(row)
            if len(rows) < batch:
                return
            last = int(rows[-1][0])

    def peak_arrays(self, technique: str, min_id: int = 0
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """All accepted spectra of a technique with ``id >= min_id``, as flat arrays.

        Returns ``(ids, offsets, x, y)``: spectrum ``k`` is
        ``x[offsets[k]:offsets[k+1]]``, ``y[...]``; ``offsets`` has ``len(ids)+1``
        entries.  One query, no Spectrum objects: the search index is built
        from this.
        """
        rows = self.backend.query(
            "SELECT id, n_points, x, y FROM spectra WHERE technique = ? AND status = 'accepted' "
            "AND id >= ? ORDER BY id", (technique, int(min_id)))
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        counts = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        x = np.frombuffer(b"".join(r[2] for r in rows), dtype="<f8").astype(np.float64)
        y = np.frombuffer(b"".join(r[3] for r in rows), dtype="<f8").astype(np.float64)
        return ids, offsets, x, y

    def identity_rows(self) -> list[tuple[str, list[str], str | None, str | None]]:
        """``(name, synonyms, inchikey, cas)`` of every accepted spectrum (one query).

        Lets a search tell that two records without InChIKey, or under different
        names, are one compound (:mod:`nps_id.unknowns.compounds`).
        """
        rows = self.backend.query(
            "SELECT name, synonyms, inchikey, cas FROM spectra WHERE status = 'accepted'")
        return [(r[0] or "", json.loads(r[1] or "[]"), r[2] or None, r[3] or None) for r in rows]

    def class_rows(self, technique: str) -> list[tuple[int, dict[str, Any]]]:
        """``(id, {name, inchikey, cas, smiles, compound_class, synonyms})`` of every accepted spectrum
        of a technique.

        What the class model reads to label the library (one query, no peaks).
        """
        rows = self.backend.query(
            "SELECT id, name, inchikey, cas, smiles, compound_class, synonyms FROM spectra "
            "WHERE status = 'accepted' AND technique = ? ORDER BY id", (technique,))
        fields = ("name", "inchikey", "cas", "smiles", "compound_class")
        return [(int(r[0]), {**dict(zip(fields, r[1:6])), "synonyms": json.loads(r[6] or "[]")}) for r in rows]

    def records(self, ids: Sequence[int]) -> list[dict[str, Any] | None]:
        """Hit-list fields (:data:`RECORD_FIELDS`) of ``ids``, in the order given.

        An id not in the library gives ``None`` (e.g. a stale search index).
        """
        found: dict[int, dict[str, Any]] = {}
        unique = sorted({int(i) for i in ids})
        for chunk in _chunks(unique, 500):
            for row in self.backend.query(
                    f"SELECT {', '.join(RECORD_FIELDS)} FROM spectra "
                    f"WHERE id IN ({_marks(len(chunk))})", chunk):
                found[int(row[0])] = self._record(row)
        return [found.get(int(i)) for i in ids]

    @staticmethod
    def _record(row: Sequence[Any]) -> dict[str, Any]:
        record = dict(zip(RECORD_FIELDS, row))
        record["synonyms"] = json.loads(record["synonyms"] or "[]")
        return record

    def find(self, text: str | None = None, name: str | None = None, cas: str | None = None,
             inchikey: str | None = None, formula: str | None = None,
             compound_class: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """Browse accepted spectra: all given criteria must match (case-insensitive).

        ``text`` matches part of the name or a synonym, a CAS number, an
        InChIKey (or its first block) or a formula; ``name`` matches part of
        the name; ``inchikey`` matches whole or first block.
        """
        where, params = ["status = 'accepted'"], []

        def like(value: str) -> str:
            escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            return f"%{escaped}%"

        if text:
            t = text.strip()
            where.append("(lower(name) LIKE ? ESCAPE '\\' OR lower(synonyms) LIKE ? ESCAPE '\\' "
                         "OR cas = ? OR inchikey LIKE ? OR upper(formula) = ?)")
            params += [like(t), like(t), t, t.upper()[:14] + "%", t.upper()]
        if name:
            where.append("lower(name) LIKE ? ESCAPE '\\'")
            params.append(like(name.strip()))
        if cas:
            where.append("cas = ?")
            params.append(cas.strip())
        if inchikey:
            where.append("inchikey LIKE ?")
            params.append(inchikey.strip().upper()[:27] + "%")
        if formula:
            where.append("upper(formula) = ?")
            params.append(formula.strip().upper())
        if compound_class:
            where.append("lower(compound_class) LIKE ? ESCAPE '\\'")
            params.append(like(compound_class.strip()))
        rows = self.backend.query(
            f"SELECT {', '.join(RECORD_FIELDS)} FROM spectra WHERE {' AND '.join(where)} "
            f"ORDER BY lower(name), id LIMIT {int(limit)}", params)
        return [self._record(r) for r in rows]

    def export(self, path: str | Path, technique: str | None = None,
               ids: Iterable[int] | None = None) -> list[Path]:
        """Write accepted spectra (or ``ids``) to a file whose extension picks the
        format (.msp, .jdx, .csv ...); returns the files written."""
        from nps_id.io import write_spectra
        spectra = [s for _, s in self.iter_spectra(technique=technique, ids=ids)]
        if not spectra:
            raise LibraryError(f"{self.location}: " + _("nothing to export"))
        return write_spectra(spectra, Path(path))

    def log(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The change log, newest first: id, at, who, action, what, why, details."""
        sql = "SELECT id, at, who, action, what, why, details FROM changes ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        out = []
        for row in self.backend.query(sql):
            entry = dict(zip(("id", "at", "who", "action", "what", "why", "details"), row))
            entry["details"] = json.loads(entry["details"] or "{}")
            out.append(entry)
        return out


__all__ = ["Library", "ImportReport", "FileReport", "open_library", "default_library_location",
           "is_postgres_url", "RECORD_FIELDS", "current_user", "now_utc"]
