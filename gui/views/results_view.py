"""Search results: the hit list, and for the selected hit a mirror plot, structure and details."""
from __future__ import annotations

from typing import Any

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, pyqtSignal
from PyQt6.QtGui import QBrush, QColor, QFont
from PyQt6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTabWidget, QTextBrowser,
                             QVBoxLayout, QWidget)

from nps_id.controls import summary_kind
from nps_id.gcms.ri_scoring import RI_CONTRADICTS
from nps_id_gui.views import plotting as P
from nps_id_gui.views.column_model import ColumnTableModel
from nps_id_gui.views.analogue_view import AnalogueView
from nps_id_gui.views.mirror_view import MirrorView, _esc
from nps_id_gui.views.structure_view import StructureView
from nps_id_gui.views.core_text import control_text, translate_sentence
from nps_id_gui.views.verdict_banner import VerdictBanner, class_label, verdict_of

translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls

#: (header, Hit attribute, tooltip); translated when shown (context "HitTable")
COLUMNS = (
    ("#", "rank", QT_TRANSLATE_NOOP("HitTable", "Rank")),
    (QT_TRANSLATE_NOOP("HitTable", "Name"), "name", QT_TRANSLATE_NOOP("HitTable", "Compound name of the library entry")),
    (QT_TRANSLATE_NOOP("HitTable", "Match"), "score", QT_TRANSLATE_NOOP("HitTable", "Forward match factor (0-999)")),
    (QT_TRANSLATE_NOOP("HitTable", "R.Match"), "reverse_score",
     QT_TRANSLATE_NOOP("HitTable", "Reverse match factor (0-999): ignores peaks absent from the reference")),
    (QT_TRANSLATE_NOOP("HitTable", "Prob. %"), "probability",
     QT_TRANSLATE_NOOP("HitTable", "Share of this compound among the hits listed (score gaps, Stein 1994). "
                       "It is not the chance that the substance is identified: that is the verdict's confidence above.")),
    (QT_TRANSLATE_NOOP("HitTable", "Formula"), "formula", ""),
    (QT_TRANSLATE_NOOP("HitTable", "MW"), "mw", QT_TRANSLATE_NOOP("HitTable", "Molecular weight")),
    (QT_TRANSLATE_NOOP("HitTable", "Class"), "compound_class", ""),
    (QT_TRANSLATE_NOOP("HitTable", "Control"), "control_status",
     QT_TRANSLATE_NOOP("HitTable", "International control status (UN conventions, INCB) with its source, and the "
                       "national one when a jurisdiction is set; 'not in catalogue' means no statement either way")),
    (QT_TRANSLATE_NOOP("HitTable", "Isomers"), "isomer_ambiguity",
     QT_TRANSLATE_NOOP("HitTable", "Isomers that EI cannot tell apart")),
    (QT_TRANSLATE_NOOP("HitTable", "ΔRI"), "ri_delta",
     QT_TRANSLATE_NOOP("HitTable", "Retention index of the component minus the library RI of this compound: within 20 "
                                   "supports, beyond 50 contradicts (red)")),
)
#: Initial widths (px) of the hit table's Name and Control columns; the user can change them.
NAME_COLUMN_WIDTH = 190
CONTROL_COLUMN_WIDTH = 150
#: Columns shown only when a hit of the list has a value in them.
OPTIONAL_COLUMNS = ("compound_class", "control_status", "probability", "isomer_ambiguity", "mw", "formula", "ri_delta")

