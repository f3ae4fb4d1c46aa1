"""Hybrid retrieval: dense (Chroma) and keyword (BM25) rankings fused by reciprocal rank."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from langchain_core.embeddings import Embeddings

from qa.text import is_mostly_latin
from store import KnowledgeStore
from store.doctable import ChunkRow, DocumentRow
from store.keyword import tokenize

Mode = Literal["hybrid", "dense", "keyword"]
RRF_K = 60
CANDIDATES = 30


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with the evidence for its rank."""

    chunk: ChunkRow
    document: DocumentRow
    score: float
    dense: float | None
    keyword: float | None


class HybridRetriever:
    """Finds the chunks most likely to answer a (normalised) question."""

    def __init__(self, store: KnowledgeStore, embedder: Embeddings) -> None:
        self.store = store
        self.embedder = embedder

    def retrieve(self, question: str, k: int = 5, filters: Mapping[str, Any] | None = None,
                 mode: Mode = "hybrid") -> list[Hit]:
        snap = self.store.snapshot()
        doc_ids = self.store.document_ids_matching(filters) if filters else None
        dense: list[tuple[str, float]] = []
        keyword: list[tuple[str, float]] = []
        if mode in ("hybrid", "dense"):
            vector = self.embedder.embed_query(question)
            raw = self.store.vectors.query(vector, CANDIDATES + 10, doc_ids)
            dense = [(cid, s) for cid, s in raw if cid in snap.chunks][:CANDIDATES]
        if mode in ("hybrid", "keyword") and not (mode == "hybrid" and is_mostly_latin(question)):
            mask = snap.positions_of(doc_ids) if doc_ids is not None else None
            keyword = snap.keyword.search(tokenize(question), CANDIDATES, mask)
        fused = _reciprocal_rank_fusion([dense, keyword])
        dense_of, keyword_of = dict(dense), dict(keyword)
        return [
            Hit(snap.chunks[cid], snap.documents[snap.chunks[cid].doc_id], score,
                dense_of.get(cid), keyword_of.get(cid))
            for cid, score in fused[:k]
        ]


def _reciprocal_rank_fusion(rankings: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, (cid, _) in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)
