"""The plain spectrum object shared by every part of NPS-ID.

A :class:`Spectrum` holds two arrays (x, y), the units that give them meaning,
free metadata (name, CAS, InChIKey, ...) and the *recipe*: the ordered list of
processing steps, with their parameters, that turned the spectrum read from the
file into this one.  Processing functions never modify a spectrum in place;
they return a new one with one more step in its recipe (matchms style), so a
result can be replayed and reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

import numpy as np


#: Techniques a spectrum can belong to.  Only "ms" and "ir" are searched;
#: the others are read and labelled so that they are never matched against IR.
TECHNIQUES = ("ms", "ir", "raman", "nir", "uv", "nmr", "other")

#: Metadata keys with a fixed meaning.  Readers map their own field names onto
#: these; anything else a file carries is kept under its own (lower-case) key.
KNOWN_METADATA = (
    "name",            # compound name as given by the source
    "synonyms",        # list[str]
    "inchikey",
    "smiles",
    "inchi",
    "cas",
    "formula",
    "mw",              # nominal or average molecular weight, float
    "compound_class",  # e.g. "synthetic cathinone", "precursor"
    "contributor",
    "licence",
    "instrument",
    "retention_time",  # minutes
    "retention_index",
    "source_file",     # path of the file the spectrum was read from
    "source_id",       # DB#/NISTNO/record id in that file
    "record_index",    # 0-based position of the record in the source file
    "comment",
)


@dataclass(frozen=True)
class ProcessingStep:
    """One processing step: a function name and the parameters it was called with."""

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.name, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ProcessingStep":
        return cls(str(data["step"]), dict(data.get("params", {})))


@dataclass(frozen=True, eq=False)
class Spectrum:
    """A mass spectrum (m/z, intensity) or an optical spectrum (wavenumber, intensity).

    Parameters
    ----------
    x, y
        Abscissa and ordinate, 1-D float arrays of equal length.  For MS, x is
        m/z; for IR, x is in ``x_unit`` (native units as read, "1/cm" after
        conversion to wavenumber).
    technique
        One of :data:`TECHNIQUES`.
    x_unit, y_unit
        Units of the arrays, e.g. ``"m/z"`` / ``"relative abundance"`` or
        ``"1/cm"`` / ``"absorbance"``, ``"transmittance"``, ``"%transmittance"``.
    metadata
        Free metadata; see :data:`KNOWN_METADATA` for the keys with a meaning.
    recipe
        The processing steps that produced this spectrum from the one read.
    """

    x: np.ndarray
    y: np.ndarray
    technique: str = "ms"
    x_unit: str = "m/z"
    y_unit: str = "relative abundance"
    metadata: Mapping[str, Any] = field(default_factory=dict)
    recipe: tuple[ProcessingStep, ...] = ()

    def __post_init__(self) -> None:
        x = np.asarray(self.x, dtype=float).ravel()
        y = np.asarray(self.y, dtype=float).ravel()
        if x.shape != y.shape:
            from nps_id.i18n import _  # here, not at the top: `python -m nps_id.i18n` imports this package first

            raise ValueError(_("x and y differ in length ({0} vs {1})").format(x.size, y.size))
        if self.technique not in TECHNIQUES:
            from nps_id.i18n import _

            raise ValueError(_("unknown technique {0}").format(repr(self.technique)))
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)
        object.__setattr__(self, "metadata", dict(self.metadata))
        object.__setattr__(self, "recipe", tuple(self.recipe))

    # -- metadata -------------------------------------------------------
    def get(self, key: str, default: Any = None) -> Any:
        value = self.metadata.get(key, default)
        return default if value in (None, "") else value

    @property
    def name(self) -> str:
        return str(self.get("name", ""))

    def with_metadata(self, **updates: Any) -> "Spectrum":
        """A copy with metadata keys set (``None`` removes a key)."""
        meta = dict(self.metadata)
        for key, value in updates.items():
            if value is None:
                meta.pop(key, None)
            else:
                meta[key] = value
        return replace(self, metadata=meta)

    # -- processing -----------------------------------------------------
    def processed(
        self,
        step: str,
        params: Mapping[str, Any],
        x: np.ndarray | None = None,
        y: np.ndarray | None = None,
        **changes: Any,
    ) -> "Spectrum":
        """A new spectrum with new arrays and ``step`` appended to the recipe.

        Every processing function ends with this call, so the recipe always
        lists exactly what was done.
        """
        return replace(
            self,
            x=self.x if x is None else x,
            y=self.y if y is None else y,
            recipe=self.recipe + (ProcessingStep(step, dict(params)),),
            **changes,
        )

    def recipe_as_dicts(self) -> list[dict[str, Any]]:
        return [step.to_dict() for step in self.recipe]

    # -- convenience ----------------------------------------------------
    def __len__(self) -> int:
        return int(self.x.size)

    @property
    def x_range(self) -> tuple[float, float]:
        if self.x.size == 0:
            return (float("nan"), float("nan"))
        return (float(np.min(self.x)), float(np.max(self.x)))

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return (
            f"Spectrum({self.technique}, {len(self)} points, {self.x_unit}, "
            f"{self.y_unit}, name={self.name!r}, steps={len(self.recipe)})"
        )


def spectrum_from_peaks(
    peaks: Iterable[tuple[float, float]], metadata: Mapping[str, Any] | None = None
) -> Spectrum:
    """Build an EI mass spectrum from (m/z, intensity) pairs, sorted by m/z."""
    arr = np.asarray(list(peaks), dtype=float).reshape(-1, 2)
    order = np.argsort(arr[:, 0], kind="stable")
    return Spectrum(arr[order, 0], arr[order, 1], "ms", "m/z", "relative abundance", metadata or {})
