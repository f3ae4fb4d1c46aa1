"""ASGI middleware for the API."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

_FORM = b"application/x-www-form-urlencoded"


class FormBodyAsJson:
    """Read a form-typed body on /v1/ as JSON.

    ``curl -d '{"question": …}'`` labels its JSON body as a form; no /v1/ route takes
    forms (uploads are multipart), so the label can only be a client's default.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1/"):
            headers = [
                (k, b"application/json" if k == b"content-type" and v.startswith(_FORM) else v)
                for k, v in scope["headers"]
            ]
            scope = dict(scope, headers=headers)
        await self.app(scope, receive, send)
