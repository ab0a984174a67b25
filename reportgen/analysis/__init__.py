"""Stage 2, analysis: numbers and identifiers, no language, computed once per build.

The results are typed records (:mod:`.results`). Network measures
(:mod:`.graph`, :mod:`.centrality`), activities and gradings
(:mod:`.activities`), disruption scenarios (:mod:`.disruption`), all put
together by :func:`.analyse.analyse`; what changed since the previous period
(:mod:`.changes`, :func:`.period.analyse_period`). Imports only
:mod:`reportgen.data`.
"""

from .analyse import analyse
from .period import analyse_period
from .results import Analysis, Settings

__all__ = ["Analysis", "Settings", "analyse", "analyse_period"]
