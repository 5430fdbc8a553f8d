"""Scoring a trainee's answers against the sealed ones.

A compound answer is right when it names the same compound as the expected
one: the same InChIKey skeleton (first block), or the same normalised name
("α-PVP" = "alpha-PVP"), or, given the lab's library, the same compound key
(:mod:`nps_id.unknowns.compounds`: CAS numbers and synonyms link names to
structures).  A class answer is right when both normalise to the same class.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from nps_id.library.catalogue import normalise_name
from nps_id.unknowns.class_rules import normalise_class
from nps_id.workshop.exercises import Answer


def same_compound(expected: Answer, given: Answer, compound_key=None) -> bool:
    """Do two compound answers name the same compound?

    ``compound_key`` is an optional ``key(inchikey, cas, name, synonyms)``
    (:class:`~nps_id.unknowns.compounds.CompoundKeys`) of the lab's library.
    """
    if expected.inchikey and given.inchikey and expected.inchikey[:14] == given.inchikey[:14]:
        return True
    if expected.compound and given.compound and normalise_name(expected.compound) == normalise_name(given.compound):
        return True
    if compound_key is not None:
        a = compound_key(expected.inchikey or None, None, expected.compound)
        b = compound_key(given.inchikey or None, None, given.compound)
        return a == b and a != "NM:"
    return False


def is_right(expected: Answer, given: Answer, compound_key=None) -> bool:
    """Is ``given`` the expected answer?"""
    if given.kind != expected.kind:
        return False
    if expected.kind == "not_in_library":
        return True
    if expected.kind == "class":
        return (normalise_class(expected.compound_class) or "") == (normalise_class(given.compound_class) or "-")
    return same_compound(expected, given, compound_key)


@dataclass(frozen=True)
class ScoredAnswer:
    """One row of a score sheet."""

    number: int
    question: str
    given: Answer
    justification: str
    expected: Answer
    right: bool
    points: float
    out_of: float


def score_sheet(exercises: Sequence, given: dict[int, tuple[Answer, str]], expected: dict[int, Answer],
                compound_key=None) -> list[ScoredAnswer]:
    """Score every exercise; an unanswered one scores 0 (``given`` maps number → (answer, justification))."""
    rows = []
    for exercise in exercises:
        answer, why = given.get(exercise.number, (Answer("unanswered"), ""))
        right = is_right(expected[exercise.number], answer, compound_key)
        rows.append(ScoredAnswer(exercise.number, exercise.question, answer, why, expected[exercise.number],
                                 right, exercise.points if right else 0.0, exercise.points))
    return rows


def write_score_csv(sheets: dict[str, Sequence[ScoredAnswer]], path: str | Path) -> Path:
    """Score sheets as CSV: one row per trainee and exercise, and a total row per trainee."""
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["trainee", "exercise", "question", "answer", "justification", "expected", "right",
                      "points", "out_of"])
        for trainee, rows in sheets.items():
            for r in rows:
                given = r.given.describe() if r.given.kind != "unanswered" else ""
                out.writerow([trainee, r.number, r.question, given, r.justification, r.expected.describe(),
                              "yes" if r.right else "no", f"{r.points:g}", f"{r.out_of:g}"])
            out.writerow([trainee, "total", "", "", "", "", "", f"{sum(r.points for r in rows):g}",
                          f"{sum(r.out_of for r in rows):g}"])
    return path
