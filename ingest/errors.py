"""Errors raised while reading one file; each names the file and the reason."""


class IngestError(Exception):
    """A file that cannot be ingested. The message is shown to the operator as is."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
