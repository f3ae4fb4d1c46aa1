"""Commitment and eligibility questions in the chat are answered from the register and matcher."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from paths import SEED

from kbqa.config import get_settings
from qa.service import KnowledgeBase


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[KnowledgeBase]:  # type: ignore[no-untyped-def]
    base = KnowledgeBase(get_settings(store=tmp_path_factory.mktemp("genre")), embedder)
    assert base.ingest([SEED]).added == 1
    yield base
    base.close()


def test_commitment_question_lists_every_commitment_of_the_reply(kb: KnowledgeBase) -> None:
    expected = kb.commitments.filter(proposal_number=137)
    assert len(expected) >= 5
    response = kb.ask("137号提案答复里承诺了什么？")
    assert not response.refused
    for commitment in expected:
        assert commitment.quote.rstrip("。；，") in response.answer
    assert "后续还将增设分中心" in response.answer
    text = kb.store.table.document_text(expected[0].doc_id) or ""
    for citation in response.citations:
        assert citation.quote in text and f"[{citation.n}]" in response.answer


def test_past_achievements_are_not_listed_as_commitments(kb: KnowledgeBase) -> None:
    quotes = " ".join(c.quote for c in kb.commitments.all())
    assert "共完成质押融资登记445笔" not in quotes
    assert "已有13家金融机构入驻" not in quotes


def test_enterprise_question_goes_to_the_matcher(kb: KnowledgeBase) -> None:
    response = kb.ask("我们是做大模型的，入驻了模力社区，有什么支持？")
    assert not response.refused
    assert "租金减免" in response.answer and "符合" in response.answer
    text = kb.store.table.document_text(response.citations[0].doc_id) or ""
    assert all(c.quote in text for c in response.citations)


def test_ordinary_questions_still_use_the_extractive_answerer(kb: KnowledgeBase) -> None:
    response = kb.ask("揭榜挂帅平台累计发榜多少项？")
    assert "526项" in response.answer and "承诺事项" not in response.answer
