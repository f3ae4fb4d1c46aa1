"""A question in parts gets an answer to each: "多长", "多久" ask as "多少" does, and a part
asking for a thing by name ("用什么方式登录") is left open by a sentence that does not
name it."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase
from qa.text import question_parts


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("notice_2025_system_maintenance.txt", "notice_office_hours.txt")


@pytest.mark.parametrize(("question", "parts"), [
    ("企业服务云升级以后怎么登录？经办人授权管多久？", 2),
    ("升级之后用什么方式登录？经办人授权的有效期是多长？", 2),
    # A clause that asks nothing belongs to the next one.
    ("升级以后，经办人授权的有效期是多长？", 1),
])
def test_how_long_asks_a_part_of_its_own(question: str, parts: int) -> None:
    assert len(question_parts(question)) == parts


def test_a_part_asking_for_a_thing_by_name_is_answered_by_a_sentence_naming_it(
        kb: KnowledgeBase) -> None:
    # "升级后首次登录需重新完成经办人授权，…有效期为1年" logs in but names no way of doing it.
    response = kb.ask("“澄湾新区企业服务云”升级之后用什么方式登录？经办人授权的有效期是多长？")
    assert not response.refused, response.answer
    assert "随申办" in response.answer and "1年" in response.answer
