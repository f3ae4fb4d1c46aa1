"""Dependencies shared by the routes: the knowledge base, settings, metrics, guards."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.metrics import Metrics
from api.protection import RateLimiter
from kbqa.config import Settings
from qa.service import KnowledgeBase


def get_kb(request: Request) -> KnowledgeBase:
    return request.app.state.kb  # type: ignore[no-any-return]


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics  # type: ignore[no-any-return]


def rate_limited(request: Request) -> None:
    """Questions from one client IP are limited; over the limit answers 429."""
    limiter: RateLimiter = request.app.state.rate_limiter
    client = request.client.host if request.client else "unknown"
    wait = limiter.take(client)
    if wait > 0:
        raise HTTPException(429, "too many questions from this address; try again shortly",
                            headers={"Retry-After": str(max(1, round(wait)))})


def require_admin(request: Request) -> None:
    """Document writes need ``Authorization: Bearer <KBQA_ADMIN_TOKEN>``; off without one."""
    token = request.app.state.settings.admin_token
    if not token:
        raise HTTPException(403, "document writes are disabled: no admin token is configured")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(403, "invalid admin token")


KB = Annotated[KnowledgeBase, Depends(get_kb)]
AppSettings = Annotated[Settings, Depends(get_settings_dep)]
AppMetrics = Annotated[Metrics, Depends(get_metrics)]
