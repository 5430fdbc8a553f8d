"""Class prediction: what kind of substance an EI spectrum probably is.

The labels come from the library the lab has (:func:`~nps_id.unknowns.class_rules.record_class`:
the record's class field, else the compound catalogue, else RDKit rules on its
structure, else a class stem in its name); the features are
:func:`~nps_id.unknowns.class_features.ei_features` (ions, neutral losses, ion
series: what a class shares whatever its substituents).  The model is a
multinomial logistic regression (scikit-learn) with balanced class weights, so a
small class (a few dozen cathinones among ten thousand other compounds) is not
swallowed by ``other``; its probabilities are therefore those of equal class
priors, which is what a chemist asking "what is this like" wants.

The model is trained at import (``update_indexes``), saved beside the library as
plain arrays (coefficients, intercepts, labels: nothing executable is loaded
from disk) with the library revision it was trained on, and retrained when the
library has changed.  A library whose records name fewer than two classes gives
a :class:`~nps_id.unknowns.results.ClassPrediction` without a label and a message
saying so, never a guess.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from nps_id.unknowns.class_features import FEATURE_VERSION, ei_features
from nps_id.unknowns.class_rules import CLASSES, coarse_class, record_class
from nps_id.unknowns.results import ClassPrediction

#: Spectra of the most common class used in training, at most (the rest are drawn at random,
#: seeded): keeps training time and memory bounded on a million-spectrum library.
MAX_PER_CLASS = 20_000
#: Spectra whose features are computed at once (the dense binning step is n x 2001).
FEATURE_CHUNK = 4_000
#: Minimum labelled spectra of a class for it to be learned.
MIN_PER_CLASS = 5
#: 2: records are labelled by their synonyms too.
_MODEL_VERSION = 2
#: Logits are divided by this before the softmax.  Fitted (log loss) on leave-compound-out predictions
#: of the 580 nps_classes spectra (8 folds by compound, bench library + nps_classes, balanced weights):
#: unscaled, predictions of p >= 0.95 were right 88 % of the time; at T = 1.6 those of p >= 0.95 are
#: right 88 % (n = 83), 0.85-0.95: 88 % (n = 235), 0.7-0.85: 87 % (n = 162).  Argmax (the class) unchanged.
TEMPERATURE = 1.6
Progress = Callable[[int, int], None]
_memory: dict[str, tuple[int, "ClassModel | None"]] = {}


@dataclass
class ClassModel:
    """A trained linear class model (arrays only)."""

    labels: np.ndarray  # class names, str
    coef: np.ndarray  # classes x features
    intercept: np.ndarray
    revision: int = -1
    trained_on: int = 0

    def predict_features(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities (rows: spectra, columns: :attr:`labels`)."""
        z = (features @ self.coef.T + self.intercept) / TEMPERATURE
        if len(self.labels) == 2:  # scikit-learn's binary form: one column of logits
            z = np.column_stack([-z[:, 0], z[:, 0]]) if z.shape[1] == 1 else z
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, spectrum) -> ClassPrediction:
        """The class of one EI spectrum."""
        features = ei_features(spectra=[spectrum])
        if not np.any(features):
            return ClassPrediction(None, 0.0, {}, "no peaks from m/z 40 on: no class can be predicted")
        p = self.predict_features(features)[0]
        best = int(np.argmax(p))
        return ClassPrediction(str(self.labels[best]), round(float(p[best]), 3),
                               {str(k): round(float(v), 3) for k, v in zip(self.labels, p)},
                               unlearned=self.unlearned())

    def unlearned(self) -> list[str]:
        """Classes of the vocabulary this model cannot predict (too few references in the library)."""
        known = set(str(label) for label in self.labels)
        return [c for c in CLASSES if c not in known]


def train_class_model(features: np.ndarray, labels: Sequence[str], seed: int = 0) -> ClassModel | None:
    """Fit the model on labelled feature rows; None when fewer than two classes are learnable."""
    from sklearn.linear_model import LogisticRegression

    labels = np.asarray(labels, dtype=object)
    names, counts = np.unique(labels, return_counts=True)
    learnable = set(names[counts >= MIN_PER_CLASS])
    if len(learnable) < 2:
        return None
    keep = np.array([label in learnable for label in labels])
    features, labels = features[keep], labels[keep]
    model = LogisticRegression(C=1.0, max_iter=300, class_weight="balanced", random_state=seed)
    model.fit(features, labels.astype(str))
    return ClassModel(model.classes_.astype(str), model.coef_.astype(np.float32),
                      model.intercept_.astype(np.float32), trained_on=int(len(labels)))


def library_labels(library) -> tuple[np.ndarray, list[str | None]]:
    """Library ids of the accepted EI spectra and the class of each (None: unlabelled)."""
    ids, labels = [], []
    for library_id, record in library.class_rows("ms"):
        ids.append(library_id)
        labels.append(coarse_class(record_class(record)))
    return np.asarray(ids, np.int64), labels


