"""Write the synthetic .docx replies of the eval corpus from their plain sources.

Each ``evals/corpus_src/docx/<name>.json`` holds one document: its ``output`` file name,
``core_properties`` (title, author, created, modified) and ``blocks`` in order, each one of

- ``{"text": "...", "align": "center"|"right", "bold": true}`` — a body paragraph;
- ``{"heading": 1, "text": "..."}`` — a paragraph in Word's "Heading <n>" style;
- ``{"table": [["header", ...], ["cell", ...], ...]}`` — a table, header row first.

The script writes ``evals/corpus/<output>`` with python-docx. The output is byte-for-byte
reproducible: the core properties come from the source (never the clock) and the ZIP
entries are rewritten with a fixed timestamp. Like the rest of ``evals/corpus``, these are
invented documents of the fictional 澄湾新区, not real replies.

    .venv/bin/python evals/make_docx.py            # all sources
    .venv/bin/python evals/make_docx.py NAME.json  # only these (names under corpus_src/docx)
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent
SOURCES = ROOT / "corpus_src" / "docx"
CORPUS = ROOT / "corpus"
ZIP_TIMESTAMP = (2024, 1, 1, 0, 0, 0)
BODY_FONT = "仿宋_GB2312"
ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def build(source: dict) -> bytes:
    """The .docx bytes of one source document."""
    document = docx.Document()
    _set_body_font(document)
    for block in source["blocks"]:
        if "table" in block:
            _add_table(document, block["table"])
        elif "heading" in block:
            document.add_heading(block["text"], level=int(block["heading"]))
        else:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block["text"])
            run.bold = bool(block.get("bold"))
            if block.get("align"):
                paragraph.alignment = ALIGN[block["align"]]
    _set_core_properties(document, source["core_properties"])
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _set_body_font(document) -> None:
    style = document.styles["Normal"]
    style.font.size = Pt(14)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)


def _add_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = value
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _set_core_properties(document, props: dict) -> None:
    core = document.core_properties
    core.title = props["title"]
    core.author = props["author"]
    core.last_modified_by = props["author"]
    core.created = datetime.fromisoformat(props["created"])
    core.modified = datetime.fromisoformat(props["modified"])
    core.last_printed = datetime.fromisoformat(props["modified"])
    core.revision = 1
    core.comments = "澄湾新区 synthetic test document (evals/corpus); not a real reply."


def _fixed_zip(raw: bytes) -> bytes:
    """The same package with every entry's timestamp fixed, so reruns are identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def main(names: list[str]) -> None:
    paths = [SOURCES / name for name in names] or sorted(SOURCES.glob("*.json"))
    for path in paths:
        source = json.loads(path.read_text("utf-8"))
        target = CORPUS / source["output"]
        target.write_bytes(build(source))
        print(f"{path.relative_to(ROOT)} -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
