"""Reading and writing spectrum files (importing/exporting, matchms style)."""
from nps_id.io.registry import FileFormat, detect_format, formats, read_spectra, write_spectra

__all__ = ["FileFormat", "detect_format", "formats", "read_spectra", "write_spectra"]
