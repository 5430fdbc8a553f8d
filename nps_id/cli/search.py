"""``nps-id search``, ``nps-id info`` and ``nps-id convert``: work on spectrum files."""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

from nps_id.casework.export import hit_rows, write_csv
from nps_id.casework.provenance import input_record, library_identity, now_utc, software_identity
from nps_id.errors import InputError, LibraryError, NpsIdError, printable
from nps_id.i18n import N_, _, ngettext
from nps_id.io import read_spectra, write_spectra
from nps_id.sentences import class_name, control_text, translate_sentence
from nps_id.spectrum import Spectrum

_LIBRARY_HELP = N_("library file or postgresql:// URL (default: $NPS_ID_LIBRARY or the per-user library)")
_FIRST_START = N_(
    "no reference library yet at {where}.\n"
    "  Public EI and IR libraries cannot be shipped with NPS-ID (SWGDRUG, ENFSI and NIST set their own\n"
    "  terms): download one (e.g. the SWGDRUG MS library as MSP, or a folder of JCAMP-DX IR files)\n"
    "  and import it once:\n"
    "    nps-id library import {library}PATH_TO.msp_OR_FOLDER\n"
    "  then search again."
)


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    search = subparsers.add_parser(
        "search", help=_("identify spectra (EI or IR) against the library"),
        description=_("Search every spectrum of every file against the reference library."))
    search.add_argument("files", nargs="+", metavar="FILE")
    search.add_argument("--library", metavar="LIB", default=None, help=_(_LIBRARY_HELP))
    search.add_argument("--top", type=_positive_int, default=10, metavar="N", help=_("hits per query (default 10)"))
    search.add_argument("--json", action="store_true", help=_("one JSON object per query per line"))
    search.add_argument("--exhaustive", action="store_true",
                        help=_("score every library spectrum (no prefilter): a correctness reference"))
    search.add_argument("--per-compound", action="store_true",
                        help=_("keep only the best spectrum of each compound in the hit list"))
    search.add_argument("--csv", metavar="OUT.csv",
                        help=_("also write every hit as a row (with class, control status, verdict, isomers) "
                               "to OUT.csv"))
    search.add_argument("--analogues", action="store_true",
                        help=_("always run analogue (hybrid) search; it runs by itself when a query is "
                             "not identified"))
    search.add_argument("--jurisdiction", metavar="CODE", default=None,
                        help=_("also show the national control status of hits under this jurisdiction's "
                             "schedule (ISO code, e.g. KZ; default $NPS_ID_JURISDICTION; 'none': "
                             "international only); see `nps-id library schedule list`"))
    search.add_argument("--mixture", action="store_true",
                        help=_("IR: also unmix each query into library compounds (NNLS with residual search)"))
    search.add_argument("--similarity", default="pearson",
                        choices=("pearson", "derivative", "hqi", "euclidean", "peaks"),
                        help=_("IR score (default pearson; see README, IR similarity)"))
    search.add_argument("--ir-sampling", choices=("atr", "transmission", "gas"), default=None,
                        help=_("IR: how the queries were measured (ATR queries are ATR-corrected; "
                             "default: what the file says)"))
    search.set_defaults(func=_cmd_search)

    info = subparsers.add_parser("info", help=_("list the spectra a file holds"))
    info.add_argument("file", metavar="FILE")
    info.add_argument("--json", action="store_true", help=_("machine-readable output"))
    info.set_defaults(func=_cmd_info)

    convert = subparsers.add_parser(
        "convert", help=_("write a file's spectra as read (.msp, .csv, .jdx)"),
        description=_("Write every spectrum of FILE, in native units, to OUT (.msp, .csv or .jdx). "
                    "Several spectra to CSV give OUT-1.csv, OUT-2.csv, ..."))
    convert.add_argument("file", metavar="FILE")
    convert.add_argument("out", metavar="OUT")
    convert.set_defaults(func=_cmd_convert)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a whole number: {0!r}").format(text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1"))
    return value


# -- search -----------------------------------------------------------------
def open_search_library(location: str | None):
    """Open the library to search, or explain how to get one (first start)."""
    from nps_id.library import default_library_location, open_library

    where = location or default_library_location()
    if not str(where).startswith(("postgresql://", "postgres://")) and not Path(where).exists():
        raise LibraryError(first_start_message(location, where))
    library = open_library(location)
    if library.count() == 0:
        library.close()
        raise LibraryError(first_start_message(location, where))
    return library


