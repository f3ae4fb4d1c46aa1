"""PDF page layout: running headers and footers, two-column pages, sentences across pages.

The small PDFs are made here, in tmp_path: with reportlab, writing the text in an order that
pypdf alone gets wrong (the two columns line by line across the page), and with Chromium
(``evals/make_pdfs.py``), the way the corpus PDFs are printed. The last tests read the
committed corpus PDFs. All documents are synthetic.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from docgen import PDF_FONT
from paths import CORPUS, ROOT
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingest.clean import clean_text
from ingest.loaders import load_file
from ingest.loaders.pdf import _fix_radicals

LIMIT = 50 * 1024 * 1024

SOURCES = ROOT / "evals" / "corpus_src" / "pdf"
CHROMIUM = Path("/usr/bin/chromium")

HEADER = "某某区科技和经济委员会文件"
SIZE = 12
LEFT_X, RIGHT_X, FULL_CHARS, COLUMN_CHARS = 72, 312, 37, 17
TOP, BOTTOM, LEADING = A4[1] - 90, 90, SIZE * 1.6

# Page 1 ends inside a sentence that page 2 finishes, above the two columns.
TORN_START = ("第一段正文说明了本办法的适用范围和总体要求，"
              "符合条件的企业可以申请研发费用补助，单家企业每年最高不超过")
TORN_END = "120万元，具体以年度申报通知为准。"
LEFT = [
    "左栏第一段：孵化器应当配备专职孵化服务人员，为在孵企业提供创业辅导、投融资对接和技术转移服务。",
    "左栏第二段：众创空间应当提供开放式工位，每年举办创业沙龙和项目路演活动，营造良好创业氛围。",
]
RIGHT = [
    "右栏第一段：在孵企业租用孵化器场地的，可以按实际租金的一定比例申请房租补贴，补贴期限最长三年。",
    "右栏第二段：孵化器投资在孵企业的，按实际投资额给予奖励，每家孵化器每年奖励金额设有上限。",
]


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def _furniture(pdf: canvas.Canvas, number: int, total: int) -> None:
    pdf.drawCentredString(A4[0] / 2, A4[1] - 40, HEADER)
    pdf.drawCentredString(A4[0] / 2, 36, f"第{number}页 共{total}页")


def _columns_pdf(path: Path) -> Path:
    """Three pages with a running header and footer; page 2 holds two columns written line by
    line across the page (left line, right line, next left line …), as some producers do."""
    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    intro = ("本页为测试用的第一页，说明文件的背景和总体要求，"
             "内容足够长以便跨越多行显示，便于检验换行的处理。") * 3
    page_one = _wrap(intro, FULL_CHARS) + _wrap(TORN_START, FULL_CHARS)
    left = [line for para in LEFT for line in _wrap(para, COLUMN_CHARS)]
    right = [line for para in RIGHT for line in _wrap(para, COLUMN_CHARS)]
    closing = "第三页的正文继续说明申报程序、审核要求和监督管理，企业应当如实提交材料。" * 2

    pdf.setFont(PDF_FONT, SIZE)
    _furniture(pdf, 1, 3)
    for n, line in enumerate(page_one):
        pdf.drawString(LEFT_X, TOP - n * LEADING, line)
    pdf.showPage()

    pdf.setFont(PDF_FONT, SIZE)
    _furniture(pdf, 2, 3)
    pdf.drawString(LEFT_X, TOP, TORN_END)
    y = TOP - 2 * LEADING
    for n in range(max(len(left), len(right))):
        if n < len(left):
            pdf.drawString(LEFT_X, y - n * LEADING, left[n])
        if n < len(right):
            pdf.drawString(RIGHT_X, y - n * LEADING, right[n])
    pdf.showPage()

    pdf.setFont(PDF_FONT, SIZE)
    _furniture(pdf, 3, 3)
    for n, line in enumerate(_wrap(closing, FULL_CHARS)):
        pdf.drawString(LEFT_X, TOP - n * LEADING, line)
    pdf.showPage()
    pdf.save()
    return path


TABLE = [("项目类别", "支持比例", "上限"), ("智能工厂", "25%", "300万元"),
         ("数字化车间", "20%", "150万元"), ("工业互联网平台", "25%", "250万元"),
         ("行业大模型应用", "30%", "200万元"), ("上云用数", "50%", "30万元")]


def _table_pdf(path: Path) -> Path:
    """Two pages, each with a three-column table of short cells (rows must stay rows)."""
    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in (1, 2):
        pdf.setFont(PDF_FONT, SIZE)
        _furniture(pdf, page, 2)
        for n, row in enumerate(TABLE):
            for x, cell in zip((LEFT_X, 280, 420), row, strict=True):
                pdf.drawString(x, TOP - n * LEADING, cell)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def columns(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    path = _columns_pdf(tmp_path_factory.mktemp("layout") / "columns.pdf")
    raw = load_file(path, LIMIT).text
    return raw, clean_text(raw)


def test_running_header_and_page_numbers_are_dropped(columns: tuple[str, str]) -> None:
    raw, cleaned = columns
    for text in (raw, cleaned):
        assert HEADER not in text
        assert not re.search(r"第\s*\d\s*页", text)


def test_sentence_across_page_break_is_joined(columns: tuple[str, str]) -> None:
    _, cleaned = columns
    assert TORN_START + TORN_END in cleaned


def test_two_columns_are_read_column_by_column(columns: tuple[str, str]) -> None:
    _, cleaned = columns
    positions = [cleaned.find(paragraph) for paragraph in LEFT + RIGHT]
    assert -1 not in positions, cleaned
    assert positions == sorted(positions)


def test_two_column_lines_never_interleave(columns: tuple[str, str]) -> None:
    raw, _ = columns
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    left_lines = [line for line in lines if any(line in p for p in LEFT)]
    right_lines = [line for line in lines if any(line in p for p in RIGHT)]
    assert "".join(left_lines) == "".join(LEFT)
    assert "".join(right_lines) == "".join(RIGHT)
    assert lines.index(left_lines[-1]) < lines.index(right_lines[0])


def test_a_table_is_read_as_rows_under_its_header(tmp_path: Path) -> None:
    raw = load_file(_table_pdf(tmp_path / "table.pdf"), LIMIT).text
    # pypdf gives each cell on a line of its own; the positions put the rows back.
    rows = [f"| {' | '.join(row)} |" for row in TABLE]
    assert raw.split("\n\n")[0].strip().splitlines() == rows
    assert HEADER not in raw
    cleaned = clean_text(raw)
    # The cleaner keeps each row whole (one paragraph each; the chunker reads them as one
    # table under its header).
    assert "\n\n".join(rows) in cleaned


def test_radicals_from_shared_glyphs_become_ideographs() -> None:
    # U+2F2F ⼯, U+2F40 ⽀, U+2EC5 ⻅, U+2F47 ⽇, as a CJK font's text layer gives them
    assert _fix_radicals("加\u2f2f\u2f40持\u2ec5\u2f47") == "加工支持见日"
    assert _fix_radicals("常规文本不受影响，2025年。") == "常规文本不受影响，2025年。"


# ---------------------------------------------------------------- Chromium-printed PDFs

# Numbers all through the text, so that no printed line repeats (the cleaner drops short
# lines that come back three times, as it does running headers).
SENTENCES = [f"这是第{n}句测试文字，编号{n}的句子跨页时应拼接完整，校验码{n * 37}。"
             for n in range(1, 61)]
COLUMN_LEFT = [f"左栏第{n}句介绍第{n}号孵化载体，服务评分{n * 7}分。" for n in range(1, 11)]
COLUMN_RIGHT = [f"右栏第{n}句介绍第{n}家在孵企业，补贴{n * 3}万元。" for n in range(1, 11)]


def _chromium_html() -> str:
    from evals.make_pdfs import Source, source_to_html

    page = source_to_html(Source(header=HEADER, footer="of", size=14, lines=[
        "# 关于印发《测试办法》的通知",
        "".join(SENTENCES),
        "::: pagebreak",
        "## 附件　两栏排版",
        "::: columns",
        "".join(COLUMN_LEFT),
        "".join(COLUMN_RIGHT),
        ":::",
    ]))
    # The right column starts with its own paragraph.
    right = f"<p>{html.escape(''.join(COLUMN_RIGHT))}</p>"
    return page.replace(right, right.replace("<p>", '<p style="break-before: column">'))


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install the Debian package 'chromium'")
    pytest.importorskip("playwright")
    from evals.make_pdfs import chromium, render_pdf

    path = tmp_path_factory.mktemp("printed") / "printed.pdf"

    def render() -> None:
        with chromium() as browser:
            render_pdf(browser, _chromium_html(), HEADER, "of", path)

    # In a thread of its own: Playwright's sync API refuses to start in a thread where an
    # event loop already runs (the browser tests' session keeps one in the main thread).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(render).result(timeout=120)
    yield path, clean_text(load_file(path, LIMIT).text)


@pytest.mark.slow
def test_printed_pdf_has_furniture_on_every_page(printed: tuple[Path, str]) -> None:
    from pypdf import PdfReader

    path, cleaned = printed
    pages = [_fix_radicals(page.extract_text()) for page in PdfReader(path).pages]
    assert len(pages) >= 3
    assert all(HEADER in page and re.search(r"第\s*\d+\s*页", page) for page in pages)
    assert HEADER not in cleaned
    assert not re.search(r"第\s*\d+\s*页", cleaned)


@pytest.mark.slow
def test_printed_pdf_sentences_across_pages_are_whole(printed: tuple[Path, str]) -> None:
    from pypdf import PdfReader

    path, cleaned = printed
    first = _fix_radicals(PdfReader(path).pages[0].extract_text()).split(HEADER)[0].rstrip()
    assert not first.endswith("。")  # the paragraph does go on to the next page
    for sentence in SENTENCES:
        assert sentence in cleaned


@pytest.mark.slow
def test_printed_two_columns_in_reading_order(printed: tuple[Path, str]) -> None:
    _, cleaned = printed
    positions = [cleaned.find(s) for s in COLUMN_LEFT + COLUMN_RIGHT]
    assert -1 not in positions
    assert positions == sorted(positions)


# ---------------------------------------------------------------- committed corpus PDFs


def _corpus_pdfs() -> list[Path]:
    return sorted(CORPUS.glob("*.pdf"))


def _header_of(pdf: Path) -> str:
    source = (SOURCES / f"{pdf.stem}.txt").read_text("utf-8")
    return re.search(r"^header:\s*(.+)$", source, re.M).group(1).strip()  # type: ignore[union-attr]


@pytest.mark.parametrize("pdf", _corpus_pdfs(), ids=lambda p: p.name)
def test_corpus_pdf_reads_clean(pdf: Path) -> None:
    cleaned = clean_text(load_file(pdf, LIMIT).text)
    assert _header_of(pdf) not in cleaned
    assert not re.search(r"—\s*\d+\s*—|第\s*\d+\s*页", cleaned)
    assert not re.search("[\u2e80-\u2fdf]", cleaned)


def test_corpus_pdfs_are_present() -> None:
    names = {p.name for p in _corpus_pdfs()}
    assert {"policy_2022_rd_subsidy.pdf", "policy_2021_incubator.pdf",
            "guide_2025_data_elements.pdf"} <= names


def _cleaned(name: str) -> str:
    return clean_text(load_file(CORPUS / name, LIMIT).text)


def test_corpus_two_column_faq_in_order() -> None:
    cleaned = _cleaned("guide_2025_data_elements.pdf")
    positions = [cleaned.find(f"问{n}：") for n in range(1, 9)]
    assert -1 not in positions and positions == sorted(positions)
    assert "每个数据产品的上架奖励提高至11万元，但每家企业年度上限不变。" in cleaned
    assert "申报主体须为在澄湾新区注册登记并依法纳税、具有独立法人资格的企业。" in cleaned


def test_corpus_table_with_wrapped_cells_is_read_row_by_row() -> None:
    # The support table of the data guide: the middle column wraps over two or three
    # lines and the short cells beside it are centred in height.
    cleaned = _cleaned("guide_2025_data_elements.pdf")
    assert "| 项目类别 | 支持标准 | 每家企业年度上限 |" in cleaned
    assert ("| 数据产品上架 | 在依法设立的数据交易所（中心）挂牌上架并完成首笔场内交易的，"
            "每个数据产品奖励9万元 | 42万元 |") in cleaned
    assert ("| 数据资产入表 | 首次将数据资源计入资产负债表并经会计师事务所审计确认的，"
            "按入表金额的2%给予一次性奖励 | 38万元 |") in cleaned
    # The note under the table stays prose.
    assert "注：同一笔贷款已享受" in cleaned and "| 注" not in cleaned
    for name in ("policy_2021_incubator.pdf", "policy_2022_rd_subsidy.pdf"):
        assert "|" not in _cleaned(name)  # no table where there is none


def test_corpus_sentences_across_pages_are_joined() -> None:
    assert "对新认定为区级企业技术中心或区级工程技术研究中心的企业，给予一次性奖励18万元。" in (
        _cleaned("policy_2022_rd_subsidy.pdf"))
    assert "（澄知局规〔2024〕2号）贴息的，不得重复申报数据资产质押融资贴息。" in (
        _cleaned("guide_2025_data_elements.pdf"))


def _pages(paths: Sequence[Path]) -> int:
    from pypdf import PdfReader

    return max(len(PdfReader(p).pages) for p in paths)


def test_corpus_has_a_pdf_of_three_pages_or_more() -> None:
    assert _pages(_corpus_pdfs()) >= 3
