"""``nps-id library ...``: build, inspect, export and share spectral libraries.

Every sub-command takes ``--library`` (a SQLite file or a ``postgresql://``
URL; default ``$NPS_ID_LIBRARY`` or the per-user library) and calls the same
:mod:`nps_id.library` functions the GUI uses.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from nps_id.errors import InputError
from nps_id.i18n import _
from nps_id.library import default_library_location, open_library
from nps_id.library.backends import is_postgres_url


def _add_library_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library", metavar="LIB", default=None,
        help=_("library file or postgresql:// URL (default: $NPS_ID_LIBRARY or the per-user library)"))


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

    def note(self, message: str) -> None:
        """A one-line status (replaced by the next bar or cleared by :meth:`finish`)."""
        if self.enabled:
            self.stream.write(f"\r{message} ...")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * max(self.width + 30, 100) + "\r")
            self.stream.flush()


def _new_sqlite_file(location: str | None) -> Path | None:
    """The library file an import is about to create (None: exists or is PostgreSQL)."""
    location = default_library_location() if location is None else location
    if is_postgres_url(location) or Path(location).exists():
        return None
    return Path(location)


def _cmd_import(args: argparse.Namespace) -> int:
    from nps_id.search.index_cache import update_indexes

    for raw in args.paths:  # before creating anything
        if not Path(raw).exists():
            raise InputError(raw, _("no such file or folder"))
    started = time.perf_counter()
    new_file = _new_sqlite_file(args.library)
    progress = TextProgress()
    try:
        with open_library(args.library, create=True) as library:
            try:
                report = library.import_files(args.paths, skip_invalid=args.skip_invalid,
                                              progress=progress, why=args.why or "",
                                              technique=args.technique,
                                              allow_duplicates=args.allow_duplicates,
                                              insecure=args.insecure)
                # the search index is built now, not at the first search (and kept beside the library)
                indexing = time.perf_counter()
                update_indexes(library, progress=progress, workers=os.cpu_count() or 1)
                indexing = time.perf_counter() - indexing
            finally:
                progress.finish()
            # the time printed is the whole command's, the search index and class model included
            report.seconds = time.perf_counter() - started
            head, *rest = report.summary().split("\n")
            print("\n".join([head + _(" (of which search index and class model: {0:.1f} s)").format(indexing),
                             *rest]))
            print(_("library {0}: {1} spectra, revision {2}").format(library.location, library.count(),
                                                                     library.revision()))
    except BaseException:
        if new_file is not None:  # a failed first import leaves no empty library behind
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(new_file) + suffix).unlink(missing_ok=True)
        raise
    return 0


def _print_info(info: dict[str, Any]) -> None:
    rows = [(_("library:"), f"{info['location']} ({info['backend']})")]
    techniques = ", ".join(f"{n} {t.upper()}" for t, n in info["by_technique"].items()) or _("none")
    rows.append((_("spectra:"), f"{info['spectra']} ({techniques})"))
    rows.append((_("compounds:"), f"{info['compounds']}"))
    rows.append((_("revision:"), _("{0} (schema {1})").format(info["revision"], info["schema_version"])))
    rows.append((_("identity:"), f"{info.get('library_uuid') or '-'}"))
    if info.get("upgrade_problem"):
        rows.append((_("read-only:"), f"{info['upgrade_problem']}"))
    rows.append((_("created:"), f"{info['created_at']}"))
    if info.get("releases"):
        rows.append((_("releases:"), ", ".join(info["releases"])))
    if info.get("pending_submissions"):
        rows.append((_("pending:"), _("{0} submission(s) to review").format(info["pending_submissions"])))
    if info.get("last_change"):
        last = info["last_change"]
        rows.append((_("last change:"), _("{0} by {1}: {2}").format(last["at"], last["who"], last["what"])))
    width = max(len(label) for label, _value in rows) + 2  # the labels are longer in some languages
    for label, value in rows:
        print(f"{label:<{width}}{value}")


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
    print(_("exported {0} spectra to {1}").format(n, ", ".join(map(str, written[:3])))
          + (_(" and {0} more files").format(len(written) - 3) if len(written) > 3 else ""))
    return 0


def _cmd_log(args: argparse.Namespace) -> int:
    with open_library(args.library) as library:
        entries = library.log(limit=args.limit)
    if args.json:
        print(json.dumps(entries, indent=2))
        return 0
    for entry in entries:
        why = _(" (why: {0})").format(entry["why"]) if entry["why"] else ""
        print(f"{entry['id']:>5}  {entry['at']}  {entry['who']:<12} {entry['action']:<8} "
              f"{entry['what']}{why}")
    return 0


def _trusted(args: argparse.Namespace) -> list[bytes] | None:
    files = getattr(args, "trusted_key", None)
    return [Path(f).read_bytes() for f in files] if files else None


def _cmd_keygen(args: argparse.Namespace) -> int:
    from nps_id.library.signing import fingerprint, generate_key
    private, public = generate_key(Path(args.out))
    print(_("private key: {0} (keep it secret)").format(private))
    print(_("public key:  {0} ({1})").format(public, fingerprint(public.read_bytes())))
    return 0


def _cmd_contribute(args: argparse.Namespace) -> int:
    from nps_id.library.sharing import contribute
    with open_library(args.library) as library:
        meta = contribute(library, args.lab, Path(args.out), Path(args.key) if args.key else None,
                          args.source_ids)
    print(_("bundle {0}: {1} spectra from lab {2}").format(args.out, meta["n_spectra"], args.lab)
          + (_(" (signed)") if args.key else _(" (not signed)")))
    return 0


def _cmd_submit(args: argparse.Namespace) -> int:
    from nps_id.library.sharing import submit
    with open_library(args.library, create=True) as library:
        sub_id = submit(library, Path(args.bundle), trusted_keys=_trusted(args))
    print(_("stored as pending submission {0}; review with `nps-id library review`").format(sub_id))
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from nps_id.library.sharing import accept, pending, reject
    with open_library(args.library) as library:
        if args.accept is not None:
            n = accept(library, args.accept, args.reason or "")
            print(_("accepted submission {0}: {1} spectra are now in the library").format(args.accept, n))
            return 0
        if args.reject is not None:
            n = reject(library, args.reject, args.reason or "")
            print(_("rejected submission {0} ({1} spectra)").format(args.reject, n))
            return 0
        waiting = pending(library)
    if args.json:
        print(json.dumps(waiting, indent=2))
    elif not waiting:
        print(_("no pending submissions"))
    else:
        for item in waiting:
            print(f"{item['id']:>4}  " + _("lab {0:<20} {1:>6} spectra  submitted {2} by {3}  signer {4}").format(
                item["lab"], item["spectra"], item["submitted"], item["submitted_by"], item["signer"] or _("unsigned")))
    return 0


def _cmd_release(args: argparse.Namespace) -> int:
    from nps_id.library.sharing import release
    with open_library(args.library) as library:
        meta = release(library, args.version, Path(args.out), Path(args.key) if args.key else None,
                       unsigned=args.unsigned)
    signed = (_("signed by {0}").format(meta["signer"]) if meta.get("signer")
              else _("NOT signed (labs will refuse it)"))
    print(_("release {0}: {1} spectra in {2}, {3}").format(meta["version"], meta["n_spectra"], args.out, signed))
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from nps_id.library.sharing import verify_package
    info = verify_package(Path(args.path), _trusted(args))
    what = (_("release {0}").format(info.get("version")) if info["kind"] == "release"
            else _("bundle of lab {0}").format(info.get("lab")))
    trust = ""
    if args.library is not None and info["signed"]:
        from nps_id.library.trust import trusted_fingerprints
        with open_library(args.library) as library:
            known = trusted_fingerprints(library)
        trust = _(" (trusted by this library)") if info["signer"] in known else _(" (NOT trusted by this library)")
    print(_("{0}: OK, {1}, {2} files match the manifest, ").format(args.path, what, info["files"])
          + (_("signed by {0}").format(info["signer"]) + trust if info["signed"] else _("not signed")))
    return 0


def _cmd_trust(args: argparse.Namespace) -> int:
    from nps_id.library.trust import read_public_key, trust_key, trusted_keys, untrust_key
    if args.trust_command == "add":
        pem = read_public_key(args.key)
        with open_library(args.library, create=True) as library:
            fp = trust_key(library, pem, args.label or Path(args.key).stem)
            print(_("{0}: trusts {1} ({2})").format(library.location, fp, args.label or Path(args.key).stem))
        return 0
    if args.trust_command == "remove":
        with open_library(args.library) as library:
            fp = untrust_key(library, args.key, args.why or "")
            print(_("{0}: no longer trusts {1}").format(library.location, fp))
        return 0
    with open_library(args.library) as library:
        keys = trusted_keys(library)
    if args.json:
        print(json.dumps([{k: v for k, v in key.items()} for key in keys], indent=2))
    elif not keys:
        print(_("no trusted curator keys (add one with `nps-id library trust add KEY.pub`)"))
    for key in [] if args.json else keys:
        print(f"{key['fingerprint']}  {key['label'] or '-':<20} "
              + _("added {0} by {1}").format(key["added_at"], key["added_by"]))
    return 0


def _cmd_server_init(args: argparse.Namespace) -> int:
    from nps_id.library.server import init_server
    info = init_server(args.url)
    print(_("{0}: library tables and roles nps_reader, nps_contributor, nps_curator ready; grant one to a "
            "login role, e.g. GRANT nps_contributor TO lab_a;").format(info["location"]))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from nps_id.library.validate import validate_library
    with open_library(args.library) as library:
        report = validate_library(library)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for issue in report["issues"]:
            print(f"{issue['severity']:<7} id {issue['id']:>6} {issue['name'][:40]:<40} {issue['problem']}")
        print(_("checked {0} spectra: {1} error(s), {2} warning(s)").format(report["checked"], report["errors"],
                                                                            report["warnings"]))
    return 1 if report["errors"] else 0


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``library`` command group to the main parser."""
    parser = subparsers.add_parser("library", help=_("build, inspect, export and share spectral libraries"))
    commands = parser.add_subparsers(dest="library_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: parser.print_help() or 1)

    p = commands.add_parser("import", help=_("import spectrum files and folders (all or nothing)"))
    _add_library_arg(p)
    p.add_argument("--skip-invalid", action="store_true",
                   help=_("import the valid records and list the invalid ones instead of refusing all"))
    p.add_argument("--why", default="", help=_("reason recorded in the change log"))
    p.add_argument("--technique", choices=("ms", "ir"), default=None,
                   help=_("import only spectra of this technique; the others are listed as skipped"))
    p.add_argument("--allow-duplicates", action="store_true",
                   help=_("add spectra the library already holds (same peaks and identity) again"))
    p.add_argument("--insecure", action="store_true",
                   help=_("import a release/bundle that is unsigned or signed by an untrusted key"))
    p.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    p.set_defaults(func=_cmd_import)

    p = commands.add_parser("info", help=_("counts, revision and history summary of a library"))
    _add_library_arg(p)
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=_cmd_info)

    p = commands.add_parser("export", help=_("export the library (format from the extension: .msp ...)"))
    _add_library_arg(p)
    p.add_argument("--technique", choices=("ms", "ir"), default=None, help=_("only spectra of this technique"))
    p.add_argument("out", metavar="OUT")
    p.set_defaults(func=_cmd_export)

    p = commands.add_parser("log", help=_("who changed what, when and why"))
    _add_library_arg(p)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_log)

    p = commands.add_parser("validate", help=_("check fields, peaks, structures, catalogue names, duplicates"))
    _add_library_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_validate)

    p = commands.add_parser("keygen", help=_("make an Ed25519 key pair for signing bundles/releases"))
    p.add_argument("--out", required=True, metavar="KEYFILE", help=_("private key file (KEYFILE.pub too)"))
    p.set_defaults(func=_cmd_keygen)

    p = commands.add_parser("contribute", help=_("write a lab's spectra as a (signed) bundle"))
    _add_library_arg(p)
    p.add_argument("--lab", required=True, help=_("contributing laboratory"))
    p.add_argument("--out", required=True, metavar="BUNDLE", help=_("folder, or a .zip file"))
    p.add_argument("--key", metavar="KEYFILE", help=_("sign the manifest with this private key"))
    p.add_argument("source_ids", nargs="*", metavar="SOURCE_ID", help=_("only these (default: all)"))
    p.set_defaults(func=_cmd_contribute)

    p = commands.add_parser("submit", help=_("verify a bundle and queue it for review"))
    _add_library_arg(p)
    p.add_argument("--trusted-key", action="append", metavar="KEYFILE.pub",
                   help=_("accept only bundles signed by this public key (repeatable)"))
    p.add_argument("bundle", metavar="BUNDLE")
    p.set_defaults(func=_cmd_submit)

    p = commands.add_parser("review", help=_("list pending submissions, or accept/reject one"))
    _add_library_arg(p)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--accept", type=int, metavar="ID")
    group.add_argument("--reject", type=int, metavar="ID")
    p.add_argument("--reason", help=_("why (required with --reject)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_review)

    p = commands.add_parser("release", help=_("write the accepted spectra as a versioned release"))
    _add_library_arg(p)
    p.add_argument("--version", required=True, metavar="X.Y", dest="version")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--key", metavar="KEYFILE", help=_("the curator's private key that signs the release"))
    p.add_argument("--unsigned", action="store_true",
                   help=_("write the release without a signature (labs refuse it unless --insecure)"))
    p.set_defaults(func=_cmd_release)

    p = commands.add_parser("verify", help=_("check a release or bundle against its manifest and signature"))
    p.add_argument("--trusted-key", action="append", metavar="KEYFILE.pub")
    p.add_argument("--library", metavar="LIB", default=None,
                   help=_("also say whether this library trusts the signer"))
    p.add_argument("path", metavar="DIR")
    p.set_defaults(func=_cmd_verify)

    p = commands.add_parser("trust", help=_("the curator keys whose releases this library imports"))
    trust = p.add_subparsers(dest="trust_command", metavar="ACTION")
    p.set_defaults(func=lambda args, parser=p: parser.print_help() or 1)
    add = trust.add_parser("add", help=_("trust a curator's public key (KEY.pub from `library keygen`)"))
    _add_library_arg(add)
    add.add_argument("--label", default="", help=_("who the key belongs to (default: the file name)"))
    add.add_argument("key", metavar="KEY.pub")
    add.set_defaults(func=_cmd_trust)
    listing = trust.add_parser("list", help=_("the trusted keys"))
    _add_library_arg(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=_cmd_trust)
    remove = trust.add_parser("remove", help=_("stop trusting a key (fingerprint, its start, or KEY.pub)"))
    _add_library_arg(remove)
    remove.add_argument("--why", default="", help=_("reason recorded in the change log"))
    remove.add_argument("key", metavar="FINGERPRINT_OR_KEY.pub")
    remove.set_defaults(func=_cmd_trust)

    p = commands.add_parser("server", help=_("set up a shared PostgreSQL library"))
    server = p.add_subparsers(dest="server_command", metavar="ACTION")
    p.set_defaults(func=lambda args: p.print_help() or 1)
    init = server.add_parser("init", help=_("create tables and roles nps_reader/contributor/curator"))
    init.add_argument("url", metavar="URL")
    init.set_defaults(func=_cmd_server_init)

    from nps_id.cli.schedule import add_schedule_commands  # national schedules (nps_id.controls)
    add_schedule_commands(commands, _add_library_arg)
