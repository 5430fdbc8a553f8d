"""The core's English sentences (verdict reasons, deciders, molecular-ion notes, classes, control
statuses) in the user's language, for every place that shows them: the command line, the report and
the app.

The core composes its reasons in English, and stores and signs them so (JSON, case files, audit
trail); they are translated where they are shown.  Each sentence is matched clause by clause
(clauses are separated by "; ") against a small table of patterns, and the numbers and names it
carries are put into the translated template (``nps_id.i18n``'s catalogue).  A clause no pattern
knows is shown as the core wrote it.
"""
from __future__ import annotations

import re

from nps_id.i18n import N_, _

_NUM = r"[-+]?\d+(?:\.\d+)?"

#: (pattern of one clause of the core's English, translatable template with {name} fields)
_CLAUSES: tuple[tuple[str, str], ...] = (
    # nps_id/unknowns/verdict.py
    (r"the library holds no (?P<technique>\w+) spectra",
     N_("the library holds no {technique} spectra")),
    (r"no library spectrum shares a peak with the query",
     N_("no library spectrum shares a peak with the query")),
    (rf"(?P<name>.+) scores (?P<score>{_NUM}), (?P<gap>{_NUM}) above any other compound",
     N_("{name} scores {score}, {gap} above any other compound")),
    (rf"molecular ion (?P<mass>{_NUM}) agrees",
     N_("molecular ion {mass} agrees")),
    (rf"the molecular-ion estimate (?P<mass>{_NUM}) is uncertain and below (?P<top>{_NUM}): "
     rf"probably a fragment \(M-(?P<loss>{_NUM})\)",
     N_("the molecular-ion estimate {mass} is uncertain and below {top}: probably a fragment (M-{loss})")),
    (rf"(?P<n>\d+) isomers score within (?P<points>{_NUM}) points \((?P<range>{_NUM}-{_NUM})\)",
     N_("{n} isomers score within {points} points ({range})")),
    (rf"(?P<n>\d+) compounds score within (?P<points>{_NUM}) points \((?P<range>{_NUM}-{_NUM})\)",
     N_("{n} compounds score within {points} points ({range})")),
    (r"the spectrum cannot tell them apart",
     N_("the spectrum cannot tell them apart")),
    (rf"the substance may be none of them \(probability it is one: (?P<p>{_NUM}) %\)",
     N_("the substance may be none of them (probability it is one: {p} %)")),
    (rf"(?P<name>.+) fits best \((?P<score>{_NUM})\) but not conclusively \(confidence (?P<p>{_NUM}) %\)",
     N_("{name} fits best ({score}) but not conclusively (confidence {p} %)")),
    (rf"no library compound fits: the best, (?P<name>.+), scores (?P<score>{_NUM}) "
     rf"\(probability it is right (?P<p>{_NUM}) %\)",
     N_("no library compound fits: the best, {name}, scores {score} "
                                   "(probability it is right {p} %)")),
    # nps_id/gcms/ri_scoring.py
    (rf"RI (?P<ri>{_NUM}) vs library (?P<lib>{_NUM}) \(ΔRI (?P<delta>{_NUM})\) supports (?P<name>.+)",
     N_("RI {ri} vs library {lib} (ΔRI {delta}) supports {name}")),
    (rf"RI (?P<ri>{_NUM}) vs library (?P<lib>{_NUM}) \(ΔRI (?P<delta>{_NUM})\) contradicts (?P<name>.+)",
     N_("RI {ri} vs library {lib} (ΔRI {delta}) contradicts {name}")),
    (rf"RI (?P<ri>{_NUM}) vs library (?P<lib>{_NUM}) \(ΔRI (?P<delta>{_NUM})\) weakly fits (?P<name>.+)",
     N_("RI {ri} vs library {lib} (ΔRI {delta}) weakly fits {name}")),
    (rf"RI (?P<ri>{_NUM})", N_("RI {ri}")),
    (r"the library gives no RI for (?P<name>.+)",
     N_("the library gives no RI for {name}")),
    # deciders (nps_id/unknowns/verdict.py, nps_id/gcms/ri_scoring.py)
    (r"GC-MS \(EI\) of the sample", N_("GC-MS (EI) of the sample")),
    (r"a reference standard measured on the same instrument",
     N_("a reference standard measured on the same instrument")),
    (r"retention index \(measure n-alkanes on the same column\)",
     N_("retention index (measure n-alkanes on the same column)")),
    (r"IR spectrum of the sample", N_("IR spectrum of the sample")),
    (r"a reference standard on the same column \(the retention index contradicts the spectrum\)",
     N_("a reference standard on the same column "
                                   "(the retention index contradicts the spectrum)")),
    # molecular ion (nps_id/unknowns/molecular_ion.py)
    (rf"M\+• at m/z (?P<m>\d+) \((?P<rel>{_NUM}) % of base\)",
     N_("M+• at m/z {m} ({rel} % of base)")),
    (r"highest ion that is not an isotope peak and shows no illogical loss",
     N_("highest ion that is not an isotope peak and shows no illogical loss")),
    (rf"no clear molecular ion: best candidate m/z (?P<m>\d+) \((?P<rel>{_NUM}) % of base\) has probability "
     rf"(?P<p>{_NUM}) < (?P<t>{_NUM})",
     N_("no clear molecular ion: best candidate m/z {m} ({rel} % of base) has "
                                   "probability {p} < {t}")),
    (rf"m/z (?P<m>\d+) set aside \(weak, illogical loss below it\)",
     N_("m/z {m} set aside (weak, illogical loss below it)")),
    (rf"m/z (?P<m>\d+) \((?P<rel>{_NUM}) % of base\) cannot be M: an ion (?P<loss>{_NUM}) u below it is an "
     r"illogical loss",
     N_("m/z {m} ({rel} % of base) cannot be M: an ion {loss} u below it is an "
                                   "illogical loss")),
    (r"no molecular ion seen", N_("no molecular ion seen")),
    (r"no peak above the noise qualifies as a molecular ion",
     N_("no peak above the noise qualifies as a molecular ion")),
    (r"empty spectrum or no positive intensity",
     N_("empty spectrum or no positive intensity")),
    (r"fewer than 3 peaks: no molecular ion can be judged",
     N_("fewer than 3 peaks: no molecular ion can be judged")),
    (r"no positive intensity", N_("no positive intensity")),
    # class prediction messages (nps_id/unknowns/classes.py)
    (r"no peaks from m/z 40 on: no class can be predicted",
     N_("no peaks from m/z 40 on: no class can be predicted")),
    (r"class prediction is made from EI spectra",
     N_("class prediction is made from EI spectra")),
    (r"see the hits' classes for this IR spectrum",
     N_("see the hits' classes for this IR spectrum")),
    (r"the library holds no EI spectra", N_("the library holds no EI spectra")),
    (r"no classes in this library: import records with a Class field or a structure, or compounds of the "
     r"catalogue",
     N_("no classes in this library: import records with a Class field or a "
                                   "structure, or compounds of the catalogue")),
    (r"no model", N_("no model")),
)
_COMPILED = tuple((re.compile(pattern + r"\Z", re.DOTALL), template) for pattern, template in _CLAUSES)

