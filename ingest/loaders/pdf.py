"""Read a PDF's text layer, page by page; an editing-only protection is opened."""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, PdfReadError

from ingest.errors import IngestError
from ingest.loaders.text import sniff_binary


def load_pdf(raw: bytes, name: str) -> str:
    if b"%PDF" not in raw[:1024]:
        what = sniff_binary(raw) or "a text file"
        raise IngestError(name, f"corrupt PDF: not a PDF file, looks like {what}")
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
    except PdfReadError as exc:
        raise IngestError(name, f"corrupt PDF: {exc}") from exc
    if reader.is_encrypted:
        _decrypt(reader, name)
    if len(reader.pages) == 0:
        raise IngestError(name, "corrupt PDF: it has no pages")
    pages = [_page_text(page) for page in reader.pages]
    if not any(page.strip() for page in pages):
        raise IngestError(name, "no text layer (scanned PDF?); OCR it first")
    return "\n\n".join(page for page in pages if page.strip())


def _decrypt(reader: PdfReader, name: str) -> None:
    """Open a PDF protected only against editing; refuse one that needs a password."""
    try:
        opened = reader.decrypt("")
    except (DependencyError, NotImplementedError, PdfReadError) as exc:
        raise IngestError(
            name, f"encrypted PDF that cannot be opened here ({exc}); ask for an unprotected copy"
        ) from exc
    if not opened:
        raise IngestError(name, "encrypted PDF: it needs a password; ask for an unprotected copy")


def _page_text(page: PageObject) -> str:
    text = page.extract_text() or ""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip("\n")
