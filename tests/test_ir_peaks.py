"""Peak picking on real polystyrene spectra (the classic wavenumber standard)."""
from __future__ import annotations

import csv

import numpy as np
import pytest

from nps_id.io import read_spectra
from nps_id.ir.baselines import baseline
from nps_id.ir.peaks import noise_level, peak_array, pick_peaks, write_peak_table
from nps_id.ir.preprocess import to_absorbance

#: Polystyrene reference bands (cm-1), e.g. NIST SRM 1921 / ASTM E1421.
PS_BANDS = (3026, 2924, 1601, 1493, 1452, 757, 698)

#: Transmission films, 1-2 cm-1 resolution: bands within 4 cm-1.
PS_FILMS = ["galactic_grams_demo_spc/polystyrene.csv",
            "jcamp_testfiles_named/polystyrene_two_films_lancashire_jtpolys.csv"]
#: Bruker (4 cm-1 class, 757 unresolved from 750) and diamond ATR (strong bands shifted
#: down by anomalous dispersion): bands within 10 cm-1.
PS_OTHER = ["openspecy_examples/polystyrene_ftir_ps_0.csv",
            "openspecy_examples/polystyrene_interior_ftir_ps_interior_1.csv",
            "nrcan_plotftir_atr/polystyrene.csv"]


def _corrected(shared_data, rel):
    return baseline(to_absorbance(read_spectra(shared_data / "ir" / rel)[0]), "arpls")[0]


def _nearest(peaks, band):
    pos = np.array([p.position for p in peaks])
    return float(pos[np.argmin(np.abs(pos - band))])


@pytest.mark.parametrize("rel,tol", [(f, 4.0) for f in PS_FILMS] + [(f, 10.0) for f in PS_OTHER])
def test_polystyrene_bands_are_found(shared_data, rel, tol):
    peaks = pick_peaks(_corrected(shared_data, rel))
    for band in PS_BANDS:
        assert abs(_nearest(peaks, band) - band) <= tol, f"{band} cm-1 not found in {rel}"
    for p in peaks:
        assert p.fwhm > 0 and p.prominence > 0
    # condensed-phase bands: FWHM of the strong 1493 band between 2 and 40 cm-1
    p1493 = min(peaks, key=lambda p: abs(p.position - 1493))
    assert 2.0 < p1493.fwhm < 40.0


def test_noise_level_tracks_added_noise_and_sets_prominence(shared_data):
    s = _corrected(shared_data, PS_FILMS[1])
    rng = np.random.default_rng(0)
    sigma = 0.01 * np.nanmax(s.y)
    noisy = s.processed("noise", {}, y=s.y + rng.normal(0, sigma, len(s)))
    assert noise_level(noisy) == pytest.approx(sigma, rel=0.25)
    quiet = pick_peaks(s)
    loud = pick_peaks(noisy, k=5.0)
    # noise does not invent peaks: no more than the clean spectrum's count + a few
    assert len(loud) <= len(quiet) + 3
    assert all(p.prominence >= 5.0 * noise_level(noisy) for p in loud)
    # flat-region estimate agrees with the derivative MAD on the noisy spectrum
    assert noise_level(noisy, region=(1900, 2200)) == pytest.approx(sigma, rel=0.3)


def test_peak_table_csv(shared_data, tmp_path):
    peaks = pick_peaks(_corrected(shared_data, PS_FILMS[0]))
    out = write_peak_table(peaks, tmp_path / "peaks.csv")
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(peaks)
    assert list(rows[0]) == ["position_cm-1", "height", "fwhm_cm-1", "prominence"]
    positions = [float(r["position_cm-1"]) for r in rows]
    assert positions == sorted(positions)
    arr = peak_array(peaks)
    assert arr.shape == (len(peaks), 2)
    assert sorted(np.round(arr[:, 0], 2)) == pytest.approx(positions, abs=0.006)
