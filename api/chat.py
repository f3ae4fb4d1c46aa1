"""The OpenAI chat-completions shape, so existing chat clients and SDKs can ask kbqa."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, Field

from kbqa.models import AskResponse, Citation, validate_question
from qa.service import answer_pieces

MODEL = "kbqa"


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    """The subset of OpenAI's request that matters here; other fields are accepted."""

    model: Literal["kbqa"] = Field(examples=[MODEL])
    messages: list[ChatMessage] = Field(min_length=1, examples=[[
        {"role": "user", "content": "揭榜挂帅平台累计发榜多少项？"}]])
    stream: bool = False


def question_of(body: ChatRequest) -> str:
    """The last user message, as text."""
    for message in reversed(body.messages):
        if message.role == "user":
            content = message.content
            if isinstance(content, list):  # content parts: keep the text ones
                content = "".join(str(p.get("text", "")) for p in content
                                  if p.get("type") == "text")
            return validate_question(content or "")
    raise ValueError("no user message")


def content_of(response: AskResponse) -> str:
    """The answer with its sources listed under it, for clients that show only text."""
    if not response.citations:
        return response.answer
    lines = [response.answer, "", "来源："]
    lines += [_source_line(c) for c in response.citations]
    return "\n".join(lines)


def _source_line(c: Citation) -> str:
    number = f"（{c.doc_number}）" if c.doc_number else ""
    return f"[{c.n}] {c.title or c.source}{number} {c.locator}：“{c.quote}”"


def _citations(response: AskResponse) -> list[dict[str, Any]]:
    return [c.model_dump() for c in response.citations]


def chat_response(response: AskResponse) -> dict[str, Any]:
    content = content_of(response)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion",
        "created": int(time.time()), "model": MODEL,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "citations": _citations(response), "refused": response.refused,
    }


def chat_stream_chunks(response: AskResponse) -> Iterator[dict[str, Any]]:
    ident, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
        return {"id": ident, "object": "chat.completion.chunk", "created": created,
                "model": MODEL, "choices": [{"index": 0, "delta": delta,
                                             "finish_reason": finish}], **extra}

    yield chunk({"role": "assistant", "content": ""})
    for piece in answer_pieces(content_of(response)):
        yield chunk({"content": piece})
    yield chunk({}, "stop", citations=_citations(response), refused=response.refused)
