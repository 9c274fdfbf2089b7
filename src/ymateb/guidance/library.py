"""The guidance library: helplines, reporting services, advice and explanations, as data.

Every entry has a stable code, the exact heading of the guidance section it comes from, a
title and a body in English and Welsh written in this project's own words (short quoted
phrases only, never the guidance's paragraphs), any contact details the guidance itself gives
(telephone numbers, a text number, an email address: no web address is invented), and the
requirement IDs it serves.

Advice that the decision engine already carries (parents' advice by scenario, the
non-victim-blaming question prompts, the support points by a child's role) is imported from
``ymateb.rules.content`` and shown as the points of an entry, never copied here.

Plain data and functions: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from ymateb.rules.content import (
    AI_REASSURANCE,
    PARENT_SCENARIOS,
    QUESTION_PROMPTS,
    SUPPORT_GROUPS,
    ContentItem,
    ParentScenario,
    SupportGroup,
    parent_advice,
    support_points_for_group,
)

# --- the guidance's headings used here (each is a line of the guidance text, exactly) -------

S_DEFINING: Final = "Defining ‘sharing nudes and semi-nudes’"
S_ALTERNATIVE: Final = "Alternative definitions"
S_LAW: Final = "The law"
S_NON_CONSENSUAL: Final = "Non-consensual image sharing"
S_CONTROL: Final = "Sharing images: a form of control"
S_CRIMINALISATION: Final = "Avoiding unnecessary criminalisation of children and young people"
S_POLICE_RESPONSE: Final = "The police response"
S_CRIME_RECORDING: Final = "Crime recording"
S_POLICE_DECISION: Final = "Police decision"
S_RECORDS_CHECK: Final = "Criminal records check"
S_SEIZURE: Final = "Seizure of devices"
S_MOTIVATIONS: Final = "Understanding motivations and behaviours"
S_SEXTORTION: Final = "Financially motivated incidents – ‘sextortion’"
S_AGE: Final = "Age considerations"
S_NORMAL_ABNORMAL: Final = "Distinguishing between normal and abnormal sexual behaviour"
S_INITIAL_RESPONSE: Final = "Initial response"
S_DISCLOSURE: Final = "Disclosure"
S_REPORT_POLICE: Final = "How to report online content to the police"
S_SUPPORT: Final = "Supporting the children or young people involved"
S_INFORMING_PARENTS: Final = "Informing parents or carers"
S_VIEWING: Final = "Viewing and deleting nudes and semi-nudes"
S_REPORTING_ONLINE: Final = "Reporting nudes and semi-nudes online"
S_PARENTS: Final = "Supporting parents and carers"
S_RESOURCES: Final = "Resources and support"
S_HELPLINES: Final = "Helplines and reporting"
S_AVAILABLE: Final = "Available support"

#: When the helplines' details were last checked against the guidance text (R-194).
HELPLINES_CHECKED: Final = date(2026, 11, 26)


@dataclass(frozen=True, slots=True)
class Link:
    """A way to reach a service, exactly as the guidance gives it (tel:, sms: or mailto:)."""

    label_en: str
    label_cy: str
    url: str

    def label(self, language: str) -> str:
        return self.label_cy if _is_welsh(language) else self.label_en


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    #: The exact heading of the guidance section this entry comes from.
    section: str
    title_en: str
    title_cy: str
    #: One or more paragraphs, separated by a blank line.
    body_en: str
    body_cy: str
    links: tuple[Link, ...] = ()
    requirements: tuple[str, ...] = ()
    #: Points reused from the decision engine's content (``ymateb.rules.content``).
    points: tuple[ContentItem, ...] = ()
    #: When the contact details were last checked (helplines only).
    checked: date | None = None

    def title(self, language: str) -> str:
        return self.title_cy if _is_welsh(language) else self.title_en

    def paragraphs(self, language: str) -> list[str]:
        body = self.body_cy if _is_welsh(language) else self.body_en
        return [p.strip() for p in body.split("\n\n") if p.strip()]


@dataclass(frozen=True, slots=True)
class Group:
    code: str
    title_en: str
    title_cy: str
    entries: tuple[Entry, ...]

    def title(self, language: str) -> str:
        return self.title_cy if _is_welsh(language) else self.title_en


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    title_en: str
    title_cy: str
    summary_en: str
    summary_cy: str
    groups: tuple[Group, ...]

    def title(self, language: str) -> str:
        return self.title_cy if _is_welsh(language) else self.title_en

    def summary(self, language: str) -> str:
        return self.summary_cy if _is_welsh(language) else self.summary_en

    def entries(self) -> list[Entry]:
        return [entry for group in self.groups for entry in group.entries]


def _is_welsh(language: str | None) -> bool:
    return bool(language) and str(language).lower().startswith("cy")


def point_text(item: ContentItem, language: str) -> str:
    """A reused content item's text in the given language."""
    return item.text_cy if _is_welsh(language) else item.text


def _tel(number: str) -> str:
    return "tel:" + number.replace(" ", "")


# --- helplines and reporting services --------------------------------------------------------

CHILDLINE: Final = Entry(
    "childline",
    S_HELPLINES,
    "Childline",
    "Childline",
    "Children and young people can talk to a Childline counsellor about anything that worries "
    "them, at any hour of the day or night: by phone on 0800 11 11, or in an online chat.",
    "Gall plant a phobl ifanc siarad â chwnselydd Childline am unrhyw beth sy'n eu poeni, "
    "ddydd neu nos: dros y ffôn ar 0800 11 11, neu mewn sgwrs ar-lein.",
    (Link("Call Childline on 0800 11 11", "Ffoniwch Childline ar 0800 11 11", _tel("0800 11 11")),),
    ("R-194", "R-144", "R-188"),
    checked=HELPLINES_CHECKED,
)

MEIC: Final = Entry(
    "meic",
    S_HELPLINES,
    "Meic",
    "Meic",
    "Meic is the national helpline in Wales for children and young people up to the age of "
    "25, offering advocacy, information and advice. It is free and confidential. Young people "
    "can phone 080880 23456, text 84001 or use its online chat.",
    "Meic yw'r llinell gymorth genedlaethol yng Nghymru i blant a phobl ifanc hyd at 25 oed, "
    "sy'n cynnig eiriolaeth, gwybodaeth a chyngor. Mae am ddim ac yn gyfrinachol. Gall pobl "
    "ifanc ffonio 080880 23456, anfon neges destun at 84001 neu ddefnyddio'r sgwrs ar-lein.",
    (
        Link("Call Meic on 080880 23456", "Ffoniwch Meic ar 080880 23456", _tel("080880 23456")),
        Link("Text Meic on 84001", "Anfonwch neges destun at Meic ar 84001", "sms:84001"),
    ),
    ("R-197", "R-144"),
    checked=HELPLINES_CHECKED,
)

NSPCC: Final = Entry(
    "nspcc_cymru",
    S_HELPLINES,
    "NSPCC Cymru Helpline",
    "Llinell Gymorth NSPCC Cymru",
    "For parents and carers who are worried about their child. They can ring 0808 800 5000 "
    "or email help@nspcc.org.uk.",
    "I rieni a gofalwyr sy'n poeni am eu plentyn. Gallant ffonio 0808 800 5000 neu anfon "
    "e-bost at help@nspcc.org.uk.",
    (
        Link(
            "Call the NSPCC Cymru Helpline on 0808 800 5000",
            "Ffoniwch Linell Gymorth NSPCC Cymru ar 0808 800 5000",
            _tel("0808 800 5000"),
        ),
        Link(
            "Email help@nspcc.org.uk",
            "Anfonwch e-bost at help@nspcc.org.uk",
            "mailto:help@nspcc.org.uk",
        ),
    ),
    ("R-196", "R-186"),
    checked=HELPLINES_CHECKED,
)

NCA_CEOP: Final = Entry(
    "nca_ceop",
    S_HELPLINES,
    "NCA-CEOP",
    "NCA-CEOP",
    "The Child Exploitation and Online Protection command of the National Crime Agency. "
    "Parents and carers who fear that adults are contacting their child because the child "
    "shared sexual images should report it to NCA-CEOP.\n\n"
    "Anyone worried that a child is being sexually abused, exploited or groomed online can "
    "report the concern there too. If adults are involved, the incident also needs an "
    "immediate referral to the police or social services (through the MASH or equivalent).",
    "Gorchymyn Camfanteisio ar Blant a'u Hamddiffyn Ar-lein yr Asiantaeth Troseddu "
    "Genedlaethol. Dylai rhieni a gofalwyr sy'n ofni bod oedolion yn cysylltu â'u plentyn "
    "oherwydd i'r plentyn rannu delweddau rhywiol roi gwybod i NCA-CEOP.\n\n"
    "Gall unrhyw un sy'n poeni bod plentyn yn cael ei gam-drin yn rhywiol, bod rhywun yn "
    "camfanteisio arno neu'n meithrin perthynas amhriodol ag ef ar-lein roi gwybod am y "
    "pryder yno hefyd. Os oes oedolion yn rhan o'r digwyddiad, rhaid hefyd atgyfeirio ar "
    "unwaith at yr heddlu neu'r gwasanaethau cymdeithasol (drwy'r MASH neu gyfwerth).",
    # Translators: review — the NCA's own Welsh name for the CEOP command.
    (),
    ("R-195", "R-184", "R-188"),
    checked=HELPLINES_CHECKED,
)

STOP_IT_NOW: Final = Entry(
    "stop_it_now",
    S_HELPLINES,
    "Stop it Now! UK and Ireland Helpline",
    "Llinell Gymorth Stop it Now! y DU ac Iwerddon",
    "Advice for adults on keeping a child safe, or when they are worried about a child's "
    "sexual behaviour. Call 0808 1000 900.",
    "Cyngor i oedolion ar sut i gadw plentyn yn ddiogel, neu pan fyddant yn poeni am "
    "ymddygiad rhywiol plentyn. Ffoniwch 0808 1000 900.",
    (
        Link(
            "Call Stop it Now! on 0808 1000 900",
            "Ffoniwch Stop it Now! ar 0808 1000 900",
            _tel("0808 1000 900"),
        ),
    ),
    ("R-200", "R-192"),
    checked=HELPLINES_CHECKED,
)

