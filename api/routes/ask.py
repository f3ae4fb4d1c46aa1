"""Questions: ``/v1/ask``, its Server-Sent Events stream, and OpenAI-compatible chat."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from api.chat import ChatRequest, chat_response, chat_stream_chunks, question_of
from api.deps import KB, AppMetrics, rate_limited
from api.errors import error_body
from kbqa.models import AskRequest, AskResponse

router = APIRouter(prefix="/v1", tags=["ask"], dependencies=[Depends(rate_limited)])

_ASK_EXAMPLE = {
    "answer": "截至2025年3月底，平台累计发榜526项，其中企业发榜506项，意向投入超13亿元[1]。",
    "refused": False,
    "citations": [{
        "n": 1, "doc_id": "e85fbe92e09b816d",
        "title": "关于对浦东新区政协七届四次会议第137号提案的答复",
        "doc_number": "浦科经委办理〔2025〕66号", "source": "000_4cf47a64bc319ecc.txt",
        "locator": "一、整合创新资源，破解协同难题 ¶2",
        "quote": "截至2025年3月底，平台累计发榜526项，其中企业发榜506项，意向投入超13亿元；",
        "score": 0.97,
    }],
    "nearest_documents": [],
    "timings_ms": {"retrieve": 12.1, "answer": 3.4, "total": 16.0},
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"description": "Invalid question", "content": {"application/json": {
        "example": error_body("invalid_request", "question: question is empty")}}},
    429: {"description": "Rate limited; see Retry-After", "content": {"application/json": {
        "example": error_body("rate_limited", "too many questions from this address")}}},
}
_SSE_EXAMPLE = (
    'event: citations\ndata: {"refused": false, "citations": [{"n": 1, "quote": "…526项…"}]}\n\n'
    'event: delta\ndata: {"text": "截至2025年3月底，平台累计发榜526项…[1]。"}\n\n'
    'event: done\ndata: {"refused": false, "timings_ms": {"total": 16.0}}\n\n'
)


@router.post("/ask", response_model=AskResponse, summary="回答问题（附引用）",
             responses={200: {"content": {"application/json": {"example": _ASK_EXAMPLE}}},
                        **_ERRORS})
async def ask(body: AskRequest, kb: KB, metrics: AppMetrics) -> AskResponse:
    """Answer a question from the knowledge base with citations, or refuse."""
    response = await run_in_threadpool(kb.ask, body.question, body.top_k, body.filters)
    metrics.record_answer(response.refused)
    return response


@router.post("/ask/stream", summary="流式回答（Server-Sent Events）",
             response_class=StreamingResponse,
             responses={200: {"description": "citations, then delta events, then done",
                              "content": {"text/event-stream": {"example": _SSE_EXAMPLE}}},
                        **_ERRORS})
async def ask_stream(body: AskRequest, request: Request, kb: KB,
                     metrics: AppMetrics) -> StreamingResponse:
    """The answer as Server-Sent Events: ``citations``, ``delta``…, ``done``."""
    events = await run_in_threadpool(
        lambda: list(kb.ask_events(body.question, body.top_k, body.filters)))
    metrics.record_answer(bool(events[0][1]["refused"]))

    async def stream() -> AsyncIterator[str]:
        for name, payload in events:
            if await request.is_disconnected():
                return  # the client left: stop sending
            yield f"event: {name}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.post("/chat/completions", summary="OpenAI 兼容的对话接口（model: kbqa）",
             responses={200: {"description": "chat.completion, or chat.completion.chunk "
                                             "events when stream is true; the extra field "
                                             "`citations` carries the sources",
                              "content": {"application/json": {}, "text/event-stream": {}}},
                        **_ERRORS})
async def chat_completions(body: ChatRequest, request: Request, kb: KB,
                           metrics: AppMetrics) -> Any:
    """OpenAI-compatible chat: the last user message is the question."""
    try:
        question = question_of(body)
    except ValueError as exc:
        raise HTTPException(422, f"messages: {exc}") from None
    response = await run_in_threadpool(kb.ask, question)
    metrics.record_answer(response.refused)
    if not body.stream:
        return chat_response(response)

    async def stream() -> AsyncIterator[str]:
        chunks: Iterator[dict[str, Any]] = chat_stream_chunks(response)
        for chunk in chunks:
            if await request.is_disconnected():
                return
            yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache"})
