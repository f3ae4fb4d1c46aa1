"""Criteria read from one passage: registration, industry, thresholds, age, park, status.

Each pattern below matches one way policy text states a condition. A match becomes a
:class:`Criterion` whose quote is the clause around it, cut from the passage verbatim (so
a reader can find it), and whose description says the condition in a normal form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from qa.eligibility.models import Comparison, Criterion
from qa.eligibility.vocabulary import (
    LITTLE_GIANT,
    QUALIFICATION_BY_NAME,
    QUALIFICATIONS,
    SRDI_SME,
    industries_in,
    industry_terms,
    number,
    wan,
)

_CMP = r"(?P<cmp>不低于|不少于|不超过|不高于|达到|超过|高于|低于|少于|在)"
_AMOUNT = r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>万元|亿元)(?P<suf>以上|以下)?"
_CN_NUMBER = r"(?P<n>[一二三四五六七八九十两\d]+)"

_REGISTERED = re.compile(
    r"在(?P<d>本区|[\u4e00-\u9fff]{2}新区|[\u4e00-\u9fff]{2,3}区)(?:内)?(?:依法)?"
    r"(?:注册登记|登记注册|注册)"
)
_REGISTERED_AS_DISTRICT_FIRM = re.compile(r"对(?P<d>区内)企业")
_TAX_REGISTRATION = re.compile(r"税务登记关系在本区|税收户管在本区满[一二三四五\d]+年")
_REVENUE = re.compile(rf"(?:上一?年度|近一年|年)?营业收入(?:总额)?{_CMP}{_AMOUNT}")
_RD_RATIO = re.compile(
    r"研发(?:费用|投入)(?:总额)?(?:占(?:营业收入|销售收入|主营业务收入)(?:总额)?的?(?:比重|比例)"
    rf"|占比){_CMP}(?P<n>\d+(?:\.\d+)?)%"
)
_BUSINESS_SHARE = re.compile(
    rf"(?P<what>[^，；。、：或\n]{{2,12}}?收入)占营业收入的?(?:比重|比例){_CMP}(?P<n>\d+(?:\.\d+)?)%"
)
_PRODUCT_SALES = re.compile(rf"(?:该)?产品(?:上年度)?销售收入{_CMP}{_AMOUNT}")
_REGISTERED_CAPITAL = re.compile(rf"实缴注册资本{_CMP}{_AMOUNT}")
_INVESTMENT = re.compile(rf"项目总投资{_CMP}{_AMOUNT}")
_AREA = re.compile(r"面积(?P<cmp>达到|不低于|不少于|超过)(?P<n>\d+)平方米(?P<suf>以上)?")
_HEADCOUNT = re.compile(
    rf"(?:职工|员工|从业人员)(?:总数|人数)?{_CMP}(?P<n>\d+)人(?P<suf>以上|以下)?"
)
_AGE_LIMIT = re.compile(
    rf"成立(?:时间)?(?P<cmp>不满|未满|不足|不超过|满|超过){_CN_NUMBER}个?年(?P<suf>以内|以上)?"
)
_AGE_WITHIN = re.compile(rf"(?:自(?:成立|设立|注册)之日起|(?:注册)?成立){_CN_NUMBER}年(?:以内|内)")
_PARK = re.compile(
    r"(?:入驻|落户|位于)(?:于|在)?(?P<p>[\u4e00-\u9fff]{2,10}?"
    r"(?:社区|产业园|科技园|园区|科学城|创新港|基地|孵化器))"
)
_ENGAGED_IN = re.compile(r"从事(?P<x>[^，；。]{2,40})")
_INDUSTRY_FIRM = re.compile(
    "(?P<x>" + "|".join(re.escape(t) for t in industry_terms()) + r")(?:相关)?(?:企业|行业|产品)"
)
_ANY_SRDI_FIRM = re.compile(r"专精特新企业")
_RECOGNISED_TALENT = re.compile(r"经认定的(?P<x>[^，；。]{2,20}?人才)")

# Joins alternatives: "高新技术企业、专精特新中小企业", "…不低于500万元，或…不低于50%".
_ALTERNATIVE_JOIN = re.compile(r"^(?:、|或者?|和|及|以及|与)?$")
_OR_JOIN = re.compile(r"^[，,]?\s*或(?:者)?$")
_CLAUSE_BOUNDARY = set("，,；;。：:\n（）()！？|")
_ENUMERATOR = re.compile(r"(?:\d+[.、．]|[一二三四五六七八九十]+、)\s*")
_SCOPED_EXCEPTION = re.compile(r"（申报(?P<scope>[^，）]+?)类?项目的，(?P<body>[^）]+)）")
_EXEMPT_SCOPE = re.compile(
    r"[（(]仅(?:申报|申请)(?P<scope>[^，）)]+?)(?:类项目|项目)?的[，,]不受本项(?:条件)?(?:限制|约束)[）)]")
_EXEMPTION = re.compile(
    rf"成立(?:时间)?不满{_CN_NUMBER}年的企业，不受第[（(](?P<item>[一二三四五六七八九十]+)[）)]项"
    r"[^。]*?限制"
)

_STATUS_DESCRIPTIONS = {
    "独立法人资格": "具有独立法人资格", "信用良好": "信用状况良好，无严重失信记录",
    "无重大事故": "近三年未发生重大安全、环保、质量事故",
    "按规定缴纳社会保险": "按规定为职工缴纳社会保险费",
}
_COMPARISONS: dict[str, Comparison] = {
    "不低于": "at_least", "不少于": "at_least", "达到": "at_least", "满": "at_least",
    "在": "at_least", "超过": "more_than", "高于": "more_than", "不超过": "at_most",
    "不高于": "at_most", "低于": "less_than", "少于": "less_than", "不满": "less_than",
    "未满": "less_than", "不足": "less_than",
}


@dataclass(frozen=True)
class Context:
    """Where a passage comes from: the district "本区" means, and the chunk's locator."""

    district: str | None
    locator: str


