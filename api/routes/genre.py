"""What the genre holds beyond single answers: the commitments register, eligibility."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse

from api.deps import KB, rate_limited
from qa.commitments import Commitment, to_csv
from qa.eligibility import EligibilityResult, EnterpriseProfile

router = APIRouter(prefix="/v1", tags=["genre"])


@router.get("/commitments", response_model=list[Commitment], summary="承诺事项台账",
            responses={200: {"content": {"text/csv": {}}}})
def list_commitments(
    kb: KB,
    agency: Annotated[str | None, Query(max_length=100, examples=["区知识产权局"])] = None,
    year: Annotated[int | None, Query(ge=1990, le=2100, examples=[2025])] = None,
    topic: Annotated[str | None, Query(max_length=100, examples=["融资服务中心"])] = None,
    format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
) -> list[Commitment] | PlainTextResponse:
    """Every commitment made in the reply documents, with the later reports on it."""
    items = kb.commitments.filter(agency=agency, year=year, topic=topic)
    if format == "csv":
        return PlainTextResponse(to_csv(items), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition":
                                          'attachment; filename="commitments.csv"'})
    return items


@router.post("/eligibility", response_model=EligibilityResult, summary="企业适用政策匹配",
             dependencies=[Depends(rate_limited)])
async def eligibility(profile: EnterpriseProfile, kb: KB) -> EligibilityResult:
    """Measures that may apply to an enterprise, each criterion met / not met / unknown."""
    return await run_in_threadpool(kb.eligibility.match, profile)
