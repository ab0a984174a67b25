"""Stage 1, data: the project as validated, typed records.

Vocabularies (:mod:`.vocab`), the record models (:mod:`.model`), loading and
validation with located errors (:mod:`.load`), what an audience may see
(:mod:`.release`), reporting periods (:mod:`.periods`) and synthetic
projects (:mod:`.synth`). Imports nothing from the later stages.
"""
