from django.urls import path

from ymateb.incidents.views import actions, concern, journey, referrals, review, risk

app_name = "incidents"

urlpatterns = [
    path("concerns/new/", concern.report_concern, name="report"),
    path("concerns/<uuid:incident_id>/receipt/", concern.receipt, name="receipt"),
    path("incidents/", concern.incident_list, name="list"),
    path("incidents/<uuid:incident_id>/", concern.incident_detail, name="detail"),
    *journey.urlpatterns,
    *review.urlpatterns,
    *referrals.urlpatterns,
    *risk.urlpatterns,
    *actions.urlpatterns,
]
