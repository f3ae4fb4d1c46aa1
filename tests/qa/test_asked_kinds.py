"""What a question asks for, and the evidence that can answer it: a price or a fee, the
names of units, a place, a web address, a person in a role, a span of time. Passages about
the question's subject that hold none of it are no answer, and the question is refused; an
English question about nothing the knowledge base knows is refused too. A spoken question's
short clause ("…咋申请 在哪报 啥时候截止") is a part that gets its own answer."""

from __future__ import annotations

import pytest

from qa.answer import question_terms
from qa.retrieve import Hit
from qa.service import KnowledgeBase
from qa.text import (
    answer_kinds,
    answer_shapes,
    english_to_chinese_terms,
    english_unmatched_words,
    figure_evidence,
    normalise_question,
    question_parts,
)


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("reply_2024_ai_compute.txt", "reply_2025_ai_compute_followup.txt",
                     "policy_2024_ai_measures.txt", "policy_2024_skills_subsidy.html",
                     "reply_2023_incubator_operation.docx", "notice_office_relocation.txt")


@pytest.mark.parametrize(("question", "sentence", "shows"), [
    # A price or a fee: the evidence names that kind of money, not any amount.
    ("申请一件发明专利要交多少官费？", "单笔贷款金额最大的一笔为1.5亿元。", False),
    ("对企业补贴了多少评估费？", "共补贴知识产权评估费86万元。", True),
    ("智算中心的算力怎么收费？", "二期新增智能算力960PFLOPS。", False),
    ("夜间公交的票价是多少？", "开通夜间公交线路3条。", False),
    ("人才公寓的押金是多少？", "入住率为95.2%。", False),
    ("人才公寓的租金是多少？", "租金按同地段市场租金的68%确定。", True),
    # The names of units: counting them does not name them.
    ("推荐名录里有哪几家机构？", "区内具备资质的第三方治理机构仅有7家。", False),
    ("被评为不合格的是哪家？", "| 云栖芯创空间 | 不合格 |", True),
    ("评估机构有哪些？", "已遴选4家评估机构纳入服务名录。", False),
    # A place one goes to, or where one applies.
    ("智算中心的地址在哪里？", "智算中心二期于2025年5月20日建成投运。", False),
    ("新的办公地址在哪里？", "澄湾大道1616号澄湾科创大厦B座12楼。", True),
    ("证书去哪里考？", "取得初级工证书的，每人补贴800元。", False),
    ("在哪里申请？", "企业通过“一网通办”平台在线提交申请。", True),
    ("知识产权局搬哪去了？", "自2025年3月3日起迁至新址办公。", False),
    ("知识产权局搬哪去了？", "澄湾大道1616号澄湾科创大厦B座12楼。", True),
    ("纸质材料交到哪里？", "纸质材料一式一份报送至区知识产权局运用促进科。", True),
    # An address on the web.
    ("数据交易中心的官方网址是什么？", "在澄湾数据交易中心挂牌上架的，奖励提高至11万元。", False),
    # A person in a role: the evidence names the role.
    ("产业园的负责人是谁？", "2023年获批省级跨境电商产业园1个。", False),
    ("申报的联系人是谁？", "联系人：王老师，电话：021-5888 1234。", True),
    ("澄湾新区现任区长是谁？", "我区现有市级以上工业园区5个。", False),
    # A measure of support: a sentence about the same people that grants nothing.
    ("企业招用残疾人有什么补贴？", "办事大厅设有“绿色通道”窗口，为残疾人提供优先办理服务。", False),
    ("孵化器有哪些奖励？", "每毕业1家，给予孵化器奖励7万元。", True),
    # A year, not any date.
    ("这个办法是哪一年开始施行的？", "自8月1日起施行。", False),
    ("这个办法是哪一年开始施行的？", "本措施自2024年8月1日起施行。", True),
    # An office or agency: the evidence names one.
    ("补助由谁受理？", "公示无异议的，按程序拨付补助资金。", False),
    ("补助由谁受理？", "由区科经委受理申报材料。", True),
    # The criteria of a recognition are conditions.
    ("工作室的评选标准是什么？", "对新认定的区级首席技师工作室，给予一次性资助20万元。", False),
    ("孵化器认定的标准是什么？", "可自主支配的孵化场地面积不低于2500平方米。", True),
    # Materials asked for however the question ends.
    ("海外仓专项资金的申报材料是怎样的？", "按实际投入的20%给予支持，单个项目最高不超过100万元。",
     False),
    ("申请材料有什么格式要求？", "上传营业执照和申请表的扫描件。", True),
])
def test_the_evidence_must_state_the_kind_of_thing_asked_for(
        question: str, sentence: str, shows: bool) -> None:
    kinds = answer_kinds(question)
    assert kinds
    assert all(kind.search(sentence) for kind in kinds) is shows


