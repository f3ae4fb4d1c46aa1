"""Answers read out of tables, answers for the moment a question names, spoken asking
words, a part of a question that names the document it wants, and questions that ask the
same of two things ("…分别是多少")."""

from __future__ import annotations

import pytest

from qa.answer import _special_case
from qa.service import KnowledgeBase
from qa.text import (
    DATE_SHAPE,
    answer_kinds,
    answer_shapes,
    compared_parts,
    dated_clause,
    english_dates,
    figure_evidence,
    normalise_question,
    question_parts,
)


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("reply_2024_sci_loan_followup.docx", "reply_2023_incubator_operation.docx",
                     "policy_2025_incubator.txt", "policy_2021_incubator.pdf",
                     "reply_2025_ip_followup.txt", "policy_2024_ip_measures.txt")


def _stands_in_source(kb: KnowledgeBase, doc_id: str, quote: str) -> bool:
    text = kb.store.table.document_text(doc_id)
    return text is not None and quote in text


def test_a_row_the_question_names_leads_with_its_columns_names(kb: KnowledgeBase) -> None:
    response = kb.ask("澄湾科创银行的科创贷放了多少亿元？")
    assert not response.refused
    first = response.citations[0]
    # The answer says which column each value is; the quote is the row as it stands.
    assert response.answer.startswith("合作银行：澄湾科创银行，")
    assert "贷款金额（亿元）：7.15" in response.answer.split("[1]")[0]
    assert first.quote.startswith("| 澄湾科创银行 |") and "7.15" in first.quote
    assert first.source == "reply_2024_sci_loan_followup.docx"
    assert _stands_in_source(kb, first.doc_id, first.quote)


def test_a_cell_value_names_its_row(kb: KnowledgeBase) -> None:
    response = kb.ask("2022年度孵化载体绩效评价里，被评为不合格的是哪家？")
    assert not response.refused
    assert "云栖芯创空间" in response.citations[0].quote
    assert "评价等次：不合格" in response.answer.split("[1]")[0]


def test_a_category_many_rows_share_names_no_row(kb: KnowledgeBase) -> None:
    # "众创空间" is the type of three rows and "优秀" the grade of three: neither names a
    # row, and the policy's figure answers.
    response = kb.ask("众创空间评价为优秀的给多少运营补贴？")
    assert not response.refused
    assert not response.answer.startswith("载体名称：")
    assert "8万元" in response.answer


def test_a_value_names_a_row_of_another_document_only_by_chance(kb: KnowledgeBase) -> None:
    # "区级孵化器" is the type of one row of the reply's table and the kind of place the
    # asker rents: the current rules' article on rent answers, not that row.
    response = kb.ask("我们是在孵企业，租的是区级孵化器的场地，一年房租50万元，"
                      "按新办法房租能补多少？")
    assert not response.refused, response.answer
    assert not response.answer.startswith("载体名称：")
    assert response.citations[0].source == "policy_2025_incubator.txt"
    assert "45%" in response.answer


def test_the_sentence_naming_the_moment_asked_about_comes_first(kb: KnowledgeBase) -> None:
    response = kb.ask("知识产权质押融资风险补偿资金池截至2025年2月底覆盖了多少笔贷款？金额多少？")
    assert not response.refused
    first = response.citations[0]
    assert "139笔" in first.quote and "9.8亿元" in first.quote
    assert first.source == "reply_2025_ip_followup.txt"


def test_a_part_naming_a_reply_is_answered_from_that_reply(kb: KnowledgeBase) -> None:
    question = ("在孵企业房租补贴比例，2023年区科经委答复提案时是多少？"
                "2025年新的孵化器扶持办法改成了多少？")
    response = kb.ask(question)
    assert not response.refused
    quotes = [(c.source, c.quote) for c in response.citations]
    assert any(source == "policy_2025_incubator.txt" and "45%" in quote
               for source, quote in quotes)
    assert any(source == "reply_2023_incubator_operation.docx" and "35%" in quote
               for source, quote in quotes)
    # The article's heading line holds no figure and is not quoted as one.
    assert all(not quote.startswith("第八条") for _, quote in quotes)


@pytest.mark.parametrize(("spoken", "written"), [
    ("贴息咋申请 啥时候截止", "贴息怎么申请 什么时候截止"),
    ("按几成补", "按多少比例补"),
    ("这是啥意思", "这是什么意思"),
])
def test_spoken_asking_words_are_read_as_written_ones(spoken: str, written: str) -> None:
    assert normalise_question(spoken) == written


def test_a_spoken_when_asks_for_a_date_and_makes_a_part() -> None:
    question = normalise_question("服务专员我们专精特新企业也能配吗，啥时候开始")
    assert any(shape.pattern == DATE_SHAPE for shape in answer_shapes(question))
    assert len(question_parts(question)) == 2


