"""Read one file (txt, md, html, docx, pdf) into a LoadedText; every failure is an IngestError.

Text conventions (cleaning and chunking depend on them): paragraphs are separated by a
blank line; headings are ``#`` lines; table rows are ``| a | b |`` lines, header row first,
with no ``|---|`` line, and a merged cell gives its text once and empty cells after it.
txt, md and pdf keep their line breaks: repairing PDF damage is the cleaner's job.
"""

from __future__ import annotations

import copy
import io
import logging
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterator
from configparser import ConfigParser
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import docx
from charset_normalizer import from_bytes
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree
from lxml import html as lxml_html
from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, PdfReadError
from trafilatura import bare_extraction
from trafilatura.settings import Document, use_config

from ingest.errors import IngestError
from ingest.loaded import LoadedText

_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_FORMATS)

# Said when a library fails in a way not foreseen below; its own message follows.
_DAMAGED: dict[str, str] = {
    "txt": "cannot read the text file",
    "md": "cannot read the Markdown file",
    "html": "cannot read the HTML page",
    "docx": "damaged Word document (.docx)",
    "pdf": "corrupt PDF",
}

_CONVERT_HINTS: dict[str, str] = {
    ".doc": "old Word 97-2003 format: open it in Word or WPS and save it as .docx",
    ".wps": "WPS format: open it in WPS and save it as .docx",
    ".rtf": "open it in Word or WPS and save it as .docx",
    ".xls": "spreadsheet: save the sheet as .html, or copy the table into a .docx",
    ".xlsx": "spreadsheet: save the sheet as .html, or copy the table into a .docx",
}

# First bytes of common binary formats, so the operator learns what a misnamed file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP package (e.g. .docx, .xlsx or .zip)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc/.xls) or a protected one"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
)

_MB = 1024 * 1024
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def load_file(path: Path, max_bytes: int) -> LoadedText:
    """Read ``path`` into LoadedText; raise IngestError naming the file and the reason."""
    name = path.name
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise IngestError(name, _unsupported_reason(path.suffix))
    raw = _read_bytes(path, max_bytes)
    try:
        with _quiet_libraries():
            text = _EXTRACTORS[fmt](raw, name)
    except IngestError:
        raise
    except Exception as exc:  # parsers raise many exception types on damaged files
        raise IngestError(name, f"{_DAMAGED[fmt]}: {type(exc).__name__}: {exc}") from exc
    if not text.strip():
        raise IngestError(name, _empty_reason(fmt))
    return LoadedText(source=name, text=text, fmt=fmt)


def _unsupported_reason(suffix: str) -> str:
    shown = suffix.lower() or "(no extension)"
    reason = f"unsupported file type {shown}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
    hint = _CONVERT_HINTS.get(suffix.lower())
    return f"{reason} ({hint})" if hint else reason


def _empty_reason(fmt: str) -> str:
    if fmt == "html":
        return "empty: no article text in the HTML page (only site navigation, or nothing)"
    if fmt == "docx":
        return "empty: the Word document contains no text"
    return "empty file: it contains only whitespace"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read the whole file, refusing empty and oversized files before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(path.name, _too_large_reason(size, max_bytes))
        if size == 0:
            raise IngestError(path.name, "empty file (0 bytes)")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(path.name, f"cannot read the file: {exc.strerror or exc}") from exc
    if len(raw) > max_bytes:  # it grew between stat and read
        raise IngestError(path.name, _too_large_reason(len(raw), max_bytes))
    return raw


def _too_large_reason(size: int, max_bytes: int) -> str:
    return (
        f"file too large: {size / _MB:.2f} MB ({size:,} bytes), "
        f"over the limit of {max_bytes / _MB:.2f} MB ({max_bytes:,} bytes)"
    )


@contextmanager
def _quiet_libraries() -> Iterator[None]:
    """Silence library warnings on ordinary input; real failures still raise."""
    _quiet_library_loggers()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@cache
