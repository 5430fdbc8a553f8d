"""Method files and target screening on real runs: found where present, IS by window and qualifiers, bad lines named."""
from __future__ import annotations

import csv

import pytest

from nps_id.errors import InputError
from nps_id.gcms import read_run
from nps_id.gcms.analysis import analyse_run
from nps_id.gcms.method import qualifier_window, read_method
from nps_id.gcms.retention_index import calibration_from_run
from nps_id.gcms.targets import screen_run

LRCFS = "LRCFS_benzodiazepines"
FAME_RUN = ("CoreMS", "GCMS_FAMEs_01_GCMS02_20200317.D")

LRCFS_TOML = """
[method]
name = "LRCFS etizolam"
rt_window_min = 0.1

[internal_standard]
name = "IS 140"
rt_min = 6.51
quant_ion = 140
qualifiers = [141, 84]
qualifier_ratios = [11, 8]

[[target]]
name = "etizolam"
rt_min = 10.26
rt_window_min = 0.15
quant_ion = 342
qualifiers = [344, 313, 266]
qualifier_ratios = [38, 35, 29]
"""


@pytest.fixture
def lrcfs_method(tmp_path):
    path = tmp_path / "etizolam.toml"
    path.write_text(LRCFS_TOML)
    return read_method(path)


def test_toml_and_csv_methods_read_alike(tmp_path, lrcfs_method):
    table = tmp_path / "etizolam.csv"
    table.write_text("name,role,rt_min,rt_window_min,quant_ion,qualifiers,qualifier_ratios\n"
                     "IS 140,istd,6.51,0.1,140,141;84,11;8\n"
                     "etizolam,target,10.26,0.15,342,344;313;266,38;35;29\n")
    from_csv = read_method(table)
    assert [t.to_dict() for t in from_csv.targets] == [t.to_dict() for t in lrcfs_method.targets]
    assert lrcfs_method.istd.name == "IS 140" and lrcfs_method.targets[1].qualifiers == (344, 313, 266)


def test_eu_2002_657_qualifier_tolerances():
    assert qualifier_window(60) == pytest.approx((54, 66))      # > 50 %: +-10 %
    assert qualifier_window(30) == pytest.approx((25.5, 34.5))  # 20-50 %: +-15 %
    assert qualifier_window(15) == pytest.approx((12, 18))      # 10-20 %: +-20 %
    assert qualifier_window(8) == pytest.approx((4, 12))        # <= 10 %: +-50 %
    assert qualifier_window(50, 20) == pytest.approx((40, 60))


@pytest.mark.parametrize("text,line,reason", [
    ("[method]\nname = 'x'\n[[target]]\nname = 'a'\nrt_min = 1.0\nquant_ion = \n", 6, "not valid TOML"),
    ("[[target]]\nname = 'a'\nrt_min = 1.0\nquant_ion = 57\n\n[[target]]\nname = 'b'\nrt_min = 'soon'\n"
     "quant_ion = 57\n", 8, "rt_min must be a number"),
    ("[[target]]\nname = 'a'\nrt_min = 1\nquant_ion = 57\nqualifiers = [71, 85]\nqualifier_ratios = [50]\n",
     6, "2 qualifiers but 1 ratios"),
    ("[[target]]\nname = 'a'\nquant_ion = 57\n", 1, "needs rt_min or ri"),
    ("[[target]]\nname = 'a'\nrt_min = 1\nquant = 57\n", 4, "unknown key"),
])
def test_bad_toml_line_is_named(tmp_path, text, line, reason):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=reason) as caught:
        read_method(path)
    assert caught.value.line == line and caught.value.path == str(path)


