"""The Gradio UI at /ui in a real Chromium against a real ``kbqa serve``.

The served store holds the seed and a synthetic document whose text carries
``<img onerror>`` and ``<script>`` strings (see conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browsing import ADMIN_TOKEN, SCREENSHOTS
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.slow

SEED_NUMBER = "浦科经委办理〔2025〕66号"
SEED_TITLE = "关于对浦东新区政协七届四次会议第137号提案的答复"
INJECTED = "<img src=x onerror=alert(1)>"
WAIT_MS = 20_000


@dataclass
class Watched:
    """A page with what it did that a test may forbid: dialogs and requests leaving 127.0.0.1."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture
def ui(browser: Any, served: str) -> Iterator[Watched]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    watched = Watched(page)

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_request(request: Any) -> None:
        if not request.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            watched.outside.append(request.url)

    page.on("dialog", on_dialog)
    page.on("request", on_request)
    page.goto(f"{served}/ui")
    yield watched
    context.close()


def ask(page: Page, question: str) -> Locator:
    """Type and submit a question; return its turn once the answer has finished streaming."""
    box = page.get_by_label("问题")
    box.fill(question)
    box.press("Enter")
    turn = page.locator(".kbqa-turn", has_text=question).last
    expect(turn).to_have_attribute("data-state", "done")
    return turn


def test_chat_streams_an_answer_with_cited_source_cards(ui: Watched) -> None:
    page = ui.page
    turn = ask(page, "揭榜挂帅平台累计发榜多少项？")
    expect(turn.locator(".kbqa-answer")).to_contain_text("526项")
    card = turn.locator(".kbqa-card", has_text=SEED_NUMBER).first
    expect(card).to_contain_text(SEED_TITLE)
    quote = card.locator("mark.kbqa-quote")
    expect(quote).to_contain_text("平台累计发榜526项")
    # The quote is shown inside its paragraph, not alone.
    expect(card.locator(".kbqa-passage")).to_contain_text("浦东国际揭榜挂帅公共服务平台")

    # Fold the card and scroll away; clicking [1] must open it and bring it into view.
    card.locator("summary").click()
    expect(quote).to_be_hidden()
    page.mouse.wheel(0, -10_000)
    card_id = card.get_attribute("id")
    link = turn.locator(f'a.kbqa-cite[data-target="{card_id}"]')
    expect(link).to_have_text("[1]")
    link.click()
    expect(quote).to_be_visible()
    expect(card).to_have_class("kbqa-card kbqa-selected")
    expect(card).to_be_in_viewport()

    page.screenshot(path=str(SCREENSHOTS / "ui_chat.png"), full_page=True)
    assert ui.outside == [], f"requests left 127.0.0.1: {ui.outside}"


def test_example_questions_for_each_kind_of_user_ask_at_a_click(ui: Watched) -> None:
    page = ui.page
    for who in ("企业", "政府工作人员", "网站访客"):
        expect(page.locator(".kbqa-examples-who", has_text=who)).to_be_visible()
    page.get_by_role("button", name="揭榜挂帅平台累计发榜多少项？").click()
    turn = page.locator(".kbqa-turn", has_text="揭榜挂帅平台累计发榜多少项？")
    expect(turn).to_have_attribute("data-state", "done")
    expect(turn.locator(".kbqa-answer")).to_contain_text("526项")


def test_refusal_has_its_own_style_and_lists_nearest_documents(ui: Watched) -> None:
    turn = ask(ui.page, "明天上海的天气怎么样？")
    refusal = turn.locator(".kbqa-refusal")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("无法据实作答")
    expect(refusal.locator(".kbqa-near")).to_contain_text(SEED_TITLE)
    expect(turn.locator(".kbqa-card")).to_have_count(0)
    # The UI's stylesheet is mounted: a refusal has an amber bar, an answer does not.
    expect(refusal).to_have_css("border-left-color", "rgb(245, 158, 11)")
    expect(refusal).to_have_css("border-left-width", "6px")


def test_injected_markup_in_documents_shows_as_text(ui: Watched) -> None:
    turn = ask(ui.page, "页面安全测试的注入字符串是什么？")
    expect(turn.locator(".kbqa-answer")).to_contain_text(INJECTED)
    expect(turn.locator(".kbqa-card mark.kbqa-quote")).to_contain_text(INJECTED)
    expect(turn.locator(".kbqa-card")).to_contain_text("<script>alert(")
    expect(turn.locator("img")).to_have_count(0)
    expect(turn.locator("script")).to_have_count(0)
    assert ui.dialogs == []


