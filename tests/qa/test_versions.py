"""Policy versions and deadlines in answers, on the synthetic corpus, with a fixed today."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import CORPUS

from kbqa.config import get_settings
from qa.service import KnowledgeBase
from qa.versions import application_deadline, bare_titles, superseded_by
from store.doctable import DocumentRow

CURRENT = "policy_2024_ai_measures.txt"
REPEALED = "policy_2021_ai_measures.txt"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[KnowledgeBase]:  # type: ignore[no-untyped-def]
    settings = get_settings(store=tmp_path_factory.mktemp("versions"), today=date(2026, 11, 27))
    base = KnowledgeBase(settings, embedder)
    files = [CORPUS / CURRENT, CORPUS / REPEALED, CORPUS / "guide_2025_digital_transformation.md",
             CORPUS / "policy_2025_incubator.txt"]
    assert not base.ingest(files).failed
    yield base
    base.close()


def test_current_policy_answers_and_the_repealed_one_is_named(kb: KnowledgeBase) -> None:
    response = kb.ask("澄湾新区人工智能领域高层次人才的安家补贴最高多少？")
    assert response.citations[0].source == CURRENT
    assert "80万元" in response.citations[0].quote
    assert response.answer.index("80万元") < response.answer.find("50万元") or \
        "50万元" not in response.answer
    for citation in response.citations:
        if citation.source == REPEALED:
            assert "废止" in (citation.note or "")
            assert "澄科经委规〔2024〕5号" in response.answer


def test_question_about_the_old_version_gets_the_old_figure_labelled(kb: KnowledgeBase) -> None:
    response = kb.ask("2021年版澄湾新区人工智能若干措施规定的安家补贴最高多少？")
    first = response.citations[0]
    assert first.source == REPEALED and "50万元" in first.quote
    assert first.note and "已被" in first.note and "废止" in first.note
    assert "废止" in response.answer


def test_question_about_the_old_version_without_a_year_gets_the_old_figure(
        kb: KnowledgeBase) -> None:
    response = kb.ask("人工智能若干措施旧版的算力费用补贴比例是多少？")
    first = response.citations[0]
    assert first.source == REPEALED and "20%" in first.quote
    assert first.note and "废止" in first.note
    current = kb.ask("人工智能若干措施的算力费用补贴比例是多少？")
    assert current.citations[0].source == CURRENT and "30%" in current.citations[0].quote


@pytest.mark.parametrize("question", [
    "Under the old AI measures, what share of computing-power costs was subsidised?",
    "Under the 2021 AI measures, what share of computing-power costs was subsidised?",
    # Several words between "old" and "measures".
    "Under the old Chengwan artificial intelligence industry support measures (since repealed), "
    "what share of computing-power costs was subsidised?",
])
def test_an_english_question_about_the_old_version_gets_the_old_figure(
        kb: KnowledgeBase, question: str) -> None:
    # "old", or the year the repealed measures were issued and in force.
    first = kb.ask(question).citations[0]
    assert first.source == REPEALED and "20%" in first.quote
    assert first.note and "废止" in first.note
    current = kb.ask("Under the AI measures in force now, what share of computing-power costs "
                     "is subsidised?")
    assert current.citations[0].source == CURRENT and "30%" in current.citations[0].quote


def test_repealed_policy_is_marked_in_the_document_list(kb: KnowledgeBase) -> None:
    by_source = {d.source: d for d in kb.documents()}
    assert by_source[REPEALED].superseded_by == by_source[CURRENT].doc_id
    assert by_source[CURRENT].superseded_by is None


def test_closed_application_window_is_flagged(kb: KnowledgeBase) -> None:
    response = kb.ask("数字化转型专项的网上申报时间是什么时候？")
    assert any(c.source == "guide_2025_digital_transformation.md" for c in response.citations)
    assert "申报时间已于2025年6月20日截止" in response.answer


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("## 五、申报时间\n\n2025年4月7日至2025年5月16日，逾期不予受理。", date(2025, 5, 16)),
        ("网上申报时间为2025年5月12日至6月20日17:00", date(2025, 6, 20)),
        ("本年度受理企业在2024年10月1日至2024年12月31日期间支付的利息", None),
        ("申报时间另行通知。", None),
    ],
)
def test_application_deadline(text: str, deadline: date | None) -> None:
    assert application_deadline(text) == deadline


def test_a_named_document_number_is_answered_about_that_document(kb: KnowledgeBase) -> None:
    # Typed with square brackets; the documents print 〔〕.
    response = kb.ask("澄科经委规[2021]3号文件现在还有效吗？")
    assert not response.refused
    first = response.citations[0]
    assert "澄科经委规〔2021〕3号" in first.quote or first.doc_number == "澄科经委规〔2021〕3号"
    assert "废止" in response.answer


def test_a_cited_repeal_clause_names_the_repealing_document_and_the_old_term(
        kb: KnowledgeBase) -> None:
    response = kb.ask("2021年印发的人工智能若干措施现在还管用吗？现在应该依据哪个文件？")
    assert not response.refused
    assert any("同时废止" in c.quote and c.source == CURRENT for c in response.citations)
    # Which document repealed it, by number, and until when the old one was to run.
    assert "澄科经委规〔2024〕5号" in response.answer
    assert "原定有效期至2024年7月31日" in response.answer
    # An article's bare heading ("第一条（目的和依据）") is never quoted as an answer.
    assert not any(re.fullmatch(r"第.+条（.+）", c.quote.strip()) for c in response.citations)


@pytest.mark.parametrize("question", [
    "人工智能高层次人才的安家补贴，新版措施比老版提高到了多少？",
    "企业租算力训练模型的补贴，以前比例多少，现在多少？",
])
def test_a_question_of_change_is_answered_from_both_versions_labelled(
        kb: KnowledgeBase, question: str) -> None:
    response = kb.ask(question)
    assert not response.refused
    sources = [c.source for c in response.citations]
    assert CURRENT in sources and REPEALED in sources
    # The current rule is said first, the repealed one after it, each labelled.
    assert response.answer.startswith("现行规定：")
    assert response.answer.index("现行规定：") < response.answer.index("原规定（已废止）：")
    current = response.citations[sources.index(CURRENT)].quote
    repealed = response.citations[sources.index(REPEALED)].quote
    assert ("80万元" in current and "50万元" in repealed) or (
        "30%" in current and "20%" in repealed)


def _pairwise_superseded_by(documents: dict[str, DocumentRow]) -> dict[str, str]:
    """The definition, document against document: what the indexed lookup must give."""
    replaced: dict[str, str] = {}
    for newer in documents.values():
        titles = [*newer.metadata.get("repeals", []), *newer.metadata.get("revises", [])]
        numbers = set(newer.metadata.get("repealed_doc_numbers", []))
        for older in documents.values():
            if older.doc_id != newer.doc_id and (
                    older.metadata.get("doc_number") in numbers
                    or any(t and t in bare_titles(older) for t in titles)):
                replaced[older.doc_id] = newer.doc_id
    return replaced


_NUMBERS = st.sampled_from(
    ["澄科经委规〔2021〕3号", "澄科经委规〔2024〕2号", "澄知局规〔2022〕1号"])
_TITLES = st.sampled_from(["澄湾新区促进人工智能产业发展若干措施", "孵化器认定与扶持办法", ""])


@st.composite
def _documents(draw: st.DrawFn) -> dict[str, DocumentRow]:
    docs = {}
    for n in range(draw(st.integers(1, 8))):
        title = draw(_TITLES)
        if title and draw(st.booleans()):
            title = f"关于印发《{title}》的通知"
        meta: dict[str, object] = {}
        if draw(st.booleans()):
            meta["doc_number"] = draw(_NUMBERS)
        if draw(st.booleans()):
            meta["repealed_doc_numbers"] = draw(st.lists(_NUMBERS, max_size=2))
        if draw(st.booleans()):
            meta["repeals"] = draw(st.lists(_TITLES, max_size=2))
        if draw(st.booleans()):
            meta["revises"] = draw(st.lists(_TITLES, max_size=1))
        docs[f"d{n}"] = DocumentRow(f"d{n}", f"d{n}.txt", "h", title, "policy", meta, "", 1)
    return docs


@given(_documents())
@settings(max_examples=200, deadline=None)
def test_indexed_lookup_finds_what_comparing_every_pair_finds(
        documents: dict[str, DocumentRow]) -> None:
    assert superseded_by(documents) == _pairwise_superseded_by(documents)
