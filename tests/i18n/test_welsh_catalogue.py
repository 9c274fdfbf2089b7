"""Every user-facing string has a Welsh translation.

Strings are extracted the way `make extract-messages` does (Babel, with its Jinja2
extractor), so a string added to a template or to Python code and not translated in
the Welsh catalogue fails this test.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

import ymateb

PACKAGE = Path(ymateb.__file__).parent
PO = PACKAGE / "locale" / "cy" / "LC_MESSAGES" / "django.po"
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "ngettext_lazy": (1, 2),
    "npgettext": ((1, "c"), 2, 3),
}
METHODS = [("**/jinja2/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"**/jinja2/**.html": {"extensions": "jinja2.ext.i18n"}}


def extracted() -> set[str]:
    found: set[str] = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=METHODS, options_map=OPTIONS, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def catalogue() -> dict[str, tuple[str, bool]]:
    with PO.open("rb") as handle:
        cat = read_po(handle)
    result: dict[str, tuple[str, bool]] = {}
    for m in cat:
        if not m.id:
            continue
        key = m.id[0] if isinstance(m.id, tuple) else m.id
        text = m.string[0] if isinstance(m.string, tuple) else m.string
        result[key] = (text or "", m.fuzzy)
    return result


def test_strings_are_extracted_from_jinja_expressions() -> None:
    """Babel finds `_()` inside macro arguments, which Django's makemessages misses."""
    messages = extracted()
    assert "Skip to main content" in messages  # inside govukSkipLink({...})
    assert "Stay signed in" in messages
    assert "Enter your password" in messages  # from Python (forms.py)


def test_every_extracted_string_has_a_welsh_translation() -> None:
    cat = catalogue()
    missing = sorted(m for m in extracted() if m not in cat or not cat[m][0])
    assert missing == [], f"{len(missing)} strings have no Welsh translation: {missing[:20]}"


def test_no_welsh_translation_is_marked_fuzzy() -> None:
    fuzzy = sorted(m for m, (_text, is_fuzzy) in catalogue().items() if is_fuzzy)
    assert fuzzy == []


def test_placeholders_survive_translation() -> None:
    import re

    pattern = re.compile(r"%\(\w+\)s")
    for msgid, (text, _fuzzy) in catalogue().items():
        assert sorted(pattern.findall(msgid)) == sorted(pattern.findall(text)), msgid
