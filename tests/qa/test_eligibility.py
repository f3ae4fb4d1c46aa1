"""Eligibility matcher over a real store: measures, criteria, outcomes, profiles from text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from kbqa.config import get_settings
from qa.eligibility import (
    EligibilityMatcher,
    EnterpriseProfile,
    Measure,
    eligibility_question,
    profile_from_text,
)
from qa.eligibility.measures import document_measures
from qa.service import KnowledgeBase

SEED_NAME = "000_4cf47a64bc319ecc.txt"
SYNTHETIC_NAME = "policy_2025_ic_test.txt"
TODAY = date(2025, 7, 1)
STARTUP = "我们是一家做大模型的初创企业，入驻了模力社区，去年营收800万元"

# Synthetic, written for this test: the district, agency, number and amounts are invented.
SYNTHETIC_POLICY = """临川新区科技和经济委员会文件

临科经委规〔2025〕1号

关于印发《临川新区支持集成电路企业发展若干措施》的通知

各有关单位：

现将《临川新区支持集成电路企业发展若干措施》印发给你们，请认真贯彻执行。

临川新区科技和经济委员会
2024年12月2日

临川新区支持集成电路企业发展若干措施

第一条（目的）
为支持集成电路产业发展，结合本区实际，制定本措施。

第二条（支持对象）
本措施支持对象应同时符合以下条件：
（一）在本区注册登记，具有独立法人资格；
（二）从事集成电路设计、制造或封装测试；
（三）上年度营业收入不低于2000万元；
（四）上年度研发投入占营业收入的比例不低于3%；
（五）职工人数不少于50人；
（六）信用状况良好。

第三条（支持首轮流片）
对成立五年以内的企业开展首轮流片的，按流片费用的30%给予补贴，单家企业年度最高不超过200万元。

第四条（支持园区集聚）
对入驻滨江产业园的高新技术企业，按实际租金的50%给予补贴，每年最高不超过100万元。

第五条（实施日期）
本措施自2025年1月1日起施行，有效期至2027年12月31日。
"""

EXTRA_REPLY = """办理结果：解决或采纳

临川新区商务委员会

临商务委办理〔2025〕3号

关于对临川新区政协一届一次会议第7号提案的答复

王五委员：

您提出的提案收悉。经研究，现答复如下：

一、支持措施

我委对入驻滨江产业园的跨境电商企业给予物流费用补贴，每家企业每年最高不超过30万元。

感谢您的关心和支持。

临川新区商务委员会
2025年3月1日
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory,
       embedder: Embeddings) -> Iterator[KnowledgeBase]:
    from paths import CORPUS, SEED

    docs = tmp_path_factory.mktemp("docs")
    synthetic = docs / SYNTHETIC_NAME
    synthetic.write_text(SYNTHETIC_POLICY, "utf-8")
    base = KnowledgeBase(get_settings(store=tmp_path_factory.mktemp("store")), embedder)
    summary = base.ingest([SEED, CORPUS / "policy_2021_ai_measures.txt",
                           CORPUS / "policy_2024_ai_measures.txt", synthetic])
    assert summary.added == 4 and not summary.failed
    yield base
    base.close()


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> EligibilityMatcher:
    return EligibilityMatcher(kb.store, today=TODAY)


def measure_named(matcher: EligibilityMatcher, source: str, text: str) -> Measure:
    found = [m for m in matcher.measures() if m.source == source and text in m.quote]
    assert len(found) == 1, [m.quote for m in matcher.measures() if m.source == source]
    return found[0]


def outcomes(matcher: EligibilityMatcher, measure: Measure,
             profile: EnterpriseProfile) -> dict[str, str]:
    match = matcher.assess(measure, profile)
    return {o.criterion.kind: o.outcome for o in match.criteria}


