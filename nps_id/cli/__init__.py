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

from nps_id import __version__
from nps_id.errors import NpsIdError

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
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except NpsIdError as exc:
        print(f"nps-id: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("nps-id: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `nps-id search ... | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
