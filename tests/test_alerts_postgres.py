"""The early-warning register on a real PostgreSQL server, as three labs and a curator use it.

Lab A and lab B each report an unknown built from real NIST replicate spectra of
5-Chloro-AKB48 (nps_classes), a synthetic cannabinoid removed from their library;
the register's service clusters them; lab C's search of a third replicate says
"seen by 2 other labs"; the curator identifies and promotes the cluster; the next
release holds it.  Set NPS_ID_TEST_POSTGRES_URL (``eval "$(bash .ci/start_postgres.sh)"``).
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from nps_id.errors import LibraryError

psycopg = pytest.importorskip("psycopg")

UNKNOWN = "5-Chloro-AKB48"
OTHER = "MPHP"
CASE_FIELDS = {"case_number": "CASE-2026-4711", "exhibit": "Exhibit 3: white powder in zip bag",
               "source_file": "/cases/CASE-2026-4711/exhibit3_run.msp", "operator": "J. Doe"}


def _with(url: str, user: str | None = None, password: str | None = None, db: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc
    if user is not None:
        host = netloc.rsplit("@", 1)[-1]
        netloc = f"{user}:{password}@{host}"
    return urlunsplit((parts.scheme, netloc, f"/{db}" if db else parts.path, parts.query, ""))


@pytest.fixture(scope="module")
def pg_admin():
    url = os.environ.get("NPS_ID_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("NPS_ID_TEST_POSTGRES_URL is not set in CI")
        pytest.skip("no PostgreSQL server: set NPS_ID_TEST_POSTGRES_URL "
                    "(`eval \"$(bash .ci/start_postgres.sh)\"` starts one)")
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        pytest.fail(f"PostgreSQL at {url} unreachable: {exc}")
    yield url, conn
    conn.close()


@pytest.fixture(scope="module")
def pg_url(pg_admin):
    url, conn = pg_admin
    name = f"nps_alert_{uuid.uuid4().hex[:10]}"
    conn.execute(f"CREATE DATABASE {name}")
    yield _with(url, db=name)
    conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _login(pg_admin, *groups: str) -> str:
    _, conn = pg_admin
    role = f"nps_al_{uuid.uuid4().hex[:8]}"
    conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw'")
    for group in groups:
        conn.execute(f"GRANT {group} TO {role}")
    return role


@pytest.fixture(scope="module")
def world(pg_admin, pg_url, shared_data, tmp_path_factory):
    """The server (library + register), the labs' logins and keys, and the labs' library."""
    from nps_id.alerts.register import init_server as init_register
    from nps_id.io import read_spectra, write_spectra
    from nps_id.library import open_library
    from nps_id.library.server import init_server as init_library
    from nps_id.library.signing import generate_key

    tmp = tmp_path_factory.mktemp("alerts_pg")
    ms = shared_data / "ms"
    nps = read_spectra(ms / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp")
    fentanyls = read_spectra(ms / "sources" / "nist_mds2-2418_cm1_fentanyls_replicates.msp")
    unknown = [s for s in nps if s.name == UNKNOWN]
    other = [s for s in nps if s.name == OTHER]
    assert len(unknown) == 10 and len(other) == 10
    base = tmp / "base.msp"
    # MPHP is a second unknown (not in the library either): it must open its own cluster
    write_spectra([s for s in nps if s.name not in (UNKNOWN, OTHER)] + fentanyls, base)
    init_library(pg_url)
    init_register(pg_url)
    with open_library(pg_url) as curated:
        curated.import_files([base])  # the shared library as released: the unknown is not in it
    lab_library = tmp / "lab.sqlite"
    with open_library(lab_library, create=True) as library:
        library.import_files([base])
    logins = {
        "A": _login(pg_admin, "nps_alert_submitter", "nps_reader"),
        "B": _login(pg_admin, "nps_alert_submitter", "nps_reader"),
        "C": _login(pg_admin, "nps_reader"),
        "reader": _login(pg_admin, "nps_reader"),
        "curator": _login(pg_admin, "nps_alert_curator", "nps_curator"),
    }
    urls = {k: _with(pg_url, v, "pw") for k, v in logins.items()}
    keys = {lab: generate_key(tmp / f"lab_{lab}.key") for lab in ("A", "B", "C", "curator")}
    from nps_id.alerts.register import open_register
    with open_register(urls["curator"]) as register:
        register.register_lab("Lab A", keys["A"][1].read_bytes(), logins["A"])
        register.register_lab("Lab B", keys["B"][1].read_bytes(), logins["B"])
    return {"tmp": tmp, "unknown": unknown, "other": other, "lab_library": lab_library, "urls": urls,
            "logins": logins, "keys": keys, "pg_url": pg_url}


def _search(library_path, spectrum, register=False):
    from nps_id.library import open_library
    from nps_id.search import search_spectra

    with open_library(library_path) as library:
        return search_spectra(library, [spectrum], register=register)[0]


def _report(world, lab: str, spectrum, **extra):
    from nps_id.alerts.register import open_register
    from nps_id.alerts.report import report_unknown

    hit_list = _search(world["lab_library"], spectrum.with_metadata(**CASE_FIELDS))
    with open_register(world["urls"][lab]) as register:
        return report_unknown(register, hit_list, world["keys"][lab][0], f"Lab {lab}", **extra)


def test_two_labs_one_cluster_seen_by_lab_c_then_promoted(world, monkeypatch, capsys):
    from nps_id.alerts.exchange import export_register, import_register
    from nps_id.alerts.promote import promote_cluster
    from nps_id.alerts.register import open_register
    from nps_id.alerts.seen import sidecar_path
    from nps_id.library import open_library
    from nps_id.library.sharing import release

    urls, unknown = world["urls"], world["unknown"]
    sent_a = _report(world, "A", unknown[0], country="AT", region="Central Europe", column="DB-5MS 30 m")
    sent_b = _report(world, "B", unknown[1], country="SI", region="Southeast Europe")
    # the labs' logins can only drop rows into the inbox: nothing is filed before the service checks them
    assert sent_a["status"] == sent_b["status"] == "received"
    with open_register(urls["curator"]) as service:
        outcomes = service.process()
    assert [o["status"] for o in outcomes] == ["accepted", "accepted"]
    cluster_id = outcomes[0]["cluster"]
    assert outcomes[1]["cluster"] == cluster_id and outcomes[1]["score"] >= 800

    # a different unknown compound does not join
    _report(world, "A", world["other"][0], country="AT", region="Central Europe")
    with open_register(urls["curator"]) as service:
        [other] = service.process()
        assert other["status"] == "accepted" and other["cluster"] != cluster_id
        summary = service.cluster(cluster_id)
    assert summary["n_labs"] == 2 and summary["n_entries"] == 2
    assert summary["regions"] == ["Central Europe", "Southeast Europe"]
    assert summary["predicted_class"] == "synthetic cannabinoid"
    assert summary["status"] == "open"

    # a lab sees other labs' reports only as the cluster summary
    with open_register(urls["A"]) as lab_a:
        assert {e["lab"] for e in lab_a.cluster(cluster_id)["entries"]} == {"Lab A"}
        assert lab_a.cluster(cluster_id)["n_labs"] == 2  # the summary counts both labs
        with pytest.raises(LibraryError):
            lab_a.backend.query("SELECT * FROM alert_labs")

    # lab C (a reader login, no report of its own) searches a third replicate
    monkeypatch.setenv("NPS_ID_LAB_KEY", str(world["keys"]["C"][0]))
    hit_c = _search(world["lab_library"], unknown[2], register=urls["C"])
    assert hit_c.verdict.verdict in ("not_in_library", "ambiguous")
    seen = hit_c.seen_elsewhere
    assert seen is not None and seen.cluster_id == cluster_id
    assert seen.other_labs == 2 and seen.text().startswith("seen by 2 other labs")
    assert "cluster #%d, status open" % cluster_id in seen.text()
    assert len(seen.spectra) == 2
    assert hit_c.to_dict()["query"]["seen_elsewhere"]["other_labs"] == 2
    # lab A recognises its own report in the summary (its key's hash), and lab B's as another lab's
    monkeypatch.setenv("NPS_ID_LAB_KEY", str(world["keys"]["A"][0]))
    assert _search(world["lab_library"], unknown[3], register=urls["A"]).seen_elsewhere.other_labs == 1
    monkeypatch.setenv("NPS_ID_LAB_KEY", str(world["keys"]["C"][0]))

    # offline: the signed export, imported beside lab C's library, gives the same answer
    export = world["tmp"] / "export"
    with open_register(urls["curator"]) as service:
        export_register(service, export, world["keys"]["curator"][0])
    curator_pub = world["keys"]["curator"][1].read_bytes()
    offline_library = world["tmp"] / "offline.sqlite"
    shutil.copyfile(world["lab_library"], offline_library)
    import_register(export, sidecar_path(offline_library), [curator_pub])
    offline = _search(offline_library, unknown[2], register=None).seen_elsewhere
    assert offline is not None and offline.text() == seen.text()
    tampered = world["tmp"] / "tampered"
    shutil.copytree(export, tampered)
    data = json.loads((tampered / "register.json").read_text())
    data["clusters"][0]["n_labs"] = 9
    (tampered / "register.json").write_text(json.dumps(data))
    with pytest.raises(LibraryError, match="changed file"):
        import_register(tampered, world["tmp"] / "tampered.sqlite", [curator_pub])
    with pytest.raises(LibraryError, match="untrusted"):
        import_register(export, world["tmp"] / "untrusted.sqlite", [world["keys"]["A"][1].read_bytes()])

    # the curator identifies the cluster and promotes it into the curated library; the next release holds it
    with open_register(urls["curator"]) as service, open_library(urls["curator"]) as curated:
        service.set_status(cluster_id, "identified", UNKNOWN,
                           {"inchikey": "LGENBCKWDLSPTD-UHFFFAOYSA-N", "formula": "C23H30ClN3O",
                            "compound_class": "synthetic cannabinoid"}, note="reference standard bought")
        info = promote_cluster(service, curated, cluster_id, world["keys"]["curator"][0], "RT and EI match")
        assert info["spectra"] == 2
        release(curated, "1.1", world["tmp"] / "release-1.1", world["keys"]["curator"][0])
        audit = [e["action"] for e in service.audit_log()]
    for action in ("send", "file", "status", "promote", "export"):
        assert action in audit
    new_library = world["tmp"] / "lab_c_1.1.sqlite"
    from nps_id.library.trust import trust_key

    with open_library(new_library, create=True) as library:
        trust_key(library, world["keys"]["curator"][1].read_bytes(), "register curator")
        library.import_files([world["tmp"] / "release-1.1"])
        promoted = library.find(name=UNKNOWN)
    assert len(promoted) == 2 and all(r["source_id"].startswith(f"ALERT-{cluster_id}-") for r in promoted)
    assert all("via NPS-ID early-warning register" in r["contributor"] for r in promoted)
    after = _search(new_library, unknown[2], register=urls["C"])
    print(f"lab C after release 1.1: verdict {after.verdict.verdict} ({after.verdict.confidence:.2f}), "
          f"top hit {after.hits[0].name} {after.hits[0].score:.0f}")
    assert after.hits[0].name == UNKNOWN
    assert after.verdict.verdict == "identified" and after.verdict.compound == UNKNOWN
    assert after.seen_elsewhere is None  # identified: the register is not consulted

    # no case field reached the server: not in any row of any register table
    _, admin = world["pg_url"], psycopg.connect(world["pg_url"], autocommit=True)
    with admin:
        for table in ("alert_inbox", "alert_entries", "alert_spectra", "alert_clusters", "alert_audit",
                      "spectra", "changes", "submissions"):
            text = json.dumps([list(map(str, r)) for r in admin.execute(f"SELECT * FROM {table}").fetchall()])
            for value in CASE_FIELDS.values():
                assert value not in text, f"{value!r} reached table {table}"
            for word in ("exhibit3_run", "CASE-2026"):
                assert word not in text


def test_bad_signature_unregistered_key_and_role_without_right_are_refused(world):
    from nps_id.alerts.payload import build_payload
    from nps_id.alerts.register import open_register
    from nps_id.alerts.sign import sign_payload

    hit_list = _search(world["lab_library"], world["unknown"][4])
    payload = build_payload(hit_list, "Lab B", "SI")
    signed = sign_payload(payload, world["keys"]["B"][0])
    signed["payload"] = signed["payload"].replace('"SI"', '"HR"')  # altered after signing
    wrong_key = sign_payload(payload, world["keys"]["C"][0])  # a key the register does not know
    other_lab = sign_payload(build_payload(hit_list, "Lab A"), world["keys"]["A"][0])  # A's key from B's login
    with open_register(world["urls"]["B"]) as lab_b:
        ids = [lab_b.send(s) for s in (signed, wrong_key, other_lab)]
    with open_register(world["urls"]["curator"]) as service:
        outcomes = {o["inbox"]: o for o in service.process()}
        before = service.backend.query("SELECT COUNT(*) FROM alert_entries")[0][0]
    assert all(outcomes[i]["status"] == "refused" for i in ids)
    assert "signature does not match" in outcomes[ids[0]]["reason"]
    assert "not registered" in outcomes[ids[1]]["reason"]
    assert "registered for login" in outcomes[ids[2]]["reason"]
    with open_register(world["urls"]["B"]) as lab_b:
        assert lab_b.inbox_status(ids[0])["status"] == "refused"  # the lab can read why
    # a login without the submitting right cannot even put a row in the inbox
    with open_register(world["urls"]["reader"]) as reader:
        with pytest.raises(LibraryError, match="may not send alerts"):
            reader.send(sign_payload(payload, world["keys"]["B"][0]))
        assert reader.clusters()  # but it reads the summaries (the check on every search)
        with pytest.raises(LibraryError):
            reader.set_status(1, "withdrawn")
    with open_register(world["urls"]["curator"]) as service:
        assert service.backend.query("SELECT COUNT(*) FROM alert_entries")[0][0] == before


def test_a_lab_withdraws_its_own_entry_only(world):
    from nps_id.alerts.register import open_register
    from nps_id.alerts.report import withdraw

    sent = _report(world, "B", world["unknown"][5], country="SI")
    with open_register(world["urls"]["curator"]) as service:
        [filed] = service.process()
    cluster_before = service_cluster = None
    with open_register(world["urls"]["curator"]) as service:
        cluster_before = service.cluster(filed["cluster"])["n_entries"]
    with open_register(world["urls"]["A"]) as lab_a:
        withdraw(lab_a, sent["uid"], world["keys"]["A"][0], "Lab A")  # not A's entry
    with open_register(world["urls"]["B"]) as lab_b:
        withdraw(lab_b, sent["uid"], world["keys"]["B"][0], "Lab B", "sample mix-up")
    with open_register(world["urls"]["curator"]) as service:
        refused, done = service.process()
        service_cluster = service.cluster(filed["cluster"])
    assert refused["status"] == "refused" and "only its own" in refused["reason"]
    assert done["status"] == "accepted" and done["withdrawn"]
    assert service_cluster["n_entries"] == cluster_before - 1
    assert [e["status"] for e in service_cluster["entries"] if e["uid"] == sent["uid"]] == ["withdrawn"]


def test_the_register_service_files_reports_as_they_arrive(world):
    """`nps-id alert server process --watch` (LISTEN/NOTIFY) files a report while the lab waits for it."""
    import subprocess
    import sys
    import time

    from nps_id.alerts.register import open_register
    from nps_id.alerts.report import report_unknown

    service = subprocess.Popen(
        [sys.executable, "-m", "nps_id.cli", "alert", "server", "process", "--register", world["urls"]["curator"],
         "--watch", "--seconds", "60"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(2.0)  # the service is listening
        assert service.poll() is None, service.stderr.read()
        hit_list = _search(world["lab_library"], world["unknown"][6])
        with open_register(world["urls"]["A"]) as lab_a:
            status = report_unknown(lab_a, hit_list, world["keys"]["A"][0], "Lab A", "AT", wait_s=20.0)
        assert status["status"] == "accepted" and status["cluster_id"] is not None
    finally:
        service.terminate()
        out, err = service.communicate(timeout=30)
    assert f"filed entry {status['entry_id']}" in out
