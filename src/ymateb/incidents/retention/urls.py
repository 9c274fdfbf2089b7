from django.urls import path

from ymateb.incidents.retention import views

R = "records/retention/"

urlpatterns = [
    path(R, views.retention_review, name="retention"),
    path(f"{R}<uuid:incident_id>/request/", views.retention_request, name="retention_request"),
    path(f"{R}<uuid:incident_id>/approve/", views.retention_approve, name="retention_approve"),
]
