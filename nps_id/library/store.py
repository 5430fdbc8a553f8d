"""The spectral library: one :class:`Library` over SQLite or PostgreSQL.

Every change (import, delete, submission, decision, release) runs in one
transaction, is written to the ``changes`` log (who, when, what, why) and bumps
the ``revision`` counter in ``meta``, on which search-index caches key.
Only spectra with status ``accepted`` are counted, searched and exported;
pending submissions wait beside them until a curator decides.
"""
from __future__ import annotations

import getpass
import json
import os
import time
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from nps_id.errors import InputError, LibraryError
from nps_id.library.backends import connect, is_postgres_url
from nps_id.library.reading import Skipped, collect_files, iter_file, read_ahead
from nps_id.library.rows import SPECTRUM_COLUMNS, row_spectrum, spectrum_row
from nps_id.library.schema import (INSERT_COLUMNS, SCHEMA_VERSION, create_statements,
                                   spectra_indexes)
from nps_id.spectrum import Spectrum

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
#: Called during an import as ``progress(stage, done, total)``; stage "reading" counts bytes.
Progress = Callable[[str, int, int], None]

def default_library_location() -> str:
    """``$NPS_ID_LIBRARY`` if set, else ``<user data dir>/nps-id/library.sqlite``."""
    env = os.environ.get(LIBRARY_ENV, "").strip()
    if env:
        return env
    from platformdirs import user_data_dir
    return str(Path(user_data_dir("nps-id")) / "library.sqlite")


def current_user() -> str:
    """The name changes are recorded under when no ``who`` is given."""
    try:
        return os.environ.get("NPS_ID_USER") or getpass.getuser()
    except Exception:  # no login name (e.g. a container without passwd entry)
        return "unknown"


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class ImportReport:
    """What an import did."""

    added: int = 0
    ids: list[int] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    passed_over: list[Skipped] = field(default_factory=list)
    by_technique: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    change_id: int | None = None

    def summary(self) -> str:
        techniques = ", ".join(f"{n} {t.upper()}" for t, n in sorted(self.by_technique.items()))
        lines = [f"imported {self.added} spectra ({techniques or 'none'}) from "
                 f"{len(self.files)} file(s) in {self.seconds:.1f} s"]
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} invalid record(s)/file(s):")
            lines += [f"  {s}" for s in self.skipped]
        if self.passed_over:
            lines.append(f"passed over {len(self.passed_over)} file(s) that are not spectra:")
            lines += [f"  {s}" for s in self.passed_over]
        return "\n".join(lines)


def open_library(location: str | Path | None = None, create: bool = False) -> "Library":
    """Open a library: a SQLite file path or a ``postgresql://`` URL.

    ``None`` means :func:`default_library_location`.  With ``create`` the
    file (or the tables of an empty PostgreSQL database) is made when missing;
    otherwise a missing library raises :class:`~nps_id.errors.LibraryError`.
    """
    location = default_library_location() if location is None else location
    return Library(connect(location, create), create)


class _FileFailed(Exception):
    """A file of a ``skip_invalid`` import failed as a whole: roll its rows back."""


def _chunks(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start:start + size]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