LIVE_FEAR_FREE: Final = Entry(
    "live_fear_free",
    S_HELPLINES,
    "Live Fear Free Helpline (Llinell Gymorth Byw Heb Ofn)",
    "Llinell Gymorth Byw Heb Ofn (Live Fear Free Helpline)",
    "Open 24 hours on 0808 8010 800, for anyone who has lived or is living with domestic abuse "
    "or sexual violence, and for people worried about a friend or relative.\n\n"
    "The Live Fear Free website has advice on domestic abuse, sexual violence and violence "
    "against women.",
    "Ar agor 24 awr ar 0808 8010 800, i unrhyw un sydd wedi profi neu sy'n profi cam-drin "
    "domestig neu drais rhywiol, ac i bobl sy'n poeni am ffrind neu berthynas.\n\n"
    "Mae gwefan Byw Heb Ofn yn cynnig cyngor ar gam-drin domestig, trais rhywiol a thrais yn "
    "erbyn menywod.",
    (
        Link(
            "Call Live Fear Free on 0808 8010 800",
            "Ffoniwch Byw Heb Ofn ar 0808 8010 800",
            _tel("0808 8010 800"),
        ),
    ),
    ("R-198", "R-199", "R-014"),
    checked=HELPLINES_CHECKED,
)

ASK_POSTER: Final = Entry(
    "ask_the_poster",
    S_REPORTING_ONLINE,
    "First, ask whoever posted it to delete it",
    "Yn gyntaf, gofynnwch i bwy bynnag a'i postiodd ei dileu",
    "Content comes down fastest when the person who put it online removes it. If the child "
    "posted it from their own account, ask them to sign in and delete it. If someone else "
    "posted or reposted it, ask that person to delete it from every place they put it.\n\n"
    "Children may need an adult's help with this, especially if they are upset.",
    "Mae cynnwys yn diflannu gyflymaf pan fydd y person a'i rhoddodd ar-lein yn ei dynnu i "
    "lawr. Os postiodd y plentyn ef o'i gyfrif ei hun, gofynnwch iddo fewngofnodi a'i ddileu. "
    "Os rhywun arall a'i postiodd neu a'i hailbostiodd, gofynnwch i'r person hwnnw ei ddileu "
    "o bob man y'i rhoddodd.\n\n"
    "Efallai y bydd angen help oedolyn ar blant i wneud hyn, yn enwedig os ydynt wedi "
    "cynhyrfu.",
    (),
    ("R-179", "R-177"),
)

REPORT_TO_SERVICE: Final = Entry(
    "report_to_the_service",
    S_REPORTING_ONLINE,
    "Report it to the app or website",
    "Rhoi gwybod i'r ap neu'r wefan",
    "If you know where the content is but not who posted it, or the person will not take it "
    "down, report it to the online service. Most major services do not allow nudity or sexual "
    "content, and sexual images of under-18s are illegal, so content that breaks a service's "
    "terms should be removed. Each service deals with reports in its own way and at its own "
    "pace.\n\n"
    "The 'In the Know' guides in the 'Keeping safe online' area of Hwb explain how to report "
    "on some of the apps children use most.",
    "Os ydych yn gwybod ble mae'r cynnwys ond nid pwy a'i postiodd, neu os na fydd y person "
    "yn ei dynnu i lawr, rhowch wybod i'r gwasanaeth ar-lein. Nid yw'r rhan fwyaf o'r prif "
    "wasanaethau yn caniatáu noethni na chynnwys rhywiol, ac mae delweddau rhywiol o bobl dan "
    "18 oed yn anghyfreithlon, felly dylai cynnwys sy'n torri telerau gwasanaeth gael ei "
    "dynnu i lawr. Mae pob gwasanaeth yn delio ag adroddiadau yn ei ffordd ei hun ac ar ei "
    "gyflymder ei hun.\n\n"
    # Translators: review — the Welsh title Hwb gives the 'In the Know' guides.
    "Mae'r canllawiau 'In the Know' yn ardal 'Cadw'n ddiogel ar-lein' Hwb yn esbonio sut i "
    "roi gwybod am gynnwys ar rai o'r apiau y mae plant yn eu defnyddio fwyaf.",
    (),
    ("R-180", "R-181", "R-178"),
)

IWF_DIRECT: Final = Entry(
    "iwf_direct",
    S_REPORTING_ONLINE,
    "Internet Watch Foundation (IWF)",
    "Internet Watch Foundation (IWF)",
    "Where a site has no way to report content, and it is a sexual image of someone under "
    "18, anyone can report it straight to the IWF, the setting included. Give the web address "
    "or describe where it is: never send the image.",
    "Pan nad oes gan safle ffordd o roi gwybod am gynnwys, a'i fod yn ddelwedd rywiol o "
    "rywun dan 18 oed, gall unrhyw un roi gwybod amdano'n uniongyrchol i'r IWF, gan gynnwys y "
    "lleoliad addysg. Rhowch y cyfeiriad gwe neu disgrifiwch ble mae: peidiwch byth ag anfon "
    "y ddelwedd.",
    (),
    ("R-182", "R-115"),
)

REPORT_REMOVE: Final = Entry(
    "report_remove",
    S_REPORTING_ONLINE,
    "Report Remove (IWF and Childline)",
    "Report Remove (IWF a Childline)",
    "A tool for young people under 18 to report nude or semi-nude images, videos or links of "
    "themselves, and find out whether they can be taken down. Use it as soon as possible, so "
    "that fewer people see the image.\n\n"
    "Trained IWF analysts look at every report. An image is removed when it meets the legal "
    "threshold: at the least, it shows someone under 18 naked or partly naked. The IWF makes "
    "a digital fingerprint (a 'hash') of the image to find copies elsewhere, even cropped or "
    "slightly changed ones, and to help stop it being uploaded or appearing in search results "
    "again.\n\n"
    "It is confidential, not anonymous: Childline can offer the young person advice and "
    "support if they want it, but does not keep the image, and the IWF never learns the young "
    "person's name or contact details.",
    "Adnodd i bobl ifanc dan 18 oed roi gwybod am ddelweddau, fideos neu ddolenni noeth neu "
    "hanner noeth ohonynt eu hunain, a chael gwybod a ellir eu tynnu i lawr. Defnyddiwch ef "
    "cyn gynted â phosibl, fel bod llai o bobl yn gweld y ddelwedd.\n\n"
    "Mae dadansoddwyr hyfforddedig yr IWF yn edrych ar bob adroddiad. Caiff delwedd ei "
    "thynnu i lawr pan fydd yn bodloni'r trothwy cyfreithiol: o leiaf, mae'n dangos rhywun "
    "dan 18 oed yn noeth neu'n rhannol noeth. Mae'r IWF yn creu ôl bys digidol ('hash') o'r "
    "ddelwedd i ddod o hyd i gopïau mewn mannau eraill, hyd yn oed rhai wedi'u tocio neu eu "
    "newid ychydig, ac i helpu i'w hatal rhag cael ei llwytho i fyny na'i dangos mewn "
    "canlyniadau chwilio eto.\n\n"
    "Mae'n gyfrinachol, nid yn ddienw: gall Childline gynnig cyngor a chymorth i'r person "
    "ifanc os yw'n dymuno, ond nid yw'n cadw'r ddelwedd, ac nid yw'r IWF byth yn cael gwybod "
    "enw na manylion cyswllt y person ifanc.",
    (),
    ("R-183", "R-146", "R-189"),
)

TAKE_IT_DOWN: Final = Entry(
    "take_it_down",
    S_REPORTING_ONLINE,
    "Take It Down (NCMEC)",
    "Take It Down (NCMEC)",
    "An anonymous tool run by the National Center for Missing and Exploited Children "
    "(NCMEC), a child protection organisation based in the United States. It is for young "
    "people who "
    "think a nude or semi-nude "
    "of them has been, or might be, shared online. It works even when they are not sure it "
    "has been shared.\n\n"
    "The young person chooses the image on their own device and the tool makes a digital "
    "fingerprint (a 'hash') of it. Platforms that have signed up, such as Snapchat, TikTok "
    "and Instagram, use these fingerprints to find exact copies on their public, unencrypted "
    "services. The Take It Down website lists the platforms taking part.",
    "Adnodd dienw a gynhelir gan y National Center for Missing and Exploited Children "
    "(NCMEC), sefydliad amddiffyn plant yn yr Unol Daleithiau. Mae ar gyfer pobl ifanc sy'n "
    "meddwl bod delwedd noeth neu hanner noeth "
    "ohonynt wedi'i rhannu ar-lein, neu y gallai gael ei rhannu. Mae'n gweithio hyd yn oed "
    "pan nad ydynt yn siŵr a yw wedi'i rhannu.\n\n"
    "Mae'r person ifanc yn dewis y ddelwedd ar ei ddyfais ei hun ac mae'r adnodd yn creu ôl "
    "bys digidol ('hash') ohoni. Mae platfformau sydd wedi ymuno, fel Snapchat, TikTok ac "
    "Instagram, yn defnyddio'r olion bysedd hyn i ddod o hyd i union gopïau ar eu "
    "gwasanaethau cyhoeddus sydd heb eu hamgryptio. Mae gwefan Take It Down yn rhestru'r "
    "platfformau sy'n cymryd rhan.",
    (),
    ("R-183", "R-146"),
)

