from django.urls import path

from ymateb.incidents.devices import views

urlpatterns = [
    path("incidents/<uuid:incident_id>/devices/", views.devices, name="devices"),
    path("incidents/<uuid:incident_id>/devices/new/", views.device_new, name="device_new"),
    path(
        "incidents/<uuid:incident_id>/devices/<uuid:device_id>/",
        views.device_update,
        name="device_update",
    ),
    path(
        "incidents/<uuid:incident_id>/devices/<uuid:device_id>/reveal/",
        views.device_reveal,
        name="device_reveal",
    ),
]