@pytest.mark.parametrize(("question", "parts"), [
    ("浦东和澄湾新区2024年知识产权质押融资登记金额分别是多少？",
     ["浦东2024年知识产权质押融资登记金额是多少?",
      "澄湾新区2024年知识产权质押融资登记金额是多少?"]),
    ("孵化器认定办法2021版和2025版的房租补贴比例分别是多少？",
     ["孵化器认定办法2021版的房租补贴比例是多少?", "孵化器认定办法2025版的房租补贴比例是多少?"]),
    ("人才公寓的租金和面积标准分别是多少？",
     ["人才公寓的租金是多少?", "人才公寓的面积标准是多少?"]),
    ("能同时申请数据资产质押融资贴息和知识产权质押融资贴息吗？两边的比例分别是多少？",
     ["数据资产质押融资贴息的比例是多少?", "知识产权质押融资贴息的比例是多少?"]),
    ("孵化器的房租补贴比例是多少？", []),
    # The pair's owner ("…下，新被认定为") is cut off before the names are read.
    ("现行的扶持办法下，新被认定为区级孵化器和区级众创空间的，分别能拿到多少一次性奖励？",
     ["现行的扶持办法下,新被认定为区级孵化器的,能拿到多少一次性奖励?",
      "现行的扶持办法下,新被认定为区级众创空间的,能拿到多少一次性奖励?"]),
])
def test_a_question_asking_the_same_of_two_things_is_asked_of_each(
        question: str, parts: list[str]) -> None:
    assert compared_parts(normalise_question(question)) == parts


def test_each_of_two_versions_is_answered(kb: KnowledgeBase) -> None:
    response = kb.ask("孵化器认定办法2021版和2025版的房租补贴比例分别是多少？")
    assert not response.refused
    quotes = [(c.source, c.quote) for c in response.citations]
    assert any(source == "policy_2021_incubator.pdf" and "35%" in quote
               for source, quote in quotes)
    assert any(source == "policy_2025_incubator.txt" and "45%" in quote
               for source, quote in quotes)


@pytest.mark.parametrize(("question", "dates"), [
    ("How many talent apartments were there by March 2025?", ["2025年3月底"]),
    ("What was the loan balance at the end of 2023?", ["2023年底"]),
    ("How much was granted in June 2025?", ["2025年6月"]),
    ("How many loans as of Feb. 2025?", ["2025年2月底"]),
    ("What is the subsidy rate?", []),
])
def test_english_dates_are_read_as_the_documents_write_them(
        question: str, dates: list[str]) -> None:
    assert english_dates(question) == dates


def test_an_english_question_is_answered_for_the_moment_it_names(kb: KnowledgeBase) -> None:
    response = kb.ask("How many loans had the IP pledge risk compensation pool covered "
                      "by February 2025?")
    assert not response.refused
    assert "139笔" in response.citations[0].quote


@pytest.mark.parametrize(("question", "parts"), [
    ("算力券2023年发了多少，2024年呢？", ["算力券2023年发了多少", "算力券2024年发了多少"]),
    ("算力券2023年发了多少 2024年呢", ["算力券2023年发了多少", "算力券2024年发了多少"]),
    ("2023年4月底全区有多少套人才公寓？到2025年3月底呢？",
     ["2023年4月底全区有多少套人才公寓?", "2025年3月底全区有多少套人才公寓?"]),
    ("知识产权质押融资贴息咋申请 啥时候截止", ["知识产权质押融资贴息怎么申请", "什么时候截止"]),
    ("这个补贴多少钱呢？", ["这个补贴多少钱呢?"]),
])
def test_a_follow_up_asks_the_question_before_of_another_time(
        question: str, parts: list[str]) -> None:
    assert question_parts(normalise_question(question)) == parts


