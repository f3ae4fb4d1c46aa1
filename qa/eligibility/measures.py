"""Measures read from stored documents: policy articles, guide table rows, reply pledges.

A policy's general eligibility article (支持对象, 申报条件, …) applies to all its measures,
or to the articles it names ("申报第五条、第六条支持的企业，应同时符合以下条件"). A reply
sentence is a measure when it names who gets what ("对入驻模力社区的大模型企业给予租金减免支持").
Superseded policies give no measures.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from qa.eligibility.criteria import (
    Context,
    criteria_in,
    exemption,
    without_exempt_scopes,
    without_scoped_exceptions,
)
from qa.eligibility.models import Criterion, Exemption, Measure
from qa.eligibility.vocabulary import district_of
from qa.versions import superseded_by
from store.doctable import ChunkRow, DocumentRow
from store.knowledge import Snapshot

_ARTICLE_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?P<label>第[一二三四五六七八九十百零〇\d]+条)\s*"
    r"(?:[（(](?P<title>[^）)]{1,24})[）)])?"
)
_SECTION_NUMBER = re.compile(
    r"^(?:#{1,6}\s*)?(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十百零〇\d]+[章节条])\s*"
)
_ELIGIBILITY_TITLE = re.compile(r"支持对象|适用对象|申报对象|申请对象|申报条件|申请条件|基本条件")
_EXCLUSION_TITLE = re.compile(r"不予支持|不予受理|不得申报")
_NO_MEASURES_TITLE = re.compile(
    r"目的|依据|实施|其他|附则|解释|程序|监督|申报时间|申报方式|申报材料|联系|评审|拨付|合作银行"
    r"|支持方向|首部|结尾"
)
_ITEM = re.compile(r"^(?:（(?P<cn>[一二三四五六七八九十]+)）|(?P<n>\d+)[.、．]\s*)")
_APPLIES_TO_ARTICLES = re.compile(r"申报(?P<list>(?:第[一二三四五六七八九十]+条[、和及与]?)+)")
_ARTICLE_LABEL = re.compile(r"第[一二三四五六七八九十]+条")
_PROCEDURAL_ITEM = re.compile(r"限报|限申报|只能申报")
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
_CLAUSE = re.compile(r"[^，；。：]+")
# A "优先纳入支持范围" sentence ranks applicants; it does not restrict who may apply.
_PRIORITY = re.compile(r"优先")
_GIVES = re.compile(
    r"给予[^。；]{0,30}?(?:补贴|资助|奖励|补助|扶持|减免|支持|贴息|补偿)|按每人每年\d+元"
)
# A raised rate ("贴息比例提高至70%") adds to the measure before it, unless it stands alone
# ("高新技术企业…申报第三条…的，支持比例…提高5个百分点").
_RAISES_RATE = re.compile(r"(?:比例|标准)[^。；]{0,12}?提高(?:至)?\d+(?:%|个百分点)")
_NOT_SUPPORT = re.compile(r"原则给予")  # "按照“从高不重复”原则给予支持" is a rule, not a measure
_BENEFIT_START = re.compile(
    r"给予|按[^，；。]{0,20}?(?:\d+%|标准)|提高(?:至)?\d+|每人(?:每年)?\d+元"
)
_BENEFIT_ANY = re.compile(rf"{_BENEFIT_START.pattern}|\d+(?:\.\d+)?(?:万元|元|%)|最高")
# "经评审立项的" is the procedure, "对符合条件的企业" refers back to the eligibility article.
_REVIEW_OR_GENERIC = re.compile(r"^经(?:评审|审核)|符合条件")
_ENTERPRISE_RECIPIENT = re.compile(r"企业|单位|工作室")
_NEXT_RECIPIENT = re.compile(r"；(?=对(?!其))")  # "…30万元；对首次被认定为…" starts a new measure
_TABLE_ROW = re.compile(r"^\|.*\|$")
_TABLE_RULE = re.compile(r"^\|[\s:|\-]+\|$")
_SUPPORT_COLUMN = re.compile(r"比例|标准|金额|上限|额度")
_BENEFIT_NAME = re.compile(
    r"给予(?:[^，。；]{0,7}?的)?(?P<name>[\u4e00-\u9fff]{2,10}?"
    r"(?:支持|补贴|奖励|资助|减免|贴息|补偿))"
)
_VAGUE_BENEFIT = re.compile(r"^(?:适当|一定|相应|不同程度的)")
_RATE_RAISE = re.compile(r"(?:支持|补贴|贴息)比例[^，。；]{0,8}?提高(?:至)?\d+(?:%|个百分点)")
_REPLY_SECTION_WRAP = re.compile(r"^关于|的(?:建议|提案|问题)$")
# Proposals quoted back ("您提出的…"), revisions of a policy and restatements of one are
# not a reply's own support statements.
_NOT_A_PLEDGE = re.compile(r"^您|修订|现行")
_QUOTATION = re.compile(r"“[^”]*”")
_QUOTE_MARKS = re.compile(r"[“”\"'‘’\s]")
_SCOPE_SUFFIX = re.compile(r"(?:奖励|补贴|补助|资助|支持|贴息)$")
_REPLY_SKIPPED_SECTIONS = ("首部", "结尾")


@dataclass
class _Section:
    """An article ("第二条", titled "支持对象") or a numbered section of a guide or reply."""

    label: str
    title: str
    chunks: list[ChunkRow]


@dataclass
class _Condition:
    """A criterion from an eligibility article and the measures it applies to."""

    criterion: Criterion
    articles: frozenset[str] | None = None  # None: every measure of the document
    scope: str | None = None  # only measures whose name contains this ("中小企业“上云用数”")
    # Measures it does not hold for, with the words saying so: ("数据产品上架奖励", "（仅申报…）")
    exempt: tuple[tuple[str, str], ...] = ()
    locator: str = ""


@dataclass
class _Draft:
    """A measure before the eligibility article's criteria are added to its own."""

    article: str
    name: str
    support: str
    quote: str
    locator: str
    criteria: list[Criterion] = field(default_factory=list)


