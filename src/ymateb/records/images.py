"""No image or video, ever: recognising pictures, films and files hidden in text.

Ymateb has no file field and refuses every upload (see `ymateb.records.middleware`), but
text can carry a picture too. Every free-text value passes `find_image_data` twice: in
the form (a message on the field, see `ymateb.ui.forms`) and again just before it is
saved, whatever the route (`ymateb.records.guard`).

Two kinds of test, both on the text and on what it decodes to (percent-encoding such as
`%3C`, HTML entities such as `&lt;` or `&#60;`, each undone up to three times):

1. Headers. The file's first bytes (its "magic number"), never its name or declared
   type: written out as base64 (standard or url-safe, wrapped, spaced, with one or two
   bytes in front), base32, hex or ascii85, or pasted as raw bytes; a `data:` link; SVG
   markup. Archives and documents (zip, docx, pdf, gzip, 7z, rar) count as files.

2. Structure, whatever the file. Free text in a safeguarding record has no reason to
   hold long runs of encoded data, so this is refused:
   - control characters (other than tab, line breaks and form feed), which no keyboard
     types and raw bytes are full of; and dense Latin-1 symbols (raw bytes again);
   - a run of at least 64 characters (pieces split only by spaces or line breaks are
     joined, so wrapping and spacing do not hide it) that looks encoded: base64 (capitals,
     small letters and digits mixed inside the pieces, not word by word), base32 (one
     case, digits 2-7 mixed into the pieces), hex of at least 160 characters with letters
     and digits mixed, or ascii85 (dense, varied punctuation; or `<~ ... ~>`).

Ordinary writing never matches: English and Welsh words change case and class at word
boundaries, not inside every few characters; crime references, phone numbers and lists
of them have no small letters or no capitals; a web address is judged part by part
(between its `/`, `?`, `&` and `=`); a hash (32, 40, 64 or 128 hex digits) stands alone.
tests/records/test_image_corpus.py checks this on hundreds of ordinary texts, and that
more than 900 encoded images, videos and archives are all refused.

Hand-written rather than a library: no maintained package recognises encoded files inside
free text; the header list follows the file formats' own specifications.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ymateb.records.decoding import URL, rejoin, variants
from ymateb.records.image_headers import (
    MIXED,
    base85_decoded,
    find_encoded_header,
    sniff_anywhere,
)

IMAGE_DATA_MESSAGE = _(
    "Remove the pasted file or encoded text. Ymateb does not keep long runs of encoded "
    "data, such as a pasted file, image or video: a safeguarding record holds words. "
    "Ymateb never holds an image or video of a child. Never copy, upload or forward one, "
    "not even to the police. Describe what it showed in words instead."
)

# Runs shorter than this are not decoded: every header fits in fewer, and most words are.
MIN_SNIFF_CHARS = 12

# A run of encoded-looking characters at least this long is refused whatever it decodes to.
MIN_ENCODED_RUN = 64

# Hex is refused from this length: a SHA-512 hash (128) written in a record is allowed.
MIN_HEX_RUN = 160

# Hex pieces of these lengths are hashes (MD5, SHA-1, SHA-256, SHA-512).
HASH_LENGTHS = frozenset({32, 40, 64, 128})

# More hashes than this in a row are a hex dump in lines, not a list of hashes.
MAX_HASHES = 4

_DATA_URI = re.compile(
    r"(?<![a-z0-9])data:(?:[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+)?(?:;[a-z0-9=._+-]*)*,",
    re.IGNORECASE,
)

_SVG_MARKUP = re.compile(r"<\s*(?:svg|!doctype\s+svg)[\s>/]", re.IGNORECASE)

# Characters no keyboard types: C0 controls but tab, LF, VT, FF, CR; DEL; C1 but NEL.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")

# Latin-1 letters and symbols: twelve or more (six different) within 24 characters is raw
# bytes, not French or Welsh (whose ŵ and ŷ are outside Latin-1 anyway).
_LATIN1 = re.compile("[\xa0-\xff]")

_LATIN1_WINDOW = 24

_LATIN1_DENSE = 12

_LATIN1_DISTINCT = 6


_URL_SEPARATORS = re.compile(r"[/?&=#;:.,]")


# Runs of one alphabet: pieces of it split only by whitespace.
_B64_RUN = re.compile(r"[A-Za-z0-9+/=_-]+(?:\s+[A-Za-z0-9+/=_-]+)*")

_B32_ONLY = re.compile(r"[A-Za-z2-7=]+")

_HEX_RUN = re.compile(r"[0-9A-Fa-f]+(?:\s+[0-9A-Fa-f]+)*")

_A85_DELIMITED = re.compile(r"<~[!-uz\s]{20,}~>")

_PRINTABLE_RUN = re.compile(r"[!-~]+(?:\s+[!-~]+)*")

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


# ---------------------------------------------------------------------------------------
# Structure


def _classes(text: str) -> str:
    """Each character's class: u(pper), l(ower), d(igit) or s(ymbol)."""
    return "".join(
        "u" if c.isupper() else "l" if c.islower() else "d" if c.isdigit() else "s" for c in text
    )


