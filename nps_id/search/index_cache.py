"""Search indexes of a library, kept with it and updated incrementally.

The EI index (:class:`~nps_id.search.ms_engine.MSIndex`) and the IR matrix are
built from the library's bulk peak arrays and saved beside a SQLite library
(``LIB.sqlite.nps-index/``; in the user cache for a PostgreSQL library).  When
the library only grew since the index was saved, only the new spectra are
added; any other change (deletion, edit) rebuilds it.

Every index is tied to the library it was built from: its ``library_uuid``
(made when the library was created) and ``revision`` (bumped by every
change of what is searched) are stored with it and compared before use.  A
library replaced at the same path or URL (dropped and created again) has
another uuid: the folder's caches (indexes, class model, analogue masses)
are then wiped and rebuilt, and this process's in-memory caches of that
location are forgotten, so a search never scores one library's index under
another library's names.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import scipy.sparse as sp

from nps_id.ms.similarity import DEFAULT_PARAMS
from nps_id.search.ir_bounds import Projection
from nps_id.search.ms_engine import MSIndex

_INDEX_VERSION = 8
Progress = Callable[[int, int], None]
_memory: dict[tuple[str, str], tuple[tuple[str, int], object]] = {}
#: The library uuid last seen at each location by this process.
_seen: dict[str, str] = {}
#: Modules whose ``_memory`` dicts cache per library location (key: the location).
_LOCATION_CACHES = ("nps_id.unknowns.compounds", "nps_id.unknowns.classes", "nps_id.unknowns.analogues")
_MARKER = "library.json"


def library_identity(library) -> tuple[str, int]:
    """``(library_uuid, revision)`` of ``library``; forgets this process's caches of its
    location when another library than last time is found there."""
    identity = getattr(library, "identity", None)
    uuid, revision = identity() if identity is not None else ("", int(library.revision()))
    location = str(library.location)
    if _seen.get(location, uuid) != uuid:
        _forget(location)
    _seen[location] = uuid
    return uuid, int(revision)


def _forget(location: str) -> None:
    for key in [k for k in _memory if k[0] == location]:
        del _memory[key]
    for name in _LOCATION_CACHES:
        cache = getattr(sys.modules.get(name), "_memory", None)
        if isinstance(cache, dict):
            cache.pop(location, None)


def _cache_dir(library) -> Path:
    """The folder of ``library``'s caches, emptied first when it holds another library's."""
    location = str(library.location)
    if location.startswith(("postgresql://", "postgres://")):
        import platformdirs

        digest = hashlib.sha256(location.encode()).hexdigest()[:16]
        folder = Path(platformdirs.user_cache_dir("nps-id")) / f"pg-{digest}"
    else:
        folder = Path(location + ".nps-index")
    _claim(folder, library_identity(library)[0])
    return folder


def _claim(folder: Path, uuid: str) -> None:
    """Make ``folder`` the cache of the library ``uuid``: files of another library are deleted."""
    marker = folder / _MARKER
    try:
        owner = json.loads(marker.read_text(encoding="utf-8")).get("library_uuid")
    except (OSError, ValueError, AttributeError):
        owner = None
    if owner == uuid:
        return
    try:
        if folder.is_dir():
            for path in folder.iterdir():
                if path.is_file() and path.suffix in (".npz", ".tmp", ".json"):
                    path.unlink(missing_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps({"library_uuid": uuid}) + "\n", encoding="utf-8")
    except OSError:
        pass  # a read-only location: the stored uuid in each file still guards it


def _atomic_save(path: Path, **arrays: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        with open(tmp, "wb") as handle:
            np.savez(handle, **arrays)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def ms_index(library) -> MSIndex:
    """The EI search index of ``library``, current with its content."""
    key = (str(library.location), "ms")
    identity = library_identity(library)  # before reading the content: a later change only makes it stale
    cached = _memory.get(key)
    if cached and cached[0] == identity:
        return cached[1]  # type: ignore[return-value]
    path = _cache_dir(library) / "ms.npz"
    index = _load_ms(path, identity[0])
    total = library.count("ms")
    if index is not None:
        last_id = int(index.library_ids[-1]) if index.size else 0
        ids, offsets, x, y = library.peak_arrays("ms", min_id=last_id + 1)
        if index.size + len(ids) != total:
            index = None  # something was removed or changed: rebuild
        elif len(ids):
            index = index.extended(MSIndex.from_peak_arrays(ids, offsets, x, y))
            _save_ms(path, index, identity[0])
    if index is None:
        ids, offsets, x, y = library.peak_arrays("ms")
        index = MSIndex.from_peak_arrays(ids, offsets, x, y)
        _save_ms(path, index, identity[0])
    _memory[key] = (identity, index)
    return index


def _save_ms(path: Path, index: MSIndex, uuid: str = "") -> None:
    m = index.matrix
    try:
        _atomic_save(path, version=np.array(_INDEX_VERSION), library_uuid=np.array(uuid), ids=index.library_ids,
                     data=m.data.astype(np.float32), indices=m.indices, indptr=m.indptr,
                     shape=np.array(m.shape))
    except OSError:
        pass  # a read-only location: the index is rebuilt in memory next time


def _load_ms(path: Path, uuid: str = "") -> MSIndex | None:
    try:
        with np.load(path) as z:
            if int(z["version"]) != _INDEX_VERSION or str(z["library_uuid"]) != uuid:
                return None
            matrix = sp.csr_matrix((z["data"].astype(np.float32), z["indices"], z["indptr"]),
                                   shape=tuple(z["shape"]))
            return MSIndex(z["ids"], matrix, DEFAULT_PARAMS)
    except (OSError, KeyError, ValueError):
        return None


@dataclass
class IRIndex:
    """Preprocessed IR search vectors (rows) of a library, on the common grid.

    ``projection`` (coordinates on the library's leading principal directions,
    for the exact pruning of :mod:`nps_id.search.ir_engine`) is fitted when a
    large index is built and kept with it; rows added later are projected on
    the same directions.
    """

    library_ids: np.ndarray
    vectors: np.ndarray  # float32, (n, grid)
    masks: np.ndarray    # bool, (n, grid)
    projection: Projection | None = None

    @property
    def size(self) -> int:
        return int(self.library_ids.size)


def ir_index(library, progress: Progress | None = None, workers: int = 1) -> IRIndex:
    """The IR search index of ``library`` (vectors of the default IR pipeline).

    ``progress(done, total)`` is called while new spectra are vectorised, by
    up to ``workers`` spawned processes when there are many.  Spawned workers
    import the caller's main module again: a script that passes ``workers > 1``
    needs the ``if __name__ == "__main__":`` guard (the ``nps-id`` commands have it).
    """
    from nps_id.ir.pipeline import IR_GRID, pipeline_id
    from nps_id.search.ir_engine import PRUNE_MIN_ROWS, ir_projection

    key = (str(library.location), "ir")
    identity = library_identity(library)
    cached = _memory.get(key)
    if cached and cached[0] == identity:
        return cached[1]  # type: ignore[return-value]
    path = _cache_dir(library) / f"ir-{pipeline_id()}.npz"  # a new default pipeline means new vectors
    old = _load_ir(path, identity[0])
    total = library.count("ir")
    start_id = 0
    parts_ids, parts_vec, parts_mask = [], [], []
    if old is not None:
        last = int(old.library_ids[-1]) if old.size else 0
        if old.size + library.count("ir", min_id=last + 1) == total:  # only additions since: keep the old rows
            parts_ids.append(old.library_ids)
            parts_vec.append(old.vectors)
            parts_mask.append(old.masks)
            start_id = last + 1
    reused = old if parts_ids else None
    ids, vecs, masks = _vectorise_library(library, start_id, total - sum(p.size for p in parts_ids), progress,
                                          workers)
    if ids.size:
        parts_ids.append(ids)
        parts_vec.append(vecs)
        parts_mask.append(masks)
    if parts_ids:
        index = IRIndex(np.concatenate(parts_ids), np.vstack(parts_vec), np.vstack(parts_mask))
    else:
        index = IRIndex(np.zeros(0, np.int64), np.zeros((0, IR_GRID.size), np.float32),
                        np.zeros((0, IR_GRID.size), bool))
    if reused is not None and reused.projection is not None:
        index.projection = reused.projection  # extended with the new rows below, same directions
    if index.size >= PRUNE_MIN_ROWS:
        ir_projection(index)
    if ids.size or old is None or (index.projection is not None and old.projection is None):
        _save_ir(path, index, identity[0])
    _memory[key] = (identity, index)
    return index


#: Spectra per task when vectorising in worker processes (and below which it is not worth it).
_VECTORISE_CHUNK = 256


def _vectorise_library(library, start_id: int, expected: int, progress: Progress | None, workers: int = 1
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Search vectors of the library's IR spectra with ``id >= start_id``, in worker processes when many."""
    from nps_id.ir.pipeline import IR_GRID

    ids, vecs, masks = [], [], []
    spectra = library.iter_spectra("ir", min_id=start_id) if expected > 0 else iter(())
    workers = max(1, min(workers, os.cpu_count() or 1, 8))
    if workers > 1 and expected >= 4 * _VECTORISE_CHUNK:
        import concurrent.futures
        import multiprocessing

        # spawned, not forked: the caller may be a thread of the desktop app
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            chunks = _chunked(spectra, _VECTORISE_CHUNK)
            for chunk_ids, (chunk_vecs, chunk_masks) in _ordered_map(pool, chunks, workers):
                ids.extend(chunk_ids)
                vecs.append(chunk_vecs)
                masks.append(chunk_masks)
                if progress is not None:
                    progress(len(ids), expected)
    else:
        for chunk in _chunked(spectra, _VECTORISE_CHUNK):
            chunk_vecs, chunk_masks = vectorise_ir([s for _, s in chunk])
            ids.extend(i for i, _ in chunk)
            vecs.append(chunk_vecs)
            masks.append(chunk_masks)
            if progress is not None:
                progress(len(ids), expected)
    if not ids:
        return np.zeros(0, np.int64), np.zeros((0, IR_GRID.size), np.float32), np.zeros((0, IR_GRID.size), bool)
    return np.asarray(ids, np.int64), np.vstack(vecs), np.vstack(masks)


