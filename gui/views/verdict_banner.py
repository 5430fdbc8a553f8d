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

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, pyqtSignal
from PyQt6.QtWidgets import QFrame, QLabel, QVBoxLayout

from nps_id_gui.views.core_text import class_name, control_text, translate_sentence
from nps_id_gui.views.plotting import set_style

#: verdict -> (symbol, words, background, border, text colour); the words are translated when shown
STYLES = {
    "identified": ("✔", QT_TRANSLATE_NOOP("Verdict", "IDENTIFIED"), "#DDF1E3", "#1B7F3B", "#0B3D1E"),
    "ambiguous": ("⚠", QT_TRANSLATE_NOOP("Verdict", "AMBIGUOUS"), "#FFF0C7", "#C98500", "#4D3000"),
    "not_in_library": ("✖", QT_TRANSLATE_NOOP("Verdict", "NOT IN LIBRARY"), "#F8DEDB", "#B3261E", "#4A0D08"),
    None: ("•", QT_TRANSLATE_NOOP("Verdict", "NO VERDICT"), "#ECEFF3", "#8893A0", "#1F2A37"),
}
#: Short words for tables (GC-MS components); :func:`short` translates them.
SHORT = {"identified": QT_TRANSLATE_NOOP("Verdict", "✔ identified"),
         "ambiguous": QT_TRANSLATE_NOOP("Verdict", "⚠ ambiguous"),
         "not_in_library": QT_TRANSLATE_NOOP("Verdict", "✖ not in library")}


translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls


def short(verdict: str | None) -> str:
    """The short verdict words of a table cell, in the interface language."""
    return translate("Verdict", SHORT[verdict]) if verdict in SHORT else str(verdict or "")


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
    return class_name(str(label))


