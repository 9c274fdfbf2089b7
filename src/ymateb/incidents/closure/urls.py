from django.urls import path

from ymateb.incidents.closure import views

urlpatterns = [
    path("incidents/<uuid:incident_id>/close/", views.close, name="close"),
    path("incidents/<uuid:incident_id>/addenda/new/", views.addendum, name="addendum"),
]
