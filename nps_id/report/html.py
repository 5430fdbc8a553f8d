"""The case report as one self-contained HTML file (the PDF's content; pictures as inline SVG).

The same pictures as the PDF (:mod:`nps_id.report.graphics`), rendered to SVG by
reportlab, so both forms show what was compared; text is plain HTML.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from nps_id.report import graphics
from nps_id.report.pdf import VERDICT_WORDS, _control, _recipes, _smiles, check_reportable

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
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>NPS-ID report - case "
             f"{_e(case['number'])}</title><style>{_STYLE}</style></head><body>",
             "<h1>Forensic identification report</h1>",
             _table([["Laboratory", lab or case["lab"], "Case", case["number"]],
                     ["Title", case["title"], "Case opened", case["created_at"]],
                     ["Analyst", case["analyst"], "Reviewer", case["reviewer"]],
                     ["Report printed", now_utc(), "Exhibits", ", ".join(e["label"] for e in exhibits)]],
                    header=False)]
    for e in exhibits:
        parts.append(f"<h2>Exhibit {_e(e['label'])}</h2>")
        parts.append(_table([["Description", e["description"], "Weight", e["weight"]],
                             ["Received", e["created_at"], "State", e["state"]]], header=False))
        conclusion = e["conclusions"][-1] if e["conclusions"] else None
        if conclusion:
            parts.append(f"<p><b>Analyst's conclusion</b> ({_e(conclusion['analyst'])}, {_e(conclusion['at'])}): "
                         f"{_e(conclusion['analyst_call'])}. {html.escape(conclusion['comment'] or '')}</p>")
            for r in e["reviews"]:
                if r["conclusion_id"] == conclusion["id"]:
                    parts.append(f"<p>Review: {_e(r['decision'])} by {_e(r['reviewer'])} at {_e(r['at'])}</p>")
            suggestion = conclusion["suggestion"]
        else:
            parts.append("<p>Not concluded yet.</p>")
            suggestion = combine(e["analyses"])
        lines = suggestion.get("statement_lines") or [suggestion["statement"]]
        parts.append("<p><b>Software suggestion</b> (not the analyst's conclusion):</p><ul>"
                     + "".join(f"<li>{_e(line)}</li>" for line in lines)
                     + f"</ul><p class='small'>Rule: {_e(suggestion['rule'])}.</p>")
        for n, analysis in enumerate(e["analyses"], start=1):
            parts.append(_analysis(n, analysis))
    parts.append("<h2>Appendix: technical record</h2>")
    for e in exhibits:
        for n, analysis in enumerate(e["analyses"], start=1):
            record = analysis["record"]
            lib = record["library"]
            parts.append(f"<h3>Exhibit {_e(e['label'])}, analysis {n}: {_e(analysis['label'])}</h3>")
            rows = [["Item", "Value"], ["Library", f"{lib.get('name')} ({lib.get('location')})"],
                    ["Release / revision / UUID", f"{lib.get('release') or 'no release'} / {lib.get('revision')} / "
                                                  f"{lib.get('uuid') or '-'}"],
                    ["Library content SHA-256", lib.get("content_sha256")],
                    ["Software", ", ".join(f"{k} {v}" for k, v in record["software"].items())],
                    ["Parameters", ", ".join(f"{k}={v}" for k, v in record["parameters"].items())]]
            rows += [[f"Input {i['name']}", f"SHA-256 {i['sha256']} ({i['file']})"] for i in record["inputs"]]
            rows += [[f"Step: {s['step']}", f"{s['at']}" + (f" ({s['seconds']} s)" if s.get("seconds") else "")]
                     for s in record["steps"]]
            parts.append(_table(rows))
            for label, recipe in _recipes(record):
                parts.append(f"<p class='small'>Recipe of {_e(label)}</p>")
                parts.append(_table([["#", "Step", "Parameters"]] + [
                    [i, r["step"], ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())]
                    for i, r in enumerate(recipe, 1)]))
    parts.append("<h3>Audit trail</h3>")
    parts.append(_table([["#", "At (UTC)", "Who", "Action", "Exhibit", "Hash"]] + [
        [a["seq"], a["at"], a["who"], a["action"], a["exhibit"], a["hash"][:16]] for a in case["audit"]]))
    parts.append(f"<p class='small'>Audit head at printing: <code>{_e(case['audit_head'])}</code></p></body></html>")
    out = Path(out)
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


def _analysis(n: int, analysis: dict[str, Any]) -> str:
    record = analysis["record"]
    first = record["inputs"][0]
    parts = [f"<h3>Analysis {n}: {_e(analysis['label'])}</h3>",
             f"<p class='small'>Input {_e(first['name'])} (SHA-256 <code>{first['sha256']}</code>), added "
             f"{_e(analysis['added_at'])} by {_e(analysis['added_by'])}</p>"]
    if record["kind"] == "gcms":
        result, plots = record["result"], record["plots"]
        selected = result.get("selected_component")
        comp = result["components"][selected] if selected is not None else None
        chrom = plots["chromatogram"]
        parts.append(_svg(graphics.chromatogram(chrom["rt_min"], chrom["tic"], comp and comp["rt_min"],
                                                f"component {selected + 1}" if comp else "")))
        if comp is not None:
            ref = (plots.get("references") or {}).get(str(selected))
            parts.append(_verdict(comp))
            parts.append(_svg(graphics.ms_mirror((comp["spectrum"]["mz"], comp["spectrum"]["intensity"]),
                                                 (ref["x"], ref["y"]) if ref else None,
                                                 f"component {selected + 1}", f"reference: {ref['name']}"
                                                 if ref else "")))
            parts.append(_hits(comp["hits"], comp.get("ri")))
    else:
        for q, plot in zip(record["result"]["queries"], record["plots"]["queries"]):
            ref = plot.get("reference")
            draw = graphics.ir_mirror if q["query"]["technique"] == "ir" else graphics.ms_mirror
            parts.append(_verdict(q["query"]))
            parts.append(_svg(draw((plot["query"]["x"], plot["query"]["y"]), (ref["x"], ref["y"]) if ref else None,
                                   "unknown", f"reference: {ref['name']}" if ref else "")))
            parts.append(_hits(q["hits"], None))
    return "\n".join(parts)


def _verdict(judged: dict[str, Any]) -> str:
    verdict = judged.get("verdict")
    words = VERDICT_WORDS.get(verdict, verdict or "not searched")
    confidence = judged.get("confidence")
    extra = f" (confidence {100 * confidence:.0f} %)" if confidence is not None else ""
    return f"<p><b>Verdict: {_e(words)}</b>{extra} - {_e(judged.get('verdict_reason'))}</p>"


def _hits(hits: list[dict[str, Any]], ri: float | None) -> str:
    rows = [["#", "Name", "Score", "Rev.", "Conf. %", "ΔRI", "Class", "Control status (source)", "Library id"]]
    for h in hits:
        status, source = _control(h)
        dri = (ri - h["retention_index"]) if ri is not None and h.get("retention_index") is not None else None
        rows.append([h.get("rank"), h.get("name"), f"{h.get('score', 0):.0f}", f"{h.get('reverse_score', 0):.0f}",
                     h.get("probability"), None if dri is None else f"{dri:+.0f}", h.get("compound_class"),
                     status + (f" ({source})" if source and source not in status else ""),
                     h.get("source_id") or h.get("library_id")])
    out = _table(rows)
    if hits:
        drawing = graphics.structure(_smiles(hits[0]))
        if drawing is not None:
            out += f"<p class='small'>Structure of the top hit, {_e(hits[0].get('name'))}</p>" + _svg(drawing)
    return out
