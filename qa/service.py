"""The knowledge base as one object: what the CLI and the HTTP API call."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from ingest.pipeline import IngestOptions, Progress, ingest_paths
from kbqa.config import Settings
from kbqa.embedders import make_embedder
from kbqa.models import AskResponse, DocumentSummary, IngestSummary, validate_question
from qa.answer import Answer, ExtractiveAnswerer, question_terms
from qa.commitments import (
    Commitment,
    CommitmentRegister,
    asks_for_progress,
    commitment_question,
)
from qa.dictionary import EnglishDictionary
from qa.eligibility import (
    EligibilityMatcher,
    EnterpriseProfile,
    MeasureMatch,
    eligibility_question,
    profile_from_text,
)
from qa.genre_answers import answer_commitments, answer_eligibility, with_verdict
from qa.retrieve import Hit, HybridRetriever, Mode
from qa.text import (
    answer_shapes,
    asks_may_apply,
    asks_only_outcome,
    compared_parts,
    is_mostly_latin,
    keyword_query,
    normalise_question,
    question_parts,
    quoted_names,
    strip_instructions,
)
from qa.typos import TypoCorrector
from store import KnowledgeStore
from store.doctable import DocumentRow
from store.keyword import dictionary_word, segmented_words

# Passages searched for each part of a question in several parts.
PART_TOP_K = 3
# More commitments than this, found by unit or year alone, are narrowed to those the
# question's words are about: those holding at least FOCUS_RATIO of the best share of its
# terms, when the best holds at least FOCUS_MIN_SHARE. Even two or three: "人才工作局2023年
# 承诺新增1600套人才公寓，兑现了吗" is about one of that unit's three promises of the year.
UNFOCUSED_COMMITMENTS = 1
# A year is when a promise was made or due, which its quote may not say; a count or an
# amount the question recites ("那320套") is what it promised.
_YEAR_TERM = re.compile(r"(?:19|20)\d{2}")
_NUMBERED = re.compile(r"(\d+)\s*号")
FOCUS_RATIO = 0.7
FOCUS_MIN_SHARE = 0.3
_COMMITMENT_WORDS = frozenset("承诺 答应 许诺 兑现 落实 计划 什么 哪些 时候 多少 "
                              "提案 建议 答复 回复 代表 委员 下一步 后续 安排 工作".split())
# An enterprise's "有什么支持？" lists the measures of the documents among this many best
# passages, each ranked at least this share of the best one's score: a passage far below
# it ("模力社区…租金减免" of another district's reply, at half the AI policy's score) is
# about something else.
ELIGIBILITY_FOCUS_HITS = 2
ELIGIBILITY_FOCUS_RATIO = 0.6
# "能申报数字化车间项目吗？" looks for the measure named among this many of those documents.
MEASURES_JUDGED = 200
PROGRAMME_MIN_CHARS = 4


class KnowledgeBase:
    """Store, retriever and answerer, built once per process."""

    def __init__(self, settings: Settings, embedder: Embeddings | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or make_embedder(settings.embedder)
        self.store = KnowledgeStore(settings.store, self.embedder, settings.chroma_url,
                                    settings.collection)
        self.commitments = CommitmentRegister(self.store)
        self.retriever = HybridRetriever(self.store, self.embedder, self.commitments.all)
        self.answerer = ExtractiveAnswerer(self.store, self.retriever.versions,
                                           lambda: settings.today or date.today(),
                                           commitments=self.commitments.all)
        self.eligibility = EligibilityMatcher(self.store)
        self._typos: tuple[object, TypoCorrector] | None = None

    def close(self) -> None:
        self.store.close()

    def ingest(self, paths: list[Path], progress: Progress | None = None) -> IngestSummary:
        options = IngestOptions(max_bytes=int(self.settings.max_file_mb * 1024 * 1024),
                                chunk_chars=self.settings.chunk_chars)
        return ingest_paths(self.store, paths, options, progress)

    def is_empty(self) -> bool:
        return not self.store.table.documents()

    def ask(self, question: str, top_k: int | None = None,
            filters: Mapping[str, Any] | None = None, mode: Mode = "hybrid") -> AskResponse:
        """Answer a question from the knowledge base, or refuse with the nearest documents."""
        start = time.perf_counter()
        query = self.search_query(question)
        hits = (self.retriever.retrieve(query, top_k or self.settings.top_k, filters, mode)
                if query else [])
        retrieved = time.perf_counter()
        answer = (self.answerer.refusal(hits) if not query
                  else self._from_register(query, filters, hits)
                  or self.answerer.answer(query, hits, self._part_hits(query, filters, mode)))
        if query and not answer.refused and closed_eligibility_question(query):
            answer = with_verdict(answer, self._measures_asked(query, hits))
        done = time.perf_counter()
        return AskResponse(
            answer=answer.text, refused=answer.refused, citations=answer.citations,
            nearest_documents=answer.nearest,
            timings_ms={
                "retrieve": round((retrieved - start) * 1000, 1),
                "answer": round((done - retrieved) * 1000, 1),
                "total": round((done - start) * 1000, 1),
            },
        )

    def search_query(self, question: str) -> str:
        """The question as it is searched and answered: normalised, without instructions
        to the system, slips corrected, an English question's words put into Chinese."""
        return self._corrected(strip_instructions(normalise_question(validate_question(question))))

    def _corrected(self, query: str) -> str:
        """The question with same-sound slips corrected against this knowledge base's
        words (the corrector is rebuilt when the store changes)."""
        if not query:
            return query
        keyword = self.store.snapshot().keyword
        if self._typos is None or self._typos[0] is not keyword:
            self._typos = (keyword, TypoCorrector(keyword.document_frequency))
        if is_mostly_latin(query):
            # Pinyin names spelt in Chinese, then everyday words the glossary lacks.
            named = self._typos[1].with_names(query)
            return EnglishDictionary(keyword.document_frequency).annotated(named)
        return self._typos[1].correct(query)

    def _part_hits(self, query: str, filters: Mapping[str, Any] | None,
                   mode: Mode) -> list[list[Hit]]:
        """Passages for each part of a question in several parts; a later part is searched
        with the first, which usually names the subject ("…到2025年又有多少套？")."""
        parts = question_parts(query)
        if len(parts) < 2:
            return []
        # A part asking the same of one of two things ("浦东…是多少？") names its subject.
        whole = set(compared_parts(query))
        return [self.retriever.retrieve(part if i == 0 or part in whole
                                        else f"{parts[0]} {part}", PART_TOP_K, filters, mode)
                for i, part in enumerate(parts)]

    def _from_register(self, question: str, filters: Mapping[str, Any] | None,
                       hits: list[Hit]) -> Answer | None:
        """Questions about commitments or about what an enterprise may apply for are
        answered from the register or the matcher, listing everything that applies."""
        if filters:
            return None
        wanted = commitment_question(question)
        # Asked only how much or when it came out ("承诺1个亿，最后首期实际到位了多少钱"),
        # the report's figure is the answer; asked whether it did ("后来到位了吗"), the
        # promise with its progress.
        asked = keyword_query(question)
        if wanted is not None and not (asks_only_outcome(asked) and answer_shapes(asked)):
            items = self.commitments.filter(**wanted)
            if "topic" not in wanted and len(items) > UNFOCUSED_COMMITMENTS:
                items = self._focused(question, items, str(wanted.get("agency") or ""))
            return answer_commitments(items, asks_for_progress(question)) if items else None
        if open_eligibility_question(question):
            # Measures of the documents the question is about ("能申请研发费用补助吗？按什么
            # 比例补？" is about the R&D subsidy rules, not every measure the firm may meet).
            about = _focus_documents(hits)
            result = self.eligibility.match(EnterpriseProfile(free_text=question),
                                            documents=about)
            if any(m.outcome != "not_eligible" for m in result.matches):
                return answer_eligibility(result)
        return None

    def _focused(self, question: str, items: list[Commitment],
                 agency: str) -> list[Commitment]:
        """Of many commitments, those whose promise the question's own words are about
        ("还差的那部分钱…什么时候拨付到位" is about the payment still owed, not every promise
        of the unit); all of them when the question names nothing beyond the unit, the
        reply or a number ("137号提案答复里承诺了什么"), none when it names something no
        promise mentions.
        Pairs of characters count only as dictionary words, not across two words."""
        # A name the question quotes ("“知产融”平台承诺什么时候上线") picks the promises
        # naming it, when some do; the other platforms promised share only its kind.
        named = quoted_names(question)
        naming = [c for c in items if named and all(n in f"{c.quote} {c.topic}" for n in named)]
        if naming:
            items = naming
            if len(items) <= UNFOCUSED_COMMITMENTS:
                return items
        keyword = self.store.snapshot().keyword
        asked = keyword_query(question)
        words = segmented_words(asked)
        # A number naming the proposal or document ("137号提案") names no promise's words.
        numbers = set(_NUMBERED.findall(asked))
        terms = {t: w for t, w in question_terms(asked, keyword).items()
                 if keyword.document_frequency.get(t) and t not in _COMMITMENT_WORDS
                 and t not in agency and not _YEAR_TERM.fullmatch(t) and t not in numbers
                 and (len(t) != 2 or t in words or dictionary_word(t))}
        total = sum(terms.values())
        if not total:
            return items

        def share(c: Commitment) -> float:
            # The unit counts too: "投资促进服务中心答复…时承诺…" names whose promises; so
            # does what the promise is about, named before its clause ("澄湾智算中心二期…，
            # 预计2025年6月底前建成").
            said = f"{c.quote} {c.agency or ''} {c.topic}"
            return sum(w for t, w in terms.items() if t in said) / total

        scores = [share(c) for c in items]
        best = max(scores)
        if best < FOCUS_MIN_SHARE:
            # The question is about something no promise mentions ("细则里承诺给入库企业
            # 提供哪些服务"): the documents answer it, not a list of every promise.
            return []
        return [c for c, score in zip(items, scores, strict=True)
                if score >= FOCUS_RATIO * best]

    def _measures_asked(self, question: str, hits: list[Hit]) -> list[MeasureMatch]:
        """The measures a question names ("能申报数字化车间项目吗？"), judged against what
        the question says of the enterprise, when it states any figure."""
        if not _states_figures(profile_from_text(question)):
            return []
        result = self.eligibility.match(
            EnterpriseProfile(free_text=question), limit=MEASURES_JUDGED,
            documents=_focus_documents(hits))
        named = [m for m in result.matches if _names_measure(question, m.measure.name)]
        if named:
            return named
        # "能申请数据要素专项吗？" names a programme: every measure of its guide is judged.
        programmes = {m.measure.doc_id for m in result.matches
                      if _names_programme(question, m.measure.title)}
        return [m for m in result.matches if m.measure.doc_id in programmes]

    def ask_events(
        self, question: str, top_k: int | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """The answer as a stream: ``citations`` first, then ``delta`` pieces, then ``done``.

        Each event is ``(name, payload)``; joining the deltas' ``text`` gives the answer.
        """
        response = self.ask(question, top_k, filters)
        yield "citations", {
            "refused": response.refused,
            "citations": [c.model_dump() for c in response.citations],
            "nearest_documents": [d.model_dump() for d in response.nearest_documents],
        }
        for piece in answer_pieces(response.answer):
            yield "delta", {"text": piece}
        yield "done", {"refused": response.refused, "timings_ms": response.timings_ms}

    def documents(self) -> list[DocumentSummary]:
        replaced = self.retriever.versions.superseded(self.store.snapshot())
        return [_summary(row, replaced) for row in self.store.table.documents()]

    def document(self, doc_id: str) -> DocumentSummary | None:
        row = self.store.table.document(doc_id) or self._by_source(doc_id)
        replaced = self.retriever.versions.superseded(self.store.snapshot())
        return _summary(row, replaced) if row else None

    def _by_source(self, name: str) -> DocumentRow | None:
        return self.store.table.document_by_source(name)

    def delete(self, doc_id: str) -> bool:
        row = self.store.table.document(doc_id) or self._by_source(doc_id)
        return self.store.delete(row.doc_id) if row else False


_OPEN_QUESTION = re.compile(r"什么|哪些|哪几")


def _focus_documents(hits: list[Hit]) -> set[str]:
    """The documents whose measures an eligibility question is about (see
    ELIGIBILITY_FOCUS_HITS)."""
    best = hits[0].score if hits else 0.0
    return {h.document.doc_id for h in hits[:ELIGIBILITY_FOCUS_HITS]
            if h.score >= ELIGIBILITY_FOCUS_RATIO * best}


def open_eligibility_question(question: str) -> bool:
    """"有什么支持？" lists measures; "能申请…吗？" is answered from the clause that decides it."""
    return bool(eligibility_question(question) and _OPEN_QUESTION.search(question))


_MEASURE_VERB = re.compile(r"^(?:支持|鼓励|促进|加强|加大)")


def closed_eligibility_question(question: str) -> bool:
    """"我们营收800万元，能申报数字化车间项目吗？": may this enterprise apply for that."""
    return bool((eligibility_question(question) or asks_may_apply(question))
                and not _OPEN_QUESTION.search(question))


def _names_measure(question: str, name: str) -> bool:
    """Whether the question names the measure ("技术改造支持" names "支持技术改造")."""
    core = _MEASURE_VERB.sub("", re.sub(r"（\d+）$", "", name))
    return len(core) >= 2 and core in question


_PROGRAMME = re.compile(r"([\u4e00-\u9fff]{2,12})专项")
# "能报首台套吗": what is applied for, named without "专项".
_APPLIED_FOR = re.compile(r"(?:申请|申报|报|享受)([\u4e00-\u9fff（）()]{3,14}?)(?:吗|么|呢)")
_BRACKETS = re.compile(r"[（）()]")


def _names_programme(question: str, title: str | None) -> bool:
    """Whether the question names the programme a guide is for ("数据要素专项" names
    "2025年度澄湾新区数据要素产业发展专项申报指南"): four or more characters just before
    "专项" in the question stand in the title, which is a programme's; or what the question
    applies for does ("能报首台套吗": "首台（套）重大技术装备专项"), brackets aside."""
    if not title or "专项" not in title:
        return False
    bare = _BRACKETS.sub("", title)
    return any(named[-k:] in title
               for named in _PROGRAMME.findall(question)
               for k in range(PROGRAMME_MIN_CHARS, len(named) + 1)) or any(
        _BRACKETS.sub("", named) in bare for named in _APPLIED_FOR.findall(question))


def _states_figures(profile: EnterpriseProfile) -> bool:
    return any(v is not None for v in (profile.annual_revenue_wan, profile.rd_ratio_percent,
                                       profile.headcount, profile.founded_year))


def register_question(question: str) -> bool:
    """Whether ``KnowledgeBase.ask`` answers ``question`` (normalised) from the commitments
    register or the eligibility matcher rather than from retrieved passages alone (a
    may-we-apply question stating the enterprise's figures is also judged by the matcher;
    a question asking only what came of something reads the register's later reports)."""
    return (commitment_question(question) is not None or open_eligibility_question(question)
            or asks_only_outcome(keyword_query(question))
            or (closed_eligibility_question(question)
                and _states_figures(profile_from_text(question))))


def answer_pieces(answer: str) -> list[str]:
    """The answer cut after each sentence, so a client can show it as it arrives."""
    return [piece for piece in re.split(r"(?<=[。！？])", answer) if piece]


def _summary(row: DocumentRow, replaced: Mapping[str, str]) -> DocumentSummary:
    return DocumentSummary(
        doc_id=row.doc_id, source=row.source, title=row.title, doc_type=row.doc_type,
        n_chunks=row.n_chunks, content_hash=row.content_hash, ingested_at=row.ingested_at,
        metadata=row.metadata, superseded_by=replaced.get(row.doc_id),
    )
