"""The extractive answerer: sentences chosen from retrieved chunks, each with a citation.

Nothing is generated: every sentence of an answer is a quote of a stored document, so a
figure in an answer is always a figure of the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from langchain_core.embeddings import Embeddings

from kbqa.models import Citation, NearestDocument
from qa.retrieve import Hit
from qa.text import asks_quantity, is_mostly_latin, sentences
from store import KnowledgeStore
from store.keyword import KeywordIndex, tokenize

MAX_SENTENCES = 3
CANDIDATE_HITS = 4
KEEP_RATIO = 0.75
_END_PUNCT = "。！？；;!?，,：:"


@dataclass(frozen=True)
class RefusalPolicy:
    """When the evidence is too weak to answer.

    support = keyword coverage (idf-weighted share of the question's terms found in the best
    passage) + dense_weight × (top dense similarity − dense_center). Calibrated on the dev
    questions of evals/questions.jsonl (evals/retrieval_eval.py reports the result).
    """

    min_support: float = 0.22
    dense_weight: float = 3.0
    dense_center: float = 0.9
    # English questions cannot be matched by keywords; e5's cross-lingual similarities
    # sit lower than same-language ones.
    min_dense_latin: float = 0.72


@dataclass(frozen=True)
class Answer:
    text: str
    refused: bool
    citations: list[Citation]
    nearest: list[NearestDocument]


@dataclass(frozen=True)
class _Scored:
    text: str
    hit: Hit
    score: float


@cache
def template(name: str) -> str:
    return (resources.files("qa") / "templates" / f"{name}.txt").read_text("utf-8").strip()


def coverage(question_terms: dict[str, float], text: str) -> float:
    """Weighted share of the question's terms found in ``text``."""
    total = sum(question_terms.values())
    if total == 0:
        return 0.0
    return sum(w for term, w in question_terms.items() if term in text) / total


def question_terms(question: str, keyword: KeywordIndex) -> dict[str, float]:
    """Question terms weighted by rarity: a term the knowledge base never uses weighs most."""
    return {t: keyword.idf(t) for t in tokenize(question)}


class ExtractiveAnswerer:
    """Picks the sentences that answer, or refuses when the evidence does not."""

    def __init__(self, store: KnowledgeStore, embedder: Embeddings,
                 policy: RefusalPolicy | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.policy = policy or RefusalPolicy()

    def answer(self, question: str, hits: list[Hit]) -> Answer:
        if not hits or not self.supported(question, hits):
            return self.refusal(hits)
        scored = self._score_sentences(question, hits[:CANDIDATE_HITS])
        if not scored:
            return self.refusal(hits)
        chosen = _choose(scored)
        return _compose(chosen)

    def supported(self, question: str, hits: list[Hit]) -> bool:
        """Whether the best evidence is strong enough to answer from."""
        top_dense = max((h.dense for h in hits if h.dense is not None), default=0.0)
        if is_mostly_latin(question):
            return top_dense >= self.policy.min_dense_latin
        terms = question_terms(question, self.store.snapshot().keyword)
        best = max(coverage(terms, _context(h)) for h in hits[:CANDIDATE_HITS])
        p = self.policy
        return best + p.dense_weight * (top_dense - p.dense_center) >= p.min_support

    def refusal(self, hits: list[Hit]) -> Answer:
        nearest: list[NearestDocument] = []
        for hit in hits:
            if hit.document.doc_id not in {n.doc_id for n in nearest}:
                nearest.append(NearestDocument(doc_id=hit.document.doc_id,
                                               title=hit.document.title,
                                               source=hit.document.source))
        text = template("refusal")
        if nearest:
            titles = "、".join(f"《{n.title or n.source}》" for n in nearest[:3])
            text += template("refusal_nearest").format(titles=titles)
        return Answer(text, True, [], nearest[:3])

    def _score_sentences(self, question: str, hits: list[Hit]) -> list[_Scored]:
        candidates = [(s, hit) for hit in hits for s in sentences(hit.chunk.text)]
        if not candidates:
            return []
        if is_mostly_latin(question):
            return self._score_by_embedding(question, candidates)
        terms = question_terms(question, self.store.snapshot().keyword)
        wants_number = asks_quantity(question)
        scored = []
        for rank_in_hits, (text, hit) in enumerate(candidates):
            score = coverage(terms, text)
            if wants_number and any(ch.isdigit() for ch in text):
                score += 0.15
            score += 0.05 * hit.score / hits[0].score  # retrieval prior breaks ties
            scored.append(_Scored(text, hit, score - 1e-6 * rank_in_hits))
        return sorted(scored, key=lambda s: s.score, reverse=True)

    def _score_by_embedding(self, question: str, candidates: list[tuple[str, Hit]]
                            ) -> list[_Scored]:
        """English questions: keywords cannot match, so compare meanings sentence by sentence."""
        candidates = candidates[:24]
        q = self.embedder.embed_query(question)
        vectors = self.embedder.embed_documents([text for text, _ in candidates])
        scored = [
            _Scored(text, hit, sum(a * b for a, b in zip(q, v, strict=True)))
            for (text, hit), v in zip(candidates, vectors, strict=True)
        ]
        return sorted(scored, key=lambda s: s.score, reverse=True)


def _context(hit: Hit) -> str:
    return f"{hit.document.title or ''} {hit.chunk.section} {hit.chunk.text}"


def _choose(scored: list[_Scored]) -> list[_Scored]:
    best = scored[0].score
    chosen: list[_Scored] = []
    for candidate in scored:
        if len(chosen) == MAX_SENTENCES or candidate.score < KEEP_RATIO * best:
            break
        if any(candidate.text in c.text or c.text in candidate.text for c in chosen):
            continue
        chosen.append(candidate)
    return chosen


def _compose(chosen: list[_Scored]) -> Answer:
    citations: list[Citation] = []
    parts: list[str] = []
    for item in chosen:
        n = len(citations) + 1
        doc = item.hit.document
        citations.append(Citation(
            n=n, doc_id=doc.doc_id, title=doc.title, doc_number=doc.metadata.get("doc_number"),
            source=doc.source, locator=item.hit.chunk.locator, quote=item.text,
            score=round(min(item.score, 1.0), 3),
        ))
        parts.append(f"{item.text.rstrip(_END_PUNCT)}[{n}]。")
    return Answer("".join(parts), False, citations, [])
