"""The PostgreSQL backend on a real server: same behaviour, roles enforced by the database,
and concurrent searching while importing.

Set NPS_ID_TEST_POSTGRES_URL to a superuser URL (``eval "$(bash .ci/start_postgres.sh)"``
starts a private server); without it a server on 127.0.0.1:5432 is tried, else the
tests skip.  In CI (CI=true) an unreachable server is a failure, not a skip.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from nps_id.errors import InputError, LibraryError
from nps_id.library import open_library

psycopg = pytest.importorskip("psycopg")
PROJECT_ROOT = Path(__file__).resolve().parents[1]
GOOD = "Name: Ethanol\nFormula: C2H6O\nDB#: ETH-1\nNum Peaks: 3\n31 999\n45 400\n46 200\n\n"


def _with(url: str, user: str | None = None, password: str | None = None, db: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc
    if user is not None:
        host = netloc.rsplit("@", 1)[-1]
        netloc = f"{user}:{password}@{host}" if password else f"{user}@{host}"
    return urlunsplit((parts.scheme, netloc, f"/{db}" if db else parts.path, parts.query, ""))


@pytest.fixture(scope="session")
def pg_admin():
    url = os.environ.get("NPS_ID_TEST_POSTGRES_URL")
    explicit = bool(url)
    url = url or "postgresql://postgres@127.0.0.1:5432/postgres"
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        if explicit or os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {url} unreachable: {exc}")
        pytest.skip("no PostgreSQL server: set NPS_ID_TEST_POSTGRES_URL "
                    "(`eval \"$(bash .ci/start_postgres.sh)\"` starts one)")
    yield url, conn
    conn.close()


@pytest.fixture
def pg_url(pg_admin):
    """A fresh database for one test (dropped afterwards)."""
    url, conn = pg_admin
    name = f"nps_t_{uuid.uuid4().hex[:10]}"
    conn.execute(f"CREATE DATABASE {name}")
    yield _with(url, db=name)
    conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _login(pg_admin, group: str) -> tuple[str, str]:
    """A login role granted ``group``; returns (role, password)."""
    _, conn = pg_admin
    role = f"nps_t_{group.split('_')[1]}_{uuid.uuid4().hex[:6]}"
    conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw'")
    conn.execute(f"GRANT {group} TO {role}")
    return role, "pw"


def test_postgres_library_behaves_like_sqlite(pg_url, tmp_path):
    good, bad = tmp_path / "good.msp", tmp_path / "bad.msp"
    good.write_text(GOOD * 3)
    bad.write_text(GOOD + "Name: B\nNum Peaks: 2\n41 999\n43 abc\n\n")
    with open_library(pg_url, create=True) as library:
        report = library.import_files([good])
        assert library.count() == 3 and library.revision() == 1
        ids, offsets, x, y = library.peak_arrays("ms")
        assert list(ids) == report.ids and list(x[offsets[0]:offsets[1]]) == [31, 45, 46]
        assert library.get(report.ids[0]).name == "Ethanol"
        assert library.records([report.ids[1]])[0]["formula"] == "C2H6O"
        assert len(library.find(text="ethan")) == 3
        with pytest.raises(InputError):
            library.import_files([good, bad])
        assert library.count() == 3 and library.revision() == 1
        library.delete(report.ids[:1], why="duplicate")
        assert library.count() == 2 and library.log(limit=1)[0]["action"] == "delete"
        assert library.revision() == 2 and len(library.library_uuid()) == 36
        out = tmp_path / "out.msp"
        library.export(out)
        assert out.read_text().count("Name: Ethanol") == 2
    with pytest.raises(LibraryError):
        open_library(_with(pg_url, db="nps_no_such_db"))


def test_roles_are_enforced_by_the_database(pg_admin, pg_url, tmp_path):
    from nps_id.library.server import init_server
    from nps_id.library.sharing import accept, contribute, pending, release, submit
    init_server(pg_url)
    contributor = _with(pg_url, *_login(pg_admin, "nps_contributor"))
    curator = _with(pg_url, *_login(pg_admin, "nps_curator"))
    reader = _with(pg_url, *_login(pg_admin, "nps_reader"))
    good = tmp_path / "good.msp"
    good.write_text(GOOD * 2)
    with open_library(tmp_path / "lab.sqlite", create=True) as lab:
        lab.import_files([good])
        contribute(lab, "Lab A", tmp_path / "bundle")

    with open_library(contributor) as library:
        sub = submit(library, tmp_path / "bundle")
        assert pending(library)[0]["submitted_by"] == library.db_user
        with pytest.raises(LibraryError, match="permission denied|row-level security"):
            accept(library, sub)
        with pytest.raises(LibraryError, match="permission denied|row-level security"):
            release(library, "1.0", tmp_path / "rel", unsigned=True)
        assert not (tmp_path / "rel").exists()
        with pytest.raises(LibraryError, match="permission denied|row-level security"):
            library.import_files([good])  # straight into the accepted set
        with pytest.raises(LibraryError, match="permission denied|row-level security"):
            library.delete([1], why="vandalism")
        with pytest.raises(LibraryError, match="permission denied|row-level security"):
            library.backend.execute("UPDATE spectra SET name = 'x'")
    from nps_id.library.signing import generate_key
    from nps_id.library.trust import read_public_key, trust_key, trusted_keys
    _, curator_pub = generate_key(tmp_path / "curator.key")
    pem = read_public_key(curator_pub)
    with open_library(reader) as library:
        assert library.count() == 0
        with pytest.raises(LibraryError, match="permission denied|row-level security"):
            submit(library, tmp_path / "bundle")
        with pytest.raises(LibraryError, match="permission denied"):
            trust_key(library, pem)  # only curators choose whom the lab trusts
    with open_library(curator) as library:
        assert accept(library, sub, why="ok") == 2 and library.count() == 2
        release(library, "1.0", tmp_path / "rel", unsigned=True)
        assert (tmp_path / "rel" / "manifest.json").is_file()
        trust_key(library, pem, "curator")
        assert [k["label"] for k in trusted_keys(library)] == ["curator"]
        who = {e["action"]: e["who"] for e in library.log()}
        assert who["submit"].startswith("nps_t_contributor") and who["accept"] == library.db_user


def test_cli_with_postgres_url(pg_url, tmp_path, capsys):
    from nps_id.cli import main
    good = tmp_path / "good.msp"
    good.write_text(GOOD)
    assert main(["library", "server", "init", pg_url]) == 0
    assert main(["library", "import", "--library", pg_url, str(good)]) == 0
    capsys.readouterr()
    assert main(["library", "info", "--library", pg_url, "--json"]) == 0
    assert '"spectra": 1' in capsys.readouterr().out
    assert main(["library", "log", "--library", pg_url]) == 0


_SEARCHER = textwrap.dedent("""
    import sys, time
    from nps_id.library import open_library
    location, stop, allowed = sys.argv[1], sys.argv[2], {int(n) for n in sys.argv[3].split(",")}
    import os
    seen = set()
    with open_library(location) as lib:
        while not os.path.exists(stop):
            ids, offsets, x, y = lib.peak_arrays("ms")
            assert offsets[-1] == len(x) == len(y), "torn read"
            assert len(ids) in allowed, f"partial import visible: {len(ids)}"
            recs = lib.records(ids[-5:])
            assert all(r is not None for r in recs)
            lib.find(text="ethanol", limit=5)
            seen.add(len(ids))
            time.sleep(0.05)
    print(sorted(seen))
