"""Judging a measure's criteria against an enterprise profile.

"met" needs a value the profile states that satisfies the criterion; a field the profile
leaves empty is "unknown" and becomes a question; only a stated value that contradicts the
criterion is "not_met". Kinds the profile has no field for (项目总投资, 税务登记…) stay
"unknown" and are asked about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from qa.eligibility.models import (
    Comparison,
    Criterion,
    CriterionOutcome,
    EnterpriseProfile,
    Measure,
    MeasureMatch,
    MeasureOutcome,
    Outcome,
)
from qa.eligibility.profile import stated_age_months
from qa.eligibility.vocabulary import (
    QUALIFICATION_BY_NAME,
    holds,
    industries_in,
    is_within,
    same_district,
    same_park,
)

# Statuses every applicant must keep (法人, 信用, 安全); the others say whom a measure is for.
STATUS_QUALIFICATIONS = frozenset({"独立法人资格", "信用良好", "无重大事故", "按规定缴纳社会保险"})

_QUESTIONS = {
    "registered_in": "贵企业在哪个区注册登记？",
    "industry": "贵企业主要从事什么行业？",
    "revenue": "贵企业上年度营业收入是多少？",
    "rd_ratio": "贵企业上年度研发投入占营业收入的比例是多少？",
    "headcount": "贵企业现有职工人数是多少？",
    "company_age": "贵企业成立于哪一年？",
    "park": "贵企业入驻了哪个园区或社区？",
    "tax_registration": "贵企业的税务登记关系（税收户管）是否在本区？",
    "product_sales": "贵企业相关产品上年度销售收入是多少？",
    "registered_capital": "贵企业实缴注册资本是多少？",
    "investment": "贵企业拟申报项目的总投资是多少？",
}
_THRESHOLD_FIELDS = {
    "revenue": ("annual_revenue_wan", "上年度营业收入", "万元"),
    "rd_ratio": ("rd_ratio_percent", "研发投入占比", "%"),
    "headcount": ("headcount", "职工人数", "人"),
}
_MEASURE_ORDER = {"eligible": 0, "possible": 1, "not_eligible": 2}


@dataclass(frozen=True)
class Verdict:
    """A criterion's outcome, why, and what to ask when it is unknown."""

    outcome: Outcome
    reason: str
    questions: tuple[str, ...] = ()


def assess(measure: Measure, profile: EnterpriseProfile, year: int) -> MeasureMatch:
    """Judge every criterion of ``measure``; ``year`` is the current year (for 成立…年)."""
    outcomes: list[CriterionOutcome] = []
    questions: list[str] = []
    for criterion in measure.criteria:
        verdict = judge(criterion, profile, year)
        outcomes.append(CriterionOutcome(criterion=criterion, outcome=verdict.outcome,
                                         reason=verdict.reason))
        questions.extend(q for q in verdict.questions if q not in questions)
    return MeasureMatch(measure=measure, outcome=_measure_outcome(outcomes),
                        criteria=outcomes, questions=questions)


def _measure_outcome(outcomes: list[CriterionOutcome]) -> MeasureOutcome:
    if any(o.outcome == "not_met" for o in outcomes):
        return "not_eligible"
    # A measure whose text names no condition we could read is never "eligible".
    if outcomes and all(o.outcome == "met" for o in outcomes):
        return "eligible"
    return "possible"


def rank_key(match: MeasureMatch) -> tuple[int, int, int, int]:
    """Eligible first; then possible ones that fit the profile's industry, park or status
    best, with the fewest unknowns; not eligible last."""
    targeted = sum(o.outcome == "met" and targets(o.criterion) for o in match.criteria)
    unknown = sum(o.outcome == "unknown" for o in match.criteria)
    met = sum(o.outcome == "met" for o in match.criteria)
    return _MEASURE_ORDER[match.outcome], -targeted, unknown, -met


def targets(criterion: Criterion) -> bool:
    """The criterion says whom the measure is for: an industry, a park, a recognition."""
    if criterion.kind in ("industry", "park"):
        return True
    return criterion.kind == "qualification" and not set(criterion.options) <= (
        STATUS_QUALIFICATIONS)


