from django.urls import path

from ymateb.incidents.actions import views

urlpatterns = [
    path("incidents/<uuid:incident_id>/actions/", views.actions, name="actions"),
    path(
        "incidents/<uuid:incident_id>/actions/suggest/",
        views.actions_suggest,
        name="actions_suggest",
    ),
    path("incidents/<uuid:incident_id>/actions/new/", views.action_new, name="action_new"),
    path(
        "incidents/<uuid:incident_id>/actions/<uuid:action_id>/",
        views.action_update,
        name="action_update",
    ),
]
