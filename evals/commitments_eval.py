"""Commitments register against hand labels: precision, recall, misses, progress links.

Ingests kb/docs plus the synthetic corpus into a fresh store, builds the register and
compares it with evals/commitments_labels.jsonl; writes evals/results/commitments.md.

    .venv/bin/python evals/commitments_eval.py [--store DIR]

Matching rule: an extracted commitment matches a label of the same source when their
quotes overlap by at least half of the shorter quote, counted in characters of the
cleaned document (both quotes are located in it; the overlap is the intersection of the
two spans). Pairs are made greedily, best overlap first, each label and each extracted
commitment used once. A quote that is not found in its document overlaps nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kbqa.config import get_settings, quiet_offline_environment  # noqa: E402

LABELS = ROOT / "evals" / "commitments_labels.jsonl"
RESULTS = ROOT / "evals" / "results"
SEED = "000_4cf47a64bc319ecc.txt"
MIN_OVERLAP = 0.5


def load_labels() -> list[dict]:
    lines = LABELS.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def span_overlap(text: str, first: str, second: str) -> float:
    """Shared characters of the two quotes' spans in ``text``, over the shorter quote."""
    a, b = text.find(first), text.find(second)
    if a < 0 or b < 0 or not first or not second:
        return 0.0
    shared = min(a + len(first), b + len(second)) - max(a, b)
    return max(shared, 0) / min(len(first), len(second))


def match(labels: list[dict], extracted: list, texts: dict[str, str]) -> list[tuple[int, int]]:
    """Label index and extracted index of each matched pair."""
    pairs = []
    for i, label in enumerate(labels):
        for j, item in enumerate(extracted):
            if item.source == label["source"]:
                overlap = span_overlap(texts[item.source], label["quote"], item.quote)
                if overlap >= MIN_OVERLAP:
                    pairs.append((overlap, i, j))
    matched, used_labels, used_items = [], set(), set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_labels and j not in used_items:
            matched.append((i, j))
            used_labels.add(i)
            used_items.add(j)
    return matched


