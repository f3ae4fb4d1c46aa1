"""Loaders on real files made in tmp_path: every format, every refusal."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from docgen import (
    GOV_PAGE_CHROME,
    Heading,
    make_docx,
    make_encrypted_pdf,
    make_gov_page,
    make_pdf,
    make_scanned_pdf,
)

from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES, load_file

LIMIT = 10 * 1024 * 1024

REPLY = (
    "浦科经委办理〔2025〕66号\n"
    "关于对浦东新区政协七届四次会议第137号提案的答复\n\n"
    "陈运文委员：\n"
    "截至2025年3月底，平台累计发榜526项，其中企业发榜506项，意向投入超13亿元。\n\n"
    "后续还将增设分中心。\n"
)
ARTICLE = [
    "各有关单位：",
    "为加快推动人工智能产业高质量发展，现将若干措施印发给你们，请认真贯彻执行。",
    "对入驻模力社区的大模型企业，给予最高三年的房租补贴。",
    "本措施自2025年5月1日起施行，有效期至2027年12月31日。",
]
SUPPORT_TABLE = [
    ["支持事项", "补贴比例", "上限"],
    ["算力租用", "30%", "500万元"],
    ["数据采购", "20%", "200万元"],
]
SUPPORT_ROWS = "\n".join(
    [
        "| 支持事项 | 补贴比例 | 上限 |",
        "| 算力租用 | 30% | 500万元 |",
        "| 数据采购 | 20% | 200万元 |",
    ]
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def refusal(path: Path, max_bytes: int = LIMIT) -> str:
    """Load a file that must be refused; return the reason after checking the source."""
    with pytest.raises(IngestError) as caught:
        load_file(path, max_bytes)
    assert caught.value.source == path.name
    return caught.value.reason


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}


# ---------------------------------------------------------------- txt, md


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_txt_decoded_exactly(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / f"reply-{encoding}.txt", REPLY.encode(encoding))
    loaded = load_file(path, LIMIT)
    assert (loaded.source, loaded.fmt, loaded.text) == (path.name, "txt", REPLY)


def test_gb18030_only_characters(tmp_path: Path) -> None:
    text = "联系人：王䶮，𠮷野家路1号。\n"  # 䶮 and 𠮷 are outside GBK
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    path = write(tmp_path / "contact.txt", text.encode("gb18030"))
    assert load_file(path, LIMIT).text == text


def test_big5_text(tmp_path: Path) -> None:
    text = "關於對浦東新區政協提案的答復，感謝您對我們工作的關心和支持。\n"
    path = write(tmp_path / "big5.txt", text.encode("big5"))
    assert load_file(path, LIMIT).text == text


def test_short_gbk_text(tmp_path: Path) -> None:
    path = write(tmp_path / "short.txt", "后续还将增设分中心".encode("gbk"))
    assert load_file(path, LIMIT).text == "后续还将增设分中心"


def test_line_ends_normalised(tmp_path: Path) -> None:
    path = write(tmp_path / "crlf.txt", "第一行\r\n第二行\r第三行\n".encode())
    assert load_file(path, LIMIT).text == "第一行\n第二行\n第三行\n"


@pytest.mark.parametrize("suffix", [".md", ".markdown"])
def test_markdown_kept_as_is(tmp_path: Path, suffix: str) -> None:
    text = "# 申报指南\n\n**申报时间**：2025年5月12日至6月20日。\n\n" + SUPPORT_ROWS + "\n"
    loaded = load_file(write(tmp_path / f"guide{suffix}", text.encode()), LIMIT)
    assert (loaded.fmt, loaded.text) == ("md", text)


# ---------------------------------------------------------------- html


def test_html_keeps_article_and_drops_chrome(tmp_path: Path) -> None:
    title = "关于印发《浦东新区促进人工智能产业发展若干措施》的通知"
    path = make_gov_page(tmp_path / "notice.html", title, ARTICLE, SUPPORT_TABLE)
    loaded = load_file(path, LIMIT)
    assert loaded.fmt == "html"
    assert loaded.text.startswith(f"# {title}\n\n")
    assert loaded.text.count(title) == 1
    for sentence in ARTICLE:
        assert sentence in loaded.text
    assert SUPPORT_ROWS in loaded.text
    for chrome in GOV_PAGE_CHROME:
        assert chrome not in loaded.text, chrome
    blocks = loaded.text.split("\n\n")
    assert blocks.index(ARTICLE[0]) < blocks.index(ARTICLE[1]) < blocks.index(ARTICLE[3])


def test_html_gb2312_page(tmp_path: Path) -> None:
    path = make_gov_page(
        tmp_path / "old.htm", "关于开展申报工作的通知", ARTICLE, encoding="gb18030"
    )
    text = load_file(path, LIMIT).text
    assert ARTICLE[1] in text
    assert "首页" not in text


def test_html_layout_table_page(tmp_path: Path) -> None:
    page = """<html><head><title>关于开展2025年度科技小巨人申报的通知</title></head><body>
    <table width="1000"><tr><td><table><tr><td><a href="/">首页</a></td>
    <td><a href="/zwgk">政务公开</a></td><td><a href="/bsfw">办事服务</a></td></tr></table>
    </td></tr>
    <tr><td>当前位置：<a href="/">首页</a> &gt; 通知公告</td></tr>
    <tr><td><h1>关于开展2025年度科技小巨人申报的通知</h1><p>各有关企业：</p>
    <p>现开展2025年度科技小巨人申报工作，请于2025年6月30日前提交材料。</p>
    <table border="1"><tr><th>类别</th><th>支持金额</th></tr>
    <tr><td>科技小巨人</td><td>300万元</td></tr>
    </table><p>联系人：张三，电话：12345678。</p></td></tr>
    <tr><td>版权所有：浦东新区科经委 沪ICP备000001号</td></tr></table></body></html>"""
    text = load_file(write(tmp_path / "layout.html", page.encode()), LIMIT).text
    assert text.startswith("# 关于开展2025年度科技小巨人申报的通知\n\n")
    assert "现开展2025年度科技小巨人申报工作，请于2025年6月30日前提交材料。" in text
    assert "| 类别 | 支持金额 |\n| 科技小巨人 | 300万元 |" in text
    assert "联系人：张三，电话：12345678。" in text
    for chrome in ("首页", "政务公开", "当前位置", "版权所有", "ICP"):
        assert chrome not in text


def test_html_br_separated_reply(tmp_path: Path) -> None:
    page = """<html><head><meta charset="utf-8"><title>关于对区政协第88号提案的答复</title></head>
    <body><div class="menu"><ul><li>首页</li><li>政务公开</li></ul></div>
    <div class="location">当前位置：首页 &gt; 建议提案办理</div>
    <div class="detail"><div class="title">关于对区政协第88号提案的答复</div>
    <div id="zoom">张委员：<br><br>　　您提出的提案收悉。经研究，现答复如下：<br><br>
    　　一、加大知识产权保护力度。2024年共办理专利侵权纠纷案件120件。<br><br>
    　　二、完善质押融资服务。全年完成质押融资登记445笔。<br><br>
    <p align="right">上海市浦东新区知识产权局<br>2025年5月20日</p></div></div>
    <div class="bottom"><p>主办单位：浦东新区人民政府办公室</p>
    <p>版权所有 沪ICP备12345678号</p></div>
    </body></html>"""
    text = load_file(write(tmp_path / "reply.html", page.encode()), LIMIT).text
    assert text.split("\n\n")[:3] == [
        "# 关于对区政协第88号提案的答复",
        "张委员：",
        "您提出的提案收悉。经研究，现答复如下：",
    ]
    assert "二、完善质押融资服务。全年完成质押融资登记445笔。" in text
    assert "上海市浦东新区知识产权局\n2025年5月20日" in text
    for chrome in ("首页", "当前位置", "主办单位", "版权所有"):
        assert chrome not in text


def test_html_spans_keep_columns(tmp_path: Path) -> None:
    page = """<html><body><h1>贴息标准</h1><p>按照贷款利息给予贴息，具体标准如下。</p>
    <table border="1"><tr><td rowspan="2">企业类型</td><td colspan="2">贴息标准</td></tr>
    <tr><td>比例</td><td>上限</td></tr><tr><td>科技型中小企业</td><td>50%</td><td>100万元</td></tr>
    </table></body></html>"""
    text = load_file(write(tmp_path / "spans.html", page.encode()), LIMIT).text
    rows = [
        "| 企业类型 | 贴息标准 |  |",
        "|  | 比例 | 上限 |",
        "| 科技型中小企业 | 50% | 100万元 |",
    ]
    assert "\n".join(rows) in text


# ---------------------------------------------------------------- docx


def test_docx_blocks_in_order(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "measures.docx",
        [
            Heading("浦东新区促进人工智能产业发展若干措施", level=0),
            Heading("第一章 总则", level=1),
            ARTICLE[1],
            Heading("第一条 支持算力建设", level=2),
            ARTICLE[2],
            [["支持事项", "补贴\n比例", "上限"], *SUPPORT_TABLE[1:]],
            ARTICLE[3],
        ],
    )
    loaded = load_file(path, LIMIT)
    assert loaded.fmt == "docx"
    assert loaded.text.split("\n\n") == [
        "# 浦东新区促进人工智能产业发展若干措施",
        "# 第一章 总则",
        ARTICLE[1],
        "## 第一条 支持算力建设",
        ARTICLE[2],
        SUPPORT_ROWS.replace("补贴比例", "补贴 比例"),
        ARTICLE[3],
    ]


def test_docx_merged_cells_not_repeated(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "merged.docx", [[["类别", "标准", "上限"], ["合计", "", "1000万元"]]]
    )
    import docx

    document = docx.Document(str(path))
    row = document.tables[0].rows[1]
    row.cells[0].merge(row.cells[1])
    document.save(str(path))
    assert "| 合计 |  | 1000万元 |" in load_file(path, LIMIT).text


# ---------------------------------------------------------------- pdf

PAGE_ONE = "\n".join(
    [
        "浦科经委办理〔2025〕66号",
        "关于对浦东新区政协七届四次会议第137号提案的答复",
        "科创母基金投资超200个",
    ]
)
PAGE_TWO = "项目，带动超600亿社会资本。\n联系人：张三　电话：58788888\n- 2 -"


def test_pdf_pages_joined(tmp_path: Path) -> None:
    loaded = load_file(make_pdf(tmp_path / "reply.pdf", [PAGE_ONE, PAGE_TWO]), LIMIT)
    assert loaded.fmt == "pdf"
    assert loaded.text == f"{PAGE_ONE}\n\n{PAGE_TWO}"


def test_pdf_long_lines_stay_broken(tmp_path: Path) -> None:
    sentence = "政策完善是优化创新生态的核心。" * 6
    text = load_file(make_pdf(tmp_path / "long.pdf", [sentence]), LIMIT).text
    assert "\n" in text
    assert text.replace("\n", "") == sentence


def test_pdf_with_owner_password_only_opens(tmp_path: Path) -> None:
    path = make_encrypted_pdf(tmp_path / "protected.pdf", [PAGE_ONE], user_password="")
    assert load_file(path, LIMIT).text == PAGE_ONE


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("name", "hint"), [("table.xlsx", "spreadsheet"), ("old.doc", ".docx"), ("README", "")]
)
def test_unsupported_extension(tmp_path: Path, name: str, hint: str) -> None:
    reason = refusal(write(tmp_path / name, b"data"))
    assert "unsupported file type" in reason
    assert ".pdf" in reason and hint in reason


def test_file_over_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "答复".encode() * 600_000)  # 3.6 MB
    reason = refusal(path, max_bytes=2 * 1024 * 1024)
    assert "too large" in reason
    assert "3.43 MB" in reason and "2.00 MB" in reason


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty.docx", "empty.pdf"])
def test_zero_byte_file(tmp_path: Path, name: str) -> None:
    assert refusal(write(tmp_path / name, b"")) == "empty file (0 bytes)"


def test_whitespace_only_text(tmp_path: Path) -> None:
    reason = refusal(write(tmp_path / "blank.txt", " \r\n\t\n　\n".encode()))
    assert reason.startswith("empty file")


def test_html_with_only_chrome(tmp_path: Path) -> None:
    page = """<html><body><div class="nav"><a href="/">首页</a><a>政务公开</a><a>办事服务</a></div>
    <div class="footer">版权所有 沪ICP备12345678号</div></body></html>"""
    reason = refusal(write(tmp_path / "chrome.html", page.encode()))
    assert reason.startswith("empty") and "no article text" in reason


def test_docx_without_text(tmp_path: Path) -> None:
    reason = refusal(make_docx(tmp_path / "blank.docx", ["", "  "]))
    assert reason.startswith("empty") and "no text" in reason


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("report.txt", b"\x00\x01\x02binary\x00data" * 20, "NUL bytes"),
        ("photo.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        ("page.html", b"PK\x03\x04" + bytes(range(256)) * 4, "ZIP package"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        ("control.txt", bytes(range(1, 32)) * 40, "control bytes"),
    ],
)
def test_binary_renamed_as_text(tmp_path: Path, name: str, data: bytes, what: str) -> None:
    reason = refusal(write(tmp_path / name, data))
    assert reason.startswith("not a text file") and what in reason


def test_undecodable_text(tmp_path: Path) -> None:
    text = "Le café coûte très cher à Noël; l'élève naïf préfère le thé. " * 5
    reason = refusal(write(tmp_path / "french.txt", text.encode("cp1252")))
    assert reason.startswith("cannot decode the text")
    assert "UTF-8" in reason and "GB18030" in reason


def test_corrupt_pdf(tmp_path: Path) -> None:
    reason = refusal(write(tmp_path / "broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Cat"))
    assert reason.startswith("corrupt PDF")


def test_not_a_pdf(tmp_path: Path) -> None:
    reason = refusal(write(tmp_path / "renamed.pdf", "这是一个文本文件".encode()))
    assert reason.startswith("corrupt PDF") and "not a PDF file" in reason


def test_scanned_pdf(tmp_path: Path) -> None:
    reason = refusal(make_scanned_pdf(tmp_path / "scan.pdf"))
    assert reason == "no text layer (scanned PDF?); OCR it first"


def test_encrypted_pdf(tmp_path: Path) -> None:
    reason = refusal(make_encrypted_pdf(tmp_path / "locked.pdf", [PAGE_ONE]))
    assert reason.startswith("encrypted PDF") and "password" in reason


def test_docx_not_a_zip(tmp_path: Path) -> None:
    reason = refusal(write(tmp_path / "notes.docx", "会议纪要".encode()))
    assert reason.startswith("not a Word .docx file") and "not a ZIP" in reason


def test_old_doc_renamed_docx(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    reason = refusal(write(tmp_path / "old.docx", data))
    assert "not a ZIP" in reason and "old Office file" in reason


def test_zip_that_is_not_word(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    reason = refusal(path)
    assert reason.startswith("not a Word document") and "word/document.xml" in reason


def test_damaged_docx(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "damaged.docx", [ARTICLE[1]])
    write(path, path.read_bytes()[:-200])
    assert refusal(path).startswith("damaged Word document")


def test_missing_file(tmp_path: Path) -> None:
    assert refusal(tmp_path / "gone.txt").startswith("cannot read the file")


@pytest.mark.parametrize("suffix", sorted(SUPPORTED_SUFFIXES))
@pytest.mark.parametrize("seed", range(4))
def test_garbage_gives_only_ingest_errors(tmp_path: Path, suffix: str, seed: int) -> None:
    rng = random.Random(seed)
    prefix = {".pdf": b"%PDF-1.7\n", ".docx": b"PK\x03\x04"}.get(suffix, b"")
    path = write(tmp_path / f"garbage{suffix}", prefix + rng.randbytes(4096))
    refusal(path)


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_files_give_only_ingest_errors(tmp_path: Path, cut: float) -> None:
    pdf = make_pdf(tmp_path / "cut.pdf", [PAGE_ONE, PAGE_TWO])
    docx_path = make_docx(tmp_path / "cut.docx", [Heading("标题"), ARTICLE[1], SUPPORT_TABLE])
    for path in (pdf, docx_path):
        data = path.read_bytes()
        write(path, data[: int(len(data) * cut)])
        try:
            load_file(path, LIMIT)
        except IngestError as err:
            assert err.source == path.name


def test_html_read_without_trafilatura(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # trafilatura gives up on some pages; the plain walk of the de-chromed page takes over.
    monkeypatch.setattr("ingest.loaders.html.bare_extraction", lambda *args, **kwargs: None)
    title = "关于印发若干措施的通知"
    path = make_gov_page(tmp_path / "notice.html", title, ARTICLE, SUPPORT_TABLE)
    text = load_file(path, LIMIT).text
    assert text.startswith(f"# {title}\n\n")
    assert all(sentence in text for sentence in ARTICLE)
    assert SUPPORT_ROWS in text
    assert not [chrome for chrome in GOV_PAGE_CHROME if chrome in text]