def first_start_message(location: str | None, where: str | Path) -> str:
    """How to get a library: the import command to run, with the ``--library`` the user gave (if any)."""
    import shlex

    from nps_id.library.backends import redact_url

    option = "" if location is None else f"--library {shlex.quote(redact_url(str(location)))} "
    return _(_FIRST_START).format(where=redact_url(str(where)), library=option)


#: Queries searched per call of the search (results are printed after each).
_SEARCH_SLICE = 256


def _prepare_indexes(library, queries: list[Spectrum], progress) -> None:
    """Load the search indexes the queries need; one that is missing or stale is brought up to date
    here, saying so on a terminal (IR library spectra are vectorised on all cores)."""
    from nps_id.search.index_cache import ir_index, ms_index

    techniques = {q.technique for q in queries}
    if "ms" in techniques:
        progress.note(_("loading the EI search index"))
        ms_index(library)
        progress.finish()
    if "ir" in techniques:
        progress.note(_("loading the IR search index"))
        ir_index(library, progress=lambda done, total: progress(_("vectorising IR library spectra"), done, total),
                 workers=os.cpu_count() or 1)
        progress.finish()


def _cmd_search(args: argparse.Namespace) -> int:
    from nps_id.search import search_spectra

    from nps_id.controls import apply_controls, current_jurisdiction
    from nps_id.controls.schedules import check_code

    jurisdiction = current_jurisdiction(args.jurisdiction)
    if jurisdiction:
        check_code(jurisdiction)
    library = open_search_library(args.library)
    failed = 0
    queries: list[Spectrum] = []
    inputs: dict[str, dict] = {}  # file -> input record (SHA-256), for the JSON's provenance
    for path in args.files:
        try:
            spectra = read_spectra(path)
            queries.extend(spectra)
            if args.json:
                record = input_record(path)
                inputs.update({str(s.get("source_file")): record for s in spectra})
        except NpsIdError as exc:
            print(_("nps-id: error: {0}").format(printable(str(exc))), file=sys.stderr)
            failed += 1
    from nps_id.cli.library import TextProgress

    progress = TextProgress()
    csv_rows: list[dict] = []
    try:
        if args.ir_sampling:
            from nps_id.ir.sampling import with_sampling

            queries = [with_sampling(q, args.ir_sampling) if q.technique == "ir" else q for q in queries]
        _prepare_indexes(library, queries, progress)
        provenance = search_provenance(library, args) if args.json else {}
        positions = query_positions(queries)
        # queries in slices, so results appear as they come; IR queries of a slice are scored together
        for start in range(0, len(queries), _SEARCH_SLICE):
            part = queries[start:start + _SEARCH_SLICE]
            hit_lists = search_spectra(
                library, part, top=args.top, exhaustive=args.exhaustive, per_compound=args.per_compound,
                analogues=args.analogues, similarity=args.similarity, mixture=args.mixture, progress=lambda done, _total, start=start: progress(_("searching"), start + done, len(queries)))
            progress.finish()
            for offset, hit_list in enumerate(hit_lists):
                if args.jurisdiction is not None:  # the option overrides $NPS_ID_JURISDICTION
                    apply_controls(hit_list.hits, library, jurisdiction or "")
                if args.csv:
                    csv_rows += hit_rows(hit_list.to_dict())
                if args.json:
                    source, position = positions[start + offset]
                    hit_list.provenance = {**provenance, "inputs": [inputs.get(source) or input_record(source)],
                                           "position": position, "finished_at": now_utc()}
                    print(json.dumps(_jsonable(hit_list.to_dict()), ensure_ascii=False))
                else:
                    print(format_hit_table(hit_list))
            sys.stdout.flush()
    finally:
        library.close()
    if args.csv:
        write_csv(args.csv, csv_rows)
    return 2 if failed else 0


def query_positions(queries: list[Spectrum]) -> list[tuple[str, int]]:
    """(source file, position in that file) of every query, for replay."""
    seen: dict[str, int] = {}
    out = []
    for spectrum in queries:
        source = str(spectrum.get("source_file"))
        out.append((source, seen.get(source, 0)))
        seen[source] = seen.get(source, 0) + 1
    return out


def search_provenance(library, args: argparse.Namespace) -> dict[str, Any]:
    """Library identity, software version, parameters and start time of a search (:mod:`nps_id.casework.provenance`)."""
    return {"library": library_identity(library), "software": software_identity(), "started_at": now_utc(),
            "parameters": {"top": args.top, "exhaustive": args.exhaustive, "per_compound": args.per_compound,
                           "analogues": args.analogues}}


