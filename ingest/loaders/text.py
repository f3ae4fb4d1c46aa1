"""Decode text (UTF-8, GB18030/GBK, Big5, else charset-normalizer's guess); sniff binaries.

The result has LF line ends and no BOM. A file that looks like a known binary format is
refused with what it looks like, so the operator can give it its real extension.
"""

from __future__ import annotations

import unicodedata

from charset_normalizer import from_bytes

from ingest.errors import IngestError

# First bytes of common binary formats, so the operator learns what a misnamed file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP package (e.g. .docx, .xlsx or .zip)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc/.xls) or a protected one"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_GB_NAMES = frozenset({"gb18030", "gbk", "gb2312", "cp936", "hz"})


def sniff_binary(raw: bytes) -> str | None:
    """Say what binary format ``raw`` looks like, or None when it may be text."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return what
    head = raw[:8192]
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    controls = sum(1 for byte in head if byte < 0x20 and byte not in b"\t\n\f\r\x1b")
    if controls + head.count(0x7F) > len(head) * 0.05:
        return "binary data (mostly control bytes)"
    return None


def load_plain(raw: bytes, name: str) -> str:
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str, declared: str | None = None) -> str:
    """Decode UTF-8 (BOM or not), GB18030/GBK or Big5 text, with LF line ends and no BOM."""
    text = _decode(raw, name, declared)
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode(raw: bytes, name: str, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = _strict(raw, encoding)
            if text is None:
                raise _undecodable(name)
            return text
    binary = sniff_binary(raw)
    if binary:
        raise IngestError(name, f"not a text file: looks like {binary}; give it its real extension")
    # Strict tries come before charset-normalizer, which mis-guesses short Chinese texts.
    # UTF-8 goes first even when a page declares gb2312: valid UTF-8 is rarely anything else.
    for candidate in ("utf-8", declared):
        if candidate and (text := _strict(raw, candidate)) is not None:
            return text
    gb_text = _strict(raw, "gb18030")
    if gb_text is not None and not _looks_misdecoded(gb_text):
        return gb_text
    # Big5 bytes nearly always decode as GB18030 too, into rare characters: try Big5 when
    # the GB18030 reading looks like that.
    big5_text = _strict(raw, "cp950") or _strict(raw, "big5hkscs")
    if big5_text is not None:
        return big5_text
    guess = from_bytes(raw).best()
    if gb_text is not None and (guess is None or guess.encoding in _GB_NAMES):
        return gb_text
    raise _undecodable(name, guess.encoding if guess else None)


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _undecodable(name: str, guess: str | None = None) -> IngestError:
    hint = f" (it looks like {guess})" if guess else ""
    return IngestError(
        name, f"cannot decode the text: not UTF-8, GB18030/GBK or Big5{hint}; save it as UTF-8"
    )


def _looks_misdecoded(text: str) -> bool:
    """True when a GB18030 reading is full of characters real simplified text rarely uses."""
    wide = [ch for ch in text[:20000] if ord(ch) >= 0x80]
    return bool(wide) and sum(map(_is_odd_for_gb, wide)) > len(wide) * 0.25


def _is_odd_for_gb(ch: str) -> bool:
    code = ord(ch)
    # Kana, Greek, Cyrillic and box drawing are where Big5 hanzi land when read as GBK.
    if 0x3040 <= code <= 0x30FF or 0x0370 <= code <= 0x04FF or 0x2500 <= code <= 0x257F:
        return True
    if unicodedata.category(ch) == "Co":
        return True
    if 0x3400 <= code <= 0x9FFF:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            return True
    return False
