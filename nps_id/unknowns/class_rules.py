"""Substance classes: the vocabulary, synonyms of class fields, and RDKit structure rules.

A library record's class comes, in this order, from its own class field
(``compound_class``; an MSP ``Class:`` line) when that names a class of the
vocabulary, from the compound catalogue (:func:`nps_id.library.catalogue.lookup`
by InChIKey, CAS, name), from RDKit substructure rules on its SMILES, and last
from a class stem in its name ("… fentanyl", "…-PINACA", "JWH-…", "…nitazene").
A structure that matches no rule is ``other``; a record with none of these is
unlabelled (None) and is not used to train the class model.
"""
from __future__ import annotations

import re
from functools import lru_cache

CATHINONE = "synthetic cathinone"
CANNABINOID = "synthetic cannabinoid"
FENTANYL = "fentanyl analogue"
PHENETHYLAMINE = "phenethylamine"
TRYPTAMINE = "tryptamine"
PIPERAZINE = "piperazine"
BENZODIAZEPINE = "benzodiazepine"
NITAZENE = "nitazene"
PRECURSOR = "precursor"
OTHER = "other"

#: The classes a query can be assigned to (the class model's labels).
CLASSES = (CATHINONE, CANNABINOID, FENTANYL, PHENETHYLAMINE, TRYPTAMINE, PIPERAZINE,
           BENZODIAZEPINE, NITAZENE, PRECURSOR, OTHER)

# Class-field text -> class, first match wins (the text is lower-cased, "-"/"_" as spaces).
_FIELD_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"precursor|pre precursor|essential chemical", PRECURSOR),
    (r"cathinone|\bbk\b|beta keto", CATHINONE),
    (r"cannabin|\bscras?\b|\bspice\b|indazole carboxamide|\bjwh\b", CANNABINOID),
    (r"fentan|anilidopiperidine", FENTANYL),
    (r"nitazene|benzimidazole opioid|2 benzylbenzimidazole", NITAZENE),
    (r"benzodiazepin|\bbenzos?\b|azolam|thienodiazepin|triazolobenzodiazepin", BENZODIAZEPINE),
    (r"tryptamine", TRYPTAMINE),
    (r"piperazine", PIPERAZINE),
    (r"phenethylamine|phenylethylamine|amphetamine|\bnbome\b|\b2c\b|\bdox\b", PHENETHYLAMINE),
    (r"^other$|^none$|^non drug$|^not controlled$|solvent|reagent|excipient|cutting agent|diluent|adulterant",
     OTHER),
)
_FIELD_RES = tuple((re.compile(p), label) for p, label in _FIELD_PATTERNS)


def normalise_class(text: str | None) -> str | None:
    """The vocabulary class a class field names ("cathinone" -> "synthetic cathinone"), or None.

    Precursors keep their family: "precursor (MDMA)" stays as it is, a bare
    "precursor" is "precursor"; :func:`coarse_class` maps either to ``precursor``.
    Reagents and solvents (the catalogue's "reagent (heroin)", "solvent") are ``other``.
    """
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    low = re.sub(r"[-_/]+", " ", raw.lower())
    for pattern, label in _FIELD_RES:
        if pattern.search(low):
            if label == PRECURSOR:
                family = re.search(r"\(([^)]+)\)", raw)
                return f"{PRECURSOR} ({family.group(1).strip()})" if family else PRECURSOR
            return label
    return None


def coarse_class(label: str | None) -> str | None:
    """The model label of a record class: every precursor family is ``precursor``."""
    if label is None:
        return None
    return PRECURSOR if label.startswith(PRECURSOR) else label


# -- RDKit substructure rules, first match wins ------------------------------------------------
_AMINE = "[NX3;!$(N[#6,#16]=[O,S,N]);!$(N~[#7,#8]);!$(Na);!a]"  # a basic (non-amide, non-aryl) nitrogen
_ALPHA = "[CX4;!R;!$(C[CX3](=O)[OX2,OX1-])]"  # the amine's carbon, not that of an amino acid or its ester
_TAIL = "[CX4;!H3]~[#6,#7,#8]~[#6,#7,#8,#9]"  # an N-substituent of at least 3 heavy atoms
_LINK = "[CX3](=O)([$([#6;!H3]),$([NX3]),$([OX2]a)])"  # aryl/alkyl ketone, amide or aryl ester (no methyl ketone, alkyl ester)
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (FENTANYL, (
        "[CX3](=O)[NX3](a)[CX4;R1]1[CX4;R1][CX4;R1][NX3;R1][CX4;R1][CX4;R1]1",  # 4-anilidopiperidine
    )),
    (NITAZENE, (
        "[CH2;!R](a)c1nc2ccccc2n1[CH2][CH2][NX3]",  # 2-benzylbenzimidazole, 1-aminoethyl
        "[CH2;!R](a)c1nc2cc([N+](=O)[O-])ccc2n1",  # 2-benzylbenzimidazole, 5-nitro
        "[CH2;!R](a)c1nc2ccc([N+](=O)[O-])cc2n1",
    )),
    (BENZODIAZEPINE, (
        "[#7;R]1~[#6;R]~[#6;R]~[#7;R]~[#6;R]~[c;R]~[c;R]~1",  # 1,4-benzo/thieno-diazepine, triazolo/imidazo fused too
    )),
    (CANNABINOID, (
        # N-substituted (a tail of >= 3 atoms) indole/indazole/azaindole 3-carbonyl: ketone, amide or aryl ester
        f"{_LINK}c1[c,n]n({_TAIL})c2aaaac12",
        f"{_LINK}c1nc2ccccc2n1{_TAIL}",  # N-substituted benzimidazole 2-carbonyl
        f"[CX3](=O)(a)c1cn({_TAIL})cc1",  # 1-alkyl 3-aroyl pyrrole
        "[CX4]C1([CX4])Oc2cc([#6])cc([OX2])c2[#6]~[#6]1",  # classical: dibenzopyran (THC, CBN, HU-210)
        "[OH]c1cc([CH2][CH2][CH2])cc([OH])c1[CX4;R]",  # classical: 5-alkylresorcinol with a terpene (CBD)
    )),
    (TRYPTAMINE, (
        f"{_AMINE}{_ALPHA}[CX4;!R]c1c[nX3]c2ccccc12",
    )),
    (CATHINONE, (
        f"a[CX3;!R](=O)[CX4;!$(C[CX3](=O)[OX2,OX1-])]{_AMINE}",  # aryl-C(=O)-C-N
    )),
    (PIPERAZINE, (
        "[NX3;H1,$(N[CH3]),$(N[CH2][CH3])]1[CH2][CH2]N([$(c1ccccc1),$(c1ncccc1),$(c1ncccn1),$([CH2]c1ccccc1)])[CH2][CH2]1",  # 1-aryl/benzyl-piperazine
    )),
    (PHENETHYLAMINE, (
        # aryl-C-C-N, open chain, no beta-keto, alpha-carbon no acid/ester (amino acids are not drugs)
        f"[c;$(c1ccccc1)][CX4;!R]{_ALPHA}{_AMINE.replace('!a]', '!a;!R]')}",
    )),
)


