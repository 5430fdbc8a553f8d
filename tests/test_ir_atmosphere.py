"""Atmospheric suppression, the routine peak picker, sampling technique and automatic ATR correction, on real spectra."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from nps_id.io import read_spectra
from nps_id.ir.atmosphere import suppress_atmosphere
from nps_id.ir.baselines import baseline
from nps_id.ir.peaks import ROUTINE, pick_peaks
from nps_id.ir.preprocess import CO2_REGION, to_absorbance, to_wavenumber


def _absorbance(shared_data, rel):
    return baseline(to_absorbance(to_wavenumber(read_spectra(shared_data / "ir" / rel)[0])), "arpls")[0]


def test_caffeine_bands_without_gas_lines_and_co2(shared_data):
    a = _absorbance(shared_data, "cos_shimadzu_stackIR/caffeine.csv")
    raw = pick_peaks(a)
    cleaned = suppress_atmosphere(a)
    routine = pick_peaks(cleaned, **ROUTINE)
    assert len(raw) > 90 and 25 <= len(routine) <= 45
    assert not any(CO2_REGION[0] <= p.position <= CO2_REGION[1] for p in routine)
    positions = [p.position for p in routine]
    for band in (1696, 1652, 1549, 1238, 1024, 973, 745):  # caffeine's strong bands stay
        if band > a.x.min():
            assert min(abs(np.array(positions) - band)) < 8, band
    step = cleaned.recipe[-1]
    assert step.name == "atmospheric_suppression" and step.params["lines_removed"] > 50


def test_a_sharp_strong_sample_band_is_not_taken_for_a_gas_line(shared_data):
    a = _absorbance(shared_data, "cos_shimadzu_stackIR/benzil_run1.csv")
    cleaned = suppress_atmosphere(a)
    near = (a.x > 1440) & (a.x < 1460)  # benzil's 1450 cm-1 band: FWHM ~5 cm-1, half the strongest band
    assert np.nanmax(cleaned.y[near]) == pytest.approx(np.nanmax(a.y[near]), rel=0.02)


def test_measured_water_vapour_reference_is_subtracted(shared_data):
    water = to_absorbance(to_wavenumber(read_spectra(shared_data / "ir" / "nist_webbook_via_nzhagen_jcamp/water.csv")[0]))
    sample = _absorbance(shared_data, "nrcan_plotftir_atr/polystyrene.csv")  # a purged ATR spectrum
    ref_on_sample = np.interp(sample.x, water.x, water.y)
    ref_on_sample = ref_on_sample / np.nanmax(ref_on_sample) * 0.05 * np.nanmax(sample.y)
    dirty = replace(sample, y=sample.y + ref_on_sample)
    cleaned = suppress_atmosphere(dirty, water="reference", reference=replace(water, y=water.y), co2="none")
    region = (sample.x > 3550) & (sample.x < 3950)
    before = np.nanstd(dirty.y[region] - sample.y[region])
    after = np.nanstd(cleaned.y[region] - sample.y[region])
    assert after < 0.3 * before
    assert cleaned.recipe[-1].params["reference"].endswith("water.csv")
    with pytest.raises(ValueError, match="needs a reference"):
        suppress_atmosphere(sample, water="reference")


def test_sampling_from_what_the_files_say(shared_data):
    from nps_id.ir.sampling import sampling_of, with_sampling

    def of(rel):
        return sampling_of(read_spectra(shared_data / "ir" / rel)[0])

    assert of("nrcan_plotftir_atr/toluene.csv") == "atr"
    assert of("nist_webbook_via_stackIR/benzil_phenylhydrazone.csv") == "transmission"  # KBr pellet
    assert of("galactic_grams_demo_spc/toluene.csv") == "transmission"  # neat cell
    assert of("nist_webbook_via_nzhagen_jcamp/ethanol.csv") == "gas"
    assert of("cos_shimadzu_stackIR/caffeine.csv") is None  # "probably single-bounce ATR" is a guess
    caffeine = read_spectra(shared_data / "ir" / "cos_shimadzu_stackIR/caffeine.csv")[0]
    assert sampling_of(with_sampling(caffeine, "atr")) == "atr"


def test_atr_queries_are_corrected_automatically(shared_data):
    from nps_id.ir.pipeline import IR_GRID, apply_pipeline, ir_search_vector, pipeline_id
    from nps_id.ir.sampling import with_sampling

    caffeine = read_spectra(shared_data / "ir" / "cos_shimadzu_stackIR/caffeine.csv")[0]
    plain, _ = ir_search_vector(caffeine)
    as_atr, _ = ir_search_vector(with_sampling(caffeine, "atr"))
    forced, _ = ir_search_vector(caffeine, atr={"method": "advanced"})
    np.testing.assert_allclose(as_atr, forced)
    from nps_id.ir.preprocess import atr_correction

    corrected = atr_correction(to_absorbance(to_wavenumber(with_sampling(caffeine, "atr"))))
    assert ir_search_vector(corrected)[0] @ ir_search_vector(corrected, atr=None)[0] == pytest.approx(1.0)  # not twice
    assert not np.allclose(plain, as_atr)
    # penetration depth grows with wavelength: the correction lifts high-wavenumber bands against low ones
    from nps_id.ir.pipeline import ABSORBANCE_PIPELINE, auto_atr

    a = apply_pipeline(caffeine, ABSORBANCE_PIPELINE).y
    b = apply_pipeline(with_sampling(caffeine, "atr"), ABSORBANCE_PIPELINE, auto_atr(with_sampling(caffeine, "atr"))).y
    ch = (IR_GRID > 2900) & (IR_GRID < 3150)
    fingerprint = (IR_GRID > 900) & (IR_GRID < 1100)
    assert np.nanmax(b[ch]) / np.nanmax(b[fingerprint]) > 2 * np.nanmax(a[ch]) / np.nanmax(a[fingerprint])
    assert len(pipeline_id()) == 12


def test_library_keeps_the_sampling_and_the_index_uses_it(shared_data, tmp_path):
    from nps_id.ir.pipeline import ir_search_vector
    from nps_id.ir.sampling import SAMPLING_KEY, sampling_of, with_sampling
    from nps_id.library import open_library
    from nps_id.search.index_cache import ir_index

    caffeine = read_spectra(shared_data / "ir" / "cos_shimadzu_stackIR/caffeine.csv")[0]
    atr_file = read_spectra(shared_data / "ir" / "nrcan_plotftir_atr/toluene.csv")[0]
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        library.add_spectra([with_sampling(caffeine, "atr"), atr_file])
        index = ir_index(library)
        stored = [library.get(int(i)) for i in index.library_ids]
        assert [s.get(SAMPLING_KEY) for s in stored] == ["atr", None]
        assert [sampling_of(s) for s in stored] == ["atr", "atr"]  # stated, and read from the file's text
        np.testing.assert_allclose(index.vectors[0], ir_search_vector(with_sampling(caffeine, "atr"))[0], atol=1e-6)
