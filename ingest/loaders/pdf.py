"""Read a PDF's text layer, page by page; an editing-only protection is opened.

pypdf gives the text in content-stream order. Three things in that order are wrong for
Chinese official documents, and are repaired here with the positions pypdf reports for each
piece of text (``extract_text(visitor_text=...)``):

- running headers and footers ("澄湾新区科技和经济委员会文件", "— 3 —", "第3页 共9页"):
  a line in the top or bottom band of the page whose text, digits aside, comes back at the
  same height on most pages is page furniture and is dropped on every page — otherwise it
  lands between the last line of one page and the first of the next, inside a sentence;
- two-column pages: a producer may write the columns line by line across the page; a block
  of lines split by a vertical gutter near the middle, with filled lines on both sides, is
  read left column first, then right column (tables, whose cells are ragged, are not);
- CJK radicals: a font that maps one glyph to both a radical and an ideograph makes the
  text layer say "⼯" (U+2F2F) for "工", "⻅" (U+2EC5) for "见"; they are mapped back, and
  so are "―" (U+2015) for the dash "—" and typographic spaces (U+2002–U+200A).

Everything else keeps pypdf's text and line breaks: repairing wrapped lines is the cleaner's
job. Pages are separated by a blank line.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, PdfReadError

from ingest.errors import IngestError
from ingest.loaders.text import sniff_binary


def load_pdf(raw: bytes, name: str) -> str:
    if b"%PDF" not in raw[:1024]:
        what = sniff_binary(raw) or "a text file"
        raise IngestError(name, f"corrupt PDF: not a PDF file, looks like {what}")
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
    except PdfReadError as exc:
        raise IngestError(name, f"corrupt PDF: {exc}") from exc
    if reader.is_encrypted:
        _decrypt(reader, name)
    if len(reader.pages) == 0:
        raise IngestError(name, "corrupt PDF: it has no pages")
    layouts = [_read_page(page) for page in reader.pages]
    _mark_running_lines(layouts)
    pages = [_tidy(layout.text()) for layout in layouts]
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


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return _fix_radicals(text).translate(_ODD_GLYPHS).strip("\n")


# ---------------------------------------------------------------------------- geometry

# A running header or footer lies in the page margin: this share of the page height at the
# top or bottom (body text starts lower: a 25 mm top margin is 0.09 of an A4 page).
_BAND = 0.08
# How many lines at each end of a page may be running headers or footers.
_EDGE_LINES = 2
# Two furniture lines are "at the same height" within this share of the page height.
_SAME_HEIGHT = 0.02
# A gap wider than this many font sizes splits a line into separate segments.
_SEGMENT_GAP = 1.5
# Two-column detection: the gutter lies in this middle share of the text width …
_GUTTER_RANGE = (0.3, 0.7)
# … each column holds at least this many lines, at least this share of them filled …
_COLUMN_MIN_LINES = 3
_COLUMN_FILLED_SHARE = 0.5
# … and a column's widest line spans at least this share of the text width.
_COLUMN_MIN_WIDTH = 0.3
# Tables: a header's cells are at most this many characters, this many font sizes apart …
_HEADER_CELL_CHARS = 16
_HEADER_GAP = 2.0
# … the table has at least this many rows under the header, and a gap between two lines of
# a column wider than this many line pitches separates two cells.
_TABLE_MIN_ROWS = 2
# A gap between two rows wider than this many font sizes ends the table.
_TABLE_ROW_GAP = 3.0
_CELL_PITCH = 1.25


@dataclass
class _Piece:
    text: str
    x: float
    y: float
    size: float

    @property
    def end(self) -> float:
        return self.x + _advance(self.text) * self.size


@dataclass
class _Line:
    """One line of pypdf's output with the positions of its pieces."""

    text: str
    pieces: list[_Piece] = field(default_factory=list)
    running: bool = False

    @property
    def placed(self) -> list[_Piece]:
        return [p for p in self.pieces if p.text.strip()]

    @property
    def y(self) -> float:
        return self.placed[0].y

    def key(self) -> str:
        """The text with digits and spaces ignored: "— 3 —" and "— 4 —" are the same line."""
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", self.text))


