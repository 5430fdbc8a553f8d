"""GC-MS runs: reading, chromatography, deconvolution, retention index, identification."""
from nps_id.gcms.run import GCMSRun, nominal_mz
from nps_id.gcms.readers import is_run, read_run

__all__ = ["GCMSRun", "is_run", "nominal_mz", "read_run"]