def _names(items: list, limit: int = 6) -> str:
    items = [str(i) for i in items if i]
    shown = ", ".join(items[:limit])
    return shown + (translate("Verdict", " and {0} more").format(len(items) - limit) if len(items) > limit else "")


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
    words = translate("Verdict", words)
    conf = value(verdict, "confidence")
    compound = value(verdict, "compound")
    candidates = list(value(verdict, "candidates") or [])
    if word == "identified":
        title = translate("Verdict", "{0} {1}: {2} — confidence {3}").format(symbol, words, compound or "—", percent(conf))
    elif word == "ambiguous":
        n = len(candidates)
        title = (translate("Verdict", "{0} {1}: {2} candidates — confidence in the top one {3}").format(symbol, words, n, percent(conf))
                 if n > 1 else
                 translate("Verdict", "{0} {1}: best fit not conclusive — confidence {2}").format(symbol, words, percent(conf)))
    elif word == "not_in_library":
        title = translate("Verdict", "{0} {1} — confidence in the nearest hit {2}").format(symbol, words, percent(conf))
    elif word:
        title = translate("Verdict", "{0} {1} — confidence {2}").format(symbol, str(word).upper(), percent(conf))
    else:
        title = ""
    content = BannerContent(word, title, reason=translate_sentence(str(value(verdict, "reason") or "")))
    if candidates and word != "identified":
        content.candidates = translate("Verdict", "Candidates: {0}").format(_names(candidates))
    deciders = list(value(verdict, "deciders") or [])
    if deciders and word != "identified":
        content.deciders = translate("Verdict", "To decide: {0}").format(_names([translate_sentence(d) for d in deciders]))

    ion = value(hitlist, "molecular_ion")
    if ion is not None and technique == "ms":
        mass = value(ion, "nominal_mass")
        ion_conf = value(ion, "confidence")
        if mass is None:
            content.molecular_ion = translate("Verdict", "no molecular ion seen")
        else:
            content.molecular_ion = translate("Verdict", "M+• {0} (confidence {1})").format(int(mass), percent(ion_conf))
        content.molecular_ion_tip = translate_sentence(str(value(ion, "reason") or ""))

    pred = value(hitlist, "class_prediction")
    if pred is not None:
        label = value(pred, "label")
        if label:
            content.class_text = translate("Verdict", "Class: {0} ({1})").format(class_label(label), percent(value(pred, "probability")))
        else:
            content.class_text = translate("Verdict", "Class: {0}").format(translate_sentence(str(value(pred, "message") or ""))
                                                          or translate("Verdict", "no prediction"))
        probs = value(pred, "probabilities") or {}
        ranked = sorted(probs.items(), key=lambda kv: -float(kv[1]))[:5]
        content.class_tip = "\n".join(f"{class_label(k)}: {percent(v)}" for k, v in ranked)
        unlearned = [class_label(c) for c in value(pred, "unlearned") or []]
        if label == "other" and unlearned:
            # a query of a class the library cannot teach comes out as "other": say which ones
            content.class_text += translate("Verdict", " — cannot be predicted from this library: {0}").format(
                _names(unlearned, limit=3))
        if label and unlearned:
            content.class_tip += "\n\n" + translate(
                "Verdict", "Too few references in this library to learn: {0}").format(", ".join(unlearned))

    for alert in value(hitlist, "alerts") or []:
        name = value(alert, "controlled_compound") or translate("Verdict", "a controlled compound")
        status = value(alert, "control_status")
        relation = value(alert, "relation")
        text = translate("Verdict", "⚠ Alert: related to {0}").format(name) + (f" ({control_text(status)})" if status else "")
        content.alerts.append(text + (f" — {relation}" if relation else ""))
    mixture = value(hitlist, "mixture")
    components = list(value(mixture, "components") or []) if mixture is not None else []
    if len(components) > 1:  # the unknown is explained as a mixture (IR mixture analysis): say so beside the verdict
        parts = " + ".join(f"{value(c, 'name')} {percent(value(c, 'fraction'))}" for c in components)
        content.alerts.append(translate("Verdict", "⚗ Mixture: {0} ({1} of the signal explained); the verdict above "
                                                   "compares the unknown with pure references").format(
            parts, percent(value(mixture, "explained"))))
    seen = value(hitlist, "seen_elsewhere")
    if seen is not None:
        content.seen = translate("Verdict", "⚑ Early warning: {0}").format(seen_text(seen))
    return content


def seen_text(seen: Any) -> str:
    """The early-warning register's line (nps_id.alerts.seen.SeenElsewhere.text) in the interface language."""
    where = f" ({', '.join(seen.regions)})" if getattr(seen, "regions", None) else ""
    if seen.other_labs is None:
        who = (translate("Verdict", "seen by {0} labs") if seen.n_labs != 1
               else translate("Verdict", "seen by {0} lab")).format(seen.n_labs)
    elif seen.other_labs == 0:
        who = translate("Verdict", "reported so far only by your lab")
    else:
        who = (translate("Verdict", "seen by {0} other labs") if seen.other_labs != 1
               else translate("Verdict", "seen by {0} other lab")).format(seen.other_labs)
    return translate("Verdict", "{0}{1} since {2} (cluster #{3}, status {4}; match {5})").format(
        who, where, seen.first_seen, seen.cluster_id, seen.status_text, f"{seen.score:.0f}")


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
        set_style(self, f"QFrame#verdictBanner {{ background: {bg}; border: 1px solid {border};"
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
        tips = [t for t in (content.molecular_ion_tip, content.class_tip and self.tr("Class probabilities:") + "\n"
                            + content.class_tip) if t]
        self.facts.setToolTip("\n\n".join(tips))
        self._set(self.alerts, "<br>".join(esc(a) for a in content.alerts))
        seen = value(hitlist, "seen_elsewhere")
        self._set(self.seen, esc(content.seen) + (f' <a href="cluster:{seen.cluster_id}">{self.tr("show cluster")}</a>'
                                                  if content.seen else ""))
        self.setVisible(content.visible)

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))
