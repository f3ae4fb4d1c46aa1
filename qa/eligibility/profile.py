"""An enterprise's profile from what it writes about itself, and eligibility questions.

Only what the text states is taken: "初创企业" gives no founding year, "我们想申请大模型补贴"
gives no industry. A field the text does not state stays empty.
"""

from __future__ import annotations

import re

from qa.eligibility.models import FREE_TEXT_MAX_CHARS, EnterpriseProfile
from qa.eligibility.vocabulary import (
    NEGATION_PREFIX,
    QUALIFICATIONS,
    Qualification,
    industries_in,
    number,
    wan,
)
from qa.text import FIRST_PERSON, normalise_question

# District names have two characters before 新区/区/县 ("浦东新区", "徐汇区"); a longer run
# would swallow the word before it ("是澄湾新区").
_DISTRICT = r"(?P<d>[\u4e00-\u9fff]{2}(?:新区|区|县))"
_REGISTERED_STATED = [
    re.compile(rf"注册(?:地址?)?(?:在|于|为|是)\s*(?:[\u4e00-\u9fff]{{2,3}}市)?{_DISTRICT}"),
    re.compile(rf"在(?:[\u4e00-\u9fff]{{2,3}}市)?{_DISTRICT}(?:依法)?(?:注册|登记)"),
    re.compile(rf"{_DISTRICT}(?:依法)?注册(?:成立)?的"),
]
_REVENUE_STATED = re.compile(
    r"(?:营收|营业收入|销售收入|销售额|年收入|收入)(?:规模)?"
    r"(?:只有|仅有|才有|才|只|仅|就|也就|刚|大概|大约|约为|约|为|是|达到|达|有|共)*"
    r"\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<u>万元|万|亿元|亿)"
)
_RD_STATED = re.compile(
    r"研发(?:投入|费用|经费)?(?:占(?:营收|营业收入|收入|销售收入)的?(?:比重|比例)?|占比)"
    r"(?:只有|仅有|才|只|仅|就|大概|大约|约为|约|为|是|达到|达|有)*\s*(?P<n>\d+(?:\.\d+)?)\s*%"
)
_HEADCOUNT_STATED = [
    re.compile(r"(?:员工|职工|雇员|人员)(?:总数|人数|规模)?(?:共|有|约为|约|为|是|达到|达)*\s*"
               r"(?P<n>\d+)\s*多?(?:人|名)"),
    re.compile(r"(?P<n>\d+)\s*多?(?:名|个)(?:员工|职工)"),
]
_FOUNDED_STATED = [
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?:在[^，。；,;]{1,12})?(?:注册)?(?:成立|设立|创立|创办)"),
    re.compile(r"(?:成立|设立|创立|创办)(?:于|在)\s*(?P<y>(?:19|20)\d{2})\s*年"),
]
# How long ago the enterprise was founded, said without a year ("刚成立半年", "成立不到两年",
# "成立一年多"): the months it may be old, from the youngest to the oldest reading.
_AGE_STATED = re.compile(
    r"成立(?:了|才|刚)?(?P<under>不到|不满|未满|不足)?(?P<n>半|[一二两三四五六七八九十\d]+)"
    r"(?P<half>个半|年半)?(?:个)?(?P<u>年|月)?(?P<more>多)?")
_PARK_STATED = re.compile(
    r"(?:入驻|落户|进驻|搬进|位于)(?:了|在|于|到)*\s*(?P<p>[\u4e00-\u9fff]{2,10}?"
    r"(?:社区|产业园|科技园|园区|科学城|创新港|医药港|基地|孵化器))"
)
_DOES = re.compile(r"(?:做|从事|专注|主营|聚焦|深耕|一家|属于|我们是|我司是|公司是)"
                   r"(?P<w>[^，。；！？,;!?]{0,14})")
_NEGATED = re.compile(r"不是|并非|不属于|尚未|没有|未被|未获|还没|不具备")
_NEGATION_WINDOW = 6

_DESCRIBED_FIRM = re.compile(r"的(?:企业|公司|初创团队)|(?:企业|公司)(?:能|可以|可|有|适合)")
_ASKS_SUPPORT = re.compile(
    r"(?:能|可以|可|该|能够)(?:申请|申报|享受|拿到?|获得|领取?)"
    r"|有(?:什么|哪些|啥)(?:支持|政策|补贴|扶持|优惠|奖励|资助|补助)"
    r"|符合(?:什么|哪些|啥)|(?:申请|申报|享受)(?:什么|哪些|啥)|适用(?:什么|哪些)"
    r"|能不能(?:申请|享受|拿)|有没有(?:支持|政策|补贴|扶持|优惠)"
)


