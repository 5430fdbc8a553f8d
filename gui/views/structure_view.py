"""Structure drawing of a hit from its SMILES (RDKit, imported on first use)."""
from __future__ import annotations

from PyQt6.QtCore import Qt
from PyQt6.QtGui import QPixmap
from PyQt6.QtWidgets import QLabel, QSizePolicy


def depict_png(smiles: str, width: int = 260, height: int = 200) -> bytes | None:
    """PNG bytes of the 2-D structure, or None when the SMILES cannot be parsed."""
    try:
        from rdkit import Chem, RDLogger
        from rdkit.Chem.Draw import rdMolDraw2D
    except ImportError:
        return None
    RDLogger.DisableLog("rdApp.*")
    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        return None
    drawer = rdMolDraw2D.MolDraw2DCairo(width, height)
    opts = drawer.drawOptions()
    opts.clearBackground = True
    opts.bondLineWidth = 2
    rdMolDraw2D.PrepareAndDrawMolecule(drawer, mol)
    drawer.FinishDrawing()
    return drawer.GetDrawingText()


class StructureView(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(180, 150)
        # the drawing follows the label's size, never the other way round
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._smiles: str | None = None
        self.setStyleSheet("QLabel { background: white; border: 1px solid #d0d0d0; color: #777; }")
        self.has_structure = False
        self.clear_selection()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._smiles:
            self.show_smiles(self._smiles)

    def clear_selection(self) -> None:
        """Nothing selected: say so, not that a library entry lacks a structure."""
        self._smiles = None
        self.has_structure = False
        self.setPixmap(QPixmap())
        self.setText(self.tr("Select a hit to see\nits structure"))

    def show_smiles(self, smiles: str | None) -> None:
        self._smiles = smiles
        self.has_structure = False
        if not smiles:
            self.setPixmap(QPixmap())
            self.setText(self.tr("No structure\n(no SMILES in the library entry)"))
            return
        png = depict_png(smiles, max(self.width() - 4, 120), max(self.height() - 4, 100))
        if png is None:
            self.setPixmap(QPixmap())
            self.setText(self.tr("Structure cannot be drawn"))
            return
        pix = QPixmap()
        pix.loadFromData(png, "PNG")
        self.setPixmap(pix)
        self.has_structure = True
