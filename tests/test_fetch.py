"""WeasyPrint reads only the files of the build: no other file, no network."""

from __future__ import annotations

import http.server
import threading
from typing import ClassVar

import pytest
from pypdf import PdfReader

from reportgen.report.pdf import write_pdf


class _Counter(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_CONNECT(self):
        _Counter.requests.append("CONNECT " + self.path)
        self.send_response(502)
        self.end_headers()

    def do_GET(self):
        _Counter.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


def test_pdf_renderer_reads_no_outside_file_and_no_url(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    (tmp_path / "inside.css").write_text("p.inside { color: green }")
    html = f"""<!DOCTYPE html><html lang="en"><head>
      <link rel="stylesheet" href="http://127.0.0.1:{port}/remote.css">
      <link rel="stylesheet" href="inside.css">
      <style>@import url("http://127.0.0.1:{port}/imported.css"); body {{ background: url(file:///etc/passwd) }}</style>
      </head><body><p class="inside">Visible text.</p>
      <img src="file:///etc/passwd"><img src="http://127.0.0.1:{port}/pixel.png"><img src="../../../../etc/hostname">
      <object data="file:///etc/passwd"></object><iframe src="http://127.0.0.1:{port}/frame"></iframe>
      </body></html>"""
    try:
        pdf = write_pdf(html, tmp_path, tmp_path, identifier=b"test")
    finally:
        server.shutdown()
    assert _Counter.requests == []
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Visible text." in text
    assert "root:" not in text


@pytest.mark.slow
def test_two_builds_give_the_same_bytes_and_fetch_nothing(tmp_path, project_copy, monkeypatch):
    """Also the chart exporter: URLs in the data are never fetched by Chromium or WeasyPrint."""
    from reportgen.publish.build import BuildOptions, build

    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    _Counter.requests = []
    entities = (project_copy() / "entities.csv").read_text().replace(
        "Alice Armand", f'"<img src=http://127.0.0.1:{port}/a.png> file:///etc/passwd Alice"')
    project = project_copy(entities__csv=entities)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    # Any request that tried the system proxy (CDN scripts, browser update checks) would land here too.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{port}")
    try:
        first = build(project, BuildOptions(languages=("en", "ar"), out=tmp_path / "one"))
        second = build(project, BuildOptions(languages=("en", "ar"), out=tmp_path / "two"))
    finally:
        server.shutdown()
    assert _Counter.requests == []
    files = sorted(p.relative_to(first.folder) for p in first.folder.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second.folder) for p in second.folder.rglob("*") if p.is_file())
    assert any(str(f).endswith(".pdf") for f in files)
    for name in files:
        assert (first.folder / name).read_bytes() == (second.folder / name).read_bytes(), name
    reader = PdfReader(first.folder / "en" / "analysis.pdf")
    assert str(reader.metadata["/CreationDate"]).startswith("D:20260921")  # 1790000000 = 21 September 2026
