"""A question about a rare thing the knowledge base names in one document is not answered
from another document that never names it ("停车场" asked, the new office's address and
buses found); words saying who asks, spoken words the documents say otherwise, and words
too common to name a thing ("员工", "总额") do not count."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("reply_2025_first_store.txt", "policy_2025_rd_subsidy.txt",
                     "notice_office_hours.txt", "notice_office_relocation.txt",
                     "reply_2023_talent_apartment.md", "policy_2024_skills_subsidy.html",
                     "policy_2025_incubator.txt", "reply_2024_crossborder.txt")


@pytest.mark.parametrize("question", [
    "技能提升补贴可以直接领现金吗",
    "知识产权局搬到新址以后旁边有停车场吗",
])
def test_a_rare_thing_asked_about_is_not_answered_from_a_document_without_it(
        kb: KnowledgeBase, question: str) -> None:
    response = kb.ask(question)
    assert response.refused, response.answer


@pytest.mark.parametrize(("question", "expected"), [
    # "排队" is what the reply calls 轮候.
    ("科学城的人才公寓排队的人有多少", "640人"),
    # "制造业" says who asks, not what about.
    ("我们是制造业企业，职工拿到高级技师证书能补多少", "元"),
    # Common words the documents word otherwise: 职工, 进出口额.
    ("企业自己给员工办岗位技能培训，培训费按什么比例补？", "%"),
    ("2023年跨境电商进出口总额是多少？", "86.3亿元"),
])
def test_who_asks_and_spoken_words_are_not_the_subject(
        kb: KnowledgeBase, question: str, expected: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert expected in response.answer
