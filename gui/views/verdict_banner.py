"""The verdict of a search, shown above its hit list: is it in the library, which one, and if not what it is like.

Display only: every sentence and number comes from the core's
:class:`~nps_id.unknowns.results.Verdict`, ``MolecularIon``, ``ClassPrediction``
and ``Alert`` on the hit list.  Each verdict has its own colour *and* its own
symbol and words, so it reads the same without colour vision.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from PyQt6.QtCore import Qt, pyqtSignal
from PyQt6.QtWidgets import QFrame, QLabel, QVBoxLayout

#: verdict -> (symbol, words, background, border, text colour)
STYLES = {
    "identified": ("✔", "IDENTIFIED", "#DDF1E3", "#1B7F3B", "#0B3D1E"),
    "ambiguous": ("⚠", "AMBIGUOUS", "#FFF0C7", "#C98500", "#4D3000"),
    "not_in_library": ("✖", "NOT IN LIBRARY", "#F8DEDB", "#B3261E", "#4A0D08"),
    None: ("•", "NO VERDICT", "#ECEFF3", "#8893A0", "#1F2A37"),
}
#: Short words for tables (GC-MS components).
SHORT = {"identified": "✔ identified", "ambiguous": "⚠ ambiguous", "not_in_library": "✖ not in library"}


def value(obj: Any, attr: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(attr, default)
    return getattr(obj, attr, default)


def percent(p: Any) -> str:
    """0-1 probability as a percent for people ("< 1 %", "> 99 %" at the ends)."""
    if p is None:
        return "—"
    p = float(p)
    if p > 1.0:  # already a percent
        p /= 100.0
    if p < 0.005:
        return "< 1 %"
    if p > 0.995:
        return "> 99 %"
    return f"{100 * p:.0f} %"


def verdict_of(hitlist: Any) -> str | None:
    """The verdict word of a hit list (None when the core gave none)."""
    return value(value(hitlist, "verdict"), "verdict")


def is_identified(hitlist: Any) -> bool:
    return verdict_of(hitlist) == "identified"


def class_label(label: Any) -> str:
    return str(label).replace("_", " ")


def _names(items: list, limit: int = 6) -> str:
    items = [str(i) for i in items if i]
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


@dataclass
class BannerContent:
    """What the banner says, as plain text (tests and reports read it; the widget styles it)."""

    verdict: str | None
    title: str
    reason: str = ""
    candidates: str = ""
    deciders: str = ""
    molecular_ion: str = ""
    molecular_ion_tip: str = ""
    class_text: str = ""
    class_tip: str = ""
    alerts: list[str] = field(default_factory=list)
    seen: str = ""  # the early-warning register: "seen by N other labs since …" (nps_id.alerts.seen)

    @property
    def visible(self) -> bool:
        return bool(self.verdict or self.molecular_ion or self.class_text or self.alerts or self.seen)

    def lines(self) -> list[str]:
        facts = " · ".join(t for t in (self.molecular_ion, self.class_text) if t)
        return [t for t in (self.title, self.reason, self.candidates, self.deciders, facts, *self.alerts,
                            self.seen) if t]


def describe(hitlist: Any) -> BannerContent:
    """The banner's text for ``hitlist`` (a core HitList; None gives an empty banner)."""
    verdict = value(hitlist, "verdict")
    word = value(verdict, "verdict")
    technique = value(hitlist, "technique") or value(value(hitlist, "query"), "technique") or "ms"
    symbol, words = STYLES.get(word, STYLES[None])[:2]
    conf = value(verdict, "confidence")
    compound = value(verdict, "compound")
    candidates = list(value(verdict, "candidates") or [])
    if word == "identified":
        title = f"{symbol} {words}: {compound or '—'} — confidence {percent(conf)}"
    elif word == "ambiguous":
        n = len(candidates)
        title = (f"{symbol} {words}: {n if n > 1 else 'several'} candidates"
                 f" — confidence in the top one {percent(conf)}")
    elif word == "not_in_library":
        title = f"{symbol} {words} — confidence in the nearest hit {percent(conf)}"
    elif word:
        title = f"{symbol} {str(word).upper()} — confidence {percent(conf)}"
    else:
        title = ""
    content = BannerContent(word, title, reason=str(value(verdict, "reason") or ""))
    if candidates and word != "identified":
        content.candidates = "Candidates: " + _names(candidates)
    deciders = list(value(verdict, "deciders") or [])
    if deciders and word != "identified":
        content.deciders = "To decide: " + _names(deciders)

    ion = value(hitlist, "molecular_ion")
    if ion is not None and technique == "ms":
        mass = value(ion, "nominal_mass")
        ion_conf = value(ion, "confidence")
        if mass is None:
            content.molecular_ion = "no molecular ion seen"
        else:
            content.molecular_ion = f"M+• {int(mass)} (confidence {percent(ion_conf)})"
        content.molecular_ion_tip = str(value(ion, "reason") or "")

    pred = value(hitlist, "class_prediction")
    if pred is not None:
        label = value(pred, "label")
        if label:
            content.class_text = f"Class: {class_label(label)} ({percent(value(pred, 'probability'))})"
        else:
            content.class_text = "Class: " + str(value(pred, "message") or "no prediction")
        probs = value(pred, "probabilities") or {}
        ranked = sorted(probs.items(), key=lambda kv: -float(kv[1]))[:5]
        content.class_tip = "\n".join(f"{class_label(k)}: {percent(v)}" for k, v in ranked)

    for alert in value(hitlist, "alerts") or []:
        name = value(alert, "controlled_compound") or "a controlled compound"
        status = value(alert, "control_status")
        relation = value(alert, "relation")
        text = f"⚠ Alert: related to {name}" + (f" ({status})" if status else "")
        content.alerts.append(text + (f" — {relation}" if relation else ""))
    seen = value(hitlist, "seen_elsewhere")
    if seen is not None:
        content.seen = "⚑ Early warning: " + seen.text()
    return content