@dataclass
class _Segment:
    """Pieces of one line that belong together, with their extent (computed once)."""

    line: int
    pieces: list[_Piece]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    y: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        placed = [p for p in self.pieces if p.text.strip()]
        self.text = "".join(p.text for p in self.pieces).strip()
        if placed:
            self.x0 = min(p.x for p in placed)
            self.x1 = max(p.end for p in placed)
            self.y = placed[0].y
            self.size = max(p.size for p in placed)


@dataclass
class _PageLayout:
    height: float
    lines: list[_Line]

    def text(self) -> str:
        """pypdf's text without the running lines, two-column blocks read column by column,
        tables as Markdown rows."""
        kept = [i for i, line in enumerate(self.lines) if not line.running]
        columns = _column_blocks([(i, self.lines[i]) for i in kept])
        columns.update(_table_blocks([(i, self.lines[i]) for i in kept if i not in columns]))
        out: list[str] = []
        emitted: set[int] = set()
        for i in kept:
            block = columns.get(i)
            if block is None:
                out.append(self.lines[i].text)
            elif id(block) not in emitted:
                emitted.add(id(block))
                out.extend(block)
        return "\n".join(out)


def _advance(text: str) -> float:
    """Approximate width of ``text`` in font sizes: ideographs are square, Latin is narrow."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def _read_page(page: PageObject) -> _PageLayout:
    pieces: list[_Piece] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale_x = tm[0] * cm[0] + tm[1] * cm[2]
        scale_y = tm[2] * cm[1] + tm[3] * cm[3]
        scale = max(abs(scale_x), abs(scale_y)) or 1.0
        pieces.append(_Piece(text, x, y, abs(size) * scale))

    text = page.extract_text(visitor_text=visit) or ""
    height = float(page.mediabox.height) or 842.0
    if "".join(p.text for p in pieces) != text:  # positions unusable: plain text only
        return _PageLayout(height, [_Line(line) for line in text.split("\n")])
    return _PageLayout(height, _split_lines(pieces))


def _split_lines(pieces: list[_Piece]) -> list[_Line]:
    lines = [_Line("")]
    for piece in pieces:
        parts = piece.text.split("\n")
        for n, part in enumerate(parts):
            if n:
                lines.append(_Line(""))
            if part:
                lines[-1].text += part
                lines[-1].pieces.append(_Piece(part, piece.x, piece.y, piece.size))
    return lines


# ---------------------------------------------------------------------------- furniture


def _mark_running_lines(pages: list[_PageLayout]) -> None:
    """Mark the lines at the top or bottom of the pages that repeat on most pages."""
    if len(pages) < 2:
        return
    candidates: list[tuple[_PageLayout, _Line]] = []
    for page in pages:
        placed = [line for line in page.lines if line.placed and line.text.strip()]
        by_height = sorted(placed, key=lambda line: -line.y)
        edges = {id(line): line for line in by_height[:_EDGE_LINES] + by_height[-_EDGE_LINES:]}
        for line in edges.values():
            share = line.y / page.height
            if share >= 1 - _BAND or share <= _BAND:
                candidates.append((page, line))
    needed = max(2, (len(pages) + 1) // 2)
    groups: dict[str, list[tuple[_PageLayout, _Line]]] = {}
    for page, line in candidates:
        groups.setdefault(line.key(), []).append((page, line))
    for members in groups.values():
        heights = Counter(round(line.y / page.height / _SAME_HEIGHT) for page, line in members)
        common, _ = heights.most_common(1)[0]
        same = [
            (page, line) for page, line in members
            if abs(line.y / page.height / _SAME_HEIGHT - common) <= 1
        ]
        if len({id(page) for page, _ in same}) >= needed:
            for _, line in same:
                line.running = True


# ---------------------------------------------------------------------------- columns


def _segments(index: int, line: _Line) -> list[_Segment]:
    """Split a line where the text jumps: a wide gap, a step back, or a change of height."""
    segments: list[_Segment] = []
    current: list[_Piece] = []
    previous: _Piece | None = None
    for piece in line.pieces:
        if piece.text.strip() and previous is not None:
            gap = piece.x - previous.end
            jump = abs(piece.y - previous.y) > 0.5 * max(piece.size, previous.size)
            if jump or gap > _SEGMENT_GAP * piece.size or gap < -piece.size:
                segments.append(_Segment(index, current))
                current = []
        current.append(piece)
        if piece.text.strip():
            previous = piece
    if any(p.text.strip() for p in current):
        segments.append(_Segment(index, current))
    return [s for s in segments if s.text]


def _rows(segments: list[_Segment]) -> list[list[_Segment]]:
    """Segments grouped by baseline, top row first."""
    rows: list[list[_Segment]] = []
    for segment in sorted(segments, key=lambda s: (-s.y, s.x0)):
        if rows and abs(rows[-1][0].y - segment.y) <= 0.5 * segment.size:
            rows[-1].append(segment)
        else:
            rows.append([segment])
    return rows


def _column_blocks(lines: list[tuple[int, _Line]]) -> dict[int, list[str]]:
    """Map each line index inside a two-column block to the block's text in reading order."""
    segments = [s for i, line in lines if line.placed for s in _segments(i, line)]
    if len(segments) < 2 * _COLUMN_MIN_LINES:
        return {}
    left, right = min(s.x0 for s in segments), max(s.x1 for s in segments)
    width = right - left
    if width <= 0:
        return {}
    rows = _rows(segments)
    best: list[tuple[float, list[list[_Segment]]]] = []
    best_count = 0
    middle = (left + right) / 2
    start, stop = (left + width * share for share in _GUTTER_RANGE)
    x = start
    while x <= stop:
        blocks = [run for run in _runs(rows, x) if _is_two_columns(run, x, left, right)]
        count = sum(len(row) for run in blocks for row in run)
        nearer = bool(best) and abs(x - middle) < abs(best[0][0] - middle)
        if count > best_count or (count and count == best_count and nearer):
            best, best_count = [(x, run) for run in blocks], count
        x += 1.0
    result: dict[int, list[str]] = {}
    for gutter, run in best:
        members = [s for row in run for s in row]
        lines_in_block = {s.line for s in members}
        inside = {id(s) for s in members}
        if any(s.line in lines_in_block for s in segments if id(s) not in inside):
            continue  # a line reaches outside the block: leave the page as it is
        text = [s.text for s in _reading_order(members, gutter)]
        for index in lines_in_block:
            result[index] = text
    return result


