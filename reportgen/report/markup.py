"""The small Markdown subset analysts may use in narratives, rendered safely.

Allowed: paragraphs, *emphasis*, **strong emphasis**, bulleted and numbered
lists, line breaks and links to ``http(s)`` addresses. Everything else is
shown as the text it is: raw HTML is never passed through (markdown-it with
``html`` off escapes it), other link schemes (``javascript:``, ``file:``,
``data:``) are not links, and the result goes through nh3 (the ammonia
sanitiser) with an allow-list of tags, attributes and URL schemes, so that
nothing but those few elements can reach a reader's page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

#: Elements a narrative may produce, and their attributes.
ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https"}

#: markdown-it rules switched off: only the subset above remains.
DISABLED_RULES = ["heading", "lheading", "code", "fence", "blockquote", "hr", "html_block", "html_inline",
                  "image", "backticks", "entity"]


#: A letter of the Latin script (names in the data's script: ``Nikolić``, ``Sofía``).
_L = "A-Za-z\u00C0-\u024F\u1E00-\u1EFF"
#: A run of Latin-script words inside right-to-left prose: a name (``Branka M. Ilić``) or a code
#: (``OPAL TIDE``, ``d.o.o.``). A sentence's final full stop stays outside the run.
_LATIN_WORD = rf"(?:(?:[{_L}]\.)+|[{_L}][{_L}0-9'\u2019\-]*)"  # ``M.``, ``d.o.o.`` or a word
LATIN_RUN = re.compile(rf"{_LATIN_WORD}(?:\s+{_LATIN_WORD})*")
#: Tags and character references of the sanitised HTML, kept apart from its text.
_TAG = re.compile(r"(<[^>]*>|&#?\w+;)")
#: The end of a paragraph or list item: a Latin run's final dot just before it is the sentence's full stop.
_BLOCK_END = re.compile(r"</(?:p|li)>")

#: A name (or any Latin run) isolated inside right-to-left text: ``<bdi>`` for browsers, and Unicode's FSI…PDI
#: for WeasyPrint, which lays ``<bdi>`` out without isolating it (the final dot of « ACME B.V. » jumped to the
#: other side of the name). Left-to-right text needs the ``<bdi>`` only (a right-to-left name in it).
ISOLATE = {"rtl": "<bdi>&#x2068;{}&#x2069;</bdi>", "ltr": "<bdi>{}</bdi>"}

#: The only link targets allowed: absolute http(s) addresses (no relative,
#: ``//host`` or other-scheme links, which would point into the reader's
#: file system or network).
LINK = re.compile(r"(?i)^https?://[^\s/]")


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # markdown-it's documented hook for link validation is assigning this attribute.
    parser.validateLink = lambda url: bool(LINK.match(url))  # type: ignore[method-assign]
    return parser.disable(DISABLED_RULES)


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """nh3 attribute filter: a second guard on link targets."""
    if tag == "a" and attribute == "href" and not LINK.match(value):
        return None
    return value


def isolated(text: str, direction: str) -> Markup:
    """``text`` (a name, an alias, an identifier; escaped) isolated from the sentence around it (:data:`ISOLATE`)."""
    return Markup(ISOLATE[direction]).format(text)


def _isolate_latin(part: str, ends_block: bool) -> str:
    """Each Latin run of ``part`` (escaped text of sanitised HTML) isolated; when ``part`` ends a paragraph, a run's
    final dot (« … Trading d.o.o. ») is the sentence's full stop and stays outside, on the sentence's side."""
    def wrap(match: re.Match[str]) -> str:
        run = match.group(0)
        if ends_block and run.endswith(".") and not part[match.end():].strip():
            return ISOLATE["rtl"].format(run[:-1]) + "."
        return ISOLATE["rtl"].format(run)

    return LATIN_RUN.sub(wrap, part)


def markdown(text: str, isolate_latin: bool = False, typography: Callable[[str], str] | None = None) -> Markup:
    """``text`` (the Markdown subset) as sanitised HTML.

    ``typography`` (:meth:`~reportgen.i18n.formatting.Formatter.typography`)
    corrects the spacing of punctuation in the text, outside tags.

    With ``isolate_latin`` (right-to-left reports), each run of Latin-script
    words is isolated (:data:`ISOLATE`), so that names kept in the data's script
    (the transliteration policy in the README) do not reorder the sentence around them.
    """
    html = _parser().render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_keep,
    )
    if typography:
        clean = "".join(part if part.startswith(("<", "&")) else typography(part) for part in _TAG.split(clean))
    if isolate_latin:
        parts = _TAG.split(clean)
        clean = "".join(part if part.startswith(("<", "&")) else
                        _isolate_latin(part, index + 1 == len(parts) or bool(_BLOCK_END.match(parts[index + 1])))
                        for index, part in enumerate(parts))
    return Markup(clean.strip())
