"""Names the eligibility check recognises: industries, qualifications, districts, numbers.

Policy text and enterprises name the same things differently ("高企" for 高新技术企业,
"做芯片的" for 集成电路); both sides are mapped onto the canonical names listed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


@dataclass(frozen=True)
class Industry:
    """An industry and the words that name it; ``parent`` is the broader industry."""

    name: str
    terms: tuple[str, ...]
    parent: str | None = None


INDUSTRIES: tuple[Industry, ...] = (
    Industry("大模型", ("大模型", "大语言模型", "生成式人工智能", "AIGC", "LLM", "垂类模型"),
             parent="人工智能"),
    Industry("人工智能", ("人工智能", "AI", "机器学习", "深度学习", "计算机视觉", "智能语音",
                      "算力服务", "智能算法")),
    Industry("集成电路", ("集成电路", "芯片", "半导体")),
    Industry("跨境电商", ("跨境电商", "跨境电子商务")),
    Industry("生物医药", ("生物医药", "创新药", "医疗器械", "生物技术", "医药")),
    Industry("新能源汽车", ("新能源汽车", "智能网联汽车", "电动汽车")),
    Industry("智能制造", ("智能制造", "工业互联网", "工业机器人")),
    Industry("软件和信息服务", ("软件开发", "信息技术服务", "SaaS", "软件")),
    # Industries no measure here targets: they let a profile be told "not this industry".
    Industry("餐饮", ("餐饮", "餐厅", "饭店")),
    Industry("零售", ("零售", "商超", "便利店")),
    Industry("物流", ("物流", "快递", "仓储")),
    Industry("房地产", ("房地产", "地产")),
    Industry("金融", ("金融服务", "银行业", "保险业", "证券")),
    Industry("纺织服装", ("纺织", "服装")),
    Industry("建筑", ("建筑", "装修")),
    Industry("教育培训", ("教育", "培训机构")),
)
_INDUSTRY_BY_NAME = {industry.name: industry for industry in INDUSTRIES}


def _term_pattern(term: str) -> str:
    # Latin terms ("AI") must stand alone: not the "ai" of "email".
    return rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])" if term.isascii() else re.escape(term)


# Longest terms first, so "生成式人工智能" is read as 大模型 before "人工智能" can match inside it.
_TERM_TO_INDUSTRY = {t: i.name for i in INDUSTRIES for t in i.terms}
_ANY_INDUSTRY_TERM = re.compile(
    "|".join(_term_pattern(t) for t in sorted(_TERM_TO_INDUSTRY, key=len, reverse=True)),
    re.IGNORECASE,
)
_TERM_BY_LOWER = {t.lower(): name for t, name in _TERM_TO_INDUSTRY.items()}


def industries_in(text: str) -> list[str]:
    """Canonical industries that ``text`` names, in the order they first appear."""
    names: list[str] = []
    for match in _ANY_INDUSTRY_TERM.finditer(text):
        name = _TERM_BY_LOWER[match.group(0).lower()]
        if name not in names:
            names.append(name)
    return names


def industry_terms() -> list[str]:
    """Every industry term, longest first (for building regexes)."""
    terms = {t for industry in INDUSTRIES for t in industry.terms}
    return sorted(terms, key=len, reverse=True)


def is_within(industry: str, broader: str) -> bool:
    """``industry`` is ``broader`` or one of its sub-industries."""
    current: str | None = industry
    while current is not None:
        if current == broader:
            return True
        current = _INDUSTRY_BY_NAME[current].parent if current in _INDUSTRY_BY_NAME else None
    return False


@dataclass(frozen=True)
class Qualification:
    """A status an enterprise holds (a recognition, legal form, clean record)."""

    name: str
    in_policy: re.Pattern[str]      # how a policy states the requirement
    in_profile: re.Pattern[str]     # how an enterprise says it holds it
    question: str
    category: bool = False          # an enterprise category: several may be alternatives
    implies: tuple[str, ...] = ()
    denied: re.Pattern[str] | None = None  # how an enterprise says it does not hold it


_QUOTE = "[“”\"'‘’]?"
LITTLE_GIANT = "专精特新“小巨人”企业"
SRDI_SME = "专精特新中小企业"
SME = "中小企业"
CREDIT = "信用良好"
NO_ACCIDENT = "无重大事故"
SOCIAL_INSURANCE = "按规定缴纳社会保险"

QUALIFICATIONS: tuple[Qualification, ...] = (
    Qualification(
        LITTLE_GIANT,
        re.compile(rf"(?:国家级)?专精特新\s*{_QUOTE}小巨人{_QUOTE}(?:企业)?"),
        re.compile(r"小巨人"),
        "贵企业是否为专精特新“小巨人”企业？", category=True, implies=(SRDI_SME, SME),
    ),
    Qualification(
        SRDI_SME,
        re.compile(r"(?:市级|区级|省级)?专精特新中小企业"),
        re.compile(rf"专精特新(?!\s*{_QUOTE}小巨人)"),
        "贵企业是否为专精特新中小企业？", category=True, implies=(SME,),
    ),
    Qualification(
        "高新技术企业", re.compile(r"(?:国家)?高新技术企业"),
        re.compile(r"高新技术企业|高企|高新企业"), "贵企业是否为高新技术企业？", category=True,
    ),
    Qualification(
        "科技型中小企业", re.compile(r"科技型中小企业"), re.compile(r"科技型中小企业|科小"),
        "贵企业是否为科技型中小企业？", category=True, implies=(SME,),
    ),
    Qualification(
        SME, re.compile(r"符合国家中小企业划型标准|中小企业"),
        re.compile(r"中小企业|小微企业"), "贵企业是否属于中小企业？", category=True,
    ),
    Qualification(
        "独立法人资格", re.compile(r"(?:具有|具备)?独立法人资格"), re.compile(r"独立法人"),
        "贵企业是否具有独立法人资格？",
    ),
    Qualification(
        CREDIT,
        re.compile(r"信用(?:状况)?良好|(?:未被列入|无|存在)?严重失信(?:主体名单|记录)"),
        re.compile(r"信用(?:状况|记录)?良好|(?:无|没有|未被列入)(?:严重)?失信"),
        "贵企业信用状况是否良好（无严重失信记录）？",
        denied=re.compile(r"(?<![无没未])(?:有|存在|被列入)(?:过)?(?:严重)?失信"),
    ),
    Qualification(
        NO_ACCIDENT,
        re.compile(r"(?:近[一二三四五\d]年(?:内)?)?未发生(?:过)?重大[^，。；]{0,12}?事故"),
        # "没有发生过安全事故" says nothing of environmental or quality accidents.
        re.compile(r"(?:未|没有|没|无)(?:发生)?(?:过)?(?:任何)?(?:重大)?(?:安全、环保、质量|安全环保质量)?"
                   r"事故"),
        "贵企业近三年是否未发生重大安全、环保、质量事故？",
        denied=re.compile(r"(?<![未没无])(?<!没有)发生(?:过)?重大[^，。；]{0,10}?事故"),
    ),
    Qualification(
        SOCIAL_INSURANCE, re.compile(r"按规定为职工缴纳社会保险费?"),
        re.compile(r"(?<![没未])(?:按规定)?(?:为职工|为员工)?缴纳(?:了)?(?:社会保险|社保)"),
        "贵企业是否按规定为职工缴纳社会保险费？",
        denied=re.compile(r"(?:没有|未|没)(?:按规定)?(?:为职工|为员工)?缴纳(?:社会保险|社保)"),
    ),
    Qualification(
        "生成式人工智能服务备案",
        re.compile(r"通过(?:国家)?生成式人工智能服务备案"),
        re.compile(r"(?:通过|完成|取得)(?:了)?(?:国家)?(?:生成式人工智能(?:服务)?|大模型)备案"),
        "贵企业是否已通过国家生成式人工智能服务备案？",
        denied=re.compile(r"(?:尚未|没有|未)(?:通过|完成)?[^，。；]{0,8}?备案"),
    ),
)
QUALIFICATION_BY_NAME = {q.name: q for q in QUALIFICATIONS}
NEGATION_PREFIX = "非"


def holds(qualifications: list[str]) -> tuple[set[str], set[str]]:
    """Canonical qualifications a profile states it holds, and those it states it lacks."""
    held: set[str] = set()
    lacked: set[str] = set()
    for raw in qualifications:
        text = raw.strip()
        negated = text.startswith(NEGATION_PREFIX) and not text.startswith("非常")
        names = canonical_qualifications(text[1:] if negated else text)
        (lacked if negated else held).update(names)
    for name in list(held):
        held.update(QUALIFICATION_BY_NAME[name].implies)
    return held, lacked


def canonical_qualifications(text: str) -> list[str]:
    """Canonical names of the qualifications ``text`` states (as a profile would say them)."""
    names = [q.name for q in QUALIFICATIONS if q.in_profile.search(text) or q.name == text]
    # "专精特新中小企业" also contains "中小企业": the narrower name implies the broader one.
    return [n for n in names if not any(n in QUALIFICATION_BY_NAME[o].implies for o in names)]


_DISTRICT_IN_TEXT = re.compile(r"([\u4e00-\u9fff]{2}新区)")
_CITY_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}市)")
_DISTRICT_SUFFIX = re.compile(r"(?:新区|区|县)$")


def district_of(*texts: str | None) -> str | None:
    """The district a document is about, from its title or agency ("澄湾新区…")."""
    for text in texts:
        match = _DISTRICT_IN_TEXT.search(text or "")
        if match:
            return match.group(1)
    return None


def same_district(a: str, b: str) -> bool:
    """"上海市浦东新区", "浦东新区" and "浦东" name the same district."""
    def bare(name: str) -> str:
        return _DISTRICT_SUFFIX.sub("", _CITY_PREFIX.sub("", name.strip()))
    return bool(bare(a)) and bare(a) == bare(b)


def same_park(a: str, b: str) -> bool:
    """Park names match when one contains the other ("模力社区" in "浦东模力社区")."""
    a, b = a.strip(), b.strip()
    return bool(a and b) and (a in b or b in a)


def number(text: str) -> int | None:
    """An Arabic or small Chinese number: "3" → 3, "三" → 3, "十" → 10."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if len(text) == 1 and text in _CN_DIGITS:
        return _CN_DIGITS[text]
    if len(text) == 2 and text[0] == "十" and text[1] in _CN_DIGITS:
        return 10 + _CN_DIGITS[text[1]]
    return None


def wan(amount: str, unit: str) -> float:
    """An amount in 万元: "1.2" 亿元 → 12000.0."""
    value = float(amount)
    return value * 10000 if unit.startswith("亿") else value
