"""What a search says beyond its ranked hits: verdict, molecular ion, analogues, class, alerts.

Plain dataclasses shared by the core (:mod:`nps_id.unknowns`), the CLI, the
JSON output and the desktop application.  Each has ``to_dict()`` for JSON.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: The three verdicts a search can reach.
IDENTIFIED = "identified"
AMBIGUOUS = "ambiguous"
NOT_IN_LIBRARY = "not_in_library"
VERDICTS = (IDENTIFIED, AMBIGUOUS, NOT_IN_LIBRARY)


@dataclass
class MolecularIon:
    """The nominal molecular mass an EI spectrum shows, with its own confidence.

    ``nominal_mass`` is None when no molecular ion is seen (a valid answer:
    many amines and esters show none at 70 eV).  ``confidence`` is 0-1.
    """

    nominal_mass: int | None
    confidence: float
    reason: str
    candidate: int | None = None  # best candidate m/z even when too weak to report

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Analogue:
    """A library compound related to the unknown by a mass shift (hybrid similarity search)."""

    rank: int
    library_id: int
    name: str
    score: float  # hybrid score, 0-999
    direct_score: float  # the ordinary (unshifted) score of the same pair, 0-999
    mass_shift: int | None  # unknown's nominal mass minus the library compound's; None if unknown
    shift_explanation: str | None = None  # "+14: CH2 (homologue)" …
    compound_class: str | None = None
    control_status: str | None = None
    inchikey: str | None = None
    formula: str | None = None
    mw: float | None = None
    source_id: str | None = None
    shifted_peaks: int = 0  # peaks matched across the shift
    # the unknown's nominal mass behind mass_shift: its molecular ion, or, when none was seen
    # (or it was uncertain), the mass hypothesis that matched best (see nps_id.unknowns.analogues)
    assumed_mass: int | None = None
    mass_assumed: bool = False  # True when assumed_mass is a hypothesis, not a seen molecular ion

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ClassPrediction:
    """Predicted substance class of a query, with the probability of each class."""

    label: str | None  # None when no prediction can be made (see message)
    probability: float  # 0-1, of ``label``
    probabilities: dict[str, float] = field(default_factory=dict)
    message: str | None = None  # "no classes in this library" …
    #: Classes of the vocabulary the library cannot teach (fewer labelled references than the
    #: model needs): a query of such a class comes out as another class, typically ``other``.
    unlearned: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Alert:
    """A designer-precursor / controlled-analogue alert raised by analogue search."""

    controlled_compound: str
    control_status: str | None
    relation: str  # "+14 (CH2) from BMK (controlled precursor)" …
    library_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Verdict:
    """The answer of one search: is the substance in the library, and which one.

    ``confidence``: calibrated probability that the top compound is right.
    ``in_library``: calibrated probability that the right compound is the top one
    or one of its close rivals (the library holds the substance).
    ``candidates``: the compounds the spectrum cannot tell apart (ambiguous).
    ``deciders``: what would decide between them (retention index, IR, a standard).
    """

    verdict: str
    confidence: float
    reason: str
    compound: str | None = None
    candidates: list[str] = field(default_factory=list)
    in_library: float = 0.0
    deciders: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
