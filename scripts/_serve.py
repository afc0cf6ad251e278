"""Small helpers shared by the browser tests, the benchmark and the screenshots: build the site for a given
address, find Chromium, and serve a folder quietly on 127.0.0.1 — optionally the way GitHub Pages does
(gzip for text types and .wasm, ``Cache-Control: max-age=600``, ETag revalidation).

The site must be built for the address it is served from (``SITE_URL``): Material's instant navigation only
takes over links that its sitemap lists, and the sitemap is written with the site URL. So: bind a free port
first (``bind``), build for it (``build_site``), then serve (``serve``).
"""

from __future__ import annotations

import email.utils
import gzip
import mimetypes
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str | None:
    """AI45_CHROMIUM if set (empty = Playwright's own browser), else Debian's chromium when installed."""
    if "AI45_CHROMIUM" in os.environ:
        return os.environ["AI45_CHROMIUM"] or None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def build_site(site: Path, url: str, *, quiet: bool = True, root: Path = ROOT) -> None:
    """``mkdocs build --strict`` of the project in ``root`` into ``site`` for the address ``url`` (which must
    end in "/")."""
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *(["--quiet"] if quiet else []),
                    "-d", str(site)], cwd=root, env=env, check=True)


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler with the types the site needs, no request log, and no tracebacks when the
    browser drops a connection (it does, on navigation)."""

    extensions_map = {  # noqa: RUF012 (typeshed declares it an instance attribute)
        **SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".mjs": "text/javascript",
        ".js": "text/javascript", ".json": "application/json", ".whl": "application/octet-stream"}

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


@dataclass
class Sent:
    """One response as it went over the wire."""

    path: str
    status: int
    body: int
    """Bytes of the body as sent (compressed when gzipped)."""
    headers: int
    content_type: str
    gzipped: bool


_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                 "application/wasm", "application/manifest+json")


class PagesHandler(QuietHandler):
    """Serves like GitHub Pages: gzip for text types and .wasm (not .zip/.whl), ``max-age=600``, ETag and
    Last-Modified, ``/folder`` → 301 ``/folder/``, and the site's ``404.html`` for missing files. Every
    response is recorded in ``sent`` (subclass per server to keep the logs apart). ``virtual`` maps extra
    paths (outside the site) to (body, content type)."""

    sent: ClassVar[list[Sent]] = []
    virtual: ClassVar[dict[str, tuple[bytes, str]]] = {}
    _gzip_cache: ClassVar[dict[tuple[str, int], bytes]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def precompress(cls, directory: Path) -> int:
        """Gzip every compressible file under ``directory`` now, so that the first request of a measurement
        does not wait for the compression (the real host has its files compressed at its edge). Returns the
        number of files compressed."""
        count = 0
        for path in sorted(directory.rglob("*")):
            ctype = cls.extensions_map.get(path.suffix) or mimetypes.guess_type(path.name)[0] or ""
            if path.is_file() and ctype.startswith(_COMPRESSIBLE):
                key = (str(path), path.stat().st_mtime_ns)
                if key not in cls._gzip_cache:
                    cls._gzip_cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
                    count += 1
        return count

    def do_GET(self) -> None:
        body = self._respond()
        if body is not None:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def do_HEAD(self) -> None:
        self._respond()

    def _respond(self) -> bytes | None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path in self.virtual:
            data, ctype = self.virtual[path]
            return self._send(200, data, ctype, etag=None, mtime=None)
        fs = self.translate_path(self.path)
        if os.path.isdir(fs):
            if not path.endswith("/"):
                return self._send(301, b"", "text/html", etag=None, mtime=None, location=path + "/")
            fs = os.path.join(fs, "index.html")
        if not os.path.isfile(fs):
            missing = os.path.join(self.directory, "404.html")
            data = Path(missing).read_bytes() if os.path.isfile(missing) else b"Not found"
            return self._send(404, data, "text/html", etag=None, mtime=None)
        stat = os.stat(fs)
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        ctype = self.guess_type(fs)
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", ctype, etag=etag, mtime=stat.st_mtime, key=(fs, stat.st_mtime_ns))
        return self._send(200, Path(fs).read_bytes(), ctype, etag=etag, mtime=stat.st_mtime,
                          key=(fs, stat.st_mtime_ns))

    def _send(self, status: int, data: bytes, ctype: str, *, etag: str | None, mtime: float | None,
              location: str | None = None, key: tuple[str, int] | None = None) -> bytes | None:
        compressible = ctype.startswith(_COMPRESSIBLE)
        gz = compressible and status != 304 and "gzip" in self.headers.get("Accept-Encoding", "") and bool(data)
        if gz:
            cached = self._gzip_cache.get(key) if key else None
            if cached is None:
                cached = gzip.compress(data, compresslevel=6, mtime=0)
                if key:
                    with self._lock:
                        self._gzip_cache[key] = cached
            data = cached
        headers = {"Content-Type": ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""),
                   "Content-Length": str(len(data) if status != 304 else 0), "Cache-Control": "max-age=600"}
        if compressible:
            headers["Vary"] = "Accept-Encoding"
        if gz:
            headers["Content-Encoding"] = "gzip"
        if etag:
            headers["ETag"] = etag
        if mtime is not None:
            headers["Last-Modified"] = email.utils.formatdate(mtime, usegmt=True)
        if location:
            headers["Location"] = location
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        size = sum(len(k) + len(v) + 4 for k, v in headers.items()) + 40
        with self._lock:
            self.sent.append(Sent(self.path, status, len(data) if status != 304 else 0, size, ctype, gz))
        return data if self.command != "HEAD" and status != 304 else None

    # SimpleHTTPRequestHandler's own file sending is not used.
    def send_head(self) -> BytesIO | None:  # pragma: no cover - do_GET/do_HEAD are overridden
        return None


def bind(handler: Callable[..., Any]) -> tuple[ThreadingHTTPServer, str]:
    """A server on a free port of 127.0.0.1 (not yet serving) and its base URL, ending in "/"."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def serve(httpd: ThreadingHTTPServer) -> threading.Thread:
    """Serve in a daemon thread; stop with ``httpd.shutdown(); httpd.server_close()``."""
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return thread
