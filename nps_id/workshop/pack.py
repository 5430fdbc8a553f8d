"""A workshop pack: the trainer's files and questions, signed, with the answers sealed.

Layout of a pack folder (or the same inside a ``.zip``)::

    pack.json            title, questions, points, file names (no answers)
    answers.sealed.json  answers and explanations, AES-GCM under the trainer's passphrase
    files/exercise_NN.*  the exercise files, renamed so no name gives the answer away
                         (a GC-MS ``.D`` folder stays a folder)
    manifest.json        SHA-256 of every file; manifest.sig + signer.pub when signed

The manifest and the Ed25519 signature are those of library bundles
(:mod:`nps_id.library.signing`), so one changed byte anywhere fails the check.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
import weakref
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from nps_id import __version__
from nps_id.errors import InputError, LibraryError, NpsIdError
from nps_id.library.signing import verify_folder, write_manifest
from nps_id.workshop.exercises import Answer, Exercise, load_exercises
from nps_id.workshop.sealing import seal, unseal
from nps_id.i18n import _

PACK_KIND = "nps-id-workshop"
PACK_VERSION = 1
PACK_FILE = "pack.json"
ANSWERS_FILE = "answers.sealed.json"
#: A zipped pack may not unpack to more than this (a zip bomb is refused, not unpacked).
MAX_UNPACKED_BYTES = 4 << 30


@dataclass
class Pack:
    """An opened, verified pack: questions and files readable, answers still sealed."""

    folder: Path
    title: str
    exercises: list[Exercise]
    signer: str | None
    made: str = ""
    _sealed: dict[str, Any] = field(default_factory=dict, repr=False)

    def answers(self, passphrase: str) -> dict[int, tuple[Answer, str]]:
        """The expected answer and the trainer's explanation of every exercise (needs the passphrase)."""
        opened = unseal(self._sealed, passphrase)
        return {int(k): (Answer.from_dict(v["answer"]), str(v.get("explanation", ""))) for k, v in opened.items()}


def _neutral_name(number: int, path: Path) -> str:
    """``exercise_NN`` plus the original extension: the reader needs the extension, but a
    file name such as ``benzocaine.csv`` would give the answer away."""
    suffix = re.sub(r"[^A-Za-z0-9.]+", "", path.suffix)[:12]
    return f"exercise_{number:02d}{suffix}"


def check_answer_in_library(exercise: Exercise, library) -> None:
    """Refuse an exercise whose expected compound the library does not hold (a trainee could never answer it)."""
    answer = exercise.answer
    if answer.kind != "compound":
        return
    found = library.find(inchikey=answer.inchikey[:14], limit=1) if answer.inchikey else []
    if not found and answer.compound:
        found = library.find(text=answer.compound, limit=1)
    if not found:
        raise NpsIdError(_("exercise {0}: {1} is not in the library {2}: a trainee could not choose it").format(exercise.number, answer.describe(), getattr(library, 'location', '')))


