"""Hybrid retrieval: dense (Chroma) and keyword (BM25) candidates, their scores fused."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from langchain_core.embeddings import Embeddings

from qa.commitments.models import Commitment
from qa.text import (
    FIRST_PERSON,
    about_clauses,
    asks_only_outcome,
    doc_numbers,
    english_time_asked,
    found,
    is_mostly_latin,
    keyword_query,
    search_terms,
    with_synonyms,
    without_annotations,
)
from qa.versions import VersionIndex, asks_about_old_version, in_force_in_year_asked
from store import KnowledgeStore
from store.doctable import ChunkRow, DocumentRow
from store.keyword import tokenize

Mode = Literal["hybrid", "dense", "keyword"]
DENSE_WEIGHT = 0.3
# An English question's keywords are only what the glossary and the dictionary translate;
# its embedding, with its Chinese terms beside it (see _query_vector), weighs more.
# Measured on the probes (evals/README.md): 0.3 → 0.5 finds the right document first for
# 3 more of 50 fresh English ones, and leaves the dev questions' answers as they were.
ENGLISH_DENSE_WEIGHT = 0.5
SUPERSEDED_WEIGHT = 0.5
# The keyword weight of terms only of the clauses saying who asks (see _asker_lighter).
ASKER_KEYWORD_WEIGHT = 0.3
CANDIDATES = 30
# A passage that prints the document number a question names ("澄科经委规〔2021〕3号现在
#还有效吗？") is about that document: "〔2021〕6号" shares every token with it but one.
NAMED_NUMBER_BONUS = 0.5
# A passage of a document whose identity (title, the proposal's title, unit, proposer,
# session, number) holds question terms the passage itself lacks: "区知识产权局答复第58号
# 提案时承诺…" is about that reply's passages, which rarely repeat its unit and number.
# Weighted by the idf-weighted share of the question's terms found that way.
IDENTITY_WEIGHT = 0.2
# Asked only what came of something ("人才工作局说2024年底前新增1600套，实际新增了多少套？")
# or what is now ("平均担保费率现在降到多少了"), a later document reporting on the promises of
# the best passage's document outranks it: the question retells the promise, so the
# promising reply shares its words best.
REPORT_BONUS = 0.4
_ASKS_NOW = re.compile(r"现在|目前|如今|眼下")
_YEAR_IN_ENGLISH = re.compile(r"\b(20\d{2})\b")
# Not the time an English question asks about: a deadline ("by the end of 2024"), or the
# start of a change ("since April 2023").
_YEAR_NOT_ASKED_IN_ENGLISH = re.compile(
    r"(?i)\b(?:since|by|before|until|till|after)\s+(?:the\s+)?(?:end\s+of\s+|end-|mid-"
    r"|early\s+|late\s+)?(?:[a-z]+\s+)?20\d{2}\b")
# An English question naming the year it asks about raises the passages of documents of
# that year or the next (a reply tells of the year before it): the translated terms read
# as well in an earlier reply and in the later one reporting on it.
YEAR_NAMED_BONUS = 0.15


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with the evidence for its rank."""

    chunk: ChunkRow
    document: DocumentRow
    score: float
    dense: float | None
    keyword: float | None


