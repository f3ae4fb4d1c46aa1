"""What an asker tells of itself and what it recites are not what it asks: a founding
year, a target quoted from a promise, the proposer of a reply a later one reports on; a
"when" clause opening an English question; the programme a question names in the best
document's title.

The first tests read the question alone; the slow ones ask the whole synthetic corpus and
the seed, every document competing."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase
from qa.text import (
    answer_shapes,
    english_to_chinese_terms,
    quoted_names,
    without_askers_own_years,
)


@pytest.mark.parametrize(("question", "kept"), [
    ("我们是2015年成立的装备企业，能报首台套吗", "我们是成立的装备企业，能报首台套吗"),
    ("我们2023年在澄湾新区注册，能申请吗", "我们在澄湾新区注册，能申请吗"),
    ("公司成立于2020年，研发补助给多少", "公司成立于，研发补助给多少"),
    # What the asker plans or asks of keeps its year.
    ("我们想报2027年度的专项", "我们想报2027年度的专项"),
    ("2024年的补贴标准是多少", "2024年的补贴标准是多少"),
])
def test_the_askers_own_years_are_set_apart(question: str, kept: str) -> None:
    assert without_askers_own_years(question) == kept


@pytest.mark.parametrize(("question", "asks_time"), [
    # A "when" clause opening the sentence tells of a case.
    ("When a guaranteed loan defaults, how is the loss shared out?", False),
    ("When our firm moves here, what support can it get?", False),
    # "When" asking: an auxiliary follows it, or "and" joins a second question.
    ("When was the fund set up, and how much went into it?", True),
    ("When will the new platform go live?", True),
])
def test_an_opening_when_clause_is_a_case(question: str, asks_time: bool) -> None:
    assert ("时间" in english_to_chinese_terms(question).split()) is asks_time


def test_a_ratio_of_shares_has_the_shape_of_a_share() -> None:
    shapes = answer_shapes("损失按什么比例分担")
    assert any(s.search("由资金池、担保公司、合作银行按4:4:2的比例分担") for s in shapes)
    # A time of day is no ratio.
    assert not any(s.search("受理时间为9:00—17:00") for s in shapes)


@pytest.mark.slow
def test_an_english_question_for_a_split_finds_the_ratio(whole_kb: KnowledgeBase) -> None:
    response = whole_kb.ask("When a loan that the district guarantee company backs turns "
                            "bad, how is the loss split between the pool, the guarantor and "
                            "the bank?")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"reply_2024_sci_loan_followup.docx"}, \
        response.answer
    assert "4:4:2" in response.answer


@pytest.mark.slow
def test_an_english_question_for_what_is_excluded_finds_the_article(
        whole_kb: KnowledgeBase) -> None:
    response = whole_kb.ask("If the loan money is used for the wrong things, is a company "
                            "ineligible for the IP pledge interest subsidy? Which uses?")
    assert not response.refused, response.answer
    assert response.citations[0].source == "policy_2024_ip_measures.txt", response.answer
    assert "房地产" in response.answer


@pytest.mark.slow
def test_a_founding_year_no_document_names_does_not_refuse(whole_kb: KnowledgeBase) -> None:
    # No document speaks of 2014: the year is the asker's, not the one asked about.
    response = whole_kb.ask("我们2014年成立，做智能装备，员工120人，上年营收3500万元，"
                            "今年有台设备进了本市首台套目录，可以报首台（套）专项吗？")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"guide_2025_first_set_equipment.md"}, \
        response.answer


@pytest.mark.slow
def test_the_programme_named_answers_not_another_programmes_faq(
        whole_kb: KnowledgeBase) -> None:
    # The data-elements guide's FAQ on start-ups reads almost as the question does but
    # never speaks of 人工智能, the word of the AI measures' title the question names.
    response = whole_kb.ask("刚成立的人工智能初创企业营业收入还没达到申报条件，"
                            "能申请区里人工智能产业的扶持吗？")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"policy_2024_ai_measures.txt"}, \
        response.answer


@pytest.mark.slow
def test_a_proposer_named_is_answered_by_the_later_reply_citing_the_reply(
        whole_kb: KnowledgeBase) -> None:
    # The 2025 reply reports on 周明哲's proposal by its reply's number, not by name.
    response = whole_kb.ask("周明哲委员提的算力基础设施那件提案，当时说智算中心二期明年6月底"
                            "前建成，后来实际是哪天投运的？")
    assert not response.refused, response.answer
    assert response.citations[0].source == "reply_2025_ai_compute_followup.txt", \
        response.answer
    assert "5月20日" in response.answer


@pytest.mark.slow
def test_a_target_recited_in_quotes_is_the_promise_not_a_name(
        whole_kb: KnowledgeBase) -> None:
    response = whole_kb.ask("知识产权局当年定下“2024年质押登记金额突破35亿元”的目标，"
                            "最后实际完成了多少？")
    assert not response.refused, response.answer
    assert response.citations[0].source == "reply_2025_ip_followup.txt", response.answer
    assert "41.75亿元" in response.answer


def test_a_quoted_target_is_no_name() -> None:
    assert quoted_names("当年定下“2024年登记金额突破35亿元”的目标，“知产融”上线了吗") == ["知产融"]


@pytest.mark.slow
def test_the_conditions_quoted_are_those_of_the_kind_asked(whole_kb: KnowledgeBase) -> None:
    # The rules list conditions for incubators, then for maker spaces.
    response = whole_kb.ask("我们想申请认定区级众创空间，需要满足哪些条件？开放式工位要多少个？")
    assert not response.refused, response.answer
    assert response.answer.startswith("申请认定区级众创空间的"), response.answer
    assert "申请认定区级孵化器" not in response.answer
    assert "60个" in response.answer


@pytest.mark.slow
def test_an_enterprise_naming_the_rules_is_answered_by_their_conditions(
        whole_kb: KnowledgeBase) -> None:
    # The 2025 reply tells of the AI measures' subsidy rates; whether the asker qualifies
    # is for the measures' own conditions to say.
    response = whole_kb.ask("我们做AI视觉检测，公司成立8个月，营收不到100万元，想申请人工智能"
                            "措施的算力补贴，营收条件会卡住我们吗？")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"policy_2024_ai_measures.txt"}, \
        response.answer
    assert "成立不满一年的企业" in response.answer


@pytest.mark.slow
def test_an_english_total_value_asks_for_an_amount(whole_kb: KnowledgeBase) -> None:
    response = whole_kb.ask("For Chengwan, not Pudong: how many IP pledge financing "
                            "registrations in 2024, and what total value?")
    assert not response.refused, response.answer
    assert response.citations[0].source == "reply_2025_ip_followup.txt", response.answer
    assert "41.75亿元" in response.answer


@pytest.mark.slow
def test_a_repealed_version_answers_no_part_beside_the_current_one(
        whole_kb: KnowledgeBase) -> None:
    response = whole_kb.ask("孵化器认定对专职孵化服务人员和创业导师分别有什么人数上的要求？")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"policy_2025_incubator.txt"}, \
        response.answer
    assert "6名" in response.answer


@pytest.mark.slow
def test_a_name_the_documents_quote_picks_its_documents(whole_kb: KnowledgeBase) -> None:
    # "科创贷" is written in quotes by the replies on tech credit; the IP rules' own pool
    # ("知识产权质押贷款…按损失本金的40%给予补偿") is another scheme.
    response = whole_kb.ask("我们是专精特新中小企业，今年从合作银行拿了一笔科创贷。这笔贷款"
                            "要是出了本金损失，风险补偿资金池按多少比例补偿银行？")
    assert not response.refused, response.answer
    assert "policy_2024_ip_measures.txt" not in {c.source for c in response.citations}, \
        response.answer
    assert "60%" in response.answer
