"""Deconvolution on real runs: etizolam in the LRCFS set, gcmstools compounds, SIM handling."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from nps_id.gcms import read_run
from nps_id.gcms.analysis import analyse_run
from nps_id.gcms.deconvolution import _cosine, deconvolve

LRCFS = "LRCFS_benzodiazepines"


def _truth(shared: Path, subset: str) -> list[dict[str, str]]:
    with open(shared / "gcms" / subset / "truth.tsv", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="module")
def etizolam_reference(shared_data):
    """Etizolam apex spectrum of the 250 ug/mL calibrant (the truth table's own reference)."""
    comps = deconvolve(read_run(shared_data / "gcms" / LRCFS / "220223008.D"))
    best = max((c for c in comps if abs(c.rt_min - 10.30) < 0.05), key=lambda c: c.height)
    assert best.model_mz == 342 or 342 in best.top_ions(3)
    return best.spectrum


def _major(spectrum, fraction=0.01):
    """The ions at >= 1 % of the base peak (noise-level ions left out of the comparison)."""
    keep = spectrum.y >= fraction * spectrum.y.max()
    return type(spectrum)(spectrum.x[keep], spectrum.y[keep])


def _cos(a, b):
    return _cosine(_major(a), _major(b))


def _etizolam_like(comps, reference):
    return [c for c in comps if 10.15 <= c.rt_min <= 10.4 and 342 in c.top_ions(3)
            and _cos(c.spectrum, reference) > 0.9]


def _lrcfs_rows():
    data = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gcms" / LRCFS / "truth.tsv"
    if not data.exists():
        return []
    with open(data, newline="") as handle:
        return [r for r in csv.DictReader(handle, delimiter="\t") if r["compound"] == "etizolam"]


@pytest.mark.parametrize("row", _lrcfs_rows(), ids=lambda r: r["run_file"].split("/")[-2 if "/" in r["run_file"] else 0])
def test_etizolam_found_where_present_and_not_in_blanks(shared_data, etizolam_reference, row):
    run = read_run(shared_data / "gcms" / LRCFS / row["run_file"])
    comps = deconvolve(run)
    hits = _etizolam_like(comps, etizolam_reference)
    if row["present"] == "yes":
        rt = float(row["rt_min"])
        found = [c for c in comps if abs(c.rt_min - rt) <= 0.05 and 342 in c.top_ions(3)]
        assert found, "etizolam (342 among the 3 largest ions) not found at its truth RT"
        # one peak, one component: no second component made of etizolam fragments beside it
        pieces = [c for c in comps if abs(c.rt_min - rt) <= 0.05 and set(c.top_ions(3)) & {342, 313, 266, 224}]
        assert len(pieces) == 1, f"etizolam split into {[(round(c.rt_min, 3), c.top_ions(4)) for c in pieces]}"
        # low-level check standards (40 ug/mL) match the overloaded 250 ug/mL spectrum less well
        assert max(_cos(c.spectrum, etizolam_reference) for c in found) > 0.8
    else:
        assert not hits, f"etizolam reported in a run without it: {[c.rt_min for c in hits]}"
    # the internal standard (base 140) elutes at about 6.51 min in every run, blanks included
    internal = [c for c in comps if abs(c.rt_min - 6.511) <= 0.02 and c.top_ions(1) == [140]]
    assert internal


def test_small_peak_beside_big_one(shared_data):
    """Run 018: a 0.3 % component (7.80 min) near the 33 % peak at 7.43 min is still found."""
    comps = deconvolve(read_run(shared_data / "gcms" / LRCFS / "220223018.D"))
    big = [c for c in comps if abs(c.rt_min - 7.426) < 0.02]
    small = [c for c in comps if abs(c.rt_min - 7.797) < 0.02]
    assert big and small and small[0].area_pct < 0.02 * big[0].area_pct
    assert small[0].purity > 0.5


@pytest.mark.parametrize("run_file", ["datasample1.CDF", "datasample2.CDF"])
def test_gcmstools_truth_compounds_found_at_their_rt(shared_data, run_file):
    comps = deconvolve(read_run(shared_data / "gcms" / "gcmstools" / run_file))
    rows = [r for r in _truth(shared_data, "gcmstools") if r["run_file"] == run_file]
    for row in rows:
        key = [int(k) for k in row["key_ions"].split("/")]
        near = [c for c in comps if abs(c.rt_min - float(row["rt_min"])) <= 0.05
                and set(key[:2]) & set(c.top_ions(5))]
        assert near, f"{row['compound']} at {row['rt_min']} not found"


@pytest.mark.parametrize("run_file", ["datasample1.CDF", "datasample2.CDF"])
def test_benzene_and_cyclohexane_are_two_components(shared_data, run_file):
    """They co-elute 0.006 min apart; their ions interleave in m/z, so no skew line joins them."""
    comps = deconvolve(read_run(shared_data / "gcms" / "gcmstools" / run_file))
    rows = {r["compound"]: float(r["rt_min"]) for r in _truth(shared_data, "gcmstools") if r["run_file"] == run_file}
    benzene = [c for c in comps if abs(c.rt_min - rows["benzene"]) <= 0.02 and c.top_ions(1) == [78]]
    cyclohexane = [c for c in comps if abs(c.rt_min - rows["cyclohexane"]) <= 0.02 and set(c.top_ions(2)) == {56, 84}]
    assert len(benzene) == 1 and len(cyclohexane) == 1
    assert 78 not in cyclohexane[0].top_ions(4) and 84 not in benzene[0].top_ions(4)


def test_skew_measured_and_recorded(shared_data):
    """The scan's m/z sweep delays ions linearly with m/z; the measured skew is in the recipe."""
    from nps_id.gcms.deconvolution import estimate_skew, prepare
    from nps_id.gcms.peaks import find_ion_apexes

    run = read_run(shared_data / "gcms" / "CoreMS" / "GCMS_FAMEs_01_GCMS02_20200317.D")
    prep = prepare(run)
    apexes = find_ion_apexes(prep["smoothed"], prep["noise"], 3.0)
    slope, peaks = estimate_skew(prep["smoothed"], prep["noise"], prep["columns"], apexes)
    assert peaks >= 10 and 0.0005 < slope < 0.01   # scans per m/z unit
    comps = deconvolve(run)
    step = comps[0].spectrum.recipe[-1]
    assert step.params["scan_skew"] == pytest.approx(100 * slope, abs=1e-3)
    assert step.params["settings"] == {"sensitivity": "medium", "resolution": "medium", "shape": "medium"}
    # switched off, it is recorded as 0
    off = deconvolve(run, scan_skew=0)
    assert off[0].spectrum.recipe[-1].params["scan_skew"] == 0


def test_presets_change_what_is_found(shared_data):
    from nps_id.gcms.settings import deconvolution_params, settings_of

    run = read_run(shared_data / "gcms" / "netcdf-gcms" / "agilent-gcms.cdf")
    low = deconvolve(run, **deconvolution_params(sensitivity="low"))
    high = deconvolve(run, **deconvolution_params(sensitivity="high"))
    assert len(high) > len(low)
    assert settings_of(deconvolution_params(resolution="high"))["resolution"] == "high"
    assert settings_of({**deconvolution_params(), "same_peak_scans": 9})["resolution"] == "custom"
    from nps_id.errors import NpsIdError
    with pytest.raises(NpsIdError, match="sensitivity"):
        deconvolution_params(sensitivity="extreme")


def test_sim_run_listed_by_ion_and_not_searched(shared_data):
    from nps_id.gcms.identify import PlainCosineSearch
    result = analyse_run(shared_data / "gcms" / "rainbow" / "caye_nmr_test_mix.D" / "dataSim.ms",
                         library=PlainCosineSearch.from_file(shared_data / "ms" / "bench" / "library.msp"))
    assert result.run.mode == "sim"
    assert not result.searched
    assert any("SIM" in w for w in result.warnings)
    assert result.components and all(c.n_ions == 1 for c in result.components)
    assert {c.model_mz for c in result.components} == {131, 202}


def test_component_fields(shared_data):
    run = read_run(shared_data / "gcms" / "chromConverterExtraTests" / "HP_MS.CDF")
    comps = deconvolve(run)
    assert sum(c.area_pct for c in comps) == pytest.approx(100.0)
    for row in _truth(shared_data, "chromConverterExtraTests"):
        near = [c for c in comps if abs(c.rt_min - float(row["rt_min"])) <= 0.03]
        assert near, row["compound"]
        spec = near[0].spectrum
        assert spec.technique == "ms" and spec.get("retention_time") == pytest.approx(near[0].rt_min)
        assert spec.get("source_file").endswith("HP_MS.CDF")
        assert spec.recipe and spec.recipe[-1].name == "deconvolve"
