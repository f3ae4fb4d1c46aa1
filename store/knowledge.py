"""The store: document table + Chroma vectors + keyword index, kept consistent.

Write order for one document (crash-safe at every step):
1. journal the union of old and new chunk ids;
2. embed and add only the chunk vectors Chroma does not hold yet;
3. replace the document's chunk rows in one SQLite transaction (the switch-over);
4. delete vectors of chunks no longer current; clear the journal.
Readers trust SQLite: a vector whose id is not a current chunk is never returned, and the
journal lets the next open delete vectors a crash left behind.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from kbqa.embedders import embedder_slug
from store.doctable import ChunkRow, DocTable, DocumentRow
from store.keyword import KeywordIndex, tokenize
from store.vectors import VectorIndex, make_client

EMBED_BATCH = 16


@dataclass(frozen=True)
class PreparedChunk:
    seq: int
    text: str
    locator: str
    section: str


@dataclass(frozen=True)
class PreparedDocument:
    """A cleaned, parsed and chunked document, ready to store."""

    source: str
    content_hash: str
    text: str
    metadata: dict[str, Any]
    chunks: list[PreparedChunk]

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.source)


@dataclass(frozen=True)
class UpsertResult:
    status: str  # "added" | "updated" | "unchanged"
    chunks_embedded: int


@dataclass
class Snapshot:
    """What readers see: current chunks and documents, and a keyword index over them."""

    generation: int
    chunks: dict[str, ChunkRow]
    documents: dict[str, DocumentRow]
    keyword: KeywordIndex
    _doc_positions: dict[str, np.ndarray] = field(default_factory=dict)

    def positions_of(self, doc_ids: Iterable[str]) -> np.ndarray:
        """A mask over the keyword index's chunk order selecting ``doc_ids``."""
        wanted = set(doc_ids)
        return np.array([self.chunks[cid].doc_id in wanted for cid in self.keyword.ids])


