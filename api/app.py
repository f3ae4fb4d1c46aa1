"""The FastAPI application: thin routes over :class:`qa.service.KnowledgeBase`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from api.errors import install_error_handlers
from api.metrics import Metrics, MetricsMiddleware
from api.middleware import FormBodyAsJson
from api.protection import BodyLimit, RateLimiter
from api.routes import ask, documents, genre, ops, widget
from kbqa.config import Settings, get_settings, quiet_offline_environment
from qa.service import KnowledgeBase

DESCRIPTION = """对答复文件（政协提案、人大代表建议的答复）和政策文件的问答服务。
每个回答的每一句都附有可核对的引用（`[n]` 对应 `citations` 中的原文摘录）；
知识库不能支持回答时明确拒答（`refused: true`）。错误统一为
`{"error": {"code", "message"}}`。"""


def create_app(settings: Settings | None = None, kb: KnowledgeBase | None = None) -> FastAPI:
    """Build the app; the knowledge base is made once, in the lifespan, unless given."""
    quiet_offline_environment()
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.kb = kb or KnowledgeBase(settings)
        # Load the embedder and build the keyword index now, not on a user's request; an
        # English word loads the dictionary English questions are read with (0.45 s).
        await run_in_threadpool(app.state.kb.ask, "预热")
        await run_in_threadpool(app.state.kb.ask, "warm-up")
        app.state.warm = True
        try:
            yield
        finally:
            if kb is None:
                app.state.kb.close()

    # The /docs and /redoc pages load their scripts from this server, not from a CDN.
    app = FastAPIOffline(title="kbqa", version="0.1.0", description=DESCRIPTION,
                         lifespan=lifespan)
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.warm = False
    install_error_handlers(app)
    for router in (ask.router, documents.router, genre.router, ops.router, widget.router):
        app.include_router(router)
    if settings.ui_enabled:
        _mount_ui(app, settings)
    app.add_middleware(FormBodyAsJson)
    app.add_middleware(BodyLimit, limit_for=_body_limit(settings))
    if settings.cors_origin_list():
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origin_list(),
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type"])
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    return app


def _body_limit(settings: Settings):  # type: ignore[no-untyped-def]
    upload_limit = int(settings.max_file_mb * 1024 * 1024) * settings.max_upload_files + 65536
    json_limit = settings.max_body_kb * 1024

    def limit_for(method: str, path: str) -> int:
        if method == "POST" and path.rstrip("/") == "/v1/documents":
            return upload_limit
        if path.startswith("/ui"):
            return upload_limit  # the UI's own upload form
        return json_limit

    return limit_for


def _mount_ui(app: FastAPI, settings: Settings) -> None:
    from ui.app import mount_ui  # Gradio is imported only when the UI is served

    mount_ui(app, lambda: app.state.kb, settings)
