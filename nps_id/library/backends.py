"""Thin database connections: SQLite (default) and PostgreSQL (psycopg 3).

Both expose the same five calls (``query``, ``execute``, ``executemany``,
``transaction``, ``close``) and take SQL written with ``?`` placeholders,
which the PostgreSQL backend rewrites to ``%s``.  The library never writes
SQL specific to one database outside this module and :mod:`.schema`.
"""
from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from nps_id.errors import LibraryError
from nps_id.i18n import _

#: Seconds a writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT_S = 600.0
#: Page cache (KiB) of a SQLite connection during an import.
BULK_CACHE_KIB = 512 * 1024
#: Seconds a PostgreSQL connection attempt may take.
CONNECT_TIMEOUT_S = 10
#: Seconds a client whose connection was lost keeps trying to reconnect (a server restart).
RECONNECT_WAIT_S = 15.0


class ConnectionLost(LibraryError):
    """The connection to the server was lost inside a transaction: the server undid it."""


def is_postgres_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def redact_url(url: str) -> str:
    """The URL without its password, for messages and ``info()``."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class SQLiteBackend:
    """A SQLite file in WAL mode; writes use ``BEGIN IMMEDIATE`` ... ``COMMIT``.

    A process killed inside a transaction leaves only uncommitted WAL frames,
    which SQLite discards on the next open: the library is as it was before.
    """

    dialect = "sqlite"

    def __init__(self, path: Path, create: bool, read_only: bool = False, case_file: bool = False):
        self.path = Path(path)
        self.location = str(self.path)
        #: A case file (nps_id.casework) rather than a library: said so in messages.
        self.case_file = case_file
        #: Opened read-only: asked for, or the file or its folder cannot be written (a released
        #: library on a read-only share).  Every change then raises "the library is read-only".
        self.read_only = bool(read_only)
        #: How a read-only library was opened: "" (read-write), "ro" or "immutable" (no -shm possible).
        self.read_only_mode = ""
        self._created = False
        if not self.path.exists():
            if not create or read_only:
                raise LibraryError(
                    f"{self.path}: " + _("no library there (create one with `nps-id library import --library {0} FILE...`)").format(self.path))
            self._check_creatable()
            self._created = True
        elif self.path.is_dir():
            raise LibraryError(f"{self.path}: " + _("is a folder, not a library file"))
        else:
            with open(self.path, "rb") as handle:
                head = handle.read(16)
            if head and not head.startswith(b"SQLite format 3\x00"):
                if not case_file and _is_spectrum_file(self.path):
                    raise LibraryError(f"{self.path}: " + _("a spectrum file, not an NPS-ID library: import it into one "
                                                            "(`nps-id library import --library LIB.sqlite {0}`), then use "
                                                            "--library LIB.sqlite").format(self.path))
                raise LibraryError(f"{self.path}: " + _("not an NPS-ID library (not a SQLite database)"))
        self.conn = self._open()

    def _cannot_open(self, why: object) -> LibraryError:
        if self.case_file:
            return LibraryError(f"{self.path}: " + _("cannot open the case file ({0})").format(why))
        return LibraryError(f"{self.path}: " + _("cannot open the library ({0})").format(why))

    def _cannot_create(self, folder: Path, why: object) -> LibraryError:
        if self.case_file:
            return LibraryError(f"{self.path}: " + _("the case file cannot be created there: the folder {0} is not writable ({1})").format(folder, why))
        return LibraryError(f"{self.path}: " + _("the library cannot be created there: the folder {0} is not writable ({1})").format(folder, why))

    def _check_creatable(self) -> None:
        """A new library's folder exists (made when missing) and can be written, else a clear error."""
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._cannot_create(folder, exc.strerror or exc) from None
        try:
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            raise self._cannot_create(folder, exc.strerror or exc) from None

    def _open(self) -> sqlite3.Connection:
        if self.read_only:
            conn = self._open_read_only()
        else:
            try:
                conn = self._open_read_write()
            except sqlite3.Error as exc:
                if self._created:
                    if not self.path.exists():
                        raise self._cannot_create(self.path.parent, exc) from None
                    raise self._cannot_open(exc) from None
                if not any(word in str(exc) for word in ("readonly", "read-only", "unable to open")):
                    raise self._cannot_open(exc) from None  # locked, damaged...: not a question of rights
                # the file or its folder cannot be written (a release on a read-only share): read it
                try:
                    conn = self._open_read_only()
                except LibraryError:
                    raise
                except sqlite3.Error:
                    raise self._cannot_open(exc) from None
                self.read_only = True
        self._file_id = self._stat_id()
        return conn

    def _open_read_write(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=BUSY_TIMEOUT_S,
                               check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _open_read_only(self) -> sqlite3.Connection:
        """``mode=ro``; when the WAL index (-shm) cannot be made beside the file (a read-only folder),
        ``immutable=1``, which SQLite allows only while no -wal file holds changes."""
        uri = self.path.resolve().as_uri()
        try:
            conn = self._connect_uri(uri + "?mode=ro")
            self.read_only_mode = "ro"
            return conn
        except sqlite3.Error as first:
            wal = Path(str(self.path) + "-wal")
            try:
                pending = wal.stat().st_size > 0
            except OSError:
                pending = False
            if pending:
                raise self._cannot_open(
                    _("read-only, and changes are still in {0} beside it: open it once where it can be written, or "
                      "copy it with `sqlite3 FILE \".backup COPY\"`; {1}").format(wal.name, first)) from None
            try:
                conn = self._connect_uri(uri + "?mode=ro&immutable=1")
            except sqlite3.Error as exc:
                raise self._cannot_open(exc) from None
            self.read_only_mode = "immutable"
            return conn

    @staticmethod
    def _connect_uri(uri: str) -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S,
                               check_same_thread=False)
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchall()  # opens the WAL, if any
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def read_only_error(self) -> LibraryError:
        if self.case_file:
            return LibraryError(_("the case file is read-only: {0}").format(self.path))
        return LibraryError(_("the library is read-only: {0}").format(self.path))

    def _stat_id(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def _follow_file(self) -> None:
        """A client that stays open follows its path: when the library file was replaced
        (a new release copied over it, a library deleted and made again), the next read
        outside a transaction opens the new file instead of reading the old one on."""
        if self.conn.in_transaction:
            return
        now = self._stat_id()
        if now == self._file_id:
            return
        if now is None:
            raise LibraryError(f"{self.path}: " + _("the library file was deleted or moved while open"))
        self.conn.close()
        self.conn = self._open()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """sqlite3 errors (locked, read-only, damaged file...) as LibraryError."""
        try:
            yield
        except sqlite3.Error as exc:
            if "readonly database" in str(exc):  # a file SQLite could only open for reading
                raise self.read_only_error() from None
            raise LibraryError(f"{self.location}: {exc}") from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        self._follow_file()
        with self._errors():
            return self.conn.execute(sql, params).fetchall()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        if sql == "BEGIN IMMEDIATE":
            self._follow_file()
        with self._errors():
            self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._errors():
            self.conn.executemany(sql, rows)

    def insert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        marks = ", ".join("?" for _ in columns)
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all or nothing, and one writer at a time."""
        if self.read_only:
            raise self.read_only_error()
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Settings for a big import: a page cache large enough for the indexes
        being filled (the default 2 MB makes every index insert a cache miss)."""
        old = self.query("PRAGMA cache_size")[0][0]
        self.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size={int(old)}")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested part of the current transaction, undone alone on an exception."""
        self.execute("SAVEPOINT nps_part")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK TO nps_part")
                self.conn.execute("RELEASE nps_part")
            raise
        self.execute("RELEASE nps_part")

    def close(self) -> None:
        self.conn.close()


def _quiet_psycopg_log() -> None:
    """psycopg logs "error ignored terminating <Pipeline ...>" when a refused statement ends a pipeline;
    the LibraryError already says what happened, so without a logging set-up of the application's own
    (which still gets every record) nothing is printed."""
    import logging

    log = logging.getLogger("psycopg")
    if not log.handlers:
        log.addHandler(logging.NullHandler())


class PostgresBackend:
    """A PostgreSQL database reached through psycopg 3 (autocommit outside transactions).

    A long-lived client (the app, a script holding a library open) survives a
    server restart or a dropped connection: a read that finds the connection
    lost reconnects and runs once more; a write transaction checks the
    connection before it starts.  A change whose connection is lost half-way
    is not retried (the server rolled it back) and raises a LibraryError that
    says so; a server that stays down raises one after :data:`RECONNECT_WAIT_S`.
    """

    dialect = "postgresql"

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a dependency
            raise LibraryError(_("PostgreSQL libraries need psycopg 3 (pip install 'psycopg[binary]')"))
        _quiet_psycopg_log()
        self.location = redact_url(url)
        self._url = url
        self._psycopg = psycopg
        self._copy_ok: bool | None = None
        self._depth = 0  # open transactions/savepoints: no silent retry inside one
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise LibraryError(f"{self.location}: " + _("cannot connect ({0})").format(str(exc).strip())) from None

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def _message(self, exc: Exception) -> str:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"{self.location}: {first}"

    def _lost(self) -> bool:
        return bool(self.conn.closed or getattr(self.conn, "broken", False))

    def _lost_during_change(self, exc: Exception) -> str:
        return (f"{self.location}: " + _("the connection to the server was lost during a change ({0}); the server has undone it, "
                                         "nothing of it was saved").format(self._message(exc).split(': ', 1)[-1]))

    def _reconnect(self) -> None:
        """A new connection, waiting up to RECONNECT_WAIT_S for a restarting server."""
        try:
            self.conn.close()
        except Exception:
            pass
        deadline = time.monotonic() + RECONNECT_WAIT_S
        delay = 0.2
        while True:
            try:
                self.conn = self._psycopg.connect(self._url, autocommit=True,
                                                  connect_timeout=CONNECT_TIMEOUT_S)
                return
            except self._psycopg.Error as exc:
                if time.monotonic() + delay > deadline:
                    raise LibraryError(
                        f"{self.location}: " + _("the connection to the server was lost and the server does not answer (tried for {0:.0f} "
                                                 "s: {1}); check that it runs, then try again").format(RECONNECT_WAIT_S, str(exc).strip())) from None
                time.sleep(delay)
                delay = min(2 * delay, 1.0)

    def _run(self, work, retry: bool):
        """``work(cursor)``; on a lost connection outside a transaction, reconnect and
        (when ``retry``) run it once more.  psycopg errors become LibraryError."""
        if self._depth == 0 and self._lost():
            self._reconnect()  # lost earlier (e.g. the server restarted while idle and we noticed)
        try:
            with self.conn.cursor() as cur:
                return work(cur)
        except self._psycopg.Error as exc:
            if not self._lost():
                raise LibraryError(self._message(exc)) from None
            if self._depth:
                raise ConnectionLost(self._lost_during_change(exc)) from None
            self._reconnect()
            if not retry:
                raise LibraryError(f"{self.location}: " + _("the connection to the server was lost (reconnected; the statement was not run again)")) from None
        try:
            with self.conn.cursor() as cur:
                return work(cur)
        except self._psycopg.Error as exc:
            raise LibraryError(self._message(exc)) from None

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """psycopg errors (permission denied, lost connection...) as LibraryError."""
        try:
            yield
        except self._psycopg.Error as exc:
            raise LibraryError(self._message(exc)) from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        def work(cur):
            cur.execute(self._sql(sql), params)
            return cur.fetchall() if cur.description else []
        return self._run(work, retry=True)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        def work(cur):
            cur.execute(self._sql(sql), params)
        # a write outside a transaction (autocommit) may have reached the server: never run twice
        self._run(work, retry=False)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)

        def work(cur):
            cur.executemany(self._sql(sql), rows)
        self._run(work, retry=False)

    def insert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Bulk insert with COPY (several times faster than INSERT for big imports).

        PostgreSQL refuses COPY where row-level security applies (contributor
        and curator logins); those insert with pipelined INSERTs instead.
        """
        rows = list(rows)
        if self._copy_ok is not False:
            try:
                with self.conn.transaction(), self.conn.cursor() as cur:  # a savepoint
                    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                self._copy_ok = True
                return
            except self._psycopg.errors.FeatureNotSupported:
                self._copy_ok = False
            except self._psycopg.Error as exc:
                if self._lost():
                    raise ConnectionLost(self._lost_during_change(exc)) from None
                raise LibraryError(self._message(exc)) from None
        marks = ", ".join("?" for _ in columns)
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth == 0:
            self.query("SELECT 1")  # a connection lost while idle is replaced before the change starts
        self._depth += 1
        try:
            with self.conn.transaction():
                yield
        except self._psycopg.Error as exc:  # from BEGIN or COMMIT (statements raise LibraryError)
            if self._lost():
                raise ConnectionLost(
                    f"{self.location}: " + _("the connection to the server was lost while the change was committed ({0}); check "
                                             "`nps-id library log` whether it was saved").format(self._message(exc).split(': ', 1)[-1])) from None
            raise LibraryError(self._message(exc)) from None
        finally:
            self._depth -= 1

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Settings for a big import (none needed: COPY already streams)."""
        yield

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested part of the current transaction, undone alone on an exception."""
        self._depth += 1
        try:
            with self._errors(), self.conn.transaction():  # nested: a savepoint
                yield
        finally:
            self._depth -= 1

    def close(self) -> None:
        self.conn.close()


def _is_spectrum_file(path: Path) -> bool:
    """Whether NPS-ID reads ``path`` as spectra (an MSP, JCAMP-DX... given where a library is expected)."""
    try:
        from nps_id.io.registry import detect_format

        detect_format(path)
        return True
    except Exception:
        return False


def connect(location: str | Path, create: bool, read_only: bool = False,
            case_file: bool = False) -> SQLiteBackend | PostgresBackend:
    """A backend for a SQLite path or a ``postgresql://`` URL.

    A SQLite file that cannot be opened for writing (it, or its folder, is read-only) is opened
    read-only; ``read_only`` asks for that directly.  A PostgreSQL login's rights are the server's.
    """
    if is_postgres_url(location):
        return PostgresBackend(str(location))
    return SQLiteBackend(Path(location).expanduser(), create, read_only, case_file)
