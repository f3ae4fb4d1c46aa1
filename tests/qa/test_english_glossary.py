"""English questions in the genre's everyday words ("caught cheating", "matchmaking
events", "which account does the money go to") find and quote the Chinese passages; the
Chinese name an English question gives is what it asks about."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("policy_2025_rd_subsidy.txt", "policy_2024_skills_subsidy.html",
                     "reply_2025_ai_compute_followup.txt", "reply_2024_ai_compute.txt",
                     "policy_2025_incubator.txt", "policy_2023_srdi_rules.txt",
                     "guide_2025_first_set_equipment.md", "reply_2023_talent_apartment.md",
                     "reply_2025_talent_apartment_followup.txt")


@pytest.mark.parametrize(("question", "quoted"), [
    ("Under the R&D subsidy rules in force now, for how long is a company shut out of "
     "district science funds if it is caught cheating?", "五年内不得申报"),
    ("In 2024, how many companies took part in the 'compute + scenario' matchmaking events, "
     "and how many cooperation projects came out of them?", "312家"),
    ("If a worker claims the skills-certificate subsidy personally instead of through the "
     "employer, which account does the money go to?", "社会保障卡"),
])
def test_everyday_english_words_find_the_passage(kb: KnowledgeBase, question: str,
                                                 quoted: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert any(quoted in c.quote for c in response.citations), response.answer


def test_a_chinese_name_no_document_gives_is_refused(kb: KnowledgeBase) -> None:
    # The SRDI rules reward 小巨人 firms; no document names the single champions.
    assert kb.ask("What one-off reward does Chengwan give a manufacturer newly recognised as a "
                  "national 'single champion' (制造业单项冠军)?").refused
    # Brackets aside, "首台套" is the guide's "首台（套）".
    response = kb.ask("When does online application for the 2025 first-of-its-kind major "
                      "equipment (首台套) support open and close?")
    assert not response.refused, response.answer
    assert "2025年8月22日" in response.answer


def test_a_month_asked_is_the_month_of_its_end(kb: KnowledgeBase) -> None:
    # "in April 2023" reads as 2023年4月; the reply counts the queue "截至2023年4月底".
    response = kb.ask("Back in April 2023, how many people were in the queue for a talent flat "
                      "in the science city?")
    assert not response.refused, response.answer
    assert "640人" in response.answer


def test_a_year_by_itself_is_written_as_the_documents_write_it() -> None:
    from qa.text import english_to_chinese_terms

    terms = english_to_chinese_terms("How many companies got a bank loan in 2023?").split()
    assert "2023年" in terms and "2023" not in terms
    # A month's year stays with its month; a number that is no year stays a number.
    dated = english_to_chinese_terms("As of March 2025, how many of the 7 banks?").split()
    assert "2025年3月底" in dated and "2025年" not in dated and "7" in dated


def test_abbreviations_and_british_spellings_of_the_genre_are_read() -> None:
    from qa.text import english_to_chinese_terms, english_unmatched_words, latin_names

    # Three-letter abbreviations are as often the genre's own ("NPC", "RMB", "GPU") as
    # names of things no document writes; four letters and more, or digits, are names.
    assert latin_names("An NPC deputy asks about RMB 2 million for GPU time") == []
    assert latin_names("Is DCMM or a 5G network subsidised?") == ["DCMM", "5G"]
    terms = english_to_chinese_terms("an NPC deputy's suggestion on SRDI firms")
    assert "人大" in terms and "专精特新" in terms
    # A British spelling within a phrase, not only at its end.
    question = "What does a specialised and sophisticated firm get? Do you subsidise it?"
    assert "专精特新" in english_to_chinese_terms(question)
    assert english_unmatched_words(question) == []


@pytest.mark.parametrize(("question", "chinese"), [
    ("How many companies got their first-ever bank loan in 2023?", ["首贷"]),
    ("What share of R&D personnel in total headcount qualifies for the R&D subsidy?",
     ["研发人员", "职工总数", "补助"]),
    ("How many visits did the IP finance service stations make?", ["金融", "工作站"]),
    ("Guarantee fees for technology SMEs", ["科技", "中小企业"]),
    ("What minimum R&D spend must a tech SME show?", ["研发费用", "科技型中小企业"]),
    ("Is there help with technology upgrade projects of specialized and innovative SMEs?",
     ["技术改造", "专精特新"]),
    ("What is the status of the scheduling platform that was to connect five providers?",
     ["进展", "调度", "接入", "提供方", "5"]),
    ("Has the pool reached the promised size?", ["达到"]),
])
def test_the_genre_s_everyday_english_has_its_chinese(question: str,
                                                      chinese: list[str]) -> None:
    from qa.text import english_to_chinese_terms

    terms = english_to_chinese_terms(question).split()
    assert all(c in terms for c in chinese), terms


def test_what_was_finally_adopted_is_not_only_of_the_year_a_proposal_was_made(
        kb: KnowledgeBase) -> None:
    # "in 2023" dates the proposal; "finally adopted" asks what came after it.
    response = kb.ask("The talent bureau floated a monthly rent subsidy for young talent "
                      "renting privately. How much was proposed in 2023, and what amount was "
                      "finally adopted?")
    assert not response.refused, response.answer
    assert "1100元" in response.answer


def test_english_words_an_english_question_quotes_are_no_name_to_find(
        kb: KnowledgeBase) -> None:
    # The guide writes 首台（套）, never "first set": the quote is the asker's rendering.
    response = kb.ask('In the "first set" equipment guide, what share of the sales contract is '
                      'granted for a domestically-first unit?')
    assert not response.refused, response.answer
    assert "24%" in response.answer


def test_the_rules_currently_in_force_ask_no_date_of_effect() -> None:
    from qa.text import english_to_chinese_terms

    # "in force" alone asks whether or since when ("Is it still in force?"); "the rules
    # currently in force" only says which rules.
    assert "施行" in english_to_chinese_terms("Is the 2022 R&D subsidy policy still in force?")
    terms = english_to_chinese_terms("Under the R&D expense rules currently in force, what "
                                     "minimum R&D spend must an applicant show?").split()
    assert "施行" not in terms and "有效" not in terms and "研发费用" in terms
