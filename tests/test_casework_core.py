"""Casework end to end on real data: the LRCFS etizolam card run (GC-MS) and a real IR spectrum as one exhibit,
concluded, reviewed, reported, replayed; the audit trail against tampering; bad input.

The library is small and built here from real spectra: 300 MassBank/RECETOX EI records of the bench library,
its caffeine and benzodiazepine records, 26 real IR spectra, and an in-house etizolam reference cut from the
250 ug/mL calibrant run 220223008 of the same sequence (the shared data holds no etizolam library spectrum;
a lab would measure its own reference standard exactly like this).
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from nps_id.cli import main

CASE = "2026-0042"
ETIZOLAM_SMILES = "CCc1cc2c(s1)-n1c(C)nnc1CN=C2c1ccccc1Cl"


def first_named(spectra, name: str):
    return next(s for s in spectra if (s.name or "").upper() == name)


def build_case_library(shared_data: Path, path: Path) -> Path:
    """A small real library for casework tests (see the module docstring); returns its path."""
    from rdkit import Chem

    from nps_id.gcms.analysis import analyse_run
    from nps_id.io import read_spectra
    from nps_id.library.store import open_library

    ms = read_spectra(shared_data / "ms" / "bench" / "library.msp")
    wanted = ("CAFFEINE", "AZEPAM", "COCAINE")
    keep = ms[:300] + [s for s in ms[300:] if any(w in (s.name or "").upper() for w in wanted)]
    keep = [s for s in keep if s is not first_named(ms, "CAFFEINE")]  # left out: the MS query of a test
    calibrant = analyse_run(shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223008.D", search=False)
    comp = min(calibrant.components, key=lambda c: abs(c.rt_min - 10.30))
    etizolam = comp.spectrum.with_metadata(
        name="Etizolam", smiles=ETIZOLAM_SMILES, inchikey=Chem.MolToInchiKey(Chem.MolFromSmiles(ETIZOLAM_SMILES)),
        cas="40054-69-1", formula="C17H15ClN4S", compound_class="benzodiazepine",
        retention_time=round(comp.rt_min, 3), gc_method=calibrant.run.metadata.get("method"),
        source_id="INHOUSE-220223008")
    ir_folder = shared_data / "ir" / "cos_shimadzu_stackIR"
    irs = [read_spectra(f)[0] for f in sorted(ir_folder.glob("*.csv")) if f.name != "9_fluorenone_2.csv"]
    library = open_library(path, create=True)
    library.add_spectra(keep + [etizolam] + irs)
    library.close()
    return path


@pytest.fixture(scope="module")
def case_library(shared_data, tmp_path_factory) -> Path:
    return build_case_library(shared_data, tmp_path_factory.mktemp("caselib") / "lib.sqlite")


@pytest.fixture(scope="module")
def card_run(shared_data) -> Path:
    return shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223018.D"


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_etizolam_card_exhibit_concluded_reviewed_reported_and_replayed(shared_data, case_library, card_run,
                                                                        tmp_path, capsys):
    pymupdf = pytest.importorskip("pymupdf")
    cases = tmp_path / "cases.sqlite"
    ir = shared_data / "ir" / "nrcan_plotftir_atr" / "paper.csv"  # the card's substrate: paper
    assert _run(capsys, "case", "new", CASE, "--case-file", cases, "--analyst", "A. Analyst", "--lab", "Test lab")[0] == 0
    code, out, err = _run(capsys, "case", "add", CASE, "1", card_run, ir, "--case-file", cases, "--library",
                          case_library, "--description", "paper card", "--weight", "0.41 g")
    assert code == 0, err
    assert "MS identified: Etizolam" in out
    code, out, _ = _run(capsys, "case", "conclude", CASE, "1", "--case-file", cases, "--call", "Etizolam identified")
    assert code == 0
    # MS of the component plus its retention time against the in-house reference of the same method
    assert "MS (A) + GC retention (B): identification of Etizolam supported" in out
    # the large unidentified peak at ~7.42 min of the seized cards (data README) is named, not dropped
    assert "at 7.42" in out and "% of the area): not in the library" in out

    from nps_id.casework.store import open_case_file
    with open_case_file(cases) as cf:
        entries_before = len(cf.audit_entries())
    code, _, err = _run(capsys, "case", "review", CASE, "1", "--case-file", cases, "--reviewer", " a. ANALYST ")
    assert code == 2 and "must be someone other than the analyst" in err
    with open_case_file(cases) as cf:
        assert len(cf.audit_entries()) == entries_before  # nothing half-written
    assert _run(capsys, "case", "review", CASE, "1", "--case-file", cases, "--reviewer", "R. Reviewer")[0] == 0

    pdf = tmp_path / "report.pdf"
    code, out, err = _run(capsys, "case", "report", CASE, "1", "--case-file", cases, "--out", pdf)
    assert code == 0, err
    doc = pymupdf.open(pdf)
    text = " ".join(" ".join(page.get_text() for page in doc).split())  # cells wrap lines
    with open_case_file(cases) as cf:
        case = cf.case(CASE)
    record = case["exhibits"][0]["analyses"][0]["record"]
    for expected in (CASE, "Test lab", "A. Analyst", "R. Reviewer", "Etizolam identified", "SWGDRUG",
                     "controlled substance", "UN 1971 Convention Schedule IV", "IDENTIFIED",
                     record["inputs"][0]["sha256"], record["library"]["content_sha256"], "10.2", "data.ms",
                     "composite_match_factor_search", "reviewed"):
        assert expected in text, expected
    # pictures are vector drawings, not raster images, and the text is selectable (found above)
    assert sum(len(page.get_drawings()) for page in doc) > 100
    assert all(not page.get_images() for page in doc)
    assert case["reports"][0]["sha256"] == __import__("hashlib").sha256(pdf.read_bytes()).hexdigest()
    assert case["audit"][-1]["action"] == "report issued"

    page = tmp_path / "report.html"  # the HTML form: same content, pictures as inline SVG
    assert _run(capsys, "case", "report", CASE, "--html", "--case-file", cases, "--out", page)[0] == 0
    from lxml import html as lxml_html
    tree = lxml_html.fromstring(page.read_bytes())
    assert len(tree.xpath("//svg")) >= 4 and "Etizolam identified" in tree.text_content()
    assert record["inputs"][0]["sha256"] in tree.text_content()

    code, out, _ = _run(capsys, "replay", CASE, "1", "--case-file", cases, "--library", case_library)
    assert code == 0 and out.count("identical") == 2
    with open_case_file(cases) as cf:  # the replay is a case action of its own
        last = cf.audit_entries()[-1]
    assert last.action == "replayed" and last.details["identical"] and len(last.details["analyses"]) == 2
    assert _run(capsys, "case", "verify", "--case-file", cases)[0] == 0


def test_replay_names_the_changed_byte_and_the_new_library_record(case_library, card_run, tmp_path, capsys):
    run = tmp_path / "run.D"
    shutil.copytree(card_run, run)
    library = tmp_path / "lib.sqlite"
    shutil.copy(case_library, library)
    result = tmp_path / "result.json"
    code, out, _ = _run(capsys, "gcms", "--json", "--library", library, run)
    assert code == 0
    result.write_text(out)
    assert json.loads(out)["provenance"]["inputs"][0]["sha256"]
    code, out, _ = _run(capsys, "replay", result)
    assert code == 0 and "identical" in out
    for options in (["--min-area-pct", "1"], ["--no-search"]):  # filters and modes are replayed as recorded
        code, out, _ = _run(capsys, "gcms", "--json", "--library", library, *options, run)
        other = tmp_path / "other.json"
        other.write_text(out)
        code, out, _ = _run(capsys, "replay", "--library", library, other)
        assert code == 0 and "identical" in out, (options, out)

    data = bytearray((run / "data.ms").read_bytes())
    data[len(data) // 2] ^= 0x01
    (run / "data.ms").write_bytes(bytes(data))
    code, out, _ = _run(capsys, "replay", result)
    assert code == 1
    assert "run.D changed" in out and "data.ms changed" in out and "acqmeth.txt" not in out
    assert "library:" not in out and "software:" not in out
    shutil.copy(card_run / "data.ms", run / "data.ms")

    from nps_id.io import read_spectra
    from nps_id.library.store import open_library
    lib = open_library(library)
    added = read_spectra(Path(__file__).parent / "data" / "massbank_cocaine_record.txt")
    lib.add_spectra(added)
    lib.close()
    code, out, _ = _run(capsys, "replay", result)
    assert code == 1
    assert "1 spectrum added" in out and added[0].name in out and "revision" in out
    assert "input:" not in out

    shutil.rmtree(run)
    code, _, err = _run(capsys, "replay", result)
    assert code == 2 and "run.D" in err and "not found" in err


def test_search_json_replays_and_names_a_changed_query_file(shared_data, case_library, tmp_path, capsys):
    query = tmp_path / "caffeine.csv"
    shutil.copy(shared_data / "ir" / "cos_shimadzu_stackIR" / "caffeine.csv", query)
    code, out, _ = _run(capsys, "search", "--json", "--top", "3", "--library", case_library, query)
    assert code == 0
    provenance = json.loads(out)["provenance"]
    assert provenance["library"]["revision"] >= 1 and provenance["software"]["nps_id"]
    result = tmp_path / "search.json"
    result.write_text(out)
    assert _run(capsys, "replay", result)[0] == 0
    with open(query, "a", encoding="utf-8") as handle:
        handle.write("\n")
    code, out, _ = _run(capsys, "replay", result)
    assert code == 1 and "caffeine.csv changed" in out


def _case_with_trail(cases: Path, case_library: Path, shared_data: Path, capsys) -> None:
    q = shared_data / "ir" / "cos_shimadzu_stackIR" / "caffeine.csv"
    assert _run(capsys, "case", "new", CASE, "--case-file", cases, "--analyst", "A")[0] == 0
    assert _run(capsys, "case", "add", CASE, "1", q, "--case-file", cases, "--library", case_library)[0] == 0
    assert _run(capsys, "case", "conclude", CASE, "1", "--case-file", cases, "--call", "caffeine")[0] == 0
    assert _run(capsys, "case", "review", CASE, "1", "--case-file", cases, "--reviewer", "B")[0] == 0


@pytest.mark.parametrize("tamper, words", [
    ("UPDATE cw_audit SET who = 'Mallory' WHERE seq = 2", "entry 2 (exhibit added"),
    ("DELETE FROM cw_audit WHERE seq = 3", "entry 3 is missing"),
    ("UPDATE cw_audit SET seq = -2 WHERE seq = 2; UPDATE cw_audit SET seq = 2 WHERE seq = 3; "
     "UPDATE cw_audit SET seq = 3 WHERE seq = -2", "does not follow"),  # entries 2 and 3 swapped
    ("DELETE FROM cw_audit WHERE seq = (SELECT MAX(seq) FROM cw_audit)", "entries at the end were deleted"),
    ("UPDATE cw_conclusions SET analyst_call = 'heroin'", "conclusion 1 was changed"),
    ("UPDATE cw_analyses SET record = replace(record, 'Caffeine', 'Cocaine')", "analysis 1 (caffeine.csv) was changed"),
])
def test_verify_detects_edited_deleted_and_reordered_entries(case_library, shared_data, tmp_path, capsys,
                                                            tamper, words):
    cases = tmp_path / "cases.sqlite"
    _case_with_trail(cases, case_library, shared_data, capsys)
    assert _run(capsys, "case", "verify", "--case-file", cases)[0] == 0
    db = sqlite3.connect(cases)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE cw_audit SET who = 'x' WHERE seq = 1")
    db.execute("DROP TRIGGER cw_audit_no_update")  # what a tamperer with file access would do first
    db.execute("DROP TRIGGER cw_audit_no_delete")
    db.executescript(tamper)
    db.commit()
    db.close()
    code, _, err = _run(capsys, "case", "verify", "--case-file", cases)
    assert code == 1 and "NOT intact" in err and words in err


def test_reviewed_exhibit_is_changed_only_by_an_amendment(case_library, shared_data, tmp_path, capsys):
    cases = tmp_path / "cases.sqlite"
    _case_with_trail(cases, case_library, shared_data, capsys)
    ms = shared_data / "ir" / "cos_shimadzu_stackIR" / "lactose_run1.csv"
    code, _, err = _run(capsys, "case", "add", CASE, "1", ms, "--case-file", cases, "--library", case_library)
    assert code == 2 and "cannot be changed" in err and "--amend" in err
    code, _, err = _run(capsys, "case", "conclude", CASE, "1", "--case-file", cases, "--call", "x")
    assert code == 2 and "cannot be changed" in err
    assert _run(capsys, "case", "add", CASE, "1", ms, "--case-file", cases, "--library", case_library,
                "--amend", "lactose diluent also analysed")[0] == 0
    code, _, err = _run(capsys, "case", "review", CASE, "1", "--case-file", cases, "--reviewer", "B")
    assert code == 2 and "conclude again" in err
    assert _run(capsys, "case", "conclude", CASE, "1", "--case-file", cases, "--call", "caffeine; lactose",
                "--amend", "diluent added")[0] == 0
    from nps_id.casework.store import open_case_file
    with open_case_file(cases) as cf:
        actions = [e.action for e in cf.audit_entries()]
        exhibit = cf.exhibit(CASE, "1")
    assert actions[-2:] == ["amended: analysis added", "amended: conclusion"]
    assert exhibit["state"] == "concluded" and len(exhibit["conclusions"]) == 2
    assert exhibit["conclusions"][0]["analyst_call"] == "caffeine"  # the first conclusion is kept
    assert _run(capsys, "case", "verify", "--case-file", cases)[0] == 0


def test_combined_conclusion_from_real_ms_and_ir(shared_data, case_library, tmp_path):
    """Caffeine: EI replicate identified by MS, IR identified; they agree (CAS: the IR record has no InChIKey).
    9-Fluorenone: IR identifies a replicate of another run, MS is only ambiguous: tentative, MS consistent."""
    from nps_id.casework import analyse_file, combine
    from nps_id.io import read_spectra, write_spectra
    from nps_id.library.store import open_library

    ms = read_spectra(shared_data / "ms" / "bench" / "library.msp")
    lib = open_library(case_library)
    in_library = {s.get("source_id") for _, s in lib.iter_spectra("ms")}
    caffeine_ms = first_named(ms, "CAFFEINE")
    assert caffeine_ms.get("source_id") not in in_library  # a replicate of another lab's run, not itself
    write_spectra([caffeine_ms], tmp_path / "caffeine.msp")
    records = [analyse_file(tmp_path / "caffeine.msp", lib),
               analyse_file(shared_data / "ir" / "cos_shimadzu_stackIR" / "caffeine.csv", lib)]
    suggestion = combine([{"record": r} for r in records])
    caffeine = [c for c in suggestion["compounds"] if c["compound"].upper() == "CAFFEINE"]
    assert len(caffeine) == 1, suggestion["statement"]
    assert caffeine[0]["met"] and caffeine[0]["techniques"] == ["IR", "MS"]
    assert caffeine[0]["agreement"] in (["CAS number"], ["InChIKey first block"], ["name"])
    assert "IR (A) + MS (A): identification of" in suggestion["statement"]

    fluorenone_ms = [s for s in ms if (s.name or "").upper() == "9-FLUORENONE"]
    fluorenone_ms = [s for s in fluorenone_ms if s.get("source_id") not in in_library] or fluorenone_ms
    write_spectra(fluorenone_ms[:1], tmp_path / "fluorenone.msp")
    records = [analyse_file(tmp_path / "fluorenone.msp", lib),
               analyse_file(shared_data / "ir" / "cos_shimadzu_stackIR" / "9_fluorenone_2.csv", lib)]
    lib.close()
    suggestion = combine([{"record": r} for r in records])
    fluorenone = [c for c in suggestion["compounds"] if "FLUORENONE" in c["compound"].upper()]
    ms_verdict = records[0]["result"]["queries"][0]["query"]["verdict"]
    assert fluorenone and fluorenone[0]["techniques"][0] == "IR"
    if ms_verdict == "identified":
        assert fluorenone[0]["met"]
    else:  # the bench library holds no 9-fluorenone besides the query: MS cannot identify it
        assert not fluorenone[0]["met"] and fluorenone[0]["level"] == "tentative"
        assert "tentative" in fluorenone[0]["statement"]


def test_bad_input_gives_a_clear_message_and_writes_nothing(case_library, shared_data, tmp_path, capsys):
    cases = tmp_path / "cases.sqlite"
    assert _run(capsys, "case", "new", CASE, "--case-file", cases, "--analyst", "A")[0] == 0
    assert _run(capsys, "case", "add", CASE, "empty", "--case-file", cases, "--description", "bag")[0] == 0
    pdf = tmp_path / "r.pdf"
    code, _, err = _run(capsys, "case", "report", CASE, "empty", "--case-file", cases, "--out", pdf)
    assert code == 2 and "no analyses" in err and "empty" in err
    assert not pdf.exists() and not list(tmp_path.glob("*.part"))
    code, _, err = _run(capsys, "case", "conclude", CASE, "empty", "--case-file", cases, "--call", "x")
    assert code == 2 and "no analyses" in err
    broken = tmp_path / "broken.msp"
    broken.write_text("Name: X\nNum Peaks: 2\n41 999\n43 abc\n")
    good = shared_data / "ir" / "cos_shimadzu_stackIR" / "caffeine.csv"
    code, _, err = _run(capsys, "case", "add", CASE, "2", good, broken, "--case-file", cases, "--library",
                        case_library)
    assert code == 2 and "broken.msp" in err
    from nps_id.casework.store import open_case_file
    with open_case_file(cases) as cf:  # neither exhibit 2 nor the good file's analysis was written
        assert [e["label"] for e in cf.case(CASE)["exhibits"]] == ["empty"]
    code, _, err = _run(capsys, "case", "new", "2", "--case-file", cases, "--analyst", "Kim", "--reviewer", "kim")
    assert code == 2 and "reviewer must be someone other" in err
    code, _, err = _run(capsys, "case", "show", "nope", "--case-file", cases)
    assert code == 2 and "no case 'nope'" in err and CASE in err

    db = sqlite3.connect(cases)
    db.execute("UPDATE cw_meta SET value = '99' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    before = cases.read_bytes()
    code, _, err = _run(capsys, "case", "show", CASE, "--case-file", cases)
    assert code == 2 and "newer NPS-ID" in err and "schema 99" in err
    assert cases.read_bytes() == before

    old = tmp_path / "old.json"  # search JSON of an NPS-ID that did not record provenance yet
    old.write_text(json.dumps({"query": {"id": "x", "technique": "ms"}, "hits": []}))
    code, _, err = _run(capsys, "replay", old)
    assert code == 2 and "no provenance" in err and "old.json" in err
    empty = tmp_path / "empty.json"  # valid JSON, but no result of any NPS-ID
    empty.write_text("{}")
    code, _, err = _run(capsys, "replay", empty)
    assert code == 2 and "empty.json: this JSON is not an NPS-ID result" in err and "older" not in err
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "nps-id-result", "format_version": 9}))
    code, _, err = _run(capsys, "replay", newer)
    assert code == 2 and "newer NPS-ID" in err

    code, _, err = _run(capsys, "case", "show", "--case-file", tmp_path / "missing.sqlite")
    assert code == 2 and "no case file there" in err
    not_sqlite = tmp_path / "notes.txt"
    not_sqlite.write_text("hello")
    code, _, err = _run(capsys, "case", "verify", "--case-file", not_sqlite)
    assert code == 2 and "not an NPS-ID case file" in err


def test_csv_exports_carry_class_control_status_verdict_and_isomers(case_library, card_run, tmp_path, capsys):
    import csv

    out = tmp_path / "components.csv"
    assert _run(capsys, "gcms", "--library", case_library, "--csv", out, card_run)[0] == 0
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert {"verdict", "compound_class", "control_status", "control_source", "isomer_ambiguity", "isomers",
            "delta_ri"} <= set(rows[0])
    etizolam = [r for r in rows if r["name"] == "Etizolam" and r["rank"] == "1" and r["verdict"] == "identified"]
    assert etizolam and abs(float(etizolam[0]["rt_min"]) - 10.26) < 0.05
    assert etizolam[0]["control_status"].startswith("controlled substance")
    assert "UN 1971" in etizolam[0]["control_source"]


def test_library_identity_names_the_release_made_or_imported(shared_data, tmp_path, capsys):
    from nps_id.casework.provenance import library_identity
    from nps_id.library.store import open_library

    records = (shared_data / "ms" / "bench" / "queries.msp").read_text(encoding="utf-8", errors="replace")
    small = tmp_path / "small.msp"
    small.write_text("\n\n".join(records.split("\n\n")[:20]) + "\n", encoding="utf-8")
    key, curated, lab = tmp_path / "c.key", tmp_path / "curated.sqlite", tmp_path / "lab.sqlite"
    assert _run(capsys, "library", "keygen", "--out", key)[0] == 0
    assert _run(capsys, "library", "import", "--library", curated, small)[0] == 0
    assert _run(capsys, "library", "release", "--library", curated, "--version", "2.1", "--key", key,
                "--out", tmp_path / "rel")[0] == 0
    assert _run(capsys, "library", "trust", "add", f"{key}.pub", "--library", lab)[0] == 0
    assert _run(capsys, "library", "import", "--library", lab, tmp_path / "rel")[0] == 0
    identities = []
    for path in (curated, lab):
        with open_library(path) as library:
            identities.append(library_identity(library))
    assert [i["release"] for i in identities] == ["2.1", "2.1"]
    assert identities[0]["uuid"] != identities[1]["uuid"]  # two libraries, one release
    assert identities[0]["spectra"] == identities[1]["spectra"] == 20


def test_an_ambiguous_result_with_one_candidate_is_a_best_fit_not_a_choice_between():
    from nps_id.casework.conclusion import combine
    from nps_id.report.words import statement_lines

    def analysis(label, candidates):
        query = {"id": "1", "technique": "ms", "verdict": "ambiguous", "confidence": 0.52,
                 "verdict_detail": {"compound": "MPHP", "candidates": candidates}}
        return {"label": label, "record": {"kind": "spectra", "inputs": [{"name": f"{label}.msp"}],
                                           "result": {"queries": [{"query": query,
                                                                   "hits": [{"name": "MPHP", "score": 801.0}]}]}}}

    suggestion = combine([analysis("one", ["MPHP"]), analysis("two", ["MPHP", "alpha-PHP"])])
    for rebuild in (False, True):  # the stored English, and the lines rebuilt for another language
        lines = statement_lines(suggestion, rebuild=rebuild)
        assert any("(one, spectrum 1): best fit MPHP, not conclusive; not an identification." in line
                   for line in lines), lines
        assert any("(two, spectrum 1): ambiguous between MPHP / alpha-PHP;" in line for line in lines), lines
        assert not any("between MPHP;" in line for line in lines)


def test_the_steps_of_a_run_analysis_are_timed_each_in_its_turn(case_library, card_run):
    from datetime import datetime

    from nps_id.casework.analysis import analyse_file
    from nps_id.library.store import open_library

    library = open_library(case_library)
    try:
        record = analyse_file(card_run, library)
    finally:
        library.close()
    steps = {s["step"]: s for s in record["steps"]}
    moments = [datetime.fromisoformat(s["at"]) for s in record["steps"]]
    assert moments == sorted(moments)  # each step finished after the one before it
    analysis = steps["deconvolution"]["seconds"] + steps["search"]["seconds"]
    drawing = steps["chromatogram and reference spectra"]["seconds"]
    assert drawing < analysis  # the drawing data, not the whole analysis again
    gap = (datetime.fromisoformat(steps["search"]["at"]) - datetime.fromisoformat(steps["deconvolution"]["at"]))
    assert abs(gap.total_seconds() - steps["search"]["seconds"] - steps.get("targets", {}).get("seconds", 0)) < 0.01
