"""Hostile web sites on loopback: each path answers the way an attacker's or a broken server
would (slow headers, endless bodies, bombs, floods, lies), written as raw bytes where HTTP's own
library would refuse to."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

Answer = Callable[[BaseHTTPRequestHandler], None]
PAGE = "<html><head><title>测试</title></head><body>{}</body></html>"
STOP_AFTER_S = 60.0  # a slow or endless answer gives up by itself once the scanner is gone


def html(handler: BaseHTTPRequestHandler, body: str | bytes, ctype: str = "text/html") -> None:
    data = body.encode() if isinstance(body, str) else body
    handler.send_response(200)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def page(links: list[str], extra: str = "") -> Answer:
    body = PAGE.format("".join(f"<a href='{u}'>链接</a>" for u in links) + extra)
    return lambda h: html(h, body)


def raw(data: bytes) -> Answer:
    """Bytes as they are, then the connection closed: status lines and headers HTTP refuses."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(data)
        handler.close_connection = True

    return answer


def slow_headers(handler: BaseHTTPRequestHandler) -> None:
    """Slowloris: a header byte every half second, never the end of the headers."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    started = time.monotonic()
    try:
        while time.monotonic() - started < STOP_AFTER_S:
            handler.wfile.write(b"X")
            handler.wfile.flush()
            time.sleep(0.5)
    except OSError:
        pass
    handler.close_connection = True


def endless_body(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.end_headers()
    chunk = ("<p>" + "无尽" * 500 + "<a href='/x'>x</a></p>\n").encode() * 20
    started = time.monotonic()
    try:
        while time.monotonic() - started < STOP_AFTER_S:
            handler.wfile.write(chunk)
    except OSError:
        pass
    handler.close_connection = True


@cache
def bomb() -> bytes:
    # 200 MB of HTML once inflated, about 200 KB on the wire.
    return gzip.compress(b"<html><body>" + b" " * 200_000_000, compresslevel=9)


def gzip_bomb(handler: BaseHTTPRequestHandler) -> None:
    data = bomb()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    try:
        handler.wfile.write(data)
    except OSError:
        pass


def redirect_growing(handler: BaseHTTPRequestHandler) -> None:
    """To itself, with a longer query each time."""
    query = handler.path.partition("?")[2] or "q="
    handler.send_response(302)
    handler.send_header("Location", f"/loop?{query}a")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def growing_links(handler: BaseHTTPRequestHandler) -> None:
    """A page linking to itself with a longer query: a trap of endless distinct addresses."""
    query = handler.path.partition("?")[2] or "q="
    html(handler, PAGE.format(f"<a href='/grow?{query}a'>下一页</a>"))


def lying_length(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.wfile.write(b"<html><body>short")
    handler.close_connection = True


class Site:
    """A site on 127.0.0.1 whose paths answer as `answers` says (404 elsewhere)."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        routes = answers

        class Handler(BaseHTTPRequestHandler):
            timeout = STOP_AFTER_S

            def do_GET(self) -> None:
                answer = routes.get(self.path) or routes.get(self.path.partition("?")[0])
                if answer is None:
                    self.send_error(404)
                    return
                answer(self)

            do_HEAD = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> Self:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
