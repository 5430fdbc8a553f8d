"""A provable upper bound of Pearson-on-the-overlap from a few numbers per library row.

For a library row ``v`` and a query whose overlap with the row's range is the
set of grid points ``O``, the Pearson r of the two on ``O`` is

    r = <v, u> / d

where ``u`` is the query restricted to ``O``, centred and scaled to unit norm
(one ``u`` per distinct library mask), and ``d`` is the row's own centred norm
on ``O`` (1 for the default pipeline's vectors when the query covers the row).
Split both vectors on an orthonormal basis ``B`` (``p`` rows):
``<v, u> = <Bv, Bu> + <v_perp, u_perp>``, and by the Cauchy-Schwarz inequality
``|<v_perp, u_perp>| <= |v_perp| |u_perp|``, so

    r <= (<Bv, Bu> + |v_perp| |u_perp|) / d.

That reads ``p + 1`` numbers per row instead of the whole grid.  Any orthonormal
``B`` gives a valid bound; the library's leading principal directions make it
tight, so a basis fitted when the index is built stays valid (only less tight)
as rows are added.  This is the lower-bounding filter of exact similarity
search in a reduced space (Faloutsos, Ranganathan & Manolopoulos, "Fast
subsequence matching in time-series databases", SIGMOD 1994: a bound that
never dismisses a true hit), with the residual norm making it exact for a
truncated principal-component basis.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Principal directions kept per row (p).
COMPONENTS = 64
#: Rows sampled (evenly) to fit the directions.
FIT_SAMPLE = 16384
#: Rows per chunk when projecting.
_CHUNK = 32768


@dataclass
class Projection:
    """Coordinates of every library row on an orthonormal basis, and what is left over."""

    basis: np.ndarray     # (p, grid) float32, orthonormal rows
    coords: np.ndarray    # (n, p) float32: B v
    residual: np.ndarray  # (n,) float64: an upper bound of |v - B^T B v|
    norm: np.ndarray      # (n,) float64: |v|

    @property
    def size(self) -> int:
        return int(self.coords.shape[0])

    def extended(self, vectors: np.ndarray) -> "Projection":
        """The same basis with ``vectors`` appended as new rows."""
        coords, residual, norm = project(vectors, self.basis)
        return Projection(self.basis, np.vstack([self.coords, coords]),
                          np.concatenate([self.residual, residual]), np.concatenate([self.norm, norm]))


def fit_basis(vectors: np.ndarray, components: int = COMPONENTS, sample: int = FIT_SAMPLE) -> np.ndarray:
    """The leading right singular vectors (uncentred) of an even sample of rows: ``(p, grid)``."""
    n, width = vectors.shape
    take = np.unique(np.linspace(0, n - 1, min(n, sample)).astype(np.int64)) if n else np.zeros(0, np.int64)
    rows = np.asarray(vectors[take], np.float64)
    gram = rows.T @ rows                      # (grid, grid): cheaper than an SVD of the sample
    values, directions = np.linalg.eigh(gram)
    keep = np.argsort(values)[::-1][:min(components, width)]
    basis = directions[:, keep].T
    # re-orthonormalise in float64 so the float32 copy is orthonormal to rounding
    q, _ = np.linalg.qr(basis.T)
    return np.ascontiguousarray(q.T, dtype=np.float32)


def project(vectors: np.ndarray, basis: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coordinates, residual norms (padded for rounding) and norms of ``vectors`` on ``basis``."""
    n = vectors.shape[0]
    coords = np.empty((n, basis.shape[0]), np.float32)
    residual = np.empty(n)
    norm = np.empty(n)
    for start in range(0, n, _CHUNK):
        chunk = np.asarray(vectors[start:start + _CHUNK], np.float32)
        c = chunk @ basis.T
        coords[start:start + len(chunk)] = c
        norm_sq = np.einsum("ij,ij->i", chunk, chunk, dtype=np.float64)
        kept_sq = np.einsum("ij,ij->i", c, c, dtype=np.float64)
        # |v_perp|^2 = |v|^2 - |Bv|^2; the pad keeps it an upper bound despite float32 coordinates
        residual[start:start + len(chunk)] = np.sqrt(np.maximum(norm_sq - kept_sq, 0.0) + 1e-6 * norm_sq)
        norm[start:start + len(chunk)] = np.sqrt(norm_sq)
    return coords, residual, norm


def fit_projection(vectors: np.ndarray, components: int = COMPONENTS, sample: int = FIT_SAMPLE) -> Projection:
    """Fit the basis on ``vectors`` and project them all."""
    basis = fit_basis(vectors, components, sample)
    return Projection(basis, *project(vectors, basis))


def query_terms(basis: np.ndarray, query: np.ndarray, overlaps: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``B u``, an upper bound of ``|u_perp|`` and whether ``u`` exists, for each overlap (row of ``overlaps``).

    ``u`` is the query on the overlap, centred and unit-norm; a query without
    spread on an overlap has none there (every row then scores 0).
    """
    overlaps = np.atleast_2d(np.asarray(overlaps, bool))
    values = np.where(overlaps, query.astype(np.float64)[None, :], 0.0)
    count = overlaps.sum(axis=1)
    mean = values.sum(axis=1) / np.maximum(count, 1)
    centred = np.where(overlaps, values - mean[:, None], 0.0)
    length = np.sqrt(np.einsum("ij,ij->i", centred, centred))
    exists = (count > 0) & (length > 0.0)
    u = centred / np.where(exists, length, 1.0)[:, None]
    coords = u @ basis.T.astype(np.float64)
    residual = np.sqrt(np.maximum(1.0 - np.einsum("ij,ij->i", coords, coords), 0.0) + 1e-6)
    coords[~exists] = 0.0
    residual[~exists] = 0.0
    return coords, residual, exists
