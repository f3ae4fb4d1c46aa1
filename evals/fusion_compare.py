"""Fusion methods side by side on the same dense and keyword candidates.

For every answerable question, takes the dense top 30 and the BM25 top 30 once, then
ranks them by each fusion method and reports document-level hit@1 / hit@5 per split.
Used to choose the fusion in qa/retrieve.py (choose on dev; test is for reporting).

    .venv/bin/python evals/fusion_compare.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kbqa.config import get_settings, quiet_offline_environment  # noqa: E402

Ranking = list[tuple[str, float]]
Fuse = Callable[[Ranking, Ranking], list[str]]


def rrf(k: int, keyword_weight: float = 1.0) -> Fuse:
    def fuse(dense: Ranking, keyword: Ranking) -> list[str]:
        scores: dict[str, float] = {}
        for rank, (cid, _) in enumerate(dense):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (k + rank + 1)
        for rank, (cid, _) in enumerate(keyword):
            scores[cid] = scores.get(cid, 0.0) + keyword_weight / (k + rank + 1)
        return sorted(scores, key=lambda c: scores[c], reverse=True)
    return fuse


def score_sum(dense_weight: float) -> Fuse:
    def fuse(dense: Ranking, keyword: Ranking) -> list[str]:
        scores: dict[str, float] = {}
        if dense:
            high, low = dense[0][1], dense[-1][1]
            for cid, s in dense:
                scores[cid] = dense_weight * (s - low) / ((high - low) or 1.0)
        if keyword:
            for cid, s in keyword:
                scores[cid] = scores.get(cid, 0.0) + (1 - dense_weight) * s / keyword[0][1]
        return sorted(scores, key=lambda c: scores[c], reverse=True)
    return fuse


def main() -> None:
    quiet_offline_environment()
    from qa.service import KnowledgeBase
    from qa.text import keyword_query, normalise_question, with_synonyms
    from store.keyword import tokenize

    lines = (ROOT / "evals" / "questions.jsonl").read_text("utf-8").splitlines()
    questions = [q for q in map(json.loads, filter(None, lines)) if q["answerable"]]
    methods: dict[str, Fuse] = {
        "dense only": lambda d, k: [c for c, _ in d],
        "keyword only": lambda d, k: [c for c, _ in k],
        **{f"rrf k={k}": rrf(k) for k in (10, 60)},
        "rrf k=60, keyword x1.5": rrf(60, 1.5),
        **{f"score sum, dense {w}": score_sum(w) for w in (0.2, 0.3, 0.5)},
    }
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(get_settings(store=Path(tmp)))
        kb.ingest([ROOT / "kb" / "docs", ROOT / "evals" / "corpus"])
        snap = kb.store.snapshot()
        candidates = []
        for q in questions:
            text = normalise_question(q["question"])
            dense = [(c, s) for c, s in kb.store.vectors.query(kb.embedder.embed_query(text), 40)
                     if c in snap.chunks][:30]
            keyword = snap.keyword.search(with_synonyms(tokenize(keyword_query(text))), 30)
            candidates.append((q, dense, keyword))
        kb.close()
    print("| method | dev hit@1 | dev hit@5 | test hit@1 | test hit@5 |")
    print("| --- | --- | --- | --- | --- |")
    for name, fuse in methods.items():
        cells = []
        for split in ("dev", "test"):
            hits1 = hits5 = n = 0
            for q, dense, keyword in candidates:
                if q["split"] != split:
                    continue
                sources = [snap.documents[snap.chunks[c].doc_id].source
                           for c in fuse(dense, keyword)[:5]]
                expected = set(q["expected_sources"])
                hits1 += bool(sources) and sources[0] in expected
                hits5 += any(s in expected for s in sources)
                n += 1
            cells += [f"{hits1 / n:.3f}", f"{hits5 / n:.3f}"]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
