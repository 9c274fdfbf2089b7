"""No uploads, ever: every request that carries a file is refused before Django reads it;
and a text value that carries one, refused at storage, changes nothing.

Placed straight after SecurityMiddleware, so a multipart body (the only way a browser form
sends a file) or an image or video body is refused with 415 before sessions, CSRF or any
view parse it, and nothing is written anywhere: no temporary file, no session change, no
row. The settings back this up (FILE_UPLOAD_HANDLERS = [], DATA_UPLOAD_MAX_NUMBER_FILES = 0).

A request that may write (any method but GET, HEAD, OPTIONS, TRACE) runs in one
transaction. If a text value about to be saved carries image or encoded file data
(`ymateb.records.guard.ImageDataRefused`, raised wherever it is saved from), the whole
transaction is rolled back and the person gets a 400 page in their language saying why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

from ymateb.audit.services import audit

if TYPE_CHECKING:  # accounts is a floor above: its User is named, never imported at runtime
    from ymateb.accounts.models import User
from ymateb.records import rls
from ymateb.records.guard import ImageDataRefused
from ymateb.records.image_headers import sniff
from ymateb.records.images import IMAGE_DATA_MESSAGE

logger = logging.getLogger(__name__)


def _no_setting(incident_id: str) -> int | None:
    return None


#: The setting of the incident named in a refused request's address, for its audit row.
#: `records` sits below `incidents` and does not import it: the incidents app puts its own
#: lookup here when it is ready (IncidentsConfig.ready).
setting_of_incident: Callable[[str], int | None] = _no_setting

# Declared types of a body that is a picture or a film, whatever its content.
REFUSED_TYPE_PREFIXES = ("multipart/", "image/", "video/")
REFUSED_TYPES = frozenset(
    {
        "application/mp4",
        "application/vnd.apple.mpegurl",
        "application/x-mpegurl",
        "application/dash+xml",
    }
)
REFUSED_MARK = "_ymateb_image_data_refused"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Bytes of the body read to recognise an image or video sent under another type.
SNIFF_BYTES = 512


def declared_type(request: HttpRequest) -> str:
    header = str(request.META.get("CONTENT_TYPE", ""))
    return header.split(";", 1)[0].strip().lower()


def is_refused_type(content_type: str) -> bool:
    return content_type.startswith(REFUSED_TYPE_PREFIXES) or content_type in REFUSED_TYPES


def body_is_media(request: HttpRequest) -> bool:
    """Whether the body starts like an image or video, whatever type it claims to be."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    if length <= 0:
        return False
    # Bounded by DATA_UPLOAD_MAX_MEMORY_SIZE (a larger body is refused with 400), and kept
    # in memory only: a form view reads request.POST from these same bytes.
    return sniff(request.body[:SNIFF_BYTES]) is not None


class RefuseUploadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_refused_type(declared_type(request)) or body_is_media(request):
            return refuse_upload(request)
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if getattr(request, REFUSED_MARK, False):
                # Nothing of this request is kept: not the row, nor anything saved before it
                # (rolled back here, once the inner middleware have finished with the database).
                transaction.set_rollback(True)
            return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ImageDataRefused):
            return None
        setattr(request, REFUSED_MARK, True)  # __call__ rolls the request back
        logger.warning("refused image or encoded data in %s", exception.where)
        response = render(
            request,
            "web/errors/image_data.html",
            {"message": IMAGE_DATA_MESSAGE},
            status=400,
        )
        response["Cache-Control"] = "no-store, private"
        return response


def refuse_upload(request: HttpRequest) -> HttpResponse:
    """The 415 page, in the person's language, with the headers the page shell relies on."""
    # This runs before LocaleMiddleware, so the language comes from the cookie or browser.
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = render(request, "web/errors/415.html", status=415)
    response["Content-Language"] = language
    response["Cache-Control"] = "no-store, private"
    response["X-Frame-Options"] = "DENY"
    _add_content_security_policy(request, response)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    try:
        _audit_refusal(request)
    except Exception:  # the upload is refused whether or not the audit row is written
        logger.exception("could not record a refused upload in the audit trail")
    return response


def _add_content_security_policy(request: HttpRequest, response: HttpResponse) -> None:
    # CSPMiddleware comes later in MIDDLEWARE, so it never sees this response.
    from csp.middleware import CSPMiddleware

    CSPMiddleware(lambda _request: response).process_response(request, response)


def _incident_id(request: HttpRequest) -> str | None:
    """The incident a request is about ("" for a new one), or None if it is not about one."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if "incidents" not in match.namespaces:
        return None
    return str(match.kwargs.get("incident_id", ""))


def _signed_in_user(request: HttpRequest) -> User | None:
    """The signed-in person, read from the session without changing it."""
    from django.contrib.auth import get_user

    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return None
    engine = import_module(settings.SESSION_ENGINE)
    request.session = engine.SessionStore(session_key)
    user = get_user(request)
    return user if user.is_authenticated else None


def _audit_refusal(request: HttpRequest) -> None:
    incident_id = _incident_id(request)
    if incident_id is None:
        return
    user = _signed_in_user(request)
    if user is None:
        return
    request.user = user
    # This runs before the request's own scope is set (rls.SettingScopeMiddleware comes
    # later): the incident's setting is looked up within the person's settings.
    with rls.scoped(rls.settings_of(user)):
        setting_id = setting_of_incident(incident_id) if incident_id else None
        audit(
            actor=user,
            action="refused",
            object_type="incident",
            object_id=incident_id,
            setting_id=setting_id,
            request=request,
            detail={"reason": "upload"},
        )
