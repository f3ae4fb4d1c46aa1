"""An enterprise says how old it is without a year ("刚成立半年") and an acronym the
documents spell out ("AI" for 人工智能): its measures are found and its age is judged, with
the words that lift a condition for young firms cited beside the condition."""

from __future__ import annotations

import pytest

from qa.eligibility.judge import judge
from qa.eligibility.models import Criterion, EnterpriseProfile
from qa.eligibility.profile import stated_age_months
from qa.service import KnowledgeBase
from qa.typos import TypoCorrector


@pytest.mark.parametrize(("text", "months"), [
    ("我们是刚成立半年的初创公司", (6, 6)),
    ("公司成立不到一年", (0, 11)),
    ("成立两年多了", (24, 35)),
    ("成立一年半", (18, 18)),
    ("成立8个月", (8, 8)),
    ("2019年成立", None),  # a year is the founding year, judged as before
    ("我们是初创企业", None),
])
def test_an_age_said_without_a_year_is_read_in_months(
        text: str, months: tuple[int, int] | None) -> None:
    assert stated_age_months(text) == months


def _under(years: int) -> Criterion:
    return Criterion(kind="company_age", description=f"成立不满{years}年",
                     threshold=float(years), comparison="less_than",
                     quote=f"成立不满{years}年", locator="x")


@pytest.mark.parametrize(("said", "years", "outcome"), [
    ("我们刚成立半年", 1, "met"),
    ("成立不到一年", 1, "met"),
    ("成立一年", 1, "not_met"),  # a year old is no longer under one year
    ("成立两年多", 3, "met"),
    ("成立两年多", 2, "not_met"),
    ("成立一年多", 1, "not_met"),
    ("成立不到两年", 1, "unknown"),  # may be either side of one year
])
def test_a_stated_age_is_judged_against_the_limit(said: str, years: int,
                                                   outcome: str) -> None:
    verdict = judge(_under(years), EnterpriseProfile(free_text=said), 2025)
    assert verdict.outcome == outcome, verdict.reason


def test_an_acronym_the_documents_spell_out_is_read_as_they_write_it() -> None:
    corrector = TypoCorrector({"人工智能": 12, "800pflops": 1, "初创": 3})
    assert corrector.spelled_out("AI初创公司能享受什么") == "人工智能初创公司能享受什么"
    # Written by the documents (within a word) or unknown to the glossary: kept.
    assert corrector.spelled_out("新增多少PFLOPS算力") == "新增多少PFLOPS算力"
    assert corrector.spelled_out("申请PCT国际专利") == "申请PCT国际专利"


def test_a_young_ai_firm_gets_the_ai_measures_and_the_age_exemption_cited(
        corpus_kb) -> None:  # type: ignore[no-untyped-def]
    base: KnowledgeBase = corpus_kb("policy_2024_ai_measures.txt", "guide_2025_data_elements.pdf",
                                    "reply_2023_ip_pledge.txt")
    response = base.ask("我们是刚成立半年的AI初创公司，有什么政策可以享受？")
    assert not response.refused, response.answer
    assert response.citations
    assert all(c.source == "policy_2024_ai_measures.txt" for c in response.citations), \
        response.answer
    exemption = next(c for c in response.citations if "成立不满一年" in c.quote)
    assert "成立不满1年——符合[" in response.answer
    assert f"[{exemption.n}]" in response.answer
