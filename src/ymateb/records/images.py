"""No image or video, ever: recognising image and video data hidden in text.

Ymateb has no file field and refuses every upload (see `ymateb.records.middleware`), but
text can carry a picture too: a `data:` link, or a file written out as base64 (the form
e-mail attachments and web pages use). `refuse_image_data` refuses both, and raw image
bytes pasted as text. The test is the file's content (its first bytes, its "magic
number"), never its name or its declared type, which anyone can change.

It must never refuse ordinary writing: English or Welsh prose, long web addresses and
crime reference numbers hold no stretch of base64 that decodes to a known header.

Limits: base64 split into lines shorter than 16 characters, or an image that starts part
of the way into a line of other base64, is not recognised; nor is an image inside another
file (a PDF or a zip). Such text is not an image anyone can open by pasting it.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IMAGE_DATA_MESSAGE = _(
    "Remove the pasted image, video or file. Ymateb never holds an image or video of a "
    "child. Never copy, upload or forward one, not even to the police. Describe what it "
    "showed in words instead."
)

# QuickTime files without an ftyp box start with one of these atoms.
QUICKTIME_ATOMS = (b"mdat", b"moov", b"pnot", b"wide")

# What each kind of file starts with: (kind, ((offset, bytes), ...)).
SIGNATURES: tuple[tuple[str, tuple[tuple[int, bytes], ...]], ...] = (
    ("jpeg", ((0, b"\xff\xd8\xff"),)),
    ("png", ((0, b"\x89PNG\r\n\x1a\n"),)),
    ("gif", ((0, b"GIF87a"),)),
    ("gif", ((0, b"GIF89a"),)),
    ("webp", ((0, b"RIFF"), (8, b"WEBP"))),
    ("avi", ((0, b"RIFF"), (8, b"AVI "))),
    # ISO base media (HEIC, HEIF, AVIF, MP4, MOV, 3GP ...): "ftyp" then a brand such as
    # heic, heix, mif1, msf1, avif, avis, isom, mp42 or "qt  ". Any brand counts, so a
    # new phone format is refused too.
    ("iso-bmff", ((4, b"ftyp"),)),
    *(("quicktime", ((0, b"\x00\x00"), (4, atom))) for atom in QUICKTIME_ATOMS),
    ("matroska", ((0, b"\x1a\x45\xdf\xa3"),)),  # WebM, MKV (EBML)
    ("bmp", ((0, b"BM"), (6, b"\x00\x00\x00\x00"))),
    ("tiff", ((0, b"II*\x00"),)),
    ("tiff", ((0, b"MM\x00*"),)),
    ("tiff", ((0, b"II+\x00"),)),
    ("tiff", ((0, b"MM\x00+"),)),
    ("jpeg2000", ((0, b"\x00\x00\x00\x0cjP  \r\n\x87\n"),)),
    ("jpeg2000", ((0, b"\xff\x4f\xff\x51"),)),
    ("jpeg-xl", ((0, b"\x00\x00\x00\x0cJXL \r\n\x87\n"),)),
    ("flv", ((0, b"FLV\x01"),)),
    ("asf", ((0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"),)),
    ("mpeg", ((0, b"\x00\x00\x01\xba"),)),
    ("mpeg", ((0, b"\x00\x00\x01\xb3"),)),
    ("svg", ((0, b"<svg"),)),
    ("svg", ((0, b"<?xml"),)),
)

# Base64 shorter than this (about 30 bytes) is not looked at: every header above fits in
# it, and ordinary words and reference numbers are shorter.
MIN_BASE64_CHARS = 40
# How many base64 characters are decoded to recognise a header.
SNIFF_CHARS = 64
# Text with no stretch of base64 at least this long (a line of wrapped base64, or all of
# it) is not searched: ordinary words are shorter, which keeps prose fast.
MIN_PIECE_CHARS = 16

_DATA_URI = re.compile(
    r"(?<![a-z0-9])data:(?:[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+)?(?:;[a-z0-9=._+-]*)*,",
    re.IGNORECASE,
)
_B64_CLASS = "[A-Za-z0-9+/_-]"  # standard and url-safe alphabets
_B64_LONG_PIECE = re.compile(f"[A-Za-z0-9+/_=-]{{{MIN_PIECE_CHARS},}}")
_B64_ONLY = re.compile(f"{_B64_CLASS}*")
_NOT_B64_OR_SPACE = re.compile(r"[^A-Za-z0-9+/_=\s-]")
_URLSAFE = bytes.maketrans(b"-_", b"+/")
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# Image and video headers pasted as raw bytes (each byte read as one Latin-1 character):
# a cheap substring first, then the pattern.
_RAW_MAGIC = (
    ("\xff\xd8\xff", re.compile("\xff\xd8\xff")),  # JPEG
    ("PNG", re.compile("[\x89\u2030]PNG\r?\n")),  # PNG (\x89 as Latin-1 or Windows-1252)
    ("GIF8", re.compile("GIF8[79]a")),  # GIF
    ("RIFF", re.compile("RIFF[\\s\\S]{4}(?:WEBP|AVI )")),  # WebP, AVI
    ("\x1a\x45\xdf\xa3", re.compile("\x1a\x45\xdf\xa3")),  # WebM, Matroska
    ("ftyp", re.compile("ftyp(?:heic|heix|mif1|msf1|avif|avis|isom|iso[2-6]|mp4[12]|qt  |M4V )")),
)


def sniff(data: bytes) -> str | None:
    """The kind of image or video `data` starts with, judged by its bytes, or None."""
    head = data[:256]
    for kind, constraints in SIGNATURES:
        if all(head[at : at + len(expected)] == expected for at, expected in constraints):
            if _plausible(kind, head):
                return kind
    stripped = head.lstrip().lower()
    if stripped.startswith(b"<svg") or (stripped.startswith(b"<?xml") and b"<svg" in stripped):
        return "svg"
    return None


def _plausible(kind: str, head: bytes) -> bool:
    """Checks beyond the fixed bytes, for the kinds whose fixed bytes are few."""
    if kind == "jpeg":  # a marker follows FF D8 FF
        return len(head) > 3 and head[3] >= 0xC0
    if kind == "iso-bmff":  # a four-character brand follows "ftyp"
        return len(head) >= 12 and all(32 <= b < 127 for b in head[8:12])
    if kind == "bmp":
        return len(head) >= 14
    if kind == "svg":
        return head.startswith(b"<svg") or b"<svg" in head.lower()
    return True


def _encoded(constraints: tuple[tuple[int, bytes], ...]) -> list[str | None]:
    """The base64 characters a signature fixes (None where they depend on other bytes)."""
    known = {at + i: byte for at, expected in constraints for i, byte in enumerate(expected)}
    chars: list[str | None] = []
    for index in range((max(known) + 1) * 8 // 6):
        bits = range(6 * index, 6 * index + 6)
        if all(bit // 8 in known for bit in bits):
            value = 0
            for bit in bits:
                value = (value << 1) | ((known[bit // 8] >> (7 - bit % 8)) & 1)
            chars.append(_ALPHABET[value])
        else:
            chars.append(None)
    while chars and chars[-1] is None:
        chars.pop()
    return chars


def _encoded_patterns() -> list[tuple[int, re.Pattern[str]]]:
    """For each signature: where its first fixed character is, and a pattern from there."""
    found: dict[str, int] = {}
    for _kind, constraints in SIGNATURES:
        chars = _encoded(constraints)
        lead = next(i for i, c in enumerate(chars) if c is not None)
        for alphabet in ({}, {"+": "-", "/": "_"}):  # standard, then url-safe
            pattern = "".join(
                _B64_CLASS if c is None else re.escape(alphabet.get(c, c)) for c in chars[lead:]
            )
            found.setdefault(pattern, lead)
    return [(lead, re.compile(pattern)) for pattern, lead in found.items()]


_ENCODED_SIGNATURES = _encoded_patterns()


def _decode_from(text: str, start: int) -> bytes | None:
    """Decode the base64 that starts at `start` (line breaks skipped), enough to sniff."""
    window = text[start : start + SNIFF_CHARS * 2]
    stop = _NOT_B64_OR_SPACE.search(window)
    chars = "".join((window[: stop.start()] if stop else window).split()).split("=", 1)[0]
    if len(chars) < MIN_BASE64_CHARS:
        return None
    chars = chars[:SNIFF_CHARS]
    usable = len(chars) - len(chars) % 4
    try:
        return base64.b64decode(chars[:usable].encode("ascii").translate(_URLSAFE), validate=True)
    except (binascii.Error, ValueError):
        return None


def find_base64_media(text: str) -> str | None:
    """The kind of image or video written out as base64 somewhere in `text`, or None.

    Looks for the encoded form of each header inside long stretches of base64, then
    decodes from there and checks the bytes, so a header glued to other text is found too.
    """
    if _B64_LONG_PIECE.search(text) is None:
        return None
    for lead, pattern in _ENCODED_SIGNATURES:
        for match in pattern.finditer(text, lead):
            start = match.start() - lead
            if _B64_ONLY.fullmatch(text, start, match.start()) is None:
                continue
            decoded = _decode_from(text, start)
            kind = sniff(decoded) if decoded else None
            if kind is not None:
                return kind
    return None


def find_image_data(text: str) -> str | None:
    """Why `text` is refused ("data-uri", "raw", or the kind of image or video), or None."""
    if not text:
        return None
    if "data:" in text.lower() and _DATA_URI.search(text):
        return "data-uri"
    if any(marker in text and pattern.search(text) for marker, pattern in _RAW_MAGIC):
        return "raw"
    return find_base64_media(text)


def refuse_image_data(value: Any) -> None:
    """Validator: refuse text that carries an image, a video, or any file in a `data:` link."""
    if value is None:
        return
    if find_image_data(str(value)) is not None:
        raise ValidationError(IMAGE_DATA_MESSAGE, code="image_data")
