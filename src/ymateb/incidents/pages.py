"""What every page of the incident journey shares: who may change the incident, the version
a form was built from, and the one way a page saves a change and says what went wrong.

A page calls a service write through `attempt`. Whatever the write refuses comes back as
the same words on every page:
- the incident was closed in the meantime: `CLOSED`, status 400;
- someone else saved it since the page was opened: the changes they made, status 409;
- the workflow does not allow the step: the reason in plain words, status 400;
- a rule of the guidance refuses the change (`changes.Refused`): the message beside the
  field it concerns, or at the top of the page, status 400.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ymateb.accounts.models import User
from ymateb.accounts.requests import SignedInRequest
from ymateb.incidents import access, reads, workflow
from ymateb.incidents.access import Permission
from ymateb.incidents.changes import IncidentClosed, IncidentConflict, Refused, Who
from ymateb.incidents.models import Incident, IncidentEvent
from ymateb.ui.forms import YmatebForm

T = TypeVar("T")

CLOSED = gettext_lazy(
    "This incident is closed: its record cannot be changed. Add an addendum for anything new."
)

#: Why the workflow refused a step (workflow.IllegalTransition.why), in plain words.
WHY = {
    "not_from_this_state": gettext_lazy("That step is not possible at this stage of the incident."),
    "reason_required": gettext_lazy("Give a reason for that step."),
    "decision_recorded": gettext_lazy(
        "A decision has been recorded at the initial review, so this incident can no longer "
        "be closed as outside this guidance. It closes after a referral or after leadership "
        "signs off the decision."
    ),
}
STEP_NOT_POSSIBLE = gettext_lazy("That step is not possible.")


def transition_problem(
    exc: workflow.IllegalTransition, words: Mapping[str, Any] | None = None
) -> str:
    """Why the workflow refused a step; `words` lets a page say it its own way."""
    return str({**WHY, **(words or {})}.get(exc.why, STEP_NOT_POSSIBLE))


def can_change(user: User | Any, incident: Incident) -> bool:
    """Whether the person may change this incident (the setting's DSP or deputy; leadership
    and others may only read it). The one question every page of the journey asks."""
    return access.has_permission(user, Permission.CHANGE_INCIDENT, incident.setting_id)


def require_change(request: SignedInRequest, incident: Incident) -> None:
    """403 for someone who may read the incident but not change it."""
    if not can_change(request.user, incident):
        raise PermissionDenied


IncidentView = Callable[..., HttpResponse]


def incident_page(
    what: str = "incident",
    *,
    change: Literal["never", "post", "always"] = "never",
    methods: Sequence[str] = ("GET",),
) -> Callable[[IncidentView], IncidentView]:
    """A page about one incident, for a signed-in person, answering only `methods` (405
    otherwise). The view receives the incident, read through the access layer with its
    audit row (`reads.view_incident`; 404 for anyone who may not read it). `change` says
    when the person must also be allowed to change it (403 otherwise): "always" for a page
    that only exists to change it, "post" for a page others may read."""

    def decorate(view: IncidentView) -> IncidentView:
        @functools.wraps(view)
        def page(request: SignedInRequest, incident_id: str, **kwargs: Any) -> HttpResponse:
            incident = reads.view_incident(
                user=request.user, incident_id=incident_id, request=request, what=what
            )
            if change == "always" or (change == "post" and request.method == "POST"):
                require_change(request, incident)
            return view(request, incident, **kwargs)

        return login_required(require_http_methods(list(methods))(page))

    return decorate


class VersionedForm(YmatebForm):
    """A form that carries the version of the incident it was built from, so that a save
    made since is shown to the person instead of being overwritten (no lost updates)."""

    # Optional: a request without it (a script, an old page) is saved without the check.
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


@dataclass
class Attempt(Generic[T]):
    """The result of one save: the service's return value, or what to tell the person."""

    value: T | None = None
    ok: bool = False
    status: int = 200
    closed: bool = False
    problem: str | None = None
    conflict: list[IncidentEvent] | None = None
    conflict_version: int | None = None
    context: dict[str, Any] = field(default_factory=dict)


