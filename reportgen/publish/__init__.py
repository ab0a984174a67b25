"""Stage 4, publish: builds, the files they write, and the intranet site.

Orchestration of a build (:mod:`.build`) and of a site (:mod:`.site`).
The only stage that writes to the output folders.
"""
