"""The rule registry: every conclusion the engine can reach, with the guidance it rests on.

Each rule has a stable ``code`` (part of the public output), the exact heading of the guidance
section it rests on, a plain-English explanation and a Welsh one (both in this project's own
words), and the requirement IDs of ``requirements.md`` it implements. The engine never invents
a reason that is not in this registry, and a meta-test checks that every rule here fires in at
least one scenario test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Conclusion = Literal[
    "adult_involvement_effective",
    "triggers",
    "referral_required",
    "typology",
    "in_setting_handling_allowed",
    "missing_facts",
    "capacity_to_consent_must_be_answered",
    "inform_social_services",
    "parents",
    "device_action",
    "if_not_referred",
    "notes",
    "warnings",
]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    conclusion: Conclusion
    section: str
    explanation: str
    explanation_cy: str
    requirements: tuple[str, ...]


S_INITIAL_REVIEW: Final = "Initial review meeting"
S_ADULT: Final = "Assessing adult-involved incidents"
S_POLICE: Final = "The police response"
S_PARENTS: Final = "Informing parents or carers"
S_DEFINING: Final = "Defining an incident"
S_SOCIAL: Final = "Social services contact and referrals"
S_REPORT_POLICE: Final = "How to report online content to the police"
S_VIEW_DELETE: Final = "Viewing and deleting nudes and semi-nudes"
S_RECORDING: Final = "Recording incidents"
S_LAW: Final = "The law"
S_NON_CONSENSUAL: Final = "Non-consensual image sharing"
S_AGE: Final = "Age considerations"
S_REPORT_ONLINE: Final = "Reporting nudes and semi-nudes online"

_RULES: tuple[Rule, ...] = (
    # --- the five immediate-referral criteria ("Initial review meeting") -------------------
    Rule(
        "adult_involvement",
        "triggers",
        S_INITIAL_REVIEW,
        "An adult is involved, or is suspected to be. Every incident involving an adult is child "
        "sexual abuse and must be referred at once to the police or social services (through "
        "the MASH or equivalent). An adult posing as a child can make an incident look like one "
        "between children.",
        "Mae oedolyn yn rhan o'r digwyddiad, neu amheuir hynny. Mae pob digwyddiad sy'n ymwneud "
        "ag oedolyn yn gam-drin plant yn rhywiol, a rhaid ei atgyfeirio ar unwaith i'r heddlu "
        "neu'r gwasanaethau cymdeithasol (drwy'r Hyb Diogelu Amlasiantaeth (MASH) neu gyfwerth). "
        "Gall oedolyn sy'n esgus bod yn blentyn wneud i ddigwyddiad edrych fel un rhwng plant.",
        ("R-097", "R-098", "R-050", "R-039"),
    ),
    Rule(
        "coercion_blackmail_grooming_or_consent",
        "triggers",
        S_INITIAL_REVIEW,
        "There is reason to believe a child has been coerced, blackmailed or groomed, or there "
        "is a concern about a child's capacity to consent (for example because of additional "
        "learning needs). This calls for an immediate referral to the police or social "
        "services, whatever the children's ages or relationship.",
        "Mae rheswm i gredu bod plentyn wedi cael ei orfodi neu ei flacmelio, neu fod rhywun "
        "wedi meithrin perthynas amhriodol ag ef, neu mae pryder am allu plentyn i gydsynio "
        "(er enghraifft oherwydd anghenion dysgu ychwanegol). Mae hyn yn galw am atgyfeirio ar "
        "unwaith i'r heddlu neu'r gwasanaethau cymdeithasol, beth bynnag fo oedran y plant neu'r "
        "berthynas rhyngddynt.",
        ("R-097", "R-099", "R-013", "R-122"),
    ),
    Rule(
        "unusual_or_violent_content",
        "triggers",
        S_INITIAL_REVIEW,
        "What you have been told about the imagery suggests sexual acts that are unusual for "
        "the young person's developmental stage, or violent content. This calls for an "
        "immediate referral. Judge it from what you are told, never by viewing the imagery.",
        "Mae'r hyn a ddywedwyd wrthych am y delweddau'n awgrymu gweithredoedd rhywiol sy'n "
        "anarferol i gyfnod datblygiad y person ifanc, neu gynnwys treisgar. Mae hyn yn galw am "
        "atgyfeirio ar unwaith. Barnwch ar sail yr hyn a ddywedir wrthych, a pheidiwch byth ag "
        "edrych ar y delweddau.",
        ("R-097", "R-101"),
    ),
    Rule(
        "sexual_acts_under_13",
        "triggers",
        S_INITIAL_REVIEW,
        "The imagery involves sexual acts and a child in the image is under 13. This calls for "
        "an immediate referral to the police or social services.",
        "Mae'r delweddau'n cynnwys gweithredoedd rhywiol ac mae plentyn yn y ddelwedd o dan 13 "
        "oed. Mae hyn yn galw am atgyfeirio ar unwaith i'r heddlu neu'r gwasanaethau "
        "cymdeithasol.",
        ("R-097", "R-102", "R-125"),
    ),
    Rule(
        "immediate_risk_of_harm",
        "triggers",
        S_INITIAL_REVIEW,
        "There is reason to believe a child is at immediate risk of harm because the imagery "
        "was shared, for example they are presenting as suicidal or self-harming. Refer at "
        "once; where there is a threat to life, call 999.",
        "Mae rheswm i gredu bod plentyn mewn perygl uniongyrchol o niwed oherwydd i'r delweddau "
        "gael eu rhannu, er enghraifft mae'n dangos arwyddion ei fod yn meddwl am hunanladdiad "
        "neu'n hunan-niweidio. Atgyfeiriwch ar unwaith; os oes bygythiad i fywyd, ffoniwch 999.",
        ("R-097", "R-103", "R-018", "R-088"),
    ),
    # --- adult involvement ----------------------------------------------------------------
    Rule(
        "adult_signs_count_as_suspected",
        "adult_involvement_effective",
        S_ADULT,
        "It is not yet known whether an adult is involved, but signs of adult involvement have "
        "been recorded, so adult involvement is treated as suspected. Adults can pose as "
        "children, so an incident may at first look like one between children.",
        "Nid yw'n hysbys eto a oes oedolyn yn rhan o'r digwyddiad, ond mae arwyddion o ymwneud "
        "oedolyn wedi'u cofnodi, felly caiff ymwneud oedolyn ei drin fel rhywbeth a amheuir. "
        "Gall oedolion esgus bod yn blant, felly gall digwyddiad edrych ar y dechrau fel un "
        "rhwng plant.",
        (
            "R-051",
            "R-053",
            "R-054",
            "R-055",
            "R-056",
            "R-057",
            "R-058",
            "R-061",
            "R-062",
            "R-063",
            "R-064",
        ),
    ),
    # --- referral required without an immediate trigger -------------------------------------
    Rule(
        "abusive_or_aggravating_factors",
        "referral_required",
        S_POLICE,
        "There are abusive or aggravating factors (intent to harm, a profit motive or "
        "persistent behaviour). Incidents like this should always be referred to the police "
        "through the MASH or equivalent, even when no immediate-referral criterion applies.",
        "Mae ffactorau camdriniol neu waethygol yn bresennol (bwriad i niweidio, cymhelliad elw "
        "neu ymddygiad parhaus). Dylid bob amser atgyfeirio digwyddiadau fel hyn i'r heddlu "
        "drwy'r MASH neu gyfwerth, hyd yn oed pan nad oes un o'r meini prawf ar gyfer atgyfeirio "
        "ar unwaith yn berthnasol.",
        ("R-022", "R-025", "R-038"),
    ),
    Rule(
        "parents_informing_risk",
        "referral_required",
        S_PARENTS,
        "Informing a child's parents or carers could put the child at risk of harm. Do not "
        "inform them; refer the matter to social services for consideration instead.",
        "Gallai rhoi gwybod i rieni neu ofalwyr plentyn roi'r plentyn mewn perygl o niwed. "
        "Peidiwch â rhoi gwybod iddynt; yn hytrach, atgyfeiriwch y mater i'r gwasanaethau "
        "cymdeithasol i'w ystyried.",
        ("R-153", "R-128"),
    ),
    # --- missing facts and handling in the setting ------------------------------------------
    Rule(
        "missing_facts",
        "missing_facts",
        S_INITIAL_REVIEW,
        "Some facts that could make an immediate referral necessary are not known yet. Until "
        "they are, the incident cannot be handled in the setting alone. If you have any doubt "
        "about whether to involve other agencies, report to the police.",
        "Nid yw rhai ffeithiau a allai olygu bod angen atgyfeirio ar unwaith yn hysbys eto. Hyd "
        "nes y byddant yn hysbys, ni ellir ymdrin â'r digwyddiad yn y lleoliad yn unig. Os oes "
        "gennych unrhyw amheuaeth ynghylch a ddylid cynnwys asiantaethau eraill, rhowch wybod "
        "i'r heddlu.",
        ("R-090", "R-112", "R-018", "R-039", "R-100", "R-125"),
    ),
    Rule(
        "capacity_to_consent_must_be_answered",
        "capacity_to_consent_must_be_answered",
        S_INITIAL_REVIEW,
        "A child involved has additional learning needs, so whether there is a concern about "
        "their capacity to consent must be answered explicitly.",
        "Mae gan blentyn sy'n rhan o'r digwyddiad anghenion dysgu ychwanegol, felly rhaid ateb "
        "yn benodol a oes pryder am ei allu i gydsynio.",
        ("R-100",),
    ),
    Rule(
        "in_setting_handling_allowed",
        "in_setting_handling_allowed",
        S_INITIAL_REVIEW,
        "None of the immediate-referral criteria applies, there are no abusive or aggravating "
        "factors, and nothing that could change this is still unknown. The setting may decide "
        "to respond without the police or social services if the DSP is confident the risks "
        "can be managed within its pastoral support and disciplinary framework. It may still "
        "refer, and can escalate at any time.",
        "Nid oes yr un o'r meini prawf ar gyfer atgyfeirio ar unwaith yn berthnasol, nid oes "
        "ffactorau camdriniol na gwaethygol, ac nid oes dim a allai newid hyn yn dal yn "
        "anhysbys. Gall y lleoliad benderfynu ymateb heb gynnwys yr heddlu na'r gwasanaethau "
        "cymdeithasol os yw'r person diogelu dynodedig yn hyderus y gellir rheoli'r risgiau o "
        "fewn ei fframwaith cymorth bugeiliol a disgyblu. Gall ddewis atgyfeirio o hyd, a gall "
        "uwchgyfeirio ar unrhyw adeg.",
        ("R-104", "R-021", "R-067", "R-129", "R-130"),
    ),
    # --- typology (Finkelhor and Wolak) -------------------------------------------------------
    Rule(
        "typology.aggravated.adult.sexually_motivated",
        "typology",
        S_DEFINING,
        "Aggravated, adult involved, sexually motivated: an adult (known or suspected) is "
        "seeking nude or semi-nude images from a child, not money.",
        "Gwaethygedig, yn ymwneud ag oedolyn, â chymhelliad rhywiol: mae oedolyn (hysbys neu a "
        "amheuir) yn ceisio cael delweddau noeth neu hanner noeth gan blentyn, nid arian.",
        ("R-040", "R-041", "R-043", "R-052", "R-132"),
    ),
    Rule(
        "typology.aggravated.adult.financially_motivated",
        "typology",
        S_DEFINING,
        "Aggravated, adult involved, financially motivated ('sextortion'): an adult (known or "
        "suspected) is demanding money or the use of a bank account.",
        "Gwaethygedig, yn ymwneud ag oedolyn, â chymhelliad ariannol (cribddeiliaeth rywiol, "
        "neu 'sextortion'): mae oedolyn (hysbys neu a amheuir) yn mynnu arian neu gael defnyddio "
        "cyfrif banc.",
        ("R-040", "R-041", "R-043", "R-059", "R-060", "R-064"),
    ),
    Rule(
        "typology.aggravated.youth.intent_to_harm",
        "typology",
        S_DEFINING,
        "Aggravated, youth only, intent to harm: no adult is involved, but there is blackmail "
        "(including for money), threats, coercion, deception, exploitation or another intent to "
        "harm, for example after a break-up or a falling-out between friends.",
        "Gwaethygedig, pobl ifanc yn unig, bwriad i niweidio: nid oes oedolyn yn rhan o'r "
        "digwyddiad, ond mae blacmel (gan gynnwys am arian), bygythiadau, gorfodaeth, twyll, "
        "camfanteisio neu fwriad arall i niweidio, er enghraifft ar ôl i berthynas ddod i ben "
        "neu ffrae rhwng ffrindiau.",
        ("R-040", "R-041", "R-044", "R-013", "R-037", "R-038"),
    ),
    Rule(
        "typology.aggravated.youth.reckless_misuse",
        "typology",
        S_DEFINING,
        "Aggravated, youth only, reckless misuse: there is no apparent intent to harm, but the "
        "image was taken or passed on without the knowing or willing participation of the young "
        "person pictured. This typology does not by itself require a referral.",
        "Gwaethygedig, pobl ifanc yn unig, camddefnydd di-hid: nid oes bwriad amlwg i niweidio, "
        "ond cafodd y ddelwedd ei thynnu neu ei throsglwyddo heb i'r person ifanc yn y llun "
        "gymryd rhan yn fwriadol nac o'i wirfodd. Nid yw'r deipoleg hon ar ei phen ei hun yn "
        "golygu bod rhaid atgyfeirio.",
        ("R-040", "R-041", "R-045", "R-123", "R-130"),
    ),
    Rule(
        "typology.experimental.romantic",
        "typology",
        S_DEFINING,
        "Experimental, romantic: young people in an ongoing relationship made images for "
        "themselves or each other, not meant to go beyond the pair, with no adult involvement, "
        "intent to harm or reckless misuse.",
        "Arbrofol, rhamantus: gwnaeth pobl ifanc mewn perthynas barhaus ddelweddau iddyn nhw eu "
        "hunain neu i'w gilydd, heb fwriad iddynt fynd y tu hwnt i'r ddau, a heb ymwneud "
        "oedolyn, bwriad i niweidio na chamddefnydd di-hid.",
        ("R-040", "R-046", "R-047", "R-123"),
    ),
    Rule(
        "typology.experimental.attention_seeking",
        "typology",
        S_DEFINING,
        "Experimental, sexual attention seeking (the typology's own term): no adult "
        "involvement, intent to harm or reckless misuse. This can be part of normal childhood, "
        "and the child should not be blamed for taking or sharing their image.",
        "Arbrofol, ceisio sylw rhywiol (term y deipoleg ei hun): dim ymwneud oedolyn, bwriad i "
        "niweidio na chamddefnydd di-hid. Gall hyn fod yn rhan o blentyndod arferol, ac ni "
        "ddylid beio'r plentyn am dynnu neu rannu ei ddelwedd.",
        ("R-040", "R-046", "R-048"),
    ),
    Rule(
        "typology.experimental.other",
        "typology",
        S_DEFINING,
        "Experimental, other: there are no aggravating elements, and either a young person took "
        "an image of themselves for themselves with no sharing, or the children are aged nine "
        "or under with no apparent sexual motive.",
        "Arbrofol, arall: nid oes elfennau gwaethygol, a naill ai tynnodd person ifanc ddelwedd "
        "ohono'i hun iddo'i hun heb ei rhannu, neu mae'r plant yn naw oed neu'n iau heb "
        "gymhelliad rhywiol amlwg.",
        ("R-040", "R-046", "R-049"),
    ),
    Rule(
        "typology.undetermined",
        "typology",
        S_DEFINING,
        "The typology cannot be placed yet: it depends on facts that are still unknown, such as "
        "whether an adult is involved or whether the image was passed on without consent.",
        "Ni ellir pennu'r deipoleg eto: mae'n dibynnu ar ffeithiau sy'n dal yn anhysbys, fel a "
        "oes oedolyn yn rhan o'r digwyddiad neu a gafodd y ddelwedd ei throsglwyddo heb "
        "gydsyniad.",
        ("R-040", "R-039"),
    ),
    # --- social services, parents, devices, recording -----------------------------------------
    Rule(
        "inform_social_services",
        "inform_social_services",
        S_SOCIAL,
        "A child involved has, or has had, a social worker. Inform social services (the duty "
        "officer) about the incident, whatever else is decided.",
        "Mae gan blentyn sy'n rhan o'r digwyddiad weithiwr cymdeithasol, neu roedd ganddo un. "
        "Rhowch wybod i'r gwasanaethau cymdeithasol (y swyddog ar ddyletswydd) am y digwyddiad, "
        "beth bynnag arall a benderfynir.",
        ("R-083", "R-155", "R-156"),
    ),
    Rule(
        "parents_inform",
        "parents",
        S_PARENTS,
        "Parents or carers should be told and involved at an early stage. The DSP may agree "
        "with the child how this is done, including supporting the child to tell them.",
        "Dylid rhoi gwybod i rieni neu ofalwyr a'u cynnwys yn gynnar. Gall y person diogelu "
        "dynodedig gytuno â'r plentyn sut y gwneir hyn, gan gynnwys helpu'r plentyn i ddweud "
        "wrthynt ei hun.",
        ("R-152", "R-095"),
    ),
    Rule(
        "device_do_not_delete_seize_and_retain",
        "device_action",
        S_REPORT_POLICE,
        "Imagery may be on a device and the incident must be referred. Do not delete anything: "
        "the device should be seized and kept in the state it was found, with any PIN or access "
        "details, for the police. Never view or forward the imagery.",
        "Gall fod delweddau ar ddyfais ac mae'n rhaid atgyfeirio'r digwyddiad. Peidiwch â dileu "
        "dim: dylid cymryd y ddyfais a'i chadw yn y cyflwr y cafwyd hi, gydag unrhyw rif PIN "
        "neu fanylion mynediad, ar gyfer yr heddlu. Peidiwch byth ag edrych ar y delweddau na'u "
        "hanfon ymlaen.",
        ("R-029", "R-116", "R-117"),
    ),
    Rule(
        "device_request_deletion_with_deadline",
        "device_action",
        S_VIEW_DELETE,
        "Imagery may be on a device and the incident may be handled in the setting. Ask the "
        "children to delete the images from every device, online account and cloud storage by a "
        "set deadline, and to confirm they have done so. Remind them that keeping the images is "
        "illegal; a refusal means reviewing the decision towards referral.",
        "Gall fod delweddau ar ddyfais a gellir ymdrin â'r digwyddiad yn y lleoliad. Gofynnwch "
        "i'r plant ddileu'r delweddau o bob dyfais, cyfrif ar-lein a storfa cwmwl erbyn dyddiad "
        "penodol, a chadarnhau eu bod wedi gwneud hynny. Atgoffwch nhw ei bod yn anghyfreithlon "
        "cadw'r delweddau; os bydd rhywun yn gwrthod, rhaid adolygu'r penderfyniad gyda golwg ar "
        "atgyfeirio.",
        ("R-164", "R-029", "R-165", "R-166", "R-167"),
    ),
    Rule(
        "device_action_undecided",
        "device_action",
        S_VIEW_DELETE,
        "Imagery may be on a device, but the response has not been decided yet. Do not delete "
        "anything, and do not ask anyone to delete anything, until it has.",
        "Gall fod delweddau ar ddyfais, ond nid yw'r ymateb wedi'i benderfynu eto. Peidiwch â "
        "dileu dim, a pheidiwch â gofyn i neb ddileu dim, nes iddo gael ei benderfynu.",
        ("R-164", "R-116"),
    ),
    Rule(
        "decision_not_to_refer_needs_reason_and_signoff",
        "if_not_referred",
        S_RECORDING,
        "If the incident is not reported to the police or social services, the setting must "
        "record its reason and have the decision signed off by the headteacher, manager or "
        "leadership team.",
        "Os na roddir gwybod i'r heddlu na'r gwasanaethau cymdeithasol am y digwyddiad, rhaid "
        "i'r lleoliad gofnodi ei reswm a sicrhau bod y pennaeth, y rheolwr neu'r tîm arwain yn "
        "cymeradwyo'r penderfyniad.",
        ("R-175", "R-176"),
    ),
    # --- notes: further conclusions the app acts on ----------------------------------------
    Rule(
        "ai_generated_treated_the_same",
        "notes",
        S_LAW,
        "The image is AI-generated or digitally manipulated. Such pseudo-images count as "
        "indecent images: the incident is handled exactly like any other, and the child "
        "pictured should be reassured of that.",
        "Mae'r ddelwedd wedi'i chreu gan ddeallusrwydd artiffisial (AI) neu wedi'i thrin yn "
        "ddigidol. Mae ffug-ddelweddau o'r fath yn cyfrif fel delweddau anweddus: ymdrinnir â'r "
        "digwyddiad yn union fel unrhyw ddigwyddiad arall, a dylid tawelu meddwl y plentyn yn y "
        "llun am hynny.",
        ("R-011", "R-060", "R-142"),
    ),
    Rule(
        "non_consensual_sharing_offence",
        "notes",
        S_NON_CONSENSUAL,
        "A private sexual image was shared without consent and with intent to harm. Besides the "
        "law on indecent images, sharing with intent to cause distress is itself an offence "
        "(section 33 of the Criminal Justice and Courts Act 2015).",
        "Cafodd delwedd rywiol breifat ei rhannu heb gydsyniad a chyda'r bwriad o achosi niwed. "
        "Yn ogystal â'r gyfraith ar ddelweddau anweddus, mae rhannu gyda'r bwriad o achosi "
        "gofid yn drosedd ynddo'i hun (adran 33 o Ddeddf Cyfiawnder Troseddol a Llysoedd 2015).",
        ("R-012",),
    ),
    Rule(
        "under_13_wider_concern",
        "notes",
        S_AGE,
        "A child involved is under 13. Take this seriously as a possible sign of a wider "
        "safeguarding or child protection concern, or of problematic sexual behaviour, and "
        "record your view before deciding. Age alone does not require a referral.",
        "Mae plentyn sy'n rhan o'r digwyddiad o dan 13 oed. Dylid cymryd hyn o ddifrif fel "
        "arwydd posibl o bryder diogelu neu amddiffyn plant ehangach, neu o ymddygiad rhywiol "
        "problemus, a chofnodi eich barn cyn penderfynu. Nid yw oedran ar ei ben ei hun yn "
        "golygu bod rhaid atgyfeirio.",
        ("R-066", "R-067"),
    ),
    Rule(
        "report_to_nca_ceop",
        "notes",
        S_REPORT_ONLINE,
        "An adult is or may be involved, or a child may have been groomed. Besides the referral "
        "to the police or MASH, report the concern to NCA-CEOP.",
        "Mae oedolyn yn rhan o'r digwyddiad neu gallai fod, neu gallai rhywun fod wedi meithrin "
        "perthynas amhriodol â phlentyn. Yn ogystal â'r atgyfeiriad i'r heddlu neu'r MASH, "
        "rhowch wybod i NCA-CEOP am y pryder.",
        ("R-184",),
    ),
    Rule(
        "contain_online_spread",
        "notes",
        S_REPORT_ONLINE,
        "The imagery has been shared online. Act quickly to contain it: ask whoever posted it to "
        "take it down, report it to the services concerned, and help the pictured child use "
        "Report Remove (IWF and Childline) and Take It Down (NCMEC) as soon as possible.",
        "Mae'r delweddau wedi'u rhannu ar-lein. Gweithredwch yn gyflym i'w hatal rhag lledaenu: "
        "gofynnwch i bwy bynnag a'u postiodd eu tynnu i lawr, rhowch wybod i'r gwasanaethau dan "
        "sylw, a helpwch y plentyn yn y llun i ddefnyddio Report Remove (IWF a Childline) a Take "
        "It Down (NCMEC) cyn gynted â phosibl.",
        ("R-124", "R-146"),
    ),
    # --- warnings: recorded facts that do not sit well together -----------------------------
    Rule(
        "signs_recorded_but_adult_involvement_none",
        "warnings",
        S_ADULT,
        "Adult involvement is recorded as none, but signs of adult involvement are ticked. "
        "Check that an adult posing as a child has really been ruled out.",
        "Mae ymwneud oedolyn wedi'i gofnodi fel dim, ond mae arwyddion o ymwneud oedolyn wedi'u "
        "ticio. Gwiriwch yn ofalus fod y posibilrwydd mai oedolyn sy'n esgus bod yn blentyn "
        "wedi'i ddiystyru go iawn.",
        ("R-051", "R-039"),
    ),
    Rule(
        "sign_contradicts_recorded_fact",
        "warnings",
        S_ADULT,
        "A ticked sign does not match a recorded answer (for example 'threatened or "
        "blackmailed' ticked while blackmail is recorded as no). Check both answers.",
        "Nid yw arwydd a diciwyd yn cyd-fynd ag ateb a gofnodwyd (er enghraifft, 'wedi'i "
        "fygwth neu ei flacmelio' wedi'i dicio tra bo blacmel wedi'i gofnodi fel na). Gwiriwch "
        "y ddau ateb.",
        ("R-056", "R-058", "R-064"),
    ),
    Rule(
        "self_only_but_shared",
        "warnings",
        S_DEFINING,
        "The image is recorded as kept to oneself with no sharing, yet other answers say it was "
        "sent, passed on or received. Check the answers about sharing.",
        "Mae'r ddelwedd wedi'i chofnodi fel un a gadwyd i'r person ei hun heb ei rhannu, ond "
        "mae atebion eraill yn dweud iddi gael ei hanfon, ei throsglwyddo neu ei derbyn. "
        "Gwiriwch yr atebion am rannu.",
        ("R-049", "R-123"),
    ),
)

RULES: Final[dict[str, Rule]] = {rule.code: rule for rule in _RULES}

TRIGGER_CODES: Final[tuple[str, ...]] = (
    "adult_involvement",
    "coercion_blackmail_grooming_or_consent",
    "unusual_or_violent_content",
    "sexual_acts_under_13",
    "immediate_risk_of_harm",
)

TYPOLOGIES: Final[tuple[str, ...]] = (
    "aggravated.adult.sexually_motivated",
    "aggravated.adult.financially_motivated",
    "aggravated.youth.intent_to_harm",
    "aggravated.youth.reckless_misuse",
    "experimental.romantic",
    "experimental.attention_seeking",
    "experimental.other",
)

if len(RULES) != len(_RULES):  # pragma: no cover - a programming error
    raise RuntimeError("rule codes must be unique")
