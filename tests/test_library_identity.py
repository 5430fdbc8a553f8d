"""A search never answers from another library's index, and a client survives a server restart.

A library dropped and created again at the same path/URL with other spectra (same count,
same ids: what a stale row-count check cannot tell apart) must give the right hits at the
first search, in a fresh process and in one that searched the old library; a PostgreSQL
library held open across ``pg_ctl restart`` reconnects; a server that stays down gives a
LibraryError that says so.
"""
from __future__ import annotations

import os
import shlex
import sys
import subprocess
import uuid
from pathlib import Path

import pytest

from nps_id.errors import LibraryError
from nps_id.io import read_spectra
from nps_id.library import open_library
from nps_id.search import search_spectrum

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def two_sets(shared_data: Path, tmp_path_factory):
    """Two MSP files of 40 different real spectra each (bench queries 0-39 and 40-79)."""
    queries = shared_data / "ms" / "bench" / "queries.msp"
    if not queries.is_file():
        pytest.skip(f"{queries} not found")
    spectra = read_spectra(queries)
    first, second = spectra[:40], spectra[40:80]
    names_a = {s.name for s in first}
    second = [s for s in second if s.name not in names_a]  # no compound in both
    folder = tmp_path_factory.mktemp("sets")
    records = queries.read_text(encoding="utf-8").strip().split("\n\n")
    (folder / "a.msp").write_text("\n\n".join(records[:40]) + "\n\n", encoding="utf-8")
    keep = {s.get("source_id") for s in second}
    (folder / "b.msp").write_text("\n\n".join(r for r in records[40:80] if any(
        f"DB#: {k}" in r for k in keep if k)) + "\n\n", encoding="utf-8")
    b = read_spectra(folder / "b.msp")
    assert len(b) >= 20
    return folder / "a.msp", folder / "b.msp", b


def _top_names(library, spectra) -> list[str]:
    return [search_spectrum(library, s, top=1).hits[0].name for s in spectra]


def _check_replaced(location: str, recreate, two_sets, held_across: bool = False) -> None:
    a, b, b_spectra = two_sets
    with open_library(location, create=True) as library:
        library.import_files([a])
        old_identity = library.identity()
        _top_names(library, b_spectra[:3])  # the index of library A is now cached (memory and disk)
    held = open_library(location) if held_across else None  # a client that stays open (the app)
    recreate()
    with open_library(location, create=True) as library:
        library.import_files([b])
        assert library.identity()[0] != old_identity[0] and library.revision() == old_identity[1]
        # same process, same location, same revision: only the uuid tells the libraries apart
        assert _top_names(library, b_spectra) == [s.name for s in b_spectra]
    if held is not None:
        with held:  # PostgreSQL: its connection was cut by the drop; SQLite: its file was replaced
            assert _top_names(held, b_spectra) == [s.name for s in b_spectra]
    # a fresh process finds the disk cache of library B only
    code = ("import sys; from nps_id.io import read_spectra; from nps_id.library import open_library; "
            "from nps_id.search import search_spectrum\n"
            "lib = open_library(sys.argv[1]); qs = read_spectra(sys.argv[2])\n"
            "bad = [q.name for q in qs if search_spectrum(lib, q, top=1).hits[0].name != q.name]\n"
            "print(len(qs), len(bad))")
    out = subprocess.run([sys.executable, "-c", code, location, str(b)], capture_output=True, text=True,
                         cwd=PROJECT_ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(len(b_spectra)), "0"]


def test_sqlite_library_recreated_at_the_same_path(tmp_path, two_sets):
    path = tmp_path / "lib.sqlite"

    def recreate():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)

    _check_replaced(str(path), recreate, two_sets, held_across=True)


def test_deletes_bump_the_revision_and_change_the_hits(tmp_path, two_sets):
    a, b, b_spectra = two_sets
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        report = library.import_files([b])
        target = b_spectra[0]
        assert _top_names(library, [target]) == [target.name]
        revision = library.revision()
        doomed = [i for i, r in zip(report.ids, library.records(report.ids)) if r["name"] == target.name]
        library.delete(doomed, why="test")
        assert library.revision() == revision + 1
        assert target.name not in _top_names(library, [target])


# -- PostgreSQL -----------------------------------------------------------------------
psycopg = pytest.importorskip("psycopg")