def extract_measures(snapshot: Snapshot) -> list[Measure]:
    """Every measure of the current (not superseded) policies and replies in the store."""
    superseded = superseded_by(snapshot.documents)
    chunks_by_doc: dict[str, list[ChunkRow]] = {}
    for chunk in snapshot.chunks.values():
        chunks_by_doc.setdefault(chunk.doc_id, []).append(chunk)
    measures: list[Measure] = []
    for doc in sorted(snapshot.documents.values(), key=lambda d: d.source):
        if doc.doc_id in superseded:
            continue
        chunks = sorted(chunks_by_doc.get(doc.doc_id, []), key=lambda c: c.seq)
        measures.extend(document_measures(doc, chunks))
    return measures


def document_measures(doc: DocumentRow, chunks: list[ChunkRow]) -> list[Measure]:
    """The measures of one policy or reply document (none for other kinds)."""
    district = district_of(doc.title, doc.metadata.get("agency"))
    if doc.doc_type == "policy":
        conditions: list[_Condition] = []
        drafts: list[_Draft] = []
        for section in _sections(chunks):
            if _ELIGIBILITY_TITLE.search(section.title):
                conditions.extend(_eligibility(section, district))
            elif _EXCLUSION_TITLE.search(section.title):
                conditions.extend(_exclusions(section, district))
            elif not _NO_MEASURES_TITLE.search(section.title):
                drafts.extend(_section_drafts(section, district))
        return [_measure(doc, draft, conditions) for draft in drafts]
    if doc.doc_type == "reply":
        return [_measure(doc, draft, []) for draft in _reply_drafts(chunks, district)]
    return []


# -- structure ------------------------------------------------------------------------------


def _sections(chunks: list[ChunkRow]) -> list[_Section]:
    sections: list[_Section] = []
    for chunk in chunks:
        if sections and sections[-1].label == chunk.section:
            sections[-1].chunks.append(chunk)
            continue
        heading = _ARTICLE_HEADING.match(chunk.text)
        title = heading.group("title") if heading and heading.group("title") else None
        sections.append(_Section(chunk.section,
                                 title or _SECTION_NUMBER.sub("", chunk.section), [chunk]))
    return sections


