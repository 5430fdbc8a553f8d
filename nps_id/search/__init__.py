"""Library search: rank library spectra against query spectra (EI and IR).

``search_spectra(library, spectra)`` prepares each query (recorded in its
recipe), scores it against the library's search index and returns one
:class:`HitList` per query.  EI queries use the composite match factor
(:mod:`nps_id.ms.similarity`), IR queries the default IR pipeline
(:mod:`nps_id.ir.pipeline`).  Raman/NIR/UV spectra are never matched against IR.
"""
from __future__ import annotations

import shlex

from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from nps_id.errors import NpsIdError
from nps_id.i18n import _
from nps_id.ms.filters import prepare_ei_spectrum
from nps_id.search.hits import Hit, HitList, assign_probabilities, collapse_per_compound
from nps_id.spectrum import Spectrum
from nps_id.unknowns.assess import assess, judged_depth

__all__ = ["search_spectra", "search_spectrum", "HitList", "Hit", "query_id"]

#: Called as ``progress(done, total)``; ``cancel()`` returning True stops the search.
Progress = Callable[[int, int], None]


class SearchCancelled(NpsIdError):
    """The user cancelled a search."""


def query_id(spectrum: Spectrum, position: int | None = None, count: int = 1) -> str:
    """The id a query is reported under: DB# of the record, else its name, else the file name."""
    for key in ("source_id", "name"):
        value = spectrum.get(key)
        if value:
            return str(value)
    name = Path(str(spectrum.get("source_file") or "query")).name
    if count > 1 and position is not None:
        return f"{name}#{position + 1}"
    return name


def search_spectra(
    library,
    spectra: Sequence[Spectrum],
    top: int = 10,
    exhaustive: bool = False,
    per_compound: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    analogues: bool = False,
    register=None,
    similarity: str = "pearson",
    mixture: bool = False,
) -> list[HitList]:
    """Search every spectrum against ``library``; one hit list per spectrum, in order.

    Every hit list carries its verdict (:mod:`nps_id.unknowns`); analogue search
    runs by itself when the verdict is not ``identified``, and always with
    ``analogues=True``.  Queries not identified are looked up in the early-warning
    register (``register``, else the default one: :mod:`nps_id.alerts.seen`).
    IR only: ``similarity`` (:data:`nps_id.ir.rescoring.SIMILARITIES`) and
    ``mixture`` (mixture analysis on the hit list, :mod:`nps_id.ir.mixture_analysis`).
    """
    results = []
    counts: dict[str, int] = {}
    for spectrum in spectra:
        source = str(spectrum.get("source_file"))
        counts[source] = counts.get(source, 0) + 1
    positions: dict[str, int] = {}
    ir_batch = _IRBatch(library, top, per_compound, spectra, exhaustive, analogues)
    ir_batch.options = {"similarity": similarity, "mixture": mixture}
    for done, spectrum in enumerate(spectra):
        if cancel is not None and cancel():
            raise SearchCancelled("search cancelled")
        source = str(spectrum.get("source_file"))
        position = positions.get(source, 0)
        positions[source] = position + 1
        if spectrum.technique == "ir":
            hit_list = ir_batch.hit_list(done)
        else:
            hit_list = search_spectrum(library, spectrum, top=top, exhaustive=exhaustive,
                                       per_compound=per_compound, analogues=analogues)
        hit_list.query_id = query_id(spectrum, position, counts[source])
        results.append(hit_list)
        if progress is not None:
            progress(done + 1, len(spectra))
    from nps_id.alerts.seen import check_hit_lists

    check_hit_lists(results, library=library, register=register)
    return results


class _IRBatch:
    """IR queries of one search scored together (one matrix product per batch)."""

    BATCH = 256

    def __init__(self, library, top: int, per_compound: bool, spectra: Sequence[Spectrum], exhaustive: bool,
                 analogues: bool = False):
        self.library, self.top, self.per_compound, self.exhaustive = library, top, per_compound, exhaustive
        self.analogues = analogues
        self.spectra = spectra
        self.positions = [i for i, s in enumerate(spectra) if s.technique == "ir"]
        self.ready: dict[int, HitList] = {}
        self.options: dict = {}

    def hit_list(self, position: int) -> HitList:
        if position not in self.ready:
            at = self.positions.index(position)
            batch = self.positions[at:at + self.BATCH]
            results = _search_ir_many(self.library, [self.spectra[i] for i in batch], self.top, self.per_compound,
                                      self.exhaustive, self.analogues, **self.options)
            self.ready.update(zip(batch, results))
        return self.ready.pop(position)


def search_spectrum(library, spectrum: Spectrum, top: int = 10, exhaustive: bool = False,
                    per_compound: bool = False, analogues: bool = False, **ir_options) -> HitList:
    """Search one spectrum; see :func:`search_spectra` (``ir_options``: similarity, mixture)."""
    technique = spectrum.technique
    if technique == "ms":
        return _search_ms(library, spectrum, top, exhaustive, per_compound, analogues)
    if technique == "ir":
        return _search_ir_many(library, [spectrum], top, per_compound, exhaustive, analogues, **ir_options)[0]
    hit_list = HitList(spectrum, query_id(spectrum), technique, [])
    hit_list.warnings.append(
        _("{0} spectra are not searched: the library holds EI mass spectra and IR spectra").format(technique.upper()))
    return hit_list


def _search_ms(library, spectrum: Spectrum, top: int, exhaustive: bool, per_compound: bool,
               analogues: bool = False) -> HitList:
    query, hits, scored, size = rank_ms(library, spectrum, judged_depth(top, per_compound), exhaustive, top)
    return _finish(library, query, "ms", hits, top, per_compound, scored, size, analogues, spectrum)


