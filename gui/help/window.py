"""Help window: the manual's HTML pages (``help/<language>/``), an index, and the shortcut list of the window."""
from __future__ import annotations

import html
from pathlib import Path

from PyQt6.QtCore import QUrl
from PyQt6.QtGui import QAction
from PyQt6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

HELP_DIR = Path(__file__).resolve().parent

#: Widget class names → manual page; the first match walking up from the focused widget wins.
PAGE_OF_WIDGET = (
    ("QuizWindow", "quiz.html"),
    ("CasePanel", "cases.html"),
    ("GCMSView", "gcms.html"),
    ("ProcessingPanel", "ir.html"),
    ("LibraryBrowser", "first_library.html"),
    ("ResultsView", "identify.html"),
    ("AnalogueView", "identify.html"),
)


def help_folder(language: str) -> Path:
    """The pages of ``language`` (a code such as ``ru``), English when there are none."""
    folder = HELP_DIR / language.split("_")[0]
    return folder if (folder / "index.html").is_file() else HELP_DIR / "en"


def page_for_widget(widget: QWidget | None) -> str:
    """The manual page about ``widget`` or the nearest of its parents that has one, else the index."""
    while widget is not None:
        for cls in type(widget).__mro__:
            for name, page in PAGE_OF_WIDGET:
                if cls.__name__ == name:
                    return page
        widget = widget.parentWidget()
    return "index.html"


def shortcuts_html(actions: list[QAction], title: str) -> str:
    rows = "".join(
        f"<tr><td><code>{html.escape(a.shortcut().toString())}</code></td>"
        f"<td>{html.escape(a.text().replace('&', '').rstrip('…'))}</td></tr>"
        for a in sorted(actions, key=lambda a: a.text().replace("&", "")) if not a.shortcut().isEmpty())
    return f"<h1>{html.escape(title)}</h1><table cellpadding='4'>{rows}</table>"


class HelpWindow(QDialog):
    """The manual; ``show_page(name)`` opens one page."""

    def __init__(self, language: str, actions: list[QAction] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("NPS-ID manual"))
        self.folder = help_folder(language)
        self.actions_list = list(actions or [])
        self.browser = QTextBrowser()
        self.browser.setSearchPaths([str(self.folder)])
        self.browser.setOpenExternalLinks(True)
        self.browser.anchorClicked.connect(self._link)
        self.browser.setOpenLinks(False)
        home = QPushButton(self.tr("Contents"))
        home.clicked.connect(lambda: self.show_page("index.html"))
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.browser.backward)
        bar = QHBoxLayout()
        bar.addWidget(back)
        bar.addWidget(home)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.browser)
        self.resize(760, 640)
        self.page = ""

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            from PyQt6.QtGui import QDesktopServices
            QDesktopServices.openUrl(url)
        else:
            self.show_page(url.path() or "index.html")

    def show_page(self, name: str) -> None:
        self.page = name
        if name == "shortcuts.html":
            self.browser.setHtml(shortcuts_html(self.actions_list, self.tr("Keyboard shortcuts")))
            return
        path = self.folder / name
        if not path.is_file():
            path = self.folder / "index.html"
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