def _training_rows(labels: list[str | None], seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rows = []
    by_class: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        if label is not None:
            by_class.setdefault(label, []).append(i)
    for members in by_class.values():
        members = np.asarray(members)
        if members.size > MAX_PER_CLASS:
            members = np.sort(rng.choice(members, MAX_PER_CLASS, replace=False))
        rows.append(members)
    return np.sort(np.concatenate(rows)) if rows else np.zeros(0, np.int64)


def library_features(library, ids: np.ndarray, progress: Progress | None = None) -> np.ndarray:
    """Features of the library's EI spectra with these ids (in the order given), chunk by chunk."""
    out = np.zeros((len(ids), 0), np.float32)
    parts = []
    order = np.argsort(ids)
    sorted_ids = ids[order]
    for start in range(0, len(sorted_ids), FEATURE_CHUNK):
        chunk = sorted_ids[start:start + FEATURE_CHUNK]
        spectra = [s for _, s in library.iter_spectra("ms", ids=chunk.tolist())]
        parts.append(ei_features(spectra=spectra))
        if progress is not None:
            progress(min(start + FEATURE_CHUNK, len(ids)), len(ids))
    if parts:
        out = np.vstack(parts)
        restored = np.empty_like(out)
        restored[order] = out
        out = restored
    return out


def _model_path(library) -> Path:
    from nps_id.search.index_cache import _cache_dir

    return _cache_dir(library) / "class_model.npz"


def _save(path: Path, model: ClassModel | None, revision: int) -> None:
    from nps_id.search.index_cache import _atomic_save

    try:
        if model is None:
            _atomic_save(path, version=np.array(_MODEL_VERSION), features=np.array(FEATURE_VERSION),
                         revision=np.array(revision), empty=np.array(1))
        else:
            _atomic_save(path, version=np.array(_MODEL_VERSION), features=np.array(FEATURE_VERSION),
                         revision=np.array(revision), labels=model.labels.astype("U64"), coef=model.coef,
                         intercept=model.intercept, trained_on=np.array(model.trained_on))
    except OSError:
        pass  # read-only location: retrained in memory next time


def _load(path: Path, revision: int) -> tuple[bool, ClassModel | None]:
    """``(found, model)``: a saved model of this library revision (None = the library has no classes)."""
    try:
        with np.load(path, allow_pickle=False) as z:
            if (int(z["version"]) != _MODEL_VERSION or int(z["features"]) != FEATURE_VERSION
                    or int(z["revision"]) != revision):
                return False, None
            if "empty" in z.files:
                return True, None
            return True, ClassModel(z["labels"].astype(str), z["coef"], z["intercept"], revision,
                                    int(z["trained_on"]))
    except (OSError, KeyError, ValueError):
        return False, None


def class_model(library, progress: Progress | None = None) -> ClassModel | None:
    """The class model of ``library`` (trained now if the saved one is missing or stale)."""
    key = str(library.location)
    revision = library.revision()
    cached = _memory.get(key)
    if cached and cached[0] == revision:
        return cached[1]
    path = _model_path(library)
    found, model = _load(path, revision)
    if not found:
        ids, labels = library_labels(library)
        rows = _training_rows(labels, seed=0)
        model = None
        if len({labels[i] for i in rows}) >= 2:
            features = library_features(library, ids[rows], progress)
            model = train_class_model(features, [labels[i] for i in rows])
        if model is not None:
            model.revision = revision
        _save(path, model, revision)
    _memory[key] = (revision, model)
    return model


def predict_class(library, spectrum) -> ClassPrediction:
    """The predicted class of a query spectrum, from the library's class model."""
    if spectrum.technique != "ms":
        return ClassPrediction(None, 0.0, {}, "class prediction is made from EI spectra; "
                                              "see the hits' classes for this IR spectrum")
    if library.count("ms") == 0:
        return ClassPrediction(None, 0.0, {}, "the library holds no EI spectra")
    model = class_model(library)
    if model is None:
        return ClassPrediction(None, 0.0, {}, "no classes in this library: import records with a Class field "
                                              "or a structure, or compounds of the catalogue")
    return model.predict(spectrum)


def leave_compound_out_predictions(library, spectra: Sequence, compounds: Sequence[str],
                                   compound_of_id: dict[int, str], folds: int = 8, seed: int = 0
                                   ) -> list[ClassPrediction]:
    """Class predictions for ``spectra`` from models that never saw their compound.

    The query compounds are split into ``folds`` groups; each group's model is
    trained on the library without any spectrum of that group's compounds
    (``compound_of_id``: library id -> compound key).  Used by ``benchmarks/unknowns.py``.
    """
    ids, labels = library_labels(library)
    unique = sorted(set(compounds))
    rng = np.random.default_rng(seed)
    rng.shuffle(unique)
    fold_of = {c: i % folds for i, c in enumerate(unique)}
    rows = _training_rows(labels, seed)
    features = library_features(library, ids[rows])
    row_compound = np.array([compound_of_id.get(int(ids[r]), "") for r in rows], dtype=object)
    out: list[ClassPrediction | None] = [None] * len(spectra)
    query_features = ei_features(spectra=list(spectra))
    for fold in range(folds):
        held = {c for c, f in fold_of.items() if f == fold}
        keep = np.array([c not in held for c in row_compound])
        model = train_class_model(features[keep], [labels[r] for r, k in zip(rows, keep) if k], seed)
        for i, compound in enumerate(compounds):
            if fold_of[compound] == fold and model is not None:
                p = model.predict_features(query_features[i:i + 1])[0]
                best = int(np.argmax(p))
                out[i] = ClassPrediction(str(model.labels[best]), float(p[best]),
                                         {str(k): float(v) for k, v in zip(model.labels, p)})
    return [p if p is not None else ClassPrediction(None, 0.0, {}, "no model") for p in out]
