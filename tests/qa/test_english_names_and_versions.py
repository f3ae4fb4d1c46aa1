"""English questions name things as people write them: a programme in pinyin split into
words ("Kechuang Dai") or run together ("Zhichanrong"), a figure with thousands separators
("6,000 sqm"), a target the asker asks whether the district beat, the version of a policy
by its year ("the 2022 R&D subsidy measures").

The first tests read the question alone; the slow ones ask the whole synthetic corpus and
the seed, every document competing."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase
from qa.text import english_time_asked, normalise_question, without_askers_years
from qa.typos import TypoCorrector

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
    # The asker's own R&D spend of a year is.
    assert "2024" not in without_askers_years("Our 2024 R&D spend was 2m; what do we get?")


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