def _paragraphs(chunk: ChunkRow) -> list[str]:
    """The chunk's lines, each verbatim, the article heading ("第二条（支持对象）") cut off."""
    bodies = []
    for line in chunk.text.split("\n"):
        heading = _ARTICLE_HEADING.match(line)
        body = line[heading.end():] if heading else line
        if body.strip():
            bodies.append(body.strip())
    return bodies


def _context(chunk: ChunkRow, district: str | None) -> Context:
    return Context(district=district, locator=chunk.locator)


# -- eligibility articles ---------------------------------------------------------------------


def _eligibility(section: _Section, district: str | None) -> list[_Condition]:
    conditions: list[_Condition] = []
    by_item: dict[str, list[_Condition]] = {}
    exemptions: list[tuple[str, Criterion]] = []
    articles: frozenset[str] | None = None
    for chunk in section.chunks:
        context = _context(chunk, district)
        for body in _paragraphs(chunk):
            applies_to = _APPLIES_TO_ARTICLES.search(body)
            if applies_to and articles is None:
                articles = frozenset(_ARTICLE_LABEL.findall(applies_to.group("list")))
            relaxed = exemption(body, context)
            if relaxed is not None:
                exemptions.append(relaxed)
                continue
            found = _paragraph_conditions(body, context)
            item = _ITEM.match(body)
            if item:
                by_item.setdefault(item.group("cn") or item.group("n"), []).extend(found)
            conditions.extend(found)
    for label, alternative in exemptions:
        for condition in by_item.get(label, []):
            condition.criterion = _with_alternative(condition.criterion, alternative)
    for condition in conditions:
        condition.articles = articles
    return conditions


def _paragraph_conditions(body: str, context: Context) -> list[_Condition]:
    masked, asides = without_scoped_exceptions(body)
    masked, exempt = without_exempt_scopes(masked)
    found = [_Condition(c, exempt=tuple(exempt), locator=context.locator)
             for c in criteria_in(masked, context)]
    for scope, aside in asides:
        found.extend(_Condition(c, scope=scope) for c in criteria_in(aside, context))
    if not found and _ITEM.match(body) and not _PROCEDURAL_ITEM.search(body):
        # A listed condition no pattern reads ("按期还本付息，无逾期记录") is still a
        # condition: kept as text, so the enterprise is asked about it.
        text = _ITEM.sub("", body).rstrip("；;。.")
        found.append(_Condition(Criterion(kind="other", description=text, quote=text,
                                          locator=context.locator)))
    return found


def _with_alternative(criterion: Criterion, alternative: Criterion) -> Criterion:
    return criterion.model_copy(update={
        "any_of": [*criterion.any_of, alternative],
        "description": f"{criterion.description}，或{alternative.description}",
    })


def _exclusions(section: _Section, district: str | None) -> list[_Condition]:
    """"有下列情形之一的，不予支持：…企业存在严重失信记录的" — read the status requirements."""
    return [
        _Condition(criterion)
        for chunk in section.chunks
        for body in _paragraphs(chunk)
        for criterion in criteria_in(body, _context(chunk, district))
        if criterion.kind == "qualification"
    ]


# -- support articles, sections and table rows ------------------------------------------------