@dataclass
class _Spec:
    """A criterion before its quote is cut: what one pattern match states."""

    kind: str
    description: str
    threshold: float | None = None
    value: str | None = None
    comparison: Comparison | None = None
    options: list[str] = field(default_factory=list)


@dataclass
class _Found:
    """Where in the passage a criterion was read, and the alternatives joined to it by "或"."""

    start: int
    end: int
    spec: _Spec
    alternatives: list[_Found] = field(default_factory=list)


Builder = Callable[[re.Match[str], Context], _Spec | None]


def _comparison(match: re.Match[str]) -> Comparison:
    groups = match.groupdict()
    if groups.get("suf") == "以下":
        return "at_most"
    if groups.get("suf") in ("以上", "以内") and groups["cmp"] in ("在", "达到", "满"):
        return "at_least" if groups["suf"] == "以上" else "at_most"
    return _COMPARISONS.get(groups["cmp"], "at_least")


def _registered(match: re.Match[str], context: Context) -> _Spec:
    named = match.group("d")
    district = context.district if named in ("本区", "区内") else named
    return _Spec("registered_in", f"在{district or '本区'}注册登记", value=district)


def _amount(kind: str) -> Builder:
    def build(match: re.Match[str], context: Context) -> _Spec:
        return _Spec(kind, match.group(0), threshold=wan(match.group("n"), match.group("u")),
                     comparison=_comparison(match))
    return build


def _plain_threshold(kind: str) -> Builder:
    def build(match: re.Match[str], context: Context) -> _Spec:
        return _Spec(kind, match.group(0), threshold=float(match.group("n")),
                     comparison=_comparison(match))
    return build


def _business_share(match: re.Match[str], context: Context) -> _Spec:
    return _Spec("business_share", match.group(0), threshold=float(match.group("n")),
                 value=match.group("what"), comparison=_comparison(match))


