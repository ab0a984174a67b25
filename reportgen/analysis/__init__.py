"""Stage 2, analysis: numbers and identifiers, no language, computed once per build.

Network measures, communities, activities and disruption (:mod:`.analyse`,
:mod:`.centrality`), what changed since the previous period
(:mod:`.changes`, :mod:`.period`). Imports only :mod:`reportgen.data`.
"""
