"""WeasyPrint reads only the files of the build: no other file, no network."""

from __future__ import annotations

import http.server
import threading

from pypdf import PdfReader

from reportgen.pdf import write_pdf


class _Counter(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
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
