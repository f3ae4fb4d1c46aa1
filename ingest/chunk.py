"""Structure-aware chunking: reply sections, policy articles, table rows with their header.

Every chunk's text is a piece of the cleaned document (paragraphs joined by the blank line
that separates them there), except table chunks, which repeat the header row above their
rows. Each chunk carries a locator a person can follow: the heading or article and the
paragraph numbers inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SECTION_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:[一二三四五六七八九十百]+[、.．]|第[一二三四五六七八九十百零〇\d]+[章节部分])"
)
_ARTICLE = re.compile(r"^(?:#{1,6}\s*)?(第[一二三四五六七八九十百零〇\d]+条)")
_MD_HEADING = re.compile(r"^#{1,6}\s*")
# "## 申报条件" opens a section; "# 标题" and "## 某某委员：" belong to the front matter.
_MD_SECTION = re.compile(r"^#{2,6}\s*(?!.*[：:]$)")
_CLOSING = re.compile(r"^(?:感谢|特此答复|此复|特此通知|以上答复)")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_TABLE_RULE = re.compile(r"^\|[\s:|\-]+\|$")
_SENTENCE_SPLIT = re.compile(r"(?<=[。！？；!?;])")

FRONT_MATTER = "首部"
CLOSING = "结尾"


@dataclass(frozen=True)
class Chunk:
    """One retrievable unit of a document."""

    seq: int
    text: str
    locator: str
    section: str


@dataclass
class _Unit:
    section: str
    first: int
    last: int
    text: str


def chunk_document(cleaned: str, max_chars: int = 240) -> list[Chunk]:
    """Split a cleaned document into chunks of at most about ``max_chars`` characters."""
    units = _units(cleaned.split("\n\n"), max_chars)
    chunks: list[Chunk] = []
    for unit in _pack(units, max_chars):
        span = f"¶{unit.first}" if unit.first == unit.last else f"¶{unit.first}–{unit.last}"
        chunks.append(
            Chunk(seq=len(chunks), text=unit.text, locator=f"{unit.section} {span}",
                  section=unit.section)
        )
    return chunks


def _units(paragraphs: list[str], max_chars: int) -> list[_Unit]:
    """Label each paragraph with its section and number; split tables and long paragraphs."""
    section, index, after_sections = FRONT_MATTER, 0, False
    units: list[_Unit] = []
    i = 0
    while i < len(paragraphs):
        para = paragraphs[i]
        article = _ARTICLE.match(para)
        if _SECTION_HEADING.match(para) or _MD_SECTION.match(para) or article:
            section = article.group(1) if article else _MD_HEADING.sub("", para)
            index, after_sections = 0, True
            if article and len(para) > len(article.group(0)) + 2:
                index += 1  # "第三条 …" carries its own text: it is the article's ¶1
                units.extend(_split_long(para, section, index, max_chars))
            i += 1
            continue
        if after_sections and section != CLOSING and _CLOSING.match(para):
            section, index = CLOSING, 0
        index += 1
        if _TABLE_ROW.match(para.split("\n", 1)[0]):
            # A table whose rows stand apart ("| a |\n\n| b |", as some loaders give
            # them) is one table: its rows are read under its header.
            rows, first = [para], index
            while i + 1 < len(paragraphs) and _TABLE_ROW.match(paragraphs[i + 1].split("\n", 1)[0]):
                i += 1
                index += 1
                rows.append(paragraphs[i])
            units.extend(_table_units("\n".join(rows), section, first, index, max_chars))
        else:
            units.extend(_split_long(para, section, index, max_chars))
        i += 1
    return units


def _split_long(para: str, section: str, index: int, max_chars: int) -> list[_Unit]:
    if len(para) <= max_chars:
        return [_Unit(section, index, index, para)]
    pieces: list[str] = []
    for sentence in (s for s in _SENTENCE_SPLIT.split(para) if s):
        if pieces and len(pieces[-1]) + len(sentence) <= max_chars:
            pieces[-1] += sentence
        else:
            pieces.append(sentence)
    return [_Unit(section, index, index, piece) for piece in pieces]


def _table_units(block: str, section: str, first: int, last: int,
                 max_chars: int) -> list[_Unit]:
    """Rows grouped under a repeated header row, so each chunk reads as a small table.
    ``first``–``last`` are the paragraphs the table spans."""
    rows = [r for r in block.split("\n") if r.strip()]
    header, body = rows[0], [r for r in rows[1:] if not _TABLE_RULE.match(r)]
    if not body:
        return [_Unit(section, first, last, header)]
    units: list[_Unit] = []
    group: list[str] = []
    for row in body:
        if group and len(header) + sum(len(r) + 1 for r in group) + len(row) > max_chars:
            units.append(_Unit(section, first, last, "\n".join([header, *group])))
            group = []
        group.append(row)
    units.append(_Unit(section, first, last, "\n".join([header, *group])))
    return units


def _pack(units: list[_Unit], max_chars: int) -> list[_Unit]:
    """Merge short neighbouring paragraphs of one section into one chunk."""
    packed: list[_Unit] = []
    for unit in units:
        last = packed[-1] if packed else None
        if (
            last is not None
            and last.section == unit.section
            and unit.first != last.last
            and not _is_table(last.text)
            and not _is_table(unit.text)
            and len(last.text) + 2 + len(unit.text) <= max_chars
        ):
            packed.append(_Unit(last.section, last.first, unit.last, f"{last.text}\n\n{unit.text}"))
            packed.pop(-2)
        else:
            packed.append(unit)
    return packed


def _is_table(text: str) -> bool:
    return text.startswith("|")

