"""The guidance library (issue 5; PRODUCT.md "Guidance library").

The content: every entry names an exact heading of the guidance, is written in English and
Welsh, and copies no paragraph of the guidance. The pages: any signed-in role can read them,
anonymous people are sent to sign in, an unknown topic is a 404, and each block names its
section and links to the official guidance, in the user's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.rules import support
from ymateb.guidance import library
from ymateb.rules.content import PARENT_SCENARIOS, QUESTION_PROMPTS, SUPPORT_GROUPS

LIBRARY_SOURCE = Path(library.__file__)

# --- the content ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guidance_text() -> str:
    text = support.guidance_text()
    if text is None:
        pytest.skip("guidance text not available (set YMATEB_GUIDANCE_TEXT)")
    return text


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("–", " ")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def _copied_runs(body: str, guidance: str, length: int = 12) -> list[str]:
    source = " " + " ".join(_words(guidance)) + " "
    words = _words(body)
    return [
        " ".join(words[i : i + length])
        for i in range(len(words) - length + 1)
        if " " + " ".join(words[i : i + length]) + " " in source
    ]


def test_the_copy_check_would_catch_a_copied_sentence(guidance_text: str) -> None:
    copied = (
        "Children can talk to a Childline counsellor 24 hours a day about anything that is "
        "worrying them by ringing 0800 11 11 or in an online chat."
    )
    assert _copied_runs(copied, guidance_text)


def test_entries_have_unique_codes_and_every_topic_has_entries() -> None:
    codes = [entry.code for t in library.TOPICS for entry in t.entries()]
    assert len(codes) == len(set(codes))
    assert all(t.entries() for t in library.TOPICS)
    slugs = [t.slug for t in library.TOPICS]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9-]+", s) for s in slugs)


def test_r089_every_entry_section_is_an_exact_guidance_heading(guidance_text: str) -> None:
    headings = {line.strip() for line in guidance_text.splitlines()}
    for entry in library.all_entries():
        assert entry.section in headings, f"{entry.code}: {entry.section!r}"
        for point in entry.points:
            assert point.section in headings, f"{entry.code}/{point.code}: {point.section!r}"


def test_every_entry_is_in_english_and_welsh() -> None:
    for entry in library.all_entries():
        assert entry.title.en.strip() and entry.title.cy.strip(), entry.code
        assert entry.body.en.strip() and entry.body.cy.strip(), entry.code
        assert entry.body.en != entry.body.cy, entry.code
        assert len(entry.paragraphs("en")) == len(entry.paragraphs("cy")), entry.code
        for link in entry.links:
            assert link.label.en and link.label.cy and link.label.en != link.label.cy
        for point in entry.points:
            assert point.text and point.text_cy and point.text != point.text_cy
    for t in library.TOPICS:
        assert t.title.en != t.title.cy and t.summary.en != t.summary.cy, t.slug
        for group in t.groups:
            assert group.title.en != group.title.cy, group.code


def test_no_body_copies_twelve_words_of_the_guidance(guidance_text: str) -> None:
    """Own words: no run of 12 or more consecutive words of any body is in the guidance."""
    problems = {
        entry.code: runs
        for entry in library.all_entries()
        if (runs := _copied_runs(entry.body.en, guidance_text))
    }
    assert problems == {}


def test_every_entry_cites_requirements() -> None:
    for entry in library.all_entries():
        assert entry.requirements, entry.code
        assert all(re.fullmatch(r"R-\d{3}", r) for r in entry.requirements), entry.code


def test_r005_glossary_explains_the_term_and_the_welsh_uses_the_agreed_term() -> None:
    """R-005, R-008: the glossary maps the other terms and explains why not 'sexting'."""
    words = library.topic("words")
    assert words is not None
    titles = " ".join(e.title.en for e in words.entries()).lower()
    for term in (
        "indecent images",
        "self-generated",
        "sexting",
        "child sexual abuse material",
        "nudes",
        "dick pics",
        "deep fakes",
        "deep nudes",
    ):
        assert term in titles, term
    why = next(e for e in words.entries() if e.code == "why_sharing_nudes")
    assert "R-005" in why.requirements
    assert "rhannu delweddau noeth a hanner noeth" in why.body.cy


HELPLINE_NUMBERS = {
    "childline": ("0800 11 11", "tel:08001111", "R-194"),
    "nspcc_cymru": ("0808 800 5000", "tel:08088005000", "R-196"),
    "meic": ("080880 23456", "tel:08088023456", "R-197"),
    "live_fear_free": ("0808 8010 800", "tel:08088010800", "R-198"),
    "stop_it_now": ("0808 1000 900", "tel:08081000900", "R-200"),
}


def test_r194_to_r200_helplines_carry_the_guidance_numbers(guidance_text: str) -> None:
    helplines = library.topic("helplines")
    assert helplines is not None
    by_code = {e.code: e for e in helplines.entries()}
    for code, (number, tel, requirement) in HELPLINE_NUMBERS.items():
        entry = by_code[code]
        assert number in guidance_text
        assert number in entry.body.en and number in entry.body.cy, code
        assert tel in [link.url for link in entry.links], code
        assert requirement in entry.requirements
        assert entry.checked is not None, code
    assert "mailto:help@nspcc.org.uk" in [link.url for link in by_code["nspcc_cymru"].links]
    assert "84001" in by_code["meic"].body.en
    for code in ("nca_ceop", "report_remove", "take_it_down", "iwf_direct"):
        assert code in by_code, code
    assert "R-195" in by_code["nca_ceop"].requirements
    assert "R-183" in by_code["report_remove"].requirements


def test_no_web_address_is_invented() -> None:
    """The guidance text gives no web addresses: links are only its phone, text and email."""
    for entry in library.all_entries():
        for link in entry.links:
            assert re.fullmatch(r"(tel:\d+|sms:\d+|mailto:help@nspcc\.org\.uk)", link.url), link
        for text in (entry.body.en, entry.body.cy):
            assert "http" not in text and "www." not in text, entry.code


def test_r183_report_remove_and_take_it_down_are_explained() -> None:
    helplines = library.topic("helplines")
    assert helplines is not None
    by_code = {e.code: e for e in helplines.entries()}
    assert "confidential, not anonymous" in by_code["report_remove"].body.en
    assert "anonymous" in by_code["take_it_down"].body.en
    assert "not sure" in by_code["take_it_down"].body.en


def test_parent_advice_and_prompts_are_reused_from_the_rules_package() -> None:
    """R-185..R-192, R-141: the library shows the engine's own items, not copies."""
    parents = library.topic("parents-and-carers")
    talking = library.topic("talking-with-children")
    assert parents is not None and talking is not None
    scenario_entries = {e.code: e for e in parents.entries()}
    for scenario in PARENT_SCENARIOS:
        entry = scenario_entries[f"parents_{scenario}"]
        assert entry.points and entry.title.en == library.PARENT_SCENARIO_NAMES[scenario][0]
    talking_entries = {e.code: e for e in talking.entries()}
    assert talking_entries["question_prompts"].points == QUESTION_PROMPTS
    for group in SUPPORT_GROUPS:
        assert talking_entries[f"support_{group}"].points, group


