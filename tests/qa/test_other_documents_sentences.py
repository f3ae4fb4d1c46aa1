"""An answer led by one document takes another document's sentence only when that
sentence adds what is asked: not for a pair of characters spanning two of the question's
words, not the earlier reply's account when asked how things stand now and the later
reply reports on it, not for a part of the question that names nothing of its own, and
not for a clause telling what the asker lacks ("还没什么抵押物"), which asks nothing.

The first tests read the question alone; the slow ones ask the whole synthetic corpus and
the seed, every document competing."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase
from qa.text import answer_shapes, question_parts, without_askers_years


@pytest.mark.parametrize(("question", "parts"), [
    # What the asker lacks tells, it does not ask.
    ("我们是初创企业，还没什么抵押物，我们最多能贷多少？",
     ["我们是初创企业，还没什么抵押物，我们最多能贷多少？"]),
    ("哪怕只有一项专利，能申请贴息吗？", ["哪怕只有一项专利，能申请贴息吗？"]),
    # Two asks stay two.
    ("补贴比例是多少，最高给多少钱？", ["补贴比例是多少", "最高给多少钱？"]),
])
def test_a_clause_telling_what_the_asker_lacks_asks_nothing(question: str,
                                                            parts: list[str]) -> None:
    assert question_parts(question) == parts


@pytest.mark.parametrize("question", ["评估费能补吗？上限多少？", "贴息上限是多少？"])
def test_a_cap_is_a_sum_or_a_share_not_a_count(question: str) -> None:
    shapes = answer_shapes(question)
    assert any(s.search("最高10万元") for s in shapes)
    assert any(s.search("实际费用的50%") for s in shapes)
    assert not any(s.search("已遴选4家评估机构") for s in shapes)
    assert not any(s.search("2022年共补贴评估费86万元") for s in shapes)


@pytest.mark.parametrize(("question", "left"), [
    # The asker's moving in or founding of late is no year asked about.
    ("公司2024年9月才搬来澄湾，能申请吗？", "公司9月才搬来澄湾，能申请吗？"),
    ("公司2025年3月刚成立，能申请吗", "公司3月刚成立，能申请吗"),
    # A deadline or a moment asked of keeps its year.
    ("2024年底前注册的企业可以申请吗", "2024年底前注册的企业可以申请吗"),
    ("资金池2024年9月才设立吗", "资金池2024年9月才设立吗"),
])
def test_the_askers_move_is_not_a_year_asked(question: str, left: str) -> None:
    assert without_askers_years(question) == left


@pytest.mark.slow
@pytest.mark.parametrize(("question", "source", "figure"), [
    # "上服" of "线上服务平台" does not bring in the talent-housing platform.
    ("金融办承诺的科技金融线上服务平台，说的是什么时候上线？",
     "reply_2024_sci_loan_followup.docx", "2024年9月底"),
    # Asked what the pool pays now: the later reply, not the first reply's plan.
    ("银行给专精特新企业放的科创贷要是出了本金损失，风险补偿资金池现在赔几成？",
     "reply_2024_sci_loan_followup.docx", "60%"),
    # "最高给多少钱" asks of the workshop rows, not of another policy's upgrade support
    # (typed with a slip, "数子化", as people type).
    ("我们厂想搞个数子化车间改造 区里能补多少 最高给多少钱",
     "guide_2025_digital_transformation.md", "150万元"),
    # The proposal's account of firms without collateral is no answer to the asker's case.
    ("我们是入驻区级孵化器的初创企业，还没什么抵押物，听说科创贷要扩大到孵化载体里的企业，"
     "我们最多能贷多少？", "reply_2024_sci_loan_followup.docx", "180万元"),
])
def test_another_document_adds_only_what_is_asked(whole_kb: KnowledgeBase, question: str,
                                                  source: str, figure: str) -> None:
    response = whole_kb.ask(question)
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {source}, response.answer
    assert figure in response.answer, response.answer


@pytest.mark.slow
def test_the_promise_asked_beside_the_outcome_keeps_the_earlier_reply(
        whole_kb: KnowledgeBase) -> None:
    """Asked both what was promised and what came of it, both replies answer."""
    response = whole_kb.ask("“科创贷”合作银行当时承诺增加到多少家？后来实际增加到了几家？")
    assert not response.refused, response.answer
    sources = {c.source for c in response.citations}
    assert "reply_2024_sci_loan_followup.docx" in sources, response.answer
    assert "不少于10家" in response.answer and "11家" in response.answer, response.answer


@pytest.mark.slow
def test_a_row_of_a_document_ranked_well_below_does_not_lead(whole_kb: KnowledgeBase) -> None:
    """The question names the AI policy and kinds of project a guide's table also lists:
    the policy's article leads, not the guide's row."""
    response = whole_kb.ask("人工智能措施里，智能工厂、数字化车间这样的示范项目现在按多少比例支持？"
                            "最高给多少？")
    assert not response.refused, response.answer
    assert response.citations[0].source == "policy_2024_ai_measures.txt", response.answer
    assert "25%" in response.answer and "300万元" in response.answer, response.answer


@pytest.mark.slow
def test_a_cap_asked_is_answered_by_the_sum_not_a_count(whole_kb: KnowledgeBase) -> None:
    """The 2023 reply tells of subsidised valuations and counts the firms on a list; the
    guide's row gives the share and the cap asked."""
    response = whole_kb.ask("我们做专利质押前请了评估机构，评估费区里能补吗？上限多少？")
    assert not response.refused, response.answer
    assert response.citations[0].source in {"guide_2025_ip_interest.md",
                                            "policy_2024_ip_measures.txt"}, response.answer
    assert "50%" in response.answer, response.answer


@pytest.mark.slow
def test_the_askers_move_does_not_ask_the_old_version(whole_kb: KnowledgeBase) -> None:
    """Moved in September 2024, when the 2022 R&D rules were still in force: the asker
    asks about applying now, under the rules that replaced them."""
    response = whole_kb.ask("公司2024年9月才迁到澄湾，已经有科技型中小企业编号，"
                            "今年还能申请研发费用补助吗？")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"policy_2025_rd_subsidy.txt"}, \
        response.answer
