"""The case report as PDF (reportlab platypus): text selectable, pictures vector.

One report per exhibit or per case: header (lab, case, exhibit, analyst,
reviewer, dates), the conclusion (the analyst's call beside the software's
suggestion and its SWGDRUG statement), per analysis the chromatogram with the
reported component marked, the component / query spectrum against its reference
(mirror plot), the structure, the hit table (score, reverse, confidence, ΔRI,
class, control status with its source) and the verdict; then an appendix with
the recipe, library identity, software, inputs with SHA-256 and the time of every
step and audit entry.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from nps_id.i18n import SOURCE_LANGUAGE, _, language
from nps_id.report import graphics
from nps_id.report.fonts import latin, report_fonts
from nps_id.report.words import (VERDICT_WORDS, audit_action, decision_word, exhibit_state, result_text, rule_text,
                                 statement_lines, step_name, technique_label, verdict_word,
                                 where_text)
from nps_id.sentences import class_name, control_text, translate_sentence

__all__ = ["VERDICT_WORDS", "build_report", "check_reportable"]


class _Styles:
    def __init__(self):
        regular, bold, _unicode = report_fonts()
        base = getSampleStyleSheet()
        self.body = ParagraphStyle("body", parent=base["BodyText"], fontName=regular, fontSize=8.5, leading=11)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=7, leading=8.6)
        self.mono = ParagraphStyle("mono", parent=self.body, fontName=regular, fontSize=6.5, leading=8)
        self.h1 = ParagraphStyle("h1", parent=base["Heading1"], fontName=bold, fontSize=15, leading=18)
        self.h2 = ParagraphStyle("h2", parent=base["Heading2"], fontName=bold, fontSize=11.5, leading=14,
                                 spaceBefore=8, keepWithNext=1)
        self.h3 = ParagraphStyle("h3", parent=base["Heading3"], fontName=bold, fontSize=9.5, leading=12,
                                 spaceBefore=6, keepWithNext=1)
        self.small_keep = ParagraphStyle("small_keep", parent=self.small, keepWithNext=1)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=7, leading=8.4)
        self.cell_bold = ParagraphStyle("cellb", parent=self.cell, fontName=bold)
        self.regular, self.bold = regular, bold


def _p(text: Any, style) -> Paragraph:
    return Paragraph(html.escape(latin("" if text is None else str(text))).replace("\n", "<br/>"), style)


def _table(rows: list[list[Any]], widths: list[float], st: _Styles, header: bool = True) -> Table:
    data = [[_p(c, st.cell_bold if header and i == 0 else st.cell) for c in row] for i, row in enumerate(rows)]
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999")),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e9f2")))
    table.setStyle(TableStyle(style))
    return table


def _fmt(value: Any, spec: str = "") -> str:
    if value is None or value == "":
        return "-"
    try:
        return format(value, spec) if spec else str(value)
    except (TypeError, ValueError):
        return str(value)


def _control(hit: dict[str, Any]) -> tuple[str, str]:
    """Control status and its source: the hit's, completed from the compound catalogue."""
    status, source = hit.get("control_status"), ""
    try:
        from nps_id.library.catalogue import lookup
        entry = lookup(inchikey=hit.get("inchikey"), name=hit.get("name"), cas=hit.get("cas"))
    except Exception:  # catalogue missing: the hit's own status only
        entry = None
    if entry is not None:
        status = status or entry.control_status
        source = entry.status_source
    return control_text(status) if status else "-", source


def _smiles(hit: dict[str, Any]) -> str | None:
    if hit.get("smiles"):
        return hit["smiles"]
    try:
        from nps_id.library.catalogue import lookup
        entry = lookup(inchikey=hit.get("inchikey"), name=hit.get("name"), cas=hit.get("cas"))
    except Exception:
        return None
    return entry.smiles if entry is not None and entry.smiles else None