def make_pack(exercise_list: str | Path, out: str | Path, passphrase: str, key_file: str | Path | None = None,
              library=None) -> Path:
    """Write a pack from a trainer's exercise list (TOML, see :mod:`~nps_id.workshop.exercises`).

    ``out`` is a folder, or a ``.zip`` file.  With ``library``, every expected
    compound must be in it.  Nothing is left behind when a step fails.
    """
    out = Path(out)
    if out.exists():
        raise NpsIdError(f"{out}: " + _("already exists (refusing to overwrite a pack)"))
    title, exercises = load_exercises(exercise_list)
    if library is not None:
        for exercise in exercises:
            check_answer_in_library(exercise, library)
    sealed = seal({str(e.number): {"answer": e.answer.to_dict(), "explanation": e.explanation}
                   for e in exercises}, passphrase)
    with tempfile.TemporaryDirectory(prefix="nps-id-pack-", dir=out.parent if out.parent.exists() else None) as tmp:
        folder = Path(tmp) / "pack"
        (folder / "files").mkdir(parents=True)
        listed = []
        for exercise in exercises:
            name = _neutral_name(exercise.number, exercise.file)
            target = folder / "files" / name
            if exercise.file.is_dir():
                shutil.copytree(exercise.file, target)
            else:
                shutil.copy2(exercise.file, target)
            listed.append({"number": exercise.number, "file": f"files/{name}", "index": exercise.index,
                           "question": exercise.question, "points": exercise.points, "hints": list(exercise.hints)})
        meta = {"kind": PACK_KIND, "version": PACK_VERSION, "title": title, "software": f"nps-id {__version__}",
                "made": datetime.now(timezone.utc).isoformat(timespec="seconds"), "exercises": listed}
        (folder / PACK_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        (folder / ANSWERS_FILE).write_text(json.dumps(sealed, indent=1) + "\n", encoding="utf-8")
        write_manifest(folder, Path(key_file) if key_file else None)
        if out.suffix.lower() == ".zip":
            partial = out.with_name(out.name + ".part")
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in sorted(folder.rglob("*")):
                    if path.is_file():
                        archive.write(path, path.relative_to(folder).as_posix())
            partial.replace(out)
        else:
            shutil.move(str(folder), str(out))
    return out


def _unzip(path: Path) -> Path:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(path, _("not a workshop pack ({0})").format(exc)) from None
    with archive:
        total = sum(info.file_size for info in archive.infolist())
        if total > MAX_UNPACKED_BYTES:
            raise InputError(path, _("refused: the archive would unpack to {0} MiB").format(total >> 20))
        folder = Path(tempfile.mkdtemp(prefix="nps-id-pack-"))
        for member in archive.namelist():
            target = (folder / member).resolve()
            if not target.is_relative_to(folder.resolve()):
                shutil.rmtree(folder, ignore_errors=True)
                raise InputError(path, _("refused: unsafe file name {0!r} in the archive").format(member))
        try:
            archive.extractall(folder)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise InputError(path, _("damaged archive ({0})").format(exc)) from None
    return folder


def open_pack(path: str | Path, trusted_keys: list[bytes] | None = None) -> Pack:
    """Verify a pack (manifest, signature, structure) and open it; answers stay sealed.

    Raises :class:`~nps_id.errors.NpsIdError` naming what is wrong (a changed
    byte, a missing file, an unsigned pack when ``trusted_keys`` are given...).
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, _("no such pack"))
    folder = path if path.is_dir() else _unzip(path)
    pack_holder: list[Pack] = []
    try:
        try:
            checked = verify_folder(folder, trusted_keys)
        except LibraryError as exc:  # name the pack, not the temporary folder it was unpacked into
            raise NpsIdError(str(exc).replace(str(folder), str(path))) from None
        try:
            meta = json.loads((folder / PACK_FILE).read_text(encoding="utf-8"))
            sealed = json.loads((folder / ANSWERS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(path, _("not a workshop pack ({0})").format(exc)) from None
        if meta.get("kind") != PACK_KIND:
            raise InputError(path, _("not a workshop pack (pack.json has another kind)"))
        if int(meta.get("version", 0)) > PACK_VERSION:
            raise InputError(path, _("made by a newer NPS-ID (pack version {0}); update NPS-ID").format(meta.get('version')))
        exercises = []
        for item in meta.get("exercises", []):
            file = (folder / item["file"]).resolve()
            if not file.is_relative_to(folder.resolve()) or not file.exists():
                raise InputError(path, _("exercise {0}: its file {1} is missing").format(item.get('number'), item['file']))
            exercises.append(Exercise(number=int(item["number"]), file=file, question=str(item["question"]),
                                      answer=Answer("sealed"), points=float(item.get("points", 1)),
                                      index=int(item.get("index", 0)), hints=tuple(item.get("hints", ()))))
        if not exercises:
            raise InputError(path, _("the pack holds no exercises"))
        pack = Pack(folder, str(meta.get("title", "")), exercises, checked.get("signer"), str(meta.get("made", "")),
                    sealed)
        pack_holder.append(pack)
    finally:
        if folder != path and not pack_holder:
            shutil.rmtree(folder, ignore_errors=True)
    if folder != path:  # the unpacked copy lives as long as the Pack
        weakref.finalize(pack, shutil.rmtree, folder, True)
    return pack
