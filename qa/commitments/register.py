"""The commitments register: every promise of every reply, with later progress, filterable."""

from __future__ import annotations

import gc
import hashlib
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from qa.commitments.extract import Promise, find_promises
from qa.commitments.fields import agency_of, deadline_of, target_of, topic_of
from qa.commitments.models import Commitment
from qa.commitments.progress import document_date, link_progress, read_document, rebound
from qa.commitments.walk import Sentence, reply_body
from store import KnowledgeStore, Snapshot
from store.doctable import ChunkRow, DocumentRow

# Short forms people use for agencies, and the full forms the documents sign with.
_AGENCY_SHORT_FORMS = {
    "科经委": "科技和经济委员会",
    "人社局": "人力资源和社会保障局",
    "商务委": "商务委员会",
    "知产局": "知识产权局",
    "环保局": "生态环境局",
    "区委金融办": "委员会金融办公室",
}
_CJK_PAIR = re.compile(r"(?=([\u3400-\u4dbf\u4e00-\u9fff]{2}))")
TOPIC_BIGRAM_SHARE = 0.8
T = TypeVar("T")


def extract_commitments(document: DocumentRow, chunks: list[ChunkRow]) -> list[Commitment]:
    """The commitments a reply document makes (none for other kinds of document)."""
    if document.doc_type != "reply":
        return []
    written = document_date(document)
    body = reply_body(chunks)
    promises = find_promises(body, written)
    commitments = []
    seen: set[str] = set()
    for promise in promises:
        commitment = _commitment(document, promise, _preceding(body, promise.sentence))
        if commitment.id not in seen:
            seen.add(commitment.id)
            commitments.append(commitment)
    return commitments


def _preceding(body: list[Sentence], sentence: Sentence) -> str:
    """The section's text before ``sentence``, where a bare "平台" finds its name."""
    section = sentence.chunk.section
    before = []
    for other in body:
        if other is sentence:
            break
        if other.chunk.section == section:
            before.append(other.text)
    return "\n".join(before) + "\n"


def _commitment(document: DocumentRow, promise: Promise, preceding: str) -> Commitment:
    meta = document.metadata
    written = document_date(document)
    quote = promise.quote
    return Commitment(
        id=commitment_id(document.doc_id, quote),
        doc_id=document.doc_id, source=document.source, title=document.title,
        doc_number=meta.get("doc_number"), proposal_kind=meta.get("proposal_kind"),
        proposal_number=meta.get("proposal_number"), proposer=meta.get("proposer"),
        agency=agency_of(promise, meta.get("agency")),
        date=written.isoformat() if written else None,
        topic=topic_of(promise, preceding), deadline=deadline_of(promise, written),
        target=target_of(quote), quote=quote, locator=promise.sentence.chunk.locator,
    )


def commitment_id(doc_id: str, quote: str) -> str:
    """Stable across rebuilds: the same quote in the same document keeps its id."""
    return hashlib.sha1(f"{doc_id}\0{quote}".encode()).hexdigest()[:16]


