"""Latin names inside Arabic text keep their order in the PDF: « ACME B.V. », never « .ACME B.V ».

WeasyPrint lays ``<bdi>`` out without isolating it: a name's final dot, a neutral, took the paragraph's
direction and jumped to the other side of the name. Unicode's FSI…PDI inside the ``<bdi>`` isolate it.
"""

from __future__ import annotations

import subprocess

import pytest
import weasyprint

from reportgen.report.markup import markdown
from reportgen.report.render import environment

#: An analyst's Arabic paragraph: company names ending in a dot mid-sentence and at its end.
PARAGRAPH = ("في الشركتين المرتبطتين بالشبكة: Dexlumum Logistics d.o.o. (الجبل الأسود) المملوكة لرئيس الخلية "
             "Marko Popović، وMarmirar Trading d.o.o.")


def pdf_text(html: str, tmp_path) -> str:
    """``html`` (an Arabic body) laid out by WeasyPrint, as pdftotext reads it (one run a line with ``-raw``)."""
    document = (f'<html lang="ar" dir="rtl"><meta charset="utf-8">'
                f'<body style="font-family: Noto Naskh Arabic">{html}</body></html>')
    weasyprint.HTML(string=document).write_pdf(tmp_path / "bidi.pdf")
    return subprocess.run(["pdftotext", "-raw", str(tmp_path / "bidi.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_narratives_isolate_latin_names_with_unicode_isolates_too():
    html = markdown(PARAGRAPH, isolate_latin=True)
    assert "<bdi>&#x2068;Dexlumum Logistics d.o.o.&#x2069;</bdi> (الجبل" in html  # the name keeps its dot
    # At the end of the paragraph the dot is the full stop: outside, on the sentence's side.
    assert html.endswith("و<bdi>&#x2068;Marmirar Trading d.o.o&#x2069;</bdi>.</p>")
    hostile = markdown("مع <script>alert(1)</script> Jan.", isolate_latin=True)
    assert "<script>" not in hostile and "&lt;" in hostile


def test_names_joined_in_a_template_list_are_isolated_and_escaped():
    rendered = environment("ar").from_string('{{ [name|isolated, "NL"|country]|join }}').render(name="<b>ACME B.V.</b>")
    assert rendered == "<bdi>&#x2068;&lt;b&gt;ACME B.V.&lt;/b&gt;&#x2069;</bdi> وهولندا"
    assert environment("en").from_string("{{ name|isolated }}").render(name="X") == "<bdi>X</bdi>"


def test_weasyprint_keeps_a_final_dot_with_its_name_only_inside_unicode_isolates(tmp_path):
    """The reason for FSI…PDI: with ``<bdi>`` alone the PDF read « .ACME B.V »."""
    sentence = "تواصل مع {} 5 مرات."
    text = pdf_text(f"<p>{sentence.format('<bdi>ACME B.V.</bdi>')}</p>", tmp_path)
    assert ".ACME B.V\n" in text  # WeasyPrint 70 ignores <bdi>'s isolation
    text = pdf_text(f"<p>{sentence.format('<bdi>&#x2068;ACME B.V.&#x2069;</bdi>')}</p>", tmp_path)
    assert "\nACME B.V.\n" in text and ".ACME" not in text
    text = pdf_text(str(markdown(PARAGRAPH, isolate_latin=True)), tmp_path).splitlines()
    assert "Dexlumum Logistics d.o.o." in text and "Marko Popović" in text
    assert text[text.index("Marmirar Trading d.o.o") + 1] == "."  # the full stop ends the sentence


@pytest.mark.slow
def test_the_arabic_strategy_pdf_writes_company_names_whole(example_reports):
    pdf = example_reports.folder / "ar" / "strategy.pdf"
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Dexlumum Logistics d.o.o." in text and ".Dexlumum" not in text


def test_an_english_fallback_keeps_english_typography_and_no_isolation():
    """A paragraph not translated is shown in English (lang="en", ltr): neither French spacing nor isolates."""
    assert environment("fr").from_string("{{ t|markdown(true) }}").render(t="Note : see A.") == "<p>Note : see A.</p>"
    assert environment("ar").from_string("{{ t|markdown(true) }}").render(t="Target ACME B.V.") == (
        "<p>Target ACME B.V.</p>")
    assert environment("fr").from_string("{{ t|markdown }}").render(t="Note : voir A.") == "<p>Note\u202f: voir A.</p>"
