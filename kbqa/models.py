"""The project's own types, spoken by the CLI and the HTTP API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

MAX_QUESTION_CHARS = 2000


class Citation(BaseModel):
    """A passage that backs one ``[n]`` marker of an answer."""

    n: int = Field(description="The number used as [n] in the answer")
    doc_id: str
    title: str | None = None
    doc_number: str | None = None
    source: str = Field(description="File name of the ingested document")
    locator: str = Field(description="Section or article and paragraph, e.g. '一、… ¶2'")
    quote: str = Field(description="Text that stands verbatim in the cleaned document")
    score: float
    note: str | None = Field(
        default=None, description="Repealed, expired or closed for applications, when so"
    )


class NearestDocument(BaseModel):
    """A document listed with a refusal: the closest the knowledge base has."""

    doc_id: str
    title: str | None = None
    source: str


class AskRequest(BaseModel):
    """Body of ``POST /v1/ask``."""

    question: str = Field(examples=["揭榜挂帅平台累计发榜多少项？"])
    top_k: int | None = Field(default=None, ge=1, le=20)
    filters: dict[str, str | int] | None = Field(
        default=None, examples=[{"doc_type": "reply"}],
        description="Equality filters on document metadata (doc_type, doc_number, source, …)",
    )

    @field_validator("question")
    @classmethod
    def _question_has_text(cls, value: str) -> str:
        return validate_question(value)


class AskResponse(BaseModel):
    """An answer with its citations, or a refusal."""

    answer: str
    refused: bool
    citations: list[Citation]
    nearest_documents: list[NearestDocument] = Field(default_factory=list)
    timings_ms: dict[str, float]


class FailedFile(BaseModel):
    source: str
    error: str


class FileResult(BaseModel):
    """What happened to one file: added, updated, unchanged or failed."""

    source: str
    status: str
    chunks: int = 0
    chunks_embedded: int = 0
    error: str | None = None


class IngestSummary(BaseModel):
    """What one ingest run did; ``results`` has one entry per file."""

    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[FailedFile] = Field(default_factory=list)
    chunks_embedded: int = 0
    results: list[FileResult] = Field(default_factory=list)


class DocumentSummary(BaseModel):
    """A document as listed by ``kbqa docs list`` and ``GET /v1/documents``."""

    doc_id: str
    source: str
    title: str | None
    doc_type: str | None
    n_chunks: int
    content_hash: str
    ingested_at: str
    metadata: dict[str, Any]
    superseded_by: str | None = Field(
        default=None, description="doc_id of the document that repeals or revises this one"
    )


def validate_question(value: str) -> str:
    """Strip a question and reject an empty or over-long one with a reason."""
    text = value.strip()
    if not text:
        raise ValueError("question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise ValueError(f"question is longer than {MAX_QUESTION_CHARS} characters ({len(text)})")
    return text
