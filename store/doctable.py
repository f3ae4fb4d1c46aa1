"""The document table (SQLite): documents, their chunks, and a journal of vector writes.

SQLite is the source of truth for which chunks are current. A document's chunk rows are
replaced in one transaction, so readers see a document either fully old or fully new.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT,
    doc_type TEXT,
    metadata TEXT NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    locator TEXT NOT NULL,
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_doc ON chunks(doc_id, seq);
CREATE TABLE IF NOT EXISTS vector_journal (
    doc_id TEXT PRIMARY KEY,
    chunk_ids TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class ChunkRow:
    chunk_id: str
    doc_id: str
    seq: int
    locator: str
    section: str
    text: str
    tokens: list[str]


@dataclass(frozen=True)
class DocumentRow:
    doc_id: str
    source: str
    content_hash: str
    title: str | None
    doc_type: str | None
    metadata: dict[str, Any]
    ingested_at: str
    n_chunks: int


class DocTable:
    """Thread-safe access to the SQLite document table."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.executescript(_SCHEMA)
        self._lock = threading.RLock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def generation(self) -> int:
        """A counter bumped by every change; readers rebuild their caches when it moves."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def document(self, doc_id: str) -> DocumentRow | None:
        rows = self._documents("WHERE d.doc_id = ?", (doc_id,))
        return rows[0] if rows else None

    def document_by_source(self, source: str) -> DocumentRow | None:
        rows = self._documents("WHERE d.source = ?", (source,))
        return rows[0] if rows else None

    def documents(self) -> list[DocumentRow]:
        return self._documents("", ())

    def _documents(self, where: str, args: tuple[Any, ...]) -> list[DocumentRow]:
        sql = (
            "SELECT d.doc_id, d.source, d.content_hash, d.title, d.doc_type, d.metadata, "
            "d.ingested_at, (SELECT COUNT(*) FROM chunks c WHERE c.doc_id = d.doc_id) "
            f"FROM documents d {where} ORDER BY d.source"
        )
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [
            DocumentRow(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7]) for r in rows
        ]

    def document_text(self, doc_id: str) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT text FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
        return row[0] if row else None

    def chunk_ids(self, doc_id: str) -> list[str]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT chunk_id FROM chunks WHERE doc_id = ? ORDER BY seq", (doc_id,)
            ).fetchall()
        return [r[0] for r in rows]

    def chunks(self, doc_id: str | None = None) -> list[ChunkRow]:
        sql = "SELECT chunk_id, doc_id, seq, locator, section, text, tokens FROM chunks"
        args: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            args = (doc_id,)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY doc_id, seq", args).fetchall()
        # Chunks share most of their tokens; one string object per distinct token keeps the
        # token lists of 100k chunks near 100 MB instead of 1 GB.
        return [ChunkRow(r[0], r[1], r[2], r[3], r[4], r[5], list(map(sys.intern, r[6].split(" "))))
                for r in rows]

    def replace_document(self, doc: DocumentRow, text: str, chunks: Sequence[ChunkRow]) -> None:
        """Make ``chunks`` the document's only chunks, in one transaction."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as conn:
            conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc.doc_id,))
            conn.execute(
                "INSERT INTO documents (doc_id, source, content_hash, title, doc_type, metadata,"
                " text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(doc_id) DO UPDATE"
                " SET content_hash=excluded.content_hash, title=excluded.title,"
                " doc_type=excluded.doc_type, metadata=excluded.metadata, text=excluded.text,"
                " ingested_at=excluded.ingested_at",
                (doc.doc_id, doc.source, doc.content_hash, doc.title, doc.doc_type,
                 json.dumps(doc.metadata, ensure_ascii=False), text, now),
            )
            conn.executemany(
                "INSERT INTO chunks (chunk_id, doc_id, seq, locator, section, text, tokens)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(c.chunk_id, c.doc_id, c.seq, c.locator, c.section, c.text, " ".join(c.tokens))
                 for c in chunks],
            )
            _bump_generation(conn)

    def delete_document(self, doc_id: str) -> bool:
        with self._transaction() as conn:
            deleted = conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,)).rowcount
            _bump_generation(conn)
        return bool(deleted)

    def journal(self, doc_id: str, chunk_ids: Sequence[str]) -> None:
        """Remember vector ids about to be written or orphaned, until :meth:`settle`."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO vector_journal (doc_id, chunk_ids) VALUES (?, ?)",
                (doc_id, json.dumps(list(chunk_ids))),
            )

    def settle(self, doc_id: str) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM vector_journal WHERE doc_id = ?", (doc_id,))

    def unsettled(self) -> dict[str, list[str]]:
        with self._lock:
            rows = self._conn.execute("SELECT doc_id, chunk_ids FROM vector_journal").fetchall()
        return {r[0]: json.loads(r[1]) for r in rows}


def _bump_generation(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE"
        " SET value = CAST(value AS INTEGER) + 1"
    )
