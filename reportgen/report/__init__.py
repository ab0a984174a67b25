"""Stage 3, report: from the analysis to one HTML document per report, language and medium.

The language-free report model (:mod:`.model`), plotly figures
(:mod:`.figures`) and their vector export (:mod:`.svg`), Jinja rendering
(:mod:`.render`, :mod:`.markup`) and WeasyPrint (:mod:`.pdf`). Imports
:mod:`reportgen.data`, :mod:`reportgen.analysis` and :mod:`reportgen.i18n`.
"""
