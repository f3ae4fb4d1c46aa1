"""The 承诺事项 page: the commitments register, filtered, with each promise in its paragraph.

Every piece of document text is escaped here; documents may hold markup strings.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any, Literal

import gradio as gr

from qa.commitments import Commitment, to_csv
from qa.service import KnowledgeBase
from ui.chat_html import passage_html
from ui.docs_html import notice_html
from ui.form_values import number_or_none
from ui.passage import locate_quote

TABLE_HEADERS = ["日期", "文号", "提案/建议号", "承办单位", "事项", "期限", "目标", "承诺原文",
                 "后续进展"]
TEXT_COLUMNS = 8
TEXT: Literal["str"] = "str"
DATATYPES: list[Literal["str", "number"]] = [*([TEXT] * TEXT_COLUMNS), "number"]
COLUMN_WIDTHS: list[str | int] = ["8%", "13%", "7%", "13%", "12%", "8%", "8%", "25%", "6%"]
PICK_COMMITMENT = notice_html("点击表格中的一行，查看承诺在原文中的位置和后续进展。")
BAD_YEAR = notice_html("年份应填写数字，如 2025。", "error")
NONE_FOUND = notice_html("没有符合条件的承诺事项。", "warn")
# Exports are named by content, so repeating a filter reuses one file.
EXPORT_DIR = Path(tempfile.gettempdir()) / "kbqa-commitments"

Row = list[str | int]


def commitment_row(c: Commitment) -> Row:
    number = f"{c.proposal_kind or ''}第{c.proposal_number}号" if c.proposal_number else ""
    return [c.date or "", c.doc_number or "", number, c.agency or "", c.topic,
            c.deadline or "", c.target or "", c.quote, len(c.progress)]


def filtered(kb: KnowledgeBase, agency: str | None, year: str | None,
             topic: str | None) -> list[Commitment]:
    """The register filtered by the page's inputs; blank inputs filter nothing.

    Raises ValueError when the year is not a number.
    """
    number = number_or_none(year)
    return kb.commitments.filter(
        agency=(agency or "").strip() or None,
        year=None if number is None else int(number),
        topic=(topic or "").strip() or None,
    )


def export_csv(items: list[Commitment]) -> str:
    """Write the items as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    text = to_csv(items)
    folder = EXPORT_DIR / hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "承诺事项.csv"
    path.write_text(text, encoding="utf-8-sig")
    return str(path)


def commitment_detail_html(c: Commitment, document_text: str | None) -> str:
    """One commitment: its facts, its quote highlighted in its paragraph, its progress."""
    facts = [("文件", c.title or c.source), ("文号", c.doc_number), ("承办单位", c.agency),
             ("提出人", c.proposer), ("日期", c.date), ("期限", c.deadline),
             ("目标", c.target), ("位置", c.locator)]
    facts_html = "".join(
        f'<span><span class="kbqa-fact-label">{escape(label)}</span>{escape(value)}</span>'
        for label, value in facts if value
    )
    if c.progress:
        items = "".join(
            f'<li><span class="kbqa-progress-date">{escape(p.date or "日期不详")}</span>'
            f'<span class="kbqa-progress-doc">{escape(p.title or p.source)}</span>'
            f'<blockquote class="kbqa-passage">{escape(p.quote)}</blockquote></li>'
            for p in c.progress
        )
        progress = f'<ol class="kbqa-progress">{items}</ol>'
    else:
        progress = '<div class="kbqa-note">知识库中暂无该承诺的后续进展报告。</div>'
    return (
        '<article class="kbqa-commitment">'
        f'<h3 class="kbqa-doc-title">{escape(c.topic)}</h3>'
        f'<div class="kbqa-card-facts">{facts_html}</div>'
        f"{passage_html(locate_quote(document_text, c.quote))}"
        f'<div class="kbqa-sources-title">后续进展（{len(c.progress)}）</div>{progress}'
        "</article>"
    )


def selected_index(rows: Sequence[Row], event: gr.SelectData) -> int | None:
    """The clicked row's index in ``rows``; found by value, since the table may be sorted."""
    value = getattr(event, "row_value", None)
    if value:
        # Text columns only: the count may come back as 0 or 0.0.
        shown = [str(v) for v in value[:TEXT_COLUMNS]]
        for i, row in enumerate(rows):
            if [str(v) for v in row[:TEXT_COLUMNS]] == shown:
                return i
    row = event.index[0] if isinstance(event.index, list | tuple) else event.index
    return row if isinstance(row, int) and 0 <= row < len(rows) else None


def commitments_page(get_kb: Callable[[], KnowledgeBase]) -> dict[str, Any]:
    """Lay out the page; return the event spec that refreshes its table."""
    shown_ids = gr.State([])
    with gr.Row(equal_height=True):
        agency = gr.Textbox(label="承办单位", placeholder="如：科经委", scale=3)
        # A text box: gr.Number would send an empty box as 0 (see ui/form_values.py).
        year = gr.Textbox(label="年份", placeholder="如：2025", scale=1)
        topic = gr.Textbox(label="事项", placeholder="如：分中心、揭榜挂帅平台", scale=3)
        search_button = gr.Button("查询", variant="primary", scale=0, min_width=80)
        download = gr.DownloadButton("导出 CSV", value=None, scale=0, min_width=110,
                                     elem_id="kbqa-commitments-csv")
    table = gr.Dataframe(headers=TABLE_HEADERS, datatype=DATATYPES,
                         type="array", interactive=False, wrap=True, max_height=360,
                         elem_id="kbqa-commitments-table", label="承诺事项",
                         column_widths=COLUMN_WIDTHS)
    detail = gr.HTML(PICK_COMMITMENT, apply_default_css=False,
                     elem_id="kbqa-commitment-detail")

    def refresh(who: str, when: str, what: str) -> tuple[Any, ...]:
        try:
            items = filtered(get_kb(), who, when, what)
        except ValueError:
            return gr.skip(), gr.skip(), gr.skip(), BAD_YEAR
        rows = [commitment_row(c) for c in items]
        note = PICK_COMMITMENT if items else NONE_FOUND
        return rows, [c.id for c in items], export_csv(items), note

    def view(ids: list[str], event: gr.SelectData) -> str:
        kb = get_kb()
        by_id = {c.id: c for c in kb.commitments.all()}
        items = [by_id[i] for i in ids if i in by_id]
        index = selected_index([commitment_row(c) for c in items], event)
        if index is None:
            return PICK_COMMITMENT
        chosen = items[index]
        return commitment_detail_html(chosen, kb.store.table.document_text(chosen.doc_id))

    spec: dict[str, Any] = {
        "fn": refresh, "inputs": [agency, year, topic],
        "outputs": [table, shown_ids, download, detail], "api_visibility": "private",
    }
    for box in (agency, year, topic):
        box.submit(**spec)
    search_button.click(**spec)
    table.select(view, inputs=shown_ids, outputs=detail, api_visibility="private")
    return spec