HWB: Final = Entry(
    "hwb_keeping_safe_online",
    S_RESOURCES,
    "Hwb: Keeping safe online",
    "Hwb: Cadw'n ddiogel ar-lein",
    "The 'Keeping safe online' area of Hwb has bilingual information on online safety for "
    "children and young people, practitioners, parents, carers and governors. It includes "
    "resources on sharing nudes and semi-nudes written for parents and carers: the risks, the "
    "consequences, and practical ways to support their child. Some older resources call it "
    "'sexting'.",
    "Mae gan ardal 'Cadw'n ddiogel ar-lein' Hwb wybodaeth ddwyieithog am ddiogelwch ar-lein i "
    "blant a phobl ifanc, ymarferwyr, rhieni, gofalwyr a llywodraethwyr. Mae'n cynnwys "
    "adnoddau ar rannu delweddau noeth a hanner noeth i rieni a gofalwyr: y risgiau, y "
    "canlyniadau, a ffyrdd ymarferol o gefnogi eu plentyn. Mae rhai adnoddau hŷn yn ei alw'n "
    "'secstio'.",
    (),
    ("R-193", "R-209"),
)

PARENTZONE: Final = Entry(
    "parentzone",
    S_RESOURCES,
    "Parentzone",
    "Parentzone",
    "Advice for parents and carers from expert organisations on subjects such as sex and "
    "relationships, mental health and online safety, including sharing nudes and semi-nudes. "
    "A setting can show Parentzone's content on its own website free of charge, through a "
    "newsfeed.",
    "Cyngor i rieni a gofalwyr gan sefydliadau arbenigol ar bynciau fel rhyw a pherthnasoedd, "
    "iechyd meddwl a diogelwch ar-lein, gan gynnwys rhannu delweddau noeth a hanner noeth. "
    "Gall lleoliad addysg ddangos cynnwys Parentzone ar ei wefan ei hun am ddim, drwy ffrwd "
    "newyddion.",
    (),
    ("R-193",),
)

TRUSTED_PARTNERS: Final = Entry(
    "trusted_partners",
    S_AVAILABLE,
    "Trusted partners and organisations",
    "Partneriaid a sefydliadau dibynadwy",
    "Hwb's trusted partners page points to organisations with expertise in this area when "
    "you need more guidance, resources or specialist help: among them Barnardo's, Childline, "
    "the NSPCC, SchoolBeat Cymru, NCA-CEOP (including its education programme) and the Lucy "
    "Faithfull Foundation Wales.",
    "Mae tudalen partneriaid dibynadwy Hwb yn cyfeirio at sefydliadau sydd ag arbenigedd yn y "
    "maes hwn pan fydd angen rhagor o arweiniad, adnoddau neu gymorth arbenigol arnoch: yn "
    "eu plith Barnardo's, Childline, yr NSPCC, SchoolBeat Cymru, NCA-CEOP (gan gynnwys ei "
    "raglen addysg) a Sefydliad Lucy Faithfull Cymru.",
    # Translators: review — "Sefydliad Lucy Faithfull Cymru" (the charity may keep its name).
    (),
    ("R-209",),
)

# --- advice for parents and carers, by scenario ---------------------------------------------

#: The scenario names, in the guidance's order, for ``ymateb.rules.content.PARENT_SCENARIOS``.
PARENT_SCENARIO_NAMES: Final[dict[ParentScenario, tuple[str, str]]] = {
    "all": ("Advice for every parent and carer", "Cyngor i bob rhiant a gofalwr"),
    "lost_control": (
        "Their child has lost control of their own image",
        "Mae eu plentyn wedi colli rheolaeth ar ddelwedd ohono'i hun",
    ),
    "was_sent": (
        "Their child has been sent an image",
        "Mae rhywun wedi anfon delwedd at eu plentyn",
    ),
    "created_or_shared": (
        "Their child created or shared another child's image",
        "Mae eu plentyn wedi creu neu rannu delwedd o blentyn arall",
    ),
}

_PARENT_BODIES: Final[dict[ParentScenario, tuple[str, str]]] = {
    "all": (
        "A child can be caught up in an incident by losing control of their own image, by "
        "receiving someone else's, or by passing on an image of another person. However it "
        "happened, parents and carers may not know how to react and may feel many different "
        "things at once. Give every family this advice, whatever their child's part.",
        "Gall plentyn fod yn rhan o ddigwyddiad drwy golli rheolaeth ar ddelwedd ohono'i hun, "
        "drwy dderbyn delwedd rhywun arall, neu drwy anfon delwedd o berson arall ymlaen. Sut "
        "bynnag y digwyddodd, efallai na fydd rhieni a gofalwyr yn gwybod sut i ymateb a gallant "
        "deimlo llawer o bethau gwahanol ar yr un pryd. Rhowch y cyngor hwn i bob teulu, beth "
        "bynnag oedd rhan eu plentyn.",
    ),
    "lost_control": (
        "Add this advice when an image of their child has been shared beyond the person it "
        "was meant for. Acting quickly limits how many people see it.",
        "Ychwanegwch y cyngor hwn pan fydd delwedd o'u plentyn wedi'i rhannu y tu hwnt i'r "
        "person yr oedd wedi'i bwriadu ar ei gyfer. Mae gweithredu'n gyflym yn cyfyngu ar faint "
        "o bobl sy'n ei gweld.",
    ),
    "was_sent": (
        "Add this advice when their child received an image, whether they asked for it or not.",
        "Ychwanegwch y cyngor hwn pan fydd eu plentyn wedi derbyn delwedd, p'un a ofynnodd "
        "amdani ai peidio.",
    ),
    "created_or_shared": (
        "Add this advice when their child made or passed on an image of another child. Their "
        "child is still a child first, and needs support as well as any sanction.",
        "Ychwanegwch y cyngor hwn pan fydd eu plentyn wedi creu neu anfon ymlaen ddelwedd o "
        "blentyn arall. Plentyn yw eu plentyn yn gyntaf o hyd, ac mae angen cymorth arno yn "
        "ogystal ag unrhyw gosb.",
    ),
}

_PARENT_REQUIREMENTS: Final[dict[ParentScenario, tuple[str, ...]]] = {
    "all": ("R-185", "R-186", "R-187", "R-188"),
    "lost_control": ("R-189",),
    "was_sent": ("R-190",),
    "created_or_shared": ("R-191", "R-192", "R-016"),
}


def _parent_entry(scenario: ParentScenario) -> Entry:
    title_en, title_cy = PARENT_SCENARIO_NAMES[scenario]
    body_en, body_cy = _PARENT_BODIES[scenario]
    return Entry(
        f"parents_{scenario}",
        S_PARENTS,
        title_en,
        title_cy,
        body_en,
        body_cy,
        requirements=_PARENT_REQUIREMENTS[scenario],
        points=tuple(parent_advice(scenario)),
    )


INFORMING_PARENTS: Final = Entry(
    "informing_parents",
    S_INFORMING_PARENTS,
    "Telling parents and carers",
    "Rhoi gwybod i rieni a gofalwyr",
    "Tell parents or carers early and involve them, unless doing so would put their child at "
    "risk of harm. If telling them might cause the child distress or harm, refer the matter "
    "to social services instead.\n\n"
    "The DSP can agree with the child how their parents or carers will be told, and can help "
    "the child to tell them.",
    "Rhowch wybod i rieni neu ofalwyr yn gynnar a'u cynnwys, oni bai y byddai hynny'n rhoi eu "
    "plentyn mewn perygl o niwed. Os gallai rhoi gwybod iddynt achosi gofid neu niwed i'r "
    "plentyn, atgyfeiriwch y mater at y gwasanaethau cymdeithasol yn lle hynny.\n\n"
    "Gall y person diogelu dynodedig (DSP) gytuno gyda'r plentyn sut y bydd ei rieni neu ei "
    "ofalwyr yn cael gwybod, a gall helpu'r plentyn i ddweud wrthynt ei hun.",
    (),
    ("R-152", "R-153", "R-154"),
)

# --- talking with children and young people -------------------------------------------------

#: Names for ``ymateb.rules.content.SUPPORT_GROUPS``.
SUPPORT_GROUP_NAMES: Final[dict[SupportGroup, tuple[str, str]]] = {
    "everyone": ("Every child involved", "Pob plentyn sy'n rhan o'r digwyddiad"),
    "image_shared": (
        "A child whose own image was shared",
        "Plentyn y rhannwyd delwedd ohono",
    ),
    "sent_image": ("A child who was sent an image", "Plentyn yr anfonwyd delwedd ato"),
    "shared_another": (
        "A child who shared another child's image",
        "Plentyn a rannodd ddelwedd o blentyn arall",
    ),
    "created_another": (
        "A child who created and shared an image of another child",
        "Plentyn a greodd ac a rannodd ddelwedd o blentyn arall",
    ),
}

_SUPPORT_BODIES: Final[dict[SupportGroup, tuple[str, str]]] = {
    "everyone": (
        "Being part of any investigation or conversation about an incident is worrying for a "
        "child. These points help to ease that worry, whatever their part in it.",
        "Mae bod yn rhan o unrhyw ymchwiliad neu sgwrs am ddigwyddiad yn peri pryder i blentyn. "
        "Mae'r pwyntiau hyn yn helpu i leddfu'r pryder hwnnw, beth bynnag oedd ei ran.",
    ),
    "image_shared": (
        "For a child whose nude or semi-nude has been passed on or posted publicly.",
        "I blentyn y mae delwedd noeth neu hanner noeth ohono wedi'i hanfon ymlaen neu ei "
        "phostio'n gyhoeddus.",
    ),
    "sent_image": (
        "For a child who received a nude or semi-nude, asked for or not.",
        "I blentyn a dderbyniodd ddelwedd noeth neu hanner noeth, p'un a ofynnodd amdani ai "
        "peidio.",
    ),
    "shared_another": (
        "For a child who passed on a nude or semi-nude of another child.",
        "I blentyn a anfonodd ddelwedd noeth neu hanner noeth o blentyn arall ymlaen.",
    ),
    "created_another": (
        "For a child who made a nude or semi-nude of another child, including with editing "
        "apps or AI, and shared it.",
        "I blentyn a greodd ddelwedd noeth neu hanner noeth o blentyn arall, gan gynnwys gydag "
        "apiau golygu neu AI, ac a'i rhannodd.",
    ),
}

