"""What an import did, per file: added, already present, skipped and why.

Plain data, so the CLI prints it and the app shows it in a table without
knowing how an import works: ``report.entries`` is one :class:`FileReport`
per file (path, added, duplicates, skipped as ``(what, reason)`` pairs).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from nps_id.library.reading import Skipped
from nps_id.i18n import _

#: How a technique is named in messages.
TECHNIQUE_NAMES = {"ms": "EI mass", "ir": "IR", "raman": "Raman", "nir": "NIR", "uv": "UV-Vis",
                   "nmr": "NMR", "other": "other"}


def technique_label(technique: str) -> str:
    return TECHNIQUE_NAMES.get(technique, technique)


@dataclass
class FileReport:
    """One file of an import.

    ``skipped`` lists ``(what, reason)``: e.g. ``("1204 spectra", "EI mass
    spectra, not IR")``, ``("line 12", "negative peak intensities")`` or
    ``("file", "not a spectrum file NPS-ID can read")``.
    """

    path: str
    added: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: For a release or bundle: what it is and who signed it.
    package: str | None = None

    @property
    def n_skipped(self) -> int:
        """Spectra (or records, or the file) left out."""
        total = 0
        for what, _ in self.skipped:
            head = what.split(" ", 1)[0]
            total += int(head) if head.isdigit() else 1
        return total

    @property
    def reasons(self) -> str:
        """The skipped items and why, on one line (a table cell)."""
        return "; ".join(f"{what}: {reason}" for what, reason in self.skipped)

    def __str__(self) -> str:
        parts = [f"{self.added} added"]
        if self.duplicates:
            parts.append(f"{self.duplicates} already present")
        for what, reason in self.skipped:
            parts.append(f"skipped {what}: {reason}")
        head = f"{self.path}" + (f" ({self.package})" if self.package else "")
        return f"{head}: " + "; ".join(parts)


@dataclass
class ImportReport:
    """What an import did (totals, and per file in :attr:`entries`)."""

    added: int = 0
    #: Spectra not added because the library already holds them (same peaks, same identity).
    duplicates: int = 0
    #: Spectra of another technique than the one asked for.
    other_technique: int = 0
    #: Files passed over unread because their format holds only another technique (MSP when importing IR).
    other_technique_files: int = 0
    #: The technique asked for (None: every technique).
    technique: str | None = None
    ids: list[int] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: One entry per file read or passed over, in import order.
    entries: list[FileReport] = field(default_factory=list)
    #: Invalid records/files left out by ``skip_invalid``.
    skipped: list[Skipped] = field(default_factory=list)
    #: Files in folders that are not spectrum files.
    passed_over: list[Skipped] = field(default_factory=list)
    by_technique: dict[str, int] = field(default_factory=dict)
    #: Releases/bundles imported: path, kind, version/lab, signed, signer, trusted.
    packages: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    change_id: int | None = None

    def summary(self, per_file: bool = True) -> str:
        techniques = ", ".join(f"{n} {technique_label(t)}" for t, n in sorted(self.by_technique.items()))
        lines = [_("imported {0} spectra ({1}) from {2} file(s) in {3:.1f} s").format(self.added, techniques or 'none', len(self.files), self.seconds)]
        if self.duplicates:
            lines.append(_("already present (not added again): {0}").format(self.duplicates))
        if self.other_technique or self.other_technique_files:
            lines.append(_("skipped, not {0}: {1} spectra, {2} file(s)").format(technique_label(self.technique or ''), self.other_technique, self.other_technique_files))
        if self.skipped:
            lines.append(_("skipped {0} invalid record(s)/file(s)").format(len(self.skipped)))
        if self.passed_over:
            lines.append(_("passed over {0} file(s) that are not spectra").format(len(self.passed_over)))
        for package in self.packages:
            lines.append(package["summary"])
        if per_file and self.entries:
            lines.append(_("per file:"))
            lines += [f"  {entry}" for entry in self.entries]
        return "\n".join(lines)
