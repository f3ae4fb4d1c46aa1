"""Repair the damage that PDF and web extraction do to Chinese official documents.

The cleaner works on paragraphs (blocks separated by blank lines) and guarantees:
headings stay headings, no paragraph that really ends is joined to the next one, and
no content is dropped except page numbers and the repeats of running headers.
"""

from __future__ import annotations

import re
import unicodedata
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

# Lines that stand alone whatever they end with: a document number ("澄科经委规〔2025〕2号")
# and a signing date, alone or after the agency ("澄湾新区科技和经济委员会 2025年2月26日").
_DOC_NUMBER_LINE = re.compile(
    rf"^[{CJK}]{{1,15}}\s*[〔\[［【(（]\s*\d{{4}}\s*[〕\]］】)）]\s*\d{{1,4}}\s*号$"
)
_DATE_LINE = re.compile(
    rf"^(?:[{CJK}（）()]{{2,40}}?(?:委员会|人民政府|政府|办公室|办公厅|局|委|办|厅|中心)\s*){{0,3}}"
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
)
# A block with at least this many lines of (about) one width, this share of its lines, was
# wrapped by a page width; lines narrower than _FULL_LINE_MIN do not count.
_FULL_LINE_MIN = 12
_FULL_LINES_MIN = 4
_FULL_LINES_SHARE = 0.3
_FULL_STOP = "。！？；：!?;:…"
# A paragraph's first line is indented by two characters and is still a full line.
_FIRST_LINE_INDENT = 2
# Widths are estimated from the characters (justified text, narrow digits): this much slack.
_WIDTH_SLACK = 2
# A numbered item this long with a comma inside is a sentence, and may wrap like one.
_WRAPPED_ITEM_MIN = 24
_CLAUSE_PUNCT = re.compile("[，；、,;]")
_OPENING = "（(《“【〔"
_CLOSING = "）)》”】〕"
# "问：", "答：", "注：" introduce prose, not a field.
_PROSE_LABEL = re.compile(r"^(?:问|答|注|说明|备注|提示)\s*\d{0,2}\s*[：:]")

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
    lines = _drop_page_furniture(lines)
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


def _drop_page_furniture(lines: list[str]) -> list[str]:
    """Drop page numbers, and a short line repeated beside them: a running header or footer
    of a document of few pages ("— 1 —" then "某某局办理答复件" on every page break). Beside a
    page break it may stand inside a sentence torn by the break, so no copy of it there is
    kept; a copy elsewhere (the title at the top of the first page) stays."""
    numbered = {i for i, line in enumerate(lines) if _PAGE_NUMBER_LINE.match(line)}
    beside: dict[int, str] = {}
    for i in numbered:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and not lines[j].strip():
                j += step
            if 0 <= j < len(lines) and j not in numbered:
                beside[j] = lines[j].strip()
    counts = Counter(beside.values())
    furniture = {i for i, line in beside.items()
                 if counts[line] >= 2 and len(line) <= _RUNNING_LINE_MAX
                 and not (_TABLE_ROW.match(line) or is_heading(line))}
    return [line for i, line in enumerate(lines) if i not in numbered | furniture]


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
    full = _full_width(block)
    out: list[str] = []
    last = ""
    for line in block:
        if out and (_fills_line(last, line, full) or _continues(out[-1], line, _WRAPPED_LINE_MIN)):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
        last = line
    return out


def _width(line: str) -> float:
    """Printed width in ideographs: CJK characters, full-width forms and the punctuation that
    CJK fonts print full-width (“” — …) count 1, others ½. An estimate: ±1 on a full line."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5
               for ch in re.sub(r"\s+", "", line))


def _full_width(block: list[str]) -> float | None:
    """The width most lines of the block share, when a page width wrapped them."""
    widths = Counter(round(_width(line)) for line in block if _width(line) >= _FULL_LINE_MIN)
    if not widths:
        return None
    def near(w: int) -> int:
        return sum(n for k, n in widths.items() if abs(k - w) <= _WIDTH_SLACK)

    best = max(widths, key=lambda w: (near(w), w))
    count = near(best)
    if count < _FULL_LINES_MIN or count < _FULL_LINES_SHARE * len(block):
        return None
    return float(best)


def _fills_line(previous: str, line: str, full: float | None) -> bool:
    """A line as wide as the page that ends without closing punctuation runs on, even when it
    looks like a field ("…在线提交以下材" / "料：申请表，…") or a numbered item."""
    return (
        full is not None and _width(previous) >= full - _FIRST_LINE_INDENT - _WIDTH_SLACK
        and not previous.endswith(tuple(_FULL_STOP))
        and not (_stands_alone(previous) or _stands_alone(line) or _is_structural(line))
        and not _TABLE_ROW.match(previous)
    )


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
    if _is_structural(line) or _stands_alone(line):
        return False
    if _is_wrapped_title(previous, line):
        return True
    if _stands_alone(previous) or (_is_structural(previous) and not _is_wrapped_item(previous)):
        return False
    if len(previous) < min_len:
        return False
    field = bool(_FIELD_LINE.match(previous)) and not _PROSE_LABEL.match(previous)
    if previous.endswith(tuple(_CLOSING)):
        # "…（澄数据局规〔2024〕3号）" / "有关规定，…": a long line of prose may break after
        # a closing bracket; a heading, a field or a short line ending so does not go on.
        return not field and bool(_CLAUSE_PUNCT.search(previous)) and not _FIELD_LINE.match(line)
    if not _OPEN_BREAK.search(previous) or previous.endswith(tuple(_SENTENCE_END)):
        return False
    if _leaves_bracket_open(previous):  # "…（澄" / "知局规〔2024〕2号）…": one sentence
        return True
    # "Key: value" lines and short fields stand on their own; wrapped prose runs on, also
    # into a line that looks like a field ("…在线提交以下材" / "料：申请表，…").
    if field:
        return False
    return not _FIELD_LINE.match(line) or bool(_CLAUSE_PUNCT.search(previous))


def _stands_alone(line: str) -> bool:
    return bool(_DOC_NUMBER_LINE.match(line) or _DATE_LINE.match(line))


def _is_wrapped_title(previous: str, line: str) -> bool:
    """"关于印发《…》" + "的通知": a title that the page width broke in two."""
    return (previous.startswith("关于") and not _TITLE_LINE.match(previous)
            and len(line) <= 20 and bool(_TITLE_LINE.match(previous + line)))


def _is_wrapped_item(line: str) -> bool:
    """A numbered item that is a long sentence ("（三）上年度研发费用不低于…，且…")."""
    return bool(
        _NUMBERED_START.match(line) and not _HEADING_MARK.match(line)
        and not _TABLE_ROW.match(line) and not _TITLE_LINE.match(line)
        and len(line) >= _WRAPPED_ITEM_MIN and _CLAUSE_PUNCT.search(line)
    )


def _leaves_bracket_open(text: str) -> bool:
    return sum(text.count(c) for c in _OPENING) > sum(text.count(c) for c in _CLOSING)


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
