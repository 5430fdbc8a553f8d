"""Compiled inner loops of the IR search (numba)."""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def run_sums(vectors, prefix, rows, run_starts, run_stops, block, out_sum, out_sq):  # pragma: no cover
    """Sum (and sum of squares) of each given row over columns ``[start, stop)`` of every run.

    ``prefix[row, b]`` holds the sum (and the sum of squares) of the row's first ``b * block`` columns,
    so each run edge costs one look-up plus fewer than ``block`` values read.
    Results are added to ``out_sum``/``out_sq`` (one entry per row of ``rows``).
    """
    last_block = prefix.shape[1] - 1
    for i in range(rows.size):
        r = rows[i]
        total = 0.0
        total_sq = 0.0
        for e in range(run_starts.size):
            for edge in range(2):
                column = run_stops[e] if edge == 1 else run_starts[e]
                b = min(column // block, last_block)
                s = np.float64(prefix[r, b, 0])
                s2 = np.float64(prefix[r, b, 1])
                for c in range(b * block, column):
                    v = np.float64(vectors[r, c])
                    s += v
                    s2 += v * v
                if edge == 1:
                    total += s
                    total_sq += s2
                else:
                    total -= s
                    total_sq -= s2
        out_sum[i] += total
        out_sq[i] += total_sq


@njit(cache=True, nogil=True, fastmath={"reassoc", "contract", "nsz"})  # SIMD sums; inf kept
def projection_upper_bounds(coords, residual, norm, row_group, row_sum, row_sumsq, centred_norm, prefix,
                            group_coords, group_residual, group_ok, group_count, run_ptr, run_lo,
                            run_hi, energy_ptr, energy_block, group_extra, margin, numerator, out):  # pragma: no cover
    """Upper bound of each row's Pearson r with one query: ``(<c_row, c_g> + |res_row| |res_g|) / d_row``.

    ``numerator`` receives the bound of ``<v, u>`` (before dividing by ``d_row``).
    ``d_row`` is the row's centred norm on its overlap with the query: exact
    (``centred_norm``) when the query covers the row's range; otherwise a lower
    bound from the block running sums, with the query-uncovered runs of group
    ``g`` widened to whole blocks ``[run_lo, run_hi)``: the ``group_extra``
    overlap points dropped with them lie in blocks ``energy_block``, whose
    energy bounds theirs (and, by Cauchy-Schwarz, their sum).  Rows of
    groups whose overlap is too short get ``-inf`` (never hits); rows with no
    spread left get ``+1`` (scored exactly).  ``margin`` covers float32 rounding.
    """
    n, p = coords.shape
    for i in range(n):
        g = row_group[i]
        if not group_ok[g]:
            numerator[i] = -np.inf
            out[i] = -np.inf
            continue
        s = np.float32(0.0)
        for j in range(p):
            s += coords[i, j] * group_coords[g, j]
        top = s + residual[i] * group_residual[g] + margin * norm[i]
        numerator[i] = top
        if run_ptr[g] == run_ptr[g + 1]:
            d = centred_norm[i]
        else:
            s1 = np.float64(row_sum[i])
            s2 = np.float64(row_sumsq[i])
            edge = 0.0
            for e in range(run_ptr[g], run_ptr[g + 1]):
                lo = run_lo[e]
                hi = run_hi[e]
                s1 -= prefix[i, hi, 0] - prefix[i, lo, 0]
                s2 -= prefix[i, hi, 1] - prefix[i, lo, 1]
            for e in range(energy_ptr[g], energy_ptr[g + 1]):
                b = energy_block[e]
                edge += prefix[i, b + 1, 1] - prefix[i, b, 1]
            spread_of_sum = abs(s1) + np.sqrt(max(group_extra[g] * edge, 0.0))
            d = np.sqrt(max(s2 - spread_of_sum * spread_of_sum / group_count[g], 0.0))
        if d <= 1e-6 * norm[i]:
            out[i] = 1.0 + margin
        elif top <= 0.0:
            out[i] = margin  # r <= 0 whatever d is
        else:
            out[i] = top / d + margin


@njit(cache=True, nogil=True)
def block_prefix(vectors, block, prefix, row_sum, row_sumsq):  # pragma: no cover
    """Running sums of values and squares at every ``block``-th column, and row totals.

    ``prefix[row, b] = (sum, sum of squares)`` of columns ``< b * block`` (float64
    accumulation, stored as float32); the last block may be short.
    """
    n, width = vectors.shape
    blocks = prefix.shape[1] - 1
    for i in range(n):
        s = 0.0
        s2 = 0.0
        for b in range(blocks):
            for c in range(b * block, min((b + 1) * block, width)):
                v = np.float64(vectors[i, c])
                s += v
                s2 += v * v
            prefix[i, b + 1, 0] = s
            prefix[i, b + 1, 1] = s2
        row_sum[i] = s
        row_sumsq[i] = s2
