"""English questions name things as people write them: a programme in pinyin split into
words ("Kechuang Dai") or run together ("Zhichanrong"), a figure with thousands separators
("6,000 sqm"), a target the asker asks whether the district beat, the version of a policy
by its year ("the 2022 R&D subsidy measures").

The first tests read the question alone; the slow ones ask the whole synthetic corpus and
the seed, every document competing."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase
from qa.text import (
    english_time_asked,
    english_to_chinese_terms,
    normalise_question,
    without_askers_years,
)
from qa.typos import TypoCorrector
from qa.versions import asks_old_version_in_english

# Words of a knowledge base and the passages each stands in: "知产融" is no word of its
# segmenter, only its pairs of characters are.
_WORDS = {"科创贷": 6, "科创": 9, "贷款": 20, "知产": 1, "产融": 1, "融资": 12, "澄湾": 40}


@pytest.mark.parametrize(("question", "spelled"), [
    ("Can startups get Kechuang Dai loans?", "Kechuang Dai (科创贷) loans"),
    ("When does the Zhichanrong platform go live?", "Zhichanrong (知产融) platform"),
    # A name already given in Chinese is left as it is.
    ("Is the Kechuangdai (科创贷) pool bigger now?", "Kechuangdai (科创贷) pool"),
])
def test_a_pinyin_name_is_spelt_in_chinese(question: str, spelled: str) -> None:
    assert spelled in TypoCorrector(_WORDS).with_names(question)


def test_english_words_are_not_read_as_pinyin() -> None:
    question = "Under the Science City rules, what do Chengwan startups get?"
    named = TypoCorrector(_WORDS).with_names(question)
    assert named == question.replace("Chengwan", "Chengwan (澄湾)")


@pytest.mark.parametrize(("question", "asked"), [
    ("Did Chengwan (澄湾) beat its 3.5bn RMB target for 2024?", "outcome"),
    ("Did the district meet the goal it set?", "outcome"),
    ("When were the 1000 flats of phase II handed over?", "outcome"),
    ("What target did the bureau set for 2024?", "promise"),
    # How things stand now, or came to stand.
    ("What is the current total stock of talent apartments?", "outcome"),
    ("How many units were in fact added by the end of 2024?", "outcome"),
    ("When was the pool ultimately established?", "outcome"),
    # The rules in force are a version, not a state of things.
    ("Under the current AI policy, what does a startup get?", None),
    # What was planned, or first expected.
    ("In its 2022 reply, what credit line did the bureau plan for tech loans?", "promise"),
    ("What capacity was the centre initially expected to reach?", "promise"),
])
def test_whether_a_target_was_beaten_asks_the_outcome(question: str, asked: str) -> None:
    assert english_time_asked(question) == asked


def test_thousands_separators_are_dropped() -> None:
    assert "6000 sqm" in normalise_question("renting a 6,000 sqm warehouse in Germany")
    assert "1200000" in normalise_question("a contract of 1,200,000 RMB")
    # Numbers in a list keep their commas.
    assert "2023,2024" in normalise_question("in 2023,2024")


def test_the_year_of_a_policy_is_not_the_askers() -> None:
    assert "2022" in without_askers_years("When did the 2022 R&D subsidy measures expire?")
    assert "2022" in without_askers_years("Under the 2022 R&D expense subsidy measures, what "
                                          "spending was required?")
    # The asker's own R&D spend of a year is.
    assert "2024" not in without_askers_years("Our 2024 R&D spend was 2m; what do we get?")


@pytest.mark.parametrize(("question", "old"), [
    ("Before the incubator policy was revised, what rent subsidy applied?", True),
    ("What did firms get prior to the 2025 revision of the R&D measures?", True),
    ("What changed after the revision of the incubator policy?", False),
])
def test_before_a_revision_asks_the_old_version(question: str, old: bool) -> None:
    assert asks_old_version_in_english(question) is old


def test_expected_to_reach_is_a_level_not_a_phone_call() -> None:
    terms = english_to_chinese_terms("What was the centre expected to reach?").split()
    assert "达到" in terms
    assert "联系电话" not in terms


@pytest.mark.slow
@pytest.mark.parametrize(("question", "source", "figure"), [
    # Pinyin in two words: the tech-loan scheme, not the incubator reply.
    ("Can start-ups based in incubators borrow under Kechuang Dai, and how much at most?",
     "reply_2024_sci_loan_followup.docx", "180万元"),
    # Pinyin run together, a name only its later reply writes.
    ("By when should the Zhichanrong platform have gone online?",
     "reply_2025_ip_followup.txt", "2025年6月底"),
    # A year naming the old version: its article, not the replacement's alike one.
    ("Until when were the 2022 R&D subsidy measures valid?",
     "policy_2022_rd_subsidy.pdf", "2025年3月31日"),
    # A target the asker asks whether it was beaten: the report, not the promise.
    ("Did Chengwan hit its 2024 target of 3.5bn RMB in IP pledge registrations?",
     "reply_2025_ip_followup.txt", "41.75亿元"),
    # A warehouse abroad, an area with a thousands separator.
    ("We sell on Amazon out of Chengwan and lease a 6,000 sqm warehouse in Germany. Is "
     "support planned for that, and at what rate?", "reply_2024_crossborder.txt", "20%"),
    # Asked how things stand now: the later report, not the first reply's figures.
    ("How many banks offer the Zhidaitong loan these days, and how long does "
     "disbursement take now?", "reply_2025_ip_followup.txt", "9个工作日"),
    ("What is the current total stock of talent apartments and their occupancy rate?",
     "reply_2025_talent_apartment_followup.txt", "5140套"),
    # Passages of two documents all but tied: the sentence answering decides.
    ("Has the IP pledge risk pool had to compensate any bank yet? How many loans does it "
     "cover as of February 2025?", "reply_2025_ip_followup.txt", "139笔"),
    # The version before the revision.
    ("Before the incubator policy was revised, what share of rent was subsidised for "
     "incubated firms?", "policy_2021_incubator.pdf", "35%"),
    # The policy setting a sum, not the reply whose passage ranks a hair higher.
    ("What's the relocation package for top-tier AI talent under the current AI policy?",
     "policy_2024_ai_measures.txt", "80万元"),
])
def test_english_names_reach_their_document(whole_kb: KnowledgeBase, question: str,
                                            source: str, figure: str) -> None:
    response = whole_kb.ask(question)
    assert not response.refused, response.answer
    assert response.citations[0].source == source, response.answer
    assert {c.source for c in response.citations} == {source}, response.answer
    assert figure in response.answer, response.answer


@pytest.mark.slow
def test_an_answer_led_by_a_part_s_passage_is_compared_without_error(
        whole_kb: KnowledgeBase) -> None:
    """Keyword search alone may find the answer's lead sentence only in the passages read
    for a part of the question, not among the hits: its document is still read."""
    response = whole_kb.ask("What interest rate do Chengwan's partner banks actually charge "
                            "on patent-backed loans?", top_k=5, mode="keyword")
    assert response.answer
    assert all(c.source.endswith((".txt", ".md", ".pdf", ".docx", ".html"))
               for c in response.citations)
