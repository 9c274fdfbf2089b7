from django.urls import path

from ymateb.incidents.concern import views
from ymateb.incidents.pages import incident_path as at

urlpatterns = [
    path("concerns/new/", views.report_concern, name="report"),
    path("concerns/<uuid:incident_id>/receipt/", views.receipt, name="receipt"),
    at("acknowledge/", views.acknowledge, "acknowledge"),
]