#: "What's this" of the hit-table columns (Shift+F1 or Help ▸ What's This?, then a click on the header).
WHATS_THIS = {
    "rank": QT_TRANSLATE_NOOP(
        "HitTable", "<b>Rank</b><br>Place of the library spectrum in this list, best score first. When the component "
                    "has a retention index, the list is ranked after the retention-index term is applied."),
    "name": QT_TRANSLATE_NOOP(
        "HitTable", "<b>Name</b> of the library compound.<br>A name in this list is <i>not</i> by itself an "
                    "identification: the <b>verdict</b> above the table says what the search concludes — "
                    "<b>identified</b> (one compound fits, with its confidence), <b>ambiguous</b> (several candidates "
                    "the spectrum cannot tell apart, with what would decide between them) or <b>not in library</b> "
                    "(the list shows only the nearest library spectra)."),
    "score": QT_TRANSLATE_NOOP(
        "HitTable", "<b>Match</b> (forward match factor, 0–999)<br>How well the whole spectrum of the unknown agrees "
                    "with the library spectrum, peak by peak (weighted dot product, as in NIST MS Search): above 900 "
                    "excellent, 800–900 good, 700–800 fair, below 600 poor. Peaks of the unknown missing from the "
                    "reference lower it.<br>For a GC-MS component with a retention index, the match shown already "
                    "has the retention-index penalty taken off (see ΔRI).<br>A high match alone is not an "
                    "identification: isomers can match equally well — read the verdict."),
    "reverse_score": QT_TRANSLATE_NOOP(
        "HitTable", "<b>Reverse match</b> (0–999)<br>The same comparison using only the peaks of the library "
                    "spectrum: peaks of the unknown absent from the reference are ignored.<br>A reverse match much "
                    "higher than the match suggests extra peaks in the unknown — a mixture, a co-eluting compound or "
                    "background."),
    "probability": QT_TRANSLATE_NOOP(
        "HitTable", "<b>Probability</b> (%)<br>Share of this compound among the hits listed, from the gaps between "
                    "their scores (Stein 1994). It compares the hits with each other only: over the list it always "
                    "adds up to 100 %, even when the substance is none of them.<br><b>Confidence</b> is a different "
                    "number: the calibrated chance that the verdict is right, shown in the verdict above the table. "
                    "Judge the identification by the verdict and its confidence, not by this column."),
    "formula": QT_TRANSLATE_NOOP("HitTable", "<b>Formula</b> of the library compound, as its record gives it."),
    "mw": QT_TRANSLATE_NOOP(
        "HitTable", "<b>MW</b>: molecular weight of the library compound. Compare it with the molecular ion (M+•) of "
                    "the unknown shown in the verdict."),
    "compound_class": QT_TRANSLATE_NOOP(
        "HitTable", "<b>Class</b> of the library compound (synthetic cathinone, synthetic cannabinoid, precursor…)."),
    "control_status": QT_TRANSLATE_NOOP(
        "HitTable", "<b>Control</b>: international control status of the library compound (UN conventions, INCB "
                    "lists) with its source, and the national status when a jurisdiction is set. 'Not in catalogue' "
                    "means no statement either way: check national law."),
    "isomer_ambiguity": QT_TRANSLATE_NOOP(
        "HitTable", "<b>Isomers</b>: ⚠ when isomers of this compound in the library score about as well. EI spectra "
                    "of positional isomers are often nearly identical: decide with the retention index, an IR "
                    "spectrum or a reference standard."),
    "ri_delta": QT_TRANSLATE_NOOP(
        "HitTable", "<b>ΔRI</b>: retention index (RI) of the GC-MS component minus the library RI of this compound "
                    "(the component's RI comes from the n-alkane calibration of the run).<br>Within ±20 the RI "
                    "supports the hit, 20–50 fits weakly, beyond ±50 it contradicts the hit (red): the match is "
                    "lowered and the hit cannot be reported as identified. Empty when the run or the library record "
                    "has no RI."),
}

AMBIGUOUS_BG = QColor("#FFF1D6")
WARN_STYLE = ("QLabel { background: #FFE3A3; color: #5A3800; border: 1px solid #E0A030;"
              " border-radius: 3px; padding: 5px 8px; font-weight: 600; }")
NOTE_STYLE = ("QLabel { background: #E8F0FB; color: #1D3557; border: 1px solid #A9C1E6;"
              " border-radius: 3px; padding: 5px 8px; }")