def _runs(rows: list[list[_Segment]], gutter: float) -> list[list[list[_Segment]]]:
    """Maximal runs of consecutive rows that no segment crosses at ``gutter``."""
    runs: list[list[list[_Segment]]] = [[]]
    for row in rows:
        if any(s.x0 < gutter < s.x1 for s in row):
            runs.append([])
        else:
            runs[-1].append(row)
    return [run for run in runs if len(run) >= _COLUMN_MIN_LINES]


def _is_two_columns(run: list[list[_Segment]], gutter: float, left: float, right: float) -> bool:
    """Both sides hold several lines of prose that fill their column (not ragged cells)."""
    width = right - left
    sides = (
        [s for row in run for s in row if s.x1 <= gutter],
        [s for row in run for s in row if s.x0 >= gutter],
    )
    for side in sides:
        if len(side) < _COLUMN_MIN_LINES:
            return False
        widest = max(s.x1 for s in side) - min(s.x0 for s in side)
        if widest < _COLUMN_MIN_WIDTH * width:
            return False
        edge = max(s.x1 for s in side)
        filled = sum(1 for s in side if s.x1 >= edge - 2 * s.size)
        if filled < _COLUMN_FILLED_SHARE * len(side):
            return False
    top = [max(s.y for s in side) for side in sides]
    bottom = [min(s.y for s in side) for side in sides]
    overlap = min(top) - max(bottom)
    return overlap > 0.5 * min(t - b for t, b in zip(top, bottom, strict=True))


