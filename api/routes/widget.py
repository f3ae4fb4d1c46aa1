"""The website chat widget: the script and a demo host page."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).resolve().parent.parent / "static"
router = APIRouter(tags=["widget"])


@router.get("/widget.js", summary="网站咨询挂件脚本", response_class=FileResponse)
def widget_script() -> FileResponse:
    """Add ``<script src=".../widget.js" data-kbqa-url="…" async></script>`` to any page."""
    return FileResponse(STATIC / "widget.js", media_type="application/javascript")


@router.get("/widget/", summary="挂件演示页面", response_class=FileResponse)
def widget_demo() -> FileResponse:
    """A demo host page carrying the widget."""
    return FileResponse(STATIC / "widget_demo.html", media_type="text/html")
