"""Repair the damage that PDF and web extraction do to Chinese official documents.

The cleaner works on paragraphs (blocks separated by blank lines) and guarantees:
headings stay headings, no paragraph that really ends is joined to the next one, and
no content is dropped except page numbers and the repeats of running headers.
"""

from __future__ import annotations

import re
from collections import Counter

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…·"
_SPACES = "[ \t\u3000\u00a0]+"

# Spaces that extraction puts inside Chinese text ("精准协 同", "超 200 个", "2025 年").
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}]){_SPACES}(?=[{CJK}{CJK_PUNCT}0-9])")
_SPACE_AFTER_DIGIT = re.compile(rf"(?<=[0-9%]){_SPACES}(?=[{CJK}{CJK_PUNCT}])")
_SPACE_BEFORE_ASCII_PUNCT = re.compile(rf"(?<=[{CJK}]){_SPACES}(?=[,;:!?])")
_SPACE_AFTER_ASCII_PUNCT = re.compile(rf"(?<=[,;:!?(]){_SPACES}(?=[{CJK}0-9])")

# Page furniture that carries no content: "— 3 —", "- 3 -", "第3页", "第 3 页 共 9 页", "3/9".
_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[—–\-－─]+\s*\d{1,4}\s*[—–\-－─]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)
_HEADING_MARK = re.compile(r"^#{1,6}\s")
_NUMBERED_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]"
    r"|[（(][一二三四五六七八九十百\d]+[)）]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条款部分]"
    r"|\d{1,2}[、.．](?!\d)"
    r"|[①-⑳]"
    r"|[-*•]\s)"
)
_TABLE_ROW = re.compile(r"^\|.*\|\s*$")
_SENTENCE_END = "。！？；：!?;:…”’）)】》"
_OPEN_BREAK = re.compile(rf"[{CJK}0-9A-Za-z，、,（(《“%]$")
_CJK_CHAR = re.compile(f"[{CJK}]")
# "联系地址：…", "抄 送:…": a labelled field, never a sentence torn by a page break.
_FIELD_LINE = re.compile(r"^[^，。,；;]{1,12}[：:]")
_EMPTY_LABEL = re.compile(r"^[^，。,；;：:#|]{1,10}[：:]$")
_FIELD_VALUE = re.compile(r"^[^：:#|]{1,30}$")
# A document title on its own line ("关于…的通知") is never the start of a wrapped sentence.
_TITLE_LINE = re.compile(
    r"^关于.{2,60}(?:通知|公告|通告|答复|意见|办法|措施|细则|规定|决定|方案|指南|函|报告|批复)$"
)

_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
}
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}

# A line this short that repeats on many pages is a running header or footer.
_RUNNING_LINE_MAX = 40
_RUNNING_LINE_MIN_REPEATS = 3
# Only a paragraph at least this long can be a body paragraph torn by a page break.
_BODY_PARAGRAPH_MIN = 20
_WRAPPED_LINE_MIN = 12


def clean_text(raw: str) -> str:
    """Return the cleaned text: paragraphs separated by one blank line."""
    lines = _normalise_characters(raw).split("\n")
    lines = _drop_page_numbers(lines)
    lines = _drop_running_repeats(lines)
    blocks = [_join_wrapped_lines(b) for b in _blocks(lines)]
    paragraphs = _merge_torn_paragraphs([p for b in blocks for p in b])
    return "\n\n".join(_tidy_paragraph(p) for p in paragraphs if p.strip())


def is_heading(paragraph: str) -> bool:
    """A Markdown heading line or a numbered heading such as "一、…" or "第三条"."""
    return bool(_HEADING_MARK.match(paragraph) or _NUMBERED_START.match(paragraph))