def off_target(match: MeasureMatch) -> bool:
    """The profile states an industry, park or recognition the measure is not for."""
    return any(o.outcome == "not_met" and targets(o.criterion) for o in match.criteria)


def judge(criterion: Criterion, profile: EnterpriseProfile, year: int) -> Verdict:
    """One criterion against the profile; alternatives (``any_of``) hold when any one does."""
    verdicts = [_judge_one(c, profile, year) for c in (criterion, *criterion.any_of)]
    if len(verdicts) == 1:
        return verdicts[0]
    reason = "；".join(v.reason for v in verdicts)
    if any(v.outcome == "met" for v in verdicts):
        return Verdict("met", reason)
    if all(v.outcome == "not_met" for v in verdicts):
        return Verdict("not_met", reason)
    return Verdict("unknown", reason, tuple(q for v in verdicts for q in v.questions))


def _judge_one(criterion: Criterion, profile: EnterpriseProfile, year: int) -> Verdict:
    if criterion.kind in _THRESHOLD_FIELDS:
        return _threshold(criterion, profile)
    judges: dict[str, Callable[[Criterion, EnterpriseProfile], Verdict]] = {
        "registered_in": _registered_in, "industry": _industry, "park": _park,
        "qualification": _qualification,
    }
    if criterion.kind in judges:
        return judges[criterion.kind](criterion, profile)
    if criterion.kind == "company_age":
        return _company_age(criterion, profile, year)
    return Verdict("unknown", f"企业信息中没有“{criterion.description}”的情况",
                   (_unanswerable_question(criterion),))


def _unanswerable_question(criterion: Criterion) -> str:
    if criterion.kind in _QUESTIONS:
        return _QUESTIONS[criterion.kind]
    if criterion.kind == "business_share":
        return f"贵企业{criterion.value}占营业收入的比重是多少？"
    if criterion.kind == "talent":
        return f"贵企业是否{criterion.description}？"
    return f"贵企业是否符合“{criterion.description}”？"


def _missing(criterion: Criterion, what: str) -> Verdict:
    return Verdict("unknown", f"未提供{what}", (_QUESTIONS[criterion.kind],))


def _compare(value: float, comparison: Comparison | None, threshold: float) -> bool:
    if comparison == "more_than":
        return value > threshold
    if comparison == "at_most":
        return value <= threshold
    if comparison == "less_than":
        return value < threshold
    return value >= threshold


def _threshold(criterion: Criterion, profile: EnterpriseProfile) -> Verdict:
    field_name, label, unit = _THRESHOLD_FIELDS[criterion.kind]
    value = getattr(profile, field_name)
    if value is None or criterion.threshold is None:
        return _missing(criterion, label)
    ok = _compare(float(value), criterion.comparison, criterion.threshold)
    stated = f"{label}{float(value):g}{unit}"
    return Verdict("met" if ok else "not_met",
                   f"{stated}，{'满足' if ok else '不满足'}“{criterion.description}”")


def _registered_in(criterion: Criterion, profile: EnterpriseProfile) -> Verdict:
    if not profile.registered_in:
        return _missing(criterion, "注册地")
    if criterion.value is None:
        return Verdict("unknown", "政策只写“本区”，未写明区名", (_QUESTIONS["registered_in"],))
    ok = same_district(profile.registered_in, criterion.value)
    return Verdict("met" if ok else "not_met",
                   f"注册地为{profile.registered_in}，{'是' if ok else '不是'}{criterion.value}")


