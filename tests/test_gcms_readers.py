"""GC-MS run readers on the real runs in ../shared/data/gcms (read in place)."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from nps_id.errors import InputError
from nps_id.gcms import read_run
from nps_id.gcms.chromatogram import tic, xic
from nps_id.gcms.mzml import write_mzml


def _inventory(shared: Path) -> dict[str, dict[str, str]]:
    with open(shared / "gcms" / "runs.tsv", newline="") as handle:
        return {row["run_file"]: row for row in csv.DictReader(handle, delimiter="\t")}


RUNS = ["CoreMS/GCMS_FAMEs_01_GCMS02_20200317.D/DATA.MS", "LRCFS_benzodiazepines/220223002.D/data.ms",
        "LRCFS_benzodiazepines/ms1_proteowizard/220223018.ms1", "PyMassSpec/ELEY_1_SUBTRACT.JDX",
        "chromConverterExtraTests/HP_MS.CDF", "gcmstools/datasample2.CDF", "netcdf-gcms/agilent-gcms.cdf",
        "rainbow/caye_nmr_test_mix.D/data.ms", "rainbow/caye_nmr_test_mix.D/dataSim.ms"]


@pytest.mark.parametrize("run_file", RUNS)
def test_run_matches_inventory(shared_data, run_file):
    expected = _inventory(shared_data)[run_file]
    run = read_run(shared_data / "gcms" / run_file)
    assert run.n_scans == int(expected["scans"])
    assert run.times[0] == pytest.approx(float(expected["rt_first_min"]), abs=0.002)
    assert run.times[-1] == pytest.approx(float(expected["rt_last_min"]), abs=0.002)
    columns, _ = run.nominal_matrix()
    assert columns.min() == pytest.approx(int(expected["mz_min"]), abs=1)
    assert columns.max() == pytest.approx(int(expected["mz_max"]), abs=1)
    assert run.mode == ("sim" if "SIM" in expected["format"] else "scan")
    assert run.metadata["source_file"].endswith(Path(run_file).name)


def test_d_folder_and_metadata(shared_data):
    run = read_run(shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223002.D")
    assert run.sample_name == "25ug/mL Etizolam"
    assert run.metadata["method"].startswith("benzodiazepines")
    assert "23 Feb 22" in run.metadata["date"]
    upper = read_run(shared_data / "gcms" / "CoreMS" / "GCMS_FAMEs_01_GCMS02_20200317.D")
    assert upper.metadata["source_file"].endswith("DATA.MS")


def test_ms1_export_agrees_with_d_folder(shared_data):
    base = shared_data / "gcms" / "LRCFS_benzodiazepines"
    d = read_run(base / "220223018.D")
    ms1 = read_run(base / "ms1_proteowizard" / "220223018.ms1")
    assert np.allclose(d.times, ms1.times, atol=1e-3)
    # non-integer exports (43.9, 100.1) must bin to the same nominal ions as the binary file
    xd, xm = xic(d, [342, 344]), xic(ms1, [342, 344])
    assert np.argmax(xd) == np.argmax(xm)
    assert np.corrcoef(tic(d), tic(ms1))[0, 1] > 0.999


def test_jcamp_run_nominal_binning_of_miscalibrated_mz(shared_data):
    run = read_run(shared_data / "gcms" / "PyMassSpec" / "GECO_1_SUBTRACT.JDX")
    apex = run.scan_index_of(25.995)
    mz, inten = run.scan(apex)
    assert np.any(np.abs(mz - 268.65) < 0.02)       # M+ of ethyl centralite, read 0.65 high
    columns, matrix = run.nominal_matrix()
    assert matrix[apex, np.searchsorted(columns, 268)] > 0  # floor(mz + 0.3) keeps it at 268


def test_mzml_round_trip(shared_data, tmp_path):
    run = read_run(shared_data / "gcms" / "chromConverterExtraTests" / "HP_MS.CDF")
    out = write_mzml(run, tmp_path / "hp.mzML")
    back = read_run(out)
    assert back.n_scans == run.n_scans
    assert np.allclose(back.times, run.times)
    assert np.allclose(back.intensity, run.intensity)
    assert np.allclose(back.mz, run.mz)


@pytest.mark.parametrize("content", [b"", b"hello world\n", b"\x01\x32\x00\x00garbage"])
def test_bad_input_is_a_clear_error(tmp_path, content):
    path = tmp_path / "bad.ms"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_run(path)
    assert "bad.ms" in str(err.value)


def test_folder_without_data_ms(tmp_path):
    folder = tmp_path / "empty.D"
    folder.mkdir()
    with pytest.raises(InputError, match="data.ms"):
        read_run(folder)


def test_runs_are_told_from_single_spectra_by_content(shared_data, tmp_path):
    from nps_id.gcms import is_run

    for run_file in _inventory(shared_data):
        assert is_run(shared_data / "gcms" / run_file), run_file
    assert is_run(shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223002.D")  # the folder itself
    single_spectra = [*sorted((shared_data / "ir" / "formats" / "jcamp").glob("*.jdx"))[:10],
                      shared_data / "ms" / "bench" / "queries.msp", shared_data / "gcms" / "runs.tsv"]
    for path in single_spectra:
        assert not is_run(path), path
    assert not is_run(tmp_path)  # an empty folder
    assert not is_run(tmp_path / "missing.jdx")
