"""The Gradio UI: chat, documents, commitments and eligibility pages over a KnowledgeBase.

``build_ui`` lays out the pages; ``mount_ui`` mounts them on the FastAPI app. Gradio 6
takes a theme only at mount (or launch) time, and ``mount_gradio_app`` overwrites any CSS
set on the Blocks, so the page's stylesheet travels in the header component's ``head``:
the UI looks right under a plain ``gr.mount_gradio_app`` too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI

from ingest.loaders import SUPPORTED_SUFFIXES
from kbqa.config import Settings
from qa.service import KnowledgeBase
from ui.admin import TOKEN_DISABLED
from ui.chat import MAX_TURNS, stream_turn
from ui.chat_html import Turn, conversation_html
from ui.commitments import commitments_page
from ui.docs_html import DOC_TYPE_LABELS, TABLE_HEADERS, notice_html
from ui.documents import delete_document, document_view, listed_documents, upload_documents
from ui.eligibility import eligibility_page

CSS_PATH = Path(__file__).with_name("style.css")
CITE_CLICK_JS = Path(__file__).with_name("cite_click.js")

# Example questions, by the kind of user who asks them.
EXAMPLES: list[tuple[str, list[str]]] = [
    ("企业", ["我们是做大模型的，入驻了模力社区，有什么支持？"]),
    ("政府工作人员", ["137号提案答复里承诺了什么？"]),
    ("网站访客", ["知识产权质押融资去年做了多少？", "揭榜挂帅平台累计发榜多少项？"]),
]
COLUMN_WIDTHS: list[str | int] = ["14%", "24%", "6%", "14%", "9%", "10%", "5%", "18%"]
TYPE_CHOICES = [("全部", "all"), *((label, key) for key, label in DOC_TYPE_LABELS.items())]
HEADER = (
    '<div class="kbqa-header"><h1>浦东新区答复与政策文件问答</h1>'
    "<p>回答只来自知识库中的文件，每句话都附有可核对的引用；知识库没有依据时会明确说明。</p></div>"
)
PICK_DOCUMENT = notice_html("点击列表中的一行，查看该文档的元数据、分块和清洗后的全文。")

KbGetter = Callable[[], KnowledgeBase]


def ui_theme() -> gr.themes.Base:
    """Gradio's default theme with system fonts, so nothing is fetched from outside."""
    return gr.themes.Default(
        primary_hue="blue",
        font=["PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
              "Source Han Sans SC", "WenQuanYi Micro Hei", "sans-serif"],
        font_mono=["Noto Sans Mono CJK SC", "DejaVu Sans Mono", "monospace"],
    )


def mount_ui(app: FastAPI, get_kb: KbGetter, settings: Settings, path: str = "/ui") -> FastAPI:
    """Mount the UI on ``app`` at ``path`` with its system-font theme and no Gradio footer."""
    return gr.mount_gradio_app(
        app, build_ui(get_kb, settings), path=path,
        theme=ui_theme(), footer_links=[],
        # Run history would keep questions and the admin token in the browser.
        run_history=False, ssr_mode=False,
        max_file_size=f"{max(1, int(settings.max_file_mb))}mb",
    )


def styled_html(value: str, **options: Any) -> gr.HTML:
    """HTML styled by style.css alone; Gradio's prose rules would fight it."""
    return gr.HTML(value, apply_default_css=False, **options)


def build_ui(get_kb: KbGetter, settings: Settings) -> gr.Blocks:
    """The chat, documents, commitments and eligibility pages.

    ``get_kb`` is called per request, never here.
    """
    # Uploaded files are copied out of Gradio's cache at once; clear it hourly.
    with gr.Blocks(title="知识库问答", delete_cache=(3600, 3600)) as demo:
        styled_html(HEADER, head=f"<style>{CSS_PATH.read_text('utf-8')}</style>")
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                _chat_page(get_kb)
            with gr.Tab("文档", id="documents") as documents_tab:
                refresh = _documents_page(get_kb, settings)
            with gr.Tab("承诺事项", id="commitments") as commitments_tab:
                refresh_commitments = commitments_page(get_kb)
            with gr.Tab("政策匹配", id="eligibility"):
                eligibility_page(get_kb)
        documents_tab.select(**refresh)
        commitments_tab.select(**refresh_commitments)
        demo.load(**refresh)
    return demo


