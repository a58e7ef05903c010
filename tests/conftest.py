"""Shared fixtures: one spaCy pipeline for the whole session (loading it takes seconds) and sample paths."""
from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
SEED_NAME = "rwanda-kazakhstan-interview.txt"


@pytest.fixture(scope="session")
def nlp():
    import extract

    return extract.load_pipeline()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def seed_text_path(samples_dir: Path) -> Path:
    return samples_dir / SEED_NAME


@pytest.fixture(scope="session")
def seed_text(seed_text_path: Path) -> str:
    """The seed article decoded as the library decodes it, so offsets agree."""
    import extract

    return extract.read_text(seed_text_path)
