"""Render the PDF documents of the synthetic evaluation corpus from their text sources.

Every ``evals/corpus_src/pdf/<name>.txt`` becomes ``evals/corpus/<name>.pdf``, printed by
Chromium (through Playwright) with the Noto CJK fonts, the way a government web page or an
office document is "printed to PDF". The documents are synthetic test material (澄湾新区 is
fictional); see ``evals/README.md``.

Run from the repository root::

    .venv/bin/python evals/make_pdfs.py            # all sources
    .venv/bin/python evals/make_pdfs.py guide_2025_data_elements   # only these

Needs ``/usr/bin/chromium`` (Debian package ``chromium``), ``fonts-noto-cjk`` and the
``playwright`` Python package (a dev dependency; no browser download). The output is
deterministic: the same sources give byte-identical PDFs (the timestamps Chromium writes are
fixed), so the files in ``evals/corpus`` change only when a source does.

Source format (UTF-8). A settings block, a line ``---``, then the body, one paragraph per line:

    header: 澄湾新区科技和经济委员会文件     running header printed on every page
    footer: dash | of                      page number "— 1 —" or "第1页 共3页" on every page
    size: 14                               body font size in pt (default 14)
    ---
    # 标题                                  centred title (bold)
    ## 一、小标题                           section heading (bold)
    ^ 澄科经委规〔2025〕2号                 centred line
    > 澄湾新区科技和经济委员会              right-aligned line (signature, date)
    ! 各有关单位：                          paragraph without first-line indent
    | 项目类别 | 支持标准 | 上限 |          table row (the first row of a table is its header)
    ::: columns  …  :::                    paragraphs set in two columns (CSS column-count: 2)
    ::: pagebreak                          start a new page
    any other line                         body paragraph, first line indented by two characters

The functions ``source_to_html`` and ``render_pdf`` are also used by
``tests/ingest/test_pdf_layout.py`` to make small PDFs with the same layout features.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SOURCES = ROOT / "corpus_src" / "pdf"
OUTPUT = ROOT / "corpus"
CHROMIUM = "/usr/bin/chromium"
FONT = "'Noto Serif CJK SC', 'Noto Sans CJK SC', serif"
# Fixed for reproducible output: Chromium stamps the time of printing into the PDF.
_FIXED_PDF_DATE = b"D:20250101000000"
_PDF_DATE = re.compile(rb"D:\d{14}")

_CSS = """
@page {{ size: A4; }}
body {{ font-family: {font}; font-size: {size}pt; line-height: 1.75; color: #000; margin: 0; }}
h1 {{ font-size: {title}pt; text-align: center; margin: 0.6em 0 0.8em; font-weight: bold; }}
h2 {{ font-size: {size}pt; margin: 0.5em 0 0.2em; font-weight: bold; }}
p {{ margin: 0 0 0.25em; text-indent: 2em; text-align: justify; orphans: 1; widows: 1; }}
p.flush {{ text-indent: 0; }}
p.center {{ text-indent: 0; text-align: center; }}
p.right {{ text-indent: 0; text-align: right; }}
div.columns {{ column-count: 2; column-gap: 2.2em; column-rule: 0.5pt solid #999; }}
div.columns p {{ text-indent: 0; }}
div.pagebreak {{ break-after: page; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.4em 0 0.6em; font-size: {small}pt;
         line-height: 1.5; }}
th, td {{ border: 0.75pt solid #000; padding: 3pt 5pt; vertical-align: middle; }}
th {{ font-weight: bold; text-align: center; }}
td:first-child, td:last-child, th:first-child, th:last-child {{
    text-align: center; white-space: nowrap; }}
"""
_HEADER = (
    "<div style=\"width:100%; font-family:{font}; font-size:10pt; text-align:center;"
    " margin:0 24mm; padding-bottom:2pt; border-bottom:0.75pt solid #c00; color:#c00;\">"
    "{text}</div>"
)
_FOOTERS = {
    "dash": "— <span class=\"pageNumber\"></span> —",
    "of": "第<span class=\"pageNumber\"></span>页 共<span class=\"totalPages\"></span>页",
}
_FOOTER = (
    "<div style=\"width:100%; font-family:{font}; font-size:11pt; text-align:center;\">"
    "{text}</div>"
)
MARGINS = {"top": "30mm", "bottom": "26mm", "left": "27mm", "right": "26mm"}


@dataclass
class Source:
    """A parsed source: running header text, footer style, body font size, body lines."""

    header: str
    footer: str = "dash"
    size: float = 14.0
    lines: list[str] = field(default_factory=list)


def parse_source(text: str) -> Source:
    """Split a source into its settings and body lines (see the module docstring)."""
    settings_part, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError("source has no '---' line after its settings")
    settings: dict[str, str] = {}
    for line in settings_part.splitlines():
        if line.strip():
            key, _, value = line.partition(":")
            settings[key.strip()] = value.strip()
    if "header" not in settings:
        raise ValueError("source has no 'header:' setting")
    footer = settings.get("footer", "dash")
    if footer not in _FOOTERS:
        raise ValueError(f"footer must be one of {sorted(_FOOTERS)}, not {footer!r}")
    lines = [line.rstrip() for line in body.splitlines() if line.strip()]
    return Source(settings["header"], footer, float(settings.get("size", 14)), lines)


def source_to_html(source: Source) -> str:
    """The body as an HTML page (the running header and footer are added when printing)."""
    parts: list[str] = []
    table: list[list[str]] = []
    in_columns = False
    for line in source.lines:
        if line.startswith("|"):
            table.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        if table:
            parts.append(_table_html(table))
            table = []
        if line.strip() == "::: columns":
            parts.append('<div class="columns">')
            in_columns = True
        elif line.strip() == ":::" and in_columns:
            parts.append("</div>")
            in_columns = False
        elif line.strip() == "::: pagebreak":
            parts.append('<div class="pagebreak"></div>')
        else:
            parts.append(_paragraph_html(line))
    if table:
        parts.append(_table_html(table))
    if in_columns:
        parts.append("</div>")
    css = _CSS.format(font=FONT, size=source.size, title=source.size + 4, small=source.size - 1.5)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<style>{css}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>"
    )


def _paragraph_html(line: str) -> str:
    marks = {"# ": ("h1", ""), "## ": ("h2", ""), "^ ": ("p", "center"),
             "> ": ("p", "right"), "! ": ("p", "flush")}
    for mark, (tag, css_class) in marks.items():
        if line.startswith(mark):
            attr = f' class="{css_class}"' if css_class else ""
            return f"<{tag}{attr}>{html.escape(line[len(mark):].strip())}</{tag}>"
    return f"<p>{html.escape(line.strip())}</p>"


def _table_html(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in rows[1:]
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium (Debian's, no download) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser
        finally:
            browser.close()


def render_pdf(browser: object, page_html: str, header: str, footer: str, out: Path) -> Path:
    """Print ``page_html`` to ``out`` (A4) with ``header`` and page numbers on every page."""
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.set_content(page_html, wait_until="load")
        page.evaluate("document.fonts.ready")
        data = page.pdf(
            format="A4",
            display_header_footer=True,
            header_template=_HEADER.format(font=FONT, text=html.escape(header)),
            footer_template=_FOOTER.format(font=FONT, text=_FOOTERS[footer]),
            margin=MARGINS,
            print_background=True,
        )
    finally:
        page.close()
    out.write_bytes(_PDF_DATE.sub(_FIXED_PDF_DATE, data))
    return out


def build(names: Sequence[str] = ()) -> list[Path]:
    """Render the named sources (all when none are named) into evals/corpus."""
    sources = sorted(SOURCES.glob("*.txt"))
    if names:
        wanted = {Path(n).stem for n in names}
        sources = [s for s in sources if s.stem in wanted]
        missing = wanted - {s.stem for s in sources}
        if missing:
            raise SystemExit(f"no source for: {', '.join(sorted(missing))}")
    written = []
    with chromium() as browser:
        for path in sources:
            source = parse_source(path.read_text("utf-8"))
            out = OUTPUT / f"{path.stem}.pdf"
            render_pdf(browser, source_to_html(source), source.header, source.footer, out)
            written.append(out)
    return written


def main(argv: Sequence[str]) -> int:
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: install the Debian package 'chromium'", file=sys.stderr)
        return 1
    for out in build(argv):
        print(out.relative_to(ROOT.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
