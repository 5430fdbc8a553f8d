"""NPS-ID: identify new psychoactive substances and precursors from EI-MS and IR spectra."""
from nps_id.spectrum import ProcessingStep, Spectrum

__version__ = "0.1.0"
__all__ = ["Spectrum", "ProcessingStep", "__version__"]