@pytest.fixture
def pg_admin():
    url = os.environ.get("NPS_ID_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("NPS_ID_TEST_POSTGRES_URL is not set in CI")
        pytest.skip("no PostgreSQL server: set NPS_ID_TEST_POSTGRES_URL "
                    "(`eval \"$(bash .ci/start_postgres.sh)\"` starts one)")
    conn = psycopg.connect(url, autocommit=True, connect_timeout=5)
    yield url, conn
    conn.close()


def _db_url(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


def test_postgres_library_dropped_and_recreated_under_the_same_url(pg_admin, two_sets):
    url, conn = pg_admin
    name = f"nps_t_{uuid.uuid4().hex[:10]}"
    conn.execute(f"CREATE DATABASE {name}")
    location = _db_url(url, name)

    def recreate():
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")

    try:
        _check_replaced(location, recreate, two_sets, held_across=True)
    finally:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _pg_ctl(*args: str) -> None:
    folder = os.environ["NPS_ID_TEST_POSTGRES_DIR"]
    bin_dir = os.environ.get("NPS_ID_TEST_POSTGRES_BIN") or next(
        str(p.parent) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")))
    command = [f"{bin_dir}/pg_ctl", "-D", f"{folder}/data", "-w", "-t", "60", *args]
    if args[-1] in ("start", "restart"):  # the server's output to its log, not to a pipe it keeps open
        command[-1:-1] = ["-l", f"{folder}/server.log"]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


@pytest.fixture
def restartable(pg_admin):
    """The test server's data folder (the server started by .ci/start_postgres.sh)."""
    folder = os.environ.get("NPS_ID_TEST_POSTGRES_DIR")
    if not folder or not (Path(folder) / "data" / "postmaster.opts").is_file():
        pytest.skip("restart test needs NPS_ID_TEST_POSTGRES_DIR of a server started by .ci/start_postgres.sh")
    # the options the server runs with (port, socket folder...), to start it again after a stop
    words = shlex.split((Path(folder) / "data" / "postmaster.opts").read_text())
    options = " ".join(shlex.quote(w) for w in words[1:] if w not in ("-D",) and not w.endswith("/data"))
    url, conn = pg_admin
    name = f"nps_t_{uuid.uuid4().hex[:10]}"
    conn.execute(f"CREATE DATABASE {name}")
    yield _db_url(url, name), options
    with psycopg.connect(url, autocommit=True, connect_timeout=30) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_open_library_survives_a_server_restart(restartable, two_sets, monkeypatch):
    from nps_id.library import backends

    location, options = restartable
    a, b, b_spectra = two_sets
    with open_library(location, create=True) as library:
        library.import_files([b])
        before = _top_names(library, b_spectra[:5])
        _pg_ctl("-m", "fast", "restart")
        # the first read after the restart reconnects and runs again: right answers, no error
        assert library.count() == len(b_spectra)
        assert _top_names(library, b_spectra[:5]) == before == [s.name for s in b_spectra[:5]]
        _pg_ctl("-m", "fast", "restart")
        library.import_files([a])  # a change after a restart starts on a fresh connection
        assert library.count() == len(b_spectra) + 40

        monkeypatch.setattr(backends, "RECONNECT_WAIT_S", 1.5)
        _pg_ctl("-m", "fast", "stop")
        try:
            with pytest.raises(LibraryError, match="does not answer"):
                library.count()
        finally:
            _pg_ctl("-o", options, "start")
        assert library.count() == len(b_spectra) + 40  # back once the server is


def test_connection_lost_during_an_import(pg_admin, tmp_path):
    """The server undoes the import; with the duplicate check it is run once more on a new
    connection (what a lost commit saved would be found already present), without it it is
    refused with a message that says nothing was saved."""
    url, conn = pg_admin
    name = f"nps_t_{uuid.uuid4().hex[:10]}"
    conn.execute(f"CREATE DATABASE {name}")
    good = tmp_path / "good.msp"
    good.write_text("Name: Ethanol\nNum Peaks: 3\n31 999\n45 400\n46 200\n\n", encoding="utf-8")
    try:
        with open_library(_db_url(url, name), create=True) as library:
            killed = []

            def kill_own_connection(stage, done, total):  # the server drops us mid-import, once
                if not killed:
                    killed.append(conn.execute("SELECT pg_terminate_backend(%s)",
                                               (library.backend.conn.info.backend_pid,)))

            with pytest.raises(LibraryError, match="lost during a change.*nothing of it was saved"):
                library.import_files([good], progress=kill_own_connection, allow_duplicates=True)
            assert killed and (library.count(), library.revision()) == (0, 0)
            killed.clear()
            report = library.import_files([good], progress=kill_own_connection)
            assert killed and report.added == 1
            assert (library.count(), library.revision()) == (1, 1)
            assert [e["action"] for e in library.log()].count("import") == 1
    finally:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