def _industry(criterion: Criterion, profile: EnterpriseProfile) -> Verdict:
    if not profile.industry:
        return _missing(criterion, "所属行业")
    stated = industries_in(profile.industry) or [profile.industry]
    wanted = "或".join(criterion.options)
    if any(is_within(s, o) for s in stated for o in criterion.options):
        return Verdict("met", f"所属行业为{profile.industry}，属于{wanted}")
    if any(is_within(o, s) for s in stated for o in criterion.options):
        # "人工智能" is broader than "大模型": the enterprise may or may not do this.
        return Verdict("unknown", f"所属行业为{profile.industry}，未说明是否从事{wanted}",
                       (f"贵企业是否从事{wanted}相关业务？",))
    if not industries_in(profile.industry):
        return Verdict("unknown", f"无法判断“{profile.industry}”是否属于{wanted}",
                       (f"贵企业是否从事{wanted}相关业务？",))
    return Verdict("not_met", f"所属行业为{profile.industry}，不属于{wanted}")


def _park(criterion: Criterion, profile: EnterpriseProfile) -> Verdict:
    if not profile.park:
        return _missing(criterion, "入驻园区")
    ok = same_park(profile.park, criterion.value or "")
    return Verdict("met" if ok else "not_met",
                   f"入驻{profile.park}，{'即' if ok else '不是'}{criterion.value}")


def _qualification(criterion: Criterion, profile: EnterpriseProfile) -> Verdict:
    held, lacked = holds(profile.qualifications)
    options = criterion.options or ([criterion.value] if criterion.value else [])
    wanted = "或".join(options)
    found = [o for o in options if o in held]
    if found:
        return Verdict("met", f"企业已具备{found[0]}")
    if options and all(o in lacked for o in options):
        return Verdict("not_met", f"企业表示不具备{wanted}")
    if len(options) == 1 and options[0] in QUALIFICATION_BY_NAME:
        question = QUALIFICATION_BY_NAME[options[0]].question
    else:
        question = f"贵企业是否为{wanted}？"
    return Verdict("unknown", f"未说明是否具备{wanted}", (question,))


def _age_told(criterion: Criterion, told: tuple[int, int]) -> Verdict:
    """Judged from the age the enterprise says in months ("刚成立半年"): decided when its
    youngest and oldest readings agree."""
    youngest, oldest = told
    limit = 12 * (criterion.threshold or 0)
    comparison = criterion.comparison
    said = f"{youngest}个月" if youngest == oldest else f"{youngest}至{oldest}个月"
    if comparison == "less_than":
        ok = True if oldest < limit else False if youngest >= limit else None
    elif comparison == "at_most":
        ok = True if oldest <= limit else False if youngest > limit else None
    elif comparison == "more_than":
        ok = True if youngest > limit else False if oldest <= limit else None
    else:
        ok = True if youngest >= limit else False if oldest < limit else None
    if ok is None:
        return Verdict("unknown", f"成立{said}，需按具体成立日期判断“{criterion.description}”",
                       ("贵企业的具体成立日期是哪一天？",))
    return Verdict("met" if ok else "not_met",
                   f"成立{said}，{'满足' if ok else '不满足'}“{criterion.description}”")


def _company_age(criterion: Criterion, profile: EnterpriseProfile, year: int) -> Verdict:
    """Years since founding known to within one year: decide only when both ends agree."""
    founded = profile.founded_year
    if founded is None and criterion.threshold is not None:
        told = stated_age_months(profile.free_text or "")
        if told is not None:
            return _age_told(criterion, told)
    if founded is None or criterion.threshold is None:
        return _missing(criterion, "成立年份")
    if founded > year:
        return Verdict("unknown", f"成立年份{founded}晚于今年", (_QUESTIONS["company_age"],))
    youngest, oldest = max(year - founded - 1, 0), year - founded + 1
    limit = criterion.threshold
    young_enough = criterion.comparison in ("less_than", "at_most")
    ok: bool | None = None
    if oldest <= limit:
        ok = young_enough
    elif youngest >= limit:
        ok = not young_enough
    if ok is None:
        return Verdict("unknown", f"{founded}年成立，需按具体成立日期判断“{criterion.description}”",
                       ("贵企业的具体成立日期是哪一天？",))
    return Verdict("met" if ok else "not_met",
                   f"{founded}年成立，{'满足' if ok else '不满足'}“{criterion.description}”")
