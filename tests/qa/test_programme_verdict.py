""""能申请数据要素专项吗？" names a programme, not one measure: every measure of its guide
is judged against the enterprise's figures, and a measure the guide exempts from the missed
condition, or sets a lower one for, is named as still open, with the words that say so."""

from __future__ import annotations

import pytest

from qa.eligibility import EligibilityMatcher
from qa.service import KnowledgeBase

DATA_GUIDE = "guide_2025_data_elements.pdf"
DIGITAL_GUIDE = "guide_2025_digital_transformation.md"
EXEMPTION = "（仅申报数据产品上架奖励的，不受本项条件限制）"


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb(DATA_GUIDE, DIGITAL_GUIDE)


def _text(kb: KnowledgeBase, doc_id: str) -> str:
    text = kb.store.table.document_text(doc_id)
    assert text is not None
    return text


def test_the_guide_exempts_one_measure_from_the_revenue_condition(kb: KnowledgeBase) -> None:
    measures = {m.name: m for m in EligibilityMatcher(kb.store).measures()
                if m.source == DATA_GUIDE}
    listing = measures["数据产品上架"]
    assert "revenue" not in {c.kind for c in listing.criteria}
    assert [e.quote for e in listing.exemptions] == [EXEMPTION]
    assert EXEMPTION in _text(kb, listing.doc_id)
    trading = measures["数据产品场内交易"]
    assert "revenue" in {c.kind for c in trading.criteria} and not trading.exemptions


def test_a_programme_question_names_what_stays_open(kb: KnowledgeBase) -> None:
    response = kb.ask("我们公司刚成立不久，去年营收才100万元，数据产品已经在交易所上架并成交了，"
                      "能申请数据要素专项的支持吗？")
    assert not response.refused
    verdict = response.answer.splitlines()[0]
    assert verdict.startswith("按您所说的情况：上年度营业收入100万元，不满足")
    assert "“数据产品上架”不受此限" in verdict and "9万元" in verdict
    quotes = [c.quote for c in response.citations]
    assert EXEMPTION in quotes
    for c in response.citations:
        assert c.quote in _text(kb, c.doc_id)


def test_a_lower_threshold_for_one_measure_is_named_when_met(kb: KnowledgeBase) -> None:
    response = kb.ask("我们去年营收800万元，能申请数字化转型专项吗？")
    verdict = response.answer.splitlines()[0]
    assert "不满足“上年度营业收入不低于2000万元”" in verdict
    assert "“中小企业上云用数”只要求“上年度营业收入不低于200万元”" in verdict
    assert "您的情况满足" in verdict
