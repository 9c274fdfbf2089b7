"""The guidance library's pages: open to everyone signed in, whatever their role.

They show no incident data, so reading them is not audited. The content is plain data in
:mod:`ymateb.guidance.library`; these views only pick the user's language.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from ymateb.guidance import library as lib


def _language() -> str:
    return "cy" if (get_language() or "").startswith("cy") else "en"


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    language = _language()
    topics = [
        {"slug": t.slug, "title": t.title(language), "summary": t.summary(language)}
        for t in lib.TOPICS
    ]
    return render(request, "guidance/library.html", {"topics": topics})


def _entry(entry: lib.Entry, language: str) -> dict[str, Any]:
    return {
        "code": entry.code,
        "section": entry.section,
        "title": entry.title(language),
        "paragraphs": entry.paragraphs(language),
        "points": [lib.point_text(p, language) for p in entry.points],
        "links": [{"text": link.label(language), "href": link.url} for link in entry.links],
        "checked": entry.checked,
    }


@login_required
@require_GET
def topic(request: HttpRequest, topic: str) -> HttpResponse:
    found = lib.topic(topic)
    if found is None:
        raise Http404("no such guidance topic")
    language = _language()
    groups = [
        {
            "code": group.code,
            "title": group.title(language),
            "entries": [_entry(e, language) for e in group.entries],
        }
        for group in found.groups
    ]
    others = [{"slug": t.slug, "title": t.title(language)} for t in lib.TOPICS if t.slug != topic]
    context = {
        "topic": {
            "slug": found.slug,
            "title": found.title(language),
            "summary": found.summary(language),
        },
        "groups": groups,
        "others": others,
    }
    return render(request, "guidance/topic.html", context)