_SUPPORT_REQUIREMENTS: Final[dict[SupportGroup, tuple[str, ...]]] = {
    "everyone": ("R-139", "R-140", "R-141", "R-143", "R-144"),
    "image_shared": ("R-145", "R-142"),
    "sent_image": ("R-147", "R-148"),
    "shared_another": ("R-149", "R-150"),
    "created_another": ("R-151", "R-150"),
}


def _support_entry(group: SupportGroup) -> Entry:
    title_en, title_cy = SUPPORT_GROUP_NAMES[group]
    body_en, body_cy = _SUPPORT_BODIES[group]
    points = tuple(support_points_for_group(group))
    if group == "image_shared":
        points += (AI_REASSURANCE,)
    return Entry(
        f"support_{group}",
        S_SUPPORT,
        title_en,
        title_cy,
        body_en,
        body_cy,
        requirements=_SUPPORT_REQUIREMENTS[group],
        points=points,
    )


QUESTION_PROMPTS_ENTRY: Final = Entry(
    "question_prompts",
    S_SUPPORT,
    "Ask without blaming",
    "Gofyn heb feio",
    "A question such as 'why have you done this?' puts the blame on the child and can stop "
    "them telling you anything more. Stay focused on what can be done now: invite them to "
    "describe what happened and who was involved, and write down what they say in their own "
    "words.",
    "Mae cwestiwn fel 'pam wyt ti wedi gwneud hyn?' yn rhoi'r bai ar y plentyn a gall ei atal "
    "rhag dweud rhagor wrthych. Canolbwyntiwch ar beth y gellir ei wneud nawr: gwahoddwch nhw "
    "i ddisgrifio beth ddigwyddodd a phwy oedd yn rhan ohono, ac ysgrifennwch yr hyn y maent "
    "yn ei ddweud yn eu geiriau eu hunain.",
    (),
    ("R-141", "R-036", "R-169"),
    points=QUESTION_PROMPTS,
)

THE_CONVERSATION: Final = Entry(
    "the_conversation",
    S_SUPPORT,
    "What the conversation is for",
    "Diben y sgwrs",
    "Once you know the child is not at immediate risk, talk with them about what to do next. "
    "The DSP should hold the conversation where possible, but if the child would feel easier "
    "with another member of staff, arrange that if you can. Let the child feel they have some "
    "control over what happens.\n\n"
    "Together, find out, without looking at it, what the image shows and who else is "
    "involved; whether it stayed between two people or went further (they may not know); and "
    "what action and support are needed, including stopping it spreading. Take their views "
    "into account.",
    "Unwaith y gwyddoch nad yw'r plentyn mewn perygl uniongyrchol, siaradwch ag ef am beth i'w "
    "wneud nesaf. Dylai'r person diogelu dynodedig (DSP) gynnal y sgwrs lle bo modd, ond os "
    "byddai'r plentyn yn teimlo'n fwy cyfforddus gydag aelod arall o staff, trefnwch hynny os "
    "gallwch. Gadewch i'r plentyn deimlo bod ganddo rywfaint o reolaeth dros yr hyn sy'n "
    "digwydd.\n\n"
    "Gyda'ch gilydd, canfyddwch, heb edrych arni, beth mae'r ddelwedd yn ei ddangos a phwy "
    "arall sy'n rhan o'r peth; a arhosodd rhwng dau berson neu a aeth ymhellach (efallai na "
    "fydd yn gwybod); a pha gamau a chymorth sydd eu hangen, gan gynnwys ei hatal rhag "
    "lledaenu. Ystyriwch ei farn.",
    (),
    ("R-134", "R-135", "R-136", "R-137", "R-138"),
)

VICTIM_BLAMING: Final = Entry(
    "victim_blaming",
    S_MOTIVATIONS,
    "Watch out for victim blaming",
    "Byddwch yn effro i feio'r dioddefwr",
    "Victim blaming is still common when a child's own image spreads. Often one person sends "
    "an image to one other, that person passes it on, and then the child pictured is abused by "
    "others. Keep the responsibility with those who passed it on, and check whether the child "
    "pictured is now being targeted by others.",
    "Mae beio'r dioddefwr yn dal yn gyffredin pan fydd delwedd o blentyn yn lledaenu. Yn aml "
    "mae un person yn anfon delwedd at un arall, mae'r person hwnnw'n ei hanfon ymlaen, ac "
    "yna mae eraill yn cam-drin y plentyn sydd yn y llun. Cadwch y cyfrifoldeb gyda'r rhai a'i "
    "hanfonodd ymlaen, a gwiriwch a yw eraill bellach yn targedu'r plentyn sydd yn y llun.",
    (),
    ("R-036",),
)

# --- the law in plain words -----------------------------------------------------------------

LAW_BASICS: Final = Entry(
    "law_basics",
    S_LAW,
    "What the law says",
    "Beth mae'r gyfraith yn ei ddweud",
    "It is against the law to make, have, share or show an indecent image of anyone under "
    "18, and that includes images that children and young people take of themselves. The "
    "offences are in the Protection of Children Act 1978, as amended by the Sexual Offences "
    "Act 2003, which also sets 18 as the age of a child for these offences.\n\n"
    "The law does not define 'indecent': if a case goes to court, the court decides. An image "
    "does not have to show nudity to be indecent, but it is likely to be if it shows sexual "
    "posing (including in underwear), sexual touching, any sexual activity involving a child, "
    "someone hurting another person sexually, or sexual activity with animals.",
    "Mae'n anghyfreithlon gwneud, bod â, rhannu neu ddangos delwedd anweddus o unrhyw un dan "
    "18 oed, ac mae hynny'n cynnwys delweddau y mae plant a phobl ifanc yn eu tynnu ohonynt "
    "eu hunain. Mae'r troseddau yn Neddf Amddiffyn Plant 1978, fel y'i diwygiwyd gan Ddeddf "
    "Troseddau Rhywiol 2003, sydd hefyd yn pennu mai 18 yw oedran plentyn at ddibenion y "
    "troseddau hyn.\n\n"
    "Nid yw'r gyfraith yn diffinio 'anweddus': os aiff achos i'r llys, y llys sy'n penderfynu. "
    "Nid oes rhaid i ddelwedd ddangos noethni i fod yn anweddus, ond mae'n debygol o fod felly "
    "os yw'n dangos ystumio rhywiol (gan gynnwys mewn dillad isaf), cyffwrdd rhywiol, unrhyw "
    "weithgarwch rhywiol sy'n cynnwys plentyn, rhywun yn niweidio person arall yn rhywiol, "
    "neu weithgarwch rhywiol gydag anifeiliaid.",
    (),
    ("R-009", "R-010"),
)

LAW_MADE_IMAGES: Final = Entry(
    "law_made_images",
    S_LAW,
    "Edited, faked and AI-made images",
    "Delweddau wedi'u golygu, eu ffugio neu eu creu gan AI",
    "A computer-made image that looks like a photo or a video counts as an indecent image "
    "too. That covers pictures made with photo or video editing apps, deepfake tools that put "
    "one image onto another, and AI tools that turn words into pictures. An incident with "
    "such an image is handled in exactly the same way as any other.",
    "Mae delwedd a grëwyd gan gyfrifiadur sy'n edrych fel llun neu fideo yn cyfrif fel "
    "delwedd anweddus hefyd. Mae hynny'n cynnwys lluniau a wnaed gydag apiau golygu lluniau "
    "neu fideos, adnoddau ffug-ddwfn (deepfake) sy'n gosod un ddelwedd ar un arall, ac "
    "adnoddau AI sy'n troi geiriau'n lluniau. Caiff digwyddiad â delwedd o'r fath ei drin yn "
    "union yr un ffordd ag unrhyw ddigwyddiad arall.",
    (),
    ("R-011",),
)

LAW_PURPOSE: Final = Entry(
    "law_purpose",
    S_CRIMINALISATION,
    "The law is there to protect children",
    "Mae'r gyfraith yno i amddiffyn plant",
    "These laws were written long before smartphones and social media, to protect children "
    "from adults who would abuse them. They were never meant to criminalise children. A child "
    "who takes, keeps or shares nudes of themselves or of other children is breaking the law, "
    "but children should not be criminalised when it can be avoided: a criminal record can "
    "follow a child into adult life and hold them back in education, work, travel and "
    "housing.\n\n"
    "Sharing an image is often part of a child's natural curiosity about sex and "
    "relationships. What children most often need is education and support, for example on "
    "healthy relationships and consent. Explain the law to them calmly, as protection, never "
    "as a threat.",
    "Ysgrifennwyd y deddfau hyn ymhell cyn ffonau clyfar a'r cyfryngau cymdeithasol, i "
    "amddiffyn plant rhag oedolion a fyddai'n eu cam-drin. Ni fwriadwyd iddynt erioed "
    "droseddoli plant. Mae plentyn sy'n tynnu, yn cadw neu'n rhannu delweddau noeth ohono'i "
    "hun neu o blant eraill yn torri'r gyfraith, ond ni ddylid troseddoli plant pan ellir "
    "osgoi hynny: gall cofnod troseddol ddilyn plentyn i'w fywyd fel oedolyn a'i ddal yn ôl o "
    "ran addysg, gwaith, teithio a thai.\n\n"
    "Mae rhannu delwedd yn aml yn rhan o chwilfrydedd naturiol plentyn am ryw a pherthnasoedd. "
    "Yr hyn sydd ei angen ar blant amlaf yw addysg a chymorth, er enghraifft am berthnasoedd "
    "iach a chydsyniad. Esboniwch y gyfraith iddynt yn bwyllog, fel amddiffyniad, nid byth "
    "fel bygythiad.",
    (),
    ("R-009", "R-017", "R-019", "R-143"),
)

