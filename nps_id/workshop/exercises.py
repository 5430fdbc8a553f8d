"""A trainer's exercise list: which file, what question, which answer, how many points.

The list is a TOML file (Python's own :mod:`tomllib`)::

    title = "Synthetic cathinones, day 1"

    [[exercise]]
    file = "runs/etizolam.D"           # relative to this TOML file
    index = 0                          # spectrum number in a multi-spectrum file (optional)
    question = "What is the main component?"
    points = 2
    explanation = "Base peak 266, M+ 342 with the Cl isotope pattern..."
    answer = { compound = "Etizolam", inchikey = "VMZUTJCNQWMAGF-UHFFFAOYSA-N" }
    # or  answer = { class = "synthetic_cathinone" }
    # or  answer = { not_in_library = true }

Every problem is reported with the file and the exercise number, never a traceback.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from nps_id.errors import InputError
from nps_id.i18n import _

#: What an answer can be: a compound, a substance class, or "not in the library".
ANSWER_KINDS = ("compound", "class", "not_in_library")

_INCHIKEY = re.compile(r"^[A-Z]{14}(-[A-Z]{10}-[A-Z])?$")


@dataclass(frozen=True)
class Answer:
    """An expected or given answer.  ``kind`` is one of :data:`ANSWER_KINDS`."""

    kind: str
    compound: str = ""
    inchikey: str = ""
    compound_class: str = ""

    def describe(self) -> str:
        if self.kind == "compound":
            return self.compound or self.inchikey
        if self.kind == "class":
            return f"class: {self.compound_class}"
        return "not in library"

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Answer":
        return cls(kind=str(data["kind"]), compound=str(data.get("compound", "")),
                   inchikey=str(data.get("inchikey", "")), compound_class=str(data.get("compound_class", "")))


@dataclass(frozen=True)
class Exercise:
    """One exercise: a file to examine, a question, the expected answer and its points."""

    number: int
    file: Path
    question: str
    answer: Answer
    points: float = 1.0
    index: int = 0
    explanation: str = ""
    hints: tuple[str, ...] = field(default_factory=tuple)


def parse_answer(data: Any, where: str) -> Answer:
    """An :class:`Answer` from the TOML table ``answer = {...}``; ``where`` names the place for errors."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: " + _("'answer' must be a table such as {{ compound = \"...\" }}").format())
    if data.get("not_in_library") is True:
        return Answer("not_in_library")
    if data.get("class"):
        return Answer("class", compound_class=str(data["class"]).strip())
    name = str(data.get("compound", "")).strip()
    inchikey = str(data.get("inchikey", "")).strip().upper()
    if inchikey and not _INCHIKEY.match(inchikey):
        raise ValueError(f"{where}: " + _("{0!r} is not an InChIKey (or its first block)").format(inchikey))
    if not (name or inchikey):
        raise ValueError(f"{where}: " + _("the answer needs 'compound' and/or 'inchikey', or 'class', or 'not_in_library = true'"))
    return Answer("compound", compound=name, inchikey=inchikey)


def load_exercises(path: str | Path) -> tuple[str, list[Exercise]]:
    """Read a trainer's exercise list; returns ``(title, exercises)``.

    Raises :class:`~nps_id.errors.InputError` naming the file (and the line for
    TOML syntax errors, the exercise number otherwise).
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, _("cannot read the exercise list ({0})").format(exc.strerror or exc)) from None
    except UnicodeDecodeError:
        raise InputError(path, _("the exercise list is not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's TOMLDecodeError has no lineno attribute: the line is in its message
        found = re.search(r"\(at line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        reason = str(exc).split(" (at ")[0]
        raise InputError(path, _("not valid TOML: {0}").format(reason), line=line) from None
    items = data.get("exercise")
    if not isinstance(items, list) or not items:
        raise InputError(path, _("no exercises: add [[exercise]] tables with file, question and answer"))
    exercises = []
    for number, item in enumerate(items, start=1):
        where = _("exercise {0}").format(number)
        try:
            for key in ("file", "question", "answer"):
                if key not in item:
                    raise ValueError(f"{where}: " + _("'{0}' is missing").format(key))
            file = (path.parent / str(item["file"])).resolve()
            if not file.exists():
                raise ValueError(f"{where}: " + _("the file {0} does not exist").format(item['file']))
            points = float(item.get("points", 1))
            if not points > 0:
                raise ValueError(f"{where}: " + _("points must be positive"))
            index = int(item.get("index", 0))
            if index < 0:
                raise ValueError(f"{where}: " + _("index must be 0 or more"))
            exercises.append(Exercise(
                number=number, file=file, question=str(item["question"]).strip(),
                answer=parse_answer(item["answer"], where), points=points, index=index,
                explanation=str(item.get("explanation", "")).strip(),
                hints=tuple(str(h) for h in item.get("hints", ()))))
        except (ValueError, TypeError) as exc:
            raise InputError(path, str(exc)) from None
    return str(data.get("title", path.stem)), exercises
