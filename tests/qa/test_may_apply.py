"""An enterprise or a person asking whether they may apply ("我们是刚注册半年的大模型创业
公司，…能不能享受人工智能产业措施的支持？"): what they say of themselves qualifies the
question but is not what it is about, and the measure's own list of conditions, with the
line that lifts one of them, decides it."""

from __future__ import annotations

import pytest

from qa.answer import _conditions_block
from qa.service import KnowledgeBase
from qa.text import asks_may_apply


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("policy_2024_ai_measures.txt", "policy_2025_rd_subsidy.txt",
                     "reply_2023_talent_apartment.md",
                     "reply_2025_talent_apartment_followup.txt", "reply_2024_ai_compute.txt",
                     "reply_2023_incubator_operation.docx", "reply_2024_sci_loan_followup.docx",
                     "guide_2025_digital_transformation.md", "reply_2024_crossborder.txt",
                     "policy_2023_srdi_rules.txt")


@pytest.mark.parametrize(("question", "asks"), [
    ("我们营收800万元，能申报数字化车间项目吗？", True),
    ("能不能享受区里人工智能产业措施的支持？", True),
    ("可否申请研发费用补助", True),
    ("请问是否符合研发费用补助的申请条件？", True),
    ("海外仓专项支持我们够得上吗？", True),
    ("我们能不能先把专项报上去？", True),
    ("我们营收1500万元，想报数字化车间项目，条件够吗？", True),
    ("我们有资格报首台（套）专项吗？", True),
    ("去年享受了多少补贴？", False),
    ("研发费用补助怎么申请？", False),
])
def test_asking_whether_one_may_apply(question: str, asks: bool) -> None:
    assert asks_may_apply(question) is asks


def test_a_line_lifting_a_condition_belongs_to_the_list() -> None:
    lifted = "成立不满一年的企业，不受第（二）项营业收入条件限制。"
    passage = ("本措施支持对象应同时符合以下条件：\n（一）在本区注册；\n"
               f"（二）上年度营业收入不低于500万元。\n{lifted}\n第三条 其他事项。")
    block = _conditions_block(passage)
    assert block is not None
    assert block.endswith("不受第（二）项营业收入条件限制。")
    assert "第三条" not in block
    # A line that lifts nothing ends the list.
    plain = passage.replace(lifted, "申报时间另行通知。")
    assert (_conditions_block(plain) or "").endswith("不低于500万元。")


@pytest.mark.parametrize("question", [
    # No sentence holds enough of the question: the measures named are judged by their list.
    "我们是刚注册半年的大模型创业公司，营收还不到500万，能不能享受区里人工智能产业措施的支持？",
    # The best sentence is one item of the list: the whole list, with what lifts it, answers.
    "我们AI公司成立才半年，营收还不到500万，能享受区里人工智能产业的扶持吗？",
])
def test_may_we_apply_is_answered_by_the_measure_s_conditions(kb: KnowledgeBase,
                                                              question: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    first = response.citations[0]
    assert first.source.endswith("policy_2024_ai_measures.txt")
    assert "应同时符合以下条件" in first.quote, response.answer
    assert "500万元" in first.quote and "成立不满一年" in first.quote, response.answer


def test_who_asks_is_not_what_the_question_is_about(kb: KnowledgeBase) -> None:
    # "工人" says who asks; no document needs to name it for the flats to be the subject.
    response = kb.ask("我是有技师证的一线技术工人，没有本科学历，以后能不能申请人才公寓？")
    assert not response.refused, response.answer
    assert any("人才公寓" in c.quote for c in response.citations), response.answer
    # A yes-or-no question about something no document names is still refused.
    assert kb.ask("人才公寓可以养宠物吗？").refused


def test_a_table_row_the_asker_names_of_itself_is_not_the_answer(kb: KnowledgeBase) -> None:
    # "区级孵化器" is a cell of the incubators' evaluation table; here it says who asks.
    response = kb.ask("我们是刚入驻区级孵化器的初创企业，能不能申请“科创贷”？最多能贷多少？")
    assert not response.refused, response.answer
    assert "180万元" in response.answer
    assert {c.source for c in response.citations} == {"reply_2024_sci_loan_followup.docx"}


@pytest.mark.parametrize(("question", "condition"), [
    # Telling of itself, the enterprise is answered with the conditions it is held against,
    # not with the support table's row for its project.
    ("我们是专精特新企业，营收5000万，数字化车间改造项目2023年10月就开工了，目前已完成七成投资，"
     "能报今年的数字化转型专项吗？", "2024年1月1日以后开工"),
    ("本公司现有职工60名，其中研发人员10名；上年度研发费用120万元、营业收入1500万元。请问是否符合"
     "研发费用补助的申请条件？", "18%"),
])
def test_an_enterprise_telling_of_itself_gets_the_conditions(kb: KnowledgeBase, question: str,
                                                            condition: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert any(condition in c.quote for c in response.citations), response.answer


def test_a_place_in_the_asker_s_account_is_not_what_is_asked_about(kb: KnowledgeBase) -> None:
    # No document names 越南; the question is whether the warehouse meets the reply's size.
    response = kb.ask("我们在越南租用的海外仓大概三千平方米，"
                      "商务委说要搞的海外仓专项支持我们够得上吗？")
    assert not response.refused, response.answer
    assert "5000平方米" in response.answer


def test_an_asker_of_a_kind_raised_for_is_told_of_the_raise(kb: KnowledgeBase) -> None:
    # The measures raise the rate of articles 3, 5 and 6 for 专精特新 firms, in an article
    # of their own that the question's words hardly share.
    response = kb.ask("我们是专精特新中小企业，去年租用外部算力做模型训练花了400万，"
                      "算力补贴能拿多少？")
    assert not response.refused, response.answer
    assert "实际发生算力费用的30%" in response.citations[0].quote
    assert any("5个百分点" in c.quote for c in response.citations), response.answer
    # Not told to an asker of no such kind.
    plain = kb.ask("我们去年租用外部算力做模型训练花了400万，算力补贴能拿多少？")
    assert not any("5个百分点" in c.quote for c in plain.citations), plain.answer


def test_a_name_the_asker_gives_itself_is_not_what_it_asks_about(kb: KnowledgeBase) -> None:
    # "“小巨人”" says who asks; the technical upgrade article never names it.
    response = kb.ask("我们是国家级专精特新“小巨人”，去年营收8000万、研发占比4%，"
                      "要上一个总投资2500万的技改项目，其中设备投资1800万，最多能拿多少支持？")
    assert not response.refused, response.answer
    assert "设备投资额的10%" in response.citations[0].quote, response.answer