def _reading_order(segments: list[_Segment], gutter: float) -> list[_Segment]:
    left = [s for s in segments if s.x1 <= gutter]
    right = [s for s in segments if s.x0 >= gutter]
    return sorted(left, key=lambda s: (-s.y, s.x0)) + sorted(right, key=lambda s: (-s.y, s.x0))


# ---------------------------------------------------------------------------- tables


def _table_blocks(lines: list[tuple[int, _Line]]) -> dict[int, list[str]]:
    """Map each line index inside a table to the table as Markdown rows.

    A table starts at a row of two or more short cells spaced wide apart (its header).
    The rows below belong to it while none of their pieces of text runs across two columns
    (prose does) and no wide gap opens. pypdf gives a table cell by cell, or row by row, so
    its text is put back in rows and columns from the positions: a cell's wrapped lines sit
    one line pitch apart, and the cells of one row overlap in height (a short cell is
    centred beside a wrapped one).
    """
    segments = [s for i, line in lines if line.placed for s in _segments(i, line)]
    visual = _rows(segments)
    result: dict[int, list[str]] = {}
    at = 0
    while at < len(visual):
        header = sorted(visual[at], key=lambda s: s.x0)
        if not _is_header(header):
            at += 1
            continue
        centres = [(s.x0 + s.x1) / 2 for s in header]
        end = at + 1
        while end < len(visual):
            row = visual[end]
            gap = visual[end - 1][0].y - row[0].y
            if gap > _TABLE_ROW_GAP * row[0].size or any(_crosses(s, centres) for s in row):
                break
            end += 1
        body = [s for row in visual[at + 1:end] for s in row]
        rows = _table_rows(body, centres)
        while rows and sum(1 for cell in rows[-1][0] if cell) < 2:
            rows.pop()  # a line after the table that sits in one column ("四、申报材料")
        if len(rows) >= _TABLE_MIN_ROWS:
            bottom = rows[-1][1]
            while end > at + 1 and all(s.y < bottom for s in visual[end - 1]):
                end -= 1  # the lines of the rows left out stay text
            members = [s for row in visual[at:end] for s in row]
            indices = {s.line for s in members}
            inside = {id(s) for s in members}
            # A line of pypdf's that also holds text outside the table: leave it all as is.
            if not any(s.line in indices and id(s) not in inside for s in segments):
                table = ["", markdown_line([s.text for s in header]),
                         *(markdown_line(cells) for cells, _ in rows), ""]
                for index in indices:
                    result[index] = table
                at = end
                continue
        at += 1
    return result


def markdown_line(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "｜") for cell in cells) + " |"


def _is_header(segments: list[_Segment]) -> bool:
    """Two or more short pieces of text on one height, a wide gap between each two."""
    if len(segments) < 2 or len({round(s.y) for s in segments}) > 1:
        return False
    if any(len(s.text) > _HEADER_CELL_CHARS for s in segments):
        return False
    return all(b.x0 - a.x1 >= _HEADER_GAP * a.size
               for a, b in zip(segments, segments[1:], strict=False))


def _crosses(segment: _Segment, centres: list[float]) -> bool:
    """Whether a piece of text spans two columns' centres: prose, not a cell."""
    return sum(1 for c in centres if segment.x0 <= c <= segment.x1) >= 2