class VerdictBanner(QFrame):
    """A coloured box: verdict and confidence, reason, candidates/deciders, M+•, class, alerts."""

    #: The user clicked "show cluster #K" of the early-warning line.
    clusterRequested = pyqtSignal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.content: BannerContent | None = None
        self.title = self._label(bold=True, size=10.5)
        self.reason = self._label()
        self.candidates = self._label()
        self.deciders = self._label()
        self.facts = self._label()
        self.alerts = self._label(bold=True)
        self.seen = self._label(bold=True)
        self.seen.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.seen.linkActivated.connect(lambda link: self.clusterRequested.emit(int(link.split(":")[1])))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 5, 8, 6)
        lay.setSpacing(2)
        for label in (self.title, self.reason, self.candidates, self.deciders, self.facts, self.alerts, self.seen):
            lay.addWidget(label)
        self.set_hitlist(None)

    def _label(self, bold: bool = False, size: float | None = None) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = label.font()
        font.setBold(bold)
        if size:
            font.setPointSizeF(size)
        label.setFont(font)
        return label

    @property
    def verdict(self) -> str | None:
        return self.content.verdict if self.content else None

    def colours(self) -> tuple[str, str, str]:
        """(background, border, text) of the shown verdict."""
        return STYLES.get(self.verdict, STYLES[None])[2:]

    def text(self) -> str:
        """Everything the banner says, one line per part (plain text)."""
        return "\n".join(self.content.lines()) if self.content else ""

    def set_hitlist(self, hitlist: Any) -> None:
        content = describe(hitlist) if hitlist is not None else BannerContent(None, "")
        self.content = content
        bg, border, fg = self.colours()
        self.setStyleSheet(f"QFrame#verdictBanner {{ background: {bg}; border: 1px solid {border};"
                           f" border-left: 6px solid {border}; border-radius: 3px; }}"
                           f" QFrame#verdictBanner QLabel {{ color: {fg}; background: transparent; border: none; }}")
        def esc(text: str) -> str:  # a percent never breaks across lines
            return html.escape(text).replace("&lt; ", "&lt;&nbsp;").replace("&gt; ", "&gt;&nbsp;").replace(" %", "&nbsp;%")

        self._set(self.title, esc(content.title))
        self._set(self.reason, esc(content.reason))
        self._set(self.candidates, esc(content.candidates))
        self._set(self.deciders, esc(content.deciders))
        parts = []
        if content.molecular_ion:
            parts.append(f"<b>{esc(content.molecular_ion)}</b>")
        if content.class_text:  # for a new substance the class is the main answer: bold
            parts.append(f"<b>{esc(content.class_text)}</b>" if content.verdict == "not_in_library"
                         else esc(content.class_text))
        self._set(self.facts, " &nbsp;·&nbsp; ".join(parts))
        tips = [t for t in (content.molecular_ion_tip, content.class_tip and "Class probabilities:\n"
                            + content.class_tip) if t]
        self.facts.setToolTip("\n\n".join(tips))
        self._set(self.alerts, "<br>".join(esc(a) for a in content.alerts))
        seen = value(hitlist, "seen_elsewhere")
        self._set(self.seen, esc(content.seen) + (f' <a href="cluster:{seen.cluster_id}">show cluster</a>'
                                                  if content.seen else ""))
        self.setVisible(content.visible)

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))
