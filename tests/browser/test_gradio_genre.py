"""The 承诺事项 and 政策匹配 pages at /ui in a real Chromium against a real ``kbqa serve``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import SCREENSHOTS
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.slow

SEED_NUMBER = "浦科经委办理〔2025〕66号"
PROMISE = "后续还将增设分中心"
WAIT_MS = 20_000


@pytest.fixture
def page(browser: Any, served: str) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT_MS)
    opened = context.new_page()
    opened.goto(f"{served}/ui")
    yield opened
    context.close()


def test_commitments_page_lists_promises_and_shows_one_in_its_paragraph(page: Page) -> None:
    page.get_by_role("tab", name="承诺事项").click()
    table = page.locator("#kbqa-commitments-table")
    expect(table).to_contain_text(PROMISE)
    agency = page.get_by_label("承办单位")
    agency.fill("没有这个单位")
    agency.press("Enter")
    expect(table).not_to_contain_text(PROMISE)
    agency.fill("科经委")
    agency.press("Enter")
    row = table.get_by_role("row").filter(has_text=PROMISE).filter(visible=True).first
    expect(row).to_contain_text(SEED_NUMBER)

    # The data frame keeps a hidden copy of its cells for measuring; click the shown one.
    table.get_by_text(PROMISE).filter(visible=True).first.click()
    detail = page.locator("#kbqa-commitment-detail")
    expect(detail.locator("mark.kbqa-quote")).to_have_text(PROMISE)
    expect(detail.locator(".kbqa-passage")).to_contain_text("浦东融资服务中心")
    expect(detail).to_contain_text("后续进展（0）")
    page.screenshot(path=str(SCREENSHOTS / "ui_commitments.png"), full_page=True)

    with page.expect_download() as download:
        page.locator("#kbqa-commitments-csv").click()
    exported = Path(download.value.path()).read_text("utf-8-sig")
    assert exported.startswith("id,doc_id,source,")
    assert PROMISE in exported


def test_eligibility_page_matches_a_profile_to_measures(page: Page) -> None:
    page.get_by_role("tab", name="政策匹配").click()
    page.get_by_label("行业").fill("大模型")
    page.get_by_label("所在园区").fill("模力社区")
    page.locator("#kbqa-match").click()

    card = page.locator(".kbqa-measure", has_text="租金减免").first
    expect(card).to_contain_text(SEED_NUMBER)
    criterion = card.locator(".kbqa-criterion").filter(
        has=page.locator(".kbqa-criterion-text", has_text="入驻模力社区"))
    expect(criterion.locator(".kbqa-mark")).to_have_text("✓ 符合")
    expect(criterion.locator(".kbqa-passage")).to_contain_text("对入驻模力社区的大模型企业")
    page.screenshot(path=str(SCREENSHOTS / "ui_eligibility.png"), full_page=True)