LAW_NON_CONSENSUAL: Final = Entry(
    "law_non_consensual",
    S_NON_CONSENSUAL,
    "Sharing private sexual images to cause distress",
    "Rhannu delweddau rhywiol preifat i achosi gofid",
    "Sharing someone's private sexual photos or videos without their consent, meaning to "
    "upset them, is a separate offence under section 33 of the Criminal Justice and Courts Act "
    "2015. It is mostly used where adults are involved, but young people have been prosecuted "
    "under it in youth courts.",
    "Mae rhannu lluniau neu fideos rhywiol preifat rhywun heb eu cydsyniad, gyda'r bwriad o'u "
    "gofidio, yn drosedd ar wahân o dan adran 33 o Ddeddf Cyfiawnder Troseddol a Llysoedd "
    "2015. Fe'i defnyddir gan amlaf pan fydd oedolion dan sylw, ond mae pobl ifanc wedi'u "
    "herlyn o dan y ddeddf hon mewn llysoedd ieuenctid.",
    (),
    ("R-012",),
)

LAW_CONTROL: Final = Entry(
    "law_control",
    S_CONTROL,
    "When images are used to control someone",
    "Pan ddefnyddir delweddau i reoli rhywun",
    "Nudes can be used to control a partner, or to manipulate someone after a break-up. The "
    "Welsh Government treats controlling, coercive or threatening behaviour, violence or "
    "abuse between people aged 16 or over who are, or were, partners or family members as "
    "domestic abuse, whatever their gender or sexuality.\n\n"
    "Any child under 18 can be pressured or blackmailed into sending an image, including by a "
    "partner. Follow the Wales Safeguarding Procedures. The Live Fear Free Helpline is open "
    "24 hours on 0808 8010 800.",
    "Gellir defnyddio delweddau noeth i reoli partner, neu i drin rhywun ar ôl i berthynas "
    "ddod i ben. Mae Llywodraeth Cymru yn ystyried ymddygiad rheolaethol, gorfodol neu "
    "fygythiol, trais neu gam-drin rhwng pobl 16 oed neu hŷn sydd, neu a fu, yn bartneriaid "
    "neu'n aelodau o'r un teulu yn gam-drin domestig, beth bynnag fo'u rhywedd neu eu "
    "rhywioldeb.\n\n"
    "Gall unrhyw blentyn dan 18 oed gael ei roi dan bwysau neu ei flacmelio i anfon delwedd, "
    "gan gynnwys gan bartner. Dilynwch Weithdrefnau Diogelu Cymru. Mae Llinell Gymorth Byw "
    "Heb Ofn ar agor 24 awr ar 0808 8010 800.",
    (
        Link(
            "Call Live Fear Free on 0808 8010 800",
            "Ffoniwch Byw Heb Ofn ar 0808 8010 800",
            _tel("0808 8010 800"),
        ),
    ),
    ("R-014", "R-013"),
)

POLICE_RESPONSE: Final = Entry(
    "police_response",
    S_POLICE_RESPONSE,
    "If the police are involved",
    "Os yw'r heddlu'n rhan o'r peth",
    "Police chiefs have said these incidents are first of all a safeguarding matter. A "
    "setting can respond to some incidents without the police. Where there are abusive or "
    "aggravating factors, the incident must go to the police through the MASH or equivalent. "
    "Even then, a criminal justice response or formal sanction against a child is only "
    "considered in exceptional cases. Explain this to children and families: involving the "
    "police is a way of keeping children safe.",
    "Mae penaethiaid yr heddlu wedi dweud mai mater diogelu yw'r digwyddiadau hyn yn gyntaf "
    "oll. Gall lleoliad addysg ymateb i rai digwyddiadau heb yr heddlu. Pan fydd ffactorau "
    "camdriniol neu waethygol, rhaid i'r digwyddiad fynd at yr heddlu drwy'r MASH neu "
    "gyfwerth. Hyd yn oed wedyn, dim ond mewn achosion eithriadol yr ystyrir ymateb "
    "cyfiawnder troseddol neu gosb ffurfiol yn erbyn plentyn. Esboniwch hyn i blant a "
    "theuluoedd: mae cynnwys yr heddlu yn ffordd o gadw plant yn ddiogel.",
    (),
    ("R-020", "R-022"),
)

CRIME_RECORDING: Final = Entry(
    "crime_recording",
    S_CRIME_RECORDING,
    "A crime record is not a criminal record",
    "Nid yw cofnod trosedd yn gofnod troseddol",
    "When an incident is reported to them, the police have to log it on their systems as a "
    "crime and list the young person as a 'suspect'. That does not mean the young person has "
    "a criminal record, and neither does a police investigation.",
    "Pan roddir gwybod i'r heddlu am ddigwyddiad, mae'n rhaid iddynt ei gofnodi ar eu "
    "systemau fel trosedd a rhestru'r person ifanc fel 'sawl a amheuir'. Nid yw hynny'n "
    "golygu bod gan y person ifanc gofnod troseddol, ac nid yw ymchwiliad gan yr heddlu'n "
    "golygu hynny chwaith.",
    # Translators: review — the police's Welsh term for 'suspect' in crime recording.
    (),
    ("R-023",),
)

OUTCOME_21: Final = Entry(
    "outcome_21",
    S_POLICE_DECISION,
    "What 'outcome 21' means",
    "Beth mae 'canlyniad 21' yn ei olygu",
    "The police investigate and decide the outcome. If they find abusive or aggravating "
    "factors, a child may get a caution or a conviction. If the incident was not abusive and "
    "there is no sign of exploitation, grooming, profit, malice (such as posting on a "
    "pornographic website) or repeated behaviour, the police can close it as 'outcome 21'.\n\n"
    "Outcome 21 means the young person did break the law, but the police decided that taking "
    "it further was not in the public interest. Only the police make this decision: the "
    "setting records what the police tell it. The police should explain the outcome, and what "
    "it means now and later, to the young person, their parents or carers and, where "
    "appropriate, the setting.",
    "Mae'r heddlu'n ymchwilio ac yn penderfynu ar y canlyniad. Os ydynt yn dod o hyd i "
    "ffactorau camdriniol neu waethygol, gall plentyn gael rhybuddiad neu euogfarn. Os nad "
    "oedd y digwyddiad yn gamdriniol a does dim arwydd o gamfanteisio, meithrin perthynas "
    "amhriodol, elw, malais (fel postio ar wefan bornograffig) nac ymddygiad sy'n cael ei "
    "ailadrodd, gall yr heddlu ei gau fel 'canlyniad 21'.\n\n"
    "Mae canlyniad 21 yn golygu bod y person ifanc wedi torri'r gyfraith, ond bod yr heddlu "
    "wedi penderfynu nad oedd mynd â'r mater ymhellach er budd y cyhoedd. Yr heddlu yn unig "
    "sy'n gwneud y penderfyniad hwn: mae'r lleoliad addysg yn cofnodi'r hyn y mae'r heddlu'n "
    "ei ddweud wrtho. Dylai'r heddlu esbonio'r canlyniad, a beth mae'n ei olygu nawr ac yn y "
    "dyfodol, i'r person ifanc, ei rieni neu ei ofalwyr a, lle bo'n briodol, y lleoliad.",
    # Translators: review — 'canlyniad 21' for the police's 'outcome 21' code.
    (),
    ("R-024", "R-025", "R-026", "R-027"),
)

RECORDS_CHECK: Final = Entry(
    "criminal_records_check",
    S_RECORDS_CHECK,
    "Criminal record checks (DBS)",
    "Gwiriadau cofnodion troseddol (DBS)",
    "An outcome 21 record can appear on a Disclosure and Barring Service (DBS) certificate, "
    "but only on an enhanced check, such as for a job working with children, and only if a "
    "chief police officer reasonably believes it is relevant and decides it should be "
    "included. Tell families this accurately: neither more nor less.",
    "Gall cofnod canlyniad 21 ymddangos ar dystysgrif y Gwasanaeth Datgelu a Gwahardd (DBS), "
    "ond dim ond ar wiriad manylach, fel ar gyfer swydd yn gweithio gyda phlant, a dim ond os "
    "yw prif swyddog yr heddlu yn credu'n rhesymol ei fod yn berthnasol ac yn penderfynu y "
    "dylid ei gynnwys. Dywedwch hyn wrth deuluoedd yn gywir: dim mwy, dim llai.",
    (),
    ("R-028",),
)

DEVICES: Final = Entry(
    "seizure_of_devices",
    S_SEIZURE,
    "If the police take a phone or other device",
    "Os yw'r heddlu'n cymryd ffôn neu ddyfais arall",
    "The police should not take devices as a matter of routine where an incident has been "
    "judged lower risk, for example consensual sharing that fits the children's ages. If they "
    "do take a device and find nudes or semi-nudes on it, it is unlikely to be returned unless "
    "the images are only of the device's owner.\n\n"
    "Images that have spread beyond the child's control may be added to the national Child "
    "Abuse Image Database (CAID), which helps technology companies stop them circulating "
    "again.",
    "Ni ddylai'r heddlu gymryd dyfeisiau fel mater o drefn pan fernir bod digwyddiad yn "
    "risg is, er enghraifft rhannu cydsyniol sy'n briodol i oedran y plant. Os ydynt yn "
    "cymryd dyfais ac yn dod o hyd i ddelweddau noeth neu hanner noeth arni, mae'n annhebygol "
    "y caiff ei dychwelyd oni bai mai delweddau o berchennog y ddyfais yn unig ydynt.\n\n"
    "Gall delweddau sydd wedi lledaenu y tu hwnt i reolaeth y plentyn gael eu hychwanegu at "
    "y Gronfa Ddata Delweddau Cam-drin Plant genedlaethol (CAID), sy'n helpu cwmnïau "
    "technoleg i'w hatal rhag cylchredeg eto.",
    # Translators: review — the Welsh name of the Child Abuse Image Database.
    (),
    ("R-029", "R-030"),
)

