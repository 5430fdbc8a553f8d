"""Which register spectra match a spectrum: the library's exact search engines, over the register.

A register's spectra (of one technique) are put in the same index the
library search uses (:class:`~nps_id.search.ms_engine.MSIndex` for EI,
composite match factor; :class:`~nps_id.search.index_cache.IRIndex` +
:func:`~nps_id.search.ir_engine.score_ir_batch` for IR, Pearson r on the
overlap), so "the same unknown" means what a library hit means, on the same
0-999 scale.  Nothing here scores spectra itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nps_id.spectrum import Spectrum

#: Score (0-999) at which two reports are taken to be the same unknown.  EI: NIST's
#: "good match" convention (score >= 800), not tuned.  ``benchmarks/alert_clustering.py``
#: (NIST replicates of 58 NPS and 28 fentanyls): with the compound's cluster present,
#: 95.4 % of later NPS reports join the right cluster and 1.3 % a wrong one (85.6 % / 4.4 %
#: when the later reports are SIMULATED as another lab's); the first report of a compound
#: whose cluster does not exist yet joins another compound's cluster in 30-43 % of cases,
#: mostly a same-formula positional isomer that EI cannot tell apart (another formula:
#: 7-10 %).  IR: r >= 0.80, chosen after looking at the only real multi-source IR set here
#: (40 spectra of 17 solvents/polymers, gas/liquid/ATR mixed; in-sample): 52.5 % of spectra
#: have a same-compound spectrum at or above it, none another compound's.  No NPS IR replicates
#: were available to check it on the substances the register is for.
JOIN_AT = {"ms": 800.0, "ir": 800.0}
#: Reports whose molecular ions are both this sure and differ never join.
ION_SURE = 0.8


@dataclass
class Match:
    """One register spectrum matching a query: its row id, cluster and score (0-999)."""

    spectrum_id: int
    cluster_id: int
    score: float


class RegisterIndex:
    """The register's spectra of one technique, indexed once for many queries."""

    def __init__(self, technique: str, ids: Sequence[int], clusters: Sequence[int], spectra: Sequence[Spectrum]):
        self.technique = technique
        self.ids = np.asarray(ids, dtype=np.int64)
        self.clusters = np.asarray(clusters, dtype=np.int64)
        self._ms = self._ir = None
        if not len(spectra):
            return
        if technique == "ms":
            from nps_id.ms.similarity import DEFAULT_PARAMS
            from nps_id.search.ms_engine import MSIndex

            counts = np.array([len(s) for s in spectra], dtype=np.int64)
            offsets = np.zeros(len(spectra) + 1, dtype=np.int64)
            np.cumsum(counts, out=offsets[1:])
            x = np.concatenate([s.x for s in spectra])
            y = np.concatenate([s.y for s in spectra])
            self._ms = MSIndex.from_peak_arrays(np.arange(len(spectra)), offsets, x, y, DEFAULT_PARAMS)
        else:
            from nps_id.search.index_cache import IRIndex, vectorise_ir

            vectors, masks = vectorise_ir(list(spectra))
            self._ir = IRIndex(np.arange(len(spectra), dtype=np.int64), vectors, masks)

    @property
    def size(self) -> int:
        return int(self.ids.size)

    def matches(self, query: Spectrum, top: int = 5) -> list[Match]:
        """The best ``top`` register spectra for ``query``, best first (any score)."""
        if self.size == 0 or query.technique != self.technique:
            return []
        if self._ms is not None:
            from nps_id.ms.filters import prepare_ei_spectrum

            prepared = prepare_ei_spectrum(query, self._ms.params.noise_threshold)
            result = self._ms.search(prepared.x, prepared.y, top=top)
            rows, scores = result.rows, 999.0 * result.composite
        else:
            from nps_id.ir.pipeline import ir_search_vector
            from nps_id.search.ir_engine import score_ir_batch

            try:
                vector, mask = ir_search_vector(query)
            except Exception:
                return []
            all_rows, all_scores = score_ir_batch(self._ir, vector[None, :].astype(np.float32), mask[None, :], top)
            rows, scores = all_rows[0], 999.0 * np.maximum(all_scores[0], 0.0)
        return [Match(int(self.ids[r]), int(self.clusters[r]), round(float(s), 1))
                for r, s in zip(rows, scores) if np.isfinite(s)]

    def best_cluster(self, query: Spectrum, ion: int | None = None, ion_of: dict | None = None,
                     join_at: float | None = None) -> Match | None:
        """The best match at or above the joining score whose cluster's molecular ion does not contradict ``ion``."""
        threshold = JOIN_AT[self.technique] if join_at is None else join_at
        for match in self.matches(query, top=10):
            if match.score < threshold:
                return None
            other = (ion_of or {}).get(match.cluster_id)
            if ion is not None and other is not None and int(other) != int(ion):
                continue
            return match
        return None
