"""Recognising a file by its first bytes (its "magic number"), never its name or declared
type: in raw bytes, or written out in text as base64, base32, hex or ascii85. Used by
`ymateb.records.images` (text) and the upload guard in `ymateb.records.middleware` (bodies).
The header list follows the file formats' own specifications."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator

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
    # heic, heix, mif1, msf1, avif, avis, isom, mp42, 3gp4 or "qt  ". Any brand counts, so
    # a new phone format is refused too.
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
    # Files that hold other files: a picture inside them is a picture all the same.
    ("zip", ((0, b"PK\x03\x04"),)),  # zip, docx, xlsx, pptx, odt, epub
    ("zip", ((0, b"PK\x05\x06"),)),
    ("zip", ((0, b"PK\x07\x08"),)),
    ("pdf", ((0, b"%PDF-"),)),
    ("gzip", ((0, b"\x1f\x8b\x08"),)),
    ("7z", ((0, b"7z\xbc\xaf\x27\x1c"),)),
    ("rar", ((0, b"Rar!\x1a\x07"),)),
    ("ole", ((0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),)),  # doc, xls, ppt
    ("bzip2", ((0, b"BZh"), (4, b"1AY&SY"))),
    ("xz", ((0, b"\xfd7zXZ\x00"),)),
    ("zstd", ((0, b"\x28\xb5\x2f\xfd"),)),
)

# How many characters of a run are decoded to recognise a header.
SNIFF_CHARS = 96


_URLSAFE_TEXT = str.maketrans("-_", "+/")
_B32_PIECE = re.compile(r"[A-Z2-7]{16,}|[a-z2-7]{16,}")
_HEX_PIECE = re.compile(r"[0-9A-Fa-f]{12,}")
_DIGIT_OR_REPEAT = re.compile(r"[0-9]|(.)\1{3}")
MIXED = re.compile(r"[0-9+/]|[a-z][A-Z]|[A-Z]{2}[a-z]")


# ---------------------------------------------------------------------------------------
# Headers


def _signature_pattern(kind: str, constraints: tuple[tuple[int, bytes], ...]) -> bytes:
    """A bytes pattern for one signature, with the checks beyond its fixed bytes."""
    if kind == "svg":
        return rb"(?i:\s*<svg|\s*<\?xml[\s\S]{0,250}?<svg)"
    known = {at + i: byte for at, expected in constraints for i, byte in enumerate(expected)}
    width = max(known) + 1
    pattern = b"".join(
        re.escape(bytes([known[i]])) if i in known else rb"[\s\S]" for i in range(width)
    )
    extra = {
        # A marker follows FF D8 FF: SOF, DHT, DQT, DRI, APPn or COM.
        "jpeg": rb"[\xc0-\xc3\xc4\xdb\xdd\xe0-\xef\xfe]",
        "iso-bmff": rb"[\x20-\x7e]{4}",  # a four-character brand follows "ftyp"
        "bmp": rb"[\s\S]{4}",  # a whole file header
        "gzip": rb"[\x00-\x1f]",  # the flags byte
    }
    return pattern + extra.get(kind, b"")


_SIGNATURE_KINDS = [kind for kind, _constraints in SIGNATURES if kind != "svg"] + ["svg"]
_SIGNATURE_RE = re.compile(
    b"|".join(
        b"(" + _signature_pattern(kind, constraints) + b")"
        for kind, constraints in [*[s for s in SIGNATURES if s[0] != "svg"], ("svg", ())]
    )
)


def sniff(data: bytes) -> str | None:
    """The kind of image, video or file `data` starts with, judged by its bytes, or None."""
    match = _SIGNATURE_RE.match(data[:512])
    return _SIGNATURE_KINDS[match.lastindex - 1] if match and match.lastindex else None


_LITERAL_START_RE = re.compile(
    b"|".join(
        b"(" + _signature_pattern(kind, constraints) + b")"
        for kind, constraints in SIGNATURES
        if kind not in ("svg", "iso-bmff")
    )
)
_LITERAL_START_KINDS = [kind for kind, _c in SIGNATURES if kind not in ("svg", "iso-bmff")]
# The first two bytes of each of those headers: a quick test before the pattern.
_LITERAL_PREFIXES = frozenset(
    constraints[0][1][:2] for kind, constraints in SIGNATURES if kind not in ("svg", "iso-bmff")
)
_FTYP_BRAND = re.compile(rb"ftyp[\x20-\x7e]{4}")


def sniff_anywhere(data: bytes) -> str | None:
    """The kind of an image, video or file header anywhere in `data`, or None.

    Used on what a run of text decodes to, which may have words or a byte or two in
    front of the file. (Headers that start with fixed bytes are found by one pattern that
    the regular-expression engine can search quickly; the other two are looked for apart.)
    """
    if any(prefix in data for prefix in _LITERAL_PREFIXES):
        match = _LITERAL_START_RE.search(data)
        if match and match.lastindex:
            return _LITERAL_START_KINDS[match.lastindex - 1]
    for brand in _FTYP_BRAND.finditer(data, 4):
        if brand.start() >= 4:
            return "iso-bmff"
    if b"<svg" in data.lower():
        return "svg"
    return None


def _aligned(segment: str, width: int) -> Iterator[str]:
    """`segment` from each of its first `width` characters, cut to whole groups of `width`
    characters (a group is 4 characters of base64, 8 of base32, 2 of hex), when that leaves 8
    characters or more: the header may start at any character of a group."""
    for offset in range(min(width, len(segment))):
        chars = segment[offset:]
        chars = chars[: len(chars) - len(chars) % width]
        if len(chars) >= 8:
            yield chars


def _b64_decoded(joined: str) -> Iterator[bytes]:
    """`joined` decoded as base64 from each of its first four characters."""
    for segment in joined.translate(_URLSAFE_TEXT).split("="):
        for chars in _aligned(segment, 4):
            yield base64.b64decode(chars)


def _b32_decoded(joined: str) -> Iterator[bytes]:
    for match in _B32_PIECE.finditer(joined):
        segment = match.group().upper()
        if match.group().islower() and not _DIGIT_OR_REPEAT.search(segment):
            continue  # words in small letters
        for chars in _aligned(segment, 8):
            yield base64.b32decode(chars)


def _hex_decoded(joined: str) -> Iterator[bytes]:
    for match in _HEX_PIECE.finditer(joined):  # 12 digits or more: every cut is 8 or more
        for chars in _aligned(match.group(), 2):
            yield bytes.fromhex(chars)


_A85_PREFIX = re.compile(r"[!-uz]*")
_B85_PREFIX = re.compile(r"[0-9A-Za-z!#$%&()*+\-;<=>?@^_`{|}~]*")


def base85_decoded(pieces: list[str]) -> Iterator[bytes]:
    """ascii85 (and its cousin base85) decoded from each piece's start: they cannot be
    decoded part-way, so a wrong start fails rather than giving other bytes."""
    joined = "".join(pieces)
    start = 0
    for piece in pieces[:16]:
        at = start + 2 if joined.startswith("<~", start) else start
        start += len(piece)
        if len(piece) < 8 or not MIXED.search(piece):
            continue  # a word, not the start of encoded data
        for prefix, decode in ((_A85_PREFIX, base64.a85decode), (_B85_PREFIX, base64.b85decode)):
            match = prefix.match(joined, at)
            chars = match.group()[: SNIFF_CHARS * 4] if match else ""
            for end in range(len(chars), max(len(chars) - 5, 9), -1):
                try:
                    yield decode(chars[:end])
                    break
                except (ValueError, binascii.Error):
                    continue


def find_encoded_header(joined: str) -> str | None:
    """The kind of file whose header, as base64, base32 or hex, is in `joined`."""
    b64 = _b64_decoded(joined) if MIXED.search(joined) else iter(())  # not plain words
    for decoded in (b64, _b32_decoded(joined), _hex_decoded(joined)):
        for data in decoded:
            kind = sniff_anywhere(data)
            if kind is not None:
                return kind
    return None
