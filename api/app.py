"""The FastAPI application: thin routes over :class:`qa.service.KnowledgeBase`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool

from api.errors import error_body, install_error_handlers
from api.middleware import FormBodyAsJson
from kbqa.config import Settings, get_settings, quiet_offline_environment
from kbqa.models import AskRequest, AskResponse
from qa.service import KnowledgeBase

_ASK_EXAMPLE = {
    "answer": "截至2025年3月底，平台累计发榜526项，其中企业发榜506项，意向投入超13亿元[1]。",
    "refused": False,
    "citations": [{
        "n": 1, "doc_id": "0f3c…", "title": "关于对浦东新区政协七届四次会议第137号提案的答复",
        "doc_number": "浦科经委办理〔2025〕66号", "source": "000_4cf47a64bc319ecc.txt",
        "locator": "一、整合创新资源，破解协同难题 ¶2",
        "quote": "截至2025年3月底，平台累计发榜526项，其中企业发榜506项，意向投入超13亿元；",
        "score": 0.83,
    }],
    "nearest_documents": [],
    "timings_ms": {"retrieve": 12.1, "answer": 3.4, "total": 16.0},
}


def get_kb(request: Request) -> KnowledgeBase:
    return request.app.state.kb  # type: ignore[no-any-return]


KB = Annotated[KnowledgeBase, Depends(get_kb)]


def create_app(settings: Settings | None = None, kb: KnowledgeBase | None = None) -> FastAPI:
    """Build the app; the knowledge base is made once, in the lifespan, unless given."""
    quiet_offline_environment()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = kb is None
        app.state.kb = kb or KnowledgeBase(settings or get_settings())
        # Load the embedder and keyword index now, not on the first user's request.
        await run_in_threadpool(app.state.kb.ask, "预热")
        try:
            yield
        finally:
            if owned:
                app.state.kb.close()

    app = FastAPI(title="kbqa", version="0.1.0", lifespan=lifespan,
                  description="对答复文件和政策文件的问答服务，每个回答都附可核对的引用。")
    install_error_handlers(app)
    app.add_middleware(FormBodyAsJson)

    @app.get("/healthz", tags=["ops"])
    def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.post(
        "/v1/ask", response_model=AskResponse, tags=["ask"],
        responses={
            200: {"content": {"application/json": {"example": _ASK_EXAMPLE}}},
            422: {"content": {"application/json": {
                "example": error_body("invalid_request", "question: question is empty")}}},
        },
    )
    def ask(body: AskRequest, knowledge_base: KB) -> AskResponse:
        """Answer a question from the knowledge base, with citations, or refuse."""
        return knowledge_base.ask(body.question, body.top_k, body.filters)

    return app