def _age(match: re.Match[str], context: Context) -> _Spec | None:
    years = number(match.group("n"))
    if years is None:
        return None
    comparison = _comparison(match) if "cmp" in match.groupdict() else "at_most"
    return _Spec("company_age", match.group(0), threshold=float(years), comparison=comparison)


def _park(match: re.Match[str], context: Context) -> _Spec:
    return _Spec("park", f"入驻{match.group('p')}", value=match.group("p"))


def _industry(match: re.Match[str], context: Context) -> _Spec | None:
    names = industries_in(match.group("x"))
    if not names:
        return None
    return _Spec("industry", f"从事{'或'.join(names)}相关业务", value="、".join(names),
                 options=names)


def _qualification(name: str) -> Builder:
    def build(match: re.Match[str], context: Context) -> _Spec:
        return _Spec("qualification", _qualification_description([name]), value=name,
                     options=[name])
    return build


def _any_srdi(match: re.Match[str], context: Context) -> _Spec:
    names = [SRDI_SME, LITTLE_GIANT]
    return _Spec("qualification", _qualification_description(names), value="、".join(names),
                 options=names)


def _fixed(kind: str) -> Builder:
    def build(match: re.Match[str], context: Context) -> _Spec:
        return _Spec(kind, match.group(0))
    return build


def _talent(match: re.Match[str], context: Context) -> _Spec:
    return _Spec("talent", f"引进{match.group(0)}")


def _qualification_description(names: list[str]) -> str:
    if len(names) == 1 and not QUALIFICATION_BY_NAME[names[0]].category:
        return _STATUS_DESCRIPTIONS.get(names[0], names[0])
    return "属于" + "或".join(names)


# Longer, more specific patterns first: overlapping matches keep the longest.
_PATTERNS: list[tuple[re.Pattern[str], Builder]] = [
    (_REGISTERED, _registered),
    (_REGISTERED_AS_DISTRICT_FIRM, _registered),
    (_TAX_REGISTRATION, _fixed("tax_registration")),
    (_REVENUE, _amount("revenue")),
    (_RD_RATIO, _plain_threshold("rd_ratio")),
    (_BUSINESS_SHARE, _business_share),
    (_PRODUCT_SALES, _amount("product_sales")),
    (_REGISTERED_CAPITAL, _amount("registered_capital")),
    (_INVESTMENT, _amount("investment")),
    (_AREA, _plain_threshold("area")),
    (_HEADCOUNT, _plain_threshold("headcount")),
    (_AGE_LIMIT, _age),
    (_AGE_WITHIN, _age),
    (_PARK, _park),
    (_ENGAGED_IN, _industry),
    (_INDUSTRY_FIRM, _industry),
    (_ANY_SRDI_FIRM, _any_srdi),
    (_RECOGNISED_TALENT, _talent),
    *[(q.in_policy, _qualification(q.name)) for q in QUALIFICATIONS],
]


def criteria_in(text: str, context: Context) -> list[Criterion]:
    """The criteria ``text`` states, alternatives ("A、B或C", "…，或…") folded into one."""
    found = _non_overlapping(
        [_Found(m.start(), m.end(), spec) for pattern, build in _PATTERNS
         for m in pattern.finditer(text) if (spec := build(m, context)) is not None]
    )
    found = _join_or_clauses(text, _merge_same_qualification(_group_categories(text, found)))
    return [_criterion(text, item, context) for item in found]