def vectorise_ir(spectra: list) -> tuple[np.ndarray, np.ndarray]:
    """IR search vectors and masks of ``spectra``; one that cannot be prepared gets an empty mask (never a hit)."""
    from nps_id.ir.pipeline import IR_GRID, ir_search_vector

    vecs = np.zeros((len(spectra), IR_GRID.size), np.float32)
    masks = np.zeros((len(spectra), IR_GRID.size), bool)
    for k, spectrum in enumerate(spectra):
        try:
            vec, mask = ir_search_vector(spectrum)
        except Exception:
            continue
        vecs[k], masks[k] = vec, mask
    return vecs, masks


def _chunked(pairs, size: int):
    chunk = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ordered_map(pool, chunks, workers: int):
    """(ids, result) per chunk in order, at most ``2 * workers`` chunks in flight (bounded memory)."""
    from collections import deque

    pending: deque = deque()
    for chunk in chunks:
        pending.append(([i for i, _ in chunk], pool.submit(vectorise_ir, [s for _, s in chunk])))
        if len(pending) >= 2 * workers:
            chunk_ids, future = pending.popleft()
            yield chunk_ids, future.result()
    while pending:
        chunk_ids, future = pending.popleft()
        yield chunk_ids, future.result()


def update_indexes(library, progress: Callable[[str, int, int], None] | None = None, workers: int = 1) -> None:
    """Bring the library's search indexes up to date (after an import), ``progress(stage, done, total)``.

    ``workers``: processes that vectorise IR spectra (see :func:`ir_index`).
    """
    if library.count("ms"):
        from nps_id.unknowns.classes import class_model

        if progress is not None:
            progress("updating the EI search index", 0, 1)
        ms_index(library)
        stage = "training the class model"
        class_model(library, None if progress is None else (lambda done, total: progress(stage, done, total)))
    if library.count("ir"):
        stage = "updating the IR search index"
        ir_index(library, None if progress is None else (lambda done, total: progress(stage, done, total)), workers)


def _save_ir(path: Path, index: IRIndex, uuid: str = "") -> None:
    extra = {}
    if index.projection is not None:
        p = index.projection
        extra = {"basis": p.basis, "coords": p.coords, "residual": p.residual, "norm": p.norm}
    try:
        _atomic_save(path, version=np.array(_INDEX_VERSION), library_uuid=np.array(uuid),
                     ids=index.library_ids, vectors=index.vectors, masks=index.masks, **extra)
    except OSError:
        pass  # a read-only location: rebuilt in memory next time


def _load_ir(path: Path, uuid: str = "") -> IRIndex | None:
    try:
        with np.load(path) as z:
            if int(z["version"]) != _INDEX_VERSION or str(z["library_uuid"]) != uuid:
                return None
            projection = None
            if "basis" in z.files:
                projection = Projection(z["basis"], z["coords"], z["residual"], z["norm"])
            return IRIndex(z["ids"], z["vectors"], z["masks"], projection)
    except (OSError, KeyError, ValueError):
        return None
