"""``nps-id workshop make|check|answers``: workshop packs for trainers."""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from nps_id.errors import NpsIdError
from nps_id.i18n import _

PASSPHRASE_ENV = "NPS_ID_WORKSHOP_PASSPHRASE"


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("workshop", help=_("make and check trainers' workshop packs"))
    commands = parser.add_subparsers(dest="workshop_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: parser.print_help() or 1)

    p = commands.add_parser("make", help=_("make a signed pack with sealed answers from an exercise list (TOML)"))
    p.add_argument("exercises", metavar="EXERCISES.toml")
    p.add_argument("--out", required=True, metavar="PACK", help=_("pack folder, or PACK.zip"))
    p.add_argument("--key", metavar="KEY", help=_("trainer's Ed25519 private key (nps-id library keygen) to sign"))
    p.add_argument("--library", metavar="LIB", help=_("check that every expected compound is in this library"))
    _passphrase_args(p)
    p.set_defaults(func=_cmd_make)

    p = commands.add_parser("check", help=_("verify a pack: every file unchanged, signature, structure"))
    p.add_argument("pack", metavar="PACK")
    p.add_argument("--trusted", action="append", metavar="KEY.pub", help=_("accept only packs signed by this key"))
    p.set_defaults(func=_cmd_check)

    p = commands.add_parser("answers", help=_("trainer view: every question with its answer (needs the passphrase)"))
    p.add_argument("pack", metavar="PACK")
    _passphrase_args(p)
    p.set_defaults(func=_cmd_answers)

    p = commands.add_parser("score", help=_("trainer: score trainees' saved answer sheets into one CSV"))
    p.add_argument("pack", metavar="PACK")
    p.add_argument("sheets", nargs="+", metavar="SHEET.json", help=_("answer sheets saved by the quiz"))
    p.add_argument("--out", required=True, metavar="SCORES.csv")
    _passphrase_args(p)
    p.set_defaults(func=_cmd_score)


def _passphrase_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help=_("read the passphrase from FILE (else ${0}, else asked)").format(PASSPHRASE_ENV))


def read_passphrase(args: argparse.Namespace, confirm: bool = False) -> str:
    """The passphrase from a file, the environment, or the terminal (asked twice when making a pack)."""
    if args.passphrase_file:
        try:
            return Path(args.passphrase_file).read_text(encoding="utf-8").strip("\r\n")
        except OSError as exc:
            raise NpsIdError(_("{0}: cannot read the passphrase ({1})").format(args.passphrase_file, exc.strerror)) from None
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise NpsIdError(_("no passphrase: give --passphrase-file or set {0}").format(PASSPHRASE_ENV))
    first = getpass.getpass(_("Passphrase for the answers: "))
    if confirm and getpass.getpass(_("Again: ")) != first:
        raise NpsIdError(_("the two passphrases differ"))
    return first


def _cmd_make(args: argparse.Namespace) -> int:
    from nps_id.workshop.pack import make_pack, open_pack

    library = None
    if args.library:
        from nps_id.library import open_library
        library = open_library(args.library)
    try:
        out = make_pack(args.exercises, args.out, read_passphrase(args, confirm=True), args.key, library)
    finally:
        if library is not None:
            library.close()
    pack = open_pack(out)
    print(_("{0}: {1} exercises, ").format(out, len(pack.exercises))
          + (_("signed by {0}").format(pack.signer) if pack.signer else _("NOT signed (give --key to sign)")))
    return 0


def _trusted_keys(paths: list[str] | None) -> list[bytes] | None:
    if not paths:
        return None
    try:
        return [Path(p).read_bytes() for p in paths]
    except OSError as exc:
        raise NpsIdError(_("{0}: cannot read the trusted key ({1})").format(exc.filename, exc.strerror)) from None


def _cmd_check(args: argparse.Namespace) -> int:
    from nps_id.workshop.pack import open_pack

    pack = open_pack(args.pack, _trusted_keys(args.trusted))
    print(_("{0}: OK: \"{1}\", {2} exercises, {3} points, made {4}, ").format(
        args.pack, pack.title, len(pack.exercises), f"{sum(e.points for e in pack.exercises):g}", pack.made)
          + (_("signed by {0}").format(pack.signer) if pack.signer else _("not signed")))
    return 0


def _cmd_answers(args: argparse.Namespace) -> int:
    from nps_id.workshop.pack import open_pack

    pack = open_pack(args.pack)
    answers = pack.answers(read_passphrase(args))
    for exercise in pack.exercises:
        answer, explanation = answers[exercise.number]
        print(_("{0}. {1} [{2} pt] — {3}").format(exercise.number, exercise.question, f"{exercise.points:g}",
                                                   exercise.file.name))
        print(_("   answer: {0}").format(answer.describe()))
        if explanation:
            print(_("   why: {0}").format(explanation))
    return 0


def _cmd_score(args: argparse.Namespace) -> int:
    from nps_id.workshop.grading import write_score_csv
    from nps_id.workshop.pack import open_pack
    from nps_id.workshop.quiz import QuizRun

    pack = open_pack(args.pack)
    passphrase = read_passphrase(args)
    sheets = {}
    for sheet in args.sheets:
        run = QuizRun(pack, "trainee", passphrase)
        run.load(sheet)
        rows = run.score()
        sheets[run.trainee] = rows
        print(f"{run.trainee}: {sum(r.points for r in rows):g} / {sum(r.out_of for r in rows):g}")
    write_score_csv(sheets, args.out)
    print(_("wrote {0}").format(args.out))
    return 0
