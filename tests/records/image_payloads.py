"""A corpus of images, videos and archives written out as text, every way someone might
paste one, and a corpus of ordinary writing that must never be refused.

Everything is built in code (no binary fixture in the repository): each file is a minimal,
structurally valid header and a few bytes of body, enough for any tool that judges a file
by its bytes to call it that kind of file.
"""

from __future__ import annotations

import base64
import gzip
import html
import io
import json
import random
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from tests.records import media

# ---------------------------------------------------------------------------------------
# Files


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _iso(major: bytes, *compatible: bytes, video: bool = False) -> bytes:
    ftyp = _box(b"ftyp", major + b"\x00\x00\x00\x00" + b"".join(compatible))
    if video:
        return ftyp + _box(b"moov", _box(b"mvhd", bytes(range(100)))) + _box(b"mdat", b"\x11" * 40)
    return ftyp + _box(b"meta", bytes(range(24))) + _box(b"mdat", b"\x22" * 32)


def _ebml(doc_type: bytes) -> bytes:
    ebml = (
        b"\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
        + b"\x42\x82"
        + bytes([0x80 | len(doc_type)])
        + doc_type
        + b"\x42\x87\x81\x04\x42\x85\x81\x02"
    )
    segment = b"\x18\x53\x80\x67\x01\x00\x00\x00\x00\x00\x00\x20" + b"\xec\x9f" + bytes(range(31))
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(ebml)]) + ebml + segment


def _avi() -> bytes:
    avih = struct.pack("<14I", 33333, 0, 0, 0x10, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0)
    hdrl = b"LIST" + struct.pack("<I", 4 + 8 + len(avih)) + b"hdrl" + b"avih"
    hdrl += struct.pack("<I", len(avih)) + avih
    movi = (
        b"LIST"
        + struct.pack("<I", 4 + 12)
        + b"movi"
        + b"00dc"
        + struct.pack("<I", 4)
        + b"\x01\x02\x03\x04"
    )
    body = b"AVI " + hdrl + movi
    return b"RIFF" + struct.pack("<I", len(body)) + body


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1" viewBox="0 0 1 1">'
    b'<rect width="1" height="1" fill="#c00"/></svg>'
)

FILES: dict[str, Callable[[], bytes]] = {
    "jpeg": media.jpeg,
    "png": media.png,
    "gif": media.gif,
    "webp": media.webp,
    "heic": lambda: _iso(b"heic", b"mif1", b"heic"),
    "heif": lambda: _iso(b"mif1", b"mif1", b"heix"),
    "heic-sequence": lambda: _iso(b"msf1", b"msf1", b"hevc"),
    "avif": lambda: _iso(b"avif", b"mif1", b"avif", b"miaf"),
    "tiff": media.tiff,
    "bmp": media.bmp,
    "svg": lambda: SVG,
    "mp4": lambda: _iso(b"isom", b"isom", b"iso2", b"avc1", b"mp41", video=True),
    "mov": lambda: _iso(b"qt  ", b"qt  ", video=True),
    "3gp": lambda: _iso(b"3gp4", b"3gp4", b"isom", video=True),
    "webm": lambda: _ebml(b"webm"),
    "mkv": lambda: _ebml(b"matroska"),
    "avi": _avi,
}


# ---------------------------------------------------------------------------------------
# Files that hold files


