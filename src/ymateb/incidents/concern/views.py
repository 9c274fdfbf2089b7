"""Reporting a concern: the form any member of staff fills in, their receipt, and the DSP's
acknowledgement of the alert ("Disclosure", "Initial response")."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ymateb.accounts.models import User
from ymateb.accounts.requests import SignedInRequest
from ymateb.incidents import access, pages
from ymateb.incidents.access import Permission
from ymateb.incidents.concern import services
from ymateb.incidents.concern.forms import ChildFormSet, ConcernForm, children_errors
from ymateb.tenancy.models import Setting

CHILDREN_MAX = 30  # the formset's max_num


def _report_settings(user: User) -> list[tuple[int, str]]:
    ids = access.setting_ids_with(user, Permission.REPORT_CONCERN)
    return [(s.pk, s.display_name()) for s in Setting.objects.filter(pk__in=ids).order_by("name")]


def _rows_after_adding(count: str) -> tuple[int, str]:
    """The number of child rows to show after "Add another child", and what went wrong.

    The count comes from the page (the formset's management form), so it may be anything:
    a count that is not a whole number from 1 to 30 is not trusted (one row is shown,
    keeping what was typed in it), and the list stops at the formset's 30 children.
    """
    from django.utils.translation import gettext as _

    count = str(count or "1").strip()
    if not (count.isascii() and count.isdigit() and len(count) <= 2 and 1 <= int(count) <= 30):
        return 1, _(
            "The list of children was not sent correctly, so it has been started again. "
            "Check the children below, then add another if you need to."
        )
    rows = int(count)
    if rows >= CHILDREN_MAX:
        return CHILDREN_MAX, _("Enter 30 children or fewer; add more in the record later")
    return rows + 1, ""


@login_required
@require_http_methods(["GET", "POST"])
def report_concern(request: SignedInRequest) -> HttpResponse:
    choices = _report_settings(request.user)
    if not choices:
        raise PermissionDenied
    data: QueryDict | None = pages.posted(request)
    if data is not None and "add_child" in data:
        # "Add another child": show one more row, keep what was typed, check nothing yet.
        data = data.copy()
        rows, problem = _rows_after_adding(data.get("child-TOTAL_FORMS", "1"))
        data["child-TOTAL_FORMS"] = str(rows)
        form = ConcernForm(data, settings_choices=choices)
        children = ChildFormSet(data, prefix="child")
        return render(
            request,
            "incidents/concern/report.html",
            {
                "form": form,
                "children": children,
                "checked": False,
                "extra_errors": [{"text": problem, "href": "#id_child-0-name"}] if problem else [],
            },
        )
    form = ConcernForm(data, settings_choices=choices)
    children = ChildFormSet(data, prefix="child")
    if data is not None:
        form_ok = form.is_valid()
        children_ok = children.is_valid()
        if form_ok and children_ok:
            incident = services.concern_report(
                by=request.user,
                setting_id=form.cleaned_data["setting"],
                came_to_light=form.cleaned_data["came_to_light"],
                occurred_at=form.cleaned_data.get("occurred_at"),
                account=form.cleaned_data["account"],
                saw_image=form.cleaned_data["saw_image"],
                children=[
                    services.ChildInput(
                        name=c.cleaned_data["name"],
                        known_as=c.cleaned_data.get("known_as", ""),
                        year_group=c.cleaned_data.get("year_group", ""),
                        age=c.cleaned_data.get("age"),
                        date_of_birth=c.cleaned_data.get("date_of_birth"),
                    )
                    for c in children.forms
                ],
                request=request,
            )
            return redirect("incidents:receipt", incident_id=incident.pk)
    return render(
        request,
        "incidents/concern/report.html",
        {
            "form": form,
            "children": children,
            "checked": data is not None,
            "extra_errors": children_errors(children) if data is not None else [],
        },
    )


@login_required
@require_GET
def receipt(request: SignedInRequest, incident_id: str) -> HttpResponse:
    row = services.receipt(request.user, incident_id)
    return render(request, "incidents/concern/receipt.html", {"receipt": row})


@login_required
@require_POST
def acknowledge(request: SignedInRequest, incident_id: str) -> HttpResponse:
    from ymateb.incidents.concern.alerts import alert_acknowledge

    alert_acknowledge(by=request.user, incident_id=incident_id, request=request)
    return redirect("incidents:detail", incident_id=incident_id)