def test_r141_prompts_do_not_ask_why() -> None:
    """R-141, R-036: the prompts themselves ask to describe, never 'why'."""
    texts = [p.text for p in QUESTION_PROMPTS if p.code != "avoid_why_questions"]
    assert "Describe what happened." in texts
    assert all(not t.lower().startswith("why") for t in texts)


def test_library_module_imports_no_django() -> None:
    names = support.imported_modules(LIBRARY_SOURCE)
    assert names
    assert [name for name in names if name.split(".")[0] == "django"] == []


def test_uncertain_welsh_is_marked_for_translators() -> None:
    content = Path(str(library.CONTENT))
    marked = [p for p in content.glob("*.yaml") if "# Translators: review —" in p.read_text()]
    assert marked


# --- the pages ------------------------------------------------------------------------------

TOPIC_SLUGS = [t.slug for t in library.TOPICS]


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_sign_in(client: Any) -> None:
    for path in ("/guidance/", "/guidance/helplines/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email",
    [
        "staff@example.org",
        "dsp@example.org",
        "head@example.org",
        "oversight@example.org",
        "admin@example.org",
    ],
)
def test_every_signed_in_role_can_read_the_library(sign_in: Callable[..., Any], email: str) -> None:
    client = sign_in(email)
    response = client.get("/guidance/")
    assert response.status_code == 200
    html = response.content.decode()
    for t in library.TOPICS:
        assert f'href="/guidance/{t.slug}/"' in html
    assert 'href="/guidance/"' in html  # the service navigation link


