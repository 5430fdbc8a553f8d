"""The ``nps-id`` command line.  Every command calls the same core as the GUI.

Each command lives in its own module of this package; each exposes
``add_commands(subparsers)`` which adds its parsers and sets ``func`` on them.
A command returns an exit code; an :class:`~nps_id.errors.NpsIdError` becomes a
one-line message on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from nps_id import __version__, i18n
from nps_id.errors import NpsIdError
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
        description="Identify NPS and precursors from EI mass spectra, IR spectra and GC-MS runs.",
    )
    parser.add_argument("--version", action="version", version=f"nps-id {__version__}")
    parser.add_argument("--lang", metavar="CODE",
                        help="language of the messages (en, ru; default: $NPS_ID_LANG, else the system's)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(subparsers)
    return parser


def _language_option(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` (read before the parser is built, so that its messages are translated)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_language_option(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except NpsIdError as exc:
        print(_("nps-id: error: {0}").format(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("nps-id: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `nps-id search ... | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
