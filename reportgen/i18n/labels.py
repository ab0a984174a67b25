"""Display wording of the vocabularies, as catalog message ids.

Analysis results carry identifiers (``corrupt_official``); the words a
reader sees are these English message ids translated through the locale
catalogs at rendering time (``Formatter.gettext``). ``N_`` only marks them
for extraction.
"""

from __future__ import annotations

from .formatting import N_, NC_, NN_

ENTITY_TYPES = {
    "person": N_("Person"),
    "organisation": N_("Organisation"),
    "business": N_("Business"),
    "location": N_("Location"),
    "vehicle": N_("Vehicle"),
    "vessel": N_("Vessel"),
    "phone": N_("Telephone"),
    "email": N_("Email address"),
    "account": N_("Bank account"),
    "document": N_("Identity or travel document"),
}

ROLES = {
    "organiser": N_("Organiser"),
    "financer": N_("Financer"),
    "recruiter": N_("Recruiter"),
    "distributor": N_("Distributor"),
    "corrupt_official": N_("Corrupt official"),
    "facilitator": N_("Facilitator"),
    "enforcer": N_("Enforcer"),
    "transporter": N_("Transporter"),
    "money_launderer": N_("Money launderer"),
    "forger": N_("Forger"),
    "supplier": N_("Supplier"),
}

#: A role held by a woman, where the language marks it (« Organisatrice », « Organizadora », « منظِّمة »);
#: English and epicene words translate both alike. Lists and legends of roles use :data:`ROLES`.
ROLES_FEMININE = {
    "organiser": NC_("role held by a woman", "Organiser"),
    "financer": NC_("role held by a woman", "Financer"),
    "recruiter": NC_("role held by a woman", "Recruiter"),
    "distributor": NC_("role held by a woman", "Distributor"),
    "corrupt_official": NC_("role held by a woman", "Corrupt official"),
    "facilitator": NC_("role held by a woman", "Facilitator"),
    "enforcer": NC_("role held by a woman", "Enforcer"),
    "transporter": NC_("role held by a woman", "Transporter"),
    "money_launderer": NC_("role held by a woman", "Money launderer"),
    "forger": NC_("role held by a woman", "Forger"),
    "supplier": NC_("role held by a woman", "Supplier"),
}

#: Context of the variant of a sentence about one entity for a woman (Arabic « تُعدّ Anouk de Boer … لكنها »,
#: French « elle se classe »), chosen by :func:`reportgen.report.wording.sentence_about`. The message
#: without context is the wording about a man or a person whose sex is not recorded (« يُعدّ Marko Popović … لكنه »,
#: « il se classe »): a person is never called "the entity".
ABOUT_A_WOMAN = "about a woman"

#: Context of the variant of a sentence about one entity that is not a person (an organisation, a business,
#: an account…): Arabic « يُعدّ الكيان Balkan Trade … لكنه », French « l'entité se classe ».
ABOUT_A_NON_PERSON = "about an entity that is not a person"

#: Shown for an entity without a role.
NO_ROLE = N_("No known role")

STATUSES = {
    "active": N_("Active"),
    "suspected": N_("Suspected"),
    "wanted": N_("Wanted"),
    "arrested": N_("Arrested"),
    "convicted": N_("Convicted"),
    "released": N_("Released"),
    "deceased": N_("Deceased"),
    "dissolved": N_("Dissolved"),
    "unknown": N_("Unknown"),
}

#: Status words for an entity whose type takes feminine agreement (French « Entreprise … Active »,
#: Arabic « شركة … نشطة »); STATUSES are the masculine (generic) forms. Each catalog says which
#: agreement an entity type takes (ENTITY_GENDERS); languages without gender translate both alike.
STATUSES_FEMININE = {
    "active": NC_("status, feminine agreement", "Active"),
    "suspected": NC_("status, feminine agreement", "Suspected"),
    "wanted": NC_("status, feminine agreement", "Wanted"),
    "arrested": NC_("status, feminine agreement", "Arrested"),
    "convicted": NC_("status, feminine agreement", "Convicted"),
    "released": NC_("status, feminine agreement", "Released"),
    "deceased": NC_("status, feminine agreement", "Deceased"),
    "dissolved": NC_("status, feminine agreement", "Dissolved"),
    "unknown": NC_("status, feminine agreement", "Unknown"),
}

