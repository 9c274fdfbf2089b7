from django.urls import path

from ymateb.incidents.decision import views

urlpatterns = [
    path(
        "incidents/<uuid:incident_id>/review/send-for-sign-off/",
        views.send_for_sign_off,
        name="send_for_sign_off",
    ),
    path("incidents/<uuid:incident_id>/sign-off/", views.sign_off, name="sign_off"),
]