def test_measures_of_a_policy_carry_criteria_with_verbatim_quotes(
        kb: KnowledgeBase, matcher: EligibilityMatcher) -> None:
    tapeout = measure_named(matcher, SYNTHETIC_NAME, "首轮流片")
    park = measure_named(matcher, SYNTHETIC_NAME, "滨江产业园")
    assert tapeout.name == "支持首轮流片" and park.name == "支持园区集聚"
    assert "按流片费用的30%给予补贴" in tapeout.support and "200万元" in tapeout.support
    assert tapeout.doc_number == "临科经委规〔2025〕1号"
    by_kind = {c.kind: c for c in tapeout.criteria}
    assert by_kind["registered_in"].value == "临川新区"  # "本区" read from the title
    assert by_kind["industry"].options == ["集成电路"]
    assert (by_kind["revenue"].threshold, by_kind["revenue"].comparison) == (2000, "at_least")
    assert by_kind["revenue"].description == "上年度营业收入不低于2000万元"
    assert by_kind["rd_ratio"].threshold == 3 and by_kind["headcount"].threshold == 50
    assert (by_kind["company_age"].threshold, by_kind["company_age"].comparison) == (5, "at_most")
    assert by_kind["registered_in"].locator.startswith("第二条")
    park_kinds = {(c.kind, c.value) for c in park.criteria}
    assert {("park", "滨江产业园"), ("qualification", "高新技术企业")} <= park_kinds
    assert "company_age" not in {c.kind for c in park.criteria}  # 第三条's own condition
    text = kb.store.table.document_text(tapeout.doc_id)
    assert text is not None
    for measure in (tapeout, park):
        assert measure.quote in text
        for criterion in measure.criteria:
            assert criterion.quote and criterion.quote in text


def test_explicit_profile_gives_met_not_met_and_unknown(matcher: EligibilityMatcher) -> None:
    tapeout = measure_named(matcher, SYNTHETIC_NAME, "首轮流片")
    profile = EnterpriseProfile(
        registered_in="临川新区", industry="集成电路", annual_revenue_wan=2500,
        rd_ratio_percent=2.0, founded_year=2022,
        qualifications=["独立法人资格", "信用良好"],
    )
    assert outcomes(matcher, tapeout, profile) == {
        "registered_in": "met", "industry": "met", "revenue": "met", "rd_ratio": "not_met",
        "headcount": "unknown", "company_age": "met", "qualification": "met",
    }
    assert matcher.assess(tapeout, profile).outcome == "not_eligible"
    elsewhere = profile.model_copy(update={"registered_in": "浦东新区", "founded_year": 2015,
                                           "annual_revenue_wan": 900})
    got = outcomes(matcher, tapeout, elsewhere)
    assert got["registered_in"] == got["company_age"] == got["revenue"] == "not_met"


def test_all_criteria_met_is_eligible_and_ranked_first(matcher: EligibilityMatcher) -> None:
    profile = EnterpriseProfile(
        registered_in="临川新区", industry="集成电路", annual_revenue_wan=2500,
        rd_ratio_percent=6, headcount=120, founded_year=2023, park="滨江产业园",
        qualifications=["高新技术企业", "独立法人资格", "信用良好"],
    )
    result = matcher.match(profile)
    assert [m.outcome for m in result.matches[:2]] == ["eligible", "eligible"]
    assert {m.measure.source for m in result.matches[:2]} == {SYNTHETIC_NAME}
    # An industry the measures are not for: the AI measures are left out, not listed.
    assert all(m.measure.source != "policy_2024_ai_measures.txt" for m in result.matches)


def test_a_profile_that_states_nothing_meets_nothing(matcher: EligibilityMatcher) -> None:
    empty = EnterpriseProfile()
    for measure in matcher.measures():
        match = matcher.assess(measure, empty)
        assert all(o.outcome == "unknown" for o in match.criteria), measure.name
        assert match.outcome == "possible"
    result = matcher.match(empty, limit=50)
    assert "贵企业上年度营业收入是多少？" in result.questions
    assert len(result.questions) == len(set(result.questions))


def test_free_text_that_does_not_mention_a_criterion_is_no_evidence(
        matcher: EligibilityMatcher) -> None:
    tapeout = measure_named(matcher, SYNTHETIC_NAME, "首轮流片")
    profile = EnterpriseProfile(free_text="我们想申请集成电路方面的补贴，听说支持力度很大。")
    assert "met" not in outcomes(matcher, tapeout, profile).values()