UNDER_13: Final = Entry(
    "under_13",
    S_AGE,
    "Children under 13",
    "Plant dan 13 oed",
    "The Sexual Offences Act 2003 gives children under 13 extra protection from sexual abuse. "
    "Take every incident involving a child under 13 seriously: it may point to a wider "
    "safeguarding concern or to problematic sexual behaviour.\n\n"
    "Younger children often act out of curiosity, a dare or naivety rather than sexual "
    "intent, and police or social services may not be needed. Use professional judgement "
    "about the particular children and what happened.",
    "Mae Deddf Troseddau Rhywiol 2003 yn rhoi amddiffyniad ychwanegol rhag cam-drin rhywiol i "
    "blant dan 13 oed. Cymerwch bob digwyddiad sy'n ymwneud â phlentyn dan 13 oed o ddifrif: "
    "gall awgrymu pryder diogelu ehangach neu ymddygiad rhywiol problemus.\n\n"
    "Mae plant iau yn aml yn gweithredu o chwilfrydedd, her neu ddiniweidrwydd yn hytrach na "
    "bwriad rhywiol, ac efallai na fydd angen yr heddlu na'r gwasanaethau cymdeithasol. "
    "Defnyddiwch eich barn broffesiynol am y plant dan sylw a'r hyn a ddigwyddodd.",
    (),
    ("R-066", "R-067"),
)

# --- words people use (glossary) ------------------------------------------------------------

WHY_THIS_TERM: Final = Entry(
    "why_sharing_nudes",
    S_DEFINING,
    "Why we say 'sharing nudes and semi-nudes', not 'sexting'",
    "Pam rydym yn dweud 'rhannu delweddau noeth a hanner noeth', nid 'secstio'",
    "The guidance replaced 'sexting' with 'sharing nudes and semi-nudes' because the new term "
    "is clearer for staff, parents, carers and children, and it covers every kind of "
    "image-sharing incident. It means under-18s making or sharing nude or semi-nude photos, "
    "videos or live streams, whether on social media, gaming platforms, chat apps or forums, "
    "or offline from one device to another (for example with AirDrop).\n\n"
    "Ymateb uses this term everywhere. In Welsh it says 'rhannu delweddau noeth a hanner "
    "noeth'. Sexual text messages with no images, and under-18s sharing adult pornography, "
    "are outside this guidance.",
    "Rhoddodd y canllawiau 'rhannu delweddau noeth a hanner noeth' yn lle 'secstio' am fod "
    "y term newydd yn gliriach i staff, rhieni, gofalwyr a phlant, ac mae'n cwmpasu pob math "
    "o ddigwyddiad rhannu delweddau. Mae'n golygu pobl dan 18 oed yn creu neu'n rhannu "
    "lluniau, fideos neu ffrydiau byw noeth neu hanner noeth, boed ar y cyfryngau "
    "cymdeithasol, platfformau gemau, apiau sgwrsio neu fforymau, neu all-lein o un ddyfais i "
    "un arall (er enghraifft gydag AirDrop).\n\n"
    "Mae Ymateb yn defnyddio'r term hwn ym mhob man. Yn Saesneg mae'n dweud 'sharing nudes "
    "and semi-nudes'. Mae negeseuon testun rhywiol heb ddelweddau, a phobl dan 18 oed yn "
    "rhannu pornograffi oedolion, y tu allan i'r canllawiau hyn.",
    (),
    ("R-005", "R-004", "R-003"),
)


def _term(code: str, section: str, title: tuple[str, str], body: tuple[str, str]) -> Entry:
    return Entry(code, section, title[0], title[1], body[0], body[1], (), ("R-008",))


GLOSSARY: Final[tuple[Entry, ...]] = (
    _term(
        "indecent_images",
        S_ALTERNATIVE,
        ("Indecent images of children", "Delweddau anweddus o blant"),
        (
            "The legal term for nude or semi-nude images and videos of anyone under 18. The "
            "police and the courts use it. It describes what this guidance covers.",
            "Y term cyfreithiol am ddelweddau a fideos noeth neu hanner noeth o unrhyw un dan "
            "18 oed. Mae'r heddlu a'r llysoedd yn ei ddefnyddio. Mae'n disgrifio'r hyn y mae'r "
            "canllawiau hyn yn ei gwmpasu.",
        ),
    ),
    _term(
        "youth_produced",
        S_ALTERNATIVE,
        (
            "Youth-produced, youth-involved or self-generated sexual imagery",
            "Delweddau rhywiol a grëwyd gan bobl ifanc, sy'n cynnwys pobl ifanc neu sydd "
            "wedi'u hunan-gynhyrchu",
        ),
        (
            "Professionals' terms for images that children and young people make of "
            "themselves. A concern described this way is an incident of sharing nudes and "
            "semi-nudes.",
            "Termau gweithwyr proffesiynol am ddelweddau y mae plant a phobl ifanc yn eu creu "
            "ohonynt eu hunain. Mae pryder a ddisgrifir fel hyn yn ddigwyddiad o rannu "
            "delweddau noeth a hanner noeth.",
        ),
    ),
    _term(
        "sexting",
        S_ALTERNATIVE,
        ("Sexting", "Secstio"),
        (
            "A word many professionals still use, but some people take it to mean writing "
            "sexual messages rather than sharing images, so Ymateb does not use it. If the "
            "concern involves an image, it belongs here; sexual messages with no images are "
            "outside this guidance.",
            "Gair y mae llawer o weithwyr proffesiynol yn dal i'w ddefnyddio, ond mae rhai "
            "pobl yn meddwl ei fod yn golygu ysgrifennu negeseuon rhywiol yn hytrach na rhannu "
            "delweddau, felly nid yw Ymateb yn ei ddefnyddio. Os yw'r pryder yn ymwneud â "
            "delwedd, mae'n perthyn yma; mae negeseuon rhywiol heb ddelweddau y tu allan i'r "
            "canllawiau hyn.",
        ),
    ),
    _term(
        "child_sexual_abuse_material",
        S_ALTERNATIVE,
        ("Child sexual abuse material", "Deunydd cam-drin plant yn rhywiol"),
        (
            "Sometimes used when nudes or semi-nudes have been shared without consent. Treat a "
            "concern described this way as sharing nudes and semi-nudes.",
            "Fe'i defnyddir weithiau pan fydd delweddau noeth neu hanner noeth wedi'u rhannu "
            "heb gydsyniad. Triniwch bryder a ddisgrifir fel hyn fel rhannu delweddau noeth a "
            "hanner noeth.",
        ),
    ),
    _term(
        "nudes_and_dick_pics",
        S_ALTERNATIVE,
        ("'Nudes', 'dick pics'", "'Nudes', 'dick pics'"),
        (
            "Words children and young people often use. A child who talks about 'nudes' or a "
            "'dick pic' is describing what this guidance covers.",
            "Geiriau y mae plant a phobl ifanc yn aml yn eu defnyddio (yn Saesneg yn aml, hyd "
            "yn oed mewn sgwrs Gymraeg). Mae plentyn sy'n sôn am 'nudes' neu 'dick pic' yn "
            "disgrifio'r hyn y mae'r canllawiau hyn yn ei gwmpasu.",
        ),
    ),
    _term(
        "revenge_porn_upskirting",
        S_ALTERNATIVE,
        ("'Revenge porn', 'upskirting'", "'Pornograffi dial', 'upskirting'"),
        (
            "Names for particular kinds of incident, used mostly about offences between "
            "adults. When the person pictured is under 18, it is still an incident of sharing "
            "nudes and semi-nudes.",
            "Enwau ar fathau penodol o ddigwyddiad, a ddefnyddir yn bennaf am droseddau rhwng "
            "oedolion. Pan fydd y person yn y llun dan 18 oed, mae'n dal yn ddigwyddiad o "
            "rannu delweddau noeth a hanner noeth.",
        ),
    ),
    _term(
        "deep_fakes",
        S_ALTERNATIVE,
        ("'Deep fakes', 'deep nudes'", "'Ffug-ddwfn' (deep fakes), 'deep nudes'"),
        (
            "Nude or semi-nude images made or changed digitally or with AI. In law they count "
            "as indecent images, and the incident is handled like any other.",
            "Delweddau noeth neu hanner noeth a grëwyd neu a newidiwyd yn ddigidol neu gydag "
            "AI. Yn ôl y gyfraith maent yn cyfrif fel delweddau anweddus, a chaiff y digwyddiad "
            "ei drin fel unrhyw un arall.",
        ),
    ),
    Entry(
        "sextortion",
        S_SEXTORTION,
        "'Sextortion'",
        "'Secsdortio' (sextortion)",
        "Blackmail for money, or for more images, once a child has shared an image or been "
        "sent a faked one of themselves. It is usually done by organised crime groups abroad, "
        "often posing as a young person or using a hacked account of one. Any incident "
        "involving an adult needs an immediate referral to the police or social services "
        "through the MASH or equivalent.",
        "Blacmel am arian, neu am ragor o ddelweddau, ar ôl i blentyn rannu delwedd neu gael "
        "delwedd ffug ohono'i hun. Fel arfer caiff ei wneud gan grwpiau troseddu cyfundrefnol "
        "dramor, sy'n aml yn esgus bod yn berson ifanc neu'n defnyddio cyfrif person ifanc sydd "
        "wedi'i hacio. Mae angen atgyfeirio unrhyw ddigwyddiad sy'n cynnwys oedolyn at yr "
        "heddlu neu'r gwasanaethau cymdeithasol ar unwaith drwy'r MASH neu gyfwerth.",
        # Translators: review — 'secsdortio' is not established; 'sextortion' may read better.
        (),
        ("R-008", "R-059", "R-060"),
    ),
    Entry(
        "words_for_children",
        S_CRIMINALISATION,
        "Words for the children involved",
        "Geiriau am y plant dan sylw",
        "Ymateb describes each child by their part in what happened: the child pictured, or "
        "the one who sent, received or shared an image. It never calls a child an 'offender', "
        "'perpetrator' or 'suspect'. The police's words appear only when quoting a police "
        "record.",
        "Mae Ymateb yn disgrifio pob plentyn yn ôl ei ran yn yr hyn a ddigwyddodd: y plentyn "
        "sydd yn y llun, neu'r un a anfonodd, a dderbyniodd neu a rannodd ddelwedd. Nid yw byth "
        "yn galw plentyn yn 'droseddwr' nac yn 'sawl a amheuir'. Dim ond wrth ddyfynnu cofnod yr "
        "heddlu y mae geiriau'r heddlu'n ymddangos.",
        (),
        ("R-017",),
    ),
)

