"""The case file on a real PostgreSQL server: same actions, same audit trail, tampering seen.

Set NPS_ID_TEST_POSTGRES_URL to a superuser URL (``eval "$(bash .ci/start_postgres.sh)"``); without it the
tests skip (in CI an unreachable server fails).
"""
from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from nps_id.casework.store import CaseError, open_case_file

psycopg = pytest.importorskip("psycopg")


@pytest.fixture
def pg_url():
    url = os.environ.get("NPS_ID_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("NPS_ID_TEST_POSTGRES_URL not set in CI")
        pytest.skip("no PostgreSQL server: set NPS_ID_TEST_POSTGRES_URL (`eval \"$(bash .ci/start_postgres.sh)\"`)")
    admin = psycopg.connect(url, autocommit=True, connect_timeout=5)
    name = f"nps_case_{uuid.uuid4().hex[:10]}"
    admin.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(url)
    yield urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))
    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


def _record(name: str) -> dict:
    """A minimal result record (the store keeps records as given; analysis is tested on SQLite)."""
    return {"format": "nps-id-result", "kind": "spectra", "inputs": [{"name": name, "sha256": "ab" * 32}],
            "library": {"revision": 3, "content_sha256": "cd" * 32}, "parameters": {}, "software": {},
            "result": {"queries": []}, "plots": {"queries": []}}


def test_case_file_on_postgres_keeps_an_intact_trail_and_detects_tampering(pg_url):
    with open_case_file(pg_url, create=True) as cases:
        cases.new_case("PG-1", analyst="Ann", lab="Server lab")
        cases.add_exhibit("PG-1", "1", "Ann", "powder")
        cases.add_analysis("PG-1", "1", _record("q.msp"), "Ann")
        cases.conclude("PG-1", "1", "nothing identified", "", "Ann")
        with pytest.raises(CaseError, match="someone other than the analyst"):
            cases.review("PG-1", "1", "ann")
        cases.review("PG-1", "1", "Bob")
        assert cases.verify() == []
        assert [e.action for e in cases.audit_entries()] == [
            "case created", "exhibit added", "analysis added", "conclusion", "reviewed"]
        with pytest.raises(Exception, match="append-only"):
            cases.backend.execute("UPDATE cw_audit SET who = 'Mallory' WHERE seq = 2")
        cases.backend.execute("ALTER TABLE cw_audit DISABLE TRIGGER cw_audit_append_only")
        cases.backend.execute("UPDATE cw_audit SET who = 'Mallory' WHERE seq = 2")
        problems = cases.verify()
    assert any("entry 2" in p and "edited" in p for p in problems)


def test_concurrent_writers_on_postgres_keep_one_chain(pg_url):
    """Two case files (two connections) adding exhibits at the same time: one unbroken chain."""
    import threading

    with open_case_file(pg_url, create=True) as cases:
        cases.new_case("PG-2", analyst="Ann")
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            with open_case_file(pg_url) as own:
                for i in range(10):
                    own.add_exhibit("PG-2", f"{name}{i}", name)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with open_case_file(pg_url) as cases:
        assert len(cases.audit_entries()) == 21 and cases.verify() == []
