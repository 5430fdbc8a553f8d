"""The case report as one self-contained HTML file (the PDF's content; pictures as inline SVG).

The same pictures as the PDF (:mod:`nps_id.report.graphics`), rendered to SVG by
reportlab, so both forms show what was compared; text is plain HTML.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from nps_id.i18n import _, language
from nps_id.report import graphics
from nps_id.report.pdf import _control, _recipes, _smiles, check_reportable
from nps_id.report.words import (audit_action, decision_word, exhibit_state, rule_text, statement_lines, step_name,
                                 verdict_word)
from nps_id.sentences import class_name, translate_sentence

_STYLE = """body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:13px;max-width:1000px;margin:2em auto}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #999;padding:2px 5px;vertical-align:top}
th{background:#e4e9f2;text-align:left}h1{font-size:22px}h2{font-size:17px;margin-top:1.5em}h3{font-size:14px}
.small{font-size:11px;color:#333}code{font-size:11px}"""


def _e(value: Any) -> str:
    return html.escape("-" if value is None or value == "" else str(value))


def _svg(drawing) -> str:
    from reportlab.graphics import renderSVG
    text = renderSVG.drawToString(drawing)
    return text[text.index("<svg"):]


def _table(rows: list[list[Any]], header: bool = True) -> str:
    out = ["<table>"]
    for i, row in enumerate(rows):
        tag = "th" if header and i == 0 else "td"
        out.append("<tr>" + "".join(f"<{tag}>{_e(c)}</{tag}>" for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def build_html_report(case: dict[str, Any], out: str | Path, exhibit: str | None = None,
                      lab: str | None = None) -> Path:
    """Write the HTML report of a case or one exhibit (checks as :func:`nps_id.report.pdf.build_report`)."""
    from nps_id.casework.conclusion import combine
    from nps_id.casework.provenance import now_utc

    exhibits = check_reportable(case, exhibit)
    title = _("NPS-ID report - {0}").format(_("Case {0}").format(case["number"]))
    parts = [f"<!DOCTYPE html><html lang='{_e(language())}'><head><meta charset='utf-8'><title>{_e(title)}</title>"
             f"<style>{_STYLE}</style></head><body>",
             f"<h1>{_e(_('Forensic identification report'))}</h1>",
             _table([[_("Laboratory"), lab or case["lab"], _("Case"), case["number"]],
                     [_("Title"), case["title"], _("Case opened"), case["created_at"]],
                     [_("Analyst"), case["analyst"], _("Reviewer"), case["reviewer"]],
                     [_("Report printed"), now_utc(), _("Exhibits"), ", ".join(e["label"] for e in exhibits)]],
                    header=False)]
    for e in exhibits:
        parts.append(f"<h2>{_e(_('Exhibit {0}').format(e['label']))}</h2>")
        parts.append(_table([[_("Description"), e["description"], _("Weight"), e["weight"]],
                             [_("Received"), e["created_at"], _("State"), exhibit_state(e["state"])]], header=False))
        conclusion = e["conclusions"][-1] if e["conclusions"] else None
        if conclusion:
            said = _("Analyst's conclusion ({0}, {1}): {2}").format(conclusion["analyst"], conclusion["at"],
                                                                     conclusion["analyst_call"])
            parts.append(f"<p><b>{_e(said)}</b>. {html.escape(conclusion['comment'] or '')}</p>")
            for r in e["reviews"]:
                if r["conclusion_id"] == conclusion["id"]:
                    parts.append("<p>" + _e(_("Review: {0} by {1} at {2}").format(
                        decision_word(r["decision"]), r["reviewer"], r["at"])) + "</p>")
            suggestion = conclusion["suggestion"]
        else:
            parts.append(f"<p>{_e(_('Not concluded yet.'))}</p>")
            suggestion = combine(e["analyses"])
        heading = _("Software suggestion (not the analyst's conclusion):")
        parts.append(f"<p><b>{_e(heading)}</b></p><ul>"
                     + "".join(f"<li>{_e(line)}</li>" for line in statement_lines(suggestion))
                     + f"</ul><p class='small'>{_e(_('Rule: {0}.').format(rule_text(suggestion['rule'])))}</p>")
        for n, analysis in enumerate(e["analyses"], start=1):
            parts.append(_analysis(n, analysis))
    parts.append(f"<h2>{_e(_('Appendix: technical record'))}</h2>")
    for e in exhibits:
        for n, analysis in enumerate(e["analyses"], start=1):
            record = analysis["record"]
            lib = record["library"]
            parts.append(f"<h3>{_e(_('Exhibit {0}, analysis {1}: {2}').format(e['label'], n, analysis['label']))}</h3>")
            rows = [[_("Item"), _("Value")], [_("Library"), f"{lib.get('name')} ({lib.get('location')})"],
                    [_("Library release / revision / UUID"),
                     _("{0} / revision {1} / {2}").format(lib.get("release") or _("no release"), lib.get("revision"),
                                                          lib.get("uuid") or "-")],
                    [_("Library content SHA-256"), lib.get("content_sha256")],
                    [_("Software"), ", ".join(f"{k} {v}" for k, v in record["software"].items())],
                    [_("Parameters"), ", ".join(f"{k}={v}" for k, v in record["parameters"].items())]]
            rows += [[_("Input {0}").format(i["name"]), f"SHA-256 {i['sha256']} ({i['file']})"]
                     for i in record["inputs"]]
            rows += [[_("Step: {0}").format(step_name(s["step"])),
                      f"{s['at']}" + (_(" ({0} s)").format(s["seconds"]) if s.get("seconds") else "")]
                     for s in record["steps"]]
            parts.append(_table(rows))
            for label, recipe in _recipes(record):
                parts.append(f"<p class='small'>{_e(_('Recipe of {0}').format(label))}</p>")
                parts.append(_table([["#", _("Step"), _("Parameters")]] + [
                    [i, step_name(r["step"]), ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())]
                    for i, r in enumerate(recipe, 1)]))
    parts.append(f"<h3>{_e(_('Audit trail'))}</h3>")
    parts.append(_table([["#", _("At (UTC)"), _("Who"), _("Action"), _("Exhibit"), _("Hash")]] + [
        [a["seq"], a["at"], a["who"], audit_action(a["action"]), a["exhibit"], a["hash"][:16]]
        for a in case["audit"]]))
    parts.append(f"<p class='small'>{_e(_('Audit head at printing: {0}').format(''))}<code>{_e(case['audit_head'])}"
                 "</code></p></body></html>")
    out = Path(out)
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


def _analysis(n: int, analysis: dict[str, Any]) -> str:
    record = analysis["record"]
    first = record["inputs"][0]
    parts = [f"<h3>{_e(_('Analysis {0}: {1}').format(n, analysis['label']))}</h3>",
             "<p class='small'>" + _e(_("Input {0} (SHA-256 {1}), added {2} by {3}").format(
                 first["name"], first["sha256"], analysis["added_at"], analysis["added_by"])) + "</p>"]
    if record["kind"] == "gcms":
        result, plots = record["result"], record["plots"]
        selected = result.get("selected_component")
        comp = result["components"][selected] if selected is not None else None
        chrom = plots["chromatogram"]
        parts.append(_svg(graphics.chromatogram(chrom["rt_min"], chrom["tic"], comp and comp["rt_min"],
                                                _("component {0}").format(selected + 1) if comp else "")))
        if comp is not None:
            ref = (plots.get("references") or {}).get(str(selected))
            parts.append(_verdict(comp))
            parts.append(_svg(graphics.ms_mirror((comp["spectrum"]["mz"], comp["spectrum"]["intensity"]),
                                                 (ref["x"], ref["y"]) if ref else None,
                                                 _("component {0}").format(selected + 1),
                                                 _("reference: {0}").format(ref["name"]) if ref else "")))
            parts.append(_hits(comp["hits"], comp.get("ri")))
    else:
        for q, plot in zip(record["result"]["queries"], record["plots"]["queries"]):
            ref = plot.get("reference")
            draw = graphics.ir_mirror if q["query"]["technique"] == "ir" else graphics.ms_mirror
            parts.append(_verdict(q["query"]))
            parts.append(_svg(draw((plot["query"]["x"], plot["query"]["y"]), (ref["x"], ref["y"]) if ref else None,
                                   _("unknown"), _("reference: {0}").format(ref["name"]) if ref else "")))
            parts.append(_hits(q["hits"], None))
    return "\n".join(parts)


def _verdict(judged: dict[str, Any]) -> str:
    verdict = judged.get("verdict")
    words = verdict_word(verdict) if verdict else _("not searched")
    confidence = judged.get("confidence")
    extra = _(" (confidence {0:.0f} %)").format(100 * confidence) if confidence is not None else ""
    return (f"<p><b>{_e(_('Verdict: {0}').format(words))}</b>{_e(extra)} - "
            f"{_e(translate_sentence(judged.get('verdict_reason') or ''))}</p>")  # in the report's language


def _hits(hits: list[dict[str, Any]], ri: float | None) -> str:
    rows = [["#", _("Name"), _("Score"), _("Rev."), _("Conf. %"), _("ΔRI"), _("Class"), _("Control status (source)"),
             _("Lib. id")]]
    for h in hits:
        status, source = _control(h)
        dri = (ri - h["retention_index"]) if ri is not None and h.get("retention_index") is not None else None
        rows.append([h.get("rank"), h.get("name"), f"{h.get('score', 0):.0f}", f"{h.get('reverse_score', 0):.0f}",
                     h.get("probability"), None if dri is None else f"{dri:+.0f}",
                     class_name(h["compound_class"]) if h.get("compound_class") else None,
                     status + (f" ({source})" if source and source not in status else ""),
                     h.get("source_id") or h.get("library_id")])
    out = _table(rows)
    if hits:
        drawing = graphics.structure(_smiles(hits[0]))
        if drawing is not None:
            out += (f"<p class='small'>{_e(_('Structure of the top hit, {0}').format(hits[0].get('name')))}</p>"
                    + _svg(drawing))
    return out
