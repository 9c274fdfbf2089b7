from django.urls import path

from ymateb.incidents.overview import views

urlpatterns = [
    path("incidents/", views.incident_list, name="list"),
    path("incidents/<uuid:incident_id>/", views.incident_detail, name="detail"),
    path("incidents/<uuid:incident_id>/chronology/", views.chronology, name="chronology"),
    path("incidents/<uuid:incident_id>/review-date/", views.review_date, name="review_date"),
]
