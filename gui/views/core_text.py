"""The core's English sentences (verdict reasons, deciders, molecular-ion notes, classes) in the interface language.

The core (``nps_id``) writes its reasons in English; tests, reports and the CLI
read them as they are.  The app shows them translated: each sentence the core
composes is matched clause by clause (clauses are separated by "; ") against a
small table of patterns, and the numbers and names it carries are put into the
translated template.  A clause no pattern knows is shown as the core wrote it
(tests/test_i18n.py fails when that happens for the files it opens).
"""
from __future__ import annotations

import re

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CoreText"

_NUM = r"[-+]?\d+(?:\.\d+)?"

#: (pattern of one clause of the core's English, translatable template with {name} fields)
_CLAUSES: tuple[tuple[str, str], ...] = (
    # nps_id/unknowns/verdict.py
    (r"the library holds no (?P<technique>\w+) spectra",
     QT_TRANSLATE_NOOP("CoreText", "the library holds no {technique} spectra")),
    (r"no library spectrum shares a peak with the query",
     QT_TRANSLATE_NOOP("CoreText", "no library spectrum shares a peak with the query")),
    (rf"(?P<name>.+) scores (?P<score>{_NUM}), (?P<gap>{_NUM}) above any other compound",
     QT_TRANSLATE_NOOP("CoreText", "{name} scores {score}, {gap} above any other compound")),
    (rf"molecular ion (?P<mass>{_NUM}) agrees",
     QT_TRANSLATE_NOOP("CoreText", "molecular ion {mass} agrees")),
    (rf"(?P<n>\d+) isomers score within (?P<points>{_NUM}) points \((?P<range>{_NUM}-{_NUM})\)",
     QT_TRANSLATE_NOOP("CoreText", "{n} isomers score within {points} points ({range})")),
    (rf"(?P<n>\d+) compounds score within (?P<points>{_NUM}) points \((?P<range>{_NUM}-{_NUM})\)",
     QT_TRANSLATE_NOOP("CoreText", "{n} compounds score within {points} points ({range})")),
    (r"the spectrum cannot tell them apart",
     QT_TRANSLATE_NOOP("CoreText", "the spectrum cannot tell them apart")),
    (rf"the substance may be none of them \(probability it is one: (?P<p>{_NUM}) %\)",
     QT_TRANSLATE_NOOP("CoreText", "the substance may be none of them (probability it is one: {p} %)")),
    (rf"(?P<name>.+) fits best \((?P<score>{_NUM})\) but not conclusively \(confidence (?P<p>{_NUM}) %\)",
     QT_TRANSLATE_NOOP("CoreText", "{name} fits best ({score}) but not conclusively (confidence {p} %)")),
    (rf"no library compound fits: the best, (?P<name>.+), scores (?P<score>{_NUM}) "
     rf"\(probability it is right (?P<p>{_NUM}) %\)",
     QT_TRANSLATE_NOOP("CoreText", "no library compound fits: the best, {name}, scores {score} "
                                   "(probability it is right {p} %)")),
    # nps_id/gcms/ri_scoring.py
    (rf"RI (?P<ri>{_NUM}) vs library (?P<lib>{_NUM}) \(ΔRI (?P<delta>{_NUM})\) supports (?P<name>.+)",
     QT_TRANSLATE_NOOP("CoreText", "RI {ri} vs library {lib} (ΔRI {delta}) supports {name}")),
    (rf"RI (?P<ri>{_NUM}) vs library (?P<lib>{_NUM}) \(ΔRI (?P<delta>{_NUM})\) contradicts (?P<name>.+)",
     QT_TRANSLATE_NOOP("CoreText", "RI {ri} vs library {lib} (ΔRI {delta}) contradicts {name}")),
    (rf"RI (?P<ri>{_NUM}) vs library (?P<lib>{_NUM}) \(ΔRI (?P<delta>{_NUM})\) weakly fits (?P<name>.+)",
     QT_TRANSLATE_NOOP("CoreText", "RI {ri} vs library {lib} (ΔRI {delta}) weakly fits {name}")),
    (rf"RI (?P<ri>{_NUM})", QT_TRANSLATE_NOOP("CoreText", "RI {ri}")),
    (r"the library gives no RI for (?P<name>.+)",
     QT_TRANSLATE_NOOP("CoreText", "the library gives no RI for {name}")),
    # deciders (nps_id/unknowns/verdict.py, nps_id/gcms/ri_scoring.py)
    (r"GC-MS \(EI\) of the sample", QT_TRANSLATE_NOOP("CoreText", "GC-MS (EI) of the sample")),
    (r"a reference standard measured on the same instrument",
     QT_TRANSLATE_NOOP("CoreText", "a reference standard measured on the same instrument")),
    (r"retention index \(measure n-alkanes on the same column\)",
     QT_TRANSLATE_NOOP("CoreText", "retention index (measure n-alkanes on the same column)")),
    (r"IR spectrum of the sample", QT_TRANSLATE_NOOP("CoreText", "IR spectrum of the sample")),
    (r"a reference standard on the same column \(the retention index contradicts the spectrum\)",
     QT_TRANSLATE_NOOP("CoreText", "a reference standard on the same column "
                                   "(the retention index contradicts the spectrum)")),
    # molecular ion (nps_id/unknowns/molecular_ion.py)
    (rf"M\+• at m/z (?P<m>\d+) \((?P<rel>{_NUM}) % of base\)",
     QT_TRANSLATE_NOOP("CoreText", "M+• at m/z {m} ({rel} % of base)")),
    (r"highest ion that is not an isotope peak and shows no illogical loss",
     QT_TRANSLATE_NOOP("CoreText", "highest ion that is not an isotope peak and shows no illogical loss")),
    (rf"no clear molecular ion: best candidate m/z (?P<m>\d+) \((?P<rel>{_NUM}) % of base\) has probability "
     rf"(?P<p>{_NUM}) < (?P<t>{_NUM})",
     QT_TRANSLATE_NOOP("CoreText", "no clear molecular ion: best candidate m/z {m} ({rel} % of base) has "
                                   "probability {p} < {t}")),
    (rf"m/z (?P<m>\d+) set aside \(weak, illogical loss below it\)",
     QT_TRANSLATE_NOOP("CoreText", "m/z {m} set aside (weak, illogical loss below it)")),
    (rf"m/z (?P<m>\d+) \((?P<rel>{_NUM}) % of base\) cannot be M: an ion (?P<loss>{_NUM}) u below it is an "
     r"illogical loss",
     QT_TRANSLATE_NOOP("CoreText", "m/z {m} ({rel} % of base) cannot be M: an ion {loss} u below it is an "
                                   "illogical loss")),
    (r"no molecular ion seen", QT_TRANSLATE_NOOP("CoreText", "no molecular ion seen")),
    (r"no peak above the noise qualifies as a molecular ion",
     QT_TRANSLATE_NOOP("CoreText", "no peak above the noise qualifies as a molecular ion")),
    (r"empty spectrum or no positive intensity",
     QT_TRANSLATE_NOOP("CoreText", "empty spectrum or no positive intensity")),
    (r"fewer than 3 peaks: no molecular ion can be judged",
     QT_TRANSLATE_NOOP("CoreText", "fewer than 3 peaks: no molecular ion can be judged")),
    (r"no positive intensity", QT_TRANSLATE_NOOP("CoreText", "no positive intensity")),
    # class prediction messages (nps_id/unknowns/classes.py)
    (r"no peaks from m/z 40 on: no class can be predicted",
     QT_TRANSLATE_NOOP("CoreText", "no peaks from m/z 40 on: no class can be predicted")),
    (r"class prediction is made from EI spectra",
     QT_TRANSLATE_NOOP("CoreText", "class prediction is made from EI spectra")),
    (r"see the hits' classes for this IR spectrum",
     QT_TRANSLATE_NOOP("CoreText", "see the hits' classes for this IR spectrum")),
    (r"the library holds no EI spectra", QT_TRANSLATE_NOOP("CoreText", "the library holds no EI spectra")),
    (r"no classes in this library: import records with a Class field or a structure, or compounds of the "
     r"catalogue",
     QT_TRANSLATE_NOOP("CoreText", "no classes in this library: import records with a Class field or a "
                                   "structure, or compounds of the catalogue")),
    (r"no model", QT_TRANSLATE_NOOP("CoreText", "no model")),
)
_COMPILED = tuple((re.compile(pattern + r"\Z", re.DOTALL), template) for pattern, template in _CLAUSES)

