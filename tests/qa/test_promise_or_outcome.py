"""Which of two replies answers: the earlier one that made a promise, or the later one
reporting what came of it; and which promise of the register a question is about.

The first tests read the question alone; the slow ones ask the whole synthetic corpus and
the seed, every document competing."""

from __future__ import annotations

import pytest

from qa.commitments.question import asks_for_progress, commitment_question
from qa.service import KnowledgeBase
from qa.text import english_time_asked


@pytest.mark.parametrize(("question", "asked"), [
    ("In its 2022 reply, how big a risk pool did the financial bureau promise?", "promise"),
    ("How much new capacity was phase two expected to add?", "promise"),
    ("What rent subsidy did the talent bureau first propose in 2023?", "promise"),
    # The promise is recited; the question asks what came of it.
    ("Back in 2022 the district promised a risk pool. When was it actually set up?",
     "outcome"),
    ("When did phase two really start operating, and how much capacity did it add?",
     "outcome"),
    # "and" parts the commission's name, not the question.
    ("How many events did the science and economy commission actually hold in 2024?",
     "outcome"),
    ("What was the loan balance at end-2023, and did it beat the target set in 2022?",
     "outcome"),
    # A pledge loan is no promise; nor is a plain question of a figure.
    ("Which documents do we provide when applying for the IP pledge interest subsidy?",
     None),
    ("How many invention patents were pledged for the largest loan?", None),
    ("科创贷合作银行当时承诺增加到多少家？", None),
])
def test_an_english_question_asks_for_the_promise_or_what_came_of_it(
        question: str, asked: str | None) -> None:
    assert english_time_asked(question) == asked


def test_asking_whether_a_promise_kept_its_time_names_no_topic() -> None:
    # "承诺的时间" is the deadline asked about, not what the promise is about.
    question = "智算中心二期是不是按答复里承诺的时间建成的？"
    wanted = commitment_question(question)
    assert wanted is not None
    assert "topic" not in wanted
    assert asks_for_progress(question)
    assert commitment_question("承诺的风险补偿资金池落实了吗？") == {"topic": "风险补偿资金池"}


@pytest.mark.slow
@pytest.mark.parametrize(("question", "source", "quoted"), [
    # The 2024 report retells the promise in its own words; the question asks what the
    # 2022 reply promised.
    ("In its 2022 reply, how big a tech credit risk pool did the district financial "
     "bureau promise to set up, and what share of principal losses would it cover?",
     "reply_2022_loan_risk_pool.txt", "1亿元"),
    ("What monthly rent subsidy for young professionals did the talent bureau first "
     "propose in its 2023 reply?", "reply_2023_talent_apartment.md", "1400元"),
    # And the reverse: asked when it really happened, the later report answers.
    ("The second phase of the district's AI computing centre: when did it really start "
     "operating?", "reply_2025_ai_compute_followup.txt", "2025年5月20日"),
])
def test_an_english_question_is_answered_by_the_reply_of_the_time_it_asks_about(
        whole_kb: KnowledgeBase, question: str, source: str, quoted: str) -> None:
    response = whole_kb.ask(question)
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {source}, response.answer
    assert quoted in response.answer


@pytest.mark.slow
def test_whether_a_promise_kept_its_time_is_answered_of_the_promise_named(
        whole_kb: KnowledgeBase) -> None:
    # The register's promise reads "预计2025年6月底前建成…"; what it is about, "澄湾智算中心
    # 二期", stands before its clause. The cross-border centre's "建成…中心" is another.
    response = whole_kb.ask("澄湾智算中心二期是不是按答复里承诺的时间建成的？")
    assert not response.refused, response.answer
    sources = {c.source for c in response.citations}
    assert sources == {"reply_2024_ai_compute.txt", "reply_2025_ai_compute_followup.txt"}, \
        response.answer
    assert "2025年5月20日" in response.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    # The seed's "对入驻模力社区的大模型企业给予租金减免支持" is the second passage found, far
    # below the AI policy's score; so is the skills subsidy policy's training subsidy.
    "我们自己研发的垂类大模型产品去年销售了900万元，可以申请什么奖励？",
    "我们自主研发的行业垂类大模型产品，去年卖了1800万元，能申请什么奖励，大概能拿多少？",
])
def test_an_enterprise_s_measures_come_from_the_documents_ranked_near_the_best(
        whole_kb: KnowledgeBase, question: str) -> None:
    response = whole_kb.ask(question)
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"policy_2024_ai_measures.txt"}, \
        response.answer


@pytest.mark.slow
def test_a_promise_named_is_answered_without_the_unit_s_other_promises(
        whole_kb: KnowledgeBase) -> None:
    # The unit and the year find the talent bureau's three promises of 2023; the question
    # names one of them.
    response = whole_kb.ask("人才工作局2023年答应2024年底前新增1600套人才公寓，做到了吗？")
    assert not response.refused, response.answer
    assert "共有1项承诺事项" in response.answer, response.answer
    assert "1280套" in response.answer
    assert not any("线上服务平台" in c.quote or "租房补贴" in c.quote
                   for c in response.citations), response.answer


@pytest.mark.slow
def test_an_english_figure_is_quoted_from_the_policy_when_a_reply_retelling_it_ties(
        whole_kb: KnowledgeBase) -> None:
    # The skills reply retells "每人每年6000元" and its passage ranks a hair above the
    # policy's article; the policy sets the figure.
    response = whole_kb.ask("How much does the district pay for each apprentice per year "
                            "under the new-type apprenticeship scheme, and for how many "
                            "years at most?")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"policy_2024_skills_subsidy.html"}, \
        response.answer
    assert "6000元" in response.answer


@pytest.mark.slow
def test_a_count_the_question_recites_tells_which_promise(whole_kb: KnowledgeBase) -> None:
    # The 2023 promise of 1600 flats names the same park and phase; the 2025 reply's
    # promise is of the 320 left.
    response = whole_kb.ask("滨海产业园人才公寓二期还剩320套没交，人才工作局现在答应哪个月交付？")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {
        "reply_2025_talent_apartment_followup.txt"}, response.answer
    assert "2025年9月底前" in response.answer


@pytest.mark.slow
@pytest.mark.parametrize(("question", "source"), [
    # The 2025 reply retells the 2023 queue ("由2023年4月底的640人降至185人"); the wait of
    # then is in the 2023 reply.
    ("In the spring of 2023, how many people were waiting for a talent flat in the science "
     "city, and how long did they wait on average?", "reply_2023_talent_apartment.md"),
    # "since April 2023" is where a change starts, not the time asked about.
    ("How has the waiting list for talent flats in the science city changed since April "
     "2023?", "reply_2025_talent_apartment_followup.txt"),
])
def test_an_english_question_naming_its_year_is_answered_by_a_reply_of_that_time(
        whole_kb: KnowledgeBase, question: str, source: str) -> None:
    response = whole_kb.ask(question)
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {source}, response.answer
