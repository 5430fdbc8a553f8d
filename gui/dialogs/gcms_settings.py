"""GC-MS analysis settings: AMDIS-like deconvolution levels, the RI calibration and the method file."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PyQt6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                             QLineEdit, QPushButton, QWidget)

translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls

#: (key, label, tooltip); translated when shown (context "GCMSSettings")
SETTINGS = (("sensitivity", QT_TRANSLATE_NOOP("GCMSSettings", "Sensitivity"),
             QT_TRANSLATE_NOOP("GCMSSettings", "How weak a peak may be and still become a component")),
            ("resolution", QT_TRANSLATE_NOOP("GCMSSettings", "Resolution"),
             QT_TRANSLATE_NOOP("GCMSSettings", "How close two compounds may elute and still be separated")),
            ("shape", QT_TRANSLATE_NOOP("GCMSSettings", "Shape requirements"),
             QT_TRANSLATE_NOOP("GCMSSettings", "How closely an ion's profile must follow the model peak")))
#: The core's preset levels (nps_id.gcms.settings), shown translated, passed on as they are.
LEVELS = (("low", QT_TRANSLATE_NOOP("GCMSSettings", "low")), ("medium", QT_TRANSLATE_NOOP("GCMSSettings", "medium")),
          ("high", QT_TRANSLATE_NOOP("GCMSSettings", "high")))


def options_from(levels: dict[str, str], ri_calibration: str = "", method: str = "") -> dict[str, Any]:
    """``analyse_run`` keyword arguments for the chosen levels and files (the core's presets)."""
    from nps_id.gcms.settings import deconvolution_params

    options: dict[str, Any] = dict(deconvolution_params(**levels))
    if ri_calibration:
        options["ri_calibration"] = ri_calibration
    if method:
        options["method"] = method
    return options


class GCMSSettingsDialog(QDialog):
    """Choose deconvolution levels (low / medium / high), an alkane ladder (run or table) and a method file."""

    def __init__(self, levels: dict[str, str] | None = None, ri_calibration: str = "", method: str = "",
                 parent: QWidget | None = None, blanks: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("GC-MS analysis settings"))
        levels = levels or {}
        form = QFormLayout(self)
        self.combos: dict[str, QComboBox] = {}
        for key, label, tip in SETTINGS:
            combo = QComboBox()
            for level, shown in LEVELS:
                combo.addItem(translate("GCMSSettings", shown), level)
            combo.setCurrentIndex(max(0, combo.findData(levels.get(key, "medium"))))
            combo.setToolTip(self.tr("{0} (AMDIS-like; medium suits forensic screening)").format(
                translate("GCMSSettings", tip)))
            self.combos[key] = combo
            form.addRow(translate("GCMSSettings", label), combo)
        self.ri_edit = self._file_row(form, self.tr("RI calibration"), ri_calibration,
                                      self.tr("Alkane/FAME ladder run (.D, .cdf…) or a table of RT and RI / carbon "
                                              "number"), ladder=True)
        self.method_edit = self._file_row(form, self.tr("Method"), method,
                                          self.tr("Method file (.toml or .csv): targets, qualifier ions, internal "
                                                  "standard"))
        self.blank_edit = QLineEdit(blanks)
        self.blank_edit.setPlaceholderText(self.tr("e.g. ^QC|solvent check"))
        self.blank_edit.setToolTip(self.tr("Sequences: sample names matching this regular expression are blanks too "
                                           "(names saying blank, BLK, solvent or MeOH always are)"))
        form.addRow(self.tr("Blank names"), self.blank_edit)
        note = QLabel(self.tr("The settings are recorded with every analysis (recipe and history)."))
        note.setStyleSheet("color: #555;")
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _file_row(self, form: QFormLayout, label: str, value: str, tip: str, ladder: bool = False) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setToolTip(tip)
        edit.setPlaceholderText(self.tr("none"))
        browse = QPushButton("…")
        browse.setFixedWidth(30)

        def choose() -> None:
            path, _ = QFileDialog.getOpenFileName(self, label, str(Path(edit.text()).parent) if edit.text() else "")
            if not path:
                path = (QFileDialog.getExistingDirectory(self, self.tr("{0} (.D folder)").format(label)) if ladder
                        else "")
            if path:
                edit.setText(path)
        browse.clicked.connect(choose)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        form.addRow(label, row)
        return edit

    def levels(self) -> dict[str, str]:
        return {key: str(combo.currentData()) for key, combo in self.combos.items()}

    def options(self) -> dict[str, Any]:
        return options_from(self.levels(), self.ri_edit.text().strip(), self.method_edit.text().strip())
