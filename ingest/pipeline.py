"""load → clean → parse metadata → chunk → embed → upsert, one file at a time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from ingest.chunk import chunk_document
from ingest.clean import clean_text
from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES, load_file
from ingest.metadata import parse_metadata
from kbqa.models import FailedFile, IngestSummary
from store import KnowledgeStore, PreparedChunk, PreparedDocument

# Bump when cleaning or chunking changes, so stored documents are re-processed.
PIPELINE_VERSION = "1"

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


def content_hash(data: bytes) -> str:
    return hashlib.sha256(PIPELINE_VERSION.encode() + b"\0" + data).hexdigest()


def prepare(path: Path, max_bytes: int, data_hash: str) -> PreparedDocument:
    """Read and process one file; raise :class:`IngestError` naming it if it cannot be."""
    loaded = load_file(path, max_bytes)
    text = clean_text(loaded.text)
    if not text.strip():
        raise IngestError(path.name, "no text left after cleaning")
    metadata = parse_metadata(text)
    metadata["format"] = loaded.fmt
    chunks = [
        PreparedChunk(seq=c.seq, text=c.text, locator=c.locator, section=c.section)
        for c in chunk_document(text)
    ]
    return PreparedDocument(path.name, data_hash, text, metadata, chunks)


def ingest_paths(store: KnowledgeStore, paths: Iterable[Path], max_bytes: int,
                 progress: Progress | None = None) -> IngestSummary:
    """Ingest every file; a file that fails is reported and the others still go in."""
    summary = IngestSummary()
    for path in discover(paths):
        summary.files += 1
        if progress:
            progress(path.name)
        try:
            _ingest_one(store, path, max_bytes, summary)
        except IngestError as err:
            summary.failed.append(FailedFile(source=err.source, error=err.reason))
        except OSError as err:
            reason = f"cannot read: {err.strerror}"
            summary.failed.append(FailedFile(source=path.name, error=reason))
    return summary


def _ingest_one(store: KnowledgeStore, path: Path, max_bytes: int, summary: IngestSummary) -> None:
    if not path.exists():
        raise IngestError(path.name, "no such file")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(path.name, f"unsupported file type {path.suffix or '(none)'}; "
                          f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if path.stat().st_size > max_bytes:
        load_file(path, max_bytes)  # raises the loader's size message
    data_hash = content_hash(path.read_bytes())
    if store.is_unchanged(path.name, data_hash):
        summary.unchanged += 1
        return
    result = store.upsert(prepare(path, max_bytes, data_hash))
    summary.chunks_embedded += result.chunks_embedded
    if result.status == "added":
        summary.added += 1
    elif result.status == "updated":
        summary.updated += 1
    else:
        summary.unchanged += 1
