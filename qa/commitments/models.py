"""The register's types: a commitment made in a reply, and a later report of progress on it."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ProgressReport(BaseModel):
    """A sentence of a later document that reports on a commitment."""

    doc_id: str
    source: str = Field(description="File name of the later document")
    title: str | None = None
    date: str | None = Field(default=None, description="ISO date of the later document")
    quote: str = Field(description="The reporting sentence, verbatim from the cleaned document")
    locator: str


class Commitment(BaseModel):
    """A promise of future action made in a reply document, quoted verbatim."""

    id: str = Field(description="Stable hash of doc_id and quote")
    doc_id: str
    source: str
    title: str | None = None
    doc_number: str | None = None
    proposal_kind: str | None = Field(default=None, description="提案 or 建议")
    proposal_number: int | None = None
    proposer: str | None = None
    agency: str | None = Field(
        default=None, description="The acting unit: one named in the clause, else the signer"
    )
    date: str | None = Field(default=None, description="ISO date of the reply")
    topic: str
    deadline: str | None = Field(default=None, description="As written, e.g. '2024年底前'")
    target: str | None = Field(default=None, description="As written, e.g. '不低于5000万元'")
    quote: str = Field(description="The promising sentence or clause, verbatim")
    locator: str
    progress: list[ProgressReport] = Field(default_factory=list)