class HybridRetriever:
    """Finds the chunks most likely to answer a (normalised) question."""

    def __init__(self, store: KnowledgeStore, embedder: Embeddings,
                 commitments: Callable[[], list[Commitment]] | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.versions = VersionIndex()
        # The commitments register, read for the later documents reporting on a promise.
        self.commitments = commitments

    def retrieve(self, question: str, k: int = 5, filters: Mapping[str, Any] | None = None,
                 mode: Mode = "hybrid") -> list[Hit]:
        snap = self.store.snapshot()
        doc_ids = self.store.document_ids_matching(filters) if filters else None
        dense: list[tuple[str, float]] = []
        keyword: list[tuple[str, float]] = []
        if mode in ("hybrid", "dense"):
            vector = self._query_vector(question)
            raw = self.store.vectors.query(vector, CANDIDATES + 10, doc_ids)
            dense = [(cid, s) for cid, s in raw if cid in snap.chunks][:CANDIDATES]
        terms = tokenize(search_terms(question))
        if mode in ("hybrid", "keyword"):
            mask = snap.positions_of(doc_ids) if doc_ids is not None else None
            asked, asker = _asker_lighter(question, terms)
            keyword = snap.keyword.search(with_synonyms(asked), CANDIDATES, mask,
                                          with_synonyms(asker), ASKER_KEYWORD_WEIGHT)
        weight = ENGLISH_DENSE_WEIGHT if is_mostly_latin(question) else DENSE_WEIGHT
        fused = self._prefer_current(question, _score_fusion(dense, keyword, weight))
        fused = _prefer_named_numbers(question, fused, snap.chunks, snap.documents)
        fused = _prefer_named_documents(terms, fused, snap)
        fused = _prefer_replies(question, fused, snap)
        fused = self._prefer_reports(question, fused, snap)
        fused = self._prefer_promises(question, fused, snap)
        fused = _prefer_years_named_in_english(question, fused, snap)
        dense_of, keyword_of = dict(dense), dict(keyword)
        return [
            Hit(snap.chunks[cid], snap.documents[snap.chunks[cid].doc_id], score,
                dense_of.get(cid), keyword_of.get(cid))
            for cid, score in fused[:k]
        ]


    def _prefer_current(self, question: str, fused: list[tuple[str, float]]
                        ) -> list[tuple[str, float]]:
        """Rank a superseded policy below its replacement unless the question asks for it."""
        snap = self.store.snapshot()
        replaced = self.versions.superseded(snap)
        if not replaced:
            return fused
        rescored = []
        for cid, score in fused:
            doc = snap.documents[snap.chunks[cid].doc_id]
            if doc.doc_id in replaced and not (
                    asks_about_old_version(question, doc) or in_force_in_year_asked(
                        question, doc, snap.documents[replaced[doc.doc_id]])):
                score *= SUPERSEDED_WEIGHT
            rescored.append((cid, score))
        return sorted(rescored, key=lambda item: item[1], reverse=True)

    def _query_vector(self, question: str) -> list[float]:
        """The question's embedding; an English question's is averaged with that of its
        Chinese terms: e5 places an English question far from Chinese passages, its
        terms (the glossary's and the dictionary's) near the ones using them."""
        vector = self.embedder.embed_query(question)
        terms = keyword_query(question) if is_mostly_latin(question) else ""
        if not terms:
            return vector
        both = np.add(vector, self.embedder.embed_query(terms))
        return list(map(float, both / (np.linalg.norm(both) or 1.0)))

    def _prefer_reports(self, question: str, fused: list[tuple[str, float]], snap: Any
                        ) -> list[tuple[str, float]]:
        """Raise the passages of the documents reporting on the promises of the best
        passage's document, when the question asks only what came of something or what
        is now."""
        if not fused or self.commitments is None or not (
                asks_only_outcome(question) or _ASKS_NOW.search(question)
                or english_time_asked(question) == "outcome"):
            return fused
        lead = snap.chunks[fused[0][0]].doc_id
        reporting = {p.doc_id for c in self.commitments() if c.doc_id == lead
                     for p in c.progress if p.doc_id != lead}
        return _raised(fused, snap, reporting, REPORT_BONUS)

    def _prefer_promises(self, question: str, fused: list[tuple[str, float]], snap: Any
                         ) -> list[tuple[str, float]]:
        """Raise the passages of the documents whose promises the best passage's document
        reports on, when an English question asks only what was promised ("How big a pool
        did the bureau promise in its 2022 reply?"): the later report retells the promise,
        and a translated question's few terms read as well there."""
        if not fused or self.commitments is None or english_time_asked(question) != "promise":
            return fused
        lead = snap.chunks[fused[0][0]].doc_id
        # The question names the time of the promise ("in its 2022 reply"), before the
        # report's: "supposed to have by the end of 2025" may be the report's own promise.
        named = {int(y) for y in _YEAR_IN_ENGLISH.findall(without_annotations(question))}
        before = {y for y in named if y < _year(snap.documents[lead])}
        promising = {c.doc_id for c in self.commitments() if c.doc_id != lead
                     and any(p.doc_id == lead for p in c.progress)
                     and any(_year(snap.documents[c.doc_id]) <= y for y in before)}
        return _raised(fused, snap, promising, REPORT_BONUS)


def _prefer_years_named_in_english(question: str, fused: list[tuple[str, float]], snap: Any
                                   ) -> list[tuple[str, float]]:
    """Raise the passages of documents of the years an English question asks about (see
    YEAR_NAMED_BONUS), unless it asks what came of something since."""
    if not is_mostly_latin(question) or english_time_asked(question) == "outcome":
        return fused
    named = {int(y) for y in _YEAR_IN_ENGLISH.findall(
        _YEAR_NOT_ASKED_IN_ENGLISH.sub("", without_annotations(question)))}
    if not named:
        return fused
    years = named | {y + 1 for y in named}
    of_years = {d for d, doc in snap.documents.items() if _year(doc) in years}
    return _raised(fused, snap, of_years, YEAR_NAMED_BONUS)


def _raised(fused: list[tuple[str, float]], snap: Any, doc_ids: set[str], bonus: float
            ) -> list[tuple[str, float]]:
    """The ranking with the passages of ``doc_ids`` raised by ``bonus``, best first."""
    if not doc_ids:
        return fused
    rescored = [(cid, score + (bonus if snap.chunks[cid].doc_id in doc_ids else 0.0))
                for cid, score in fused]
    return sorted(rescored, key=lambda item: item[1], reverse=True)


def _year(doc: DocumentRow) -> int:
    """The year of a document's date; a date unknown sorts last."""
    when = str(doc.metadata.get("date") or "")[:4]
    return int(when) if when.isdigit() else 9999


def _asker_lighter(question: str, terms: list[str]) -> tuple[list[str], list[str]]:
    """The question's search terms split into those of what it asks and those only of
    the clauses saying who asks ("我们是科技型中小企业，租用算力有补贴吗？"): what the asker
    is names the documents about such firms, not the measure asked for."""
    about = about_clauses(question, opening=True)
    if is_mostly_latin(question) or not FIRST_PERSON.search(question) or not about:
        return terms, []
    asked = set(tokenize(search_terms(about)))
    if not asked & set(terms):
        return terms, []
    return [t for t in terms if t in asked], [t for t in terms if t not in asked]


def _prefer_named_numbers(question: str, fused: list[tuple[str, float]],
                          chunks: Mapping[str, ChunkRow], documents: Mapping[str, DocumentRow]
                          ) -> list[tuple[str, float]]:
    """Raise the passages that print, or belong to the document that bears, a document
    number the question names."""
    numbers = doc_numbers(question)
    if not numbers:
        return fused
    rescored = []
    for cid, score in fused:
        chunk = chunks[cid]
        own = documents[chunk.doc_id].metadata.get("doc_number")
        if any(n in chunk.text or n == own for n in numbers):
            score += NAMED_NUMBER_BONUS
        rescored.append((cid, score))
    return sorted(rescored, key=lambda item: item[1], reverse=True)


# A question about what a reply said or promised ("区知识产权局答复第58号提案时承诺…",
# "二期预计什么时候建成"): the reply's passages outrank a policy's or a notice's on the same
# subject.
_ASKS_REPLY = re.compile(r"承诺|答复|回复|提案|代表建议|委员|表态|说要|说过|打算|预计")
REPLY_BONUS = 0.1


def _prefer_replies(question: str, fused: list[tuple[str, float]], snap: Any
                    ) -> list[tuple[str, float]]:
    if not _ASKS_REPLY.search(question):
        return fused
    replies = {d for d, doc in snap.documents.items() if doc.doc_type == "reply"}
    return _raised(fused, snap, replies, REPLY_BONUS)


def document_identity(doc: DocumentRow) -> str:
    """What names a document beside its text: title, the proposal it answers, unit,
    proposer, session and number."""
    meta = doc.metadata
    parts = [doc.title, meta.get("proposal_title"), meta.get("agency"), meta.get("proposer"),
             meta.get("session"), meta.get("doc_number")]
    if meta.get("proposal_number"):
        parts.append(f"第{meta['proposal_number']}号{meta.get('proposal_kind') or ''}")
    return " ".join(str(p) for p in parts if p)


def _prefer_named_documents(tokens: list[str], fused: list[tuple[str, float]],
                            snap: Any) -> list[tuple[str, float]]:
    """Raise the passages whose document's identity holds question terms (the question's
    search ``tokens``) they lack."""
    if not fused:
        return fused
    keyword = snap.keyword
    terms = {t: keyword.idf(t) for t in dict.fromkeys(tokens)}
    total = sum(terms.values())
    if not total:
        return fused
    identities: dict[str, str] = {}
    rescored = []
    for cid, score in fused:
        chunk = snap.chunks[cid]
        if chunk.doc_id not in identities:
            identities[chunk.doc_id] = document_identity(snap.documents[chunk.doc_id])
        identity = identities[chunk.doc_id]
        named = sum(w for t, w in terms.items()
                    if found(t, identity) and not found(t, chunk.text))
        rescored.append((cid, score + IDENTITY_WEIGHT * named / total))
    return sorted(rescored, key=lambda item: item[1], reverse=True)


def _score_fusion(dense: list[tuple[str, float]], keyword: list[tuple[str, float]],
                  dense_weight: float = DENSE_WEIGHT) -> list[tuple[str, float]]:
    """A weighted sum of normalised scores.

    Measured against reciprocal-rank fusion on the dev questions (evals/fusion_compare.py):
    keeping the scores' margins beats keeping only the ranks, and keywords weigh more
    because official documents name their subjects with fixed terms.
    """
    scores: dict[str, float] = {}
    if dense:
        high, low = dense[0][1], dense[-1][1]
        for cid, score in dense:
            scores[cid] = dense_weight * (score - low) / ((high - low) or 1.0)
    if keyword:
        top = keyword[0][1]
        for cid, score in keyword:
            scores[cid] = scores.get(cid, 0.0) + (1 - dense_weight) * score / top
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)
