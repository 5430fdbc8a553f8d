"""Every IR format sample in ../shared/data/ir/formats is read to the values an
independent decoding gives, or refused with a message naming the file.

Independent references used:
* FORMATS.md "parsed" column (written by the data curators with their own
  decoders, brukeropus and rohanisaac/spc): point counts and x ranges;
* the converted CSV copies in ../shared/data/ir/<source>/ (index.csv names
  the original file each was decoded from);
* compressed vs uncompressed JCAMP variants of the same spectrum;
* other exports of the same measurement (OPUS .0 vs its Bruker .dpt text
  export; Galactic POLYS.SPC absorbance vs the Lancashire polystyrene
  transmittance file; Agilent mosaic tiles vs the set's aggregate .dms image
  and the ENVI .hdr wavelength list).
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from nps_id.errors import InputError, NotASpectrumError
from nps_id.io import read_spectra


@pytest.fixture(scope="module")
def ir(shared_data: Path) -> Path:
    folder = shared_data / "ir"
    if not (folder / "formats").is_dir():
        pytest.skip(f"IR format samples not found in {folder}")
    return folder


def _formats_rows(ir: Path) -> dict[str, str]:
    """FORMATS.md: file -> "parsed" column."""
    rows = {}
    for line in (ir / "formats" / "FORMATS.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 7 and "/" in cells[1] and not cells[1].startswith("---"):
            rows[cells[1]] = cells[6]
    return rows


def _sorted(s):
    order = np.argsort(s.x, kind="stable")
    return s.x[order], s.y[order]


def _assert_same(a_x, a_y, b_x, b_y, what: str, y_scale: float | None = 1.0) -> None:
    """Same points, x within 0.01 %, y correlation > 0.9999 and same values (scaled)."""
    ax, ay = np.asarray(a_x), np.asarray(a_y)
    bx, by = np.asarray(b_x), np.asarray(b_y)
    oa, ob = np.argsort(ax, kind="stable"), np.argsort(bx, kind="stable")
    ax, ay, bx, by = ax[oa], ay[oa], bx[ob], by[ob]
    assert ax.size == bx.size, f"{what}: {ax.size} vs {bx.size} points"
    span = max(abs(ax).max(), 1e-12)
    assert np.max(np.abs(ax - bx)) <= 1e-4 * span, f"{what}: x differs by {np.max(np.abs(ax - bx))}"
    ok = np.isfinite(ay) & np.isfinite(by)
    r = np.corrcoef(ay[ok], by[ok])[0, 1]
    assert r > 0.9999, f"{what}: y correlation {r}"
    rng = np.ptp(by[ok]) or 1.0
    if y_scale is None:  # same shape, scale factor fitted (files whose YFACTOR disagrees)
        y_scale = float(np.dot(ay[ok], by[ok]) / np.dot(ay[ok], ay[ok]))
    assert np.max(np.abs(ay[ok] * y_scale - by[ok])) <= 2e-3 * rng, f"{what}: y values differ"


# -- files refused with a clear message ----------------------------------------------
REFUSED = [
    "omnic_spa/spectrochempy_interfero.SPA",
    "opus/openspecy_ftir_ps.2",
    "opus/spectrochempy_background.0",
    "agilent/orange_agilent_sets/background_agg256.seq",
    "agilent/orange_agilent_sets/4_noimage_agg256.bsp",
    "agilent/orange_agilent_sets/4_noimage_agg256.dat",
    "agilent/orange_agilent_sets/4_noimage_agg256.hdr",
    "agilent/orange_agilent_sets/5_Mosaic_agg1024.dat",
    "agilent/orange_agilent_sets/5_Mosaic_agg1024.dms",
    "agilent/orange_agilent_sets/5_Mosaic_agg1024.hdr",
    "agilent/orange_agilent_sets/5_Mosaic_agg1024_0000_0000.dmd",
    "agilent/orange_agilent_sets/5_Mosaic_agg1024_0000_0000.drd",
    "agilent/orange_agilent_sets/5_Mosaic_agg1024_0000_0001.dmd",
    "agilent/orange_agilent_sets/5_Mosaic_agg1024_0000_0001.drd",
    "agilent/orange_agilent_sets/background_agg256.bsp",
    "agilent/orange_agilent_sets/background_agg256.dat",
]


@pytest.mark.parametrize("name", REFUSED)
def test_non_spectrum_files_are_refused_naming_the_file(ir: Path, name: str) -> None:
    path = ir / "formats" / name
    with pytest.raises(NotASpectrumError) as info:
        read_spectra(path)
    assert path.name in str(info.value)


def test_every_format_sample_is_read_or_refused(ir: Path) -> None:
    refused = {str(ir / "formats" / n) for n in REFUSED}
    files = [p for p in (ir / "formats").rglob("*") if p.is_file() and p.name != "FORMATS.md"]
    assert len(files) >= 78
    for path in files:
        if str(path) in refused:
            continue
        spectra = read_spectra(path)
        assert spectra, path
        for s in spectra:
            assert len(s) > 0 and np.isfinite(s.x).all(), path
            assert s.get("source_file") == str(path)


# -- FORMATS.md "parsed" column ---------------------------------------------------------
_RANGE = r"(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)"


def _expected_blocks(parsed: str) -> list[tuple[int, float, float]]:
    return [(int(n), float(a), float(b)) for n, a, b in re.findall(r"(\d+) pts " + _RANGE, parsed)]


def _check_range(s, lo: float, hi: float, what: str) -> None:
    got_lo, got_hi = s.x_range
    assert abs(got_lo - lo) <= 1.0 and abs(got_hi - hi) <= 1.0, f"{what}: x {got_lo}-{got_hi}, expected {lo}-{hi}"


def test_points_and_ranges_match_formats_md(ir: Path) -> None:
    rows = _formats_rows(ir)
    checked = 0
    for name, parsed in rows.items():
        path = ir / "formats" / name
        if name in REFUSED or "not parsed" in parsed:
            continue
        spectra = read_spectra(path)
        if name.startswith("opus/"):
            block = re.search(r"\b(a|t|r): (\d+) pts " + _RANGE, parsed)
            assert block, parsed
            assert spectra[0].get("opus_block") == block.group(1)
            assert len(spectra[0]) == int(block.group(2)), name
            _check_range(spectra[0], float(block.group(3)), float(block.group(4)), name)
            checked += 1
            continue
        if name.startswith("galactic_spc/"):
            nsub = int(re.search(r"(\d+) subfile", parsed).group(1))
            if nsub == 0:  # the reference decoder failed on this file (see notes)
                continue
            assert len(spectra) == nsub, f"{name}: {len(spectra)} subfiles, expected {nsub}"
            xr = re.search(r'x "[^"]*" ' + _RANGE, parsed)
            if nsub == 1 and xr:
                _check_range(spectra[0], *sorted((float(xr.group(1)), float(xr.group(2)))), name)
            checked += 1
            continue
        expected = _expected_blocks(parsed)
        assert expected, f"cannot understand FORMATS.md entry {parsed!r}"
        blocks = re.search(r"(\d+) block\(s\)", parsed)
        if blocks:
            assert len(spectra) == int(blocks.group(1)), name
        for s, (n, lo, hi) in zip(spectra, expected):  # FORMATS.md lists the first blocks
            assert len(s) == n, f"{name}: {len(s)} points, expected {n}"
            _check_range(s, lo, hi, name)
        checked += 1
    assert checked >= 55


# -- JCAMP: compressed vs uncompressed forms of one spectrum -------------------------------
JCAMP_PAIRS = [
    # FIX vs DIFDUP; jtpolysd's YFACTOR (2.3884e-9) disagrees with its FIRSTY by 0.18 %
    ("lancashire_jtpolys.jdx", "lancashire_jtpolysd.jdx", "fit"),
    ("lancashire_pacdec1.jdx", "jcampdxorg_PE1800.DX", 0.01),  # PAC, %T vs T
    ("nzhagen_test_noencoding_example.jdx", "nzhagen_test_difdup_example.jdx", 1.0),  # AFFN vs DIFDUP
    ("jcampdxorg_TEST32.DX", "jcampdxorg_TESTSPEC.DX", None),  # 32-bit vs scaled 16-bit SQZ/DIF
]


@pytest.mark.parametrize("a, b, scale", JCAMP_PAIRS)
def test_jcamp_compressed_and_plain_forms_agree(ir: Path, a: str, b: str, scale) -> None:
    sa = read_spectra(ir / "formats" / "jcamp" / a)[0]
    sb = read_spectra(ir / "formats" / "jcamp" / b)[0]
    if scale == "fit":
        _assert_same(sa.x, sa.y, sb.x, sb.y, f"{a} vs {b}", y_scale=None)
    elif scale is None:
        ax, ay = _sorted(sa)
        bx, by = _sorted(sb)
        assert ax.size == bx.size and np.allclose(ax, bx, rtol=1e-6)
        assert np.corrcoef(ay, by)[0, 1] > 0.9999
    else:
        _assert_same(sa.x, sa.y, sb.x, sb.y, f"{a} vs {b}", y_scale=scale)


def test_jcamp_dupinc2_matches_xyinc1_indene(ir: Path) -> None:
    """Same indene spectrum on two x grids: DIFDUP (0.964 cm-1) vs AFFN (1 cm-1)."""
    dup = read_spectra(ir / "formats" / "jcamp" / "lancashire_dupinc2.jdx")[0]
    xy = read_spectra(ir / "formats" / "jcamp" / "lancashire_xyinc1.jdx")[0]
    assert len(dup) == 3734
    x, y = _sorted(xy)
    on_grid = np.interp(dup.x, x, y)
    assert np.corrcoef(dup.y, on_grid)[0, 1] > 0.9999


def test_jcamp_sqz_e_digit_is_not_an_exponent(ir: Path) -> None:
    s = read_spectra(ir / "formats" / "jcamp" / "lancashire_sqzdupd1.jdx")[0]
    assert len(s) == 18669
    assert np.isfinite(s.y).all() and s.y.max() <= 1.51 and s.y.min() >= -0.01


def test_jcamp_link_file_gives_one_spectrum_per_block(ir: Path) -> None:
    spectra = read_spectra(ir / "formats" / "jcamp" / "lancashire_compound.jdx")
    assert len(spectra) == 5
    assert all(s.technique == "ir" and s.x_unit == "1/cm" for s in spectra)
    assert len({s.name for s in spectra}) == 5


def test_jcamp_techniques_are_labelled(ir: Path) -> None:
    d = ir / "formats" / "jcamp"
    assert read_spectra(d / "jcampdxorg_TEST32.DX")[0].technique == "nmr"
    assert {s.technique for s in read_spectra(d / "nzhagen_example_compound_file.jdx")} == {"nir"}
    s = read_spectra(d / "nist_coblentz_ethylbenzene_100-41-4.jdx")[0]
    assert (s.technique, s.x_unit, s.y_unit) == ("ir", "1/cm", "transmittance")
    assert s.get("cas") == "100-41-4" and s.get("formula") == "C8H10"


# -- converted CSV copies decoded from the same files -----------------------------------
CSV_COPIES = {
    "jcamp/jcampdxorg_LABCALC.DX": "jcamp_testfiles_named/2_2_bipyridine.csv",
    "jcamp/jcampdxorg_PE1800.DX": "jcamp_testfiles_named/isobutyl_acrylate.csv",
    "jcamp/jcampdxorg_SPECFILE.DX": "jcamp_testfiles_named/polyethylene.csv",
    "jcamp/lancashire_xyinc1.jdx": "jcamp_testfiles_named/indene.csv",
    "jcamp/lancashire_jtpolysd.jdx": "jcamp_testfiles_named/polystyrene_two_films_lancashire_jtpolys.csv",
    "jcamp/nist_isopropanol_ASDF.jdx": "jcamp_repo_unknown_origin/isopropyl_alcohol.csv",
    "jcamp/nist_coblentz_ethylbenzene_100-41-4.jdx": "nist_webbook_via_stackIR/ethyl_benzene.csv",
    "jcamp/openspecy_ftir_nitrocellulose.jdx": "openspecy_examples/nitrocellulose_jdx.csv",
    "jcamp/shimadzu_IRAffinity_caffeine_run1.dx": "cos_shimadzu_stackIR/caffeine.csv",
    "jcamp/shimadzu_IRAffinity_lactose_run1.dx": "cos_shimadzu_stackIR/lactose_run1.csv",
    "opus/openspecy_ftir_ps.0": "openspecy_examples/polystyrene_ftir_ps_0.csv",
    "opus/openspecy_ftir_ps_interior.1": "openspecy_examples/polystyrene_interior_ftir_ps_interior_1.csv",
    "agilent/openspecy_ftir_ldpe_soil.asp": "openspecy_examples/ldpe_in_soil_ftir_ldpe_soil_asp.csv",
    "omnic_spa/openspecy_ftir_polyethylene.spa": "openspecy_examples/polyethylene_parafilm_spa.csv",
    "csv_text/openspecy_ftir_pva_without_header.csv": "openspecy_examples/polyvinyl_alcohol_csv.csv",
    "galactic_spc/spectrochempy_TOLUENE.SPC": "galactic_grams_demo_spc/toluene.csv",
    "galactic_spc/spectrochempy_BENZENE.SPC": "galactic_grams_demo_spc/benzene.csv",
    "galactic_spc/spectrochempy_HCL.SPC": "galactic_grams_demo_spc/hydrogen_chloride.csv",
    "galactic_spc/rohanisaac_Ft-ir.spc": "galactic_grams_demo_spc/polystyrene.csv",
}


@pytest.mark.parametrize("original, copy", sorted(CSV_COPIES.items()))
def test_reader_matches_converted_csv_copy(ir: Path, original: str, copy: str) -> None:
    csv = read_spectra(ir / copy)[0]
    # the copy names the repository it came from: it must be the original's (FORMATS.md)
    original_path = ir / "formats" / original
    row = next(line for line in (ir / "formats" / "FORMATS.md").read_text(encoding="utf-8").splitlines()
               if line.startswith(f"| {original} |"))
    assert str(csv.get("source_repo")).replace("github.com/", "") + "@" in row
    spectrum = read_spectra(original_path)[0]
    _assert_same(spectrum.x, spectrum.y, csv.x, csv.y, f"{original} vs {copy}")
    assert spectrum.technique == csv.technique == "ir"


# -- other exports of the same measurement --------------------------------------------------
def test_opus_reflectance_matches_its_dpt_text_export(ir: Path) -> None:
    opus = read_spectra(ir / "formats" / "opus" / "orange_peach_juice.0")[0]
    dpt = read_spectra(ir / "formats" / "csv_text" / "orange_peach_juice.dpt")[0]
    assert opus.y_unit == "reflectance" and opus.get("opus_block") == "r"
    _assert_same(opus.x, opus.y, dpt.x, dpt.y, "peach_juice.0 vs .dpt")


def test_opus_absorbance_block_is_brukeropus_a_block(ir: Path) -> None:
    from brukeropus import read_opus

    path = ir / "formats" / "opus" / "spectrochempy_test.0000"
    raw = read_opus(str(path)).a
    s = read_spectra(path)[0]
    _assert_same(s.x, s.y, raw.x, raw.y, "OPUS a block")
    assert s.x[0] > s.x[-1]  # native (descending) order kept


def test_galactic_polystyrene_absorbance_matches_lancashire_transmittance(ir: Path) -> None:
    """POLYS.SPC and jtpolys.jdx share their x grid (same demo film): A = -log10(T)."""
    spc = read_spectra(ir / "formats" / "galactic_spc" / "spectrochempy_POLYS.SPC")[0]
    jdx = read_spectra(ir / "formats" / "jcamp" / "lancashire_jtpolys.jdx")[0]
    assert spc.y_unit == "absorbance" and jdx.y_unit == "transmittance"
    assert len(spc) == len(jdx) == 1844
    _, a = _sorted(spc)
    _, t = _sorted(jdx)
    assert np.corrcoef(a, -np.log10(t))[0, 1] > 0.999


def test_agilent_mosaic_mean_matches_aggregate_image_and_envi_wavelengths(ir: Path) -> None:
    folder = ir / "formats" / "agilent" / "orange_agilent_sets"
    s = read_spectra(folder / "5_mosaic_agg1024.dmt")[0]
    header = (folder / "5_Mosaic_agg1024.hdr").read_text()
    wavelengths = [float(v) for v in re.search(r"wavelength = \{([^}]*)\}", header).group(1).split(",")]
    assert np.allclose(s.x, wavelengths, rtol=1e-6)
    image = np.fromfile(folder / "5_Mosaic_agg1024.dms", dtype="<f4", offset=1020).reshape(len(wavelengths), -1)
    assert np.allclose(s.y, image.mean(axis=1), rtol=1e-5)
    single = read_spectra(folder / "4_noimage_agg256.seq")[0]
    header = (folder / "4_noimage_agg256.hdr").read_text()
    wavelengths = [float(v) for v in re.search(r"wavelength = \{([^}]*)\}", header).group(1).split(",")]
    assert np.allclose(single.x, wavelengths, rtol=1e-6) and single.get("pixels") == 64


def test_spc_techniques_follow_the_x_axis_type(ir: Path) -> None:
    d = ir / "formats" / "galactic_spc"
    assert {s.technique for s in read_spectra(d / "spectrochempy_DRUG_SAMPLE.SPC")} == {"ms"}
    assert read_spectra(d / "spectrochempy_DRUG_SAMPLE.SPC")[0].x_unit == "m/z"
    assert read_spectra(d / "rohanisaac_RAMAN.SPC")[0].technique == "raman"
    assert read_spectra(d / "rohanisaac_DOERNER.spc")[0].technique == "raman"  # old 0x4D format
    assert {s.technique for s in read_spectra(d / "rohanisaac_nir.spc")} == {"nir"}
    assert {s.technique for s in read_spectra(d / "rohanisaac_m_evenz.spc")} == {"uv"}
    ordz = read_spectra(d / "rohanisaac_m_ordz.spc")  # old-format multifile
    assert len(ordz) == 10 and all(len(s) == 857 for s in ordz)


def test_every_shared_csv_reads_with_its_metadata(ir: Path) -> None:
    import csv as csvmod

    with open(ir / "index.csv", newline="", encoding="utf-8") as handle:
        rows = list(csvmod.DictReader(handle))
    assert len(rows) >= 121
    for row in rows:
        s = read_spectra(ir / row["file"])[0]
        assert len(s) == int(row["n_points"]), row["file"]
        assert s.technique == "ir" and s.x_unit == "1/cm"
        assert s.name == row["compound"]
        if row["cas_norm"]:
            assert s.get("cas"), row["file"]
        assert s.get("licence")
        assert abs(s.x_range[0] - float(row["x_min"])) < 0.01
