"""The test client the suite uses: one that posts a form the way a browser posts a Ymateb form.

Ymateb refuses every multipart request with 415 (no files, ever; see
ymateb.records.middleware). A browser posts a Ymateb form urlencoded, since no Ymateb form has a
file input, but Django's test client posts a dict as multipart unless told otherwise. So
BrowserClient posts a dict urlencoded, as the browser would, unless the dict carries a file: a
test that sends a file (or a multipart body through `generic`, or an explicit content type)
sends what it asked for, so the tests that prove multipart is refused still send multipart.
"""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.test.client import MULTIPART_CONTENT
from django.utils.http import urlencode

FORM_CONTENT = "application/x-www-form-urlencoded"


def _has_file(data: dict[str, Any]) -> bool:
    values = list(data.values())
    values += [item for value in values if isinstance(value, list | tuple) for item in value]
    return any(hasattr(value, "read") for value in values)


class BrowserClient(Client):
    """django.test.Client whose `post` sends a dict of fields as a browser sends a form."""

    def post(  # type: ignore[override]
        self,
        path: str,
        data: Any = None,
        content_type: str = MULTIPART_CONTENT,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if content_type == MULTIPART_CONTENT and (data is None or isinstance(data, dict)):
            if data is None or not _has_file(data):
                data, content_type = urlencode(data or {}, doseq=True), FORM_CONTENT
        return super().post(path, data, content_type, *args, **kwargs)


def current_code() -> str:
    """The demo accounts' authenticator code for now."""
    from django_otp.oath import totp

    from ymateb.web.demo import demo_totp_key_hex

    return f"{totp(bytes.fromhex(demo_totp_key_hex())):06d}"


def signed_in(email: str | None, client: BrowserClient | None = None) -> tuple[BrowserClient, Any]:
    """A client signed in as the demo account with that email (password, then the code if
    asked for one), and the last response; `None` gives a client nobody signed in to."""
    from ymateb.web.demo import DEMO_PASSWORD

    client = client or BrowserClient()
    if email is None:
        return client, None
    response = client.post("/sign-in/", {"email": email, "password": DEMO_PASSWORD})
    if response.status_code == 302 and response["Location"].endswith("/sign-in/code/"):
        response = client.post("/sign-in/code/", {"token": current_code()})
    return client, response