def check_reportable(case: dict[str, Any], exhibit: str | None) -> list[dict[str, Any]]:
    """The exhibits to report; :class:`~nps_id.casework.store.CaseError` when one has no analyses."""
    from nps_id.casework.store import CaseError

    exhibits = [e for e in case["exhibits"] if exhibit is None or e["label"] == exhibit]
    if exhibit is not None and not exhibits:
        raise CaseError(_("case {0}: no exhibit {1!r}").format(case["number"], exhibit))
    if not exhibits:
        raise CaseError(_("case {0}: no exhibits to report").format(case["number"]))
    for e in exhibits:
        if not e["analyses"]:
            raise CaseError(_("case {0}, exhibit {1}: no analyses, so there is nothing to report (add one with "
                              "`nps-id case add`); no report written").format(case["number"], e["label"]))
    return exhibits


def _language_tag() -> str:
    return language()


def check_fonts() -> None:
    """A report in a language written outside Latin-1 needs a Unicode font; say which is missing, never print boxes."""
    from nps_id.errors import NpsIdError
    from nps_id.report.fonts import CANDIDATES

    if language() != SOURCE_LANGUAGE and not report_fonts()[2]:
        raise NpsIdError(_("no Unicode TrueType font for a report in language {0!r}: install DejaVu Sans (e.g. the "
                           "package fonts-dejavu-core), looked for: {1}").format(
            language(), ", ".join(regular for regular, _bold in CANDIDATES)))


def build_report(case: dict[str, Any], out: str | Path, exhibit: str | None = None, lab: str | None = None) -> Path:
    """Write the PDF report of a case (all exhibits) or of one exhibit to ``out``.

    ``case`` is :meth:`nps_id.casework.store.CaseFile.case`.  Raises
    :class:`~nps_id.casework.store.CaseError` for an exhibit without analyses
    (before anything is written).
    """
    exhibits = check_reportable(case, exhibit)
    check_fonts()
    st = _Styles()
    out = Path(out)
    title = (_("Case {0}, exhibit {1}").format(case["number"], exhibit) if exhibit
             else _("Case {0}").format(case["number"]))
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=latin(_("NPS-ID report - {0}").format(title)),
                            author=latin(case["analyst"]), subject=latin(_("Forensic identification report")),
                            creator="NPS-ID", lang=_language_tag())
    story: list[Any] = []
    story += _header(case, exhibits, lab, st)
    for e in exhibits:
        story += _exhibit_section(case, e, st)
    story += _signatures(case, exhibits, st)
    story.append(PageBreak())
    story += _appendix(case, exhibits, st)
    footer = latin(_("NPS-ID report - {0} - audit head {1}...").format(title, case["audit_head"][:24]))
    doc.build(story, canvasmaker=lambda *a, **k: _NumberedCanvas(*a, footer=footer, font=st.regular, **k))
    return out


