"""Stage 3, assessment: findings, judgements checked against evidence, targets, gaps.

Between the analysis and the report model; language-free like both.
:func:`assess` takes the project edition (what the audience may see) and its
analysis and returns an :class:`~.results.Assessment`; ``to_dict()`` gives
it as JSON-ready data (``reportgen analyze --json``, key ``assessment``).
The rules live beside the code that applies them: confidence from grading
(:mod:`.grading`), evidence and judgements (:mod:`.evidence`), brokers,
leadership core and grading sensitivity (:mod:`.network`), out-of-play
entities, targets and weak points (:mod:`.targets`), activities, trends,
corridors and players (:mod:`.activity`), gaps (:mod:`.gaps`), priorities
and the bottom line (:mod:`.findings`).

Finding kinds and their ``values`` (ids are entity ids unless said; shares
and ``lcc_fraction`` are fractions of 1; ``change`` is now / before − 1,
``None`` unless ``express_as`` is ``percent``; trend keys are ``count``,
``previous_count``, ``express_as`` (``percent`` | ``counts``), ``change``,
``collection_caveat``):

=======================  ====================================================================
kind                     values
=======================  ====================================================================
principal_broker         entity, betweenness, betweenness_rank, degree, degree_rank,
                         bridged_communities, cross_community_share, communities (ids)
weak_set                 entities (the removal sequence's start), removed, lcc_fraction,
                         halved, largest_before
weak_point               entity, cut_off (entities separated), lcc_fraction, largest_before
leadership_core          members, in_play (members still in play), communities_reached,
                         communities (real communities), linked (members all linked)
activity_trend           scope (``total`` | ``crime_type``), type (crime type, for
                         ``crime_type``), share and previous_share (for ``crime_type``),
                         trend keys
dominant_crime_type      type, rank, share, previous_share, previous_rank, total, trend keys
dominant_country         country, rank, share, previous_share, previous_rank, total, trend keys
out_of_play              count, statuses (status: count), key_players (out-of-play key
                         players), largest_before, largest_after, lcc_fraction,
                         components_before, components_after, isolated_after
corridor                 countries (two codes), links (distinct relationships),
                         records (the recorded links behind them), activities
rising_player            entity, rank, previous_rank
new_player               entity, rank, degree
weakly_sourced_player    entity, rank, well_graded_rank (``None`` when unranked)
=======================  ====================================================================

Gap kinds and their collection requirement codes (``values`` is empty
unless said; ``sample`` holds ids, or country codes for
``country_without_entity``):

=========================  ===========================  ====================================
kind                       requirement                  values
=========================  ===========================  ====================================
person_without_role        establish_role               (people only: other types have no roles)
entity_without_country     establish_location
entity_without_links       establish_associations
target_release_unrecorded  confirm_release              (targets recorded as released; sample: their ids)
target_without_identifiers establish_identifiers        (targets with no identifier or place; sample: their ids)
link_unreliable            corroborate_link             (Admiralty E–F or 5–6, or equivalent)
link_ungraded              grade_link
link_without_evidence      record_link_evidence
link_single_source         second_source_link           (exactly one evidence type)
activity_without_value     estimate_value               known_value_eur,
                                                        estimated_unknown_value_eur,
                                                        estimated_unknown_share
activity_without_grading   grade_activity
activity_without_entities  attribute_activity
activity_without_country   locate_activity
country_without_entity     identify_actors_in_country   activities (in those countries)
=========================  ===========================  ====================================

Judgement warning codes: see :class:`~.results.AssessmentWarning`.
"""

from __future__ import annotations

from .evidence import reference_ids
from .results import (
    AssessedJudgement,
    Assessment,
    AssessmentWarning,
    Associate,
    Broker,
    Finding,
    Gap,
    GradingProfile,
    GradingSensitivity,
    Identifier,
    Method,
    OutOfPlay,
    RemovalStep,
    ReportingVolume,
    Target,
)
from .stage import assess

__all__ = [
    "AssessedJudgement", "Assessment", "AssessmentWarning", "Associate", "Broker", "Finding", "Gap",
    "GradingProfile", "GradingSensitivity", "Identifier", "Method", "OutOfPlay", "RemovalStep", "ReportingVolume",
    "Target", "assess", "reference_ids",
]