#: How each verdict reads at the head of a hit table.
VERDICT_WORDS = {"identified": N_("IDENTIFIED"), "ambiguous": N_("AMBIGUOUS"), "not_in_library": N_("NOT IN LIBRARY")}


def verdict_word(verdict: str) -> str:
    """The verdict as shown, in the language in use (an unknown verdict as it is)."""
    return _(VERDICT_WORDS[verdict]) if verdict in VERDICT_WORDS else verdict


def format_verdict(hit_list) -> list[str]:
    """The lines above a hit table: verdict, molecular ion, class, alerts."""
    verdict = hit_list.verdict
    if verdict is None:
        return []
    words = verdict_word(verdict.verdict)
    if verdict.verdict == "identified":
        head = _("{0}: {1} (confidence {2:.0f} %)").format(words, verdict.compound, 100 * verdict.confidence)
    elif verdict.verdict == "ambiguous":
        head = _("{0} (the substance is one of the candidates: {1:.0f} %; the top one: {2:.0f} %)").format(
            words, 100 * verdict.in_library, 100 * verdict.confidence)
    else:
        head = words
    lines = ["  " + _("Verdict: {0} - {1}").format(head, translate_sentence(verdict.reason))]
    if verdict.verdict == "ambiguous" and len(verdict.candidates) > 1:
        lines.append("    " + _("candidates: {0}").format("; ".join(verdict.candidates)))
    if verdict.deciders:
        lines.append("    " + _("decide by: {0}").format("; ".join(translate_sentence(d) for d in verdict.deciders)))
    extra = []
    mi = hit_list.molecular_ion
    if mi is not None:
        extra.append(_("M+. {0} (confidence {1:.0f} %)").format(mi.nominal_mass, 100 * mi.confidence)
                     if mi.nominal_mass else _("no molecular ion seen ({0})").format(translate_sentence(mi.reason)))
    cp = hit_list.class_prediction
    if cp is not None:
        extra.append(_("class: {0} ({1:.0f} %)").format(class_name(cp.label), 100 * cp.probability) if cp.label
                     else _("class: {0}").format(translate_sentence(cp.message)))
        if cp.label == "other" and cp.unlearned:
            # a query of a class the library cannot teach comes out as "other": say which classes
            extra.append(_("cannot be predicted from this library (too few references): {0}").format(
                ", ".join(class_name(c) for c in cp.unlearned)))
    if extra:
        lines.append("    " + "; ".join(extra))
    for alert in hit_list.alerts:
        lines.append("  " + _("ALERT: {0} [{1}: {2}]").format(alert.relation, alert.controlled_compound,
                                                             control_text(alert.control_status) if alert.control_status else _("controlled")))
    if hit_list.seen_elsewhere is not None:  # the early-warning register (nps_id.alerts.seen)
        lines.append("  " + _("EARLY WARNING: {0}").format(hit_list.seen_elsewhere.text()))
    return lines


def format_analogues(hit_list) -> list[str]:
    """The analogue (hybrid search) table of a query, if it has analogues."""
    if not hit_list.analogues:
        return []
    first = hit_list.analogues[0]
    basis = (_("unknown's mass assumed {0} (no clear molecular ion)").format(first.assumed_mass)
             if first.mass_assumed else _("unknown's mass {0}").format(first.assumed_mass) if first.assumed_mass
             else _("unknown's mass not known"))
    title = _("Analogues (hybrid search: fragments and neutral losses across the mass shift; {0})").format(basis)
    lines = ["  " + title,
             f"  {_('Rank'):>4} {_('Hybrid'):>6} {_('Direct'):>6} {_('Shift'):>6}  {_('Name'):<38} "
             f"{_('Explanation'):<28} {_('Class')}"]
    for a in hit_list.analogues:
        shift = "?" if a.mass_shift is None else f"{a.mass_shift:+d}"
        lines.append(f"  {a.rank:>4} {a.score:>6.0f} {a.direct_score:>6.0f} {shift:>6}  {_cut(a.name, 38):<38} "
                     f"{_cut(a.shift_explanation or '', 28):<28} {class_name(a.compound_class) if a.compound_class else ''}")
    return lines


def _noise_threshold(query: Spectrum) -> float:
    """The small-peak cut the search applied to the query (its recipe), as a share of the base peak."""
    from nps_id.ms.filters import NOISE_THRESHOLD

    for step in reversed(query.recipe):
        if "noise_threshold" in step.params:
            return float(step.params["noise_threshold"])
    return NOISE_THRESHOLD


