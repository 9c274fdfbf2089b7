"""The forms a text may take once undone, for the image checks: percent-encoding and HTML
entities decoded (up to three rounds), and base64 put back together where it was cut into
pieces joined by punctuation."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote_to_bytes

URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+", re.IGNORECASE)
_ENTITY = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?")


def _percent_decode(text: str) -> str:
    raw = unquote_to_bytes(text)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # bytes that are not text: each byte one character


def _entity_decode(text: str) -> str:
    def numeric(match: re.Match[str]) -> str:
        number = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        return chr(number) if number < 0x110000 else ""

    # Numeric entities as the very code points (html.unescape maps &#137; to "‰").
    return html.unescape(_ENTITY.sub(numeric, text))


# Punctuation between two pieces of an alphabet (".", ". ", ", ", ";" ...), with the one
# space after it: encoded data cut into short pieces and joined by it. Ordinary sentences
# are joined the same way, so the pieces put back together are searched for the first
# bytes of an image, video or archive only, not judged by the structural rule.
_JOINING_PUNCTUATION = re.compile(r"(?<=[A-Za-z0-9+/=])[.,;:!?|·•*~'\"]{1,3}\s?(?=[A-Za-z0-9+/])")


def rejoin(text: str) -> str:
    """`text` with punctuation between pieces taken out, web addresses left as they are."""
    out, last = [], 0
    for url in URL.finditer(text):
        out += [_JOINING_PUNCTUATION.sub("", text[last : url.start()]), url.group()]
        last = url.end()
    out.append(_JOINING_PUNCTUATION.sub("", text[last:]))
    return "".join(out)


def variants(text: str, rounds: int = 3) -> list[str]:
    """`text`, and what it says once percent-encoding and HTML entities are undone."""
    found = [text]
    frontier = [text]
    for _round in range(rounds):
        fresh = []
        for variant in frontier:
            candidates = []
            if "%" in variant:
                candidates.append(_percent_decode(variant))
            if "&" in variant:
                candidates.append(_entity_decode(variant))
            for candidate in candidates:
                if candidate not in found:
                    found.append(candidate)
                    fresh.append(candidate)
        if not fresh:
            break
        frontier = fresh
    return found
