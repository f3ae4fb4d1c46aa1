"""English questions against the whole synthetic corpus and the seed: with every document
competing, an English answer keeps to the document its best sentence comes from."""

from __future__ import annotations

import pytest
from paths import CORPUS, SEED

from kbqa.config import get_settings
from qa.service import KnowledgeBase

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    base = KnowledgeBase(get_settings(store=tmp_path_factory.mktemp("whole")), embedder)
    summary = base.ingest([SEED, *sorted(CORPUS.iterdir())])
    assert not summary.failed, summary.failed
    yield base
    base.close()


def test_an_english_answer_keeps_to_one_document(kb: KnowledgeBase) -> None:
    # The service hall's notice has phone lines and hours too; the platform's technical
    # support line is in the maintenance notice alone.
    response = kb.ask("When can I call the technical support hotline of the enterprise "
                      "service cloud?")
    assert not response.refused, response.answer
    assert "9:00—17:30" in response.answer
    assert {c.source for c in response.citations} == {"notice_2025_system_maintenance.txt"}

