"""Similarity scores for EI mass spectra on nominal m/z.

Pure pairwise functions on two spectra; the search engine
(:mod:`nps_id.search.ms_engine`) computes exactly the same numbers for a whole
library at once, and the tests hold the two to agreement.

References
----------
* Stein, S. E.; Scott, D. R. Optimization and testing of mass spectral library
  search algorithms for compound identification. *J. Am. Soc. Mass Spectrom.*
  1994, 5, 859-866.  (dot product with m/z and intensity weighting, peak-pair
  intensity-ratio term, composite match factor)
* Stein, S. E. Estimating probabilities of correct identification from results
  of mass spectral library searches. *J. Am. Soc. Mass Spectrom.* 1994, 5,
  316-323.  (probabilities from score gaps)
* Samokhin, A. mssearchr: reconstruction of the NIST MS Search "Identity"
  algorithm.  *J. Am. Soc. Mass Spectrom.* 2024.
* Li, Y. et al. Spectral entropy outperforms MS/MS dot product similarity for
  small-molecule compound identification. *Nat. Methods* 2021, 18, 1524-1531.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from nps_id.ms.filters import NOISE_THRESHOLD
from nps_id.spectrum import Spectrum


@dataclass(frozen=True)
class CompositeParams:
    """Parameters of the composite match factor.

    The defaults were chosen on the public benchmark split
    (``benchmarks/ms_identification.py``), starting from Stein & Scott (1994):
    peaks below ``noise_threshold`` x base peak dropped from both spectra
    (done when spectra are prepared and when the library index is built),
    weights ``W = m**mz_power * I**intensity_power`` in the dot product,
    ``w = I**ratio_power`` in the peak-pair ratio term, and the comparison
    starting at the larger of the two lowest m/z (different scan ranges).

    Checked across labs (issue 17, deliverable 6) with
    ``benchmarks/scoring_across_labs.py``: top-1 counts, NPS-ID default / NIST
    Identity (mssearchr form, all peaks) / Stein-Scott form (all peaks), same
    run.  ``bench`` is REAL cross-lab (n=636); the ``nps_*`` sets are REAL NIST
    CM2/CM3 replicate queries against SIMULATED other-lab library spectra
    (averaged, m/z skew, abundance noise, scan start, small-peak threshold;
    thresholded / full-peak / mixed labs) in the bench library; ``fentanyl`` the
    same with the NIST CM1 replicates.  Sums over simulation seeds 1-3
    (n = 1218 per nps set, 588 fentanyl):

    ===============  ================  ================  ================
    set              NPS-ID default    NIST Identity     Stein-Scott form
    ===============  ================  ================  ================
    bench (real)     483 (75.9 %)      450 (70.8 %)      474 (74.5 %)
    nps thresholded  1117 (91.7 %)     1127 (92.5 %)     1049 (86.1 %)
    nps full peaks   1203 (98.8 %)     1218 (100 %)      1218 (100 %)
    nps mixed        1149 (94.3 %)     1121 (92.0 %)     1093 (89.7 %)
    fentanyl mixed   534 (90.8 %)      542 (92.2 %)      524 (89.1 %)
    ===============  ================  ================  ================

    (Seed 2 alone, the benchmark's default: 483/450/474, 359/382/340,
    393/406/406, 367/371/359, 178/181/174.)  One factor at a time from these
    defaults (seed 1, tuning seed; bench / nps thresholded / full / mixed /
    fentanyl, default 483/371/405/381/186): query cut 0 % 481/349/400/360/177
    (the NIST replicates' sub-1 % peaks are mostly one-scan noise: below 0.5 %
    of base a bin is in about 2 of 10 replicates, two compounds checked);
    library cut 0.5 %
    485/371/405/381/184; m/z power 0.75 480/374/405/381/185, 1.5
    474/352/404/371/185; intensity power 0.6 479/375/397/384/180; ratio
    power 1.0 480/376/396/373/178; m/z-weighted ratio term
    483/368/405/381/182; NIST weighting ``(n1 DP + n2 F_R)/(n1 + n2)``
    474/382/399/383/187; ratio weight 2 468/379/398/378/178; no low-m/z rule
    489/364/405/383/186.  No setting tried beats the defaults on every set:
    those that gain on the simulated NPS sets (NIST weighting, intensity power
    0.6) cost 0.6-1.4 points on the real bench (below 75.9 %), and seed-to-seed
    differences of the simulated sets (58 compounds) are as large as the gains,
    so the defaults stand.  The simulation does not reproduce the reported
    hidden-set gap (74 / 82 / 87 %): on it the all-peaks Stein-Scott form is the
    weakest of the three wherever the library is thresholded.

    The low-m/z cap (``low_mz_cap`` 50, session 21): the rule above started the comparison at a
    library spectrum's lowest peak even when that peak was m/z 77 because the record had been
    thresholded, so every candidate was compared on its own m/z range and the unknown's
    low-mass ions (a cathinone's iminium base peak) could drop out of the comparison.  With the
    cap, top-1 per set (default without cap -> with cap): seed 1 (tuning) bench 483 -> 488,
    thresholded 371 -> 372, full 405 -> 405, mixed 381 -> 383, fentanyl 186 -> 186; seed 2
    483 -> 488, 359 -> 368, 393 -> 393, 367 -> 367, 178 -> 178; seed 3 483 -> 488, 387 -> 386,
    405 -> 405, 401 -> 398, 170 -> 170.  NIST Identity still leads on the seed-2 simulated
    sets (382 / 406 / 371 / 181).

    The noise cut on full-peak references (session 23).  On the full-peak simulated libraries the
    all-peaks scorers reach 100 % and the default does not (seed 2: 393 of 406); the 1 % cut is why.
    Top-1 summed over seeds 1-3 (seed 1 tuning; bench is seed-independent, seed 1's run), default /
    library cut 0.5 % with the unknown at 1 % / both 0.75 % / both 0.5 %: bench 488 / 486 / 486 / 487,
    thresholded 1126 / 1126 / 1123 / 1105, full peaks 1203 / 1204 / 1212 / 1218, mixed 1148 / 1157 /
    1149 / 1136, fentanyl 534 / 530 / 537 / 531.  A lower cut closes the full-peak gap and costs the
    thresholded libraries as much; the difference is a few queries in a thousand either way, far from
    the reported hidden-set gap, so the default stays.  A cut adapted to each reference (peaks below
    the reference's own lowest relative abundance, capped at 5 %, not compared; brute-force prototype,
    seed 1) lost on thresholded libraries (87.7 vs 91.6 %) and did not gain elsewhere; not kept.

    A blend with NIST Identity (session 24; brute-force prototype, not kept): the best 200
    candidates of the default re-ranked by ``a * composite + (1 - a) * Identity``.  Top-1, bench /
    thresholded / full / mixed / fentanyl, a = 1 (default), 0.7, 0.5: seed 1 (tuning) 488/372/405/383/186,
    486/374/406/384/185, 480/377/406/376/183; seed 2 488/368/393/367/178, 486/369/405/374/180,
    480/375/406/384/181; seed 3 488/386/405/398/170, 486/385/406/405/172, 480/385/406/405/173
    (Identity alone: seed 2 450/382/406/371/181, seed 3 450/380/406/392/178).  The blend gains on
    full-peak and mixed libraries but still trails Identity on seed 2's thresholded and seed 3's
    fentanyl sets, and costs the real bench 2-8 queries: no weight wins every set, so none is used.

    The mass-defect lead (session 4): raw 0.1-Da quadrupole centroids are binned by
    ``bin_to_nominal_mass``, which subtracts 0.00048 x m/z before rounding.  Below m/z
    ~400 that shift is <= 0.19 Da, so only centroids whose fraction lies in [0.5, 0.5 +
    0.00048 m) change bin: in the raw NIST CM1 file ``CM1_10_2.txt`` (hdcms-c, 330
    centroids, m/z 40-337) one does (m/z 228.6, 0.02 % of base), and no peak above the
    1 % noise cut.  Plain rounding and corrected rounding give the same scored spectrum,
    so the correction cannot explain the hidden-set gap; left as it is.
    """

    mz_power: float = 1.0
    intensity_power: float = 0.5
    ratio_power: float = 0.5
    ratio_weight: float = 1.0
    low_mz_cut: bool = True
    #: The low-m/z rule never starts the comparison above this m/z: a spectrum whose lowest
    #: peak is higher (22.7 % of the bench library's records, thresholded or trimmed) has lost
    #: its low-mass ions, it was not scanned from there; the unknown's ions below are then
    #: unmatched, as in the Stein-Scott form.  50 = the highest usual scan start of drug
    #: screening methods (35-50); on the tuning seed 45, 50 and 60 agree within 1-2 queries, 40 cuts
    #: thresholded libraries 8 queries short (numbers in the class docstring).
    low_mz_cap: int = 50
    noise_threshold: float = NOISE_THRESHOLD

    def to_dict(self) -> dict:
        return asdict(self)


DEFAULT_PARAMS = CompositeParams()


def as_nominal_vector(spectrum: Spectrum, size: int | None = None) -> np.ndarray:
    """Dense intensity vector indexed by nominal m/z (spectrum must be binned)."""
    mz = spectrum.x.astype(np.int64)
    n = int(mz.max()) + 1 if size is None else size
    vec = np.zeros(n)
    keep = mz < n
    np.add.at(vec, mz[keep], spectrum.y[keep])
    return vec


def _aligned(query: Spectrum, reference: Spectrum) -> tuple[np.ndarray, np.ndarray]:
    size = int(max(query.x.max(), reference.x.max())) + 1
    return as_nominal_vector(query, size), as_nominal_vector(reference, size)


def composite_terms(
    query: np.ndarray, reference: np.ndarray, params: CompositeParams = DEFAULT_PARAMS
) -> dict[str, float]:
    """All terms of the composite match factor for two nominal-m/z vectors.

    Returns a dict with ``dot_product`` (0-1), ``ratio`` (0-1), ``shared``
    (peaks in both, in the compared range), ``query_peaks`` (unknown's peaks in
    the compared range), ``composite`` (0-1) and ``reverse`` (0-1: the dot
    product with the unknown's peaks that are absent from the reference ignored).
    """
    mz = np.arange(query.size, dtype=float)
    q_peaks = np.nonzero(query > 0)[0]
    r_peaks = np.nonzero(reference > 0)[0]
    if q_peaks.size == 0 or r_peaks.size == 0:
        return dict(dot_product=0.0, ratio=0.0, shared=0, query_peaks=int(q_peaks.size), composite=0.0, reverse=0.0)
    start = min(max(q_peaks[0], r_peaks[0]), params.low_mz_cap) if params.low_mz_cut else 0
    q = np.where(mz >= start, query, 0.0)
    r = np.where(mz >= start, reference, 0.0)
    wq = mz**params.mz_power * q**params.intensity_power
    wr = mz**params.mz_power * r**params.intensity_power
    cross = float(np.dot(wq, wr))
    sum_q, sum_r = float(np.dot(wq, wq)), float(np.dot(wr, wr))
    dot = cross * cross / (sum_q * sum_r) if sum_q > 0 and sum_r > 0 else 0.0
    shared_mask = (q > 0) & (r > 0)
    sum_q_shared = float(np.dot(wq[shared_mask], wq[shared_mask]))
    reverse = cross * cross / (sum_q_shared * sum_r) if sum_q_shared > 0 and sum_r > 0 else 0.0
    shared = np.nonzero(shared_mask)[0]
    if shared.size >= 2:
        uq = q[shared] ** params.ratio_power
        ur = r[shared] ** params.ratio_power
        ratios = (ur[1:] * uq[:-1]) / (ur[:-1] * uq[1:])
        ratio = float(np.mean(np.minimum(ratios, 1.0 / ratios)))
    else:
        ratio = 0.0
    n_query = int(np.count_nonzero(q))
    n_shared = int(shared.size)
    weight = params.ratio_weight * n_shared
    composite = (n_query * dot + weight * ratio) / (n_query + weight) if n_query + weight > 0 else 0.0
    return dict(dot_product=dot, ratio=ratio, shared=n_shared, query_peaks=n_query,
                composite=composite, reverse=reverse)


def composite_match_factor(query: Spectrum, reference: Spectrum, params: CompositeParams = DEFAULT_PARAMS) -> float:
    """Composite match factor on the NIST 0-999 scale (Stein & Scott 1994).

    ``(N_U * DP + N_C * F_R) / (N_U + N_C)``: DP the m/z- and
    intensity-weighted dot product, F_R the mean peak-pair intensity-ratio
    agreement over consecutive shared peaks, N_U the unknown's peaks and N_C the
    shared peaks, both counted from the larger of the two lowest m/z.
    Both spectra must be on nominal m/z (:func:`nps_id.ms.filters.prepare_ei_spectrum`).
    """
    q, r = _aligned(query, reference)
    return 999.0 * composite_terms(q, r, params)["composite"]


def reverse_match_factor(query: Spectrum, reference: Spectrum, params: CompositeParams = DEFAULT_PARAMS) -> float:
    """Reverse match factor (0-999): peaks of the unknown absent from the reference are ignored.

    Used for mixtures and impure component spectra, where the unknown carries
    ions of co-eluting compounds (NIST MS Search "reverse search").
    """
    q, r = _aligned(query, reference)
    return 999.0 * composite_terms(q, r, params)["reverse"]


def nist_identity_match_factor(query: Spectrum, reference: Spectrum) -> float:
    """NIST MS Search "Identity (EI Normal)" composite as reconstructed by mssearchr (0-999).

    DP with ``W = sqrt(m I)``; ratio term weighted by m/z over consecutive
    shared peaks with ``w = sqrt(I)``; ``MF = 1000 (n1 DP + n2 F_R)/(n1 + n2)``
    with n1 shared peaks and n2 ratio terms.
    """
    q, r = _aligned(query, reference)
    mz = np.arange(q.size, dtype=float)
    start = max(np.nonzero(q)[0][0], np.nonzero(r)[0][0])
    q = np.where(mz >= start, q, 0.0)
    r = np.where(mz >= start, r, 0.0)
    wq, wr = np.sqrt(mz * q), np.sqrt(mz * r)
    denom = float(np.dot(wq, wq) * np.dot(wr, wr))
    dot = float(np.dot(wq, wr)) ** 2 / denom if denom > 0 else 0.0
    shared = np.nonzero((q > 0) & (r > 0))[0]
    n1 = shared.size
    if n1 >= 2:
        sq, sr = np.sqrt(q[shared]), np.sqrt(r[shared])
        ratios = (sr[1:] * sq[:-1]) / (sr[:-1] * sq[1:])
        m = mz[shared[1:]]
        ratio = float(np.sum(m * np.minimum(ratios, 1 / ratios)) / np.sum(m))
        n2 = n1 - 1
    else:
        ratio, n2 = 0.0, 0
    return 999.0 * (n1 * dot + n2 * ratio) / (n1 + n2) if n1 + n2 > 0 else 0.0


def entropy_similarity(query: Spectrum, reference: Spectrum, weighted: bool = True) -> float:
    """Spectral entropy similarity (Li et al. 2021), 0-1, on nominal m/z.

    With ``weighted`` the low-entropy intensity re-weighting of the paper is applied.
    """
    q, r = _aligned(query, reference)

    def prepare(v: np.ndarray) -> np.ndarray:
        v = v / v.sum()
        if weighted:
            s = _entropy(v)
            if s < 3:
                v = v ** (0.25 + s * 0.25)
                v = v / v.sum()
        return v

    q, r = prepare(q), prepare(r)
    merged = 0.5 * (q + r)
    return float(1.0 - (2 * _entropy(merged) - _entropy(q) - _entropy(r)) / np.log(4))


def _entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))


def sqrt_cosine(query: Spectrum, reference: Spectrum) -> float:
    """Plain cosine of square-root intensities (0-1), the simplest reference scorer."""
    q, r = _aligned(query, reference)
    q, r = np.sqrt(q), np.sqrt(r)
    denom = float(np.linalg.norm(q) * np.linalg.norm(r))
    return float(np.dot(q, r) / denom) if denom > 0 else 0.0