def profile_from_text(text: str) -> EnterpriseProfile:
    """The fields ``text`` states about the enterprise; nothing is guessed."""
    original = text or ""
    # Simplified script and half-width digits, as questions are normalised ("營收８００萬").
    text = normalise_question(original) if original.strip() else ""
    return EnterpriseProfile(
        registered_in=_first_group(_REGISTERED_STATED, text, "d"),
        industry=_industry(text),
        annual_revenue_wan=_revenue(text),
        rd_ratio_percent=_float(_RD_STATED.search(text)),
        headcount=_int(_first_group(_HEADCOUNT_STATED, text, "n")),
        founded_year=_int(_first_group(_FOUNDED_STATED, text, "y")),
        park=_first_group([_PARK_STATED], text, "p"),
        qualifications=_qualifications(text),
        free_text=original[:FREE_TEXT_MAX_CHARS] or None,
    )


def stated_age_months(text: str) -> tuple[int, int] | None:
    """The enterprise's age in months as its text says it without a year, youngest and
    oldest reading: "刚成立半年" → (6, 6), "成立不到一年" → (0, 11), "成立两年多" →
    (24, 35); None when the text says none."""
    match = _AGE_STATED.search(normalise_question(text or ""))
    if match is None:
        return None
    half = match.group("half")
    unit = match.group("u") or ("年" if half == "年半" else None)
    if match.group("n") == "半":
        months = 6 if unit in (None, "年") else 0
        if not months:
            return None  # "成立半个月"
    else:
        n = number(match.group("n"))
        if n is None or unit is None:
            return None
        months = n * 12 if unit == "年" else n
        if half:
            months += 6 if unit == "年" or half == "年半" else 0
    if match.group("under"):
        return 0, months - 1
    if match.group("more"):
        return months, months + (11 if unit == "年" else 0)
    return months, months


def resolve_profile(profile: EnterpriseProfile) -> EnterpriseProfile:
    """Explicit fields, completed from what the free text states (explicit fields win)."""
    if not profile.free_text:
        return profile
    stated = profile_from_text(profile.free_text)
    merged = {
        name: value if value is not None else getattr(stated, name)
        for name, value in profile.model_dump(exclude={"qualifications", "free_text"}).items()
    }
    explicit = list(profile.qualifications)
    bare = {q.removeprefix(NEGATION_PREFIX) for q in explicit}
    # The text adds qualifications; it never contradicts one the form states.
    extra = [q for q in stated.qualifications if q.removeprefix(NEGATION_PREFIX) not in bare]
    return EnterpriseProfile(**merged, qualifications=[*explicit, *extra],
                             free_text=profile.free_text)


def eligibility_question(question: str) -> bool:
    """"我们是做大模型的，入驻了模力社区，有什么支持？": an enterprise asks what it can get."""
    return bool(_ASKS_SUPPORT.search(question)
                and (FIRST_PERSON.search(question) or _DESCRIBED_FIRM.search(question)))


def _first_group(patterns: list[re.Pattern[str]], text: str, group: str) -> str | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match.group(group)
    return None


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _float(match: re.Match[str] | None) -> float | None:
    return float(match.group("n")) if match else None


def _revenue(text: str) -> float | None:
    match = _REVENUE_STATED.search(text)
    return wan(match.group("n"), match.group("u")) if match else None


def _industry(text: str) -> str | None:
    """The industry named right after "做 / 从事 / 是一家…" ("我们是做大模型的")."""
    for match in _DOES.finditer(text):
        names = industries_in(match.group("w"))
        if names:
            return names[0]
    return None


def _qualifications(text: str) -> list[str]:
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    for qualification in QUALIFICATIONS:
        for match in qualification.in_profile.finditer(text):
            if any(s <= match.start() and match.end() <= e for s, e in taken):
                continue  # "中小企业" inside "科技型中小企业"
            taken.append(match.span())
            name = _stated(qualification, text, match)
            if name not in found:
                found.append(name)
        denied = qualification.denied.search(text) if qualification.denied else None
        if denied and f"{NEGATION_PREFIX}{qualification.name}" not in found:
            found = [n for n in found if n != qualification.name]
            found.append(f"{NEGATION_PREFIX}{qualification.name}")
    return found


def _stated(qualification: Qualification, text: str, match: re.Match[str]) -> str:
    """The qualification's name, or "非…" when the words before it deny it ("还不是高企")."""
    before = text[max(0, match.start() - _NEGATION_WINDOW) : match.start()]
    if qualification.category and _NEGATED.search(before):
        return f"{NEGATION_PREFIX}{qualification.name}"
    return qualification.name