WARN_FG = QColor("#A15C00")
RI_CONTRADICTS_FG = QColor("#B00020")
MUTED_FG = QColor("#6B6B6B")
#: Warnings of the core that repeat what the verdict banner shows.
VERDICT_WARNINGS = ("ambiguous:", "designer-precursor alert:", "not in library", "not_in_library", "identified")
#: Selection colours of the hit table when the search did not identify the substance: the top row
#: is the nearest library spectrum, not the answer, and must not look like one.
NEUTRAL_SELECTION = ("QTableView { selection-background-color: #D9DDE3; selection-color: #1F1F1F; }")
NOT_IDENTIFIED_TIP = {
    "ambiguous": QT_TRANSLATE_NOOP("HitTable", "Not an identification: the verdict is ambiguous — this spectrum "
                                               "cannot tell the candidates apart."),
    "not_in_library": QT_TRANSLATE_NOOP("HitTable", "Not an identification: the verdict is 'not in library' — this "
                                                    "is the nearest library spectrum, not the substance."),
}


def hit_value(hit: Any, attr: str) -> Any:
    if isinstance(hit, dict):
        return hit.get(attr)
    return getattr(hit, attr, None)


def ambiguity_text(hit: Any) -> str:
    value = hit_value(hit, "isomer_ambiguity")
    if not value:
        return ""
    if isinstance(value, str):
        return value
    isomers = [str(i) for i in (hit_value(hit, "isomers") or []) if i]
    if isomers:
        shown = ", ".join(isomers[:4]) + (translate("HitTable", " and {0} more").format(len(isomers) - 4)
                                          if len(isomers) > 4 else "")
        return translate("HitTable", "{0} scores like its isomer(s) {1}").format(hit_value(hit, "name"), shown)
    return translate("HitTable", "isomers of this compound score about as well")


def ri_tip(hit: Any) -> str:
    """What the retention index says of a hit that carries the core's RI term (ΔRI, flag, penalty)."""
    delta = float(hit_value(hit, "ri_delta"))
    library_ri = hit_value(hit, "retention_index")
    flag = hit_value(hit, "ri_flag")
    words = {"supports": translate("HitTable", "supports this hit"),
             "weak": translate("HitTable", "fits this hit weakly"),
             "contradicts": translate("HitTable", "contradicts this hit: more than {0} units apart")
             .format(f"{RI_CONTRADICTS:.0f}")}.get(flag, "")
    text = (translate("HitTable", "RI {0} vs library {1} (ΔRI {2}): {3}").format(
        f"{float(library_ri) + delta:.0f}", f"{float(library_ri):.0f}", f"{delta:+.0f}", words)
        if library_ri is not None else translate("HitTable", "ΔRI {0}: {1}").format(f"{delta:+.0f}", words))
    penalty = hit_value(hit, "ri_penalty")
    spectral = hit_value(hit, "spectral_score")
    if penalty and spectral is not None:
        text += "\n" + translate("HitTable", "match factor {0} − RI penalty {1} = {2}").format(
            f"{float(spectral):.0f}", f"{float(penalty):.0f}", f"{float(hit_value(hit, 'score')):.0f}")
    return text