def without_scoped_exceptions(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Blank out "（申报X类项目的，…）" asides; return the text and (scope X, aside body) pairs.

    The aside sets a different condition for some measures only ("申报中小企业“上云用数”类
    项目的，上年度营业收入不低于200万元"), so it must not read as a condition for all.
    """
    asides: list[tuple[str, str]] = []
    masked = text
    for match in _SCOPED_EXCEPTION.finditer(text):
        asides.append((match.group("scope"), match.group("body")))
        masked = masked[: match.start()] + "\n" * len(match.group(0)) + masked[match.end():]
    return masked, asides


def without_exempt_scopes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Blank out "（仅申报X的，不受本项条件限制）" asides; return the text and each (X, aside).

    The condition beside the aside then holds for every measure but X ("上年度营业收入不低于
    350万元（仅申报数据产品上架奖励的，不受本项条件限制）")."""
    scopes: list[tuple[str, str]] = []
    masked = text
    for match in _EXEMPT_SCOPE.finditer(text):
        scopes.append((match.group("scope"), match.group(0)))
        masked = masked[: match.start()] + "\n" * len(match.group(0)) + masked[match.end():]
    return masked, scopes


def exemption(text: str, context: Context) -> tuple[str, Criterion] | None:
    """"成立不满一年的企业，不受第（三）项…限制": the item it relaxes, as an age alternative."""
    match = _EXEMPTION.search(text)
    years = number(match.group("n")) if match else None
    if match is None or years is None:
        return None
    return match.group("item"), Criterion(
        kind="company_age", description=f"成立不满{years}年", threshold=float(years),
        comparison="less_than", quote=match.group(0), locator=context.locator,
    )


def _non_overlapping(found: list[_Found]) -> list[_Found]:
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(item.end <= k.start or item.start >= k.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


def _is_category(item: _Found) -> bool:
    return item.spec.kind == "qualification" and all(
        QUALIFICATION_BY_NAME[name].category for name in item.spec.options
    )


def _group_categories(text: str, found: list[_Found]) -> list[_Found]:
    """"科技型中小企业、高新技术企业或专精特新中小企业": one criterion, any option suffices."""
    grouped: list[_Found] = []
    for item in found:
        last = grouped[-1] if grouped else None
        if (last is not None and _is_category(last) and _is_category(item)
                and _ALTERNATIVE_JOIN.match(text[last.end:item.start].strip())):
            options = [*last.spec.options,
                       *(o for o in item.spec.options if o not in last.spec.options)]
            spec = _Spec("qualification", _qualification_description(options),
                         value="、".join(options), options=options)
            grouped[-1] = _Found(last.start, item.end, spec)
        else:
            grouped.append(item)
    return grouped


def _merge_same_qualification(found: list[_Found]) -> list[_Found]:
    """"信用状况良好，未被列入严重失信主体名单" states one requirement twice."""
    merged: list[_Found] = []
    for item in found:
        twin = next((m for m in merged if item.spec.kind == m.spec.kind == "qualification"
                     and m.spec.options == item.spec.options), None)
        if twin is None:
            merged.append(item)
        elif item.start - twin.end <= 2:  # adjacent clauses: quote them together
            twin.end = item.end
    return merged


def _join_or_clauses(text: str, found: list[_Found]) -> list[_Found]:
    joined: list[_Found] = []
    for item in found:
        last = joined[-1] if joined else None
        previous_end = last.alternatives[-1].end if last and last.alternatives else (
            last.end if last else 0)
        if last is not None and _OR_JOIN.match(text[previous_end:item.start].strip()):
            last.alternatives.append(item)
        else:
            joined.append(item)
    return joined


def _criterion(text: str, item: _Found, context: Context) -> Criterion:
    start, end = clause_span(text, item.start, item.end)
    alternatives = [_criterion(text, alt, context) for alt in item.alternatives]
    if alternatives:
        _, end = clause_span(text, item.alternatives[-1].start, item.alternatives[-1].end)
    spec = item.spec
    description = "，或".join([spec.description, *(a.description for a in alternatives)])
    return Criterion(
        kind=spec.kind, description=description, threshold=spec.threshold, value=spec.value,
        quote=text[start:end], locator=context.locator, comparison=spec.comparison,
        options=spec.options, any_of=alternatives,
    )


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, semicolons, colons, brackets) around ``text[start:end]``."""
    left = start
    while left > 0 and text[left - 1] not in _CLAUSE_BOUNDARY:
        left -= 1
    right = end
    while right < len(text) and text[right] not in _CLAUSE_BOUNDARY:
        right += 1
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    enumerator = _ENUMERATOR.match(text, left)
    if enumerator and enumerator.end() <= start:
        left = enumerator.end()
    return left, right
