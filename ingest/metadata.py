"""Metadata of one cleaned document: what kind it is, who issued it, numbers, dates, contacts.

Works on the cleaner's output (paragraphs separated by blank lines, ``#`` heading marks
possible) but tolerates what the cleaner may leave: stray spaces inside Chinese text,
half- or full-width colons and brackets. A field is set only when the text states it;
nothing is guessed and no field is ever an empty string or an empty list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

Metadata = dict[str, object]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Ideographs, CJK punctuation (minus the ideographic space) and full-width forms.
_TIGHT = _HAN + "\u3001-\u303f\uff01-\uffef"
_HSPACE = "[ \t\u00a0\u3000]+"

# ---------------------------------------------------------------------------- text prep
_SPACE_INSIDE_CHINESE = re.compile(
    rf"(?<=[{_TIGHT}]){_HSPACE}(?=[{_TIGHT}0-9])|(?<=[{_TIGHT}0-9]){_HSPACE}(?=[{_TIGHT}])"
)
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s*")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# ---------------------------------------------------------------------------- dates
_CN_YEAR_DIGIT = "〇○零OＯ0-9一二三四五六七八九"
_CN_SMALL_NUMBER = "一二三四五六七八九十"
_DATE_HAN_ARABIC = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_DATE_SEPARATED = r"\d{4}\s*[-./／－]\s*\d{1,2}\s*[-./／－]\s*\d{1,2}(?!\d)"
_DATE_HAN_NUMERALS = (
    rf"[{_CN_YEAR_DIGIT}]{{4}}\s*年\s*[{_CN_SMALL_NUMBER}\d]{{1,3}}\s*月"
    rf"\s*[{_CN_SMALL_NUMBER}\d]{{1,3}}\s*日"
)
# Any full date (year, month and day); "2024年7月" alone is not a date here.
_DATE = rf"(?<!\d)(?:{_DATE_HAN_ARABIC}|{_DATE_SEPARATED}|{_DATE_HAN_NUMERALS})"
_DATE_NUMERAL_PARTS = re.compile(
    rf"(?P<y>[{_CN_YEAR_DIGIT}]{{4}})年(?P<m>[{_CN_SMALL_NUMBER}\d]{{1,3}})月"
    rf"(?P<d>[{_CN_SMALL_NUMBER}\d]{{1,3}})日"
)
_CN_DIGIT_VALUE = {
    **{c: 0 for c in "〇○零OＯ"},
    **{c: i + 1 for i, c in enumerate("一二三四五六七八九")},
    **{str(i): i for i in range(10)},
}

# ---------------------------------------------------------------------------- title, type
_ENUMERATED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条款]|\d{1,2}[、.．](?!\d))"
)
_TRAILING_PARENTHETICAL = r"(?:[（(][^（）()]{1,12}[）)])?"
_TITLE_SUFFIXES = (
    "答复|答复函|复函|通知|公告|通告|启事|公示|若干措施|措施|办法|细则|规定|意见|指南"
    "|方案|规划|决定|条例|规则|政策"
)
_TITLE_LINE = re.compile(
    rf"^(?!原《|根据|按照|依据)[^。；;！？!?:：]{{2,80}}?(?:{_TITLE_SUFFIXES}){_TRAILING_PARENTHETICAL}$"
)
_TITLE_SEARCH_LINES = 15
_TITLE_MAX_CHARS = 80
_REPLY_TITLE_WORD = re.compile(r"答复|复函")
_PROPOSAL_WORD = re.compile(r"提案|建议")
_POLICY_TITLE_END = re.compile(
    rf"(?:若干措施|措施|办法|细则|规定|实施意见|意见|指南|方案|规划|条例|规则|政策)"
    rf"{_TRAILING_PARENTHETICAL}$"
)
_POLICY_ISSUED_IN_TITLE = re.compile(
    r"(?:印发|发布)[^《》]{0,10}《[^《》]*(?:措施|办法|细则|规定|意见|指南|方案|政策)"
    rf"{_TRAILING_PARENTHETICAL}》"
)
_NOTICE_TITLE_END = re.compile(r"(?:通知|公告|通告|启事|公示|告知书|须知)$")
_ARTICLE_LINE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条", re.M)
_SUPPORT_MEASURE = re.compile(
    r"给予[^。\n]{0,40}?(?:补贴|资助|奖励|补助|扶持|减免)|最高(?:不超过)?\s*[\d.]+\s*万元"
)
_REPLY_BODY_MARK = re.compile(r"第\s*\d+\s*号[^。\n]{0,6}?(?:提案|建议)|现?答复如下")

# ---------------------------------------------------------------------------- agency, number
_AGENCY_SUFFIXES = (
    "委员会|人民政府|政府|办公室|办公厅|局|委|办|厅|署|院|中心|部|处|会|所|公司"
)
_AGENCY_LINE = re.compile(
    rf"^(?P<agency>[{_HAN}（）()]{{2,40}}?(?:{_AGENCY_SUFFIXES}))(?:文件)?$"
)
_AGENCY_BEFORE_GUANYU = re.compile(rf"^(?P<agency>[{_HAN}]{{2,40}}?(?:{_AGENCY_SUFFIXES}))关于")
_HEADER_FALLBACK_LINES = 5
_DOC_NUMBER = (
    rf"(?P<prefix>[{_HAN}]{{1,15}}?)\s*[〔\[(（【]\s*(?P<year>\d{{4}})\s*[〕\])）】]"
    r"\s*(?P<serial>\d+)\s*号"
)
_DOC_NUMBER_ANYWHERE = re.compile(_DOC_NUMBER)
_DOC_NUMBER_LINE = re.compile(rf"^[（(]?{_DOC_NUMBER}")

# ---------------------------------------------------------------------------- reply fields
_SESSION_AT_START = re.compile(
    rf"^(?P<session>[{_HAN}\d]{{0,30}}?(?:政协|人大|人民代表大会)[{_HAN}\d]*?会议)"
)
_SESSION_IN_BODY = re.compile(
    rf"在(?P<session>[{_HAN}\d]{{0,20}}?(?:政协|人大|人民代表大会)[{_HAN}\d]{{0,20}}?会议)"
    r"(?:上|期间)"
)
_PROPOSAL_NUMBER_IN_TITLE = re.compile(
    rf"第\s*(?P<number>\d+)\s*号\s*(?P<between>[{_HAN}]{{0,8}}?)\s*(?P<kind>提案|建议)"
)
_PROPOSAL_NUMBER_IN_PARENS = re.compile(
    r"(?P<kind>提案|建议)\s*[(（]\s*第\s*(?P<number>\d+)\s*号\s*[)）]"
)
_PROPOSAL_KIND_IN_TITLE = re.compile(r"(?P<kind>提案|建议)\s*的?\s*(?:办理)?\s*(?:答复|复函)")
_NAME_WITH_ROLE = re.compile(rf"^(?P<name>[{_HAN}·]{{2,10}}?)(?P<role>委员|代表)$")
_SALUTATION = re.compile(
    rf"^(?:尊敬的)?(?P<names>[{_HAN}·]{{2,12}}?(?:[、，,][{_HAN}·]{{2,12}}?)*)"
    rf"(?:等\s*(?P<count>\d+|[{_CN_SMALL_NUMBER}]+)\s*(?:位|名|人))?"
    r"\s*(?P<role>委员|代表)们?\s*[:：,，]?$"
)
_NOT_A_NAME = re.compile(r"^(?:各位|全体|各)")
_SALUTATION_SEARCH_LINES = 20
_PROPOSAL_TITLE_AFTER_RAISED = re.compile(r"提(?:出)?的\s*《(?P<title>[^《》\n]+)》")
_PROPOSAL_TITLE_BEFORE_KIND = re.compile(
    r"《(?P<title>[^《》\n]+)》\s*的?\s*(?:代表|委员)?\s*(?:提案|建议)"
)
_LABEL_END = r"(?=\s|$|[，,。；;]|(?:信息)?公开(?:属性|方式|类别|类型))"
_HANDLING_RESULT = re.compile(rf"办理结果\s*[:：]\s*(?P<value>[^\s，,。；;]+?){_LABEL_END}", re.M)
_CO_HANDLERS_LABELLED = re.compile(r"(?:会办|协办)单位\s*[:：]\s*(?P<units>[^。\n]+)")
_CO_HANDLERS_COMBINED = re.compile(
    r"综合\s*(?P<units>[^，,。；;:：\n]+?)\s*等?\s*(?:会办|协办|相关|有关)?\s*(?:单位|部门)"
    r"\s*的?\s*意见"
)
_CO_HANDLERS_JOINTLY = re.compile(
    r"会同\s*(?P<units>[^，,。；;:：\n]+?)\s*"
    r"(?:等\s*(?:会办|协办|相关|有关)?\s*(?:单位|部门)\s*)?"
    r"(?:进行了?|开展了?)?\s*(?:共同|认真)?\s*(?:研究|办理|协商|会商|商议|沟通|[，,。；;])"
)

# ---------------------------------------------------------------------------- common fields
_DISCLOSURE = re.compile(
    r"(?:信息)?公开(?:属性|方式|类别|类型)\s*[:：]\s*"
    r"(?P<value>依申请公开|主动公开|不予公开|部分公开|免予公开|不公开|公开)"
)
_SIGNATURE_LINE = re.compile(rf"^(?P<agency>[{_HAN}（）()]{{2,40}}?)?\s*(?P<date>{_DATE})$")
_PRINTED_LINE = re.compile(
    rf"^(?P<by>[{_HAN}（）()]{{2,40}}?)?\s*(?P<date>{_DATE})\s*印\s*发$"
)
_LABELLED_ISSUE_DATE = re.compile(rf"(?:成文|发布|印发|发文)日期\s*[:：]\s*(?P<date>{_DATE})")
_ISSUED_LINE = re.compile(
    rf"^(?:[{_HAN}（）()]{{2,40}}?)?\s*(?P<date>{_DATE})\s*(?:印\s*发|发\s*布|成\s*文)$"
)
_CONTACT_NAME = re.compile(
    rf"联系人(?:姓名)?\s*[:：]\s*(?!联系|电话|手机|地址)(?P<name>[{_HAN}·]{{2,10}}?)"
    r"(?=联系|电话|手机|地址|邮|传真|[\s，,;；(（]|$)",
    re.M,
)
_CONTACT_PHONE = re.compile(
    r"(?:联系)?电话(?:号码)?\s*[:：]\s*(?P<phone>[\d(（][\d\-－—()（）]{4,}\d)"
)
_CONTACT_ADDRESS = re.compile(
    r"(?:联系|通讯|通信)?地址\s*[:：]\s*(?P<address>[^\n]+?)\s*"
    r"(?=邮政编码|邮编|联系人|联系电话|电话|传真|[；;]|$)",
    re.M,
)
_POSTCODE = re.compile(r"(?:邮政编码|邮编)\s*[:：]?\s*(?P<code>\d{6})(?!\d)")
_CC_LINE = re.compile(r"抄\s*送\s*[:：]\s*(?P<list>[^\n]+)")
_PRINT_RUN = re.compile(r"[（(]\s*共印.*$")
_LIST_SEPARATOR = re.compile(r"[、，,；;]")

# ---------------------------------------------------------------------------- policy fields
_EFFECTIVE_FROM = re.compile(rf"(?P<date>{_DATE})\s*起\s*(?:施行|实施|执行|生效|试行)")
_VALIDITY_RANGE = re.compile(
    rf"有效期\s*(?:为|自|从)?\s*(?P<start>{_DATE})\s*(?:起)?\s*(?:至|到|—|－|~|～)\s*"
    rf"(?P<end>{_DATE})"
)
_EXPIRY_UNTIL = re.compile(
    rf"有效期\s*(?:至|到|截至|截止(?:至|到)?)\s*(?P<date>{_DATE})|至\s*(?P<date2>{_DATE})\s*止"
)
_VALIDITY_ANCHOR = re.compile(r"起\s*(?:施行|实施|执行|生效|试行)|有效期\s*(?:至|为|自|从|截)")
_VALIDITY_CLAUSE = re.compile(
    r"起\s*(?:施行|实施|执行|生效|试行)|有效期|(?:施行|实施)(?:之日|期限)"
)
_SENTENCE_SPLIT = re.compile(r"[。！？；;!?\n]")
_ARTICLE_PREFIX = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条\s*")
_PARENTHETICAL = re.compile(r"[（(][^（）()]*[）)]")
_QUOTED_TITLE = re.compile(r"《(?P<title>[^《》]+)》")
_REPEAL_WORD = re.compile(r"废止")
_REVISE_WORD = re.compile(r"修订|代替|替代|取代")
_CITING_CLAUSE = re.compile(r"^(?:根据|依据|按照|依照|贯彻|落实|为)")


@dataclass(frozen=True)
class _Doc:
    """The text prepared for matching: heading marks gone, stray spaces removed."""

    text: str
    lines: list[str]
    headings: list[bool]


def parse_metadata(text: str) -> dict[str, object]:
    """Return the metadata that ``text`` states; only ``doc_type`` is always present."""
    doc = _prepare(text)
    title_index, title = _find_title(doc)
    doc_type = _doc_type(title, doc)
    meta: Metadata = {"doc_type": doc_type}
    _put(meta, "title", title)
    signature_agency, signature_date = _find_signature(doc.lines)
    _put(meta, "agency", _header_agency(doc, title_index, title) or signature_agency)
    _put(meta, "doc_number", _doc_number(doc, title_index))
    if doc_type == "reply":
        meta.update(_reply_fields(doc, title or "", title_index))
    _put(meta, "disclosure", _first_group(_DISCLOSURE, doc.text, "value"))
    _put(meta, "date", signature_date)
    meta.update(_contact_fields(doc.text))
    _put(meta, "cc", _cc(doc.text))
    meta.update(_printed_fields(doc.lines))
    if doc_type == "policy":
        meta.update(_policy_fields(doc, signature_date))
    return meta


# ---------------------------------------------------------------------------- helpers


def _put(meta: Metadata, key: str, value: object) -> None:
    """Set ``key`` only when the value was found (never None, "" or [])."""
    if value is None or value == "" or value == []:
        return
    meta[key] = value


def _prepare(text: str) -> _Doc:
    """Drop heading marks, remove spaces inside Chinese text, split into non-empty lines."""
    lines: list[str] = []
    headings: list[bool] = []
    for raw in text.replace("\r", "\n").translate(_FULLWIDTH_DIGITS).split("\n"):
        is_heading = bool(_HEADING_MARK.match(raw))
        line = _SPACE_INSIDE_CHINESE.sub("", _HEADING_MARK.sub("", raw)).strip()
        if line:
            lines.append(line)
            headings.append(is_heading)
    return _Doc(text="\n".join(lines), lines=lines, headings=headings)


def _first_group(pattern: re.Pattern[str], text: str, group: str) -> str | None:
    match = pattern.search(text)
    return match.group(group).strip() if match else None


def _split_list(value: str) -> list[str]:
    """Split "区府办,区政协提案委" or "甲、乙等" into clean items, in order."""
    items = []
    for item in _LIST_SEPARATOR.split(value):
        item = item.strip().rstrip("。.").strip()
        if item.endswith("等"):
            item = item[:-1]
        if item:
            items.append(item)
    return items


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _small_number(text: str) -> int | None:
    """"3" → 3, "十二" → 12, "三十一" → 31."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        tens_value = _CN_DIGIT_VALUE.get(tens, 0) if tens else 1
        ones_value = _CN_DIGIT_VALUE.get(ones, 0) if ones else 0
        return tens_value * 10 + ones_value
    if len(text) == 1 and text in _CN_DIGIT_VALUE:
        return _CN_DIGIT_VALUE[text]
    return None


