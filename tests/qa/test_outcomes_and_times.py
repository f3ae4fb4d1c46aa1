"""Asked what actually happened, a promise is no answer; asked when, a passage that names
no time is none either. Both are refused rather than answered with what was found near."""

from __future__ import annotations

import pytest

from qa.answer import _states_plan
from qa.service import KnowledgeBase
from qa.text import answer_shapes, asks_only_outcome, figure_evidence


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("reply_2022_loan_risk_pool.txt", "reply_2024_sci_loan_followup.docx",
                     "reply_2024_ai_compute.txt", "reply_2025_ai_compute_followup.txt",
                     "policy_2025_incubator.txt", "reply_2024_service_specialist.txt",
                     "reply_2024_crossborder.txt", "reply_2023_incubator_operation.docx",
                     "reply_2023_talent_apartment.md", "reply_2025_talent_apartment_followup.txt")


@pytest.mark.parametrize(("sentence", "plan"), [
    ("我办将会同区财政局于2024年10月底前拨付剩余的2500万元，使资金池规模达到1亿元。", True),
    ("一是2023年内组织投融资对接活动不少于12场。", True),
    ("2024年底前服务企业增加到2100家，专员队伍相应扩充至230名。", True),
    ("三是力争2024年底全区跨境电商进出口额突破100亿元。", True),
    # Reports, even when they name the date once promised.
    ("二期于2025年5月20日建成投运，比原定的2025年6月底前提前约一个月。", False),
    ("资金池于2023年8月正式设立，较原计划推迟两个月。", False),
    ("首期到位资金7500万元，未达到承诺的1亿元。", False),
])
def test_a_plan_is_told_from_a_report(sentence: str, plan: bool) -> None:
    assert _states_plan(sentence) is plan


@pytest.mark.parametrize(("question", "outcome"), [
    ("跨境电商进出口额最终是多少，有没有突破100亿元？", True),
    ("线上服务平台有没有按计划上线？", True),
    ("目标完成了吗？", True),
    ("2023年说拟按每月多少补？最后出台的是每月多少？", False),
    ("跨境电商进出口额是多少？", False),
    # Lowered "to" what, done: what came of it; how far it is to be lowered: the plan.
    ("平台实际哪天上线的？审核时限压到了多少？", True),
    ("审核时限计划压缩到多少？", False),
])
def test_questions_asking_what_came_of_a_plan(question: str, outcome: bool) -> None:
    assert asks_only_outcome(question) is outcome


@pytest.mark.parametrize(("question", "sentence", "shows"), [
    ("区级孵化器认定什么时候开始受理？", "原则上在每年7月组织申报。", True),
    ("区级孵化器认定什么时候开始受理？", "自2025年4月1日起施行。", True),
    ("节后哪天开始办公？", "节后第一个工作日恢复办公。", True),
    ("孵化器认定什么时候开始受理？", "在孵企业不少于30家，近两年内获得投资的不少于3家。", False),
])
def test_when_asks_for_a_time_in_the_evidence(question: str, sentence: str,
                                              shows: bool) -> None:
    evidence = figure_evidence(answer_shapes(question))
    assert evidence
    assert any(e.search(sentence) for e in evidence) is shows


@pytest.mark.parametrize("question", [
    # Only the promise stands in the documents: no later reply says it was kept.
    "剩下那2500万元后来到底拨付到位了没有？",
    "企业服务专员队伍到2024年底实际扩充到多少人了？",
    # A year's outcome is not told by the year before ("2023年…86.3亿元").
    "2024年跨境电商进出口额最后有没有突破100亿元？",
    # Reports found speak of other things ("2022年度…评价结果"), not of the platform named.
    "孵化载体综合服务平台“孵化在线”实际是哪天建成上线的？",
    # The conditions of recognition name no time of application.
    "区级孵化器的认定申请每年什么时候开始受理？",
])
def test_what_the_documents_do_not_report_is_refused(kb: KnowledgeBase, question: str) -> None:
    assert asks_only_outcome(question) or "什么时候" in question
    response = kb.ask(question)
    assert response.refused, response.answer
    assert response.nearest_documents


@pytest.mark.parametrize(("question", "quoted"), [
    ("风险补偿资金池实际是什么时候设立的？", "2023年8月"),
    ("智算中心二期后来实际是哪天建成投运的？", "2025年5月20日"),
    ("2023年跨境电商进出口额最后是多少？", "86.3亿元"),
    # The deadline recited ("原定…9月底前") is no moment the report must name: it came first.
    ("“澄湾人才安居”平台原定2023年9月底前上线，后来实际哪天上线的？", "2023年9月18日"),
])
def test_an_outcome_a_later_reply_reports_is_answered(kb: KnowledgeBase, question: str,
                                                      quoted: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert quoted in response.answer


def test_a_total_paid_out_is_told_by_a_report_not_by_the_rules(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base = corpus_kb("policy_2025_rd_subsidy.txt", "policy_2022_rd_subsidy.pdf",
                     "policy_2024_ai_measures.txt", "reply_2025_ai_compute_followup.txt")
    # The rules set caps and rates; no document says what was paid out in 2024.
    assert base.ask("2024年澄湾新区研发费用补助一共拨付了多少资金、覆盖多少家企业？").refused
    # A reply reports what the compute vouchers paid out.
    response = base.ask("2024年算力券一共发放了多少？")
    assert not response.refused, response.answer
    assert "4150万元" in response.answer
