"""English questions in everyday words the glossary lacks ("balance", "budget", "monitoring")
are put into the Chinese the knowledge base uses by a dictionary, read backwards; a name
an English question writes that no document does ("DCMM") is what it asks about."""

from __future__ import annotations

import numpy as np
import pytest

from qa.dictionary import EnglishDictionary
from qa.service import KnowledgeBase
from qa.text import english_to_chinese_terms, english_unmatched_words, is_mostly_latin


def test_only_the_knowledge_bases_words_of_a_words_first_sense_are_kept() -> None:
    dictionary = EnglishDictionary({"上传": 3, "草稿": 1, "支持": 40, "预算": 2})
    assert dictionary.chinese("upload") == ["上传"]
    # Inflected forms are read back to the dictionary's: "drafts" → "draft".
    assert dictionary.chinese("drafts") == ["草稿"]
    assert dictionary.chinese("budgets") == ["预算"]
    # "支持" is "to support" first; "to back" is a later sense, no translation of "back".
    assert dictionary.chinese("back") == []
    # A word the knowledge base does not use is no translation, however right.
    assert dictionary.chinese("welder") == []


def test_the_annotated_question_reads_as_english_with_its_chinese_terms() -> None:
    dictionary = EnglishDictionary({"上传": 3, "草稿": 1})
    question = dictionary.annotated("Which files must we upload, and are saved drafts kept?")
    assert question == "Which files must we upload【上传】, and are saved drafts【草稿】 kept?"
    assert is_mostly_latin(question)
    terms = english_to_chinese_terms(question).split()
    assert "上传" in terms and "草稿" in terms
    assert "upload" not in english_unmatched_words(question)
    assert "drafts" not in english_unmatched_words(question)


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb("notice_2025_system_maintenance.txt", "reply_2023_eco_thirdparty.txt",
                     "guide_2025_digital_transformation.md", "guide_2025_data_elements.pdf",
                     "notice_office_hours.txt", "policy_2024_skills_subsidy.html",
                     "reply_2022_loan_risk_pool.txt", "reply_2024_sci_loan_followup.docx",
                     "reply_2023_ip_pledge.txt")


@pytest.mark.parametrize(("question", "source", "quoted"), [
    ("Once the tech-loan risk pool's balance falls under what level does the district "
     "budget top it up?", "reply_2024_sci_loan_followup.docx", "6500万元"),
    ("How many key discharge outlets does the park monitoring platform built in 2022 "
     "keep an eye on?", "reply_2023_eco_thirdparty.txt", "61个"),
])
def test_everyday_words_the_glossary_lacks_find_the_passage(
        kb: KnowledgeBase, question: str, source: str, quoted: str) -> None:
    response = kb.ask(question)
    assert not response.refused, response.answer
    assert response.citations[0].source == source
    assert any(quoted in c.quote for c in response.citations), response.answer


def test_a_name_no_document_writes_is_refused(kb: KnowledgeBase) -> None:
    # The data programme pays for assessments; no document names DCMM or 5G networks.
    assert kb.ask("Will Chengwan pay part of the cost of a DCMM maturity assessment?").refused
    assert kb.ask("How much does Chengwan give a factory that builds a 5G private "
                  "network?").refused


def test_an_english_question_is_embedded_with_its_chinese_terms(kb: KnowledgeBase) -> None:
    # e5 places an English question far from the Chinese passage answering it; with its
    # Chinese terms embedded beside it, nearer.
    passage = "资金池代偿后余额低于6500万元时，由区财政在下一年度预算中予以补足。"
    question = kb.search_query("Once the tech-loan risk pool's balance falls under what "
                               "level does the district budget top it up?")
    embedder = kb.retriever.embedder
    target = np.array(embedder.embed_documents([passage])[0])
    plain = np.array(embedder.embed_query(question))
    combined = np.array(kb.retriever._query_vector(question))
    assert float(combined @ target) > float(plain @ target) + 0.02
    assert abs(float(np.linalg.norm(combined)) - 1.0) < 1e-6
    # A Chinese question is embedded as it is.
    chinese = "资金池余额低于多少时由区财政补足？"
    assert kb.retriever._query_vector(chinese) == embedder.embed_query(chinese)


def test_an_english_questions_embedding_weighs_more_in_the_fusion() -> None:
    from qa.retrieve import DENSE_WEIGHT, ENGLISH_DENSE_WEIGHT, _score_fusion

    # "a" is the nearest passage, "b" the best keyword match.
    dense = [("a", 0.9), ("b", 0.58), ("c", 0.5)]
    keyword = [("b", 10.0), ("a", 6.0), ("c", 1.0)]
    assert _score_fusion(dense, keyword, DENSE_WEIGHT)[0][0] == "b"
    assert _score_fusion(dense, keyword, ENGLISH_DENSE_WEIGHT)[0][0] == "a"