def open_documents(page: Page) -> Locator:
    page.get_by_role("tab", name="文档").click()
    table = page.locator("#kbqa-doc-table")
    expect(table).to_contain_text(SEED_NUMBER)
    return table


def open_admin(page: Page, token: str) -> None:
    page.get_by_text("管理：上传与删除").click()
    page.get_by_label("管理令牌").fill(token)


def uploaded(page: Page, name: str) -> None:
    """Wait until Gradio has the file: its row then links to the stored copy."""
    expect(page.locator(f'#kbqa-upload a[href$="/{name}"]')).to_have_count(1)


def visible_cell(table: Locator, text: str) -> Locator:
    # The data frame keeps a hidden copy of its cells for measuring; click the shown one.
    return table.get_by_text(text).filter(visible=True).first


def test_documents_page_lists_views_and_guards_writes(ui: Watched, tmp_path: Path) -> None:
    page = ui.page
    table = open_documents(page)
    expect(table).to_contain_text("解决或采纳")

    search = page.get_by_label("搜索")
    search.fill("没有这个文号")
    expect(table).not_to_contain_text(SEED_NUMBER)
    search.fill("科技和经济委员会")
    expect(table).to_contain_text(SEED_NUMBER)
    expect(table).not_to_contain_text("zz_injection_test.txt")
    search.fill("")

    visible_cell(table, SEED_NUMBER).click()
    detail = page.locator("#kbqa-doc-detail")
    expect(detail).to_contain_text(SEED_TITLE)
    expect(detail).to_contain_text("陈运文")
    expect(detail.locator(".kbqa-chunk")).to_have_count(12)
    expect(detail.locator(".kbqa-chunk").nth(1)).to_contain_text("一、整合创新资源")

    upload = tmp_path / "wrong_token.txt"
    upload.write_text("关于测试的通知\n\n本通知为测试文件，内容虚构。\n", "utf-8")
    open_admin(page, "not-the-token")
    page.locator("#kbqa-upload input[type=file]").set_input_files(str(upload))
    uploaded(page, "wrong_token.txt")
    result = page.locator("#kbqa-admin-result")
    page.locator("#kbqa-upload-button").click()
    expect(result).to_contain_text("管理令牌不正确，上传已拒绝")
    page.locator("#kbqa-delete-button").click()
    expect(result).to_contain_text("管理令牌不正确，删除已拒绝")
    page.get_by_role("button", name="刷新").click()
    expect(table).to_contain_text(SEED_NUMBER)
    expect(table).not_to_contain_text("wrong_token.txt")

    page.screenshot(path=str(SCREENSHOTS / "ui_documents.png"), full_page=True)


def test_staff_upload_reports_each_file_and_delete_removes_it(ui: Watched,
                                                              tmp_path: Path) -> None:
    page = ui.page
    table = open_documents(page)
    good = tmp_path / "ui_upload_test.txt"
    good.write_text("关于界面上传测试的通知\n\n本通知为测试文件，内容虚构。编号UI-7。\n", "utf-8")
    bad = tmp_path / "notes.doc"
    bad.write_bytes(b"not a supported format")
    open_admin(page, ADMIN_TOKEN)
    page.locator("#kbqa-upload input[type=file]").set_input_files([str(good), str(bad)])
    uploaded(page, "ui_upload_test.txt")
    uploaded(page, "notes.doc")
    page.locator("#kbqa-upload-button").click()

    result = page.locator("#kbqa-admin-result")
    expect(result).to_contain_text("共 2 个文件", timeout=60_000)
    expect(result.locator("tr", has_text="ui_upload_test.txt")).to_contain_text("新增")
    failed = result.locator("tr", has_text="notes.doc")
    expect(failed).to_contain_text("失败")
    expect(failed).to_contain_text("unsupported file type")

    visible_cell(table, "ui_upload_test.txt").click()
    expect(page.locator("#kbqa-doc-detail")).to_contain_text("UI-7")
    page.locator("#kbqa-delete-button").click()
    expect(result).to_contain_text("已删除")
    expect(table).not_to_contain_text("ui_upload_test.txt")
    expect(table).to_contain_text(SEED_NUMBER)
