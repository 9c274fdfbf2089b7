from django.urls import path

from ymateb.incidents.retention import views

urlpatterns = [
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
]
