from django.urls import path

from ymateb.incidents.risk import views

urlpatterns = [
    path("incidents/<uuid:incident_id>/risk/", views.risk_overview, name="risk"),
    path(
        "incidents/<uuid:incident_id>/risk-assessment/",
        views.risk_assessment,
        name="risk_assessment",
    ),
    path(
        "incidents/<uuid:incident_id>/children/<uuid:child_id>/interview/",
        views.interview_new,
        name="interview_new",
    ),
    path(
        "incidents/<uuid:incident_id>/children/<uuid:child_id>/continuum/",
        views.continuum,
        name="continuum",
    ),
]
