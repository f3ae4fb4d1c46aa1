"""Read one file (txt, md, html, docx, pdf) into a LoadedText; every failure is an IngestError.

This module checks the suffix and size, dispatches to the format's loader (text, html,
docx, pdf), refuses empty results and keeps the libraries quiet.

Text conventions (cleaning and chunking depend on them): paragraphs are separated by a
blank line; headings are ``#`` lines; table rows are ``| a | b |`` lines, header row first,
with no ``|---|`` line, and a merged cell gives its text once and empty cells after it.
txt, md and pdf keep their line breaks: repairing PDF damage is the cleaner's job.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from ingest.errors import IngestError
from ingest.loaded import LoadedText
from ingest.loaders.docx import load_docx
from ingest.loaders.html import load_html
from ingest.loaders.pdf import load_pdf
from ingest.loaders.text import load_plain

_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_FORMATS)

# Said when a library fails in a way not foreseen below; its own message follows.
_DAMAGED: dict[str, str] = {
    "txt": "cannot read the text file",
    "md": "cannot read the Markdown file",
    "html": "cannot read the HTML page",
    "docx": "damaged Word document (.docx)",
    "pdf": "corrupt PDF",
}

_CONVERT_HINTS: dict[str, str] = {
    ".doc": "old Word 97-2003 format: open it in Word or WPS and save it as .docx",
    ".wps": "WPS format: open it in WPS and save it as .docx",
    ".rtf": "open it in Word or WPS and save it as .docx",
    ".xls": "spreadsheet: save the sheet as .html, or copy the table into a .docx",
    ".xlsx": "spreadsheet: save the sheet as .html, or copy the table into a .docx",
}
_MB = 1024 * 1024


def load_file(path: Path, max_bytes: int) -> LoadedText:
    """Read ``path`` into LoadedText; raise IngestError naming the file and the reason."""
    name = path.name
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise IngestError(name, _unsupported_reason(path.suffix))
    raw = _read_bytes(path, max_bytes)
    try:
        with _quiet_libraries():
            text = _EXTRACTORS[fmt](raw, name)
    except IngestError:
        raise
    except Exception as exc:  # parsers raise many exception types on damaged files
        raise IngestError(name, f"{_DAMAGED[fmt]}: {type(exc).__name__}: {exc}") from exc
    if not text.strip():
        raise IngestError(name, _empty_reason(fmt))
    return LoadedText(source=name, text=text, fmt=fmt)


def _unsupported_reason(suffix: str) -> str:
    shown = suffix.lower() or "(no extension)"
    reason = f"unsupported file type {shown}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
    hint = _CONVERT_HINTS.get(suffix.lower())
    return f"{reason} ({hint})" if hint else reason


def _empty_reason(fmt: str) -> str:
    if fmt == "html":
        return "empty: no article text in the HTML page (only site navigation, or nothing)"
    if fmt == "docx":
        return "empty: the Word document contains no text"
    return "empty file: it contains only whitespace"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read the whole file, refusing empty and oversized files before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(path.name, _too_large_reason(size, max_bytes))
        if size == 0:
            raise IngestError(path.name, "empty file (0 bytes)")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(path.name, f"cannot read the file: {exc.strerror or exc}") from exc
    if len(raw) > max_bytes:  # it grew between stat and read
        raise IngestError(path.name, _too_large_reason(len(raw), max_bytes))
    return raw


def _too_large_reason(size: int, max_bytes: int) -> str:
    return (
        f"file too large: {size / _MB:.2f} MB ({size:,} bytes), "
        f"over the limit of {max_bytes / _MB:.2f} MB ({max_bytes:,} bytes)"
    )


@contextmanager
def _quiet_libraries() -> Iterator[None]:
    """Silence library warnings on ordinary input; real failures still raise."""
    _quiet_library_loggers()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@cache
def _quiet_library_loggers() -> None:
    # pypdf logs every PDF defect it tolerates and trafilatura every page it rejects; what
    # matters reaches the operator as an IngestError, the rest would flood the log.
    for name in ("pypdf", "trafilatura", "htmldate", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


_EXTRACTORS: dict[str, Callable[[bytes, str], str]] = {
    "txt": load_plain,
    "md": load_plain,
    "html": load_html,
    "docx": load_docx,
    "pdf": load_pdf,
}