def _table_rows(body: list[_Segment], centres: list[float]
                ) -> list[tuple[list[str], float]]:
    """The body's cells in rows and columns (see _table_blocks), each row with the height
    of its lowest line."""
    if not body:
        return []
    columns: list[list[_Segment]] = [[] for _ in centres]
    # A piece covering a column's centre is in that column; a short one ("元", the end of
    # a wrapped cell) is in the column whose pieces start where it starts.
    starts: list[list[float]] = [[] for _ in centres]
    loose: list[_Segment] = []
    for segment in body:
        covered = [c for c, x in enumerate(centres) if segment.x0 <= x <= segment.x1]
        if covered:
            columns[covered[0]].append(segment)
            starts[covered[0]].append(segment.x0)
        else:
            loose.append(segment)
    for segment in loose:
        aligned = [c for c in range(len(centres))
                   if any(abs(x - segment.x0) <= 0.5 * segment.size for x in starts[c])]
        middle = (segment.x0 + segment.x1) / 2
        column = aligned[0] if aligned else min(range(len(centres)),
                                                key=lambda c: abs(centres[c] - middle))
        columns[column].append(segment)
    # Visual lines of each column, top first, then its cells: a gap wider than the line
    # pitch between two lines starts a new cell.
    cells: list[tuple[float, float, int, str]] = []  # top, bottom, column, text
    pitches: list[float] = []
    visual: list[list[tuple[float, float, str]]] = []
    for segments in columns:
        lines_here: list[tuple[float, float, str]] = []
        for segment in sorted(segments, key=lambda s: (-s.y, s.x0)):
            if lines_here and abs(lines_here[-1][0] - segment.y) <= 0.5 * segment.size:
                y, size, text = lines_here[-1]
                lines_here[-1] = (y, size, _join_cell(text, segment.text))
            else:
                lines_here.append((segment.y, segment.size, segment.text))
        visual.append(lines_here)
        pitches.extend(a[0] - b[0] for a, b in zip(lines_here, lines_here[1:], strict=False))
    # Lines of a column spaced evenly are one cell each (no cell wraps); otherwise the
    # smallest spacing is a wrapped cell's line pitch, and a wider gap starts a new cell.
    pitch = min(pitches) if pitches else 0.0
    split = 0.0 if not pitches or max(pitches) < _CELL_PITCH * pitch else _CELL_PITCH * pitch
    for column, lines_here in enumerate(visual):
        start = 0
        for n in range(1, len(lines_here) + 1):
            if n == len(lines_here) or lines_here[n - 1][0] - lines_here[n][0] > split:
                part = lines_here[start:n]
                text = ""
                for _, _, piece in part:
                    text = _join_cell(text, piece)
                size = max(size for _, size, _ in part)
                cells.append((part[0][0] + 0.5 * size, part[-1][0] - 0.2 * size, column, text))
                start = n
    rows: list[tuple[list[str], float]] = []
    span: tuple[float, float] | None = None
    for top, bottom, column, text in sorted(cells, key=lambda c: (-c[0], c[2])):
        if span is None or top < span[1]:  # below the current row: a new row
            rows.append(([""] * len(centres), bottom))
            span = (top, bottom)
        else:
            span = (max(span[0], top), min(span[1], bottom))
            rows[-1] = (rows[-1][0], span[1])
        rows[-1][0][column] = _join_cell(rows[-1][0][column], text)
    return rows


def _join_cell(left: str, right: str) -> str:
    """A cell's wrapped lines joined: Chinese without a space, Latin words with one."""
    if not left:
        return right
    if left[-1].isascii() and left[-1].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right


# ---------------------------------------------------------------------------- radicals

# A CJK font often maps one glyph to both a radical and the ideograph, and the PDF's text
# layer then names the radical. Kangxi radicals (U+2F00–U+2FD5) decompose to the ideograph
# under NFKC; the CJK Radicals Supplement (U+2E80–U+2EFF) mostly does not, so the mapping
# below (a simplified-Chinese font's shared glyphs) is used.
_SUPPLEMENT = (
    "⺂乛⺃乚⺅亻⺉刂⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺦丬⺨犭"
    "⺫罒⺭礻⺯糹⺰纟⺱罓⺲罒⺹耂⺺肀⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长"
    "⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐"
    "⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
_RADICALS = {ord(a): b for a, b in zip(_SUPPLEMENT[::2], _SUPPLEMENT[1::2], strict=True)}
_RADICALS.update(
    {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
)
_RADICALS[0x2F3E] = "户"  # NFKC gives the traditional 戶; the simplified glyph is 户
_RADICAL_CHAR = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
# The same sharing gives "―" (U+2015) for the Chinese dash "—" and typographic spaces
# (U+2002–U+200A, e.g. an em space for the ideographic space after "第一章").
_ODD_GLYPHS = {0x2015: "\u2014", **{cp: " " for cp in range(0x2002, 0x200B)}}


def _fix_radicals(text: str) -> str:
    if not _RADICAL_CHAR.search(text):
        return text
    return text.translate(_RADICALS)
