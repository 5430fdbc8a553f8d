"""EI mass spectra: binning, filters and similarity scores."""
