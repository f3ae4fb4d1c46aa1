"""The dense side of the store: a Chroma collection, embedded on disk or on a server."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kbqa.config import quiet_offline_environment

_BATCH = 2000  # Chroma refuses very large single requests


def make_client(store_dir: Path, chroma_url: str | None) -> Any:
    """A Chroma client: ``HttpClient`` when a server URL is set, else on-disk."""
    quiet_offline_environment()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"KBQA_CHROMA_URL must look like http://host:port, got {chroma_url!r}")
        return chromadb.HttpClient(
            host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https", settings=settings,
        )
    store_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(store_dir / "chroma"), settings=settings)


class VectorIndex:
    """Chunk vectors keyed by chunk id, with the owning ``doc_id`` as metadata."""

    def __init__(self, client: Any, name: str) -> None:
        self._collection = client.get_or_create_collection(
            name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
        )

    def existing(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), _BATCH):
            batch = list(ids[start : start + _BATCH])
            found.update(self._collection.get(ids=batch, include=[])["ids"])
        return found

    def add(self, ids: Sequence[str], vectors: Sequence[Sequence[float]], doc_id: str) -> None:
        for start in range(0, len(ids), _BATCH):
            batch = list(ids[start : start + _BATCH])
            self._collection.upsert(
                ids=batch,
                embeddings=[list(v) for v in vectors[start : start + _BATCH]],
                metadatas=[{"doc_id": doc_id}] * len(batch),
            )

    def vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        """The stored vectors of ``ids`` (those present), keyed by chunk id."""
        found: dict[str, list[float]] = {}
        for start in range(0, len(ids), _BATCH):
            got = self._collection.get(ids=list(ids[start : start + _BATCH]),
                                       include=["embeddings"])
            found.update((cid, [float(x) for x in vec])
                         for cid, vec in zip(got["ids"], got["embeddings"], strict=True))
        return found

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), _BATCH):
            self._collection.delete(ids=list(ids[start : start + _BATCH]))

    def query(self, vector: Sequence[float], n: int, doc_ids: Sequence[str] | None = None
              ) -> list[tuple[str, float]]:
        """Nearest chunk ids with cosine similarity, optionally only from ``doc_ids``."""
        if doc_ids is not None and not doc_ids:
            return []
        where = {"doc_id": {"$in": list(doc_ids)}} if doc_ids is not None else None
        # Chroma returns fewer than n when it holds fewer, so no count() first: at 100k
        # vectors a count costs as much as the query itself (and a round trip to a server).
        result = self._collection.query(
            query_embeddings=[list(vector)], n_results=n, where=where, include=["distances"],
        )
        return [(cid, 1.0 - dist) for cid, dist in
                zip(result["ids"][0], result["distances"][0], strict=True)]

    def count(self) -> int:
        return int(self._collection.count())
