"""EI readers other than MSP, and format detection from content rather than name."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from nps_id.errors import InputError
from nps_id.io import detect_format, read_spectra, write_spectra
from nps_id.io.msp import read_msp

DATA = Path(__file__).parent / "data"


def test_massbank_record_with_synonyms_links_and_peaks(tmp_path):
    # a misleading extension: detection goes by content
    path = tmp_path / "record.dat"
    shutil.copy(DATA / "massbank_cocaine_record.txt", path)
    assert detect_format(path).name == "massbank"
    (spectrum,) = read_spectra(path)
    assert spectrum.name == "Cocaine"
    assert spectrum.get("synonyms") == ["Benzoylmethylecgonine"]
    assert spectrum.get("cas") == "50-36-2"
    assert spectrum.get("inchikey") == "ZPUCINDJVBIVPJ-LJISPDSOSA-N"
    assert spectrum.get("source_id") == "MSBNK-Test-TE000001"
    assert list(spectrum.x) == [82, 105, 182, 303]
    assert list(spectrum.y) == [500, 300, 999, 150]


def test_massbank_record_with_wrong_peak_count_is_refused(tmp_path):
    text = (DATA / "massbank_cocaine_record.txt").read_text().replace("PK$NUM_PEAK: 4", "PK$NUM_PEAK: 5")
    path = tmp_path / "bad.txt"
    path.write_text(text)
    with pytest.raises(InputError, match="declares 5 peaks but has 4"):
        read_spectra(path)


def test_msp_with_txt_extension_and_jcamp_ms_round_trip(tmp_path, shared_data):
    spectra, _ = read_msp(shared_data / "ms" / "bench" / "queries.msp")
    sample = spectra[:3]
    as_txt = tmp_path / "export.txt"
    write_spectra(sample, tmp_path / "export.msp")
    (tmp_path / "export.msp").rename(as_txt)
    assert detect_format(as_txt).name == "msp"
    jdx = tmp_path / "export.jdx"
    write_spectra(sample, jdx)
    assert detect_format(jdx).name == "jcamp"
    back = read_spectra(jdx)
    assert [s.technique for s in back] == ["ms"] * 3
    for a, b in zip(sample, back):
        np.testing.assert_allclose(a.x, b.x)
        np.testing.assert_allclose(a.y, b.y)


def test_two_column_text_mass_spectrum_is_ms(tmp_path):
    path = tmp_path / "unknown.txt"
    path.write_text("41 120\n43 999\n57 640\n71 210\n85 90\n")
    (spectrum,) = read_spectra(path)
    assert spectrum.technique == "ms"
    assert list(spectrum.x) == [41, 43, 57, 71, 85]
    csv = tmp_path / "unknown.csv"
    write_spectra([spectrum], csv)
    (again,) = read_spectra(csv)
    assert again.technique == "ms"
    np.testing.assert_array_equal(again.y, spectrum.y)


def test_msp_with_inchi_branches_is_not_taken_for_amdis_msl(tmp_path):
    """An InChI's "(2,3)" looked like an AMDIS (m/z abundance) pair: the MSP went to the MSL reader,
    which refused its peak lines."""
    from nps_id.io.registry import detect_format

    record = ("Name: 3-Decenyltrimethylsilane\nInChI: InChI=1S/C13H28Si/c1-5-6-7-8-9-10-11-12-13-14(2,3)4\n"
              "Num Peaks: 3\n73 999\n59 120\n212 40\n\n")
    path = tmp_path / "silanes.msp"
    path.write_text(record * 3)
    assert detect_format(path).name == "msp"
    spectra = read_spectra(path)
    assert len(spectra) == 3 and spectra[0].x.tolist() == [59.0, 73.0, 212.0]