def test_bad_csv_line_is_named(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,role,rt_min,quant_ion,qualifiers\nIS,istd,6.5,140,141\n# comment\ncocaine,target,7.x,182,82;303\n")
    with pytest.raises(InputError, match=r"bad\.csv, line 4: rt_min must be a number"):
        read_method(path)
    path.write_text("name,rt_min\na,1\n")
    with pytest.raises(InputError, match="line 1: the header must name"):
        read_method(path)


def _truth(shared):
    with open(shared / "gcms" / LRCFS / "truth.tsv", newline="") as handle:
        return {r["run_file"].split(".")[0]: r for r in csv.DictReader(handle, delimiter="\t")
                if r["compound"] == "etizolam" and r["run_file"].endswith("data.ms")}


@pytest.mark.parametrize("run", ["220223001", "220223002", "220223005", "220223008", "220223016", "220223018"])
def test_etizolam_and_internal_standard_screened(shared_data, lrcfs_method, run):
    row = _truth(shared_data)[run]
    results = {r.target.name: r for r in screen_run(read_run(shared_data / "gcms" / LRCFS / f"{run}.D"),
                                                    lrcfs_method)}
    istd, etizolam = results["IS 140"], results["etizolam"]
    assert istd.status == "found" and abs(istd.rt_min - 6.51) < 0.02 and all(q.within for q in istd.qualifiers)
    if row["present"] == "yes":
        assert etizolam.status == "found" and abs(etizolam.rt_min - float(row["rt_min"])) <= 0.02
        assert etizolam.rt_shift == pytest.approx(etizolam.rt_min - 10.26)
        assert 0 < etizolam.area_ratio_to_istd < 2
    else:
        assert etizolam.status == "not_found" and "no peak of m/z 342" in etizolam.reason


def test_area_ratio_follows_the_calibration_levels(shared_data, lrcfs_method):
    ratios = []
    for run in ("220223002", "220223004", "220223006", "220223008"):   # 25, 75, 150, 250 ug/mL
        results = screen_run(read_run(shared_data / "gcms" / LRCFS / f"{run}.D"), lrcfs_method)
        ratios.append(next(r for r in results if r.target.name == "etizolam").area_ratio_to_istd)
    assert ratios == sorted(ratios) and ratios[-1] > 8 * ratios[0]


def test_internal_standard_is_not_won_by_a_homologue(shared_data, tmp_path):
    """A window spanning methyl palmitate (C16, larger, nearer the expected time) and methyl stearate (C18):
    the qualifiers from the FAMES_REF library spectrum of C18 (87 at 68 %, M+ 298) pick C18."""
    path = tmp_path / "fame.toml"
    path.write_text("[internal_standard]\nname = 'methyl stearate'\nrt_min = 18.6\nrt_window_min = 1.1\n"
                    "quant_ion = 74\nqualifiers = [87, 298]\nqualifier_ratios = [68, 4]\n")
    run = read_run(shared_data / "gcms" / FAME_RUN[0] / FAME_RUN[1])
    (istd,) = screen_run(run, read_method(path))
    assert istd.found and abs(istd.rt_min - 19.585) < 0.02
    # without expected ratios the co-eluting molecular ion still decides
    path.write_text(path.read_text().replace("qualifier_ratios = [68, 4]\n", ""))
    (istd,) = screen_run(run, read_method(path))
    assert istd.status == "found" and abs(istd.rt_min - 19.585) < 0.02


def test_target_by_retention_index(shared_data, tmp_path):
    run = read_run(shared_data / "gcms" / FAME_RUN[0] / FAME_RUN[1])
    calibration = calibration_from_run(run, "fame")
    path = tmp_path / "ri.toml"
    path.write_text("[[target]]\nname = 'methyl myristate'\nri = 1400\nri_window = 15\nquant_ion = 74\n"
                    "qualifiers = [87, 242]\n")
    (result,) = screen_run(run, read_method(path), calibration)
    assert result.found and abs(result.rt_min - 15.570) < 0.02
    (missing,) = screen_run(run, read_method(path))
    assert not missing.found and "no RI calibration" in missing.reason


def test_analyse_run_reports_targets_with_their_component(shared_data, lrcfs_method):
    result = analyse_run(shared_data / "gcms" / LRCFS / "220223018.D", search=False, method=lrcfs_method)
    data = result.to_dict()
    assert data["method"]["name"] == "LRCFS etizolam"
    etizolam = next(t for t in data["targets"] if t["name"] == "etizolam")
    component = data["components"][etizolam["component"] - 1]
    assert abs(component["rt_min"] - etizolam["rt_min"]) < 0.03 and component["model_mz"] == 342
