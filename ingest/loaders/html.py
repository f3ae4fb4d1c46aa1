"""Read an HTML page: drop the site chrome, take the article by trafilatura or a plain walk.

Tables become Markdown rows (spans padded with empty cells); the page title becomes a ``#``
heading at the top of the article.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from configparser import ConfigParser
from functools import cache

from lxml import etree
from lxml import html as lxml_html
from trafilatura import bare_extraction
from trafilatura.settings import Document, use_config

from ingest.loaders.tables import SPACES, cell_text, markdown_row, one_line
from ingest.loaders.text import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSETS: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "cp950",
    "x-big5": "cp950",
    "cp950": "cp950",
    "big5-hkscs": "big5hkscs",
}
_CHROME_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "form", "button",
    "input", "select", "textarea", "nav", "aside", "svg", "canvas", "map",
)  # fmt: skip
# class/id words of site chrome on government sites; pinyin ones too (daohang: navigation,
# weizhi/dqwz: current position, wza: accessibility bar).
_CHROME_WORDS = frozenset(
    "nav navbar navigation menu menubar mainmenu submenu header head top topbar footer foot "
    "bottom sidebar side aside crumb crumbs breadcrumb breadcrumbs position location weizhi "
    "dqwz daohang banner logo search share bdshare print toolbar tools copyright login "
    "friendlink links related skip wza".split()
)
_BREADCRUMB_TEXT = re.compile(
    r"^\s*(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|所在位置)"
)
_FOOTER_TEXT = re.compile(r"版权所有|ICP备|公网安备|网站标识码|网站地图|Copyright|©", re.IGNORECASE)
_FOOTER_NEIGHBOUR_TEXT = re.compile(
    r"主办|承办|协办|技术支持|联系我们|访问量|浏览次数|分辨率|网站纠错"
)
_TOOLS_TEXT = re.compile(r"字号|打印本页|关闭窗口|分享到|【打印】|【关闭】|扫一扫|收藏本页")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul "
    # trafilatura's own tree vocabulary, rendered by the same walker
    "head item list quote code row cell".split()
)
_LINE_BREAK_TAGS = frozenset({"br", "lb"})
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||－|—|\s-\s)\s*")
_SITE_NAME = re.compile(r"(?:政府|网站|门户|官网|政务网|信息网|委员会|管理局)$")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t\\r\\f\\v]*\\n\\s*(?=[{_CJK}])")


def load_html(raw: bytes, name: str) -> str:
    """The article of an HTML page as text, its title first as a ``#`` heading."""
    text = decode_text(raw, name, _declared_charset(raw))
    # lxml refuses a str that still carries an XML encoding declaration.
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        return ""
    tree = lxml_html.document_fromstring(text)
    body = tree.find("body")
    if body is None:
        return ""
    _remove_chrome(body)
    _unwrap_layout_tables(body)
    article = "\n\n".join(_article_blocks(tree, body))
    return _with_title(article, _page_title(tree))


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:4096])
    if match is None:
        return None
    return _CHARSETS.get(match.group(1).decode("ascii", "ignore").lower())


def _article_blocks(tree: lxml_html.HtmlElement, body: lxml_html.HtmlElement) -> list[str]:
    """Article blocks by trafilatura, or by a plain walk of the page when it lost content."""
    walked = list(_blocks(body))
    extracted = _trafilatura_blocks(tree)
    # On some government templates trafilatura drops most of the article. The chrome is
    # gone by now, so when prose or table rows of the plain walk are missing from
    # trafilatura's text, the plain walk is the better text.
    kept = _squeeze("".join(extracted))
    units = list(_content_units(walked))
    lost = sum(len(unit) for unit in units if unit not in kept)
    if extracted and lost <= 0.2 * sum(map(len, units)):
        return extracted
    return walked


def _content_units(blocks: list[str]) -> Iterator[str]:
    """Sentences-bearing paragraphs and table rows: what an article cannot do without."""
    for block in blocks:
        if block.startswith("|"):
            yield from (_squeeze(row) for row in block.split("\n"))
        elif "。" in block or len(block) >= 50:
            yield _squeeze(block)


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def _trafilatura_blocks(tree: lxml_html.HtmlElement) -> list[str]:
    # No URL is given, so trafilatura fetches nothing.
    document = bare_extraction(
        copy.deepcopy(tree),
        favor_recall=True,
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        with_metadata=False,
        config=_trafilatura_config(),
    )
    if not isinstance(document, Document) or document.body is None:
        return []
    return list(_blocks(document.body))


