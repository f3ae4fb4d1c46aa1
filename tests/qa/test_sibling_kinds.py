"""A figure of a sibling kind (the 区级 studio for the 市级 one, a 良好 孵化器 for a 良好
众创空间, 春节 for 国庆) or of another moment (截至2025年3月底 for 2024年底) is not the figure
asked for: such questions are refused, and the kind asked for is still answered."""

from __future__ import annotations

import pytest
from paths import SEED

from qa.service import KnowledgeBase
from qa.text import kinds_named, other_kind


@pytest.mark.parametrize(("text", "kinds"), [
    ("新认定的区级首席技师工作室", {"区级", "首席技师"}),  # not 技师
    ("取得高级技师证书的", {"高级技师"}),  # not also 技师
    ("评价为不合格的", {"不合格"}),  # not also 合格
    ("优秀的众创空间和合格的孵化器", {"优秀", "合格", "众创空间", "孵化器"}),
])
def test_kinds_named(text: str, kinds: set[str]) -> None:
    assert set().union(*kinds_named(text).values()) == kinds


@pytest.mark.parametrize(("question", "text", "other"), [
    ("市级首席技师工作室给多少资助？", "对新认定的区级首席技师工作室，资助20万元。", "区级"),
    ("区级首席技师工作室给多少资助？", "对新认定的区级首席技师工作室，资助20万元。", None),
    ("良好的众创空间补多少？", "评价结果为良好的孵化器，给予运营补贴26万元。", "孵化器"),
    ("技师证书补多少？", "取得高级技师证书的，每人补贴6000元。", "高级技师"),
    # A sentence naming no kind of the list is not about another kind.
    ("市级工作室给多少资助？", "给予一次性资助20万元。", None),
])
def test_other_kind(question: str, text: str, other: str | None) -> None:
    assert other_kind(question, text) == other


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    base = corpus_kb("policy_2024_skills_subsidy.html", "policy_2025_incubator.txt",
                     "notice_2025_spring_festival.txt", "policy_2025_rd_subsidy.txt")
    assert not base.ingest([SEED]).failed
    return base


@pytest.mark.parametrize("question", [
    "新认定为市级首席技师工作室的，区里给多少资助？",
    "众创空间运营绩效评价为良好的，能拿多少运营补贴？",
    "2025年国庆节假期办事大厅哪几天不开门？",
    "浦东国际揭榜挂帅平台到2024年底累计发榜多少项？",
    # Sentences of no tier are found beside the 区级 and 市级 ones: no 国家级 figure.
    "新认定为国家级企业技术中心的企业，按研发费用补助办法能拿多少奖励？",
])
def test_a_figure_of_a_sibling_kind_or_moment_is_refused(kb: KnowledgeBase, question: str) -> None:
    response = kb.ask(question)
    assert response.refused, response.answer


@pytest.mark.parametrize(("question", "quoted"), [
    ("新认定为区级首席技师工作室的，给多少资助？", "20万元"),
    ("2025年春节假期办事大厅哪几天不开门？", "1月28日"),
    ("浦东国际揭榜挂帅平台到2025年3月底累计发榜多少项？", "526项"),
    ("新认定为市级企业技术中心的企业能拿多少奖励？", "90万元"),
])
def test_the_kind_or_moment_asked_for_is_answered(
        kb: KnowledgeBase, question: str, quoted: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert quoted in response.answer


@pytest.fixture(scope="module")
def phases_kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("reply_2024_ai_compute.txt", "reply_2025_ai_compute_followup.txt",
                     "policy_2025_incubator.txt", "reply_2023_incubator_operation.docx",
                     "policy_2024_ip_measures.txt", "guide_2025_ip_interest.md",
                     "reply_2023_eco_thirdparty.txt")


def test_a_lower_ranked_sentence_of_the_kind_asked_answers(phases_kb: KnowledgeBase) -> None:
    # The later reply's phase-two figures match the question best; the earlier reply's
    # sentence about phase one gives what is asked.
    response = phases_kb.ask("澄湾智算中心一期刚投入运营那会儿，智能算力有多大？")
    assert not response.refused, response.answer
    assert "1200PFLOPS" in response.answer
    assert "二期" not in response.citations[0].quote


def test_a_sentence_naming_every_kind_of_the_list_does_not_answer_for_one(
        phases_kb: KnowledgeBase) -> None:
    # "评价结果分为优秀、良好、合格和不合格四个等次" names 合格, and gives no subsidy for it.
    assert phases_kb.ask("孵化器年度运营绩效评价结果为“合格”的，现行办法给多少运营补贴？").refused


def test_what_the_asker_lacks_is_not_what_the_question_is_about(
        phases_kb: KnowledgeBase) -> None:
    # "资质" is a rare word of the knowledge base none of the answer's documents uses.
    response = phases_kb.ask("我们是一家普通小微企业，没有科小、高企或专精特新资质，用专利"
                             "在合作银行质押贷款，能申请知识产权质押贴息吗？")
    assert not response.refused, response.answer
    assert response.citations[0].source in {"policy_2024_ip_measures.txt",
                                            "guide_2025_ip_interest.md"}


def test_a_year_later_than_the_answer_s_documents_is_refused(kb: KnowledgeBase) -> None:
    # The seed reply, dated 2025, tells of the platform up to March 2025; 2028 is a year
    # only the R&D rules speak of (in force until 2028年3月31日).
    assert kb.ask("浦东国际揭榜挂帅平台2028年打算发榜多少项？").refused
    response = kb.ask("浦东国际揭榜挂帅平台截至2025年3月底累计发榜多少项？")
    assert not response.refused, response.answer
