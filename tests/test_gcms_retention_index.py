"""Retention index on the CoreMS FAMEs run, checked against FAMES_REF.MSL and the PNNL library RIs."""
from __future__ import annotations

import csv
import re

import numpy as np
import pytest

from nps_id.errors import InputError
from nps_id.gcms import read_run
from nps_id.gcms.deconvolution import deconvolve
from nps_id.gcms.retention_index import (RICalibration, apply_calibration, calibration_from_components,
                                         calibration_from_table, ri_penalty)

CORE = "CoreMS"


@pytest.fixture(scope="module")
def fames(shared_data):
    comps = deconvolve(read_run(shared_data / "gcms" / CORE / "GCMS_FAMEs_01_GCMS02_20200317.D"))
    return comps, calibration_from_components(comps, "auto")


def test_fame_ladder_found_with_msl_indices(shared_data, fames):
    _, cal = fames
    assert cal.series == "fame"
    text = (shared_data / "gcms" / CORE / "FAMES_REF.MSL").read_text(errors="replace")
    msl_ri = {int(float(m)) for m in re.findall(r"^RI:\s*([\d.]+)", text, flags=re.MULTILINE)}
    with open(shared_data / "gcms" / CORE / "truth.tsv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["compound"].startswith("[C")]
    for row in rows:
        carbons = int(re.match(r"\[C(\d+)\]", row["compound"]).group(1))
        found = [ri for t, ri in zip(cal.rt_min, cal.ri) if abs(t - float(row["rt_min"] if row["rt_min"] != "NA" else -9)) < 0.03]
        if row["present"] == "yes":
            assert found == [100.0 * carbons] and 100 * carbons in msl_ri, row["compound"]
        else:
            assert 100.0 * carbons not in cal.ri, row["compound"]


def test_metabolite_ri_close_to_library(shared_data, fames):
    comps, cal = fames
    comps = apply_calibration(comps, cal)
    with open(shared_data / "gcms" / CORE / "truth.tsv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if "library RI" in r["how_determined"]]
    assert len(rows) >= 6
    for row in rows:
        lib_ri = float(re.search(r"library RI (\d+)", row["how_determined"]).group(1))
        near = [c for c in comps if abs(c.rt_min - float(row["rt_min"])) < 0.02 and c.ri is not None]
        assert near, row["compound"]
        assert min(abs(c.ri - lib_ri) for c in near) <= 10, row["compound"]


def test_van_den_dool_kratz_and_table(tmp_path):
    path = tmp_path / "ladder.csv"
    path.write_text("carbon_number,rt_min\n10,5.0\n12,7.0\n14,8.0\n")
    cal = calibration_from_table(path)
    assert cal.ri_of(6.0) == pytest.approx(1100.0)
    assert cal.ri_of(7.5) == pytest.approx(1300.0)
    assert np.isnan(cal.ri_of(9.0))
    bad = tmp_path / "bad.csv"
    bad.write_text("rt,ri\n5.0,x\n")
    with pytest.raises(InputError, match="bad.csv"):
        calibration_from_table(bad)
    with pytest.raises(ValueError):
        RICalibration(np.array([1.0]), np.array([100.0]))


def test_ri_penalty_shape():
    assert ri_penalty(None, 1500) == 0
    assert ri_penalty(1500, 1515, tolerance=20) == 0
    assert ri_penalty(1500, 1540, tolerance=20) == pytest.approx(100)
    assert ri_penalty(1500, 1900, tolerance=20) == 300