def format_hit_table(hit_list) -> str:
    """A readable table of one query's hits, under its verdict."""
    q = hit_list.query
    source = Path(str(q.get("source_file") or "-")).name
    if hit_list.technique == "ms":  # the prepared spectrum: `nps-id info` counts the file's peaks, all of them
        lines = [_("Query {0}  ({1}, MS, {2} peaks searched: those of at least {3:g} % of the base peak)").format(
            hit_list.query_id, source, len(q), 100 * _noise_threshold(q))]
    else:
        lines = [_("Query {0}  ({1}, {2}, {3} points)").format(hit_list.query_id, source,
                                                              hit_list.technique.upper(), len(q))]
    lines += format_verdict(hit_list)
    for warning in hit_list.warnings:
        lines.append(f"  ! {warning}")
    if not hit_list.hits:
        lines.append("  " + _("no hits"))
        return "\n".join(lines + format_analogues(hit_list)) + "\n"
    # column words: "Score" is the match, "Rev" the reverse match, "Prob%" the probability
    lines.append(f"  {_('Rank'):>4} {_('Score'):>5} {_('Rev'):>5} {_('Prob%'):>6}  {_('Name'):<38} "
                 f"{_('Formula'):<14} {'CAS':<12} {_('Source id')}")
    for hit in hit_list.hits:
        flag = "*" if hit.isomer_ambiguity else ("m" if hit.mass_conflict else " ")
        lines.append(
            f"  {hit.rank:>4} {hit.score:>5.0f} {hit.reverse_score:>5.0f} {hit.probability:>6.1f} {flag}"
            f"{_cut(hit.name, 38):<38} {_cut(hit.formula or '', 14):<14} {_cut(hit.cas or '', 12):<12} "
            f"{hit.source_id or hit.library_id}")
        if hit.control_status:
            lines.append(f"{'':>27}" + _("Control: {0}").format(control_text(hit.control_status))
                         + (f"  [{class_name(hit.compound_class)}]" if hit.compound_class else ""))
    if any(h.isomer_ambiguity for h in hit_list.hits):
        lines.append("  " + _("* cannot be told apart by this spectrum (see verdict)"))
    if any(h.mass_conflict for h in hit_list.hits):
        lines.append("  " + _("m nominal mass contradicts the molecular ion: ranked lower"))
    lines += format_analogues(hit_list)
    if getattr(hit_list, "mixture", None) is not None:
        from nps_id.ir.mixture_analysis import format_mixture

        lines += format_mixture(hit_list.mixture)
    return "\n".join(lines) + "\n"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _jsonable(value: Any) -> Any:
    """``value`` as JSON takes it: NaN and infinity as null, numpy scalars as numbers, and strings as valid
    Unicode (a file name that is not UTF-8 shows its bytes as ``\\xff``: :func:`~nps_id.errors.printable`), so
    that the line printed is valid UTF-8."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_jsonable(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _jsonable(value.item())
    return value


# -- info / convert ---------------------------------------------------------
def describe(spectrum: Spectrum) -> dict[str, Any]:
    """What ``nps-id info`` reports of one spectrum."""
    low, high = spectrum.x_range
    return {
        "name": spectrum.name or None,
        "technique": spectrum.technique,
        "points": len(spectrum),
        "x_min": low, "x_max": high,
        "x_unit": spectrum.x_unit, "y_unit": spectrum.y_unit,
        "source_id": spectrum.get("source_id"),
        "cas": spectrum.get("cas"),
    }


def _cmd_info(args: argparse.Namespace) -> int:
    spectra = read_spectra(args.file)
    rows = [describe(s) for s in spectra]
    if args.json:
        print(json.dumps(_jsonable({"file": args.file, "spectra": rows}), ensure_ascii=False))
        return 0
    print(ngettext("{0}: {1} spectrum", "{0}: {1} spectra", len(rows)).format(args.file, len(rows)))
    for i, row in enumerate(rows, start=1):
        print(f"  {i:>4}  {row['technique']:<6} {row['points']:>6} {_('pts')}  "
              f"{row['x_min']:.6g}-{row['x_max']:.6g} {row['x_unit']:<10} {row['y_unit']:<20} "
              f"{row['name'] or ''}")
    return 0


def _cmd_convert(args: argparse.Namespace) -> int:
    spectra = read_spectra(args.file)
    out = Path(args.out)
    if out.is_dir():
        raise InputError(out, _("is a folder; give an output file name such as OUT.csv"))
    written = write_spectra(spectra, out)
    for path in written:
        print(path)
    return 0
