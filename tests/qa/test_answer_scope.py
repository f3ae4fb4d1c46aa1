"""What stands beside the leading sentence of an answer: nothing about another year than
the one asked about, nor, asked for the rule now, another document's plan; a table row's
figures count with the units of its header."""

from __future__ import annotations

import pytest

from qa.answer import _Scored, _with_units
from qa.service import KnowledgeBase


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("reply_2023_ip_pledge.txt", "reply_2025_ip_followup.txt",
                     "reply_2024_sci_loan_followup.docx", "guide_2025_ip_interest.md",
                     "policy_2024_ai_measures.txt", "reply_2024_ai_compute.txt",
                     "reply_2025_ai_compute_followup.txt", "reply_2023_eco_thirdparty.txt")


def test_a_question_about_one_year_is_answered_of_that_year_only(kb: KnowledgeBase) -> None:
    # Both parts ("笔数", "金额") are about 2022: the follow-up's 2024 figures, worded
    # "登记笔数和金额", answer neither.
    response = kb.ask("2022年全区知识产权质押融资登记笔数和金额各是多少？")
    assert not response.refused, response.answer
    assert "168笔" in response.answer and "23.6亿元" in response.answer
    assert "231笔" not in response.answer
    assert {c.source for c in response.citations} == {"reply_2023_ip_pledge.txt"}


def test_a_table_row_gives_its_figures_in_its_headers_units(kb: KnowledgeBase) -> None:
    response = kb.ask("汇诚银行澄湾支行2023年8月到2024年3月这段时间科创贷的首贷户是几家？")
    assert not response.refused, response.answer
    assert "11" in response.citations[0].quote
    assert {c.source for c in response.citations} == {"reply_2024_sci_loan_followup.docx"}


def test_asked_for_the_rule_now_another_documents_plan_is_left_out(kb: KnowledgeBase) -> None:
    response = kb.ask("现在企业租用算力搞模型训练，补贴比例多少，年度上限多少？"
                      "用区内公共智算设施有没有更高？")
    assert not response.refused, response.answer
    assert "30%" in response.answer and "200万元" in response.answer
    # The 2024 reply's "拟将…提高至30%" was a plan; the measures in force say it.
    assert "拟将" not in response.answer


def test_header_units_are_read_only_for_figures(kb: KnowledgeBase) -> None:
    hits = kb.retriever.retrieve("汇诚银行澄湾支行首贷户", 5)
    row = next(h for h in hits if "| 汇诚银行澄湾支行 |" in h.chunk.text)
    text = next(line for line in row.chunk.text.splitlines()
                if line.startswith("| 汇诚银行澄湾支行 |"))
    shown = _with_units(_Scored(text, row, 1.0))
    assert shown.startswith(text)
    assert "43笔" in shown and "11家" in shown and "亿元" in shown
    assert "汇诚银行澄湾支行笔" not in shown


@pytest.mark.parametrize("question", [
    # The replies give 2022's and 2024's figures, each in a sentence opening with its year.
    "2023年全区知识产权质押融资登记了多少笔？",
    # The follow-up starts phase three's preliminary study; no document gives its budget.
    "澄湾智算中心三期总投资多少？",
    # The 2022 figure stands in a clause opening with its year, mid-sentence.
    "2023年试点园区的污水处理达标率是多少？",
    # The guide lists the bank among eight; no document counts its loans (笔).
    "南岸银行澄湾分行科创贷放了多少笔？",
])
def test_another_years_or_units_figure_or_no_amount_is_refused(kb: KnowledgeBase,
                                                                question: str) -> None:
    response = kb.ask(question)
    assert response.refused, response.answer


def test_the_year_asked_is_answered(kb: KnowledgeBase) -> None:
    response = kb.ask("2024年全区知识产权质押融资登记了多少笔？")
    assert not response.refused, response.answer
    assert "231笔" in response.answer


@pytest.mark.parametrize(("question", "quoted"), [
    ("2022年试点园区的污水处理达标率是多少？", "100%"),
    # The year is the reply's: what it promised is dated 2024.
    ("知识产权局2023年答复提案时说要建几个知识产权金融服务工作站？", "3个"),
])
def test_the_year_asked_or_the_replys_year_is_answered(kb: KnowledgeBase, question: str,
                                                       quoted: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert quoted in response.answer
