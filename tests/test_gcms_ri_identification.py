"""Retention index in identification: AMDIS .MSL and NIST MSP RI fields, the RI term, ΔRI flags on the FAME run."""
from __future__ import annotations

from pathlib import Path

import pytest

from nps_id.errors import InputError
from nps_id.gcms import read_run
from nps_id.gcms.analysis import analyse_run
from nps_id.gcms.retention_index import calibration_from_run
from nps_id.gcms.ri_scoring import RI_CONTRADICTS, apply_ri_term, ri_term
from nps_id.io import read_spectra

CORE = "CoreMS"
FAME_RUN = "GCMS_FAMEs_01_GCMS02_20200317.D"


def test_amdis_msl_libraries_read_with_their_ri(shared_data):
    fames = read_spectra(shared_data / "gcms" / CORE / "FAMES_REF.MSL")
    assert len(fames) == 13 and [s.get("retention_index") for s in fames[:2]] == [800.0, 1000.0]
    assert fames[0].get("cas") == "111-11-5" and fames[0].get("formula") == "C9H18O2"
    pnnl = read_spectra(shared_data / "gcms" / CORE / "PNNLMetV20191015.MSL")
    # record 'methyl caffeate' has a peak list whose first '(' is missing; it is read, not refused
    assert len(pnnl) == 1284 and all(s.get("retention_index") for s in pnnl)
    caffeate = next(s for s in pnnl if s.name == "methyl caffeate")
    assert len(caffeate) == 172 and caffeate.x[0] == 51
    biphenyl = read_spectra(shared_data / "gcms" / "gcmstools" / "ref_specs2.MSL")[0]
    assert biphenyl.name == "Biphenyl" and biphenyl.get("retention_index") == 1378.0
    assert biphenyl.y[biphenyl.x == 154][0] == 1000


def test_damaged_msl_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.msl"
    bad.write_text("NAME: A\nRI: 1200\nNUM PEAKS: 3\n( 41  100) ( 43  999)\n\nNAME: B\nNUM PEAKS: 1\n(50 10)\n")
    with pytest.raises(InputError, match=r"bad\.msl, line 1: record 'A' declares 3 peaks but has 2"):
        read_spectra(bad)
    comment_ri = tmp_path / "c.msl"
    comment_ri.write_text("NAME: C\nCOMMENT: RI=1234.0, 32.0 min |RI:1378.00\nNUM PEAKS: 1\n( 41  100)\n")
    assert read_spectra(comment_ri)[0].get("retention_index") == 1378.0


def test_nist_msp_retention_index_fields(tmp_path):
    msp = tmp_path / "ri.msp"
    msp.write_text("Name: A\nRetention_index: SemiStdNP=1234/5/16 StdNP=1220/3/4 StdPolar=1800/2/3\nNum Peaks: 1\n"
                   "41 100\n\nName: B\nRI: 1500\nNum Peaks: 1\n41 100\n")
    a, b = read_spectra(msp)
    assert a.get("retention_index") == 1234.0 and "StdPolar" in a.get("retention_index_text")
    assert b.get("retention_index") == 1500.0


def test_ri_term_thresholds():
    assert ri_term(1500, 1510).flag == "supports" and ri_term(1500, 1510).penalty == 0
    weak = ri_term(1500, 1535)
    assert weak.flag == "weak" and 0 < weak.penalty < 100 and weak.delta == -35
    assert ri_term(1500, 1600).flag == "contradicts" and ri_term(1500, 1600).penalty == 300
    assert ri_term(None, 1500).flag == "" and ri_term(1500, None).penalty == 0


def test_ri_term_reranks(tmp_path):
    from nps_id.gcms.identify import PlainHit

    hits = [PlainHit(1, "far", 900, 900, 0, retention_index=2944.0),
            PlainHit(2, "near", 850, 850, 0, retention_index=812.0)]
    ranked = apply_ri_term(hits, 805.0)
    assert [h.name for h in ranked] == ["near", "far"] and ranked[0].rank == 1
    assert ranked[1].ri_flag == "contradicts" and ranked[1].spectral_score == 900 and ranked[1].score == 600


@pytest.fixture(scope="module")
def fame_result(shared_data, tmp_path_factory):
    from nps_id.library import open_library

    lib = open_library(tmp_path_factory.mktemp("lib") / "pnnl.sqlite", create=True)
    lib.import_files([shared_data / "gcms" / CORE / "FAMES_REF.MSL", shared_data / "gcms" / CORE / "PNNLMetV20191015.MSL"])
    run = read_run(shared_data / "gcms" / CORE / FAME_RUN)
    calibration = calibration_from_run(run, "fame")
    return analyse_run(run, library=lib, ri_calibration=calibration, top=5)


def test_no_ri_contradiction_goes_unflagged_on_the_fame_run(fame_result):
    contradicted = 0
    for comp, hitlist in zip(fame_result.components, fame_result.hits):
        if comp.ri is None or not hitlist.hits:
            continue
        for hit in hitlist.hits:
            if hit.retention_index is not None:
                assert hit.ri_delta == pytest.approx(comp.ri - hit.retention_index)
                if abs(hit.ri_delta) > RI_CONTRADICTS:
                    assert hit.ri_flag == "contradicts"
        top = hitlist.hits[0]
        if top.ri_flag == "contradicts":
            contradicted += 1
            assert hitlist.verdict.verdict != "identified"
            assert "contradicts" in hitlist.verdict.reason
    # the RI term moves hits the RI rules out down the list (199 of 249 top hits were > 20 off before)
    assert contradicted < 0.25 * len(fame_result.components)


def test_fame_markers_identified_with_supporting_ri(fame_result, shared_data):
    import csv

    with open(shared_data / "gcms" / CORE / "truth.tsv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["present"] == "yes"
                and r["compound"].startswith("[C")]
    checked = 0
    for row in rows:
        rt = float(row["rt_min"])
        near = [(c, h) for c, h in zip(fame_result.components, fame_result.hits) if abs(c.rt_min - rt) <= 0.03]
        if not near:
            continue
        comp, hitlist = max(near, key=lambda ch: ch[0].area)
        top = hitlist.hits[0]
        assert top.name.startswith(row["compound"]), (row["compound"], top.name)
        assert top.ri_flag == "supports", (row["compound"], top.name, top.ri_delta)
        checked += 1
    assert checked == len(rows) == 11
    data = fame_result.to_dict()
    hit = next(h for c in data["components"] for h in c["hits"] if h.get("ri_flag"))
    assert {"ri_delta", "ri_flag", "ri_penalty", "spectral_score"} <= set(hit)
