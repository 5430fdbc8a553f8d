"""Baseline correction (pybaselines wrappers) on real spectra from ../shared/data/ir."""
from __future__ import annotations

import numpy as np
import pytest

from nps_id.io import read_spectra
from nps_id.ir.baselines import METHODS, baseline
from nps_id.ir.preprocess import resample, to_absorbance

FILES = ["nrcan_plotftir_atr/polystyrene.csv", "cos_shimadzu_stackIR/acetone_run1.csv"]


@pytest.fixture(scope="module")
def spectra(shared_data):
    return {f: resample(to_absorbance(read_spectra(shared_data / "ir" / f)[0])) for f in FILES}


def _with_drift(spectrum, shape):
    y = spectrum.y
    inside = np.isfinite(y)
    x = spectrum.x
    t = (x - x[inside].min()) / np.ptp(x[inside]) * 2 - 1
    if shape == "cubic":
        drift = 0.5 + 0.8 * t - 0.6 * t**2 + 0.4 * t**3
    else:  # convex, scattering-like rise towards high wavenumber
        drift = np.expm1(2.0 * (t + 1) / 2) / np.expm1(2.0)
    drift = 0.3 * np.nanmax(y) * drift
    return spectrum.processed("add_drift", {"shape": shape}, y=y + drift)


@pytest.mark.parametrize("method", [m for m in METHODS if m != "rubberband"])
@pytest.mark.parametrize("file", FILES)
def test_added_polynomial_drift_is_removed(spectra, file, method):
    """Correcting spectrum+drift gives what correcting the spectrum alone gives (residual < 5 % of bands)."""
    s = spectra[file]
    clean, _ = baseline(s, method)
    drifted, info = baseline(_with_drift(s, "cubic"), method)
    resid = np.nanmax(np.abs(drifted.y - clean.y)) / np.nanmax(clean.y)
    assert resid < 0.05
    assert drifted.recipe[-1].name == "baseline" and drifted.recipe[-1].params["method"] == method
    np.testing.assert_allclose(info["baseline"] + drifted.y, s.y + (_with_drift(s, "cubic").y - s.y))


@pytest.mark.parametrize("file", FILES)
def test_rubberband_removes_convex_drift(spectra, file):
    s = spectra[file]
    clean, _ = baseline(s, "rubberband")
    drifted, _ = baseline(_with_drift(s, "convex"), "rubberband")
    assert np.nanmax(np.abs(drifted.y - clean.y)) / np.nanmax(clean.y) < 0.05


def test_baseline_keeps_nan_outside_measured_range(spectra):
    s = spectra["cos_shimadzu_stackIR/acetone_run1.csv"]  # starts at 799.5 cm-1
    corrected, info = baseline(s, "arpls")
    np.testing.assert_array_equal(np.isnan(corrected.y), np.isnan(s.y))
    assert np.isnan(info["baseline"][0])
    # bands point up and sit on about zero: the median of the corrected spectrum is near 0
    assert abs(np.nanmedian(corrected.y)) < 0.05 * np.nanmax(corrected.y)


def test_lam_scales_with_spacing_and_auto_lam_is_recorded(spectra):
    s = spectra["nrcan_plotftir_atr/polystyrene.csv"]
    _, info = baseline(s, "arpls")
    assert info["params"]["lam"] == pytest.approx(1e5)  # literature default at the 2 cm-1 grid
    fine = s.processed("fine", {}, x=s.x[::1] / 2.0)  # same values, spacing 1 cm-1
    _, info_fine = baseline(fine, "arpls")
    assert info_fine["params"]["lam"] == pytest.approx(1e5 * 16)
    corrected, info_auto = baseline(_with_drift(s, "cubic"), "arpls", lam="auto")
    chosen = info_auto["params"]["lam_chosen"]
    assert 1e2 <= chosen <= 1e9
    assert corrected.recipe[-1].params["lam_chosen"] == chosen
    clean, _ = baseline(s, "arpls")
    assert np.nanmax(np.abs(corrected.y - clean.y)) / np.nanmax(clean.y) < 0.1


def test_transmittance_is_refused(shared_data):
    s = read_spectra(shared_data / "ir" / "cos_shimadzu_stackIR/acetone_run1.csv")[0]
    with pytest.raises(ValueError, match="absorbance"):
        baseline(s, "arpls")
    with pytest.raises(ValueError, match="unknown method"):
        baseline(to_absorbance(s), "nope")