#: Substance classes of nps_id/unknowns/class_rules.py (stored in English in the library).
CLASSES = {
    "synthetic cathinone": N_("synthetic cathinone"),
    "synthetic cannabinoid": N_("synthetic cannabinoid"),
    "fentanyl analogue": N_("fentanyl analogue"),
    "phenethylamine": N_("phenethylamine"),
    "tryptamine": N_("tryptamine"),
    "piperazine": N_("piperazine"),
    "benzodiazepine": N_("benzodiazepine"),
    "nitazene": N_("nitazene"),
    "precursor": N_("precursor"),
    "other": N_("other"),
    # the compound catalogue's classes (spectra_library/catalogue.csv), "head (detail)"
    "opioid": N_("opioid"),
    "nitazene opioid": N_("nitazene opioid"),
    "barbiturate": N_("barbiturate"),
    "cutting agent": N_("cutting agent"),
    "solvent": N_("solvent"),
    "stimulant": N_("stimulant"),
    "dissociative": N_("dissociative"),
    "cannabinoid": N_("cannabinoid"),
    "reagent": N_("reagent"),
    "hallucinogen": N_("hallucinogen"),
    "depressant": N_("depressant"),
    "sedative": N_("sedative"),
    "muscle relaxant": N_("muscle relaxant"),
    "designer": N_("designer"),
    "phytocannabinoid": N_("phytocannabinoid"),
    "semi-synthetic": N_("semi-synthetic"),
    "arylcyclohexylamine": N_("arylcyclohexylamine"),
    "diarylethylamine": N_("diarylethylamine"),
    "tropane": N_("tropane"),
    "ergoline": N_("ergoline"),
    "z-drug": N_("Z-drug"),
}