def _normalise_characters(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u200b", "").translate(_FULLWIDTH_ALNUM)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _drop_page_numbers(lines: list[str]) -> list[str]:
    return [line for line in lines if not _PAGE_NUMBER_LINE.match(line)]


def _drop_running_repeats(lines: list[str]) -> list[str]:
    """Keep the first occurrence of a short line repeated on every page; drop the rest."""
    candidates = Counter(
        line.strip()
        for line in lines
        if line.strip() and len(line.strip()) <= _RUNNING_LINE_MAX
        and not (_TABLE_ROW.match(line.strip()) or is_heading(line.strip()))
    )
    repeated = {line for line, n in candidates.items() if n >= _RUNNING_LINE_MIN_REPEATS}
    seen: set[str] = set()
    kept = []
    for line in lines:
        key = line.strip()
        if key in repeated:
            if key in seen:
                continue
            seen.add(key)
        kept.append(line)
    return kept


def _is_structural(line: str) -> bool:
    stripped = line.strip()
    return bool(_TABLE_ROW.match(stripped) or is_heading(stripped) or _TITLE_LINE.match(stripped))


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _join_wrapped_lines(block: list[str]) -> list[str]:
    """Rejoin lines that a page width broke; keep lines that really end on their own."""
    out: list[str] = []
    for line in block:
        if out and _continues(out[-1], line, _WRAPPED_LINE_MIN):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
    return out


def _merge_torn_paragraphs(paragraphs: list[str]) -> list[str]:
    """Rejoin a body paragraph that a page break cut mid-sentence ("超200个" / "项目，…"),
    and a field label whose value extraction pushed to the next line ("联系电话：" / "6854…")."""
    out: list[str] = []
    for para in paragraphs:
        if out and (_continues(out[-1], para, _BODY_PARAGRAPH_MIN)
                    or _is_value_of(out[-1], para)):
            out[-1] = _join(out[-1], para)
        else:
            out.append(para)
    return out


def _is_value_of(label: str, value: str) -> bool:
    return bool(_EMPTY_LABEL.match(label) and _FIELD_VALUE.match(value))


def _continues(previous: str, line: str, min_len: int) -> bool:
    if _is_structural(previous) or _is_structural(line):
        return False
    if len(previous) < min_len or not _OPEN_BREAK.search(previous):
        return False
    if previous.endswith(tuple(_SENTENCE_END)):
        return False
    # "Key: value" lines and short fields stand on their own; wrapped prose runs on.
    return not (_FIELD_LINE.match(previous) or _FIELD_LINE.match(line))


def _join(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right


def _tidy_paragraph(paragraph: str) -> str:
    text = paragraph
    for pattern in (_SPACE_BETWEEN_CJK, _SPACE_AFTER_DIGIT):
        text = pattern.sub("", text)
    text = _SPACE_BEFORE_ASCII_PUNCT.sub("", text)
    text = _full_width_punctuation(text)
    text = _SPACE_AFTER_ASCII_PUNCT.sub("", text)
    return _SPACE_BETWEEN_CJK.sub("", _curly_quotes(text))


def _full_width_punctuation(text: str) -> str:
    """Use full-width , ; : ! ? and () in Chinese context; keep 1,000 and 9:30 as they are."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch not in _HALF_TO_FULL:
            continue
        before = chars[i - 1] if i > 0 else ""
        after = text[i + 1 :].lstrip()[:1]
        if before.isdigit() and after.isdigit():
            continue
        if _is_chinese(before) or _is_chinese(after):
            chars[i] = _HALF_TO_FULL[ch]
    return re.sub(
        r"\(([^()]*)\)",
        lambda m: f"（{m.group(1)}）" if _CJK_CHAR.search(m.group(1)) else m.group(0),
        "".join(chars),
    )


def _curly_quotes(text: str) -> str:
    if '"' not in text or not _CJK_CHAR.search(text):
        return text
    parts = text.split('"')
    if len(parts) % 2 == 0:  # unbalanced: leave as it is rather than guess
        return text
    out = parts[0]
    for i, part in enumerate(parts[1:]):
        out += ("“" if i % 2 == 0 else "”") + part
    return out


def _is_chinese(ch: str) -> bool:
    return bool(ch) and bool(re.match(f"[{CJK}{CJK_PUNCT}]", ch))
