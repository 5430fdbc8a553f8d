"""IR mixture benchmark: synthetic cut samples made from real condensed-phase spectra (../shared/data/ir).

The shared IR folder holds no controlled drug (its README says so); the
"drug" of each mixture is a condensed-phase organic solid or liquid of the
collection standing in for one (9-fluorenone, hydroquinone, benzil,
1,3-diphenylacetone, ...), the cutting agents are the real caffeine,
lactose, dextrose and aspartame ATR spectra.  Each mixture:

* one stand-in drug plus one or two cutting agents, shares of the integrated
  absorbance drawn at random (the largest is the "main" component; in half of
  the mixtures a cutting agent dominates);
* every component first made into "another measurement" of itself: shifted by
  up to +-1 cm-1 and broadened by a Gaussian of 2-4 cm-1 FWHM (the library
  holds the original spectrum);
* mixed on a 1 cm-1 grid over the components' common range, with a mild
  sloping/curved baseline (up to 5 % of the strongest band) and white noise
  (SNR 200 on the strongest band), seeded.

Reported per set: main component first, every component reported, phantom
components (reported but not in the mixture), for the ordinary search
("every component among the top-10 hits", "main = top hit") and for the
mixture analysis (``nps_id.ir.mixture_analysis``); and the pure spectra
themselves with the same baseline and noise: how many components the mixture
analysis reports (1 is right).

Held-out split: the stand-in drugs are split in two sets (A: every other one
in file order, B: the rest).  The stop rule's defaults were tuned on seed 1
with set A (``--tune``) and are reported on seed 2 with set B (the default run);
the cutting agents are the same four in both (there are no others).

(c) Cross-form pairs: the same substance measured by different sampling
(ATR vs film / neat cell / CCl4 solution / unknown transmission): partner in
the top 1 / top 5 when searched against every spectrum of the other groups,
with and without the automatic ATR correction.

Stress variant (``--stress``): a generator that does *not* match the analysis'
model, to check the polynomial baseline fitted with the components is not just
the generator's own baseline read back: components mixed as raw absorbance
(their instrument baselines kept, no arPLS cleaning), up to +-2 cm-1 shift,
an exponential + sigmoid baseline up to 10 % and SNR 100.

Run: ``python benchmarks/ir_mixtures.py [--seed 2] [--set B] [--n 30] [--tune] [--stress]``.
The data are read in place, never copied; the library is built in a temporary folder.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ir_data import SHARED_IR, load_index, read_shared_spectrum  # noqa: E402

from nps_id.ir.baselines import baseline  # noqa: E402
from nps_id.ir.preprocess import to_absorbance, to_wavenumber  # noqa: E402
from nps_id.spectrum import Spectrum  # noqa: E402

CUTTING_AGENTS = ["cos_shimadzu_stackIR/caffeine.csv", "cos_shimadzu_stackIR/lactose_run1.csv",
                  "cos_shimadzu_stackIR/dextrose_run1.csv", "cos_shimadzu_stackIR/aspartame_run1.csv"]
#: Condensed-phase organics standing in for drugs (no drug spectra are in the shared folder).
DRUG_STAND_INS = [
    "cos_shimadzu_stackIR/9_fluorenone.csv", "cos_shimadzu_stackIR/hydroquinone_run11.csv",
    "cos_shimadzu_stackIR/1_3_diphenylacetone_run3.csv", "cos_shimadzu_stackIR/1_4_dichlorobenzene_run1.csv",
    "cos_shimadzu_stackIR/benzamide_run1.csv", "cos_shimadzu_stackIR/resorcinol_run1.csv",
    "cos_shimadzu_stackIR/benzil_run1.csv", "cos_shimadzu_stackIR/acetamide_run2.csv",
    "nist_webbook_via_stackIR/benzil_phenylhydrazone.csv", "jcamp_testfiles_named/2_2_bipyridine.csv",
    "nist_webbook_via_stackIR/methyl_salicylate.csv", "cos_shimadzu_stackIR/r_carvone.csv",
    "cos_shimadzu_stackIR/benzaldehyde.csv", "jcamp_testfiles_named/indene.csv",
]
SETS = {"A": DRUG_STAND_INS[0::2], "B": DRUG_STAND_INS[1::2]}
#: Same substance, different sampling (query, partner); never used to tune anything.
CROSS_FORM_PAIRS = [
    ("nrcan_plotftir_atr/polystyrene.csv", "galactic_grams_demo_spc/polystyrene.csv"),
    ("nrcan_plotftir_atr/polystyrene.csv", "jcamp_testfiles_named/polystyrene_two_films_lancashire_jtpolys.csv"),
    ("nrcan_plotftir_atr/toluene.csv", "galactic_grams_demo_spc/toluene.csv"),
    ("nrcan_plotftir_atr/isopropanol.csv", "jcamp_repo_unknown_origin/isopropyl_alcohol.csv"),
    ("cos_shimadzu_stackIR/ethyl_acetate.csv", "nist_webbook_via_stackIR/acetic_acid_ethyl_ester.csv"),
    ("openspecy_examples/ldpe_in_soil_ftir_ldpe_soil_asp.csv", "jcamp_testfiles_named/polyethylene.csv"),
]


@dataclass
class Mixture:
    spectrum: Spectrum
    truth: list[str]      # compound keys (CAS), main component first
    fractions: list[float]


#: ``--band-truth``: rank the truth by each component's share of *band* absorbance (its arPLS-cleaned
#: area) instead of its share of the mixed absorbance.  Same in the default generator (the parts are
#: cleaned already); in the stress generator a raw part's instrument baseline counts in the mixed
#: share (aspartame's raw area is 2.4 x its band area, benzil phenylhydrazone's 4 x, 1,3-diphenyl-
#: acetone's 0.35 x), which no band-based analysis or search can see.
BAND_TRUTH = False


def _key(row: dict) -> str:
    return row.get("cas_norm") or row["compound"].strip().lower()


def _clean_absorbance(spectrum: Spectrum) -> Spectrum:
    a = to_absorbance(to_wavenumber(spectrum))
    return baseline(a, "arpls")[0]


def _remeasure(x: np.ndarray, y: np.ndarray, grid: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The spectrum as another measurement: shifted up to 1 cm-1, broadened 2-4 cm-1 FWHM, on ``grid``."""
    shift = rng.uniform(-1.0, 1.0)
    fine = np.interp(grid, x + shift, y)
    sigma = rng.uniform(2.0, 4.0) / 2.3548  # grid step is 1 cm-1
    half = int(4 * sigma) + 1
    kernel = np.exp(-0.5 * (np.arange(-half, half + 1) / sigma) ** 2)
    return np.convolve(np.pad(fine, half, mode="edge"), kernel / kernel.sum(), mode="valid")


