"""No image or video, ever: no upload is accepted, no text field holds one.

The corpus (tests/records/media.py) is built in code. Every kind is sent to every URL of
the project as a file (with its own type, a wrong type and a harmless-looking name) and as
a raw body, and pasted into text fields as base64 and as a data: link. Each time it is
refused, and the database is left exactly as it was.
"""

from __future__ import annotations

import base64
import random
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

from tests.app_role import superuser
from tests.client import BrowserClient
from tests.records.media import MEDIA, MORE_MEDIA
from ymateb.records.image_headers import sniff
from ymateb.records.images import IMAGE_DATA_MESSAGE, find_image_data, refuse_image_data
from ymateb.ui.forms import YmatebForm

ALL_MEDIA = {**MEDIA, **MORE_MEDIA}
EN_REFUSAL = "Ymateb does not accept files"
EN_WHY = (
    "Never copy, upload or forward an image or video of a child, not even to the police. "
    "Describe it in words instead."
)


def welsh(text: str) -> str:
    with translation.override("cy"):
        return str(translation.gettext(text))


# ---------------------------------------------------------------------------------------
# Every URL of the project, with sample arguments


def _sample_for_regex(body: str) -> str:
    for candidate in ("accounts", "1", str(uuid.uuid4()), "x"):
        if re.fullmatch(body, candidate):
            return candidate
    raise AssertionError(f"no sample value for the pattern {body!r}")


ROUTE_SAMPLES = {"int": "1", "uuid": "0b3f5d2e-6a41-4c8e-9f7a-2d1c3b4a5e6f", "path": "x/y"}


def _route_sample(match: re.Match[str]) -> str:
    return ROUTE_SAMPLES.get(match.group(1) or "str", "x")


def _sample_path(parts: list[Any]) -> str:
    path = ""
    for pattern in parts:
        text = str(pattern)
        if hasattr(pattern, "converters"):  # RoutePattern: <converter:name>
            text = re.sub(r"<(?:(\w+):)?\w+>", _route_sample, text)
        else:  # RegexPattern: (?P<name>...)
            text = re.sub(
                r"\(\?P<\w+>([^()]*)\)", lambda m: _sample_for_regex(m.group(1)), text
            ).strip("^$")
        path += text
    return "/" + path


def _walk(patterns: list[Any], prefix: list[Any]) -> Iterator[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, [*prefix, entry.pattern])
        elif isinstance(entry, URLPattern):
            yield _sample_path([*prefix, entry.pattern]), entry.name or str(entry.pattern)


def every_url() -> list[str]:
    paths = sorted({path for path, _name in _walk(get_resolver().url_patterns, [])})
    for path in paths:
        resolve(path)  # every sample path reaches a view
    return paths