def test_explicit_fields_win_over_free_text(matcher: EligibilityMatcher) -> None:
    profile = EnterpriseProfile(annual_revenue_wan=2500,
                                free_text="我们做集成电路设计，去年营收800万元")
    result = matcher.match(profile)
    assert result.profile.annual_revenue_wan == 2500
    assert result.profile.industry == "集成电路"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (STARTUP, "annual_revenue_wan", 800.0),
        (STARTUP, "industry", "大模型"),
        (STARTUP, "park", "模力社区"),
        (STARTUP, "founded_year", None),
        ("公司研发投入占比5%，营收1.2亿元", "rd_ratio_percent", 5.0),
        ("公司研发投入占比5%，营收1.2亿元", "annual_revenue_wan", 12000.0),
        ("我们2019年在澄湾新区注册成立，有120名员工", "founded_year", 2019),
        ("我们2019年在澄湾新区注册成立，有120名员工", "registered_in", "澄湾新区"),
        ("我们2019年在澄湾新区注册成立，有120名员工", "headcount", 120),
        ("我们是高新技术企业", "qualifications", ["高新技术企业"]),
        ("我们还不是高新技术企业", "qualifications", ["非高新技术企业"]),
        ("我們是做大模型的，入駐了模力社區", "park", "模力社区"),
        ("我们想了解大模型有什么政策", "industry", None),
        ("公司刚成立，去年营收才100万元", "annual_revenue_wan", 100.0),
        ("研发投入占比只有3%", "rd_ratio_percent", 3.0),
    ],
)
def test_profile_from_text_takes_only_what_is_stated(text: str, field: str,
                                                     value: object) -> None:
    assert getattr(profile_from_text(text), field) == value


def test_superseded_policy_gives_no_measures(kb: KnowledgeBase,
                                             matcher: EligibilityMatcher) -> None:
    sources = {m.source for m in matcher.measures()}
    assert "policy_2024_ai_measures.txt" in sources
    assert "policy_2021_ai_measures.txt" not in sources
    # It would give measures on its own: it is left out because the 2024 text repeals it.
    snap = kb.store.snapshot()
    old = next(d for d in snap.documents.values() if d.source == "policy_2021_ai_measures.txt")
    chunks = sorted((c for c in snap.chunks.values() if c.doc_id == old.doc_id),
                    key=lambda c: c.seq)
    assert document_measures(old, chunks)


def test_seed_reply_measure_for_a_model_company_in_moli(kb: KnowledgeBase,
                                                        matcher: EligibilityMatcher) -> None:
    result = matcher.match(EnterpriseProfile(free_text="我们是做大模型的，入驻了模力社区"))
    best = result.matches[0]
    assert best.measure.source == SEED_NAME and best.outcome == "eligible"
    assert "对入驻模力社区的大模型企业给予租金减免支持" in best.measure.quote
    assert {(o.criterion.kind, o.outcome) for o in best.criteria} == {
        ("park", "met"), ("industry", "met")}
    text = kb.store.table.document_text(best.measure.doc_id)
    assert text is not None and best.measure.quote in text
    assert result.questions  # the AI measures still need the registration, revenue, …
    assert EnterpriseProfile.model_validate_json(result.profile.model_dump_json())


def test_measures_follow_store_changes(kb: KnowledgeBase, matcher: EligibilityMatcher,
                                       tmp_path: Path) -> None:
    before = len(matcher.measures())
    reply = tmp_path / "reply_2025_test_logistics.txt"
    reply.write_text(EXTRA_REPLY, "utf-8")
    kb.ingest([reply])
    try:
        added = [m for m in matcher.measures() if m.source == reply.name]
        assert len(added) == 1 and "物流费用补贴" in added[0].support
        assert {c.kind for c in added[0].criteria} == {"park", "industry"}
    finally:
        assert kb.delete(reply.name)
    assert len(matcher.measures()) == before


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("我们是做大模型的，入驻了模力社区，有什么支持？", True),
        ("我们公司是高新技术企业，能申请哪些补贴？", True),
        ("做集成电路的企业可以享受什么政策？", True),
        ("揭榜挂帅平台累计发榜多少项？", False),
        ("137号提案答复里我们承诺了什么？", False),
        ("知识产权质押融资去年做了多少？", False),
    ],
)
def test_eligibility_questions_are_recognised(question: str, expected: bool) -> None:
    assert eligibility_question(question) is expected
