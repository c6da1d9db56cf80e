"""Log lines as JSON objects for log collectors (LOG_FORMAT=json): one object a line, with the fields a search
starts from, so a collector needs no parsing rules of its own."""

from typing import Any

from pythonjsonlogger.json import JsonFormatter

FIELDS = ["levelname", "name", "message", "request_id"]
RENAMED = {"levelname": "level", "name": "logger", "exc_info": "exception"}


class JsonLinesFormatter(JsonFormatter):
    """timestamp (ISO 8601, UTC), level, logger, message, request_id (null outside a request), and the
    traceback as `exception` when there is one; extra values a caller passed follow."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(FIELDS, rename_fields=RENAMED, timestamp=True, json_ensure_ascii=False)
