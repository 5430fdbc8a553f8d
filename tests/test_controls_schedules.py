"""National schedules: a curator imports one per jurisdiction; searches show it beside the international status.

The schedule used here (tests/data/schedule_XZ_madeup.csv, jurisdiction XZ, a user-assigned ISO code) is
made up for the test; it is no real country's law.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nps_id.cli import main
from nps_id.controls import control_status
from nps_id.controls.schedules import list_schedules, national_schedule, read_schedule_csv
from nps_id.errors import InputError
from nps_id.library import open_library

FIXTURE = Path(__file__).parent / "data" / "schedule_XZ_madeup.csv"
MSP = (
    "Name: Fentanyl\nInChIKey: PJMPHNIQZUBGLI-UHFFFAOYSA-N\nDB#: T-1\nContributor: test\nLicense: CC0\n"
    "Num Peaks: 5\n146 400\n189 300\n245 999\n105 150\n336 40\n\n"
    "Name: Ketamine hydrochloride\nDB#: T-2\nContributor: test\nLicense: CC0\n"
    "Num Peaks: 5\n180 999\n182 330\n209 120\n152 200\n138 150\n\n"
    "Name: Made-up compound 9\nDB#: T-3\nContributor: test\nLicense: CC0\n"
    "Num Peaks: 4\n57 999\n71 500\n85 300\n99 100\n\n")


@pytest.fixture
def library_with_spectra(tmp_path):
    msp = tmp_path / "lib.msp"
    msp.write_text(MSP)
    location = tmp_path / "lib.sqlite"
    with open_library(location, create=True) as library:
        library.import_files([msp])
    return location, msp


def _search_json(location, query, *extra):
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["search", "--library", str(location), "--json", "--top", "1", *extra, str(query)])
    assert code == 0
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def test_import_list_search_and_remove(library_with_spectra, capsys, monkeypatch):
    location, msp = library_with_spectra
    monkeypatch.delenv("NPS_ID_JURISDICTION", raising=False)
    assert main(["library", "schedule", "import", "--library", str(location), "--jurisdiction", "xz",
                 str(FIXTURE)]) == 0
    assert "XZ: 2 entries" in capsys.readouterr().out
    assert main(["library", "schedule", "list", "--library", str(location), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["jurisdiction"], r["origin"], r["entries"]) for r in listed] == [("XZ", "library", 2)]
    with open_library(location) as library:
        assert any(entry["action"] == "schedule-import" for entry in library.log())

    hits = {r["query"]["name"]: r["hits"][0] for r in _search_json(location, msp, "--jurisdiction", "XZ")}
    fentanyl, ketamine, other = hits["Fentanyl"], hits["Ketamine hydrochloride"], hits["Made-up compound 9"]
    # international status always, national when a jurisdiction is chosen
    assert fentanyl["control"]["status"] == "controlled substance"
    assert fentanyl["control"]["national_status"] == "List A (made up for tests)"
    assert fentanyl["control"]["national_matched_by"] == "InChIKey"  # the schedule row has a SMILES only
    assert fentanyl["control_status"].endswith("| XZ: List A (made up for tests) (Test Act art. 1 (fictitious), 2001-02-03)")
    assert ketamine["control"]["kind"] == "controlled" and ketamine["control"]["status"] == "not under international control"
    assert ketamine["control"]["national_matched_by"] == "name variant"  # "ketamine hydrochloride" -> "ketamine"
    assert other["control"]["in_catalogue"] is False and other["control_status"] == "not in catalogue | XZ: not listed"
    # the environment chooses the jurisdiction when the option is not given; without either, no national column
    monkeypatch.setenv("NPS_ID_JURISDICTION", "XZ")
    assert _search_json(location, msp)[0]["hits"][0]["control"]["jurisdiction"] == "XZ"
    plain = _search_json(location, msp, "--jurisdiction", "none")[0]["hits"][0]["control"]
    assert plain["jurisdiction"] is None and plain["national_status"] is None
    # the table says it too
    assert main(["search", "--library", str(location), "--top", "1", str(msp)]) == 0
    table = capsys.readouterr().out
    assert "Control: not in catalogue | XZ: not listed" in table
    assert "Control: controlled substance — UN 1961 Convention Schedule I | XZ: List A" in table

    monkeypatch.delenv("NPS_ID_JURISDICTION")
    assert main(["library", "schedule", "remove", "--library", str(location), "XZ", "--why", "test"]) == 0
    with open_library(location) as library:
        assert national_schedule("XZ", library) is None
        assert control_status(name="Fentanyl", jurisdiction="XZ", library=library).summary().endswith(
            "| XZ: no schedule imported for this jurisdiction")


@pytest.mark.parametrize("text, problem", [
    ("name,status\nx,List 1\n", "no column source"),
    ("name,status,source,cas\nx,List 1,Act,50-36-3\n", "line 2: '50-36-3' is not a valid CAS number"),
    ("name,status,source,smiles,inchikey\nx,List 1,Act,CCO,PJMPHNIQZUBGLI-UHFFFAOYSA-N\n",
     "line 2: InChIKey PJMPHNIQZUBGLI-UHFFFAOYSA-N does not belong to the SMILES"),
    ("name,status,source\nx,,Act\n", "line 2: empty status"),
    ("name,status,source,date\nx,List 1,Act,3.2.2001\n", "not ISO"),
    ("name,status,source,colour\nx,List 1,Act,red\n", "unknown column(s) colour"),
    ("name,status,source\n", "no schedule rows"),
])
def test_a_bad_schedule_is_refused_naming_file_line_and_problem(tmp_path, text, problem):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(InputError) as raised:
        read_schedule_csv(path)
    assert problem in str(raised.value) and "bad.csv" in str(raised.value)


def test_cli_refuses_a_bad_file_or_code_and_leaves_the_library_alone(library_with_spectra, tmp_path, capsys):
    location, _ = library_with_spectra
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"name,status,source\n\xff\xfe,List,Act\n")
    assert main(["library", "schedule", "import", "--library", str(location), "--jurisdiction", "XZ", str(bad)]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert main(["library", "schedule", "import", "--library", str(location), "--jurisdiction", "Kazakhstan",
                 str(FIXTURE)]) == 2
    assert "ISO 3166" in capsys.readouterr().err
    with open_library(location) as library:
        assert list_schedules(library) == []


def test_reimport_replaces_the_jurisdictions_schedule(library_with_spectra, tmp_path):
    location, _ = library_with_spectra
    smaller = tmp_path / "XZ.csv"
    smaller.write_text("name,status,source\nMade-up compound 9,List C (made up),Test Act art. 3 (fictitious)\n")
    with open_library(location) as library:
        from nps_id.controls.schedules import import_schedule
        assert import_schedule(library, FIXTURE, "XZ")["replaced"] is False
        # a record known by name only reaches a schedule row listed by structure through the catalogue
        by_name = control_status(name="fentanyl", jurisdiction="XZ", library=library)
        assert by_name.national_matched_by == "InChIKey of catalogue entry Fentanyl"
        assert import_schedule(library, smaller, "XZ")["replaced"] is True
        status = control_status(name="Made-up compound 9", jurisdiction="XZ", library=library)
        assert status.kind == "controlled" and status.national_status == "List C (made up)"
        assert control_status(name="fentanyl", jurisdiction="XZ", library=library).national_status is None
