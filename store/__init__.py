"""The store: Chroma vectors, a jieba keyword index and a SQLite document table."""

from store.knowledge import (
    KnowledgeStore,
    PreparedChunk,
    PreparedDocument,
    Snapshot,
    UpsertResult,
    doc_id_for,
)

__all__ = [
    "KnowledgeStore",
    "PreparedChunk",
    "PreparedDocument",
    "Snapshot",
    "UpsertResult",
    "doc_id_for",
]