def _iso_date(raw: str) -> str | None:
    """"2025年5月9日", "2025.5.9", "二〇二五年五月九日" → "2025-05-09"; None if not a date."""
    compact = re.sub(r"\s+", "", raw)
    numerals = _DATE_NUMERAL_PARTS.fullmatch(compact)
    if numerals and not numerals["y"].isdigit():
        year = int("".join(str(_CN_DIGIT_VALUE[c]) for c in numerals["y"]))
        month, day = _small_number(numerals["m"]), _small_number(numerals["d"])
    else:
        parts = re.findall(r"\d+", compact)
        if len(parts) != 3:
            return None
        year, month, day = (int(p) for p in parts)
    if month is None or day is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _normalise_doc_number(match: re.Match[str]) -> str:
    return f"{match['prefix']}〔{match['year']}〕{match['serial']}号"


# ---------------------------------------------------------------------------- title, type


def _find_title(doc: _Doc) -> tuple[int | None, str | None]:
    """The main title line near the top (two lines joined when a title wraps)."""
    head = doc.lines[:_TITLE_SEARCH_LINES]
    for i, line in enumerate(head):
        if _ENUMERATED_HEADING.match(line):
            continue
        if _is_title_line(line):
            return i, line
        if line.startswith("关于") and i + 1 < len(head):
            joined = line + head[i + 1]
            if len(joined) <= _TITLE_MAX_CHARS and _is_title_line(joined):
                return i, joined
    for i, line in enumerate(head):
        if doc.headings[i] and _could_be_plain_title(line):
            return i, line
    return None, None