#: Which agreement a status word takes for each entity type: the catalog answers
#: ``masculine`` or ``feminine`` (untranslated, English: no agreement). People agree with their
#: recorded ``sex`` instead (the generic masculine when it is unknown), whatever the gender of
#: the word for "person".
ENTITY_GENDERS = {
    "person": NC_("status agreement (masculine or feminine)", "Person"),
    "organisation": NC_("status agreement (masculine or feminine)", "Organisation"),
    "business": NC_("status agreement (masculine or feminine)", "Business"),
    "location": NC_("status agreement (masculine or feminine)", "Location"),
    "vehicle": NC_("status agreement (masculine or feminine)", "Vehicle"),
    "vessel": NC_("status agreement (masculine or feminine)", "Vessel"),
    "phone": NC_("status agreement (masculine or feminine)", "Telephone"),
    "email": NC_("status agreement (masculine or feminine)", "Email address"),
    "account": NC_("status agreement (masculine or feminine)", "Bank account"),
    "document": NC_("status agreement (masculine or feminine)", "Identity or travel document"),
}

LINK_TYPES = {
    "family": N_("Family – blood ties"),
    "ethnic": N_("Ethnic ties"),
    "geographic": N_("Geographic ties"),
    "associate": N_("Associate"),
    "financial": N_("Financial"),
    "communication": N_("Communication"),
    "co_offending": N_("Co-offending"),
    "ownership": N_("Ownership"),
    "employment": N_("Employment"),
    "travel": N_("Travel"),
}

#: A link type named as a link, for running text: the brackets after an associate's name in a target package
#: ("Fatmir Hoxha (financial link)", « lien financier »), where a type's label alone (« Financier ») reads as the
#: associate's role. Lower case: they are only written inside sentences; tables and legends use LINK_TYPES.
LINK_KINDS = {
    "family": N_("blood ties"),
    "ethnic": N_("ethnic ties"),
    "geographic": N_("geographic ties"),
    "associate": N_("association link"),
    "financial": N_("financial link"),
    "communication": N_("communication link"),
    "co_offending": N_("co-offending link"),
    "ownership": N_("ownership link"),
    "employment": N_("employment link"),
    "travel": N_("travel link"),
}

EVIDENCE_TYPES = {
    "biometric": N_("Biometric match"),
    "image": N_("Image"),
    "known_association": N_("Known association"),
    "financial_record": N_("Financial record"),
    "communication_record": N_("Communication record"),
    "travel_record": N_("Travel record"),
    "surveillance": N_("Surveillance"),
    "seizure": N_("Seizure"),
    "witness_statement": N_("Witness statement"),
    "document": N_("Documentary evidence"),
    "open_source": N_("Open source"),
    "human_source": N_("Human source"),
}

ACTIVITY_TYPES = {
    "trafficking_persons": N_("Trafficking in persons"),
    "migrant_smuggling": N_("Migrant smuggling"),
    "trafficking_drugs": N_("Drug trafficking"),
    "trafficking_goods": N_("Trafficking in illicit goods"),
    "trafficking_weapons": N_("Firearms trafficking"),
    "armed_robbery": N_("Armed robbery"),
    "counterfeiting": N_("Counterfeiting"),
    "money_laundering": N_("Money laundering"),
    "fraud": N_("Fraud"),
    "corruption": N_("Corruption"),
    "extortion": N_("Extortion"),
}

#: Classification markings, as printed on the page.
CLASSIFICATIONS = {
    "public": N_("PUBLIC"),
    "official_use": N_("FOR OFFICIAL USE ONLY"),
    "restricted": N_("RESTRICTED"),
    "confidential": N_("CONFIDENTIAL"),
}

