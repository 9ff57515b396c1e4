"""A standard-library HTTP server on loopback, in a thread, for tests that control each answer
exactly (HEAD apart from GET, timing, raw statuses)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HTML = "text/html; charset=utf-8"


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing and answers a body in one call."""

    def send_body(
        self,
        body: str | bytes,
        content_type: str = HTML,
        *,
        status: int = 200,
        with_body: bool = True,
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve_threaded(
    handler: type[BaseHTTPRequestHandler],
    server_class: type[ThreadingHTTPServer] = ThreadingHTTPServer,
) -> Iterator[str]:
    """Serve `handler` on 127.0.0.1 while inside; yields the base URL with its trailing /."""
    server = server_class(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