def _is_title_line(line: str) -> bool:
    return len(line) <= _TITLE_MAX_CHARS and bool(_TITLE_LINE.match(line))


def _could_be_plain_title(line: str) -> bool:
    """A heading that is no agency name, field, sentence or numbered section."""
    return not (
        _AGENCY_LINE.match(line)
        or _ENUMERATED_HEADING.match(line)
        or re.search(r"[:：。；;]", line)
        or len(line) > _TITLE_MAX_CHARS
    )


def _doc_type(title: str | None, doc: _Doc) -> str:
    """Classify as reply, policy, notice or other: from the title first, then the body."""
    has_policy_body = bool(_ARTICLE_LINE.search(doc.text) or _SUPPORT_MEASURE.search(doc.text))
    if title:
        if _REPLY_TITLE_WORD.search(title) and (
            _PROPOSAL_WORD.search(title) or _REPLY_BODY_MARK.search(doc.text)
        ):
            return "reply"
        if _PROPOSAL_NUMBER_IN_TITLE.search(title):
            return "reply"
        if _POLICY_TITLE_END.search(title) or _POLICY_ISSUED_IN_TITLE.search(title):
            return "policy"
        if _NOTICE_TITLE_END.search(title):
            return "policy" if has_policy_body else "notice"
        return "other"
    if _REPLY_BODY_MARK.search(doc.text) and _has_salutation(doc):
        return "reply"
    if _ARTICLE_LINE.search(doc.text):
        return "policy"
    return "other"