def _section_drafts(section: _Section, district: str | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    header: str | None = None
    for chunk in section.chunks:
        for body in _paragraphs(chunk):
            if not _TABLE_ROW.match(body):
                header = None
                drafts.extend(_text_drafts(body, chunk, section, district))
            elif _TABLE_RULE.match(body) or body == header:
                continue
            elif header is None:
                header = body
            else:
                drafts.append(_row_draft(header, body, chunk, section, district))
    return _numbered(drafts)


def _numbered(drafts: list[_Draft]) -> list[_Draft]:
    """Two measures named after one article become "认定奖励（1）", "认定奖励（2）"."""
    counts: dict[str, int] = {}
    for draft in drafts:
        counts[draft.name] = counts.get(draft.name, 0) + 1
    seen: dict[str, int] = {}
    for draft in drafts:
        if counts[draft.name] > 1:
            seen[draft.name] = seen.get(draft.name, 0) + 1
            draft.name = f"{draft.name}（{seen[draft.name]}）"
    return drafts


def _text_drafts(body: str, chunk: ChunkRow, section: _Section,
                 district: str | None) -> list[_Draft]:
    context = _context(chunk, district)
    drafts: list[_Draft] = []
    for units, giving in _measure_units(body):
        start, end = units[0][0], units[-1][1]
        text = body[start:end]
        if not _ENTERPRISE_RECIPIENT.search(text):
            continue  # for individuals (职工, 人才) or banks, not for an enterprise
        criteria = [c for s, e in units[giving:] for c in criteria_in(body[s:e], context)]
        activity = _activity_condition(body[slice(*units[giving])], context)
        criteria.extend([activity] if activity else [])
        is_article = _ARTICLE_LABEL.fullmatch(section.label) is not None
        name = section.title if is_article else _benefit_name(text) or section.title
        drafts.append(_Draft(section.label, name, _support_clause(text), text,
                             chunk.locator, criteria))
    return drafts


def _activity_condition(sentence: str, context: Context) -> Criterion | None:
    """What the enterprise must do or be, stated just before the benefit, when no pattern reads
    it: "对企业租用算力开展模型训练和推理的，按…给予补贴" → "企业租用算力开展模型训练和推理"."""
    clauses = list(_CLAUSE.finditer(sentence))
    giving = next((i for i, c in enumerate(clauses) if _BENEFIT_START.search(c.group(0))), None)
    if giving is None:
        return None
    benefit = clauses[giving].group(0)
    if benefit.startswith("对") and "给予" in benefit:
        candidate = benefit[: benefit.index("给予")]
    elif giving > 0:
        candidate = sentence[: clauses[giving].start()].rstrip("，,")
    else:
        return None
    if not (candidate.endswith("的") or candidate.startswith("对")) \
            or _REVIEW_OR_GENERIC.search(candidate) or criteria_in(candidate, context):
        return None
    text = candidate.removeprefix("对").removesuffix("的")
    return Criterion(kind="other", description=text, quote=candidate, locator=context.locator)


def _measure_units(body: str) -> list[tuple[list[tuple[int, int]], int]]:
    """Sentence spans grouped into measures: a group starts at each sentence that gives.

    Each group comes with the index of its giving sentence: the sentences before it
    ("支持企业围绕…开展核心技术攻关。") are context for the quote, not conditions.
    """
    groups: list[tuple[list[tuple[int, int]], int]] = []
    pending: list[tuple[int, int]] = []
    for start, end in _units(body):
        piece = body[start:end]
        gives = _GIVES.search(piece) and not _NOT_SUPPORT.search(piece)
        if gives or (not groups and _RAISES_RATE.search(piece)):
            groups.append(([*pending, (start, end)], len(pending)))
            pending = []
        elif groups:
            groups[-1][0].append((start, end))
        else:
            pending.append((start, end))
    return groups


def _units(body: str) -> Iterable[tuple[int, int]]:
    for sentence in _SENTENCE.finditer(body):
        if _PRIORITY.search(sentence.group(0)):
            continue
        start = sentence.start()
        for cut in _NEXT_RECIPIENT.finditer(sentence.group(0)):
            before = body[start : sentence.start() + cut.start()]
            after = body[sentence.start() + cut.end() : sentence.end()]
            if _GIVES.search(before) and _GIVES.search(after):
                yield start, sentence.start() + cut.start() + 1
                start = sentence.start() + cut.end()
        yield start, sentence.end()


def _support_clause(text: str) -> str:
    """From the first clause that gives ("按…30%给予补贴") to the last that names an amount."""
    clauses = list(_CLAUSE.finditer(text))
    first = next((c for c in clauses if _BENEFIT_START.search(c.group(0))), None)
    if first is None:
        return text.rstrip("。")
    last = [c for c in clauses if c.start() >= first.start() and _BENEFIT_ANY.search(c.group(0))]
    start = first.start()
    if first.group(0).startswith("对") and "给予" in first.group(0):
        start += first.group(0).index("给予")  # "对…企业给予租金减免支持" → "给予租金减免支持"
    return text[start : last[-1].end()]


def _benefit_name(text: str) -> str | None:
    raised = _RATE_RAISE.search(text)
    benefit = _BENEFIT_NAME.search(text)
    name = _VAGUE_BENEFIT.sub("", benefit.group("name")) if benefit else ""
    if len(name) >= 4:
        return name
    return raised.group(0) if raised else None


def _row_draft(header: str, row: str, chunk: ChunkRow, section: _Section,
               district: str | None) -> _Draft:
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    support = "；".join(f"{column}：{cell}" for column, cell in zip(columns, cells, strict=False)
                       if _SUPPORT_COLUMN.search(column))
    criteria = criteria_in(row, _context(chunk, district))
    return _Draft(section.label, cells[0], support or row, row, chunk.locator, criteria)


# -- replies --------------------------------------------------------------------------------


def _reply_drafts(chunks: list[ChunkRow], district: str | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    for chunk in chunks:
        if chunk.section in _REPLY_SKIPPED_SECTIONS:
            continue
        for body in _paragraphs(chunk):
            for sentence in _SENTENCE.finditer(body):
                draft = _reply_draft(sentence.group(0), chunk, district)
                if draft is not None:
                    drafts.append(draft)
    return drafts


def _reply_draft(sentence: str, chunk: ChunkRow, district: str | None) -> _Draft | None:
    support = _GIVES.search(sentence)
    # "对…企业给予…": the recipient phrase must name an enterprise (not 合作银行, 首店).
    recipient = sentence[sentence.rfind("对", 0, support.start()) : support.start()] \
        if support else ""
    if (support is None or _NOT_A_PLEDGE.search(sentence) or not recipient.startswith("对")
            or any(q.start() < support.start() < q.end() for q in _QUOTATION.finditer(sentence))
            or not _ENTERPRISE_RECIPIENT.search(recipient)):
        return None
    section = _REPLY_SECTION_WRAP.sub("", _SECTION_NUMBER.sub("", chunk.section))
    name = _benefit_name(sentence) or section
    criteria = criteria_in(sentence, _context(chunk, district))
    return _Draft(chunk.section, name, _support_clause(sentence), sentence, chunk.locator,
                  criteria)


# -- assembly -------------------------------------------------------------------------------


def _measure(doc: DocumentRow, draft: _Draft, conditions: list[_Condition]) -> Measure:
    applicable = [c for c in conditions if c.articles is None or draft.article in c.articles]
    name = _QUOTE_MARKS.sub("", draft.name)
    scoped = [c.criterion for c in applicable
              if c.scope is not None and _QUOTE_MARKS.sub("", c.scope) in name]
    replaced = {c.kind for c in scoped}
    general = [c.criterion for c in applicable
               if c.scope is None and c.criterion.kind not in replaced
               and not any(_names_scope(name, scope) for scope, _ in c.exempt)]
    exemptions = _unique_exemptions([
        Exemption(quote=aside, locator=c.locator) for c in applicable
        for scope, aside in c.exempt if _names_scope(name, scope)])
    digest = hashlib.sha1(f"{doc.doc_id}\0{draft.locator}\0{draft.quote}".encode()).hexdigest()
    return Measure(
        id=digest[:16], doc_id=doc.doc_id, source=doc.source, title=doc.title,
        doc_number=doc.metadata.get("doc_number"), name=draft.name, support=draft.support,
        quote=draft.quote, locator=draft.locator,
        criteria=_unique([*draft.criteria, *scoped, *general]), exemptions=exemptions,
    )


def _unique_exemptions(exemptions: list[Exemption]) -> list[Exemption]:
    return list({e.quote: e for e in exemptions}.values())


def _names_scope(name: str, scope: str) -> bool:
    """Whether a measure ("数据产品上架") is the one a scope names ("数据产品上架奖励")."""
    scope = _SCOPE_SUFFIX.sub("", _QUOTE_MARKS.sub("", scope))
    return len(scope) >= 2 and (scope in name or name in scope)


def _unique(criteria: list[Criterion]) -> list[Criterion]:
    """The same condition stated in the article and in the eligibility article counts once."""
    seen: set[tuple[object, ...]] = set()
    unique = []
    for criterion in criteria:
        key = (criterion.kind, criterion.value, criterion.threshold, criterion.comparison,
               tuple(criterion.options), criterion.description if criterion.kind == "other"
               else None)
        if key not in seen:
            seen.add(key)
            unique.append(criterion)
    return unique
