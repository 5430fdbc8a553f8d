"""The ``nps-id`` command line.  Every command calls the same core as the GUI.

Each command lives in its own module of this package; each exposes
``add_commands(subparsers)`` which adds its parsers and sets ``func`` on them.
A command returns an exit code; an :class:`~nps_id.errors.NpsIdError` becomes a
one-line message on stderr and exit code 2, never a traceback.  So does an
``OSError`` naming a file that no writer turned into one (the readers all do):
"PATH: cannot write (REASON)" (:func:`os_error_message`).
"""
from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from typing import Sequence

from nps_id import __version__, i18n
from nps_id.errors import NpsIdError, printable
from nps_id.i18n import _

#: Modules that add sub-commands, in the order they appear in ``--help``.
COMMAND_MODULES = (
    "nps_id.cli.search",    # search, info, convert
    "nps_id.cli.library",   # library import/info/export/validate/contribute/...
    "nps_id.cli.gcms",      # gcms
    "nps_id.cli.ir_peaks",  # ir-peaks
    "nps_id.cli.case",      # case new/add/show/conclude/review/report/verify
    "nps_id.cli.replay",    # replay
    "nps_id.cli.alert",     # alert submit/list/sync/import/withdraw/cluster (early-warning register)
    "nps_id.cli.workshop",  # workshop make/check/answers
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nps-id",
        description=_("Identify NPS and precursors from EI mass spectra, IR spectra and GC-MS runs."),
    )
    parser.add_argument("--version", action="version", version=f"nps-id {__version__}",
                        help=_("show the version and exit"))
    parser.add_argument("--lang", metavar="CODE",
                        help=_("language of the messages (en, ru; default: $NPS_ID_LANG, else the system's)"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(subparsers)
    return parser


def _language_option(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """The value of ``--lang`` and the arguments without it.

    Read before the parser is built, so that its messages are translated; taken
    out wherever it stands, so ``nps-id case report ... --lang ru`` works as
    ``nps-id --lang ru case report ...``.
    """
    code, rest, skip = None, [], False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--":
            rest += argv[i:]
            break
        elif arg == "--lang" and i + 1 < len(argv):
            code, skip = argv[i + 1], True
        elif arg.startswith("--lang="):
            code = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return code, rest


def os_error_message(exc: OSError) -> str:
    """One line for an ``OSError`` that reached the top: the file it names and the reason.

    Readers turn their errors into :class:`~nps_id.errors.InputError`, so what
    arrives here is almost always a file being written (of a rename: the
    destination); a missing file in a folder that exists cannot come from
    writing it, and is said to be unreadable.
    """
    reason = exc.strerror or str(exc)
    target = exc.filename2 if exc.filename2 is not None else exc.filename
    if target is None:
        return printable(reason)
    name = os.fsdecode(target) if isinstance(target, (bytes, os.PathLike)) else str(target)
    if exc.errno == errno.ENOENT and os.path.isdir(os.path.dirname(os.path.abspath(name))):
        return printable(f"{name}: " + _("cannot be read ({0})").format(reason))
    return printable(f"{name}: " + _("cannot write ({0})").format(reason))


def main(argv: Sequence[str] | None = None) -> int:
    code, argv = _language_option(list(sys.argv[1:] if argv is None else argv))
    if code is None:
        i18n.set_language()
    elif i18n.set_language(code) != (i18n._code(code) or i18n.SOURCE_LANGUAGE):
        print(_("nps-id: no translation for language {0!r}; available: {1}").format(
            code, ", ".join(i18n.available_languages())), file=sys.stderr)
    i18n.translate_argparse()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except NpsIdError as exc:
        print(_("nps-id: error: {0}").format(printable(str(exc))), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("nps-id: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `nps-id search ... | head`
        return 0
    except OSError as exc:  # a file that cannot be written (unwritable or missing folder, disk full...)
        print(_("nps-id: error: {0}").format(os_error_message(exc)), file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