def _has_salutation(doc: _Doc) -> bool:
    return any(_SALUTATION.match(line) for line in doc.lines[:_SALUTATION_SEARCH_LINES])


# ---------------------------------------------------------------------------- agency, number


def _header_agency(doc: _Doc, title_index: int | None, title: str | None) -> str | None:
    """The issuing agency: the header line above the title, else the title's own prefix."""
    end = title_index if title_index is not None else _HEADER_FALLBACK_LINES
    for line in doc.lines[:end]:
        match = _AGENCY_LINE.match(line)
        if match:
            return match["agency"]
    if title:
        return _first_group(_AGENCY_BEFORE_GUANYU, title, "agency")
    return None


def _doc_number(doc: _Doc, title_index: int | None) -> str | None:
    """The document number on its own line in the header, brackets normalised to 〔〕."""
    limit = max(_TITLE_SEARCH_LINES, (title_index or 0) + 3)
    for line in doc.lines[:limit]:
        match = _DOC_NUMBER_LINE.match(line)
        if match:
            return _normalise_doc_number(match)
    return None


def _find_signature(lines: list[str]) -> tuple[str | None, str | None]:
    """The last "agency + date" (or date-only) line: the signing agency and the ISO date."""
    for i in range(len(lines) - 1, -1, -1):
        match = _SIGNATURE_LINE.match(lines[i])
        if not match:
            continue
        agency = match["agency"]
        if agency and not _AGENCY_LINE.match(agency):
            continue
        if agency is None and i > 0:
            agency = _first_group(_AGENCY_LINE, lines[i - 1], "agency")
        return agency, _iso_date(match["date"])
    return None, None