# --- if you have seen an image, and staff welfare -------------------------------------------

DO_NOT_VIEW: Final = Entry(
    "do_not_view",
    S_VIEWING,
    "Do not look at the image",
    "Peidiwch ag edrych ar y ddelwedd",
    "Adults should not look at nudes or semi-nudes. Respond on the basis of what you have been "
    "told the image shows. Do not copy, print or save it, and do not take it from the child.",
    "Ni ddylai oedolion edrych ar ddelweddau noeth neu hanner noeth. Ymatebwch ar sail yr hyn "
    "y dywedwyd wrthych y mae'r ddelwedd yn ei ddangos. Peidiwch â'i chopïo, ei hargraffu na'i "
    "chadw, a pheidiwch â'i chymryd gan y plentyn.",
    (),
    ("R-160", "R-161"),
)

NEVER_FORWARD: Final = Entry(
    "never_forward",
    S_REPORT_POLICE,
    "Never ask for it, never send it on",
    "Peidiwch byth â gofyn amdani na'i hanfon ymlaen",
    "Never ask a child or anyone else to send you an image or video. Never send one on "
    "yourself by phone, email or any other technology: not even to the police.",
    "Peidiwch byth â gofyn i blentyn nac unrhyw un arall anfon delwedd neu fideo atoch. "
    "Peidiwch byth ag anfon un ymlaen eich hun dros y ffôn, drwy e-bost nac unrhyw dechnoleg "
    "arall: dim hyd yn oed at yr heddlu.",
    (),
    ("R-114", "R-115"),
)

DO_NOT_DELETE: Final = Entry(
    "do_not_delete",
    S_REPORT_POLICE,
    "If the police may need a device, delete nothing",
    "Os gallai fod angen dyfais ar yr heddlu, peidiwch â dileu dim",
    "If images, chats or browsing history might be on a child's device and a police report "
    "may be needed, do not delete anything on it. Keep the device in the state you found it, "
    "and find out its PIN or passcode if you can, so the police can examine it.",
    "Os gallai delweddau, sgyrsiau neu hanes pori fod ar ddyfais plentyn ac y gallai fod "
    "angen rhoi gwybod i'r heddlu, peidiwch â dileu dim arni. Cadwch y ddyfais yn y cyflwr y "
    "daethoch o hyd iddi, a chanfyddwch ei PIN neu ei chod mynediad os gallwch, fel y gall yr "
    "heddlu ei harchwilio.",
    (),
    ("R-116", "R-117", "R-118"),
)

TELL_THE_DSP: Final = Entry(
    "tell_the_dsp",
    S_INITIAL_RESPONSE,
    "Tell the DSP straight away",
    "Dywedwch wrth y DSP ar unwaith",
    "Pass every incident to the designated safeguarding person (DSP) as soon as you can, "
    "in line with your setting's child protection and safeguarding policy and the Wales "
    "Safeguarding Procedures. In Ymateb, use 'Report a concern'. If a child is at risk of "
    "harm, a referral to social services or the police can be made at any point; where there "
    "is a threat to life, call 999.",
    "Trosglwyddwch bob digwyddiad i'r person diogelu dynodedig (DSP) cyn gynted ag y gallwch, "
    "yn unol â pholisi amddiffyn plant a diogelu eich lleoliad addysg a Gweithdrefnau Diogelu "
    "Cymru. Yn Ymateb, defnyddiwch 'Rhoi gwybod am bryder'. Os yw plentyn mewn perygl o "
    "niwed, gellir atgyfeirio at y gwasanaethau cymdeithasol neu'r heddlu ar unrhyw adeg; os "
    "oes bygythiad i fywyd, ffoniwch 999.",
    # Translators: review — must match the Welsh of the 'Report a concern' button.
    (Link("Call 999", "Ffoniwch 999", "tel:999"),),
    ("R-077", "R-078", "R-082", "R-113"),
)

DISCLOSURE: Final = Entry(
    "disclosure",
    S_DISCLOSURE,
    "If a child tells you",
    "Os yw plentyn yn dweud wrthych",
    "Take what the child tells you very seriously. They are likely to feel embarrassed and "
    "worried about what will happen, and telling you may be a last resort after trying to "
    "sort it out alone. Listen, do not ask to see the image, and write down what they said "
    "in their own words.",
    "Cymerwch yr hyn y mae'r plentyn yn ei ddweud wrthych o ddifrif. Mae'n debygol o deimlo'n "
    "chwithig ac yn poeni am yr hyn a fydd yn digwydd, a gall dweud wrthych fod yn ddewis olaf "
    "ar ôl ceisio datrys y peth ar ei ben ei hun. Gwrandewch, peidiwch â gofyn am weld y "
    "ddelwedd, ac ysgrifennwch yr hyn a ddywedodd yn ei eiriau ei hun.",
    (),
    ("R-087", "R-169"),
)

STAFF_WELFARE: Final = Entry(
    "staff_welfare",
    S_VIEWING,
    "If you saw an image: support for you",
    "Os gwelsoch ddelwedd: cymorth i chi",
    "Sometimes a member of staff cannot avoid seeing an image: a child shows it while telling "
    "them what happened, or it turns up during their work, such as monitoring IT systems. "
    "Seeing it can be upsetting, for adults as much as for children.\n\n"
    "Tell the DSP that you saw it. The DSP should make sure you get the right support, "
    "including emotional support if you need it. When you report the concern in Ymateb, tick "
    "'I unavoidably saw an image' so that the DSP can follow this up.",
    "Weithiau ni all aelod o staff osgoi gweld delwedd: mae plentyn yn ei dangos wrth ddweud "
    "beth ddigwyddodd, neu mae'n ymddangos yn ystod ei waith, fel monitro systemau TG. Gall "
    "ei gweld beri gofid, i oedolion yn ogystal ag i blant.\n\n"
    "Dywedwch wrth y DSP eich bod wedi'i gweld. Dylai'r DSP sicrhau eich bod yn cael y "
    "cymorth cywir, gan gynnwys cymorth emosiynol os oes ei angen arnoch. Pan fyddwch yn rhoi "
    "gwybod am y pryder yn Ymateb, ticiwch 'Gwelais ddelwedd yn anochel' fel y gall y DSP "
    "weithredu ar hyn.",
    # Translators: review — must match the Welsh of the concern form's checkbox label.
    (),
    ("R-162", "R-163"),
)

# --- tools for assessing behaviour ----------------------------------------------------------

CONTINUUM: Final = Entry(
    "hacketts_continuum",
    S_NORMAL_ABNORMAL,
    "Hackett's continuum",
    "Continwwm Hackett",
    "Children's sexual behaviour sits on a wide scale running from normal, through "
    "inappropriate, problematic and abusive, to violent, and a child can move between these. "
    "One problematic or abusive incident does not necessarily show how a child behaves "
    "overall: respond in proportion to what happened.",
    "Mae ymddygiad rhywiol plant ar raddfa eang sy'n mynd o normal, drwy amhriodol, problemus "
    "a chamdriniol, i dreisgar, a gall plentyn symud rhwng y rhain. Nid yw un digwyddiad "
    "problemus neu gamdriniol o reidrwydd yn dangos sut mae plentyn yn ymddwyn yn gyffredinol: "
    "ymatebwch yn gymesur â'r hyn a ddigwyddodd.",
    (),
    ("R-069",),
)

NORMALISED: Final = Entry(
    "normalised_harm",
    S_NORMAL_ABNORMAL,
    "When harm has come to seem normal",
    "Pan fydd niwed wedi dechrau ymddangos yn normal",
    "Behaviour that does not look sexually motivated may still come from risky or harmful "
    "behaviour, or abuse, that has come to seem normal to the child. The NSPCC's harmful "
    "sexual behaviour framework helps to think this through.",
    "Gall ymddygiad nad yw'n ymddangos yn rhywiol ei gymhelliad ddod o hyd o ymddygiad "
    "peryglus neu niweidiol, neu gam-drin, sydd wedi dechrau ymddangos yn normal i'r plentyn. "
    "Mae fframwaith ymddygiad rhywiol niweidiol yr NSPCC yn helpu i feddwl am hyn.",
    (),
    ("R-068",),
)

