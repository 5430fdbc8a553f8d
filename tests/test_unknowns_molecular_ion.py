"""Molecular ion of real EI spectra (../shared/data/ms/bench, read in place) and of bad input."""
from __future__ import annotations

import time

import numpy as np
import pytest

from nps_id.io.msp import read_msp
from nps_id.spectrum import Spectrum
from nps_id.unknowns.analogues import formula_nominal_mass
from nps_id.unknowns.molecular_ion import estimate_molecular_ion


@pytest.fixture(scope="module")
def bench_library(shared_data):
    spectra, _ = read_msp(shared_data / "ms" / "bench" / "library.msp")
    return spectra


def _named(spectra, name):
    return next(s for s in spectra if s.name == name)


def test_known_molecular_ions(bench_library):
    # 1-nitropyrene (C16H9NO2, 247): strong aromatic M+•
    nitro = estimate_molecular_ion(_named(bench_library, "1-NITROPYRENE"))
    assert nitro.nominal_mass == 247 and nitro.confidence >= 0.5
    # 3,4-dichlorophenol (162): the 37Cl peaks at 164 and 166 are isotope peaks, not M
    dichloro = estimate_molecular_ion(_named(bench_library, "3,4-DICHLOROPHENOL"))
    assert dichloro.nominal_mass == 162


def test_illogical_loss_means_no_molecular_ion(bench_library):
    nitro = _named(bench_library, "1-NITROPYRENE")
    # a strong ion 5 u below the highest ion cannot come from M: the answer is "no M seen"
    x = np.append(nitro.x, 242.0)
    y = np.append(nitro.y, nitro.y.max() * 0.5)
    order = np.argsort(x)
    result = estimate_molecular_ion(Spectrum(x[order], y[order]))
    assert result.nominal_mass is None and result.confidence == 0.0
    assert "illogical" in result.reason


def test_confident_answers_are_mostly_right_on_real_spectra(bench_library):
    right = wrong = 0
    for spectrum in bench_library[:600]:
        truth = formula_nominal_mass(spectrum.get("formula"))
        if truth is None or "TMS" in spectrum.name.upper():
            continue
        result = estimate_molecular_ion(spectrum)
        if result.nominal_mass is not None and result.confidence >= 0.9:
            right += result.nominal_mass == truth
            wrong += result.nominal_mass != truth
    assert right >= 100
    assert right / (right + wrong) >= 0.85  # the >= 0.9 bin is calibrated (~0.94 on the fit set)


def test_fast(bench_library):
    spectra = bench_library[:500]
    start = time.perf_counter()
    for spectrum in spectra:
        estimate_molecular_ion(spectrum)
    assert (time.perf_counter() - start) / len(spectra) < 1e-3  # well under a millisecond each


@pytest.mark.parametrize("x, y, why", [
    ([], [], "empty"),
    ([50.0, 51.0], [10.0, 20.0], "fewer than 3 peaks"),
    ([50.0, 51.0, 52.0, 90.0], [0.0, 0.0, 0.0, 0.0], "no positive intensity"),
    ([50.0, np.nan, 52.0], [1.0, 5.0, np.inf], "fewer than 3 peaks"),
])
def test_bad_input_gives_a_clear_answer(x, y, why):
    result = estimate_molecular_ion(Spectrum(np.array(x, float), np.array(y, float)))
    assert result.nominal_mass is None and result.confidence == 0.0
    assert why in result.reason


def test_never_raises_on_a_non_spectrum():
    result = estimate_molecular_ion(object())
    assert result.nominal_mass is None and result.confidence == 0.0 and result.reason
