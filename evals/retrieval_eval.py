"""Retrieval and refusal quality: dense-only, keyword-only and hybrid side by side.

Ingests kb/docs plus the synthetic corpus into a fresh store, asks every question of
evals/questions.jsonl in each mode, and writes evals/results/retrieval.{json,md}.

    .venv/bin/python evals/retrieval_eval.py [--show-misses]
"""

from __future__ import annotations

import argparse
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

MODES = ("dense", "keyword", "hybrid")
RESULTS = ROOT / "evals" / "results"


def load_questions(split: str) -> list[dict]:
    lines = (ROOT / "evals" / "questions.jsonl").read_text("utf-8").splitlines()
    questions = [json.loads(line) for line in lines if line.strip()]
    return [q for q in questions if split == "all" or q["split"] == split]


def evaluate(kb, questions: list[dict], mode: str) -> dict:  # type: ignore[no-untyped-def]
    from qa.text import normalise_question

    hit1, hit5, rr, fact, latencies = [], [], [], [], []
    refusal_ok, false_refusals = [], []
    misses = []
    by_type: dict[str, dict[str, list[bool]]] = {}
    current_first, superseded_named = [], []
    for q in questions:
        kind = by_type.setdefault(q["type"], {"hit@1": [], "fact_recall": [], "correct": []})
        start = time.perf_counter()
        response = kb.ask(q["question"], top_k=5, mode=mode)
        latencies.append((time.perf_counter() - start) * 1000)
        if not q["answerable"]:
            refusal_ok.append(response.refused)
            kind["correct"].append(response.refused)
            continue
        false_refusals.append(response.refused)
        hits = kb.retriever.retrieve(normalise_question(q["question"]), 5, None, mode)
        sources = [h.document.source for h in hits]
        expected = set(q["expected_sources"])
        rank = next((i for i, s in enumerate(sources) if s in expected), None)
        hit1.append(rank == 0)
        hit5.append(rank is not None)
        rr.append(0.0 if rank is None else 1.0 / (rank + 1))
        shown = response.answer + "".join(c.quote for c in response.citations)
        found = all(s in shown for s in q["must_contain"])
        fact.append(found and not response.refused)
        if q["type"] == "version" and response.citations:
            current_first.append(response.citations[0].source in expected)
            replaced = kb.retriever.versions.superseded(kb.store.snapshot())
            superseded_named += [bool(c.note and "废止" in c.note) for c in response.citations
                                 if c.doc_id in replaced]
        kind["hit@1"].append(rank == 0)
        kind["fact_recall"].append(found and not response.refused)
        kind["correct"].append(found and not response.refused)
        if rank != 0 or not found:
            misses.append({"id": q["id"], "type": q["type"], "question": q["question"],
                           "top_source": sources[0] if sources else None,
                           "expected": sorted(expected), "answer": response.answer[:160]})
    return {
        "mode": mode,
        "answerable": len(hit1),
        "out_of_scope": len(refusal_ok),
        "hit@1": _mean(hit1),
        "hit@5": _mean(hit5),
        "mrr": _mean(rr),
        "fact_recall": _mean(fact),
        "refusal_accuracy": _mean(refusal_ok),
        "false_refusal_rate": _mean(false_refusals),
        "latency_ms_median": round(statistics.median(latencies), 1),
        "version_current_first": _mean(current_first),
        "version_superseded_named": _mean(superseded_named),
        "by_type": {t: {"n": len(v["correct"]), **{k: _mean(x) for k, x in v.items()}}
                    for t, v in sorted(by_type.items())},
        "misses": misses,
    }


def _mean(values: list) -> float:
    return round(sum(values) / len(values), 3) if values else float("nan")


def markdown(results: list[dict], split: str, meta: dict) -> str:
    cols = ["hit@1", "hit@5", "mrr", "fact_recall", "refusal_accuracy", "false_refusal_rate",
            "latency_ms_median"]
    lines = [
        f"# Retrieval evaluation ({split} split)", "",
        f"Run {meta['date']} on {meta['machine']}; {meta['documents']} documents, "
        f"{meta['chunks']} chunks; {results[0]['answerable']} answerable and "
        f"{results[0]['out_of_scope']} out-of-scope questions. "
        "Command: `make eval` (`.venv/bin/python evals/retrieval_eval.py`).", "",
        "| system | " + " | ".join(cols) + " |",
        "| --- | " + " | ".join("---" for _ in cols) + " |",
    ]
    for r in results:
        lines.append(f"| {r['mode']} | " + " | ".join(str(r[c]) for c in cols) + " |")
    last = results[-1]
    lines += ["", f"Version questions (hybrid): first citation from the current policy "
              f"{last['version_current_first']}; citations of the repealed policy that name "
              f"its replacement {last['version_superseded_named']}."]
    lines += ["", "By question type (hybrid; `correct` = answered with the required strings, "
              "or refused when out of scope):", "",
              "| type | n | hit@1 | fact_recall | correct |", "| --- | --- | --- | --- | --- |"]
    for kind, row in results[-1]["by_type"].items():
        lines.append(f"| {kind} | {row['n']} | {row['hit@1']} | {row['fact_recall']} | "
                     f"{row['correct']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true",
                        help="print the hybrid system's misses on the dev split")
    args = parser.parse_args()
    quiet_offline_environment()
    from qa.service import KnowledgeBase

    splits = ("dev", "test", "all")
    by_split: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(get_settings(store=Path(tmp)))
        summary = kb.ingest([ROOT / "kb" / "docs", ROOT / "evals" / "corpus"])
        if summary.failed:
            raise SystemExit(f"ingest failed: {summary.failed}")
        snap = kb.store.snapshot()
        kb.ask("预热")
        for split in splits:
            by_split[split] = [evaluate(kb, load_questions(split), mode) for mode in MODES]
        kb.close()
    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "documents": len(snap.documents), "chunks": len(snap.chunks),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "retrieval.json").write_text(
        json.dumps({"meta": meta, "results": by_split}, ensure_ascii=False, indent=2) + "\n",
        "utf-8")
    report = "\n".join(markdown(by_split[split], split, meta) for split in splits)
    (RESULTS / "retrieval.md").write_text(report, "utf-8")
    print(report)
    if args.show_misses:
        for miss in by_split["dev"][-1]["misses"]:
            print(json.dumps(miss, ensure_ascii=False))


if __name__ == "__main__":
    main()