class Library:
    """A spectral library (use :func:`open_library`)."""

    def __init__(self, backend, create: bool = False):
        self.backend = backend
        self.location = backend.location
        self.dialect = backend.dialect
        #: The database login (PostgreSQL), recorded with every change.
        self.db_user: str | None = None
        if self.dialect == "postgresql":
            self.db_user = str(self.backend.query("SELECT session_user")[0][0])
        version = self._schema_version()
        if version is None:
            if not create:
                self.close()
                raise LibraryError(f"{self.location}: not an NPS-ID library (no library tables)")
            self._create_schema()
        elif version > SCHEMA_VERSION:
            self.close()
            raise LibraryError(f"{self.location}: made by a newer NPS-ID (schema {version}); "
                               "update NPS-ID to open it")

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
            raise LibraryError(f"{self.location}: not an NPS-ID library (no schema version)")
        return int(rows[0][0])

    def _create_schema(self) -> None:
        if self.dialect == "sqlite":
            tables = self.backend.query("SELECT name FROM sqlite_master WHERE type = 'table'")
            if tables:
                self.close()
                raise LibraryError(f"{self.location}: a SQLite database that is not an NPS-ID library")
        with self.backend.transaction():
            for statement in create_statements(self.dialect):
                self.backend.execute(statement)
            self.backend.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [("schema_version", str(SCHEMA_VERSION)), ("revision", "0"),
                 ("created_at", now_utc())])
            self._log("create", self.who(), f"created library (schema {SCHEMA_VERSION})")

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
                     submission_id: int | None = None) -> ImportReport:
        """Import every spectrum of files and folders (recursively) in ONE transaction.

        An invalid file or record raises :class:`~nps_id.errors.InputError`
        naming file, line and reason, and the library is left unchanged; with
        ``skip_invalid`` valid records are imported and the others listed in
        :attr:`ImportReport.skipped`.  Killing the process at any moment leaves
        the library as it was.
        """
        paths = [Path(p) for p in paths]
        if not paths:
            raise InputError(None, "no file or folder to import")
        with ExitStack() as stack:
            # A bundle or release is imported only when its manifest (and signature) verify.
            from nps_id.library.sharing import is_package, opened_package, verify_package
            checked = []
            for path in paths:
                if path.exists() and is_package(path):
                    verified = verify_package(path)
                    folder = stack.enter_context(opened_package(path))
                    checked.append(folder / "records")
                    why = why or f"{verified['kind']} {verified.get('version') or verified.get('lab', '')}"
                else:
                    checked.append(path)
            return self._import_files(checked, skip_invalid, progress, who, why, status,
                                      submission_id)

    def _import_files(self, paths: list[Path], skip_invalid: bool, progress: Progress | None,
                      who: str | None, why: str, status: str,
                      submission_id: int | None) -> ImportReport:
        who = self.who(who)
        start = time.perf_counter()
        files = list(collect_files(paths))
        total_bytes = sum(p.stat().st_size for p, _ in files) or 1
        report = ImportReport()
        done_bytes = 0
        with self.backend.bulk_load(), self.backend.transaction():
            change_id = self._log("import", who, "import (in progress)", why)
            added_at = now_utc()
            deferred = self._defer_indexes(total_bytes)
            for path, named in files:
                size = path.stat().st_size
                self._import_file(path, named, skip_invalid, report, status, added_at, who,
                                  change_id, submission_id, progress, done_bytes, total_bytes)
                done_bytes += size
                if progress is not None:
                    progress("reading", done_bytes, total_bytes)
            if report.added == 0:
                where = paths[0] if len(paths) == 1 else None
                reason = "no spectrum could be imported"
                if report.passed_over and not report.skipped:
                    reason += " (no file there is a spectrum file NPS-ID reads)"
                elif report.skipped:
                    reason += f" ({len(report.skipped)} invalid, first: {report.skipped[0]})"
                raise InputError(where, reason)
            for _, statement in deferred:
                self.backend.execute(statement)
            what = (f"imported {report.added} spectra from {len(report.files)} file(s)"
                    + (f", skipped {len(report.skipped)} invalid" if report.skipped else ""))
            details = {"files": report.files[:1000], "by_technique": report.by_technique,
                       "skipped": [str(s) for s in report.skipped[:1000]]}
            self.backend.execute("UPDATE changes SET what = ?, details = ? WHERE id = ?",
                                 (what, json.dumps(details), change_id))
            self._finish_change(report, change_id, status == "accepted", start)
        return report

    def _defer_indexes(self, total_bytes: int) -> list[tuple[str, str]]:
        """Drop the secondary indexes of ``spectra`` (inside the import's
        transaction) when the import will at least double a SQLite library:
        building them afterwards from sorted keys beats updating nine B-trees
        per row (about 20 % of a million-spectrum import).  The caller
        re-creates them before COMMIT; a failure or kill rolls the drop back.
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
                     total_bytes: int) -> None:
        """Read and insert one file chunk by chunk (inside the caller's transaction).

        With ``skip_invalid`` the file's rows sit behind a savepoint, so a file
        that fails half-way is dropped as a whole, as it is without chunks.
        """
        part = ImportReport()
        try:
            with self.backend.savepoint() if skip_invalid else nullcontext():
                for chunk in read_ahead(iter_file(path, named, skip_invalid)):
                    if chunk.passed_over is not None:
                        report.passed_over.append(chunk.passed_over)
                        return
                    if chunk.file_failed:
                        part.skipped = chunk.skipped  # the file's error replaces its record errors
                        raise _FileFailed
                    part.skipped += chunk.skipped
                    self._insert(chunk.spectra, part, status, added_at, who, change_id,
                                 submission_id)
                    if progress is not None and chunk.bytes_read:
                        progress("reading", done_bytes + chunk.bytes_read, total_bytes)
        except _FileFailed:
            part.added, part.by_technique = 0, {}
        report.files.append(str(path))
        report.skipped += part.skipped
        report.added += part.added
        for technique, n in part.by_technique.items():
            report.by_technique[technique] = report.by_technique.get(technique, 0) + n

    def _insert(self, spectra: Sequence[Spectrum], report: ImportReport, status: str,
                added_at: str, who: str, change_id: int, submission_id: int | None) -> None:
        """INSERT spectra in batches (inside the caller's transaction), counting them in ``report``."""
        for batch in _chunks(spectra, INSERT_BATCH):
            self.backend.insert_many("spectra", INSERT_COLUMNS, [
                spectrum_row(s, status, added_at, who, change_id, submission_id) for s in batch])
            for s in batch:
                report.by_technique[s.technique] = report.by_technique.get(s.technique, 0) + 1
            report.added += len(batch)

    def add_spectra(self, spectra: Iterable[Spectrum], who: str | None = None,
                    why: str = "") -> ImportReport:
        """Add spectra held in memory (e.g. a measurement) in one transaction.

        Spectra with empty, non-finite or (MS) negative data are refused with
        :class:`~nps_id.errors.InputError`; nothing is added then.
        """
        from nps_id.library.rows import check_arrays
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
                    raise InputError(spectrum.get("source_file"), f"spectrum {spectrum.name!r}: {problem}")
                batch.append(spectrum)
                if len(batch) >= INSERT_BATCH:
                    self._insert(batch, report, "accepted", added_at, who, change_id, None)
                    batch = []
            self._insert(batch, report, "accepted", added_at, who, change_id, None)
            self.backend.execute("UPDATE changes SET what = ?, details = ? WHERE id = ?",
                                 (f"added {report.added} spectra", json.dumps(
                                     {"by_technique": report.by_technique}), change_id))
            self._finish_change(report, change_id, True, start)
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
        ids = sorted({int(i) for i in ids})
        if not why or not why.strip():
            raise LibraryError("say why the spectra are deleted (it goes into the change log)")
        if not ids:
            return 0
        with self.backend.transaction():
            found = []
            for chunk in _chunks(ids, 500):
                found += [r[0] for r in self.backend.query(
                    f"SELECT id FROM spectra WHERE id IN ({_marks(len(chunk))})", chunk)]
            missing = sorted(set(ids) - set(found))
            if missing:
                raise LibraryError(f"{self.location}: no spectrum with id {missing[:10]}")
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
            raise LibraryError(f"{self.location}: no spectrum with id {library_id}")
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
        """``(id, {name, inchikey, cas, smiles, compound_class})`` of every accepted spectrum of a technique.

        What the class model reads to label the library (one query, no peaks).
        """
        rows = self.backend.query(
            "SELECT id, name, inchikey, cas, smiles, compound_class FROM spectra "
            "WHERE status = 'accepted' AND technique = ? ORDER BY id", (technique,))
        fields = ("name", "inchikey", "cas", "smiles", "compound_class")
        return [(int(r[0]), dict(zip(fields, r[1:]))) for r in rows]

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
            raise LibraryError(f"{self.location}: nothing to export")
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


__all__ = ["Library", "ImportReport", "open_library", "default_library_location",
           "is_postgres_url", "RECORD_FIELDS"]
