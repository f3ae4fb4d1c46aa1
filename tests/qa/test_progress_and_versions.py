"""What came of a promise is answered from the later reports the register links to it; a
year asked about is answered from the version in force then; another document's sentence
stands beside the best one only when it adds what the best passage lacks."""

from __future__ import annotations

import pytest

from qa.answer import _states_plan
from qa.commitments.question import commitment_question
from qa.service import KnowledgeBase, register_question
from qa.text import asks_only_outcome
from qa.versions import in_force_in_year_asked
from store.doctable import DocumentRow

LOANS = ("reply_2022_loan_risk_pool.txt", "reply_2024_sci_loan_followup.docx")
IP = ("reply_2023_ip_pledge.txt", "policy_2024_ip_measures.txt", "reply_2025_ip_followup.txt")
INCUBATORS = ("policy_2021_incubator.pdf", "policy_2025_incubator.txt",
              "reply_2023_incubator_operation.docx")


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb(*LOANS, *IP, *INCUBATORS, "policy_2021_ai_measures.txt",
                     "policy_2024_ai_measures.txt", "reply_2024_ai_compute.txt")


def _sources(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.source.rsplit("/", 1)[-1] for c in response.citations}


@pytest.mark.parametrize(("question", "promise"), [
    ("在孵企业房租补贴2022年一共兑现了多少钱？", False),
    ("首批贴息最终兑现了多少资金？", False),
    ("区科经委答复时说要提高算力补贴，后来兑现了吗？", True),
    ("这项承诺有没有兑现？", True),
])
def test_paying_out_is_not_keeping_a_promise(question: str, promise: bool) -> None:
    assert (commitment_question(question) is not None) is promise