# ---------------------------------------------------------------------------- reply fields


def _reply_fields(doc: _Doc, title: str, title_index: int | None) -> Metadata:
    """Session, proposal number and kind, proposer, proposal title, result, co-handlers."""
    meta: Metadata = {}
    _put(meta, "session", _session(title, doc.text))
    kind, number, title_proposer = _proposal_number(title, doc.text)
    _put(meta, "proposal_kind", kind)
    _put(meta, "proposal_number", number)
    meta.update(_proposer(doc, title_index) or title_proposer)
    _put(meta, "proposal_title", _proposal_title(doc.text))
    _put(meta, "handling_result", _first_group(_HANDLING_RESULT, doc.text, "value"))
    _put(meta, "co_handlers", _co_handlers(doc.text))
    return meta


def _session(title: str, text: str) -> str | None:
    """"浦东新区政协七届四次会议" from the title, else from "在…会议上" in the body."""
    start = title.find("关于")
    tail = title[start + 2 :] if start >= 0 else title
    match = _SESSION_AT_START.match(tail.lstrip("对"))
    if match:
        return match["session"]
    return _first_group(_SESSION_IN_BODY, text, "session")


def _proposal_number(title: str, text: str) -> tuple[str | None, int | None, Metadata]:
    """Kind (提案/建议), number, and a proposer named in the title ("第8号某某委员提案")."""
    match = _PROPOSAL_NUMBER_IN_TITLE.search(title)
    if match:
        named = _NAME_WITH_ROLE.match(match["between"])
        proposer: Metadata = {}
        if named:
            proposer = {"proposer": named["name"], "proposer_role": named["role"]}
        return match["kind"], int(match["number"]), proposer
    match = _PROPOSAL_NUMBER_IN_PARENS.search(text) or _PROPOSAL_NUMBER_IN_TITLE.search(text)
    if match:
        return match["kind"], int(match["number"]), {}
    return _first_group(_PROPOSAL_KIND_IN_TITLE, title, "kind"), None, {}


