"""``nps-id alert ...``: the early-warning register of unidentified substances.

Lab side: ``submit`` (search a file, show exactly what is sent, send it signed),
``withdraw``, ``list`` (cluster summaries; ``--csv`` for the national focal
point), ``import`` (a signed export, for offline labs).  Register side:
``cluster`` (detail; curator: identify / withdraw / promote), ``sync`` (signed
export), ``log`` (audit), ``server init|add-lab|process``.  The register is
``--register`` (a ``postgresql://`` URL or a file), else ``$NPS_ID_ALERT_REGISTER``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from nps_id.errors import InputError, LibraryError
from nps_id.i18n import N_, _

_REGISTER_HELP = N_("the register: postgresql:// URL or a file (default: $NPS_ID_ALERT_REGISTER)")


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    alert = subparsers.add_parser(
        "alert", help=_("early warning: report unidentified substances to the shared register, see what is emerging"),
        description=_("The shared register of unidentified substances (early warning across labs)."))
    sub = alert.add_subparsers(dest="alert_command", metavar="ACTION")
    alert.set_defaults(func=lambda args: (alert.print_help(), 1)[1])

    p = sub.add_parser("submit", help=_("search FILE and report its not-identified spectra (signed)"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--library", metavar="LIB", default=None, help=_("your library (as for `nps-id search`)"))
    _register_arg(p)
    p.add_argument("--lab", required=True, help=_("your lab's name (as registered with the register)"))
    p.add_argument("--key", required=True, type=Path, help=_("your lab's private key (nps-id library keygen)"))
    p.add_argument("--country", default=None)
    p.add_argument("--region", default=None)
    p.add_argument("--column", default=None, help=_("GC column type of the method (GC-MS), e.g. 'DB-5MS 30 m'"))
    p.add_argument("--query", type=int, default=None, metavar="N", help=_("only the N-th spectrum of the file(s)"))
    p.add_argument("--component", type=float, default=None, metavar="RT",
                   help=_("FILE is a GC-MS run: report its component at RT minutes (nps-id gcms RUN lists them)"))
    p.add_argument("--ri-calibration", default=None, metavar="RUN_OR_TABLE",
                   help=_("GC-MS: alkane ladder for the component's retention index (as for nps-id gcms)"))
    p.add_argument("--dry-run", action="store_true", help=_("show what would be sent, send nothing"))
    p.add_argument("--wait", type=float, default=10.0, metavar="S",
                   help=_("seconds to wait for the server's check (default 10)"))
    p.set_defaults(func=_cmd_submit)

    p = sub.add_parser("list", help=_("clusters by recency and spread (labs, regions)"))
    _register_arg(p)
    p.add_argument("--library", metavar="LIB", default=None,
                   help=_("use the offline register beside this library file (see `alert import`)"))
    p.add_argument("--class", dest="compound_class", default=None, help=_("only clusters of this predicted class"))
    p.add_argument("--technique", choices=("ms", "ir"), default=None)
    p.add_argument("--status", choices=("open", "identified", "withdrawn"), default=None)
    p.add_argument("--csv", type=Path, default=None, metavar="OUT",
                   help=_("write the list as CSV (national focal point)"))
    p.add_argument("--json", action="store_true")
    p.add_argument("--mine", action="store_true", help=_("your own reports and the state of each"))
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("withdraw", help=_("withdraw your own report (by its uid)"))
    p.add_argument("uid")
    _register_arg(p)
    p.add_argument("--lab", required=True)
    p.add_argument("--key", required=True, type=Path)
    p.add_argument("--reason", default="")
    p.add_argument("--wait", type=float, default=10.0, metavar="S")
    p.set_defaults(func=_cmd_withdraw)

    p = sub.add_parser("cluster", help=_("one cluster; curator: --identify / --reopen / --withdraw / --promote"))
    p.add_argument("cluster", type=int, metavar="K")
    _register_arg(p)
    p.add_argument("--identify", metavar="NAME", default=None, help=_("set status: identified as NAME"))
    for field in ("inchikey", "cas", "formula", "smiles"):
        p.add_argument(f"--{field}", default=None)
    p.add_argument("--class", dest="compound_class", default=None)
    p.add_argument("--note", default="", help=_("why (e.g. 'reference standard bought, RT and EI match')"))
    p.add_argument("--reopen", action="store_true")
    p.add_argument("--withdraw", action="store_true", help=_("withdraw the whole cluster (e.g. a contaminant)"))
    p.add_argument("--promote", action="store_true", help=_("put the identified cluster's spectra into --library"))
    p.add_argument("--library", metavar="LIB", default=None, help=_("the curated library (for --promote)"))
    p.add_argument("--key", type=Path, default=None, help=_("curator's key to sign the promotion bundle"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_cluster)

    p = sub.add_parser("sync", help=_("write the register as a signed export (goes out with each library release)"))
    _register_arg(p)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--key", required=True, type=Path)
    p.set_defaults(func=_cmd_sync)

    p = sub.add_parser("import", help=_("import a signed export for offline checks"))
    p.add_argument("folder", type=Path)
    p.add_argument("--register", default=None, help=_("local register file to fill"))
    p.add_argument("--library", default=None, help=_("put it beside this library file (checked by every search)"))
    p.add_argument("--trust", type=Path, action="append", default=None, metavar="PUB",
                   help=_("accept only exports signed by this public key (repeatable)"))
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("log", help=_("the register's audit log"))
    _register_arg(p)
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=_cmd_log)

    server = sub.add_parser("server", help=_("set up and run the register on a PostgreSQL server"))
    ssub = server.add_subparsers(dest="server_command", metavar="ACTION")
    server.set_defaults(func=lambda args: (server.print_help(), 1)[1])
    p = ssub.add_parser("init", help=_("create the register's tables and roles (owner/superuser)"))
    p.add_argument("url")
    p.set_defaults(func=_cmd_server_init)
    p = ssub.add_parser("add-lab", help=_("allow a lab's key to report"))
    _register_arg(p)
    p.add_argument("--lab", required=True)
    p.add_argument("--public-key", required=True, type=Path)
    p.add_argument("--login", default=None, help=_("the lab's database login (PostgreSQL): only it may use the key"))
    p.set_defaults(func=_cmd_add_lab)
    p = ssub.add_parser("process", help=_("check and cluster received reports (the register's service)"))
    _register_arg(p)
    p.add_argument("--watch", action="store_true", help=_("keep running, woken by each new report"))
    p.add_argument("--seconds", type=float, default=None, help=_("with --watch: stop after this long"))
    p.set_defaults(func=_cmd_server_process)


def _register_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--register", metavar="REG", default=None, help=_(_REGISTER_HELP))


def _open(args: argparse.Namespace, create: bool = False):
    import os

    from nps_id.alerts.register import open_register
    from nps_id.alerts.seen import REGISTER_ENV, sidecar_path

    location = args.register or os.environ.get(REGISTER_ENV, "").strip()
    if not location and getattr(args, "library", None) and args.command == "alert" and args.alert_command == "list":
        location = str(sidecar_path(args.library))
        if not Path(location).is_file():
            raise LibraryError(_("{0}: no offline register beside the library (nps-id alert import EXPORT "
                                 "--library {1})").format(location, args.library))
    if not location:
        raise InputError(None, _("which register? give --register URL_OR_FILE or set {0}").format(REGISTER_ENV))
    return open_register(location, create=create)


def _print_status(status: dict) -> None:
    if status["status"] == "accepted":
        print(_("accepted: entry {0} in cluster #{1} (uid {2}; keep it to withdraw the report)").format(
            status.get("entry_id"), status.get("cluster_id"), status["uid"]))
    elif status["status"] == "refused":
        print(_("refused by the register: {0}").format(status.get("reason")))
    else:
        print(_("received as inbox #{0} (uid {1}); the register's service checks the signature and files it "
                "(see `nps-id alert list --mine`)").format(status["id"], status["uid"]))


def _cmd_submit(args: argparse.Namespace) -> int:
    from nps_id.cli.search import open_search_library
    from nps_id.gcms.readers import is_run
    from nps_id.io import read_spectra
    from nps_id.search import search_spectra

    if not args.key.is_file():
        raise InputError(args.key, _("no such key file (make one with `nps-id library keygen --out lab.key`)"))
    if args.component is not None:
        return _submit_component(args)
    spectra = []
    for path in args.files:
        if is_run(path):
            raise InputError(path, _("a GC-MS run: choose the component to report with --component RT (minutes); "
                                     "`nps-id gcms {0}` lists them").format(path))
        spectra.extend(read_spectra(path))
    if args.query is not None:
        if not 1 <= args.query <= len(spectra):
            raise InputError(args.files[0], _("--query {0}: the file(s) hold {1} spectra").format(args.query,
                                                                                                  len(spectra)))
        spectra = [spectra[args.query - 1]]
    if not spectra:
        raise InputError(args.files[0], _("no spectrum to report"))
    library = open_search_library(args.library)
    try:
        hit_lists = search_spectra(library, spectra, register=False)
    finally:
        library.close()
    return _send_reportable(args, hit_lists)


#: A component is the one asked for when its apex is this close to ``--component`` (minutes).
COMPONENT_RT_TOLERANCE = 0.05


def _submit_component(args: argparse.Namespace) -> int:
    """Analyse one GC-MS run and report the component at ``--component`` minutes."""
    from nps_id.cli.search import open_search_library
    from nps_id.gcms.analysis import analyse_run

    if len(args.files) != 1:
        raise InputError(args.files[1], _("--component takes one GC-MS run"))
    path = args.files[0]
    library = open_search_library(args.library)
    try:
        result = analyse_run(path, library, ri_calibration=args.ri_calibration)
    finally:
        library.close()
    found = [(abs(c.rt_min - args.component), c, h) for c, h in zip(result.components, result.hits)]
    found = [f for f in found if f[0] <= COMPONENT_RT_TOLERANCE]
    if not found:
        near = ", ".join(f"{c.rt_min:.3f}" for c in sorted(result.components,
                                                           key=lambda c: abs(c.rt_min - args.component))[:5])
        raise InputError(path, _("no component within {0} min of {1} min (nearest: {2})").format(
            COMPONENT_RT_TOLERANCE, args.component, near or "-"))
    _distance, component, hit_list = min(found, key=lambda f: f[0])
    print(_("component at {0:.3f} min ({1:.1f} % of the area{2})").format(
        component.rt_min, component.area_pct, "" if component.ri is None else f", RI {component.ri:.0f}"))
    return _send_reportable(args, [hit_list])


def _send_reportable(args: argparse.Namespace, hit_lists: list) -> int:
    """Show, then (unless ``--dry-run``) send signed, the alerts of the hit lists whose verdict is reportable."""
    from nps_id.alerts.payload import REPORTABLE, build_payload, describe_payload
    from nps_id.alerts.report import send_payload
    from nps_id.cli.search import verdict_word

    payloads = []
    for hit_list in hit_lists:
        verdict = hit_list.verdict.verdict if hit_list.verdict else None
        shown = verdict_word(verdict) if verdict else _("not searched")
        if verdict not in REPORTABLE:
            print(_("query {0}: verdict {1}: not reported (only {2})").format(
                hit_list.query_id, shown, _(" or ").join(verdict_word(v) for v in REPORTABLE)))
            continue
        payload = build_payload(hit_list, args.lab, args.country, args.region, args.column)
        print(_("query {0}: verdict {1}").format(hit_list.query_id, shown))
        print(describe_payload(payload))
        payloads.append(payload)
    if args.dry_run or not payloads:
        if args.dry_run:
            print(_("dry run: nothing sent"))
        return 0
    with _open(args) as register:
        for payload in payloads:
            _print_status(send_payload(register, payload, args.key, wait_s=args.wait))
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    from nps_id.alerts.listing import format_table, write_csv

    with _open(args) as register:
        if args.mine:
            rows = register.own_entries()
            for row in rows:
                print(_("entry {0} uid {1} {2} {3} cluster #{4} {5}").format(
                    row["id"], row["uid"], row["observed_on"], row["technique"].upper(), row["cluster_id"],
                    row["status"]))
            if not rows:
                print(_("no reports from {0} in this register").format(register.who()))
            return 0
        clusters = register.clusters(compound_class=args.compound_class, technique=args.technique,
                                     status=args.status)
    if args.csv is not None:
        write_csv(clusters, args.csv)
        print(_("wrote {0} clusters to {1}").format(len(clusters), args.csv))
    elif args.json:
        for cluster in clusters:
            print(json.dumps(cluster, ensure_ascii=False))
    else:
        sys.stdout.write(format_table(clusters))
    return 0


def _cmd_withdraw(args: argparse.Namespace) -> int:
    from nps_id.alerts.report import withdraw

    with _open(args) as register:
        status = withdraw(register, args.uid, args.key, args.lab, args.reason, wait_s=args.wait)
    if status["status"] == "accepted":
        print(_("withdrawn: entry {0} (uid {1})").format(status.get("entry_id"), args.uid))
    else:
        _print_status(status)
    return 0 if status["status"] != "refused" else 2


def _cmd_cluster(args: argparse.Namespace) -> int:
    from nps_id.alerts.promote import promote_cluster

    actions = [bool(args.identify), args.reopen, args.withdraw]
    if sum(actions) > 1:
        raise InputError(None, _("give one of --identify, --reopen, --withdraw"))
    with _open(args) as register:
        if args.identify:
            identity = {k: v for k, v in (("inchikey", args.inchikey), ("cas", args.cas), ("formula", args.formula),
                                          ("smiles", args.smiles), ("compound_class", args.compound_class)) if v}
            register.set_status(args.cluster, "identified", args.identify, identity, args.note)
        elif args.reopen:
            register.set_status(args.cluster, "open", note=args.note)
        elif args.withdraw:
            register.set_status(args.cluster, "withdrawn", note=args.note)
        if args.promote:
            if not args.library:
                raise InputError(None, _("--promote needs --library (the curated library)"))
            from nps_id.library import open_library

            with open_library(args.library) as library:
                info = promote_cluster(register, library, args.cluster, args.key, args.note)
            print(_("promoted {0} spectra of cluster #{1} into {2} (submission {3}, accepted); they go out with the "
                    "next `nps-id library release`").format(info["spectra"], args.cluster, info["library"],
                                                             info["submission"]))
        summary = register.cluster(args.cluster)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    print(_("cluster #{0} ({1}): {2}").format(summary["id"], summary["technique"].upper(), summary["status_text"]))
    print(_("  seen by {0} lab(s), {1} report(s), {2} - {3}; regions: {4}; predicted class: {5}").format(
        summary["n_labs"], summary["n_entries"], summary["first_seen"], summary["last_seen"],
        ", ".join(summary["regions"]) or "-", summary["predicted_class"] or "-"))
    if summary.get("promoted"):
        print(_("  promoted: {0}").format(summary["promoted"]))
    for entry in summary["entries"]:
        print(_("  entry {0}: {1} ({2}, {3}) {4} {5}").format(
            entry["id"], entry["lab"], entry["country"] or "-", entry["region"] or "-", entry["observed_on"],
            entry["status"])
              + (_(" match {0}").format(f"{entry['match_score']:.0f}") if entry["match_score"] is not None
                 else _(" (first)")))
    return 0


def _cmd_sync(args: argparse.Namespace) -> int:
    from nps_id.alerts.exchange import export_register

    with _open(args) as register:
        meta = export_register(register, args.out, args.key)
    print(_("wrote signed export of {0} clusters ({1} spectra) to {2}").format(meta["n_clusters"], meta["n_spectra"],
                                                                              args.out))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from nps_id.alerts.exchange import import_register
    from nps_id.alerts.seen import sidecar_path

    if bool(args.register) == bool(args.library):
        raise InputError(None, _("give either --register FILE or --library LIB (the export goes beside it)"))
    target = Path(args.register) if args.register else sidecar_path(args.library)
    trusted = [p.read_bytes() for p in args.trust] if args.trust else None
    info = import_register(args.folder, target, trusted)
    print(_("imported {0} clusters ({1} spectra) of {2}, signed by {3}, into {4}").format(
        info["clusters"], info["spectra"], info["exported_at"], info["signer"], target))
    return 0


def _cmd_log(args: argparse.Namespace) -> int:
    with _open(args) as register:
        for entry in register.audit_log(args.limit):
            print(f"{entry['id']:>6} {entry['at']} {entry['who']:<16} {entry['action']:<13} {entry['what']}")
    return 0


def _cmd_server_init(args: argparse.Namespace) -> int:
    from nps_id.alerts.register import init_server

    info = init_server(args.url)
    print(_("alert register ready at {0}: roles nps_alert_submitter, nps_alert_analyst, nps_alert_curator "
            "(GRANT nps_alert_submitter TO <lab login>)").format(info["location"]))
    return 0


def _cmd_add_lab(args: argparse.Namespace) -> int:
    if not args.public_key.is_file():
        raise InputError(args.public_key, _("no such public key file"))
    with _open(args, create=not (args.register or "").startswith("postgres")) as register:
        fp = register.register_lab(args.lab, args.public_key.read_bytes(), args.login)
    print(_("lab {0} may report with key {1}").format(args.lab, fp)
          + (_(" from login {0}").format(args.login) if args.login else ""))
    return 0


def _cmd_server_process(args: argparse.Namespace) -> int:
    with _open(args) as register:
        done = _report(register.process())
        if not args.watch:
            return 0
        stop = time.monotonic() + args.seconds if args.seconds else None
        conn = getattr(register.backend, "conn", None)
        listening = register.dialect == "postgresql"
        if listening:
            conn.execute("LISTEN nps_alert_inbox")
        while stop is None or time.monotonic() < stop:
            wait = 5.0 if stop is None else max(0.0, min(5.0, stop - time.monotonic()))
            if listening:
                for _notice in conn.notifies(timeout=wait, stop_after=1):
                    pass
            else:
                time.sleep(wait)
            done += _report(register.process())
    return 0


def _report(outcomes: list[dict]) -> int:
    for o in outcomes:
        if o["status"] == "accepted":
            what = _("withdrew entry") if o.get("withdrawn") else _("filed entry")
            print(_("inbox #{0}: {1} {2} in cluster #{3}").format(o["inbox"], what, o.get("entry"), o.get("cluster")),
                  flush=True)
        else:
            print(_("inbox #{0}: refused: {1}").format(o["inbox"], o.get("reason")), flush=True)
    return len(outcomes)