@pytest.mark.parametrize(("question", "reported"), [
    # The promise ("增加到不少于10家") is what the question retells; the report answers.
    ("原来计划把科创贷的合作银行扩到不少于10家，最后实际扩充到了几家？", "11家"),
    ("担保费率原计划降到1%以下，后来实际降到了多少？", "0.8%"),
    # Named by the question's words only: a later reply retells the promise ("…时承诺：").
    ("金融工作局当年说要在2023年6月底前把科技信贷风险补偿资金池设起来，后来实际是哪个月设立的？",
     "2023年8月"),
])
def test_what_came_of_a_promise_is_its_later_report(kb: KnowledgeBase, question: str,
                                                     reported: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert reported in response.citations[0].quote, response.answer
    assert _sources(response) == {"reply_2024_sci_loan_followup.docx"}, response.answer


def test_the_report_of_the_figure_asked_leads(kb: KnowledgeBase) -> None:
    # The promise also spoke of issuing a policy; its report holds no amount.
    response = kb.ask("2024年知识产权质押登记金额突破35亿元的目标实现了没有？实际做到多少？")
    assert "41.75亿元" in response.citations[0].quote, response.answer
    assert _sources(response) == {"reply_2025_ip_followup.txt"}, response.answer


@pytest.mark.parametrize(("question", "answered_by", "not_cited"), [
    # Another reply's target for the year ("力争2024年…突破35亿元") is not the year's figure.
    ("2024年全年知识产权质押融资登记金额一共是多少？", "41.75亿元", "reply_2023_ip_pledge.txt"),
    # The table's caption names "科创贷": the older reply adds nothing.
    ("2023年8月到2024年3月底，澄湾科创银行发放的科创贷金额是多少亿元？", "7.15",
     "reply_2022_loan_risk_pool.txt"),
    # The best passage goes on to the sharing of losses: the older reply's draft plan is
    # not beside it.
    ("科创贷风险补偿资金池委托谁管理？有担保公司担保的贷款出了损失怎么分担？", "4:4:2",
     "reply_2022_loan_risk_pool.txt"),
])
def test_another_document_adds_only_what_the_best_passage_lacks(
        kb: KnowledgeBase, question: str, answered_by: str, not_cited: str) -> None:
    response = kb.ask(question)
    assert answered_by in response.answer
    assert not_cited not in _sources(response), response.answer


def _policy(year: str) -> DocumentRow:
    return DocumentRow(doc_id=year, source=f"{year}.txt", content_hash="", title="办法",
                       doc_type="policy", metadata={"issue_date": f"{year}-03-01"},
                       ingested_at="", n_chunks=1)


@pytest.mark.parametrize(("question", "then"), [
    ("2022年度评为优秀的孵化器当时拿到多少运营补贴？", True),
    ("2021年和2023年各给了多少？", True),
    ("2025年评为优秀的拿多少？", False),
    ("2020年的补贴是多少？", False),
    ("2022年答复时说要提高到多少？", False),
    ("现在评为优秀的拿多少？", False),
    # The year of the asker's own figures or founding asks what applies now.
    ("我们公司2023年营收2000万元，能申请研发费用补助吗？", False),
    ("我们是2022年成立的企业，2023年研发费用80万元，能补多少？", False),
    ("We were founded in 2022 and our 2023 revenue was 20 million yuan. What can we get?",
     False),
    ("Our revenue in 2023 was 20 million yuan. What can we get?", False),
    ("What did an excellent incubator get in 2022?", True),
])
def test_the_version_in_force_in_the_year_asked(question: str, then: bool) -> None:
    assert in_force_in_year_asked(question, _policy("2021"), _policy("2025")) is then


def test_the_year_of_the_asker_s_revenue_asks_for_the_rules_now(kb: KnowledgeBase) -> None:
    # 2023 is the firm's year, not the rules': the 2021 measures (20%) were in force then,
    # but the firm applies now, under the 2024 ones.
    response = kb.ask("我们公司2023年营收800万元，租用算力训练模型，能补贴多少？")
    assert "30%" in response.citations[0].quote, response.answer
    assert "20%" not in response.answer


def test_a_reply_restating_repealed_rules_does_not_answer_for_now(kb: KnowledgeBase) -> None:
    # The 2023 reply restates the operating subsidy of the repealed 2021 rules (35万元) in
    # one sentence holding every word asked; the 2025 rules pay 48万元.
    response = kb.ask("我们是2023年成立的孵化器，运营绩效评价为优秀，能拿多少运营补贴？")
    assert "48万元" in response.citations[0].quote, response.answer
    assert "35万元" not in response.answer
    # Asked what the reply said, it answers as it stands.
    said = kb.ask("区科经委2023年答复提案时说，评为优秀的孵化器给多少运营补贴？")
    assert "35万元" in said.citations[0].quote, said.answer


def test_a_year_of_a_clause_telling_of_the_asker_asks_for_the_rules_now(
        corpus_kb) -> None:  # type: ignore[no-untyped-def]
    from qa.text import without_askers_years

    assert "2024" not in without_askers_years("我们公司2024年10月才在澄湾注册，今年能报吗？")
    assert "2022" in without_askers_years("我们是2022年度评为优秀的孵化器，当时拿到多少？")
    base = corpus_kb("policy_2022_rd_subsidy.pdf", "policy_2025_rd_subsidy.txt",
                     "policy_2024_ai_measures.txt", "guide_2025_digital_transformation.md",
                     "policy_2023_srdi_rules.txt", "reply_2024_ai_compute.txt")
    response = base.ask("我们公司2024年10月才在澄湾注册，已经入库科技型中小企业，"
                        "研发费用补助今年能报吗？")
    assert response.citations[0].source.endswith("policy_2025_rd_subsidy.txt"), response.answer


def test_a_past_year_is_answered_from_the_rules_then(kb: KnowledgeBase) -> None:
    response = kb.ask("2022年度运营绩效评价为优秀的孵化器，当时能拿多少运营补贴？")
    assert "35万元" in response.citations[0].quote, response.answer
    assert "48万元" not in response.answer
    # The two versions share a title: the note tells them apart by number.
    assert "澄科经委规〔2021〕6号" in response.answer


def test_a_part_is_not_answered_by_a_line_naming_the_issuer(kb: KnowledgeBase) -> None:
    response = kb.ask("2021年出台的《澄湾新区促进人工智能产业发展若干措施》原定有效期到哪天？"
                      "后来被哪份文件取代了？")
    assert "2024年7月31日" in response.answer
    assert not any(c.quote.endswith("委员会文件") for c in response.citations), response.answer



@pytest.fixture(scope="module")
def plans_kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("reply_2024_crossborder.txt", "reply_2023_eco_thirdparty.txt",
                     "reply_2025_first_store.txt", "reply_2024_ai_compute.txt",
                     "reply_2025_ai_compute_followup.txt", "reply_2023_talent_apartment.md",
                     "reply_2025_talent_apartment_followup.txt",
                     "policy_2024_skills_subsidy.html", "reply_2024_skills_subsidy.txt")


@pytest.mark.parametrize(("sentence", "plan"), [
    # "按实际投入" states the rule of a planned fund, not what actually happened.
    ("我委拟在2025年设立海外仓专项支持资金，按实际投入的20%给予支持。", True),
    ("您的建议已列入我委2025年工作计划。", True),
    ("二期实际新增智能算力960PFLOPS。", False),
])
def test_plans_told_from_reports(sentence: str, plan: bool) -> None:
    assert _states_plan(sentence) is plan


@pytest.mark.parametrize("question", [
    "服务平台后来是不是按期上线了？",
    "线上平台有没有在6月底前如期上线？",
])
def test_asking_whether_it_came_on_time_asks_the_outcome(question: str) -> None:
    assert asks_only_outcome(question)


@pytest.mark.parametrize("question", [
    # Only the plan ("拟在2025年设立…") and that it was listed in the work plan.
    "跨境电商海外仓专项支持资金后来真的设立了吗？",
    # The promise is an item of the reply's plans, no word marks it; "办理结果" reports
    # on nothing asked.
    "生态环境局答复说2023年内要形成第三方治理工作指引，后来真的出台了吗？",
    # "已完成…调研，…计划于2025年10月底前发布": the register knows it for a promise.
    "首发经济若干措施最后是哪天正式发布的？",
    # A study's start and another phase's completion do not tell when phase three is built.
    "澄湾智算中心三期预计什么时候建成投运？",
    "北区智造园人才公寓什么时候开工？",
])
def test_what_is_not_reported_done_is_refused(plans_kb: KnowledgeBase, question: str) -> None:
    response = plans_kb.ask(question)
    assert response.refused, response.answer


@pytest.mark.parametrize(("question", "quoted"), [
    # The dating line under the issuer is the day the document was issued.
    ("修订后的职工技能提升补贴管理办法最后是哪天印发的？", "2024年6月14日"),
    ("智算中心二期最后是哪天建成投运的？", "2025年5月20日"),
])
def test_when_it_happened_is_answered_when_reported(plans_kb: KnowledgeBase, question: str,
                                                     quoted: str) -> None:
    response = plans_kb.ask(question)
    assert not response.refused, response.answer
    assert quoted in response.answer


def test_a_quoted_name_is_what_the_question_is_about(kb: KnowledgeBase) -> None:
    # The interest-subsidy rule's "贴息计算利率" is not the rate of the quoted loan product;
    # no passage naming "科创贷" gives a rate.
    for question in ("“科创贷”的贷款年利率一般是多少？有没有上限？",
                     "“科创贷”给企业的贷款利率是多少？"):
        response = kb.ask(question)
        assert response.refused, response.answer


def test_a_quoted_kind_no_passage_names_is_refused(corpus_kb) -> None:  # type: ignore[no-untyped-def]
    # The guide rates 国际, 国内 and 本市 first units; a district-level one it does not know.
    kb = corpus_kb("guide_2025_first_set_equipment.md", "policy_2024_ai_measures.txt")
    assert kb.ask("首台（套）专项里评为“区级首台（套）”的装备，按合同金额多少比例支持？").refused
    answered = kb.ask("首台（套）专项里“国内首台（套）”装备按合同金额多少比例支持？")
    assert "24%" in answered.answer


@pytest.mark.parametrize("question", [
    "Did the environment bureau accept the proposal to subsidise companies using "
    "third-party pollution treatment?",
    "关于给搞环境污染第三方治理的企业每家补贴50万元的提案，生态环境局最后是什么态度？",
    "陆文涛委员提议对搞第三方治理的企业每家最高补贴多少钱？生态环境局对这条补贴建议最后是怎么处理的？",
])
def test_a_question_on_the_stance_gets_the_handling_result(plans_kb: KnowledgeBase,
                                                           question: str) -> None:
    response = plans_kb.ask(question)
    assert "办理结果：留作参考" in response.citations[0].quote, response.answer


@pytest.mark.parametrize(("question", "routed"), [
    ("风险补偿资金池后来实际是什么时候设立的？", True),
    ("风险补偿资金池首期规模多少？", False),
])
def test_outcome_questions_count_as_reading_the_register(question: str, routed: bool) -> None:
    # bench/scale.py times these apart: the first builds the register over the whole store.
    assert register_question(question) is routed


def test_the_promise_s_deadline_recited_is_not_the_moment_the_report_must_name(
        plans_kb: KnowledgeBase) -> None:
    # The report is dated 2024年12月16日; "2024年底前" only retells the promise.
    response = plans_kb.ask("“澄湾算力调度平台”当初要求2024年底前接入不少于5家算力资源提供方，"
                            "最后实际接入了几家？")
    assert not response.refused, response.answer
    assert "提供方7家" in response.citations[0].quote, response.answer