@pytest.mark.django_db
def test_index_is_not_writable(sign_in: Callable[..., Any]) -> None:
    client = sign_in("staff@example.org")
    assert client.post("/guidance/").status_code == 405
    assert client.post("/guidance/helplines/").status_code == 405


@pytest.mark.django_db
def test_unknown_topic_is_a_plain_404(sign_in: Callable[..., Any]) -> None:
    client = sign_in("staff@example.org")
    response = client.get("/guidance/no-such-topic/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _visible(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(html)


@pytest.mark.django_db
def test_each_topic_names_its_sections_and_links_the_official_guidance(
    sign_in: Callable[..., Any], settings: Any
) -> None:
    client = sign_in("staff@example.org")
    official = f'href="{settings.YMATEB_GUIDANCE_URL}"'
    for slug in TOPIC_SLUGS:
        response = client.get(f"/guidance/{slug}/")
        assert response.status_code == 200, slug
        html = _visible(response.content.decode())
        found = library.topic(slug)
        assert found is not None
        assert found.title.en in html
        for entry in found.entries():
            assert entry.title.en in html, entry.code
            assert f"From the guidance section ‘{entry.section}’" in html, entry.code
            assert f"Read ‘{entry.section}’ in the official guidance" in html, entry.code
            for point in entry.points:
                assert point.text in html, point.code
            for link in entry.links:
                assert f'href="{link.url}"' in html
        # One official link per block, plus the footer's and the side list's.
        assert html.count(official) >= len(found.entries()) + 2, slug


@pytest.mark.django_db
def test_each_topic_renders_in_welsh(sign_in: Callable[..., Any]) -> None:
    client = sign_in("dsp@example.org")
    response = client.post("/language/", {"language": "cy", "next": "/guidance/"})
    assert response.status_code == 302 and response["Location"] == "/guidance/"
    index = _visible(client.get("/guidance/").content.decode())
    assert 'lang="cy"' in index
    for slug in TOPIC_SLUGS:
        found = library.topic(slug)
        assert found is not None
        assert found.title.cy in index
        html = _visible(client.get(f"/guidance/{slug}/").content.decode())
        assert 'lang="cy"' in html
        assert found.title.cy in html
        for entry in found.entries():
            assert entry.title.cy in html, entry.code
            assert entry.paragraphs("cy")[0] in html, entry.code
            assert entry.paragraphs("en")[0] not in html, entry.code
            # The guidance's own heading is named, whatever the language.
            assert entry.section in html, entry.code
            for point in entry.points:
                assert point.text_cy in html, point.code


@pytest.mark.django_db
def test_parent_scenarios_are_named_on_the_page(sign_in: Callable[..., Any]) -> None:
    """R-189..R-191: the advice is grouped under the guidance's scenarios."""
    client = sign_in("dsp@example.org")
    html = _visible(client.get("/guidance/parents-and-carers/").content.decode())
    for scenario in PARENT_SCENARIOS:
        assert library.PARENT_SCENARIO_NAMES[scenario][0] in html
    assert "Report Remove" in html


@pytest.mark.django_db
def test_reading_the_library_writes_no_incident_audit(sign_in: Callable[..., Any]) -> None:
    """The library holds no incident data, so reading it records no incident view."""
    from ymateb.audit.models import AuditEvent

    client = sign_in("staff@example.org")
    before = AuditEvent.objects.count()
    assert client.get("/guidance/helplines/").status_code == 200
    assert AuditEvent.objects.count() == before