def test_money_of_a_subsidy_and_kinds_of_enterprise_ask_no_kind() -> None:
    # "补贴多少" asks an amount: any amount or rate may answer it (see figure_evidence).
    assert answer_kinds("孵化器房租补贴是多少？") == []
    # "哪些企业可以申请" asks what kind of enterprise, not for names.
    assert answer_kinds("哪些企业可以申请研发费用补助？") == []


def test_a_discount_asks_for_a_rate() -> None:
    shapes = answer_shapes("人才公寓租金是市场价几折")
    assert any(s.search("租金按同地段市场租金的68%确定") for s in shapes)


@pytest.mark.parametrize(("sentence", "shows"), [
    ("申请人年龄不超过35周岁。", True),
    ("年满18岁的可以申请。", True),
    # Neither an amount nor another count gives an age.
    ("按每人每月1100元给予补贴。", False),
    ("补贴期限最长24个月。", False),
])
def test_an_age_is_given_in_years_of_age(sentence: str, shows: bool) -> None:
    evidence = figure_evidence(answer_shapes("租房补贴对申请人有年龄限制吗？最高多少岁？"))
    assert evidence
    assert any(e.search(sentence) for e in evidence) is shows


@pytest.mark.parametrize(("question", "sentence", "shows"), [
    ("出口退税要多久到账？", "2023年跨境电商进出口额达86.3亿元。", False),
    ("备案需要多长时间？", "对通过备案的企业给予一次性奖励100万元。", False),
    ("审批要多久？", "审核时限为10个工作日。", True),
    ("公示多长时间？", "评审结果公示5个工作日。", True),
])
def test_how_long_asks_for_a_span_in_any_unit(question: str, sentence: str, shows: bool) -> None:
    evidence = figure_evidence(answer_shapes(question))
    assert evidence
    assert any(e.search(sentence) for e in evidence) is shows


def test_english_words_the_glossary_cannot_translate() -> None:
    words = english_unmatched_words(
        "How can my company apply for a work permit for a foreign engineer?")
    assert {"work", "permit", "foreign", "engineer"} <= set(words)
    assert "company" not in words and "apply" not in words  # the glossary has them


@pytest.mark.parametrize(("question", "terms"), [
    # A possessive is its noun; a hyphenated word no entry has is read as its parts.
    ("In Pudong's reply, how many vertical large-model companies released products?",
     {"浦东", "垂类", "大模型", "发布", "产品"}),
    # Plural, past and "-ing" forms, and British spellings, of the glossary's words.
    ("Is the rent subsidised for companies renting space at the incubation centre?",
     {"补贴", "租金", "中心"}),
    ("Which 'little giant' firms are eligible?", {"小巨人"}),
])
def test_english_words_are_translated_in_any_form(question: str, terms: set[str]) -> None:
    assert terms <= set(english_to_chinese_terms(question).split())
    assert not {"pudong", "large-model", "renting", "centre", "giant"} & set(
        english_unmatched_words(question))


@pytest.mark.parametrize("question", [
    "智算中心的算力怎么收费？",
    "澄湾智算中心的地址在哪里？",
    "生成式人工智能备案需要多长时间？",
    "How can my company apply for a work permit for a foreign engineer?",
    # One word the glossary knows ("employee") among five it does not.
    "How can a foreign employee of a Chengwan company get a work visa and residence permit?",
    "What is the minimum wage of a delivery rider?",
    # A year no document is dated in or speaks of; a proposal no reply answers.
    "2031年的人工智能措施有什么变化？",
    "区科经委答复第99号提案时承诺了什么？",
    # The relocation notice gives the switchboard's number, not the hotline's.
    "知识产权局的维权援助热线号码是多少？",
])
def test_passages_on_the_subject_without_what_is_asked_are_refused(
        kb: KnowledgeBase, question: str) -> None:
    response = kb.ask(question)
    assert response.refused, response.answer
    assert response.citations == []
    assert response.nearest_documents  # the refusal still points at what is near


