"""Referrals and their outcomes ("How to report online content to the police",
"Social services contact and referrals"). Views validate with a form, call a service and
redirect; every page that shows the incident is an audited read."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ymateb.accounts.requests import SignedInRequest
from ymateb.incidents import pages
from ymateb.incidents.engine_record import has_trigger
from ymateb.incidents.models import Incident, Referral
from ymateb.incidents.referral import services
from ymateb.incidents.referral.forms import ReferralForm, ReferralOutcomeForm

FORM_PAGE = pages.FormPage(
    "incidents/referral/form.html",
    done="incidents:referrals",
    words={
        "not_from_this_state": gettext_lazy(
            "The incident could not be moved to 'Referred' at this stage."
        )
    },
)
OUTCOME_PAGE = pages.FormPage("incidents/referral/outcome.html", done="incidents:referrals")

ROUTE_HINTS = {
    Referral.Route.POLICE_999: gettext_lazy(
        "Call 999 if a child is in immediate danger or there is a threat to life."
    ),
    Referral.Route.MASH: gettext_lazy(
        "Usually the first place to refer to. The MASH involves the police or social "
        "services as needed."
    ),
    Referral.Route.SCPO: gettext_lazy("Your setting's schools community police officer."),
    Referral.Route.POLICE_101: gettext_lazy(
        "The call handler may not be a specialist. Once you name a child or give details, "
        "the police must record and investigate it: it is a report, not a request for advice."
    ),
    Referral.Route.SOCIAL_SERVICES: gettext_lazy(
        "For example when a child has, or has had, a social worker, or when telling the "
        "parents or carers would put the child at risk."
    ),
    Referral.Route.NCA_CEOP: gettext_lazy(
        "If a child is being sexually abused, exploited or groomed online: report to NCA-CEOP "
        "as well as to the police or the MASH."
    ),
}


def route_items(form: ReferralForm) -> list[dict[str, Any]]:
    current = str(form["route"].value() or "")
    return [
        {
            "value": code,
            "text": str(label),
            "checked": code == current,
            "hint": {"text": str(ROUTE_HINTS[Referral.Route(code)])},
        }
        for code, label in form.fields["route"].choices  # type: ignore[attr-defined]
    ]


@pages.incident_page("referrals")
def referral_list(request: SignedInRequest, incident: Incident) -> HttpResponse:
    referrals = list(incident.referrals.select_related("made_by").order_by("made_at"))
    return render(
        request,
        "incidents/referral/list.html",
        {
            "incident": incident,
            "referrals": referrals,
            "can_change": pages.can_change(request.user, incident) and incident.state != "closed",
        },
    )


@pages.incident_page("referral_new", change="post", methods=("GET", "POST"))
def referral_new(request: SignedInRequest, incident: Incident) -> HttpResponse:
    form = ReferralForm(
        pages.posted(request),
        reported_on=timezone.localdate(incident.reported_at),
        initial={"version": incident.version},
    )
    context: dict[str, Any] = {
        "incident": incident,
        "form": form,
        "can_change": pages.can_change(request.user, incident),
        "immediate_risk": has_trigger(incident, "immediate_risk_of_harm"),
        "adult_involved": has_trigger(incident, "adult_involvement"),
        "problem": str(pages.CLOSED) if incident.state == "closed" else None,
    }

    def save(data: dict[str, Any]) -> Any:
        return services.referral_record(
            **pages.change_of(request, incident, data),
            route=data["route"],
            made_at=data["made_at"],
            contact_name=data["contact_name"],
            crime_reference=data["crime_reference"],
            agreed=data["agreed"],
        )

    return FORM_PAGE.show(
        request, incident, form, save, lambda: context | {"route_items": route_items(form)}
    )


@pages.incident_page("referral_outcome", change="post", methods=("GET", "POST"))
def referral_outcome(
    request: SignedInRequest, incident: Incident, referral_id: str
) -> HttpResponse:
    referral = services.referral_of(incident, referral_id)
    form = ReferralOutcomeForm(
        pages.posted(request),
        made_on=timezone.localdate(referral.made_at),
        initial={
            "version": incident.version,
            "outcome": referral.outcome,
            "note": referral.outcome_note,
        },
    )
    if form.is_bound:
        date_data: Any = form.data
    elif referral.outcome_at:
        day = referral.outcome_at
        date_data = {
            "outcome_on_day": day.day,
            "outcome_on_month": day.month,
            "outcome_on_year": day.year,
        }
    else:
        date_data = {}
    context: dict[str, Any] = {
        "incident": incident,
        "referral": referral,
        "form": form,
        "date_data": date_data,
        "can_change": pages.can_change(request.user, incident),
        "problem": str(pages.CLOSED) if incident.state == "closed" else None,
    }

    def save(data: dict[str, Any]) -> Any:
        return services.referral_outcome_record(
            **pages.change_of(request, incident, data),
            referral_id=referral.pk,
            **pages.pick(data, "outcome", "note", "crime_reference", outcome_on="outcome_date"),
        )

    return OUTCOME_PAGE.show(request, incident, form, save, context)
