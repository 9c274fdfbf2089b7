from django.urls import path

from ymateb.incidents.concern import views

urlpatterns = [
    path("concerns/new/", views.report_concern, name="report"),
    path("concerns/<uuid:incident_id>/receipt/", views.receipt, name="receipt"),
    path("incidents/<uuid:incident_id>/acknowledge/", views.acknowledge, name="acknowledge"),
]