class HitTableModel(ColumnTableModel):
    columns = COLUMNS
    tr_context = "HitTable"
    whats_this = WHATS_THIS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.verdict: str | None = None  # the core's verdict of the list (None: none given)

    def set_hits(self, hits: list, verdict: str | None = None) -> None:
        self.beginResetModel()
        self.rows = list(hits or [])
        self.verdict = verdict
        self.endResetModel()

    @property
    def hits(self) -> list:
        return self.rows

    @property
    def identified(self) -> bool:
        """Does the list carry an identification (no verdict: the old behaviour, the top hit stands out)?"""
        return self.verdict in (None, "identified")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        attr = COLUMNS[index.column()][1]
        value = hit_value(hit, attr)
        ambiguous = bool(ambiguity_text(hit))
        if role == Qt.ItemDataRole.WhatsThisRole:
            return self.column_whats_this(index.column())
        contradicted = attr == "ri_delta" and hit_value(hit, "ri_flag") == "contradicts"
        if role == Qt.ItemDataRole.DisplayRole:
            if attr == "ri_delta":
                return "" if value is None else f"{float(value):+.0f}"
            if attr == "isomer_ambiguity":
                return translate("HitTable", "⚠ yes") if ambiguous else ""
            if value is None or value == "":
                return "—" if attr in ("control_status", "probability", "reverse_score") else ""
            if attr == "probability":
                return f"{float(value):.1f}"  # the core reports percent
            if attr in ("score", "reverse_score", "rank"):
                return f"{float(value):.0f}"
            if attr == "mw":
                return f"{float(value):.1f}" if float(value) % 1 else f"{float(value):.0f}"
            if attr == "compound_class":
                return class_label(value)
            if attr == "control_status":
                return control_text(value)
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if attr in ("rank", "score", "reverse_score", "probability", "mw", "ri_delta"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and ambiguous:
            return QBrush(AMBIGUOUS_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if attr == "isomer_ambiguity" and ambiguous:
                return QBrush(WARN_FG)
            if contradicted:
                return QBrush(RI_CONTRADICTS_FG)
            if attr == "control_status" and value:  # controlled red, unconfirmed amber, not in catalogue grey
                colour = {"controlled": QColor("#B00020"), "unconfirmed": WARN_FG, "surveillance": WARN_FG,
                          "not_in_catalogue": MUTED_FG}.get(summary_kind(str(value)))
                return QBrush(colour) if colour is not None else None
            if attr == "probability" and not self.identified:
                return QBrush(MUTED_FG)
        if role == Qt.ItemDataRole.FontRole:
            bold = (attr == "score" and self.identified) or (attr == "isomer_ambiguity" and ambiguous) or contradicted
            italic = attr == "probability" and not self.identified
            if bold or italic:
                font = QFont()
                font.setBold(bold)
                font.setItalic(italic)
                return font
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = []
            if not self.identified:
                tip = NOT_IDENTIFIED_TIP.get(self.verdict)
                tips.append(translate("HitTable", tip) if tip else
                            translate("HitTable", "Not an identification (verdict: {0}).").format(self.verdict))
            if attr in ("ri_delta", "score") and hit_value(hit, "ri_delta") is not None:
                tips.append(ri_tip(hit))
            if ambiguous:
                tips.append(translate("HitTable", "Isomer ambiguity: {0}").format(ambiguity_text(hit)))
            elif value not in (None, "") and not isinstance(value, bool):
                tips.append(control_text(value) if attr == "control_status" else
                            class_label(value) if attr == "compound_class" else str(value))
            return "\n".join(tips) or None
        return None


class ResultsView(QWidget):
    """Hit table (left) | mirror plot (middle) | structure + details (right)."""

    hitSelected = pyqtSignal(object)  # Hit (or Analogue) or None
    importRequested = pyqtSignal()
    analoguesRequested = pyqtSignal()
    analogueCancelRequested = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.verdict_banner = VerdictBanner()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setStyleSheet(WARN_STYLE)
        self.header = QLabel(self.tr("No search yet"))
        self.header.setStyleSheet("QLabel { font-weight: 600; padding: 2px 2px; }")
        self.table_model = HitTableModel(self)
        self.table = P.read_only_table(self.table_model)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the name is what the analyst reads first: a stretched column got what the others left,
        # often nothing in a narrow pane; it keeps its own width, and the table scrolls sideways.
        # A control statement can be a sentence long: elided, whole in the tooltip and details panel.
        for attr, width in (("name", NAME_COLUMN_WIDTH), ("control_status", CONTROL_COLUMN_WIDTH)):
            column = [a for _, a, _ in COLUMNS].index(attr)
            hh.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        hh.setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.setWhatsThis(self.tr(
            "<b>Hits</b>: the library compounds nearest to the unknown, best first, each by its best-matching "
            "spectrum. Each column explains itself: "
            "press Shift+F1 (Help ▸ What's This?) and click its header.<br>The list is not the answer: the "
            "<b>verdict</b> above it is. When the verdict is not <i>identified</i>, the table is headed 'nearest "
            "library compounds — not an identification' and its top row is not highlighted."))
        self.verdict_banner.setWhatsThis(self.tr(
            "<b>Verdict</b> of the search, from the whole hit list (not from one score):<br>"
            "✔ <b>identified</b> — one library compound fits clearly; the <b>confidence</b> is the calibrated "
            "chance that this is right.<br>"
            "⚠ <b>ambiguous</b> — several candidates (often isomers) the spectrum cannot tell apart; it names them "
            "and what would decide: retention index, IR, a reference standard.<br>"
            "✖ <b>not in library</b> — no library compound fits; the hits are only the nearest spectra, and the "
            "Analogues tab lists library compounds related by a mass shift.<br>"
            "Also shown: the molecular ion (M+•) of an EI spectrum, the predicted class and any precursor alert."))

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.setSpacing(4)
        self.import_button = QPushButton(self.tr("Import library files…"))
        self.import_button.setToolTip(self.tr("Import MSP / JCAMP-DX reference spectra into the library (Ctrl+I)"))
        self.import_button.clicked.connect(self.importRequested)
        self.import_button.setVisible(False)
        head = QHBoxLayout()
        head.addWidget(self.header, 1)
        head.addWidget(self.import_button)
        lv.addLayout(head)
        lv.addWidget(self.verdict_banner)
        lv.addWidget(self.banner)
        self.analogues = AnalogueView()
        self.analogues.findRequested.connect(self.analoguesRequested)
        self.analogues.cancelRequested.connect(self.analogueCancelRequested)
        self.analogues.analogueSelected.connect(self._analogue_selected)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.table, self.tr("Hits"))
        self.tabs.addTab(self.analogues, self.tr("Analogues"))
        self.tabs.setTabToolTip(1, self.tr("Library compounds related to the unknown by a mass shift (hybrid search)"))
        self.tabs.currentChanged.connect(self._tab_changed)
        lv.addWidget(self.tabs)

        self.mirror = MirrorView()
        self.structure = StructureView()
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(False)
        self.details.setStyleSheet("QTextBrowser { border: 1px solid #d0d0d0; }")
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.structure)
        right.addWidget(self.details)
        right.setSizes([220, 180])

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.mirror)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([470, 450, 250])
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        self.set_hits(None)

    # -- public -------------------------------------------------------------
    def set_hits(self, hitlist: Any, title: str = "", hint: str = "", offer_import: bool = False,
                 analogues_searched: bool = False) -> None:
        self.import_button.setVisible(offer_import and hitlist is None)
        hits = list(getattr(hitlist, "hits", None) or []) if hitlist is not None else []
        verdict = verdict_of(hitlist)
        self.verdict_banner.set_hitlist(hitlist)
        self.table_model.set_hits(hits, verdict)
        P.set_style(self.table, "" if self.table_model.identified else NEUTRAL_SELECTION)
        self.set_analogues(hitlist, analogues_searched)
        # columns the library has no data for (class, control status...) take no room
        for col, (_, attr, _) in enumerate(COLUMNS):
            optional = attr in OPTIONAL_COLUMNS
            empty = not any(hit_value(h, attr) is not None if attr == "ri_delta" else
                            hit_value(h, attr) not in (None, "", False) for h in hits)
            self.table.setColumnHidden(col, bool(hits) and optional and empty)
        self.mirror.clear()
        self.structure.clear_selection()
        self.details.clear()
        if hitlist is None:
            self.header.setText(hint or self.tr("No search yet — press Search (Ctrl+F)"))
        elif not hits:
            self.header.setText(self.tr("No hits for {0}").format(title) if title else self.tr("No hits"))
            self.mirror.clear(self.tr("No hits to compare"))
        elif self.table_model.identified:
            self.header.setText(self.tr("{0} hits for {1}").format(len(hits), title) if title
                                else self.tr("{0} hits").format(len(hits)))
        else:  # the list is what is nearest, not an answer
            self.header.setText(self.tr("{0} nearest library compounds for {1} — not an identification")
                                .format(len(hits), title) if title else
                                self.tr("{0} nearest library compounds — not an identification").format(len(hits)))
        # the verdict names ambiguous candidates itself; the isomer flag speaks only without one
        ambiguous = [h for h in hits[:3] if ambiguity_text(h)] if verdict is None else []
        warnings = [str(w) for w in (getattr(hitlist, "warnings", None) or [])]
        if verdict is not None:  # the banner says these already
            warnings = [w for w in warnings if not w.startswith(VERDICT_WARNINGS)]
        P.set_style(self.banner, WARN_STYLE if ambiguous else NOTE_STYLE)
        if warnings and not ambiguous:
            self.banner.setText(self.tr("Note: {0}").format(" ".join(translate_sentence(w) for w in warnings)))
        elif ambiguous:
            self.banner.setText(self.tr("⚠ Isomer ambiguity: {0}. EI spectra of these isomers are nearly identical "
                                        "— confirm with retention index, IR or a reference standard.")
                                .format(ambiguity_text(ambiguous[0])))
        self.banner.setVisible(bool(ambiguous or warnings))
        if hits:
            self.table.selectRow(0)
        else:
            self.hitSelected.emit(None)

    def set_analogues(self, hitlist: Any, searched: bool = False, note: str = "") -> None:
        """Fill the Analogues tab from ``hitlist.analogues`` (the core's list)."""
        rows = list(getattr(hitlist, "analogues", None) or []) if hitlist is not None else []
        self.analogues.set_analogues(rows, searched, note)
        self.tabs.setTabText(1, self.tr("Analogues ({0})").format(len(rows)) if rows else self.tr("Analogues"))
        if not rows and not note and self.tabs.currentWidget() is self.analogues and not self.analogues.progress.isVisible():
            self.tabs.setCurrentWidget(self.table)  # nothing to see there for this query: its hits

    def selected_hit(self) -> Any:
        row = self.table.currentIndex().row()
        return self.table_model.hits[row] if 0 <= row < len(self.table_model.hits) else None

    def show_hit(self, hit: Any, query: Any, reference: Any, query_name: str = "Unknown") -> None:
        if hit is None:
            self.mirror.clear()
            self.structure.clear_selection()
            self.details.clear()
            return
        name = hit_value(hit, "name") or self.tr("Reference")
        if query is not None and getattr(query, "technique", "ms") != "ms":
            if reference is not None:
                self._show_ir_pair(query, reference, query_name, name)
            else:
                self.mirror.clear(self.tr("Reference spectrum not available"))
        else:
            self.mirror.show_pair(query, reference, query_name, name)
        self.structure.show_smiles(hit_value(hit, "smiles"))
        self.details.setHtml(_details_html(hit))

    def _show_ir_pair(self, query: Any, reference: Any, qname: str, rname: str) -> None:
        """IR: unknown up, reference down, each scaled to its largest band (display only)."""
        import numpy as np
        import pyqtgraph as pg

        from nps_id_gui.views import plotting as P

        m = self.mirror
        m.mirror.clear()
        m.diff.clear()
        m.set_mode("ir")
        m.mirror.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888", width=1)))
        try:  # the core puts both in absorbance, baseline-corrected, on one grid
            from nps_id.ir.pipeline import comparison_spectra

            query, reference = comparison_spectra(query, reference)
        except Exception:  # shown as stored rather than not at all
            pass
        for spec, colour, sign, key in ((query, P.QUERY, 1, "query"), (reference, P.REFERENCE, -1, "reference")):
            y = np.asarray(spec.y, float)
            if spec.y_unit in ("transmittance", "%transmittance"):
                y = np.nanmax(y) - y  # bands up, like absorbance, for the comparison only
            finite = y[np.isfinite(y)]
            top = np.nanmax(np.abs(finite)) if finite.size else 1.0
            m.items[key] = m.mirror.plot(spec.x, sign * y / (top or 1.0), pen=pg.mkPen(colour, width=1.3),
                                         connect="finite")
        m.mirror.setTitle(f"<span style='color:{P.QUERY}'>▲ {_esc(qname)}</span>&nbsp;&nbsp;"
                          f"<span style='color:{P.REFERENCE}'>▼ {_esc(rname)}</span>", size="9pt")
        m.mirror.autoRange()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row()
        hit = self.table_model.hits[row] if 0 <= row < len(self.table_model.hits) else None
        self.hitSelected.emit(hit)

    def _analogue_selected(self, analogue: Any) -> None:
        if self.tabs.currentWidget() is self.analogues:
            self.hitSelected.emit(analogue)

    def _tab_changed(self, index: int) -> None:
        """The mirror plot follows the selected row of the shown tab."""
        if self.tabs.widget(index) is self.analogues:
            view = self.analogues.table
            rows = self.analogues.table_model.analogues
            row = view.currentIndex().row()
            if not (0 <= row < len(rows)) and rows:
                view.selectRow(0)  # emits analogueSelected
                return
            self.hitSelected.emit(rows[row] if 0 <= row < len(rows) else None)
        else:
            self.hitSelected.emit(self.selected_hit())


