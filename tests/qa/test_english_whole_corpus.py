"""English questions against the whole synthetic corpus and the seed: with every document
competing, an English answer keeps to one document: the best passage's, when its sentences
answer about as well as another's."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def kb(whole_kb: KnowledgeBase) -> KnowledgeBase:
    return whole_kb


def test_an_english_answer_keeps_to_one_document(kb: KnowledgeBase) -> None:
    # The service hall's notice has phone lines and hours too; the platform's technical
    # support line is in the maintenance notice alone.
    response = kb.ask("When can I call the technical support hotline of the enterprise "
                      "service cloud?")
    assert not response.refused, response.answer
    assert "9:00—17:30" in response.answer
    assert {c.source for c in response.citations} == {"notice_2025_system_maintenance.txt"}



@pytest.mark.parametrize(("question", "source", "quoted"), [
    # Two risk compensation pools: the IP reply's sentence "风险补偿资金池已于2024年9月正式
    # 设立" reads as well; "tech lending" says which pool.
    ("Back in 2022 the financial affairs bureau promised a RMB 100 million risk compensation "
     "pool for tech lending by mid-2023. When did that pool actually get established, and "
     "how much money was paid in at first?", "reply_2024_sci_loan_followup.docx", "2023年8月"),
    ("What rent allowance per month for young professionals renting on the open market did "
     "the talent bureau propose in 2023, and what rate did the rules finally set?",
     "reply_2025_talent_apartment_followup.txt", "1100元"),
])
def test_an_english_answer_keeps_to_the_best_passage_s_document(
        kb: KnowledgeBase, question: str, source: str, quoted: str) -> None:
    # A sentence of another document sharing a few translated terms scores as well as the
    # best passage's document's own; the passages, found by the whole question, tell.
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {source}, response.answer
    assert quoted in response.answer


def test_the_party_committee_s_financial_office_is_the_unit(kb: KnowledgeBase) -> None:
    response = kb.ask("The risk pool for tech loans was RMB 25 million short of its promised "
                      "size. What did the party committee's financial office say it would do "
                      "about that?")
    assert not response.refused, response.answer
    assert response.citations[0].source == "reply_2024_sci_loan_followup.docx", response.answer


def test_a_figure_asked_is_not_answered_first_by_a_plan_that_gives_none(
        kb: KnowledgeBase) -> None:
    # With every document competing, the 2023 reply's "拟…由资金池按一定比例给予补偿"
    # ranks first and gives no share; the measures' "按损失本金的40%给予补偿" ranks just
    # below it.
    response = kb.ask("For IP-backed loans, how large is the risk compensation pool and "
                      "what share of a lost principal does it cover?")
    assert "40%" in response.citations[0].quote, response.answer
    assert "reply_2023_ip_pledge.txt" not in {c.source for c in response.citations}