def test_a_follow_up_year_is_answered_from_the_later_report(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base = corpus_kb("reply_2024_ai_compute.txt", "reply_2025_ai_compute_followup.txt")
    response = base.ask("算力券2023年发了多少 2024年呢")
    assert not response.refused
    shown = " ".join(c.quote for c in response.citations)
    assert "2860万元" in shown and "4150万元" in shown
    # The year in a document's number is not the year asked about.
    assert any("2024年" in c.quote and "4150万元" in c.quote for c in response.citations)


@pytest.mark.parametrize(("question", "sentence", "shows"), [
    ("公共数据平台有多少人注册了", "平台注册用户3215个，累计接口调用214万次。", True),
    ("上架奖励能拿几次", "同一数据产品只能获得一次上架奖励；", True),
    ("人才公寓一个月租金多少钱", "租金按同地段市场租金的68%确定。", True),
    ("研发补助最多多少钱", "申报材料须在规定时间内提交。", False),
    ("有多少家企业", "全区企业积极参与。", False),
    # A fee, a wage or a rent asked for is money, not any count.
    ("企业服务专员的工资是多少", "专员队伍相应扩充至230名。", False),
    ("孵化器每年要交多少管理费", "每年举办创业沙龙12场。", False),
])
def test_a_figure_asked_for_is_read_loosely_in_the_evidence(
        question: str, sentence: str, shows: bool) -> None:
    evidence = figure_evidence(answer_shapes(question))
    assert evidence
    assert any(e.search(sentence) for e in evidence) is shows


def test_a_count_in_another_unit_is_an_answer_not_a_refusal(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    response = corpus_kb("reply_2025_public_data.html").ask("公共数据平台有多少人注册了")
    assert not response.refused
    assert any("3215个" in c.quote for c in response.citations)


@pytest.mark.parametrize(("question", "sentence", "shows"), [
    ("补贴期限最长几年", "补贴期限最长不超过3年。", True),
    ("发明专利的保护期限是多少年", "合作银行由2023年的6家增加至8家。", False),
    ("发明专利的保护期限是多少年", "平均放款周期压缩至9个工作日。", False),
    ("审核要多少个工作日", "审核时限由20个工作日压缩至10个工作日。", True),
    ("措施的有效期几年", "本措施自2021年8月1日起施行，有效期至2024年7月31日。", True),
])
def test_a_span_of_time_is_not_a_year(question: str, sentence: str, shows: bool) -> None:
    evidence = figure_evidence(answer_shapes(question))
    assert any(e.search(sentence) for e in evidence) is shows


@pytest.mark.parametrize(("question", "sentence", "shows"), [
    ("高新技术企业认定需要满足哪些条件？",
     "高新技术企业的基础补助比例提高2个百分点，最高金额不变。", False),
    ("申报需要满足什么条件？", "申报主体须为在本区注册登记并依法纳税的企业。", True),
    ("海外仓专项资金需要交哪些材料？", "我委拟在2025年设立跨境电商海外仓专项支持资金。", False),
    ("培训补贴申领要带什么材料", "申请材料由原来的9项精简为5项。", True),
])
def test_conditions_and_materials_must_be_stated(
        question: str, sentence: str, shows: bool) -> None:
    kinds = answer_kinds(normalise_question(question))
    assert kinds
    assert all(kind.search(sentence) for kind in kinds) is shows


def test_how_to_apply_looks_for_where_and_how_to_hand_it_in() -> None:
    shapes = answer_shapes(normalise_question("技能提升补贴怎么申领？"))
    assert any(s.search("企业通过“一网通办”平台在线提交申请") for s in shapes)
    # Not a figure: an answer without one is not refused for lack of it.
    assert figure_evidence(shapes) == []


@pytest.mark.parametrize(("question", "lead"), [
    # The general rule first; the case that raises it only when the question names it.
    ("知识产权质押融资贴息比例是多少？", "50%"),
    ("首次获得知识产权质押贷款的，贴息比例是多少？", "70%"),
])
def test_the_general_figure_leads_unless_the_question_names_the_special_case(
        kb: KnowledgeBase, question: str, lead: str) -> None:
    response = kb.ask(question)
    assert not response.refused
    assert lead in response.citations[0].quote
    assert response.citations[0].source == "policy_2024_ip_measures.txt"


@pytest.mark.parametrize(("sentence", "question", "special"), [
    ("首次获得知识产权质押贷款的企业，贴息比例提高至70%。", "知识产权质押融资贴息比例是多少",
     True),
    ("首次获得知识产权质押贷款的企业，贴息比例提高至70%。", "首次贷款的贴息比例是多少", False),
    ("首次获得知识产权质押贷款的企业，贴息比例提高至70%。", "贴息比例能提高到多少", False),
    ("对符合条件的企业，按其实际支付贷款利息的50%给予贴息。", "贴息比例是多少", False),
    # Who the case is, not what is raised: "基础补助比例" is asked, the case is not named.
    ("高新技术企业、专精特新中小企业的基础补助比例提高2个百分点。", "基础补助比例是多少", True),
    ("高新技术企业、专精特新中小企业的基础补助比例提高2个百分点。", "高新技术企业的比例是多少",
     False),
    # The clause saying since when names no case; the one after it does, and is asked.
    ("自2024年7月1日起，对合作银行向专精特新中小企业发放的“科创贷”，资金池补偿比例由50%提高至60%。",
     "银行给专精特新企业放的科创贷出了本金损失，资金池赔几成？", False),
    ("自2024年7月1日起，对合作银行向专精特新中小企业发放的“科创贷”，资金池补偿比例由50%提高至60%。",
     "资金池补偿比例是多少？", True),
])
def test_a_special_case_is_told_by_its_own_words(sentence: str, question: str,
                                                 special: bool) -> None:
    identity = "澄湾新区知识产权质押融资贴息及风险补偿管理办法"
    assert _special_case(sentence, question, identity) is special


def test_an_hour_written_with_shi_is_a_time_of_day() -> None:
    import re

    assert re.search(DATE_SHAPE, "运营时间延长至次日0时30分")
    assert not re.search(DATE_SHAPE, "全天24小时在线")


def test_asked_why_the_sentence_giving_the_reason_leads(kb: KnowledgeBase) -> None:
    response = kb.ask("科创贷风险补偿资金池为什么推迟设立？")
    assert not response.refused
    assert "受区级财政年度预算安排影响" in response.citations[0].quote


def test_a_version_named_by_its_year_answers_each_part(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base = corpus_kb("policy_2021_ai_measures.txt", "policy_2024_ai_measures.txt",
                     "reply_2024_ai_compute.txt")
    response = base.ask("2021年版人工智能若干措施原定有效期到哪天？当时算力补贴比例是多少？")
    assert not response.refused, response.answer
    first = response.citations[0]
    assert first.source == "policy_2021_ai_measures.txt"  # the version named, not a reply
    assert "2024年7月31日" in first.quote
    assert any("20%" in c.quote for c in response.citations)


_DATED = "截至2023年4月底，全区累计筹集人才公寓3860套，其中新建2140套；已入住3579套，入住率92.7%。"


@pytest.mark.parametrize(("clause", "passage", "dated"), [
    # The time opening a sentence dates its later clauses.
    ("已入住3579套，入住率92.7%。", _DATED, _DATED),
    # A clause naming its own year, a list's next item, a new line: as they are.
    ("2024年新增1280套。", "截至2023年4月底，共3860套；2024年新增1280套。", "2024年新增1280套。"),
    ("二是每半年通报一次。", "2024年，一是开设专区；二是每半年通报一次。", "二是每半年通报一次。"),
    ("已入住3579套。", "截至2023年4月底，共3860套；\n已入住3579套。", "已入住3579套。"),
    # A sentence not opening with its time dates nothing.
    ("同比增长21%。", "全区完成登记168笔，涉及2023年4月底前的贷款；同比增长21%。", "同比增长21%。"),
])
def test_a_clause_is_dated_by_the_time_its_sentence_opens_with(
        clause: str, passage: str, dated: str) -> None:
    assert dated_clause(clause, passage) == dated


def test_a_figure_in_a_later_clause_answers_for_the_moment_its_sentence_opens_with(
        corpus_kb) -> None:  # type: ignore[no-untyped-def]
    # "截至2023年4月底，…；已入住3579套，入住率92.7%。" and a later reply's "截至2025年3月底，
    # …入住率95.2%": each moment gets its own rate, quoted with its date.
    base = corpus_kb("reply_2023_talent_apartment.md", "reply_2025_talent_apartment_followup.txt")
    response = base.ask("2023年4月底人才公寓入住率多少")
    assert not response.refused, response.answer
    first = response.citations[0]
    assert first.source == "reply_2023_talent_apartment.md"
    assert first.quote.startswith("截至2023年4月底")
    assert first.quote.rstrip("。").endswith("入住率92.7%")
    assert _stands_in_source(base, first.doc_id, first.quote)
    both = base.ask("人才公寓2023年4月底和2025年3月底入住率分别多少")
    quotes = [c.quote for c in both.citations]
    assert any("2023年4月底" in q and "92.7%" in q for q in quotes), both.answer
    assert any("2025年3月底" in q and "95.2%" in q for q in quotes), both.answer


def test_a_part_told_apart_by_its_year_is_answered_for_that_year(kb: KnowledgeBase) -> None:
    # The sentence on the 2025 target also names the banks, but not 2023.
    response = kb.ask("合作银行2023年几家，2025年底前要到几家")
    assert not response.refused, response.answer
    quotes = [c.quote for c in response.citations]
    assert any("2025年底前" in q and "12家" in q for q in quotes)
    assert any("2023年的6家" in q for q in quotes), response.answer


@pytest.mark.parametrize(("question", "price_asked"), [
    ("人才公寓的租金是多少？", True),
    ("人才公寓的租金大概是周边市场价的几成？", False),
    ("租金相当于市场价的百分之多少？", False),
])
def test_a_share_of_a_price_asks_no_price(question: str, price_asked: bool) -> None:
    # "租金按同地段市场租金的68%确定" states a share, not a price.
    assert bool(answer_kinds(normalise_question(question))) is price_asked