def _collapse(text: str) -> str:
    """Runs of one repeated character as one (zero bytes encode as AAAA, 0000 or zzzz)."""
    return re.sub(r"(.)\1+", r"\1", text)


def _mixing(pieces: list[str]) -> float:
    """How often the character class changes, per character, leaving out the changes
    words make: a capital starting a word, and the boundary between two pieces of three
    or more characters. Encoded data changes class about every other character; prose
    almost never inside a word."""
    total = 0
    changes = 0
    previous = ""
    for piece in pieces:
        piece = _collapse(piece)
        classes = _classes(piece)
        total += len(piece)
        if previous and (len(previous) < 3 or len(piece) < 3) and previous[-1] != classes[0]:
            changes += 1
        for i in range(1, len(classes)):
            if classes[i] != classes[i - 1] and not (i == 1 and classes[:2] == "ul"):
                changes += 1
        previous = classes
    return changes / total if total else 0.0


def _share(text: str, cls: str) -> float:
    classes = _classes(text)
    return classes.count(cls) / len(classes) if classes else 0.0


def _looks_base64(pieces: list[str], joined: str) -> bool:
    if len(joined) < MIN_ENCODED_RUN:
        return False
    collapsed = _collapse(joined)
    if len(collapsed) < MIN_ENCODED_RUN // 2:
        return False
    return (
        _share(collapsed, "u") >= 0.12
        and _share(collapsed, "l") >= 0.12
        and _share(collapsed, "d") >= 0.03
        and _mixing(pieces) >= 0.3
    )


def _looks_base32(pieces: list[str], joined: str) -> bool:
    if len(joined) < MIN_ENCODED_RUN or not (joined.isupper() or joined.islower()):
        return False
    if not _B32_ONLY.fullmatch(joined):
        return False
    collapsed = _collapse(joined.rstrip("="))
    digits = sum(c.isdigit() for c in collapsed)
    if len(collapsed) < MIN_ENCODED_RUN // 2 or digits < 0.03 * len(collapsed):
        return False
    mixed = sum(
        len(p) for p in pieces if any(c.isdigit() for c in p) and any(c.isalpha() for c in p)
    )
    return mixed >= 0.5 * len(joined)


def _looks_hex(pieces: list[str]) -> bool:
    # A few hashes in a row stand alone (a record may list them); other pieces are joined.
    runs: list[str] = []
    current = ""
    hashes: list[str] = []
    for piece in [*pieces, ""]:
        if len(piece) in HASH_LENGTHS:
            hashes.append(piece)
            continue
        if hashes and len(hashes) <= MAX_HASHES:
            runs += [current, *hashes]
            current = ""
        elif hashes:
            current += "".join(hashes)
        hashes = []
        current += piece
    runs.append(current)
    for run in runs:
        if len(run) < MIN_HEX_RUN:
            continue
        collapsed = _collapse(run)
        if _share(collapsed, "d") >= 0.2 and (1 - _share(collapsed, "d")) >= 0.1:
            return True
    return False


def _looks_base85(joined: str) -> bool:
    if len(joined) < MIN_ENCODED_RUN:
        return False
    symbols = [c for c in joined if not c.isalnum()]
    return (
        len(symbols) >= 0.15 * len(joined)
        and len(set(symbols)) >= 10
        and any(c.isdigit() for c in joined)
        and any(c.isalpha() for c in joined)
    )


_WORD = re.compile(r"[A-Z]?[a-z]*|[A-Z]+|[0-9]+")


