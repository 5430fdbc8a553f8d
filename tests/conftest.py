"""Shared fixtures: the real data in ../shared/data is read in place, never copied."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("NPS_ID_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The command line follows the system locale; tests that expect English words must not turn Russian on a
# Russian machine (the language tests set their own environment).
os.environ.setdefault("NPS_ID_LANG", "en")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path of ../shared/data; skips the test with a clear reason when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not found at {SHARED_DATA} (../shared/data beside the project)")
    return SHARED_DATA


@pytest.fixture
def tmp_library(tmp_path: Path) -> Path:
    """Path of a fresh (not yet created) SQLite library file."""
    return tmp_path / "library.sqlite"