#: Substance classes of nps_id/unknowns/class_rules.py (stored in English in the library).
CLASSES = {
    "synthetic cathinone": QT_TRANSLATE_NOOP("CoreText", "synthetic cathinone"),
    "synthetic cannabinoid": QT_TRANSLATE_NOOP("CoreText", "synthetic cannabinoid"),
    "fentanyl analogue": QT_TRANSLATE_NOOP("CoreText", "fentanyl analogue"),
    "phenethylamine": QT_TRANSLATE_NOOP("CoreText", "phenethylamine"),
    "tryptamine": QT_TRANSLATE_NOOP("CoreText", "tryptamine"),
    "piperazine": QT_TRANSLATE_NOOP("CoreText", "piperazine"),
    "benzodiazepine": QT_TRANSLATE_NOOP("CoreText", "benzodiazepine"),
    "nitazene": QT_TRANSLATE_NOOP("CoreText", "nitazene"),
    "precursor": QT_TRANSLATE_NOOP("CoreText", "precursor"),
    "other": QT_TRANSLATE_NOOP("CoreText", "other"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def clause(text: str) -> str | None:
    """One clause in the interface language, or None when no pattern knows it."""
    for pattern, template in _COMPILED:
        found = pattern.match(text.strip())
        if found:
            return tr(template).format(**found.groupdict())
    return None


def translate_sentence(text: str) -> str:
    """A sentence of the core in the interface language (clauses it cannot match stay as written)."""
    if not text:
        return text
    return "; ".join(clause(part) or part for part in re.split(r";\s+", str(text)))


def class_name(label: str) -> str:
    """A substance class (``synthetic_cathinone`` or ``synthetic cathinone``) for people, translated."""
    words = str(label).replace("_", " ")
    source = CLASSES.get(words.lower())
    return tr(source) if source else words


#: Phrases of control-status summaries (nps_id.controls.status and the catalogue's statuses), longest first.
_CONTROL_PHRASES: tuple[tuple[str, str], ...] = (
    (r"not confirmed as internationally controlled here; check the current INCB Red List and national law",
     QT_TRANSLATE_NOOP("CoreText", "not confirmed as internationally controlled here; check the current INCB Red "
                                   "List and national law")),
    (r"not confirmed as internationally controlled here; check national law",
     QT_TRANSLATE_NOOP("CoreText", "not confirmed as internationally controlled here; check national law")),
    (r"not under international control", QT_TRANSLATE_NOOP("CoreText", "not under international control")),
    (r"not in catalogue", QT_TRANSLATE_NOOP("CoreText", "not in catalogue")),
    (r"controlled substance", QT_TRANSLATE_NOOP("CoreText", "controlled substance")),
    (r"controlled precursor", QT_TRANSLATE_NOOP("CoreText", "controlled precursor")),
    (r"not listed", QT_TRANSLATE_NOOP("CoreText", "not listed")),
    (r"UN (?P<year>\d{4}) Convention Schedules (?P<a>[IVX]+) and (?P<b>[IVX]+)",
     QT_TRANSLATE_NOOP("CoreText", "UN {year} Convention Schedules {a} and {b}")),
    (r"UN (?P<year>\d{4}) Convention Schedule (?P<a>[IVX]+)",
     QT_TRANSLATE_NOOP("CoreText", "UN {year} Convention Schedule {a}")),
    (r"UN (?P<year>\d{4}) Convention Table (?P<a>[IVX]+)",
     QT_TRANSLATE_NOOP("CoreText", "UN {year} Convention Table {a}")),
)
_CONTROL_COMPILED = tuple((re.compile(p), t) for p, t in _CONTROL_PHRASES)


def control_text(summary: str) -> str:
    """A control-status summary with its fixed phrases in the interface language (sources, dates kept)."""
    text = str(summary or "")
    for pattern, template in _CONTROL_COMPILED:
        text = pattern.sub(lambda m, t=template: tr(t).format(**m.groupdict()), text)
    return text