def _proposer(doc: _Doc, title_index: int | None) -> Metadata:
    """From the salutation "陈运文委员：" or "王某某等3位委员：" below the title."""
    start = title_index + 1 if title_index is not None else 0
    for line in doc.lines[start : start + _SALUTATION_SEARCH_LINES]:
        match = _SALUTATION.match(line)
        if not match:
            continue
        names = _split_list(match["names"])
        if not names or _NOT_A_NAME.match(names[0]):
            continue
        meta: Metadata = {"proposer": names[0], "proposer_role": match["role"]}
        count = _small_number(match["count"]) if match["count"] else None
        if count is None and len(names) > 1:
            count = len(names)
        _put(meta, "proposer_count", count)
        return meta
    return {}


def _proposal_title(text: str) -> str | None:
    """The proposal's own title as quoted in 《》 ("您提出的《…》的提案")."""
    for pattern in (_PROPOSAL_TITLE_AFTER_RAISED, _PROPOSAL_TITLE_BEFORE_KIND):
        found = _first_group(pattern, text, "title")
        if found:
            return found
    return None


def _co_handlers(text: str) -> list[str]:
    """Units that helped with the reply, in text order."""
    for pattern in (_CO_HANDLERS_LABELLED, _CO_HANDLERS_COMBINED, _CO_HANDLERS_JOINTLY):
        units = _first_group(pattern, text, "units")
        if units:
            return _unique(_split_list(units))
    return []


# ---------------------------------------------------------------------------- common fields


def _contact_fields(text: str) -> Metadata:
    """联系人, 联系电话, 联系地址, 邮政编码 — each only when labelled."""
    meta: Metadata = {}
    _put(meta, "contact_name", _first_group(_CONTACT_NAME, text, "name"))
    phone = _first_group(_CONTACT_PHONE, text, "phone")
    if phone:
        phone = phone.translate(str.maketrans("－—（）", "--()"))
    _put(meta, "contact_phone", phone)
    _put(meta, "contact_address", _first_group(_CONTACT_ADDRESS, text, "address"))
    _put(meta, "postcode", _first_group(_POSTCODE, text, "code"))
    return meta


def _cc(text: str) -> list[str]:
    """Recipients of copies, from "抄送：甲，乙"."""
    match = _CC_LINE.search(text)
    if not match:
        return []
    return _split_list(_PRINT_RUN.sub("", match["list"]))


