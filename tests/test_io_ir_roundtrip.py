"""IR readers/writers: round trips, text variants and damaged files (clear error, no hang)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nps_id.errors import InputError
from nps_id.io import detect_format, read_spectra, write_spectra


def _same(a, b) -> None:
    assert (a.technique, a.x_unit, a.y_unit, a.name) == (b.technique, b.x_unit, b.y_unit, b.name)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y)


# -- text -------------------------------------------------------------------------------------
def test_two_column_ms_text_is_ms(tmp_path: Path) -> None:
    path = tmp_path / "peaks.txt"
    path.write_text("51 27\n55 80\n58 999\n91 120\n134 10\n")
    s = read_spectra(path)[0]
    assert (s.technique, s.x_unit, s.y_unit) == ("ms", "m/z", "relative abundance")
    assert list(s.x) == [51, 55, 58, 91, 134]


def test_evenly_spaced_integer_x_without_clues_is_ir(tmp_path: Path) -> None:
    path = tmp_path / "ir.txt"
    path.write_text("".join(f"{x} {0.1 + x / 10000}\n" for x in range(600, 4001, 2)))
    assert read_spectra(path)[0].technique == "ir"


def test_header_mentioning_mz_is_ms(tmp_path: Path) -> None:
    path = tmp_path / "ms.csv"
    path.write_text("m/z;intensity\n58;999\n91;120\n")
    assert read_spectra(path)[0].technique == "ms"


@pytest.mark.parametrize("body", [
    "1234,5;0,123\n1236,5;0,2\n",
    "1234,5\t0,123\n1236,5\t0,2\n",
    "1234,5 0,123\n1236,5 0,2\n",
    "1234.5,0.123\n1236.5,0.2\n",
    "wavenumber,absorbance\n1234.5,0.123\n1236.5,0.2\n",
])
def test_decimal_comma_and_separators(tmp_path: Path, body: str) -> None:
    path = tmp_path / "s.csv"
    path.write_text("# compound: Cocaine HCl\n# cas: 53-21-4\n" + body)
    s = read_spectra(path)[0]
    assert list(s.x) == [1234.5, 1236.5] and list(s.y) == [0.123, 0.2]
    assert (s.technique, s.x_unit, s.name, s.get("cas")) == ("ir", "1/cm", "Cocaine HCl", "53-21-4")


def test_bad_row_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("x,y\n1000,0.1\n1002,oops\n")
    with pytest.raises(InputError) as info:
        read_spectra(path)
    assert "bad.csv, line 3" in str(info.value)


def test_csv_round_trip_keeps_spectrum_metadata_and_recipe(shared_data: Path, tmp_path: Path) -> None:
    original = read_spectra(shared_data / "ir" / "formats" / "jcamp" / "nist_coblentz_ethylbenzene_100-41-4.jdx")[0]
    original = original.processed("demo_step", {"window": 5})
    out = write_spectra([original], tmp_path / "OUT.csv")
    assert out == [tmp_path / "OUT.csv"]
    back = read_spectra(out[0])[0]
    _same(original, back)
    assert back.get("cas") == "100-41-4" and back.get("synonyms") == ["ethylbenzene"]
    assert [st.name for st in back.recipe] == ["demo_step"]


def test_csv_writer_numbers_several_spectra(shared_data: Path, tmp_path: Path) -> None:
    spectra = read_spectra(shared_data / "ir" / "formats" / "jcamp" / "lancashire_compound.jdx")
    out = write_spectra(spectra, tmp_path / "OUT.csv")
    assert [p.name for p in out] == [f"OUT-{i}.csv" for i in range(1, 6)]
    for s, p in zip(spectra, out):
        _same(s, read_spectra(p)[0])


def test_csv_round_trip_of_ms_spectrum(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("51 27\n55 80\n58 999\n")
    s = read_spectra(path)[0]
    back = read_spectra(write_spectra([s], tmp_path / "o.csv")[0])[0]
    _same(s, back)


# -- JCAMP writer ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["lancashire_sqzdupd1.jdx", "nzhagen_example_compound_file.jdx",
                                  "openspecy_ftir_nitrocellulose.jdx"])
def test_jcamp_round_trip(shared_data: Path, tmp_path: Path, name: str) -> None:
    spectra = read_spectra(shared_data / "ir" / "formats" / "jcamp" / name)
    out = write_spectra(spectra, tmp_path / "out.jdx")
    back = read_spectra(out[0])
    assert len(back) == len(spectra)
    for a, b in zip(spectra, back):
        assert (a.technique, a.x_unit, a.y_unit, a.name) == (b.technique, b.x_unit, b.y_unit, b.name)
        assert np.allclose(a.x, b.x, rtol=1e-12) and np.array_equal(a.y, b.y)


def test_jcamp_mass_spectrum_peak_table(tmp_path: Path) -> None:
    path = tmp_path / "ms.jdx"
    path.write_text("##TITLE=Methamphetamine\n##JCAMP-DX=4.24\n##DATA TYPE=MASS SPECTRUM\n"
                    "##CAS REGISTRY NO=537-46-2\n##MOLFORM=C10 H15 N\n##$INCHIKEY=MYWUZJCMWCOHBA-VIFPVBQESA-N\n"
                    "##XUNITS=M/Z\n##YUNITS=RELATIVE ABUNDANCE\n##NPOINTS=3\n##PEAK TABLE=(XY..XY)\n"
                    "58,999 $$ base peak\n91,120 134,10\n##END=\n")
    s = read_spectra(path)[0]
    assert (s.technique, s.x_unit) == ("ms", "m/z")
    assert list(s.x) == [58, 91, 134] and list(s.y) == [999, 120, 10]
    assert (s.get("cas"), s.get("formula"), s.get("inchikey")) == (
        "537-46-2", "C10H15N", "MYWUZJCMWCOHBA-VIFPVBQESA-N")
    back = read_spectra(write_spectra([s], tmp_path / "o.jdx")[0])[0]
    _same(s, back)
    assert back.get("inchikey") == s.get("inchikey")


def test_jcamp_gcms_run_is_sent_to_the_gcms_command(tmp_path: Path) -> None:
    path = tmp_path / "run.jdx"
    path.write_text("##TITLE=run\n##JCAMP-DX=5.01\n##DATA TYPE=MASS SPECTRUM\n##NTUPLES=MASS SPECTRUM\n"
                    "##VAR_NAME=MASS, INTENSITY, RETENTION TIME\n##PAGE=T=1.0\n##DATA TABLE=(XY..XY), PEAKS\n"
                    "50,10\n##END NTUPLES=MASS SPECTRUM\n##END=\n")
    with pytest.raises(InputError, match="whole GC-MS run; open it with `nps-id gcms`"):
        read_spectra(path)


# -- damaged files: clear error, never a traceback or hang -------------------------------------------
DAMAGED = [
    "jcamp/lancashire_dupdec1.jdx", "jcamp/nzhagen_example_compound_file.jdx",
    "galactic_spc/spectrochempy_HCL.SPC", "galactic_spc/rohanisaac_m_xyxy.spc",
    "galactic_spc/rohanisaac_m_ordz.spc", "omnic_spa/orange_sample1.spa",
    "opus/spectrochempy_test.0000", "perkinelmer/orange_single_PE_spectrum.sp",
    "agilent/openspecy_ftir_ldpe_soil.asp",
]


@pytest.mark.parametrize("name", DAMAGED)
@pytest.mark.parametrize("fraction", [0.05, 0.5, 0.97])
def test_truncated_files_give_a_clear_error(shared_data: Path, tmp_path: Path, name: str,
                                            fraction: float) -> None:
    source = shared_data / "ir" / "formats" / name
    data = source.read_bytes()
    path = tmp_path / source.name
    path.write_bytes(data[: int(len(data) * fraction)])
    try:
        spectra = read_spectra(path)
    except InputError as exc:
        assert source.name in str(exc)
        return
    # some formats keep a full spectrum even when the tail (log, history) is cut
    full = read_spectra(source)
    assert [len(s) for s in spectra] == [len(s) for s in full[: len(spectra)]]


def test_opus_detected_by_magic_bytes_not_extension(shared_data: Path, tmp_path: Path) -> None:
    source = shared_data / "ir" / "formats" / "opus" / "openspecy_ftir_ps.0"
    renamed = tmp_path / "sample.0042"
    renamed.write_bytes(source.read_bytes())
    assert detect_format(renamed).name == "opus"
    not_opus = shared_data / "ir" / "formats" / "omnic_spa" / "spectrochempy_not_opus.spa"
    assert detect_format(not_opus).name == "omnic"
