"""IR preprocessing steps on real spectra from ../shared/data/ir (read in place)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from scipy.integrate import cumulative_trapezoid

from nps_id.io import read_spectra
from nps_id.ir import baseline
from nps_id.ir.preprocess import (
    CO2_REGION, atr_correction, common_grid, compress_intensity, effective_thickness, mask_regions,
    normalise, resample, savgol, select_range, to_absorbance, to_transmittance, to_wavenumber,
)

COS_ACETONE = "cos_shimadzu_stackIR/acetone_run1.csv"          # %T, 0-100
NIST_FRACTION = "nist_webbook_via_nzhagen_jcamp/benzene.csv"    # transmittance, 0-1
UNKNOWN_PERCENT = "jcamp_repo_unknown_origin/ethanol.csv"      # "transmittance" but 0-100
SRD79_HIGHRES = "nist_webbook_via_nzhagen_jcamp/acetone.csv"    # 0.24 cm-1 spacing
PS_ATR = "nrcan_plotftir_atr/polystyrene.csv"
PS_FILM = "jcamp_testfiles_named/polystyrene_two_films_lancashire_jtpolys.csv"


@pytest.fixture(scope="module")
def ir(shared_data):
    def read(rel):
        return read_spectra(shared_data / "ir" / rel)[0]
    return read


def test_percent_transmittance_to_absorbance_is_minus_log10(ir):
    s = ir(COS_ACETONE)
    assert s.y_unit == "%transmittance" and np.nanmax(s.y) > 50
    a = to_absorbance(s)
    expected = -np.log10(np.clip(s.y / 100.0, 1e-4, None))
    np.testing.assert_allclose(a.y, expected, rtol=1e-12)
    assert a.y_unit == "absorbance"
    assert a.recipe[-1].name == "to_absorbance" and a.recipe[-1].params["percent"] is True


def test_fraction_and_percent_transmittance_are_told_apart(ir):
    frac = ir(NIST_FRACTION)
    pct = ir(UNKNOWN_PERCENT)
    assert frac.y_unit == pct.y_unit == "transmittance"
    a_frac, a_pct = to_absorbance(frac), to_absorbance(pct)
    assert a_frac.recipe[-1].params["percent"] is False
    assert a_pct.recipe[-1].params["percent"] is True
    np.testing.assert_allclose(a_frac.y, -np.log10(np.clip(frac.y, 1e-4, None)))
    # both now on a plausible absorbance scale, not shifted by log10(100) = 2
    assert -0.5 < np.median(a_frac.y) < 1.0 and -0.5 < np.median(a_pct.y) < 1.0


def test_transmittance_roundtrip_and_zero_clipping(ir):
    a = to_absorbance(ir(COS_ACETONE))
    back = to_absorbance(to_transmittance(a, percent=True))
    np.testing.assert_allclose(back.y, a.y, atol=1e-9)
    zero = replace(ir(COS_ACETONE), y=np.zeros(len(a)))
    assert np.all(np.isfinite(to_absorbance(zero).y)) and np.allclose(to_absorbance(zero).y, 4.0)


def test_wavelength_to_wavenumber(ir):
    s = ir(PS_FILM)
    in_um = replace(s, x=1e4 / s.x[::-1], y=s.y[::-1], x_unit="micrometers")
    back = to_wavenumber(in_um)
    assert back.x_unit == "1/cm" and np.all(np.diff(back.x) > 0)
    np.testing.assert_allclose(back.x, s.x, rtol=1e-12)
    np.testing.assert_array_equal(back.y, s.y)
    in_nm = replace(s, x=1e7 / s.x, x_unit="nm")
    np.testing.assert_allclose(to_wavenumber(in_nm).x, s.x, rtol=1e-12)


def test_resample_leaves_nan_outside_measured_range(ir):
    s = to_absorbance(ir(COS_ACETONE))  # 799.5-4000.5 cm-1
    r = resample(s)
    grid = common_grid()
    np.testing.assert_array_equal(r.x, grid)
    assert np.all(np.isnan(r.y[grid < s.x.min()]))
    assert np.all(np.isfinite(r.y[(grid > s.x.min()) & (grid <= 4000)]))
    # coarse data (0.96 cm-1 is not < step/2... interpolated) stays close to the original
    inside = np.isfinite(r.y)
    np.testing.assert_allclose(r.y[inside], np.interp(r.x[inside], s.x, s.y), atol=0.05 * np.ptp(s.y))


def test_resample_of_high_resolution_data_preserves_band_area(ir):
    s = ir(SRD79_HIGHRES)
    assert np.median(np.diff(s.x)) < 0.5
    r = resample(s)
    band = (s.x >= 1000) & (s.x <= 3000)
    area_orig = np.trapezoid(s.y[band], s.x[band])
    gband = (r.x >= 1000) & (r.x <= 3000)
    area_grid = np.sum(r.y[gband]) * 2.0
    assert area_grid == pytest.approx(area_orig, rel=0.01)
    # point sampling would alias: bin averaging is much smoother than the raw lines
    assert np.std(np.diff(r.y[gband])) < np.std(np.diff(np.interp(r.x[gband], s.x, s.y)))


def test_select_range_and_co2_mask(ir):
    r = resample(to_absorbance(ir(COS_ACETONE)))
    m = mask_regions(r)
    co2 = (r.x >= CO2_REGION[0]) & (r.x <= CO2_REGION[1])
    assert np.all(np.isnan(m.y[co2])) and np.all(np.isfinite(m.y[~co2 & np.isfinite(r.y)]))
    part = select_range(r, 1000, 1800)
    assert part.x.min() >= 1000 and part.x.max() <= 1800 and len(part) == 401


def test_savgol_first_derivative_integrates_back_to_smoothed_spectrum(ir):
    r = resample(to_absorbance(ir(PS_ATR)))
    inside = np.isfinite(r.y)
    smooth = savgol(r, 11, 3, deriv=0)
    deriv = savgol(r, 11, 3, deriv=1)
    assert deriv.y_unit.startswith("d1")
    integral = cumulative_trapezoid(deriv.y[inside], dx=2.0, initial=0.0) + smooth.y[inside][0]
    # the integral of the derivative reproduces the smoothed spectrum
    assert np.max(np.abs(integral - smooth.y[inside])) < 0.02 * np.ptp(smooth.y[inside])
    # and its sign changes from + to - at the strong polystyrene bands (ATR positions)
    for band in (1601, 1493, 1452):
        i = np.argmin(np.abs(r.x - band))
        window = deriv.y[i - 4:i + 5]
        assert window.max() > 0 > window.min()


def test_savgol_keeps_nan_regions(ir):
    r = mask_regions(resample(to_absorbance(ir(COS_ACETONE))))
    d = savgol(r, 11, 3, deriv=1)
    np.testing.assert_array_equal(np.isnan(d.y), np.isnan(r.y))


@pytest.mark.parametrize("method", ["max", "l2", "snv", "minmax", "mean_centre_l2"])
def test_normalisations(ir, method):
    r = resample(to_absorbance(ir(COS_ACETONE)))
    n = normalise(r, method)
    v = n.y[np.isfinite(n.y)]
    if method == "max":
        assert np.max(np.abs(v)) == pytest.approx(1.0)
    elif method == "l2":
        assert np.linalg.norm(v) == pytest.approx(1.0)
    elif method == "snv":
        assert np.mean(v) == pytest.approx(0.0, abs=1e-12) and np.std(v) == pytest.approx(1.0)
    elif method == "minmax":
        assert v.min() == pytest.approx(0.0) and v.max() == pytest.approx(1.0)
    else:
        assert np.mean(v) == pytest.approx(0.0, abs=1e-12) and np.linalg.norm(v) == pytest.approx(1.0)
    assert n.recipe[-1].params == {"method": method}


def test_compress_intensity_keeps_band_order_and_does_not_blow_up_noise(ir):
    b, _ = baseline(resample(to_absorbance(ir(PS_ATR))), "arpls")
    c = compress_intensity(b)
    inside = np.isfinite(b.y) & (b.y > 0)
    # monotone map: the order of intensities is unchanged
    assert np.all(np.diff(c.y[inside][np.argsort(b.y[inside])]) >= -1e-12)
    assert np.nanmax(c.y) == pytest.approx(1.0)
    # a band-free region (1900-2200 cm-1) stays small compared with the bands
    flat = (b.x > 1900) & (b.x < 2200)
    assert np.nanmedian(c.y[flat]) < 0.1


def _band_ratios(spectrum):
    b, _ = baseline(resample(spectrum), "arpls")
    bands = [3026, 3060, 2924, 1601, 1493, 1452, 1028, 757, 698]
    h = np.array([np.nanmax(b.y[(b.x > c - 8) & (b.x < c + 8)]) for c in bands])
    return h / h[bands.index(1493)]


@pytest.mark.parametrize("method", ["simple", "advanced"])
def test_atr_correction_brings_atr_band_ratios_towards_transmission(ir, method):
    """Real diamond-ATR polystyrene vs a real transmission film: high-wavenumber bands are weak in ATR."""
    atr = to_absorbance(ir(PS_ATR))
    film = _band_ratios(to_absorbance(ir(PS_FILM)))
    before = np.mean(np.abs(np.log(_band_ratios(atr) / film)))
    after = np.mean(np.abs(np.log(_band_ratios(atr_correction(atr, method)) / film)))
    assert after < 0.6 * before


def test_effective_thickness_scales_with_wavelength_and_rejects_subcritical_angle():
    de = effective_thickness(np.array([1000.0, 2000.0]), 2.40, 1.50, 45.0)
    assert de[0] == pytest.approx(2 * de[1])
    assert 1e-4 < de[0] < 1e-3  # micrometres, in cm: a few um at 1000 cm-1
    with pytest.raises(ValueError, match="critical angle"):
        effective_thickness(np.array([1000.0]), 2.40, 1.50, 30.0)
