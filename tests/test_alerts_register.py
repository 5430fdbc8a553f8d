"""The early-warning register as a file (SQLite), through the command line, and its bad input.

Real NIST replicate spectra of 5-Chloro-AKB48 (nps_classes) are the unknown, absent
from a library built from the other NPS of the set.
"""
from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from nps_id.cli import main
from nps_id.errors import InputError

UNKNOWN = "5-Chloro-AKB48"
OTHER = "MPHP"  # also left out of the library: a second, different unknown


@pytest.fixture(scope="module")
def lab(shared_data, tmp_path_factory):
    from nps_id.io import read_spectra, write_spectra
    from nps_id.library import open_library
    from nps_id.library.signing import generate_key

    tmp = tmp_path_factory.mktemp("alerts")
    nps = read_spectra(shared_data / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp")
    unknown = [s for s in nps if s.name == UNKNOWN]
    base = tmp / "base.msp"
    write_spectra([s for s in nps if s.name not in (UNKNOWN, OTHER)], base)
    library = tmp / "lab.sqlite"
    with open_library(library, create=True) as lib:
        lib.import_files([base])
    # the files a lab would search: named after the case, which must not leave the lab
    files = []
    for i, spectrum in enumerate(unknown[:4]):
        path = tmp / f"CASE-4711_exhibit{i}.msp"
        write_spectra([spectrum.with_metadata(name=f"CASE-4711 exhibit {i}", source_id=f"EXH-4711-{i}")], path)
        files.append(path)
    keys = {name: generate_key(tmp / f"{name}.key")[0] for name in ("a", "b", "curator")}
    return {"tmp": tmp, "library": library, "unknown": unknown, "files": files, "keys": keys,
            "other": [s for s in nps if s.name == OTHER]}


def _hit_list(lab, spectrum):
    from nps_id.library import open_library
    from nps_id.search import search_spectra

    with open_library(lab["library"]) as library:
        return search_spectra(library, [spectrum], register=False)[0]


def test_payload_carries_only_the_allow_list(lab):
    from nps_id.alerts.payload import PAYLOAD_FIELDS, build_payload, canonical_bytes, check_payload, describe_payload

    spectrum = lab["unknown"][0].with_metadata(case_number="CASE-4711", exhibit="bag 3, white powder",
                                               source_file="/cases/CASE-4711/exhibit3.msp", retention_index=2841.5)
    hit_list = _hit_list(lab, spectrum)
    assert hit_list.verdict.verdict == "not_in_library"
    payload = build_payload(hit_list, "Lab A", "AT", "Central Europe", "DB-5MS 30 m")
    assert set(payload) <= PAYLOAD_FIELDS
    text = canonical_bytes(payload).decode()
    for private in ("CASE-4711", "bag 3", "exhibit3", "/cases", "NIST-mds2"):
        assert private not in text
    assert payload["retention_index"] == 2841.5 and payload["column"] == "DB-5MS 30 m"
    assert payload["predicted_class"]["label"] == "synthetic cannabinoid"
    assert payload["analogues"][0]["name"] == "AKB48" and payload["analogues"][0]["mass_shift"] == 34
    assert len(payload["spectrum"]["x"]) == int(np.count_nonzero(hit_list.query.y > 0))
    shown = describe_payload(payload)
    assert "Lab A" in shown and "Not sent" in shown and f"{len(payload['spectrum']['x'])} points" in shown
    # software that adds a field is refused on the server, naming the field
    with pytest.raises(InputError, match="case_number"):
        check_payload({**payload, "case_number": "CASE-4711"})
    with pytest.raises(InputError, match="file name"):
        build_payload(hit_list, "/home/analyst/cases/4711.msp")


def test_bad_input_no_spectrum_and_too_few_peaks(lab):
    from nps_id.alerts.payload import build_payload, check_payload
    from nps_id.spectrum import spectrum_from_peaks

    payload = build_payload(_hit_list(lab, lab["unknown"][1]), "Lab A")
    with pytest.raises(InputError, match="no spectrum"):
        check_payload({**payload, "spectrum": None})
    two_peaks = _hit_list(lab, spectrum_from_peaks([(91, 999), (119, 400)], {"name": "u"}))
    with pytest.raises(InputError, match="2 peak"):
        build_payload(two_peaks, "Lab A", allow_identified=True)


def test_file_register_clusters_lists_and_withdraws_through_the_cli(lab, tmp_path, capsys, monkeypatch):
    register = tmp_path / "register.sqlite"
    pubs = {k: str(v) + ".pub" for k, v in lab["keys"].items()}
    assert main(["alert", "server", "add-lab", "--register", str(register), "--lab", "Lab A",
                 "--public-key", pubs["a"]]) == 0
    assert main(["alert", "server", "add-lab", "--register", str(register), "--lab", "Lab B",
                 "--public-key", pubs["b"]]) == 0
    common = ["--library", str(lab["library"]), "--register", str(register)]
    capsys.readouterr()
    assert main(["alert", "submit", str(lab["files"][0]), *common, "--lab", "Lab A", "--key", str(lab["keys"]["a"]),
                 "--country", "AT", "--dry-run"]) == 0
    shown = capsys.readouterr().out
    assert "will be sent" in shown and "dry run: nothing sent" in shown
    assert "CASE-4711" not in shown.split("will be sent", 1)[1]
    assert main(["alert", "submit", str(lab["files"][0]), *common, "--lab", "Lab A",
                 "--key", str(lab["keys"]["a"]), "--country", "AT", "--region", "Central Europe"]) == 0
    assert main(["alert", "submit", str(lab["files"][1]), *common, "--lab", "Lab B",
                 "--key", str(lab["keys"]["b"]), "--country", "HU", "--region", "Central Europe"]) == 0
    out = capsys.readouterr().out
    assert out.count("accepted: entry") == 2 and out.count("in cluster #1") == 2
    uid_b = out.rsplit("(uid ", 1)[1].split(";")[0]

    # every search of a not-identified query now says so (CLI table and JSON)
    monkeypatch.setenv("NPS_ID_ALERT_REGISTER", str(register))
    monkeypatch.setenv("NPS_ID_LAB_KEY", str(lab["keys"]["curator"]))
    assert main(["search", "--library", str(lab["library"]), str(lab["files"][2])]) == 0
    assert "EARLY WARNING: seen by 2 other labs (Central Europe) since" in capsys.readouterr().out
    assert main(["search", "--json", "--library", str(lab["library"]), str(lab["files"][2])]) == 0
    seen = json.loads(capsys.readouterr().out)["query"]["seen_elsewhere"]
    assert seen["cluster_id"] == 1 and seen["n_labs"] == 2 and seen["status"] == "open"
    # a different compound is not "seen"
    from nps_id.library import open_library
    from nps_id.search import search_spectra
    with open_library(lab["library"]) as library:
        [other] = search_spectra(library, lab["other"][:1])
    assert other.verdict.verdict != "identified" and other.seen_elsewhere is None

    csv_path = tmp_path / "focal_point.csv"
    assert main(["alert", "list", "--register", str(register), "--class", "cannabinoid", "--csv", str(csv_path)]) == 0
    rows = list(csv.DictReader(csv_path.open()))
    assert [(r["cluster"], r["labs"], r["countries"], r["predicted_class"]) for r in rows] == [
        ("1", "2", "AT; HU", "synthetic cannabinoid")]
    assert main(["alert", "list", "--register", str(register), "--class", "cathinone"]) == 0
    assert "no clusters" in capsys.readouterr().out

    # lab A cannot withdraw lab B's report; lab B can
    assert main(["alert", "withdraw", uid_b, "--register", str(register), "--lab", "Lab A",
                 "--key", str(lab["keys"]["a"])]) == 2
    assert "only its own" in capsys.readouterr().out
    assert main(["alert", "withdraw", uid_b, "--register", str(register), "--lab", "Lab B",
                 "--key", str(lab["keys"]["b"]), "--reason", "mixed-up vial"]) == 0
    assert f"withdrawn: entry 2 (uid {uid_b})" in capsys.readouterr().out
    assert main(["alert", "cluster", "1", "--register", str(register), "--json"]) == 0
    cluster = json.loads(capsys.readouterr().out)
    assert cluster["n_labs"] == 1 and cluster["countries"] == ["AT"]
    assert main(["alert", "log", "--register", str(register)]) == 0
    log = capsys.readouterr().out
    assert "withdraw" in log and "refuse" in log and "register-lab" in log


def test_a_register_that_is_down_leaves_the_search_working(lab, monkeypatch, capsys):
    monkeypatch.setenv("NPS_ID_ALERT_REGISTER", "postgresql://nobody:pw@127.0.0.1:9/none")
    assert main(["search", "--library", str(lab["library"]), str(lab["files"][3])]) == 0
    out = capsys.readouterr().out
    assert "Verdict: NOT IN LIBRARY" in out and "AKB48" in out
    assert "early-warning register not checked" in out and "cannot connect" in out
    assert main(["alert", "submit", str(lab["files"][3]), "--library", str(lab["library"]), "--lab", "Lab A",
                 "--key", str(lab["keys"]["a"])]) == 2
    assert "early-warning register" in capsys.readouterr().err


def test_ir_reports_cluster_through_the_ir_engine(shared_data, tmp_path):
    """IR: polystyrene from two sources (OpenSpecy Bruker, Galactic demo) left out of an IR library of the
    other real IR spectra; both reports form one cluster, a third source's search sees it, toluene does not."""
    import csv as _csv

    from nps_id.alerts.register import open_register
    from nps_id.alerts.report import report_unknown
    from nps_id.io import read_spectra
    from nps_id.library import open_library
    from nps_id.library.signing import generate_key
    from nps_id.search import search_spectra

    folder = shared_data / "ir"
    rows = list(_csv.DictReader(open(folder / "index.csv", encoding="utf-8")))
    wanted = ("polystyrene", "Toluene", "toluene")
    library_files = [folder / r["file"] for r in rows if r["compound"].split(" ")[0] not in wanted]
    polystyrene = {r["independent_group"]: folder / r["file"] for r in rows
                   if r["compound"] == "polystyrene" and "interior" not in r["file"]}
    toluene = next(folder / r["file"] for r in rows if r["compound"] == "toluene")
    library = tmp_path / "ir.sqlite"
    with open_library(library, create=True) as lib:
        lib.import_files(library_files, skip_invalid=True)
        assert lib.count("ir") > 50
        queries = [read_spectra(polystyrene[g])[0] for g in ("OpenSpecy-Bruker", "Galactic-demo-polystyrene",
                                                              "NRCan-ATR")] + [read_spectra(toluene)[0]]
        hits = search_spectra(lib, queries, register=False)
    assert all(h.verdict.verdict in ("not_in_library", "ambiguous") for h in hits[:2])
    key, pub = generate_key(tmp_path / "lab.key")
    with open_register(tmp_path / "register.sqlite", create=True) as register:
        register.register_lab("Lab A", pub.read_bytes())
        first = report_unknown(register, hits[0], key, "Lab A", "CA")
        second = report_unknown(register, hits[1], key, "Lab A", "US")
        assert first["status"] == second["status"] == "accepted"
        assert first["cluster_id"] == second["cluster_id"]
        with open_library(library) as lib:
            seen, not_seen = search_spectra(lib, [queries[2], queries[3]], register=register)
    assert seen.seen_elsewhere is not None and seen.seen_elsewhere.cluster_id == first["cluster_id"]
    assert seen.seen_elsewhere.technique == "ir" and seen.seen_elsewhere.score >= 800
    assert not_seen.seen_elsewhere is None


def test_two_labs_report_a_gcms_component_of_their_runs_into_one_cluster(lab, shared_data, tmp_path, capsys):
    """Etizolam (absent from the lab library) in two real LRCFS runs, reported by --component RT; a blank
    run has no component there, and a run without --component is refused with the way to choose one."""
    runs = shared_data / "gcms" / "LRCFS_benzodiazepines"
    if not runs.is_dir():
        pytest.skip(f"{runs} not found")
    register = tmp_path / "register.sqlite"
    pubs = {k: str(v) + ".pub" for k, v in lab["keys"].items()}
    for name, key in (("Lab A", "a"), ("Lab B", "b")):
        assert main(["alert", "server", "add-lab", "--register", str(register), "--lab", name,
                     "--public-key", pubs[key]]) == 0
    common = ["--library", str(lab["library"]), "--register", str(register)]
    capsys.readouterr()
    assert main(["alert", "submit", str(runs / "220223014.D"), *common, "--lab", "Lab A",
                 "--key", str(lab["keys"]["a"]), "--component", "10.24", "--column", "HP-5MS 30 m"]) == 0
    assert main(["alert", "submit", str(runs / "220223003.D"), *common, "--lab", "Lab B",
                 "--key", str(lab["keys"]["b"]), "--component", "10.24"]) == 0
    out = capsys.readouterr().out
    assert out.count("component at 10.2") == 2, out
    assert out.count("accepted: entry") == 2 and out.count("in cluster #1") == 2, out
    assert main(["alert", "cluster", "1", "--register", str(register), "--json"]) == 0
    cluster = json.loads(capsys.readouterr().out)
    assert cluster["n_labs"] == 2 and cluster["technique"] == "ms"
    # the methanol blank holds no etizolam: nothing near 10.24 min
    assert main(["alert", "submit", str(runs / "220223001.D"), *common, "--lab", "Lab A",
                 "--key", str(lab["keys"]["a"]), "--component", "10.24", "--dry-run"]) == 2
    assert "no component within 0.05 min of 10.24 min" in capsys.readouterr().err
    assert main(["alert", "submit", str(runs / "220223014.D"), *common, "--lab", "Lab A",
                 "--key", str(lab["keys"]["a"]), "--dry-run"]) == 2
    assert "choose the component to report with --component RT" in capsys.readouterr().err