def attempt(
    save: Callable[[], T],
    form: forms.Form | None = None,
    words: Mapping[str, Any] | None = None,
) -> Attempt[T]:
    """Run a service write and turn each way it can be refused into words for the page.

    `result.context` holds `problem`, `conflict` and `conflict_version` for the template
    (the shared conflict and error panels read exactly these names). A step the person's
    role may not take is a 403, as for any other page they may not use.
    """
    try:
        return Attempt(value=save(), ok=True)
    except IncidentConflict as exc:
        return _failed(409, conflict=exc.since, conflict_version=exc.incident.version)
    except IncidentClosed:
        result: Attempt[T] = _failed(400, problem=str(CLOSED), closed=True)
        result.closed = True
        return result
    except workflow.IllegalTransition as exc:
        if exc.why == "role_not_allowed":
            raise PermissionDenied from exc
        return _failed(400, problem=transition_problem(exc, words))
    except Refused as exc:
        if form is not None and exc.field and exc.field in form.fields:
            form.add_error(exc.field, str(exc.message))
            return _failed(400)
        return _failed(400, problem=str(exc.message))


def _failed(status: int, **context: Any) -> Attempt[Any]:
    return Attempt(
        status=status,
        problem=context.get("problem"),
        conflict=context.get("conflict"),
        conflict_version=context.get("conflict_version"),
        context={k: v for k, v in context.items() if v is not None},
    )


def posted(request: HttpRequest) -> Any:
    """The data a form is bound to: what was posted, or nothing for a GET."""
    return request.POST if request.method == "POST" else None


@dataclass(frozen=True)
class FormPage:
    """The page of one form of the journey, declared once beside its view: the template it
    shows, where the person goes once the save has gone through (the name of an incident
    page, or a function of what the save returned that gives the response), a message to
    show when it has, and words of its own for a step the workflow refuses."""

    template: str
    done: str | Callable[[Any], HttpResponse]
    saved: Any = None
    words: Mapping[str, Any] | None = None

    def show(
        self,
        request: SignedInRequest,
        incident: Incident,
        form: forms.Form,
        save: Callable[[dict[str, Any]], Any],
        context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
    ) -> HttpResponse:
        """A GET shows the page; a POST that does not validate shows it with the form's
        errors (status 400: nothing was saved). A valid POST calls `save` with the cleaned
        data; if the save goes through, the person goes on to `done`; if it is refused, the
        page comes back with what went wrong (see `attempt`) and its status. `context` may
        be a function, called after the save, for pages that show what the form holds."""
        status = 200
        failed: dict[str, Any] = {}
        if request.method == "POST" and not form.is_valid():
            status = 400
        elif request.method == "POST":
            result = attempt(lambda: save(form.cleaned_data), form, self.words)
            if result.ok:
                if self.saved is not None:
                    messages.success(request, str(self.saved))
                if isinstance(self.done, str):
                    return redirect(self.done, incident_id=incident.pk)
                return self.done(result.value)
            failed, status = result.context, result.status
        if context is None:
            context = {}
        page = dict(context() if callable(context) else context)
        page.setdefault("form", form)
        page.setdefault("incident", incident)
        page.update(failed)
        return render(request, self.template, page, status=status)


def pick(data: Mapping[str, Any], *names: str, **renamed: str) -> dict[str, Any]:
    """The cleaned data a service write takes: `names` as they are in the form, and
    `renamed` as service argument = form field (`deadline="deadline_date"`)."""
    return {name: data.get(name) for name in names} | {
        argument: data.get(field) for argument, field in renamed.items()
    }


def change_of(request: SignedInRequest, incident: Incident, data: Mapping[str, Any]) -> Who:
    """The person, the incident, the request and the version the form was built from, for
    a service write: `services.referral_record(**pages.change_of(request, incident, data), ...)`."""
    return {
        "by": request.user,
        "incident_id": incident.pk,
        "request": request,
        "expected_version": data.get("version"),
    }


def incident_path(route: str, view: IncidentView, name: str) -> URLPattern:
    """The address of a page about one incident: `route` below incidents/<incident id>/."""
    return path(f"incidents/<uuid:incident_id>/{route}", view, name=name)
