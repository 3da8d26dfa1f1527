"""The one exception services raise for a request that cannot be carried out."""


class ServiceError(ValueError):
    """A clear refusal for the person or integration that asked: ``field`` names the input at fault and ``code``
    is stable for programs. The API answers 400 with ``{"error": {"code", "message", "fields"}}``; the dashboard
    shows the message next to the field; commands print it and exit non-zero."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.field = field
        self.code = code