@cache
def _trafilatura_config() -> ConfigParser:
    config = use_config()
    # With the default (250 characters) a short notice falls through to trafilatura's
    # whole-page dump, navigation and footer included.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _remove_chrome(body: lxml_html.HtmlElement) -> None:
    """Drop scripts, navigation, breadcrumbs, footers and page tools, in place."""
    for element in body.xpath(" | ".join(f".//{tag}" for tag in _CHROME_TAGS)):
        _drop(element)
    for element in body.xpath(".//header[not(ancestor::article)] | .//footer"):
        _drop(element)  # an <article>'s own <header> holds its title and date
    page_len = len(_text_of(body))
    # Innermost first, so a footer line takes only itself, not the article around it.
    for element in reversed(list(body.iter())):
        if element is body or not isinstance(element.tag, str):
            continue
        if _is_footer_line(element):
            _drop_footer_neighbours(element)
            _drop(element)
        elif _is_chrome(element, page_len):
            _drop(element)
    for element in list(body.iter()):
        if element is not body and _is_link_list(element):
            _drop(element)


def _is_chrome(element: lxml_html.HtmlElement, page_len: int) -> bool:
    text = _text_of(element)
    # A container called "top" or "head" that holds much of the page is the page itself.
    if _has_chrome_name(element) and len(text) <= min(max(300, page_len * 0.3), page_len * 0.5):
        return True
    if _BREADCRUMB_TEXT.match(text) and len(text) < 100:
        return True
    # Keep "发布日期：2025-04-01 字号：大 中 小": the date matters to metadata parsing.
    return bool(_TOOLS_TEXT.search(text)) and len(text) < 60 and not re.search(r"\d{4}", text)


def _is_footer_line(element: lxml_html.HtmlElement) -> bool:
    text = _text_of(element)
    return len(text) <= 200 and bool(_FOOTER_TEXT.search(text))


