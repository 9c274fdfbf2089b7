"""The language of the page being built."""

from __future__ import annotations

from django.utils.translation import get_language


def is_welsh() -> bool:
    """True while the page is built in Welsh (the person chose Cymraeg)."""
    return (get_language() or "en").lower().startswith("cy")


def in_language(english: str, welsh: str) -> str:
    """The English or the Welsh of a bilingual pair, for the page being built."""
    return welsh if is_welsh() else english
