"""Progress links: sentences of later documents that report on an earlier commitment.

A sentence reports on a commitment when (1) its document is dated after the reply and
belongs to the same district, (2) it reads as a report — something already done
("已于2024年9月正式设立", "已建成4个", "已由7家增加至11家", "超额完成", "印发给你们",
"同时废止"), a measure in force since before the document's date ("2023年起，…给予担保费
补贴"), a detail under a heading that reads so ("（二）智算中心二期已建成。"), or, in a
policy, the provision that does it ("设立…资金池") — and does not retell the promise
("…时承诺：2023年6月底前设立…；将…增加到不少于10家；…"), and (3) it names the
commitment's topic: most of the topic's character bigrams, weighted by how rare each is in
the store, stand in the sentence or in the numbered heading it stands under
("资金池于2023年8月正式设立" under "（一）风险补偿资金池。").

A later reply that cites the promising reply by its number ("澄金融局办理〔2022〕27号")
follows it up. There a sentence need name only part of the topic, as such replies do
("资金池", "二期"); and a sentence of it that reports on one of the cited reply's
commitments reports on that one, not on a like-named promise of another reply.
A commitment keeps the best sentences of each later document: one that repeats the
promised figure first ("高于原计划的800PFLOPS"), then those naming the topic best.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy as np

from qa.commitments.models import Commitment, ProgressReport
from qa.commitments.timeexpr import parse_iso, time_expressions
from qa.commitments.walk import Sentence, document_sentences, reply_body
from store.doctable import ChunkRow, DocumentRow

_REPORTED = re.compile(
    r"已[^，。；]{0,12}?(?:设立|建成|完成|落实|启动|上线|开工|印发|出台|发布|施行|实施|运营|开通)"
    r"|(?:正式|如期|超额|全面)(?:设立|建成|完成|上线|启动)"
    r"|印发给你们|同时废止"
    r"|20\d{2}年\d{1,2}月(?!底?前)[^。；]{0,24}?(?:印发|出台|发布|设立|建成|上线)"
    r"|已由[^，。；]{1,12}?(?:增加|增至|提高|提升|扩大|降|压缩|缩短|减少)"
    r"|未能(?:全部|按期|如期)?完成|实际(?:新增|完成|建成|到位|拨付)"
)
# A later reply that retells the promise ("…时承诺：2023年6月底前设立…") is not a report,
# nor are the clauses that go on with the retelling up to the end of its sentence ("…；将…").
_RETOLD = re.compile(r"承诺[：:]")
_SENTENCE_END = ("。", "！", "？", "!", "?")
# In a policy the provision itself does what was promised ("设立…风险补偿资金池，首期规模…").
_POLICY_PROVISION = re.compile(r"^(?:设立|建立|建成)")
_FUTURE = re.compile(r"将(?=[在于])|拟|力争|计划于")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_DISTRICT = re.compile(r"^(?:[\u4e00-\u9fff]{2}市)?([\u4e00-\u9fff]{2}(?:新区|区|县))")
# A figure distinctive enough to recognise in a report: an amount of money, a share, or a
# quantity in a Latin unit ("800PFLOPS").
_DISTINCT_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:(?:万|亿)[^\d，。；]{0,4}|元|%|[A-Za-z]{2,})")
# A target with its qualifier ("不少于5家", "不低于3000万元"): repeated whole, it is recognised
# however small its number.
_QUALIFIED_TARGET = re.compile(
    r"(?:不少于|不低于|不超过|达到|突破|超过)\d+(?:\.\d+)?[^\d，。；]{1,4}")
_QUOTED_NAME = re.compile(r"“([^”]{4,20})”")
# The year and serial that end a document number ("澄知局办理〔2023〕15号").
_SERIAL = re.compile(r"〔\d{4}〕\d+号")
_UNSEEN = ""
_SENTENCE_STOP = re.compile(r"[。！？!?]|\n")
# A report quoted through the end of its sentence only while it stays this short.
MAX_REPORT_CHARS = 200
MIN_TOPIC_COVERAGE = 0.6
MIN_COVERAGE_WITH_FIGURE = 0.3
MIN_COVERAGE_IN_FOLLOWUP = 0.3
RELATIVE_MARGIN = 0.2
REPORTS_PER_DOCUMENT = 2


@dataclass(frozen=True)
class Reading:
    """A sentence of a document as progress linking reads it, found from that document
    alone."""

    sentence: Sentence
    retold: bool  # goes on with a retelling of an earlier promise ("…承诺：…；…")
    own: frozenset[str]  # the sentence's bigrams: what the weights count
    grams: frozenset[str]  # what it names: the bigrams of the sentence and of its heading


@dataclass(frozen=True)
class _Candidate:
    index: int  # its place among all dated sentences
    document: DocumentRow
    written: date
    sentence: Sentence
    retold: bool
    own: frozenset[str]
    grams: frozenset[str]


@dataclass(frozen=True)
class _Match:
    coverage: float
    repeats_figure: bool
    candidate: _Candidate


def document_date(document: DocumentRow) -> date | None:
    """The date a document speaks from: signed, issued or printed."""
    meta = document.metadata
    for key in ("date", "issue_date", "printed_date"):
        found = parse_iso(meta.get(key))
        if found:
            return found
    return None


def link_progress(commitments: list[Commitment], documents: Iterable[DocumentRow],
                  chunks_of: dict[str, list[ChunkRow]],
                  read: Callable[[DocumentRow, list[ChunkRow]], list[Reading]] | None = None,
                  ) -> list[Commitment]:
    """Each commitment with the reports that later documents make on it. ``read`` gives a
    document's sentences as read_document does (a register passes one that remembers
    them for the documents that have not changed)."""
    placed = list(_dated_sentences(documents, chunks_of, read or read_document))
    weights = _bigram_weights(c.own for c in placed)
    candidates = _Candidates([c for c in placed if _reads_as_report(c)])
    follows = _followed_up(commitments, chunks_of)
    matches = [_matches(c, candidates, weights, follows) for c in commitments]
    claims = _claims(commitments, matches, follows)
    kept = [[m for m in found if _may_take(commitment, m, claims)]
            for commitment, found in zip(commitments, matches, strict=True)]
    # How many commitments a sentence reports on: "…等工作，现已全部完成" sums up many.
    breadth = Counter(m.candidate.index for found in kept for m in found)
    # A sentence reporting on several commitments is one report, shared by them.
    reports: dict[int, ProgressReport] = {}

    def report(candidate: _Candidate) -> ProgressReport:
        if candidate.index not in reports:
            reports[candidate.index] = _report(candidate)
        return reports[candidate.index]

    return [commitment.model_copy(update={"progress": [
        report(c) for c in _best_per_document(found, breadth)
    ]}) for commitment, found in zip(commitments, kept, strict=True)]


def _claims(commitments: list[Commitment], matches: list[list[_Match]],
            follows: dict[str, set[str]]) -> dict[int, dict[str, float]]:
    """Sentences of follow-ups that report on a promise of a reply they cite: for each such
    reply, the best coverage that any of its commitments finds in the sentence."""
    claims: dict[int, dict[str, float]] = {}
    for commitment, found in zip(commitments, matches, strict=True):
        for match in found:
            if commitment.doc_id in follows.get(match.candidate.document.doc_id, ()):
                by_reply = claims.setdefault(match.candidate.index, {})
                by_reply[commitment.doc_id] = max(by_reply.get(commitment.doc_id, 0.0),
                                                  match.coverage)
    return claims


def _may_take(commitment: Commitment, match: _Match, claims: dict[int, dict[str, float]]) -> bool:
    """A follow-up's report on one of the cited reply's promises is that promise's: not
    another reply's ("资金池" of another pool), nor a neighbour's in the same reply that the
    sentence names less well ("科技信贷规模" is not the "科技信贷风险补偿资金池")."""
    claim = claims.get(match.candidate.index)
    if claim is None:
        return True
    best = claim.get(commitment.doc_id)
    return best is not None and match.coverage >= best - RELATIVE_MARGIN


def read_document(document: DocumentRow, chunks: list[ChunkRow]) -> list[Reading]:
    """The sentences of a document (a reply's body only: its opening restates the
    member's proposal), as progress linking reads them."""
    body = reply_body(chunks) if document.doc_type == "reply" else document_sentences(chunks)
    readings = []
    retelling: tuple[str, int] | None = None  # the paragraph of a retelling under way
    for sentence in body:
        if _RETOLD.search(sentence.text):
            retelling = sentence.paragraph
        own = _bigrams(sentence.text)
        readings.append(Reading(sentence, retold=retelling == sentence.paragraph, own=own,
                                grams=own | _bigrams(sentence.heading)))
        if sentence.text.endswith(_SENTENCE_END):
            retelling = None
    return readings


def rebound(readings: list[Reading], chunks: list[ChunkRow]) -> list[Reading] | None:
    """Readings remembered from an earlier snapshot, pointing at ``chunks``: the same
    chunks as read by the current one, so that what is remembered keeps no old snapshot
    alive. None when a chunk is missing (then the document must be read again)."""
    by_id = {chunk.chunk_id: chunk for chunk in chunks}
    if all(by_id.get(r.sentence.chunk.chunk_id) is r.sentence.chunk for r in readings):
        return readings
    if not all(r.sentence.chunk.chunk_id in by_id for r in readings):
        return None
    return [replace(r, sentence=replace(r.sentence, chunk=by_id[r.sentence.chunk.chunk_id]))
            for r in readings]


def _dated_sentences(documents: Iterable[DocumentRow], chunks_of: dict[str, list[ChunkRow]],
                     read: Callable[[DocumentRow, list[ChunkRow]], list[Reading]],
                     ) -> Iterable[_Candidate]:
    """The sentences of every dated document, numbered in order."""
    index = 0
    for document in documents:
        written = document_date(document)
        if written is None:
            continue  # an undated document cannot be placed after a promise
        for reading in read(document, chunks_of.get(document.doc_id, [])):
            yield _Candidate(index, document, written, reading.sentence, reading.retold,
                             reading.own, reading.grams)
            index += 1


def _reads_as_report(candidate: _Candidate) -> bool:
    text = candidate.sentence.text
    if candidate.retold or _FUTURE.search(text) or _RETOLD.search(text):
        return False
    if _REPORTED.search(text) or _in_force_since(text, candidate.written):
        return True
    heading = candidate.sentence.heading  # "（二）智算中心二期已建成。": what follows details it
    if heading and _REPORTED.search(heading) and not _FUTURE.search(heading):
        return True
    return candidate.document.doc_type == "policy" and bool(_POLICY_PROVISION.match(text))


def _in_force_since(text: str, written: date) -> bool:
    """"2023年起，区财政…给予担保费补贴" in a reply of 2024: a measure already in force."""
    return any(t.is_start and t.start < written for t in time_expressions(text))


def _followed_up(commitments: list[Commitment],
                 chunks_of: dict[str, list[ChunkRow]]) -> dict[str, set[str]]:
    """For each document, the replies it cites by number ("澄金融局办理〔2022〕27号")."""
    numbers = {c.doc_number: c.doc_id for c in commitments if c.doc_number}
    # A number is looked for in the documents that hold its year-and-serial part ("〔2022〕
    # 27号"), found once per document, not in every document.
    by_serial: dict[str, list[str]] = {}
    unkeyed = []
    for number in numbers:
        serial = _SERIAL.search(number)
        if serial:
            by_serial.setdefault(serial.group(), []).append(number)
        else:
            unkeyed.append(number)
    follows: dict[str, set[str]] = {}
    for doc_id, chunks in chunks_of.items():
        text = "\n".join(chunk.text for chunk in chunks)
        named = [n for serial in set(_SERIAL.findall(text)) for n in by_serial.get(serial, ())]
        cited = {numbers[n] for n in named + unkeyed if n in text and numbers[n] != doc_id}
        if cited:
            follows[doc_id] = cited
    return follows


class _Candidates:
    """The sentences that may report progress, with what each commitment's search needs
    computed once: district by district, which of them hold each bigram (a commitment is
    compared only with the sentences of its own district and of documents that name none:
    see _matches)."""

    def __init__(self, items: list[_Candidate]) -> None:
        self.items = items
        members: dict[str | None, list[int]] = {}
        for n, candidate in enumerate(items):
            members.setdefault(_district(candidate.document.metadata.get("agency")), []).append(n)
        self._by_district = {district: _GramIndex([items[n] for n in ns], ns)
                             for district, ns in members.items()}

    def naming(self, topic: _Topic, least: float, district: str | None) -> dict[int, float]:
        """The candidates of ``district`` and of none (of any, for ``district`` None)
        holding at least ``least`` of the topic's weight, each with its coverage."""
        if not topic.total:
            return {}
        indexes = (self._by_district.values() if district is None else
                   [self._by_district[d] for d in (district, None) if d in self._by_district])
        named: dict[int, float] = {}
        for index in indexes:
            positions, held = index.naming(topic, least)
            named.update(zip(positions.tolist(), (held / topic.total).tolist(), strict=True))
        return named


class _GramIndex:
    """Which of some candidates hold each bigram, as positions among all candidates."""

    def __init__(self, items: list[_Candidate], positions: list[int]) -> None:
        self.positions = np.array(positions, dtype=np.int64)
        holding: dict[str, list[int]] = {}
        for n, candidate in enumerate(items):
            for gram in candidate.grams:
                holding.setdefault(gram, []).append(n)
        self.holding = {gram: np.array(ns, dtype=np.int64) for gram, ns in holding.items()}

    def naming(self, topic: _Topic, least: float) -> tuple[np.ndarray, np.ndarray]:
        """The positions of those holding at least ``least`` of the topic's weight, and the
        weight each holds (the bigrams' weights summed over their lists at once)."""
        held = np.zeros(len(self.positions))
        for gram, weight in topic.grams:
            found = self.holding.get(gram)
            if found is not None:
                held[found] += weight
        kept = np.flatnonzero(held >= least * topic.total - 1e-9)
        return self.positions[kept], held[kept]


def _matches(commitment: Commitment, candidates: _Candidates, weights: dict[str, float],
             follows: dict[str, set[str]]) -> list[_Match]:
    """The reports of later documents that name the commitment's topic."""
    promised = parse_iso(commitment.date)
    if promised is None:
        return []
    district = _district(commitment.agency)
    topic = _Topic(commitment.topic, weights)
    # In a follow-up citing the reply, a report may name the promise's quoted name instead
    # ("上线“澄湾人才安居”线上服务平台" under the heading "简化申请流程"); elsewhere such a
    # name ("“澄湾新区企业服务云”平台") is too common to tell promises apart.
    names = [_Topic(name, weights) for name in _QUOTED_NAME.findall(commitment.quote)
             if name != commitment.topic]
    matches: list[_Match] = []
    # No match covers less than the least of the thresholds below: a sentence naming less of
    # a topic counts as naming none of it.
    least_of_all = min(MIN_COVERAGE_IN_FOLLOWUP, MIN_TOPIC_COVERAGE, MIN_COVERAGE_WITH_FIGURE)
    named = [candidates.naming(t, least_of_all, district) for t in (topic, *names)]
    for n in sorted(set().union(*named)):
        candidate = candidates.items[n]
        document = candidate.document
        if candidate.written <= promised or document.doc_id == commitment.doc_id:
            continue
        follow_up = commitment.doc_id in follows.get(document.doc_id, ())
        coverage = max(found.get(n, 0.0) for found in (named if follow_up else named[:1]))
        repeats_figure = _repeats_figure(commitment, candidate.sentence.text, coverage)
        least = MIN_COVERAGE_IN_FOLLOWUP if follow_up else MIN_TOPIC_COVERAGE
        if coverage >= least or repeats_figure:
            matches.append(_Match(coverage, repeats_figure, candidate))
    return matches


def _best_per_document(matches: list[_Match], breadth: Counter[int]) -> list[_Candidate]:
    """The best reports of each document, oldest document first: those that repeat the
    promised figure ("高于原计划的800PFLOPS"), then those that name the topic best, a
    report on this commitment alone before a summary of several."""
    best = max((m.coverage for m in matches), default=0.0)
    by_document: dict[str, list[_Match]] = {}
    ranked = sorted(matches, key=lambda m: (not m.repeats_figure, -m.coverage,
                                            breadth[m.candidate.index]))
    for match in ranked:
        # Keep what reports on this very commitment, not on its neighbours in the same text.
        if match.repeats_figure or match.coverage >= best - RELATIVE_MARGIN:
            by_document.setdefault(match.candidate.document.doc_id, []).append(match)
    chosen = [m.candidate for kept in by_document.values() for m in kept[:REPORTS_PER_DOCUMENT]]
    return sorted(chosen, key=lambda c: (c.written, c.sentence.chunk.seq))


def _repeats_figure(commitment: Commitment, text: str, coverage: float) -> bool:
    """A report that repeats the promised amount ("突破35亿元") on the same subject, or the
    whole promised target with its qualifier ("超过“不少于5家”的目标")."""
    target = commitment.target or ""
    figure = _DISTINCT_FIGURE.search(target)
    whole = _QUALIFIED_TARGET.fullmatch(target)
    return coverage >= MIN_COVERAGE_WITH_FIGURE and bool(
        (figure and figure.group() in text) or (whole and target in text))


def _district(agency: str | None) -> str | None:
    match = _DISTRICT.match(agency or "")
    return match.group(1) if match else None


@lru_cache(maxsize=65536)
def _bigrams(text: str) -> frozenset[str]:
    """Bigrams of the text's CJK runs, interned (the same few thousand pairs recur in
    every sentence of a large store); cached."""
    return frozenset(sys.intern(run[i : i + 2]) for run in _CJK_RUN.findall(text)
                     for i in range(len(run) - 1))


def _bigram_weights(texts: Iterable[frozenset[str]]) -> dict[str, float]:
    """Rarer bigrams weigh more: "金池" says more than "知识". ``texts`` are the bigrams
    of each text. The weight of a bigram no text uses (the rarest) is stored under the
    empty key."""
    counts: Counter[str] = Counter()
    total = 0
    for grams in texts:
        counts.update(grams)
        total += 1
    weights = {gram: math.log(1 + total / n) for gram, n in counts.items()}
    weights[_UNSEEN] = max(weights.values(), default=1.0)
    return weights


class _Topic:
    """A commitment's topic as weighted bigrams, weighed once for all the sentences it is
    compared with. A sentence's coverage of it is the weighted share of its bigrams that
    stand in the sentence (see _GramIndex.naming)."""

    def __init__(self, topic: str, weights: dict[str, float]) -> None:
        unseen = weights.get(_UNSEEN, 1.0)  # a bigram no report uses is the rarest
        self.grams = [(g, weights.get(g, unseen)) for g in _bigrams(topic)]
        self.total = sum(w for _, w in self.grams)


def _report(candidate: _Candidate) -> ProgressReport:
    document = candidate.document
    return ProgressReport(
        doc_id=document.doc_id, source=document.source, title=document.title,
        date=candidate.written.isoformat(),
        quote=_whole_sentence(candidate.sentence.text, candidate.sentence.chunk.text),
        locator=candidate.sentence.chunk.locator,
    )


def _whole_sentence(clause: str, text: str) -> str:
    """The clause through the end of its sentence, verbatim: "资金池于2023年8月正式设立，
    较原计划推迟两个月；" goes on with "首期到位资金7500万元，…。", the rest of the report."""
    start = text.find(clause)
    if start < 0 or not clause.endswith(("；", ";")):
        return clause
    end = _SENTENCE_STOP.search(text, start + len(clause))
    stop = end.end() if end else len(text)
    if stop - start > MAX_REPORT_CHARS:
        return clause
    return text[start:stop].strip()