def _printed_fields(lines: list[str]) -> Metadata:
    """The "…办公室 / 2025-05-09 印发" lines at the foot of the document."""
    meta: Metadata = {}
    for i in range(len(lines) - 1, -1, -1):
        match = _PRINTED_LINE.match(lines[i])
        if not match:
            continue
        _put(meta, "printed_date", _iso_date(match["date"]))
        printed_by = match["by"]
        if printed_by is None and i > 0:
            printed_by = _first_group(_AGENCY_LINE, lines[i - 1], "agency")
        _put(meta, "printed_by", printed_by)
        break
    return meta


# ---------------------------------------------------------------------------- policy fields


def _policy_fields(doc: _Doc, signature_date: str | None) -> Metadata:
    """Issue, effective and expiry dates, the validity sentence, what it repeals or revises."""
    meta: Metadata = {}
    _put(meta, "issue_date", _issue_date(doc) or signature_date)
    effective, expiry = _validity_dates(doc.text)
    _put(meta, "effective_date", effective)
    _put(meta, "expiry_date", expiry)
    _put(meta, "validity", _validity_sentence(doc.text))
    repeals, repealed_numbers = _quoted_in_clauses(doc.text, _REPEAL_WORD)
    _put(meta, "repeals", repeals)
    _put(meta, "repealed_doc_numbers", repealed_numbers)
    revises, _ = _quoted_in_clauses(doc.text, _REVISE_WORD)
    _put(meta, "revises", revises)
    return meta


def _issue_date(doc: _Doc) -> str | None:
    """A labelled 成文/发布/印发 date, else the date of a "…印发" or "…发布" line."""
    labelled = _first_group(_LABELLED_ISSUE_DATE, doc.text, "date")
    if labelled:
        return _iso_date(labelled)
    for line in doc.lines:
        issued = _ISSUED_LINE.match(line)
        if issued:
            return _iso_date(issued["date"])
    return None


def _validity_dates(text: str) -> tuple[str | None, str | None]:
    """(effective, expiry) as ISO dates, from "自…起施行" and "有效期至…"."""
    effective = expiry = None
    ranged = _VALIDITY_RANGE.search(text)
    if ranged:
        effective, expiry = _iso_date(ranged["start"]), _iso_date(ranged["end"])
    started = _EFFECTIVE_FROM.search(text)
    if started:
        effective = _iso_date(started["date"])
    if expiry is None:
        until = _EXPIRY_UNTIL.search(text)
        if until:
            expiry = _iso_date(until["date"] or until["date2"])
    return effective, expiry


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_SPLIT.split(text) if s.strip()]


def _clause_spans(sentence: str) -> list[tuple[int, int]]:
    """Comma-separated clauses of a sentence; commas inside 《》 do not split."""
    spans: list[tuple[int, int]] = []
    start = depth = 0
    for i, ch in enumerate(sentence):
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth = max(0, depth - 1)
        elif ch in "，," and depth == 0:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(sentence)))
    return spans


def _validity_sentence(text: str) -> str | None:
    """"本措施自2024年1月1日起施行，有效期至2026年12月31日" — only the clauses on validity."""
    for sentence in _sentences(text):
        if not _VALIDITY_ANCHOR.search(sentence):
            continue
        spans = [
            (a, b)
            for a, b in _clause_spans(sentence)
            if _VALIDITY_CLAUSE.search(sentence[a:b]) and not _REPEAL_WORD.search(sentence[a:b])
        ]
        if spans:
            return _ARTICLE_PREFIX.sub("", sentence[spans[0][0] : spans[-1][1]]).strip()
    return None


def _quoted_in_clauses(text: str, verb: re.Pattern[str]) -> tuple[list[str], list[str]]:
    """Titles in 《》 and document numbers in the clauses whose own verb is ``verb``."""
    titles: list[str] = []
    numbers: list[str] = []
    for sentence in _sentences(text):
        for a, b in _clause_spans(sentence):
            clause = _ARTICLE_PREFIX.sub("", sentence[a:b])
            outside_brackets = _PARENTHETICAL.sub("", _QUOTED_TITLE.sub("", clause))
            if not verb.search(outside_brackets) or _CITING_CLAUSE.match(clause):
                continue
            titles.extend(m["title"] for m in _QUOTED_TITLE.finditer(clause))
            numbers.extend(_normalise_doc_number(m) for m in _DOC_NUMBER_ANYWHERE.finditer(clause))
    return _unique(titles), _unique(numbers)
