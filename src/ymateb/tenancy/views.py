"""The setting's "People and roles" page, for its leadership: who holds which role, and the
safeguarding roles an installation admin proposed that wait for leadership to confirm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ymateb.tenancy import services
from ymateb.tenancy.models import Membership, Setting

if TYPE_CHECKING:  # accounts is the floor above: named for the annotation only
    from ymateb.accounts.requests import SignedInRequest

DECISIONS = {"confirm": services.confirm, "refuse": services.refuse}


@login_required
@require_http_methods(["GET", "POST"])
def people(request: SignedInRequest, setting_id: int) -> HttpResponse:
    user = request.user
    if setting_id not in services.settings_led_by(user):
        raise PermissionDenied
    setting = get_object_or_404(Setting, pk=setting_id)
    problem = ""
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        grant_id = request.POST.get("grant", "")
        grant = (
            Membership.all_objects.filter(setting=setting, pk=int(grant_id)).first()
            if grant_id.isdigit() and len(grant_id) < 19
            else None
        )
        if decision not in DECISIONS or grant is None:
            from django.utils.translation import gettext as _

            problem = _("That role is no longer waiting for confirmation. Check the list below.")
        else:
            try:
                DECISIONS[decision](grant, by=user, request=request)
            except services.CannotConfirm as refusal:
                problem = str(refusal)
            else:
                return redirect(f"{reverse('tenancy:people', args=[setting.pk])}?done={decision}")
    grants = list(
        Membership.all_objects.filter(setting=setting)
        .select_related("user", "granted_by", "confirmed_by")
        .order_by("user__full_name", "role")
    )
    pending = [(g, services.confirmation_refusal(g, user)) for g in grants if not g.is_confirmed]
    context = {
        "setting": setting,
        "confirmed": [g for g in grants if g.is_confirmed],
        "pending": pending,
        "problem": problem,
        "extra_errors": [{"text": problem, "href": "#main-content"}] if problem else [],
        "done": request.GET.get("done") if request.method == "GET" else None,
    }
    return render(request, "tenancy/people.html", context, status=400 if problem else 200)
