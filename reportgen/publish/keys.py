"""Rebuild keys: a hash of everything one language's outputs depend on.

A build stores the key of each language it wrote beside the outputs
(``.build-key.<lang>``, see :data:`KEY_FILE`); the next build compares and
skips the languages whose key is unchanged. Only :class:`.writer.Writer`
writes the key files; this module computes and reads them.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..data import vocab
from ..report.render import issue_date
from ..resources import LOCALES_DIR, TEMPLATES_DIR

if TYPE_CHECKING:
    from .build import BuildOptions

#: Files in a period folder holding the key of the build that wrote each language (``.build-key.<lang>``).
KEY_FILE = ".build-key"

#: Libraries whose version is part of the key: a new version may change the outputs.
KEYED_LIBRARIES = ("weasyprint", "plotly", "babel", "networkx", "jinja2")


def key_name(lang: str) -> str:
    """The name of ``lang``'s key file inside a period folder."""
    return f"{KEY_FILE}.{lang}"


def read_key(folder: Path, lang: str) -> str | None:
    """The key stored with ``lang``'s published outputs in ``folder``, or None if there is none."""
    try:
        return (folder / key_name(lang)).read_text()
    except OSError:
        return None


def build_key(project_dir: Path, options: BuildOptions, lang: str) -> str:
    """A hash of everything one language's outputs depend on.

    The project's CSV files, its ``project.yaml`` without the other
    languages' wording (English stays: it is the fallback), the templates
    and stylesheet, the language's catalog, the options, reportgen's and its
    main libraries' versions, and the date of issue (``SOURCE_DATE_EPOCH`` or
    today). When it equals the key stored with the published outputs, that
    language has nothing to rebuild; editing a French narrative rebuilds
    only the French reports.
    """
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        # Length-prefixed, so that no two different inputs concatenate to the same bytes.
        digest.update(f"{label}:{len(data)}:".encode())
        digest.update(data)

    for path in sorted(Path(project_dir).iterdir()):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "project.yaml":
                data = _one_language(data, lang)
            add(f"project/{path.name}", data)
    for path in sorted(TEMPLATES_DIR.rglob("*")):
        if path.is_file():
            add(f"templates/{path.relative_to(TEMPLATES_DIR)}", path.read_bytes())
    catalog = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if catalog.exists():
        add(f"locales/{lang}", catalog.read_bytes())
    add("options", json.dumps(_keyed_options(options, lang), sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _keyed_options(options: BuildOptions, lang: str) -> dict[str, Any]:
    """The options and versions that change ``lang``'s outputs, as a JSON-ready dict."""
    versions = [__version__, *(version(name) for name in KEYED_LIBRARIES)]
    return {
        "reports": options.reports, "language": lang, "formats": options.formats,
        "pdf_variant": options.pdf_variant,
        "period": str(options.period), "audience": str(options.audience), "settings": str(options.settings),
        "assets": options.assets_url, "versions": versions, "issued": issue_date().isoformat(),
    }


def _one_language(data: bytes, lang: str) -> bytes:
    """``project.yaml`` reduced to what a report in ``lang`` shows (other languages' text removed).

    A file that is not valid YAML is returned as it is (the load step reports it).
    """
    import yaml

    try:
        document = yaml.safe_load(data)
    except yaml.YAMLError:
        return data

    def keep(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: keep(v) for k, v in node.items()
                    if not (k in vocab.LANGUAGES and k not in (lang, vocab.DEFAULT_LANGUAGE))}
        if isinstance(node, list):
            return [keep(v) for v in node]
        return node

    return json.dumps(keep(document), sort_keys=True, default=str, ensure_ascii=False).encode()
