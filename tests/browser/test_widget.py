"""The website chat widget (api/static/widget.js) in a real Chromium against ``kbqa serve``.

Every test loads the demo host page ``/widget/``, whose own CSS is deliberately hostile
(rem sizes, inherited text-indent, ``!important`` rules, hidden buttons, a rule hiding the
widget's element), and talks to the real server through the widget's UI.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from browsing import ADMIN_TOKEN, SCREENSHOTS
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.slow

QUESTION = "揭榜挂帅平台累计发榜多少项？"
INJECTION_QUESTION = "页面安全测试的注入字符串是什么？"
IMG = "<img src=x onerror=alert(1)>"
WAIT_MS = 20_000
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}

# Computed styles compared between pages; enough to catch inherited and !important leaks.
STYLE_PROPS = ["display", "font-size", "font-family", "font-style", "color", "background-color",
               "box-sizing", "letter-spacing", "text-indent", "line-height", "width",
               "border-top-width", "border-radius", "opacity", "list-style-type",
               "text-decoration-line", "margin-bottom"]
STYLE_OF = """(el, props) => {
  const style = getComputedStyle(el);
  return Object.fromEntries(props.map(p => [p, style.getPropertyValue(p)]));
}"""


@pytest.fixture
def new_page(browser: Browser) -> Iterator:
    """Make pages in fresh contexts; all are closed after the test."""
    contexts = []

    def make(viewport: dict[str, int] = DESKTOP) -> Page:
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def widget(page: Page) -> Locator:
    return page.locator("kbqa-widget")


def open_demo(page: Page, served: str) -> Locator:
    """Load the demo page and open the panel with the launcher."""
    page.goto(f"{served}/widget/")
    launcher = widget(page).get_by_role("button", name="在线咨询")
    launcher.click()
    expect(widget(page).get_by_role("dialog")).to_be_visible()
    return widget(page)


def ask(page: Page, question: str) -> Locator:
    """Type a question, press Enter, wait for the answer to finish; return its message."""
    box = widget(page).get_by_role("textbox", name="请输入您的问题")
    box.fill(question)
    box.press("Enter")
    reply = widget(page).locator(".msg.bot:not(.welcome)").last
    expect(reply).to_have_attribute("aria-busy", "false", timeout=WAIT_MS)
    return reply


def shadow_count(page: Page, selector: str) -> int:
    return int(page.evaluate(
        "s => document.querySelector('kbqa-widget').shadowRoot.querySelectorAll(s).length",
        selector))


def test_desktop_answer_has_footnotes_and_marker_links(served: str, new_page) -> None:
    page = new_page()
    panel = open_demo(page, served)
    expect(panel.get_by_role("textbox", name="请输入您的问题")).to_be_focused()
    reply = ask(page, QUESTION)
    expect(reply.locator(".answer")).to_contain_text("526项")

    expected = httpx.post(f"{served}/v1/ask", json={"question": QUESTION}, timeout=30).json()
    first = expected["citations"][0]
    assert first["source"] == "000_4cf47a64bc319ecc.txt" and "526" in first["quote"]
    footnote = reply.locator(".fn").first
    expect(reply.get_by_role("heading", name="依据")).to_be_visible()
    for part in (first["title"], first["doc_number"], first["locator"], first["quote"],
                 first["source"]):
        expect(footnote).to_contain_text(part)
    expect(footnote.locator("blockquote")).to_contain_text("526")

    marker = reply.locator(".answer a.ref").first
    expect(marker).to_have_text("[1]")
    footnote_id = footnote.get_attribute("id")
    expect(marker).to_have_attribute("href", f"#{footnote_id}")
    url_before = page.url
    marker.focus()
    page.keyboard.press("Enter")
    expect(footnote).to_be_focused()
    assert page.url == url_before  # the host page's URL and scroll are left alone

    page.screenshot(path=str(SCREENSHOTS / "widget_desktop.png"))


def test_phone_panel_is_full_width(served: str, new_page) -> None:
    page = new_page(PHONE)
    panel = open_demo(page, served)
    box = panel.get_by_role("dialog").bounding_box()
    assert box is not None
    assert box["x"] == 0 and box["width"] == PHONE["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    reply = ask(page, QUESTION)
    expect(reply.locator(".answer")).to_contain_text("526项")
    expect(reply.locator(".fn").first).to_contain_text("526")
    page.screenshot(path=str(SCREENSHOTS / "widget_phone.png"))


def test_markup_in_documents_and_questions_stays_text(served: str, new_page) -> None:
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    panel = open_demo(page, served)

    from_document = ask(page, INJECTION_QUESTION)
    expect(from_document.locator(".answer")).to_contain_text(IMG)
    expect(from_document.locator(".answer")).to_contain_text("<script>alert(")
    expect(from_document.locator(".fn blockquote").first).to_contain_text("</script>")

    typed = f"{IMG}<script>alert('typed')</script> 是什么意思？"
    ask(page, typed)
    expect(panel.locator(".msg.user .q").last).to_have_text(typed)

    page.wait_for_timeout(500)  # an injected onerror would fire within this
    assert dialogs == []
    assert shadow_count(page, "img") == 0
    assert shadow_count(page, "script") == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 1  # the widget's tag
    expect(panel.get_by_text(IMG).first).to_be_visible()
    expect(panel.get_by_text("<script>").first).to_be_visible()
    panel.locator(".msg.user").last.evaluate(  # show the typed question at the top
        "el => { const log = el.closest('.log'); log.scrollTop = el.offsetTop - log.offsetTop; }")
    page.screenshot(path=str(SCREENSHOTS / "widget_xss.png"))


def test_keyboard_only(served: str, new_page) -> None:
    page = new_page()
    page.goto(f"{served}/widget/")
    launcher = widget(page).get_by_role("button", name="在线咨询")
    expect(launcher).to_be_visible()
    for _ in range(30):  # Tab through the host page until the launcher has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "KBQA-WIDGET":
            break
    expect(launcher).to_be_focused()

    page.keyboard.press("Enter")
    dialog = widget(page).get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    box = widget(page).get_by_role("textbox", name="请输入您的问题")
    expect(box).to_be_focused()

    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    reply = widget(page).locator(".msg.bot:not(.welcome)").last
    expect(reply.locator(".answer")).to_contain_text("526项", timeout=WAIT_MS)
    expect(widget(page).locator("[aria-live=polite]")).to_contain_text("526项")
    expect(box).to_be_focused()

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Enter")  # the conversation is still there on reopening
    expect(widget(page).locator(".answer").first).to_contain_text("526项")


def styles(elements: list[Locator]) -> list[dict[str, str]]:
    return [element.evaluate(STYLE_OF, STYLE_PROPS) for element in elements]


def widget_styles(page: Page) -> list[dict[str, str]]:
    parts = [".launcher", ".panel", ".title", ".input", ".send", ".msg", ".disclaimer"]
    return styles([widget(page)] + [widget(page).locator(part).first for part in parts])


def host_styles(page: Page) -> list[dict[str, str]]:
    hosts = page.locator("body, #host-heading, #host-list li, #host-button, #host-notice, nav a")
    return styles([hosts.nth(i) for i in range(hosts.count())])


def test_styles_do_not_cross_the_shadow_boundary(served: str, new_page) -> None:
    # The widget on a plain page is the reference for how it should look. That page is in
    # GBK, as many government sites still are: the widget's text must survive it.
    plain_host = ('<!DOCTYPE html><html><head><meta charset="gbk"><title>旧版网站</title></head>'
                  '<body><p>旧版网站首页</p><script src="/widget.js" data-kbqa-url="" async>'
                  "</script></body></html>")
    plain = new_page()
    plain.route(f"{served}/plain-host", lambda route: route.fulfill(
        content_type="text/html", body=plain_host.encode("gbk")))
    plain.goto(f"{served}/plain-host")
    expect(plain.locator("body > p")).to_have_text("旧版网站首页")
    widget(plain).get_by_role("button", name="在线咨询").click()
    expect(widget(plain).get_by_role("textbox", name="请输入您的问题")).to_be_focused()
    reference = widget_styles(plain)
    assert reference[1]["font-size"] == "15px" and reference[1]["display"] == "flex"

    hostile = new_page()
    open_demo(hostile, served)
    assert widget_styles(hostile) == reference

    # The demo page without the widget is the reference for the host page.
    bare = new_page()
    bare.route("**/widget.js", lambda route: route.abort())
    bare.goto(f"{served}/widget/")
    assert host_styles(hostile) == host_styles(bare)
    assert hostile.locator("#host-button").is_visible()


def test_no_admin_token_in_widget_or_page(served: str) -> None:
    script = httpx.get(f"{served}/widget.js", timeout=10)
    page = httpx.get(f"{served}/widget/", timeout=10)
    assert script.status_code == page.status_code == 200
    assert script.headers["content-type"].startswith("application/javascript")
    assert '<script src="/widget.js" data-kbqa-url="" async></script>' in page.text
    for text in (script.text, page.text):
        assert ADMIN_TOKEN not in text
        assert "Bearer" not in text and "KBQA_ADMIN_TOKEN" not in text
    # Server and user text reach the page through textContent only.
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script.text


def test_refusal_and_errors_are_shown(served: str, new_page) -> None:
    page = new_page()
    open_demo(page, served)
    refusal = ask(page, "北京烤鸭怎么做？")
    expect(refusal).to_have_class("msg bot refused")
    expect(refusal.locator(".badge")).to_contain_text("知识库中没有找到")
    expect(refusal.locator(".nearest li").first).to_be_visible()
    assert refusal.locator(".fn").count() == 0

    stream = f"{served}/v1/ask/stream"
    page.route(stream, lambda route: route.fulfill(
        status=429, headers={"Retry-After": "30"}, content_type="application/json",
        body='{"error": {"code": "rate_limited", "message": "too many questions"}}'))
    expect(ask(page, QUESTION)).to_contain_text("请30秒后再试")
    page.unroute(stream)
    page.route(stream, lambda route: route.fulfill(status=500, body="{}"))
    expect(ask(page, QUESTION)).to_contain_text("服务暂时不可用")
    page.unroute(stream)
    page.route(stream, lambda route: route.abort())
    failed = ask(page, QUESTION)
    expect(failed).to_contain_text("网络连接失败")
    expect(failed.get_by_role("alert")).to_be_visible()
