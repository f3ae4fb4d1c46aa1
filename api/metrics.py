"""Prometheus metrics: requests and latency by route, answers vs refusals, ingest counts."""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class Metrics:
    """One registry per app, so several apps in one process (tests) do not collide."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("kbqa_http_requests_total", "HTTP requests",
                                ["route", "method", "status"], registry=self.registry)
        self.latency = Histogram("kbqa_http_request_seconds", "HTTP request latency",
                                 ["route"], registry=self.registry,
                                 buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
        self.answers = Counter("kbqa_answers_total", "Questions answered or refused",
                               ["outcome"], registry=self.registry)
        self.ingested = Counter("kbqa_ingested_files_total", "Files ingested through the API",
                                ["status"], registry=self.registry)

    def record_answer(self, refused: bool) -> None:
        self.answers.labels("refused" if refused else "answered").inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Counts every request under its route template (not the raw path: ids stay out)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = _route_template(scope)
        status = 500
        start = time.perf_counter()

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            self.metrics.requests.labels(route, scope["method"], str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - start)


def _route_template(scope: Scope) -> str:
    app = scope.get("app")
    for route in getattr(getattr(app, "router", None), "routes", []):
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return str(getattr(route, "path", scope["path"]))
    return "unmatched"