def _zip(name: str, data: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for inner, content in (extra or {}).items():
            archive.writestr(inner, content)
        archive.writestr(name, data)
    return out.getvalue()


def in_zip(kind: str, data: bytes) -> bytes:
    return _zip(f"IMG_0001.{kind}", data)


def in_docx(kind: str, data: bytes) -> bytes:
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    document = b'<?xml version="1.0"?><w:document><w:body><w:p/></w:body></w:document>'
    return _zip(
        f"word/media/image1.{kind}",
        data,
        {"[Content_Types].xml": types, "word/document.xml": document},
    )


def in_pdf(kind: str, data: bytes) -> bytes:
    stream = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Length %d >>" % len(data)
    body = b"1 0 obj\n" + stream + b"\nstream\n" + data + b"\nendstream\nendobj\n"
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def in_gzip(kind: str, data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


CONTAINERS: dict[str, Callable[[str, bytes], bytes]] = {
    "zip": in_zip,
    "docx": in_docx,
    "pdf": in_pdf,
    "gzip": in_gzip,
}


# ---------------------------------------------------------------------------------------
# Ways of writing bytes as text. Each has a family (the encoding the issue names).


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _wrap(text: str, width: int, sep: str = "\n") -> str:
    return sep.join(text[i : i + width] for i in range(0, len(text), width))


def _spaced(text: str, sizes: tuple[int, ...]) -> str:
    out, i, n = [], 0, 0
    while i < len(text):
        size = sizes[n % len(sizes)]
        out.append(text[i : i + size])
        i += size
        n += 1
    return " ".join(out)


def _latin1(data: bytes) -> str:
    return data.decode("latin-1")


ENCODINGS: dict[str, tuple[str, Callable[[bytes], str]]] = {
    "base64": ("base64", _b64),
    "base64 url-safe": ("base64", lambda d: base64.urlsafe_b64encode(d).decode().rstrip("=")),
    "base64 in lines of 76": ("base64", lambda d: _wrap(_b64(d), 76)),
    "base64 in lines of 12 (CRLF)": ("base64", lambda d: _wrap(_b64(d), 12, "\r\n")),
    "base64 in lines of 5": ("base64", lambda d: _wrap(_b64(d), 5)),
    "base64 spaced every 4": ("base64", lambda d: _spaced(_b64(d), (4,))),
    "base64 spaced every 2": ("base64", lambda d: _spaced(_b64(d), (2,))),
    "base64 spaced unevenly": ("base64", lambda d: _spaced(_b64(d), (3, 1, 5, 2, 7))),
    "base64 one byte in front": ("base64", lambda d: _b64(b"\x07" + d)),
    "base64 two bytes in front": ("base64", lambda d: _b64(b"\x07\x2a" + d)),
    "base64 url-safe two bytes in front wrapped": (
        "base64",
        lambda d: _wrap(base64.urlsafe_b64encode(b"ab" + d).decode(), 40),
    ),
    "base64 inside a sentence": (
        "base64",
        lambda d: f"She sent me this {_b64(d)} and then deleted it.",
    ),
    "base64 in JSON": ("base64", lambda d: json.dumps({"photo": _b64(d)})),
    "hex": ("hex", lambda d: d.hex()),
    "hex capitals spaced": ("hex", lambda d: d.hex(" ").upper()),
    "hex in lines of 32": ("hex", lambda d: _wrap(d.hex(), 32)),
    "hex one byte in front": ("hex", lambda d: "7" + d.hex()),
    "percent-encoded bytes": ("percent", lambda d: "".join(f"%{b:02X}" for b in d)),
    "percent-encoded (quote)": ("percent", lambda d: quote(d, safe="")),
    "percent-encoded twice": ("percent", lambda d: quote(quote(d, safe=""), safe="")),
    "base32": ("base32", lambda d: base64.b32encode(d).decode()),
    "base32 small letters wrapped": (
        "base32",
        lambda d: _wrap(base64.b32encode(d).decode().lower(), 64),
    ),
    "base32 one byte in front": ("base32", lambda d: base64.b32encode(b"\x01" + d).decode()),
    "ascii85": ("ascii85", lambda d: base64.a85encode(d).decode()),
    "ascii85 Adobe wrapped": (
        "ascii85",
        lambda d: base64.a85encode(d, adobe=True, wrapcol=75).decode(),
    ),
    "base85": ("ascii85", lambda d: base64.b85encode(d).decode()),
    "raw bytes as Latin-1": ("raw", _latin1),
    "raw bytes as Latin-1 in a sentence": ("raw", lambda d: f"before {_latin1(d)} after"),
    "HTML entities": ("entities", lambda d: "".join(f"&#{b};" for b in d)),
    "HTML entities hex": ("entities", lambda d: html.escape(_latin1(d)).replace("<", "&#x3c;")),
    "data: link": ("data-link", lambda d: f"data:image/jpeg;base64,{_b64(d)}"),
    "data: link URL-encoded": (
        "data-link",
        lambda d: quote(f"data:application/octet-stream;base64,{_b64(d)}", safe=""),
    ),
    "data: link of percent bytes": (
        "data-link",
        lambda d: "data:image/svg+xml," + quote(d, safe=""),
    ),
}


@dataclass(frozen=True)
class Payload:
    name: str  # e.g. "png / base64 spaced every 4" or "png in zip / hex"
    kind: str  # the file format (jpeg, png, ...)
    container: str  # "" or zip, docx, pdf, gzip
    encoding: str
    family: str  # base64, hex, percent, base32, ascii85, raw, entities, data-link
    text: str


def payloads() -> list[Payload]:
    """Every file, bare and inside every container, in every encoding."""
    found = []
    for kind, build in FILES.items():
        data = build()
        sources = [("", data)] + [(c, wrap(kind, data)) for c, wrap in CONTAINERS.items()]
        for container, source in sources:
            for encoding, (family, encode) in ENCODINGS.items():
                label = f"{kind} in {container}" if container else kind
                found.append(
                    Payload(
                        f"{label} / {encoding}", kind, container, encoding, family, encode(source)
                    )
                )
    # SVG markup written as text, the ways a web page or a URL would carry it.
    svg = SVG.decode()
    for name, text in {
        "svg markup": svg,
        "svg entity-encoded": html.escape(svg),
        "svg entity-encoded twice": html.escape(html.escape(svg)),
        "svg percent-encoded": quote(svg, safe=""),
        "svg in prose": f"The sticker was {svg} apparently.",
        "svg with spaces in the tag": svg.replace("<svg", "< svg"),
        "svg numeric entities": "".join(f"&#{ord(c)};" for c in svg),
    }.items():
        found.append(Payload(name, "svg", "", name, "svg", text))
    return found


# ---------------------------------------------------------------------------------------
# Ordinary writing: all of it must be accepted


ORDINARY = [
    "She told me that a boy in Year 10 had asked her for a picture and she sent one.",
    "Dywedodd hi wrtha i fod bachgen ym Mlwyddyn 10 wedi gofyn am lun a'i bod wedi anfon un.",
    "Mae'r ysgol wedi rhoi gwybod i'r rhieni ac i'r heddlu. Ni welodd neb y ddelwedd.",
    "Roedd hi'n poeni am ei chwaer fach, sy'n byw gyda'i mam-gu ym Mhen-y-bont ar Ogwr.",
    "Gŵr ei modryb a ddaeth i'w chasglu; roedd yn ddig iawn. Dŵr, tŷ, ŵyr, ŷd, cân, gêm.",
    "Fe siaradais â'r Pennaeth am 3.15pm. Cytunwyd i gysylltu â'r MASH cyn diwedd y dydd.",
    "Ni ddylid copïo, lanlwytho na rhannu'r ddelwedd. Disgrifiais beth a welwyd mewn geiriau.",
    "Crime reference 12345678/24, NP-20240312-0042, 01/ABC/123456/24, PC 1234 Jones.",
    "https://www.example.org/some/very/long/path/to/a/page/that/goes/on/and/on/and/on"
    "?query=string&with=lots&of=parameters&abcdefghijklmnopqrstuvwxyz=0123456789",
    "https://hwb.gov.wales/zones/keeping-safe-online/welsh-government-guidance/"
    "sharing-nudes-and-semi-nudes-responding-to-incidents-and-safeguarding-children",
    "https://docs.google.com/document/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit?usp=sharing",
    "https://contoso.sharepoint.com/:w:/s/Safeguarding/EbcdEFGh12345IJKLmnop678QRstUVwx9yzAB?e=Xy3Ab9",
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjkxNzM0YTgtYTA3Ny00NjRhLTk4ZWYtMjdmYjE5OWZjZjU3%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%7d",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI&index=3",
    "https://www.snapchat.com/add/jake_99?share_id=MkE3RjQ1OTctNzE4Ny00&locale=en_GB",
    "https://cy.wikipedia.org/wiki/Llanfair_Pwllgwyngyll and https://el.wikipedia.org/wiki/%CE%91%CE%B8%CE%AE%CE%BD%CE%B1",
    "https://ar.wikipedia.org/wiki/%D8%A7%D9%84%D9%85%D9%85%D9%84%D9%83%D8%A9_%D8%A7%D9%84%D9%85%D8%AA%D8%AD%D8%AF%D8%A9",
    "Incident 7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b was closed on 2026-11-26T08:41:00Z.",
    "https://ymateb.example.org/incidents/7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b/children/"
    "0b3f5d2e-6a41-4c8e-9f7a-2d1c3b4a5e6f/interview/",
    "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "Hashes given to the IWF:\n9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"
    "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752\n"
    "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13",
    "MD5 5d41402abc4b2a76b9719d911017c592, SHA-1 aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
    "The police said the data: they had would be enough; metadata: none.",
    "Llanfairpwllgwyngyllgogerychwyndrobwllllantysiliogogogoch is a long place name.",
    "Pennsylvania/Mississippi/Constantinople/Supercalifragilisticexpialidocious/words",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "Email j.smith@example.org or safeguarding@ysgol-enghraifft.cymru.gov.uk; tel 029 2000 1234, "
    "07700 900123 or +44 (0)29 2087 3000 ext. 4567.",
    "Accounts involved:\nJake99\nSophieB2010\nTomTom_x\nlilyRose07\nxXgamerXx\nmegan.j_2011\n"
    "Cymru4eva\nDaiBach123\nsarah-louise-x\nRhys_Gr8",
    "References:\nNP-20240312-0042\nNP-20240312-0043\nNP-20240313-0107\nNP-20240314-0212\n"
    "CR/123456/24\nCR/123457/24\n55190012345/24\nWYP-1234567\nNFRC240312345678",
    "Devices: iPhone 13 (IMEI 356938035643809), Samsung Galaxy A52 SM-A525F, iPad Air 4th gen,"
    " MacBook Air M1 serial C02ZK1ABMD6T, PlayStation 5.",
    "Postcodes: CF10 3NQ, CF24 4AB, NP20 5AB, SA1 1NW, LL57 2DG, SY23 3BZ.",
    "Year 10 Year 11 Year 12 DSP NSPCC and CSE in 2026 Report Remove Childline CEOP IWF MASH",
    "SHE SAID HE WOULD SEND IT TO EVERYONE IN YEAR 9 IF SHE DID NOT SEND ANOTHER ONE BY 5PM",
    "WEDI'I ANFON AT 23 O BOBL, MEDDAI, AC MAE 7 ARALL WEDI'I WELD ERBYN HYN.",
    "At 2:45pm on Tue 12/03/2026 (Wk 27) Mr O'Brien-Price (DSP) rang 101 re: ref #A1B2-C3D4.",
    "Passwords were not shared. Snapchat: @jake_99; Instagram: @sophie.b.2010; TikTok: @tomtom_x.",
    "Élève à côté: « où êtes-vous ? » — déjà vu, naïve café, Noël, garçon, façade, Zoë, Chloë.",
    "Mae'r disgybl wedi'i gyfeirio at y Tîm Amddiffyn Plant. Bydd adolygiad ymhen 14 diwrnod.",
    "“Dw i’n gwybod,” meddai hi. ‘It’s fine’ – she said – “honestly.” … ——— •••• ° ± ½ £ € ©",
    "――――――――――――――――――――――――――――――――",
    "°°°°°°°°°°°°°°°°°°°°°°°°°°°° ···························· »»»»»»»»»»»»»»»»»»",
    "Bullet list:\n\t• spoke to Mum\n\t• rang MASH (ref 2026/0042)\n\t• logged on CPOMS\r\n",
    "Ref list 2345 6723 4567 3456 2734 5672 3456 7234 5672 3456 2345 6723 4567 3456 2734 5672",
    "Timeline: 08:15 arrived; 08:40 told Ms Hughes; 09:05 DSP informed; 09:30 parents called; "
    "10:10 police (PC 4521 Evans) advised; 11:00 strategy discussion booked for 14:00.",
    "He kept saying 'lol' and 'jk' and 'idk' and 'brb' and 'ngl' and 'tbh' and 'ffs' — text speak.",
    "The boy's username was xX_DarkKnight_2009_Xx and he used the hashtag #nudes4nudes.",
    "Plentyn A (bl. 8) a Phlentyn B (bl. 9); ni chafodd y ddelwedd ei rhannu tu hwnt i'r grŵp.",
    "The code on the screen said 4F7G-9KQ2-ZX8P-LM3N and then the app crashed.",
    "Mobile numbers: 07700900123 07700900456 07700900789 07700900012 07700900345 07700900678",
    "Room B12a, then B14, C2, the MUGA, the 3G pitch and the Y7 toilets by the DT block.",
]

_EN = (
    "the a child told me she he they phone picture photo snapchat school teacher police "
    "parent friend year group said sent shared deleted asked Tuesday morning after lunch "
    "worried upset crying laughing screenshot account message video call online blocked "
    "reported Instagram TikTok WhatsApp Discord Xbox PlayStation iPhone Android Mum Dad "
    "carer nan grandad brother sister cousin boyfriend girlfriend older younger Year"
).split()
_CY = (
    "mae plentyn dywedodd wrtha i ffôn llun ysgol athro heddlu rhiant ffrind blwyddyn "
    "anfonodd rhannodd dilëodd gofynnodd bore dydd Mawrth ar ôl cinio delweddau noeth "
    "hanner poeni crio chwerthin sgrinlun cyfrif neges fideo galwad ar-lein rhwystro "
    "adroddodd Mam Dad gofalwr mam-gu tad-cu brawd chwaer cefnder cariad hŷn iau Bl "
    "gŵr dŵr tŷ ŵyr ŷd cân gêm â ê î ô û ŵ ŷ ysgrifennodd rhywun wedi gweld hefyd"
).split()
_OTHER = (
    "10 11 12 2026 999 101 9 8 7 3pm 10am 2nd 3rd 14:30 12/03/2026 DSP CSE NSPCC Childline "
    "Report Remove CEOP IWF MASH PCSO CPOMS B12 Y7 Y10 NP-2024-0042 CR/123456/24 4G 5G Wi-Fi"
).split()


def ordinary_texts(count: int = 600, seed: int = 2026) -> list[str]:
    """Realistic ordinary writing in English and Welsh: the fixed list and `count` more."""
    rng = random.Random(seed)
    texts = list(ORDINARY)
    for n in range(count):
        vocabulary = (_EN, _CY, _EN + _CY + _OTHER)[n % 3]
        words = []
        for _ in range(rng.randint(3, 250)):
            pool = _OTHER if rng.random() < 0.15 else vocabulary
            words.append(rng.choice(pool))
        gaps = [rng.choice([" "] * 8 + ["\n", ", ", ". ", "\r\n", "; ", " - "]) for _ in words]
        text = "".join(w + g for w, g in zip(words, gaps, strict=True))
        if n % 10 == 0:
            text = text.upper()
        if n % 7 == 0:
            text += " " + rng.choice(ORDINARY)
        texts.append(text)
    return texts
