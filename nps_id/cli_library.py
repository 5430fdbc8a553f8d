"""``nps-id library ...``: build, inspect, export and share spectral libraries.

Every sub-command takes ``--library`` (a SQLite file or a ``postgresql://``
URL; default ``$NPS_ID_LIBRARY`` or the per-user library) and calls the same
:mod:`nps_id.library` functions the GUI uses.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from nps_id.errors import InputError
from nps_id.library import default_library_location, open_library
from nps_id.library.backends import is_postgres_url


def _add_library_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library", metavar="LIB", default=None,
        help="library file or postgresql:// URL (default: $NPS_ID_LIBRARY or the per-user library)")


class TextProgress:
    """A plain-text progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = self.stream.isatty()
        self._last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        fraction = min(1.0, done / total) if total else 1.0
        filled = int(self.width * fraction)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{stage} [{bar}] {fraction:6.1%}")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (self.width + 30) + "\r")
            self.stream.flush()


def _new_sqlite_file(location: str | None) -> Path | None:
    """The library file an import is about to create (None: exists or is PostgreSQL)."""
    location = default_library_location() if location is None else location
    if is_postgres_url(location) or Path(location).exists():
        return None
    return Path(location)


def _cmd_import(args: argparse.Namespace) -> int:
    for raw in args.paths:  # before creating anything
        if not Path(raw).exists():
            raise InputError(raw, "no such file or folder")
    new_file = _new_sqlite_file(args.library)
    progress = TextProgress()
    try:
        with open_library(args.library, create=True) as library:
            try:
                report = library.import_files(args.paths, skip_invalid=args.skip_invalid,
                                              progress=progress, why=args.why or "")
            finally:
                progress.finish()
            print(report.summary())
            print(f"library {library.location}: {library.count()} spectra, "
                  f"revision {library.revision()}")
    except BaseException:
        if new_file is not None:  # a failed first import leaves no empty library behind
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(new_file) + suffix).unlink(missing_ok=True)
        raise
    return 0


def _print_info(info: dict[str, Any]) -> None:
    print(f"library:      {info['location']} ({info['backend']})")
    techniques = ", ".join(f"{n} {t.upper()}" for t, n in info["by_technique"].items()) or "none"
    print(f"spectra:      {info['spectra']} ({techniques})")
    print(f"compounds:    {info['compounds']}")
    print(f"revision:     {info['revision']} (schema {info['schema_version']})")
    print(f"created:      {info['created_at']}")
    if info.get("releases"):
        print(f"releases:     {', '.join(info['releases'])}")
    if info.get("pending_submissions"):
        print(f"pending:      {info['pending_submissions']} submission(s) to review")
    if info.get("last_change"):
        last = info["last_change"]
        print(f"last change:  {last['at']} by {last['who']}: {last['what']}")


def _cmd_info(args: argparse.Namespace) -> int:
    with open_library(args.library) as library:
        info = library.info()
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        _print_info(info)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    with open_library(args.library) as library:
        written = library.export(args.out, technique=args.technique)
        n = library.count(args.technique)
    print(f"exported {n} spectra to {', '.join(map(str, written[:3]))}"
          + (f" and {len(written) - 3} more files" if len(written) > 3 else ""))
    return 0


def _cmd_log(args: argparse.Namespace) -> int:
    with open_library(args.library) as library:
        entries = library.log(limit=args.limit)
    if args.json:
        print(json.dumps(entries, indent=2))
        return 0
    for entry in entries:
        why = f" (why: {entry['why']})" if entry["why"] else ""
        print(f"{entry['id']:>5}  {entry['at']}  {entry['who']:<12} {entry['action']:<8} "
              f"{entry['what']}{why}")
    return 0


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``library`` command group to the main parser."""
    parser = subparsers.add_parser("library", help="build, inspect, export and share spectral libraries")
    commands = parser.add_subparsers(dest="library_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: parser.print_help() or 1)

    p = commands.add_parser("import", help="import spectrum files and folders (all or nothing)")
    _add_library_arg(p)
    p.add_argument("--skip-invalid", action="store_true",
                   help="import the valid records and list the invalid ones instead of refusing all")
    p.add_argument("--why", default="", help="reason recorded in the change log")
    p.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    p.set_defaults(func=_cmd_import)

    p = commands.add_parser("info", help="counts, revision and history summary of a library")
    _add_library_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_cmd_info)

    p = commands.add_parser("export", help="export the library (format from the extension: .msp ...)")
    _add_library_arg(p)
    p.add_argument("--technique", choices=("ms", "ir"), default=None)
    p.add_argument("out", metavar="OUT")
    p.set_defaults(func=_cmd_export)

    p = commands.add_parser("log", help="who changed what, when and why")
    _add_library_arg(p)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_log)
