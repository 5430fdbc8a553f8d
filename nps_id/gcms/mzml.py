"""A small mzML writer for GC-MS runs (MS1 spectra, 64-bit uncompressed arrays).

Enough for exchange with tools that read mzML (pyteomics, OpenMS, MZmine) and
for making test fixtures from real runs; read back with :func:`nps_id.gcms.readers.read_mzml`.
"""
from __future__ import annotations

import base64
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from nps_id.gcms.run import GCMSRun


def _array(values: np.ndarray, accession: str, name: str) -> str:
    data = base64.b64encode(np.asarray(values, "<f8").tobytes()).decode("ascii")
    return (f'<binaryDataArray encodedLength="{len(data)}">'
            '<cvParam cvRef="MS" accession="MS:1000523" name="64-bit float"/>'
            '<cvParam cvRef="MS" accession="MS:1000576" name="no compression"/>'
            f'<cvParam cvRef="MS" accession="{accession}" name="{name}"/>'
            f'<binary>{data}</binary></binaryDataArray>')


def write_mzml(run: GCMSRun, path: str | Path) -> Path:
    """Write ``run`` as mzML (scan start time in minutes); returns the path written."""
    path = Path(path)
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<mzML xmlns="http://psi.hupo.org/ms/mzml" version="1.1.0">',
             '<cvList count="2"><cv id="MS" fullName="Proteomics Standards Initiative Mass Spectrometry '
             'Ontology" URI="https://purl.obolibrary.org/obo/ms.obo"/>'
             '<cv id="UO" fullName="Unit Ontology" URI="https://purl.obolibrary.org/obo/uo.obo"/></cvList>',
             f'<run id="{escape(run.sample_name or path.stem)}">',
             f'<spectrumList count="{run.n_scans}">']
    for i in range(run.n_scans):
        mz, inten = run.scan(i)
        parts.append(
            f'<spectrum index="{i}" id="scan={i + 1}" defaultArrayLength="{mz.size}">'
            '<cvParam cvRef="MS" accession="MS:1000579" name="MS1 spectrum"/>'
            '<cvParam cvRef="MS" accession="MS:1000511" name="ms level" value="1"/>'
            '<cvParam cvRef="MS" accession="MS:1000130" name="positive scan"/>'
            '<scanList count="1"><cvParam cvRef="MS" accession="MS:1000795" name="no combination"/><scan>'
            f'<cvParam cvRef="MS" accession="MS:1000016" name="scan start time" value="{run.times[i]:.6f}" '
            'unitCvRef="UO" unitAccession="UO:0000031" unitName="minute"/></scan></scanList>'
            '<binaryDataArrayList count="2">'
            + _array(mz, "MS:1000514", "m/z array") + _array(inten, "MS:1000515", "intensity array")
            + '</binaryDataArrayList></spectrum>')
    parts.append('</spectrumList></run></mzML>')
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