def _has_chrome_name(element: lxml_html.HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return any(word in _CHROME_WORDS for word in re.split(r"[^a-z0-9]+", names))


def _drop_footer_neighbours(element: lxml_html.HtmlElement) -> None:
    """Drop the short 主办/技术支持 lines beside a 版权所有 line."""
    parent = element.getparent()
    if parent is None or parent.tag == "body":
        return
    for sibling in list(parent):
        if sibling is element or not isinstance(sibling.tag, str):
            continue
        text = _text_of(sibling)
        if len(text) < 100 and _FOOTER_NEIGHBOUR_TEXT.search(text):
            _drop(sibling)


def _is_link_list(element: lxml_html.HtmlElement) -> bool:
    """A block made of three or more short links is a menu, whatever its class."""
    if not isinstance(element.tag, str) or element.tag not in _BLOCK_TAGS:
        return False
    links = [text for text in map(_text_of, element.iter("a")) if text]
    if len(links) < 3:
        return False
    link_chars = sum(map(len, links))
    # Menu items are short words (首页, 政务公开); attachment links carry long file names.
    return link_chars >= 0.8 * len(_text_of(element)) and link_chars <= 8 * len(links)


def _unwrap_layout_tables(body: lxml_html.HtmlElement) -> None:
    """Turn tables that lay out the page into plain blocks; data tables stay tables."""
    for table in body.xpath(".//table"):
        if not _is_layout_table(table):
            continue
        own_parts = table.xpath(
            "./thead | ./tbody | ./tfoot | ./tr | ./*/tr | ./tr/td | ./tr/th | ./*/tr/td"
            " | ./*/tr/th"
        )
        for element in [*own_parts, table]:
            element.tag = "div"


def _is_layout_table(table: lxml_html.HtmlElement) -> bool:
    cells = table.xpath("./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th")
    for cell in cells:
        if cell.xpath(".//table | .//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6"):
            return True
        if len(_text_of(cell)) > 300:
            return True
    return not cells


def _page_title(tree: lxml_html.HtmlElement) -> str:
    """The article title: the ArticleTitle meta of government sites, the first h1, or <title>."""
    for content in tree.xpath("//meta[@name='ArticleTitle' or @name='articletitle']/@content"):
        if content.strip():
            return SPACES.sub(" ", content).strip()
    for heading in tree.xpath("//body//h1"):
        if text := _text_of(heading):
            return text
    titles = tree.xpath("//head/title")
    if not titles:
        return ""
    # "关于……的通知_浦东新区人民政府": one part is the article, the others name the site.
    parts = [part for part in _TITLE_SEPARATORS.split(_text_of(titles[0])) if part]
    articles = [part for part in parts if not _SITE_NAME.search(part)]
    return (articles or parts or [""])[0]


def _with_title(article: str, title: str) -> str:
    """Start the article with its title as a ``#`` heading, without repeating it."""
    if not title or not article.strip():
        return article
    blocks = article.split("\n\n")
    key = SPACES.sub("", title)
    for index, block in enumerate(blocks[:3]):
        if SPACES.sub("", block.lstrip("#")) == key:
            if not block.startswith("#"):
                blocks[index] = f"# {block.strip()}"
            return "\n\n".join(blocks)
    return f"# {title}\n\n{article}"


def _text_of(element: etree._Element) -> str:
    return SPACES.sub(" ", element.xpath("string()")).strip()


def _drop(element: etree._Element) -> None:
    """Remove an element, keeping the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    tail, previous = element.tail, element.getprevious()
    parent.remove(element)
    if tail and tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _blocks(element: etree._Element) -> Iterator[str]:
    """Headings, paragraphs and tables of an HTML or trafilatura tree, in document order."""
    level = _heading_level(element)
    if level:
        if text := one_line(_inline(element, line_breaks=False)):
            yield f"{'#' * level} {text}"
        return
    if element.tag == "table":
        if rows := _table_rows(element):
            yield "\n".join(rows)
        return
    pieces = [_flat(element.text)]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _LINE_BREAK_TAGS:
            pieces.append("\n")
        elif tag in _BLOCK_TAGS:
            yield from _paragraphs("".join(pieces))
            pieces = []
            yield from _blocks(child)
        elif tag:
            pieces.append(_inline(child, line_breaks=True))
        pieces.append(_flat(child.tail))
    yield from _paragraphs("".join(pieces))


def _heading_level(element: etree._Element) -> int:
    tag = element.tag if isinstance(element.tag, str) else ""
    if re.fullmatch(r"h[1-6]", tag):
        return int(tag[1])
    if tag == "head":  # trafilatura writes <head rend="h2">
        rend = element.get("rend", "")
        return int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
    return 0


def _flat(text: str | None) -> str:
    # A source line break between two Chinese characters is no space (CSS segment-break
    # rule); turning it into one would put stray spaces inside words.
    return SPACES.sub(" ", _CJK_BREAK.sub("", text or ""))


def _inline(element: etree._Element, line_breaks: bool) -> str:
    """Text of an element and its descendants; <br> gives a newline, or a space."""
    pieces = [_flat(element.text)]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _LINE_BREAK_TAGS:
            pieces.append("\n" if line_breaks else " ")
        elif tag in _BLOCK_TAGS:
            pieces.extend((" ", _inline(child, line_breaks), " "))
        elif tag:
            pieces.append(_inline(child, line_breaks))
        pieces.append(_flat(child.tail))
    return "".join(pieces)


def _paragraphs(text: str) -> Iterator[str]:
    """Split inline text on blank lines (from <br><br>), keeping single line breaks."""
    paragraph: list[str] = []
    for line in text.split("\n"):
        line = re.sub(" {2,}", " ", line).strip(" \u3000")
        if line:
            paragraph.append(line)
        elif paragraph:
            yield "\n".join(paragraph)
            paragraph = []
    if paragraph:
        yield "\n".join(paragraph)


def _table_rows(table: etree._Element) -> list[str]:
    """Markdown rows of an HTML or trafilatura table, spans padded with empty cells."""
    covered: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    lines = []
    for row in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr | ./row"):
        cells: list[str] = []
        for cell in row.xpath("./td | ./th | ./cell"):
            _pad_covered(cells, covered)
            text = cell_text(_inline(cell, line_breaks=False))
            width = _span(cell, "colspan")
            for column in range(len(cells), len(cells) + width):
                covered[column] = _span(cell, "rowspan") - 1
            cells.extend([text] + [""] * (width - 1))
        # rowspans from above that reach past this row's last cell
        while any(rows > 0 for column, rows in covered.items() if column >= len(cells)):
            if covered.get(len(cells), 0) > 0:
                covered[len(cells)] -= 1
            cells.append("")
        if any(cells):
            lines.append(markdown_row(cells))
    return lines


def _pad_covered(cells: list[str], covered: dict[int, int]) -> None:
    """Put an empty cell in each column that a rowspan from a row above still covers."""
    while covered.get(len(cells), 0) > 0:
        covered[len(cells)] -= 1
        cells.append("")


def _span(cell: etree._Element, attribute: str) -> int:
    try:
        return max(1, min(int(cell.get(attribute, "1")), 50))
    except ValueError:
        return 1
