"""``nps-id library schedule ...``: national control schedules (CSV per jurisdiction) in a library.

A curator imports a jurisdiction's schedule once into the shared library; every lab searching that
library with ``--jurisdiction CODE`` (or ``$NPS_ID_JURISDICTION``) then sees the national status of
each hit beside the international one.  See ``spectra_library/schedules/README.md`` for the CSV.
"""
from __future__ import annotations

import argparse
import json
from typing import Callable

from nps_id.i18n import _


def add_schedule_commands(commands: argparse._SubParsersAction,
                          add_library_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``schedule import|list|remove`` under ``nps-id library``."""
    p = commands.add_parser("schedule", help=_("national control schedules (CSV per jurisdiction)"))
    schedule = p.add_subparsers(dest="schedule_command", metavar="ACTION")
    p.set_defaults(func=lambda args, parser=p: parser.print_help() or 1)

    imp = schedule.add_parser("import", help=_("check a jurisdiction's schedule CSV and store it in the library "
                                             "(replaces that jurisdiction's previous one)"))
    add_library_arg(imp)
    imp.add_argument("--jurisdiction", required=True, metavar="CODE", help=_("ISO 3166 code, e.g. KZ"))
    imp.add_argument("file", metavar="FILE.csv")
    imp.set_defaults(func=_cmd_import)

    listing = schedule.add_parser("list", help=_("the schedules available (imported and shipped)"))
    add_library_arg(listing)
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(func=_cmd_list)

    remove = schedule.add_parser("remove", help=_("remove a jurisdiction's imported schedule"))
    add_library_arg(remove)
    remove.add_argument("--why", default="", help=_("reason recorded in the change log"))
    remove.add_argument("jurisdiction", metavar="CODE")
    remove.set_defaults(func=_cmd_remove)


def _open(args):
    from nps_id.library import open_library

    return open_library(args.library)


def _cmd_import(args: argparse.Namespace) -> int:
    from nps_id.controls.schedules import check_code, import_schedule, read_schedule_csv

    check_code(args.jurisdiction)
    read_schedule_csv(args.file)  # a bad file is refused before the library is touched
    with _open(args) as library:
        summary = import_schedule(library, args.file, args.jurisdiction)
    print(_("{0}: {1} entries from {2} ({3}; sha256 {4}…)").format(
        summary["jurisdiction"], summary["entries"], args.file,
        _("replaced the previous schedule") if summary["replaced"] else _("new"), summary["sha256"][:16]))
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    from nps_id.controls.schedules import list_schedules

    with _open(args) as library:
        rows = list_schedules(library)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print(_("no national schedules: a curator adds one with `nps-id library schedule import FILE.csv "
                "--jurisdiction CODE`"))
        return 0
    for row in rows:
        extra = (_("{0} entries, {1}, imported {2} by {3}").format(row["entries"], row["file"], row["imported_at"],
                                                                   row["imported_by"])
                 if row["origin"] == "library" else _("shipped with NPS-ID ({0})").format(row["file"]))
        print(f"  {row['jurisdiction']:<8} {extra}")
    return 0


def _cmd_remove(args: argparse.Namespace) -> int:
    from nps_id.controls.schedules import remove_schedule

    with _open(args) as library:
        removed = remove_schedule(library, args.jurisdiction, args.why)
    print(f"{args.jurisdiction.upper()}: " + (_("removed") if removed else _("no imported schedule")))
    return 0 if removed else 1