def clause(text: str) -> str | None:
    """One clause in the language in use, or None when no pattern knows it."""
    for pattern, template in _COMPILED:
        found = pattern.match(text.strip())
        if found:
            return _(template).format(**found.groupdict())
    return None


def translate_sentence(text: str) -> str:
    """A sentence of the core in the language in use (clauses it cannot match stay as written)."""
    if not text:
        return text
    return "; ".join(clause(part) or part for part in re.split(r";\s+", str(text)))


def class_name(label: str) -> str:
    """A substance class (``synthetic_cathinone`` or ``synthetic cathinone``) for people, translated."""
    words = str(label).replace("_", " ")
    source = CLASSES.get(words.lower())
    if source:
        return _(source)
    head, paren, detail = words.partition(" (")  # "precursor (MDMA)", "benzodiazepine (designer)"
    if paren and detail.endswith(")") and head.lower() in CLASSES:
        inner = CLASSES.get(detail[:-1].lower())
        return f"{_(CLASSES[head.lower()])} ({_(inner) if inner else detail[:-1]})"
    # a record's own class text ("cathinone", "Synthetic Cannabinoids"): in English as the record
    # has it, in another language as the class of the vocabulary it names
    from nps_id.unknowns.class_rules import normalise_class

    known = CLASSES.get(str(normalise_class(words) or "").lower())
    if known and _(known) != known:
        return _(known)
    return words


#: Phrases of control-status summaries (nps_id.controls.status and the catalogue's statuses), longest first.
_CONTROL_PHRASES: tuple[tuple[str, str], ...] = (
    (r"not confirmed as internationally controlled here; check the current INCB Red List and national law",
     N_("not confirmed as internationally controlled here; check the current INCB Red "
                                   "List and national law")),
    (r"not confirmed as internationally controlled here; check national law",
     N_("not confirmed as internationally controlled here; check national law")),
    (r"not under international control", N_("not under international control")),
    (r"not in catalogue", N_("not in catalogue")),
    (r"controlled substance", N_("controlled substance")),
    (r"controlled precursor", N_("controlled precursor")),
    (r"not listed", N_("not listed")),
    (r"UN (?P<year>\d{4}) Convention Schedules (?P<a>[IVX]+) and (?P<b>[IVX]+)",
     N_("UN {year} Convention Schedules {a} and {b}")),
    (r"UN (?P<year>\d{4}) Convention Schedule (?P<a>[IVX]+)",
     N_("UN {year} Convention Schedule {a}")),
    (r"UN (?P<year>\d{4}) Convention Table (?P<a>[IVX]+)",
     N_("UN {year} Convention Table {a}")),
)
_CONTROL_COMPILED = tuple((re.compile(p), t) for p, t in _CONTROL_PHRASES)


def control_text(summary: str) -> str:
    """A control-status summary with its fixed phrases in the language in use (sources, dates kept)."""
    text = str(summary or "")
    for pattern, template in _CONTROL_COMPILED:
        text = pattern.sub(lambda m, t=template: _(t).format(**m.groupdict()), text)
    return text
