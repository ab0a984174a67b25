"""Where the templates and locale catalogs are.

In a source checkout they are the repository's top-level ``templates/`` and
``locales/``; an installed wheel carries them inside the package (the build
backend maps them there), so a plain ``pip install .`` works too.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


#: Jinja templates and stylesheets.
TEMPLATES_DIR = _find("templates")
#: ``messages.pot`` and the ``<lang>/LC_MESSAGES`` catalogs.
LOCALES_DIR = _find("locales")