TOOLS: Final[tuple[Entry, ...]] = (
    Entry(
        "all_wales_online_abuse",
        S_NORMAL_ABNORMAL,
        "All Wales Practice Guide on online abuse",
        "Canllaw Ymarfer Cymru Gyfan ar gam-drin ar-lein",
        "Practice guidance for everyone working with children in Wales on keeping children "
        "safe from abuse online. It builds on Hackett's continuum and links to practice tools.",
        "Canllawiau ymarfer i bawb sy'n gweithio gyda phlant yng Nghymru ar gadw plant yn "
        "ddiogel rhag cam-drin ar-lein. Mae'n seiliedig ar gontinwwm Hackett ac yn cysylltu ag "
        "adnoddau ymarfer.",
        (),
        ("R-076",),
    ),
    Entry(
        "all_wales_harmful_sexual_behaviour",
        S_NORMAL_ABNORMAL,
        "All Wales Practice Guide on harmful sexual behaviour",
        "Canllaw Ymarfer Cymru Gyfan ar ymddygiad rhywiol niweidiol",
        "For when there are concerns about a child's harmful sexual behaviour. It also builds "
        "on Hackett's continuum and links to practice tools.",
        "Ar gyfer pan fydd pryderon am ymddygiad rhywiol niweidiol plentyn. Mae hefyd yn "
        "seiliedig ar gontinwwm Hackett ac yn cysylltu ag adnoddau ymarfer.",
        (),
        ("R-076",),
    ),
    Entry(
        "brook_traffic_light",
        S_NORMAL_ABNORMAL,
        "Brook's Sexual Behaviours Traffic Light Tool",
        "Adnodd Goleuadau Traffig Ymddygiadau Rhywiol Brook",
        "Helps you judge whether a child's sexual behaviour is a cause for concern for their "
        "age and development. Even when the behaviour fits their age, ask whether taking or "
        "sharing the image raises any other concern.",
        "Mae'n eich helpu i farnu a yw ymddygiad rhywiol plentyn yn achos pryder o ystyried ei "
        "oedran a'i ddatblygiad. Hyd yn oed pan fydd yr ymddygiad yn briodol i'w oedran, "
        "gofynnwch a yw tynnu neu rannu'r ddelwedd yn codi unrhyw bryder arall.",
        # Translators: review — Brook's tool may have no official Welsh name.
        (),
        ("R-075", "R-076"),
    ),
    Entry(
        "stop_it_now_resources",
        S_NORMAL_ABNORMAL,
        "Stop it Now! resources (Lucy Faithfull Foundation)",
        "Adnoddau Stop it Now! (Sefydliad Lucy Faithfull)",
        "Resources for adults worried about a child's sexual behaviour. The Stop it Now! "
        "helpline is on 0808 1000 900.",
        "Adnoddau i oedolion sy'n poeni am ymddygiad rhywiol plentyn. Mae llinell gymorth Stop "
        "it Now! ar 0808 1000 900.",
        (
            Link(
                "Call Stop it Now! on 0808 1000 900",
                "Ffoniwch Stop it Now! ar 0808 1000 900",
                _tel("0808 1000 900"),
            ),
        ),
        ("R-076", "R-200"),
    ),
    Entry(
        "peer_sexual_abuse_guidance",
        S_NORMAL_ABNORMAL,
        "Guidance on peer sexual abuse and harmful sexual behaviour",
        "Canllawiau ar gam-drin rhywiol gan gyfoedion ac ymddygiad rhywiol niweidiol",
        "Guidance for education settings, written for the Welsh Government by the NSPCC and "
        "Barnardo's, on peer sexual abuse, exploitation and harmful sexual behaviour. It uses "
        "Hackett's continuum too.",
        "Canllawiau i leoliadau addysg, a ysgrifennwyd ar gyfer Llywodraeth Cymru gan yr NSPCC "
        "a Barnardo's, ar gam-drin rhywiol gan gyfoedion, camfanteisio ac ymddygiad rhywiol "
        "niweidiol. Mae'n defnyddio continwwm Hackett hefyd.",
        (),
        ("R-076",),
    ),
)

# --- the topics -----------------------------------------------------------------------------

TOPICS: Final[tuple[Topic, ...]] = (
    Topic(
        "helplines",
        "Helplines and reporting services",
        "Llinellau cymorth a gwasanaethau rhoi gwybod",
        "Who children, parents and carers can call, and how to get an image taken down.",
        "Pwy y gall plant, rhieni a gofalwyr eu ffonio, a sut i gael delwedd wedi'i thynnu i lawr.",
        (
            Group(
                "for_children",
                "For children and young people",
                "I blant a phobl ifanc",
                (CHILDLINE, MEIC),
            ),
            Group(
                "for_adults",
                "For parents, carers and other adults",
                "I rieni, gofalwyr ac oedolion eraill",
                (NSPCC, NCA_CEOP, STOP_IT_NOW, LIVE_FEAR_FREE),
            ),
            Group(
                "take_down",
                "Getting an image taken down",
                "Cael delwedd wedi'i thynnu i lawr",
                (ASK_POSTER, REPORT_TO_SERVICE, REPORT_REMOVE, TAKE_IT_DOWN, IWF_DIRECT),
            ),
            Group(
                "resources",
                "Further resources",
                "Adnoddau pellach",
                (HWB, PARENTZONE, TRUSTED_PARTNERS),
            ),
        ),
    ),
    Topic(
        "parents-and-carers",
        "Advice for parents and carers",
        "Cyngor i rieni a gofalwyr",
        "What to tell parents and carers: for every family, and for each situation.",
        "Beth i'w ddweud wrth rieni a gofalwyr: i bob teulu, ac ar gyfer pob sefyllfa.",
        (
            Group(
                "telling",
                "Telling parents and carers",
                "Rhoi gwybod i rieni a gofalwyr",
                (INFORMING_PARENTS,),
            ),
            Group(
                "by_scenario",
                "Advice by situation",
                "Cyngor yn ôl y sefyllfa",
                tuple(_parent_entry(s) for s in PARENT_SCENARIOS),
            ),
        ),
    ),
    Topic(
        "talking-with-children",
        "Talking with children and young people",
        "Siarad â phlant a phobl ifanc",
        "Questions that do not blame, and what to cover with each child.",
        "Cwestiynau nad ydynt yn beio, a beth i'w drafod gyda phob plentyn.",
        (
            Group(
                "how_to_ask",
                "How to ask",
                "Sut i ofyn",
                (QUESTION_PROMPTS_ENTRY, THE_CONVERSATION, VICTIM_BLAMING),
            ),
            Group(
                "by_role",
                "What to cover, by the child's part in the incident",
                "Beth i'w drafod, yn ôl rhan y plentyn yn y digwyddiad",
                tuple(_support_entry(g) for g in SUPPORT_GROUPS),
            ),
        ),
    ),
    Topic(
        "the-law",
        "The law in plain words",
        "Y gyfraith mewn geiriau syml",
        "What the law says, why it protects children, and what police involvement means.",
        "Beth mae'r gyfraith yn ei ddweud, pam mae'n amddiffyn plant, a beth mae cynnwys yr "
        "heddlu yn ei olygu.",
        (
            Group(
                "the_law",
                "The law",
                "Y gyfraith",
                (
                    LAW_BASICS,
                    LAW_MADE_IMAGES,
                    LAW_PURPOSE,
                    LAW_NON_CONSENSUAL,
                    LAW_CONTROL,
                    UNDER_13,
                ),
            ),
            Group(
                "police",
                "If the police are involved",
                "Os yw'r heddlu'n rhan o'r peth",
                (POLICE_RESPONSE, CRIME_RECORDING, OUTCOME_21, RECORDS_CHECK, DEVICES),
            ),
        ),
    ),
    Topic(
        "words",
        "Words people use",
        "Geiriau y mae pobl yn eu defnyddio",
        "Other names for sharing nudes and semi-nudes, and the words Ymateb uses.",
        "Enwau eraill ar rannu delweddau noeth a hanner noeth, a'r geiriau y mae Ymateb yn eu "
        "defnyddio.",
        (
            Group("our_words", "The words we use", "Y geiriau a ddefnyddiwn", (WHY_THIS_TERM,)),
            Group(
                "glossary",
                "Other words you may hear",
                "Geiriau eraill y gallech eu clywed",
                GLOSSARY,
            ),
        ),
    ),
    Topic(
        "seen-an-image",
        "If you have seen or been told about an image",
        "Os ydych wedi gweld delwedd neu wedi clywed amdani",
        "What to do and not do, and support for staff who saw an image.",
        "Beth i'w wneud a beth i beidio â'i wneud, a chymorth i staff a welodd ddelwedd.",
        (
            Group(
                "what_to_do",
                "What to do",
                "Beth i'w wneud",
                (TELL_THE_DSP, DISCLOSURE),
            ),
            Group(
                "what_not_to_do",
                "What not to do",
                "Beth i beidio â'i wneud",
                (DO_NOT_VIEW, NEVER_FORWARD, DO_NOT_DELETE),
            ),
            Group(
                "staff_welfare",
                "Looking after yourself",
                "Gofalu amdanoch eich hun",
                (STAFF_WELFARE,),
            ),
        ),
    ),
    Topic(
        "assessing-behaviour",
        "Tools for assessing behaviour",
        "Adnoddau ar gyfer asesu ymddygiad",
        "Hackett's continuum and the tools the guidance recommends to the DSP.",
        "Continwwm Hackett a'r adnoddau y mae'r canllawiau'n eu hargymell i'r DSP.",
        (
            Group(
                "continuum",
                "Understanding children's sexual behaviour",
                "Deall ymddygiad rhywiol plant",
                (CONTINUUM, NORMALISED),
            ),
            Group("tools", "Tools", "Adnoddau", TOOLS),
        ),
    ),
)

_BY_SLUG: Final[dict[str, Topic]] = {topic.slug: topic for topic in TOPICS}


def topic(slug: str) -> Topic | None:
    """The topic with this slug, or None."""
    return _BY_SLUG.get(slug)


def all_entries() -> list[Entry]:
    """Every entry of the library, each once, in page order."""
    seen: set[str] = set()
    entries: list[Entry] = []
    for t in TOPICS:
        for entry in t.entries():
            if entry.code not in seen:
                seen.add(entry.code)
                entries.append(entry)
    return entries
