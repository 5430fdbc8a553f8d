"""Compiled inner loops of the EI search (numba).

Each kernel walks the sparse library once; none allocates per entry.  The
same ``exact_scores`` kernel gives the scores of both the indexed and the
exhaustive search, so the two agree to the last bit.
"""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def accumulate_columns(col_ptr, row_idx, col_weight_entry, q_cols, q_weights, cross, shared):  # pragma: no cover
    """cross[row] += W_lib * W_query and shared[row] += 1 over the query's m/z columns."""
    for j in range(q_cols.size):
        c = q_cols[j]
        wq = q_weights[j]
        for e in range(col_ptr[c], col_ptr[c + 1]):
            r = row_idx[e]
            cross[r] += col_weight_entry[e] * wq
            shared[r] += 1


@njit(cache=True, nogil=True)
def low_column_sums(col_ptr, row_idx, col_weight_entry, below, out):  # pragma: no cover
    """out[row] += W_lib**2 over the columns below ``below`` (m/z under the query's lowest)."""
    for c in range(min(below, col_ptr.size - 1)):
        for e in range(col_ptr[c], col_ptr[c + 1]):
            w = col_weight_entry[e]
            out[row_idx[e]] += w * w


@njit(cache=True, nogil=True)
def exact_scores(indptr, indices, weight, ratio_value, rows, q_weight, q_ratio, q_low,
                 q_sumsq_from, q_count_from, sum_lib, low_mz_cut, low_mz_cap, ratio_weight,
                 composite, reverse, dot, shared_out):  # pragma: no cover
    """Composite, reverse and dot-product terms of the given rows (0-1 scale).

    ``q_weight``/``q_ratio`` are dense over m/z (0 where the unknown has no
    peak); ``q_sumsq_from[m]``/``q_count_from[m]`` sum the unknown's squared
    weights / count its peaks at m/z >= m.  With ``low_mz_cut`` the comparison starts at the
    larger of the two lowest m/z, but never above ``low_mz_cap`` (``q_low`` comes capped).
    """
    width = q_weight.size
    last = q_sumsq_from.size - 1
    for k in range(rows.size):
        r = rows[k]
        start, stop = indptr[r], indptr[r + 1]
        if stop == start:
            composite[k] = 0.0
            reverse[k] = 0.0
            dot[k] = 0.0
            shared_out[k] = 0
            continue
        lowest = min(indices[start], low_mz_cap)
        if low_mz_cut:
            at = min(lowest, last)
            sum_q = q_sumsq_from[at]
            n_query = q_count_from[at]
        else:
            sum_q = q_sumsq_from[0]
            n_query = q_count_from[0]
        cross = 0.0
        sum_q_shared = 0.0
        n_shared = 0
        ratio_sum = 0.0
        pairs = 0
        prev_lib = 0.0
        prev_q = 0.0
        for e in range(start, stop):
            c = indices[e]
            if c >= width:
                break
            if low_mz_cut and c < q_low:
                continue
            wq = q_weight[c]
            if wq <= 0.0:
                continue
            cross += weight[e] * wq
            sum_q_shared += wq * wq
            n_shared += 1
            lib_r = ratio_value[e]
            qry_r = q_ratio[c]
            if n_shared > 1:
                ratio = (lib_r * prev_q) / (prev_lib * qry_r)
                ratio_sum += ratio if ratio < 1.0 else 1.0 / ratio
                pairs += 1
            prev_lib = lib_r
            prev_q = qry_r
        s_lib = sum_lib[k]
        d = 0.0
        rv = 0.0
        if sum_q > 0.0 and s_lib > 0.0:
            d = min(cross * cross / (sum_q * s_lib), 1.0)
        if sum_q_shared > 0.0 and s_lib > 0.0:
            rv = min(cross * cross / (sum_q_shared * s_lib), 1.0)
        ratio_term = ratio_sum / pairs if pairs > 0 else 0.0
        w = ratio_weight * n_shared
        c_score = 0.0
        if n_shared > 0 and n_query + w > 0:
            c_score = (n_query * d + w * ratio_term) / (n_query + w)
        composite[k] = c_score
        reverse[k] = rv
        dot[k] = d
        shared_out[k] = n_shared


@njit(cache=True, nogil=True)
def composite_bounds(cross, shared, lowest, q_sumsq_from, q_count_from, sum_lib, low_mz_cut,
                     ratio_weight, bound):  # pragma: no cover
    """Upper bound of each row's composite from its exact dot-product term (ratio term <= 1)."""
    last = q_sumsq_from.size - 1
    for r in range(cross.size):
        if shared[r] == 0:
            bound[r] = 0.0
            continue
        at = min(lowest[r], last) if low_mz_cut else 0
        sum_q = q_sumsq_from[at]
        n_query = q_count_from[at]
        d = 0.0
        if sum_q > 0.0 and sum_lib[r] > 0.0:
            d = min(cross[r] * cross[r] / (sum_q * sum_lib[r]), 1.0)
        w = ratio_weight * shared[r]
        bound[r] = (n_query * d + w) / (n_query + w) if n_query + w > 0 else 0.0


@njit(cache=True, nogil=True)
def overlap_pearson_top(cross, row_group, overlap, sum_q, sum_qq, row_sum, row_sumsq, has_corr, corr_l,
                        corr_ll, query_count, row_count, min_overlap, min_fraction, row_offset,
                        best_scores, best_rows):  # pragma: no cover
    """Pearson r on each (row, query) overlap from the six sums, kept in a running top-k.

    ``best_scores``/``best_rows`` (queries x k, scores descending) are updated in
    place; rows arrive in library order, so a later row never displaces an equal
    score (ties by library order).  Pairs whose overlap is too short are never hits.
    """
    n_rows, n_queries = cross.shape
    k = best_scores.shape[1]
    for i in range(n_rows):
        g = row_group[i]
        for j in range(n_queries):
            n = overlap[g, j]
            shorter = min(query_count[j], row_count[i])
            if n < min_overlap or n < min_fraction * shorter:
                continue
            sl = row_sum[i]
            sll = row_sumsq[i]
            if has_corr:
                sl -= corr_l[i, j]
                sll -= corr_ll[i, j]
            sq = sum_q[g, j]
            cov = n * cross[i, j] - sl * sq
            var = (n * sll - sl * sl) * (n * sum_qq[g, j] - sq * sq)
            r = cov / np.sqrt(var) if var > 0.0 else 0.0
            r = min(max(r, -1.0), 1.0)
            if r <= best_scores[j, k - 1]:
                continue
            pos = k - 1
            while pos > 0 and best_scores[j, pos - 1] < r:
                best_scores[j, pos] = best_scores[j, pos - 1]
                best_rows[j, pos] = best_rows[j, pos - 1]
                pos -= 1
            best_scores[j, pos] = r
            best_rows[j, pos] = row_offset + i