def build_register(snapshot: Snapshot, memo: DocumentMemo | None = None) -> list[Commitment]:
    """Every commitment of the snapshot's replies, oldest reply first, with progress.
    ``memo`` keeps what is read from each document alone across builds."""
    memo = memo or DocumentMemo()
    chunks_of: dict[str, list[ChunkRow]] = defaultdict(list)
    for chunk in snapshot.chunks.values():
        chunks_of[chunk.doc_id].append(chunk)
    documents = sorted(snapshot.documents.values(),
                       key=lambda d: (str(document_date(d) or ""), d.source))
    with _cycle_collection_paused():
        memo.keep(documents)
        found = [c for d in documents
                 for c in memo.get("commitments", extract_commitments, d, chunks_of[d.doc_id])]
        return link_progress(found, documents, chunks_of, read=lambda d, chunks: memo.get(
            "readings", read_document, d, chunks, refresh=rebound))


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a register is built: the build makes millions
    of small objects and no cycles, and each full collection it would trigger walks every
    object of the process. Reference counting still frees what is dropped; the collector
    runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class DocumentMemo:
    """What is found in one document alone (its commitments, its sentences as progress
    linking reads them), kept while the document stays as it was ingested: after a write
    only the new or changed documents are read again."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], tuple[tuple[str, str], Any]] = {}

    def get(self, what: str, read: Callable[[DocumentRow, list[ChunkRow]], T],
            document: DocumentRow, chunks: list[ChunkRow],
            refresh: Callable[[T, list[ChunkRow]], T | None] | None = None) -> T:
        """``what`` the document holds, read with ``read`` unless remembered; ``refresh``
        makes a remembered value point at the current ``chunks`` (None: read again)."""
        version = (document.content_hash, document.ingested_at)
        kept = self._found.get((what, document.doc_id))
        value = cast(T, kept[1]) if kept is not None and kept[0] == version else None
        if value is not None and refresh is not None:
            value = refresh(value, chunks)
        if value is None:
            value = read(document, chunks)
        self._found[(what, document.doc_id)] = (version, value)
        return value

    def keep(self, documents: Iterable[DocumentRow]) -> None:
        """Forget the documents not among ``documents`` (deleted ones)."""
        present = {d.doc_id for d in documents}
        for key in [k for k in self._found if k[1] not in present]:
            del self._found[key]


class CommitmentRegister:
    """The register over a store, rebuilt when the store's generation moves."""

    def __init__(self, store: KnowledgeStore) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._commitments: list[Commitment] = []
        self._memo = DocumentMemo()

    def all(self) -> list[Commitment]:
        """Every commitment, oldest reply first."""
        snapshot = self._store.snapshot()
        with self._lock:
            if self._generation != snapshot.generation:
                self._commitments = build_register(snapshot, self._memo)
                self._generation = snapshot.generation
            return list(self._commitments)

    def filter(self, agency: str | None = None, year: int | None = None,
               topic: str | None = None, proposal_number: int | None = None,
               doc_id: str | None = None) -> list[Commitment]:
        """Commitments matching every given criterion.

        ``agency`` and ``topic`` match as substrings ("区知识产权局" finds
        "澄湾新区知识产权局"; "科经委" finds "…科技和经济委员会"); a topic also matches when
        most of its character pairs stand in the commitment's topic ("揭榜挂帅平台" finds
        "浦东国际揭榜挂帅公共服务平台"). ``year`` is the year of the reply's date.
        """
        commitments = self.all()
        documents = self._store.snapshot().documents

        def answerable_by(c: Commitment, wanted: str) -> bool:
            # The unit that made the promise, or one that later reported on it (after a
            # reorganisation the successor answers for it: "上述工作由我办承接").
            return agency_matches(wanted, c.agency) or any(
                p.doc_id in documents
                and agency_matches(wanted, documents[p.doc_id].metadata.get("agency"))
                for p in c.progress)

        return [
            c for c in commitments
            if (agency is None or answerable_by(c, agency))
            and (year is None or (c.date or "").startswith(f"{year:04d}"))
            and (topic is None or topic_matches(topic, c))
            and (proposal_number is None or c.proposal_number == proposal_number)
            and (doc_id is None or c.doc_id == doc_id)
        ]


def agency_matches(wanted: str, agency: str | None) -> bool:
    """Substring match, with short forms ("区科经委") read as the full names."""
    if not agency:
        return False
    forms = {wanted}
    for short, full in _AGENCY_SHORT_FORMS.items():
        if short in wanted:
            forms.add(wanted.replace(short, full))
    return any(form in agency for form in forms)


def topic_matches(wanted: str, commitment: Commitment) -> bool:
    """The topic asked for stands in the commitment's topic or quote, or nearly so."""
    if wanted in commitment.topic or wanted in commitment.quote:
        return True
    pairs = set(_CJK_PAIR.findall(wanted))
    if not pairs:
        return False
    shared = pairs & set(_CJK_PAIR.findall(commitment.topic))
    return len(shared) >= TOPIC_BIGRAM_SHARE * len(pairs)
