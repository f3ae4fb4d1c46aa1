"""A follow-up reports on a promise in its own words: by the name the promise quoted
("“澄湾人才安居”线上服务平台" under the heading "简化申请流程"), or by what fell short
("实际新增…1280套，未能全部完成"). A name many documents quote links nothing outside a
follow-up."""

from __future__ import annotations

from qa.commitments.models import Commitment
from qa.service import KnowledgeBase

EARLIER = "reply_2023_talent_apartment.md"
LATER = "reply_2025_talent_apartment_followup.txt"


def _promise(commitments: list[Commitment], words: str) -> Commitment:
    return next(c for c in commitments if words in c.quote)


def test_a_follow_up_reports_by_the_name_the_promise_quoted_and_by_a_shortfall(
        corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base: KnowledgeBase = corpus_kb(EARLIER, LATER)
    commitments = base.commitments.all()
    platform = _promise(commitments, "“澄湾人才安居”线上服务平台")
    assert [p.source for p in platform.progress] == [LATER]
    assert "2023年9月18日上线" in platform.progress[0].quote
    homes = _promise(commitments, "新增人才公寓1600套")
    # Under "（一）加快房源建设" the promise's own object names it, not the bare verb.
    assert "人才公寓" in homes.topic
    assert any("1280套" in p.quote for p in homes.progress)
    response = base.ask("人才公寓新增1600套的承诺完成了吗")
    assert "未能全部完成" in response.answer


def test_a_name_many_documents_quote_links_nothing_outside_a_follow_up(
        corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base: KnowledgeBase = corpus_kb("reply_2024_service_specialist.txt",
                                    "guide_2025_digital_transformation.md")
    promise = _promise(base.commitments.all(), "“澄湾新区企业服务云”")
    assert not [p for p in promise.progress
                if p.source == "guide_2025_digital_transformation.md"]