def rank_ms(library, spectrum: Spectrum, depth: int, exhaustive: bool = False, top: int | None = None
            ) -> tuple[Spectrum, list[Hit], int, int]:
    """The ``depth`` best library spectra for an EI spectrum, before any judgement.

    Returns the prepared query (its recipe ends with the search step, which
    records ``top``, the hits to be shown, when given), the hits best first, the
    number of library spectra scored in full and the library size.
    """
    from nps_id.search.index_cache import ms_index

    index = ms_index(library)
    query = prepare_ei_spectrum(spectrum, index.params.noise_threshold)
    result = index.search(query.x, query.y, top=depth, exhaustive=exhaustive)
    query = query.processed("composite_match_factor_search",
                            {**index.params.to_dict(), "exhaustive": exhaustive, "depth": depth,
                             **({} if top is None else {"top": top})})
    ids = index.library_ids[result.rows]
    records = library.records(ids)
    hits = []
    for i, (library_id, record) in enumerate(zip(ids, records)):
        if record is None:
            continue
        hits.append(_make_hit(len(hits) + 1, int(library_id), record,
                              999.0 * result.composite[i], 999.0 * result.reverse[i],
                              int(result.shared[i])))
    return query, hits, result.candidates_scored, index.size


def _search_ir_many(library, spectra: Sequence[Spectrum], top: int, per_compound: bool,
                    exhaustive: bool = False, analogues: bool = False, similarity: str = "pearson",
                    mixture: bool = False) -> list[HitList]:
    from nps_id.ir.pipeline import DEFAULT_IR_PIPELINE, ir_search_vector
    from nps_id.ir.rescoring import ranked_hits
    from nps_id.search.index_cache import ir_index
    from nps_id.search.ir_engine import score_ir_batch

    index = ir_index(library)
    prepared = [ir_search_vector(s) for s in spectra]
    vectors = np.vstack([v for v, _ in prepared]).astype(np.float32)
    masks = np.vstack([m for _, m in prepared])
    wanted = judged_depth(top, per_compound)
    all_rows, all_scores = score_ir_batch(index, vectors, masks, wanted, exhaustive=True if exhaustive else None)
    recipe = {"pipeline": [{"step": name, "params": dict(params)} for name, params in DEFAULT_IR_PIPELINE],
              "similarity": "pearson r on the overlap of the preprocessed vectors", "top": top,
              "exhaustive": exhaustive}
    results = []
    for spectrum, rows, scores in zip(spectra, all_rows, all_scores):
        ids, values, reverse, chosen = ranked_hits(library, index, spectrum, rows, scores, similarity, wanted,
                                                   2 * top if per_compound else top)
        query = spectrum.processed("ir_search", {**recipe, **chosen})
        hits = []
        for library_id, value, rev, record in zip(ids, values, reverse, library.records(ids)):
            if record is not None:
                hits.append(_make_hit(len(hits) + 1, int(library_id), record, float(value),
                                      float(rev if np.isfinite(rev) else value), None))
        results.append(_finish(library, query, "ir", hits, top, per_compound, index.size, index.size,
                               analogues, spectrum))
        if mixture:
            from nps_id.ir.mixture_analysis import analyse_mixture

            from nps_id.ir.mixture_analysis import mixture_warning

            try:
                results[-1].mixture = analyse_mixture(library, spectrum)
                if mixture_warning(results[-1].mixture):
                    results[-1].warnings.append(mixture_warning(results[-1].mixture))
            except NpsIdError as exc:  # one query's unusable mixture does not stop the others
                results[-1].warnings.append(_("mixture analysis not possible: {0}").format(exc))
    return results


def _finish(library, query: Spectrum, technique: str, hits: list[Hit], top: int, per_compound: bool,
            scored: int, size: int, analogues: bool, raw: Spectrum) -> HitList:
    """Judge the hits (verdict, molecular ion, analogues, class), then cut the list to ``top``."""
    _add_catalogue_status(hits, library)
    assessment = assess(library, raw, query, technique, hits, size, analogues)
    hits, query = assessment.hits, assessment.query
    assign_probabilities(hits, technique, assessment.verdict)
    if per_compound:
        hits = collapse_per_compound(hits)
    hits = hits[:top]
    hit_list = HitList(query, query_id(query), technique, hits, scored, size)
    assessment.apply(hit_list)
    if size == 0:
        hit_list.warnings.append(
            _("the library holds no {0} spectra: import a reference library "
              "(nps-id library import --library {1} FILE_OR_FOLDER)").format(
                technique.upper(), shlex.quote(str(getattr(library, "location", "LIB")))))
    return hit_list


def _make_hit(rank: int, library_id: int, record: dict, score: float, reverse: float,
              shared: int | None) -> Hit:
    def num(value):
        try:
            return None if value in (None, "") else float(value)
        except (TypeError, ValueError):
            return None

    return Hit(
        rank=rank, library_id=library_id, name=record.get("name") or "",
        score=round(score, 1), reverse_score=round(reverse, 1),
        inchikey=record.get("inchikey") or None, cas=record.get("cas") or None,
        formula=record.get("formula") or None, mw=num(record.get("mw")),
        compound_class=record.get("compound_class") or None, smiles=record.get("smiles") or None,
        source_id=record.get("source_id") or None, retention_index=num(record.get("retention_index")),
        synonyms=list(record.get("synonyms") or []), shared_peaks=shared,
    )


def _add_catalogue_status(hits: list[Hit], library=None) -> None:
    """Control status of every hit: by InChIKey, skeleton, CAS, then names (:mod:`nps_id.controls`);
    national status too when a jurisdiction is chosen (``$NPS_ID_JURISDICTION``)."""
    from nps_id.controls import apply_controls

    apply_controls(hits, library)