def doc_id_for(source: str) -> str:
    """Documents are identified by their file name: re-ingesting a name replaces it."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


def embed_text(title: str | None, chunk: PreparedChunk) -> str:
    """What is embedded and keyword-indexed for a chunk: its title and section give context."""
    head = " ".join(part for part in (title, chunk.section) if part)
    return f"{head}\n{chunk.text}" if head else chunk.text


class KnowledgeStore:
    """All reads and writes of documents, chunks and vectors."""

    def __init__(self, store_dir: Path, embedder: Embeddings, chroma_url: str | None = None,
                 collection: str = "kbqa_chunks") -> None:
        self.embedder = embedder
        self.table = DocTable(store_dir / "documents.sqlite3")
        client = make_client(store_dir, chroma_url)
        self.vectors = VectorIndex(client, f"{collection}_{embedder_slug(embedder)}")
        self._write_lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._snapshot_lock = threading.Lock()
        self.recover()

    def close(self) -> None:
        self.table.close()

    # -- writes --------------------------------------------------------------------------

    def recover(self) -> int:
        """Delete vectors that an interrupted write left behind; return how many."""
        removed = 0
        for doc_id, journaled in self.table.unsettled().items():
            current = set(self.table.chunk_ids(doc_id))
            stale = [cid for cid in journaled if cid not in current]
            self.vectors.delete(stale)
            removed += len(stale)
            self.table.settle(doc_id)
        return removed

    @staticmethod
    def doc_id_of(source: str) -> str:
        return doc_id_for(source)

    def is_unchanged(self, source: str, content_hash: str) -> bool:
        """True when the stored document has this hash and all its vectors are present."""
        row = self.table.document_by_source(source)
        if row is None or row.content_hash != content_hash:
            return False
        ids = self.table.chunk_ids(row.doc_id)
        return len(self.vectors.existing(ids)) == len(ids)

    def upsert(self, doc: PreparedDocument,
               vectors: Sequence[Sequence[float]] | None = None) -> UpsertResult:
        """Store a document, embedding only chunks whose text is new.

        ``vectors``, one per chunk of ``doc.chunks`` in order, are stored instead of asking
        the embedder (for tools that already hold them, such as bench/scale.py).
        """
        if vectors is not None and len(vectors) != len(doc.chunks):
            raise ValueError(f"{len(vectors)} vectors for {len(doc.chunks)} chunks")
        with self._write_lock:
            old = self.table.document(doc.doc_id)
            old_ids = self.table.chunk_ids(doc.doc_id) if old else []
            rows = self._chunk_rows(doc)
            new_ids = [row.chunk_id for row in rows]
            if old and old.content_hash == doc.content_hash and old_ids == new_ids \
                    and len(self.vectors.existing(new_ids)) == len(new_ids):
                return UpsertResult("unchanged", 0)
            self.table.journal(doc.doc_id, sorted(set(old_ids) | set(new_ids)))
            embedded = self._embed_missing(doc, rows, vectors)
            record = DocumentRow(
                doc.doc_id, doc.source, doc.content_hash, doc.metadata.get("title"),
                doc.metadata.get("doc_type"), doc.metadata, "", len(rows),
            )
            self.table.replace_document(record, doc.text, rows)
            self.vectors.delete([cid for cid in old_ids if cid not in set(new_ids)])
            self.table.settle(doc.doc_id)
        return UpsertResult("updated" if old else "added", embedded)

    def delete(self, doc_id: str) -> bool:
        """Remove a document, its chunks and its vectors."""
        with self._write_lock:
            ids = self.table.chunk_ids(doc_id)
            self.table.journal(doc_id, ids)
            existed = self.table.delete_document(doc_id)
            self.vectors.delete(ids)
            self.table.settle(doc_id)
        return existed

    def _chunk_rows(self, doc: PreparedDocument) -> list[ChunkRow]:
        title = doc.metadata.get("title")
        rows: list[ChunkRow] = []
        seen: set[str] = set()
        for chunk in doc.chunks:
            text = embed_text(title, chunk)
            chunk_id = hashlib.sha1(f"{doc.doc_id}\0{text}".encode()).hexdigest()
            while chunk_id in seen:  # the same paragraph twice in one document
                chunk_id = hashlib.sha1(f"{chunk_id}+".encode()).hexdigest()
            seen.add(chunk_id)
            rows.append(ChunkRow(chunk_id, doc.doc_id, chunk.seq, chunk.locator,
                                 chunk.section, chunk.text, tokenize(text)))
        return rows

    def _embed_missing(self, doc: PreparedDocument, rows: list[ChunkRow],
                       given: Sequence[Sequence[float]] | None = None) -> int:
        present = self.vectors.existing([r.chunk_id for r in rows])
        missing = [r for r in rows if r.chunk_id not in present]
        if given is not None:
            vector_of = {c.seq: v for c, v in zip(doc.chunks, given, strict=True)}
            self.vectors.add([r.chunk_id for r in missing], [vector_of[r.seq] for r in missing],
                             doc.doc_id)
            return len(missing)
        title = doc.metadata.get("title")
        by_seq = {c.seq: c for c in doc.chunks}
        for start in range(0, len(missing), EMBED_BATCH):
            batch = missing[start : start + EMBED_BATCH]
            vectors = self.embedder.embed_documents(
                [embed_text(title, by_seq[r.seq]) for r in batch]
            )
            self.vectors.add([r.chunk_id for r in batch], vectors, doc.doc_id)
        return len(missing)

    # -- reads ---------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """The current view, rebuilt only when another write has happened since."""
        generation = self.table.generation()
        with self._snapshot_lock:
            if self._snapshot is None or self._snapshot.generation != generation:
                chunks = {c.chunk_id: c for c in self.table.chunks()}
                documents = {d.doc_id: d for d in self.table.documents()}
                keyword = KeywordIndex(list(chunks), [c.tokens for c in chunks.values()])
                self._snapshot = Snapshot(generation, chunks, documents, keyword)
            return self._snapshot

    def document_ids_matching(self, filters: Mapping[str, Any]) -> list[str]:
        """Documents whose metadata (or source/doc_id) equals every filter value."""
        snap = self.snapshot()
        return [
            doc.doc_id for doc in snap.documents.values()
            if all(_field(doc, key) == value for key, value in filters.items())
        ]


def _field(doc: DocumentRow, key: str) -> Any:
    if key in ("source", "doc_id"):
        return getattr(doc, key)
    return doc.metadata.get(key)
