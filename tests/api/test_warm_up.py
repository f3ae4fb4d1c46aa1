"""The server loads what questions need before it reports ready, not on a user's request."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from kbqa.config import get_settings
from qa.dictionary import _entries
from qa.service import KnowledgeBase


def test_the_english_dictionary_is_loaded_before_the_first_request(
        tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    _entries.cache_clear()
    settings = get_settings(store=tmp_path / "store", ui_enabled=False)
    kb = KnowledgeBase(settings, embedder)
    try:
        with TestClient(create_app(settings, kb)) as client:
            assert _entries.cache_info().currsize == 1
            assert client.get("/readyz").status_code == 200
    finally:
        kb.close()