@pytest.mark.parametrize(("question", "quoted"), [
    ("技能提升补贴的审核要多少个工作日？", "10个工作日"),
    ("知识产权局的新办公地址在哪里？", "1616号"),
    ("知识产权局搬家以后总机号码是多少？", "58806200"),
    ("2022年度孵化载体绩效评价里，评价不合格的是哪家？", "云栖芯创空间"),
    ("2024年的人工智能措施里算力费用补贴比例是多少？", "30%"),
    ("How much is the one-off reward for a generative AI service that passes the national "
     "filing?", "100万元"),
])
def test_questions_whose_kind_the_evidence_states_are_answered(
        kb: KnowledgeBase, question: str, quoted: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert any(quoted in c.quote for c in response.citations)


def test_a_short_spoken_clause_is_a_part_of_its_own() -> None:
    parts = question_parts(normalise_question("质押融资贴息咋申请 在哪报 啥时候截止"))
    assert parts == ["质押融资贴息怎么申请", "在哪报", "什么时候截止"]
    # Each asks its own thing: where to hand it in is not any step of the procedure.
    assert not any(s.search("本年度受理企业在2024年10月1日至12月31日期间实际支付的利息")
                   for s in answer_shapes("在哪报"))
    assert any(s.search("企业通过“澄湾新区企业服务云”平台在线申报")
               for s in answer_shapes("在哪报"))


def test_where_and_until_when_are_answered_from_the_guide(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base = corpus_kb("guide_2025_ip_interest.md", "guide_2025_digital_transformation.md",
                     "policy_2024_ip_measures.txt")
    response = base.ask("质押融资贴息咋申请 在哪报 啥时候截止")
    assert not response.refused
    quotes = "".join(c.quote for c in response.citations)
    assert "企业服务云" in quotes  # where: the guide's 申报方式 section
    assert "2025年5月16日" in quotes  # until when: "…至2025年5月16日，逾期不予受理"
    assert {c.source for c in response.citations} == {"guide_2025_ip_interest.md"}
    # A yearly programme asked of a year whose guide is not held: the 2025 window and
    # amounts are not the 2024 ones.
    assert base.ask("2024年度知识产权质押融资贴息申报指南什么时候开始申报？").refused
    assert not base.ask("2025年度知识产权质押融资贴息什么时候开始申报？").refused


@pytest.mark.parametrize(("question", "first"), [
    # "How long" asks for a span, "when" for a date: the sentence holding it leads.
    ("How long does the review of the skills subsidy take?", "10个工作日"),
    ("When did the second phase of the Chengwan computing center start operating?",
     "2025年5月20日"),
])
def test_an_english_question_is_answered_in_the_shape_it_asks_for(
        kb: KnowledgeBase, question: str, first: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert first in response.citations[0].quote


def test_english_words_of_the_genre_find_their_row(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base = corpus_kb("guide_2025_data_elements.pdf", "guide_2025_first_set_equipment.md")
    evaluation = base.ask("What share of the cost of data asset evaluation is subsidised?")
    assert not evaluation.refused
    assert "55%" in evaluation.citations[0].quote
    international = base.ask("What is the maximum award for an international first set of "
                             "equipment?")
    assert any("1200万元" in c.quote for c in international.citations)


@pytest.fixture(scope="module")
def subsidies(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("policy_2025_rd_subsidy.txt", "reply_2024_skills_subsidy.txt",
                     "policy_2024_skills_subsidy.html", "guide_2025_digital_transformation.md")


def test_the_statement_of_the_kind_asked_for_answers_first(subsidies: KnowledgeBase) -> None:
    # Ranked as a larger store ranks them: the articles on performance review and on
    # auditing ("对申报材料进行审核") above the article listing the materials.
    question = "研发补助要交哪些材料"
    found = subsidies.retriever.retrieve(question, 8, None, "hybrid")
    by_article = {h.chunk.section: h for h in found
                  if h.document.source == "policy_2025_rd_subsidy.txt"}
    order = ["第十四条", "第十三条", "第十二条"]
    assert set(order) <= set(by_article), sorted(by_article)
    hits = [Hit(by_article[a].chunk, by_article[a].document, score, None, None)
            for a, score in zip(order, (0.89, 0.76, 0.72), strict=True)]
    answer = subsidies.answerer.answer(question, hits)
    assert not answer.refused
    assert "研发费用辅助账" in answer.citations[0].quote


def test_a_question_of_a_change_is_answered_by_the_sentence_stating_it(
        subsidies: KnowledgeBase) -> None:
    assert any(s.search("补贴标准由每人3000元提高至每人4500元")
               for s in answer_shapes("技师证书的补贴从多少提到多少？"))
    response = subsidies.ask("技师证书的补贴从多少提到多少？")
    assert not response.refused, response.answer
    assert any("3000元" in c.quote and "4500元" in c.quote for c in response.citations)


def test_a_question_word_with_its_measure_is_not_a_term_sought(
        subsidies: KnowledgeBase) -> None:
    # "几个", "几天" ask; a passage holding them literally answers nothing.
    keyword = subsidies.store.snapshot().keyword
    terms = question_terms("数字化转型专项一个企业能报几个项目？评审结果公示几天？", keyword)
    assert "几个" not in terms and "几天" not in terms
    assert {"项目", "公示"} <= set(terms)


def test_the_offices_asked_for_are_named_in_the_answer(subsidies: KnowledgeBase) -> None:
    response = subsidies.ask("研发补助由哪些部门审核？")
    assert not response.refused, response.answer
    assert "区税务局" in response.citations[0].quote


def test_how_people_say_last_year_and_extra_is_how_documents_say_it(
        subsidies: KnowledgeBase) -> None:
    # "去年" is "上年度" in a policy, "额外" is "在…之外".
    response = subsidies.ask("研发投入比去年多了，还能额外拿多少？上限多少")
    assert not response.refused, response.answer
    quotes = "".join(c.quote for c in response.citations)
    assert "14%" in quotes and "52万元" in quotes


def test_where_to_apply_is_read_from_the_rest_of_the_best_document(
        subsidies: KnowledgeBase) -> None:
    # Ranked as a larger store ranks them: four articles above the one naming the platform
    # (the article on materials, "通过…企业服务云平台在线提交").
    question = "研发费用补助在哪儿申报"
    found = subsidies.retriever.retrieve(question, 10, None, "hybrid")
    by_article = {h.chunk.section: h for h in found
                  if h.document.source == "policy_2025_rd_subsidy.txt"}
    order = ["第十一条", "第三条", "第十五条", "第十三条"]
    assert set(order) <= set(by_article), sorted(by_article)
    hits = [Hit(by_article[a].chunk, by_article[a].document, score, None, None)
            for a, score in zip(order, (1.0, 0.89, 0.76, 0.75), strict=True)]
    answer = subsidies.answerer.answer(question, hits)
    assert not answer.refused, answer.text
    assert any("企业服务云" in c.quote for c in answer.citations)
    # A missing figure is not looked for so: the policy's other rates answer other things.
    assert subsidies.ask("研发费用加计扣除比例是多少？").refused


@pytest.mark.parametrize(("question", "money"), [
    ("资金池规模多少", True),
    ("首期到位资金有多少", True),
    ("需要多少资金", True),
    # A fund named as a thing ("资金池") asked about when it was set up asks no amount.
    ("资金池什么时候设立的", False),
    ("专项资金由哪个部门管理", False),
])
def test_funds_named_ask_for_money_only_with_how_much(question: str, money: bool) -> None:
    assert any(s.search("1亿元") for s in answer_shapes(question)) is money


def test_a_threshold_asks_for_conditions(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    # "门槛" is how enterprises say 条件: it asks for them and is no subject of its own.
    assert answer_kinds("申请技改支持需要满足哪些门槛？")
    kb = corpus_kb("policy_2025_rd_subsidy.txt", "policy_2023_srdi_rules.txt")
    response = kb.ask("我们去年研发费用55万元，研发投入占营收约5%，够得上研发费用补助的门槛吗？")
    assert not response.refused, response.answer
    assert "40万元" in response.answer and "6%" in response.answer


@pytest.fixture(scope="module")
def conditions_kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("policy_2025_rd_subsidy.txt", "guide_2025_first_set_equipment.md",
                     "policy_2023_srdi_rules.txt", "policy_2024_ai_measures.txt")


@pytest.mark.parametrize(("question", "listed"), [
    # The policy's "应当同时符合以下条件：" with its items, whole.
    ("研发费用补助对企业的研发投入和研发人员有什么要求？", ("40万元", "6%", "18%")),
    # The guide's items under its "申报条件" heading, though the best sentences were rows
    # of the support table.
    ("做工业软件的想报首台（套）专项，营收、研发投入、合同金额各有什么要求？",
     ("3000万元", "3.5%", "140万元")),
])
def test_asked_for_conditions_the_document_s_list_answers(
        conditions_kb: KnowledgeBase, question: str, listed: tuple[str, ...]) -> None:
    response = conditions_kb.ask(question)
    assert not response.refused, response.answer
    first = response.citations[0].quote
    assert all(figure in first for figure in listed), response.answer


def test_conditions_of_what_no_document_is_about_are_refused(
        conditions_kb: KnowledgeBase) -> None:
    # No document is about the national recognition: no list of another is its answer.
    assert conditions_kb.ask("高新技术企业认定需要满足哪些条件？").refused