@lru_cache(maxsize=1)
def _compiled():
    from rdkit import Chem

    compiled = []
    for label, smarts in _RULES:
        patterns = []
        for s in smarts:
            pattern = Chem.MolFromSmarts(s)
            if pattern is None:  # pragma: no cover - a typo in the table above
                raise ValueError(f"bad SMARTS for {label}: {s}")
            patterns.append(pattern)
        compiled.append((label, tuple(patterns)))
    return tuple(compiled)


def class_from_smiles(smiles: str | None) -> str | None:
    """The class of a structure by the substructure rules; ``other`` if none matches, None if unreadable."""
    if not smiles or not str(smiles).strip():
        return None
    return _class_from_smiles(str(smiles).strip())


@lru_cache(maxsize=65536)
def _class_from_smiles(smiles: str) -> str | None:
    from rdkit import Chem, RDLogger

    RDLogger.DisableLog("rdApp.*")
    mol = Chem.MolFromSmiles(smiles)
    if mol is None or mol.GetNumAtoms() == 0:
        return None
    # the largest fragment: a salt's counter-ion or a solvate does not decide the class
    fragments = Chem.GetMolFrags(mol, asMols=True)
    if len(fragments) > 1:
        mol = max(fragments, key=lambda m: m.GetNumHeavyAtoms())
    for label, patterns in _compiled():
        if any(mol.HasSubstructMatch(p) for p in patterns):
            return label
    return OTHER


# Name stems that name a class unambiguously (for records with no structure, e.g. NIST CM1).
_NAME_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"(?<!nor)fentanyl", FENTANYL),
    (r"nitazene", NITAZENE),
    (r"(pinaca|binaca|pica|chminaca|fubinaca|butinaca|minaca|\bjwh\b|\bam \d{3,4}\b|\bur 144\b|\bxlr 11\b|"
     r"\bmdmb\b|\bcumyl\b|\bamb\b|\badb\b|\badbica\b|\bthj\b)", CANNABINOID),
    (r"\bnbome\b|\b2c [a-z]\b|\b25[a-z] nb", PHENETHYLAMINE),
    (r"cathinone|\bpyrrolidino(valero|hexano|propio|butio|pentio|octano)phenone", CATHINONE),
    (r"azolam\b|azepam\b", BENZODIAZEPINE),
)
_NAME_RES = tuple((re.compile(p), label) for p, label in _NAME_PATTERNS)


def class_from_name(name: str | None) -> str | None:
    """The class a name's stem states ("Butyryl Fentanyl", "5F-MDMB-PICA"), or None."""
    if not name:
        return None
    low = re.sub(r"[-_/,()\[\]]+", " ", str(name).lower())
    for pattern, label in _NAME_RES:
        if pattern.search(low):
            return label
    return None


def record_class(record: dict) -> str | None:
    """The class of a library record (its hit-list fields), or None when nothing tells it.

    Order: the record's class field, the compound catalogue (by InChIKey, CAS,
    name or synonym), RDKit rules on the SMILES, a class stem in the name or a
    synonym.  Precursors keep their family ("precursor (MDMA)").
    """
    from nps_id.library.catalogue import lookup

    own = normalise_class(record.get("compound_class"))
    if own is not None:
        return own
    # a MassBank record may carry its common name only as a synonym
    # ("ALPHA-METHYL-BENZENEETHANAMINE", synonym "AMPHETAMINE", no structure)
    synonyms = tuple(s for s in (record.get("synonyms") or ()) if s)
    entry = lookup(inchikey=record.get("inchikey"), name=record.get("name"), cas=record.get("cas"),
                   synonyms=synonyms)
    if entry is not None:
        label = normalise_class(entry.compound_class)
        if label is not None:
            return label
    structural = class_from_smiles(record.get("smiles"))
    if structural is not None:
        return structural
    for name in (record.get("name"), *synonyms):
        stem = class_from_name(name)
        if stem is not None:
            return stem
    return None
