"""Eligibility check: which measures of the policies and replies an enterprise can apply for.

``models`` holds the types, ``criteria`` reads conditions from a passage, ``measures`` reads
support items from stored documents, ``profile`` reads what an enterprise says about itself,
``judge`` decides met / not met / unknown, and ``matcher`` ties them to the store.
"""

from qa.eligibility.matcher import EligibilityMatcher
from qa.eligibility.models import (
    Criterion,
    CriterionOutcome,
    EligibilityResult,
    EnterpriseProfile,
    Measure,
    MeasureMatch,
)
from qa.eligibility.profile import eligibility_question, profile_from_text, resolve_profile

__all__ = [
    "Criterion",
    "CriterionOutcome",
    "EligibilityMatcher",
    "EligibilityResult",
    "EnterpriseProfile",
    "Measure",
    "MeasureMatch",
    "eligibility_question",
    "profile_from_text",
    "resolve_profile",
]
