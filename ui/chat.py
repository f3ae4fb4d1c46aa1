"""The chat page's work: one question streamed from ``KnowledgeBase.ask_events``."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from kbqa.models import MAX_QUESTION_CHARS, Citation, NearestDocument
from qa.service import KnowledgeBase
from ui.chat_html import Turn
from ui.passage import Passage, locate_quote

log = logging.getLogger(__name__)

# Earlier turns kept on the page; older ones drop off so the page stays light.
MAX_TURNS = 20


def stream_turn(kb: KnowledgeBase, turn: Turn) -> Iterator[Turn]:
    """Fill ``turn`` from the answer's events, yielding it after each event."""
    try:
        for name, payload in kb.ask_events(turn.question):
            apply_event(kb, turn, name, payload)
            yield turn
    except ValueError as err:
        turn.error = question_problem(str(err))
        turn.done = True
        yield turn
    except Exception:
        # The page must say something went wrong instead of waiting forever.
        log.exception("answering %r failed", turn.question)
        turn.error = "服务内部出错，请稍后再试。"
        turn.done = True
        yield turn


def apply_event(kb: KnowledgeBase, turn: Turn, name: str, payload: dict[str, object]) -> None:
    if name == "citations":
        turn.refused = bool(payload["refused"])
        turn.citations = [Citation.model_validate(c) for c in _items(payload, "citations")]
        turn.nearest = [
            NearestDocument.model_validate(d) for d in _items(payload, "nearest_documents")
        ]
        turn.passages = cited_passages(kb, turn.citations)
    elif name == "delta":
        turn.answer += str(payload["text"])
    elif name == "done":
        turn.done = True
        timings = payload.get("timings_ms")
        if isinstance(timings, dict):
            turn.total_ms = timings.get("total")


def _items(payload: dict[str, object], key: str) -> list[object]:
    value = payload.get(key)
    return value if isinstance(value, list) else []


def cited_passages(kb: KnowledgeBase, citations: list[Citation]) -> dict[int, Passage]:
    """Each citation's quote located in its document's cleaned text."""
    texts: dict[str, str | None] = {}
    passages: dict[int, Passage] = {}
    for citation in citations:
        if citation.doc_id not in texts:
            texts[citation.doc_id] = kb.store.table.document_text(citation.doc_id)
        passages[citation.n] = locate_quote(texts[citation.doc_id], citation.quote)
    return passages


def question_problem(reason: str) -> str:
    """The validation error of a question, in Chinese."""
    if "empty" in reason:
        return "请输入问题。"
    if "longer" in reason:
        return f"问题太长了，请控制在 {MAX_QUESTION_CHARS} 字以内。"
    return f"无法处理这个问题：{reason}"
