"""Background-subtracted spectrum at a clicked retention time, and the mirror-plot arrays."""
from __future__ import annotations

import numpy as np

from nps_id.gcms.chromatogram import spectrum_at
from nps_id.gcms.readers import read_run
from nps_id.ms.mirror import mirror_arrays
from nps_id.spectrum import spectrum_from_peaks


def test_spectrum_at_the_etizolam_apex_is_etizolam(shared_data):
    run = read_run(shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223018.D")
    spectrum = spectrum_at(run, 10.263)
    top3 = spectrum.x[np.argsort(spectrum.y)[::-1][:3]]
    assert 342 in top3
    assert abs(spectrum.get("retention_time") - 10.263) < 0.01
    assert spectrum.recipe[-1].name == "spectrum_at"
    # background subtraction removes what the baseline scans carry as well
    raw_index = run.scan_index_of(10.263)
    _, raw = run.scan(raw_index)
    assert spectrum.y.sum() < raw.sum()


def test_mirror_arrays_share_one_axis_and_scale_to_100():
    q = spectrum_from_peaks([(43, 500), (58, 999), (91.2, 100)])
    r = spectrum_from_peaks([(43, 40), (58, 80), (77, 10)])
    mz, a, b = mirror_arrays(q, r)
    assert list(mz) == [43, 58, 77, 91]
    assert a.max() == 100 and b.max() == 100
    assert a[2] == 0 and b[3] == 0
