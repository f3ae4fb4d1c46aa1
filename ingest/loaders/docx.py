"""Read a Word .docx document: headings, paragraphs and tables, in document order."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from ingest.errors import IngestError
from ingest.loaders.tables import cell_text, markdown_row, one_line
from ingest.loaders.text import sniff_binary

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


def load_docx(raw: bytes, name: str) -> str:
    _check_docx_package(raw, name)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise IngestError(name, f"not a Word document (.docx): {exc}") from exc
    return "\n\n".join(_docx_blocks(document))


def _check_docx_package(raw: bytes, name: str) -> None:
    """Tell an old .doc, another ZIP file and a broken package apart before python-docx tries."""
    if not raw.startswith(b"PK"):
        what = sniff_binary(raw) or "a text file"
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
        yield f"{'#' * level} {one_line(text)}" if level else text


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
            cells.append("" if cell._tc is previous else cell_text(_docx_cell_text(cell._tc)))
            previous = cell._tc
        if any(cells):
            lines.append(markdown_row(cells))
    return lines


def _docx_cell_text(cell: etree._Element) -> str:
    return " ".join(_docx_paragraph_text(p) for p in _CELL_PARAGRAPHS(cell))