#: Disruption strategies; ``role:<role>`` strategies use ROLE_STRATEGY.
STRATEGIES = {
    "degree": N_("Most connected first"),
    "betweenness": N_("Best brokers first"),
    "random": N_("Random removal (average)"),
}
ROLE_STRATEGY = N_("All %(role)s entities")

MODES = {
    "static": N_("ranked once"),
    "adaptive": N_("re-ranked after each removal"),
}

#: The meaning of each grade, per grading system, for the legend.
GRADINGS = {
    "admiralty": {
        "reliability": {
            "A": N_("Completely reliable"),
            "B": N_("Usually reliable"),
            "C": N_("Fairly reliable"),
            "D": N_("Not usually reliable"),
            "E": N_("Unreliable"),
            "F": N_("Reliability cannot be judged"),
        },
        "credibility": {
            "1": N_("Confirmed by other sources"),
            "2": N_("Probably true"),
            "3": N_("Possibly true"),
            "4": N_("Doubtful"),
            "5": N_("Improbable"),
            "6": N_("Truth cannot be judged"),
        },
    },
    "uk_3x5x2": {
        "reliability": {
            "1": N_("Reliable"),
            "2": N_("Untested source"),
            "3": N_("Not reliable"),
        },
        "credibility": {
            "A": N_("Known directly to the source"),
            "B": N_("Known indirectly to the source but corroborated"),
            "C": N_("Known indirectly to the source"),
            "D": N_("Not known"),
            "E": N_("Suspected to be false"),
        },
    },
    "europol_4x4": {
        "reliability": {
            "A": N_("No doubt about the source's authenticity, trustworthiness and competence"),
            "B": N_("Source has proved reliable in most instances"),
            "C": N_("Source has proved unreliable in most instances"),
            "X": N_("Reliability cannot be assessed"),
        },
        "credibility": {
            "1": N_("Accuracy not in doubt"),
            "2": N_("Known personally to the source but not to the official passing it on"),
            "3": N_("Not known personally to the source but corroborated"),
            "4": N_("Not known personally to the source and not corroborated"),
        },
    },
}

GRADING_SYSTEMS = {
    "admiralty": N_("NATO Admiralty code (source reliability A–F, information credibility 1–6)"),
    "uk_3x5x2": N_("UK 3x5x2 (source evaluation 1–3, intelligence assessment A–E)"),
    "europol_4x4": N_("Europol 4x4 (source reliability A, B, C, X; information 1–4)"),
}

#: plotly.js's own interface strings (mode bar, hints), given to plotly as a
#: locale dictionary so that interactive charts speak the reader's language.
PLOTLY_INTERFACE = (
    N_("Autoscale"),
    N_("Box Select"),
    N_("Compare data on hover"),
    N_("Double-click on legend to isolate one trace"),
    N_("Double-click to zoom back out"),
    N_("Download plot"),
    N_("Download plot as a PNG"),
    N_("Image download succeeded"),
    N_("Lasso Select"),
    N_("Pan"),
    N_("Preparing image - this may take a few seconds"),
    N_("Reset"),
    N_("Reset axes"),
    N_("Reset view"),
    N_("Show closest data on hover"),
    N_("Sorry, there was a problem downloading your image!"),
    N_("Toggle Spike Lines"),
    N_("Toggle show closest data on hover"),
    N_("Zoom"),
    N_("Zoom in"),
    N_("Zoom out"),
)

#: Likelihood terms of the UK PHIA probability yardstick.
LIKELIHOODS = {
    "remote_chance": N_("Remote chance"),
    "highly_unlikely": N_("Highly unlikely"),
    "unlikely": N_("Unlikely"),
    "realistic_possibility": N_("Realistic possibility"),
    "likely": N_("Likely"),
    "highly_likely": N_("Highly likely"),
    "almost_certain": N_("Almost certain"),
}