def snapshot(*, sessions: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove a request changed nothing at all (read as the
    superuser, whom no row-level-security policy hides a row from)."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    with superuser():
        for model in apps.get_models():
            if not sessions and model._meta.label == "sessions.Session":
                continue
            if model._meta.managed and not model._meta.proxy:
                rows[model._meta.label] = sorted(
                    (tuple(map(str, r)) for r in model._base_manager.values_list()),
                )
    return rows


def test_every_url_is_enumerated() -> None:
    urls = every_url()
    assert "/sign-in/" in urls and "/language/" in urls and "/healthz" in urls
    assert any(u.startswith("/admin/") for u in urls)
    assert len(urls) > 20


# ---------------------------------------------------------------------------------------
# Uploads: refused before Django reads them


def _multipart_variants(kind: str) -> list[tuple[str, str, bytes]]:
    make, content_type, name = ALL_MEDIA[kind]
    data = make()
    return [
        (name, content_type, data),  # what it is
        (name, "text/plain", data),  # a wrong type
        (name, "application/octet-stream", data),
        ("notes.txt", "text/plain", data),  # renamed to look harmless
    ]


def _multipart_body(filename: str, content_type: str, data: bytes) -> tuple[bytes, str]:
    boundary = "ymatebtestboundary"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="note"\r\n\r\n'
            "a note\r\n"
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize("kind", sorted(ALL_MEDIA))
def test_every_url_refuses_the_file_however_it_is_sent(demo: Any, kind: str) -> None:
    client = BrowserClient()
    before = snapshot()
    make, content_type, _name = ALL_MEDIA[kind]
    data = make()
    assert sniff(data) is not None
    for path in every_url():
        for filename, file_type, payload in _multipart_variants(kind):
            body, multipart = _multipart_body(filename, file_type, payload)
            response = client.generic("POST", path, body, content_type=multipart)
            assert response.status_code == 415, (kind, path, filename, file_type)
        # Any method: a PUT, a PATCH, even a GET carrying a file is refused too.
        for method in ("PUT", "PATCH", "GET"):
            response = client.generic(method, path, body, content_type=multipart)
            assert response.status_code == 415, (kind, path, method)
        # The file as the whole body: with its own type, and with a type that hides it.
        for raw_type in (content_type, "application/octet-stream", "text/plain"):
            response = client.generic("POST", path, data, content_type=raw_type)
            assert response.status_code == 415, (kind, path, raw_type)
    assert snapshot() == before


def test_the_django_test_client_file_upload_is_refused(demo: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    client = Client()  # Django's own client, which posts multipart: on purpose here
    before = snapshot()
    upload = SimpleUploadedFile("notes.txt", MEDIA["jpeg"][0](), content_type="text/plain")
    response = client.post("/sign-in/", {"email": "staff@example.org", "file": upload})
    assert response.status_code == 415
    assert snapshot() == before


def test_a_signed_in_upload_changes_nothing(sign_in: Callable[..., Any]) -> None:
    client = sign_in("dsp@example.org")
    before = snapshot()
    body, multipart = _multipart_body("photo.png", "image/png", MEDIA["png"][0]())
    for path in ("/dashboard/", "/admin/", "/sign-out/"):
        response = client.generic("POST", path, body, content_type=multipart)
        assert response.status_code == 415
        assert not response.cookies
    assert snapshot() == before
    # Still signed in: the refusal did not touch the session.
    assert client.get("/dashboard/").status_code == 200


def test_refusal_page_says_why_in_english(db: Any) -> None:
    body, multipart = _multipart_body("photo.jpg", "image/jpeg", MEDIA["jpeg"][0]())
    response = BrowserClient().generic("POST", "/sign-in/", body, content_type=multipart)
    assert response.status_code == 415
    page = response.content.decode()
    assert EN_REFUSAL in page
    assert EN_WHY in page
    assert response["Content-Language"] == "en"
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_refusal_page_says_why_in_welsh(db: Any) -> None:
    client = BrowserClient()
    assert client.post("/language/", {"language": "cy"}).status_code == 302
    body, multipart = _multipart_body("photo.jpg", "image/jpeg", MEDIA["jpeg"][0]())
    response = client.generic("POST", "/sign-in/", body, content_type=multipart)
    assert response.status_code == 415
    page = response.content.decode()
    assert welsh(EN_REFUSAL) != EN_REFUSAL
    assert welsh(EN_REFUSAL) in page.replace("&#39;", "'")
    assert welsh(EN_WHY) in page.replace("&#39;", "'")
    assert EN_WHY not in page
    assert 'lang="cy"' in page
    assert response["Content-Language"] == "cy"


def test_middleware_runs_before_anything_reads_the_body() -> None:
    middleware = settings.MIDDLEWARE
    ours = middleware.index("ymateb.records.middleware.RefuseUploadsMiddleware")
    assert middleware[ours - 1] == "django.middleware.security.SecurityMiddleware"
    assert ours == 1
    assert settings.FILE_UPLOAD_HANDLERS == []
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 0


def test_a_file_that_gets_past_the_middleware_is_still_refused() -> None:
    """Belt and braces: with no upload handler and no file allowed, Django refuses it."""
    from django.core.exceptions import TooManyFilesSent

    body, multipart = _multipart_body("photo.jpg", "image/jpeg", MEDIA["jpeg"][0]())
    request = RequestFactory().generic("POST", "/sign-in/", body, content_type=multipart)
    with pytest.raises(TooManyFilesSent):
        request.POST  # noqa: B018 (parsing is the point)


def test_ordinary_form_posts_still_work(demo: Any) -> None:
    response = BrowserClient().post(
        "/sign-in/", {"email": "staff@example.org", "password": "not the password"}
    )
    assert response.status_code == 200
    assert "The email address or password is not right" in response.content.decode()


# ---------------------------------------------------------------------------------------
# Refused uploads about an incident are recorded in the audit trail


def test_a_refused_upload_about_an_incident_is_audited(
    sign_in: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("ymateb.records.middleware.audit", lambda **kw: calls.append(kw) or True)
    client = sign_in("dsp@example.org")
    body, multipart = _multipart_body("photo.jpg", "image/jpeg", MEDIA["jpeg"][0]())
    incident_id = str(uuid.uuid4())
    assert client.generic("POST", "/dashboard/", body, content_type=multipart).status_code == 415
    assert calls == []  # not about an incident
    path = f"/incidents/{incident_id}/"
    assert client.generic("POST", path, body, content_type=multipart).status_code == 415
    assert len(calls) == 1
    call = calls[0]
    assert call["action"] == "refused"
    assert call["object_type"] == "incident"
    assert call["object_id"] == incident_id
    assert call["detail"] == {"reason": "upload"}
    assert call["actor"].email == "dsp@example.org"
    # Signed out, nothing is recorded (there is nobody to record).
    anonymous = BrowserClient()
    assert anonymous.generic("POST", path, body, content_type=multipart).status_code == 415
    assert len(calls) == 1


def test_a_refused_upload_is_in_the_real_audit_trail(
    demo: Any, sign_in: Callable[..., Any]
) -> None:
    from django.core.management import call_command

    from tests.factories import IncidentFactory
    from ymateb.audit.models import AuditEvent

    incident = IncidentFactory(setting=demo, reference="AUD-1")
    client = sign_in("dsp@example.org")
    body, multipart = _multipart_body("photo.jpg", "image/jpeg", MEDIA["jpeg"][0]())
    response = client.generic("POST", f"/incidents/{incident.pk}/", body, content_type=multipart)
    assert response.status_code == 415
    event = AuditEvent.objects.get(action="refused", object_id=str(incident.pk))
    assert event.object_type == "incident"
    assert event.detail == {"reason": "upload"}
    assert event.actor is not None and event.actor.email == "dsp@example.org"
    assert event.setting_id == demo.pk
    call_command("audit", "verify")


# ---------------------------------------------------------------------------------------
# Text that carries an image: refused by every form and every encrypted field


def _encodings(data: bytes) -> dict[str, str]:
    plain = base64.b64encode(data).decode()
    url_safe = base64.urlsafe_b64encode(data).decode().rstrip("=")
    return {
        "base64": plain,
        "base64 url-safe": url_safe,
        "base64 in lines of 76": "\n".join(plain[i : i + 76] for i in range(0, len(plain), 76)),
        "base64 in lines of 64 (CRLF)": "\r\n".join(
            plain[i : i + 64] for i in range(0, len(plain), 64)
        ),
        "base64 inside a sentence": f"She sent me this: {plain} and then deleted it.",
        "base64 in JSON": f'{{"photo":"{plain}"}}',
        "data: link": f"data:{'image/jpeg'};base64,{plain}",
        "data: link in prose": f"the link was data:image/png;base64,{plain} I think",
    }


@pytest.mark.parametrize("kind", sorted(ALL_MEDIA))
def test_base64_and_data_links_are_recognised(kind: str) -> None:
    data = ALL_MEDIA[kind][0]()
    for how, text in _encodings(data).items():
        assert find_image_data(text) is not None, (kind, how)
        with pytest.raises(ValidationError) as caught:
            refuse_image_data(text)
        assert caught.value.code == "image_data"


@pytest.mark.parametrize(
    "text",
    [
        "data:,Hello%2C%20World",
        "data:text/plain;base64,SGVsbG8sIFdvcmxkIQ==",
        "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'></svg>",
        "DATA:IMAGE/PNG;BASE64,AAAA",
        "data:application/pdf;base64,JVBERi0xLjQK",
    ],
)
def test_any_data_link_is_refused(text: str) -> None:
    assert find_image_data(text) == "data-uri"


def test_raw_image_bytes_pasted_as_text_are_refused() -> None:
    for kind in ("jpeg", "png", "gif", "webp", "heic", "avif", "mp4", "mov", "webm"):
        text = "before " + MEDIA[kind][0]().decode("latin-1") + " after"
        assert find_image_data(text) in ("raw", "control"), kind


ORDINARY_TEXT = [
    "She told me that a boy in Year 10 had asked her for a picture and she sent one.",
    "Dywedodd hi wrtha i fod bachgen ym Mlwyddyn 10 wedi gofyn am lun a'i bod wedi anfon un.",
    "Mae'r ysgol wedi rhoi gwybod i'r rhieni ac i'r heddlu. Ni welodd neb y ddelwedd.",
    "Crime reference 12345678/24, NP-20240312-0042, 01/ABC/123456/24, PC 1234 Jones.",
    "https://www.example.org/some/very/long/path/to/a/page/that/goes/on/and/on/and/on"
    "?query=string&with=lots&of=parameters&abcdefghijklmnopqrstuvwxyz=0123456789",
    "https://hwb.gov.wales/zones/keeping-safe-online/welsh-government-guidance/"
    "sharing-nudes-and-semi-nudes-responding-to-incidents-and-safeguarding-children",
    "Incident 7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b was closed on 2026-11-26T08:41:00Z.",
    "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "The police said the data: they had would be enough; metadata: none.",
    "Llanfairpwllgwyngyllgogerychwyndrobwllllantysiliogogogoch is a long place name.",
    "Pennsylvania/Mississippi/Constantinople/Supercalifragilisticexpialidocious/words",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
]


def test_what_the_old_check_let_through_is_refused_now() -> None:
    """The limits the header check had (tests/records/test_image_corpus.py has the rest):
    lines shorter than 16 characters, an image part-way into other base64, an image
    inside another file, and long encoded data of any kind."""
    jpeg = base64.b64encode(MEDIA["jpeg"][0]()).decode()
    texts = {
        "lines of 8": "\n".join(jpeg[i : i + 8] for i in range(0, len(jpeg), 8)),
        "part-way": base64.b64encode(b"\x01\x02" + MEDIA["png"][0]()).decode(),
        "encoded text": base64.b64encode(
            b"This is a text document, not an image, and it is refused as encoded data."
        ).decode(),
        "an encrypted token": Fernet(Fernet.generate_key()).encrypt(b"a secret").decode(),
    }
    for how, text in texts.items():
        assert find_image_data(text) is not None, how
        with pytest.raises(ValidationError):
            refuse_image_data(text)


WORDS = (
    "the a child told me she he they phone picture photo snapchat school teacher police "
    "parent friend year group said sent shared deleted asked Tuesday morning after lunch "
    "mae plentyn dywedodd wrtha i ffôn llun ysgol athro heddlu rhiant ffrind blwyddyn "
    "anfonodd rhannodd dilëodd gofynnodd bore dydd Mawrth ar ôl cinio delweddau noeth "
    "hanner 10 11 12 2026 999 Year 9 Bl 8 DSP CSE NSPCC Childline Report Remove"
).split()


def test_ordinary_writing_is_never_refused() -> None:
    for text in ORDINARY_TEXT:
        assert find_image_data(text) is None, text
    rng = random.Random(2026)
    for _ in range(2000):
        words = [rng.choice(WORDS) for _ in range(rng.randint(5, 120))]
        gaps = [rng.choice([" ", " ", " ", "\n", ", ", ". ", "/", "-"]) for _ in words]
        text = "".join(w + g for w, g in zip(words, gaps, strict=True))
        assert find_image_data(text) is None, text


class StatementForm(YmatebForm):
    statement = forms.CharField(widget=forms.Textarea)
    reference = forms.CharField(required=False, max_length=40)
    count = forms.IntegerField(required=False)


def test_every_text_field_of_a_ymateb_form_refuses_image_data() -> None:
    jpeg = base64.b64encode(MEDIA["jpeg"][0]()).decode()
    for text in (jpeg, f"data:image/jpeg;base64,{jpeg}"):
        form = StatementForm({"statement": text, "reference": ""})
        assert not form.is_valid()
        assert form.errors["statement"] == [str(IMAGE_DATA_MESSAGE)]
        assert form.has_error("statement", code="image_data")
    form = StatementForm({"statement": "What she said, in words.", "reference": jpeg})
    assert not form.is_valid()
    assert list(form.errors) == ["reference"]
    ok = StatementForm({"statement": "What she said, in words.", "reference": "NP/123/24"})
    assert ok.is_valid(), ok.errors


def test_the_sign_in_form_refuses_image_data_and_says_why(demo: Any) -> None:
    png = base64.b64encode(MEDIA["png"][0]()).decode()
    before = snapshot(sessions=False)  # showing a form may start an (empty) session
    for password in (png, f"data:image/png;base64,{png}"):
        client = BrowserClient()
        response = client.post("/sign-in/", {"email": "staff@example.org", "password": password})
        assert response.status_code == 200
        page = response.content.decode().replace("&#39;", "'")
        assert "Ymateb never holds an image or video of a child." in page
        assert "Describe what it showed in words instead." in page
        assert "_auth_user_id" not in client.session
        client.post("/language/", {"language": "cy"})
        response = client.post("/sign-in/", {"email": "staff@example.org", "password": password})
        page = response.content.decode().replace("&#39;", "'")
        assert welsh(str(IMAGE_DATA_MESSAGE)) in page
    assert snapshot(sessions=False) == before


def test_encrypted_fields_refuse_image_data(demo: Any) -> None:
    from ymateb.accounts.models import User
    from ymateb.incidents.models import Incident, IncidentChild

    gif = base64.b64encode(MEDIA["gif"][0]()).decode()
    incident = Incident(
        setting=demo,
        reference="T-1",
        reported_by=User.objects.get(email="staff@example.org"),
        came_to_light="child_told",
        account=f"She showed me data:image/gif;base64,{gif}",
    )
    with pytest.raises(ValidationError) as caught:
        incident.full_clean()
    assert caught.value.error_dict["account"][0].code == "image_data"
    incident.account = "She told me what happened, in her own words."
    incident.full_clean()  # words are fine

    child = IncidentChild(incident=incident, ref="A", name=gif, date_of_birth=gif)
    with pytest.raises(ValidationError) as caught:
        child.full_clean(exclude=["incident"])
    assert caught.value.error_dict["name"][0].code == "image_data"
    assert caught.value.error_dict["date_of_birth"][0].code == "image_data"
    assert not Incident.objects.exists()
    assert not IncidentChild.objects.exists()
