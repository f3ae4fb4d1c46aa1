"""Operations: liveness, readiness, Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from api.deps import KB, AppMetrics
from api.errors import error_body

router = APIRouter(tags=["ops"])


@router.get("/healthz", summary="进程存活")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", summary="存储与向量模型就绪",
            responses={503: {"description": "Store or embedder not ready"}})
def readyz(request: Request, kb: KB) -> JSONResponse:
    """The store answers and the embedder is loaded."""
    try:
        documents = len(kb.store.table.documents())
        vectors = kb.store.vectors.count()
    except Exception as exc:  # any store failure means not ready, never a 500
        return JSONResponse(error_body("not_ready", f"store unavailable: {type(exc).__name__}"),
                            503)
    if not request.app.state.warm:
        return JSONResponse(error_body("not_ready", "embedder is loading"), 503)
    return JSONResponse({"status": "ready", "documents": documents, "vectors": vectors})


@router.get("/metrics", summary="Prometheus 指标", response_class=Response)
def metrics(metrics: AppMetrics) -> Response:
    """Request counts and latencies by route, answers vs refusals, ingested files."""
    return Response(metrics.render(), media_type="text/plain; version=0.0.4")
