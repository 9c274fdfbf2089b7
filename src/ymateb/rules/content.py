"""Checklists, questions and advice the web app shows beside the decision.

Every item has a stable code, the exact heading of the guidance section it comes from, English
and Welsh text in this project's own words (short quoted phrases only), and the requirement IDs
it serves. Plain data and functions: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from ymateb.rules.facts import ADULT_SIGN_CODES, ROLES

S_SUPPORT: Final = "Supporting the children or young people involved"
S_PARENTS: Final = "Supporting parents and carers"
S_ADULT: Final = "Assessing adult-involved incidents"
S_INITIAL_REVIEW: Final = "Initial review meeting"
S_RISKS: Final = "Assessing the risks"


@dataclass(frozen=True, slots=True)
class ContentItem:
    code: str
    section: str
    text: str
    text_cy: str
    requirements: tuple[str, ...]


def _item(code: str, section: str, text: str, text_cy: str, *requirements: str) -> ContentItem:
    return ContentItem(code, section, text, text_cy, requirements)


# --- support points by the child's role ------------------------------------------------------

SupportGroup = Literal[
    "everyone", "image_shared", "sent_image", "shared_another", "created_another"
]

SUPPORT_GROUPS: Final[tuple[SupportGroup, ...]] = (
    "everyone",
    "image_shared",
    "sent_image",
    "shared_another",
    "created_another",
)

_SUPPORT: Final[dict[SupportGroup, tuple[ContentItem, ...]]] = {
    "everyone": (
        _item(
            "not_alone",
            S_SUPPORT,
            "Reassure them they are not alone, that the setting will do all it can to help "
            "and support them, and that they will be kept informed throughout.",
            "Tawelwch eu meddwl nad ydynt ar eu pen eu hunain, y bydd y lleoliad yn gwneud "
            "popeth o fewn ei allu i'w helpu a'u cefnogi, ac y cânt wybod beth sy'n digwydd "
            "drwy gydol y broses.",
            "R-139",
        ),
        _item(
            "recognise_pressures",
            S_SUPPORT,
            "Acknowledge the pressure young people can be under to take part in sharing "
            "images, and help them understand the wider pressures and the motives of whoever "
            "passed the images on.",
            "Cydnabyddwch y pwysau a all fod ar bobl ifanc i gymryd rhan mewn rhannu "
            "delweddau, a helpwch nhw i ddeall y pwysau ehangach a chymhellion pwy bynnag a "
            "anfonodd y delweddau ymlaen.",
            "R-140",
        ),
        _item(
            "no_victim_blaming",
            S_SUPPORT,
            "Stay focused on solutions and avoid victim-blaming questions such as 'why have "
            "you done this?'. Ask them to describe what happened and who was involved instead.",
            "Canolbwyntiwch ar atebion ac osgowch gwestiynau sy'n beio'r dioddefwr, fel 'pam "
            "wyt ti wedi gwneud hyn?'. Yn hytrach, gofynnwch iddynt ddisgrifio beth ddigwyddodd "
            "a phwy oedd yn rhan ohono.",
            "R-141",
            "R-036",
        ),
        _item(
            "consent_and_trust",
            S_SUPPORT,
            "Talk about consent and trust in healthy relationships: no one should make them "
            "feel uncomfortable, pressure them, or show them things they are unhappy about, "
            "and they can come back to you if it ever happens.",
            "Siaradwch am gydsyniad ac ymddiriedaeth mewn perthnasoedd iach: ni ddylai neb "
            "wneud iddynt deimlo'n anghyfforddus, rhoi pwysau arnynt, na dangos pethau iddynt "
            "sy'n eu gwneud yn anhapus, a gallant ddod yn ôl atoch chi os bydd hyn yn digwydd "
            "byth.",
            "R-143",
        ),
        _item(
            "law_protects",
            S_SUPPORT,
            "Explain the law calmly, without alarming them: it exists to protect children and "
            "young people, not to criminalise them.",
            "Esboniwch y gyfraith yn bwyllog, heb eu dychryn: mae yno i amddiffyn plant a "
            "phobl ifanc, nid i'w troseddoli.",
            "R-143",
            "R-009",
        ),
        _item(
            "signpost_support",
            S_SUPPORT,
            "Where it helps, point them to support services, for example to talk to someone "
            "anonymously or to report an image shared online, and record what was given.",
            "Lle bo'n ddefnyddiol, cyfeiriwch nhw at wasanaethau cymorth, er enghraifft i "
            "siarad â rhywun yn ddienw neu i roi gwybod am ddelwedd a rannwyd ar-lein, a "
            "chofnodwch beth a roddwyd iddynt.",
            "R-144",
        ),
    ),
    "image_shared": (
        _item(
            "right_to_speak_up",
            S_SUPPORT,
            "Reassure them they did the right thing by speaking to an adult.",
            "Tawelwch eu meddwl eu bod wedi gwneud y peth iawn drwy siarad ag oedolyn.",
            "R-145",
        ),
        _item(
            "delete_own_uploads",
            S_SUPPORT,
            "If they uploaded the images themselves, help them delete them from their social "
            "media accounts, including cloud photo backups.",
            "Os gwnaethant lwytho'r delweddau i fyny eu hunain, helpwch nhw i'w dileu o'u "
            "cyfrifon cyfryngau cymdeithasol, gan gynnwys copïau wrth gefn yn y cwmwl.",
            "R-145",
        ),
        _item(
            "report_remove_take_it_down",
            S_SUPPORT,
            "Help them use Report Remove (IWF and Childline) and Take It Down (NCMEC) as soon "
            "as possible, so fewer people see the image.",
            "Helpwch nhw i ddefnyddio Report Remove (IWF a Childline) a Take It Down (NCMEC) "
            "cyn gynted â phosibl, fel bod llai o bobl yn gweld y ddelwedd.",
            "R-145",
            "R-146",
            "R-183",
        ),
        _item(
            "report_to_sites",
            S_SUPPORT,
            "Show them how to report the image to each site to have it taken down. If it was "
            "shared by phone, their mobile operator can change their number.",
            "Dangoswch iddynt sut i roi gwybod i bob safle am y ddelwedd er mwyn ei thynnu i "
            "lawr. Os cafodd ei rhannu dros y ffôn, gall eu cwmni ffôn symudol newid eu rhif.",
            "R-145",
        ),
        _item(
            "tell_us_about_bullying",
            S_SUPPORT,
            "Ask them to tell the setting about any bullying linked to the incident.",
            "Gofynnwch iddynt roi gwybod i'r lleoliad am unrhyw fwlio sy'n gysylltiedig â'r "
            "digwyddiad.",
            "R-145",
            "R-036",
        ),
    ),
    "sent_image": (
        _item(
            "right_to_speak_out",
            S_SUPPORT,
            "Reassure them they did the right thing by speaking out, and that the setting and "
            "other adults are there to help.",
            "Tawelwch eu meddwl eu bod wedi gwneud y peth iawn drwy siarad, a bod y lleoliad "
            "ac oedolion eraill yno i helpu.",
            "R-147",
        ),
        _item(
            "who_sent_it",
            S_SUPPORT,
            "Ask whether it was sent by an adult or by another child, and whether they asked "
            "for it or it arrived unsolicited.",
            "Gofynnwch ai oedolyn neu blentyn arall a'i hanfonodd, ac a wnaethant ofyn amdani "
            "neu a gyrhaeddodd heb i neb ofyn.",
            "R-148",
        ),
        _item(
            "report_and_delete",
            S_SUPPORT,
            "Explain why it matters to report the image online if it has been shared, and to "
            "delete it from their devices and accounts.",
            "Esboniwch pam ei bod yn bwysig rhoi gwybod am y ddelwedd ar-lein os yw wedi'i "
            "rhannu, a'i dileu o'u dyfeisiau a'u cyfrifon.",
            "R-147",
        ),
        _item(
            "do_not_share_further",
            S_SUPPORT,
            "Explain why they must not share it further and, if they asked for it, why they "
            "should not pressure others into doing things they are uncomfortable with.",
            "Esboniwch pam na ddylent ei rhannu ymhellach ac, os gwnaethant ofyn amdani, pam "
            "na ddylent roi pwysau ar eraill i wneud pethau sy'n eu gwneud yn anghyfforddus.",
            "R-147",
        ),
    ),
    "shared_another": (
        _item(
            "asked_or_unrequested",
            S_SUPPORT,
            "Ask whether they asked for the image or were first sent it without asking.",
            "Gofynnwch a wnaethant ofyn am y ddelwedd neu a gawsant hi i ddechrau heb ofyn.",
            "R-149",
        ),
        _item(
            "where_it_went",
            S_SUPPORT,
            "Ask who the image was sent to and where it was shared.",
            "Gofynnwch i bwy yr anfonwyd y ddelwedd a ble y cafodd ei rhannu.",
            "R-149",
            "R-150",
        ),
        _item(
            "agree_take_down",
            S_SUPPORT,
            "Agree the next steps to take the image down: deleting it from their phone and "
            "accounts and reporting it to the service providers.",
            "Cytunwch ar y camau nesaf i dynnu'r ddelwedd i lawr: ei dileu o'u ffôn a'u "
            "cyfrifon a rhoi gwybod amdani i'r darparwyr gwasanaeth.",
            "R-149",
            "R-150",
        ),
        _item(
            "motives_and_alternatives",
            S_SUPPORT,
            "Ask what made them share it and talk about what they could have done "
            "differently, including healthier ways to handle feelings after, for example, a "
            "break-up.",
            "Gofynnwch beth wnaeth iddynt ei rhannu a siaradwch am beth y gallent fod wedi'i "
            "wneud yn wahanol, gan gynnwys ffyrdd iachach o ymdopi â theimladau ar ôl, er "
            "enghraifft, i berthynas ddod i ben.",
            "R-149",
        ),
        _item(
            "always_wrong_to_share",
            S_SUPPORT,
            "Make clear that, whatever the reason, sharing another child's nude or semi-nude "
            "is always wrong, and use it to talk about consent and not pressuring others.",
            "Eglurwch, beth bynnag fo'r rheswm, ei bod bob amser yn anghywir rhannu delwedd "
            "noeth neu hanner noeth o blentyn arall, a defnyddiwch hyn i siarad am gydsyniad ac "
            "am beidio â rhoi pwysau ar eraill.",
            "R-149",
            "R-016",
        ),
        _item(
            "the_law_on_sharing",
            S_SUPPORT,
            "Explain the law on sharing nudes and semi-nudes.",
            "Esboniwch y gyfraith ar rannu delweddau noeth a hanner noeth.",
            "R-149",
        ),
    ),
    "created_another": (
        _item(
            "where_it_went",
            S_SUPPORT,
            "Ask who the image was sent to and where it was shared.",
            "Gofynnwch i bwy yr anfonwyd y ddelwedd a ble y cafodd ei rhannu.",
            "R-151",
            "R-150",
        ),
        _item(
            "take_down_everywhere",
            S_SUPPORT,
            "Agree the steps to take it down everywhere: their phone, their accounts, group "
            "chats and anywhere else it was posted, with reports to the platforms.",
            "Cytunwch ar y camau i'w thynnu i lawr ym mhob man: eu ffôn, eu cyfrifon, "
            "sgyrsiau grŵp ac unrhyw le arall y cafodd ei phostio, gan roi gwybod i'r "
            "platfformau.",
            "R-151",
            "R-150",
        ),
        _item(
            "motives_and_alternatives",
            S_SUPPORT,
            "Ask what made them create and share it and what they could have done "
            "differently, including healthier ways to handle feelings.",
            "Gofynnwch beth wnaeth iddynt ei chreu a'i rhannu a beth y gallent fod wedi'i "
            "wneud yn wahanol, gan gynnwys ffyrdd iachach o ymdopi â theimladau.",
            "R-151",
        ),
        _item(
            "consent_applies_to_made_images",
            S_SUPPORT,
            "Make clear it is always wrong to share a nude or semi-nude of another child, and "
            "that consent matters even when the child pictured did not take the image.",
            "Eglurwch ei bod bob amser yn anghywir rhannu delwedd noeth neu hanner noeth o "
            "blentyn arall, a bod cydsyniad yn bwysig hyd yn oed pan nad y plentyn yn y llun "
            "a dynnodd y ddelwedd.",
            "R-151",
            "R-016",
        ),
        _item(
            "law_covers_ai_images",
            S_SUPPORT,
            "Explain that the law applies to digitally manipulated and AI-generated images of "
            "other children too.",
            "Esboniwch fod y gyfraith yn berthnasol hefyd i ddelweddau o blant eraill sydd "
            "wedi'u trin yn ddigidol neu wedi'u creu gan ddeallusrwydd artiffisial (AI).",
            "R-151",
            "R-011",
        ),
    ),
}

AI_REASSURANCE: Final = _item(
    "ai_image_treated_the_same",
    S_SUPPORT,
    "The image of them was AI-generated or manipulated: reassure them it will be treated in "
    "the same way as any other incident.",
    "Cafodd y ddelwedd ohonynt ei chreu gan AI neu ei thrin yn ddigidol: tawelwch eu meddwl y "
    "caiff ei thrin yn yr un ffordd ag unrhyw ddigwyddiad arall.",
    "R-142",
    "R-011",
)


def _check_roles(roles: Iterable[str]) -> set[str]:
    given = set(roles)
    unknown = sorted(given - set(ROLES))
    if unknown:
        raise ValueError(f"unknown role(s): {', '.join(unknown)}")
    return given


def support_groups(roles: Iterable[str]) -> list[SupportGroup]:
    """Which of the guidance's support lists apply to a child with these roles.

    ``pictured``: their image was shared. ``recipient`` or ``possessor``: they were sent one.
    ``sharer`` (or ``sender`` of an image that is not of them): they shared another's.
    ``creator`` of an image that is not of them (including with AI): they created and shared
    another's.
    """
    given = _check_roles(roles)
    groups: list[SupportGroup] = ["everyone"]
    pictured = "pictured" in given
    if pictured:
        groups.append("image_shared")
    if given & {"recipient", "possessor"}:
        groups.append("sent_image")
    creator_of_another = "creator" in given and not pictured
    if "sharer" in given or ("sender" in given and not pictured and not creator_of_another):
        groups.append("shared_another")
    if creator_of_another:
        groups.append("created_another")
    return groups


def support_points(roles: Iterable[str], *, ai_generated: bool | None = None) -> list[ContentItem]:
    """The support conversation points for one child, by role (no duplicates, stable order)."""
    given = _check_roles(roles)
    points: list[ContentItem] = []
    seen: set[str] = set()
    for group in support_groups(given):
        for point in _SUPPORT[group]:
            if point.code not in seen:
                seen.add(point.code)
                points.append(point)
        if group == "image_shared" and ai_generated is True:
            points.append(AI_REASSURANCE)
            seen.add(AI_REASSURANCE.code)
    return points


def support_points_for_group(group: SupportGroup) -> list[ContentItem]:
    return list(_SUPPORT[group])


# --- advice for parents and carers -------------------------------------------------------------

ParentScenario = Literal["all", "lost_control", "was_sent", "created_or_shared"]

PARENT_SCENARIOS: Final[tuple[ParentScenario, ...]] = (
    "all",
    "lost_control",
    "was_sent",
    "created_or_shared",
)

_PARENT_ADVICE: Final[dict[ParentScenario, tuple[ContentItem, ...]]] = {
    "all": (
        _item(
            "listen_and_reassure",
            S_PARENTS,
            "Listen to their concerns and take them seriously. It can help to explain that it "
            "is normal for young people to be curious about sex.",
            "Gwrandewch ar eu pryderon a'u cymryd o ddifrif. Gall helpu i esbonio ei bod yn "
            "arferol i bobl ifanc fod yn chwilfrydig am ryw.",
            "R-185",
        ),
        _item(
            "support_own_feelings",
            S_PARENTS,
            "Support them with their own feelings of upset and worry, and point them to "
            "resources and services that can help.",
            "Cefnogwch nhw gyda'u teimladau eu hunain o ofid a phryder, a'u cyfeirio at "
            "adnoddau a gwasanaethau a all helpu.",
            "R-186",
        ),
        _item(
            "talking_to_their_child",
            S_PARENTS,
            "Help them plan how to talk to their child about what happened.",
            "Helpwch nhw i gynllunio sut i siarad â'u plentyn am yr hyn a ddigwyddodd.",
            "R-186",
        ),
        _item(
            "the_law",
            S_PARENTS,
            "Explain the law on sharing nudes and semi-nudes, and that it is there to protect "
            "children.",
            "Esboniwch y gyfraith ar rannu delweddau noeth a hanner noeth, a'i bod yno i "
            "amddiffyn plant.",
            "R-186",
            "R-009",
        ),
        _item(
            "kept_updated",
            S_PARENTS,
            "Keep them updated on actions taken and support given, unless their child has "
            "asked for this not to happen and is judged old enough to decide.",
            "Rhowch y wybodaeth ddiweddaraf iddynt am y camau a gymerwyd a'r cymorth a "
            "roddwyd, oni bai bod eu plentyn wedi gofyn i hyn beidio â digwydd a'i fod yn "
            "cael ei ystyried yn ddigon hen i benderfynu.",
            "R-187",
        ),
        _item(
            "support_for_their_child",
            S_PARENTS,
            "Tell them where their child can get support if anxious or low: Childline, "
            "counselling in the setting where there is one, or their GP. If they fear their "
            "child is suicidal, they should call 999.",
            "Dywedwch wrthynt ble gall eu plentyn gael cymorth os yw'n bryderus neu'n isel: "
            "Childline, cwnsela yn y lleoliad os oes un, neu eu meddyg teulu. Os ydynt yn ofni "
            "bod eu plentyn yn meddwl am hunanladdiad, dylent ffonio 999.",
            "R-188",
        ),
        _item(
            "report_bullying",
            S_PARENTS,
            "Ask them to tell the setting about any bullying linked to the incident.",
            "Gofynnwch iddynt roi gwybod i'r lleoliad am unrhyw fwlio sy'n gysylltiedig â'r "
            "digwyddiad.",
            "R-188",
        ),
        _item(
            "ceop_if_grooming",
            S_PARENTS,
            "If their child tells them anything suggesting grooming or sexual exploitation, "
            "they should report it to NCA-CEOP.",
            "Os bydd eu plentyn yn dweud unrhyw beth wrthynt sy'n awgrymu bod rhywun yn "
            "meithrin perthynas amhriodol ag ef neu'n camfanteisio arno'n rhywiol, dylent roi "
            "gwybod i NCA-CEOP.",
            "R-188",
            "R-195",
        ),
    ),
    "lost_control": (
        _item(
            "encourage_deleting_uploads",
            S_PARENTS,
            "Encourage their child to delete any images they uploaded to social media themselves.",
            "Anogwch eu plentyn i ddileu unrhyw ddelweddau a lwythodd i'r cyfryngau "
            "cymdeithasol ei hun.",
            "R-189",
        ),
        _item(
            "use_report_remove",
            S_PARENTS,
            "Use Report Remove (IWF and Childline) as soon as possible, so fewer people see "
            "the image.",
            "Defnyddiwch Report Remove (IWF a Childline) cyn gynted â phosibl, fel bod llai o "
            "bobl yn gweld y ddelwedd.",
            "R-189",
            "R-183",
        ),
    ),
    "was_sent": (
        _item(
            "listen_without_criticism",
            S_PARENTS,
            "Listen to their child's worries without criticising their choices.",
            "Gwrandewch ar bryderon eu plentyn heb feirniadu eu dewisiadau.",
            "R-190",
        ),
        _item(
            "stop_or_block_sender",
            S_PARENTS,
            "Think together about how their child could ask the sender to stop, or, if the "
            "child prefers, how to block them.",
            "Meddyliwch gyda'ch gilydd sut y gallai eu plentyn ofyn i'r anfonwr stopio, neu, "
            "os yw'r plentyn yn dymuno, sut i'w rwystro.",
            "R-190",
        ),
        _item(
            "consent_and_trust",
            S_PARENTS,
            "Talk about consent and trust in healthy relationships: no one should pressure "
            "them or show them things they do not want to see, and they can speak out.",
            "Siaradwch am gydsyniad ac ymddiriedaeth mewn perthnasoedd iach: ni ddylai neb "
            "roi pwysau arnynt na dangos pethau nad ydynt am eu gweld, a gallant ddweud wrth "
            "rywun.",
            "R-190",
        ),
    ),
    "created_or_shared": (
        _item(
            "stay_calm",
            S_PARENTS,
            "Stay calm and try not to get angry with their child.",
            "Arhoswch yn bwyllog a cheisiwch beidio â gwylltio gyda'ch plentyn.",
            "R-191",
        ),
        _item(
            "where_it_went",
            S_PARENTS,
            "Ask who the image was sent to and where it was shared.",
            "Gofynnwch i bwy yr anfonwyd y ddelwedd a ble y cafodd ei rhannu.",
            "R-191",
        ),
        _item(
            "agree_take_down",
            S_PARENTS,
            "Agree the steps to take it down: deleting it from phones and accounts and "
            "reporting it to service providers.",
            "Cytunwch ar y camau i'w thynnu i lawr: ei dileu o ffonau a chyfrifon a rhoi "
            "gwybod amdani i ddarparwyr gwasanaeth.",
            "R-191",
        ),
        _item(
            "asked_or_unrequested",
            S_PARENTS,
            "Find out whether their child asked for the image or was sent it without asking.",
            "Dewch i wybod a wnaeth eu plentyn ofyn am y ddelwedd neu a gafodd hi heb ofyn.",
            "R-191",
        ),
        _item(
            "consent_in_relationships",
            S_PARENTS,
            "Talk about consent and trust in relationships and friendships.",
            "Siaradwch am gydsyniad ac ymddiriedaeth mewn perthnasoedd a chyfeillgarwch.",
            "R-191",
        ),
        _item(
            "what_is_ok_to_share",
            S_PARENTS,
            "Talk about what is and is not okay to share, how they would feel if a personal "
            "photo of them were shared, and not pressuring others.",
            "Siaradwch am beth sy'n iawn a beth sydd ddim yn iawn i'w rannu, sut y byddent yn "
            "teimlo pe bai llun personol ohonynt yn cael ei rannu, ac am beidio â rhoi pwysau "
            "ar eraill.",
            "R-191",
        ),
        _item(
            "motives_and_feelings",
            S_PARENTS,
            "Ask what made them share it and what they could have done differently, "
            "including healthier ways to handle feelings, for example after a break-up.",
            "Gofynnwch beth wnaeth iddynt ei rhannu a beth y gallent fod wedi'i wneud yn "
            "wahanol, gan gynnwys ffyrdd iachach o ymdopi â theimladau, er enghraifft ar ôl i "
            "berthynas ddod i ben.",
            "R-191",
        ),
        _item(
            "sexual_behaviour_help",
            S_PARENTS,
            "Ask them to tell the setting if they are worried their child is behaving in a "
            "sexually inappropriate way; their GP or social services can advise on early "
            "help, and specialist services such as NCATS or Shore may help, especially if it "
            "has happened before.",
            "Gofynnwch iddynt roi gwybod i'r lleoliad os ydynt yn poeni bod eu plentyn yn "
            "ymddwyn mewn ffordd rywiol amhriodol; gall eu meddyg teulu neu'r gwasanaethau "
            "cymdeithasol roi cyngor am gymorth cynnar, a gall gwasanaethau arbenigol fel "
            "NCATS neu Shore helpu, yn enwedig os yw wedi digwydd o'r blaen.",
            "R-192",
        ),
    ),
}


def parent_advice(scenario: ParentScenario) -> list[ContentItem]:
    """The advice for one scenario (``all`` is the advice for every parent)."""
    return list(_PARENT_ADVICE[scenario])


def parent_scenarios_for_roles(roles: Iterable[str]) -> list[ParentScenario]:
    """The scenarios that apply to the parents of a child with these roles (``all`` first)."""
    given = _check_roles(roles)
    scenarios: list[ParentScenario] = ["all"]
    if "pictured" in given:
        scenarios.append("lost_control")
    if given & {"recipient", "possessor"}:
        scenarios.append("was_sent")
    not_pictured = "pictured" not in given
    if "sharer" in given or (not_pictured and given & {"creator", "sender"}):
        scenarios.append("created_or_shared")
    return scenarios


def parent_advice_for_roles(roles: Iterable[str]) -> list[ContentItem]:
    """All the advice for the parents of a child with these roles, scenario by scenario."""
    return [item for s in parent_scenarios_for_roles(roles) for item in _PARENT_ADVICE[s]]


# --- signs of adult involvement ----------------------------------------------------------------

SignKind = Literal["sexually_motivated", "financially_motivated"]


@dataclass(frozen=True, slots=True)
class AdultSign:
    code: str
    label: str
    label_cy: str
    section: str
    #: The lists the sign appears in ("Sexually motivated incidents", "Financially motivated").
    kinds: tuple[SignKind, ...]
    #: An engine fact the DSP is asked to answer when this sign is ticked.
    asks: str | None
    requirements: tuple[str, ...]


_BOTH: tuple[SignKind, ...] = ("sexually_motivated", "financially_motivated")
_SEX: tuple[SignKind, ...] = ("sexually_motivated",)
_FIN: tuple[SignKind, ...] = ("financially_motivated",)

ADULT_SIGNS: Final[tuple[AdultSign, ...]] = (
    AdultSign(
        "unknown_account_posing_as_peer",
        "Contacted by an online account they do not know that appears to be another "
        "child or young person",
        "Cysylltodd cyfrif ar-lein nad yw'n ei adnabod ag ef, sy'n ymddangos fel plentyn "
        "neu berson ifanc arall",
        S_ADULT,
        _BOTH,
        None,
        ("R-053", "R-062"),
    ),
    AdultSign(
        "hacked_peer_account",
        "Contacted by the hacked account of a child or young person",
        "Cysylltwyd ag ef drwy gyfrif plentyn neu berson ifanc sydd wedi'i hacio",
        S_ADULT,
        _FIN,
        None,
        ("R-061",),
    ),
    AdultSign(
        "quickly_sexually_explicit",
        "Quickly drawn into sexually explicit conversation",
        "Cafodd ei dynnu'n gyflym i sgyrsiau rhywiol amlwg",
        S_ADULT,
        _BOTH,
        None,
        ("R-054", "R-062"),
    ),
    AdultSign(
        "offender_shared_images_first",
        "The other person shared an image first, or sent images nobody asked for",
        "Rhannodd y person arall ddelwedd yn gyntaf, neu anfonodd ddelweddau heb i neb "
        "ofyn amdanynt",
        S_ADULT,
        _BOTH,
        None,
        ("R-054", "R-062"),
    ),
    AdultSign(
        "moved_to_private_or_e2ee",
        "Moved from a public platform to a private or end-to-end encrypted one",
        "Symudwyd y sgwrs o blatfform cyhoeddus i un preifat neu un ag amgryptio o'r "
        "dechrau i'r diwedd",
        S_ADULT,
        _BOTH,
        None,
        ("R-055", "R-062"),
    ),
    AdultSign(
        "pressured_or_coerced",
        "Coerced or pressured into doing sexual things, including making nudes or semi-nudes",
        "Cafodd ei orfodi neu ei roi dan bwysau i wneud pethau rhywiol, gan gynnwys creu "
        "delweddau noeth neu hanner noeth",
        S_ADULT,
        _BOTH,
        "coercion",
        ("R-056", "R-062"),
    ),
    AdultSign(
        "offered_money_or_gifts",
        "Offered something of value, such as money or gaming credits",
        "Cynigiwyd rhywbeth o werth iddo, fel arian neu gredydau gemau",
        S_ADULT,
        _SEX,
        None,
        ("R-057",),
    ),
    AdultSign(
        "threatened_or_blackmailed",
        "Threatened or blackmailed into further sexual activity, sometimes with a "
        "manipulated image of them",
        "Cafodd ei fygwth neu ei flacmelio i wneud rhagor o weithgarwch rhywiol, weithiau "
        "gyda delwedd ohono wedi'i thrin",
        S_ADULT,
        _SEX,
        "blackmail",
        ("R-058",),
    ),
    AdultSign(
        "told_they_were_hacked",
        "Told they have been hacked and that the other person has their images, personal "
        "information and contacts",
        "Dywedwyd wrtho ei fod wedi cael ei hacio a bod gan y person arall ei ddelweddau, "
        "ei wybodaeth bersonol a'i gysylltiadau",
        S_ADULT,
        _FIN,
        None,
        ("R-063",),
    ),
    AdultSign(
        "asked_for_money_or_bank_details",
        "Blackmailed into sending money or sharing bank account details",
        "Cafodd ei flacmelio i anfon arian neu i rannu manylion cyfrif banc",
        S_ADULT,
        _FIN,
        "financial_demand",
        ("R-064", "R-059"),
    ),
)

if tuple(sign.code for sign in ADULT_SIGNS) != ADULT_SIGN_CODES:  # pragma: no cover
    raise RuntimeError("ADULT_SIGNS must list the contract's sign codes in order")


def adult_signs(kind: SignKind | None = None) -> list[AdultSign]:
    """The checklist of signs, all of them or those of one kind, each shown once."""
    return [sign for sign in ADULT_SIGNS if kind is None or kind in sign.kinds]


# --- questions for the initial review and the risk assessment ----------------------------------


@dataclass(frozen=True, slots=True)
class Question:
    code: str
    question: str
    question_cy: str
    #: The guidance's prompts that go with the question.
    prompts: tuple[str, ...]
    prompts_cy: tuple[str, ...]
    #: The engine facts the answer sets (``children[].x`` means every child's ``x``).
    facts: tuple[str, ...]
    section: str
    requirements: tuple[str, ...]


IMMEDIATE_REFERRAL_QUESTIONS: Final[tuple[Question, ...]] = (
    Question(
        "adult_involvement",
        "Does the incident involve an adult?",
        "A oes oedolyn yn rhan o'r digwyddiad?",
        (
            "An adult posing as a child can make it look like an incident between children.",
            "Go through the signs of adult involvement, sexually and financially motivated.",
        ),
        (
            "Gall oedolyn sy'n esgus bod yn blentyn wneud iddo edrych fel digwyddiad rhwng plant.",
            "Ewch drwy'r arwyddion o ymwneud oedolyn, â chymhelliad rhywiol ac ariannol.",
        ),
        ("adult_involvement", "adult_signs"),
        S_INITIAL_REVIEW,
        ("R-098", "R-051", "R-039"),
    ),
    Question(
        "coercion_blackmail_grooming_or_consent",
        "Is there reason to believe a child has been coerced, blackmailed or groomed, or is "
        "there a concern about their capacity to consent?",
        "A oes rheswm i gredu bod plentyn wedi cael ei orfodi neu ei flacmelio, neu fod rhywun "
        "wedi meithrin perthynas amhriodol ag ef, neu a oes pryder am ei allu i gydsynio?",
        (
            "For example, owing to additional learning needs.",
            "Coercion or blackmail by a partner or ex-partner counts too.",
        ),
        (
            "Er enghraifft, oherwydd anghenion dysgu ychwanegol.",
            "Mae gorfodaeth neu flacmel gan bartner neu gyn-bartner yn cyfrif hefyd.",
        ),
        ("coercion", "blackmail", "grooming", "capacity_to_consent_concern"),
        S_INITIAL_REVIEW,
        ("R-099", "R-100", "R-013"),
    ),
    Question(
        "unusual_or_violent_content",
        "Does what you know about the imagery suggest sexual acts unusual for the young "
        "person's developmental stage, or violence?",
        "A yw'r hyn a wyddoch am y delweddau'n awgrymu gweithredoedd rhywiol sy'n anarferol i "
        "gyfnod datblygiad y person ifanc, neu drais?",
        (
            "Go by what you have been told: do not view the imagery.",
            "Hackett's continuum can help judge what is unusual for a child's development.",
        ),
        (
            "Ewch ar sail yr hyn a ddywedwyd wrthych: peidiwch ag edrych ar y delweddau.",
            "Gall continwwm Hackett helpu i farnu beth sy'n anarferol i ddatblygiad plentyn.",
        ),
        ("content_unusual_for_developmental_stage", "content_violent"),
        S_INITIAL_REVIEW,
        ("R-101",),
    ),
    Question(
        "sexual_acts_under_13",
        "Does the imagery involve sexual acts, and is any child in the image under 13?",
        "A yw'r delweddau'n cynnwys gweithredoedd rhywiol, ac a oes unrhyw blentyn yn y "
        "ddelwedd o dan 13 oed?",
        ("Record the age of every child in the image.",),
        ("Cofnodwch oedran pob plentyn yn y ddelwedd.",),
        ("content_sexual_acts", "children[].age"),
        S_INITIAL_REVIEW,
        ("R-102", "R-125"),
    ),
    Question(
        "immediate_risk_of_harm",
        "Is there reason to believe a child is at immediate risk of harm because the imagery "
        "was shared?",
        "A oes rheswm i gredu bod plentyn mewn perygl uniongyrchol o niwed oherwydd i'r "
        "delweddau gael eu rhannu?",
        (
            "For example, the child is presenting as suicidal or self-harming.",
            "Where there is a threat to life, call 999.",
        ),
        (
            "Er enghraifft, mae'r plentyn yn dangos arwyddion ei fod yn meddwl am "
            "hunanladdiad neu'n hunan-niweidio.",
            "Os oes bygythiad i fywyd, ffoniwch 999.",
        ),
        ("immediate_risk_of_harm",),
        S_INITIAL_REVIEW,
        ("R-103", "R-088", "R-018"),
    ),
)

RISK_ASSESSMENT_QUESTIONS: Final[tuple[Question, ...]] = (
    Question(
        "why_shared",
        "Why was the nude or semi-nude shared? Was the child coerced or put under pressure?",
        "Pam y cafodd y ddelwedd noeth neu hanner noeth ei rhannu? A gafodd y plentyn ei orfodi "
        "neu ei roi dan bwysau?",
        ("Record the reason in the child's own words.",),
        ("Cofnodwch y rheswm yng ngeiriau'r plentyn ei hun.",),
        ("coercion",),
        S_RISKS,
        ("R-122",),
    ),
    Question(
        "shared_beyond_recipient",
        "Has it been shared beyond its intended recipient? Was it shared without the consent "
        "of the child who produced it?",
        "A yw wedi'i rhannu y tu hwnt i'r sawl y'i bwriadwyd ar ei gyfer? A gafodd ei rhannu "
        "heb gydsyniad y plentyn a'i cynhyrchodd?",
        (),
        (),
        ("shared_beyond_intended_recipient", "shared_without_consent"),
        S_RISKS,
        ("R-123",),
    ),
    Question(
        "shared_online",
        "Has it been shared on social media or anywhere else online? If so, what has been done "
        "to contain the spread?",
        "A yw wedi'i rhannu ar y cyfryngau cymdeithasol neu yn unrhyw le arall ar-lein? Os "
        "felly, beth sydd wedi'i wneud i'w hatal rhag lledaenu?",
        (),
        (),
        ("shared_online",),
        S_RISKS,
        ("R-124",),
    ),
    Question(
        "ages",
        "How old are the children involved?",
        "Faint yw oed y plant sy'n rhan o'r digwyddiad?",
        (),
        (),
        ("children[].age",),
        S_RISKS,
        ("R-125",),
    ),
    Question(
        "more_than_one_recipient",
        "Did the child send the image to more than one person?",
        "A wnaeth y plentyn anfon y ddelwedd at fwy nag un person?",
        ("If so, consider whether this is persistent behaviour.",),
        ("Os felly, ystyriwch ai ymddygiad parhaus yw hwn.",),
        ("persistent_behaviour",),
        S_RISKS,
        ("R-126",),
    ),
    Question(
        "vulnerability",
        "Do you have any concerns about the child's vulnerability?",
        "A oes gennych unrhyw bryderon am fregusrwydd y plentyn?",
        (
            "If so, answer the questions on capacity to consent and immediate risk of harm, and "
            "consider a referral to social services.",
        ),
        (
            "Os felly, atebwch y cwestiynau am y gallu i gydsynio ac am berygl uniongyrchol o "
            "niwed, ac ystyriwch atgyfeirio i'r gwasanaethau cymdeithasol.",
        ),
        ("capacity_to_consent_concern", "immediate_risk_of_harm"),
        S_RISKS,
        ("R-127",),
    ),
    Question(
        "informing_parents",
        "Are there additional concerns about informing the parents or carers?",
        "A oes pryderon ychwanegol ynghylch rhoi gwybod i'r rhieni neu'r gofalwyr?",
        (),
        (),
        ("children[].informing_parents_would_put_at_risk",),
        S_RISKS,
        ("R-128",),
    ),
)

#: Prompts for talking with children without blaming them ("Supporting the children...").
QUESTION_PROMPTS: Final[tuple[ContentItem, ...]] = (
    _item(
        "describe_what_happened",
        S_SUPPORT,
        "Describe what happened.",
        "Disgrifia beth ddigwyddodd.",
        "R-141",
    ),
    _item(
        "explain_who_was_involved",
        S_SUPPORT,
        "Explain to me who was involved.",
        "Esbonia i mi pwy oedd yn rhan o hyn.",
        "R-141",
    ),
    _item(
        "avoid_why_questions",
        S_SUPPORT,
        "Avoid 'why' questions such as 'Why have you done this?': they blame the child and "
        "may stop them talking about what happened.",
        "Osgowch gwestiynau 'pam' fel 'Pam wyt ti wedi gwneud hyn?': maent yn beio'r plentyn "
        "a gallant ei atal rhag siarad am yr hyn a ddigwyddodd.",
        "R-141",
        "R-036",
    ),
)
