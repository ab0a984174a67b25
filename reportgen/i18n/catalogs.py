"""The locale catalogs: extract, update, compile and count, with Babel.

One extraction configuration (``babel.cfg`` at the repository's top) covers
the Python code and the Jinja templates, the way Sphinx does it. The
template ``locales/messages.pot`` is rewritten only when its messages
change, so that an unchanged code base leaves the catalogs untouched.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_python
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

from .. import __version__
from ..data import vocab
from ..errors import ReportgenError
from ..files import write_atomic
from ..resources import LOCALES_DIR
from .labels import ABOUT_A_NON_PERSON, ABOUT_A_WOMAN

log = logging.getLogger(__name__)

#: Languages that have a catalog (English is the source language).
CATALOG_LANGUAGES = tuple(lang for lang in vocab.LANGUAGES if lang != vocab.DEFAULT_LANGUAGE)

#: Translator comments start with this tag in the code (``# Translators: …``).
COMMENT_TAGS = ("Translators:",)

DOMAIN = "messages"

#: Babel's default keywords (``_``, ``N_``, ``ngettext``, ``pgettext``, …), ``NC_``, the
#: marker of a message with a context (:func:`reportgen.i18n.formatting.NC_`) and of a plural pair (``NN_``).
KEYWORDS = {**DEFAULT_KEYWORDS, "NC_": ((1, "c"), 2), "NN_": (1, 2)}


#: Functions of a sentence about one entity (templates: ``gettext_about(entity, message, …)``; code:
#: ``gettext_about(f, entity, message, …)``, :mod:`reportgen.report.wording`), with the gettext functions
#: of their variants: the generic wording (a man, a person whose sex is not recorded), and the same message
#: in each context of :data:`ABOUT_CONTEXTS`.
ABOUT_FUNCTIONS = {"gettext_about": ("gettext", "pgettext"), "ngettext_about": ("ngettext", "npgettext")}

#: Contexts of the variants of a sentence about one entity besides its generic wording.
ABOUT_CONTEXTS = (ABOUT_A_WOMAN, ABOUT_A_NON_PERSON)

_Extracted = Iterator[tuple[int, str, Any, list[str]]]


def extract_templates(fileobj: Any, keywords: Iterable[str], comment_tags: Iterable[str],
                      options: dict[str, Any]) -> _Extracted:
    """Jinja's Babel extraction (``babel.cfg``), with both variants of each sentence about one entity."""
    found = babel_extract(fileobj, [*keywords, *ABOUT_FUNCTIONS], list(comment_tags), options)
    return _with_variants(found, skip=1)


def extract_code(fileobj: Any, keywords: Iterable[str], comment_tags: Iterable[str], options: Any) -> _Extracted:
    """Babel's Python extraction (``babel.cfg``), with both variants of each sentence about one entity."""
    found = extract_python(fileobj, dict.fromkeys([*keywords, *ABOUT_FUNCTIONS]), list(comment_tags), options)
    return _with_variants(found, skip=2)


def _with_variants(found: Iterable[Any], skip: int) -> _Extracted:
    """Each call of :data:`ABOUT_FUNCTIONS` as its messages, generic and in each of :data:`ABOUT_CONTEXTS`
    (its ``skip`` first arguments are not wording)."""
    for lineno, funcname, messages, comments in found:
        if funcname not in ABOUT_FUNCTIONS:
            yield lineno, funcname, messages, comments
            continue
        generic, in_context = ABOUT_FUNCTIONS[funcname]
        wording = tuple(messages[skip:])
        yield lineno, generic, wording, comments
        for context in ABOUT_CONTEXTS:
            yield lineno, in_context, (context, *wording), comments


def _source_root() -> Path:
    root = LOCALES_DIR.parent
    if not (root / "babel.cfg").exists():
        raise ReportgenError(f"{root}: no babel.cfg; catalogs are managed from a source checkout")
    return root


def _po(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def _bytes(catalog: Catalog, **options: bool) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, sort_output=True, **options)
    return buffer.getvalue()


def _messages(catalog: Catalog) -> set:
    return {(m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in catalog if m.id}


def extract() -> tuple[Path, bool]:
    """Write ``locales/messages.pot`` from the code and templates.

    Returns its path and whether it changed.
    """
    root = _source_root()
    with (root / "babel.cfg").open() as stream:
        method_map, options_map = parse_mapping_cfg(stream)
    template = Catalog(project="reportgen", version=__version__, copyright_holder="reportgen",
                       charset="utf-8", creation_date=datetime.now(UTC))
    for filename, lineno, message, comments, context in extract_from_dir(
        root, method_map, options_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True,
        directory_filter=lambda d: not Path(d).name.startswith((".", "_")),
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    pot = LOCALES_DIR / f"{DOMAIN}.pot"
    if pot.exists() and _messages(_read(pot)) == _messages(template):
        return pot, False
    write_atomic(pot, _bytes(template))
    return pot, True


def update() -> list[Path]:
    """Merge the template into every language's catalog (new messages untranslated)."""
    template = _read(LOCALES_DIR / f"{DOMAIN}.pot")
    written = []
    for lang in CATALOG_LANGUAGES:
        path = _po(lang)
        if path.exists():
            catalog = _read(path, lang)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, project="reportgen", version=__version__, charset="utf-8")
        before = _bytes(catalog, ignore_obsolete=True)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        after = _bytes(catalog, ignore_obsolete=True)
        if after != before or not path.exists():
            write_atomic(path, after)
            written.append(path)
    return written


def compile_catalogs() -> list[Path]:
    """Write the ``.mo`` of every language's catalog; fuzzy entries are left out."""
    written = []
    for lang in CATALOG_LANGUAGES:
        path = _po(lang)
        if not path.exists():
            continue
        catalog = _read(path, lang)
        errors = [(message.id, error) for message, errs in catalog.check() for error in errs]
        if errors:
            details = "; ".join(f"{mid!r}: {err}" for mid, err in errors[:5])
            raise ReportgenError(f"{path}: {len(errors)} invalid translations ({details})")
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        target = path.with_suffix(".mo")
        write_atomic(target, buffer.getvalue())
        written.append(target)
    return written


@dataclass(frozen=True)
class Stats:
    lang: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.translated == self.total


def stats() -> list[Stats]:
    """Translated, fuzzy and untranslated messages per language, against the template."""
    template = _read(LOCALES_DIR / f"{DOMAIN}.pot")
    wanted = _messages(template)
    result = []
    for lang in CATALOG_LANGUAGES:
        path = _po(lang)
        if not path.exists():
            result.append(Stats(lang, len(wanted), 0, 0, len(wanted)))
            continue
        catalog = _read(path, lang)
        translated = fuzzy = 0
        for message in catalog:
            if not message.id or (message.id if isinstance(message.id, str) else tuple(message.id),
                                  message.context) not in wanted:
                continue
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            if message.fuzzy:
                fuzzy += 1
            elif all(strings) and len(strings) == (catalog.num_plurals if message.pluralizable else 1):
                translated += 1
        result.append(Stats(lang, len(wanted), translated, fuzzy, len(wanted) - translated - fuzzy))
    return result