def _details_html(hit: Any) -> str:
    rows = []
    for label, attr in ((translate("HitDetails", "Name"), "name"), (translate("HitDetails", "Formula"), "formula"),
                        (translate("HitDetails", "MW"), "mw"), ("CAS", "cas"), ("InChIKey", "inchikey"),
                        (translate("HitDetails", "Class"), "compound_class"),
                        (translate("HitDetails", "Control"), "control_status"),
                        (translate("HitDetails", "Library ID"), "source_id"),
                        (translate("HitDetails", "Match / R.Match"), None)):
        if attr is None and hit_value(hit, "direct_score") is not None:  # an analogue
            label = translate("HitDetails", "Hybrid / Direct")
            value = f"{_fmt(hit_value(hit, 'score'))} / {_fmt(hit_value(hit, 'direct_score'))}"
            shift = hit_value(hit, "mass_shift")
            if shift is not None:
                rows.append(f"<tr><td style='color:#666;padding-right:8px'>{translate('HitDetails', 'Mass shift')}"
                            f"</td><td>{int(shift):+d}"
                            f"{(' — ' + str(hit_value(hit, 'shift_explanation'))) if hit_value(hit, 'shift_explanation') else ''}"
                            "</td></tr>")
        elif attr is None:
            value = f"{_fmt(hit_value(hit, 'score'))} / {_fmt(hit_value(hit, 'reverse_score'))}"
        else:
            value = hit_value(hit, attr)
            if attr == "compound_class" and value:
                value = class_label(value)
            if attr == "control_status" and value:
                value = control_text(value)
        if value not in (None, ""):
            rows.append(f"<tr><td style='color:#666;padding-right:8px'>{label}</td><td>{value}</td></tr>")
    warn = ambiguity_text(hit)
    extra = (f"<p style='color:#A15C00;font-weight:600'>⚠ {warn}</p>" if warn else "")
    return f"<table style='font-size:9pt'>{''.join(rows)}</table>{extra}"


def _fmt(value: Any) -> str:
    return "—" if value is None else f"{float(value):.0f}"
