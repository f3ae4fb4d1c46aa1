"""Types of the eligibility check: an enterprise's profile, measures with criteria, outcomes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

Comparison = Literal["at_least", "more_than", "at_most", "less_than"]
Outcome = Literal["met", "not_met", "unknown"]
MeasureOutcome = Literal["eligible", "not_eligible", "possible"]
FREE_TEXT_MAX_CHARS = 2000


class EnterpriseProfile(BaseModel):
    """What an enterprise says about itself; every field is optional.

    A qualification written with the prefix "非" (e.g. "非高新技术企业") states that the
    enterprise does *not* hold it; a qualification merely absent from the list is unknown.
    """

    registered_in: str | None = Field(default=None, max_length=100, examples=["澄湾新区"])
    industry: str | None = Field(default=None, max_length=100, examples=["大模型"])
    annual_revenue_wan: float | None = Field(default=None, ge=0, description="上年度营业收入, 万元")
    rd_ratio_percent: float | None = Field(default=None, ge=0, le=100,
                                           description="研发投入占营业收入, %")
    headcount: int | None = Field(default=None, ge=0)
    founded_year: int | None = Field(default=None, ge=1900, le=2100)
    park: str | None = Field(default=None, max_length=100, examples=["模力社区"])
    qualifications: list[Annotated[str, Field(max_length=50)]] = Field(
        default_factory=list, max_length=20, examples=[["高新技术企业"]]
    )
    free_text: str | None = Field(
        default=None, max_length=FREE_TEXT_MAX_CHARS,
        examples=["我们是一家做大模型的初创企业，入驻了模力社区，去年营收800万元"],
    )


class Criterion(BaseModel):
    """One condition of a measure, with the clause it was read from."""

    kind: str = Field(description="registered_in, industry, revenue, rd_ratio, headcount, "
                      "company_age, park, qualification, or a kind the profile cannot answer")
    description: str = Field(examples=["上年度营业收入不低于2000万元"])
    threshold: float | None = Field(default=None, description="万元, %, 人 or 年, by kind")
    value: str | None = Field(default=None, examples=["澄湾新区"])
    quote: str = Field(description="The clause, verbatim in the chunk text")
    locator: str
    comparison: Comparison | None = Field(default=None, description="How threshold compares")
    options: list[str] = Field(default_factory=list,
                               description="Accepted values; any one suffices")
    any_of: list[Criterion] = Field(
        default_factory=list, description="Alternatives: the criterion also holds when one does"
    )


class Exemption(BaseModel):
    """A document's words lifting its conditions for one measure, verbatim."""

    quote: str = Field(examples=["（仅申报数据产品上架奖励的，不受本项条件限制）"])
    locator: str


class Measure(BaseModel):
    """One support item: what is given, to whom, under which criteria."""

    id: str
    doc_id: str
    source: str
    title: str | None = None
    doc_number: str | None = None
    name: str = Field(examples=["降低算力使用成本"])
    support: str = Field(description="The amount or benefit clause")
    quote: str = Field(description="The measure's text, verbatim in the chunk text")
    locator: str
    criteria: list[Criterion] = Field(default_factory=list)
    exemptions: list[Exemption] = Field(
        default_factory=list,
        description="Conditions of the document that do not hold for this measure")


class CriterionOutcome(BaseModel):
    criterion: Criterion
    outcome: Outcome
    reason: str


class MeasureMatch(BaseModel):
    measure: Measure
    outcome: MeasureOutcome
    criteria: list[CriterionOutcome]
    questions: list[str] = Field(default_factory=list)


class EligibilityResult(BaseModel):
    profile: EnterpriseProfile = Field(description="The profile as matched, free text merged in")
    matches: list[MeasureMatch]
    questions: list[str] = Field(default_factory=list,
                                 description="What to ask the enterprise, deduplicated")
