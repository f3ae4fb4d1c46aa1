"""Progress links: sentences of later documents that report on an earlier commitment.

A sentence reports on a commitment when (1) its document is dated after the reply and
belongs to the same district, (2) it reads as a report — something already done
("已于2024年9月正式设立", "已建成4个", "超额完成", "印发给你们", "同时废止"), or, in a
policy, the provision that does it ("设立…资金池") — and (3) it names the commitment's
topic: most of the topic's character bigrams, weighted by how rare each is in the store,
stand in the sentence. A commitment keeps the best sentences of each later document.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from qa.commitments.models import Commitment, ProgressReport
from qa.commitments.timeexpr import parse_iso
from qa.commitments.walk import Sentence, document_sentences, reply_body
from store.doctable import ChunkRow, DocumentRow

_REPORTED = re.compile(
    r"已[^，。；]{0,12}?(?:设立|建成|完成|落实|启动|上线|开工|印发|出台|发布|施行|实施|运营|开通)"
    r"|(?:正式|如期|超额|全面)(?:设立|建成|完成|上线|启动)"
    r"|印发给你们|同时废止"
    r"|20\d{2}年\d{1,2}月(?!底?前)[^。；]{0,24}?(?:印发|出台|发布|设立|建成|上线)"
)
# A later reply that retells the promise ("…时承诺：2023年6月底前设立…") is not a report.
_RETOLD = re.compile(r"承诺[：:]")
# In a policy the provision itself does what was promised ("设立…风险补偿资金池，首期规模…").
_POLICY_PROVISION = re.compile(r"^(?:设立|建立|建成)")
_FUTURE = re.compile(r"将(?=[在于])|拟|力争|计划于")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_DISTRICT = re.compile(r"^(?:[\u4e00-\u9fff]{2}市)?([\u4e00-\u9fff]{2}(?:新区|区|县))")
# A figure distinctive enough to recognise in a report: an amount of money or a share.
_DISTINCT_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:(?:万|亿)[^\d，。；]{0,4}|元|%)")
_UNSEEN = ""
MIN_TOPIC_COVERAGE = 0.6
MIN_COVERAGE_WITH_FIGURE = 0.3
RELATIVE_MARGIN = 0.2
REPORTS_PER_DOCUMENT = 2


@dataclass(frozen=True)
class _Candidate:
    document: DocumentRow
    written: date
    sentence: Sentence


def document_date(document: DocumentRow) -> date | None:
    """The date a document speaks from: signed, issued or printed."""
    meta = document.metadata
    for key in ("date", "issue_date", "printed_date"):
        found = parse_iso(meta.get(key))
        if found:
            return found
    return None


def link_progress(commitments: list[Commitment], documents: Iterable[DocumentRow],
                  chunks_of: dict[str, list[ChunkRow]]) -> list[Commitment]:
    """Each commitment with the reports that later documents make on it."""
    placed = list(_dated_sentences(documents, chunks_of))
    weights = _bigram_weights(c.sentence.text for c in placed)
    candidates = [c for c in placed if _reads_as_report(c.sentence.text, c.document)]
    by_id = {d.document.doc_id: d.document for d in candidates}
    linked = []
    for commitment in commitments:
        reports = _reports_on(commitment, candidates, weights)
        linked.append(commitment.model_copy(update={"progress": [
            _report(by_id[c.document.doc_id], c) for c in reports
        ]}))
    return linked


def _dated_sentences(documents: Iterable[DocumentRow],
                     chunks_of: dict[str, list[ChunkRow]]) -> Iterable[_Candidate]:
    """The sentences of every dated document (a reply's body only: its opening restates
    the member's proposal)."""
    for document in documents:
        written = document_date(document)
        if written is None:
            continue  # an undated document cannot be placed after a promise
        chunks = chunks_of.get(document.doc_id, [])
        body = reply_body(chunks) if document.doc_type == "reply" else document_sentences(chunks)
        for sentence in body:
            yield _Candidate(document, written, sentence)


def _reads_as_report(text: str, document: DocumentRow) -> bool:
    if _FUTURE.search(text) or _RETOLD.search(text):
        return False
    if _REPORTED.search(text):
        return True
    return document.doc_type == "policy" and bool(_POLICY_PROVISION.match(text))


def _reports_on(commitment: Commitment, candidates: list[_Candidate],
                weights: dict[str, float]) -> list[_Candidate]:
    promised = parse_iso(commitment.date)
    if promised is None:
        return []
    district = _district(commitment.agency)
    matches: list[tuple[float, bool, _Candidate]] = []
    for candidate in candidates:
        if candidate.written <= promised or candidate.document.doc_id == commitment.doc_id:
            continue
        other = _district(candidate.document.metadata.get("agency"))
        if district and other and district != other:
            continue
        coverage = _coverage(commitment.topic, candidate.sentence.text, weights)
        repeats_figure = _repeats_figure(commitment, candidate.sentence.text, coverage)
        if coverage >= MIN_TOPIC_COVERAGE or repeats_figure:
            matches.append((coverage, repeats_figure, candidate))
    best = max((coverage for coverage, _, _ in matches), default=0.0)
    by_document: dict[str, list[tuple[float, bool, _Candidate]]] = {}
    for match in sorted(matches, key=lambda m: -m[0]):
        coverage, repeats_figure, candidate = match
        # Keep what reports on this very commitment, not on its neighbours in the same text.
        if repeats_figure or coverage >= best - RELATIVE_MARGIN:
            by_document.setdefault(candidate.document.doc_id, []).append(match)
    chosen = [c for kept in by_document.values() for _, _, c in kept[:REPORTS_PER_DOCUMENT]]
    return sorted(chosen, key=lambda c: (c.written, c.sentence.chunk.seq))


def _repeats_figure(commitment: Commitment, text: str, coverage: float) -> bool:
    """A report that repeats the promised amount ("突破35亿元") on the same subject."""
    figure = _DISTINCT_FIGURE.search(commitment.target or "")
    return bool(figure and figure.group() in text and coverage >= MIN_COVERAGE_WITH_FIGURE)


def _district(agency: str | None) -> str | None:
    match = _DISTRICT.match(agency or "")
    return match.group(1) if match else None


@lru_cache(maxsize=65536)
def _bigrams(text: str) -> frozenset[str]:
    """Bigrams of the text's CJK runs; cached, as every commitment is compared with every
    dated sentence."""
    return frozenset(run[i : i + 2] for run in _CJK_RUN.findall(text)
                     for i in range(len(run) - 1))


def _bigram_weights(texts: Iterable[str]) -> dict[str, float]:
    """Rarer bigrams weigh more: "金池" says more than "知识". The weight of a bigram no
    text uses (the rarest) is stored under the empty key."""
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        counts.update(_bigrams(text))
        total += 1
    weights = {gram: math.log(1 + total / n) for gram, n in counts.items()}
    weights[_UNSEEN] = max(weights.values(), default=1.0)
    return weights


def _coverage(topic: str, text: str, weights: dict[str, float]) -> float:
    """The weighted share of the topic's bigrams that stand in ``text``."""
    grams = _bigrams(topic)
    if not grams:
        return 0.0
    unseen = weights.get(_UNSEEN, 1.0)  # a bigram no report uses is the rarest
    total = sum(weights.get(g, unseen) for g in grams)
    present = _bigrams(text)
    return sum(weights.get(g, unseen) for g in grams if g in present) / total


def _report(document: DocumentRow, candidate: _Candidate) -> ProgressReport:
    return ProgressReport(
        doc_id=document.doc_id, source=document.source, title=document.title,
        date=candidate.written.isoformat(), quote=candidate.sentence.text,
        locator=candidate.sentence.chunk.locator,
    )
