"""load → clean → parse metadata → chunk → embed → upsert, one file at a time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest.chunk import chunk_document
from ingest.clean import clean_text
from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES, load_file
from ingest.metadata import parse_metadata
from kbqa.models import FailedFile, FileResult, IngestSummary
from store import KnowledgeStore, PreparedChunk, PreparedDocument

# Bump when loading, cleaning or chunking changes, so stored documents are re-processed.
PIPELINE_VERSION = "4"

Progress = Callable[[str], None]


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every file under named folders (hidden ones skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and not _hidden(p.relative_to(path))
            )
        else:
            found.append(path)
    return found


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = 50 * 1024 * 1024
    chunk_chars: int = 240


def content_hash(data: bytes, options: IngestOptions) -> str:
    """Identifies the file's bytes and how they were processed into chunks."""
    recipe = f"{PIPELINE_VERSION}:{options.chunk_chars}".encode()
    return hashlib.sha256(recipe + b"\0" + data).hexdigest()


def prepare(path: Path, options: IngestOptions, data_hash: str) -> PreparedDocument:
    """Read and process one file; raise :class:`IngestError` naming it if it cannot be."""
    loaded = load_file(path, options.max_bytes)
    text = clean_text(loaded.text)
    if not text.strip():
        raise IngestError(path.name, "no text left after cleaning")
    metadata = parse_metadata(text)
    metadata["format"] = loaded.fmt
    chunks = [
        PreparedChunk(seq=c.seq, text=c.text, locator=c.locator, section=c.section)
        for c in chunk_document(text, options.chunk_chars)
    ]
    return PreparedDocument(path.name, data_hash, text, metadata, chunks)


def ingest_paths(store: KnowledgeStore, paths: Iterable[Path], options: IngestOptions,
                 progress: Progress | None = None) -> IngestSummary:
    """Ingest every file; a file that fails is reported and the others still go in."""
    summary = IngestSummary()
    for path in discover(paths):
        summary.files += 1
        if progress:
            progress(path.name)
        try:
            result = _ingest_one(store, path, options)
        except IngestError as err:
            result = FileResult(source=err.source, status="failed", error=err.reason)
        except OSError as err:
            reason = f"cannot read: {err.strerror}"
            result = FileResult(source=path.name, status="failed", error=reason)
        _count(summary, result)
    return summary


def _count(summary: IngestSummary, result: FileResult) -> None:
    summary.results.append(result)
    summary.chunks_embedded += result.chunks_embedded
    if result.status == "failed":
        summary.failed.append(FailedFile(source=result.source, error=result.error or ""))
    else:
        setattr(summary, result.status, getattr(summary, result.status) + 1)


def _ingest_one(store: KnowledgeStore, path: Path, options: IngestOptions) -> FileResult:
    if not path.exists():
        raise IngestError(path.name, "no such file")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(path.name, f"unsupported file type {path.suffix or '(none)'}; "
                          f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if path.stat().st_size > options.max_bytes:
        load_file(path, options.max_bytes)  # raises the loader's size message
    data_hash = content_hash(path.read_bytes(), options)
    if store.is_unchanged(path.name, data_hash):
        return FileResult(source=path.name, status="unchanged",
                          chunks=len(store.table.chunk_ids(store.doc_id_of(path.name))))
    document = prepare(path, options, data_hash)
    result = store.upsert(document)
    return FileResult(source=path.name, status=result.status, chunks=len(document.chunks),
                      chunks_embedded=result.chunks_embedded)