def scores(labels: list[dict], extracted: list, matched: list[tuple[int, int]]) -> dict:
    n_matched = len(matched)
    return {
        "labelled": len(labels), "extracted": len(extracted), "matched": n_matched,
        "precision": _ratio(n_matched, len(extracted)), "recall": _ratio(n_matched, len(labels)),
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else float("nan")


def field_agreement(labels: list[dict], extracted: list, matched: list[tuple[int, int]]) -> dict:
    """Deadline equal to the label's; topic sharing most characters with the label's."""
    deadline = sum(labels[i]["deadline"] == extracted[j].deadline for i, j in matched)
    topic = sum(_topics_agree(labels[i]["topic"], extracted[j].topic) for i, j in matched)
    return {"deadline": _ratio(deadline, len(matched)), "topic": _ratio(topic, len(matched))}


def _topics_agree(labelled: str, extracted: str) -> bool:
    if labelled in extracted or extracted in labelled:
        return True
    pairs = {labelled[k : k + 2] for k in range(len(labelled) - 1)}
    return len(pairs & {extracted[k : k + 2] for k in range(len(extracted) - 1)}) \
        >= 0.5 * len(pairs)


def progress_links(labels: list[dict], extracted: list, matched: list[tuple[int, int]]) -> dict:
    """Later documents linked to each matched commitment against the labelled ones.

    A label without ``progress_sources`` expects no link, so links made to it count
    against precision.
    """
    expected_total = found_total = correct = exact = 0
    rows = []
    for i, j in matched:
        expected = set(labels[i].get("progress_sources", []))
        found = {report.source for report in extracted[j].progress}
        expected_total += len(expected)
        found_total += len(found)
        correct += len(expected & found)
        exact += expected == found
        if expected or found:
            rows.append({"source": labels[i]["source"], "quote": labels[i]["quote"][:30],
                         "expected": sorted(expected), "found": sorted(found)})
    return {
        "labelled_links": expected_total, "found_links": found_total, "correct": correct,
        "precision": _ratio(correct, found_total), "recall": _ratio(correct, expected_total),
        "exact_commitments": exact, "matched_commitments": len(matched), "rows": rows,
    }


def evaluate(labels: list[dict], extracted: list, texts: dict[str, str]) -> dict:
    matched = match(labels, extracted, texts)
    by_split = {}
    for split, keep in (("seed", lambda s: s == SEED), ("synthetic", lambda s: s != SEED),
                        ("all", lambda s: True)):
        split_labels = [i for i, label in enumerate(labels) if keep(label["source"])]
        split_items = [j for j, item in enumerate(extracted) if keep(item.source)]
        split_matched = [(i, j) for i, j in matched if i in split_labels]
        by_split[split] = scores([labels[i] for i in split_labels],
                                 [extracted[j] for j in split_items], split_matched)
    matched_labels = {i for i, _ in matched}
    matched_items = {j for _, j in matched}
    per_document = []
    for source in sorted({label["source"] for label in labels} | {c.source for c in extracted}):
        per_document.append({
            "source": source,
            "labelled": sum(label["source"] == source for label in labels),
            "extracted": sum(item.source == source for item in extracted),
            "missed": [label["quote"] for i, label in enumerate(labels)
                       if label["source"] == source and i not in matched_labels],
            "spurious": [item.quote for j, item in enumerate(extracted)
                         if item.source == source and j not in matched_items],
        })
    verbatim = sum(item.quote in texts.get(item.source, "") for item in extracted)
    return {"splits": by_split, "per_document": per_document, "verbatim": verbatim,
            "fields": field_agreement(labels, extracted, matched),
            "progress": progress_links(labels, extracted, matched)}


def markdown(result: dict, meta: dict) -> str:
    lines = [
        "# Commitments register evaluation", "",
        f"Run {meta['date']} on {meta['machine']}; {meta['documents']} documents "
        f"({meta['replies']} replies), register built in {meta['build_ms']} ms. Command: "
        "`.venv/bin/python evals/commitments_eval.py`. Labels: "
        "`evals/commitments_labels.jsonl` (hand-labelled, one line per commitment).", "",
        "What counts as a commitment (the labelling rule): a sentence or clause of a reply's "
        "body in which the agency, or a unit it names, says it will act or reach a target — "
        "将/拟/计划/力争/预计…, a time after the reply's date (\"2024年底前\", "
        "\"自2024年6月起\"), an item (一是/二是…) of a forward-looking section (下一步工作, "
        "正在推进的工作), or a sentence continuing one (\"同时，…\", after \"；\"). Not "
        "counted: past facts (\"已有13家金融机构入驻\"), ongoing states (\"也在持续推进\"), "
        "forecasts about enterprises (\"企业…投入将增加\"), statements of importance, the "
        "closing courtesy (\"感谢…，我们将持续推进各项举措…\"), promises to report back to "
        "the member (\"将…向您反馈\"), lines announcing a list (\"将重点做好以下工作：\"), the "
        "contents of a revised rule already decided (\"补贴标准由每人3000元提高至…\"), and "
        "recitals of an earlier reply's promises (\"…时承诺：…\"). A sentence mixing a past "
        "fact and a promise is quoted from the promise on (\"后续还将增设分中心\"); one "
        "item with two deadlines is two commitments. Progress: a later document of the same "
        "district that reports the promise done or under way, or the published rule that "
        "does it (labels' `progress_sources`).", "",
        "A match: same source, quotes overlapping by at least half of the shorter quote "
        "(characters of the cleaned document); one-to-one, best overlap first.", "",
        "| split | labelled | extracted | matched | precision | recall |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, row in result["splits"].items():
        lines.append(f"| {name} | {row['labelled']} | {row['extracted']} | {row['matched']} "
                     f"| {row['precision']} | {row['recall']} |")
    fields = result["fields"]
    lines += ["", f"Quotes standing verbatim in their cleaned document: {result['verbatim']} of "
              f"{result['splits']['all']['extracted']}.",
              "", "The rules of `qa/commitments/` were written while reading these same eight "
              "replies (the labels were written first, by hand), so these are in-sample "
              "figures: they show the rules hold on the documents they were made for, not how "
              "they carry to new replies.",
              "", f"On matched commitments: deadline equal to the label's {fields['deadline']}; "
              f"topic agreeing with the label's {fields['topic']} (one contains the other, or "
              "half of the label's character pairs shared).", "", "## Per document", "",
              "| source | labelled | extracted | missed | spurious |",
              "| --- | --- | --- | --- | --- |"]
    for doc in result["per_document"]:
        missed = "<br>".join(doc["missed"]) or "—"
        spurious = "<br>".join(doc["spurious"]) or "—"
        lines.append(f"| {doc['source']} | {doc['labelled']} | {doc['extracted']} | {missed} "
                     f"| {spurious} |")
    progress = result["progress"]
    lines += [
        "", "## Progress links", "",
        f"Labelled links {progress['labelled_links']}, found {progress['found_links']}, "
        f"correct {progress['correct']}: precision {progress['precision']}, recall "
        f"{progress['recall']}; {progress['exact_commitments']} of "
        f"{progress['matched_commitments']} matched commitments have exactly the labelled "
        "set of later documents (none, for most).", "",
        "| reply | commitment | labelled later documents | linked |",
        "| --- | --- | --- | --- |",
    ]
    for row in progress["rows"]:
        lines.append(f"| {row['source']} | {row['quote']}… | {', '.join(row['expected']) or '—'} "
                     f"| {', '.join(row['found']) or '—'} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="reuse (or fill) this store directory")
    args = parser.parse_args()
    quiet_offline_environment()
    from qa.commitments import CommitmentRegister
    from qa.service import KnowledgeBase

    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(get_settings(store=args.store or Path(tmp)))
        summary = kb.ingest([ROOT / "kb" / "docs", ROOT / "evals" / "corpus"])
        if summary.failed:
            raise SystemExit(f"ingest failed: {summary.failed}")
        documents = kb.store.table.documents()
        texts = {d.source: kb.store.table.document_text(d.doc_id) or "" for d in documents}
        start = time.perf_counter()
        extracted = CommitmentRegister(kb.store).all()
        build_ms = round((time.perf_counter() - start) * 1000, 1)
        kb.close()
    result = evaluate(load_labels(), extracted, texts)
    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "documents": len(documents),
        "replies": Counter(d.doc_type for d in documents)["reply"], "build_ms": build_ms,
    }
    report = markdown(result, meta)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "commitments.md").write_text(report, "utf-8")
    print(report)


if __name__ == "__main__":
    main()
