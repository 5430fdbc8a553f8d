"""Compiled inner loop of the hybrid similarity (analogue) search (numba).

One pass over the CSR rows of the EI index; the unknown is held as a dense weight
array over nominal m/z.  See :mod:`nps_id.unknowns.analogues` for the score.
"""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def hybrid_scores(indptr, indices, weight, lib_total, lib_mass, rows, q_weight, q_total,
                  q_masses, use_shift, hybrid, direct, shifted_peaks):  # pragma: no cover
    """Hybrid and direct dot products (0-1) of ``rows`` against the unknown.

    ``q_masses`` holds one or more hypotheses of the unknown's nominal mass;
    ``hybrid[h, k]`` / ``shifted_peaks[h, k]`` are the results under hypothesis h.
    For row r with nominal mass ``lib_mass[r]`` (< 0: unknown, then the direct
    score only) and delta = q_mass - lib_mass[r], library peak at m/z c may
    pair with the unknown's peak at c (direct) or at c + delta (shifted, if
    ``use_shift`` and delta != 0).  Each peak of either spectrum is used once:
    candidate pairs are accepted in descending order of W_u*W_l (stable order:
    library m/z, direct before shifted).  A pair that competes with no other
    pair is accepted whatever the order, so only competing pairs are sorted.
    Score = (sum W_u W_l)^2 / (sum_all W_u^2 * sum_all W_l^2).
    """
    width = q_weight.size
    n_hyp = q_masses.size
    max_nnz = 0
    for k in range(rows.size):
        r = rows[k]
        n = indptr[r + 1] - indptr[r]
        if n > max_nnz:
            max_nnz = n
    size = 2 * max_nnz + 1
    prod = np.empty(size)
    pair_e = np.empty(size, np.int64)
    pair_c = np.empty(size, np.int64)
    pair_s = np.empty(size, np.int64)
    order = np.empty(size, np.int64)
    q_used = np.zeros(width, np.int64)
    span = width
    for k in range(rows.size):
        r = rows[k]
        if indptr[r + 1] > indptr[r] and indices[indptr[r + 1] - 1] + 1 > span:
            span = indices[indptr[r + 1] - 1] + 1
    in_row = np.zeros(span, np.int64)  # k + 1 where row k has a peak
    lib_used = np.zeros(max_nnz + 1, np.int64)
    token = 0
    for k in range(rows.size):
        r = rows[k]
        start, stop = indptr[r], indptr[r + 1]
        mass = lib_mass[r]
        if stop == start or lib_total[r] <= 0.0 or q_total <= 0.0:
            direct[k] = -1.0
            for h in range(n_hyp):
                hybrid[h, k] = -1.0
                shifted_peaks[h, k] = 0
            continue
        norm = lib_total[r] * q_total
        cross_direct = 0.0
        for e in range(start, stop):
            c = indices[e]
            in_row[c] = k + 1
            if c < width:
                cross_direct += weight[e] * q_weight[c]
        direct[k] = cross_direct * cross_direct / norm
        for h in range(n_hyp):
            # a library spectrum of unknown mass is compared directly only
            delta = q_masses[h] - mass if (use_shift and mass >= 0) else 0
            if delta == 0:
                hybrid[h, k] = direct[k]
                shifted_peaks[h, k] = 0
                continue
            token += 1
            # an unknown peak at u is wanted by the library peak at u (direct) and by the one at
            # u - delta (shifted); a pair competes if either of its peaks has another option
            cross = 0.0
            n_shift = 0
            n = 0
            for e in range(start, stop):
                c = indices[e]
                wl = weight[e]
                has_d = c < width and q_weight[c] > 0.0
                c2 = c + delta
                has_s = c2 >= 0 and c2 < width and q_weight[c2] > 0.0
                if has_d:
                    cd = c - delta
                    other = has_s or (cd >= 0 and cd < span and in_row[cd] == k + 1)
                    if other:
                        prod[n] = wl * q_weight[c]
                        pair_e[n] = e - start
                        pair_c[n] = c
                        pair_s[n] = 0
                        n += 1
                    else:
                        cross += wl * q_weight[c]
                if has_s:
                    other = has_d or in_row[c2] == k + 1
                    if other:
                        prod[n] = wl * q_weight[c2]
                        pair_e[n] = e - start
                        pair_c[n] = c2
                        pair_s[n] = 1
                        n += 1
                    else:
                        cross += wl * q_weight[c2]
                        n_shift += 1
            if n > 0:
                # stable insertion sort of the competing pairs by descending product (few, no allocation)
                for j in range(n):
                    order[j] = j
                for j in range(1, n):
                    i = order[j]
                    p = prod[i]
                    t = j - 1
                    while t >= 0 and prod[order[t]] < p:
                        order[t + 1] = order[t]
                        t -= 1
                    order[t + 1] = i
                for j in range(n):
                    i = order[j]
                    le = pair_e[i]
                    qc = pair_c[i]
                    if lib_used[le] == token or q_used[qc] == token:
                        continue
                    lib_used[le] = token
                    q_used[qc] = token
                    cross += prod[i]
                    n_shift += pair_s[i]
            hybrid[h, k] = cross * cross / norm
            shifted_peaks[h, k] = n_shift