""")
_IMPORTER = textwrap.dedent("""
    import sys
    from nps_id.library import open_library
    with open_library(sys.argv[1]) as lib:
        lib.import_files([sys.argv[2]])
""")


def _concurrent(location: str, tmp_path: Path, queries: Path) -> None:
    good = tmp_path / "good.msp"
    good.write_text(GOOD)
    with open_library(location, create=True) as library:
        library.import_files([good])
    n = queries.read_text(encoding="utf-8").lower().count("\nname:") + 1
    # Both importers import the same file: the second finds every spectrum already present.
    allowed = f"1,{1 + n}"
    stop = tmp_path / "stop"
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    searchers = [subprocess.Popen([sys.executable, "-c", _SEARCHER, location, str(stop), allowed],
                                  cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(4)]
    time.sleep(1.0)
    importers = [subprocess.Popen([sys.executable, "-c", _IMPORTER, location, str(queries)],
                                  cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    for proc in importers:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    time.sleep(0.5)
    stop.write_text("stop")
    for proc in searchers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with open_library(location) as library:
        assert library.count() == 1 + n
        assert len(set(library.peak_arrays("ms")[0])) == 1 + n
        imports = [e for e in library.log() if e["action"] == "import"]
        assert sorted(e["details"]["duplicates"] for e in imports[:2]) == [0, n]


def test_searching_while_importing_loses_nothing_postgres(pg_url, tmp_path, shared_data):
    _concurrent(pg_url, tmp_path, shared_data / "ms" / "bench" / "queries.msp")


def test_searching_while_importing_loses_nothing_sqlite(tmp_path, shared_data):
    _concurrent(str(tmp_path / "lib.sqlite"), tmp_path, shared_data / "ms" / "bench" / "queries.msp")


def _downgrade_to_schema_1(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP INDEX spectra_content_hash")
        conn.execute("ALTER TABLE spectra DROP COLUMN content_hash")
        conn.execute("DROP TABLE trusted_keys")
        conn.execute("DELETE FROM meta WHERE key = 'library_uuid'")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


def test_schema_1_server_is_upgraded_by_its_owner_not_by_a_reader(pg_admin, pg_url, tmp_path):
    from nps_id.library.server import init_server
    good = tmp_path / "good.msp"
    good.write_text(GOOD * 2)
    init_server(pg_url)
    with open_library(pg_url) as library:
        library.import_files([good])
        hashes = library.backend.query("SELECT id, content_hash FROM spectra ORDER BY id")
    _downgrade_to_schema_1(pg_url)
    reader = _with(pg_url, *_login(pg_admin, "nps_reader"))
    curator = _with(pg_url, *_login(pg_admin, "nps_curator"))
    with open_library(reader) as library:  # not upgraded by a reader, but still searchable
        assert "could not be upgraded" in library.upgrade_problem and library.count() == 2
        assert library.identity() == ("", 1)
    with open_library(curator) as library:  # a curator may change rows, not the tables
        assert library.info()["upgrade_problem"] is not None
        with pytest.raises(LibraryError, match="could not be upgraded.*read-only.*server init"):
            library.import_files([good])
    info = init_server(pg_url)  # the owner: upgrade, then grants on the new table
    assert info["schema_version"] == 2 and len(info["library_uuid"]) == 36
    with open_library(reader) as library:
        assert library.backend.query("SELECT id, content_hash FROM spectra ORDER BY id") == hashes
        from nps_id.library.trust import trusted_keys
        assert library.count() == 2 and trusted_keys(library) == []  # readable by readers after init
    with open_library(pg_url) as library:
        assert library.import_files([good]).duplicates == 2