def _trimmed(pieces: list[str]) -> list[str]:
    """The pieces without the words around them ("She sent me <data> and then...")."""
    start, end = 0, len(pieces)
    while start < end and len(pieces[start]) <= 20 and _WORD.fullmatch(pieces[start]):
        start += 1
    while end > start and len(pieces[end - 1]) <= 20 and _WORD.fullmatch(pieces[end - 1]):
        end -= 1
    return pieces[start:end]


def _runs(pattern: re.Pattern[str], text: str, min_chars: int) -> Iterator[list[str]]:
    for match in pattern.finditer(text):
        if match.end() - match.start() >= min_chars:
            yield match.group().split()


def _find_in_runs(text: str, structural: bool) -> str | None:
    """Encoded headers anywhere, and (if `structural`) any long run of encoded data."""
    for pieces in _runs(_B64_RUN, text, MIN_SNIFF_CHARS):
        kind = find_encoded_header("".join(pieces))
        if kind is not None:
            return kind
    for pieces in _runs(_PRINTABLE_RUN, text, MIN_SNIFF_CHARS):
        joined = "".join(pieces)
        if MIXED.search(joined) and any(c.isdigit() for c in joined):
            for data in base85_decoded(pieces):
                kind = sniff_anywhere(data)
                if kind is not None:
                    return kind
            # Web addresses are full of punctuation: left out here.
            if structural and _looks_base85("".join(p for p in pieces if not URL.match(p))):
                return "encoded"
    if not structural:
        return None
    if _A85_DELIMITED.search(text):
        return "encoded"
    # Web addresses are judged part by part: a long path of words or an id is normal.
    parts = URL.sub(lambda m: _URL_SEPARATORS.sub(" . ", m.group()), text)
    for run in _runs(_B64_RUN, parts, MIN_ENCODED_RUN):
        for pieces in (run, _trimmed(run)):
            joined = "".join(pieces)
            if _looks_base64(pieces, joined) or _looks_base32(pieces, joined):
                return "encoded"
    for pieces in _runs(_HEX_RUN, parts, MIN_HEX_RUN):
        if _looks_hex(pieces):
            return "encoded"
    return None


def _dense_latin1(text: str) -> bool:
    positions = [m.start() for m in _LATIN1.finditer(text)]
    for i in range(len(positions) - _LATIN1_DENSE + 1):
        if positions[i + _LATIN1_DENSE - 1] - positions[i] < _LATIN1_WINDOW:
            window = text[positions[i] : positions[i + _LATIN1_DENSE - 1] + 1]
            if len(set(_LATIN1.findall(window))) >= _LATIN1_DISTINCT:
                return True
    return False


# ---------------------------------------------------------------------------------------
# The checks


def find_image_data(text: str, *, structural: bool = True) -> str | None:
    """Why `text` is refused, or None: "data-uri", "svg", "control", "raw", "encoded", or
    the kind of image, video or file found.

    `structural=False` looks for headers only (used for passwords, which are never stored
    and may be long random strings).
    """
    if not text:
        return None
    found = variants(text)
    for variant in found:
        reason = _find_in_text(variant, structural)
        if reason is not None:
            return reason
    for variant in found:
        rejoined = rejoin(variant)
        if rejoined != variant:
            reason = _find_in_runs(rejoined, structural=False)
            if reason is not None:
                return reason
    return None


def _find_in_text(text: str, structural: bool) -> str | None:
    if "data:" in text.lower() and _DATA_URI.search(text):
        return "data-uri"
    if "<" in text and _SVG_MARKUP.search(text):
        return "svg"
    if _CONTROL.search(text):
        return "control"
    if any(marker in text and pattern.search(text) for marker, pattern in _RAW_MAGIC):
        return "raw"
    if structural and _dense_latin1(text):
        return "raw"
    return _find_in_runs(text, structural)


def refuse_image_data(value: Any) -> None:
    """Validator: refuse text that carries an image, a video, a file or long encoded data."""
    if value is None:
        return
    if find_image_data(str(value)) is not None:
        raise ValidationError(IMAGE_DATA_MESSAGE, code="image_data")


def refuse_image_headers(value: Any) -> None:
    """Validator for secrets that are never stored (passwords): headers only."""
    if value is None:
        return
    if find_image_data(str(value), structural=False) is not None:
        raise ValidationError(IMAGE_DATA_MESSAGE, code="image_data")
