from django.urls import path

from ymateb.incidents.overview import views
from ymateb.incidents.pages import incident_path as at

urlpatterns = [
    path("incidents/", views.incident_list, name="list"),
    at("", views.incident_detail, "detail"),
    at("chronology/", views.chronology, "chronology"),
    at("review-date/", views.review_date, "review_date"),
]
