"""Hostile and broken inputs, each applied to a copy of the tiny project.

Every case says what must happen: ``Error(text)`` — a located error whose
line contains ``text`` (``file:row:column: message``), no traceback, exit
status 1 — or ``Shown(text)`` — a correct report in which ``text`` appears
as plain text (never as markup). ``None`` in ``Shown`` means the build must
simply succeed with safe HTML.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ENTITY_HEADER = "id,type,name,aliases,roles,countries,nationality,status,description,first_seen,last_seen,classification,release_to\n"
LINK_HEADER = "source,target,type,weight,grading,evidence,first_seen,last_seen,classification,release_to,description\n"
ACTIVITY_HEADER = "id,date,type,countries,entities,value_eur,grading,classification,release_to,description\n"
BASE_ENTITIES = "A,person,Alice,,organiser,FR,FR,active,,,,,\nB,person,Bob,,financer,ES,ES,active,,,,,\n"
BASE_LINKS = "A,B,family,1,B2,document,,,,,\n"
PROJECT = """code_name: HOSTILE
title: {{en: {title}}}
period: {{start: 2026-07-01, end: 2026-09-30}}
classification: restricted
narratives:
  summary:
    - en: {summary}
"""


@dataclass(frozen=True)
class Error:
    text: str


@dataclass(frozen=True)
class Shown:
    text: str | None = None


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    #: File name → new content (str is written as UTF-8), or a function changing the project folder.
    change: dict[str, str | bytes] | Callable[[Path], None]
    expect: Error | Shown


def entity(name: str = "Eve", **cells: str) -> dict[str, str]:
    """entities.csv with the base rows and one more row E, cells quoted as CSV needs."""
    row = {"id": "E", "type": "person", "name": name, "aliases": "", "roles": "", "countries": "IT",
           "nationality": "", "status": "", "description": "", "first_seen": "", "last_seen": "",
           "classification": "", "release_to": ""}
    row.update(cells)

    def quote(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n\r') else value

    line = ",".join(quote(row[c]) for c in ENTITY_HEADER.strip().split(","))
    return {"entities.csv": ENTITY_HEADER + BASE_ENTITIES + line + "\n",
            "links.csv": LINK_HEADER + BASE_LINKS + "A,E,associate,,,,,,,,\n",
            "activities.csv": ACTIVITY_HEADER}


def narrative(summary: str, title: str = "Hostile test") -> dict[str, str]:
    def yaml_string(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return {"project.yaml": PROJECT.format(title=yaml_string(title), summary=yaml_string(summary)),
            "entities.csv": ENTITY_HEADER + BASE_ENTITIES, "links.csv": LINK_HEADER + BASE_LINKS,
            "activities.csv": ACTIVITY_HEADER}


def links(*rows: str) -> dict[str, str]:
    return {"entities.csv": ENTITY_HEADER + BASE_ENTITIES, "links.csv": LINK_HEADER + "".join(r + "\n" for r in rows),
            "activities.csv": ACTIVITY_HEADER}


def activities(*rows: str) -> dict[str, str]:
    return {"entities.csv": ENTITY_HEADER + BASE_ENTITIES, "links.csv": LINK_HEADER + BASE_LINKS,
            "activities.csv": ACTIVITY_HEADER + "".join(r + "\n" for r in rows)}


def _missing(name: str):
    return lambda root: (root / name).unlink()


def _directory(name: str):
    def change(root: Path) -> None:
        (root / name).unlink()
        (root / name).mkdir()
    return change


def _symlink_outside(name: str):
    def change(root: Path) -> None:
        (root / name).unlink()
        (root / name).symlink_to("/etc/passwd")
    return change


def _broken_symlink(name: str):
    def change(root: Path) -> None:
        (root / name).unlink()
        (root / name).symlink_to(root / "nowhere.csv")
    return change


ALLOWED_ROLES = "allowed: organiser"

CASES = [
    # -- markup and scripts in text -------------------------------------------------
    Case("script-in-name", "markup", entity("<script>alert('name')</script>"), Shown("<script>alert('name')</script>")),
    Case("img-onerror-in-name", "markup", entity('<img src=x onerror="alert(1)">'), Shown('<img src=x onerror="alert(1)">')),
    Case("iframe-in-alias", "markup", entity("Eve", aliases="<iframe src=//evil>"), Shown()),
    Case("style-in-description", "markup", entity("Eve", description="<style>body{display:none}</style>"), Shown()),
    Case("closing-tags-in-name", "markup", entity("</td></tr></table><h1>Eve"), Shown("</td></tr></table><h1>Eve")),
    Case("html-entity-in-name", "markup", entity("Eve &lt;b&gt; &amp;"), Shown("Eve &lt;b&gt; &amp;")),
    Case("script-in-narrative", "markup", narrative("<script>alert('summary')</script> stays text"),
         Shown("<script>alert('summary')</script> stays text")),
    Case("html-block-in-narrative", "markup", narrative("<div onclick=alert(1)>click</div>"),
         Shown("<div onclick=alert(1)>click</div>")),
    Case("script-in-title", "markup", narrative("ok", title="<script>alert('title')</script>"),
         Shown("<script>alert('title')</script>")),
    Case("svg-onload-in-name", "markup", entity("<svg onload=alert(1)>"), Shown("<svg onload=alert(1)>")),
    # -- links ----------------------------------------------------------------------
    Case("javascript-link-in-narrative", "urls", narrative("[click](javascript:alert(1))"), Shown("[click](javascript:alert(1))")),
    Case("file-link-in-narrative", "urls", narrative("[passwd](file:///etc/passwd)"), Shown("[passwd](file:///etc/passwd)")),
    Case("data-link-in-narrative", "urls", narrative("[d](data:text/html,<script>alert(1)</script>)"), Shown()),
    Case("javascript-url-as-name", "urls", entity("javascript:alert(document.cookie)"), Shown("javascript:alert(document.cookie)")),
    Case("https-link-in-narrative", "urls", narrative("See [the report](https://example.org/r)."), Shown("the report")),
    Case("image-in-narrative", "urls", narrative("![x](http://127.0.0.1:9/track.png)"), Shown()),
    # -- plotly hover and label markup ----------------------------------------------
    Case("plotly-bold-in-name", "plotly", entity("<b>Bold</b> Eve"), Shown("<b>Bold</b> Eve")),
    Case("plotly-br-in-name", "plotly", entity("Eve<br>Second line"), Shown("Eve<br>Second line")),
    Case("plotly-anchor-in-name", "plotly", entity('<a href="javascript:alert(1)">Eve</a>'), Shown()),
    Case("plotly-template-in-name", "plotly", entity("%{x} %{customdata[0]} Eve"), Shown("%{x} %{customdata[0]} Eve")),
    Case("script-close-in-name", "plotly", entity("</script><script>alert(1)</script>"), Shown("</script><script>alert(1)</script>")),
    # -- odd Unicode ------------------------------------------------------------------
    Case("bidi-override-in-name", "unicode", entity("Eve \u202egnp.exe"), Shown("Eve \u202egnp.exe")),
    Case("zero-width-in-name", "unicode", entity("E\u200bv\u200de"), Shown("E\u200bv\u200de")),
    Case("zero-width-in-id", "unicode", {**entity(), "entities.csv": entity()["entities.csv"].replace("\nE,", "\nE\u200b,")},
         Error("id: invalid identifier")),
    Case("bidi-override-in-id", "unicode", {**entity(), "entities.csv": entity()["entities.csv"].replace("\nE,", "\n\u202eE,")},
         Error("id: invalid identifier")),
    Case("combining-marks-in-name", "unicode", entity("E\u0301\u0301\u0301ve"), Shown()),
    Case("emoji-and-astral-in-name", "unicode", entity("Eve \U0001F600 \U0001D400"), Shown("Eve \U0001F600 \U0001D400")),
    Case("arabic-name-in-latin-text", "unicode", entity("حسن Eve"), Shown("حسن Eve")),
    # -- bytes and encodings ----------------------------------------------------------
    Case("nul-byte-in-csv", "encoding", {"entities.csv": (ENTITY_HEADER + "A,person,Al\x00ice,,,,,,,,,,\n").encode()},
         Error("entities.csv:2:12: NUL character in file")),
    Case("nul-byte-in-yaml", "encoding", {"project.yaml": b"code_name: X\x00\n"}, Error("project.yaml:1:13: NUL character")),
    Case("latin1-csv", "encoding", {"entities.csv": (ENTITY_HEADER + BASE_ENTITIES + "E,person,Ren\xe9,,,,,,,,,,\n").encode("latin-1")},
         Error("entities.csv:4:13: not valid UTF-8 (byte 0xe9)")),
    Case("utf16-csv", "encoding", {"entities.csv": (ENTITY_HEADER + BASE_ENTITIES).encode("utf-16")},
         Error("entities.csv:1:1: file is UTF-16 encoded")),
    Case("utf16-yaml", "encoding", {"project.yaml": "code_name: X\n".encode("utf-16")}, Error("project.yaml:1:1: file is UTF-16")),
    Case("bom-csv", "encoding", {**links(BASE_LINKS.strip()), "entities.csv": b"\xef\xbb\xbf" + (ENTITY_HEADER + BASE_ENTITIES).encode()},
         Shown("Alice")),
    Case("crlf-csv", "encoding", {**links(BASE_LINKS.strip()), "entities.csv": (ENTITY_HEADER + BASE_ENTITIES).replace("\n", "\r\n")},
         Shown("Alice")),
    Case("mixed-line-ends", "encoding", {"links.csv": LINK_HEADER + BASE_LINKS.replace("\n", "\r\n") + "B,A,financial,,,,,,,,\n"}, Shown()),
    Case("latin1-yaml", "encoding", {"project.yaml": "code_name: Caf\xe9\n".encode("latin-1")}, Error("project.yaml:1:15: not valid UTF-8")),
    # -- CSV structure ------------------------------------------------------------------
    Case("ragged-row-long", "csv", {"entities.csv": ENTITY_HEADER + BASE_ENTITIES + "E,person,Eve,,,,,,,,,,,extra\n"},
         Error("entities.csv:4: row has 14 cells but the header has 13")),
    Case("ragged-row-short", "csv", {"entities.csv": ENTITY_HEADER + BASE_ENTITIES + "E,person,Eve\n"},
         Error("entities.csv:4: row has 3 cells but the header has 13")),
    Case("unquoted-comma", "csv", {"entities.csv": ENTITY_HEADER + BASE_ENTITIES + "E,person,Doe, John,,,,,,,,,,\n"},
         Error("entities.csv:4: row has 14 cells")),
    Case("unterminated-quote", "csv", {"entities.csv": ENTITY_HEADER + BASE_ENTITIES + 'E,person,"Eve,,,,,,,,,,\n'},
         Error("entities.csv:4: malformed CSV")),
    Case("unknown-column", "csv", {"entities.csv": "id,type,name,secret\nA,person,Al,x\nB,person,Bo,y\n"},
         Error("entities.csv:1:4: unknown column 'secret'")),
    Case("duplicate-column", "csv", {"entities.csv": "id,type,name,name\nA,person,Al,x\nB,person,Bo,y\n"},
         Error("entities.csv:1:4: duplicate column 'name'")),
    Case("header-only-entities", "csv", {"entities.csv": ENTITY_HEADER, "links.csv": LINK_HEADER,
                                         "activities.csv": ACTIVITY_HEADER}, Shown()),
    # -- formula-looking cells (CSV export) ---------------------------------------------
    Case("formula-hyperlink-name", "formula", entity('=HYPERLINK("http://evil","x")'), Shown('=HYPERLINK("http://evil","x")')),
    Case("formula-plus-name", "formula", entity("+cmd|'/c calc'!A0"), Shown("+cmd|'/c calc'!A0")),
    Case("formula-at-name", "formula", entity("@SUM(1+1)*cmd"), Shown("@SUM(1+1)*cmd")),
    Case("formula-minus-name", "formula", entity("-2+3+cmd"), Shown("-2+3+cmd")),
    # -- YAML ---------------------------------------------------------------------------
    Case("yaml-billion-laughs", "yaml",
         {"project.yaml": "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ncode_name: *d\n"},
         Error("YAML anchors and aliases are not allowed")),
    Case("yaml-python-tag", "yaml", {"project.yaml": "code_name: !!python/object/apply:os.system ['id']\n"},
         Error("could not determine a constructor")),
    Case("yaml-binary-tag", "yaml", {"project.yaml": narrative("x")["project.yaml"].replace("HOSTILE", "!!binary aGk=")},
         Error("code_name: input should be a valid string")),
    Case("yaml-duplicate-key", "yaml", {"project.yaml": "code_name: A\ncode_name: B\n"}, Error("duplicate key 'code_name'")),
    Case("yaml-not-a-mapping", "yaml", {"project.yaml": "just text\n"}, Error("expected a mapping of keys")),
    Case("yaml-deep-nesting", "yaml", {"project.yaml": narrative("x")["project.yaml"] + "extra: " + "[" * 50 + "]" * 50 + "\n"},
         Error("extra: unknown key")),
    Case("yaml-syntax-error", "yaml", {"project.yaml": "code_name: [unclosed\n"}, Error("invalid YAML")),
    # -- sizes and numbers ----------------------------------------------------------------
    Case("extremely-long-cell", "size", entity("Eve", description="x" * 30_000), Error("description: text too long (30000 characters")),
    Case("long-but-allowed-name", "size", entity("Eve " + "long" * 200), Shown()),
    Case("huge-value", "numbers", activities("X1,2026-08-01,fraud,FR,A,1e300,,,,"), Error("value_eur: value must be between 0 and")),
    Case("infinite-weight", "numbers", links("A,B,family,1e400,,,,,,,"), Error("weight: invalid number '1e400'")),
    Case("nan-value", "numbers", activities("X1,2026-08-01,fraud,FR,A,nan,,,,"), Error("value_eur: invalid number 'nan'")),
    Case("thousands-separator", "numbers", activities("X1,2026-08-01,fraud,FR,A,\"1,000\",,,,"), Error("value_eur: invalid number '1,000'")),
    Case("negative-weight", "numbers", links("A,B,family,-1,,,,,,,"), Error("weight: weight must be greater than 0")),
    # -- dates -------------------------------------------------------------------------------
    Case("date-year-1", "dates", activities("X1,0001-01-01,fraud,FR,A,,,,,"), Error("date: date 0001-01-01 out of range")),
    Case("date-year-9999", "dates", activities("X1,9999-12-31,fraud,FR,A,,,,,"), Error("date: date 9999-12-31 out of range")),
    Case("date-not-leap", "dates", activities("X1,2026-02-29,fraud,FR,A,,,,,"), Error("date: invalid date '2026-02-29' (no such day)")),
    Case("date-short-form", "dates", activities("X1,2026-8-1,fraud,FR,A,,,,,"), Error("date: invalid date '2026-8-1' (expected YYYY-MM-DD)")),
    # -- references ----------------------------------------------------------------------------
    Case("duplicate-entity-id", "references", {"entities.csv": ENTITY_HEADER + BASE_ENTITIES + "A,person,Again,,,,,,,,,,\n"},
         Error("entities.csv:4:1: id: duplicate id 'A' (first used on row 2)")),
    Case("duplicate-activity-id", "references", activities("X1,2026-08-01,fraud,FR,A,,,,,", "X1,2026-08-02,fraud,FR,B,,,,,"),
         Error("activities.csv:3:1: id: duplicate id 'X1'")),
    Case("self-link", "references", links("A,A,associate,,,,,,,,"), Error("links.csv:2:2: target: link from 'A' to itself")),
    Case("link-to-missing-entity", "references", links("A,Z,associate,,,,,,,,"), Error("links.csv:2:2: target: unknown entity 'Z'")),
    Case("activity-with-missing-entity", "references", activities("X1,2026-08-01,fraud,FR,Q,,,,,"),
         Error("activities.csv:2:5: entities: unknown entity 'Q'")),
    # -- files -----------------------------------------------------------------------------------
    Case("empty-entities", "files", {"entities.csv": ""}, Error("entities.csv:1: empty file")),
    Case("whitespace-entities", "files", {"entities.csv": "\n\n  \n"}, Error("entities.csv:1: empty file")),
    Case("empty-project-yaml", "files", {"project.yaml": ""}, Error("project.yaml:1:1: expected a mapping of keys")),
    Case("missing-links", "files", _missing("links.csv"), Error("links.csv: file is missing")),
    Case("directory-instead-of-file", "files", _directory("activities.csv"), Error("activities.csv: not a regular file")),
    Case("symlink-outside-project", "files", _symlink_outside("entities.csv"), Error("entities.csv: file links outside the project")),
    Case("broken-symlink", "files", _broken_symlink("links.csv"), Error("links.csv: file is a broken link")),
    # -- vocabularies --------------------------------------------------------------------------------
    Case("unknown-role", "vocabulary", entity("Eve", roles="boss"), Error("roles: unknown role 'boss' (" + ALLOWED_ROLES)),
    Case("unknown-country", "vocabulary", entity("Eve", countries="QQ"), Error("countries: unknown country code 'QQ'")),
    Case("lower-case-country", "vocabulary", entity("Eve", countries="it"), Shown("Eve")),
    Case("sql-in-name", "vocabulary", entity("Robert'); DROP TABLE entities;--"), Shown("Robert'); DROP TABLE entities;--")),
]


def apply(case: Case, root: Path) -> None:
    """Change the project folder ``root`` as ``case`` says."""
    if callable(case.change):
        case.change(root)
        return
    for name, content in case.change.items():
        path = root / name
        if path.is_symlink() or path.exists():
            os.unlink(path)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")

CASES.append(Case("control-character-in-yaml", "yaml", {"project.yaml": "code_name: A\x1fB\n"},
                  Error("project.yaml:1:13: invalid YAML: character U+001F is not allowed")))

CASES += [
    Case("relative-link-in-narrative", "urls", narrative("[notes](notes.html)"), Shown("[notes](notes.html)")),
    Case("protocol-relative-link", "urls", narrative("[share](//fileserver.example/share)"),
         Shown("[share](//fileserver.example/share)")),
    Case("absolute-path-link", "urls", narrative("[p](/etc/passwd)"), Shown("[p](/etc/passwd)")),
    Case("css-breakout-in-code-name", "markup",
         {"project.yaml": narrative("x")["project.yaml"].replace("code_name: HOSTILE",
                                                                 'code_name: "X\\f;}} .marking-banner{display:none}"')},
         Error("code_name: control character U+000C in text")),
    Case("control-character-in-name", "unicode", entity("Eve\x1b[31m"), Error("name: control character U+001B in text")),
    Case("yaml-list-as-key", "yaml", {"project.yaml": narrative("x")["project.yaml"] + "[a, b]: 1\n"},
         Error("invalid YAML: keys must be text")),
    Case("duplicate-country-in-cell", "vocabulary", entity("Eve", countries="ES;es"),
         Error("countries: country 'ES' listed twice")),
    Case("duplicate-role-in-cell", "vocabulary", entity("Eve", roles="organiser;organiser"),
         Error("roles: role 'organiser' listed twice")),
]
