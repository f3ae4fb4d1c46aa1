"""Make real test documents (docx, pdf, government-style html) in a test's tmp_path.

Synthetic test material only: nothing made here is a real government document.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

# reportlab's built-in CID font: Chinese without a font file, and pypdf reads it back exactly.
PDF_FONT = "STSong-Light"
_FONT_SIZE = 12
_MARGIN = 72
_CHARS_PER_LINE = int((A4[0] - 2 * _MARGIN) // _FONT_SIZE)


@dataclass(frozen=True)
class Heading:
    """A docx paragraph in the built-in "Heading <level>" style (level 0 is "Title")."""

    text: str
    level: int = 1


# A docx block: a paragraph's text, a Heading, or a table as rows of cells (header row first).
DocxBlock = str | Heading | list[list[str]]


def make_docx(path: Path, blocks: Sequence[DocxBlock]) -> Path:
    """Write a .docx holding ``blocks`` in order."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, str):
            document.add_paragraph(block)
        else:
            _add_table(document, block)
    document.save(str(path))
    return path


def _add_table(document: DocxDocument, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = value


def make_pdf(path: Path, pages: Sequence[str]) -> Path:
    """Write a PDF with one page per string; "\\n" starts a new line, long lines wrap."""
    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in pages:
        pdf.setFont(PDF_FONT, _FONT_SIZE)
        y = A4[1] - _MARGIN
        for line in _wrap(page):
            pdf.drawString(_MARGIN, y, line)
            y -= _FONT_SIZE * 1.6
        pdf.showPage()
    pdf.save()
    return path


def _wrap(page: str) -> list[str]:
    lines = []
    for line in page.split("\n"):
        chunks = [line[i : i + _CHARS_PER_LINE] for i in range(0, len(line), _CHARS_PER_LINE)]
        lines.extend(chunks or [""])
    return lines


def make_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Write a PDF of drawings only, like a scan: pages, but no text layer."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.setFillGray(0.85)
        pdf.rect(_MARGIN, _MARGIN, A4[0] - 2 * _MARGIN, A4[1] - 2 * _MARGIN, fill=1)
        pdf.setStrokeGray(0.2)
        for y in range(200, 700, 20):
            pdf.line(_MARGIN + 10, y, A4[0] - _MARGIN - 10, y)
        pdf.showPage()
    pdf.save()
    return path


def make_encrypted_pdf(
    path: Path, pages: Sequence[str], user_password: str = "secret", owner_password: str = "owner"
) -> Path:
    """Write a text PDF encrypted with RC4 (no extra crypto package needed to open it)."""
    plain = make_pdf(path.with_name(path.stem + ".plain.pdf"), pages)
    writer = PdfWriter()
    writer.append(PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    plain.unlink()
    return path


_GOV_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_上海市浦东新区人民政府</title>
<link rel="stylesheet" href="/css/main.css">
<style>.nav li {{ float: left; }}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head>
<body>
<div class="header">
  <div class="logo"><img src="/images/logo.png" alt="上海市浦东新区人民政府"></div>
  <div class="wza"><a href="#">无障碍浏览</a> <a href="#">长者模式</a></div>
  <ul class="nav">
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/bsfw/">办事服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
  </ul>
  <div class="search"><input type="text" value="请输入关键词"><button>搜索</button></div>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt;
  <a href="/zwgk/">政务公开</a> &gt; 政策文件</div>
<div class="main">
  <div class="sidebar">
    <h3>政务公开导航</h3>
    <ul><li><a href="/a">机构职能</a></li><li><a href="/b">政策文件</a></li>
    <li><a href="/c">规划计划</a></li></ul>
  </div>
  <div class="article">
    <h1>{title}</h1>
    <div class="info">发布日期：2025-04-01　来源：区科经委</div>
    <div class="content">
{body}
    </div>
    <div class="tools">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
  </div>
</div>
<div class="footer">
  <p>主办：上海市浦东新区人民政府办公室　承办：浦东新区大数据中心</p>
  <p>版权所有：上海市浦东新区人民政府　沪ICP备05006588号-1　沪公网安备31011502008888号</p>
  <p><a href="/sitemap">网站地图</a> | <a href="/contact">联系我们</a></p>
</div>
</body>
</html>
"""

# What a test can assert is absent from the extracted text of make_gov_page's output.
GOV_PAGE_CHROME = (
    "首页",
    "政务公开",
    "办事服务",
    "无障碍",
    "当前位置",
    "机构职能",
    "打印本页",
    "版权所有",
    "ICP备",
    "公网安备",
    "主办",
    "网站地图",
    "统计代码",
)


def make_gov_page(
    path: Path,
    title: str,
    paragraphs: Sequence[str],
    table: list[list[str]] | None = None,
    encoding: str = "utf-8",
) -> Path:
    """Write a government-site article page: site chrome around the title, text and table.

    ``encoding`` "gb18030" declares gb2312 in the page, as older government sites do.
    """
    parts = [f"<p>{html.escape(text)}</p>" for text in paragraphs]
    if table:
        parts.insert(len(parts) // 2 + 1, _html_table(table))
    charset = "utf-8" if encoding.startswith("utf") else "gb2312"
    page = _GOV_PAGE.format(charset=charset, title=html.escape(title), body="\n".join(parts))
    path.write_bytes(page.encode(encoding))
    return path


def _html_table(rows: list[list[str]]) -> str:
    header = "".join(f"<th>{html.escape(cell)}</th>" for cell in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in rows[1:]
    )
    return f'<table border="1"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'
