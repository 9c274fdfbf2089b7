from django.urls import path

from ymateb.records import views

app_name = "records"

urlpatterns = [
    path("records/subject-access/", views.subject_access_search, name="subject_access"),
    path(
        "records/subject-access/export/", views.subject_access_export, name="subject_access_export"
    ),
    path("records/retention/", views.retention_review, name="retention"),
    path(
        "records/retention/<uuid:incident_id>/request/",
        views.retention_request,
        name="retention_request",
    ),
    path(
        "records/retention/<uuid:incident_id>/approve/",
        views.retention_approve,
        name="retention_approve",
    ),
    path("security-events/", views.security_events, name="security_events"),
    path("security-events/export/", views.security_events_export, name="security_events_export"),
]
