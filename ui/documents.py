"""The documents page's work: list, filter, view, upload and delete through KnowledgeBase."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from kbqa.config import Settings
from qa.service import KnowledgeBase
from ui.admin import save_uploads, token_refusal
from ui.docs_html import (
    document_detail_html,
    document_matches,
    document_row,
    ingest_results_html,
    notice_html,
)

Rows = list[list[str | int]]


def listed_documents(kb: KnowledgeBase, query: str, doc_type: str) -> tuple[Rows, list[str]]:
    """Table rows of the documents passing the filters, and their ids in row order."""
    docs = [d for d in kb.documents() if document_matches(d, query or "", doc_type or "all")]
    return [document_row(d) for d in docs], [d.doc_id for d in docs]


def document_view(kb: KnowledgeBase, doc_id: str) -> str:
    doc = kb.document(doc_id)
    if doc is None:
        return notice_html("该文档已不在知识库中。", "warn")
    text = kb.store.table.document_text(doc.doc_id)
    chunks = kb.store.table.chunks(doc.doc_id)
    return document_detail_html(doc, text, chunks)


def upload_documents(kb: KnowledgeBase, settings: Settings, token: str | None,
                     uploaded: Sequence[str] | None) -> str:
    """Ingest uploaded files (staff only) and report each file's result."""
    refusal = token_refusal(settings, token, "上传")
    if refusal:
        return notice_html(refusal, "error")
    if not uploaded:
        return notice_html("请先选择要上传的文件。", "warn")
    with tempfile.TemporaryDirectory(prefix="kbqa-upload-") as folder:
        paths = save_uploads(uploaded, Path(folder))
        summary = kb.ingest(paths)
    return ingest_results_html(summary)


def delete_document(kb: KnowledgeBase, settings: Settings, token: str | None,
                    doc_id: str | None) -> str:
    """Delete the document being viewed (staff only)."""
    refusal = token_refusal(settings, token, "删除")
    if refusal:
        return notice_html(refusal, "error")
    doc = kb.document(doc_id) if doc_id else None
    if doc is None:
        return notice_html("请先在列表中点击要删除的文档。", "warn")
    if not kb.delete(doc.doc_id):
        return notice_html("该文档已不在知识库中。", "warn")
    return notice_html(f"已删除：{doc.title or doc.source}（{doc.source}）", "ok")
