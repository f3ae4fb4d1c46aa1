"""HTML and table rows for the documents page; all document text is escaped here."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from kbqa.models import DocumentSummary, IngestSummary
from store.doctable import ChunkRow

DOC_TYPE_LABELS = {"reply": "答复", "policy": "政策文件", "notice": "通知", "other": "其他"}
STATUS_LABELS = {"added": "新增", "updated": "更新", "unchanged": "未变", "failed": "失败"}
TABLE_HEADERS = ["文号", "标题", "类型", "发文机关", "日期", "办理结果", "分块", "文件"]

# Metadata shown on a document's page, in this order, with Chinese labels.
METADATA_LABELS = {
    "doc_number": "文号", "agency": "发文机关", "date": "日期", "handling_result": "办理结果",
    "disclosure": "公开属性", "session": "会议", "proposal_kind": "类别",
    "proposal_number": "编号", "proposer": "提出人", "proposer_role": "身份",
    "proposal_title": "提案/建议标题", "co_handlers": "会办单位", "issue_date": "印发日期",
    "effective_date": "施行日期", "expiry_date": "有效期至", "validity": "有效期",
    "repeals": "废止", "revises": "修订", "repealed_doc_numbers": "废止文号",
    "contact_name": "联系人", "contact_phone": "联系电话", "contact_address": "联系地址",
    "postcode": "邮编", "cc": "抄送", "printed_by": "印发机关", "printed_date": "印发日期（版记）",
    "format": "文件格式",
}
_NOT_SHOWN = {"doc_type", "title"}


def type_label(doc_type: str | None) -> str:
    return DOC_TYPE_LABELS.get(doc_type or "", doc_type or "未知")


def display_value(value: Any) -> str:
    """A metadata value as plain text (lists joined with 、)."""
    if isinstance(value, list | tuple):
        return "、".join(display_value(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{display_value(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def document_matches(doc: DocumentSummary, query: str, doc_type: str) -> bool:
    """Whether a listed document passes the page's type filter and free-text search."""
    if doc_type != "all" and (doc.doc_type or "other") != doc_type:
        return False
    needle = query.strip().lower()
    if not needle:
        return True
    haystack = " ".join(
        [doc.title or "", doc.source, *(display_value(v) for v in doc.metadata.values())]
    )
    return needle in haystack.lower()


def document_row(doc: DocumentSummary) -> list[str | int]:
    meta = doc.metadata
    return [
        display_value(meta.get("doc_number")), doc.title or "（无标题）", type_label(doc.doc_type),
        display_value(meta.get("agency")),
        display_value(meta.get("date") or meta.get("issue_date")),
        display_value(meta.get("handling_result")), doc.n_chunks, doc.source,
    ]


def notice_html(message: str, kind: str = "info") -> str:
    """A short message; ``kind`` is info, ok, warn or error."""
    role = "alert" if kind == "error" else "status"
    return f'<div class="kbqa-notice kbqa-notice-{kind}" role="{role}">{escape(message)}</div>'


def document_detail_html(doc: DocumentSummary, text: str | None,
                         chunks: Sequence[ChunkRow]) -> str:
    """One document: its metadata, its chunks with locators, and its cleaned text."""
    rows = [("类型", type_label(doc.doc_type)), ("文件", doc.source),
            ("入库时间", doc.ingested_at), ("文档 ID", doc.doc_id)]
    for key, value in doc.metadata.items():
        if key not in _NOT_SHOWN:
            rows.append((METADATA_LABELS.get(key, key), display_value(value)))
    facts = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    chunk_items = "".join(
        f'<div class="kbqa-chunk"><div class="kbqa-chunk-head"><span class="kbqa-chunk-seq">'
        f"#{c.seq + 1}</span>{escape(c.locator)}</div>"
        f'<div class="kbqa-chunk-text">{escape(c.text)}</div></div>'
        for c in chunks
    )
    return (
        '<article class="kbqa-doc">'
        f'<h3 class="kbqa-doc-title">{escape(doc.title or doc.source)}</h3>'
        f'<dl class="kbqa-facts">{facts}</dl>'
        f'<details class="kbqa-doc-section" open><summary>分块（{len(chunks)}）</summary>'
        f'<div class="kbqa-chunks">{chunk_items}</div></details>'
        '<details class="kbqa-doc-section"><summary>清洗后的全文</summary>'
        f'<pre class="kbqa-doc-text">{escape(text or "（无文本）")}</pre></details>'
        "</article>"
    )


def ingest_results_html(summary: IngestSummary) -> str:
    """Per-file outcome of an upload, failures with their reasons."""
    rows = "".join(
        f'<tr class="kbqa-status-{escape(r.status)}"><td>{escape(r.source)}</td>'
        f"<td>{escape(STATUS_LABELS.get(r.status, r.status))}</td><td>{r.chunks}</td>"
        f"<td>{r.chunks_embedded}</td><td>{escape(r.error or '')}</td></tr>"
        for r in summary.results
    )
    failed = len(summary.failed)
    headline = (
        f"共 {summary.files} 个文件：新增 {summary.added}，更新 {summary.updated}，"
        f"未变 {summary.unchanged}，失败 {failed}。"
    )
    return (
        notice_html(headline, "warn" if failed else "ok")
        + '<table class="kbqa-results"><thead><tr><th>文件</th><th>结果</th><th>分块</th>'
        f"<th>新嵌入</th><th>原因</th></tr></thead><tbody>{rows}</tbody></table>"
    )