class _NumberedCanvas(Canvas):
    """Footer on every page with "page N of M" (pages are held until the total is known)."""

    def __init__(self, *args: Any, footer: str = "", font: str = "Helvetica", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer, self._font = footer, font

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(self._font, 7)
            self.drawString(16 * mm, 9 * mm, self._footer)
            self.drawRightString(A4[0] - 16 * mm, 9 * mm, latin(_("page {0} of {1}").format(self._pageNumber, total)))
            super().showPage()
        super().save()


def _signatures(case: dict[str, Any], exhibits: list[dict], st: _Styles) -> list[Any]:
    """Lines for the analyst's and the reviewer's signatures (the report is signed on paper or by the lab's PKI)."""
    reviewers = sorted({r["reviewer"] for e in exhibits for r in e["reviews"] if r["decision"] == "approved"})
    rows = [[_("Analyst"), case["analyst"], _("Signature / date"), ""],
            [_("Reviewer"), ", ".join(reviewers) or case["reviewer"] or "-", _("Signature / date"), ""]]
    table = _table(rows, [25 * mm, 60 * mm, 30 * mm, 63 * mm], st, header=False)
    table.setStyle(TableStyle([("BOTTOMPADDING", (0, 0), (-1, -1), 14)]))
    return [Spacer(1, 8), KeepTogether([_p(_("Signatures"), st.h3), table])]


def _header(case: dict[str, Any], exhibits: list[dict], lab: str | None, st: _Styles) -> list[Any]:
    from nps_id.casework.provenance import now_utc

    rows = [[_("Laboratory"), lab or case["lab"] or "-", _("Case"), case["number"]],
            [_("Title"), case["title"] or "-", _("Case opened"), case["created_at"]],
            [_("Analyst"), case["analyst"], _("Reviewer"), case["reviewer"] or "-"],
            [_("Report printed"), now_utc(), _("Exhibits"), ", ".join(e["label"] for e in exhibits)]]
    return [_p(_("Forensic identification report"), st.h1), _table(rows, [28 * mm, 62 * mm, 28 * mm, 60 * mm], st,
                                                                  header=False), Spacer(1, 4)]


def _exhibit_section(case: dict[str, Any], e: dict[str, Any], st: _Styles) -> list[Any]:
    story: list[Any] = [_p(_("Exhibit {0}").format(e["label"]), st.h2)]
    conclusion = e["conclusions"][-1] if e["conclusions"] else None
    reviews = [r for r in e["reviews"] if conclusion and r["conclusion_id"] == conclusion["id"]]
    rows = [[_("Description"), e["description"] or "-", _("Weight"), e["weight"] or "-"],
            [_("Received"), e["created_at"], _("State"), exhibit_state(e["state"])]]
    if conclusion:
        rows.append([_("Concluded"), _("{0} by {1}").format(conclusion["at"], conclusion["analyst"]), _("Reviewed"),
                     "; ".join(_("{0} by {1} at {2}").format(decision_word(r["decision"]), r["reviewer"], r["at"])
                               for r in reviews) or _("not yet")])
    for photo in e["photos"]:
        rows.append([_("Photo"), photo.get("name", ""), "SHA-256", photo.get("sha256", "")])
    story.append(_table(rows, [28 * mm, 62 * mm, 28 * mm, 60 * mm], st, header=False))
    story.append(_p(_("Conclusion"), st.h3))
    if conclusion:
        story.append(_p(_("Analyst's conclusion ({0}): {1}").format(conclusion["analyst"], conclusion["analyst_call"]),
                        st.body))
        if conclusion["comment"]:
            story.append(_p(_("Comment: {0}").format(conclusion["comment"]), st.body))
        if conclusion["amendment"]:
            story.append(_p(_("Amendment: {0}").format(conclusion["amendment"]), st.body))
        suggestion = conclusion["suggestion"]
    else:
        from nps_id.casework.conclusion import combine
        story.append(_p(_("Not concluded yet: the software's suggestion below is not a conclusion."), st.body))
        suggestion = combine(e["analyses"])
    story.append(_p(_("Software suggestion (not the analyst's conclusion):"), st.body))
    for line in statement_lines(suggestion):
        story.append(_p(f"• {line}", st.body))
    if suggestion["compounds"]:
        rows = [[_("Compound"), _("Technique"), _("Result"), _("Conf."), _("Score"), _("Analysis")]]
        for c in suggestion["compounds"]:
            for s in c["support"]:
                rows.append([c["compound"], technique_label(s["technique"]), result_text(s["verdict"]),
                             _fmt(s["confidence"] and 100 * s["confidence"], ".0f") + (" %" if s["confidence"] else ""),
                             _fmt(s["score"], ".0f"), f"{s['analysis']}, {where_text(s['where'])}"])
        story.append(_table(rows, [30 * mm, 28 * mm, 40 * mm, 16 * mm, 13 * mm, 51 * mm], st))
    story.append(_p(_("Rule: {0}.").format(rule_text(suggestion["rule"])), st.small))
    for n, analysis in enumerate(e["analyses"], start=1):
        story += _analysis_section(n, analysis, st)
    return story


def _analysis_section(n: int, analysis: dict[str, Any], st: _Styles) -> list[Any]:
    record = analysis["record"]
    first = record["inputs"][0]
    story: list[Any] = [_p(_("Analysis {0}: {1}").format(n, analysis["label"]), st.h3),
                        _p(_("Input {0} (SHA-256 {1}); added {2} by {3}; library {4} revision {5}").format(
                            first["name"], first["sha256"], analysis["added_at"], analysis["added_by"],
                            record["library"].get("name"), record["library"].get("revision")), st.small_keep)]
    # the heading goes with its first picture (keepWithNext does not carry across a KeepTogether)
    if record["kind"] == "gcms":
        return _gcms_section(record, st, lead=story)
    out: list[Any] = []
    for i, (q, plot) in enumerate(zip(record["result"]["queries"], record["plots"]["queries"])):
        out += _query_section(q, plot, st, lead=story if i == 0 else [])
    return out or story


def _gcms_section(record: dict[str, Any], st: _Styles, lead: list[Any] | None = None) -> list[Any]:
    result, plots = record["result"], record["plots"]
    run = result["run"]
    story: list[Any] = list(lead or []) + [_p(_("Run: sample {0}, method {1}, acquired {2}, {3} scans, {4} mode; "
                                                 "{5} components.").format(
        run.get("sample") or "-", run.get("method") or "-", run.get("date") or "-", run["scans"], run["mode"],
        len(result["components"])), st.small)]
    for w in result.get("warnings", []):
        story.append(_p(_("Warning: {0}").format(w), st.small))
    selected = result.get("selected_component")
    comp = result["components"][selected] if selected is not None else None
    chrom = plots["chromatogram"]
    marked = comp["rt_min"] if comp else None
    label = _("component {0}: {1:.3f} min").format(selected + 1, comp["rt_min"]) if comp else ""
    story = [KeepTogether(story + [graphics.chromatogram(chrom["rt_min"], chrom["tic"], marked, label)])]
    rows = [["#", _("RT (min)"), _("RI"), _("Area %"), _("Verdict"), _("Top hit (score)")]]
    for i, c in enumerate(result["components"]):
        top = c["hits"][0] if c.get("hits") else {}
        rows.append([f"{i + 1}{' *' if i == selected else ''}", f"{c['rt_min']:.3f}", _fmt(c.get("ri"), ".0f"),
                     f"{c['area_pct']:.2f}", verdict_word(c.get("verdict")),
                     f"{top.get('name', '-')} ({_fmt(top.get('score'), '.0f')})"])
    story.append(_table(rows, [10 * mm, 16 * mm, 14 * mm, 17 * mm, 33 * mm, 88 * mm], st))  # Russian verdicts are long
    story.append(_p(_("* the component reported below (marked on the chromatogram)."), st.small))
    if comp is None:
        return story
    reference = (plots.get("references") or {}).get(str(selected))
    head = [_p(_("Component {0} at {1:.3f} min").format(selected + 1, comp["rt_min"]), st.h3)] + _judgement(comp, st)
    mirror = graphics.ms_mirror((comp["spectrum"]["mz"], comp["spectrum"]["intensity"]),
                                (reference["x"], reference["y"]) if reference else None,
                                _("component {0} (deconvoluted)").format(selected + 1),
                                _("reference: {0} (library id {1})").format(reference["name"], reference["library_id"])
                                if reference else "")
    story.append(KeepTogether(head + [mirror]))
    story += _hits_and_structure(comp["hits"], comp.get("ri"), st)
    return story


def _query_section(query: dict[str, Any], plot: dict[str, Any], st: _Styles, lead: list[Any] | None = None
                   ) -> list[Any]:
    q = query["query"]
    head: list[Any] = list(lead or []) + [_p(_("Spectrum {0} ({1})").format(q["id"], q["technique"].upper()),
                                             st.h3)] + _judgement(q, st)
    ref = plot.get("reference")
    qx, qy = plot["query"]["x"], plot["query"]["y"]
    ref_label = _("reference: {0} (library id {1})").format(ref["name"], ref["library_id"]) if ref else ""
    draw = graphics.ir_mirror if q["technique"] == "ir" else graphics.ms_mirror
    story: list[Any] = [KeepTogether(head + [draw((qx, qy), (ref["x"], ref["y"]) if ref else None, _("unknown"),
                                                  ref_label)])]
    story += _hits_and_structure(query["hits"], None, st)
    return story


def _judgement(judged: dict[str, Any], st: _Styles) -> list[Any]:
    verdict = judged.get("verdict")
    if verdict is None:
        return [_p(_("Not searched."), st.body)]
    detail = judged.get("verdict_detail") or {}
    words = verdict_word(verdict)
    if verdict == "identified":
        text = _("Verdict: {0} {1} (confidence {2:.0f} %)").format(words, detail.get("compound"),
                                                                  100 * judged["confidence"])
    elif verdict == "ambiguous" and len(detail.get("candidates") or []) > 1:
        text = _("Verdict: {0} between {1} (top one {2:.0f} %)").format(
            words, " / ".join(detail.get("candidates") or []), 100 * judged["confidence"])
    elif verdict == "ambiguous":
        text = _("Verdict: {0}, best fit {1} not conclusive (confidence {2:.0f} %)").format(
            words, detail.get("compound"), 100 * judged["confidence"])
    else:
        text = _("Verdict: {0}").format(words)
    # the core's reason in the report's language (the case file keeps the English it signed)
    text += f" - {translate_sentence(judged.get('verdict_reason') or '')}"
    out = [_p(text, st.body)]
    if detail.get("deciders"):
        out.append(_p(_("Would decide: {0}").format("; ".join(translate_sentence(d) for d in detail["deciders"])), st.small))
    cp = judged.get("class_prediction") or {}
    if cp.get("label"):
        out.append(_p(_("Predicted class: {0} ({1:.0f} %)").format(class_name(cp["label"]), 100 * cp["probability"]), st.small))
        if cp["label"] == "other" and cp.get("unlearned"):
            out.append(_p(_("cannot be predicted from this library (too few references): {0}").format(
                ", ".join(class_name(c) for c in cp["unlearned"])), st.small))
    for alert in judged.get("alerts") or []:
        out.append(_p(_("ALERT: {0} [{1}]").format(alert.get("relation"), alert.get("controlled_compound")), st.small))
    return out


def _hits_and_structure(hits: list[dict[str, Any]], ri: float | None, st: _Styles) -> list[Any]:
    rows = [["#", _("Name"), _("Score"), _("Rev."), _("Conf. %"), _("ΔRI"), _("Class"), _("Control status (source)"),
             _("Lib. id")]]
    for h in hits:
        status, source = _control(h)
        dri = (ri - h["retention_index"]) if ri is not None and h.get("retention_index") is not None else None
        flag = " *" if h.get("isomer_ambiguity") else ""
        rows.append([h.get("rank"), f"{h.get('name')}{flag}", _fmt(h.get("score"), ".0f"),
                     _fmt(h.get("reverse_score"), ".0f"), _fmt(h.get("probability"), ".1f"), _fmt(dri, "+.0f"),
                     class_name(h["compound_class"]) if h.get("compound_class") else "-",
                     f"{status}" + (f" ({source})" if source and source not in status else ""),
                     _fmt(h.get("source_id") or h.get("library_id"))])
    table = _table(rows, [6 * mm, 36 * mm, 13 * mm, 11 * mm, 12 * mm, 12 * mm, 22 * mm, 39 * mm, 27 * mm], st)
    out: list[Any] = [table]
    if any(h.get("isomer_ambiguity") for h in hits):
        out.append(_p(_("* cannot be told apart from another candidate by this spectrum."), st.small))
    if hits:
        drawing = graphics.structure(_smiles(hits[0]))
        caption = (_("Structure of the top hit, {0}").format(hits[0].get("name")) if drawing else
                   _("No structure known for {0} (no SMILES in the library or the catalogue)").format(
                       hits[0].get("name")))
        out.append(KeepTogether([_p(caption, st.small)] + ([drawing] if drawing else [])))
    return out


def _appendix(case: dict[str, Any], exhibits: list[dict], st: _Styles) -> list[Any]:
    story: list[Any] = [_p(_("Appendix: technical record"), st.h2)]
    for e in exhibits:
        for n, analysis in enumerate(e["analyses"], start=1):
            record = analysis["record"]
            lib = record["library"]
            story.append(_p(_("Exhibit {0}, analysis {1}: {2}").format(e["label"], n, analysis["label"]), st.h3))
            rows = [[_("Item"), _("Value")],
                    [_("Library"), f"{lib.get('name')} ({lib.get('backend')}, {lib.get('location')})"],
                    [_("Library release / revision / UUID"),
                     _("{0} / revision {1} / {2}").format(lib.get("release") or _("no release"), lib.get("revision"),
                                                          lib.get("uuid") or "-")],
                    [_("Library content SHA-256"), lib.get("content_sha256") or "-"],
                    [_("Library spectra"), f"{lib.get('spectra')} {lib.get('by_technique')}"],
                    [_("Software"), ", ".join(f"{k} {v}" for k, v in record["software"].items())],
                    [_("Parameters"), ", ".join(f"{k}={v}" for k, v in record["parameters"].items())],
                    [_("Started / finished"), f"{record['started_at']} / {record['finished_at']}"]]
            for item in record["inputs"]:
                rows.append([_("Input {0}").format(item["name"]), f"SHA-256 {item['sha256']}\n{item['file']}"])
                for name, digest in (item.get("files") or {}).items():
                    rows.append([f"  {name}", digest])
            story.append(_table(rows, [45 * mm, 133 * mm], st))
            story.append(_p(_("Steps (time, seconds)"), st.small))
            story.append(_table([[_("Step"), _("At (UTC)"), _("Seconds")]] + [
                [step_name(s["step"]), s["at"], _fmt(s.get("seconds"), ".3f")] for s in record["steps"]],
                [80 * mm, 60 * mm, 38 * mm], st))
            for label, recipe in _recipes(record):
                story.append(_p(_("Recipe of {0}").format(label), st.small))
                story.append(_table([["#", _("Step"), _("Parameters")]] + [
                    [i, step_name(r["step"]), ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())]
                    for i, r in enumerate(recipe, 1)], [8 * mm, 45 * mm, 125 * mm], st))
    story.append(_p(_("Audit trail (hash-chained; verify with `nps-id case verify`)"), st.h3))
    rows = [["#", _("At (UTC)"), _("Who"), _("Action"), _("Exhibit"), _("Hash (first 16)")]]
    for a in case["audit"]:
        rows.append([a["seq"], a["at"], a["who"], audit_action(a["action"]), a["exhibit"] or "-", a["hash"][:16]])
    story.append(_table(rows, [8 * mm, 44 * mm, 28 * mm, 42 * mm, 20 * mm, 36 * mm], st))
    story.append(_p(_("Audit head at printing: {0}").format(case["audit_head"]), st.mono))
    return story


def _recipes(record: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    if record["kind"] == "gcms":
        result = record["result"]
        params = (result.get("provenance") or {}).get("parameters") or record["parameters"]
        selected = result.get("selected_component")
        recipe = result["components"][selected].get("recipe") if selected is not None else None
        steps = [{"step": "read_run", "params": {"file": result["run"]["source_file"]}}]
        steps += recipe or [{"step": _("deconvolve (defaults unless given)"),
                             "params": {k: v for k, v in params.items() if k not in ("top", "search")}},
                            {"step": _("search components"), "params": {"top": params.get("top")}}]
        return [(_("the GC-MS analysis (component reported)"), steps)]
    return [(_("spectrum {0}").format(q["query"]["id"]), q["query"].get("recipe") or [])
            for q in record["result"]["queries"]]
