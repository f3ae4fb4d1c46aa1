"""An enterprise telling what it is before asking about a measure ("我们是科技型中小企业，
租用算力有补贴吗？"), against the whole synthetic corpus and the seed: what it is names
the documents about such firms, but the measure asked for names the answer's."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase
from qa.text import normalise_question

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("question", "source", "quoted"), [
    # The R&D subsidy rules are about 科技型中小企业 throughout; the compute subsidy is in
    # the AI measures.
    ("我们是科技型中小企业，租用算力有补贴吗？", "policy_2024_ai_measures.txt", "30%"),
    ("我们是科技型中小企业，能申请首台套支持吗？", "guide_2025_first_set_equipment.md",
     "不低于3000万元"),
])
def test_what_the_asker_is_does_not_outweigh_what_it_asks_for(
        whole_kb: KnowledgeBase, question: str, source: str, quoted: str) -> None:
    hits = whole_kb.retriever.retrieve(whole_kb.search_query(question), 5)
    assert hits[0].document.source == source, [h.document.source for h in hits]
    response = whole_kb.ask(question)
    assert not response.refused, response.answer
    assert response.citations[0].source == source, response.answer
    assert quoted in response.citations[0].quote


def test_a_name_said_without_its_bracket_is_read_as_the_documents_write_it() -> None:
    assert "首台(套)" in normalise_question("能报首台套吗")
