"""PDF through WeasyPrint, reading only the files of the build.

The HTML given here is the ``medium="pdf"`` rendering; its stylesheet,
fonts and figures are files under one build folder, and the URL fetcher
refuses everything else (other files, the network, ``data:`` URLs), so
that nothing in the data can make WeasyPrint read a file or call a server.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import ReportgenError

log = logging.getLogger(__name__)

#: ``--pdf-variant`` → WeasyPrint's variant: ``ua`` (the default) for readers with assistive
#: technology, ``a`` for the archive (PDF/A-3 level A: tagged too, colours in sRGB, fonts embedded).
PDF_VARIANTS = {"ua": "pdf/ua-1", "a": "pdf/a-3a"}
#: The default variant of every build.
DEFAULT_PDF_VARIANT = "ua"


def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher

    class BuildFetcher(URLFetcher):
        """Serves ``file:`` URLs under one folder; refuses everything else."""

        def __init__(self, root: Path):
            super().__init__(allowed_protocols={"file"}, fail_on_errors=False)
            self.root = root.resolve()

        def fetch(self, url: str, headers: object = None) -> object:
            parts = urlsplit(url)
            if parts.scheme != "file":
                log.warning("PDF: refused to fetch %s (only files of the build are read)", url)
                raise ValueError(f"refused: {url}")
            path = Path(unquote(parts.path)).resolve()
            if not path.is_relative_to(self.root) or not path.is_file():
                log.warning("PDF: refused to read %s (outside the build)", path)
                raise ValueError(f"refused: {url}")
            return super().fetch(path.as_uri(), headers)

    return BuildFetcher


def write_pdf(html: str, base: Path, root: Path, *, identifier: bytes,
              variant: str | None = DEFAULT_PDF_VARIANT) -> bytes:
    """Lay out ``html`` and return the PDF.

    Relative URLs resolve against ``base`` (where the PDF will live); only
    files under ``root`` (the build folder) can be read. ``identifier``
    fixes the PDF's ``/ID`` so that the same input gives the same bytes.
    ``variant`` is a key of :data:`PDF_VARIANTS`; ``None`` writes an
    untagged PDF (only the benchmark does, to measure what tagging costs).
    """
    try:
        from weasyprint import HTML
    except OSError as error:  # Pango or its friends missing
        raise ReportgenError(f"WeasyPrint cannot start: {error}") from error
    fetcher = _fetcher_class()(root)
    document = HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(pdf_identifier=identifier, uncompressed_pdf=False,
                              pdf_variant=PDF_VARIANTS[variant] if variant else None)