def _degrade(grid: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Mild baseline (<= 5 % of the strongest band) and white noise at SNR 200."""
    top = float(np.max(y))
    t = (grid - grid[0]) / (grid[-1] - grid[0])
    drift = rng.uniform(-1, 1) * t + rng.uniform(-1, 1) * t ** 2
    drift = (drift - drift.min()) / max(np.ptp(drift), 1e-12) * rng.uniform(0.01, 0.05) * top
    return y + drift + rng.normal(0.0, top / 200.0, y.size)


def make_mixture(parts: Sequence[tuple[Spectrum, str]], fractions: Sequence[float], rng: np.random.Generator,
                 name: str) -> Mixture:
    cleaned = [_clean_absorbance(s) for s, _ in parts]
    lo = max(float(np.nanmin(c.x)) for c in cleaned)
    hi = min(float(np.nanmax(c.x)) for c in cleaned)
    grid = np.arange(np.ceil(lo), np.floor(hi) + 1.0, 1.0)
    total = np.zeros(grid.size)
    band_shares = []
    for c, f in zip(cleaned, fractions):
        ok = np.isfinite(c.y)
        y = np.clip(_remeasure(c.x[ok], c.y[ok], grid, rng), 0.0, None)
        total += f * y / max(float(y.sum()), 1e-12)  # share of integrated absorbance = f
        if BAND_TRUTH:
            band = baseline(c, "arpls")[0]
            inside = (c.x >= grid[0]) & (c.x <= grid[-1]) & np.isfinite(band.y) & ok
            band_shares.append(f * float(np.clip(band.y[inside], 0, None).sum())
                               / max(float(np.clip(c.y[inside], 0, None).sum()), 1e-12))
    total /= float(total.max())
    y = _degrade(grid, total, rng)
    ranked = np.asarray(band_shares) / sum(band_shares) if BAND_TRUTH else np.asarray(fractions)
    order = np.argsort(-ranked, kind="stable")
    spectrum = Spectrum(grid, y, "ir", "1/cm", "absorbance", {"name": name, "source_file": name})
    return Mixture(spectrum, [parts[i][1] for i in order], [float(ranked[i]) for i in order])


def use_stress_generator() -> None:
    """Switch this module's generator to the stress variant (see the module docstring)."""
    global _clean_absorbance, _degrade, _remeasure
    plain_remeasure = _remeasure

    def raw(spectrum: Spectrum) -> Spectrum:
        return to_absorbance(to_wavenumber(spectrum))

    def shifted(x, y, grid, rng):
        return plain_remeasure(x + rng.uniform(-1.0, 1.0), y, grid, rng)

    def hard(grid, y, rng):
        top = float(np.max(y))
        t = (grid - grid[0]) / (grid[-1] - grid[0])
        drift = (rng.uniform(0, 1) * np.exp(3 * (t - 1))
                 + rng.uniform(0, 1) / (1 + np.exp(-(t - rng.uniform(0.2, 0.8)) * 20)))
        drift = drift / max(np.ptp(drift), 1e-12) * rng.uniform(0.02, 0.10) * top
        return y + drift + rng.normal(0.0, top / 100.0, y.size)

    _clean_absorbance, _remeasure, _degrade = raw, shifted, hard


def make_mixtures(spectra: dict[str, tuple[Spectrum, str]], drugs: Sequence[str], n: int, seed: int
                  ) -> list[Mixture]:
    rng = np.random.default_rng(seed)
    out = []
    for count in (2, 3):
        for i in range(n):
            drug = drugs[rng.integers(len(drugs))]
            agents = list(rng.choice(CUTTING_AGENTS, size=count - 1, replace=False))
            if count == 2:
                major = rng.uniform(0.55, 0.8)
                fr = [major, 1 - major] if rng.random() < 0.5 else [1 - major, major]
            else:
                fr = list(rng.dirichlet([3.0, 3.0, 3.0]))
                while min(fr) < 0.15 or sorted(fr)[-1] - sorted(fr)[-2] < 0.05:
                    fr = list(rng.dirichlet([3.0, 3.0, 3.0]))
            parts = [spectra[drug]] + [spectra[a] for a in agents]
            out.append(make_mixture(parts, fr, rng, f"mix{count}-{i}"))
    return out


def pure_queries(spectra: dict[str, tuple[Spectrum, str]], files: Sequence[str], seed: int) -> list[Mixture]:
    rng = np.random.default_rng(seed + 1000)
    return [make_mixture([spectra[f]], [1.0], rng, f"pure-{Path(f).stem}") for f in files]


def build_library(folder: Path, files: Sequence[str]):
    from nps_id.library import open_library

    library = open_library(folder / "ir-mixtures.sqlite", create=True)
    library.import_files([SHARED_IR / f for f in files])
    return library


def evaluate(library, mixtures: Sequence[Mixture], analyse, verbose: bool = False) -> dict[str, float]:
    from nps_id.search import search_spectra

    plain_main = plain_all = mix_main = mix_all = phantoms = 0
    by_count: dict[int, list[int]] = {}
    hitlists = search_spectra(library, [m.spectrum for m in mixtures], top=10)
    for m, hl in zip(mixtures, hitlists):
        keys = [h.cas or h.name.lower() for h in hl.hits]
        plain_main += bool(keys) and keys[0] == m.truth[0]
        plain_all += all(t in keys for t in m.truth)
        result = analyse(library, m.spectrum)
        found = [c.cas or c.name.lower() for c in result.components]
        mix_main += bool(found) and found[0] == m.truth[0]
        ok = all(t in found for t in m.truth)
        mix_all += ok
        phantoms += sum(f not in m.truth for f in found)
        by_count.setdefault(len(m.truth), [0, 0])
        by_count[len(m.truth)][0] += ok
        by_count[len(m.truth)][1] += all(t in keys for t in m.truth)
        if verbose and (not ok or len(found) != len(m.truth)):
            print(f"   {m.spectrum.name}: truth {m.truth} {np.round(m.fractions, 2)} -> "
                  f"{[(c.name, round(c.fraction, 2)) for c in result.components]} ({result.stop_reason})")
    n = len(mixtures)
    out = {"n": n, "plain main first": plain_main / n, "plain all in top 10": plain_all / n,
           "mixture main first": mix_main / n, "mixture all reported": mix_all / n, "phantoms": phantoms}
    for count, (mix_ok, plain_ok) in sorted(by_count.items()):
        k = sum(len(m.truth) == count for m in mixtures)
        out[f"{count}-comp all: mixture"] = mix_ok / k
        out[f"{count}-comp all: plain"] = plain_ok / k
    return out


def pure_counts(library, queries: Sequence[Mixture], analyse) -> tuple[int, int, int]:
    """(queries, reported exactly one right component, phantom components in total)."""
    one = phantom = 0
    for q in queries:
        found = [c.cas or c.name.lower() for c in analyse(library, q.spectrum).components]
        one += found == q.truth
        phantom += sum(f not in q.truth for f in found)
    return len(queries), one, phantom


def cross_form(items: dict[str, dict], spectra: dict[str, tuple[Spectrum, str]]) -> dict[str, tuple[int, int, int]]:
    from nps_id.ir.pipeline import DEFAULT_IR_SIMILARITY, ir_search_vector, ir_similarity_scores

    files = list(items)
    keys = np.array([_key(items[f]) for f in files])
    groups = np.array([items[f]["independent_group"] for f in files])
    out = {}
    for label, atr in (("auto ATR correction", "auto"), ("no ATR correction", None)):
        pairs = [ir_search_vector(spectra[f][0], atr=atr) for f in files]
        vecs = np.array([p[0] for p in pairs])
        masks = np.array([p[1] for p in pairs])
        top1 = top5 = 0
        for query, partner in CROSS_FORM_PAIRS:
            q = files.index(query)
            lib = np.flatnonzero(groups != groups[q])
            s = ir_similarity_scores(vecs[q], vecs[lib], DEFAULT_IR_SIMILARITY, masks[q], masks[lib])
            order = lib[np.argsort(-np.where(np.isfinite(s), s, -np.inf), kind="stable")]
            ranked = list(keys[order])
            top1 += ranked[0] == keys[q]
            top5 += keys[q] in ranked[:5]
        out[label] = (top1, top5, len(CROSS_FORM_PAIRS))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    from nps_id.ir.mixture_analysis import analyse_mixture

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--set", choices=("A", "B"), default="B", help="stand-in drugs mixed (default B, held out)")
    ap.add_argument("--n", type=int, default=30, help="mixtures per component count (default 30)")
    ap.add_argument("--tune", action="store_true", help="tuning run: seed 1, set A, a grid of stop rules")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--stress", action="store_true", help="generator unlike the model (see the docstring)")
    ap.add_argument("--band-truth", action="store_true",
                    help="main component = largest share of band absorbance (see BAND_TRUTH)")
    args = ap.parse_args(argv)
    global BAND_TRUTH
    BAND_TRUTH = args.band_truth
    if not (SHARED_IR / "index.csv").exists():
        print(f"shared IR data not found at {SHARED_IR}")
        return 1
    seed, which = (1, "A") if args.tune else (args.seed, args.set)
    if args.stress:
        use_stress_generator()
    rows = {r["file"]: r for r in load_index()}
    spectra = {f: (read_shared_spectrum(SHARED_IR / f), _key(r)) for f, r in rows.items()}
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        library = build_library(Path(tmp), list(rows))
        print(f"library: {library.count('ir')} IR spectra (all of ../shared/data/ir), built in {time.time() - t0:.1f} s")
        mixtures = make_mixtures(spectra, SETS[which], args.n, seed)
        pure = pure_queries(spectra, SETS[which] + CUTTING_AGENTS, seed)
        settings = [{}]
        if args.tune:
            # first round (36 settings): min_gain x min_fraction x noise_k; second round, after the
            # held-out run showed phantom components: the residual match, other defaults fixed
            # third round: the baseline fitted with the components, its polynomial degree
            settings = [{"baseline_order": k} for k in (1, 3, 5, 8)]
        for params in settings:
            t = time.time()

            def analyse(lib, spectrum, _p=params):
                return analyse_mixture(lib, spectrum, **_p)

            res = evaluate(library, mixtures, analyse, args.verbose)
            n_pure, one, phantom = pure_counts(library, pure, analyse)
            label = ", ".join(f"{k}={v}" for k, v in params.items()) or "defaults"
            print(f"\nseed {seed}, stand-in drug set {which}{' (stress generator)' if args.stress else ''}, "
                  f"{res['n']} mixtures ({label}; "
                  f"{(time.time() - t) / (len(mixtures) + len(pure)):.2f} s per query)")
            print(f"  {'':28s} {'plain search':>13s} {'mixture':>9s}")
            print(f"  {'main component first':28s} {100 * res['plain main first']:12.1f}% {100 * res['mixture main first']:8.1f}%")
            print(f"  {'every component reported':28s} {100 * res['plain all in top 10']:12.1f}% "
                  f"{100 * res['mixture all reported']:8.1f}%")
            for count in (2, 3):
                print(f"  {f'  {count}-component':28s} {100 * res[f'{count}-comp all: plain']:12.1f}% "
                      f"{100 * res[f'{count}-comp all: mixture']:8.1f}%")
            print(f"  phantom components in mixtures: {res['phantoms']}")
            print(f"  pure spectra (baseline + noise): {one}/{n_pure} reported as exactly their one compound, "
                  f"{phantom} phantom components")
        library.close()
    items = {f: r for f, r in rows.items()}
    print("\n(c) cross-form pairs (same substance, other sampling), partner rank against the other groups")
    for label, (t1, t5, n) in cross_form(items, spectra).items():
        print(f"  {label:22s} top-1 {t1}/{n}   top-5 {t5}/{n}")
    print(f"\ntotal {time.time() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
