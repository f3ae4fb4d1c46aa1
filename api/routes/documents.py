"""Documents: list, show, upload (multipart) and delete; writes need the admin token."""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.deps import KB, AppMetrics, AppSettings, require_admin
from ingest.loaders import SUPPORTED_SUFFIXES
from kbqa.models import DocumentSummary, FailedFile, FileResult, IngestSummary

router = APIRouter(prefix="/v1/documents", tags=["documents"])
_UNSAFE_NAME = re.compile(r"[\x00-\x1f/\\:*?\"<>|]")


@router.get("", response_model=list[DocumentSummary], summary="文档列表")
def list_documents(kb: KB) -> list[DocumentSummary]:
    """Every ingested document with its parsed metadata."""
    return kb.documents()


@router.get("/{doc_id}", summary="文档详情（元数据与分块）",
            responses={404: {"description": "No such document"}})
def show_document(doc_id: str, kb: KB) -> dict[str, Any]:
    """One document: metadata, cleaned text and chunks with their locators."""
    document = kb.document(doc_id)
    if document is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    chunks = kb.store.table.chunks(document.doc_id)
    return document.model_dump() | {
        "text": kb.store.table.document_text(document.doc_id),
        "chunks": [{"seq": c.seq, "locator": c.locator, "text": c.text} for c in chunks],
    }


@router.post("", response_model=IngestSummary, summary="上传文档（需管理令牌）",
             dependencies=[Depends(require_admin)],
             openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": {
                 "type": "object", "required": ["files"],
                 "properties": {"files": {"type": "array",
                                          "items": {"type": "string", "format": "binary"}}},
             }}}}})
async def upload_documents(request: Request, kb: KB, settings: AppSettings,
                           metrics: AppMetrics) -> IngestSummary:
    """Ingest uploaded files through the same pipeline; each bad file fails alone."""
    form = await request.form(max_files=settings.max_upload_files, max_fields=20)
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    if not uploads:
        raise HTTPException(422, "files: send one or more files as multipart field 'files'")
    staging = settings.store / "uploads" / uuid.uuid4().hex
    staging.mkdir(parents=True)
    try:
        paths, refused = [], []
        for upload in uploads:
            name = _safe_name(upload.filename or "")
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                paths.append(_save(upload, name, staging))
            else:  # refused before anything reads its content
                refused.append(FileResult(source=name, status="failed", error=(
                    f"unsupported file type {Path(name).suffix or '(none)'}; supported: "
                    f"{', '.join(sorted(SUPPORTED_SUFFIXES))}")))
        summary = await run_in_threadpool(kb.ingest, paths) if paths else IngestSummary()
        for result in refused:
            summary.files += 1
            summary.results.append(result)
            summary.failed.append(FailedFile(source=result.source, error=result.error or ""))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        await form.close()
    for result in summary.results:
        metrics.ingested.labels(result.status).inc()
    return summary


@router.delete("/{doc_id}", summary="删除文档（需管理令牌）",
               dependencies=[Depends(require_admin)],
               responses={404: {"description": "No such document"}})
def delete_document(doc_id: str, kb: KB) -> dict[str, str]:
    """Delete a document with all its chunks and vectors."""
    if not kb.delete(doc_id):
        raise HTTPException(404, f"no document {doc_id!r}")
    return {"deleted": doc_id}


def _save(upload: UploadFile, name: str, folder: Path) -> Path:
    """Store an upload under its bare file name, inside ``folder`` and nowhere else."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise HTTPException(422, f"invalid file name {upload.filename!r}")
    with target.open("wb") as out:
        shutil.copyfileobj(upload.file, out)
    return target


def _safe_name(raw: str) -> str:
    """The last path component, without control or reserved characters."""
    name = _UNSAFE_NAME.sub("_", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    if not name:
        raise HTTPException(422, f"invalid file name {raw!r}")
    return name[:200]
