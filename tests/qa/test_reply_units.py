"""Who made a proposal and which unit did something, read from the reply: the proposer from
the reply found among the passages even when a policy ranks first, and the unit a reply
calls "我中心" named in the answer."""

from __future__ import annotations

import pytest

from qa.service import KnowledgeBase

PLEDGE = "reply_2023_ip_pledge.txt"
POLICY = "policy_2024_ip_measures.txt"
SPECIALIST = "reply_2024_service_specialist.txt"


@pytest.fixture(scope="module")
def kb(corpus_kb) -> KnowledgeBase:  # type: ignore[no-untyped-def]
    return corpus_kb(PLEDGE, POLICY, SPECIALIST)


def test_the_proposer_is_read_from_the_reply_not_the_policy(kb: KnowledgeBase) -> None:
    response = kb.ask("关于拓宽科技型中小企业知识产权融资渠道的那件政协提案，是哪位委员提的？")
    assert not response.refused
    assert response.citations[0].source == PLEDGE
    assert "何静岚委员" in response.citations[0].quote
    # The policy that followed the reply is not the answer to who proposed.
    assert {c.source for c in response.citations} == {PLEDGE}


def test_a_unit_a_reply_calls_we_is_named(kb: KnowledgeBase) -> None:
    response = kb.ask("企业服务专员制度的实施方案是哪个单位牵头印发的？")
    assert not response.refused
    assert any("我中心牵头" in c.quote for c in response.citations)
    assert "“我中心”指本答复的办理单位澄湾新区投资促进服务中心" in response.answer
    # Not asked which unit, no note.
    other = kb.ask("企业服务专员制度的实施方案是什么时候印发的？")
    assert "办理单位" not in other.answer


def test_a_question_naming_a_reply_raises_its_passages(kb: KnowledgeBase) -> None:
    from qa.retrieve import _prefer_named_documents, document_identity
    from qa.text import search_terms
    from store.keyword import tokenize

    def named(question: str, fused: list[tuple[str, float]]) -> list[str]:
        ranked = _prefer_named_documents(tokenize(search_terms(question)), fused, snap)
        return [cid for cid, _ in ranked]

    snap = kb.store.snapshot()
    pledge, policy = (next(c for c in snap.chunks.values()
                           if snap.documents[c.doc_id].source == name and "资金池" in c.text)
                      for name in (PLEDGE, POLICY))
    assert "何静岚" in document_identity(snap.documents[pledge.doc_id])
    assert "何静岚" not in pledge.text
    # Ranked just below the policy's passage, the reply's passage rises above it: the
    # question names the reply's proposer, which its passages do not repeat.
    fused = [(policy.chunk_id, 1.0), (pledge.chunk_id, 0.99)]
    assert named("何静岚委员提案的答复里风险补偿资金池怎么安排", fused) == [
        pledge.chunk_id, policy.chunk_id]
    # A question naming nothing of either document leaves the order as it was.
    assert named("风险补偿资金池怎么安排", fused) == [policy.chunk_id, pledge.chunk_id]


def test_a_question_about_what_a_reply_promised_ranks_replies_first(kb: KnowledgeBase) -> None:
    from qa.retrieve import _prefer_replies

    snap = kb.store.snapshot()
    pledge, policy = (next(c for c in snap.chunks.values()
                           if snap.documents[c.doc_id].source == name and "资金池" in c.text)
                      for name in (PLEDGE, POLICY))
    fused = [(policy.chunk_id, 1.0), (pledge.chunk_id, 0.95)]
    asked = "区知识产权局当时承诺风险补偿资金池什么时候设立？"
    assert [cid for cid, _ in _prefer_replies(asked, fused, snap)] == [
        pledge.chunk_id, policy.chunk_id]
    # Asked for the rule, the policy stays first.
    ruled = "风险补偿资金池对单笔贷款最多补偿多少？"
    assert [cid for cid, _ in _prefer_replies(ruled, fused, snap)] == [
        policy.chunk_id, pledge.chunk_id]
    hits = kb.retriever.retrieve("区知识产权局答复第58号提案时承诺什么时候设立资金池？", 5)
    assert hits[0].document.source == PLEDGE


def test_the_proposer_asked_as_a_member_of_the_cppcc(kb: KnowledgeBase) -> None:
    response = kb.ask("拓宽科技型中小企业知识产权融资渠道那件提案是哪位政协委员提的？")
    assert not response.refused
    assert "何静岚委员" in response.citations[0].quote
