"""A trainee's run through a pack: answers committed one by one, then revealed, then scored.

The rules a trainer relies on live here, not in the window: an exercise's
answer, hits and explanation are revealed only after the trainee has
committed an answer to it; a committed answer cannot be changed; the score
sheet counts only committed answers.  The window (``nps_id_gui.quiz``) just
shows a :class:`QuizRun` and calls it.

Honest limit: the reveal needs the passphrase on the trainee's machine (the
trainer gives it when the quiz starts).  Without it the answers cannot be read
from the pack; with it, a determined trainee could decrypt them early with a
script.  For a graded examination the trainer keeps the passphrase and scores
the saved answer sheets (:meth:`QuizRun.save` / ``score``) afterwards.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from nps_id.errors import InputError, NpsIdError
from nps_id.workshop.exercises import Answer, Exercise
from nps_id.workshop.grading import ScoredAnswer, is_right, score_sheet
from nps_id.workshop.pack import Pack
from nps_id.i18n import _


@dataclass(frozen=True)
class Committed:
    """A trainee's answer to one exercise, fixed when committed."""

    answer: Answer
    justification: str
    at: str


@dataclass(frozen=True)
class Revelation:
    """What the trainee sees after committing: the expected answer, right or not, the trainer's explanation."""

    expected: Answer
    right: bool
    explanation: str


class QuizRun:
    """One trainee's answers to one pack."""

    def __init__(self, pack: Pack, trainee: str, passphrase: str | None = None, compound_key=None):
        if not trainee.strip():
            raise NpsIdError(_("a trainee name is needed for the score sheet"))
        self.pack = pack
        self.trainee = trainee.strip()
        self.compound_key = compound_key
        self._answers = pack.answers(passphrase) if passphrase is not None else None
        self.committed: dict[int, Committed] = {}

    @property
    def exercises(self) -> list[Exercise]:
        return self.pack.exercises

    @property
    def can_reveal(self) -> bool:
        return self._answers is not None

    def exercise(self, number: int) -> Exercise:
        for exercise in self.pack.exercises:
            if exercise.number == number:
                return exercise
        raise NpsIdError(_("the pack has no exercise {0}").format(number))

    def commit(self, number: int, answer: Answer, justification: str = "") -> None:
        """Fix the trainee's answer to exercise ``number`` (once)."""
        self.exercise(number)
        if number in self.committed:
            raise NpsIdError(_("exercise {0} is already answered; a committed answer cannot be changed").format(number))
        if answer.kind == "compound" and not (answer.compound or answer.inchikey):
            raise NpsIdError(_("choose a compound, a class, or 'not in library' before committing"))
        if answer.kind == "class" and not answer.compound_class:
            raise NpsIdError(_("choose a class before committing"))
        self.committed[number] = Committed(answer, justification.strip(),
                                           datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def is_revealed(self, number: int) -> bool:
        return number in self.committed and self.can_reveal

    def reveal(self, number: int) -> Revelation:
        """The expected answer of a committed exercise (refused before the answer is committed)."""
        if number not in self.committed:
            raise NpsIdError(_("exercise {0}: commit an answer first").format(number))
        if self._answers is None:
            raise NpsIdError(_("the answers are sealed: the trainer's passphrase is needed to reveal them"))
        expected, explanation = self._answers[number]
        return Revelation(expected, is_right(expected, self.committed[number].answer, self.compound_key),
                          explanation)

    @property
    def finished(self) -> bool:
        return all(e.number in self.committed for e in self.exercises)

    def score(self) -> list[ScoredAnswer]:
        """The score sheet (unanswered exercises score 0)."""
        if self._answers is None:
            raise NpsIdError(_("the answers are sealed: the trainer's passphrase is needed to score"))
        given = {n: (c.answer, c.justification) for n, c in self.committed.items()}
        return score_sheet(self.exercises, given, {n: a for n, (a, _) in self._answers.items()}, self.compound_key)

    # -- answer sheets, for scoring by the trainer later ------------------------------------
    def save(self, path: str | Path) -> Path:
        """The trainee's committed answers as a JSON answer sheet (no expected answers in it)."""
        path = Path(path)
        sheet = {"kind": "nps-id-answer-sheet", "pack": self.pack.title, "made": self.pack.made,
                 "trainee": self.trainee,
                 "answers": {str(n): {"answer": c.answer.to_dict(), "justification": c.justification, "at": c.at}
                             for n, c in sorted(self.committed.items())}}
        path.write_text(json.dumps(sheet, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    def load(self, path: str | Path) -> None:
        """Take the committed answers of a saved sheet of the same pack."""
        path = Path(path)
        try:
            sheet = json.loads(path.read_text(encoding="utf-8"))
            assert sheet.get("kind") == "nps-id-answer-sheet"
            answers = {int(k): Committed(Answer.from_dict(v["answer"]), str(v.get("justification", "")),
                                         str(v.get("at", "")))
                       for k, v in sheet["answers"].items()}
        except (OSError, ValueError, KeyError, TypeError, AssertionError, AttributeError):
            raise InputError(path, _("not an NPS-ID answer sheet")) from None
        if sheet.get("pack") != self.pack.title or sheet.get("made") != self.pack.made:
            raise InputError(path, _("an answer sheet of another pack ({0!r})").format(sheet.get('pack')))
        self.trainee = str(sheet.get("trainee") or self.trainee)
        self.committed = answers
