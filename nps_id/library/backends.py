"""Thin database connections: SQLite (default) and PostgreSQL (psycopg 3).

Both expose the same five calls (``query``, ``execute``, ``executemany``,
``transaction``, ``close``) and take SQL written with ``?`` placeholders,
which the PostgreSQL backend rewrites to ``%s``.  The library never writes
SQL specific to one database outside this module and :mod:`.schema`.
"""
from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from nps_id.errors import LibraryError

#: Seconds a writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT_S = 600.0
#: Page cache (KiB) of a SQLite connection during an import.
BULK_CACHE_KIB = 512 * 1024


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

    def __init__(self, path: Path, create: bool):
        self.path = Path(path)
        self.location = str(self.path)
        if not self.path.exists():
            if not create:
                raise LibraryError(
                    f"{self.path}: no library there (create one with `nps-id library import "
                    f"--library {self.path} FILE...`)")
            if not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
        elif self.path.is_dir():
            raise LibraryError(f"{self.path}: is a folder, not a library file")
        else:
            with open(self.path, "rb") as handle:
                head = handle.read(16)
            if head and not head.startswith(b"SQLite format 3\x00"):
                raise LibraryError(f"{self.path}: not an NPS-ID library (not a SQLite database)")
        try:
            self.conn = sqlite3.connect(
                str(self.path), isolation_level=None, timeout=BUSY_TIMEOUT_S,
                check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise LibraryError(f"{self.path}: cannot open the library ({exc})") from None

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """sqlite3 errors (locked, read-only, damaged file...) as LibraryError."""
        try:
            yield
        except sqlite3.Error as exc:
            raise LibraryError(f"{self.location}: {exc}") from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._errors():
            return self.conn.execute(sql, params).fetchall()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
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


class PostgresBackend:
    """A PostgreSQL database reached through psycopg 3 (autocommit outside transactions)."""

    dialect = "postgresql"

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a dependency
            raise LibraryError("PostgreSQL libraries need psycopg 3 (pip install 'psycopg[binary]')")
        self.location = redact_url(url)
        self._psycopg = psycopg
        self._copy_ok: bool | None = None
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise LibraryError(f"{self.location}: cannot connect ({str(exc).strip()})") from None

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """psycopg errors (permission denied, lost connection...) as LibraryError."""
        try:
            yield
        except self._psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise LibraryError(f"{self.location}: {first}") from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._errors(), self.conn.cursor() as cur:
            cur.execute(self._sql(sql), params)
            return cur.fetchall() if cur.description else []

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._errors(), self.conn.cursor() as cur:
            cur.execute(self._sql(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._errors(), self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

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
                raise LibraryError(f"{self.location}: {str(exc).strip().splitlines()[0]}") from None
        marks = ", ".join("?" for _ in columns)
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._errors(), self.conn.transaction():
            yield

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Settings for a big import (none needed: COPY already streams)."""
        yield

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested part of the current transaction, undone alone on an exception."""
        with self._errors(), self.conn.transaction():  # nested: a savepoint
            yield

    def close(self) -> None:
        self.conn.close()


def connect(location: str | Path, create: bool) -> SQLiteBackend | PostgresBackend:
    """A backend for a SQLite path or a ``postgresql://`` URL."""
    if is_postgres_url(location):
        return PostgresBackend(str(location))
    return SQLiteBackend(Path(location).expanduser(), create)
