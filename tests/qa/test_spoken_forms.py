"""How people ask in speech: "孵化器呢？" after a question asks it again of another thing;
"营收", "一起拿", "能报…吗" are the words documents and guides say otherwise."""

from __future__ import annotations

import pytest

from qa.commitments.question import commitment_question
from qa.service import KnowledgeBase, closed_eligibility_question
from qa.text import answer_shapes, question_parts


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("policy_2025_incubator.txt", "guide_2025_first_set_equipment.md",
                     "reply_2023_incubator_operation.docx", "policy_2024_ai_measures.txt")


@pytest.mark.parametrize(("question", "parts"), [
    ("众创空间认定奖励多少？孵化器呢？", ["众创空间认定奖励多少？", "孵化器认定奖励多少？"]),
    ("国际首台套最多补多少？国内的呢", ["国际首台套最多补多少？", "国内首台套最多补多少？"]),
    # A time is no other thing: "现在呢" asks the same part of now.
    ("科创贷合作银行原来有几家？现在呢", ["科创贷合作银行原来有几家？现在呢"]),
    ("2023年发了多少，2024年呢？", ["2023年发了多少", "2024年发了多少"]),
    # Two asks without a comma between them are two parts; a range is one ask.
    ("资金池什么时候设立的首期到位多少钱", ["资金池什么时候设立的", "首期到位多少钱"]),
    ("研发费用补助每年几月申报在哪个平台", ["研发费用补助每年几月申报", "在哪个平台"]),
    ("人才公寓现在多少套入住率多少", ["人才公寓现在多少套", "入住率多少"]),
    ("数字化转型专项申报时间从哪天到哪天", ["数字化转型专项申报时间从哪天到哪天"]),
    ("这个政策是谁负责解释的有什么用", ["这个政策是谁负责解释的有什么用"]),
])
def test_a_follow_up_asks_the_question_before_of_another_thing(
        question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts


def test_each_of_two_things_a_document_is_named_for_gets_its_answer(kb: KnowledgeBase) -> None:
    # The policy is named for both ("孵化器和众创空间认定与扶持办法"): its title tells
    # neither apart, so the incubator's part needs a sentence naming the incubator.
    response = kb.ask("众创空间认定奖励多少？孵化器呢？")
    assert not response.refused, response.answer
    quotes = [c.quote for c in response.citations]
    assert any("众创空间" in q and "22万元" in q for q in quotes)
    assert any("孵化器" in q and "85万元" in q for q in quotes)


def test_taking_two_supports_together_finds_what_may_be_combined(kb: KnowledgeBase) -> None:
    response = kb.ask("首台套保险补偿能和销售支持一起拿吗")
    assert not response.refused, response.answer
    assert "叠加" in response.citations[0].quote


def test_may_we_apply_names_the_programme_without_its_formal_name(kb: KnowledgeBase) -> None:
    question = "我们公司去年营收2500万，能报首台套吗"
    assert closed_eligibility_question(question)
    response = kb.ask(question)
    assert not response.refused, response.answer
    # The stated revenue is judged against the guide's condition, which leads.
    assert response.answer.startswith("按您所说的情况")
    assert "3000万元" in response.citations[0].quote


@pytest.mark.parametrize(("question", "quoted"), [
    ("How much does a newly recognised district-level incubator receive?", "85万元"),
    ("How many full-time incubation staff does a district incubator need?", "6名"),
    ("What share of compute costs is subsidised if we use the district's public computing "
     "facility?", "40%"),
])
def test_english_words_of_recognition_levels_and_staff_find_the_article(
        kb: KnowledgeBase, question: str, quoted: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert quoted in response.citations[0].quote


def test_a_part_is_answered_by_its_own_words_even_those_no_dictionary_has(
        corpus_kb) -> None:  # type: ignore[no-untyped-def]
    # "算力" is no dictionary word, but jieba finds it in the part: it is what the part
    # asks about, and the old version's own article answers it.
    base = corpus_kb("policy_2021_ai_measures.txt", "policy_2024_ai_measures.txt",
                     "reply_2024_ai_compute.txt", "reply_2025_ai_compute_followup.txt")
    response = base.ask("废止的2021年版人工智能若干措施原定有效期到什么时候？"
                        "当时算力补贴比例是多少？")
    assert not response.refused, response.answer
    quotes = [c.quote for c in response.citations if c.source == "policy_2021_ai_measures.txt"]
    assert any("2024年7月31日" in q for q in quotes)
    assert any("20%" in q for q in quotes)


@pytest.fixture(scope="module")
def notices(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("notice_office_hours.txt", "notice_2025_spring_festival.txt",
                     "notice_office_relocation.txt", "policy_2024_skills_subsidy.html")


def test_what_to_bring_for_someone_else_is_the_letter_of_authorisation(
        notices: KnowledgeBase) -> None:
    # "帮别人代办" is "委托他人办理"; an authorisation letter and an identity card are
    # materials.
    response = notices.ask("帮别人代办要带什么")
    assert not response.refused, response.answer
    assert "授权委托书" in response.citations[0].quote


@pytest.mark.parametrize(("question", "quoted"), [
    # 搬家: the notice says 迁至新址; 过完年: after the Spring Festival.
    ("知识产权局是不是搬家了 新地方坐地铁咋走", "地铁"),
    ("过完年大厅哪天开门啊", "2月5日"),
])
def test_spoken_words_for_moving_and_the_new_year(
        notices: KnowledgeBase, question: str, quoted: str) -> None:
    response = notices.ask(question)
    assert not response.refused, response.answer
    assert any(quoted in c.quote for c in response.citations)


@pytest.mark.parametrize(("question", "quoted"), [
    ("Is the enterprise service center hall open on Saturdays, and during which hours?",
     "9:00—12:00"),
    ("Which metro station is nearest to the enterprise service center hall?", "地铁"),
])
def test_english_everyday_words_find_the_notice(
        notices: KnowledgeBase, question: str, quoted: str) -> None:
    response = notices.ask(question)
    assert not response.refused, response.answer
    assert any(quoted in c.quote for c in response.citations)
    assert response.citations[0].source == "notice_office_hours.txt"


def test_spoken_words_for_spouse_and_flat_are_the_documents_words(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base = corpus_kb("reply_2023_talent_apartment.md", "reply_2025_talent_apartment_followup.txt")
    response = base.ask("我是本科毕业，在区内企业上班，但我爱人在澄湾有一套房，"
                        "还能申请人才公寓吗？")
    assert not response.refused, response.answer
    assert any("配偶" in c.quote and "住房" in c.quote for c in response.citations)


def test_a_compound_of_words_the_documents_use_is_no_missing_subject(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base = corpus_kb("policy_2024_ip_measures.txt", "notice_office_relocation.txt")
    # "银行贷款" is written nowhere as such; 银行 and 贷款 are, in the policy.
    response = base.ask("知识产权质押融资风险补偿资金池首期有多大规模？"
                        "银行贷款出现本金损失时按什么比例补偿？")
    assert not response.refused, response.answer
    quotes = "".join(c.quote for c in response.citations)
    assert "6000万元" in quotes and "40%" in quotes
    # A compound that no words of the documents make up whole still counts as missing.
    assert base.ask("知识产权局搬到新址以后旁边有停车场吗").refused


def test_what_time_asks_for_a_time_of_day_not_a_date() -> None:
    shapes = answer_shapes("办事大厅周三开到几点")
    assert any(s.search("每周三延时服务至19:00") for s in shapes)
    assert not any(s.search("2月5日（星期三）起恢复正常办公") for s in shapes)
    # With a date asked as well, a date answers.
    assert any(s.search("2025年6月20日") for s in answer_shapes("截止日期是哪天几点"))


def test_two_asks_without_a_comma_get_two_answers(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base = corpus_kb("policy_2025_rd_subsidy.txt", "guide_2025_digital_transformation.md")
    response = base.ask("研发费用补助每年几月申报在哪个平台")
    assert not response.refused, response.answer
    quotes = "".join(c.quote for c in response.citations)
    assert "7月" in quotes and "企业服务云" in quotes


def test_english_young_talent_rent_subsidy_is_the_talent_bureau_s(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    # "rent subsidy" is 房租补贴 for incubated firms and 租房补贴 for young talent.
    base = corpus_kb("reply_2023_talent_apartment.md", "reply_2025_talent_apartment_followup.txt",
                     "reply_2023_incubator_operation.docx", "policy_2025_incubator.txt")
    response = base.ask("What is the monthly rent subsidy for young talent?")
    assert not response.refused, response.answer
    assert "青年人才" in response.citations[0].quote
    assert response.citations[0].source.startswith("reply_20")
    assert "talent" in response.citations[0].source


def test_a_bureau_named_without_the_district_is_the_unit_asked_about(
        corpus_kb) -> None:  # type: ignore[no-untyped-def]
    # "人才工作局" is "澄湾新区人才工作局": its promises of that year, not every unit's
    # promises narrowed to those holding "人才".
    assert commitment_question("人才工作局2023年承诺了什么") == {
        "agency": "人才工作局", "year": 2023}
    assert commitment_question("请问人才工作局承诺了什么") == {"agency": "人才工作局"}
    base = corpus_kb("reply_2023_talent_apartment.md", "reply_2025_talent_apartment_followup.txt",
                     "reply_2023_incubator_operation.docx")
    response = base.ask("人才工作局2023年承诺了什么")
    assert not response.refused, response.answer
    assert "共有3项承诺事项" in response.answer
    assert "1600套" in response.answer and "1400元" in response.answer


def test_a_report_repeating_the_whole_target_is_kept_beside_a_summary(
        corpus_kb) -> None:  # type: ignore[no-untyped-def]
    # The follow-up sums up ("…建设算力统一调度平台…等工作，现已全部完成") and then reports
    # this promise alone ("超过“不少于5家”的目标"): that report is kept too.
    base = corpus_kb("reply_2024_ai_compute.txt", "reply_2025_ai_compute_followup.txt")
    promise = next(c for c in base.commitments.all()
                   if "调度平台" in c.quote and c.source == "reply_2024_ai_compute.txt")
    assert promise.target == "不少于5家"
    assert any("2024年12月16日上线运行" in p.quote for p in promise.progress)


def test_new_and_old_is_a_comparison_not_an_unknown_thing(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base = corpus_kb("policy_2025_incubator.txt", "policy_2021_incubator.pdf",
                     "reply_2023_incubator_operation.docx")
    response = base.ask("孵化器房租补贴新旧办法各是多少")
    assert not response.refused, response.answer
    assert any("45%" in c.quote for c in response.citations)
