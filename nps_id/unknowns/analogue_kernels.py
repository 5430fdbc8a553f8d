"""Compiled inner loop of the hybrid similarity (analogue) search (numba).

One pass over the CSR rows of the EI index; the unknown is held as a dense weight
array over nominal m/z.  See :mod:`nps_id.unknowns.analogues` for the score.
"""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def hybrid_scores(indptr, indices, weight, lib_total, lib_mass, rows, q_weight, q_total,
                  q_mass, use_shift, hybrid, direct, shifted_peaks):  # pragma: no cover
    """Hybrid and direct dot products (0-1) of ``rows`` against the unknown.

    For row r with nominal mass ``lib_mass[r]`` (< 0: unknown, scores -1) and
    delta = q_mass - lib_mass[r], library peak at m/z c may pair with the
    unknown's peak at c (direct) or at c + delta (shifted, only if ``use_shift``
    and delta != 0).  Each peak of either spectrum is used once: candidate
    pairs are accepted in descending order of W_u*W_l (stable: row order,
    direct before shifted, breaks ties).  Score = (sum W_u W_l)^2 /
    (sum_all W_u^2 * sum_all W_l^2).
    """
    width = q_weight.size
    max_nnz = 0
    for k in range(rows.size):
        r = rows[k]
        n = indptr[r + 1] - indptr[r]
        if n > max_nnz:
            max_nnz = n
    prod = np.empty(2 * max_nnz + 1)
    pair_e = np.empty(2 * max_nnz + 1, np.int64)
    pair_c = np.empty(2 * max_nnz + 1, np.int64)
    pair_s = np.empty(2 * max_nnz + 1, np.int64)
    stamp = np.zeros(width, np.int64)
    lib_used = np.zeros(max_nnz + 1, np.int64)
    for k in range(rows.size):
        r = rows[k]
        start, stop = indptr[r], indptr[r + 1]
        mass = lib_mass[r]
        if stop == start or lib_total[r] <= 0.0 or q_total <= 0.0 or (use_shift and mass < 0):
            hybrid[k] = -1.0
            direct[k] = -1.0
            shifted_peaks[k] = 0
            continue
        delta = q_mass - mass if use_shift else 0
        n = 0
        cross_direct = 0.0
        for e in range(start, stop):
            c = indices[e]
            wl = weight[e]
            if c < width and q_weight[c] > 0.0:
                p = wl * q_weight[c]
                cross_direct += p
                prod[n] = p
                pair_e[n] = e - start
                pair_c[n] = c
                pair_s[n] = 0
                n += 1
            if delta != 0:
                c2 = c + delta
                if c2 >= 0 and c2 < width and q_weight[c2] > 0.0:
                    prod[n] = wl * q_weight[c2]
                    pair_e[n] = e - start
                    pair_c[n] = c2
                    pair_s[n] = 1
                    n += 1
        direct[k] = cross_direct * cross_direct / (lib_total[r] * q_total)
        if delta == 0:
            hybrid[k] = direct[k]
            shifted_peaks[k] = 0
            continue
        order = np.argsort(-prod[:n], kind="mergesort")
        cross = 0.0
        n_shift = 0
        token = k + 1
        for j in range(n):
            i = order[j]
            le = pair_e[i]
            qc = pair_c[i]
            if lib_used[le] == token or stamp[qc] == token:
                continue
            lib_used[le] = token
            stamp[qc] = token
            cross += prod[i]
            n_shift += pair_s[i]
        hybrid[k] = cross * cross / (lib_total[r] * q_total)
        shifted_peaks[k] = n_shift