#: Analytic confidence levels.
CONFIDENCE = {
    "low": N_("Low confidence"),
    "moderate": N_("Moderate confidence"),
    "high": N_("High confidence"),
}

#: What collection would close each kind of data-derived gap.
REQUIREMENTS: dict[str, str | tuple[str, str]] = {
    "establish_role": N_("Establish their role in the network (debriefings, communications records, financial "
                         "records)."),
    "establish_location": N_("Establish where they are based or operate (national bureaus, travel and address "
                             "records)."),
    # A (singular, plural) pair: the number of records the gap counts chooses the form.
    "establish_associations": NN_("Establish who it is linked to, or confirm that it belongs in the project.",
                                  "Establish who they are linked to, or confirm that they belong in the project."),
    "confirm_release": NN_("Confirm the date and conditions of release (bail, reporting duties, bans on travel or "
                           "contact) with the national bureau of its country.",
                           "Confirm the dates and conditions of release (bail, reporting duties, bans on travel or "
                           "contact) with the national bureaus of their countries."),
    "establish_identifiers": NN_("Ask the national bureau concerned for the target's phones, bank accounts, "
                                 "addresses and vehicles.",
                                 "Ask the national bureaus concerned for the targets' phones, bank accounts, "
                                 "addresses and vehicles."),
    "corroborate_link": N_("Corroborate these links with a reliable source or a second, independent source."),
    "grade_link": N_("Grade these links with the originating agency."),
    "record_link_evidence": N_("Record the evidence behind these links."),
    "second_source_link": N_("Seek a second, independent type of evidence for these links."),
    "estimate_value": N_("Estimate the value of these activities (seizures, financial intelligence)."),
    "grade_activity": N_("Grade these activities with the originating agency."),
    "attribute_activity": N_("Attribute these activities to entities of the network."),
    "locate_activity": N_("Establish the countries where these activities took place."),
    "identify_actors_in_country": N_("Identify the network's actors in these countries (request to the national "
                                     "bureaus concerned)."),
}

#: Why a data-derived gap matters, by gap kind (the link kinds share one reason).
_LINK_GAP_WHY = N_("Key-player, broker and target rankings rest on these links: a weak or wrong link can make "
                   "an entity look more or less central than it is.")
GAP_WHY = {
    "person_without_role": N_("Without a role, an organiser or a financer cannot be told from a peripheral "
                              "contact."),
    "entity_without_country": N_("Without a country, no national bureau can be asked about them and their "
                                 "cross-border links are not counted."),
    "entity_without_links": N_("An entity without links is outside every network measure, the targets included."),
    "target_release_unrecorded": N_("The conditions of a release decide what an operation may do and when: a "
                                    "target on bail or under a ban may be recalled to court; one with no "
                                    "conditions may have left the country."),
    "target_without_identifiers": N_("An operation needs what it can intercept, freeze or search: without a "
                                     "phone, an account, an address or a vehicle, a target can only be "
                                     "sought."),
    "link_unreliable": _LINK_GAP_WHY,
    "link_ungraded": _LINK_GAP_WHY,
    "link_without_evidence": _LINK_GAP_WHY,
    "link_single_source": _LINK_GAP_WHY,
    "activity_without_value": N_("The value of the network's crime, and its trend, are understated."),
    "activity_without_grading": N_("Ungraded activities lower the confidence of every finding and judgement "
                                   "that rests on them."),
    "activity_without_entities": N_("These activities cannot be used against the network's members."),
    "activity_without_country": N_("These activities cannot be counted by country or referred to a national "
                                   "bureau."),
    "country_without_entity": N_("The network acts in these countries through people not yet identified."),
}

#: Tiers of source grading, for evidence profiles.
GRADE_TIERS = {
    "good": N_("good"),
    "fair": N_("fair"),
    "doubtful": N_("doubtful"),
    "unreliable": N_("unreliable"),
    "ungraded": N_("ungraded"),
}
