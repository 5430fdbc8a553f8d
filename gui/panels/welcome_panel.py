"""The first page: what to do next, and — with an empty library — how to get reference spectra."""
from __future__ import annotations

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, pyqtSignal
from PyQt6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

EMPTY_LIBRARY_TEXT = QT_TRANSLATE_NOOP("WelcomePanel", """
<p>NPS-ID identifies a sample by comparing its spectrum with <b>reference spectra in a library</b>.
Your library is empty, so no search can be run yet.</p>
<p><b>NPS-ID does not ship reference spectra</b> — their licences do not allow it. Download the
libraries you are entitled to use and import them:</p>
<ul>
<li><b>SWGDRUG</b> Mass Spectral Library — free from swgdrug.org; import it as an <b>MSP</b> file
(or export it to MSP from NIST MS Search) (EI-MS).</li>
<li><b>ENFSI DWG / Cayman</b> libraries — as <b>MSP</b> (EI-MS) or <b>JCAMP-DX</b> (IR) files.</li>
<li><b>NIST / Wiley</b> — export from NIST MS Search as <b>MSP</b> (licensed users).</li>
<li>Your own IR reference spectra — a <b>folder of JCAMP-DX</b> (.jdx/.dx), SPC, OPUS or CSV files.</li>
</ul>
<p>Select the files or a whole folder and say whether they hold EI mass spectra or IR spectra: NPS-ID
adds the spectra of that technique, lists per file what it added, what the library already held and
what it skipped and why, and keeps the library between sessions.</p>
""")

READY_TEXT = QT_TRANSLATE_NOOP("WelcomePanel", """
<p>Open a spectrum file (MSP, JCAMP-DX, SPC, OMNIC, OPUS, CSV…) or a GC-MS run (Agilent .D folder,
ANDI netCDF, mzML) with <b>Ctrl+O</b>, or drag it onto this window.</p>
<p>Then press <b>Ctrl+F</b> to search the reference library.</p>
""")
translate = QCoreApplication.translate


class WelcomePanel(QWidget):
    importRequested = pyqtSignal()
    openRequested = pyqtSignal()
    openLibraryRequested = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#welcome { background: #F5F7FA; }"
                           "QFrame#card { background: white; border: 1px solid #D5DCE4; border-radius: 8px; }")
        self.title = QLabel(self.tr("Welcome to NPS-ID"))
        self.title.setStyleSheet("font-size: 20pt; font-weight: 600; color: #1D3557;")
        self.subtitle = QLabel(self.tr("Identification of new psychoactive substances and precursors from GC-MS (EI) "
                                       "and IR spectra"))
        self.subtitle.setStyleSheet("font-size: 10.5pt; color: #555;")
        self.library_state = QLabel()
        self.library_state.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setStyleSheet("font-size: 10.5pt; color: #222;")
        self.import_button = QPushButton(self.tr("Import library files…"))
        self.import_button.setDefault(True)
        self.import_button.setMinimumHeight(34)
        self.import_button.setStyleSheet("QPushButton { background: #1D6FD6; color: white; font-weight: 600;"
                                         " padding: 6px 18px; border-radius: 4px; }"
                                         "QPushButton:hover { background: #1559B0; }"
                                         "QPushButton:disabled { background: #9DB6D6; }")
        self.import_button.clicked.connect(self.importRequested)
        self.open_lib_button = QPushButton(self.tr("Use another library…"))
        self.open_lib_button.setMinimumHeight(34)
        self.open_lib_button.clicked.connect(self.openLibraryRequested)
        self.open_button = QPushButton(self.tr("Open spectrum or run…"))
        self.open_button.setMinimumHeight(34)
        self.open_button.clicked.connect(self.openRequested)

        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(820)
        cl = QVBoxLayout(card)
        cl.setContentsMargins(28, 22, 28, 22)
        cl.setSpacing(10)
        cl.addWidget(self.library_state)
        cl.addWidget(self.body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.open_lib_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        cl.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        outer.addStretch(1)
        for w in (self.title, self.subtitle):
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(w)
            row.addStretch(1)
            outer.addLayout(row)
        outer.addSpacing(16)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 10)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.set_library_state(0, "")

    def set_library_state(self, count: int, location: str, error: str = "") -> None:
        self.empty = count == 0
        if error:
            self.library_state.setText(self.tr("⚠ The reference library cannot be used"))
            self.library_state.setStyleSheet("font-size: 12pt; font-weight: 600; color: #B00020;")
            self.body.setText(f"<p>{error}</p>" + translate("WelcomePanel", EMPTY_LIBRARY_TEXT))
        elif count == 0:
            self.library_state.setText(self.tr("Step 1 — import a reference library"))
            self.library_state.setStyleSheet("font-size: 12pt; font-weight: 600; color: #A15C00;")
            self.body.setText(translate("WelcomePanel", EMPTY_LIBRARY_TEXT)
                              + "<p style='color:#777'>{0}</p>".format(self.tr("Library file: {0}").format(location)))
        else:
            self.library_state.setText(self.tr("Library ready — {0} reference spectra").format(f"{count:,}"))
            self.library_state.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1B7F3B;")
            self.body.setText(translate("WelcomePanel", READY_TEXT)
                              + "<p style='color:#777'>{0}</p>".format(self.tr("Library: {0}").format(location)))
        self.import_button.setText(self.tr("Import library files…") if count == 0
                                   else self.tr("Import more library files…"))