def _quiet_library_loggers() -> None:
    # pypdf logs every PDF defect it tolerates and trafilatura every page it rejects; what
    # matters reaches the operator as an IngestError, the rest would flood the log.
    for name in ("pypdf", "trafilatura", "htmldate", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _sniff_binary(raw: bytes) -> str | None:
    """Say what binary format ``raw`` looks like, or None when it may be text."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return what
    head = raw[:8192]
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    controls = sum(1 for byte in head if byte < 0x20 and byte not in b"\t\n\f\r\x1b")
    if controls + head.count(0x7F) > len(head) * 0.05:
        return "binary data (mostly control bytes)"
    return None


# ---------------------------------------------------------------- text decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_GB_NAMES = frozenset({"gb18030", "gbk", "gb2312", "cp936", "hz"})


def _load_plain(raw: bytes, name: str) -> str:
    return _decode_text(raw, name)


def _decode_text(raw: bytes, name: str, declared: str | None = None) -> str:
    """Decode UTF-8 (BOM or not), GB18030/GBK or Big5 text, with LF line ends and no BOM."""
    text = _decode(raw, name, declared)
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode(raw: bytes, name: str, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = _strict(raw, encoding)
            if text is None:
                raise _undecodable(name)
            return text
    binary = _sniff_binary(raw)
    if binary:
        raise IngestError(name, f"not a text file: looks like {binary}; give it its real extension")
    # Strict tries come before charset-normalizer, which mis-guesses short Chinese texts.
    # UTF-8 goes first even when a page declares gb2312: valid UTF-8 is rarely anything else.
    for candidate in ("utf-8", declared):
        if candidate and (text := _strict(raw, candidate)) is not None:
            return text
    gb_text = _strict(raw, "gb18030")
    if gb_text is not None and not _looks_misdecoded(gb_text):
        return gb_text
    # Big5 bytes nearly always decode as GB18030 too, into rare characters: try Big5 when
    # the GB18030 reading looks like that.
    big5_text = _strict(raw, "cp950") or _strict(raw, "big5hkscs")
    if big5_text is not None:
        return big5_text
    guess = from_bytes(raw).best()
    if gb_text is not None and (guess is None or guess.encoding in _GB_NAMES):
        return gb_text
    raise _undecodable(name, guess.encoding if guess else None)


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _undecodable(name: str, guess: str | None = None) -> IngestError:
    hint = f" (it looks like {guess})" if guess else ""
    return IngestError(
        name, f"cannot decode the text: not UTF-8, GB18030/GBK or Big5{hint}; save it as UTF-8"
    )


def _looks_misdecoded(text: str) -> bool:
    """True when a GB18030 reading is full of characters real simplified text rarely uses."""
    wide = [ch for ch in text[:20000] if ord(ch) >= 0x80]
    return bool(wide) and sum(map(_is_odd_for_gb, wide)) > len(wide) * 0.25


def _is_odd_for_gb(ch: str) -> bool:
    code = ord(ch)
    # Kana, Greek, Cyrillic and box drawing are where Big5 hanzi land when read as GBK.
    if 0x3040 <= code <= 0x30FF or 0x0370 <= code <= 0x04FF or 0x2500 <= code <= 0x257F:
        return True
    if unicodedata.category(ch) == "Co":
        return True
    if 0x3400 <= code <= 0x9FFF:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            return True
    return False


# ---------------------------------------------------------------- html

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


def _load_html(raw: bytes, name: str) -> str:
    text = _decode_text(raw, name, _declared_charset(raw))
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
            return _SPACES.sub(" ", content).strip()
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
    key = _SPACES.sub("", title)
    for index, block in enumerate(blocks[:3]):
        if _SPACES.sub("", block.lstrip("#")) == key:
            if not block.startswith("#"):
                blocks[index] = f"# {block.strip()}"
            return "\n\n".join(blocks)
    return f"# {title}\n\n{article}"


def _text_of(element: etree._Element) -> str:
    return _SPACES.sub(" ", element.xpath("string()")).strip()


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
        if text := _one_line(_inline(element, line_breaks=False)):
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
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text or ""))


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


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


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
            text = _cell_text(_inline(cell, line_breaks=False))
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
            lines.append(_markdown_row(cells))
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


def _cell_text(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def _markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


# ---------------------------------------------------------------- docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "标题"})
# Compiled with our namespaces: python-docx's elements override .xpath() with their own.
# Runs outside mc:Fallback (which repeats text boxes); w:t inside w:ins is kept, which
# python-docx's Paragraph.text leaves out.
_RUN_TEXT = etree.XPath(
    ".//w:r[not(ancestor::mc:Fallback)]/*[self::w:t or self::w:tab or self::w:br or self::w:cr]",
    namespaces=_NS,
)
_CELL_PARAGRAPHS = etree.XPath(".//w:p", namespaces=_NS)
_SDT_CONTENT = etree.XPath("./w:sdtContent", namespaces=_NS)
_OUTLINE_LEVEL = etree.XPath("./w:pPr/w:outlineLvl/@w:val", namespaces=_NS)


def _load_docx(raw: bytes, name: str) -> str:
    _check_docx_package(raw, name)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise IngestError(name, f"not a Word document (.docx): {exc}") from exc
    return "\n\n".join(_docx_blocks(document))


def _check_docx_package(raw: bytes, name: str) -> None:
    """Tell an old .doc, another ZIP file and a broken package apart before python-docx tries."""
    if not raw.startswith(b"PK"):
        what = _sniff_binary(raw) or "a text file"
        raise IngestError(
            name, f"not a Word .docx file: not a ZIP package, looks like {what}; save it as .docx"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile as exc:
        raise IngestError(name, f"damaged Word document (.docx): broken ZIP: {exc}") from exc
    if "word/document.xml" not in names:
        raise IngestError(
            name, "not a Word document: a ZIP package without word/document.xml (e.g. .xlsx)"
        )


def _docx_blocks(document: DocxDocument) -> Iterator[str]:
    for element in _body_elements(document.element.body):
        if element.tag == f"{{{_W}}}tbl":
            if rows := _docx_table_rows(DocxTable(element, document)):
                yield "\n".join(rows)
            continue
        text = _docx_paragraph_text(element).strip()
        if not text:
            continue
        level = _docx_heading_level(DocxParagraph(element, document))
        yield f"{'#' * level} {_one_line(text)}" if level else text


def _body_elements(parent: etree._Element) -> Iterator[etree._Element]:
    """Body paragraphs and tables in order, including those inside content controls."""
    for child in parent:
        if child.tag in (f"{{{_W}}}p", f"{{{_W}}}tbl"):
            yield child
        elif child.tag == f"{{{_W}}}sdt":
            for content in _SDT_CONTENT(child):
                yield from _body_elements(content)


def _docx_paragraph_text(paragraph: etree._Element) -> str:
    pieces = []
    for node in _RUN_TEXT(paragraph):
        kind = etree.QName(node).localname
        if kind == "t":
            pieces.append(node.text or "")
        elif kind == "tab":
            pieces.append("\t")
        elif node.get(f"{{{_W}}}type") != "page":
            pieces.append("\n")
    return "".join(pieces)


def _docx_heading_level(paragraph: DocxParagraph) -> int:
    """1-9 for Heading/标题 styles (Title gives 1), else the outline level, else 0."""
    style = paragraph.style
    for _ in range(10):  # base styles chain; a damaged file could make it loop
        if style is None:
            break
        style_name = (style.name or "").strip()
        if match := _HEADING_STYLE.match(style_name):
            return int(match.group(1))
        if style_name.lower() in _TITLE_STYLES:
            return 1
        style = style.base_style
    outline = _OUTLINE_LEVEL(paragraph._p)
    if outline and outline[0].isdigit() and int(outline[0]) < 9:
        return int(outline[0]) + 1
    return 0


def _docx_table_rows(table: DocxTable) -> list[str]:
    """Markdown rows; a horizontally merged cell gives its text once, then empty cells."""
    lines = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # python-docx repeats a merged cell once per grid column it spans.
            cells.append("" if cell._tc is previous else _cell_text(_docx_cell_text(cell._tc)))
            previous = cell._tc
        if any(cells):
            lines.append(_markdown_row(cells))
    return lines


def _docx_cell_text(cell: etree._Element) -> str:
    return " ".join(_docx_paragraph_text(p) for p in _CELL_PARAGRAPHS(cell))


# ---------------------------------------------------------------- pdf


def _load_pdf(raw: bytes, name: str) -> str:
    if b"%PDF" not in raw[:1024]:
        what = _sniff_binary(raw) or "a text file"
        raise IngestError(name, f"corrupt PDF: not a PDF file, looks like {what}")
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
    except PdfReadError as exc:
        raise IngestError(name, f"corrupt PDF: {exc}") from exc
    if reader.is_encrypted:
        _decrypt(reader, name)
    if len(reader.pages) == 0:
        raise IngestError(name, "corrupt PDF: it has no pages")
    pages = [_page_text(page) for page in reader.pages]
    if not any(page.strip() for page in pages):
        raise IngestError(name, "no text layer (scanned PDF?); OCR it first")
    return "\n\n".join(page for page in pages if page.strip())


def _decrypt(reader: PdfReader, name: str) -> None:
    """Open a PDF protected only against editing; refuse one that needs a password."""
    try:
        opened = reader.decrypt("")
    except (DependencyError, NotImplementedError, PdfReadError) as exc:
        raise IngestError(
            name, f"encrypted PDF that cannot be opened here ({exc}); ask for an unprotected copy"
        ) from exc
    if not opened:
        raise IngestError(name, "encrypted PDF: it needs a password; ask for an unprotected copy")


def _page_text(page: PageObject) -> str:
    text = page.extract_text() or ""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip("\n")


_EXTRACTORS: dict[str, Callable[[bytes, str], str]] = {
    "txt": _load_plain,
    "md": _load_plain,
    "html": _load_html,
    "docx": _load_docx,
    "pdf": _load_pdf,
}
