"""National schedules in a shared PostgreSQL library: a curator imports, every role reads, others cannot write.

Set NPS_ID_TEST_POSTGRES_URL to a superuser URL (``eval "$(bash .ci/start_postgres.sh)"`` starts a
private server); without it the tests skip.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from nps_id.controls import control_status
from nps_id.controls.schedules import import_schedule, list_schedules
from nps_id.errors import LibraryError
from nps_id.library import open_library

psycopg = pytest.importorskip("psycopg")
FIXTURE = Path(__file__).parent / "data" / "schedule_XZ_madeup.csv"


def _with(url: str, user: str, password: str, db: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, f"{user}:{password}@{host}", f"/{db}", parts.query, ""))


@pytest.fixture
def shared_server():
    url = os.environ.get("NPS_ID_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("NPS_ID_TEST_POSTGRES_URL is not set in CI")
        pytest.skip("no PostgreSQL server: set NPS_ID_TEST_POSTGRES_URL (`eval \"$(bash .ci/start_postgres.sh)\"`)")
    admin = psycopg.connect(url, autocommit=True, connect_timeout=5)
    tag = uuid.uuid4().hex[:8]
    db = f"nps_ctl_{tag}"
    admin.execute(f"CREATE DATABASE {db}")
    roles = {}
    for group in ("nps_curator", "nps_reader"):
        role = f"{group}_{tag}"
        roles[group] = role
    db_url = _with(url, urlsplit(url).username or "postgres", urlsplit(url).password or "", db)
    from nps_id.library.server import init_server
    init_server(db_url)
    for group, role in roles.items():
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw'")
        admin.execute(f"GRANT {group} TO {role}")
    yield {group: _with(url, role, "pw", db) for group, role in roles.items()}
    admin.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    for role in roles.values():
        admin.execute(f"DROP ROLE IF EXISTS {role}")
    admin.close()


def test_curator_imports_reader_reads_and_cannot_write(shared_server):
    with open_library(shared_server["nps_curator"]) as library:
        assert import_schedule(library, FIXTURE, "XZ")["entries"] == 2
    with open_library(shared_server["nps_reader"]) as library:
        assert [r["jurisdiction"] for r in list_schedules(library)] == ["XZ"]
        status = control_status(name="fentanyl", jurisdiction="XZ", library=library)
        assert status.national_status == "List A (made up for tests)" and status.kind == "controlled"
        with pytest.raises(LibraryError):
            import_schedule(library, FIXTURE, "XZ")
    with open_library(shared_server["nps_reader"]) as library:  # the refused write changed nothing
        assert list_schedules(library)[0]["imported_by"].startswith("nps_curator_")
