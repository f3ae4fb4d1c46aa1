"""Staff-only actions: the admin-token check and saving uploaded files."""

from __future__ import annotations

import hmac
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from kbqa.config import Settings

TOKEN_DISABLED = "未配置管理令牌（KBQA_ADMIN_TOKEN），上传和删除已停用。"


def token_refusal(settings: Settings, token: str | None, action: str) -> str | None:
    """Why ``action`` (上传, 删除) is refused, or None when ``token`` is the admin token."""
    if settings.admin_token is None:
        return TOKEN_DISABLED
    if not token:
        return f"请输入管理令牌后再{action}。"
    # Compare bytes: compare_digest rejects non-ASCII str, and a token may be anything.
    if not hmac.compare_digest(token.encode("utf-8"), settings.admin_token.encode("utf-8")):
        return f"管理令牌不正确，{action}已拒绝。"
    return None


def safe_file_name(name: str) -> str:
    """The base name of a client-supplied file name, never a path."""
    base = re.split(r"[\\/]", name)[-1].strip().lstrip(".")
    return base or "upload"


def save_uploads(uploaded: Iterable[str | Path], folder: Path) -> list[Path]:
    """Copy uploaded files into ``folder`` under their base names only."""
    saved: list[Path] = []
    for item in uploaded:
        target = folder / safe_file_name(Path(item).name)
        shutil.copyfile(item, target)
        if target not in saved:
            saved.append(target)
    return saved