def _chat_page(get_kb: KbGetter) -> None:
    turns = gr.State([])
    conversation = styled_html(conversation_html([]), elem_id="kbqa-conversation",
                           js_on_load=CITE_CLICK_JS.read_text("utf-8"))
    with gr.Row(equal_height=True):
        question = gr.Textbox(label="问题", placeholder="请输入问题，按回车提问", lines=1,
                              max_lines=4, scale=6, elem_id="kbqa-question", autofocus=True)
        ask_button = gr.Button("提问", variant="primary", scale=1, elem_id="kbqa-ask")
    gr.Markdown("**示例问题**", elem_classes="kbqa-examples-title")
    example_buttons: list[tuple[gr.Button, str]] = []
    with gr.Row(elem_classes="kbqa-examples"):
        for who, questions in EXAMPLES:
            with gr.Column(min_width=240, elem_classes="kbqa-example-group"):
                styled_html(f'<div class="kbqa-examples-who">{who}</div>')
                for text in questions:
                    button = gr.Button(text, size="sm", variant="secondary")
                    example_buttons.append((button, text))

    def ask(text: str, history: list[Turn]) -> Iterator[tuple[str, list[Turn], str]]:
        if not text.strip():
            gr.Warning("请输入问题。")
            yield conversation_html(history), history, text
            return
        kept = history[-(MAX_TURNS - 1):]
        turn = Turn(number=(history[-1].number + 1) if history else 1, question=text.strip())
        for current in stream_turn(get_kb(), turn):
            shown = [*kept, current]
            yield conversation_html(shown), shown, ""

    asking: dict[str, Any] = {
        "fn": ask, "inputs": [question, turns], "outputs": [conversation, turns, question],
        "api_visibility": "private",
    }
    question.submit(**asking)
    ask_button.click(**asking)
    for button, text in example_buttons:
        button.click(_constant(text), outputs=question, api_visibility="private").then(**asking)


def _constant(text: str) -> Callable[[], str]:
    return lambda: text


def _documents_page(get_kb: KbGetter, settings: Settings) -> dict[str, Any]:
    """Lay out the documents page; return the event spec that refreshes its list."""
    shown_ids = gr.State([])
    selected = gr.State(None)
    with gr.Row(equal_height=True):
        search = gr.Textbox(label="搜索", placeholder="标题、文号、发文机关、提案人……", scale=4,
                            elem_id="kbqa-doc-search")
        doc_type = gr.Dropdown(TYPE_CHOICES, value="all", label="类型", scale=1)
        refresh_button = gr.Button("刷新", scale=0, min_width=80)
    table = gr.Dataframe(headers=TABLE_HEADERS, datatype="str", type="array", interactive=False,
                         wrap=True, max_height=360, elem_id="kbqa-doc-table", label="文档列表",
                         column_widths=COLUMN_WIDTHS)
    admin_on = settings.admin_token is not None
    with gr.Accordion("管理：上传与删除（需要管理令牌）", open=False, elem_id="kbqa-admin"):
        if not admin_on:
            styled_html(notice_html(TOKEN_DISABLED, "warn"))
        token = gr.Textbox(label="管理令牌", type="password", interactive=admin_on,
                           elem_id="kbqa-token")
        files = gr.File(label="上传文件（支持 " + "、".join(sorted(SUPPORTED_SUFFIXES)) + "）",
                        file_count="multiple", interactive=admin_on, elem_id="kbqa-upload")
        with gr.Row():
            upload_button = gr.Button("上传并入库", variant="primary", interactive=admin_on,
                                      elem_id="kbqa-upload-button")
            delete_button = gr.Button("删除正在查看的文档", variant="stop", interactive=admin_on,
                                      elem_id="kbqa-delete-button")
        admin_result = styled_html("", elem_id="kbqa-admin-result")
    detail = styled_html(PICK_DOCUMENT, elem_id="kbqa-doc-detail")

    def refresh_list(query: str, kind: str) -> tuple[list[list[str | int]], list[str]]:
        return listed_documents(get_kb(), query, kind)

    def view(ids: list[str], event: gr.SelectData) -> tuple[str, str | None]:
        row = event.index[0] if isinstance(event.index, list | tuple) else event.index
        if not isinstance(row, int) or not 0 <= row < len(ids):
            return PICK_DOCUMENT, None
        return document_view(get_kb(), ids[row]), ids[row]

    def upload(secret: str, uploaded: list[str] | None) -> str:
        return upload_documents(get_kb(), settings, secret, uploaded)

    def delete(secret: str, doc_id: str | None) -> tuple[str, str, str | None]:
        result = delete_document(get_kb(), settings, secret, doc_id)
        kb = get_kb()
        if doc_id and kb.document(doc_id) is None:
            return result, notice_html("该文档已删除。", "ok"), None
        return result, gr.skip(), doc_id

    refresh: dict[str, Any] = {
        "fn": refresh_list, "inputs": [search, doc_type], "outputs": [table, shown_ids],
        "api_visibility": "private",
    }
    search.change(**refresh)
    doc_type.change(**refresh)
    refresh_button.click(**refresh)
    table.select(view, inputs=shown_ids, outputs=[detail, selected], api_visibility="private")
    upload_button.click(upload, inputs=[token, files], outputs=admin_result,
                        api_visibility="private").then(**refresh)
    delete_button.click(delete, inputs=[token, selected],
                        outputs=[admin_result, detail, selected],
                        api_visibility="private").then(**refresh)
    return refresh
