"""What a question's words name and what they only qualify: "when" as a case, not a time
asked for; units and times of day, not names; who asks, not what is asked; a name quoted;
a demonstrative pointing back; the rarest word of what is asked.

The first tests read the question alone; the slow ones ask the whole synthetic corpus and
the seed, every document competing."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase
from qa.text import english_about_sentences, english_to_chinese_terms, latin_names, quoted_names


@pytest.mark.parametrize(("question", "asks_time"), [
    # "when" opening a case after another question word.
    ("How much is paid as a one-off award when a maker space is recognised?", False),
    ("What happens when we hand the papers in late?", False),
    # "when" asked.
    ("When did the platform go live?", True),
    ("What did the bureau promise, and when?", True),
    ("How much is still owed and by when will it be paid?", True),
    ("Do you know when the window opens?", True),
])
def test_when_is_asked_only_as_a_question_word(question: str, asks_time: bool) -> None:
    assert ("时间" in english_to_chinese_terms(question).split()) is asks_time


def test_units_and_times_of_day_are_no_names() -> None:
    question = "Our 450 m2 space runs from 6pm to 2am on a 3MW supply with 5G and DCMM level 3"
    assert latin_names(question) == ["5G", "DCMM"]


def test_sentences_telling_who_asks_are_set_apart() -> None:
    question = ("We are a tech SME with 40 staff. Our loan is pledged on patents. "
                "What share of the interest is refunded?")
    assert english_about_sentences(question) == "What share of the interest is refunded?"
    # A sentence of the asker that asks, or a question of one sentence, stays.
    for kept in ("We run a maker space, can we apply for the award?",
                 "Is there a deadline? We run a small firm, when is it?",
                 "What share of the interest is refunded?"):
        assert english_about_sentences(kept) == kept


def test_quoted_names_are_read_in_either_quotes() -> None:
    assert quoted_names("“知产融”平台和\"孵化在线\"什么时候上线") == ["知产融", "孵化在线"]


@pytest.mark.slow
@pytest.mark.parametrize(("question", "quoted"), [
    # "when" tells of the case; the award, not a date, is asked for.
    ("How big is the one-off award the district pays when a business incubator gets "
     "national-level recognition?", "260万元"),
    # "450 m2" is a size, not a name no document writes; the sentence telling of the
    # space weighs less than the one asking.
    ("We operate a maker space of 450 m2 with 70 desks. What one-time award comes with "
     "district-level recognition under the current rules?", "22万元"),
])
def test_an_english_question_is_answered_by_what_it_asks(
        whole_kb: KnowledgeBase, question: str, quoted: str) -> None:
    response = whole_kb.ask(question)
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"policy_2025_incubator.txt"}, \
        response.answer
    assert quoted in response.answer


@pytest.mark.slow
def test_a_time_of_day_is_no_name_no_document_writes(whole_kb: KnowledgeBase) -> None:
    response = whole_kb.ask("In 2024, what part of the district's consumer spending took "
                            "place between 6pm and 2am?")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"reply_2025_first_store.txt"}, \
        response.answer
    assert "31.4%" in response.answer


@pytest.mark.slow
def test_a_noun_pointing_back_is_no_unknown_subject(whole_kb: KnowledgeBase) -> None:
    # "这个称号" names the recognition told of before it, which no document calls 称号: a
    # yes-or-no question about a noun no document uses is otherwise refused.
    response = whole_kb.ask("我们刚被认定为市级专精特新中小企业，头一回拿到这个称号，"
                            "区里有没有一次性奖励？")
    assert not response.refused, response.answer
    assert response.citations[0].source == "policy_2023_srdi_rules.txt", response.answer
    assert "30万元" in response.answer


@pytest.mark.slow
def test_a_quoted_platform_is_read_beyond_the_best_passages(whole_kb: KnowledgeBase) -> None:
    # The incubator reply names "孵化在线" in a passage ranked below the five found.
    response = whole_kb.ask("科经委在孵化器免租提案的答复里承诺的“孵化在线”平台哪年建成？")
    assert not response.refused, response.answer
    assert response.citations[0].source == "reply_2023_incubator_operation.docx", \
        response.answer
    assert "2023年底前" in response.answer


@pytest.mark.slow
def test_a_quoted_platform_picks_its_own_promise(whole_kb: KnowledgeBase) -> None:
    # Three replies promise an online platform; one names "知产融".
    response = whole_kb.ask("“知产融”这个线上服务平台，承诺哪个月上线？")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"reply_2025_ip_followup.txt"}, \
        response.answer
    assert "2025年6月底前" in response.answer


@pytest.mark.slow
def test_a_reply_giving_the_count_leads_a_policy_sentence_without_it(
        whole_kb: KnowledgeBase) -> None:
    # The IP measures' article on partner banks ranks first and names none of the counts.
    response = whole_kb.ask("知识产权局说合作银行要增加到多少家，什么时候完成？")
    assert not response.refused, response.answer
    assert response.citations[0].source == "reply_2025_ip_followup.txt", response.answer
    assert "12家" in response.answer


@pytest.mark.slow
def test_the_asker_s_kind_does_not_pick_the_rules_for_that_kind(
        whole_kb: KnowledgeBase) -> None:
    # The SRDI rules' own interest subsidy matches "专精特新…贷款…利息", but never speaks
    # of patents: asked of a patent-pledged loan, the IP documents answer or none does.
    response = whole_kb.ask("我们是专精特新企业，拿专利在合作银行质押贷了款，利息能贴多少？")
    assert "policy_2023_srdi_rules.txt" not in {c.source for c in response.citations}, \
        response.answer


@pytest.mark.slow
def test_an_english_question_leans_less_on_the_passages_ranking(
        whole_kb: KnowledgeBase) -> None:
    # The digital transformation guide's table ranks first through "R&D" and "proportion";
    # the R&D subsidy rules' condition states the share asked for.
    response = whole_kb.ask("What minimum proportion of R&D personnel in the total workforce "
                            "at year-end does the 2025 R&D subsidy require?")
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {"policy_2025_rd_subsidy.txt"}, \
        response.answer
    assert "18%" in response.answer


@pytest.mark.slow
@pytest.mark.parametrize(("question", "source"), [
    # The row's "2.71" is in 亿元 by its header; the IP guide's list of its partner banks
    # names the branch too, and answers nothing asked.
    ("科创贷合作银行投放表中，汇诚银行澄湾支行放了多少笔、多少亿元？",
     "reply_2024_sci_loan_followup.docx"),
    # "单个项目最高支持金额" heads the row's "300万元"; the AI measures' article on
    # demonstration projects states another cap.
    ("智能工厂这类项目对关键工序数控化率要求多少，单个项目最高支持多少？",
     "guide_2025_digital_transformation.md"),
])
def test_a_table_row_answers_a_part_under_its_header(
        whole_kb: KnowledgeBase, question: str, source: str) -> None:
    response = whole_kb.ask(question)
    assert not response.refused, response.answer
    assert {c.source for c in response.citations} == {source}, response.answer
